//! CSV import of customers, organizations, products and orders, and customer export. Every row is checked
//! first and every bad one reported with its line; then all good rows are written in one transaction (or none,
//! unless the caller skips bad rows). Rows match existing records by external id, then email / phone / name /
//! serial, so importing the same file twice changes nothing.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};

use super::bulk_jobs::{Tentative, Wrote};
use super::changes::{ChangeLog, Mutable, Value, update_row};
use super::csv_rows::{Cells, ImportKind, check, parse_amount, parse_time};
use super::customer_write::CustomerEdit;
use super::{Result, Store, StoreError, new_id};
use crate::domain::customer::Tier;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BadRow {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    pub reason: String,
    pub record: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: Vec<BadRow>,
    /// False when bad rows stopped an all-or-nothing import.
    pub written: bool,
    pub header: Vec<String>,
}

/// A checked row: its line, its cells, and the customer it belongs to (products and orders).
struct Good {
    record: csv::StringRecord,
    customer: Option<String>,
}

fn lookup(tx: &rusqlite::Connection, sql: &str, key: &str) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached(sql)?
        .query_row(params![key], |r| r.get(0))
        .optional()?)
}

/// A customer named by external id or email.
fn customer_ref(tx: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    match lookup(tx, "SELECT id FROM customers WHERE external_id = ?1", key)? {
        Some(id) => Ok(Some(id)),
        None => lookup(
            tx,
            "SELECT id FROM customers WHERE email = ?1 COLLATE NOCASE AND merged_into IS NULL",
            key,
        ),
    }
}

fn text(v: Option<String>) -> Value {
    v.map_or(Value::Null, Value::Text)
}

/// Sets the given fields on a customer / organization row; counts it as updated or unchanged.
#[allow(clippy::too_many_arguments)]
fn set_fields(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    what: Mutable,
    id: &str,
    fields: &[(&'static str, Value)],
    now: i64,
    rep: &mut ImportReport,
    created: bool,
) -> Result<()> {
    let columns: Vec<&'static str> = fields.iter().map(|(c, _)| *c).collect();
    let out = if fields.is_empty() {
        None
    } else {
        Some(update_row(tx, log, what, id, None, &columns, fields, now)?)
    };
    match (created, out.is_some_and(|o| !o.changed.is_empty())) {
        (true, _) => rep.created += 1,
        (false, true) => rep.updated += 1,
        (false, false) => rep.unchanged += 1,
    }
    Ok(())
}

fn write_customer(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    c: &Cells<'_>,
    now: i64,
    rep: &mut ImportReport,
    t: &mut Tentative<'_>,
) -> Result<String> {
    let ext = c.text("external_id");
    let region = super::phones::keyed_region(tx)?;
    let phone_key = c
        .text("phone")
        .and_then(|p| crate::domain::phone::normalise(&p, region));
    // The first of external id, email (any case) and phone (in any spelling) that names a live customer.
    let keys = [
        (
            "SELECT id FROM customers WHERE external_id = ?1",
            ext.clone(),
        ),
        (
            "SELECT id FROM customers WHERE email = ?1 COLLATE NOCASE AND merged_into IS NULL",
            c.text("email"),
        ),
        (
            "SELECT id FROM customers WHERE phone_norm = ?1 AND merged_into IS NULL",
            phone_key,
        ),
    ];
    let mut found = None;
    for (sql, key) in keys {
        if let Some(key) = key
            && found.is_none()
        {
            found = lookup(tx, sql, &key)?;
        }
    }
    if let Some(id) = &found {
        t.found("customers", id)?;
    }
    let created = found.is_none();
    let name = c.text("name").unwrap_or_default();
    let id = match found {
        Some(id) => id,
        None => {
            let id = new_id();
            tx.prepare_cached(
                "INSERT INTO customers(id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
            )?
            .execute(params![id, name, now])?;
            log.append(tx, "customer", &id, "created", None, Some(&name), now)?;
            id
        }
    };
    if let Some(e) = &ext {
        tx.prepare_cached(
            "UPDATE customers SET external_id = ?2 WHERE id = ?1 AND external_id IS NULL",
        )?
        .execute(params![id, e])?;
    }
    // The row as the edits a form would make: only the columns the file has, empty cells clearing a field.
    let mut edits = vec![CustomerEdit::Name(name)];
    for field in ["email", "phone", "organization", "birthday", "city"] {
        if c.has(field) {
            let edit = CustomerEdit::parse(field, c.text(field).as_deref().unwrap_or(""));
            edits.push(edit.map_err(|e| StoreError::Refused(e.to_string()))?);
        }
    }
    if c.has("notes") {
        edits.push(CustomerEdit::Notes(c.text("notes").unwrap_or_default()));
    }
    // A tier in the file is someone's decision: it pins the tier (an export's `computed` tiers do not).
    let computed = c
        .get("tier_source")
        .is_some_and(|s| s.eq_ignore_ascii_case("computed"));
    if let Some(t) = c.get("tier").and_then(Tier::parse).filter(|_| !computed) {
        edits.push(CustomerEdit::Tier(Some(t)));
    }
    let fields = super::customer_write::fields(tx, log, &id, &edits, now)?.columns;
    set_fields(tx, log, Mutable::Customer, &id, &fields, now, rep, created)?;
    Ok(id)
}

fn write_org(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    c: &Cells<'_>,
    now: i64,
    rep: &mut ImportReport,
    t: &mut Tentative<'_>,
) -> Result<String> {
    let name = c.text("name").unwrap_or_default();
    let ext = c.text("external_id");
    let mut found = match &ext {
        Some(e) => lookup(tx, "SELECT id FROM organizations WHERE external_id = ?1", e)?,
        None => None,
    };
    if found.is_none() {
        found = lookup(tx, "SELECT id FROM organizations WHERE name = ?1", &name)?;
    }
    if let Some(id) = &found {
        t.found("organizations", id)?;
    }
    let created = found.is_none();
    let id = match found {
        Some(id) => id,
        None => super::customer_write::org_id(tx, log, &name, now)?,
    };
    if let Some(e) = &ext {
        tx.prepare_cached(
            "UPDATE organizations SET external_id = ?2 WHERE id = ?1 AND external_id IS NULL",
        )?
        .execute(params![id, e])?;
    }
    let mut fields = vec![("name", Value::Text(name))];
    if c.has("tier") {
        fields.push((
            "tier",
            text(
                c.get("tier")
                    .and_then(Tier::parse)
                    .map(|t| t.as_str().to_string()),
            ),
        ));
    }
    if c.has("notes") {
        fields.push(("notes", Value::Text(c.text("notes").unwrap_or_default())));
    }
    set_fields(
        tx,
        log,
        Mutable::Organization,
        &id,
        &fields,
        now,
        rep,
        created,
    )?;
    Ok(id)
}

/// Products and orders: no per-field history of their own; a create or change is logged on the customer.
#[allow(clippy::too_many_arguments)] // one row's transaction, log, cells, owner and bookkeeping
fn write_owned(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    kind: ImportKind,
    c: &Cells<'_>,
    customer: &str,
    now: i64,
    rep: &mut ImportReport,
    t: &mut Tentative<'_>,
) -> Result<String> {
    let ext = c.text("external_id");
    let (table, key_sql, values): (&str, &str, Vec<Value>) = match kind {
        ImportKind::Products => (
            "products",
            "SELECT id FROM products WHERE customer_id = ?1 AND serial IS ?2 AND name = ?3",
            vec![
                Value::Text(c.text("name").unwrap_or_default()),
                text(c.text("serial")),
                c.get("purchased_at")
                    .and_then(parse_time)
                    .map_or(Value::Null, Value::Int),
                c.get("warranty_until")
                    .and_then(parse_time)
                    .map_or(Value::Null, Value::Int),
            ],
        ),
        _ => (
            "orders",
            "SELECT id FROM orders WHERE customer_id = ?1 AND at = ?2 AND amount_cents = ?3",
            vec![
                c.get("at")
                    .and_then(parse_time)
                    .map_or(Value::Null, Value::Int),
                c.get("amount")
                    .and_then(parse_amount)
                    .map_or(Value::Null, Value::Int),
                c.get("delivered_at")
                    .and_then(parse_time)
                    .map_or(Value::Null, Value::Int),
            ],
        ),
    };
    let mut found = match &ext {
        Some(e) => tx
            .prepare_cached(&format!("SELECT id FROM {table} WHERE external_id = ?1"))?
            .query_row(params![e], |r| r.get::<_, String>(0))
            .optional()?,
        None => None,
    };
    if found.is_none() && ext.is_none() {
        // Without an external id, the natural key: (customer, serial, name) or (customer, time, amount).
        let (a, b) = match kind {
            ImportKind::Products => (values[1].clone(), values[0].clone()),
            _ => (values[0].clone(), values[1].clone()),
        };
        found = tx
            .prepare_cached(key_sql)?
            .query_row(params![customer, a, b], |r| r.get(0))
            .optional()?;
    }
    let (sql_update, sql_insert) = match kind {
        ImportKind::Products => (
            "UPDATE products SET customer_id = ?2, name = ?3, serial = ?4, purchased_at = ?5, warranty_until = ?6,
                    updated_at = ?7, version = version + 1
             WHERE id = ?1 AND (customer_id, name, serial, purchased_at, warranty_until) IS NOT (?2, ?3, ?4, ?5, ?6)",
            "INSERT INTO products(id, customer_id, name, serial, purchased_at, warranty_until, external_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?7, ?7)",
        ),
        _ => (
            "UPDATE orders SET customer_id = ?2, at = ?3, amount_cents = ?4, delivered_at = ?5, updated_at = ?6,
                    version = version + 1
             WHERE id = ?1 AND (customer_id, at, amount_cents, delivered_at) IS NOT (?2, ?3, ?4, ?5)",
            "INSERT INTO orders(id, customer_id, at, amount_cents, delivered_at, external_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?6, ?6)",
        ),
    };
    if let Some(id) = &found {
        t.found(kind.table(), id)?;
    }
    let id = found.clone().unwrap_or_else(new_id);
    let mut p: Vec<Value> = vec![Value::Text(id.clone()), Value::Text(customer.into())];
    p.extend(values);
    p.push(Value::Int(now));
    let what = kind.noun();
    match found {
        Some(_) => {
            let n = tx
                .prepare_cached(sql_update)?
                .execute(rusqlite::params_from_iter(p.iter()))?;
            if n > 0 {
                rep.updated += 1;
                log.append(
                    tx,
                    "customer",
                    customer,
                    &format!("{what}_updated"),
                    None,
                    ext.as_deref(),
                    now,
                )?;
            } else {
                rep.unchanged += 1;
            }
        }
        None => {
            p.push(text(ext.clone()));
            tx.prepare_cached(sql_insert)?
                .execute(rusqlite::params_from_iter(p.iter()))?;
            rep.created += 1;
            log.append(
                tx,
                "customer",
                customer,
                &format!("{what}_imported"),
                None,
                ext.as_deref(),
                now,
            )?;
        }
    }
    Ok(id)
}

impl Store {
    /// Imports one CSV file of `kind`. A header problem is an error; bad rows are reported in the result.
    pub fn import_csv(
        &mut self,
        kind: ImportKind,
        input: impl std::io::Read,
        skip_bad: bool,
        now: i64,
    ) -> Result<ImportReport> {
        self.import_csv_paced(kind, input, skip_bad, now, &mut |_, _| {})
    }

    /// [`Store::import_csv`] as a bulk job (store::bulk_jobs): written in short batches, visible all at once at the
    /// end. `progress(rows written, rows to write)` after each batch.
    pub fn import_csv_paced(
        &mut self,
        kind: ImportKind,
        input: impl std::io::Read,
        skip_bad: bool,
        now: i64,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        let (input, newlines) = super::csv_lines::CountingReader::new(input);
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| StoreError::Refused(format!("cannot read the header: {e}")))?
            .iter()
            .map(String::from)
            .collect();
        let columns = kind
            .columns(&header)
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        let mut report = ImportReport {
            header: header.clone(),
            ..Default::default()
        };
        let mut good: Vec<Good> = Vec::new();
        // First sight of each external id / email in this file, to report duplicates by line.
        let mut seen: HashMap<String, u64> = HashMap::new();
        for rec in reader.records() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| newlines.line_at(p.byte()));
                    report.rejected.push(BadRow {
                        line,
                        reason: format!("unreadable: {e}"),
                        record: Vec::new(),
                    });
                    continue;
                }
            };
            let line = rec.position().map_or(0, |p| newlines.line_at(p.byte()));
            let bad = |reason: String| BadRow {
                line,
                reason,
                record: rec.iter().map(String::from).collect(),
            };
            if rec.len() != columns.len() {
                report.rejected.push(bad(format!(
                    "{} fields, the header has {}",
                    rec.len(),
                    columns.len()
                )));
                continue;
            }
            let cells = Cells {
                values: columns.iter().copied().zip(rec.iter()).collect(),
            };
            if let Err(reason) = check(kind, &cells) {
                report.rejected.push(bad(reason.to_string()));
                continue;
            }
            let keys = [
                ("external id", cells.get("external_id")),
                (
                    "email",
                    cells.get("email").filter(|_| kind == ImportKind::Customers),
                ),
            ];
            if let Some((what, first)) = keys.iter().find_map(|(what, k)| {
                k.and_then(|k| {
                    seen.get(&format!("{what}:{}", k.to_lowercase()))
                        .map(|l| (*what, *l))
                })
            }) {
                report
                    .rejected
                    .push(bad(format!("same {what} as line {first}")));
                continue;
            }
            for (what, k) in keys {
                if let Some(k) = k {
                    seen.insert(format!("{what}:{}", k.to_lowercase()), line);
                }
            }
            let customer = match (kind, cells.get("customer")) {
                (ImportKind::Products | ImportKind::Orders, Some(r)) => {
                    match customer_ref(&self.conn, r)? {
                        Some(id) => Some(id),
                        None => {
                            report
                                .rejected
                                .push(bad(format!("no customer with external id or email `{r}`")));
                            continue;
                        }
                    }
                }
                _ => None,
            };
            good.push(Good {
                record: rec,
                customer,
            });
        }
        if !report.rejected.is_empty() && !skip_bad {
            return Ok(report);
        }
        let mut touched: Vec<String> = Vec::new();
        let wrote = self.run_job(
            "customer import",
            "customer",
            &good,
            &mut |tx, log, rules, g, publishing| {
                let cells = Cells {
                    values: columns.iter().copied().zip(g.record.iter()).collect(),
                };
                let mut rep = ImportReport::default();
                let mut t = Tentative::new(tx, publishing);
                match (kind, &g.customer) {
                    (ImportKind::Customers, _) => {
                        let id = write_customer(tx, log, &cells, now, &mut rep, &mut t)?;
                        // A tier in the file pins; the profile follows in the same batch.
                        super::crm::refresh_customer(tx, log, rules, &id, now)?;
                    }
                    (ImportKind::Organizations, _) => {
                        write_org(tx, log, &cells, now, &mut rep, &mut t)?;
                    }
                    (_, Some(customer)) => {
                        // Orders feed RFM: the customer's profile is refreshed once the rows are visible.
                        touched.push(customer.clone());
                        write_owned(tx, log, kind, &cells, customer, now, &mut rep, &mut t)?;
                    }
                    (_, None) => {}
                }
                t.settle(match (rep.created, rep.updated) {
                    (1.., _) => Wrote::Created,
                    (_, 1..) => Wrote::Updated,
                    _ => Wrote::Unchanged,
                })
            },
            progress,
        )?;
        touched.sort();
        touched.dedup();
        super::crm::refresh_paced(self, &touched, now)?;
        (report.created, report.updated, report.unchanged) = super::bulk_jobs::tally(&wrote);
        report.written = true;
        Ok(report)
    }
}
