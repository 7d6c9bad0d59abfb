//! Customers' phone keys (`customers.phone_norm`, made by `domain::phone`). The keys are made under one region,
//! recorded in `meta.phone_region`: every write that changes a phone keys it under that region (see
//! `changes::update_row`), searches key what is typed under it, and [`Store::sync_phone_region`] re-keys every
//! phone, in one transaction with the record, when the configured region (`[crm] default_region`) is another.

use super::{Result, Store};
use crate::domain::phone::{self, Region};
use rusqlite::{Connection, OptionalExtension, params};

/// The region the stored keys were made under (the default before any were made).
pub(super) fn keyed_region(conn: &Connection) -> Result<Region> {
    let code: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = 'phone_region'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(code.and_then(|c| Region::parse(&c)).unwrap_or_default())
}

/// Sets customer `id`'s key from its phone, inside the write that changed the phone.
pub(super) fn sync(conn: &Connection, id: &str) -> Result<()> {
    let region = keyed_region(conn)?;
    let phone: Option<String> = conn
        .prepare_cached("SELECT phone FROM customers WHERE id = ?1")?
        .query_row(params![id], |r| r.get(0))
        .optional()?
        .flatten();
    let key = phone.as_deref().and_then(|p| phone::normalise(p, region));
    conn.prepare_cached(
        "UPDATE customers SET phone_norm = ?2 WHERE id = ?1 AND phone_norm IS NOT ?2",
    )?
    .execute(params![id, key])?;
    Ok(())
}

/// Keys every phone under `region` and records it; returns how many keys changed. The caller's transaction
/// makes keys and record change together.
fn rekey(conn: &Connection, region: Region) -> Result<usize> {
    let rows: Vec<(i64, String, Option<String>)> = conn
        .prepare("SELECT rid, phone, phone_norm FROM customers WHERE phone IS NOT NULL OR phone_norm IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default(), r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut set = conn.prepare("UPDATE customers SET phone_norm = ?2 WHERE rid = ?1")?;
    let mut changed = 0;
    for (rid, phone, old) in rows {
        let key = phone::normalise(&phone, region);
        if key != old {
            set.execute(params![rid, key])?;
            changed += 1;
        }
    }
    conn.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('phone_region', ?1)",
        params![region.code],
    )?;
    Ok(changed)
}

/// Inside a migration: keys every phone under the default region when none were keyed yet (the backfill of
/// migration 8; on a new file it only records the region).
pub(super) fn key_unkeyed(conn: &Connection) -> Result<()> {
    let recorded: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'phone_region'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if recorded.is_none() {
        rekey(conn, Region::default())?;
    }
    Ok(())
}

impl Store {
    /// Re-keys every phone when the configured region (`[crm] default_region`, from the service rules) is not the
    /// one the keys were made under. Called once after opening; returns how many keys changed (0 when the region
    /// was already the one, without taking the write lock).
    pub fn sync_phone_region(&mut self) -> Result<usize> {
        let region = self.rules.crm.phone_region();
        if keyed_region(&self.conn)? == region {
            return Ok(0);
        }
        let tx = self.begin_write()?;
        let changed = rekey(&tx, region)?;
        tx.commit()?;
        Ok(changed)
    }
}
