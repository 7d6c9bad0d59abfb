//! Reports read from the daily roll-ups (src/store/rollups.rs): O(days × keys × grid cells) rows instead of every
//! ticket of the period, and the same aggregates as the scan in src/store/metrics.rs. The only per-ticket read
//! left is bounded by one day: solved tickets whose follow-up falls due on the report's *as of* day but after it
//! (overdue or not depends on the second), found by the follow-up due index.

use rusqlite::{Connection, params};

use super::Result;
use super::rollups::COUNTERS;
use crate::domain::metrics::{Dimension, Keys, Tally};
use crate::domain::metrics_report::{Aggregate, Window};

const DAY: i64 = 86_400;

/// Whether a report for `window` at `offset` can be read from roll-ups built for `built`: the same offset, and a
/// window of whole local days.
pub(super) fn usable(built: Option<i64>, window: Window, offset: i64, dims: &[Dimension]) -> bool {
    built == Some(offset)
        && !dims.contains(&Dimension::Tier)
        && (window.from + offset).rem_euclid(DAY) == 0
        && (window.to + offset).rem_euclid(DAY) == 0
        && window.to > window.from
}

fn day_of(t: i64, offset: i64) -> i64 {
    (t + offset).div_euclid(DAY)
}

/// Adds one `metric_days` row's counters (columns from `first` on, in [`COUNTERS`] order) to `t`.
fn add_counts(t: &mut Tally, r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<()> {
    let mut c = [0i64; COUNTERS.len()];
    for (i, v) in c.iter_mut().enumerate().take(COUNTERS.len()) {
        *v = r.get(first + i)?;
    }
    let u = |v: i64| v.max(0) as u64;
    t.created += u(c[0]);
    t.complaints += u(c[1]);
    t.frt_met += u(c[2]);
    t.frt_late += u(c[3]);
    t.solved += u(c[4]);
    t.resolution_met += u(c[5]);
    t.resolution_late += u(c[6]);
    t.next_reply_met += u(c[7]);
    t.next_reply_late += u(c[8]);
    t.first_contact += u(c[9]);
    t.reopened += u(c[10]);
    t.followed_up += u(c[11]);
    t.csat_n += u(c[12]);
    t.csat_good += u(c[13]);
    t.csat_sum += c[14];
    t.nps_n += u(c[15]);
    t.promoters += u(c[16]);
    t.detractors += u(c[17]);
    t.ces_n += u(c[18]);
    t.ces_sum += c[19];
    t.frt_sum += u(c[20]);
    t.resolution_sum += u(c[21]);
    t.frt_wall_sum += u(c[22]);
    t.resolution_wall_sum += u(c[23]);
    Ok(())
}

/// Adds one `metric_day_cells` row to `t`: time samples on the grid, or follow-ups due by `as_of_day`.
fn add_cell(t: &mut Tally, measure: &str, cell: i64, n: i64, as_of_day: i64) {
    let n = n.max(0) as usize;
    let secs = u32::try_from(cell.max(0)).unwrap_or(u32::MAX);
    match measure {
        "frt" => t.frt_cells.push((secs, n as u64)),
        "res" => t.resolution_cells.push((secs, n as u64)),
        "frtw" => t.frt_wall_cells.push((secs, n as u64)),
        "resw" => t.resolution_wall_cells.push((secs, n as u64)),
        "due" if cell <= as_of_day => t.follow_up_missed += n as u64,
        _ => {}
    }
}

/// Applies `f` to the tallies a row of dimension `dim` (`""`: the whole desk), `key` and window day `day` feeds.
fn each(
    agg: &mut Aggregate,
    dim: Option<Dimension>,
    key: &str,
    day: usize,
    mut f: impl FnMut(&mut Tally),
) {
    match dim {
        None => {
            f(&mut agg.total);
            if let Some(d) = agg.days.get_mut(day) {
                f(d);
            }
        }
        Some(d) => {
            if let Some(groups) = agg.by.get_mut(&d) {
                // Look up before inserting: a key is new a handful of times, seen thousands.
                if !groups.contains_key(key) {
                    groups.insert(key.to_string(), Tally::default());
                }
                if let Some(t) = groups.get_mut(key) {
                    f(t);
                }
            }
        }
    }
}

/// One dimension's tallies while its rows are read. Rows come key after key within a day, so the key of the row
/// before answers most lookups with one comparison; a map's search per row was a quarter of a 90-day report.
struct KeyTallies {
    keys: Vec<(String, Tally)>,
    last: usize,
}

impl KeyTallies {
    fn take(agg: &mut Aggregate, d: Dimension) -> KeyTallies {
        let keys = agg.by.get_mut(&d).map(std::mem::take).unwrap_or_default();
        KeyTallies {
            keys: keys.into_iter().collect(),
            last: 0,
        }
    }

    fn get(&mut self, key: &str) -> &mut Tally {
        if self.keys.get(self.last).is_none_or(|(k, _)| k != key) {
            self.last = match self.keys.iter().position(|(k, _)| k == key) {
                Some(i) => i,
                None => {
                    self.keys.push((key.to_string(), Tally::default()));
                    self.keys.len() - 1
                }
            };
        }
        &mut self.keys[self.last].1
    }

    fn put_back(self, agg: &mut Aggregate, d: Dimension) {
        if let Some(groups) = agg.by.get_mut(&d) {
            groups.extend(self.keys);
        }
    }
}

/// Fills `agg` (made for `w`, with its per-day tallies and dimensions) from the roll-ups, follow-ups judged as of
/// `as_of`.
pub(super) fn read(
    conn: &Connection,
    agg: &mut Aggregate,
    w: Window,
    as_of: i64,
    offset: i64,
) -> Result<()> {
    let (from_day, to_day) = (day_of(w.from, offset), day_of(w.to, offset));
    let as_of_day = day_of(as_of, offset);
    let dims: Vec<Option<Dimension>> = std::iter::once(None)
        .chain(agg.by.keys().map(|d| Some(*d)))
        .collect();
    let names: Vec<&str> = COUNTERS.iter().map(|c| c.0).collect();
    let mut days = conn.prepare_cached(&format!(
        "SELECT day, key, {} FROM metric_days
         WHERE dim = ?1 AND day >= ?2 AND day < ?3 AND (created <> 0 OR solved <> 0)",
        names.join(", ")
    ))?;
    let mut cells = conn.prepare_cached(
        "SELECT day, key, measure, cell, n FROM metric_day_cells
         WHERE dim = ?1 AND day >= ?2 AND day < ?3 AND n > 0",
    )?;
    for dim in dims {
        let name = dim.map_or("", Dimension::as_str);
        let mut keyed = dim.map(|d| KeyTallies::take(agg, d));
        // The tallies a row of `key` on window day `day` feeds: the desk's total and that day's, or the key's.
        let mut feed = |agg: &mut Aggregate,
                        key: &str,
                        day: usize,
                        f: &mut dyn FnMut(&mut Tally)| match keyed.as_mut() {
            Some(k) => f(k.get(key)),
            None => {
                f(&mut agg.total);
                if let Some(d) = agg.days.get_mut(day) {
                    f(d);
                }
            }
        };
        let mut rows = days.query(params![name, from_day, to_day])?;
        while let Some(r) = rows.next()? {
            let day = (r.get::<_, i64>(0)? - from_day) as usize;
            let key = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            let mut failed = None;
            feed(agg, key, day, &mut |t| {
                if let Err(e) = add_counts(t, r, 2) {
                    failed = Some(e);
                }
            });
            if let Some(e) = failed {
                return Err(e.into());
            }
        }
        let mut rows = cells.query(params![name, from_day, to_day])?;
        while let Some(r) = rows.next()? {
            let day = (r.get::<_, i64>(0)? - from_day) as usize;
            let key = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            let measure = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
            let (cell, n): (i64, i64) = (r.get(3)?, r.get(4)?);
            feed(agg, key, day, &mut |t| {
                add_cell(t, measure, cell, n, as_of_day)
            });
        }
        if let (Some(d), Some(k)) = (dim, keyed) {
            k.put_back(agg, d);
        }
    }
    not_yet_due(conn, agg, w, as_of, offset)
}

/// Follow-ups counted above as due on the *as of* day that fall due after *as of* itself: not missed yet.
fn not_yet_due(
    conn: &Connection,
    agg: &mut Aggregate,
    w: Window,
    as_of: i64,
    offset: i64,
) -> Result<()> {
    let day_end = (day_of(as_of, offset) + 1) * DAY - offset;
    let mut stmt = conn.prepare_cached(
        "SELECT solved_at, channel, kind, priority, assignee_id, group_id
           FROM tickets INDEXED BY tickets_follow_up_due
          WHERE follow_up_due_at > ?1 AND follow_up_due_at < ?2 AND loop_stage = 'solved'
            AND solved_at >= ?3 AND solved_at < ?4",
    )?;
    let mut rows = stmt.query(params![as_of, day_end, w.from, w.to])?;
    let from_day = day_of(w.from, offset);
    let dims: Vec<Dimension> = agg.by.keys().copied().collect();
    while let Some(r) = rows.next()? {
        let at: i64 = r.get(0)?;
        let keys = Keys {
            channel: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            kind: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            priority: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            agent: r.get(4)?,
            group: r.get(5)?,
            tier: None,
        };
        let day = (day_of(at, offset) - from_day) as usize;
        each(agg, None, "", day, unmiss);
        for d in &dims {
            each(agg, Some(*d), keys.get(*d).unwrap_or(""), 0, unmiss);
        }
    }
    Ok(())
}

fn unmiss(t: &mut Tally) {
    t.follow_up_missed = t.follow_up_missed.saturating_sub(1);
}
