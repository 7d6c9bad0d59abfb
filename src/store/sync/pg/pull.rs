//! The hub sending a replica what it lacks: entries and row images past the replica's marks, read in one
//! snapshot (so each image agrees with the entries beside it).

use super::super::super::{Result, StoreError};
use super::super::{Batch, LogEntry, Marks, RowImage};
use super::{PgHub, pg_error, row_from_json};
use postgres::{IsolationLevel, Row};

/// Where the hub holds `replica`'s log up to.
pub(super) fn marks_for(
    client: &mut postgres::Client,
    shown: &str,
    replica: &str,
) -> Result<Marks> {
    let row = client
        .query_opt(
            "SELECT got_change, got_row, got_change_id FROM desk_replicas WHERE id = $1",
            &[&replica],
        )
        .map_err(|e| pg_error(shown, &e))?;
    Ok(row.map_or_else(Marks::default, |r| Marks {
        change: r.get(0),
        row: r.get(1),
        change_id: r.get(2),
    }))
}

pub(super) const OP_COLUMNS: &str =
    "id, hlc, replica, actor, entity, entity_id, field, old, new, at, action";

pub(super) fn entry(r: &Row) -> LogEntry {
    LogEntry {
        id: r.get(0),
        hlc: r.get(1),
        replica: r.get(2),
        actor: r.get(3),
        entity: r.get(4),
        entity_id: r.get(5),
        field: r.get(6),
        old: r.get(7),
        new: r.get(8),
        at: r.get(9),
        action: r.get(10),
    }
}

/// A stored image as it travels; `None` for one desk did not write (it is not sent).
pub(super) fn image(r: &Row) -> Option<RowImage> {
    let row = match r.get::<_, Option<serde_json::Value>>(4) {
        Some(v) => Some(row_from_json(&v)?),
        None => None,
    };
    Some(RowImage {
        table: r.get(0),
        key: r.get(1),
        hlc: r.get(2),
        replica: r.get(3),
        row,
    })
}

/// One consistent, read-only view of the hub.
pub(super) fn snapshot(
    client: &mut postgres::Client,
) -> std::result::Result<postgres::Transaction<'_>, postgres::Error> {
    client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
}

/// A number the hub keeps in `desk_hub_meta` (0 when it has none yet).
pub(super) fn meta_number(
    tx: &mut postgres::Transaction<'_>,
    key: &str,
) -> std::result::Result<i64, postgres::Error> {
    let v: Option<String> = tx
        .query_opt("SELECT value FROM desk_hub_meta WHERE key = $1", &[&key])?
        .map(|r| r.get(0));
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// The id of the entry at `pos`, in the log or the history.
pub(super) fn id_at(
    tx: &mut postgres::Transaction<'_>,
    pos: i64,
) -> std::result::Result<Option<String>, postgres::Error> {
    Ok(tx
        .query_opt(
            "SELECT id FROM desk_ops WHERE pos = $1 UNION ALL SELECT id FROM desk_history WHERE pos = $1",
            &[&pos],
        )?
        .map(|r| r.get(0)))
}

pub(super) fn pull(hub: &mut PgHub, replica: &str, since: Marks) -> Result<Batch> {
    let shown = hub.shown.clone();
    let err = |e: postgres::Error| pg_error(&shown, &e);
    let mut tx = snapshot(&mut hub.client).map_err(err)?;
    let upto_change = meta_number(&mut tx, "last_op").map_err(err)?;
    let upto_row = meta_number(&mut tx, "last_row").map_err(err)?;
    // Marks past the hub's end, or ending at another entry than they name, come from another hub (this one was
    // restored from a backup): everything is sent again, and what the replica has is skipped by id.
    let at_mark = id_at(&mut tx, since.change).map_err(err)?;
    let replaced = since.change > upto_change
        || since.row > upto_row
        || since
            .change_id
            .as_ref()
            .is_some_and(|id| at_mark.as_ref() != Some(id));
    let since = if replaced { Marks::default() } else { since };
    let upto_change_id = id_at(&mut tx, upto_change).map_err(err)?;
    let compacted = meta_number(&mut tx, "compacted_to").map_err(err)?;
    let duties: Option<String> = tx
        .query_opt("SELECT value FROM desk_hub_meta WHERE key = 'duties'", &[])
        .map_err(err)?
        .map(|r| r.get(0));
    let mut changes = Vec::new();
    if since.change < compacted {
        // Behind the compaction horizon (a replica forgotten and back): the history holds what it lacks.
        let sql = format!(
            "SELECT {OP_COLUMNS} FROM desk_history WHERE pos > $1 AND replica <> $2 ORDER BY pos"
        );
        changes.extend(
            tx.query(&sql, &[&since.change, &replica])
                .map_err(err)?
                .iter()
                .map(entry),
        );
    }
    let sql = format!(
        "SELECT {OP_COLUMNS} FROM desk_ops WHERE pos > $1 AND pos <= $2 AND replica <> $3 ORDER BY pos"
    );
    changes.extend(
        tx.query(&sql, &[&since.change, &upto_change, &replica])
            .map_err(err)?
            .iter()
            .map(entry),
    );
    let rows = tx
        .query(
            "SELECT tbl, key, hlc, replica, row FROM desk_rows WHERE pos > $1 AND pos <= $2 AND replica <> $3
             ORDER BY pos",
            &[&since.row, &upto_row, &replica],
        )
        .map_err(err)?
        .iter()
        .map(image)
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| {
            StoreError::Refused(format!(
                "the hub {shown} holds a row image desk did not write (edited by hand?); nothing was taken"
            ))
        })?;
    tx.commit().map_err(err)?;
    // How far the replica has been sent the log: its lag for `desk hub status`, and the compaction horizon (a
    // replica that failed to apply this asks again from older marks, which the history still answers).
    hub.client
        .execute(
            "INSERT INTO desk_replicas(id, has_change, has_row, pulled_at) VALUES ($1, $2, $3, now())
             ON CONFLICT (id) DO UPDATE SET has_change = excluded.has_change, has_row = excluded.has_row,
                 pulled_at = excluded.pulled_at",
            &[&replica, &upto_change, &upto_row],
        )
        .map_err(err)?;
    Ok(Batch {
        from: hub.id.clone(),
        upto_change,
        upto_row,
        upto_change_id,
        changes,
        rows,
        duties,
    })
}

impl PgHub {
    /// What the hub has that `replica` lacks past `since` (entries and rows not its own), counted, not read.
    pub fn waiting_for(
        &mut self,
        replica: &str,
        since: &Marks,
    ) -> Result<super::super::replica::Pending> {
        let shown = self.shown.clone();
        let r = self
            .client
            .query_one(
                "SELECT (SELECT count(*) FROM desk_ops WHERE pos > $1 AND replica <> $3),
                        (SELECT count(*) FROM desk_rows WHERE pos > $2 AND replica <> $3)",
                &[&since.change, &since.row, &replica],
            )
            .map_err(|e| pg_error(&shown, &e))?;
        Ok(super::super::replica::Pending {
            changes: r.get(0),
            rows: r.get(1),
        })
    }
}
