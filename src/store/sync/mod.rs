//! Replicas and sync (issue 19). A replica is a complete local database that converges with its hub (the team's
//! database) whenever the two can see each other.
//!
//! What travels: the change-log entries the other side lacks (past a per-peer high-water mark on the sender's
//! `changes.seq`) and the rows tracked in `sync_rows` past the mark on its `sync_rows.seq`. The receiver applies
//! rows first (parents before children) and then entries in clock order; fields merge by last-writer-wins on
//! (hlc, replica), whole rows by the newest stamp of their key. Both sides apply in one `BEGIN IMMEDIATE` each,
//! with the marks in the same transaction, so a sync killed at any point is resumed by the next one and applying
//! a batch twice is the same as once. Derived data (SLA clocks, measures, vote counts) is recomputed here from the
//! merged facts, never taken from the sender.

mod apply;
mod decide;
mod export;
mod file_hub;
pub mod pg;
pub mod replica;
mod tables;
pub mod verify;

use super::{Result, Store};
use rusqlite::{Connection, OptionalExtension};
use std::collections::BTreeMap;

pub use apply::Applied;
pub use file_hub::{FileSync, hub_storage};

/// How far a peer's clock may run ahead of this machine's before its changes are refused: a change stamped in
/// the future would win every merge until that time passes.
pub const MAX_CLOCK_AHEAD_MS: i64 = 5 * 60 * 1000;

/// One stored value of a row.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl rusqlite::ToSql for Cell {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        Ok(match self {
            Cell::Null => ToSqlOutput::Owned(Value::Null),
            Cell::Int(i) => ToSqlOutput::Owned(Value::Integer(*i)),
            Cell::Real(f) => ToSqlOutput::Owned(Value::Real(*f)),
            Cell::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Cell::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

/// A row by column name.
pub type RowData = BTreeMap<String, Cell>;

/// One change-log entry as it travels.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LogEntry {
    pub id: String,
    pub hlc: String,
    pub replica: String,
    pub actor: Option<String>,
    pub entity: String,
    pub entity_id: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub at: i64,
    pub action: Option<String>,
}

/// One tracked row as the sender has it now (`row: None` when it was removed), with the stamp of its newest write.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RowImage {
    pub table: String,
    pub key: String,
    pub hlc: String,
    pub replica: String,
    pub row: Option<RowData>,
}

/// Where one side's log stands for another: the sender's sequences up to which the receiver holds everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Marks {
    pub change: i64,
    pub row: i64,
    /// The id of the sender's entry at `change`, when known: if the sender's log no longer has it there (the file
    /// was restored from a backup and has written on since), the marks mean nothing and everything is sent again.
    pub change_id: Option<String>,
}

/// What one side sends the other.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Batch {
    /// The sender's replica id.
    pub from: String,
    /// The sender's sequences this batch covers (the receiver's new marks for the sender).
    pub upto_change: i64,
    pub upto_row: i64,
    /// The id of the sender's entry at `upto_change`.
    pub upto_change_id: Option<String>,
    pub changes: Vec<LogEntry>,
    pub rows: Vec<RowImage>,
    /// From a PostgreSQL hub: the replica that holds the hub's duties (mail in and out, escalations, auto-close),
    /// which a hub file does itself.
    #[serde(default)]
    pub duties: Option<String>,
}

/// The other side of a sync. A desk database (the team's shared file, or any other) is one; PostgreSQL (issue 20)
/// is meant to be the other, which is why the exchange is two calls with plain data.
pub trait Hub {
    /// The hub's replica id.
    fn hub_id(&self) -> &str;
    /// Where the hub holds `replica`'s log up to.
    fn marks_for(&mut self, replica: &str) -> Result<Marks>;
    /// What the hub has that `replica` lacks past `since`.
    fn pull(&mut self, replica: &str, since: Marks) -> Result<Batch>;
    /// Applies a replica's batch at the hub.
    fn push(&mut self, batch: &Batch, now: i64) -> Result<Applied>;
}

impl Hub for Store {
    fn hub_id(&self) -> &str {
        self.replica()
    }

    fn marks_for(&mut self, replica: &str) -> Result<Marks> {
        self.marks_of(replica)
    }

    fn pull(&mut self, replica: &str, since: Marks) -> Result<Batch> {
        self.export_since(replica, since)
    }

    fn push(&mut self, batch: &Batch, now: i64) -> Result<Applied> {
        self.apply_batch(batch, now)
    }
}

/// Which ways a sync goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Both,
    PushOnly,
    PullOnly,
}

/// What one `desk sync` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SyncReport {
    pub sent: Applied,
    pub received: Applied,
}

impl Store {
    /// Where this database holds `peer`'s log up to.
    pub fn marks_of(&self, peer: &str) -> Result<Marks> {
        Ok(self
            .conn
            .query_row(
                "SELECT got_change, got_row, got_change_id FROM sync_peers WHERE peer = ?1",
                [peer],
                |r| {
                    Ok(Marks {
                        change: r.get(0)?,
                        row: r.get(1)?,
                        change_id: r.get(2)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }

    /// Syncs this database with `hub`: sends what the hub lacks, then takes what it has (so numbers the hub gives
    /// this replica's new tickets come back in the same run).
    pub fn sync_with(&mut self, hub: &mut dyn Hub, dir: Direction, now: i64) -> Result<SyncReport> {
        let mut report = SyncReport::default();
        if dir != Direction::PullOnly {
            let since = hub.marks_for(self.replica())?;
            let batch = self.export_since(hub.hub_id(), since)?;
            report.sent = hub.push(&batch, now)?;
            self.note_sent(hub.hub_id(), &batch)?;
        }
        if dir != Direction::PushOnly {
            let since = self.marks_of(hub.hub_id())?;
            let me = self.replica().to_string();
            let batch = hub.pull(&me, since)?;
            report.received = self.apply_batch(&batch, now)?;
            self.note_duties(batch.duties.as_deref() == Some(me.as_str()))?;
        }
        Ok(report)
    }
}

impl Store {
    /// Mail goes in and out through the team's database only: a replica's replies are queued in its outbox and
    /// sent by the hub's desk once synced, and the hub's desk fetches the mailboxes.
    pub fn mail_is_the_hubs(&self, what: &str) -> Result<()> {
        if !runs_hub_duties(&self.conn)? {
            let postgres = self.sync_hub()?.is_some_and(|(_, at)| pg::is_hub_url(&at));
            return Err(super::StoreError::Refused(if postgres {
                format!(
                    "{} is a replica without its hub's duties: the replica that holds them {what} (`desk replica \
                     duties` makes this one it); replies written here are queued and go out once synced",
                    self.path.display()
                )
            } else {
                format!(
                    "{} is a replica: the team's desk {what}; replies written here are queued and go out once synced",
                    self.path.display()
                )
            }));
        }
        Ok(())
    }
}

/// True on a replica (a database made by `desk replica create`), whose new tickets get provisional numbers.
pub(super) fn is_replica(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'sync_hub_id')")?
        .query_row([], |r| r.get(0))?)
}

/// True where mail, escalations and auto-close are done: the team's file (a hub file), or the one replica of a
/// PostgreSQL hub that holds its duties (`desk replica duties`).
pub fn runs_hub_duties(conn: &Connection) -> Result<bool> {
    if !is_replica(conn)? {
        return Ok(true);
    }
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'hub_duties' AND value = '1')",
        )?
        .query_row([], |r| r.get(0))?)
}

impl Store {
    /// Whether this replica holds its PostgreSQL hub's duties, as the hub said at the last pull.
    fn note_duties(&mut self, mine: bool) -> Result<()> {
        // Read first: an idle sync writes nothing.
        if runs_hub_duties(&self.conn)? == mine || !is_replica(&self.conn)? {
            return Ok(());
        }
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('hub_duties', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [if mine { "1" } else { "0" }],
        )?;
        Ok(())
    }

    /// Takes the hub's duties for this replica (a PostgreSQL hub only: a hub file does them itself).
    pub fn take_hub_duties(&mut self, password_command: Option<&str>) -> Result<String> {
        let Some((_, location)) = self.sync_hub()? else {
            return Err(super::StoreError::Refused(format!(
                "{} is not a replica; the team's own database does mail and escalations already",
                self.path.display()
            )));
        };
        if !pg::is_hub_url(&location) {
            return Err(super::StoreError::Refused(format!(
                "the hub of {} is the file {location}, and the desks on it do mail and escalations; duties are for \
                 a replica of a PostgreSQL hub",
                self.path.display()
            )));
        }
        let cfg = pg::HubConfig {
            url: location,
            password_command: password_command.map(str::to_string),
        };
        let mut hub = pg::PgHub::connect(&cfg)?;
        let me = self.replica().to_string();
        let before = hub.take_duties(&me)?;
        self.note_duties(true)?;
        Ok(before.unwrap_or_default())
    }
}

/// `(hlc, replica)` ordering: the merge's last-writer-wins key.
pub(super) fn newer(a: (&str, &str), b: (&str, &str)) -> bool {
    a > b
}
