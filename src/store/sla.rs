//! SLA clocks kept on each ticket: the history the clocks read, the cached clock columns (recomputed inside every
//! ticket write and whenever the configured rules change), and one ticket's clocks for its pane.

use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};

use super::stored::ticket_field;
use super::{Result, Store};
use crate::domain::customer::Tier;
use crate::domain::metrics::{Measures, measure};
use crate::domain::sla::{Clock, Event, EventKind, Loaded, Targets, clocks, loaded_history};
use crate::domain::sla_policy::{SlaRules, TicketFacts};
use crate::domain::ticket::{Channel, Kind, Priority, Status};

/// The service rules a store applies when it writes: SLA policies and the closed-loop delays.
#[derive(Debug, Clone)]
pub struct ServiceRules {
    pub sla: SlaRules,
    /// Fingerprint of `sla`, stored with each computed clock.
    pub stamp: String,
    pub follow_up_after: i64,
    pub auto_close_after: i64,
    /// Customer tiers, stages and churn risk, kept current by the writes that feed them.
    pub crm: crate::domain::crm::CrmRules,
    /// Set when replies to mail tickets are delivered by mail: they are queued in the outbox with the message.
    pub mail_out: Option<super::outbox::MailOut>,
    /// Routing rules for new tickets, first match wins (store::routing).
    pub routing: Vec<crate::domain::routing::RoutingRule>,
    /// Visits, warranty, parts and returns.
    pub field: crate::domain::field_rules::FieldRules,
    /// Reassignment on away and the unassigned escalation.
    pub dispatch: crate::domain::routing::DispatchRules,
    /// Quality inspection: sampling and the rubric.
    pub qa: crate::domain::qa::QaRules,
    /// Low scores and closing without the loop.
    pub loop_policy: crate::domain::loop_rules::LoopPolicy,
    /// The questionnaire's items (`[metrics] csi_items`): a survey may answer these.
    pub questionnaire: Vec<crate::domain::questionnaire::Item>,
}

impl ServiceRules {
    pub fn new(sla: SlaRules, follow_up_after: i64, auto_close_after: i64) -> ServiceRules {
        ServiceRules {
            stamp: sla.stamp(),
            sla,
            follow_up_after,
            auto_close_after,
            crm: Default::default(),
            mail_out: None,
            routing: Vec::new(),
            field: Default::default(),
            dispatch: Default::default(),
            qa: Default::default(),
            loop_policy: Default::default(),
            questionnaire: crate::domain::questionnaire::items(
                &crate::domain::metrics::MetricsRules::default().csi_items,
            ),
        }
    }

    pub fn with_questionnaire(
        mut self,
        items: Vec<crate::domain::questionnaire::Item>,
    ) -> ServiceRules {
        self.questionnaire = items;
        self
    }

    pub fn with_loop(mut self, policy: crate::domain::loop_rules::LoopPolicy) -> ServiceRules {
        self.loop_policy = policy;
        self
    }

    pub fn with_routing(
        mut self,
        routing: Vec<crate::domain::routing::RoutingRule>,
    ) -> ServiceRules {
        self.routing = routing;
        self
    }

    pub fn with_dispatch(
        mut self,
        dispatch: crate::domain::routing::DispatchRules,
    ) -> ServiceRules {
        self.dispatch = dispatch;
        self
    }

    pub fn with_field(mut self, field: crate::domain::field_rules::FieldRules) -> ServiceRules {
        self.field = field;
        self
    }

    pub fn with_qa(mut self, qa: crate::domain::qa::QaRules) -> ServiceRules {
        self.qa = qa;
        self
    }

    pub fn with_mail_out(mut self, mail_out: Option<super::outbox::MailOut>) -> ServiceRules {
        self.mail_out = mail_out;
        self
    }

    pub fn with_crm(mut self, crm: crate::domain::crm::CrmRules) -> ServiceRules {
        self.crm = crm;
        self
    }
}

impl Default for ServiceRules {
    /// No SLA policies (no clocks); follow-up after a day, auto-close after a week.
    fn default() -> Self {
        ServiceRules::new(SlaRules::default(), 86_400, 7 * 86_400)
    }
}

impl Store {
    /// The rules later writes apply (the CLI and TUI pass the configured ones right after opening).
    pub fn set_service_rules(&mut self, rules: ServiceRules) {
        self.rules = Arc::new(rules);
    }

    pub fn service_rules(&self) -> &ServiceRules {
        &self.rules
    }
}

/// What picks a ticket's policy and drives its clocks.
pub(super) struct Facts {
    pub id: String,
    pub number: i64,
    pub created_at: i64,
    pub status: Status,
    pub priority: Priority,
    pub tier: Option<Tier>,
    pub channel: Channel,
    pub kind: Kind,
    pub first_response_at: Option<i64>,
    pub solved_at: Option<i64>,
    /// When a ticket loaded in bulk was loaded; `None` for tickets desk created.
    pub loaded_at: Option<i64>,
}

impl Facts {
    pub fn ticket(&self) -> TicketFacts {
        TicketFacts {
            priority: self.priority,
            tier: self.tier,
            channel: self.channel,
            kind: self.kind,
        }
    }
}

pub(super) fn facts(conn: &Connection, ticket_id: &str) -> Result<Option<Facts>> {
    conn.prepare_cached(
        "SELECT t.id, t.number, t.created_at, t.status, t.priority, c.tier, t.channel, t.kind,
                t.first_response_at, t.solved_at, t.loaded_at
         FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id WHERE t.id = ?1",
    )?
    .query_row(params![ticket_id], |r| Ok(facts_of(r)))
    .optional()?
    .transpose()
}

/// A row of [`facts`]; a status, priority, channel or kind desk does not know is [`StoreError::BadValue`].
fn facts_of(r: &rusqlite::Row<'_>) -> Result<Facts> {
    let number: i64 = r.get(1)?;
    let text = |i: usize| r.get::<_, String>(i);
    Ok(Facts {
        id: r.get(0)?,
        number,
        created_at: r.get(2)?,
        status: ticket_field(number, &text(3)?)?,
        priority: ticket_field(number, &text(4)?)?,
        tier: r
            .get::<_, Option<String>>(5)?
            .as_deref()
            .and_then(Tier::parse),
        channel: ticket_field(number, &text(6)?)?,
        kind: ticket_field(number, &text(7)?)?,
        first_response_at: r.get(8)?,
        solved_at: r.get(9)?,
        loaded_at: r.get(10)?,
    })
}

/// The ticket's history as the clocks see it: status changes from the change log and public messages, in time
/// order. A ticket loaded in bulk (imports, the demo) starts with the history its stamps imply as of its load
/// ([`loaded_history`]); status changes logged since come after it.
pub(super) fn history(conn: &Connection, f: &Facts) -> Result<Vec<Event>> {
    let mut events: Vec<Event> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT old, new, at FROM changes WHERE entity = 'ticket' AND entity_id = ?1 AND field = 'status' ORDER BY seq",
    )?;
    let logged = stmt.query_map(params![f.id], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    // The status a loaded ticket had before its first logged change.
    let mut loaded_status: Option<Status> = None;
    for (i, row) in logged.enumerate() {
        let (old, new, at) = row?;
        if i == 0 {
            loaded_status = old.as_deref().and_then(Status::parse);
        }
        if let Some(s) = new.as_deref().and_then(Status::parse) {
            events.push(Event {
                at,
                kind: EventKind::Status(s),
            });
        }
    }
    if let Some(loaded_at) = f.loaded_at {
        let loaded = Loaded {
            created_at: f.created_at,
            status: if events.is_empty() {
                f.status
            } else {
                loaded_status.unwrap_or(Status::New)
            },
            at: loaded_at,
            first_response_at: f.first_response_at,
            solved_at: f.solved_at,
        };
        let mut before = loaded_history(&loaded);
        before.append(&mut events);
        events = before;
    }
    let mut stmt = conn.prepare_cached(
        "SELECT author_kind, created_at, solution FROM messages
         WHERE ticket_id = ?1 AND visibility = 'public' AND author_kind IN ('customer', 'agent')
         ORDER BY created_at, rid",
    )?;
    let messages = stmt.query_map(params![f.id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, bool>(2)?,
        ))
    })?;
    for row in messages {
        let (author, at, solution) = row?;
        let kind = if author == "agent" {
            EventKind::AgentReply
        } else {
            EventKind::CustomerMessage
        };
        events.push(Event { at, kind });
        if solution && author == "agent" {
            events.push(Event {
                at,
                kind: EventKind::SolutionProposed,
            });
        }
    }
    // A ticket imported with its first-response stamp but without its thread was still answered then.
    if let Some(at) = f.first_response_at
        && !events.iter().any(|e| e.kind == EventKind::AgentReply)
    {
        events.push(Event {
            at,
            kind: EventKind::AgentReply,
        });
    }
    // Stable: a status change and a message in the same second keep status first, as the write made them.
    events.sort_by_key(|e| e.at);
    Ok(events)
}

/// The clocks of one ticket at `now` under `rules`, with the name of the policy that set them.
pub(super) fn ticket_clocks(
    conn: &Connection,
    f: &Facts,
    rules: &SlaRules,
    now: i64,
) -> Result<(Option<String>, Vec<Clock>)> {
    let Some(applied) = rules.select(&f.ticket()) else {
        return Ok((None, Vec::new()));
    };
    let mut events = history(conn, f)?;
    events.retain(|e| e.at <= now);
    let c = clocks(
        f.created_at,
        &events,
        &applied.targets,
        applied.calendar,
        now,
        rules.at_risk_share,
    );
    Ok((Some(applied.policy.name.clone()), c))
}

/// Targets no ticket reaches: a ticket no policy covers is run against these only to count its business time.
const UNREACHABLE: Targets = Targets {
    first_response: Some(i64::MAX / 4),
    first_solution: Some(i64::MAX / 4),
    next_reply: Some(i64::MAX / 4),
    resolution: Some(i64::MAX / 4),
};

/// The ticket's policy and clocks (empty without a policy) and its measures for reports. A ticket no policy
/// covers is measured in the first configured calendar.
fn clocks_and_measures(
    conn: &Connection,
    f: &Facts,
    rules: &SlaRules,
    now: i64,
) -> Result<(Option<String>, Vec<Clock>, Measures)> {
    let applied = rules.select(&f.ticket());
    let fallback = rules.calendars.first();
    let (targets, calendar) = match (&applied, fallback) {
        (Some(a), _) => (a.targets, a.calendar),
        (None, Some(c)) => (UNREACHABLE, c),
        (None, None) => return Ok((None, Vec::new(), Measures::default())),
    };
    let mut events = history(conn, f)?;
    events.retain(|e| e.at <= now);
    let all = clocks(
        f.created_at,
        &events,
        &targets,
        calendar,
        now,
        rules.at_risk_share,
    );
    let measures = measure(&all, applied.is_some(), &events);
    Ok(match applied {
        Some(a) => (Some(a.policy.name.clone()), all, measures),
        None => (None, Vec::new(), measures),
    })
}

/// Recomputes the cached clock columns and the report measures of one ticket. Running clocks contribute their
/// earliest due and risk times (so "at risk" means any clock is); a paused ticket keeps its least remaining time.
pub(super) fn refresh(
    conn: &Connection,
    rules: &ServiceRules,
    ticket_id: &str,
    now: i64,
) -> Result<Option<i64>> {
    let Some(f) = facts(conn, ticket_id)? else {
        return Ok(None);
    };
    let (policy, all, m) = clocks_and_measures(conn, &f, &rules.sla, now)?;
    let live: Vec<&Clock> = all.iter().filter(|c| c.stopped_at.is_none()).collect();
    let first_due = live
        .iter()
        .filter(|c| c.due_at.is_some())
        .min_by_key(|c| c.due_at);
    let risk_at = live.iter().filter_map(|c| c.risk_at).min();
    let paused = !live.is_empty() && live.iter().all(|c| c.paused);
    let shown = first_due.or_else(|| live.iter().min_by_key(|c| c.remaining));
    let remaining = paused
        .then(|| live.iter().map(|c| c.remaining).min())
        .flatten();
    let escalate_at = next_escalation(conn, rules, &f, &all, now)?;
    conn.prepare_cached(
        "UPDATE tickets SET sla_policy = ?1, sla_target = ?2, sla_due_at = ?3, sla_risk_at = ?4, sla_paused = ?5,
                            sla_remaining = ?6, sla_stamp = ?7,
                            frt_secs = ?9, resolution_secs = ?10, frt_late = ?11, resolution_late = ?12,
                            next_reply_late = ?13, agent_replies = ?14, reopens = ?15, measured = 1,
                            sla_escalate_at = ?16,
                            csat = (SELECT score FROM surveys WHERE ticket_id = ?8 AND kind = 'csat' ORDER BY at DESC LIMIT 1),
                            nps = (SELECT score FROM surveys WHERE ticket_id = ?8 AND kind = 'nps' ORDER BY at DESC LIMIT 1),
                            ces = (SELECT score FROM surveys WHERE ticket_id = ?8 AND kind = 'ces' ORDER BY at DESC LIMIT 1)
         WHERE id = ?8",
    )?
    .execute(params![
        policy,
        shown.map(|c| c.target.as_str()),
        first_due.and_then(|c| c.due_at),
        if paused { None } else { risk_at },
        paused,
        remaining,
        rules.stamp,
        ticket_id,
        m.frt_secs,
        m.resolution_secs,
        m.frt_late,
        m.resolution_late,
        m.next_reply_late,
        m.agent_replies,
        m.reopens,
        escalate_at,
    ])?;
    Ok(escalate_at)
}

/// When the sweep must next look at this ticket, given the escalations already fired on its clocks.
fn next_escalation(
    conn: &Connection,
    rules: &ServiceRules,
    f: &Facts,
    clocks: &[Clock],
    now: i64,
) -> Result<Option<i64>> {
    let escalations = &rules.sla.escalations;
    if escalations.is_empty() || clocks.iter().all(|c| c.stopped_at.is_some()) {
        return Ok(None);
    }
    let fired: Vec<(String, String, i64)> = conn
        .prepare_cached("SELECT rule, target, clock_start FROM escalations WHERE ticket_id = ?1")?
        .query_map(params![f.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(crate::domain::sla_sweep::next_escalation_at(
        escalations,
        clocks,
        f.priority,
        f.tier,
        now,
        |rule, target, start| {
            fired
                .iter()
                .any(|(r, t, s)| r == rule && t == target.as_str() && *s == start)
        },
    ))
}

impl Store {
    /// Fills `detail.clocks` with every clock of the ticket at `now`.
    pub fn fill_clocks(&self, detail: &mut super::tickets::TicketDetail, now: i64) -> Result<()> {
        if let Some(f) = facts(&self.conn, &detail.row.id)? {
            (detail.sla_policy, detail.clocks) =
                ticket_clocks(&self.conn, &f, &self.rules.sla, now)?;
        }
        Ok(())
    }

    /// Recomputes the clocks of open tickets computed under other rules (or never), at most `limit` of them, in
    /// short transactions. Returns how many were recomputed; 0 means all are current.
    pub fn recompute_stale_clocks(&mut self, now: i64, limit: usize) -> Result<usize> {
        let mut done = 0;
        while done < limit {
            let n =
                self.recompute_stale_clocks_within(now, limit - done, Duration::from_secs(1))?;
            if n == 0 {
                break;
            }
            done += n;
        }
        Ok(done)
    }

    /// One slice of [`Store::recompute_stale_clocks`]: at most `limit` clocks, in one transaction that ends after
    /// `slice`; returns how many were computed (0: none is stale).
    pub fn recompute_stale_clocks_within(
        &mut self,
        now: i64,
        limit: usize,
        slice: Duration,
    ) -> Result<usize> {
        let rules = Arc::clone(&self.rules);
        self.mark_stale_if_rules_changed(&rules)?;
        let ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM tickets INDEXED BY tickets_sla_stale
                 WHERE sla_stamp IS NULL AND status IN ('new', 'open', 'pending', 'on_hold') LIMIT ?1",
            )?
            .query_map(params![limit.min(500) as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if ids.is_empty() {
            return Ok(0);
        }
        let path = self.path.clone();
        super::changes::with_retry(&path, || {
            let started = std::time::Instant::now();
            let tx = self.begin_write()?;
            let mut done = 0;
            for id in &ids {
                refresh(&tx, &rules, id, now)?;
                done += 1;
                if started.elapsed() >= slice {
                    break;
                }
            }
            tx.commit()?;
            Ok(done)
        })
    }

    /// After the rules changed (or on the first run) every open ticket's clock is stale.
    fn mark_stale_if_rules_changed(&mut self, rules: &ServiceRules) -> Result<()> {
        let seen: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = 'sla_stamp'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        if seen.as_deref() == Some(rules.stamp.as_str()) {
            return Ok(());
        }
        let path = self.path.clone();
        super::changes::with_retry(&path, || {
            let tx = self.begin_write()?;
            tx.prepare_cached(
                "UPDATE tickets SET sla_stamp = NULL
                 WHERE status IN ('new', 'open', 'pending', 'on_hold') AND sla_stamp IS NOT NULL",
            )?
            .execute([])?;
            tx.prepare_cached(
                "INSERT INTO meta(key, value) VALUES ('sla_stamp', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![rules.stamp])?;
            tx.commit()?;
            Ok(())
        })
    }

    /// Marks the clocks of a customer's open tickets stale (their tier picks the policy).
    pub fn invalidate_customer_clocks(&mut self, customer_id: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE tickets SET sla_stamp = NULL
             WHERE customer_id = ?1 AND status IN ('new', 'open', 'pending', 'on_hold')",
            )?
            .execute(params![customer_id])?;
        Ok(())
    }
}
