//! The complaint procedure in a ticket write: what the complaint has recorded (with the write's own edits on
//! top) and the guard each stage puts on it.

use rusqlite::{OptionalExtension, Transaction, params};

use super::changes::{ChangeLog, Mutable, Value, update_row};
use super::{Result, StoreError};
use crate::domain::complaint::{ComplaintFacts, ComplaintSeverity, stage_blocks};
use crate::domain::loop_rules::LoopPolicy;
use crate::domain::service_loop::{ComplaintStage, FollowUpOutcome};
use crate::domain::ticket::Status;

/// What ticket `id` has recorded about its complaint, as stored.
pub(super) fn stored_facts(tx: &Transaction<'_>, id: &str) -> Result<ComplaintFacts> {
    type Row = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let row: Option<Row> = tx
        .prepare_cached(
            "SELECT t.complaint_category, t.complaint_severity,
                    (SELECT o.handle FROM agents o WHERE o.id = t.complaint_owner_id),
                    t.root_cause, t.complaint_resolution,
                    (SELECT k.outcome FROM tasks k
                      WHERE k.ticket_id = t.id AND k.kind = 'follow_up' AND k.done_at IS NOT NULL
                        AND k.outcome IN ('confirmed', 'not_solved')
                      ORDER BY k.done_at DESC LIMIT 1)
             FROM tickets t WHERE t.id = ?1",
        )?
        .query_row(params![id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .optional()?;
    let Some((category, severity, owner, root_cause, resolution, follow_up)) = row else {
        return Ok(ComplaintFacts::default());
    };
    Ok(ComplaintFacts {
        category,
        severity: severity.as_deref().and_then(ComplaintSeverity::parse),
        owner,
        root_cause,
        resolution,
        follow_up: follow_up.as_deref().and_then(FollowUpOutcome::parse),
    })
}

/// Refuses a write that takes the complaint of ticket `number` to `stage` without what that stage needs, or ahead
/// of the ticket's `status`.
pub(super) fn check_stage(
    number: i64,
    stage: ComplaintStage,
    status: Status,
    facts: &ComplaintFacts,
    policy: &LoopPolicy,
) -> Result<()> {
    match stage_blocks(stage, status, facts, &policy.root_causes) {
        Some(why) => Err(StoreError::Refused(format!("#{number}: {why}"))),
        None => Ok(()),
    }
}

/// Refuses a root cause that is not in the configured list, naming the list.
pub(super) fn check_root_cause(number: i64, cause: &str, policy: &LoopPolicy) -> Result<String> {
    let cause = cause.trim();
    if policy.root_causes.iter().any(|c| c == cause) {
        return Ok(cause.to_string());
    }
    Err(StoreError::Refused(format!(
        "#{number}: root cause `{}` is not one of {} ([loop] complaint_root_causes)",
        crate::domain::text::sanitize(cause),
        policy.root_causes.join(", ")
    )))
}

/// A reopened complaint that was handled (处理) or revisited goes back to investigating: its handling did not hold.
pub(super) fn on_reopen(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    id: &str,
    now: i64,
) -> Result<()> {
    let stage: Option<String> = tx
        .prepare_cached("SELECT complaint_stage FROM tickets WHERE id = ?1")?
        .query_row(params![id], |r| r.get(0))?;
    let handled = stage
        .as_deref()
        .and_then(ComplaintStage::parse)
        .is_some_and(|s| s >= ComplaintStage::Resolved);
    if handled {
        let back = ComplaintStage::Investigating.as_str();
        update_row(
            tx,
            log,
            Mutable::Ticket,
            id,
            None,
            &["complaint_stage"],
            &[("complaint_stage", Value::from(back))],
            now,
        )?;
    }
    Ok(())
}
