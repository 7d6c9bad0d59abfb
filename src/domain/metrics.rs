//! Service-quality metrics (KPIs 关键绩效指标) defined over plain per-ticket records, so every number a dashboard
//! or report shows is computed here, once, and tested on hand-worked fixtures. Formulas: docs/METRICS.md.
//!
//! Two record kinds feed a [`Tally`]: a ticket *created* in the period (volume, complaints, first response) and a
//! ticket *solved* in the period (resolution, SLA, first-contact resolution, reopens, follow-up, surveys).

use super::metrics_grid::{coalesce, grid_percentile};
use super::service_loop::LoopStage;
use super::sla::{Clock, ClockState, Event, EventKind, Target};
use super::ticket::Status;
use crate::str_enum;

pub use super::metrics_rules::{MetricsRules, TargetValue};

/// What the store keeps on each ticket, derived from its clocks and history whenever the ticket is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Measures {
    /// Business seconds from creation to the first public agent reply (pauses excluded).
    pub frt_secs: Option<i64>,
    /// Business seconds the resolution clock ran until the ticket was solved; `None` while unsolved.
    pub resolution_secs: Option<i64>,
    /// Whether the first-response target was missed; `None` without a target or before the first reply.
    pub frt_late: Option<bool>,
    pub resolution_late: Option<bool>,
    /// The latest next-reply clock, once stopped.
    pub next_reply_late: Option<bool>,
    pub agent_replies: i64,
    /// Times the ticket went from solved or closed back to new, open, pending or on hold.
    pub reopens: i64,
}

/// Measures a ticket from its clocks (`has_targets` false when no policy covers it: the clocks were then run
/// against unreachable targets only to count business time) and its history.
pub fn measure(clocks: &[Clock], has_targets: bool, events: &[Event]) -> Measures {
    let stopped = |t: Target| {
        clocks
            .iter()
            .find(|c| c.target == t && c.stopped_at.is_some())
    };
    let late = |c: Option<&Clock>| {
        c.filter(|_| has_targets)
            .map(|c| c.state == ClockState::MetLate)
    };
    let fr = stopped(Target::FirstResponse);
    let res = stopped(Target::Resolution);
    let mut status = Status::New;
    let mut reopens = 0;
    for e in events {
        if let EventKind::Status(s) = e.kind {
            let was_done = matches!(status, Status::Solved | Status::Closed);
            if was_done
                && matches!(
                    s,
                    Status::New | Status::Open | Status::Pending | Status::OnHold
                )
            {
                reopens += 1;
            }
            status = s;
        }
    }
    Measures {
        frt_secs: fr.map(|c| c.elapsed),
        resolution_secs: res.map(|c| c.elapsed),
        frt_late: late(fr),
        resolution_late: late(res),
        next_reply_late: late(stopped(Target::NextReply)),
        agent_replies: events
            .iter()
            .filter(|e| e.kind == EventKind::AgentReply)
            .count() as i64,
        reopens,
    }
}

str_enum!(
    /// What a report groups tickets by.
    #[derive(Default)]
    Dimension {
        Agent = "agent",
        Group = "group",
        #[default]
        Channel = "channel",
        Kind = "kind",
        Priority = "priority",
        Tier = "tier",
    }
);

/// The values of every dimension for one ticket (ids for agents and groups; `None`: unassigned / no customer).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Keys {
    pub agent: Option<String>,
    pub group: Option<String>,
    pub channel: String,
    pub kind: String,
    pub priority: String,
    /// Only filled when the report groups by tier (it costs a join).
    pub tier: Option<String>,
}

impl Keys {
    pub fn get(&self, d: Dimension) -> Option<&str> {
        match d {
            Dimension::Agent => self.agent.as_deref(),
            Dimension::Group => self.group.as_deref(),
            Dimension::Channel => Some(&self.channel),
            Dimension::Kind => Some(&self.kind),
            Dimension::Priority => Some(&self.priority),
            Dimension::Tier => self.tier.as_deref(),
        }
    }
}

/// A ticket created in the period.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CreatedFact {
    pub at: i64,
    pub keys: Keys,
    pub complaint: bool,
    pub frt_secs: Option<i64>,
    pub frt_late: Option<bool>,
}

/// A ticket solved in the period (its latest solve).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SolvedFact {
    pub at: i64,
    pub keys: Keys,
    pub resolution_secs: Option<i64>,
    pub resolution_late: Option<bool>,
    pub next_reply_late: Option<bool>,
    pub agent_replies: i64,
    pub reopens: i64,
    /// `Some(true)`: the follow-up call was made; `Some(false)`: it is overdue; `None`: not due yet or none.
    pub followed_up: Option<bool>,
    pub csat: Option<i64>,
    pub nps: Option<i64>,
    pub ces: Option<i64>,
}

/// Whether a solved ticket's follow-up counts as made, missed, or not yet (due after `as_of`).
pub fn follow_up_state(stage: Option<LoopStage>, due_at: Option<i64>, as_of: i64) -> Option<bool> {
    match stage {
        Some(LoopStage::FollowedUp | LoopStage::Surveyed) => Some(true),
        Some(LoopStage::Solved) => due_at.filter(|d| *d <= as_of).map(|_| false),
        None => None,
    }
}

str_enum!(
    /// Every indicator a report shows.
    Indicator {
        Created = "created",
        Solved = "solved",
        Backlog = "backlog",
        FrtMedian = "frt_median",
        FrtP90 = "frt_p90",
        ResolutionMedian = "resolution_median",
        ResolutionP90 = "resolution_p90",
        FrtSla = "frt_sla",
        ResolutionSla = "resolution_sla",
        NextReplySla = "next_reply_sla",
        Fcr = "fcr",
        ReopenRate = "reopen_rate",
        ComplaintRate = "complaint_rate",
        FollowUpRate = "follow_up_rate",
        Csat = "csat",
        Nps = "nps",
        Ces = "ces",
        Csi = "csi",
        Sqi = "sqi",
    }
);

/// How an indicator's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Count,
    /// Business seconds.
    Duration,
    /// 0–100.
    Percent,
    /// NPS: −100…100.
    Points,
    /// A mean score (CES 1–7) or an index (CSI, SQI 0–100).
    Score,
}

/// Which way is better, for arrows and targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
    /// Volume: neither direction is good in itself.
    Neither,
}

impl Indicator {
    pub fn label(self) -> &'static str {
        use Indicator::*;
        match self {
            Created => "Created",
            Solved => "Solved",
            Backlog => "Backlog",
            FrtMedian => "First response (median)",
            FrtP90 => "First response (p90)",
            ResolutionMedian => "Resolution (median)",
            ResolutionP90 => "Resolution (p90)",
            FrtSla => "SLA first response",
            ResolutionSla => "SLA resolution",
            NextReplySla => "SLA next reply",
            Fcr => "First-contact resolution",
            ReopenRate => "Reopen rate",
            ComplaintRate => "Complaint rate",
            FollowUpRate => "Follow-up completion",
            Csat => "CSAT",
            Nps => "NPS",
            Ces => "CES",
            Csi => "CSI",
            Sqi => "SQI",
        }
    }

    /// A short name for tiles and table headers.
    pub fn short(self) -> &'static str {
        use Indicator::*;
        match self {
            FrtMedian => "FRT p50",
            FrtP90 => "FRT p90",
            ResolutionMedian => "Resolve p50",
            ResolutionP90 => "Resolve p90",
            FrtSla => "SLA FR",
            ResolutionSla => "SLA res",
            NextReplySla => "SLA NR",
            Fcr => "FCR",
            ReopenRate => "Reopen",
            ComplaintRate => "Complaints",
            FollowUpRate => "Follow-up",
            other => other.label(),
        }
    }

    pub fn unit(self) -> Unit {
        use Indicator::*;
        match self {
            Created | Solved | Backlog => Unit::Count,
            FrtMedian | FrtP90 | ResolutionMedian | ResolutionP90 => Unit::Duration,
            Nps => Unit::Points,
            Ces | Csi | Sqi => Unit::Score,
            _ => Unit::Percent,
        }
    }

    pub fn better(self) -> Better {
        use Indicator::*;
        match self {
            Created | Solved => Better::Neither,
            Backlog | FrtMedian | FrtP90 | ResolutionMedian | ResolutionP90 | ReopenRate
            | ComplaintRate | Ces => Better::Lower,
            _ => Better::Higher,
        }
    }

    /// The value as people read it: `42`, `1h30m`, `87.5%`, `+31`, `2.40`.
    pub fn format(self, v: f64) -> String {
        match self.unit() {
            Unit::Count => format!("{}", v.round() as i64),
            Unit::Duration => super::sla_policy::format_duration(v.round() as i64),
            Unit::Percent => format!("{v:.1}%"),
            Unit::Points => format!("{:+}", v.round() as i64),
            Unit::Score => format!("{v:.2}"),
        }
    }
}

/// Sums and samples over some tickets; [`Tally::value`] turns them into indicators.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub created: u64,
    pub complaints: u64,
    /// First-response business seconds of answered tickets created in the period (u32: 136 years of seconds,
    /// half the memory of i64 at a quarter of a busy desk).
    pub frt: Vec<u32>,
    /// First-response times counted per time-grid cell (cell, count), as daily roll-ups keep them.
    pub frt_cells: Vec<(u32, u64)>,
    pub frt_met: u64,
    pub frt_late: u64,
    pub solved: u64,
    pub resolution: Vec<u32>,
    pub resolution_cells: Vec<(u32, u64)>,
    pub resolution_met: u64,
    pub resolution_late: u64,
    pub next_reply_met: u64,
    pub next_reply_late: u64,
    pub first_contact: u64,
    pub reopened: u64,
    pub followed_up: u64,
    pub follow_up_missed: u64,
    pub csat_n: u64,
    pub csat_good: u64,
    pub csat_sum: i64,
    pub nps_n: u64,
    pub promoters: u64,
    pub detractors: u64,
    pub ces_n: u64,
    pub ces_sum: i64,
}

fn secs(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

fn count(flag: Option<bool>, yes: &mut u64, no: &mut u64) {
    match flag {
        Some(true) => *yes += 1,
        Some(false) => *no += 1,
        None => {}
    }
}

impl Tally {
    pub fn add_created(&mut self, f: &CreatedFact) {
        self.created += 1;
        self.complaints += u64::from(f.complaint);
        self.frt.extend(f.frt_secs.map(secs));
        count(f.frt_late, &mut self.frt_late, &mut self.frt_met);
    }

    pub fn add_solved(&mut self, f: &SolvedFact) {
        self.solved += 1;
        self.resolution.extend(f.resolution_secs.map(secs));
        count(
            f.resolution_late,
            &mut self.resolution_late,
            &mut self.resolution_met,
        );
        count(
            f.next_reply_late,
            &mut self.next_reply_late,
            &mut self.next_reply_met,
        );
        self.first_contact += u64::from(f.agent_replies <= 1 && f.reopens == 0);
        self.reopened += u64::from(f.reopens > 0);
        count(
            f.followed_up,
            &mut self.followed_up,
            &mut self.follow_up_missed,
        );
        if let Some(s) = f.csat {
            self.csat_n += 1;
            self.csat_good += u64::from(s >= 4);
            self.csat_sum += s;
        }
        if let Some(s) = f.nps {
            self.nps_n += 1;
            self.promoters += u64::from(s >= 9);
            self.detractors += u64::from(s <= 6);
        }
        if let Some(s) = f.ces {
            self.ces_n += 1;
            self.ces_sum += s;
        }
    }

    /// One indicator, or `None` when the period has nothing to compute it from (no surveys, no targets …).
    /// Backlog is a point in time, not a sum: the report fills it in.
    pub fn value(&self, ind: Indicator, rules: &MetricsRules) -> Option<f64> {
        use Indicator::*;
        let pct = |part: u64, whole: u64| (whole > 0).then(|| 100.0 * part as f64 / whole as f64);
        match ind {
            Created => Some(self.created as f64),
            Solved => Some(self.solved as f64),
            Backlog => None,
            FrtMedian => grid_percentile(&self.frt, &self.frt_cells, 50),
            FrtP90 => grid_percentile(&self.frt, &self.frt_cells, 90),
            ResolutionMedian => grid_percentile(&self.resolution, &self.resolution_cells, 50),
            ResolutionP90 => grid_percentile(&self.resolution, &self.resolution_cells, 90),
            FrtSla => pct(self.frt_met, self.frt_met + self.frt_late),
            ResolutionSla => pct(
                self.resolution_met,
                self.resolution_met + self.resolution_late,
            ),
            NextReplySla => pct(
                self.next_reply_met,
                self.next_reply_met + self.next_reply_late,
            ),
            Fcr => pct(self.first_contact, self.solved),
            ReopenRate => pct(self.reopened, self.solved),
            ComplaintRate => pct(self.complaints, self.created),
            FollowUpRate => pct(self.followed_up, self.followed_up + self.follow_up_missed),
            Csat => pct(self.csat_good, self.csat_n),
            Nps => (self.nps_n > 0).then(|| {
                100.0 * (self.promoters as f64 - self.detractors as f64) / self.nps_n as f64
            }),
            Ces => (self.ces_n > 0).then(|| self.ces_sum as f64 / self.ces_n as f64),
            Csi => weighted(&rules.csi_weights, |name| self.csi_component(name)),
            Sqi => weighted(&rules.sqi_weights, |name| {
                let ind = Indicator::parse(name)?;
                let v = self.value(ind, rules)?;
                // Rates where less is better enter the index as their complement.
                Some(if ind.better() == Better::Lower {
                    100.0 - v
                } else {
                    v
                })
            }),
        }
    }

    /// A satisfaction component on 0–100: CSAT's mean 1–5, NPS −100…100, CES 1–7 (less effort is better).
    fn csi_component(&self, name: &str) -> Option<f64> {
        match name {
            "csat" => (self.csat_n > 0)
                .then(|| (self.csat_sum as f64 / self.csat_n as f64 - 1.0) / 4.0 * 100.0),
            "nps" => self
                .value(Indicator::Nps, &MetricsRules::default())
                .map(|n| (n + 100.0) / 2.0),
            "ces" => (self.ces_n > 0)
                .then(|| (7.0 - self.ces_sum as f64 / self.ces_n as f64) / 6.0 * 100.0),
            _ => None,
        }
    }

    /// Adds another tally's sums and samples to this one.
    pub fn merge(&mut self, o: &Tally) {
        self.created += o.created;
        self.complaints += o.complaints;
        self.frt.extend_from_slice(&o.frt);
        self.frt_cells.extend_from_slice(&o.frt_cells);
        self.frt_met += o.frt_met;
        self.frt_late += o.frt_late;
        self.solved += o.solved;
        self.resolution.extend_from_slice(&o.resolution);
        self.resolution_cells.extend_from_slice(&o.resolution_cells);
        self.resolution_met += o.resolution_met;
        self.resolution_late += o.resolution_late;
        self.next_reply_met += o.next_reply_met;
        self.next_reply_late += o.next_reply_late;
        self.first_contact += o.first_contact;
        self.reopened += o.reopened;
        self.followed_up += o.followed_up;
        self.follow_up_missed += o.follow_up_missed;
        self.csat_n += o.csat_n;
        self.csat_good += o.csat_good;
        self.csat_sum += o.csat_sum;
        self.nps_n += o.nps_n;
        self.promoters += o.promoters;
        self.detractors += o.detractors;
        self.ces_n += o.ces_n;
        self.ces_sum += o.ces_sum;
    }

    /// Sorts the time samples in place, so each percentile after this reads them without copying.
    pub fn sort_samples(&mut self) {
        self.frt.sort_unstable();
        self.resolution.sort_unstable();
        coalesce(&mut self.frt_cells);
        coalesce(&mut self.resolution_cells);
    }

    /// SLA breaches of either stopped target: what "breaches by queue" counts.
    pub fn breaches(&self) -> u64 {
        self.frt_late + self.resolution_late
    }
}

/// Σ(Sᵢ × Wᵢ) / Σ Wᵢ over the components that have data (a component without data drops out with its weight).
pub fn weighted(
    weights: &std::collections::BTreeMap<String, f64>,
    score: impl Fn(&str) -> Option<f64>,
) -> Option<f64> {
    let (mut sum, mut wsum) = (0.0, 0.0);
    for (name, w) in weights {
        if let Some(s) = score(name) {
            sum += s * w;
            wsum += w;
        }
    }
    (wsum > 0.0).then(|| sum / wsum)
}

/// The nearest-rank percentile: the smallest sample with at least `p`% of the samples at or below it (so p50 of
/// 1, 2, 3, 4 is 2 — always a value that occurred).
pub fn percentile(samples: &[u32], p: u32) -> Option<f64> {
    if samples.is_empty() {
        return None;
    }
    // Reports sort each tally's samples once (`Tally::sort_samples`); anything else is sorted here, on a copy.
    let copy;
    let sorted = if samples.is_sorted() {
        samples
    } else {
        let mut v = samples.to_vec();
        v.sort_unstable();
        copy = v;
        &copy
    };
    let rank = (u64::from(p) * sorted.len() as u64).div_ceil(100).max(1) as usize;
    Some(f64::from(sorted[rank.min(sorted.len()) - 1]))
}

/// How an indicator moved against the previous period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// `current - previous` in the indicator's unit (percentage points for rates).
    pub delta: f64,
    /// Relative change in %, when the previous value is not zero.
    pub relative: Option<f64>,
    /// `Some(true)` when the move is an improvement, `None` for volume or no move.
    pub good: Option<bool>,
}

pub fn change(ind: Indicator, current: Option<f64>, previous: Option<f64>) -> Option<Change> {
    let (c, p) = (current?, previous?);
    let delta = c - p;
    let moved = delta.abs() > 1e-9;
    let good = match ind.better() {
        _ if !moved => None,
        Better::Neither => None,
        Better::Higher => Some(delta > 0.0),
        Better::Lower => Some(delta < 0.0),
    };
    Some(Change {
        delta,
        relative: (p.abs() > 1e-9).then(|| 100.0 * delta / p.abs()),
        good,
    })
}

impl Change {
    /// `▲ +12%`, `▼ -3.0 pt`, `= 0`: the arrow is the direction of the value, not its judgement.
    pub fn arrow(&self) -> &'static str {
        if self.delta > 1e-9 {
            "▲"
        } else if self.delta < -1e-9 {
            "▼"
        } else {
            "="
        }
    }

    pub fn describe(&self, ind: Indicator) -> String {
        let amount = match ind.unit() {
            Unit::Percent => format!("{:+.1} pt", self.delta),
            Unit::Points => format!("{:+}", self.delta.round() as i64),
            Unit::Score => format!("{:+.2}", self.delta),
            Unit::Duration => {
                let s = super::sla_policy::format_duration(self.delta.round() as i64);
                if self.delta >= 0.0 {
                    format!("+{s}")
                } else {
                    s
                }
            }
            Unit::Count => match self.relative {
                Some(r) => format!("{:+}%", r.round() as i64),
                None => format!("{:+}", self.delta.round() as i64),
            },
        };
        format!("{} {amount}", self.arrow())
    }
}

#[cfg(test)]
#[path = "metrics_tests.rs"]
mod tests;
