//! `desk replica create|status` and the conflicts list: making a replica of a team's database, what waits to go
//! each way, and the concurrent edits an agent lost.

use super::super::backup;
use super::super::changes::{Mutable, Value, update_row};
use super::super::{OpenMode, Result, StorageMode, Store, StoreError};
use super::{Batch, Marks};
use rusqlite::{OptionalExtension, params};
use std::path::{Path, PathBuf};

/// A replica just made.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Created {
    pub path: PathBuf,
    pub replica: String,
    pub hub: String,
    pub tickets: i64,
    pub bytes: u64,
    /// False when the hub could not be written to note the new replica (a read-only share): the first sync then
    /// reads this replica's whole log to find what is its own.
    pub registered: bool,
}

/// Where a replica stands with its hub.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Status {
    pub replica: String,
    pub hub: String,
    pub hub_location: Option<String>,
    pub synced_at: Option<i64>,
    pub failed_at: Option<i64>,
    pub error: Option<String>,
    /// Changes and rows made here that the hub has not taken yet.
    pub to_send: Pending,
    /// Changes and rows at the hub this replica lacks (None when the hub was not read).
    pub to_receive: Option<Pending>,
    pub open_conflicts: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Pending {
    pub changes: i64,
    pub rows: i64,
}

/// Makes `dest` a full replica of the desk database `hub` (an online copy; others may keep working).
pub fn create(
    hub: &Path,
    hub_mode: StorageMode,
    dest: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> std::result::Result<Created, backup::BackupError> {
    // A deleted replica's WAL left at `dest` would be applied to the new file.
    backup::remove_orphan_side_files(dest).map_err(|e| {
        backup::BackupError::Store(StoreError::Refused(format!(
            "cannot remove the side files a deleted {} left behind: {e}",
            dest.display()
        )))
    })?;
    let copy = backup::backup(hub, dest, false, progress)?;
    let made = make_replica(&copy.path, hub).map_err(backup::BackupError::Store);
    let made = match made {
        Ok(m) => m,
        Err(e) => {
            // Half a replica is no replica: a copy still carrying the hub's identity would sync as the hub.
            let _ = std::fs::remove_file(&copy.path);
            return Err(e);
        }
    };
    let registered = register_at_hub(hub, hub_mode, &made).is_ok();
    Ok(Created {
        path: copy.path,
        replica: made.replica,
        hub: made.hub,
        tickets: made.tickets,
        bytes: std::fs::metadata(dest).map_or(0, |m| m.len()),
        registered,
    })
}

struct Made {
    replica: String,
    hub: String,
    marks: Marks,
    tickets: i64,
}

fn make_replica(copy: &Path, hub: &Path) -> Result<Made> {
    let mut store = Store::open_with(copy, OpenMode::Existing, StorageMode::Local)?;
    let location = std::fs::canonicalize(hub)
        .unwrap_or_else(|_| hub.to_path_buf())
        .display()
        .to_string();
    let replica = super::super::new_id();
    let tx = store.begin_write()?;
    if super::is_replica(&tx)? {
        return Err(StoreError::Refused(format!(
            "{} is itself a replica; make replicas of the team's database (its hub) instead",
            hub.display()
        )));
    }
    let hub_id: String =
        tx.query_row("SELECT value FROM meta WHERE key = 'replica_id'", [], |r| {
            r.get(0)
        })?;
    // Rows the hub wrote without a stamp yet are the hub's.
    tx.execute(
        "UPDATE sync_rows SET hlc = coalesce((SELECT max(hlc) FROM changes), '0000000000000-00000'), replica = ?1
         WHERE hlc IS NULL",
        params![hub_id],
    )?;
    let marks = Marks {
        change: tx.query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
            r.get(0)
        })?,
        row: tx.query_row("SELECT coalesce(max(seq), 0) FROM sync_rows", [], |r| {
            r.get(0)
        })?,
        change_id: tx
            .query_row(
                "SELECT id FROM changes ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?,
    };
    tx.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'replica_id'",
        params![replica],
    )?;
    tx.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('sync_hub_id', ?1), ('sync_hub', ?2), ('provisional_seq', '0')",
        params![hub_id, location],
    )?;
    tx.execute(
        "INSERT OR REPLACE INTO sync_peers(peer, location, got_change, got_row, got_change_id, sent_change, sent_row)
         VALUES (?1, ?2, ?3, ?4, ?5, ?3, ?4)",
        params![hub_id, location, marks.change, marks.row, marks.change_id],
    )?;
    // What belongs to the hub's machine only: who is looking at what there, and where its mail fetch stands.
    tx.execute_batch("DELETE FROM presence; DELETE FROM imap_mailboxes;")?;
    let tickets = tx.query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))?;
    tx.commit()?;
    Ok(Made {
        replica,
        hub: hub_id,
        marks,
        tickets,
    })
}

/// Tells the hub the new replica holds its log up to the copy, so the first sync sends only what is new.
fn register_at_hub(hub: &Path, mode: StorageMode, made: &Made) -> Result<()> {
    let mut store = Store::open_with(hub, OpenMode::Existing, mode)?;
    let tx = store.begin_write()?;
    tx.execute(
        "INSERT OR REPLACE INTO sync_peers(peer, location, got_change, got_row, got_change_id, sent_change, sent_row)
         VALUES (?1, NULL, ?2, ?3, ?4, ?2, ?3)",
        params![made.replica, made.marks.change, made.marks.row, made.marks.change_id],
    )?;
    tx.commit()?;
    Ok(())
}

/// One concurrent edit this side lost, as the conflicts list shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Conflict {
    pub loser: String,
    pub entity: String,
    pub entity_id: String,
    /// The ticket's number, for a ticket.
    pub number: Option<i64>,
    pub field: String,
    pub mine: Option<String>,
    pub theirs: Option<String>,
    /// Who made the winning change: an agent's name, else their handle, else `the hub`.
    pub by: String,
    pub at: i64,
    pub reason: Option<String>,
    pub actor: Option<String>,
}

impl Store {
    /// This database's hub, when it is a replica: (hub id, where it was made from).
    pub fn sync_hub(&self) -> Result<Option<(String, String)>> {
        let get = |k: &str| -> Result<Option<String>> {
            Ok(self
                .conn
                .query_row("SELECT value FROM meta WHERE key = ?1", params![k], |r| {
                    r.get(0)
                })
                .optional()?)
        };
        Ok(match (get("sync_hub_id")?, get("sync_hub")?) {
            (Some(id), Some(at)) => Some((id, at)),
            _ => None,
        })
    }

    /// Notes that the hub holds this side's log up to what `batch` carried.
    pub(super) fn note_sent(&mut self, hub: &str, batch: &Batch) -> Result<()> {
        self.conn.execute(
            "INSERT INTO sync_peers(peer, sent_change, sent_row) VALUES (?1, ?2, ?3)
             ON CONFLICT(peer) DO UPDATE SET sent_change = max(sent_change, excluded.sent_change),
                                             sent_row = max(sent_row, excluded.sent_row)",
            params![hub, batch.upto_change, batch.upto_row],
        )?;
        Ok(())
    }

    /// Records a sync that failed (shown by `desk replica status` and the status bar).
    pub fn note_sync_failure(&mut self, hub: &str, error: &str, now: i64) -> Result<()> {
        self.conn.execute(
            "INSERT INTO sync_peers(peer, failed_at, error) VALUES (?1, ?2, ?3)
             ON CONFLICT(peer) DO UPDATE SET failed_at = excluded.failed_at, error = excluded.error",
            params![hub, now, error],
        )?;
        Ok(())
    }

    /// What waits to go each way; `hub` (opened by the caller) for what waits there.
    pub fn replica_status(&self, hub: Option<&Store>) -> Result<Option<Status>> {
        let Some((hub_id, location)) = self.sync_hub()? else {
            return Ok(None);
        };
        let peer = self
            .conn
            .query_row(
                "SELECT synced_at, failed_at, error, sent_change, sent_row FROM sync_peers WHERE peer = ?1",
                params![hub_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let (synced_at, failed_at, error, sent_change, sent_row): (
            Option<i64>,
            Option<i64>,
            Option<String>,
            i64,
            i64,
        ) = peer.unwrap_or((None, None, None, 0, 0));
        let to_send = pending(self, self.replica(), sent_change, sent_row, true)?;
        let to_receive = match hub {
            Some(h) => {
                let m = self.marks_of(&hub_id)?;
                Some(pending(h, self.replica(), m.change, m.row, false)?)
            }
            None => None,
        };
        let open_conflicts = self.conn.query_row(
            "SELECT count(*) FROM sync_conflicts WHERE state = 'open'",
            [],
            |r| r.get(0),
        )?;
        Ok(Some(Status {
            replica: self.replica().to_string(),
            hub: hub_id,
            hub_location: Some(location),
            synced_at,
            failed_at,
            error,
            to_send,
            to_receive,
            open_conflicts,
        }))
    }

    /// What waits to go each way with a PostgreSQL hub.
    pub fn replica_status_pg(&self, hub: &mut super::pg::PgHub) -> Result<Option<Status>> {
        let Some(mut status) = self.replica_status(None)? else {
            return Ok(None);
        };
        let marks = self.marks_of(&status.hub)?;
        status.to_receive = Some(hub.waiting_for(self.replica(), &marks)?);
        Ok(Some(status))
    }

    /// Open conflicts, the newest first; only `actor`'s own losses when given.
    pub fn conflicts(&self, actor: Option<&str>) -> Result<Vec<Conflict>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.loser, l.entity, l.entity_id, t.number, l.field, l.new, w.new,
                    coalesce(a.name, w.actor, 'the hub'), w.at, c.reason, l.actor
             FROM sync_conflicts c JOIN changes l ON l.id = c.loser JOIN changes w ON w.id = c.winner
             LEFT JOIN tickets t ON l.entity = 'ticket' AND t.id = l.entity_id
             LEFT JOIN agents a ON a.handle = w.actor
             WHERE c.state = 'open' AND (?1 IS NULL OR l.actor = ?1)
             ORDER BY c.found_at DESC, c.loser DESC LIMIT 500",
        )?;
        let rows = stmt.query_map(params![actor], |r| {
            Ok(Conflict {
                loser: r.get(0)?,
                entity: r.get(1)?,
                entity_id: r.get(2)?,
                number: r.get(3)?,
                field: r.get(4)?,
                mine: r.get(5)?,
                theirs: r.get(6)?,
                by: crate::domain::text::sanitize(&r.get::<_, String>(7)?),
                at: r.get(8)?,
                reason: r.get(9)?,
                actor: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Settles a conflict: `reapply` writes the losing value again (a new change, which now wins), else the
    /// winning value is accepted. Either way it leaves the list on every replica at the next sync.
    pub fn settle_conflict(&mut self, loser: &str, reapply: bool, now: i64) -> Result<()> {
        let loser = loser.to_string();
        self.write(|tx, log, _| {
            let found: Option<(String, String, String, Option<String>)> = tx
                .query_row(
                    "SELECT l.entity, l.entity_id, l.field, l.new FROM sync_conflicts c JOIN changes l ON l.id = c.loser
                     WHERE c.loser = ?1 AND c.state = 'open'",
                    params![loser],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let Some((entity, entity_id, field, value)) = found else {
                return Err(StoreError::NotFound {
                    entity: "conflict",
                    id: loser.clone(),
                });
            };
            if reapply {
                let what = mutable(&entity).ok_or_else(|| {
                    StoreError::Refused(format!("a change of {entity} {field} cannot be applied again"))
                })?;
                let column = what.column(&field)?;
                update_row(tx, log, what, &entity_id, None, &[column], &[(column, Value::from(value.as_deref()))], now)?;
            }
            let state = if reapply { "reapplied" } else { "accepted" };
            tx.execute("UPDATE sync_conflicts SET state = ?2 WHERE loser = ?1", params![loser, state])?;
            // The other replicas settle it when this entry reaches them.
            log.append(tx, &entity, &entity_id, "conflict_settled", Some(&loser), Some(state), now)?;
            Ok(())
        })
    }
}

fn mutable(entity: &str) -> Option<Mutable> {
    [
        Mutable::Ticket,
        Mutable::Customer,
        Mutable::Organization,
        Mutable::Article,
        Mutable::Agent,
        Mutable::Task,
    ]
    .into_iter()
    .find(|m| m.entity() == entity)
}

/// Entries and rows past the marks: made on `store` itself (`own`) or lacking for `peer`.
fn pending(store: &Store, peer: &str, change: i64, row: i64, own: bool) -> Result<Pending> {
    let (c_sql, r_sql) = if own {
        (
            "SELECT count(*) FROM changes WHERE seq > ?1 AND replica = ?2",
            "SELECT count(DISTINCT key) FROM sync_rows WHERE seq > ?1 AND (replica = ?2 OR replica IS NULL)",
        )
    } else {
        (
            "SELECT count(*) FROM changes WHERE seq > ?1 AND replica <> ?2",
            "SELECT count(DISTINCT key) FROM sync_rows WHERE seq > ?1 AND (replica <> ?2 OR replica IS NULL)",
        )
    };
    Ok(Pending {
        changes: store
            .conn
            .query_row(c_sql, params![change, peer], |r| r.get(0))?,
        rows: store
            .conn
            .query_row(r_sql, params![row, peer], |r| r.get(0))?,
    })
}
