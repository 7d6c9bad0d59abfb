//! Whole tickets out and in: a [`TicketRecord`] read from the database (fields, thread, attachments' metadata,
//! history), and records written back as tickets in one transaction — all of a file or none of it — each once by
//! its external id.

use rusqlite::{OptionalExtension, Transaction, params};

use super::changes::ChangeLog;
use super::intake_who::find_or_create_customer;
use super::sla::ServiceRules;
use super::ticket_write::{next_number, system_note};
use super::{Result, Store, StoreError, new_id};
use crate::domain::intake::Identity;
use crate::domain::ticket_record::{
    Author, RecordAttachment, RecordChange, RecordCustomer, RecordMessage, TicketRecord, time,
};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct TicketImport {
    pub created: usize,
    /// Already in desk (the same external id, or desk's own export of a ticket this database has).
    pub skipped: usize,
}

impl Store {
    /// Ticket `number` as a record, or `None`. One query for the ticket and its people, then its tags, thread,
    /// attachments and history: the text as stored (an export is data, not display, so nothing is sanitised).
    pub fn ticket_record(&self, number: i64) -> Result<Option<TicketRecord>> {
        use super::tickets::get_enum;
        use crate::domain::ticket::{Channel, Kind, Priority, Status};
        let head = self
            .conn
            .prepare_cached(
                "SELECT t.id, t.subject, t.status, t.priority, t.kind, t.channel, t.created_at, t.updated_at,
                        t.first_response_at, t.solved_at, t.closed_at, t.external_id, g.name,
                        c.name, c.email, c.phone, c.external_id, a.handle
                 FROM tickets t LEFT JOIN groups g ON g.id = t.group_id
                      LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN agents a ON a.id = t.assignee_id
                 WHERE t.number = ?1",
            )?
            .query_row(params![number], |r| {
                let id: String = r.get(0)?;
                let record = TicketRecord {
                    external_id: r.get::<_, Option<String>>("external_id")?.unwrap_or_default(),
                    number: Some(number),
                    subject: r.get("subject")?,
                    status: get_enum(r, "status", Status::parse)?,
                    priority: get_enum(r, "priority", Priority::parse)?,
                    kind: get_enum(r, "kind", Kind::parse)?,
                    channel: get_enum(r, "channel", Channel::parse)?,
                    customer: RecordCustomer {
                        name: r.get(13)?,
                        email: r.get(14)?,
                        phone: r.get(15)?,
                        external_id: r.get(16)?,
                    },
                    assignee: r.get(17)?,
                    group: r.get(12)?,
                    tags: Vec::new(),
                    created_at: time(r.get("created_at")?),
                    updated_at: Some(time(r.get("updated_at")?)),
                    first_response_at: r.get::<_, Option<i64>>("first_response_at")?.map(time),
                    solved_at: r.get::<_, Option<i64>>("solved_at")?.map(time),
                    closed_at: r.get::<_, Option<i64>>("closed_at")?.map(time),
                    messages: Vec::new(),
                    attachments: Vec::new(),
                    history: Vec::new(),
                };
                Ok((id, record))
            })
            .optional()?;
        let Some((id, mut record)) = head else {
            return Ok(None);
        };
        if record.external_id.is_empty() {
            record.external_id = format!("desk:{id}");
        }
        let name = record.customer.name.clone();
        record.tags = self
            .conn
            .prepare_cached(
                "SELECT tag FROM tags WHERE entity = 'ticket' AND entity_id = ?1 ORDER BY tag",
            )?
            .query_map(params![id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.author_kind, coalesce(a.handle, m.author_id), m.visibility, m.body, m.created_at, m.channel,
                    m.mail_message_id
             FROM messages m LEFT JOIN agents a ON m.author_kind = 'agent' AND a.id = m.author_id
             WHERE m.ticket_id = ?1 ORDER BY m.created_at, m.rid",
        )?;
        let messages = stmt
            .query_map(params![id], |r| {
                let kind: String = r.get(0)?;
                let author_kind = match kind.as_str() {
                    "agent" => Author::Agent,
                    "system" => Author::System,
                    _ => Author::Customer,
                };
                Ok(RecordMessage {
                    author: if author_kind == Author::Customer {
                        name.clone()
                    } else {
                        r.get(1)?
                    },
                    author_kind,
                    internal: r.get::<_, String>(2)? == "internal",
                    body: r.get(3)?,
                    created_at: time(r.get(4)?),
                    channel: r
                        .get::<_, Option<String>>(5)?
                        .as_deref()
                        .and_then(crate::domain::ticket::Channel::parse),
                    mail_message_id: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        record.messages = messages;
        record.history = self
            .history("ticket", &id)?
            .into_iter()
            .map(|c| RecordChange {
                at: time(c.at),
                actor: c.actor,
                field: c.field,
                old: c.old,
                new: c.new,
            })
            .collect();
        record.attachments = self
            .attachments(&id)?
            .iter()
            .map(|a| RecordAttachment {
                name: a.name.to_string(),
                content_type: a.content_type.to_string(),
                size: a.size,
                sha256: a.sha256.clone(),
            })
            .collect();
        Ok(Some(record))
    }

    /// Writes the records `records()` yields (each with where it came from, `FILE:LINE`) as tickets in one
    /// transaction, one at a time so a large file is never held whole: a record whose assignee is unknown fails
    /// the whole import, naming its place. `records` is called again if the transaction has to be retried. When
    /// they are not `expected` many (the file changed since it was checked), nothing is written.
    pub fn import_tickets<I>(
        &mut self,
        records: impl Fn() -> I,
        expected: usize,
        now: i64,
    ) -> Result<TicketImport>
    where
        I: Iterator<Item = (String, TicketRecord)>,
    {
        let actor = self.actor.clone();
        self.write(|tx, log, rules| {
            let mut tally = TicketImport::default();
            let mut customers = std::collections::BTreeSet::new();
            for (place, r) in records() {
                if exists(tx, &r.external_id)? {
                    tally.skipped += 1;
                    continue;
                }
                let customer = import_one(tx, log, rules, &r, now)
                    .map_err(|e| StoreError::Refused(format!("{place}: {e}")))?;
                customers.insert(customer);
                log.actor.clone_from(&actor);
                tally.created += 1;
            }
            if tally.created + tally.skipped != expected {
                return Err(StoreError::Refused(format!(
                    "the file changed while it was imported ({expected} records checked, {} read): nothing \
                     written; run it again",
                    tally.created + tally.skipped
                )));
            }
            // Each customer's tier, stage and risk once, over all their imported tickets.
            for c in &customers {
                super::crm::refresh_customer(tx, log, rules, c, now)?;
            }
            Ok(tally)
        })
    }
}

/// Whether the record is in desk already: by external id, or desk's own `desk:<id>`.
fn exists(tx: &Transaction<'_>, external_id: &str) -> Result<bool> {
    let own = external_id.strip_prefix("desk:").unwrap_or("");
    let found: Option<i64> = tx
        .prepare_cached("SELECT 1 FROM tickets WHERE external_id = ?1 OR id = ?2 LIMIT 1")?
        .query_row(params![external_id, own], |r| r.get(0))
        .optional()?;
    Ok(found.is_some())
}

fn agent_id(tx: &Transaction<'_>, handle: &str) -> Result<String> {
    tx.prepare_cached("SELECT id FROM agents WHERE handle = ?1")?
        .query_row(params![handle], |r| r.get(0))
        .optional()?
        .ok_or_else(|| {
            StoreError::Refused(format!(
                "no agent `{handle}` (add them with `desk agent add {handle}`)"
            ))
        })
}

/// The group of `name`, created (and logged, so history and other desks see where it came from) when missing.
fn group_id(tx: &Transaction<'_>, log: &mut ChangeLog, name: &str, now: i64) -> Result<String> {
    let found: Option<String> = tx
        .prepare_cached("SELECT id FROM groups WHERE name = ?1 COLLATE NOCASE")?
        .query_row(params![name], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    let id = new_id();
    tx.prepare_cached(
        "INSERT INTO groups(id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
    )?
    .execute(params![id, name.trim(), now])?;
    log.append(tx, "group", &id, "created", None, Some(name.trim()), now)?;
    Ok(id)
}

/// Writes one record; returns its customer's id.
fn import_one(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    r: &TicketRecord,
    now: i64,
) -> Result<String> {
    let who = Identity {
        name: r.customer.name.clone(),
        email: r
            .customer
            .email
            .as_deref()
            .and_then(crate::domain::intake::email),
        phone: r.customer.phone.clone(),
        wechat_openid: None,
        external_id: r.customer.external_id.clone(),
    };
    let customer = find_or_create_customer(tx, log, rules, &who, None, now)?;
    let assignee = r.assignee.as_deref().map(|h| agent_id(tx, h)).transpose()?;
    let group = r
        .group
        .as_deref()
        .filter(|g| !g.trim().is_empty())
        .map(|g| group_id(tx, log, g, now))
        .transpose()?;
    let id = new_id();
    let number = next_number(tx)?;
    let ts = |t: &Option<crate::domain::ticket_record::Time>| t.map(|t| t.timestamp());
    let created = r.created_at.timestamp();
    let updated = ts(&r.updated_at).unwrap_or(created).max(created);
    let complaint =
        crate::domain::service_loop::ComplaintStage::initial(r.kind).map(|s| s.as_str());
    tx.prepare_cached(
        "INSERT INTO tickets(id, number, subject, status, priority, kind, channel, customer_id, assignee_id, group_id,
                             created_at, updated_at, first_response_at, solved_at, closed_at, complaint_stage, external_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
            id, number, r.subject.trim(), r.status.as_str(), r.priority.as_str(), r.kind.as_str(), r.channel.as_str(),
            customer, assignee, group, created, updated, ts(&r.first_response_at), ts(&r.solved_at),
            ts(&r.closed_at), complaint, r.external_id
        ])?;
    let mut first_message = None;
    for m in &r.messages {
        let (kind, author) = match m.author_kind {
            Author::Customer => ("customer", Some(customer.clone())),
            Author::Agent => (
                "agent",
                m.author.as_deref().map(|h| agent_id(tx, h)).transpose()?,
            ),
            Author::System => ("system", m.author.clone()),
        };
        let message_id = new_id();
        if first_message.is_none() {
            first_message = Some(message_id.clone());
        }
        tx.prepare_cached(
            "INSERT INTO messages(id, ticket_id, author_kind, author_id, visibility, body, created_at, channel,
                                  mail_message_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            message_id,
            id,
            kind,
            author,
            if m.internal { "internal" } else { "public" },
            m.body,
            m.created_at.timestamp(),
            m.channel.map(|c| c.as_str()),
            m.mail_message_id
        ])?;
    }
    for t in &r.tags {
        let tag = crate::domain::ticket::tag(t)
            .map_err(|e| StoreError::Refused(format!("tag `{t}`: {e}")))?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO tags(entity, entity_id, tag) VALUES ('ticket', ?1, ?2)",
        )?
        .execute(params![id, tag])?;
    }
    // The history as it was, under its own actors and times, then the import itself.
    for c in &r.history {
        log.actor.clone_from(&c.actor);
        log.append(
            tx,
            "ticket",
            &id,
            &c.field,
            c.old.as_deref(),
            c.new.as_deref(),
            c.at.timestamp(),
        )?;
    }
    log.actor = Some("import".into());
    log.append(
        tx,
        "ticket",
        &id,
        "imported",
        None,
        Some(&r.external_id),
        now,
    )?;
    let mut missing = Vec::new();
    for a in &r.attachments {
        let blob: Option<i64> = tx
            .prepare_cached("SELECT 1 FROM attachment_blobs WHERE hash = ?1")?
            .query_row(params![a.sha256], |r| r.get(0))
            .optional()?;
        match (blob, &first_message) {
            (Some(_), Some(message)) => {
                tx.prepare_cached(
                    "INSERT INTO attachments(id, ticket_id, message_id, name, content_type, size, hash, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![new_id(), id, message, crate::domain::intake::safe_filename(&a.name), a.content_type, a.size, a.sha256, now])?;
            }
            _ => missing.push(a.name.as_str()),
        }
    }
    if !missing.is_empty() {
        let note = format!(
            "Imported without the contents of: {} (an export carries attachments' names only).",
            missing.join(", ")
        );
        system_note(tx, log, &id, &note, now)?;
    }
    super::sla::refresh(tx, rules, &id, now)?;
    Ok(customer)
}
