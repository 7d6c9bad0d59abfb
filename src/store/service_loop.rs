//! The closed loop in the database: a follow-up task (回访) when a ticket is solved, its outcome, the survey, the
//! loop stage on the ticket, and the task list.

use rusqlite::{OptionalExtension, Transaction, params};

use super::changes::{ChangeLog, Mutable, UpdateOutcome, Value, update_row, with_retry};
use super::sla::ServiceRules;
use super::{Page, Result, Store, StoreError, new_id, paging};
use crate::domain::lifecycle::Lifecycle;
use crate::domain::service_loop::{
    FollowUpOutcome, LoopStage, SurveyResponse, complaint_after_follow_up,
};
use crate::domain::text::SafeText;
use crate::domain::ticket::Status;
use crate::domain::view::{Cursor, PageRequest};

/// Sets the loop stage (a logged change when it differs) without touching the version: the write that moved
/// the loop bumps it.
fn set_stage(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    ticket_id: &str,
    stage: Option<LoopStage>,
    now: i64,
) -> Result<()> {
    let old: Option<String> = tx
        .prepare_cached("SELECT loop_stage FROM tickets WHERE id = ?1")?
        .query_row(params![ticket_id], |r| r.get(0))?;
    let new = stage.map(|s| s.as_str());
    if old.as_deref() != new {
        tx.prepare_cached("UPDATE tickets SET loop_stage = ?1 WHERE id = ?2")?
            .execute(params![new, ticket_id])?;
        log.append(
            tx,
            "ticket",
            ticket_id,
            "loop_stage",
            old.as_deref(),
            new,
            now,
        )?;
    }
    Ok(())
}

fn sync_follow_up_due(tx: &Transaction<'_>, ticket_id: &str) -> Result<()> {
    // INDEXED BY: for min(due_at) the planner prefers walking every open follow-up in due order.
    tx.prepare_cached(
        "UPDATE tickets SET follow_up_due_at =
            (SELECT min(due_at) FROM tasks INDEXED BY tasks_open_ticket
              WHERE ticket_id = ?1 AND kind = 'follow_up' AND done_at IS NULL)
         WHERE id = ?1",
    )?
    .execute(params![ticket_id])?;
    Ok(())
}

/// What a status change means for the loop, inside the write that made it: solving schedules the follow-up call
/// for the solver; reopening cancels it and clears the stage.
pub(super) fn on_status_change(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    ticket_id: &str,
    before: Status,
    after: Status,
    now: i64,
) -> Result<()> {
    if before == after {
        return Ok(());
    }
    if after == Status::Solved {
        let open: Option<String> = tx
            .prepare_cached("SELECT id FROM tasks WHERE ticket_id = ?1 AND kind = 'follow_up' AND done_at IS NULL")?.query_row(params![ticket_id],
                |r| r.get(0),
            )
            .optional()?;
        if open.is_none() {
            let solver: Option<String> = match log.actor.as_deref() {
                Some(h) => tx
                    .prepare_cached("SELECT id FROM agents WHERE handle = ?1")?
                    .query_row(params![h], |r| r.get(0))
                    .optional()?,
                None => None,
            };
            let id = new_id();
            tx.prepare_cached(
                "INSERT INTO tasks(id, kind, ticket_id, customer_id, due_at, assignee_id, created_at, updated_at)
                 SELECT ?1, 'follow_up', t.id, t.customer_id, ?2, coalesce(?3, t.assignee_id), ?4, ?4
                 FROM tickets t WHERE t.id = ?5",
            )?
            .execute(
                params![id, now + rules.follow_up_after, solver, now, ticket_id],
            )?;
            log.append(tx, "task", &id, "created", None, Some("follow_up"), now)?;
        }
        set_stage(tx, log, ticket_id, Some(LoopStage::Solved), now)?;
        if let Some(out) = rules.mail_out.as_ref().filter(|o| o.survey) {
            super::mail_loop::send_survey(tx, log, out, &rules.questionnaire, ticket_id, now)?;
        }
    } else if after.is_open() && matches!(before, Status::Solved) {
        let cancelled: Vec<String> = tx
            .prepare_cached(
                "SELECT id FROM tasks WHERE ticket_id = ?1 AND kind = 'follow_up' AND done_at IS NULL",
            )?
            .query_map(params![ticket_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // Through the change log field by field, so a replica that has the task closes it the same way.
        for id in cancelled {
            super::changes::update_row(
                tx,
                log,
                super::changes::Mutable::Task,
                &id,
                None,
                &["done_at", "outcome"],
                &[
                    ("done_at", Value::Int(now)),
                    ("outcome", Value::from("cancelled")),
                ],
                now,
            )?;
        }
        set_stage(tx, log, ticket_id, None, now)?;
        super::complaint::on_reopen(tx, log, ticket_id, now)?;
    }
    sync_follow_up_due(tx, ticket_id)
}

/// The result of recording a follow-up call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpRecorded {
    pub reopened: bool,
    pub stage: Option<LoopStage>,
}

/// One task in a list.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TaskRow {
    #[serde(skip)]
    pub rid: i64,
    pub id: String,
    pub kind: String,
    pub ticket: Option<i64>,
    pub subject: Option<SafeText>,
    pub customer: Option<SafeText>,
    pub assignee: Option<String>,
    pub due_at: i64,
    pub note: crate::domain::crm_why::TaskNote,
}

impl TaskRow {
    pub fn cursor(&self) -> Cursor {
        Cursor {
            key: self.due_at,
            rid: self.rid,
        }
    }
}

impl Store {
    /// Records the follow-up call on ticket `number`: completes its open follow-up task with the outcome (or
    /// records a call nobody scheduled), moves the loop and a resolved complaint to revisited, and reopens the
    /// ticket when the customer says it is not solved. A note goes on the thread either way.
    pub fn record_follow_up(
        &mut self,
        number: i64,
        outcome: FollowUpOutcome,
        note: &str,
        now: i64,
    ) -> Result<FollowUpRecorded> {
        let path = self.path.clone();
        let rules = std::sync::Arc::clone(&self.rules);
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let (id, status, stage, complaint): (String, String, Option<String>, Option<String>) =
                tx.prepare_cached(
                    "SELECT id, status, loop_stage, complaint_stage FROM tickets WHERE number = ?1",
                )?
                .query_row(params![number], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()?
                .ok_or(StoreError::NotFound {
                    entity: "ticket",
                    id: format!("#{number}"),
                })?;
            let status: Status = super::stored::ticket_field(number, &status)?;
            if status.is_open() {
                return Err(StoreError::Refused(format!(
                    "#{number} is {status}; a follow-up call is made once it is solved"
                )));
            }
            let task: Option<(String, i64)> = tx
                .prepare_cached("SELECT id, version FROM tasks WHERE ticket_id = ?1 AND kind = 'follow_up' AND done_at IS NULL
                     ORDER BY due_at LIMIT 1")?.query_row(params![id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let task_id = match task {
                Some((task_id, _)) => task_id,
                None => {
                    let task_id = new_id();
                    tx.prepare_cached("INSERT INTO tasks(id, kind, ticket_id, customer_id, due_at, created_at, updated_at)
                         SELECT ?1, 'follow_up', id, customer_id, ?2, ?2, ?2 FROM tickets WHERE id = ?3")?.execute(params![task_id, now, id],
                    )?;
                    log.append(
                        &tx,
                        "task",
                        &task_id,
                        "created",
                        None,
                        Some("follow_up"),
                        now,
                    )?;
                    task_id
                }
            };
            let fields = [
                ("done_at", Value::Int(now)),
                ("outcome", Value::from(outcome.as_str())),
                ("note", Value::from(note)),
            ];
            let columns = ["done_at", "outcome", "note"];
            update_row(
                &tx,
                &mut log,
                Mutable::Task,
                &task_id,
                None,
                &columns,
                &fields,
                now,
            )?;
            let body = match note.trim() {
                "" => format!("Follow-up call 回访: {}", outcome.label()),
                n => format!("Follow-up call 回访: {}\n\n{n}", outcome.label()),
            };
            let message = new_id();
            tx.prepare_cached("INSERT INTO messages(id, ticket_id, author_kind, author_id, visibility, body, created_at)
                 VALUES (?1, ?2, 'agent', (SELECT id FROM agents WHERE handle = ?3), 'internal', ?4, ?5)")?.execute(params![message, id, log.actor, body, now],
            )?;
            log.append(&tx, "ticket", &id, "note", None, Some(&message), now)?;
            let mut ticket_fields: Vec<(&str, Value)> = Vec::new();
            let complaint = complaint
                .as_deref()
                .and_then(crate::domain::service_loop::ComplaintStage::parse);
            let after_complaint = complaint_after_follow_up(complaint);
            if after_complaint != complaint {
                ticket_fields.push((
                    "complaint_stage",
                    Value::from(after_complaint.map(|s| s.as_str())),
                ));
            }
            let reopen = outcome.reopens(status);
            if let Some(to) = reopen {
                let life = current_life(&tx, &id, status)?
                    .set_status(to, now)
                    .map_err(|e| StoreError::Refused(e.to_string()))?;
                ticket_fields.push(("status", Value::from(life.status.as_str())));
                ticket_fields.push(("solved_at", Value::Null));
            }
            let columns: Vec<&'static str> = ticket_fields
                .iter()
                .map(|(f, _)| Mutable::Ticket.column(f))
                .collect::<Result<_>>()?;
            if !ticket_fields.is_empty() {
                update_row(
                    &tx,
                    &mut log,
                    Mutable::Ticket,
                    &id,
                    None,
                    &columns,
                    &ticket_fields,
                    now,
                )?;
            }
            tx.prepare_cached(
                "UPDATE tickets SET version = version + 1, updated_at = ?1 WHERE id = ?2",
            )?
            .execute(params![now, id])?;
            let stage = match reopen {
                Some(to) => {
                    on_status_change(&tx, &mut log, &rules, &id, status, to, now)?;
                    None
                }
                None => {
                    let stage = stage.as_deref().and_then(LoopStage::parse);
                    let next = LoopStage::after_follow_up(stage);
                    set_stage(&tx, &mut log, &id, Some(next), now)?;
                    sync_follow_up_due(&tx, &id)?;
                    Some(next)
                }
            };
            super::crm::refresh_ticket_customer(&tx, &mut log, &rules, &id, now)?;
            super::sla::refresh(&tx, &rules, &id, now)?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(FollowUpRecorded {
                reopened: reopen.is_some(),
                stage,
            })
        })
    }

    /// Records a survey response for ticket `number` (and its customer). Closes the loop of a solved ticket.
    pub fn record_survey(
        &mut self,
        number: i64,
        survey: &SurveyResponse,
        now: i64,
    ) -> Result<Option<super::recovery::Recovery>> {
        survey
            .check()
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        let path = self.path.clone();
        let rules = self.rules.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let (_, recovery) = record_survey_in(&tx, &mut log, &rules, number, survey, now)?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(recovery)
        })
    }

    /// Open tasks due before `until` (all open tasks when `None`), soonest first, keyset-paged on (due, rowid).
    pub fn tasks_due(
        &self,
        until: Option<i64>,
        req: PageRequest,
        limit: usize,
    ) -> Result<Page<TaskRow>> {
        let mut c = paging::Clauses::default();
        c.push("k.done_at IS NULL");
        if let Some(u) = until {
            let p = c.bind(u);
            c.push(format!("k.due_at < {p}"));
        }
        let tail = c.keyset(req, "k.due_at", "k.rowid", limit, false);
        let sql = format!(
            "SELECT k.rowid, k.id, k.kind, t.number, t.subject, cu.name, a.handle, k.due_at, k.note
             FROM tasks k INDEXED BY tasks_due
             LEFT JOIN tickets t ON t.id = k.ticket_id
             LEFT JOIN customers cu ON cu.id = k.customer_id
             LEFT JOIN agents a ON a.id = k.assignee_id{}{tail}",
            c.where_sql()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(c.params.iter()), |r| {
                Ok(TaskRow {
                    rid: r.get(0)?,
                    id: r.get(1)?,
                    kind: r.get(2)?,
                    ticket: r.get(3)?,
                    subject: r.get::<_, Option<String>>(4)?.map(SafeText::from),
                    customer: r.get::<_, Option<String>>(5)?.map(SafeText::from),
                    assignee: r.get(6)?,
                    due_at: r.get(7)?,
                    note: crate::domain::crm_why::TaskNote::read(&r.get::<_, String>(8)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(paging::finish(rows, req, limit))
    }
}

/// The lifecycle of ticket `id`, whose status the caller has read and checked.
fn current_life(tx: &Transaction<'_>, id: &str, status: Status) -> Result<Lifecycle> {
    Ok(tx
        .prepare_cached(
            "SELECT first_response_at, solved_at, closed_at FROM tickets WHERE id = ?1",
        )?
        .query_row(params![id], |r| {
            Ok(Lifecycle {
                status,
                first_response_at: r.get(0)?,
                solved_at: r.get(1)?,
                closed_at: r.get(2)?,
            })
        })?)
}

impl Store {
    /// Derives the loop columns of tickets loaded in bulk (imports, the demo) from their tasks and surveys: the
    /// stage each solved ticket reached, the open follow-up's due time, and a complaint stage that fits the status.
    pub fn backfill_loop_columns(&mut self) -> Result<()> {
        let path = self.path.clone();
        with_retry(&path, || {
            let tx = self.begin_write()?;
            tx.execute_batch(
                "UPDATE tasks SET outcome = 'confirmed'
                 WHERE kind = 'follow_up' AND done_at IS NOT NULL AND outcome IS NULL;
                 -- INDEXED BY: by kind alone the planner would scan every open follow-up once per ticket.
                 UPDATE tickets SET follow_up_due_at =
                    (SELECT min(due_at) FROM tasks k INDEXED BY tasks_open_ticket
                      WHERE k.ticket_id = tickets.id AND k.kind = 'follow_up' AND k.done_at IS NULL)
                 WHERE id IN (SELECT ticket_id FROM tasks WHERE kind = 'follow_up' AND done_at IS NULL);
                 UPDATE tickets SET loop_stage = CASE
                    WHEN EXISTS (SELECT 1 FROM surveys s WHERE s.ticket_id = tickets.id) THEN 'surveyed'
                    WHEN EXISTS (SELECT 1 FROM tasks k WHERE k.ticket_id = tickets.id AND k.kind = 'follow_up'
                                 AND k.done_at IS NOT NULL) THEN 'followed_up'
                    ELSE 'solved' END
                 WHERE status IN ('solved', 'closed') AND loop_stage IS NULL;
                 UPDATE tickets SET complaint_stage = CASE
                    WHEN status = 'closed' OR loop_stage IN ('followed_up', 'surveyed') THEN 'revisited'
                    WHEN status = 'solved' THEN 'resolved'
                    WHEN status = 'new' THEN 'received'
                    WHEN status IN ('pending', 'on_hold') THEN 'investigating'
                    WHEN rid % 2 = 0 THEN 'registered'
                    ELSE 'investigating' END
                 WHERE kind = 'complaint' AND complaint_stage IS NULL;",
            )?;
            tx.commit()?;
            Ok(())
        })
    }
}

/// [`Store::record_survey`] inside a transaction that may do more (a survey answered by mail).
pub(super) fn record_survey_in(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    number: i64,
    survey: &SurveyResponse,
    now: i64,
) -> Result<(UpdateOutcome, Option<super::recovery::Recovery>)> {
    let (id, customer, status, version): (String, Option<String>, String, i64) = tx
        .prepare_cached("SELECT id, customer_id, status, version FROM tickets WHERE number = ?1")?
        .query_row(params![number], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "ticket",
            id: format!("#{number}"),
        })?;
    let comment = survey
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    crate::domain::questionnaire::check(&survey.items, Some(&rules.questionnaire))
        .map_err(|e| StoreError::Refused(e.to_string()))?;
    for (kind, score) in survey.scores() {
        tx.prepare_cached("INSERT INTO surveys(id, ticket_id, customer_id, kind, score, comment, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(params![new_id(), id, customer, kind, score, comment, now],
        )?;
    }
    super::survey_items::insert(tx, &id, &survey.items, now, |_| new_id())?;
    let mut summary = survey.summary();
    // Scores keep the comment in their rows; an answer of items alone keeps it in the history.
    if let (true, Some(c)) = (survey.scores().is_empty(), comment) {
        summary.push_str(&format!(" — “{c}”"));
    }
    log.append(tx, "ticket", &id, "survey", None, Some(&summary), now)?;
    let status = Status::parse(&status);
    if matches!(status, Some(Status::Solved | Status::Closed)) {
        set_stage(tx, log, &id, Some(LoopStage::Surveyed), now)?;
    }
    let recovery = super::recovery::on_survey(tx, log, rules, &id, status, survey, now)?;
    tx.prepare_cached("UPDATE tickets SET version = version + 1, updated_at = ?1 WHERE id = ?2")?
        .execute(params![now, id])?;
    super::crm::refresh_ticket_customer(tx, log, rules, &id, now)?;
    // The ticket carries its latest scores for reports.
    super::sla::refresh(tx, rules, &id, now)?;
    let out = UpdateOutcome {
        version: version + 1,
        changed: Vec::new(),
    };
    Ok((out, recovery))
}
