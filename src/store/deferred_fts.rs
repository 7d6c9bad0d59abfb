//! Full-text indexing deferred for bulk writes: the `AFTER INSERT` triggers that feed the FTS5 indexes are
//! suspended, and the rows added meanwhile are indexed a slice at a time when the suspension ends.

use super::{Result, Store};
use rusqlite::{OptionalExtension, Transaction, params};

/// Full-text tables kept by `AFTER INSERT` triggers: (trigger, the view the FTS table reads its text from, FTS table,
/// indexed columns). The views leave zero-width and bidi characters out (migration 11).
///
/// A bulk load suspends these triggers and indexes its new rows with one statement per table at commit. Row by row,
/// every INSERT opens a statement savepoint and FTS5 flushes its pending index at each one, which made indexing
/// cost three quarters of a load. The triggers are dropped and re-created inside the load's transaction, so a
/// rolled-back load leaves them exactly as they were.
const FTS_TRIGGERS: &[(&str, &str, &str, &str)] = &[
    (
        "tickets_fts_ai",
        "tickets_fts_text",
        "tickets_fts",
        "subject",
    ),
    (
        "messages_fts_ai",
        "messages_fts_text",
        "messages_fts",
        "body",
    ),
    // The word indexes (migration 22) read text made by an application function, registered on this connection.
    (
        "tickets_words_fts_ai",
        "tickets_words_fts_text",
        "tickets_words_fts",
        "words",
    ),
    (
        "messages_words_fts_ai",
        "messages_words_fts_text",
        "messages_words_fts",
        "words",
    ),
    (
        "customers_fts_ai",
        "customers_fts_text",
        "customers_fts",
        "name, email, phone",
    ),
    (
        "customers_pinyin_fts_ai",
        "customers_pinyin_fts_text",
        "customers_pinyin_fts",
        "words",
    ),
    (
        "articles_fts_ai",
        "articles_fts_text",
        "articles_fts",
        "title, body_md",
    ),
    (
        "articles_pinyin_fts_ai",
        "articles_pinyin_fts_text",
        "articles_pinyin_fts",
        "words",
    ),
];

/// Rows indexed per statement when the suspension ends.
pub(super) const FTS_SLICE: i64 = 5_000;
/// FTS5's `automerge` while indexing is suspended, and its default, restored after.
pub(super) const LOAD_AUTOMERGE: i64 = 16;
pub(super) const DEFAULT_AUTOMERGE: i64 = 4;

pub(super) struct DeferredFts {
    /// The trigger's own `CREATE TRIGGER` text, to restore it as the schema has it.
    pub(super) trigger_sql: String,
    /// The view the index reads its text from.
    pub(super) table: &'static str,
    pub(super) fts: &'static str,
    pub(super) columns: &'static str,
    /// Rows above this rowid were added by the load.
    pub(super) after_rid: i64,
}

/// Drops the insert triggers of every full-text index, noting where each table's rows end, in `tx`.
pub(super) fn suspend(tx: &Transaction<'_>) -> Result<Vec<DeferredFts>> {
    suspend_where(tx, |_| true)
}

/// [`suspend`] for the indexes whose source view `wanted` says yes to.
pub(super) fn suspend_where(
    tx: &Transaction<'_>,
    wanted: impl Fn(&str) -> bool,
) -> Result<Vec<DeferredFts>> {
    let mut deferred = Vec::with_capacity(FTS_TRIGGERS.len());
    for &(trigger, table, fts, columns) in FTS_TRIGGERS {
        if !wanted(table) {
            continue;
        }
        let trigger_sql: Option<String> = tx
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                params![trigger],
                |r| r.get(0),
            )
            .optional()?;
        // A schema without this trigger keeps whatever it does instead.
        let Some(trigger_sql) = trigger_sql else {
            continue;
        };
        // Names come from the constant above, never from input.
        let after_rid: i64 = tx.query_row(
            &format!("SELECT coalesce(max(rid), 0) FROM {table}"),
            [],
            |r| r.get(0),
        )?;
        tx.execute_batch(&format!("DROP TRIGGER {trigger}"))?;
        // Indexed in slices, FTS5 merges its segments four at a time by default; sixteen cut a load's indexing by a
        // third, and queries on the result measured within 10 % of the default's.
        tx.execute(
            &format!("INSERT INTO {fts}({fts}, rank) VALUES ('automerge', ?1)"),
            params![LOAD_AUTOMERGE],
        )?;
        deferred.push(DeferredFts {
            trigger_sql,
            table,
            fts,
            columns,
            after_rid,
        });
    }
    Ok(deferred)
}

/// Indexes the rows added since [`suspend`] and restores the triggers, in `tx`.
pub(super) fn resume(tx: &Transaction<'_>, deferred: &[DeferredFts]) -> Result<()> {
    for d in deferred {
        let last: i64 = tx.query_row(
            &format!("SELECT coalesce(max(rid), 0) FROM {}", d.table),
            [],
            |r| r.get(0),
        )?;
        let sql = format!(
            "INSERT INTO {fts}(rowid, {cols}) SELECT rid, {cols} FROM {table} WHERE rid > ?1 AND rid <= ?2",
            fts = d.fts,
            cols = d.columns,
            table = d.table
        );
        // In slices: one statement's journal holds every page it changes, and a whole load's index at once
        // cost tens of MB; a slice per statement keeps memory flat at the same speed.
        let mut from = d.after_rid;
        while from < last {
            let to = (from + FTS_SLICE).min(last);
            tx.prepare_cached(&sql)?.execute(params![from, to])?;
            from = to;
        }
        tx.execute(
            &format!(
                "INSERT INTO {fts}({fts}, rank) VALUES ('automerge', ?1)",
                fts = d.fts
            ),
            params![DEFAULT_AUTOMERGE],
        )?;
        tx.execute_batch(&d.trigger_sql)?;
    }
    Ok(())
}

/// Full-text indexing suspended across transactions (see [`Store::suspend_search_index`]).
#[must_use = "the search index stays incomplete until the suspension is resumed"]
pub struct SuspendedSearchIndex(Vec<DeferredFts>);

impl Store {
    /// Suspends full-text indexing of new tickets, messages, customers and articles until
    /// [`Store::resume_search_index`], across any number of transactions. Only for a database nobody else has open
    /// yet (the demo while it settles, in its `.partial` file): meanwhile its search misses the new rows, and a
    /// process killed before resuming leaves the triggers out. Rows inserted meanwhile must not have their indexed
    /// text updated before resuming (the update triggers would remove text that was never indexed).
    ///
    /// Why: every note the SLA sweep writes is one INSERT, and FTS5 flushes its pending index at each statement,
    /// so indexing row by row cost more than half of a sweep of a fresh demo.
    pub fn suspend_search_index(&mut self) -> Result<SuspendedSearchIndex> {
        let tx = self.begin_write()?;
        let deferred = suspend(&tx)?;
        tx.commit()?;
        Ok(SuspendedSearchIndex(deferred))
    }

    /// Indexes what was added since [`Store::suspend_search_index`] and restores indexing row by row.
    pub fn resume_search_index(&mut self, suspended: SuspendedSearchIndex) -> Result<()> {
        let tx = self.begin_write()?;
        resume(&tx, &suspended.0)?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::FTS_TRIGGERS;
    use crate::store::Store;

    fn new_ticket(store: &mut Store, subject: &str, body: &str) {
        use crate::domain::ticket::{Channel, Kind, Priority};
        store
            .conn
            .execute_batch(
                "PRAGMA foreign_keys = OFF;
                 INSERT OR IGNORE INTO customers(id, name, created_at, updated_at) VALUES ('C1', 'Wang Fang', 0, 0);",
            )
            .expect("customer");
        store
            .create_ticket(
                &crate::store::ticket_write::NewTicket {
                    subject: subject.into(),
                    kind: Kind::Question,
                    channel: Channel::Email,
                    priority: Priority::Normal,
                    customer_id: "C1".into(),
                    product_id: None,
                    body: body.into(),
                },
                1_700_000_000,
            )
            .expect("ticket");
    }

    fn found(store: &Store, query: &str) -> usize {
        store
            .search(query, crate::store::search::SearchOrder::Newest, 20)
            .expect("search")
            .len()
    }

    /// What is written while indexing is suspended is found once it resumes (by every class of search), and
    /// indexing goes on row by row after.
    #[test]
    fn rows_written_while_suspended_are_indexed_when_it_resumes() {
        let mut store = Store::open_in_memory().expect("store");
        new_ticket(&mut store, "printer jams", "paper stuck");
        let suspended = store.suspend_search_index().expect("suspend");
        new_ticket(&mut store, "compressor noise", "漏水 order DD202610293886");
        assert_eq!(
            found(&store, "compressor"),
            0,
            "not indexed while suspended"
        );
        store.resume_search_index(suspended).expect("resume");
        for query in ["compressor", "compr", "漏水", "DD202610293886", "printer"] {
            assert_eq!(found(&store, query), 1, "{query}");
        }
        new_ticket(&mut store, "heater", "cold");
        assert_eq!(found(&store, "heater"), 1);
        for (index, _) in FTS_TRIGGERS.iter().map(|t| (t.2, ())) {
            store
                .conn
                .execute(
                    &format!("INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)"),
                    [],
                )
                .unwrap_or_else(|e| panic!("{index}: {e}"));
            let automerge: Option<i64> = store
                .conn
                .query_row(
                    &format!("SELECT v FROM {index}_config WHERE k = 'automerge'"),
                    [],
                    |r| r.get(0),
                )
                .expect("config");
            assert_eq!(automerge, Some(super::DEFAULT_AUTOMERGE), "{index}");
        }
    }

    /// Every trigger that feeds a full-text index is suspended by bulk loads (FTS_TRIGGERS) and named `*_fts_a?`,
    /// the pattern the replica bootstrap (sync::pg::bootstrap) suspends and rebuilds by: an index added without
    /// telling them fails here.
    #[test]
    fn every_full_text_trigger_is_known_to_bulk_loads_and_bootstrap() {
        let store = Store::open_in_memory().expect("store");
        let conn = store.conn();
        let indexes: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("indexes");
        assert!(indexes.iter().any(|t| t == "messages_words_fts"));
        let triggers: Vec<(String, String)> = conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .expect("triggers");
        for index in &indexes {
            let feeding: Vec<&String> = triggers
                .iter()
                .filter(|(_, sql)| sql.contains(&format!("INSERT INTO {index}(")))
                .map(|(name, _)| name)
                .collect();
            assert_eq!(
                feeding.len(),
                3,
                "{index}: insert, update and delete triggers"
            );
            for name in feeding {
                let kind = name.strip_prefix(index.as_str()).unwrap_or_default();
                assert!(
                    ["_ai", "_ad", "_au"].contains(&kind),
                    "{name} feeds {index} but is not named {index}_a?"
                );
                if kind == "_ai" {
                    assert!(
                        FTS_TRIGGERS
                            .iter()
                            .any(|&(t, _, fts, _)| t == name && fts == index),
                        "bulk loads do not suspend {name}"
                    );
                }
            }
        }
        assert_eq!(FTS_TRIGGERS.len(), indexes.len());
    }
}
