//! `desk check --against HUB`: does a replica show what its hub shows? Table by table, the rows an agent sees are
//! walked in key order on both sides at once (a merge join, so a million tickets need no memory), and the first
//! differences are named.

use super::super::check::open_read_only;
use super::super::{Result, StoreError};
use rusqlite::Connection;
use std::path::Path;

/// What an agent sees, per table, keyed by the first column. Derived columns (clocks, measures, counters) are left
/// out: each side computes its own.
const VISIBLE: &[(&str, &str)] = &[
    (
        "tickets",
        "SELECT id, number, subject, status, priority, kind, channel, customer_id, product_id, assignee_id, group_id,
                merged_into, first_response_at, solved_at, closed_at, complaint_stage FROM tickets ORDER BY id",
    ),
    ("messages", "SELECT id, ticket_id, author_kind, author_id, visibility, body FROM messages ORDER BY id"),
    ("tags", "SELECT entity || ' ' || entity_id || ' ' || tag FROM tags ORDER BY 1"),
    ("ticket_links", "SELECT a || ' ' || b FROM ticket_links ORDER BY 1"),
    ("surveys", "SELECT id, ticket_id, customer_id, kind, score, comment FROM surveys ORDER BY id"),
    ("survey_items", "SELECT id, ticket_id, item, score, at FROM survey_items ORDER BY id"),
    ("tasks", "SELECT id, kind, ticket_id, customer_id, due_at, done_at, assignee_id, note, outcome FROM tasks ORDER BY id"),
    (
        "customers",
        "SELECT id, name, email, phone, org_id, birthday, city, notes, merged_into FROM customers WHERE job_id IS NULL ORDER BY id",
    ),
    (
        "customer_addresses",
        "SELECT id, customer_id, label, address, is_default FROM customer_addresses ORDER BY id",
    ),
    ("organizations", "SELECT id, name, notes FROM organizations WHERE job_id IS NULL ORDER BY id"),
    ("articles", "SELECT id, title, body_md, category_id, status FROM articles WHERE job_id IS NULL ORDER BY id"),
    (
        "agents",
        "SELECT id, handle, name, email, role, active, capacity, availability, calendar FROM agents ORDER BY id",
    ),
    ("agent_skills", "SELECT agent_id || ' ' || skill FROM agent_skills ORDER BY 1"),
    ("groups", "SELECT id, name, assignment, archived_at FROM groups ORDER BY id"),
    (
        "visits",
        "SELECT id, ticket_id, service, status, engineer_id, window_start, window_end, notes, quote_state
           FROM visits ORDER BY id",
    ),
    ("part_moves", "SELECT id, part_code, location, delta FROM part_moves ORDER BY id"),
    ("returns", "SELECT id, ticket_id, kind, reason, status FROM returns ORDER BY id"),
    ("qa_samples", "SELECT ticket_id, agent_id, reason, week FROM qa_samples ORDER BY ticket_id"),
    ("qa_reviews", "SELECT id, ticket_id, reviewer, scores, total, comment FROM qa_reviews ORDER BY id"),
    (
        "improvement_actions",
        "SELECT id, number, title, owner_id, due_at, indicator, status, note FROM improvement_actions ORDER BY id",
    ),
];

/// How many differing rows are named per table.
const NAMED: usize = 5;

/// One table compared.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TableComparison {
    pub table: &'static str,
    pub rows: i64,
    /// Rows only here, only at the hub, or different.
    pub differing: i64,
    pub first: Vec<String>,
}

/// Compares what `replica` and `hub` show; both are opened read-only.
pub fn compare(replica: &Path, hub: &Path) -> Result<Vec<TableComparison>> {
    let here = open_read_only(replica)?;
    let there = open_read_only(hub)?;
    let ids = |c: &Connection| -> Result<String> {
        Ok(
            c.query_row("SELECT value FROM meta WHERE key = 'replica_id'", [], |r| {
                r.get(0)
            })?,
        )
    };
    let hub_of: Option<String> = here
        .query_row(
            "SELECT value FROM meta WHERE key = 'sync_hub_id'",
            [],
            |r| r.get(0),
        )
        .ok();
    // A fresh replica of the same PostgreSQL hub stands for that hub (`desk check --against postgres://…`).
    let there_hub: Option<String> = there
        .query_row(
            "SELECT value FROM meta WHERE key = 'sync_hub_id'",
            [],
            |r| r.get(0),
        )
        .ok();
    let same_hub = hub_of.is_some() && there_hub == hub_of;
    if !same_hub && hub_of.as_deref() != Some(ids(&there)?.as_str()) {
        return Err(StoreError::Refused(format!(
            "{} is not a replica of {}; compare a replica with the database it was made from",
            replica.display(),
            hub.display()
        )));
    }
    // One snapshot per side.
    here.execute_batch("BEGIN")?;
    there.execute_batch("BEGIN")?;
    VISIBLE
        .iter()
        .map(|(table, sql)| compare_table(&here, &there, table, sql))
        .collect()
}

fn compare_table(
    here: &Connection,
    there: &Connection,
    table: &'static str,
    sql: &str,
) -> Result<TableComparison> {
    let mut a_stmt = here.prepare(sql)?;
    let mut b_stmt = there.prepare(sql)?;
    let n = a_stmt.column_count();
    let mut a = a_stmt.query([])?;
    let mut b = b_stmt.query([])?;
    let row = |r: Option<&rusqlite::Row<'_>>| -> Result<Option<(String, String)>> {
        let Some(r) = r else { return Ok(None) };
        let key = cell(r.get_ref(0)?);
        let all: Vec<String> = (0..n)
            .map(|i| r.get_ref(i).map(cell))
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some((key, all.join("|"))))
    };
    let mut cmp = TableComparison {
        table,
        rows: 0,
        differing: 0,
        first: Vec::new(),
    };
    let (mut x, mut y) = (row(a.next()?)?, row(b.next()?)?);
    loop {
        let (differs, advance_a, advance_b, what) = match (&x, &y) {
            (None, None) => break,
            (Some((k, _)), None) => (true, true, false, format!("{k} only here")),
            (None, Some((k, _))) => (true, false, true, format!("{k} only at the hub")),
            (Some((ka, va)), Some((kb, vb))) if ka == kb => {
                (va != vb, true, true, format!("{ka} differs"))
            }
            (Some((ka, _)), Some((kb, _))) if ka < kb => {
                (true, true, false, format!("{ka} only here"))
            }
            (Some(_), Some((kb, _))) => (true, false, true, format!("{kb} only at the hub")),
        };
        cmp.rows += 1;
        if differs {
            cmp.differing += 1;
            if cmp.first.len() < NAMED {
                cmp.first.push(crate::domain::text::sanitize(&what));
            }
        }
        if advance_a {
            x = row(a.next()?)?;
        }
        if advance_b {
            y = row(b.next()?)?;
        }
    }
    Ok(cmp)
}

/// A value as text; keys compare as their bytes, as SQLite orders them.
fn cell(v: rusqlite::types::ValueRef<'_>) -> String {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => format!("<{} bytes>", b.len()),
    }
}
