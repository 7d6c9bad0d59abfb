//! A customer's addresses (家, 公司 …), one of them the default. Every write here leaves exactly one default for a
//! customer with any address ([`settle`]) and mirrors its text into `customers.address` through the change log, so
//! what reads that column — a new visit's address, exports, the profile's `address` — reads the default, and a
//! replica learns the default like any other customer field.

use rusqlite::{OptionalExtension, Transaction, params};

use super::changes::{ChangeLog, Mutable, Value, update_row, with_retry};
use super::{Result, Store, StoreError, new_id};
use crate::domain::text::{SafeText, one_line, sanitize};

/// How many addresses a profile lists (and a customer may have).
pub const MAX_ADDRESSES: i64 = 20;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AddressRow {
    pub id: String,
    pub label: SafeText,
    pub address: SafeText,
    pub is_default: bool,
    pub created_at: i64,
}

/// Makes one address the default when there is none or several: the newest flagged one, else the oldest.
fn settle(tx: &Transaction<'_>, customer: &str, now: i64) -> Result<()> {
    let keep: Option<String> = tx
        .prepare_cached(
            "SELECT id FROM customer_addresses WHERE customer_id = ?1
              ORDER BY is_default DESC, CASE WHEN is_default = 1 THEN -updated_at ELSE created_at END, id LIMIT 1",
        )?
        .query_row(params![customer], |r| r.get(0))
        .optional()?;
    if let Some(keep) = keep {
        tx.prepare_cached(
            "UPDATE customer_addresses SET is_default = (id = ?2), updated_at = ?3
              WHERE customer_id = ?1 AND is_default != (id = ?2)",
        )?
        .execute(params![customer, keep, now])?;
    }
    Ok(())
}

/// The default address's text, if the customer has any address.
pub(super) fn default_text(tx: &Transaction<'_>, customer: &str) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached(
            "SELECT address FROM customer_addresses WHERE customer_id = ?1 AND is_default = 1
              ORDER BY updated_at DESC LIMIT 1",
        )?
        .query_row(params![customer], |r| r.get(0))
        .optional()?)
}

/// Settles the default and writes its text to `customers.address` (a logged change when it moved).
fn settle_and_mirror(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    customer: &str,
    now: i64,
) -> Result<()> {
    settle(tx, customer, now)?;
    let text = default_text(tx, customer)?.map_or(Value::Null, Value::Text);
    update_row(
        tx,
        log,
        Mutable::Customer,
        customer,
        None,
        &["address"],
        &[("address", text)],
        now,
    )?;
    tx.prepare_cached("UPDATE customers SET version = version + 1, updated_at = ?2 WHERE id = ?1")?
        .execute(params![customer, now])?;
    Ok(())
}

/// `desk check`: every customer with addresses has exactly one default. The writes here keep it so ([`settle`]);
/// a sync that applied only one of two swapped rows, or a hand edit, can leave none or two.
pub(super) fn check(conn: &rusqlite::Connection) -> Result<super::check::Check> {
    // One pass over the (customer_id, is_default) index, then a primary-key probe per customer.
    let (examined, problems, details) = super::check::tally(
        conn,
        "SELECT (a.defaults != 1) AS bad, a.customer_id, coalesce(c.name, ''), a.defaults, a.n
         FROM (SELECT customer_id, sum(is_default) AS defaults, count(*) AS n
               FROM customer_addresses GROUP BY customer_id) a
         LEFT JOIN customers c ON c.id = a.customer_id",
        &[],
        |r| {
            let id: String = r.get(1)?;
            let (defaults, n): (i64, i64) = (r.get(3)?, r.get(4)?);
            let what = match defaults {
                0 => "none is the default".to_string(),
                d => format!("{d} are marked default"),
            };
            Ok(format!(
                "customer {} ({}) has {n} address(es) and {what}; make one the default: \
                 desk customer address default {} <address id or label>",
                sanitize(&r.get::<_, String>(2)?),
                sanitize(&id),
                sanitize(&id)
            ))
        },
    )?;
    Ok(super::check::Check {
        name: "default_address",
        description: "every customer with addresses has exactly one default",
        examined,
        unit: "customers",
        millis: 0,
        problems,
        details,
    })
}

fn clean(text: &str) -> String {
    one_line(text.trim()).trim().to_string()
}

/// `desk customer set ID address=…` and the profile's address: replaces the default's text (adding a default
/// when there is none), or with None removes the default (the oldest other address takes its place). Returns the
/// text `customers.address` should hold.
pub(super) fn edit_default(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    customer: &str,
    text: Option<&str>,
    now: i64,
) -> Result<Option<String>> {
    let current: Option<String> = tx
        .prepare_cached(
            "SELECT id FROM customer_addresses WHERE customer_id = ?1 AND is_default = 1 LIMIT 1",
        )?
        .query_row(params![customer], |r| r.get(0))
        .optional()?;
    match (text.map(clean).filter(|t| !t.is_empty()), current) {
        (Some(t), Some(id)) => {
            tx.execute(
                "UPDATE customer_addresses SET address = ?2, updated_at = ?3 WHERE id = ?1 AND address != ?2",
                params![id, t, now],
            )?;
        }
        (Some(t), None) => {
            insert(tx, log, customer, "", &t, true, now)?;
        }
        (None, Some(id)) => {
            remove_row(tx, log, customer, &id, now)?;
        }
        (None, None) => {}
    }
    settle(tx, customer, now)?;
    default_text(tx, customer)
}

fn insert(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    customer: &str,
    label: &str,
    address: &str,
    make_default: bool,
    now: i64,
) -> Result<String> {
    let count: i64 = tx
        .prepare_cached("SELECT count(*) FROM customer_addresses WHERE customer_id = ?1")?
        .query_row(params![customer], |r| r.get(0))?;
    if count >= MAX_ADDRESSES {
        return Err(StoreError::Refused(format!(
            "customer {customer} already has {MAX_ADDRESSES} addresses; remove one first"
        )));
    }
    if make_default {
        tx.prepare_cached(
            "UPDATE customer_addresses SET is_default = 0, updated_at = ?2 WHERE customer_id = ?1 AND is_default = 1",
        )?
        .execute(params![customer, now])?;
    }
    let id = new_id();
    tx.prepare_cached(
        "INSERT INTO customer_addresses(id, customer_id, label, address, is_default, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![id, customer, label, address, make_default || count == 0, now])?;
    let entry = format!("+{}", labelled(label, address));
    log.append(
        tx,
        "customer",
        customer,
        "addresses",
        None,
        Some(&entry),
        now,
    )?;
    Ok(id)
}

fn remove_row(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    customer: &str,
    id: &str,
    now: i64,
) -> Result<()> {
    let (label, address): (String, String) = tx.query_row(
        "SELECT label, address FROM customer_addresses WHERE id = ?1",
        params![id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    tx.execute("DELETE FROM customer_addresses WHERE id = ?1", params![id])?;
    let entry = format!("-{}", labelled(&label, &address));
    log.append(
        tx,
        "customer",
        customer,
        "addresses",
        None,
        Some(&entry),
        now,
    )
}

/// `公司: 上海 …`, or the address alone without a label.
fn labelled(label: &str, address: &str) -> String {
    if label.is_empty() {
        address.to_string()
    } else {
        format!("{label}: {address}")
    }
}

/// The address of `customer` that `key` names: its id, else its label (any case; it must be the only one).
fn find(tx: &Transaction<'_>, customer: &str, key: &str) -> Result<String> {
    let key = key.trim();
    let ids: Vec<String> = tx
        .prepare_cached(
            "SELECT id FROM customer_addresses WHERE customer_id = ?1 AND id = ?2
             UNION ALL
             SELECT id FROM customer_addresses WHERE customer_id = ?1 AND label = ?2 COLLATE NOCASE
               AND NOT EXISTS (SELECT 1 FROM customer_addresses WHERE customer_id = ?1 AND id = ?2)
             LIMIT 3",
        )?
        .query_map(params![customer, key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    match ids.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(StoreError::Refused(format!(
            "customer {customer} has no address `{}` (give its id or label; see `desk customer address list`)",
            crate::domain::text::sanitize(key)
        ))),
        _ => Err(StoreError::Refused(format!(
            "customer {customer} has several addresses labelled `{}`; give the id (`desk customer address list`)",
            crate::domain::text::sanitize(key)
        ))),
    }
}

impl Store {
    /// A customer's addresses, the default first, then oldest first.
    pub fn customer_addresses(&self, customer: &str) -> Result<Vec<AddressRow>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT id, label, address, is_default, created_at FROM customer_addresses
                  WHERE customer_id = ?1 ORDER BY is_default DESC, created_at, id LIMIT ?2",
            )?
            .query_map(params![customer, MAX_ADDRESSES], |r| {
                Ok(AddressRow {
                    id: r.get(0)?,
                    label: SafeText::new(&r.get::<_, String>(1)?),
                    address: SafeText::new(&r.get::<_, String>(2)?),
                    is_default: r.get(3)?,
                    created_at: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Adds an address; the customer's first is the default, as is one added with `make_default`.
    pub fn add_customer_address(
        &mut self,
        customer: &str,
        label: &str,
        address: &str,
        make_default: bool,
        now: i64,
    ) -> Result<String> {
        let (label, address) = (clean(label), clean(address));
        if address.is_empty() {
            return Err(StoreError::Refused("an address needs its text".into()));
        }
        self.address_write(customer, now, |tx, log| {
            insert(tx, log, customer, &label, &address, make_default, now)
        })
    }

    /// Makes the address `key` (id or label) the customer's default.
    pub fn set_default_address(&mut self, customer: &str, key: &str, now: i64) -> Result<()> {
        self.address_write(customer, now, |tx, _| {
            let id = find(tx, customer, key)?;
            tx.execute(
                "UPDATE customer_addresses SET is_default = (id = ?2), updated_at = ?3
                  WHERE customer_id = ?1 AND (is_default = 1 OR id = ?2)",
                params![customer, id, now],
            )?;
            Ok(())
        })
    }

    /// Removes the address `key`; when it was the default, the oldest other address becomes the default.
    pub fn remove_customer_address(&mut self, customer: &str, key: &str, now: i64) -> Result<()> {
        self.address_write(customer, now, |tx, log| {
            let id = find(tx, customer, key)?;
            remove_row(tx, log, customer, &id, now)
        })
    }

    fn address_write<T>(
        &mut self,
        customer: &str,
        now: i64,
        mut f: impl FnMut(&Transaction<'_>, &mut ChangeLog) -> Result<T>,
    ) -> Result<T> {
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let out = f(&tx, &mut log)?;
            settle_and_mirror(&tx, &mut log, customer, now)?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(out)
        })
    }
}

/// A merge moves the duplicate's addresses to the survivor; the survivor's default stays the default.
pub(super) fn merge(
    tx: &Transaction<'_>,
    from: &str,
    into: &str,
    now: i64,
) -> Result<Option<String>> {
    tx.execute(
        "UPDATE customer_addresses SET customer_id = ?2, updated_at = ?3,
                is_default = is_default AND NOT EXISTS
                    (SELECT 1 FROM customer_addresses WHERE customer_id = ?2 AND is_default = 1)
          WHERE customer_id = ?1",
        params![from, into, now],
    )?;
    settle(tx, into, now)?;
    default_text(tx, into)
}
