//! The only place with SQL. A [`Store`] owns one connection; the TUI runs it on a worker thread.

pub mod agents;
pub mod attachments;
pub mod backup;
pub mod bulk;
pub mod bulk_jobs;
pub mod busy;
pub mod care;
mod changes;
pub mod check;
mod complaint;
mod complaint_report;
pub mod convert;
pub mod crm;
pub mod csv_export;
pub mod csv_import;
mod csv_lines;
pub mod csv_rows;
pub mod customer_addresses;
mod customer_filter;
pub mod customer_profile;
mod customer_tags;
mod customer_timeline;
pub mod customer_value;
pub mod customer_write;
pub mod customers;
pub mod deferred_fts;
pub mod deferred_indexes;
pub mod dispatch;
pub mod drafts;
mod error;
pub mod field_report;
pub mod fs_kind;
pub mod groups;
mod hlc;
pub mod hot_topics;
pub mod identity;
pub mod imap_mailboxes;
pub mod intake;
mod intake_who;
pub mod kb;
pub mod kb_files;
pub mod kb_search;
pub mod kb_write;
mod mail_loop;
pub mod metrics;
mod migrate;
mod open;
pub mod outbox;
mod paging;
pub mod parts;
mod phones;
pub mod plans;
pub mod qa;
pub mod records;
pub mod recovery;
pub mod returns;
pub mod roles;
mod rollup_read;
mod rollup_rebuild;
pub mod rollups;
pub mod routing;
pub mod schedule;
pub mod search;
pub mod search_index;
pub mod service_loop;
pub mod side_index;
pub mod sla;
pub mod sla_run;
mod stored;
mod survey_items;
pub mod sync;
pub mod team;
pub mod ticket_columns;
mod ticket_filter;
pub mod ticket_merge;
mod ticket_set;
pub mod ticket_transfer;
pub mod ticket_write;
pub mod tls;
mod unassigned;
mod undo;
mod visit_rows;
pub mod visits;
pub use undo::Undone;
pub mod tickets;

pub use changes::{ChangeRow, FieldChange, Mutable, UpdateOutcome, Value};
pub use error::StoreError;
pub use migrate::LATEST_SCHEMA;
pub use open::{OpenMode, StorageMode};

use rusqlite::{Connection, OptionalExtension, params};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

pub struct Store {
    conn: Connection,
    path: std::path::PathBuf,
    replica: String,
    /// Handle of the agent on whose behalf writes are made (the change log's actor).
    actor: Option<String>,
    hlc: hlc::HlcClock,
    /// The user action that the writes in progress belong to, when one spans several transactions.
    action: Option<String>,
    /// The user actions this connection wrote lately, oldest first: an edit based on a ticket as the agent saw it
    /// is not in conflict with the agent's own writes made since (see [`Store::set_ticket_seen`]).
    own_actions: std::collections::VecDeque<String>,
    /// SLA and closed-loop rules applied by writes (shared so a write can hold them while borrowing the store).
    rules: std::sync::Arc<sla::ServiceRules>,
}

/// A page of a keyset-paged list, in list order.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub rows: Vec<T>,
    /// True when no rows exist before the first row of this page.
    pub at_start: bool,
    /// True when no rows exist after the last row of this page.
    pub at_end: bool,
}

impl Store {
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    pub fn replica(&self) -> &str {
        &self.replica
    }

    pub fn set_actor(&mut self, handle: Option<String>) {
        self.actor = handle;
    }

    pub fn actor(&self) -> Option<&str> {
        self.actor.as_deref()
    }

    /// The connection, for tests and benchmarks that inspect the database directly.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Agent id for a handle, if that agent exists. The handle is compared normalised (`domain::handle::normalize`):
    /// `LI`, `ｌｉ` and `l\u{200b}i` are all li.
    pub fn agent_id(&self, handle: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM agents WHERE handle = ?1",
                params![crate::domain::handle::normalize(handle)],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Row counts of the main tables, for the empty state and `desk check`-style summaries.
    pub fn counts(&self) -> Result<Counts> {
        let one = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Counts {
            tickets: one("SELECT count(*) FROM tickets")?,
            customers: one(&format!(
                "SELECT count(*) FROM customers WHERE {}",
                bulk_jobs::visible("customers")
            ))?,
            articles: one(&format!(
                "SELECT count(*) FROM articles WHERE {}",
                bulk_jobs::visible("articles")
            ))?,
        })
    }

    /// `PRAGMA data_version`: changes when another connection commits (cheap poll for live refresh).
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub tickets: i64,
    pub customers: i64,
    pub articles: i64,
}

/// A fresh ULID: sortable by creation time, unique across replicas.
pub fn new_id() -> String {
    ulid::Ulid::new().to_string()
}

/// The id of the care or win-back task of `kind` for `customer` due at `due`: the same on every replica that
/// schedules it, so two replicas that schedule it in the same second sync as one task, not a clash on
/// `tasks_care_once`.
pub(crate) fn care_task_id(kind: &str, customer: &str, due: i64) -> String {
    format!("{kind}-{customer}-{due}")
}

/// Quote user text as one FTS5 phrase so operators in it are taken literally. Zero-width and bidi characters are
/// left out, as the index leaves them out of the text (migration 11).
fn fts_phrase(text: &str) -> String {
    let text = crate::domain::text::strip_invisible(text);
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// `%text%` for LIKE with `\` as the escape character, zero-width and bidi characters left out of the query.
fn like_pattern(text: &str) -> String {
    let escaped = crate::domain::text::strip_invisible(text)
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Trigram FTS needs at least three characters; shorter queries take the LIKE path.
fn use_fts(text: &str) -> bool {
    text.chars()
        .filter(|c| !crate::domain::text::is_invisible(*c))
        .count()
        >= 3
}
