//! Ticket writes: create, add a message, set fields and tags. Each is one IMMEDIATE transaction through the change
//! log, with the status rules of `domain::lifecycle`.

use super::changes::{ChangeLog, Mutable, UpdateOutcome, Value, update_row};
use super::customer_write::{CustomerEdit, insert_customer};
use super::service_loop::on_status_change;
use super::sla::ServiceRules;
use super::stored::ticket_field;
use super::{Result, Store, StoreError, new_id};
use crate::domain::lifecycle::{Lifecycle, Writer};
use crate::domain::service_loop::ComplaintStage;
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
    /// One of the customer's products by id, external id, serial or name; `None` for none.
    Product(Option<String>),
    AddTag(String),
    RemoveTag(String),
    /// Moves a complaint through 接收 → 登记 → 调查 → 处理 → 回访.
    ComplaintStage(ComplaintStage),
    /// Why the ticket is closed; a reason in `[loop] skip_loop_reasons` lets an open ticket close.
    CloseReason(String),
    /// A complaint's records, which its stages require (`domain::complaint`).
    ComplaintCategory(String),
    ComplaintSeverity(crate::domain::complaint::ComplaintSeverity),
    /// The responsible person by handle, or `None`.
    ComplaintOwner(Option<String>),
    RootCause(String),
    ComplaintResolution(String),
}

pub(super) struct Current {
    pub id: String,
    pub life: Lifecycle,
    pub kind: Kind,
    pub complaint: Option<ComplaintStage>,
}

/// The ticket as a write sees it. A stored status or kind desk does not know refuses the write
/// ([`StoreError::BadValue`]) unless `repair` sets that very field: then the value set stands in for the unknown
/// one (no transition is checked from a value nobody knows), so `desk ticket set N status=open` mends a damaged
/// row through the change log.
pub(super) fn current(tx: &Transaction<'_>, number: i64, repair: &[TicketEdit]) -> Result<Current> {
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
        .prepare_cached("SELECT id, status, first_response_at, solved_at, closed_at, kind, complaint_stage FROM tickets WHERE number = ?1")?.query_row(params![number],
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
pub(super) fn lookup_id(
    tx: &Transaction<'_>,
    sql: &str,
    key: &str,
    entity: &'static str,
) -> Result<String> {
    tx.query_row(sql, params![key], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            entity,
            id: key.to_string(),
        })
}

/// Adds an internal note desk writes itself (an escalation, a merge, an undo) and returns its id. Its author is
/// whoever the change log names for the transaction (`sla` for the rules, else the agent's handle), so the
/// thread shows who caused it.
pub(super) fn system_note(
    tx: &Transaction<'_>,
    log: &ChangeLog,
    ticket_id: &str,
    body: &str,
    now: i64,
) -> Result<String> {
    let id = new_id();
    tx.prepare_cached(
        "INSERT INTO messages(id, ticket_id, author_kind, author_id, visibility, body, created_at)
         VALUES (?1, ?2, 'system', ?3, 'internal', ?4, ?5)",
    )?
    .execute(params![id, ticket_id, log.actor, body, now])?;
    Ok(id)
}

fn opt(v: Option<i64>) -> Value {
    v.map_or(Value::Null, Value::Int)
}

/// The lifecycle fields as an update.
pub(super) fn lifecycle_fields(l: &Lifecycle) -> Vec<(&'static str, Value)> {
    vec![
        ("status", Value::from(l.status.as_str())),
        ("first_response_at", opt(l.first_response_at)),
        ("solved_at", opt(l.solved_at)),
        ("closed_at", opt(l.closed_at)),
    ]
}

pub(super) fn apply(
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
        self.write(|tx, log, rules| insert_ticket(tx, log, rules, t, now))
    }

    /// Creates a customer from `customer` (a name at least) and their ticket `t` in one transaction: neither
    /// exists without the other. `t.customer_id` is not read.
    pub fn create_ticket_with_customer(
        &mut self,
        customer: &[CustomerEdit],
        t: &NewTicket,
        now: i64,
    ) -> Result<Created> {
        self.write(|tx, log, rules| {
            let customer_id = insert_customer(tx, log, rules, customer, now)?;
            let t = NewTicket {
                customer_id,
                ..t.clone()
            };
            insert_ticket(tx, log, rules, &t, now)
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
        self.add_message_with_edits(number, writer, author_id, internal, body, &[], now)
    }

    /// A message and the changes that go with it (a macro's actions), in one transaction: if the ticket cannot
    /// take the changes, the message is not sent either.
    #[allow(clippy::too_many_arguments)] // one message's parts; a struct would only rename them
    pub fn add_message_with_edits(
        &mut self,
        number: i64,
        writer: Writer,
        author_id: Option<&str>,
        internal: bool,
        body: &str,
        edits: &[TicketEdit],
        now: i64,
    ) -> Result<UpdateOutcome> {
        self.add_message_in(
            number,
            writer,
            author_id,
            internal,
            body,
            edits,
            ReplyHow::default(),
            now,
        )
    }

    /// An agent's public reply with a macro's changes, sent as `how` says: mailed to the customer whatever
    /// channel the ticket came by (queued like a reply to a mail ticket; refused when mail is not set up or the
    /// customer has no address), and marked as proposing a solution (the 3-5-7 rule's first-solution clock).
    pub fn reply(
        &mut self,
        number: i64,
        author_id: Option<&str>,
        body: &str,
        edits: &[TicketEdit],
        how: ReplyHow,
        now: i64,
    ) -> Result<UpdateOutcome> {
        self.add_message_in(
            number,
            Writer::Agent,
            author_id,
            false,
            body,
            edits,
            how,
            now,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn add_message_in(
        &mut self,
        number: i64,
        writer: Writer,
        author_id: Option<&str>,
        internal: bool,
        body: &str,
        edits: &[TicketEdit],
        how: ReplyHow,
        now: i64,
    ) -> Result<UpdateOutcome> {
        self.write(|tx, log, rules| {
            let message = Message {
                writer,
                author_id,
                internal,
                body,
                channel: None,
                mail_message_id: None,
                by_mail: how.by_mail,
                solution: how.solution,
            };
            let (out, _) = insert_message(tx, log, rules, number, &message, now)?;
            if edits.is_empty() {
                return Ok(out);
            }
            super::ticket_set::set_fields(tx, log, rules, number, edits, None, now)
        })
    }
}

/// How an agent's public reply goes out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReplyHow {
    /// Also mail it to the customer, on a ticket that did not come by mail.
    pub by_mail: bool,
    /// It proposes a solution: stops the first-solution clock.
    pub solution: bool,
}

/// Inserts a ticket, its first message and its change-log entry; sets its clocks.
pub(super) fn insert_ticket(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    t: &NewTicket,
    now: i64,
) -> Result<Created> {
    let known: Option<String> = tx
        .prepare_cached("SELECT id FROM customers WHERE id = ?1")?
        .query_row(params![t.customer_id], |r| r.get(0))
        .optional()?;
    if known.is_none() {
        return Err(StoreError::NotFound {
            entity: "customer",
            id: t.customer_id.clone(),
        });
    }
    let number = next_number(tx)?;
    let id = new_id();
    let complaint = ComplaintStage::initial(t.kind).map(|s| s.as_str());
    tx.prepare_cached(
        "INSERT INTO tickets(id, number, subject, status, priority, kind, channel, customer_id, product_id,
                             created_at, updated_at, complaint_stage)
         VALUES (?1, ?2, ?3, 'new', ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
    )?
    .execute(params![id, number, t.subject, t.priority.as_str(), t.kind.as_str(), t.channel.as_str(), t.customer_id, t.product_id, now, complaint])?;
    let message = new_id();
    tx.prepare_cached(
        "INSERT INTO messages(id, ticket_id, author_kind, author_id, visibility, body, created_at, channel)
         VALUES (?1, ?2, 'customer', ?3, 'public', ?4, ?5, ?6)",
    )?
    .execute(params![message, id, t.customer_id, t.body, now, t.channel.as_str()])?;
    log.append(
        tx,
        "ticket",
        &id,
        "created",
        None,
        Some(&number.to_string()),
        now,
    )?;
    super::crm::refresh_ticket_customer(tx, log, rules, &id, now)?;
    // Routing may change the group and priority the clocks depend on: first, then the clocks.
    super::routing::route_new(tx, log, rules, (&id, number), now)?;
    super::sla::refresh(tx, rules, &id, now)?;
    Ok(Created { number, id })
}

/// The next ticket number: on a replica a provisional one (negative, shown `#L-3`) until its hub gives the final
/// one at sync; elsewhere the team's next number.
pub(super) fn next_number(tx: &Transaction<'_>) -> Result<i64> {
    if super::sync::is_replica(tx)? {
        return Ok(tx.prepare_cached("UPDATE meta SET value = CAST(min(CAST(value AS INTEGER), (SELECT coalesce(min(number), 0) FROM tickets)) - 1 AS TEXT)
             WHERE key = 'provisional_seq' RETURNING CAST(value AS INTEGER)")?.query_row([],
            |r| r.get(0),
        )?);
    }
    final_number(tx)
}

/// The team's next number. The sequence only grows, so a number is never reused even if its ticket is deleted.
pub(super) fn final_number(tx: &Transaction<'_>) -> Result<i64> {
    Ok(tx.prepare_cached("UPDATE meta SET value = CAST(max(CAST(value AS INTEGER), (SELECT coalesce(max(number), 0) FROM tickets)) + 1 AS TEXT)
         WHERE key = 'ticket_number_seq' RETURNING CAST(value AS INTEGER)")?.query_row([],
        |r| r.get(0),
    )?)
}

/// One message as written to a thread.
pub(super) struct Message<'a> {
    pub writer: Writer,
    pub author_id: Option<&'a str>,
    pub internal: bool,
    pub body: &'a str,
    /// The channel it came by, when not typed in desk.
    pub channel: Option<&'a str>,
    /// Its mail Message-ID, for threading answers to it.
    pub mail_message_id: Option<&'a str>,
    /// A public reply to mail to the customer even on a ticket that did not come by mail.
    pub by_mail: bool,
    /// An agent's public reply that proposes a solution.
    pub solution: bool,
}

/// Appends a message to ticket `number` and applies the status rules (first response, reopen on customer reply);
/// returns the outcome and the new message's id.
pub(super) fn insert_message(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    number: i64,
    m: &Message<'_>,
    now: i64,
) -> Result<(UpdateOutcome, String)> {
    let cur = current(tx, number, &[])?;
    let next = cur
        .life
        .on_message(m.writer, m.internal, now)
        .map_err(|e| StoreError::Refused(e.to_string()))?;
    if m.solution && (m.internal || !matches!(m.writer, Writer::Agent)) {
        return Err(StoreError::Refused(
            "only an agent's public reply proposes a solution".into(),
        ));
    }
    let message = new_id();
    let (kind, field) = match (m.writer, m.internal) {
        (_, true) => ("agent", "note"),
        (Writer::Agent, false) => ("agent", "reply"),
        (Writer::Customer, false) => ("customer", "customer_message"),
    };
    let visibility = if m.internal { "internal" } else { "public" };
    tx.prepare_cached(
        "INSERT INTO messages(id, ticket_id, author_kind, author_id, visibility, body, created_at, channel,
                              mail_message_id, solution)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![message, cur.id, kind, m.author_id, visibility, m.body, now, m.channel, m.mail_message_id, m.solution])?;
    log.append(tx, "ticket", &cur.id, field, None, Some(&message), now)?;
    if m.solution {
        log.append(tx, "ticket", &cur.id, "solution", None, Some(&message), now)?;
    }
    match (m.writer, m.internal, &rules.mail_out) {
        (Writer::Agent, false, Some(out)) => {
            let queued =
                super::outbox::queue_reply(tx, out, &cur.id, &message, m.body, m.by_mail, now)?;
            if m.by_mail && !queued {
                return Err(StoreError::Refused(format!(
                    "#{number} cannot be sent by email: its customer has no email address"
                )));
            }
        }
        _ if m.by_mail && (m.internal || !matches!(m.writer, Writer::Agent)) => {
            return Err(StoreError::Refused(
                "only an agent's public reply can be sent by email".into(),
            ));
        }
        _ if m.by_mail => {
            return Err(StoreError::Refused(
                "mail is not set up: set [mail] from in the config to send replies by email".into(),
            ));
        }
        _ => {}
    }
    // What was sent is no longer a draft.
    if let (Writer::Agent, Some(author)) = (m.writer, log.actor.as_deref()) {
        tx.prepare_cached("DELETE FROM drafts WHERE ticket_id = ?1 AND author = ?2")?
            .execute(params![cur.id, author])?;
    }
    let out = apply(tx, log, &cur.id, None, &lifecycle_fields(&next), now)?;
    // A message is activity even when no field changed: it moves the ticket up its queue.
    tx.prepare_cached("UPDATE tickets SET updated_at = ?1 WHERE id = ?2")?
        .execute(params![now, cur.id])?;
    let (before, after) = (cur.life.status, next.status);
    on_status_change(tx, log, rules, &cur.id, before, after, now)?;
    super::crm::refresh_ticket_customer(tx, log, rules, &cur.id, now)?;
    super::sla::refresh(tx, rules, &cur.id, now)?;
    Ok((out, message))
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
