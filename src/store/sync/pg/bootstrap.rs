//! `desk replica create --from postgres://…`: a new replica made from the hub's compacted state — every row's
//! current image and the log as history — in one snapshot, streamed, never by replaying the log through the merge.
//! Written to `LOCAL.db.part` and renamed when complete, so an interrupted bootstrap leaves no half replica.

use super::super::super::sla;
use super::super::super::{OpenMode, Result, StorageMode, Store, StoreError};
use super::super::apply::stamp_row;
use super::super::replica::Created;
use super::super::tables::{self, Merge};
use super::pull::{OP_COLUMNS, entry, id_at, image, meta_number, snapshot};
use super::{HubConfig, PgHub, pg_error};
use rusqlite::params;
use std::path::{Path, PathBuf};

/// Rows fetched from the hub per round trip.
const CHUNK: i32 = 5_000;

/// Makes `dest` a replica of the hub at `cfg`; `progress` gets (done, total) in rows and entries.
pub fn create_from_hub(
    cfg: &HubConfig,
    dest: &Path,
    now: i64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Created> {
    if dest.exists() {
        return Err(StoreError::Refused(format!(
            "{} already exists; a replica is made into a new file",
            dest.display()
        )));
    }
    let part = PathBuf::from(format!("{}.part", dest.display()));
    let _ = std::fs::remove_file(&part);
    let made = fill(cfg, &part, now, progress);
    match made {
        Ok(mut created) => {
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", part.display()));
            }
            super::super::super::backup::remove_orphan_side_files(dest).map_err(|e| {
                StoreError::Refused(format!(
                    "cannot remove the side files a deleted {} left behind: {e}",
                    dest.display()
                ))
            })?;
            std::fs::rename(&part, dest).map_err(|e| {
                StoreError::Refused(format!(
                    "cannot move {} to {}: {e}",
                    part.display(),
                    dest.display()
                ))
            })?;
            created.path = dest.to_path_buf();
            created.bytes = std::fs::metadata(dest).map_or(0, |m| m.len());
            Ok(created)
        }
        Err(e) => {
            // The error says what failed; a leftover part is cleared by the next attempt.
            let _ = super::super::super::backup::remove_database_files(&part);
            Err(e)
        }
    }
}

fn fill(
    cfg: &HubConfig,
    part: &Path,
    now: i64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Created> {
    let mut hub = PgHub::connect(cfg)?;
    let shown = hub.shown.clone();
    let hub_id = hub.id.clone();
    let err = |e: postgres::Error| pg_error(&shown, &e);
    let mut store = Store::open_with(part, OpenMode::Create, StorageMode::Local)?;
    // A file nobody else has yet, renamed only when complete: a crash loses nothing worth keeping.
    store.conn.execute_batch("PRAGMA synchronous = OFF")?;
    let rules = store.service_rules().clone();
    let replica = store.replica().to_string();
    let mut pg = snapshot(&mut hub.client).map_err(err)?;
    let last_op = meta_number(&mut pg, "last_op").map_err(err)?;
    let last_row = meta_number(&mut pg, "last_row").map_err(err)?;
    let last_id = id_at(&mut pg, last_op).map_err(err)?;
    let total: i64 = pg
        .query_one(
            "SELECT (SELECT count(*) FROM desk_rows) + (SELECT count(*) FROM desk_ops) + (SELECT count(*) FROM desk_history)",
            &[],
        )
        .map_err(err)?
        .get(0);
    let total = u64::try_from(total).unwrap_or(0);
    let mut done = 0u64;
    let tx = store.conn.transaction()?;
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let fts_triggers = drop_fts_triggers(&tx)?;
    for table in tables::TABLES {
        let cols = tables::columns(&tx, table)?;
        let portal = pg
            .bind(
                "SELECT tbl, key, hlc, replica, row FROM desk_rows WHERE tbl = $1 ORDER BY pos",
                &[&table.name],
            )
            .map_err(err)?;
        loop {
            let rows = pg.query_portal(&portal, CHUNK).map_err(err)?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                let Some(img) = image(r) else {
                    return Err(StoreError::Refused(format!(
                        "the hub {shown} holds a {} row image desk did not write (edited by hand?)",
                        table.name
                    )));
                };
                match &img.row {
                    Some(data) => tables::upsert_row(&tx, table, &cols, data)?,
                    // Removed: only the stamp stays, so an older image of it never comes back.
                    None if table.merge == Merge::Rows => {}
                    None => continue,
                }
                stamp_row(&tx, table.name, &img.key, &img.hlc, &img.replica)?;
            }
            done += rows.len() as u64;
            progress(done, total);
        }
    }
    for source in ["desk_history", "desk_ops"] {
        let sql = format!("SELECT {OP_COLUMNS} FROM {source} ORDER BY pos");
        let portal = pg.bind(sql.as_str(), &[]).map_err(err)?;
        let mut insert = tx.prepare(
            "INSERT OR IGNORE INTO changes(id, hlc, replica, actor, entity, entity_id, field, old, new, at, action)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        loop {
            let rows = pg.query_portal(&portal, CHUNK).map_err(err)?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                let e = entry(r);
                insert.execute(params![
                    e.id,
                    e.hlc,
                    e.replica,
                    e.actor,
                    e.entity,
                    e.entity_id,
                    e.field,
                    e.old,
                    e.new,
                    e.at,
                    e.action
                ])?;
            }
            done += rows.len() as u64;
            progress(done, total);
        }
    }
    pg.commit().map_err(err)?;
    rebuild_fts(&tx, &fts_triggers)?;
    derive(&tx, &rules, now)?;
    let database_ids = "UPDATE meta SET value = ?1 WHERE key = 'database_id'";
    tx.execute(database_ids, params![hub_id])?;
    tx.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('sync_hub_id', ?1), ('sync_hub', ?2), ('provisional_seq', '0')",
        params![hub_id, shown],
    )?;
    // What this file's log holds now is the hub's: the first push sends only what is made here after.
    let own_change: i64 = tx.query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
        r.get(0)
    })?;
    let own_row: i64 = tx.query_row("SELECT coalesce(max(seq), 0) FROM sync_rows", [], |r| {
        r.get(0)
    })?;
    let own_id: Option<String> = tx
        .query_row(
            "SELECT id FROM changes WHERE seq = ?1",
            params![own_change],
            |r| r.get(0),
        )
        .ok();
    tx.execute(
        "INSERT OR REPLACE INTO sync_peers(peer, location, got_change, got_row, got_change_id, sent_change, sent_row)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![hub_id, shown, last_op, last_row, last_id, own_change, own_row],
    )?;
    let tickets: i64 = tx.query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))?;
    tx.commit()?;
    store
        .conn
        .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA wal_checkpoint(TRUNCATE)")?;
    drop(store);
    hub.client
        .execute(
            "INSERT INTO desk_replicas(id, got_change, got_row, got_change_id, has_change, has_row, pulled_at)
             VALUES ($1, $2, $3, $4, $5, $6, now())",
            &[&replica, &own_change, &own_row, &own_id, &last_op, &last_row],
        )
        .map_err(err)?;
    Ok(Created {
        path: part.to_path_buf(),
        replica,
        hub: hub_id,
        tickets,
        bytes: 0,
        registered: true,
    })
}

/// The triggers that keep the full-text indexes, taken away for the bulk load: fed row by row, FTS5 flushes its
/// pending terms at every statement and then merges the tiny segments (a third of a bootstrap's time, measured).
fn drop_fts_triggers(tx: &rusqlite::Transaction<'_>) -> Result<Vec<(String, String)>> {
    let triggers: Vec<(String, String)> = tx
        .prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%\\_fts\\_a_' ESCAPE '\\'",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &triggers {
        // Names from this file's own schema.
        tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    Ok(triggers)
}

/// The triggers put back and every full-text index built in one pass from its content.
fn rebuild_fts(tx: &rusqlite::Transaction<'_>, triggers: &[(String, String)]) -> Result<()> {
    for (_, sql) in triggers {
        tx.execute_batch(sql)?;
    }
    let tables: Vec<String> = tx
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for t in tables {
        tx.execute_batch(&format!("INSERT INTO \"{t}\"(\"{t}\") VALUES ('rebuild')"))?;
    }
    Ok(())
}

/// What every replica computes for itself from the merged facts: SLA clocks and measures, phone keys.
fn derive(tx: &rusqlite::Transaction<'_>, rules: &sla::ServiceRules, now: i64) -> Result<()> {
    let tickets: Vec<String> = tx
        .prepare("SELECT id FROM tickets")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &tickets {
        sla::refresh(tx, rules, id, now)?;
    }
    let customers: Vec<String> = tx
        .prepare("SELECT id FROM customers")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &customers {
        super::super::super::phones::sync(tx, id)?;
    }
    Ok(())
}
