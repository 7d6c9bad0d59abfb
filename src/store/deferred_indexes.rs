//! Upkeep left out while a bulk load fills a new file: secondary indexes, built again when it is done (every
//! ticket inserted lands at a random place in a score of indexes — by customer, assignee, status … — which at a
//! million tickets missed the page cache on most rows; building an index at the end is one sort), and the triggers
//! that record rows for sync (a new database's rows are ones no peer lacks).

use rusqlite::params;

use super::{Result, Store};

/// The tables the demo's ticket load fills.
const LOADED_TABLES: &[&str] = &["tickets", "messages", "surveys", "tasks", "tags"];

/// The `CREATE INDEX` texts of the indexes left out, to build them again as the schema has them.
#[must_use = "the indexes stay dropped until resumed"]
pub struct SuspendedIndexes(Vec<String>);

impl Store {
    /// Drops the secondary indexes of the tables a ticket load fills, except unique ones (they are constraints
    /// the load must meet as it goes). Only for a file nobody else has open (the demo's `.partial`): until
    /// [`Store::resume_secondary_indexes`] every query on those tables that needs one scans the table, so nothing
    /// but inserts may run meanwhile, and a process killed before resuming leaves them out.
    pub fn suspend_secondary_indexes(&mut self) -> Result<SuspendedIndexes> {
        let tx = self.begin_write()?;
        let mut created = Vec::new();
        for table in LOADED_TABLES {
            let indexes: Vec<(String, String)> = tx
                .prepare(
                    "SELECT name, sql FROM sqlite_schema
                      WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL
                        AND sql NOT LIKE 'CREATE UNIQUE %'",
                )?
                .query_map(params![table], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (name, sql) in indexes {
                // Names read from the schema, never from input.
                tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
                created.push(sql);
            }
        }
        tx.commit()?;
        Ok(SuspendedIndexes(created))
    }

    /// Builds the indexes [`Store::suspend_secondary_indexes`] left out.
    pub fn resume_secondary_indexes(&mut self, suspended: SuspendedIndexes) -> Result<()> {
        self.recreate(&suspended.0)
    }

    /// Creates schema objects again from the `CREATE` texts a suspension kept, in one transaction.
    fn recreate(&mut self, created: &[String]) -> Result<()> {
        let tx = self.begin_write()?;
        for sql in created {
            tx.execute_batch(sql)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Drops the triggers that record rows for sync (`sync_*`), returning their `CREATE TRIGGER` texts.
pub(super) fn drop_sync_triggers(tx: &rusqlite::Transaction<'_>) -> Result<Vec<String>> {
    let triggers: Vec<(String, String)> = tx
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sync!_%' ESCAPE '!'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &triggers {
        // Names read from the schema, never from input.
        tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    Ok(triggers.into_iter().map(|(_, sql)| sql).collect())
}

/// The sync triggers' texts while sync tracking is suspended.
#[must_use = "rows are not recorded for sync until resumed"]
pub struct SuspendedSyncTracking(Vec<String>);

impl Store {
    /// Stops recording written rows for sync until [`Store::resume_sync_tracking`]. Only while a new file is made
    /// (the demo settling in its `.partial` file): its rows are ones no peer lacks, as with bulk loads.
    pub fn suspend_sync_tracking(&mut self) -> Result<SuspendedSyncTracking> {
        let tx = self.begin_write()?;
        let triggers = drop_sync_triggers(&tx)?;
        tx.commit()?;
        Ok(SuspendedSyncTracking(triggers))
    }

    pub fn resume_sync_tracking(&mut self, suspended: SuspendedSyncTracking) -> Result<()> {
        self.recreate(&suspended.0)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    fn indexes(store: &Store) -> Vec<(String, String)> {
        store
            .conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .expect("indexes")
    }

    /// The load runs without the tickets' secondary indexes, keeps the unique ones, and ends with the schema's
    /// indexes exactly as they were.
    #[test]
    fn a_load_drops_secondary_indexes_and_builds_the_same_ones_again() {
        let mut store = Store::open_in_memory().expect("store");
        let before = indexes(&store);
        assert!(before.iter().any(|(n, _)| n == "tickets_customer"));
        let suspended = store.suspend_secondary_indexes().expect("suspend");
        let during = indexes(&store);
        assert!(!during.iter().any(|(n, _)| n == "tickets_customer"));
        assert!(
            during
                .iter()
                .any(|(_, sql)| sql.starts_with("CREATE UNIQUE")),
            "unique indexes stay"
        );
        assert!(during.len() < before.len());
        store.resume_secondary_indexes(suspended).expect("resume");
        assert_eq!(indexes(&store), before);
    }
}
