//! The loop closed by mail: a new mail ticket is acknowledged, a solved ticket's customer gets the satisfaction
//! survey, and their reply's score is recorded on the ticket — a low one reopens or escalates it per config.

use rusqlite::{OptionalExtension, Transaction, params};

use super::changes::ChangeLog;
use super::outbox::{LowScore, MailOut, Queued, enqueue};
use super::sla::ServiceRules;
use super::ticket_write::{TicketEdit, system_note};
use super::{Result, StoreError};
use crate::domain::intake::Inbound;
use crate::domain::mail_loop::{Lang, acknowledgement, survey, survey_reply};
use crate::domain::ticket::Priority;

/// Acknowledgements one address gets in an hour at most: a customer (or a robot) writing again and again hears
/// from desk a few times, not once per mail.
const ACKS_PER_HOUR: i64 = 3;

struct Facts {
    number: i64,
    subject: String,
    email: Option<String>,
    first_message: String,
    /// The ticket's group, whose signature ends what desk mails on its own.
    group: Option<String>,
}

fn facts(tx: &Transaction<'_>, ticket_id: &str) -> Result<Facts> {
    Ok(tx.query_row(
        "SELECT t.number, t.subject, c.email,
                (SELECT body FROM messages m WHERE m.ticket_id = t.id ORDER BY created_at, rid LIMIT 1), g.name
         FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN groups g ON g.id = t.group_id
         WHERE t.id = ?1",
        params![ticket_id],
        |r| {
            Ok(Facts {
                number: r.get(0)?,
                subject: r.get(1)?,
                email: r.get(2)?,
                first_message: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                group: r.get(4)?,
            })
        },
    )?)
}

/// `body` with the signature of the ticket's group (or `[mail] signature`), as a reply would carry it.
fn signed(out: &MailOut, f: &Facts, body: &str) -> String {
    crate::domain::mail_out::reply_body(body, out.signature_for(f.group.as_deref()), None, 0)
}

/// Queues the acknowledgement of a ticket just opened by mail, unless its address had enough of them this hour.
pub(super) fn acknowledge(
    tx: &Transaction<'_>,
    out: &MailOut,
    ticket_id: &str,
    now: i64,
) -> Result<bool> {
    let f = facts(tx, ticket_id)?;
    let Some(to) = f.email.clone() else {
        return Ok(false);
    };
    let recent: i64 = tx
        .prepare_cached(
            "SELECT count(*) FROM outbox WHERE kind = 'acknowledgement' AND to_addr = ?1 AND created_at > ?2",
        )?
        .query_row(params![to, now - 3600], |r| r.get(0))?;
    if recent >= ACKS_PER_HOUR {
        return Ok(false);
    }
    let due: Option<(Option<String>, Option<i64>)> = tx
        .query_row(
            "SELECT sla_target, sla_due_at FROM tickets WHERE id = ?1",
            params![ticket_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let first_response_in = match due {
        Some((Some(target), Some(at))) if target == "first_response" => Some(at - now),
        _ => None,
    };
    let lang = Lang::of(&format!("{} {}", f.subject, f.first_message));
    let (subject, body) = acknowledgement(lang, f.number, &f.subject, first_response_in);
    let body = signed(out, &f, &body);
    let q = Queued {
        ticket_id,
        number: f.number,
        group: f.group.as_deref(),
        message_id: None,
        kind: "acknowledgement",
        to: &to,
        subject: &subject,
        body: &body,
    };
    enqueue(tx, out, &q, now)?;
    Ok(true)
}

/// Queues the satisfaction survey of a ticket just solved, once per ticket, if its customer has an address.
pub(super) fn send_survey(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    out: &MailOut,
    questionnaire: &[crate::domain::questionnaire::Item],
    ticket_id: &str,
    now: i64,
) -> Result<()> {
    let sent: Option<i64> = tx
        .prepare_cached("SELECT 1 FROM outbox WHERE ticket_id = ?1 AND kind = 'survey' LIMIT 1")?
        .query_row(params![ticket_id], |r| r.get(0))
        .optional()?;
    let f = facts(tx, ticket_id)?;
    let (None, Some(to)) = (sent, f.email.clone()) else {
        return Ok(());
    };
    let lang = Lang::of(&format!("{} {}", f.subject, f.first_message));
    let (subject, body) = survey(lang, f.number, &f.subject, questionnaire);
    let body = signed(out, &f, &body);
    let q = Queued {
        ticket_id,
        number: f.number,
        group: f.group.as_deref(),
        message_id: None,
        kind: "survey",
        to: &to,
        subject: &subject,
        body: &body,
    };
    enqueue(tx, out, &q, now)?;
    let said = format!("Satisfaction survey mailed to {to}.");
    system_note(tx, log, ticket_id, &said, now)?;
    note_follow_up(tx, log, ticket_id, &said, now)
}

/// Adds a line to the ticket's open follow-up task (回访), so whoever makes the call sees the mail survey's state.
fn note_follow_up(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    ticket_id: &str,
    line: &str,
    now: i64,
) -> Result<()> {
    let open: Vec<(String, String)> = tx
        .prepare_cached(
            "SELECT id, note FROM tasks WHERE ticket_id = ?1 AND kind = 'follow_up' AND done_at IS NULL",
        )?
        .query_map(params![ticket_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, old) in open {
        let new = if old.is_empty() {
            line.to_string()
        } else {
            format!("{old}\n{line}")
        };
        tx.prepare_cached(
            "UPDATE tasks SET note = ?2, updated_at = ?3, version = version + 1 WHERE id = ?1",
        )?
        .execute(params![id, new, now])?;
        log.append(tx, "task", &id, "note", Some(&old), Some(&new), now)?;
    }
    Ok(())
}

/// When `m` answers a survey desk mailed for ticket `number` and holds a score: records it (CSAT, NPS when
/// given, questionnaire items, the comment), notes it on the ticket, and for a low score reopens or escalates per
/// config. Returns the scores as the note gives them and whether the ticket was reopened; `None` when `m` is no
/// survey answer (it threads as usual).
pub(super) fn survey_answer(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    ticket_id: &str,
    number: i64,
    m: &Inbound,
    now: i64,
) -> Result<Option<(String, bool)>> {
    let mut answers_survey = false;
    for reference in &m.replies_to {
        let hit: Option<i64> = tx
            .prepare_cached(
                "SELECT 1 FROM outbox WHERE mail_message_id = ?1 AND ticket_id = ?2 AND kind = 'survey'",
            )?
            .query_row(params![reference, ticket_id], |r| r.get(0))
            .optional()?;
        answers_survey |= hit.is_some();
    }
    let Some(response) = answers_survey
        .then(|| survey_reply(&m.body, &rules.questionnaire))
        .flatten()
    else {
        return Ok(None);
    };
    let action = rules
        .mail_out
        .as_ref()
        .map_or(LowScore::Note, |o| o.low_score);
    // A low score is the closed loop's (`[loop]`): the recovery task, and the reopen unless mail says only note.
    let mut loop_rules = None;
    if action == LowScore::Note && rules.loop_policy.reopen_on_low_score {
        let mut r = rules.clone();
        r.loop_policy.reopen_on_low_score = false;
        loop_rules = Some(r);
    }
    let (_, recovery) = super::service_loop::record_survey_in(
        tx,
        log,
        loop_rules.as_ref().unwrap_or(rules),
        number,
        &response,
        now,
    )?;
    let scores = response.summary();
    let said = response
        .comment
        .as_deref()
        .map_or(String::new(), |c| format!(": “{c}”"));
    let mut note = format!("Survey answered by mail: {scores}{said}");
    let low = recovery.is_some();
    let reopen = recovery.as_ref().is_some_and(|r| r.reopened);
    if low {
        let mut edits = Vec::new();
        if action == LowScore::Escalate {
            edits.push(TicketEdit::Priority(Priority::Urgent));
        }
        if !edits.is_empty() {
            super::ticket_set::set_fields(tx, log, rules, number, &edits, None, now).map_err(
                |e| {
                    StoreError::Refused(format!(
                        "a low survey score could not reopen #{number}: {e}"
                    ))
                },
            )?;
        }
        note.push_str(match (reopen, action) {
            (true, LowScore::Escalate) => {
                "\nA low score: reopened and raised to urgent — the recovery task calls the customer back."
            }
            (true, _) => "\nA low score: reopened — the recovery task calls the customer back.",
            _ => "\nA low score — the recovery task calls the customer back.",
        });
    }
    system_note(tx, log, ticket_id, &note, now)?;
    let first_line = note.lines().next().unwrap_or_default().to_string();
    note_follow_up(tx, log, ticket_id, &first_line, now)?;
    Ok(Some((scores, reopen)))
}
