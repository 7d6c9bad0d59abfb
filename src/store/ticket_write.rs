//! Ticket writes: create, add a message, set fields and tags. Each is one IMMEDIATE transaction through the change
//! log, with the status rules of `domain::lifecycle`.

use super::changes::{ChangeLog, Mutable, UpdateOutcome, Value, update_row, with_retry};
use super::service_loop::on_status_change;
use super::stored::ticket_field;
use super::{Result, Store, StoreError, new_id};
use crate::domain::lifecycle::{Lifecycle, Writer};
use crate::domain::service_loop::{ComplaintStage, complaint_blocks};
use crate::domain::team::{self, Act};
use crate::domain::ticket::{Channel, Kind, Priority, Status};
use rusqlite::{OptionalExtension, Transaction, params};

#[derive(Debug, Clone)]
pub struct NewTicket {
    pub subject: String,
    pub kind: Kind,
    pub channel: Channel,
    pub priority: Priority,
    pub customer_id: String,
    pub product_id: Option<String>,
    /// The customer's first message.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub number: i64,
    pub id: String,
}

/// One change `desk ticket set` (and later the TUI pickers) can make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TicketEdit {
    Status(Status),
    Priority(Priority),
    Kind(Kind),
    Channel(Channel),
    Subject(String),
    /// An agent handle, or `None` to unassign.
    Assignee(Option<String>),
    /// A group by name (case-insensitive), or `None` for no group.
    Group(Option<String>),
    AddTag(String),
    RemoveTag(String),
    /// Moves a complaint through 接收 → 登记 → 调查 → 处理 → 回访.
    ComplaintStage(ComplaintStage),
}

struct Current {
    id: String,
    life: Lifecycle,
    kind: Kind,
    complaint: Option<ComplaintStage>,
}

/// The ticket as a write sees it. A stored status or kind desk does not know refuses the write
/// ([`StoreError::BadValue`]) unless `repair` sets that very field: then the value set stands in for the unknown
/// one (no transition is checked from a value nobody knows), so `desk ticket set N status=open` mends a damaged
/// row through the change log.
fn current(tx: &Transaction<'_>, number: i64, repair: &[TicketEdit]) -> Result<Current> {
    type Row = (
        String,
        String,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        String,
        Option<String>,
    );
    let row: Option<Row> = tx
        .query_row(
            "SELECT id, status, first_response_at, solved_at, closed_at, kind, complaint_stage FROM tickets WHERE number = ?1",
            params![number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .optional()?;
    let Some((id, status, first_response_at, solved_at, closed_at, kind, complaint)) = row else {
        return Err(StoreError::NotFound {
            entity: "ticket",
            id: format!("#{number}"),
        });
    };
    let new_status = repair.iter().find_map(|e| match e {
        TicketEdit::Status(s) => Some(*s),
        _ => None,
    });
    let new_kind = repair.iter().find_map(|e| match e {
        TicketEdit::Kind(k) => Some(*k),
        _ => None,
    });
    Ok(Current {
        id,
        life: Lifecycle {
            status: ticket_field(number, &status).or_else(|e| new_status.ok_or(e))?,
            first_response_at,
            solved_at,
            closed_at,
        },
        kind: ticket_field(number, &kind).or_else(|e| new_kind.ok_or(e))?,
        complaint: complaint.as_deref().and_then(ComplaintStage::parse),
    })
}

/// The id `sql` finds for `key`, or NotFound naming `entity` and the key as typed.
fn lookup_id(tx: &Transaction<'_>, sql: &str, key: &str, entity: &'static str) -> Result<String> {
    tx.query_row(sql, params![key], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            entity,
            id: key.to_string(),
        })
}

fn opt(v: Option<i64>) -> Value {
    v.map_or(Value::Null, Value::Int)
}

/// The lifecycle fields as an update.
fn lifecycle_fields(l: &Lifecycle) -> Vec<(&'static str, Value)> {
    vec![
        ("status", Value::from(l.status.as_str())),
        ("first_response_at", opt(l.first_response_at)),
        ("solved_at", opt(l.solved_at)),
        ("closed_at", opt(l.closed_at)),
    ]
}

fn apply(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    id: &str,
    expected: Option<i64>,
    fields: &[(&'static str, Value)],
    now: i64,
) -> Result<UpdateOutcome> {
    let columns: Vec<&'static str> = fields
        .iter()
        .map(|(f, _)| Mutable::Ticket.column(f))
        .collect::<Result<_>>()?;
    let named: Vec<(&str, Value)> = fields.iter().map(|(f, v)| (*f, v.clone())).collect();
    update_row(
        tx,
        log,
        Mutable::Ticket,
        id,
        expected,
        &columns,
        &named,
        now,
    )
}

impl Store {
    /// Creates a ticket with its first (customer) message; returns its number.
    pub fn create_ticket(&mut self, t: &NewTicket, now: i64) -> Result<Created> {
        let path = self.path.clone();
        let rules = std::sync::Arc::clone(&self.rules);
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let known: Option<String> = tx
                .query_row(
                    "SELECT id FROM customers WHERE id = ?1",
                    params![t.customer_id],
                    |r| r.get(0),
                )
                .optional()?;
            if known.is_none() {
                return Err(StoreError::NotFound {
                    entity: "customer",
                    id: t.customer_id.clone(),
                });
            }
            // The sequence only grows, so a number is never reused even if its ticket is deleted.
            let number: i64 = tx.query_row(
                "UPDATE meta SET value = CAST(max(CAST(value AS INTEGER), (SELECT coalesce(max(number), 0) FROM tickets)) + 1 AS TEXT)
                 WHERE key = 'ticket_number_seq' RETURNING CAST(value AS INTEGER)",
                [],
                |r| r.get(0),
            )?;
            let id = new_id();
            let complaint = ComplaintStage::initial(t.kind).map(|s| s.as_str());
            tx.execute(
                "INSERT INTO tickets(id, number, subject, status, priority, kind, channel, customer_id, product_id,
                                     created_at, updated_at, complaint_stage)
                 VALUES (?1, ?2, ?3, 'new', ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
                params![id, number, t.subject, t.priority.as_str(), t.kind.as_str(), t.channel.as_str(), t.customer_id, t.product_id, now, complaint],
            )?;
            let message = new_id();
            tx.execute(
                "INSERT INTO messages(id, ticket_id, author_kind, author_id, visibility, body, created_at, channel)
                 VALUES (?1, ?2, 'customer', ?3, 'public', ?4, ?5, ?6)",
                params![message, id, t.customer_id, t.body, now, t.channel.as_str()],
            )?;
            log.append(
                &tx,
                "ticket",
                &id,
                "created",
                None,
                Some(&number.to_string()),
                now,
            )?;
            super::crm::refresh_ticket_customer(&tx, &mut log, &rules, &id, now)?;
            super::sla::refresh(&tx, &rules, &id, now)?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(Created { number, id })
        })
    }

    /// Adds a message to ticket `number` and applies the status rules (first response, reopen on customer reply).
    pub fn add_message(
        &mut self,
        number: i64,
        writer: Writer,
        author_id: Option<&str>,
        internal: bool,
        body: &str,
        now: i64,
    ) -> Result<UpdateOutcome> {
        let path = self.path.clone();
        let rules = std::sync::Arc::clone(&self.rules);
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let cur = current(&tx, number, &[])?;
            let next = cur
                .life
                .on_message(writer, internal, now)
                .map_err(|e| StoreError::Refused(e.to_string()))?;
            let message = new_id();
            let (kind, field) = match (writer, internal) {
                (_, true) => ("agent", "note"),
                (Writer::Agent, false) => ("agent", "reply"),
                (Writer::Customer, false) => ("customer", "customer_message"),
            };
            tx.execute(
                "INSERT INTO messages(id, ticket_id, author_kind, author_id, visibility, body, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![message, cur.id, kind, author_id, if internal { "internal" } else { "public" }, body, now],
            )?;
            log.append(&tx, "ticket", &cur.id, field, None, Some(&message), now)?;
            let out = apply(&tx, &mut log, &cur.id, None, &lifecycle_fields(&next), now)?;
            // A message is activity even when no field changed: it moves the ticket up its queue.
            tx.execute(
                "UPDATE tickets SET updated_at = ?1 WHERE id = ?2",
                params![now, cur.id],
            )?;
            let (before, after) = (cur.life.status, next.status);
            on_status_change(&tx, &mut log, &rules, &cur.id, before, after, now)?;
            super::crm::refresh_ticket_customer(&tx, &mut log, &rules, &cur.id, now)?;
            super::sla::refresh(&tx, &rules, &cur.id, now)?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(out)
        })
    }

    /// Applies `edits` to ticket `number` in one transaction. With `expected_version` the write is refused if the
    /// ticket changed since it was read; without, it applies to the ticket as it is now.
    pub fn set_ticket(
        &mut self,
        number: i64,
        edits: &[TicketEdit],
        expected_version: Option<i64>,
        now: i64,
    ) -> Result<UpdateOutcome> {
        let path = self.path.clone();
        let rules = std::sync::Arc::clone(&self.rules);
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let cur = current(&tx, number, edits)?;
            let mut life = cur.life;
            let (mut kind, mut complaint) = (cur.kind, cur.complaint);
            let mut fields: Vec<(&'static str, Value)> = Vec::new();
            let mut tags_changed = false;
            for e in edits {
                match e {
                    // Merging folds the thread into another ticket; a bare status change would leave it nowhere.
                    TicketEdit::Status(Status::Merged) => {
                        return Err(StoreError::Refused(
                            "merged is set by merging into another ticket, not directly".into(),
                        ));
                    }
                    TicketEdit::Status(s) => {
                        life = life
                            .set_status(*s, now)
                            .map_err(|e| StoreError::Refused(e.to_string()))?;
                    }
                    TicketEdit::Priority(p) => fields.push(("priority", Value::from(p.as_str()))),
                    TicketEdit::Kind(k) => {
                        fields.push(("kind", Value::from(k.as_str())));
                        kind = *k;
                        // A ticket that becomes a complaint enters the complaint procedure at its start.
                        if complaint.is_none() && *k == Kind::Complaint {
                            complaint = ComplaintStage::initial(*k);
                            fields.push((
                                "complaint_stage",
                                Value::from(complaint.map(|s| s.as_str())),
                            ));
                        }
                    }
                    TicketEdit::ComplaintStage(stage) => {
                        if kind != Kind::Complaint {
                            return Err(StoreError::Refused(format!(
                                "#{number} is not a complaint; only complaints have a complaint stage"
                            )));
                        }
                        complaint = Some(*stage);
                        fields.push(("complaint_stage", Value::from(stage.as_str())));
                    }
                    TicketEdit::Channel(c) => fields.push(("channel", Value::from(c.as_str()))),
                    TicketEdit::Subject(s) => fields.push(("subject", Value::from(s.as_str()))),
                    TicketEdit::Assignee(new) => {
                        let me = log.actor.clone().unwrap_or_default();
                        let current: Option<String> = tx
                            .query_row(
                                "SELECT a.handle FROM tickets t JOIN agents a ON a.id = t.assignee_id WHERE t.id = ?1",
                                params![cur.id],
                                |r| r.get(0),
                            )
                            .optional()?;
                        if team::reassigns_others(current.as_deref(), new.as_deref(), &me) {
                            super::roles::require_on(
                                &tx,
                                log.actor.as_deref(),
                                Act::ReassignOthers,
                            )?;
                        }
                        match new {
                            None => fields.push(("assignee_id", Value::Null)),
                            Some(handle) => {
                                let sql = "SELECT id FROM agents WHERE handle = ?1 AND active = 1";
                                fields.push((
                                    "assignee_id",
                                    Value::Text(lookup_id(&tx, sql, handle, "agent")?),
                                ));
                            }
                        }
                    }
                    TicketEdit::Group(None) => fields.push(("group_id", Value::Null)),
                    TicketEdit::Group(Some(name)) => {
                        let sql = "SELECT id FROM groups WHERE name = ?1 COLLATE NOCASE OR id = ?1";
                        fields.push(("group_id", Value::Text(lookup_id(&tx, sql, name, "group")?)));
                    }
                    TicketEdit::AddTag(tag) | TicketEdit::RemoveTag(tag) => {
                        let (sql, sign) = match e {
                            TicketEdit::AddTag(_) => (
                                "INSERT OR IGNORE INTO tags(entity, entity_id, tag) VALUES ('ticket', ?1, ?2)",
                                '+',
                            ),
                            _ => (
                                "DELETE FROM tags WHERE entity = 'ticket' AND entity_id = ?1 AND tag = ?2",
                                '-',
                            ),
                        };
                        // Only a tag that was really added or removed is a change.
                        if tx.execute(sql, params![cur.id, tag])? > 0 {
                            let entry = format!("{sign}{tag}");
                            log.append(&tx, "ticket", &cur.id, "tags", None, Some(&entry), now)?;
                            tags_changed = true;
                        }
                    }
                }
            }
            if let Some(why) = complaint_blocks(kind, complaint, life.status)
                && life.status != cur.life.status
            {
                return Err(StoreError::Refused(format!("#{number}: {why}")));
            }
            fields.extend(lifecycle_fields(&life));
            let mut out = apply(&tx, &mut log, &cur.id, expected_version, &fields, now)?;
            on_status_change(
                &tx,
                &mut log,
                &rules,
                &cur.id,
                cur.life.status,
                life.status,
                now,
            )?;
            super::crm::refresh_ticket_customer(&tx, &mut log, &rules, &cur.id, now)?;
            super::sla::refresh(&tx, &rules, &cur.id, now)?;
            if tags_changed && out.changed.is_empty() {
                // Tags live in their own table; the ticket still changed, so its version and time move.
                tx.execute(
                    "UPDATE tickets SET version = version + 1, updated_at = ?1 WHERE id = ?2",
                    params![now, cur.id],
                )?;
                out.version += 1;
            }
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(out)
        })
    }
}

impl Store {
    /// Assigns ticket `number` to `agent_id` only if it has no assignee; false when someone already has it. The
    /// condition is in the UPDATE itself, so two agents claiming at once cannot both succeed.
    pub fn claim(&mut self, number: i64, agent_id: &str, now: i64) -> Result<bool> {
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let cur = current(&tx, number, &[])?;
            let n = tx.execute(
                "UPDATE tickets SET assignee_id = ?1, version = version + 1, updated_at = ?2
                 WHERE id = ?3 AND assignee_id IS NULL",
                params![agent_id, now, cur.id],
            )?;
            if n == 1 {
                log.append(
                    &tx,
                    "ticket",
                    &cur.id,
                    "assignee_id",
                    None,
                    Some(agent_id),
                    now,
                )?;
            }
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(n == 1)
        })
    }
}

impl Store {
    /// A customer's products (id, name), newest purchase first: the choices for a ticket's product.
    pub fn products_of(
        &self,
        customer_id: &str,
    ) -> Result<Vec<(String, crate::domain::text::SafeText)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name FROM products WHERE customer_id = ?1 ORDER BY purchased_at DESC",
        )?;
        let rows = stmt.query_map(params![customer_id], |r| {
            Ok((
                r.get(0)?,
                crate::domain::text::SafeText::new(&r.get::<_, String>(1)?),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
