//! The unassigned escalation (`[routing] unassigned_after`): an open ticket that has waited in a group with nobody
//! assigned — and nothing else changed — for longer than the limit is escalated once: tagged `unassigned`, a line
//! in its history and in the escalations list. A pass reads only the tickets that crossed the limit since the
//! previous pass (a watermark kept in `meta`), so a large backlog costs nothing minute after minute.

use std::time::{Duration, Instant};

use rusqlite::{OptionalExtension, params};

use super::sla_run::Escalated;
use super::ticket_write::TicketEdit;
use super::{Result, Store};
use crate::domain::text::SafeText;

/// The escalation's rule name, in the escalations list and table.
pub const RULE: &str = "unassigned-in-group";
const WATERMARK: &str = "unassigned_checked_to";
const CANDIDATES: i64 = 500;

impl Store {
    /// Escalates what crossed `limit` seconds unassigned since the last pass, in slices of about `slice`.
    pub(super) fn escalate_unassigned(
        &mut self,
        now: i64,
        limit: i64,
        slice: Duration,
    ) -> Result<Vec<Escalated>> {
        let threshold = now - limit;
        let from: i64 = self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row(params![WATERMARK], |r| r.get::<_, String>(0))
            .optional()?
            .and_then(|v| v.parse().ok())
            .unwrap_or(i64::MIN);
        if threshold <= from {
            return Ok(Vec::new());
        }
        let mut after = (from, i64::MAX);
        let mut out = Vec::new();
        loop {
            let (done, last, finished) = self.write(|tx, log, rules| {
                let started = Instant::now();
                let batch: Vec<(String, i64, i64, i64, String, String)> = tx
                    .prepare_cached(
                        "SELECT t.id, t.number, t.updated_at, t.rid, t.subject, g.name
                           FROM tickets t INDEXED BY tickets_unassigned_updated JOIN groups g ON g.id = t.group_id
                          WHERE t.assignee_id IS NULL AND t.status IN ('new', 'open', 'pending', 'on_hold')
                            AND t.updated_at <= ?1 AND (t.updated_at > ?2 OR (t.updated_at = ?2 AND t.rid > ?3))
                          ORDER BY t.updated_at, t.rid LIMIT ?4",
                    )?
                    .query_map(params![threshold, after.0, after.1, CANDIDATES], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                let mut done = Vec::new();
                let mut last = after;
                let mut read_all = (batch.len() as i64) < CANDIDATES;
                for (i, (id, number, updated_at, rid, subject, group)) in batch.iter().enumerate() {
                    last = (*updated_at, *rid);
                    // Once per stretch of waiting: an escalation since the ticket last changed hands counts.
                    let already: bool = tx
                        .prepare_cached(
                            "SELECT EXISTS (SELECT 1 FROM escalations WHERE ticket_id = ?1 AND rule = ?2
                               AND at >= coalesce((SELECT max(at) FROM changes WHERE entity = 'ticket'
                                   AND entity_id = ?1 AND field IN ('assignee_id', 'group_id')), 0))",
                        )?
                        .query_row(params![id, RULE], |r| r.get(0))?;
                    if !already {
                        let waited = crate::domain::sla_policy::format_duration(now - updated_at);
                        let said = format!(
                            "waited {waited} in {group} with nobody assigned (limit {})",
                            crate::domain::sla_policy::format_duration(limit)
                        );
                        tx.prepare_cached(
                            "INSERT OR IGNORE INTO escalations(id, ticket_id, rule, target, clock_start, state, actions,
                                                               actor, at)
                             VALUES (?1, ?2, ?3, 'assignment', ?4, 'breached', '+unassigned', ?5, ?6)",
                        )?
                        .execute(params![super::new_id(), id, RULE, updated_at, log.actor, now])?;
                        let tag = TicketEdit::AddTag("unassigned".into());
                        super::ticket_set::set_fields(tx, log, rules, *number, &[tag], None, now)?;
                        log.append(tx, "ticket", id, "unassigned_escalated", None, Some(&said), now)?;
                        done.push(Escalated {
                            number: *number,
                            subject: SafeText::new(subject),
                            rule: RULE.into(),
                            target: "assignment".into(),
                            state: "breached".into(),
                            actions: "+unassigned".into(),
                            at: now,
                        });
                    }
                    if started.elapsed() >= slice && i + 1 < batch.len() {
                        read_all = false;
                        break;
                    }
                }
                if read_all {
                    tx.prepare_cached(
                        "INSERT INTO meta(key, value) VALUES (?1, ?2)
                         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    )?
                    .execute(params![WATERMARK, threshold.to_string()])?;
                }
                Ok((done, last, read_all))
            })?;
            out.extend(done);
            after = last;
            if finished {
                return Ok(out);
            }
        }
    }
}
