//! The one write path: every change to a row bumps its `version` and appends to `changes`, in one
//! `BEGIN IMMEDIATE` transaction, so the audit history, live refresh and sync all read the same log.

use super::hlc::{HlcClock, parse_hlc};
use super::{Result, Store, StoreError};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{OptionalExtension, ToSql, Transaction, TransactionBehavior, params};
use std::time::Duration;

/// A field value as written to a row and to the change log (as text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
}

impl Value {
    fn as_log_text(&self) -> Option<String> {
        match self {
            Value::Null => None,
            Value::Int(i) => Some(i.to_string()),
            Value::Text(s) => Some(s.clone()),
        }
    }

    fn from_ref(v: ValueRef<'_>) -> Value {
        match v {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Int(i),
            ValueRef::Real(f) => Value::Text(f.to_string()),
            ValueRef::Text(t) | ValueRef::Blob(t) => {
                Value::Text(String::from_utf8_lossy(t).into_owned())
            }
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_string())
    }
}

impl From<Option<&str>> for Value {
    fn from(s: Option<&str>) -> Self {
        s.map_or(Value::Null, Value::from)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::from(rusqlite::types::Null),
            Value::Int(i) => ToSqlOutput::from(*i),
            Value::Text(s) => ToSqlOutput::from(s.as_str()),
        })
    }
}

/// Tables that go through [`Store::update`], with the columns a user may change. Column names are only ever taken
/// from these lists, never from input, so building the UPDATE statement from them is safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutable {
    Ticket,
    Customer,
    Organization,
    Article,
    Agent,
    Task,
}

impl Mutable {
    pub fn entity(self) -> &'static str {
        match self {
            Mutable::Ticket => "ticket",
            Mutable::Customer => "customer",
            Mutable::Organization => "organization",
            Mutable::Article => "article",
            Mutable::Agent => "agent",
            Mutable::Task => "task",
        }
    }

    fn table(self) -> &'static str {
        match self {
            Mutable::Ticket => "tickets",
            Mutable::Customer => "customers",
            Mutable::Organization => "organizations",
            Mutable::Article => "articles",
            Mutable::Agent => "agents",
            Mutable::Task => "tasks",
        }
    }

    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Mutable::Ticket => &[
                "subject",
                "status",
                "priority",
                "kind",
                "channel",
                "customer_id",
                "product_id",
                "assignee_id",
                "group_id",
                "first_response_at",
                "solved_at",
                "closed_at",
                "merged_into",
                "complaint_stage",
                "close_reason",
                "complaint_category",
                "complaint_severity",
                "complaint_owner_id",
                "root_cause",
                "complaint_resolution",
            ],
            Mutable::Customer => &[
                "name",
                "email",
                "phone",
                "org_id",
                "tier",
                "tier_source",
                "birthday",
                "city",
                "notes",
                "address",
                "gender",
                "contact_channel",
                "contact_time",
            ],
            Mutable::Organization => &["name", "tier", "notes"],
            Mutable::Article => &["title", "body_md", "category_id", "status", "author_id"],
            Mutable::Agent => &[
                "name",
                "email",
                "role",
                "active",
                "capacity",
                "availability",
                "calendar",
            ],
            Mutable::Task => &[
                "kind",
                "due_at",
                "done_at",
                "assignee_id",
                "note",
                "outcome",
            ],
        }
    }

    pub(super) fn column(self, field: &str) -> Result<&'static str> {
        self.fields()
            .iter()
            .copied()
            .find(|f| *f == field)
            .ok_or_else(|| StoreError::UnknownField {
                entity: self.entity(),
                field: field.to_string(),
            })
    }
}

/// One field that actually changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateOutcome {
    pub version: i64,
    pub changed: Vec<FieldChange>,
}

/// Retries `f` on SQLITE_BUSY/LOCKED with jittered, growing waits (busy_timeout covers most waits; this covers the
/// cases SQLite returns BUSY at once, e.g. a lock upgrade that would deadlock).
pub(super) fn with_retry<T>(path: &std::path::Path, mut f: impl FnMut() -> Result<T>) -> Result<T> {
    const ATTEMPTS: u32 = 8;
    for attempt in 0..ATTEMPTS {
        match f() {
            Err(StoreError::Sqlite(e)) if StoreError::is_busy(&e) => {
                let jitter = u64::from(
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.subsec_nanos())
                        % 50,
                );
                std::thread::sleep(Duration::from_millis(20 * (1 << attempt.min(5)) + jitter));
            }
            other => return other,
        }
    }
    Err(StoreError::Busy {
        path: path.to_path_buf(),
    })
}

impl Store {
    pub(super) fn begin_write(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Sets `fields` on one row if its version is still `expected_version`; logs one change per field whose value
    /// actually differs. A field set to its current value writes nothing; if nothing differs the version stays.
    pub fn update(
        &mut self,
        what: Mutable,
        id: &str,
        expected_version: i64,
        fields: &[(&str, Value)],
        now: i64,
    ) -> Result<UpdateOutcome> {
        let columns: Vec<&'static str> = fields
            .iter()
            .map(|(f, _)| what.column(f))
            .collect::<Result<_>>()?;
        let path = self.path.clone();
        with_retry(&path, || {
            self.update_once(what, id, expected_version, &columns, fields, now)
        })
    }

    fn update_once(
        &mut self,
        what: Mutable,
        id: &str,
        expected_version: i64,
        columns: &[&'static str],
        fields: &[(&str, Value)],
        now: i64,
    ) -> Result<UpdateOutcome> {
        let mut log = self.change_log();
        let tx = self.begin_write()?;
        let out = update_row(
            &tx,
            &mut log,
            what,
            id,
            Some(expected_version),
            columns,
            fields,
            now,
        )?;
        tx.commit()?;
        self.hlc = log.hlc;
        Ok(out)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction with the change log and the service rules, retried on BUSY,
    /// and commits when `f` succeeds: the shape of every multi-table write.
    pub(super) fn write<T>(
        &mut self,
        mut f: impl FnMut(&Transaction<'_>, &mut ChangeLog, &super::sla::ServiceRules) -> Result<T>,
    ) -> Result<T> {
        let path = self.path.clone();
        let rules = std::sync::Arc::clone(&self.rules);
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let out = f(&tx, &mut log, &rules)?;
            tx.commit()?;
            self.hlc = log.hlc;
            self.remember_action(log.action);
            Ok(out)
        })
    }

    /// Keeps the last few actions this connection committed; a bulk change's transactions share one.
    fn remember_action(&mut self, action: String) {
        const KEPT: usize = 64;
        if self.own_actions.back() == Some(&action) {
            return;
        }
        if self.own_actions.len() == KEPT {
            self.own_actions.pop_front();
        }
        self.own_actions.push_back(action);
    }

    /// What a write transaction needs to append to the change log; hand `hlc` back to the store after commit.
    pub(super) fn change_log(&self) -> ChangeLog {
        ChangeLog {
            replica: self.replica.clone(),
            actor: self.actor.clone(),
            hlc: self.hlc.clone(),
            // One transaction is one action unless a bulk change spans several.
            action: self.action.clone().unwrap_or_else(super::new_id),
        }
    }

    /// Runs `f` as one user action: every change-log entry it writes, over however many transactions, is undone
    /// together (a bulk change).
    pub fn as_one_action<T>(&mut self, f: impl FnOnce(&mut Store) -> T) -> T {
        let outer = self.action.replace(super::new_id());
        let out = f(self);
        self.action = outer;
        out
    }

    /// The change log of one entity, oldest first.
    pub fn history(&self, entity: &str, entity_id: &str) -> Result<Vec<ChangeRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.seq, c.actor, c.field, c.old, c.new, c.at, coalesce(a.name, c.actor, 'system')
             FROM changes c LEFT JOIN agents a ON a.handle = c.actor
             WHERE c.entity = ?1 AND c.entity_id = ?2 ORDER BY c.seq",
        )?;
        let rows = stmt.query_map(params![entity, entity_id], |r| {
            Ok(ChangeRow {
                seq: r.get(0)?,
                actor: r.get(1)?,
                field: r.get(2)?,
                old: r.get(3)?,
                new: r.get(4)?,
                at: r.get(5)?,
                who: crate::domain::text::sanitize(&r.get::<_, String>(6)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Who and where a transaction's changes come from, and the clock that orders them.
pub(super) struct ChangeLog {
    pub replica: String,
    pub actor: Option<String>,
    pub hlc: HlcClock,
    /// The user action the entries belong to (what one undo reverses).
    pub action: String,
}

impl ChangeLog {
    /// Appends one entry inside `tx`.
    #[allow(clippy::too_many_arguments)] // one row of the log
    pub fn append(
        &mut self,
        tx: &Transaction<'_>,
        entity: &str,
        entity_id: &str,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
        now: i64,
    ) -> Result<()> {
        self.append_id(tx, entity, entity_id, field, old, new, now)
            .map(|_| ())
    }

    /// [`ChangeLog::append`], returning the new entry's id.
    #[allow(clippy::too_many_arguments)] // one row of the log
    pub fn append_id(
        &mut self,
        tx: &Transaction<'_>,
        entity: &str,
        entity_id: &str,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
        now: i64,
    ) -> Result<String> {
        log_change(
            tx,
            &mut self.hlc,
            &self.replica,
            self.actor.as_deref(),
            &self.action,
            entity,
            entity_id,
            field,
            old,
            new,
            now,
            wall_ms(now),
        )
    }
}

/// Sets `fields` (already checked against `what`'s columns) on one row inside `tx` and logs each real change.
/// `expected_version: None` applies the change to the row as it is now — for scripts, whose intent is "set this"
/// rather than "change what I saw" (issue 8).
#[allow(clippy::too_many_arguments)]
pub(super) fn update_row(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    what: Mutable,
    id: &str,
    expected_version: Option<i64>,
    columns: &[&'static str],
    fields: &[(&str, Value)],
    now: i64,
) -> Result<UpdateOutcome> {
    let table = what.table();
    let select = format!(
        "SELECT version, {} FROM {table} WHERE id = ?1",
        columns.join(", ")
    );
    let current: Option<(i64, Vec<Value>)> = tx
        .prepare_cached(&select)?
        .query_row(params![id], |r| {
            let values = (0..columns.len())
                .map(|i| r.get_ref(i + 1).map(Value::from_ref))
                .collect::<rusqlite::Result<_>>()?;
            Ok((r.get(0)?, values))
        })
        .optional()?;
    let Some((version, old_values)) = current else {
        return Err(StoreError::NotFound {
            entity: what.entity(),
            id: id.to_string(),
        });
    };
    if let Some(expected) = expected_version
        && version != expected
    {
        return Err(StoreError::Conflict {
            entity: what.entity(),
            id: id.to_string(),
            expected,
            found: version,
        });
    }
    let changed: Vec<(usize, FieldChange)> = columns
        .iter()
        .zip(fields)
        .zip(&old_values)
        .enumerate()
        .filter(|(_, ((_, (_, new)), old))| old.as_log_text() != new.as_log_text())
        .map(|(i, ((col, (_, new)), old))| {
            (
                i,
                FieldChange {
                    field: col,
                    old: old.as_log_text(),
                    new: new.as_log_text(),
                },
            )
        })
        .collect();
    if changed.is_empty() {
        return Ok(UpdateOutcome {
            version,
            changed: Vec::new(),
        });
    }
    let sets: Vec<String> = changed
        .iter()
        .enumerate()
        .map(|(n, (_, c))| format!("{} = ?{}", c.field, n + 3))
        .collect();
    let update = format!(
        "UPDATE {table} SET {}, version = version + 1, updated_at = ?1 WHERE id = ?2 AND version = {version}",
        sets.join(", ")
    );
    let mut args: Vec<&dyn ToSql> = vec![&now, &id];
    args.extend(changed.iter().map(|(i, _)| &fields[*i].1 as &dyn ToSql));
    if tx.prepare_cached(&update)?.execute(args.as_slice())? != 1 {
        return Err(StoreError::Conflict {
            entity: what.entity(),
            id: id.to_string(),
            expected: version,
            found: version + 1,
        });
    }
    for (_, c) in &changed {
        log.append(
            tx,
            what.entity(),
            id,
            c.field,
            c.old.as_deref(),
            c.new.as_deref(),
            now,
        )?;
    }
    // The phone's search key follows the phone on every write path (store::phones).
    if what == Mutable::Customer && changed.iter().any(|(_, c)| c.field == "phone") {
        super::phones::sync(tx, id)?;
    }
    Ok(UpdateOutcome {
        version: version + 1,
        changed: changed.into_iter().map(|(_, c)| c).collect(),
    })
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChangeRow {
    pub seq: i64,
    pub actor: Option<String>,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub at: i64,
    /// Who made the change as people read it: an agent's name, `sla` for the rules, `system` for a write that
    /// names nobody.
    pub who: String,
}

/// The clock reading for a change made at `now` (whole seconds): the real milliseconds when `now` is this very
/// second, so changes on two replicas within one second still order by when they were made; `now` itself when a
/// caller writes at another time (tests, imports with their own times).
fn wall_ms(now: i64) -> i64 {
    let real = chrono::Utc::now().timestamp_millis();
    if real.div_euclid(1000) == now {
        real
    } else {
        now * 1000
    }
}

#[allow(clippy::too_many_arguments)] // one row of the log; a struct here would only be built to be taken apart
fn log_change(
    tx: &Transaction<'_>,
    hlc: &mut HlcClock,
    replica: &str,
    actor: Option<&str>,
    action: &str,
    entity: &str,
    entity_id: &str,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
    now: i64,
    wall_ms: i64,
) -> Result<String> {
    // Other processes sharing the file log too, each with its own clock: start past the newest entry (read inside
    // this write transaction, so no one can append in between) and stamps follow log order across all of them.
    // The newest stamp, not the last row: entries received by sync keep the stamps they were made with.
    let newest: Option<String> = tx
        .prepare_cached("SELECT max(hlc) FROM changes")?
        .query_row([], |r| r.get(0))
        .optional()?
        .flatten();
    if let Some(seen) = newest.as_deref().and_then(parse_hlc) {
        hlc.observe(seen);
    }
    let stamp = hlc.tick(wall_ms);
    // Rows this write added, moved or removed (sync_rows, filled by triggers) take its stamp.
    tx.prepare_cached("UPDATE sync_rows SET hlc = ?1, replica = ?2 WHERE hlc IS NULL")?
        .execute(params![stamp, replica])?;
    let id = super::new_id();
    // Cached: one statement per change, and preparing it again recompiles nothing but costs a parse.
    tx.prepare_cached(
        "INSERT INTO changes(id, hlc, replica, actor, entity, entity_id, field, old, new, at, action)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
            id,
            stamp,
            replica,
            actor,
            entity,
            entity_id,
            field,
            old,
            new,
            now,
            action
        ])?;
    Ok(id)
}

#[cfg(test)]
mod field_table_tests {
    use super::Mutable;

    #[test]
    fn every_writable_ticket_column_is_a_declared_field() {
        for column in Mutable::Ticket.fields() {
            assert!(
                crate::domain::ticket_fields::by_log_name(column).is_some(),
                "{column} is writable but not in domain::ticket_fields"
            );
        }
    }
}
