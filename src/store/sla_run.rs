//! `desk sla run` (and the TUI's periodic check): bring stale clocks up to date, fire escalation rules exactly once
//! per clock, and close solved tickets nobody answered. Safe to run from several processes at once: the UNIQUE key
//! of `escalations` decides which run performs an escalation, inside the same transaction as its actions.

use std::time::{Duration, Instant};

use rusqlite::{OptionalExtension, Transaction, params};

use super::changes::{ChangeLog, Mutable, Value, update_row, with_retry};
use super::sla::{ServiceRules, facts, refresh, ticket_clocks};
use super::ticket_set::set_fields;
use super::ticket_write::TicketEdit;
use super::{Result, Store, new_id};
use crate::domain::service_loop::{ComplaintStage, complaint_blocks};
use crate::domain::sla::ClockState;
use crate::domain::sla_policy::{EscalationActions, escalations_due, may_raise, raised};
use crate::domain::text::SafeText;
use crate::domain::ticket::{Kind, Status};

/// The change log's actor for what the rules do on their own.
pub const SLA_ACTOR: &str = "sla";

/// One escalation performed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Escalated {
    pub number: i64,
    pub subject: SafeText,
    pub rule: String,
    pub target: String,
    pub state: String,
    /// What was done, e.g. "priority normal → high; +escalated; note".
    pub actions: String,
    pub at: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SlaRunReport {
    /// Open tickets whose clocks were computed again (new rules, or never computed).
    pub recomputed: usize,
    pub escalated: Vec<Escalated>,
    /// Tickets closed after the auto-close delay.
    pub closed: Vec<i64>,
    /// Solved complaints left open because they are not revisited yet.
    pub complaints_waiting: usize,
    /// Solved tickets left open because their follow-up call (回访) is still to make, due or overdue.
    pub follow_ups_waiting: usize,
    /// True on a replica, which leaves escalations and auto-closes to its hub.
    pub replica: bool,
    /// The budget ran out first: what is left waits for the next call.
    pub more: bool,
}

impl SlaRunReport {
    pub fn changed_anything(&self) -> bool {
        !self.escalated.is_empty() || !self.closed.is_empty()
    }
}

/// How much one call of the sweep may do. Each slice is one short write transaction, so another desk's write (or
/// this desk's interactive one, on its own connection) waits at most a slice; `between` runs after each slice and
/// may pause the sweep while interactive work is waiting.
pub struct SweepBudget<'a> {
    pub slice: Duration,
    /// After this long the call returns with `more` set; the caller asks again later.
    pub total: Option<Duration>,
    /// Stale clocks recomputed at most (after the rules change every open ticket's clock is stale).
    pub recompute_limit: usize,
    pub between: &'a mut dyn FnMut(),
}

impl SweepBudget<'_> {
    /// Everything in one call, in slices that keep other writers waiting at most 50 ms.
    pub fn unbounded(between: &mut dyn FnMut()) -> SweepBudget<'_> {
        SweepBudget {
            slice: Duration::from_millis(50),
            total: None,
            recompute_limit: usize::MAX,
            between,
        }
    }
}

/// Candidates read per slice; a slice usually ends on time first.
const CANDIDATES: i64 = 256;
/// Rounds of escalation one ticket gets in a pass. Each rule fires once per clock and a priority rises at most
/// three steps, so real cascades end well within this; the limit only guards against a rule set that loops.
const CASCADE_LIMIT: usize = 8;

impl Store {
    /// One full pass. Running it again straight away changes nothing.
    pub fn sla_run(&mut self, now: i64) -> Result<SlaRunReport> {
        self.sla_sweep(now, SweepBudget::unbounded(&mut || {}))
    }

    /// A pass within `budget`: stale clocks first, then the escalations due (read off `tickets_sla_escalate` in
    /// slices), then auto-close. With `more` set in the report, part of the work is left for the next call.
    pub fn sla_sweep(&mut self, now: i64, budget: SweepBudget<'_>) -> Result<SlaRunReport> {
        let actor = self.actor.replace(SLA_ACTOR.to_string());
        let out = self.sweep_as_system(now, budget);
        self.actor = actor;
        out
    }

    /// When `handle` last looked at the escalation list (None: never).
    pub fn escalations_seen(&self, handle: &str) -> Result<Option<i64>> {
        let v: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row(params![format!("escalations_seen:{handle}")], |r| r.get(0))
            .optional()?;
        Ok(v.and_then(|v| v.parse().ok()))
    }

    pub fn mark_escalations_seen(&mut self, handle: &str, at: i64) -> Result<()> {
        let path = self.path.clone();
        with_retry(&path, || {
            self.conn.prepare_cached("INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")?.execute(params![format!("escalations_seen:{handle}"), at.to_string()],
            )?;
            Ok(())
        })
    }

    fn sweep_as_system(&mut self, now: i64, budget: SweepBudget<'_>) -> Result<SlaRunReport> {
        let started = Instant::now();
        let out_of_time = |started: Instant| budget.total.is_some_and(|t| started.elapsed() >= t);
        let mut report = SlaRunReport::default();
        loop {
            let n = self.recompute_stale_clocks_within(
                now,
                budget.recompute_limit - report.recomputed,
                budget.slice,
            )?;
            report.recomputed += n;
            if n == 0 || report.recomputed >= budget.recompute_limit {
                break;
            }
            (budget.between)();
            if out_of_time(started) {
                report.more = true;
                return Ok(report);
            }
        }
        // Escalations and auto-closes are the hub's to make: every replica making them too would note, raise and
        // close each ticket once per replica. A replica keeps its clocks current and takes the hub's actions at
        // sync.
        if !super::sync::runs_hub_duties(&self.conn)? {
            report.replica = true;
            return Ok(report);
        }
        // Keyset cursors: a ticket this pass could not settle is not read again by it.
        let mut after = (i64::MIN, i64::MIN);
        while !self.rules.sla.escalations.is_empty() {
            let Some(done) = self.escalate_slice(now, &mut after, budget.slice)? else {
                break;
            };
            report.escalated.extend(done);
            (budget.between)();
            if out_of_time(started) {
                report.more = true;
                return Ok(report);
            }
        }
        if let Some(limit) = self.rules.dispatch.unassigned_after {
            let done = self.escalate_unassigned(now, limit, budget.slice)?;
            report.escalated.extend(done);
        }
        let mut after = (i64::MIN, i64::MIN);
        while self.close_slice(now, &mut after, budget.slice, &mut report)? {
            (budget.between)();
            if out_of_time(started) {
                report.more = true;
                return Ok(report);
            }
        }
        Ok(report)
    }

    /// Escalates the next due tickets after `after` for up to `slice`, in one transaction; `None` when none is
    /// left.
    fn escalate_slice(
        &mut self,
        now: i64,
        after: &mut (i64, i64),
        slice: Duration,
    ) -> Result<Option<Vec<Escalated>>> {
        let due: Vec<(String, i64, i64)> = self
            .conn
            .prepare_cached(
                "SELECT id, sla_escalate_at, rid FROM tickets INDEXED BY tickets_sla_escalate
                 WHERE sla_escalate_at <= ?1 AND (sla_escalate_at > ?2 OR (sla_escalate_at = ?2 AND rid > ?3))
                 ORDER BY sla_escalate_at, rid LIMIT ?4",
            )?
            .query_map(params![now, after.0, after.1, CANDIDATES], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if due.is_empty() {
            return Ok(None);
        }
        let started = Instant::now();
        let (done, last) = self.write(|tx, log, rules| {
            let mut done = Vec::new();
            let mut last = *after;
            for (id, at, rid) in &due {
                // An escalation's actions can make another fall due at once (a raised priority has a shorter
                // target, now breached): settle the ticket before leaving it, as the cursor will not come back.
                for _ in 0..CASCADE_LIMIT {
                    let fired = escalate_in(tx, log, rules, id, now)?;
                    // Moves the ticket's next look past what just fired (or off the index).
                    let next = refresh(tx, rules, id, now)?;
                    let more = !fired.is_empty();
                    done.extend(fired);
                    // The next look is `now` only while another escalation is due: else a second round would
                    // fire nothing (half of a demo's settling time went to that round).
                    if !more || next.is_none_or(|at| at > now) {
                        break;
                    }
                }
                last = (*at, *rid);
                if started.elapsed() >= slice {
                    break;
                }
            }
            Ok((done, last))
        })?;
        *after = last;
        Ok(Some(done))
    }

    /// Closes solved tickets past the auto-close delay after `after` for up to `slice`, in one transaction;
    /// false when none is left.
    fn close_slice(
        &mut self,
        now: i64,
        after: &mut (i64, i64),
        slice: Duration,
        report: &mut SlaRunReport,
    ) -> Result<bool> {
        let cutoff = now - self.rules.auto_close_after;
        type Candidate = (i64, String, Option<String>, Option<i64>, i64, i64);
        let solved: Vec<Candidate> = self
            .conn
            .prepare_cached(
                "SELECT number, kind, complaint_stage, follow_up_due_at, solved_at, rid
                 FROM tickets INDEXED BY tickets_solved_waiting
                 WHERE status = 'solved' AND solved_at <= ?1
                   AND (solved_at > ?2 OR (solved_at = ?2 AND rid > ?3))
                 ORDER BY solved_at, rid LIMIT ?4",
            )?
            .query_map(params![cutoff, after.0, after.1, CANDIDATES], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if solved.is_empty() {
            return Ok(false);
        }
        let started = Instant::now();
        let (closed, waiting, follow_ups, last) = self.write(|tx, log, rules| {
            let (mut closed, mut waiting, mut follow_ups) = (Vec::new(), 0, 0);
            let mut last = *after;
            for (number, kind, stage, follow_up_due, solved_at, rid) in &solved {
                last = (*solved_at, *rid);
                let kind: Kind = super::stored::ticket_field(*number, kind)?;
                let stage = stage.as_deref().and_then(ComplaintStage::parse);
                if complaint_blocks(kind, stage, Status::Closed).is_some() {
                    waiting += 1;
                } else if follow_up_due.is_some() {
                    // The loop is not closed until the customer has been called back.
                    follow_ups += 1;
                } else {
                    let edit = [TicketEdit::Status(Status::Closed)];
                    // Another run may have closed it a moment ago: then nothing changes and it is not reported.
                    if !set_fields(tx, log, rules, *number, &edit, None, now)?
                        .changed
                        .is_empty()
                    {
                        closed.push(*number);
                    }
                }
                if started.elapsed() >= slice {
                    break;
                }
            }
            Ok((closed, waiting, follow_ups, last))
        })?;
        report.closed.extend(closed);
        report.complaints_waiting += waiting;
        report.follow_ups_waiting += follow_ups;
        *after = last;
        Ok(true)
    }

    /// Escalations performed after `since`, newest first (the TUI's "since you last looked").
    pub fn escalations_since(&self, since: i64, limit: usize) -> Result<Vec<Escalated>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.number, t.subject, e.rule, e.target, e.state, e.actions, e.at
             FROM escalations e JOIN tickets t ON t.id = e.ticket_id
             WHERE e.at > ?1 ORDER BY e.at DESC, e.rowid DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![since, limit as i64], |r| {
            Ok(Escalated {
                number: r.get(0)?,
                subject: SafeText::new(&r.get::<_, String>(1)?),
                rule: r.get(2)?,
                target: r.get(3)?,
                state: r.get(4)?,
                actions: r.get(5)?,
                at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Inside one transaction: claim each due escalation by inserting its key, and act only on the ones this
/// transaction inserted.
fn escalate_in(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    ticket_id: &str,
    now: i64,
) -> Result<Vec<Escalated>> {
    let Some(f) = facts(tx, ticket_id)? else {
        return Ok(Vec::new());
    };
    let (_, clocks) = ticket_clocks(tx, &f, &rules.sla, now)?;
    let subject: String = tx
        .prepare_cached("SELECT subject FROM tickets WHERE id = ?1")?
        .query_row(params![ticket_id], |r| r.get(0))?;
    let mut done = Vec::new();
    for due in escalations_due(&rules.sla.escalations, &clocks, f.priority, f.tier) {
        let state = clocks
            .iter()
            .find(|c| c.target == due.target && c.started_at == due.clock_start)
            .map_or("at-risk", |c| {
                if c.state == ClockState::Breached {
                    "breached"
                } else {
                    "at-risk"
                }
            });
        let claimed = tx.prepare_cached(
            "INSERT OR IGNORE INTO escalations(id, ticket_id, rule, target, clock_start, state, actions, actor, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7, ?8)",
        )?.execute(
            params![new_id(), ticket_id, due.rule.name, due.target.as_str(), due.clock_start, state, log.actor, now],
        )?;
        if claimed == 0 {
            continue;
        }
        let actions = act(tx, log, ticket_id, &due.rule.actions, now)?;
        tx.prepare_cached(
            "UPDATE escalations SET actions = ?1 WHERE ticket_id = ?2 AND rule = ?3 AND target = ?4 AND clock_start = ?5",
        )?.execute(
            params![actions, ticket_id, due.rule.name, due.target.as_str(), due.clock_start],
        )?;
        done.push(Escalated {
            number: f.number,
            subject: SafeText::new(&subject),
            rule: due.rule.name.clone(),
            target: due.target.as_str().to_string(),
            state: state.to_string(),
            actions,
            at: now,
        });
    }
    Ok(done)
}

/// Performs one rule's actions through the change log; returns a summary. A group or agent that does not exist
/// is reported in the summary instead of failing the run: the other actions still matter.
fn act(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    ticket_id: &str,
    a: &EscalationActions,
    now: i64,
) -> Result<String> {
    let mut did = Vec::new();
    let mut fields: Vec<(&str, Value)> = Vec::new();
    if a.raise_priority {
        let current: String = tx
            .prepare_cached("SELECT priority FROM tickets WHERE id = ?1")?
            .query_row(params![ticket_id], |r| r.get(0))?;
        // Two clocks (or two rules) of one ticket falling due together, or two desks running the pass, raise it
        // once: the latest raise by the rules is read inside this write transaction.
        let last_raise: Option<i64> = tx
            .prepare_cached(
                "SELECT max(at) FROM changes
                 WHERE entity = 'ticket' AND entity_id = ?1 AND field = 'priority' AND actor = ?2",
            )?
            .query_row(params![ticket_id, SLA_ACTOR], |r| r.get(0))?;
        if let Some(p) = crate::domain::ticket::Priority::parse(&current) {
            let up = raised(p);
            if up != p && !may_raise(last_raise, now) {
                did.push("priority already raised this minute".into());
            } else if up != p {
                fields.push(("priority", Value::from(up.as_str())));
                did.push(format!("priority {p} → {up}"));
            }
        }
    }
    let lookup = |sql: &str, key: &str| -> Result<Option<String>> {
        Ok(tx.query_row(sql, params![key], |r| r.get(0)).optional()?)
    };
    if let Some(group) = &a.assign_group {
        match lookup(
            "SELECT id FROM groups WHERE name = ?1 COLLATE NOCASE",
            group,
        )? {
            Some(id) => {
                fields.push(("group_id", Value::Text(id)));
                did.push(format!("group {group}"));
            }
            None => did.push(format!("group `{group}` does not exist — skipped")),
        }
    }
    if let Some(handle) = &a.assign_to {
        match lookup(
            "SELECT id FROM agents WHERE handle = ?1 AND active = 1",
            handle,
        )? {
            Some(id) => {
                fields.push(("assignee_id", Value::Text(id)));
                did.push(format!("assigned {handle}"));
            }
            None => did.push(format!("agent `{handle}` does not exist — skipped")),
        }
    }
    if !fields.is_empty() {
        let columns: Vec<&'static str> = fields
            .iter()
            .map(|(f, _)| Mutable::Ticket.column(f))
            .collect::<Result<_>>()?;
        update_row(
            tx,
            log,
            Mutable::Ticket,
            ticket_id,
            None,
            &columns,
            &fields,
            now,
        )?;
    }
    if let Some(tag) = &a.add_tag
        && tx
            .prepare_cached(
                "INSERT OR IGNORE INTO tags(entity, entity_id, tag) VALUES ('ticket', ?1, ?2)",
            )?
            .execute(params![ticket_id, tag])?
            > 0
    {
        log.append(
            tx,
            "ticket",
            ticket_id,
            "tags",
            None,
            Some(&format!("+{tag}")),
            now,
        )?;
        did.push(format!("+{tag}"));
    }
    // Two clocks of one ticket falling due in one pass (first response and resolution both breached) fire the
    // rule twice; the agent reads its note once.
    let noted_already = |note: &str| -> Result<bool> {
        Ok(tx
            .prepare_cached(
                "SELECT 1 FROM messages WHERE ticket_id = ?1 AND created_at = ?2 AND author_kind = 'system'
                   AND author_id = ?3 AND body = ?4 LIMIT 1",
            )?
            .query_row(params![ticket_id, now, log.actor, note], |_| Ok(()))
            .optional()?
            .is_some())
    };
    if let Some(note) = &a.note
        && !noted_already(note)?
    {
        let id = super::ticket_write::system_note(tx, log, ticket_id, note, now)?;
        log.append(tx, "ticket", ticket_id, "note", None, Some(&id), now)?;
        did.push("note".into());
    }
    if did.is_empty() {
        // e.g. "raise priority" on a ticket that is already urgent.
        return Ok("nothing left to change".into());
    }
    Ok(did.join("; "))
}
