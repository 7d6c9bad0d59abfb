//! Daily roll-ups of the report's measures (migration 23): per local day and per key of each dimension, the sums
//! and counts every indicator is derived from, and counts per time-grid cell for percentiles. Triggers on
//! `tickets` subtract a row's old contribution and add its new one in the same statement as the write, so every
//! write path (TUI, CLI, mail, sync, measuring) keeps them current. The triggers embed the UTC offset where local
//! days start, so they are created here, by [`rebuild`], not by the migration.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Result, Store};
use crate::domain::metrics_grid::{GRID_VERSION, time_grid};

/// Which side of a ticket a column counts: the day it was created or the day it was (last) solved.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Created,
    Solved,
}

/// `metric_days` columns after (dim, day, key), in table order, with the per-ticket value (`{t}` is the row).
pub(super) const COUNTERS: &[(&str, Side, &str)] = &[
    ("created", Side::Created, "1"),
    ("complaints", Side::Created, "{t}.kind IS 'complaint'"),
    ("frt_met", Side::Created, "coalesce({t}.frt_late = 0, 0)"),
    ("frt_late", Side::Created, "coalesce({t}.frt_late <> 0, 0)"),
    ("solved", Side::Solved, "1"),
    (
        "resolution_met",
        Side::Solved,
        "coalesce({t}.resolution_late = 0, 0)",
    ),
    (
        "resolution_late",
        Side::Solved,
        "coalesce({t}.resolution_late <> 0, 0)",
    ),
    (
        "next_reply_met",
        Side::Solved,
        "coalesce({t}.next_reply_late = 0, 0)",
    ),
    (
        "next_reply_late",
        Side::Solved,
        "coalesce({t}.next_reply_late <> 0, 0)",
    ),
    (
        "first_contact",
        Side::Solved,
        "coalesce({t}.agent_replies <= 1 AND {t}.reopens = 0, 0)",
    ),
    ("reopened", Side::Solved, "coalesce({t}.reopens > 0, 0)"),
    (
        "followed_up",
        Side::Solved,
        "coalesce({t}.loop_stage IN ('followed_up', 'surveyed'), 0)",
    ),
    ("csat_n", Side::Solved, "{t}.csat IS NOT NULL"),
    ("csat_good", Side::Solved, "coalesce({t}.csat >= 4, 0)"),
    ("csat_sum", Side::Solved, "coalesce({t}.csat, 0)"),
    ("nps_n", Side::Solved, "{t}.nps IS NOT NULL"),
    ("promoters", Side::Solved, "coalesce({t}.nps >= 9, 0)"),
    ("detractors", Side::Solved, "coalesce({t}.nps <= 6, 0)"),
    ("ces_n", Side::Solved, "{t}.ces IS NOT NULL"),
    ("ces_sum", Side::Solved, "coalesce({t}.ces, 0)"),
    // Migration 28: sums of the clamped times (as `cell` clamps them) for the means.
    (
        "frt_sum",
        Side::Created,
        "coalesce(max(0, min({t}.frt_secs, 4294967295)), 0)",
    ),
    (
        "resolution_sum",
        Side::Solved,
        "coalesce(max(0, min({t}.resolution_secs, 4294967295)), 0)",
    ),
    (
        "frt_wall_sum",
        Side::Created,
        "coalesce(max(0, min({t}.first_response_at - {t}.created_at, 4294967295)), 0)",
    ),
    (
        "resolution_wall_sum",
        Side::Solved,
        "coalesce(max(0, min({t}.solved_at - {t}.created_at, 4294967295)), 0)",
    ),
];

/// Columns whose change can move a ticket's contribution (status only through `merged`).
const WATCHED: &[&str] = &[
    "created_at",
    "first_response_at",
    "solved_at",
    "assignee_id",
    "group_id",
    "channel",
    "kind",
    "priority",
    "frt_secs",
    "frt_late",
    "resolution_secs",
    "resolution_late",
    "next_reply_late",
    "agent_replies",
    "reopens",
    "csat",
    "nps",
    "ces",
    "loop_stage",
    "follow_up_due_at",
];

const TRIGGERS: [&str; 6] = [
    "metric_rollups_ai",
    "metric_rollups_au",
    "metric_rollups_ad",
    "metric_tags_ai",
    "metric_tags_au",
    "metric_tags_ad",
];

/// What `meta.metric_rollups` says when the roll-ups were built for `offset` on this binary's grid.
pub(super) fn marker(offset: i64) -> String {
    format!("grid {GRID_VERSION} offset {offset}")
}

/// The marker as stored, `None` when the roll-ups are not built (new file, or after a bulk load).
pub(super) fn stored_marker(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'metric_rollups'",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// The offset in a marker written by this binary's grid; `None` for another grid or none.
pub(super) fn built_offset(marker: Option<&str>) -> Option<i64> {
    let rest = marker?.strip_prefix(&format!("grid {GRID_VERSION} offset "))?;
    rest.parse().ok()
}

/// The local day number of the unix-seconds expression `at`.
fn day(at: &str, offset: i64) -> String {
    format!("(({at}) + {offset}) / 86400")
}

/// The ticket column each dimension of `metric_dims` keys by; the dimension `''` (everything) keys by `''`.
pub(super) const DIM_KEYS: &[(&str, &str)] = &[
    ("agent", "assignee_id"),
    ("group", "group_id"),
    ("channel", "channel"),
    ("kind", "kind"),
    ("priority", "priority"),
];

fn key_expr(t: &str) -> String {
    let whens: Vec<String> = DIM_KEYS
        .iter()
        .map(|(dim, col)| format!("WHEN '{dim}' THEN coalesce({t}.{col}, '')"))
        .collect();
    format!("CASE d.dim {} ELSE '' END", whens.join(" "))
}

pub(super) fn side_cond(t: &str, side: Side) -> String {
    match side {
        Side::Created => format!("{t}.status <> 'merged'"),
        Side::Solved => format!("{t}.solved_at IS NOT NULL"),
    }
}

pub(super) fn side_day(t: &str, side: Side, offset: i64) -> String {
    match side {
        Side::Created => day(&format!("{t}.created_at"), offset),
        Side::Solved => day(&format!("{t}.solved_at"), offset),
    }
}

/// Rows (dim, day, key, counters…) that ticket `t` adds, times `sign`, read `from` (which binds `t` and `d`).
pub(super) fn day_rows(t: &str, sign: i64, from: &str, offset: i64) -> String {
    [Side::Created, Side::Solved]
        .iter()
        .map(|&side| {
            let cols: Vec<String> = COUNTERS
                .iter()
                .map(|(name, s, expr)| {
                    if *s == side {
                        format!("{sign} * ({}) AS {name}", expr.replace("{t}", t))
                    } else {
                        format!("0 AS {name}")
                    }
                })
                .collect();
            format!(
                "SELECT d.dim AS dim, {} AS day, {} AS key, {} FROM {from} WHERE {}",
                side_day(t, side, offset),
                key_expr(t),
                cols.join(", "),
                side_cond(t, side)
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ")
}

/// The grid cell of a seconds expression, clamped as the scan clamps samples (`domain::metrics::Tally`).
fn cell(secs: &str) -> String {
    format!(
        "(SELECT upper FROM metric_time_grid WHERE upper >= max(0, min({secs}, 4294967295)) ORDER BY upper LIMIT 1)"
    )
}

/// Each percentile measure a ticket adds a cell to: (measure, the local day it counts on, its grid cell, when it
/// counts), with `{t}` the ticket.
pub(super) fn cell_measures(t: &str, offset: i64) -> [(&'static str, String, String, String); 5] {
    let created = side_day(t, Side::Created, offset);
    let solved = side_day(t, Side::Solved, offset);
    [
        (
            "frt",
            created.clone(),
            cell(&format!("{t}.frt_secs")),
            format!("{t}.status <> 'merged' AND {t}.frt_secs IS NOT NULL"),
        ),
        (
            "res",
            solved.clone(),
            cell(&format!("{t}.resolution_secs")),
            format!("{t}.solved_at IS NOT NULL AND {t}.resolution_secs IS NOT NULL"),
        ),
        (
            "frtw",
            created.clone(),
            cell(&format!("{t}.first_response_at - {t}.created_at")),
            format!("{t}.status <> 'merged' AND {t}.first_response_at IS NOT NULL"),
        ),
        (
            "resw",
            solved.clone(),
            cell(&format!("{t}.solved_at - {t}.created_at")),
            format!("{t}.solved_at IS NOT NULL"),
        ),
        (
            "due",
            solved,
            day(&format!("{t}.follow_up_due_at"), offset),
            format!(
                "{t}.solved_at IS NOT NULL AND {t}.loop_stage = 'solved' AND {t}.follow_up_due_at IS NOT NULL"
            ),
        ),
    ]
}

/// Rows (dim, day, key, measure, cell, n) that ticket `t` adds, times `sign`.
pub(super) fn cell_rows(t: &str, sign: i64, from: &str, offset: i64) -> String {
    let key = key_expr(t);
    cell_measures(t, offset)
        .iter()
        .map(|(measure, day, cell, cond)| {
            format!(
                "SELECT d.dim AS dim, {day} AS day, {key} AS key, '{measure}' AS measure, {cell} AS cell, \
                 {sign} AS n FROM {from} WHERE {cond}"
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ")
}

fn counter_names() -> Vec<&'static str> {
    COUNTERS.iter().map(|c| c.0).collect()
}

/// `INSERT … SELECT` summing `rows` into `metric_days`, adding to what is there.
fn upsert_days(rows: &str) -> String {
    let names = counter_names();
    let sums: Vec<String> = names.iter().map(|n| format!("sum({n})")).collect();
    let nonzero: Vec<String> = names.iter().map(|n| format!("sum({n}) <> 0")).collect();
    let add: Vec<String> = names
        .iter()
        .map(|n| format!("{n} = {n} + excluded.{n}"))
        .collect();
    format!(
        "INSERT INTO metric_days(dim, day, key, {}) SELECT dim, day, key, {} FROM ({rows}) GROUP BY dim, day, key
           HAVING {} ON CONFLICT(dim, day, key) DO UPDATE SET {}",
        names.join(", "),
        sums.join(", "),
        nonzero.join(" OR "),
        add.join(", ")
    )
}

fn upsert_cells(rows: &str) -> String {
    format!(
        "INSERT INTO metric_day_cells(dim, day, key, measure, cell, n)
           SELECT dim, day, key, measure, cell, sum(n) FROM ({rows}) GROUP BY dim, day, key, measure, cell
           HAVING sum(n) <> 0
         ON CONFLICT(dim, day, key, measure, cell) DO UPDATE SET n = n + excluded.n"
    )
}

/// Rows (day, tag, n) of complaint ticket `t`'s tags, times `sign` (`g` is bound to its tag rows).
fn tag_rows(t: &str, sign: i64, offset: i64) -> String {
    format!(
        "SELECT {} AS day, g.tag AS tag, {sign} AS n FROM tags g
          WHERE g.entity = 'ticket' AND g.entity_id = {t}.id AND {t}.kind = 'complaint' AND {t}.status <> 'merged'",
        day(&format!("{t}.created_at"), offset)
    )
}

/// Rows (day, tag, n) tag row `g` adds to the complaint tags, times `sign`, when it tags a complaint.
fn tagged_rows(g: &str, sign: i64, offset: i64) -> String {
    format!(
        "SELECT {} AS day, {g}.tag AS tag, {sign} AS n FROM tickets t
          WHERE {g}.entity = 'ticket' AND t.id = {g}.entity_id AND t.kind = 'complaint' AND t.status <> 'merged'",
        day("t.created_at", offset)
    )
}

fn upsert_tags(rows: &str) -> String {
    format!(
        "INSERT INTO metric_complaint_tags(day, tag, n) SELECT day, tag, sum(n) FROM ({rows}) GROUP BY day, tag
           HAVING sum(n) <> 0
         ON CONFLICT(day, tag) DO UPDATE SET n = n + excluded.n"
    )
}

/// The triggers on `tags` that keep the complaint tags current.
fn tag_trigger_sql(offset: i64) -> Vec<String> {
    let ins = upsert_tags(&tagged_rows("NEW", 1, offset));
    let del = upsert_tags(&tagged_rows("OLD", -1, offset));
    let upd = upsert_tags(&format!(
        "{} UNION ALL {}",
        tagged_rows("OLD", -1, offset),
        tagged_rows("NEW", 1, offset)
    ));
    vec![
        format!("CREATE TRIGGER metric_tags_ai AFTER INSERT ON tags BEGIN {ins}; END"),
        format!("CREATE TRIGGER metric_tags_au AFTER UPDATE ON tags BEGIN {upd}; END"),
        format!("CREATE TRIGGER metric_tags_ad AFTER DELETE ON tags BEGIN {del}; END"),
    ]
}

/// The triggers that keep the roll-ups current for `offset`.
fn trigger_sql(offset: i64) -> Vec<String> {
    let from = "metric_dims d";
    let both = |old: &str, new: &str| -> (String, String) {
        let days: Vec<String> = [(old, -1), (new, 1)]
            .iter()
            .filter(|(t, _)| !t.is_empty())
            .map(|(t, s)| day_rows(t, *s, from, offset))
            .collect();
        let cells: Vec<String> = [(old, -1), (new, 1)]
            .iter()
            .filter(|(t, _)| !t.is_empty())
            .map(|(t, s)| cell_rows(t, *s, from, offset))
            .collect();
        let tags: Vec<String> = [(old, -1), (new, 1)]
            .iter()
            .filter(|(t, _)| !t.is_empty())
            .map(|(t, s)| tag_rows(t, *s, offset))
            .collect();
        (
            upsert_days(&days.join(" UNION ALL ")),
            format!(
                "{}; {}",
                upsert_cells(&cells.join(" UNION ALL ")),
                upsert_tags(&tags.join(" UNION ALL "))
            ),
        )
    };
    let changed: Vec<String> = WATCHED
        .iter()
        .map(|c| format!("OLD.{c} IS NOT NEW.{c}"))
        .chain(std::iter::once(
            "(OLD.status = 'merged') IS NOT (NEW.status = 'merged')".to_string(),
        ))
        .collect();
    let (ins_days, ins_cells) = both("", "NEW");
    let (upd_days, upd_cells) = both("OLD", "NEW");
    let (del_days, del_cells) = both("OLD", "");
    let mut out = vec![
        format!(
            "CREATE TRIGGER metric_rollups_ai AFTER INSERT ON tickets BEGIN {ins_days}; {ins_cells}; END"
        ),
        format!(
            "CREATE TRIGGER metric_rollups_au AFTER UPDATE OF status, {} ON tickets WHEN {} BEGIN {upd_days}; {upd_cells}; END",
            WATCHED.join(", "),
            changed.join(" OR ")
        ),
        format!(
            "CREATE TRIGGER metric_rollups_ad AFTER DELETE ON tickets BEGIN {del_days}; {del_cells}; END"
        ),
    ];
    out.extend(tag_trigger_sql(offset));
    out
}

/// Drops the triggers and forgets the roll-ups (a bulk load, which rebuilds them once when it is done or lets the
/// first report do it). Inside the caller's transaction, so a rolled-back load keeps them.
pub(super) fn suspend(tx: &Transaction<'_>) -> Result<()> {
    for t in TRIGGERS {
        // Names from the constant above.
        tx.execute_batch(&format!("DROP TRIGGER IF EXISTS {t}"))?;
    }
    tx.execute("DELETE FROM meta WHERE key = 'metric_rollups'", [])?;
    Ok(())
}

/// Recomputes every roll-up from the tickets for local days at `offset` and (re)creates the triggers, in the
/// caller's transaction.
pub(super) fn rebuild(tx: &Transaction<'_>, offset: i64) -> Result<()> {
    suspend(tx)?;
    tx.execute_batch(
        "DELETE FROM metric_days; DELETE FROM metric_day_cells; DELETE FROM metric_complaint_tags;
         DELETE FROM metric_time_grid",
    )?;
    {
        let mut grid = tx.prepare("INSERT INTO metric_time_grid(upper) VALUES (?1)")?;
        for b in time_grid() {
            grid.execute(params![b])?;
        }
    }
    super::rollup_rebuild::sum_tickets(tx, offset)?;
    tx.execute_batch(&upsert_tags(
        &tag_rows("t", 1, offset).replace("FROM tags g", "FROM tickets t JOIN tags g"),
    ))?;
    for sql in trigger_sql(offset) {
        tx.execute_batch(&sql)?;
    }
    tx.execute(
        "INSERT INTO meta(key, value) VALUES ('metric_rollups', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![marker(offset)],
    )?;
    Ok(())
}

/// The complaint tags as the tickets say now, and as stored, for a check.
fn tags_expected_and_stored(offset: i64) -> (String, String) {
    (
        format!(
            "SELECT '' AS dim, day, tag AS key, sum(n) FROM ({}) GROUP BY day, tag",
            tag_rows("t", 1, offset).replace("FROM tags g", "FROM tickets t JOIN tags g")
        ),
        "SELECT '' AS dim, day, tag AS key, n FROM metric_complaint_tags WHERE n <> 0".to_string(),
    )
}

/// The expected roll-up rows, as the tickets say now, for a check: (days, cells) queries.
pub(super) fn expected(offset: i64) -> (String, String) {
    let from = "tickets t CROSS JOIN metric_dims d";
    let names = counter_names();
    let sums: Vec<String> = names.iter().map(|n| format!("sum({n})")).collect();
    (
        format!(
            "SELECT dim, day, key, {} FROM ({}) GROUP BY dim, day, key",
            sums.join(", "),
            day_rows("t", 1, from, offset)
        ),
        format!(
            "SELECT dim, day, key, measure, cell, sum(n) FROM ({}) GROUP BY dim, day, key, measure, cell",
            cell_rows("t", 1, from, offset)
        ),
    )
}

/// The stored rows a check compares with [`expected`] (rows that netted to zero say nothing).
pub(super) fn stored() -> (String, String) {
    (
        format!(
            "SELECT dim, day, key, {} FROM metric_days WHERE created <> 0 OR solved <> 0",
            counter_names().join(", ")
        ),
        "SELECT dim, day, key, measure, cell, n FROM metric_day_cells WHERE n <> 0".to_string(),
    )
}

/// Whether every roll-up trigger is in the schema.
pub(super) fn triggers_present(conn: &Connection) -> Result<bool> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params_from_iter(TRIGGERS),
        |r| r.get(0),
    )?;
    Ok(n == TRIGGERS.len() as i64)
}

impl Store {
    /// Builds the roll-ups for local days at `offset` unless they already are (first report on a file, after a
    /// bulk load, or when the machine's UTC offset changed, e.g. daylight saving); true when it built them.
    pub fn ensure_rollups(&mut self, offset: i64) -> Result<bool> {
        let current = stored_marker(&self.conn)?;
        if current.as_deref() == Some(marker(offset).as_str()) && triggers_present(&self.conn)? {
            return Ok(false);
        }
        self.rebuild_rollups(offset)?;
        Ok(true)
    }

    /// Recomputes the roll-ups from the tickets (`desk check --repair`, the demo, replica bootstrap).
    pub fn rebuild_rollups(&mut self, offset: i64) -> Result<()> {
        let path = self.path.clone();
        super::changes::with_retry(&path, || {
            let tx = self.begin_write()?;
            rebuild(&tx, offset)?;
            tx.commit()?;
            Ok(())
        })
    }

    /// The offset the roll-ups are kept for, `None` when they are not built (or built on another grid).
    pub fn rollups_offset(&self) -> Result<Option<i64>> {
        Ok(built_offset(stored_marker(&self.conn)?.as_deref()))
    }
}

/// `desk check`: do the roll-ups say what the tickets say? Not built yet is fine (the first report builds them);
/// built but without their triggers, on another grid, or with any row that differs is a problem that
/// `desk check --repair` mends.
pub(super) fn check(conn: &Connection) -> Result<super::check::Check> {
    let mut out = super::check::Check {
        name: "rollups",
        description: "daily report roll-ups agree with the tickets",
        examined: 0,
        unit: "rows",
        millis: 0,
        problems: 0,
        details: Vec::new(),
    };
    let stored_marker = stored_marker(conn)?;
    let Some(marker) = stored_marker else {
        out.description = "daily report roll-ups (not built yet: the first report builds them)";
        return Ok(out);
    };
    let Some(offset) = built_offset(Some(&marker)) else {
        out.problems = 1;
        out.details.push(format!(
            "built as `{marker}`, which this desk does not read; run `desk check --repair`"
        ));
        return Ok(out);
    };
    if !triggers_present(conn)? {
        out.problems += 1;
        out.details.push(
            "the triggers that keep them current are missing; run `desk check --repair`".into(),
        );
    }
    let (want_days, want_cells) = expected(offset);
    let (have_days, have_cells) = stored();
    let (want_tags, have_tags) = tags_expected_and_stored(offset);
    for (table, want, have) in [
        ("metric_days", want_days, have_days),
        ("metric_day_cells", want_cells, have_cells),
        ("metric_complaint_tags", want_tags, have_tags),
    ] {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM ({have})"), [], |r| r.get(0))?;
        out.examined += n;
        let mut first = conn.prepare(&format!(
            "SELECT 'missing or wrong', dim, day, key FROM ({want} EXCEPT {have})
             UNION ALL SELECT 'not in the tickets', dim, day, key FROM ({have} EXCEPT {want})"
        ))?;
        let mut rows = first.query([])?;
        while let Some(r) = rows.next()? {
            out.problems += 1;
            if out.details.len() < 10 {
                let (what, dim, day, key): (String, String, i64, String) =
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                let date = crate::domain::metrics_report::local_date(day * 86_400 - offset, offset);
                let dim = if dim.is_empty() { "desk" } else { dim.as_str() };
                out.details.push(format!(
                    "{table} {what}: {date} {dim} `{key}`; run `desk check --repair`"
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
#[path = "rollups_tests.rs"]
mod tests;
