//! `desk check`: is the file sound, and do the rows agree with the change log that wrote them?
//!
//! Every check is one aggregate query over an index or one scan, so a million-ticket database is checked in
//! seconds, and all of them read one snapshot (one read transaction). Nothing here writes; [`check_file`] opens
//! the file read-only (only a journal left by a writer that crashed mid-transaction is rolled back first, as any
//! desk opening the file would).
//!
//! What the write path guarantees (src/store/changes.rs) and so what is checked:
//! - every change-log entry about a ticket names a ticket that exists, and every message entry (`reply`, `note`,
//!   `customer_message`) names a message that exists;
//! - a ticket's `version` starts at 1 and each bump comes with at least one change-log entry about it in the same
//!   transaction, so `version <= 1 + entries`;
//! - the newest logged value of each logged ticket field is the value in the row (a write that changed the row but
//!   not the log, or the log but not the row, shows here);
//! - the newest `+tag` / `-tag` entry of a ticket's tag says whether the tag is there;
//! - this replica's entries carry strictly increasing clock stamps in log order (sync orders by them);
//! - every customer with addresses has exactly one default (`customer_addresses`).

use super::{Result, Store, StoreError, migrate};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// Problems listed per check; the count covers all of them.
const MAX_DETAILS: usize = 10;

/// Ticket fields that are only ever written through the change log, so the newest entry is the row's value
/// (declared in `domain::ticket_fields`; their log names are the tickets table's columns).
fn logged_ticket_fields() -> Vec<&'static str> {
    crate::domain::ticket_fields::TICKET_FIELDS
        .iter()
        .filter(|d| d.logged_only)
        .filter_map(|d| d.log)
        .collect()
}

/// The change-log fields whose `new` is a message id.
const MESSAGE_FIELDS: &str = "'reply', 'note', 'customer_message'";

/// One check: what was looked at, how many problems, the first few of them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    pub name: &'static str,
    pub description: &'static str,
    /// How many things were looked at, for the report, and what they are (`pages`, `tickets`, …).
    pub examined: i64,
    pub unit: &'static str,
    /// How long the check took.
    pub millis: u64,
    pub problems: i64,
    pub details: Vec<String>,
}

impl Check {
    pub fn ok(&self) -> bool {
        self.problems == 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CheckReport {
    /// `integrity_check` rather than `quick_check`.
    pub full: bool,
    pub schema_version: i64,
    pub checks: Vec<Check>,
}

impl CheckReport {
    pub fn healthy(&self) -> bool {
        self.checks.iter().all(Check::ok)
    }

    pub fn problems(&self) -> i64 {
        self.checks.iter().map(|c| c.problems).sum()
    }
}

impl Store {
    /// Runs every check on this store's connection (see the module docs).
    pub fn check(&self, full: bool) -> Result<CheckReport> {
        run(&self.conn, full)
    }
}

/// Opens `path` read-only and checks it. A file that is not a desk database, or has a newer schema than this
/// binary knows, is an error rather than a report: the checks would not know what to expect of it.
pub fn check_file(path: &Path, full: bool) -> Result<CheckReport> {
    let conn = open_read_only(path)?;
    run(&conn, full)
}

/// A read-only connection to an existing desk database, refusing what is not ours or too new.
pub(super) fn open_read_only(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        return Err(StoreError::MissingDatabase {
            path: path.to_path_buf(),
        });
    }
    let open = |flags: OpenFlags| -> Result<Connection> {
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(Duration::from_secs(15))?;
        Ok(conn)
    };
    let mut conn = open(OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let version = match schema_version(&conn, path) {
        // A writer died mid-transaction and left a hot journal: reading needs it rolled back first, which a
        // read-only connection cannot do. That is recovery (what any desk opening the file does), not a change.
        Err(StoreError::NotADatabase { .. }) if needs_recovery(&conn) => {
            conn = open(OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            schema_version(&conn, path)?
        }
        other => other?,
    };
    if version > migrate::LATEST_SCHEMA {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            known: migrate::LATEST_SCHEMA,
        });
    }
    Ok(conn)
}

/// True when a read-only connection failed only because recovery must write (SQLITE_READONLY_ROLLBACK or
/// SQLITE_READONLY_RECOVERY).
fn needs_recovery(conn: &Connection) -> bool {
    let read = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0));
    matches!(read, Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly))
}

/// `user_version` of a desk database; NotADatabase for a file SQLite cannot read or that has no desk schema.
pub(super) fn schema_version(conn: &Connection, path: &Path) -> Result<i64> {
    let not_ours = |detail: String| StoreError::NotADatabase {
        path: path.to_path_buf(),
        detail,
    };
    let read = |e: rusqlite::Error| {
        if StoreError::is_busy(&e) {
            StoreError::Busy {
                path: path.to_path_buf(),
            }
        } else {
            not_ours(e.to_string())
        }
    };
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(read)?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('meta', 'tickets', 'changes')",
            [],
            |r| r.get(0),
        )
        .map_err(read)?;
    if version < 1 || tables < 3 {
        return Err(not_ours("it has no desk schema".into()));
    }
    Ok(version)
}

pub(super) fn run(conn: &Connection, full: bool) -> Result<CheckReport> {
    // One snapshot for every check, so a write landing between two of them cannot look like a disagreement.
    let tx = conn.unchecked_transaction()?;
    let schema_version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let timed = |check: &dyn Fn(&Connection) -> Result<Check>| -> Result<Check> {
        let started = std::time::Instant::now();
        let mut c = check(&tx)?;
        c.millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        Ok(c)
    };
    let checks = vec![
        timed(&|c| integrity(c, full))?,
        timed(&foreign_keys)?,
        timed(&log_targets)?,
        timed(&log_messages)?,
        timed(&ticket_versions)?,
        timed(&ticket_fields)?,
        timed(&ticket_tags)?,
        timed(&log_clock)?,
        timed(&super::rollups::check)?,
        timed(&super::customer_addresses::check)?,
    ];
    tx.rollback()?;
    Ok(CheckReport {
        full,
        schema_version,
        checks,
    })
}

fn integrity(conn: &Connection, full: bool) -> Result<Check> {
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let sql = if full {
        "PRAGMA integrity_check(100)"
    } else {
        "PRAGMA quick_check(100)"
    };
    let lines: Vec<String> = conn
        .prepare(sql)?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let bad: Vec<String> = lines.into_iter().filter(|l| l != "ok").collect();
    Ok(Check {
        name: "integrity",
        description: if full {
            "integrity_check: every page, index entry and constraint"
        } else {
            "quick_check: every page and record (not index contents)"
        },
        examined: pages,
        unit: "pages",
        millis: 0,
        problems: bad.len() as i64,
        details: bad.into_iter().take(MAX_DETAILS).collect(),
    })
}

fn foreign_keys(conn: &Connection) -> Result<Check> {
    let mut problems = 0;
    let mut details = Vec::new();
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        problems += 1;
        if details.len() < MAX_DETAILS {
            let table: String = r.get(0)?;
            let rowid: Option<i64> = r.get(1)?;
            let parent: String = r.get(2)?;
            details.push(format!(
                "{table} row {} points at a missing {parent} row",
                rowid.map_or_else(|| "?".into(), |n| n.to_string())
            ));
        }
    }
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    Ok(Check {
        name: "foreign_keys",
        description: "foreign_key_check: every reference names a row that exists",
        examined: tables,
        unit: "tables",
        millis: 0,
        problems,
        details,
    })
}

/// Counts `items` — one row per thing examined, whose first column `bad` is 1 for a problem — and, only when there
/// are problems, reads the first few again for their details: a healthy database is read once per check.
pub(super) fn tally(
    conn: &Connection,
    items: &str,
    args: &[&dyn rusqlite::ToSql],
    show: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<String>,
) -> Result<(i64, i64, Vec<String>)> {
    let (examined, problems): (i64, i64) = conn.query_row(
        &format!("SELECT count(*), coalesce(sum(bad), 0) FROM ({items})"),
        args,
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut details = Vec::new();
    if problems > 0 {
        let mut stmt = conn.prepare(&format!(
            "SELECT * FROM ({items}) WHERE bad LIMIT {MAX_DETAILS}"
        ))?;
        let mut rows = stmt.query(args)?;
        while let Some(r) = rows.next()? {
            details.push(show(r)?);
        }
    }
    Ok((examined, problems, details))
}

fn log_targets(conn: &Connection) -> Result<Check> {
    // DISTINCT walks the (entity, entity_id, seq) index; each ticket id is then one unique-index probe.
    let (examined, problems, details) = tally(
        conn,
        "SELECT NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = c.entity_id) AS bad, c.entity_id
         FROM (SELECT DISTINCT entity_id FROM changes WHERE entity = 'ticket') c",
        &[],
        |r| {
            Ok(format!(
                "change log names ticket {} which does not exist",
                r.get::<_, String>(1)?
            ))
        },
    )?;
    Ok(Check {
        name: "log_targets",
        description: "change-log entries name tickets that exist",
        examined,
        unit: "tickets",
        millis: 0,
        problems,
        details,
    })
}

fn log_messages(conn: &Connection) -> Result<Check> {
    let (examined, problems, details) = tally(
        conn,
        &format!(
            "SELECT NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = c.new) AS bad, c.seq, c.field, c.new
             FROM changes c WHERE c.entity = 'ticket' AND c.field IN ({MESSAGE_FIELDS})"
        ),
        &[],
        |r| {
            Ok(format!(
                "change #{} ({}) names message {} which does not exist",
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?.unwrap_or_default()
            ))
        },
    )?;
    Ok(Check {
        name: "log_messages",
        description: "message entries in the change log name messages that exist",
        examined,
        unit: "entries",
        millis: 0,
        problems,
        details,
    })
}

fn ticket_versions(conn: &Connection) -> Result<Check> {
    // The count per ticket is a range of the covering (entity, entity_id, seq) index.
    let (examined, problems, details) = tally(
        conn,
        "SELECT (version < 1 OR version > 1 + n) AS bad, number, version, n FROM (
            SELECT t.number, t.version,
                   (SELECT count(*) FROM changes c WHERE c.entity = 'ticket' AND c.entity_id = t.id) AS n
            FROM tickets t)",
        &[],
        |r| {
            Ok(format!(
                "ticket #{} is at version {} but the change log has only {} entries about it",
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?
            ))
        },
    )?;
    Ok(Check {
        name: "ticket_versions",
        description: "each ticket version bump has its change-log entries",
        examined,
        unit: "tickets",
        millis: 0,
        problems,
        details,
    })
}

fn ticket_fields(conn: &Connection) -> Result<Check> {
    let logged = logged_ticket_fields();
    let fields = logged
        .iter()
        .map(|f| format!("'{f}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let column = logged
        .iter()
        .map(|f| format!("WHEN '{f}' THEN t.{f}"))
        .collect::<Vec<_>>()
        .join(" ");
    // SQLite takes the bare `new` from the row holding the max: the newest value of each (ticket, field) by clock
    // stamp and replica, the order sync merges by (in one database's own writes it is also log order).
    let (examined, problems, details) = tally(
        conn,
        &format!(
            "SELECT now IS NOT new AS bad, number, field, new, now, seq FROM (
                SELECT t.number, l.field, l.new, CAST(CASE l.field {column} END AS TEXT) AS now, l.seq
                FROM (SELECT entity_id, field, new, seq, max(hlc || ' ' || replica) AS newest FROM changes
                      WHERE entity = 'ticket' AND field IN ({fields}) GROUP BY entity_id, field) l
                JOIN tickets t ON t.id = l.entity_id)"
        ),
        &[],
        |r| {
            Ok(format!(
                "ticket #{} {} is {:?} but its newest change (#{}) set {:?}",
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, Option<String>>(3)?
            ))
        },
    )?;
    Ok(Check {
        name: "ticket_fields",
        description: "ticket fields hold the value their newest change-log entry set",
        examined,
        unit: "values",
        millis: 0,
        problems,
        details,
    })
}

fn ticket_tags(conn: &Connection) -> Result<Check> {
    let (examined, problems, details) = tally(
        conn,
        "SELECT (l.sign = '+') IS NOT EXISTS (SELECT 1 FROM tags g
                WHERE g.entity = 'ticket' AND g.entity_id = l.entity_id AND g.tag = l.tag) AS bad,
                t.number, l.sign, l.tag, l.seq
         FROM (SELECT entity_id, substr(new, 1, 1) AS sign, substr(new, 2) AS tag, seq,
                      max(hlc || ' ' || replica) AS newest
               FROM changes WHERE entity = 'ticket' AND field = 'tags' GROUP BY entity_id, substr(new, 2)) l
         JOIN tickets t ON t.id = l.entity_id",
        &[],
        |r| {
            let added = r.get::<_, String>(2)? == "+";
            Ok(format!(
                "ticket #{} tag {:?} is {} but its newest change (#{}) {} it",
                r.get::<_, i64>(1)?,
                r.get::<_, String>(3)?,
                if added { "missing" } else { "there" },
                r.get::<_, i64>(4)?,
                if added { "added" } else { "removed" },
            ))
        },
    )?;
    Ok(Check {
        name: "ticket_tags",
        description: "ticket tags are there exactly when their newest change-log entry added them",
        examined,
        unit: "tags",
        millis: 0,
        problems,
        details,
    })
}

fn log_clock(conn: &Connection) -> Result<Check> {
    let replica: String =
        conn.query_row("SELECT value FROM meta WHERE key = 'replica_id'", [], |r| {
            r.get(0)
        })?;
    // Rowid order is log order, so the window needs no sort.
    let (examined, problems, details) = tally(
        conn,
        "SELECT coalesce(prev >= hlc, 0) AS bad, seq, hlc, prev FROM (
            SELECT seq, hlc, lag(hlc) OVER (ORDER BY seq) AS prev FROM changes WHERE replica = ?1)",
        &[&replica],
        |r| {
            Ok(format!(
                "change #{} has clock {} after {} (not later)",
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?
            ))
        },
    )?;
    Ok(Check {
        name: "log_clock",
        description: "this replica's change-log clock stamps increase in log order",
        examined,
        unit: "entries",
        millis: 0,
        problems,
        details,
    })
}
