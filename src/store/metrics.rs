//! Metric records for reports and the dashboard: index-only range scans over the tickets created and solved in a
//! window (`tickets_created_facts`, `tickets_solved_facts`), streamed into `domain::metrics_report::Aggregate`,
//! plus the few counts and lists the report adds. Measuring tickets written before migration 6 (or in bulk) is
//! here too: it needs the calendar, so it runs in Rust, in short batches.

use std::collections::BTreeMap;
use std::sync::Arc;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OpenFlags, params};

use super::changes::with_retry;
use super::{Result, Store, StoreError};
use crate::domain::metrics::{CreatedFact, Dimension, Keys, SolvedFact, follow_up_state};
use crate::domain::metrics_report::{Aggregate, Comment, Count, ReportInput, Window};
use crate::domain::service_loop::LoopStage;

/// What to aggregate for one report or dashboard load.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricsQuery {
    pub window: Window,
    /// Follow-ups due after this are not yet missed; usually now.
    pub as_of: i64,
    /// Seconds east of UTC: where local days start.
    pub offset: i64,
    /// Breakdowns to keep per key (the tier one costs a join to customers).
    pub dims: Vec<Dimension>,
    pub group_by: Option<Dimension>,
    /// Complaint tags and survey comments (the Markdown report's problems and appendix).
    pub extras: bool,
}

impl MetricsQuery {
    /// What the Dashboard pane loads: every breakdown it shows (tier is left out: it costs a join), no report
    /// extras.
    pub fn dashboard(window: Window, as_of: i64, offset: i64) -> MetricsQuery {
        MetricsQuery {
            window,
            as_of,
            offset,
            dims: vec![
                Dimension::Agent,
                Dimension::Group,
                Dimension::Channel,
                Dimension::Kind,
                Dimension::Priority,
            ],
            group_by: None,
            extras: false,
        }
    }
}

const UNMEASURED: &str = "FROM tickets INDEXED BY tickets_unmeasured
     WHERE measured = 0 AND (first_response_at IS NOT NULL OR solved_at IS NOT NULL)";

impl Store {
    /// Tickets answered or solved that have no measures yet (written before schema 6, or loaded in bulk).
    pub fn unmeasured(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row(&format!("SELECT count(*) {UNMEASURED}"), [], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// Measures every unmeasured ticket in batches of 500, each its own short write; `progress(done, total)`.
    pub fn measure_pending(&mut self, now: i64, progress: &mut dyn FnMut(u64, u64)) -> Result<u64> {
        let total = self.unmeasured()?;
        let rules = Arc::clone(&self.rules);
        let mut done = 0;
        while done < total {
            let ids: Vec<String> = self
                .conn
                .prepare_cached(&format!("SELECT id {UNMEASURED} LIMIT 500"))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if ids.is_empty() {
                break;
            }
            let path = self.path.clone();
            with_retry(&path, || {
                let tx = self.begin_write()?;
                for id in &ids {
                    super::sla::refresh(&tx, &rules, id, now)?;
                }
                tx.commit()?;
                Ok(())
            })?;
            done += ids.len() as u64;
            progress(done.min(total), total);
        }
        Ok(done)
    }

    /// Everything a report needs for `q.window` and the window before it: from the daily roll-ups when they are
    /// built for `q.offset` (O(days)), else by scanning the periods' tickets ([`Store::metrics_scan`]).
    pub fn metrics(&self, q: &MetricsQuery) -> Result<ReportInput> {
        match self.metrics_from_rollups(q)? {
            Some(input) => Ok(input),
            None => self.metrics_scan(q),
        }
    }

    /// The report's input from the daily roll-ups; `None` when they cannot answer `q` (not built for its UTC
    /// offset, a tier breakdown, a window not of whole local days).
    pub fn metrics_from_rollups(&self, q: &MetricsQuery) -> Result<Option<ReportInput>> {
        let built = self.rollups_offset()?;
        if !super::rollup_read::usable(built, q.window, q.offset, &q.dims) {
            return Ok(None);
        }
        let prev_window = q.window.previous();
        let mut current = Aggregate::new(q.window, true, &q.dims);
        super::rollup_read::read(&self.conn, &mut current, q.window, q.as_of, q.offset)?;
        let mut previous = Aggregate::new(prev_window, false, &[]);
        let prev_as_of = q.as_of.min(q.window.from);
        super::rollup_read::read(&self.conn, &mut previous, prev_window, prev_as_of, q.offset)?;
        // Questionnaire answers are few (a share of solved tickets): read from their own index, not rolled up.
        let keyed = Keyed::With { tier: false };
        super::survey_items::item_facts(&self.conn, q.window, keyed, &mut |f| current.add_item(f))?;
        super::survey_items::item_facts(&self.conn, prev_window, Keyed::Without, &mut |f| {
            previous.add_item(f)
        })?;
        let (created_after, solved_after): (i64, i64) = self.conn.prepare_cached(
            "SELECT coalesce(sum(created), 0), coalesce(sum(solved), 0) FROM metric_days WHERE dim = '' AND day >= ?1",
        )?.query_row(params![(q.window.to + q.offset).div_euclid(86_400)], |r| Ok((r.get(0)?, r.get(1)?)))?;
        self.report_input(
            q,
            current,
            previous,
            created_after.max(0) as u64,
            solved_after.max(0) as u64,
            true,
        )
        .map(Some)
    }

    /// The same as [`Store::metrics`] from the tickets themselves: two index-only range scans per period. Used when
    /// the roll-ups cannot answer (another UTC offset, a tier breakdown, a window not of whole days), and by tests
    /// as the reference the roll-ups must match.
    pub fn metrics_scan(&self, q: &MetricsQuery) -> Result<ReportInput> {
        let prev_window = q.window.previous();
        let prev_as_of = q.as_of.min(q.window.from);
        let tier = q.dims.contains(&Dimension::Tier);
        let scan_current = |conn: &Connection| -> Result<Aggregate> {
            let mut current = Aggregate::new(q.window, true, &q.dims);
            created_facts(conn, q.window, Keyed::With { tier }, &mut |f| {
                current.add_created(f)
            })?;
            solved_facts(conn, q.window, q.as_of, Keyed::With { tier }, &mut |f| {
                current.add_solved(f)
            })?;
            super::survey_items::item_facts(conn, q.window, Keyed::With { tier }, &mut |f| {
                current.add_item(f)
            })?;
            Ok(current)
        };
        // The previous period is compared as a whole: its rows are read without their keys.
        let scan_previous = |conn: &Connection| -> Result<Aggregate> {
            let mut previous = Aggregate::new(prev_window, false, &[]);
            created_facts(conn, prev_window, Keyed::Without, &mut |f| {
                previous.add_created(f)
            })?;
            solved_facts(conn, prev_window, prev_as_of, Keyed::Without, &mut |f| {
                previous.add_solved(f)
            })?;
            super::survey_items::item_facts(conn, prev_window, Keyed::Without, &mut |f| {
                previous.add_item(f)
            })?;
            Ok(previous)
        };
        // The two periods are independent scans of about the same size: on a file, the previous one runs on a
        // second connection in parallel, which halves the wait on a machine with two cores.
        let (current, previous) = match self.second_reader() {
            Some(reader) => std::thread::scope(|scope| {
                let previous = scope.spawn(move || scan_previous(&reader));
                let current = scan_current(&self.conn);
                let previous = previous.join().map_err(|_| {
                    StoreError::Refused("the previous period's scan stopped unexpectedly".into())
                })?;
                Ok::<_, StoreError>((current?, previous?))
            })?,
            None => (scan_current(&self.conn)?, scan_previous(&self.conn)?),
        };
        let count = |sql: &str, at: i64| -> Result<u64> {
            let n: i64 = self
                .conn
                .prepare_cached(sql)?
                .query_row(params![at], |r| r.get(0))?;
            Ok(n.max(0) as u64)
        };
        let created_after = count(
            "SELECT count(*) FROM tickets INDEXED BY tickets_created_facts WHERE status <> 'merged' AND created_at >= ?1",
            q.window.to,
        )?;
        let solved_after = count(
            "SELECT count(*) FROM tickets INDEXED BY tickets_solved_facts WHERE solved_at IS NOT NULL AND solved_at >= ?1",
            q.window.to,
        )?;
        self.report_input(q, current, previous, created_after, solved_after, false)
    }

    /// The rest of a report's input beside the two periods' aggregates: the backlog now, names, the extras.
    fn report_input(
        &self,
        q: &MetricsQuery,
        current: Aggregate,
        previous: Aggregate,
        created_after: u64,
        solved_after: u64,
        rollups: bool,
    ) -> Result<ReportInput> {
        let backlog_now: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM tickets WHERE status IN ('new', 'open', 'pending', 'on_hold') AND ?1 = ?1",
            )?
            .query_row(params![0], |r| r.get(0))?;
        let labels = self.metric_labels(&current)?;
        let (complaint_tags, comments, complaint_causes) = if q.extras {
            (
                if rollups {
                    self.complaint_tags_rolled_up(q.window, q.offset)?
                } else {
                    self.complaint_tags(q.window)?
                },
                self.low_score_comments(q.window)?,
                self.complaint_causes(q.window)?,
            )
        } else {
            (Vec::new(), Vec::new(), Default::default())
        };
        Ok(ReportInput {
            as_of: q.as_of,
            offset: q.offset,
            current,
            previous,
            backlog_now,
            created_after,
            solved_after,
            labels,
            group_by: q.group_by,
            complaint_tags,
            complaint_causes,
            comments,
            topics: self.topic_counts(q.window, q.offset)?,
        })
    }

    /// A second connection to the same file for a parallel read; `None` in memory or when it cannot be opened
    /// (the caller then reads on its own connection).
    fn second_reader(&self) -> Option<Connection> {
        if self.path.as_os_str() == ":memory:" {
            return None;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags).ok()?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).ok()?;
        Some(conn)
    }
}

fn created_facts(
    conn: &Connection,
    w: Window,
    keyed: Keyed,
    add: &mut dyn FnMut(&CreatedFact),
) -> Result<()> {
    let (tier_col, join) = keyed.tier();
    // Kind is read either way: it says which tickets are complaints.
    let keys = match keyed {
        Keyed::With { .. } => "t.channel, t.kind, t.priority, t.assignee_id, t.group_id",
        Keyed::Without => "NULL, t.kind, NULL, NULL, NULL",
    };
    let sql = format!(
        "SELECT t.created_at, {keys}, t.frt_secs, t.frt_late, t.first_response_at{tier_col}
             FROM tickets t INDEXED BY tickets_created_facts{join}
             WHERE t.status <> 'merged' AND t.created_at >= ?1 AND t.created_at < ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![w.from, w.to])?;
    // One record reused for every row: its key strings keep their capacity, so a scan of hundreds of
    // thousands of rows allocates almost nothing.
    let mut fact = CreatedFact::default();
    while let Some(r) = rows.next()? {
        fact.at = r.get(0)?;
        read_keys(r, [1, 2, 3, 4, 5, 9], &mut fact.keys)?;
        fact.complaint = fact.keys.kind == "complaint";
        fact.frt_secs = r.get(6)?;
        fact.frt_late = r.get(7)?;
        fact.first_response_at = r.get(8)?;
        add(&fact);
    }
    Ok(())
}

fn solved_facts(
    conn: &Connection,
    w: Window,
    as_of: i64,
    keyed: Keyed,
    add: &mut dyn FnMut(&SolvedFact),
) -> Result<()> {
    let (tier_col, join) = keyed.tier();
    let keys = match keyed {
        Keyed::With { .. } => "t.channel, t.kind, t.priority, t.assignee_id, t.group_id",
        Keyed::Without => "NULL, NULL, NULL, NULL, NULL",
    };
    let sql = format!(
            "SELECT t.solved_at, {keys}, t.resolution_secs,
                    t.resolution_late, t.next_reply_late, t.agent_replies, t.reopens, t.csat, t.nps, t.ces,
                    t.loop_stage, t.follow_up_due_at, t.created_at{tier_col}
             FROM tickets t INDEXED BY tickets_solved_facts{join}
             WHERE t.solved_at IS NOT NULL AND t.solved_at >= ?1 AND t.solved_at < ?2"
        );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![w.from, w.to])?;
    let mut fact = SolvedFact::default();
    while let Some(r) = rows.next()? {
        let stage = r
            .get_ref(14)?
            .as_str_or_null()
            .map_err(rusqlite::Error::from)?
            .and_then(LoopStage::parse);
        fact.at = r.get(0)?;
        read_keys(r, [1, 2, 3, 4, 5, 17], &mut fact.keys)?;
        fact.created_at = r.get(16)?;
        fact.resolution_secs = r.get(6)?;
        fact.resolution_late = r.get(7)?;
        fact.next_reply_late = r.get(8)?;
        fact.agent_replies = r.get(9)?;
        fact.reopens = r.get(10)?;
        fact.csat = r.get(11)?;
        fact.nps = r.get(12)?;
        fact.ces = r.get(13)?;
        fact.followed_up = follow_up_state(stage, r.get(15)?, as_of);
        add(&fact);
    }
    Ok(())
}

impl Store {
    /// Names of the agents and groups that appear in the aggregate (a handful of rows, looked up by id), and
    /// the tiers as the team names them (`crm.tier_names`).
    fn metric_labels(&self, agg: &Aggregate) -> Result<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        for t in crate::domain::customer::Tier::ALL {
            let name = self.rules.crm.tier_name(*t);
            out.insert(t.as_str().to_string(), name.to_string());
        }
        for (dim, table) in [(Dimension::Agent, "agents"), (Dimension::Group, "groups")] {
            let ids: Vec<SqlValue> = agg
                .by
                .get(&dim)
                .into_iter()
                .flat_map(|m| m.keys())
                .filter(|k| !k.is_empty())
                .map(|k| SqlValue::Text(k.clone()))
                .collect();
            if ids.is_empty() {
                continue;
            }
            let marks = vec!["?"; ids.len()].join(", ");
            let mut stmt = self.conn.prepare(&format!(
                "SELECT id, name FROM {table} WHERE id IN ({marks})"
            ))?;
            let rows = stmt.query_map(rusqlite::params_from_iter(ids), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (id, name) = row?;
                out.insert(id, crate::domain::text::sanitize(&name));
            }
        }
        Ok(out)
    }

    /// The most frequent tags on complaints created in the window (the report's complaint categories).
    fn complaint_tags(&self, w: Window) -> Result<Vec<Count>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT g.tag, count(*) FROM tickets t INDEXED BY tickets_created_facts
               JOIN tags g ON g.entity = 'ticket' AND g.entity_id = t.id
             WHERE t.status <> 'merged' AND t.created_at >= ?1 AND t.created_at < ?2 AND t.kind = 'complaint'
             GROUP BY g.tag ORDER BY 2 DESC, 1 LIMIT 5",
        )?;
        let rows = stmt.query_map(params![w.from, w.to], |r| {
            Ok(Count {
                name: crate::domain::text::sanitize(&r.get::<_, String>(0)?),
                count: r.get::<_, i64>(1)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// [`Store::complaint_tags`] from the daily roll-ups.
    fn complaint_tags_rolled_up(&self, w: Window, offset: i64) -> Result<Vec<Count>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT tag, sum(n) FROM metric_complaint_tags WHERE day >= ?1 AND day < ?2
             GROUP BY tag HAVING sum(n) > 0 ORDER BY 2 DESC, 1 LIMIT 5",
        )?;
        let day = |t: i64| (t + offset).div_euclid(86_400);
        let rows = stmt.query_map(params![day(w.from), day(w.to)], |r| {
            Ok(Count {
                name: crate::domain::text::sanitize(&r.get::<_, String>(0)?),
                count: r.get::<_, i64>(1)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Comments with detractor or low scores about tickets solved in the window (the tickets the survey numbers
    /// count), newest first, at most five per survey kind. Low surveys with a comment are walked newest first on
    /// their own partial index (migration 23) until five are about such tickets: for a period ending now that is a
    /// handful of rows, however long the period.
    fn low_score_comments(&self, w: Window) -> Result<Vec<Comment>> {
        let mut out = Vec::new();
        for (kind, low) in [("csat", "<= 2"), ("nps", "<= 6"), ("ces", ">= 5")] {
            // Kind and bound come from the list above; they must be literals for the partial index to apply.
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT t.number, s.score, s.at, s.comment FROM surveys s INDEXED BY surveys_low_{kind}
                   JOIN tickets t ON t.id = s.ticket_id
                 WHERE s.kind = '{kind}' AND s.score {low} AND s.comment <> ''
                   AND t.solved_at IS NOT NULL AND t.solved_at >= ?1 AND t.solved_at < ?2 AND t.{kind} {low}
                 ORDER BY s.at DESC LIMIT 5"
            ))?;
            let rows = stmt.query_map(params![w.from, w.to], |r| {
                Ok(Comment {
                    ticket: r.get(0)?,
                    kind: kind.to_string(),
                    score: r.get(1)?,
                    at: r.get(2)?,
                    text: crate::domain::text::one_line(&crate::domain::text::sanitize(
                        &r.get::<_, String>(3)?,
                    )),
                })
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        out.sort_by(|a, b| b.at.cmp(&a.at).then(a.ticket.cmp(&b.ticket)));
        Ok(out)
    }

    /// `EXPLAIN QUERY PLAN` of the metric scans, for the test that keeps them on their indexes.
    pub fn metrics_query_plans(&self) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for (name, sql) in [
            (
                "created",
                "SELECT t.created_at, t.channel, t.kind, t.priority, t.assignee_id, t.group_id, t.frt_secs, t.frt_late, t.first_response_at FROM tickets t INDEXED BY tickets_created_facts WHERE t.status <> 'merged' AND t.created_at >= 0 AND t.created_at < 1",
            ),
            (
                "solved",
                "SELECT t.solved_at, t.channel, t.kind, t.priority, t.assignee_id, t.group_id, t.resolution_secs, t.resolution_late, t.next_reply_late, t.agent_replies, t.reopens, t.csat, t.nps, t.ces, t.loop_stage, t.follow_up_due_at, t.created_at FROM tickets t INDEXED BY tickets_solved_facts WHERE t.solved_at IS NOT NULL AND t.solved_at >= 0 AND t.solved_at < 1",
            ),
            (
                "backlog",
                "SELECT count(*) FROM tickets WHERE status IN ('new', 'open', 'pending', 'on_hold')",
            ),
            ("unmeasured", &format!("SELECT id {UNMEASURED} LIMIT 500")),
            (
                "rollup days",
                "SELECT day, key, created FROM metric_days WHERE dim = 'agent' AND day >= 0 AND day < 1",
            ),
            (
                "rollup cells",
                "SELECT day, key, measure, cell, n FROM metric_day_cells WHERE dim = '' AND day >= 0 AND day < 1",
            ),
            (
                "not yet due",
                "SELECT solved_at, channel FROM tickets INDEXED BY tickets_follow_up_due WHERE follow_up_due_at > 0 AND follow_up_due_at < 1 AND loop_stage = 'solved' AND solved_at >= 0 AND solved_at < 1",
            ),
            ("questionnaire", super::survey_items::PLAN_SQL),
            (
                "latest score",
                "SELECT score FROM surveys WHERE ticket_id = 'x' AND kind = 'csat' ORDER BY at DESC LIMIT 1",
            ),
        ] {
            let plan = super::paging::query_plan(&self.conn, sql, &[])?.join(" / ");
            out.push((name.to_string(), plan));
        }
        Ok(out)
    }
}

/// Reads channel, kind, priority, agent, group and tier (columns `cols`, in that order) into `keys`, reusing its
/// strings' buffers.
pub(super) fn read_keys(
    r: &rusqlite::Row<'_>,
    cols: [usize; 6],
    keys: &mut Keys,
) -> rusqlite::Result<()> {
    let text = |i: usize| -> rusqlite::Result<Option<&str>> {
        r.get_ref(i)?.as_str_or_null().map_err(Into::into)
    };
    fn set(dst: &mut String, src: Option<&str>) {
        dst.clear();
        dst.push_str(src.unwrap_or_default());
    }
    fn set_opt(dst: &mut Option<String>, src: Option<&str>) {
        match (dst.as_mut(), src) {
            (Some(d), Some(s)) => {
                d.clear();
                d.push_str(s);
            }
            (_, s) => *dst = s.map(str::to_string),
        }
    }
    set(&mut keys.channel, text(cols[0])?);
    set(&mut keys.kind, text(cols[1])?);
    set(&mut keys.priority, text(cols[2])?);
    set_opt(&mut keys.agent, text(cols[3])?);
    set_opt(&mut keys.group, text(cols[4])?);
    set_opt(&mut keys.tier, text(cols[5])?);
    Ok(())
}

/// Whether a scan reads the dimensions each record is grouped by (and the customer's tier, which costs a join).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keyed {
    With { tier: bool },
    Without,
}

impl Keyed {
    /// The tier column and the join it needs.
    pub(super) fn tier(self) -> (&'static str, &'static str) {
        match self {
            Keyed::With { tier: true } => {
                (", c.tier", " LEFT JOIN customers c ON c.id = t.customer_id")
            }
            _ => (", NULL", ""),
        }
    }
}
