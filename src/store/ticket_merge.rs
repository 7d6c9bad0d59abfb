//! Merging a duplicate into another ticket, and linking related tickets. Both go through the change log.

use super::changes::{Mutable, Value, update_row, with_retry};
use super::{Result, Store, StoreError};
use crate::domain::ticket::Status;
use rusqlite::{OptionalExtension, Transaction, params};

/// How far `merged_into` chains are followed (A into B, later B into C).
const MAX_MERGE_HOPS: usize = 8;

fn ticket(tx: &Transaction<'_>, number: i64) -> Result<(String, Status)> {
    let row: Option<(String, String)> = tx
        .query_row(
            "SELECT id, status FROM tickets WHERE number = ?1",
            params![number],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (id, status) = row.ok_or(StoreError::NotFound {
        entity: "ticket",
        id: format!("#{number}"),
    })?;
    Ok((id, super::stored::ticket_field(number, &status)?))
}

/// What can be merged into another of its kind (its table has `merged_into`).
#[derive(Debug, Clone, Copy)]
pub(super) enum Merged {
    Ticket,
    Customer,
}

/// The record `id` ends up in after every merge since: itself when it was never merged. A chain is as long as
/// the merges done; the bound only stops a cycle a damaged file might hold.
pub(super) fn survivor(conn: &rusqlite::Connection, what: Merged, id: &str) -> Result<String> {
    let sql = match what {
        Merged::Ticket => "SELECT merged_into FROM tickets WHERE id = ?1",
        Merged::Customer => "SELECT merged_into FROM customers WHERE id = ?1",
    };
    let mut id = id.to_string();
    for _ in 0..16 {
        let into: Option<String> = conn
            .prepare_cached(sql)?
            .query_row(params![id], |r| r.get(0))
            .optional()?
            .flatten();
        match into {
            Some(next) => id = next,
            None => break,
        }
    }
    Ok(id)
}

impl Store {
    /// The number a ticket number now stands for: a merged ticket resolves to the ticket it was merged into.
    pub fn resolve_number(&self, number: i64) -> Result<i64> {
        let mut n = self.renumbered(number)?.unwrap_or(number);
        for _ in 0..MAX_MERGE_HOPS {
            let into: Option<i64> = self
                .conn
                .prepare_cached(
                    "SELECT t2.number FROM tickets t JOIN tickets t2 ON t2.id = t.merged_into WHERE t.number = ?1",
                )?
                .query_row(params![n], |r| r.get(0))
                .optional()?;
            match into {
                Some(next) => n = next,
                None => return Ok(n),
            }
        }
        Ok(n)
    }

    /// The number now held by the ticket that was given the provisional `number` on a replica (the hub made it
    /// final at sync). A replica's own tickets come first: there `#L-3` means the ticket it numbered so.
    fn renumbered(&self, number: i64) -> Result<Option<i64>> {
        if number >= 0 {
            return Ok(None);
        }
        Ok(self
            .conn
            .prepare_cached(
                "SELECT t.number FROM ticket_renumbered r JOIN tickets t ON t.id = r.ticket_id
                 WHERE r.old = ?1 ORDER BY r.creator = ?2 DESC LIMIT 1",
            )?
            .query_row(params![number, self.replica], |r| r.get(0))
            .optional()?)
    }

    /// Folds ticket `source` into `target`: its messages move over (the thread stays in time order), its tags are
    /// added, it becomes `merged` pointing at the target, and both tickets' histories say so.
    pub fn merge_ticket(&mut self, source: i64, target: i64, now: i64) -> Result<()> {
        if source == target {
            return Err(StoreError::Refused(format!(
                "cannot merge #{source} into itself"
            )));
        }
        let path = self.path.clone();
        let rules = std::sync::Arc::clone(&self.rules);
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let (src_id, src_status) = ticket(&tx, source)?;
            let (dst_id, dst_status) = ticket(&tx, target)?;
            if matches!(dst_status, Status::Merged | Status::Closed) {
                return Err(StoreError::Refused(format!(
                    "#{target} is {dst_status}; merge into an active ticket"
                )));
            }
            src_status
                .transition(Status::Merged)
                .map_err(|e| StoreError::Refused(e.to_string()))?;
            // Which messages moved is logged, so the merge can be undone message by message.
            let moved_ids: Vec<String> = tx
                .prepare("UPDATE messages SET ticket_id = ?1 WHERE ticket_id = ?2 RETURNING id")?
                .query_map(params![dst_id, src_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let moved = moved_ids.len();
            log.append(
                &tx,
                "ticket",
                &src_id,
                "moved_messages",
                None,
                Some(&moved_ids.join(",")),
                now,
            )?;
            // Each tag the target gains is a logged change, like any other tag added (sync and history see it).
            let gained: Vec<String> = tx
                .prepare(
                    "INSERT OR IGNORE INTO tags(entity, entity_id, tag) SELECT 'ticket', ?1, tag FROM tags
                     WHERE entity = 'ticket' AND entity_id = ?2 RETURNING tag",
                )?
                .query_map(params![dst_id, src_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for tag in gained {
                let entry = format!("+{tag}");
                log.append(&tx, "ticket", &dst_id, "tags", None, Some(&entry), now)?;
            }
            super::ticket_write::system_note(
                &tx,
                &log,
                &dst_id,
                &format!("#{source} was merged into this ticket ({moved} messages moved)."),
                now,
            )?;
            let fields = [
                ("status", Value::from("merged")),
                ("merged_into", Value::Text(dst_id.clone())),
            ];
            let columns = ["status", "merged_into"];
            update_row(
                &tx,
                &mut log,
                Mutable::Ticket,
                &src_id,
                None,
                &columns,
                &fields,
                now,
            )?;
            log.append(
                &tx,
                "ticket",
                &dst_id,
                "merged_from",
                None,
                Some(&source.to_string()),
                now,
            )?;
            tx.execute(
                "UPDATE tickets SET version = version + 1, updated_at = ?1 WHERE id = ?2",
                params![now, dst_id],
            )?;
            // The moved messages are now the target's history; the source's clocks stop.
            super::crm::refresh_ticket_customer(&tx, &mut log, &rules, &dst_id, now)?;
            super::sla::refresh(&tx, &rules, &src_id, now)?;
            super::sla::refresh(&tx, &rules, &dst_id, now)?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(())
        })
    }

    /// Links two related tickets (idempotent).
    pub fn link_tickets(&mut self, a: i64, b: i64, now: i64) -> Result<bool> {
        if a == b {
            return Err(StoreError::Refused(format!("cannot link #{a} to itself")));
        }
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let (ida, _) = ticket(&tx, a)?;
            let (idb, _) = ticket(&tx, b)?;
            let (lo, hi) = if ida < idb {
                (&ida, &idb)
            } else {
                (&idb, &ida)
            };
            let added = tx.execute(
                "INSERT OR IGNORE INTO ticket_links(a, b, created_at) VALUES (?1, ?2, ?3)",
                params![lo, hi, now],
            )? > 0;
            if added {
                log.append(
                    &tx,
                    "ticket",
                    &ida,
                    "linked",
                    None,
                    Some(&b.to_string()),
                    now,
                )?;
                log.append(
                    &tx,
                    "ticket",
                    &idb,
                    "linked",
                    None,
                    Some(&a.to_string()),
                    now,
                )?;
            }
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(added)
        })
    }

    /// Numbers of the tickets linked to ticket `id`, and the number it was merged into, if any.
    pub fn relations(&self, id: &str) -> Result<(Vec<i64>, Option<i64>)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.number FROM ticket_links l JOIN tickets t ON t.id = CASE WHEN l.a = ?1 THEN l.b ELSE l.a END
             WHERE l.a = ?1 OR l.b = ?1 ORDER BY t.number",
        )?;
        let links = stmt
            .query_map(params![id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        let merged_into = self
            .conn
            .prepare_cached("SELECT t2.number FROM tickets t JOIN tickets t2 ON t2.id = t.merged_into WHERE t.id = ?1")?
            .query_row(params![id], |r| r.get(0))
            .optional()?;
        Ok((links, merged_into))
    }
}
