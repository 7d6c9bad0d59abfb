//! Tags on customers (`desk customer set ID tags+=vip-care tags-=x`), in the `tags` table beside tickets' and
//! articles', logged as `tags +vip-care` on the customer like a ticket's.

use rusqlite::{Transaction, params};

use super::Result;
use super::changes::{ChangeLog, FieldChange};

/// Adds or removes one tag (already normalised by `domain::ticket::tag`); the change when there was one.
pub(super) fn apply(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    customer: &str,
    tag: &str,
    add: bool,
    now: i64,
) -> Result<Option<FieldChange>> {
    let (sql, sign) = if add {
        (
            "INSERT OR IGNORE INTO tags(entity, entity_id, tag) VALUES ('customer', ?1, ?2)",
            '+',
        )
    } else {
        (
            "DELETE FROM tags WHERE entity = 'customer' AND entity_id = ?1 AND tag = ?2",
            '-',
        )
    };
    if tx.prepare_cached(sql)?.execute(params![customer, tag])? == 0 {
        return Ok(None);
    }
    let entry = format!("{sign}{tag}");
    log.append(tx, "customer", customer, "tags", None, Some(&entry), now)?;
    Ok(Some(FieldChange {
        field: "tags",
        old: None,
        new: Some(entry),
    }))
}
