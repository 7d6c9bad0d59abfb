//! A low score closes nothing: the closed loop follows up again (再次跟进，直至问题彻底解决). Inside the write that
//! records the survey, a recovery task goes to the ticket's owner and, by config, a solved ticket reopens.

use rusqlite::{Transaction, params};

use super::changes::{ChangeLog, Mutable, Value, update_row};
use super::service_loop::on_status_change;
use super::sla::ServiceRules;
use super::{Result, new_id};
use crate::domain::service_loop::SurveyResponse;
use crate::domain::ticket::Status;

/// What a low score set in motion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// Why the score is low (`CSAT 1`).
    pub why: String,
    pub task_id: String,
    pub reopened: bool,
}

/// Creates the recovery task (and reopens the ticket) when `survey` is a low score; `None` otherwise. The task
/// goes to the ticket's assignee, else to whoever records the survey.
pub(super) fn on_survey(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    ticket_id: &str,
    status: Option<Status>,
    survey: &SurveyResponse,
    now: i64,
) -> Result<Option<Recovery>> {
    let policy = &rules.loop_policy;
    let Some(why) = policy.low_score(survey) else {
        return Ok(None);
    };
    let task_id = new_id();
    let mut note = format!(
        "Low score ({why}): call the customer back and follow up until it is solved (闭环)"
    );
    if let Some(c) = survey
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        note.push_str(&format!(" — they said: {c}"));
    }
    tx.prepare_cached(
        "INSERT INTO tasks(id, kind, ticket_id, customer_id, due_at, assignee_id, note, created_at, updated_at)
         SELECT ?1, 'recovery', t.id, t.customer_id, ?2,
                coalesce(t.assignee_id, (SELECT id FROM agents WHERE handle = ?3)), ?4, ?5, ?5
         FROM tickets t WHERE t.id = ?6",
    )?
    .execute(params![
        task_id,
        now + policy.recovery_after,
        log.actor,
        note,
        now,
        ticket_id
    ])?;
    log.append(tx, "task", &task_id, "created", None, Some("recovery"), now)?;
    log.append(tx, "ticket", ticket_id, "low_score", None, Some(&why), now)?;
    let reopen = status.and_then(|s| policy.reopens_on_low_score(s));
    if let (Some(from), Some(to)) = (status, reopen) {
        update_row(
            tx,
            log,
            Mutable::Ticket,
            ticket_id,
            None,
            &["status", "solved_at"],
            &[
                ("status", Value::from(to.as_str())),
                ("solved_at", Value::Null),
            ],
            now,
        )?;
        on_status_change(tx, log, rules, ticket_id, from, to, now)?;
    }
    Ok(Some(Recovery {
        why,
        task_id,
        reopened: reopen.is_some(),
    }))
}
