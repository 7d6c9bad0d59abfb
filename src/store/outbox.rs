//! The outbox: mail desk owes a customer. A public reply on a mail ticket is queued in the transaction that writes
//! it (so an agent's "send" is never lost between the database and the SMTP server); a sender claims due rows
//! with a lease, delivers, and marks each sent, or schedules a retry with backoff, or gives up with a note on the
//! ticket. Delivery is at least once, always under the Message-ID recorded here.

use rusqlite::{OptionalExtension, Transaction, params};

use super::changes::ChangeLog;
use super::ticket_write::system_note;
use super::{Result, Store, new_id};
use crate::domain::mail_out::{Quote, reply_body};
use crate::domain::text::SafeText;

pub use crate::domain::mail_loop::{LowScore, MailOut};

/// One mail to queue.
pub(super) struct Queued<'a> {
    pub ticket_id: &'a str,
    /// The ticket's number and group, which the caller has already read: the Message-ID carries the number, the
    /// group picks the From.
    pub number: i64,
    pub group: Option<&'a str>,
    pub message_id: Option<&'a str>,
    pub kind: &'static str,
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

/// How long a claim holds a row before another sender may take it (a sender that died mid-send).
pub const LEASE_SECS: i64 = 300;
/// After this many failed attempts a message is given up and the ticket says so.
pub const MAX_ATTEMPTS: i64 = 8;

/// Seconds to wait before attempt `attempts + 1`: 1 min, 5 min, 15 min, 1 h, then 4 h.
pub fn backoff(attempts: i64) -> i64 {
    match attempts {
        ..=1 => 60,
        2 => 300,
        3 => 900,
        4 => 3600,
        _ => 4 * 3600,
    }
}

/// One queued mail as a sender reads it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OutMail {
    pub id: String,
    pub ticket: i64,
    pub kind: String,
    pub to: String,
    pub cc: Vec<String>,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub attempts: i64,
    /// The From it was queued with (its group's); `None`: `[mail] from`.
    pub from: Option<String>,
}

/// One outbox row as `desk mail outbox` lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OutboxRow {
    pub id: String,
    pub ticket: i64,
    pub kind: String,
    pub to: SafeText,
    pub subject: SafeText,
    pub state: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_error: Option<SafeText>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    /// The From it was queued with; `None`: `[mail] from`.
    pub from: Option<SafeText>,
}

/// How a delivery attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// Worth trying again later (connection refused, 4xx).
    Transient(String),
    /// The server refused for good (5xx): no retry.
    Permanent(String),
}

/// Queues a public reply (message `message_id`) on ticket `ticket_id` if the ticket is a mail ticket — or
/// `by_mail` asks for it on any ticket — whose customer has an address; sets the message's Message-ID (and its
/// channel to email) so the customer's answer threads back. The mailed text carries the signature of the ticket's
/// group and, when configured, the customer's latest message quoted; the thread keeps `body` as written. Returns
/// whether it queued.
pub(super) fn queue_reply(
    tx: &Transaction<'_>,
    out: &MailOut,
    ticket_id: &str,
    message_id: &str,
    body: &str,
    by_mail: bool,
    now: i64,
) -> Result<bool> {
    // number, subject, channel, the customer's address, the group's name.
    type Row = (i64, String, String, Option<String>, Option<String>);
    let row: Option<Row> = tx
        .prepare_cached(
            "SELECT t.number, t.subject, t.channel, c.email, g.name FROM tickets t
             LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN groups g ON g.id = t.group_id
             WHERE t.id = ?1",
        )?
        .query_row(params![ticket_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let Some((number, subject, channel, Some(to), group)) = row else {
        return Ok(false);
    };
    if (channel != "email" && !by_mail) || to.trim().is_empty() {
        return Ok(false);
    }
    let quoted = if out.quote_history {
        latest_customer_message(tx, ticket_id, message_id)?
    } else {
        None
    };
    let quote = quoted.as_ref().map(|(at, author, text)| Quote {
        at: *at,
        author,
        body: text,
    });
    let mailed = reply_body(
        body,
        out.signature_for(group.as_deref()),
        quote.as_ref(),
        out.utc_offset,
    );
    let queued = Queued {
        ticket_id,
        number,
        group: group.as_deref(),
        message_id: Some(message_id),
        kind: "reply",
        to: &to,
        subject: &reply_subject(number, &subject),
        body: &mailed,
    };
    let mail_id = enqueue(tx, out, &queued, now)?;
    tx.prepare_cached("UPDATE messages SET mail_message_id = ?2, channel = 'email' WHERE id = ?1")?
        .execute(params![message_id, mail_id])?;
    Ok(true)
}

/// The ticket's latest public customer message other than `except`: when, who (their name), what.
fn latest_customer_message(
    tx: &Transaction<'_>,
    ticket_id: &str,
    except: &str,
) -> Result<Option<(i64, String, String)>> {
    Ok(tx
        .prepare_cached(
            "SELECT m.created_at, coalesce(c.name, tc.name, ''), m.body FROM messages m
             JOIN tickets t ON t.id = m.ticket_id
             LEFT JOIN customers c ON c.id = m.author_id LEFT JOIN customers tc ON tc.id = t.customer_id
             WHERE m.ticket_id = ?1 AND m.id <> ?2 AND m.author_kind = 'customer' AND m.visibility = 'public'
             ORDER BY m.created_at DESC, m.rid DESC LIMIT 1",
        )?
        .query_row(params![ticket_id, except], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}

/// Puts `q` in the outbox with a new Message-ID (returned), answering the thread's latest customer mail and
/// referring to the thread's mail so far; the ticket's collaborators are copied.
pub(super) fn enqueue(
    tx: &Transaction<'_>,
    out: &MailOut,
    q: &Queued<'_>,
    now: i64,
) -> Result<String> {
    let sender = out.from_for(q.group);
    let mail_id = format!(
        "desk.{}.{}@{}",
        new_id().to_lowercase(),
        q.number,
        sender.domain
    );
    // The thread's Message-IDs, oldest first (at most the last 20): References, and the latest customer one as
    // In-Reply-To.
    let mut thread: Vec<(String, String)> = tx
        .prepare_cached(
            "SELECT mail_message_id, author_kind FROM messages
             WHERE ticket_id = ?1 AND mail_message_id IS NOT NULL AND id IS NOT ?2
             ORDER BY created_at DESC, rid DESC LIMIT 20",
        )?
        .query_map(params![q.ticket_id, q.message_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    thread.reverse();
    let in_reply_to = thread
        .iter()
        .rev()
        .find(|(_, kind)| kind == "customer")
        .or(thread.last())
        .map(|(id, _)| id.clone());
    let refs: Vec<&str> = thread.iter().map(|(id, _)| id.as_str()).collect();
    // Never copy desk's own domains (the support address a customer Cc'd): that would mail an inbox desk reads.
    let own: Vec<String> = std::iter::once(&out.domain)
        .chain(out.groups.values().filter_map(|g| g.domain.as_ref()))
        .map(|d| format!("@{}", d.to_lowercase()))
        .collect();
    let cc: Vec<String> = tx
        .prepare_cached(
            "SELECT email FROM ticket_collaborators WHERE ticket_id = ?1 ORDER BY email",
        )?
        .query_map(params![q.ticket_id], |r| r.get::<_, String>(0))?
        .filter(|e| {
            e.as_ref()
                .map_or(true, |e| !own.iter().any(|d| e.to_lowercase().ends_with(d)))
        })
        .collect::<rusqlite::Result<_>>()?;
    tx.prepare_cached(
        "INSERT INTO outbox(id, ticket_id, message_id, kind, to_addr, cc, subject, body, mail_message_id, in_reply_to,
                            refs, state, next_attempt_at, created_at, from_addr)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'queued', ?12, ?12, ?13)",
    )?
    .execute(params![
        new_id(),
        q.ticket_id,
        q.message_id,
        q.kind,
        q.to,
        cc.join(","),
        q.subject,
        q.body,
        mail_id,
        in_reply_to,
        refs.join(" "),
        now,
        sender.from
    ])?;
    Ok(mail_id)
}

/// `Re: [#1042] subject`: the token lets an answer thread even from a client that drops In-Reply-To.
pub fn reply_subject(number: i64, subject: &str) -> String {
    let clean = crate::domain::intake::clean_subject(subject);
    format!("Re: [#{number}] {clean}")
}

impl Store {
    /// Claims up to `limit` due mails (queued and due, or a claim whose lease ran out) for this sender: each is
    /// marked sending with a lease so another sender leaves it alone; the claim counts as an attempt.
    pub fn claim_outbox(&mut self, now: i64, limit: usize) -> Result<Vec<OutMail>> {
        self.mail_is_the_hubs("sends the outbox")?;
        self.write(|tx, _, _| {
            let ids: Vec<String> = tx
                .prepare_cached(
                    "SELECT id FROM outbox WHERE state IN ('queued', 'sending') AND next_attempt_at <= ?1
                     ORDER BY next_attempt_at, rid LIMIT ?2",
                )?
                .query_map(params![now, limit as i64], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut out = Vec::new();
            for id in ids {
                let m = tx
                    .prepare_cached(
                        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, next_attempt_at = ?2
                         WHERE id = ?1
                         RETURNING id, (SELECT number FROM tickets WHERE id = ticket_id), kind, to_addr, cc, subject,
                                   body, mail_message_id, in_reply_to, refs, attempts, from_addr",
                    )?
                    .query_row(params![id, now + LEASE_SECS], |r| {
                        let split = |s: String, sep: char| -> Vec<String> {
                            s.split(sep).filter(|x| !x.is_empty()).map(String::from).collect()
                        };
                        Ok(OutMail {
                            id: r.get(0)?,
                            ticket: r.get(1)?,
                            kind: r.get(2)?,
                            to: r.get(3)?,
                            cc: split(r.get(4)?, ','),
                            subject: r.get(5)?,
                            body: r.get(6)?,
                            message_id: r.get(7)?,
                            in_reply_to: r.get(8)?,
                            references: split(r.get(9)?, ' '),
                            attempts: r.get(10)?,
                            from: r.get(11)?,
                        })
                    })?;
                out.push(m);
            }
            Ok(out)
        })
    }

    /// Records how delivering `mail` went: sent; a retry after [`backoff`]; or, when the server refused for good or
    /// the attempts ran out, failed with a note on the ticket saying what was not delivered and why.
    pub fn finish_delivery(&mut self, mail: &OutMail, result: &Delivery, now: i64) -> Result<()> {
        let actor = self.actor.replace("mail".into());
        let out = self.write(|tx, log, _| finish_in(tx, log, mail, result, now));
        self.actor = actor;
        out
    }

    /// The outbox, newest first; `all` includes what was sent.
    pub fn outbox(&self, all: bool, limit: usize) -> Result<Vec<OutboxRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, t.number, o.kind, o.to_addr, o.subject, o.state, o.attempts, o.next_attempt_at,
                    o.last_error, o.created_at, o.sent_at, o.from_addr
             FROM outbox o JOIN tickets t ON t.id = o.ticket_id
             WHERE ?1 OR o.state <> 'sent' ORDER BY o.rid DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![all, limit as i64], |r| {
            Ok(OutboxRow {
                id: r.get(0)?,
                ticket: r.get(1)?,
                kind: r.get(2)?,
                to: SafeText::new(&r.get::<_, String>(3)?),
                subject: SafeText::new(&r.get::<_, String>(4)?),
                state: r.get(5)?,
                attempts: r.get(6)?,
                next_attempt_at: r.get(7)?,
                last_error: r.get::<_, Option<String>>(8)?.map(|e| SafeText::new(&e)),
                created_at: r.get(9)?,
                sent_at: r.get(10)?,
                from: r.get::<_, Option<String>>(11)?.map(|f| SafeText::new(&f)),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn finish_in(
    tx: &Transaction<'_>,
    log: &ChangeLog,
    mail: &OutMail,
    result: &Delivery,
    now: i64,
) -> Result<()> {
    let ticket_id: String = tx.query_row(
        "SELECT ticket_id FROM outbox WHERE id = ?1",
        params![mail.id],
        |r| r.get(0),
    )?;
    match result {
        Delivery::Sent => {
            tx.execute(
                "UPDATE outbox SET state = 'sent', sent_at = ?2, last_error = NULL WHERE id = ?1",
                params![mail.id, now],
            )?;
        }
        Delivery::Transient(e) if mail.attempts < MAX_ATTEMPTS => {
            tx.execute(
                "UPDATE outbox SET state = 'queued', next_attempt_at = ?2, last_error = ?3 WHERE id = ?1",
                params![mail.id, now + backoff(mail.attempts), e],
            )?;
        }
        Delivery::Transient(e) | Delivery::Permanent(e) => {
            tx.execute(
                "UPDATE outbox SET state = 'failed', last_error = ?2 WHERE id = ?1",
                params![mail.id, e],
            )?;
            let note = format!(
                "Not delivered to {} after {} attempt{}: {e}\nSubject: {}\nFix the address or the mail setup, then send \
                 the reply again.",
                mail.to,
                mail.attempts,
                if mail.attempts == 1 { "" } else { "s" },
                mail.subject
            );
            system_note(tx, log, &ticket_id, &note, now)?;
        }
    }
    Ok(())
}
