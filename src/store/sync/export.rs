//! The sending side: what this database has that a peer lacks, read in one consistent snapshot.

use super::super::hlc::parse_hlc;
use super::super::{Result, Store, StoreError};
use super::tables::{self, Merge};
use super::{Batch, LogEntry, Marks, RowImage};
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

impl Store {
    /// Everything past `since` on this side that `peer` lacks: its change-log entries (those made or relayed
    /// here, not the peer's own) and the tracked rows as they are now.
    pub fn export_since(&mut self, peer: &str, since: Marks) -> Result<Batch> {
        self.refuse_while_a_bulk_job_runs()?;
        self.stamp_unstamped_rows()?;
        let me = self.replica().to_string();
        // A deferred transaction: one snapshot, so each row image agrees with the entries sent beside it.
        let tx = self.conn.transaction()?;
        let upto_change: i64 =
            tx.query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
                r.get(0)
            })?;
        let upto_row: i64 =
            tx.query_row("SELECT coalesce(max(seq), 0) FROM sync_rows", [], |r| {
                r.get(0)
            })?;
        // A peer whose marks are not this log's (this file was restored from an older backup: the marks run past
        // its end, or the entry they end at is another one now) gets everything; what it has is skipped by id.
        let at_mark: Option<String> = tx
            .query_row(
                "SELECT id FROM changes WHERE seq = ?1",
                [since.change],
                |r| r.get(0),
            )
            .optional()?;
        let replaced = since.change > upto_change
            || since.row > upto_row
            || since
                .change_id
                .as_ref()
                .is_some_and(|id| at_mark.as_ref() != Some(id));
        let since = if replaced { Marks::default() } else { since };
        let upto_change_id: Option<String> = tx
            .query_row(
                "SELECT id FROM changes WHERE seq = ?1",
                [upto_change],
                |r| r.get(0),
            )
            .optional()?;
        let changes = tx
            .prepare(
                "SELECT id, hlc, replica, actor, entity, entity_id, field, old, new, at, action FROM changes
                 WHERE seq > ?1 AND seq <= ?2 AND replica <> ?3 ORDER BY seq",
            )?
            .query_map(params![since.change, upto_change, peer], |r| {
                Ok(LogEntry {
                    id: r.get(0)?,
                    hlc: r.get(1)?,
                    replica: r.get(2)?,
                    actor: r.get(3)?,
                    entity: r.get(4)?,
                    entity_id: r.get(5)?,
                    field: r.get(6)?,
                    old: r.get(7)?,
                    new: r.get(8)?,
                    at: r.get(9)?,
                    action: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let keys: Vec<(String, String)> = tx
            .prepare(
                "SELECT tbl, key FROM sync_rows WHERE seq > ?1 AND seq <= ?2 GROUP BY tbl, key ORDER BY min(seq)",
            )?
            .query_map(params![since.row, upto_row], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut columns: HashMap<&'static str, Vec<String>> = HashMap::new();
        let mut rows = Vec::new();
        for (tbl, key) in keys {
            let Some(table) = tables::table(&tbl) else {
                continue;
            };
            let newest: Option<(String, String)> = tx
                .prepare_cached(
                    "SELECT hlc, replica FROM sync_rows WHERE tbl = ?1 AND key = ?2 AND hlc IS NOT NULL
                     ORDER BY hlc DESC, replica DESC LIMIT 1",
                )?
                .query_row(params![tbl, key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let Some((hlc, replica)) = newest else {
                continue;
            };
            // The peer wrote this row's newest state itself.
            if replica == peer {
                continue;
            }
            if !columns.contains_key(table.name) {
                columns.insert(table.name, tables::columns(&tx, table)?);
            }
            let cols = columns
                .get(table.name)
                .map_or(&[] as &[String], Vec::as_slice);
            let row = tables::read_row(&tx, table, cols, &key)?;
            // A field-merged row that is gone was never this side's to remove (desk removes none); nothing to send.
            if row.is_none() && matches!(table.merge, Merge::Fields(_)) {
                continue;
            }
            rows.push(RowImage {
                table: tbl,
                key,
                hlc,
                replica,
                row,
            });
        }
        tx.finish()?;
        Ok(Batch {
            from: me,
            upto_change,
            upto_row,
            upto_change_id,
            changes,
            rows,
            duties: None,
        })
    }

    /// A bulk job's rows stay hidden until it publishes them; a snapshot taken meanwhile would send half a job.
    fn refuse_while_a_bulk_job_runs(&self) -> Result<()> {
        let running: Option<String> = self
            .conn
            .query_row(
                "SELECT kind FROM bulk_jobs WHERE published_at IS NULL LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        match running {
            Some(kind) => Err(StoreError::Refused(format!(
                "a {kind} is still running in {}; sync once it has finished (or, if it was killed, once the next \
                 import has cleared it away)",
                self.path.display()
            ))),
            None => Ok(()),
        }
    }

    /// Rows written by a transaction that logged nothing after them carry no stamp yet: give them one now, so the
    /// receiver can order them.
    pub(super) fn stamp_unstamped_rows(&mut self) -> Result<()> {
        let pending: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sync_rows WHERE hlc IS NULL)",
            [],
            |r| r.get(0),
        )?;
        if !pending {
            return Ok(());
        }
        self.write(|tx, log, _| {
            let newest: Option<String> =
                tx.query_row("SELECT max(hlc) FROM changes", [], |r| r.get(0))?;
            if let Some(seen) = newest.as_deref().and_then(parse_hlc) {
                log.hlc.observe(seen);
            }
            // Just past the newest stamp here (the logical part of the clock): these writes happened before now,
            // and reading the wall clock here would put them past the `now` the caller runs at.
            let stamp = log.hlc.tick(0);
            tx.execute(
                "UPDATE sync_rows SET hlc = ?1, replica = ?2 WHERE hlc IS NULL",
                params![stamp, log.replica],
            )?;
            Ok(())
        })
    }
}
