//! The one intake path: an outside message (mail, `desk ingest`) becomes ticket writes in one transaction —
//! recorded once by its external id, the customer found or created, threaded onto its ticket (Message-ID
//! references, a bridge's conversation key, then a `[#N]` token from the ticket's people) or opening a new one,
//! attachments stored once by hash. Machine-made mail never opens or reopens a ticket.

use rusqlite::{OptionalExtension, Transaction, params};

use super::changes::ChangeLog;
use super::intake_who::{agent_by_email, find_or_create_customer, sender_key};
use super::sla::ServiceRules;
use super::ticket_write::{
    Message, NewTicket, TicketEdit, insert_message, insert_ticket, system_note,
};
use super::{Result, Store, new_id};
use crate::domain::intake::{self, Inbound, IntakeRules, TokenTrust, human_size};
use crate::domain::lifecycle::Writer;
use crate::domain::ticket::{Channel, Kind, Priority};

/// What the intake did with one message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Ingested {
    Created {
        number: i64,
    },
    /// Added to an open ticket; `reopened` when it moved a solved or pending ticket back to open.
    Threaded {
        number: i64,
        reopened: bool,
    },
    /// The answer named a closed ticket: a new ticket linked to it.
    FollowUp {
        number: i64,
        of: i64,
    },
    /// An answer to the satisfaction survey desk mailed: the scores recorded (`CSAT 4 · price 3`); `reopened` by a
    /// low one.
    Surveyed {
        number: i64,
        scores: String,
        reopened: bool,
    },
    /// Machine-made or looping mail kept as an internal note on the ticket it answers.
    Noted {
        number: i64,
        reason: String,
    },
    /// Machine-made or looping mail that answers no ticket.
    Ignored {
        reason: String,
    },
    /// Seen before (another fetch, another machine): nothing written.
    Duplicate {
        number: Option<i64>,
    },
}

impl Store {
    /// Ingests one message from `source` (`mail` for every mailbox, else the channel's name).
    pub fn ingest(
        &mut self,
        source: &str,
        m: &Inbound,
        rules: &IntakeRules,
        now: i64,
    ) -> Result<Ingested> {
        let actor = self.actor.replace(format!("intake:{source}"));
        let out = self.write(|tx, log, service| ingest_in(tx, log, service, source, m, rules, now));
        self.actor = actor;
        out
    }
}

fn ingest_in(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    service: &ServiceRules,
    source: &str,
    m: &Inbound,
    rules: &IntakeRules,
    now: i64,
) -> Result<Ingested> {
    let seen: Option<Option<i64>> = tx
        .prepare_cached(
            "SELECT t.number FROM inbound i LEFT JOIN tickets t ON t.id = i.ticket_id
             WHERE i.source = ?1 AND i.external_id = ?2",
        )?
        .query_row(params![source, m.external_id], |r| r.get(0))
        .optional()?;
    if let Some(number) = seen {
        return Ok(Ingested::Duplicate { number });
    }
    // desk's own mail coming back (a Cc to the support address, a mailbox that also gets what desk sends).
    let own: Option<i64> = tx
        .prepare_cached("SELECT 1 FROM outbox WHERE mail_message_id = ?1")?
        .query_row(params![m.external_id], |r| r.get(0))
        .optional()?;
    if own.is_some() {
        return Ok(Ingested::Ignored {
            reason: "mail desk sent itself".into(),
        });
    }
    let sender_key = sender_key(&m.sender);
    let target = thread_target(tx, source, m, rules.token_trust)?;
    let looping = match &m.automatic {
        Some(reason) => Some(reason.to_string()),
        None => over_rate(tx, sender_key.as_deref(), rules, now)?,
    };
    let record = |outcome: &str,
                  reason: Option<&str>,
                  ticket: Option<&str>,
                  message: Option<&str>| {
        tx.prepare_cached(
            "INSERT INTO inbound(source, external_id, outcome, reason, ticket_id, message_id, sender, thread_key, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![source, m.external_id, outcome, reason, ticket, message, sender_key, m.thread_key, now])
        .map(|_| ())
    };
    if let Some(reason) = looping {
        let Some(t) = target else {
            record("ignored", Some(&reason), None, None)?;
            return Ok(Ingested::Ignored { reason });
        };
        let from = m.sender.email.as_deref().unwrap_or("an unknown sender");
        let mut why = reason.clone();
        if let Some(first) = why.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        let body = format!(
            "{why} from {from}: kept as a note, the ticket was not reopened.\nSubject: {}\n\n{}",
            m.subject,
            excerpt(&m.body)
        );
        let note = system_note(tx, log, &t.id, &body, now)?;
        record("noted", Some(&reason), Some(&t.id), Some(&note))?;
        return Ok(Ingested::Noted {
            number: t.number,
            reason,
        });
    }
    let agent = agent_by_email(tx, m.sender.email.as_deref())?;
    // An agent forwarding a customer's mail opens the ticket for that customer.
    let forwarded = match (&agent, &target) {
        (Some(_), None) => intake::forwarded_sender(&m.body),
        _ => None,
    };
    let who = forwarded.as_ref().unwrap_or(&m.sender);
    let organization = who.email.as_deref().and_then(|e| rules.organization_for(e));
    let customer = find_or_create_customer(tx, log, service, who, organization, now)?;
    let channel = m.channel.unwrap_or(Channel::Email);
    let mail_id = (source == "mail").then_some(m.external_id.as_str());
    let (outcome, ticket_id, message_id) = match target {
        Some(t)
            if let Some((scores, reopened)) =
                super::mail_loop::survey_answer(tx, log, service, &t.id, t.number, m, now)? =>
        {
            record("threaded", Some("survey answer"), Some(&t.id), None)?;
            return Ok(Ingested::Surveyed {
                number: t.number,
                scores,
                reopened,
            });
        }
        Some(t) if t.status != "closed" => {
            let at = m.at.map_or(now, |a| a.clamp(t.updated_at, now));
            let message = Message {
                writer: if agent.is_some() {
                    Writer::Agent
                } else {
                    Writer::Customer
                },
                author_id: Some(agent.as_deref().unwrap_or(&customer)),
                // An agent's mail into a thread is kept as a note: desk did not send it to the customer.
                internal: agent.is_some(),
                body: &m.body,
                channel: Some(channel.as_str()),
                mail_message_id: mail_id,
                by_mail: false,
                solution: false,
            };
            let (_, message_id) = insert_message(tx, log, service, t.number, &message, at)?;
            let status: String = tx.query_row(
                "SELECT status FROM tickets WHERE id = ?1",
                params![t.id],
                |r| r.get(0),
            )?;
            let reopened = status == "open" && matches!(t.status.as_str(), "solved" | "pending");
            record("threaded", None, Some(&t.id), Some(&message_id))?;
            (
                Ingested::Threaded {
                    number: t.number,
                    reopened,
                },
                t.id,
                message_id,
            )
        }
        target => {
            let at = m.at.filter(|a| *a > 0).map_or(now, |a| a.min(now));
            let created = open_ticket(tx, log, service, m, &customer, channel, at)?;
            let message_id: String = tx.query_row(
                "UPDATE messages SET mail_message_id = ?2 WHERE ticket_id = ?1 RETURNING id",
                params![created.id, mail_id],
                |r| r.get(0),
            )?;
            let outcome = match target {
                Some(closed) => {
                    link(tx, log, &closed, &created.id, created.number, now)?;
                    Ingested::FollowUp {
                        number: created.number,
                        of: closed.number,
                    }
                }
                None => Ingested::Created {
                    number: created.number,
                },
            };
            record("created", None, Some(&created.id), Some(&message_id))?;
            if let Some(out) = service
                .mail_out
                .as_ref()
                .filter(|o| o.acknowledge && channel == Channel::Email)
            {
                super::mail_loop::acknowledge(tx, out, &created.id, now)?;
            }
            (outcome, created.id, message_id)
        }
    };
    add_collaborators(tx, &ticket_id, m, now)?;
    store_attachments(tx, log, &ticket_id, &message_id, m, rules, now)?;
    for w in &m.warnings {
        system_note(tx, log, &ticket_id, &format!("Parse warning: {w}"), now)?;
    }
    Ok(outcome)
}

/// The ticket a message answers, as the thread lookup found it.
struct Target {
    id: String,
    number: i64,
    status: String,
    updated_at: i64,
}

fn ticket_by(tx: &Transaction<'_>, sql: &str, key: &dyn rusqlite::ToSql) -> Result<Option<Target>> {
    let found = target_row(tx, sql, key)?;
    // A merged ticket's answers go to the ticket it was merged into.
    match found {
        Some(t) if t.status == "merged" => {
            let into =
                super::ticket_merge::survivor(tx, super::ticket_merge::Merged::Ticket, &t.id)?;
            target_row(tx, &format!("{TARGET} WHERE t.id = ?1"), &into)
        }
        other => Ok(other),
    }
}

fn target_row(
    tx: &Transaction<'_>,
    sql: &str,
    key: &dyn rusqlite::ToSql,
) -> Result<Option<Target>> {
    Ok(tx
        .prepare_cached(sql)?
        .query_row([key], |r| {
            Ok(Target {
                id: r.get(0)?,
                number: r.get(1)?,
                status: r.get(2)?,
                updated_at: r.get(3)?,
            })
        })
        .optional()?)
}

const TARGET: &str = "SELECT t.id, t.number, t.status, t.updated_at FROM tickets t";

fn ticket_by_id(tx: &Transaction<'_>, id: &str) -> Result<Option<Target>> {
    ticket_by(tx, &format!("{TARGET} WHERE t.id = ?1"), &id)
}

/// References first (the surest), then the bridge's conversation key, then a subject token from a trusted sender.
fn thread_target(
    tx: &Transaction<'_>,
    source: &str,
    m: &Inbound,
    trust: TokenTrust,
) -> Result<Option<Target>> {
    for reference in &m.replies_to {
        let by_mail = ticket_by(
            tx,
            &format!(
                "{TARGET} JOIN messages m ON m.ticket_id = t.id WHERE m.mail_message_id = ?1 LIMIT 1"
            ),
            reference,
        )?;
        // Mail desk sent with no message of its own in the thread: an acknowledgement, a survey.
        let by_outbox = match by_mail {
            Some(t) => Some(t),
            None => ticket_by(
                tx,
                &format!(
                    "{TARGET} JOIN outbox o ON o.ticket_id = t.id WHERE o.mail_message_id = ?1"
                ),
                reference,
            )?,
        };
        let found = match by_outbox {
            Some(t) => Some(t),
            None => {
                let id: Option<Option<String>> = tx
                    .prepare_cached(
                        "SELECT ticket_id FROM inbound WHERE source = ?1 AND external_id = ?2",
                    )?
                    .query_row(params![source, reference], |r| r.get(0))
                    .optional()?;
                match id.flatten() {
                    Some(id) => ticket_by_id(tx, &id)?,
                    None => None,
                }
            }
        };
        if found.is_some() {
            return Ok(found);
        }
    }
    if let Some(key) = &m.thread_key {
        let id: Option<String> = tx
            .prepare_cached(
                "SELECT i.ticket_id FROM inbound i JOIN tickets t ON t.id = i.ticket_id
                 WHERE i.source = ?1 AND i.thread_key = ?2 AND t.status NOT IN ('closed', 'merged')
                 ORDER BY i.at DESC LIMIT 1",
            )?
            .query_row(params![source, key], |r| r.get(0))
            .optional()?;
        if let Some(id) = id {
            return ticket_by_id(tx, &id);
        }
    }
    let Some(number) = m.ticket_token else {
        return Ok(None);
    };
    let Some(t) = ticket_by(tx, &format!("{TARGET} WHERE t.number = ?1"), &number)? else {
        return Ok(None);
    };
    let customer_email: Option<String> = tx.query_row(
        "SELECT c.email FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id WHERE t.id = ?1",
        params![t.id],
        |r| r.get(0),
    )?;
    let collaborators: Vec<String> = tx
        .prepare_cached("SELECT email FROM ticket_collaborators WHERE ticket_id = ?1")?
        .query_map(params![t.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let sender = m.sender.email.as_deref();
    Ok(
        intake::token_accepted(trust, sender, customer_email.as_deref(), &collaborators)
            .then_some(t),
    )
}

fn over_rate(
    tx: &Transaction<'_>,
    sender: Option<&str>,
    rules: &IntakeRules,
    now: i64,
) -> Result<Option<String>> {
    let Some(sender) = sender else {
        return Ok(None);
    };
    let recent: i64 = tx
        .prepare_cached("SELECT count(*) FROM inbound WHERE sender = ?1 AND at > ?2")?
        .query_row(params![sender, now - 3600], |r| r.get(0))?;
    Ok(
        (recent >= i64::from(rules.max_per_sender_per_hour)).then(|| {
            format!(
                "more than {} messages in an hour (a mail loop?)",
                rules.max_per_sender_per_hour
            )
        }),
    )
}

fn open_ticket(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    service: &ServiceRules,
    m: &Inbound,
    customer: &str,
    channel: Channel,
    at: i64,
) -> Result<super::ticket_write::Created> {
    let t = NewTicket {
        subject: intake::clean_subject(&m.subject),
        kind: m.defaults.kind.unwrap_or(Kind::Question),
        channel,
        priority: m.defaults.priority.unwrap_or(Priority::Normal),
        customer_id: customer.to_string(),
        product_id: None,
        body: m.body.clone(),
    };
    let created = insert_ticket(tx, log, service, &t, at)?;
    if let Some(group) = &m.defaults.group {
        let edit = [TicketEdit::Group(Some(group.clone()))];
        super::ticket_set::set_fields(tx, log, service, created.number, &edit, None, at)?;
    }
    Ok(created)
}

fn link(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    closed: &Target,
    new_id: &str,
    new_number: i64,
    now: i64,
) -> Result<()> {
    let (a, b) = if closed.id.as_str() < new_id {
        (closed.id.as_str(), new_id)
    } else {
        (new_id, closed.id.as_str())
    };
    tx.execute(
        "INSERT OR IGNORE INTO ticket_links(a, b, created_at) VALUES (?1, ?2, ?3)",
        params![a, b, now],
    )?;
    log.append(
        tx,
        "ticket",
        new_id,
        "linked",
        None,
        Some(&closed.number.to_string()),
        now,
    )?;
    log.append(
        tx,
        "ticket",
        &closed.id,
        "linked",
        None,
        Some(&new_number.to_string()),
        now,
    )?;
    Ok(())
}

fn add_collaborators(tx: &Transaction<'_>, ticket_id: &str, m: &Inbound, now: i64) -> Result<()> {
    let sender = m.sender.email.as_deref();
    for cc in &m.cc {
        let Some(email) = intake::email(cc) else {
            continue;
        };
        if Some(email.as_str()) == sender || agent_by_email(tx, Some(&email))?.is_some() {
            continue;
        }
        tx.prepare_cached(
            "INSERT OR IGNORE INTO ticket_collaborators(ticket_id, email, added_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![ticket_id, email, now])?;
    }
    Ok(())
}

fn store_attachments(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    ticket_id: &str,
    message_id: &str,
    m: &Inbound,
    rules: &IntakeRules,
    now: i64,
) -> Result<()> {
    use sha2::{Digest, Sha256};
    for a in &m.attachments {
        let size = a.bytes.len() as u64;
        if size > rules.attachment_max_bytes {
            let note = format!(
                "Attachment {} ({}) not kept: larger than the {} limit (mail.attachment_max_mb).",
                a.name,
                human_size(size),
                human_size(rules.attachment_max_bytes)
            );
            system_note(tx, log, ticket_id, &note, now)?;
            continue;
        }
        let hash = format!("{:x}", Sha256::digest(&a.bytes));
        tx.prepare_cached(
            "INSERT OR IGNORE INTO attachment_blobs(hash, size, data) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![hash, size as i64, a.bytes])?;
        tx.prepare_cached(
            "INSERT INTO attachments(id, ticket_id, message_id, name, content_type, size, hash, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![new_id(), ticket_id, message_id, a.name, a.content_type, size as i64, hash, now])?;
    }
    Ok(())
}

/// The start of a machine-made message, enough to see what it was.
fn excerpt(body: &str) -> String {
    let mut out: String = body.chars().take(2000).collect();
    if body.chars().nth(2000).is_some() {
        out.push('…');
    }
    out
}
