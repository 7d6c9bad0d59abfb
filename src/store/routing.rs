//! Routing rules and automatic assignment (issue 22), inside the write transaction that creates a ticket or that
//! `desk route run` opens for a slice of the backlog. Reading members' loads inside that transaction is what makes
//! assignment exactly-once: SQLite has one writer, so a second desk sees the first one's assignments.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension, Transaction, params, params_from_iter};

use super::changes::ChangeLog;
use super::sla::ServiceRules;
use super::ticket_write::TicketEdit;
use super::{Result, Store};
use crate::domain::dispatch::{self, Availability, Member, Strategy};
use crate::domain::ticket::Priority;
use crate::domain::view::TicketFilter;

const OPEN: &str = "('new', 'open', 'pending', 'on_hold')";

/// An agent's skills, in order.
pub(super) fn skills(conn: &Connection, agent_id: &str) -> rusqlite::Result<Vec<String>> {
    conn.prepare_cached("SELECT skill FROM agent_skills WHERE agent_id = ?1 ORDER BY skill")?
        .query_map(params![agent_id], |r| r.get(0))?
        .collect()
}

/// Open tickets per assignee, of everyone (one pass over the open-by-assignee index).
pub(super) fn open_loads(conn: &Connection) -> rusqlite::Result<HashMap<String, u32>> {
    let sql = format!(
        "SELECT assignee_id, count(*) FROM tickets INDEXED BY tickets_assignee_open_updated
          WHERE status IN {OPEN} AND assignee_id IS NOT NULL GROUP BY assignee_id"
    );
    conn.prepare_cached(&sql)?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                u32::try_from(r.get::<_, i64>(1)?).unwrap_or(u32::MAX),
            ))
        })?
        .collect()
}

/// Open tickets assigned to `agent` (a range of the open-by-assignee index).
fn open_load(conn: &Connection, agent: &str) -> rusqlite::Result<u32> {
    let sql = format!(
        "SELECT count(*) FROM tickets INDEXED BY tickets_assignee_open_updated
          WHERE assignee_id = ?1 AND status IN {OPEN}"
    );
    let n: i64 = conn
        .prepare_cached(&sql)?
        .query_row(params![agent], |r| r.get(0))?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// An active agent's dispatch columns.
pub(super) struct AgentRow {
    pub id: String,
    pub handle: String,
    pub availability: Availability,
    pub capacity: Option<u32>,
    pub calendar: Option<String>,
}

/// The active members of `group`, or every active agent, by handle.
pub(super) fn agent_rows(
    conn: &Connection,
    group: Option<&str>,
) -> rusqlite::Result<Vec<AgentRow>> {
    conn.prepare_cached(
        "SELECT a.id, a.handle, a.availability, a.capacity, a.calendar FROM agents a
          WHERE a.active = 1
            AND (?1 IS NULL OR a.id IN (SELECT agent_id FROM agent_groups WHERE group_id = ?1))
          ORDER BY a.handle",
    )?
    .query_map(params![group], |r| {
        Ok(AgentRow {
            id: r.get(0)?,
            handle: r.get(1)?,
            availability: Availability::parse(&r.get::<_, String>(2)?)
                .unwrap_or(Availability::OnDuty),
            capacity: r
                .get::<_, Option<i64>>(3)?
                .and_then(|c| u32::try_from(c).ok()),
            calendar: r.get(4)?,
        })
    })?
    .collect()
}

/// What the first routing rule whose conditions a ticket meets will do to it.
struct Routed {
    /// The change-log text: the rule's name and what it did.
    said: String,
    edits: Vec<TicketEdit>,
    /// The group it sends the ticket to, by id.
    group: Option<String>,
}

/// The first routing rule whose conditions `ticket` meets, and its edits (not yet applied).
fn match_rule(
    tx: &Transaction<'_>,
    rules: &ServiceRules,
    id: &str,
    now: i64,
) -> Result<Option<Routed>> {
    if rules.routing.is_empty() {
        return Ok(None);
    }
    let region = super::phones::keyed_region(tx)?;
    for rule in &rules.routing {
        // Checked when the config was read; a rule that no longer parses is skipped, never fatal to a ticket.
        let Ok(q) = crate::domain::query::parse(&rule.when) else {
            continue;
        };
        let filter = TicketFilter::default().refine(&q, now, 0);
        let (sql, ps) = super::ticket_filter::ticket_match_sql(&filter, id, region);
        if !tx
            .prepare_cached(&sql)?
            .exists(params_from_iter(ps.iter()))?
        {
            continue;
        }
        let mut edits = Vec::new();
        let mut group = None;
        if let Some(g) = &rule.group {
            let open: Option<(String, String)> = tx
                .prepare_cached(
                    "SELECT id, name FROM groups WHERE name = ?1 COLLATE NOCASE AND archived_at IS NULL",
                )?
                .query_row(params![g.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match open {
                Some((gid, name)) => {
                    edits.push(TicketEdit::Group(Some(name)));
                    group = Some(gid);
                }
                None => tracing::warn!(
                    "routing rule `{}`: no open group `{g}`; the ticket keeps its group",
                    rule.name
                ),
            }
        }
        let mut after = None;
        if let Some(change) = rule.priority {
            let current: String = tx
                .prepare_cached("SELECT priority FROM tickets WHERE id = ?1")?
                .query_row(params![id], |r| r.get(0))?;
            let current = Priority::parse(&current).unwrap_or(Priority::Normal);
            let p = change.apply(current);
            if p != current {
                edits.push(TicketEdit::Priority(p));
                after = Some(p);
            }
        }
        edits.extend(rule.tags.iter().map(|t| TicketEdit::AddTag(t.clone())));
        return Ok(Some(Routed {
            said: rule.describe(after),
            edits,
            group,
        }));
    }
    Ok(None)
}

/// Who automatic assignment picks for a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Assignment {
    /// It has an assignee, no group, is not open, or its group assigns by hand.
    NotWanted,
    Picked {
        agent_id: String,
        handle: String,
        group_id: String,
        reason: String,
    },
    /// Nobody in its group can take it now: it waits in the group's queue.
    Waits { group: String, reason: String },
}

/// Picks who gets `id` within its group (or `group`, where routing is about to send it) by the group's strategy.
/// `loads` caches members' open counts for the transaction (they change only through it).
fn pick(
    tx: &Transaction<'_>,
    rules: &ServiceRules,
    id: &str,
    group: Option<&str>,
    now: i64,
    loads: &mut HashMap<String, u32>,
) -> Result<Assignment> {
    type Facts = (
        Option<String>,
        Option<String>,
        String,
        String,
        Option<String>,
        Option<String>,
        String,
    );
    let facts: Option<Facts> = tx
        .prepare_cached(
            "SELECT t.group_id, t.assignee_id, t.status, t.kind, p.name, c.city,
                    t.subject || ' ' || coalesce((SELECT body FROM messages m WHERE m.ticket_id = t.id
                                                  ORDER BY m.created_at LIMIT 1), '')
               FROM tickets t LEFT JOIN products p ON p.id = t.product_id LEFT JOIN customers c ON c.id = t.customer_id
              WHERE t.id = ?1",
        )?
        .query_row(params![id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
        })
        .optional()?;
    let Some((current, None, status, kind, product, city, text)) = facts else {
        return Ok(Assignment::NotWanted);
    };
    let Some(group) = group.map(str::to_string).or(current) else {
        return Ok(Assignment::NotWanted);
    };
    if !crate::domain::ticket::Status::parse(&status).is_some_and(|s| s.is_open()) {
        return Ok(Assignment::NotWanted);
    }
    let (name, strategy, last): (String, String, Option<String>) = tx
        .prepare_cached("SELECT name, assignment, last_assigned FROM groups WHERE id = ?1")?
        .query_row(params![group], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let strategy = Strategy::parse(&strategy).unwrap_or(Strategy::Manual);
    if strategy == Strategy::Manual {
        return Ok(Assignment::NotWanted);
    }
    let mut members = Vec::new();
    for a in agent_rows(tx, Some(&group))? {
        let open = match loads.get(&a.id) {
            Some(n) => *n,
            None => {
                let n = open_load(tx, &a.id)?;
                loads.insert(a.id.clone(), n);
                n
            }
        };
        // No calendar, or one this desk's config lacks: always on shift (the shift is a filter, not a gate).
        let on_shift = a
            .calendar
            .as_deref()
            .and_then(|c| rules.sla.calendars.iter().find(|k| k.name == c))
            .is_none_or(|c| c.is_open(now));
        members.push(Member {
            skills: if strategy == Strategy::Skills {
                skills(tx, &a.id)?
            } else {
                Vec::new()
            },
            id: a.id,
            handle: a.handle,
            availability: a.availability,
            on_shift,
            open,
            capacity: a.capacity,
        });
    }
    let needs = dispatch::needs(&kind, product.as_deref(), city.as_deref(), &text);
    Ok(
        match dispatch::choose(strategy, &members, last.as_deref(), &needs) {
            Ok(choice) => match members.into_iter().find(|m| m.id == choice.agent_id) {
                Some(m) => Assignment::Picked {
                    agent_id: m.id,
                    handle: m.handle,
                    group_id: group,
                    reason: choice.reason,
                },
                None => Assignment::NotWanted,
            },
            Err(dispatch::Waits(reason)) => Assignment::Waits {
                group: name,
                reason,
            },
        },
    )
}

/// Routes (when `by_rules`) and assigns one ticket in one change, so its clocks are refreshed once: the rule's
/// edits and the assignee together, each decision in the log. Returns whether a rule matched, and the assignment.
fn route_one(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    ticket: (&str, i64),
    by_rules: bool,
    now: i64,
    loads: &mut HashMap<String, u32>,
) -> Result<(bool, Assignment)> {
    let (id, number) = ticket;
    let routed = if by_rules {
        match_rule(tx, rules, id, now)?
    } else {
        None
    };
    let group = routed.as_ref().and_then(|r| r.group.as_deref());
    let assignment = pick(tx, rules, id, group, now, loads)?;
    let mut edits = routed.as_ref().map(|r| r.edits.clone()).unwrap_or_default();
    if let Assignment::Picked { handle, .. } = &assignment {
        edits.push(TicketEdit::Assignee(Some(handle.clone())));
    }
    if !edits.is_empty() {
        super::ticket_set::set_fields(tx, log, rules, number, &edits, None, now)?;
    }
    if let Some(r) = &routed {
        log.append(tx, "ticket", id, "routed", None, Some(&r.said), now)?;
    }
    if let Assignment::Picked {
        agent_id,
        group_id,
        reason,
        ..
    } = &assignment
    {
        tx.prepare_cached("UPDATE groups SET last_assigned = ?1 WHERE id = ?2")?
            .execute(params![agent_id, group_id])?;
        log.append(tx, "ticket", id, "auto_assigned", None, Some(reason), now)?;
        *loads.entry(agent_id.clone()).or_insert(0) += 1;
    }
    Ok((routed.is_some(), assignment))
}

/// Routes and assigns a ticket just created (every way in: TUI, CLI, mail, intake). A ticket nobody can take
/// says so in its history once, at arrival.
pub(super) fn route_new(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    ticket: (&str, i64),
    now: i64,
) -> Result<()> {
    let (_, assignment) = route_one(tx, log, rules, ticket, true, now, &mut HashMap::new())?;
    if let Assignment::Waits { reason, .. } = assignment {
        log.append(
            tx,
            "ticket",
            ticket.0,
            "assign_waiting",
            None,
            Some(&reason),
            now,
        )?;
    }
    Ok(())
}

/// What handing an agent's tickets back did: given to someone else, or left waiting in the group's queue.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct HandedBack {
    pub reassigned: usize,
    pub waiting: usize,
}

/// Hands `agent`'s new and open tickets in groups that assign automatically back to their group (`[routing]
/// reassign_on_away`): each is unassigned and assigned again by the group's strategy — the agent, no longer on
/// duty, is passed by. Pending and on-hold tickets wait on the customer and stay with their agent.
pub(super) fn hand_back(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    agent: (&str, &str),
    why: &str,
    now: i64,
) -> Result<HandedBack> {
    let (agent_id, handle) = agent;
    let tickets: Vec<(String, i64)> = tx
        .prepare_cached(&format!(
            "SELECT t.id, t.number FROM tickets t INDEXED BY tickets_assignee_open_updated
                   JOIN groups g ON g.id = t.group_id
                  WHERE t.assignee_id = ?1 AND t.status IN {OPEN} AND t.status IN ('new', 'open')
                    AND g.assignment <> 'manual'
                  ORDER BY t.updated_at, t.rid"
        ))?
        .query_map(params![agent_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = HandedBack::default();
    let mut loads = HashMap::new();
    let said = format!("{handle} is {why}");
    for (id, number) in tickets {
        super::ticket_set::set_fields(
            tx,
            log,
            rules,
            number,
            &[TicketEdit::Assignee(None)],
            None,
            now,
        )?;
        log.append(tx, "ticket", &id, "handed_back", None, Some(&said), now)?;
        match route_one(tx, log, rules, (&id, number), false, now, &mut loads)?.1 {
            Assignment::Picked { .. } => out.reassigned += 1,
            Assignment::Waits { reason, .. } => {
                out.waiting += 1;
                log.append(
                    tx,
                    "ticket",
                    &id,
                    "assign_waiting",
                    None,
                    Some(&reason),
                    now,
                )?;
            }
            Assignment::NotWanted => {}
        }
    }
    Ok(out)
}

/// What `desk route run` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RouteReport {
    /// Open unassigned tickets looked at.
    pub seen: usize,
    pub routed: usize,
    pub assigned: usize,
    /// Tickets left waiting, per group, with the last reason given.
    pub waiting: BTreeMap<String, (usize, String)>,
}

/// Candidates read per transaction.
const CANDIDATES: i64 = 500;
/// A slice's write transaction ends after this long: another desk's write waits at most about this.
const SLICE: std::time::Duration = std::time::Duration::from_millis(50);

impl Store {
    /// Routes the open unassigned backlog: tickets without a group go through the routing rules, and tickets in
    /// a group that assigns automatically get an assignee when someone can take them. Safe to run from several
    /// desks at once: each slice is one write transaction that reads what it assigns.
    pub fn route_run(&mut self, now: i64) -> Result<RouteReport> {
        let mut report = RouteReport::default();
        let mut after = (i64::MIN, i64::MIN);
        // A ticket this run routed or left waiting moved to the end of the walk (its update time is now): once is
        // enough.
        let mut seen = std::collections::HashSet::new();
        // Members' open counts, kept from slice to slice while no other connection commits (`data_version` says
        // so): counting an agent's open tickets is a range of the index, thousands of entries at scale.
        let mut kept: (Option<i64>, HashMap<String, u32>) = (None, HashMap::new());
        loop {
            let (done, last, touched, counted) = self.write(|tx, log, rules| {
                let started = std::time::Instant::now();
                let version: i64 = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
                let mut loads = if kept.0 == Some(version) {
                    kept.1.clone()
                } else {
                    HashMap::new()
                };
                let batch: Vec<(String, i64, i64, i64)> = tx
                    .prepare_cached(&format!(
                        "SELECT id, number, updated_at, rid FROM tickets INDEXED BY tickets_unassigned_updated
                          WHERE assignee_id IS NULL AND status IN {OPEN}
                            AND (updated_at > ?1 OR (updated_at = ?1 AND rid > ?2))
                          ORDER BY updated_at, rid LIMIT ?3"
                    ))?
                    .query_map(params![after.0, after.1, CANDIDATES], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                let mut out = RouteReport::default();
                let mut last = None;
                let mut touched = Vec::new();
                for (id, number, updated_at, rid) in &batch {
                    if started.elapsed() >= SLICE {
                        break;
                    }
                    last = Some((*updated_at, *rid));
                    if seen.contains(rid) {
                        continue;
                    }
                    touched.push(*rid);
                    out.seen += 1;
                    let ticket = (id.as_str(), *number);
                    let has_group: bool = tx
                        .prepare_cached("SELECT group_id IS NOT NULL FROM tickets WHERE id = ?1")?
                        .query_row(params![id], |r| r.get(0))?;
                    let (routed, assignment) =
                        route_one(tx, log, rules, ticket, !has_group, now, &mut loads)?;
                    out.routed += usize::from(routed);
                    match assignment {
                        Assignment::Picked { .. } => out.assigned += 1,
                        Assignment::Waits { group, reason } => {
                            let w = out.waiting.entry(group).or_insert((0, String::new()));
                            w.0 += 1;
                            w.1 = reason;
                        }
                        Assignment::NotWanted => {}
                    }
                }
                Ok((out, last, touched, (version, loads)))
            })?;
            // Only once the slice is committed: a retried transaction does its tickets again.
            seen.extend(touched);
            kept = (Some(counted.0), counted.1);
            report.seen += done.seen;
            report.routed += done.routed;
            report.assigned += done.assigned;
            for (g, (n, why)) in done.waiting {
                let w = report.waiting.entry(g).or_insert((0, String::new()));
                w.0 += n;
                w.1 = why;
            }
            match last {
                Some(l) => after = l,
                None => return Ok(report),
            }
        }
    }
}
