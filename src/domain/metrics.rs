//! Service-quality metrics (KPIs 关键绩效指标) defined over plain per-ticket records, so every number a dashboard
//! or report shows is computed here, once, and tested on hand-worked fixtures. Formulas: docs/METRICS.md.
//!
//! Two record kinds feed a [`Tally`]: a ticket *created* in the period (volume, complaints, first response) and a
//! ticket *solved* in the period (resolution, SLA, first-contact resolution, reopens, follow-up, surveys).

use super::metrics_grid::{coalesce, grid_percentile};
use super::questionnaire::ItemSum;
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
    /// When the first public agent reply was made: wall-clock first response is this minus `at`.
    pub first_response_at: Option<i64>,
}

/// A ticket solved in the period (its latest solve).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SolvedFact {
    pub at: i64,
    /// When the ticket was created: wall-clock resolution is `at` minus this.
    pub created_at: Option<i64>,
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

/// A questionnaire item answered in the period, keyed by the ticket it is about.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemFact {
    pub at: i64,
    pub keys: Keys,
    pub item: String,
    pub score: i64,
}

/// Whether a solved ticket's follow-up counts as made, missed, or not yet (due after `as_of`).
pub fn follow_up_state(stage: Option<LoopStage>, due_at: Option<i64>, as_of: i64) -> Option<bool> {
    match stage {
        Some(LoopStage::FollowedUp | LoopStage::Surveyed) => Some(true),
        Some(LoopStage::Solved) => due_at.filter(|d| *d <= as_of).map(|_| false),
        None => None,
    }
}

pub use super::metrics_indicator::{Better, Indicator, Unit};

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
    /// Sums of the clamped samples above (in the samples or the cells), for the means.
    pub frt_sum: u64,
    pub resolution_sum: u64,
    /// Wall-clock times: first reply minus creation over answered tickets created in the period, last solve
    /// minus creation over tickets solved in it; samples, cells and sums as for business time.
    pub frt_wall: Vec<u32>,
    pub frt_wall_cells: Vec<(u32, u64)>,
    pub frt_wall_sum: u64,
    pub resolution_wall: Vec<u32>,
    pub resolution_wall_cells: Vec<(u32, u64)>,
    pub resolution_wall_sum: u64,
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
    /// Questionnaire answers per item, by when they were given.
    pub items: std::collections::BTreeMap<String, ItemSum>,
}

fn secs(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

/// The mean of times kept as samples and cells summing to `sum`, rounded to whole seconds; `None` without any.
fn mean(sum: u64, samples: &[u32], cells: &[(u32, u64)]) -> Option<f64> {
    let n = samples.len() as u64 + cells.iter().map(|c| c.1).sum::<u64>();
    (n > 0).then(|| (sum as f64 / n as f64).round())
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
        if let Some(s) = f.frt_secs.map(secs) {
            self.frt.push(s);
            self.frt_sum += u64::from(s);
        }
        if let Some(s) = f.first_response_at.map(|r| secs(r.saturating_sub(f.at))) {
            self.frt_wall.push(s);
            self.frt_wall_sum += u64::from(s);
        }
        count(f.frt_late, &mut self.frt_late, &mut self.frt_met);
    }

    pub fn add_item(&mut self, f: &ItemFact) {
        match self.items.get_mut(&f.item) {
            Some(s) => s.add(f.score),
            None => self.items.entry(f.item.clone()).or_default().add(f.score),
        }
    }

    pub fn add_solved(&mut self, f: &SolvedFact) {
        self.solved += 1;
        if let Some(s) = f.resolution_secs.map(secs) {
            self.resolution.push(s);
            self.resolution_sum += u64::from(s);
        }
        if let Some(s) = f.created_at.map(|c| secs(f.at.saturating_sub(c))) {
            self.resolution_wall.push(s);
            self.resolution_wall_sum += u64::from(s);
        }
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
            FrtMean => mean(self.frt_sum, &self.frt, &self.frt_cells),
            FrtMedian => grid_percentile(&self.frt, &self.frt_cells, 50),
            FrtP90 => grid_percentile(&self.frt, &self.frt_cells, 90),
            ResolutionMean => mean(
                self.resolution_sum,
                &self.resolution,
                &self.resolution_cells,
            ),
            ResolutionMedian => grid_percentile(&self.resolution, &self.resolution_cells, 50),
            ResolutionP90 => grid_percentile(&self.resolution, &self.resolution_cells, 90),
            FrtWallMean => mean(self.frt_wall_sum, &self.frt_wall, &self.frt_wall_cells),
            FrtWallMedian => grid_percentile(&self.frt_wall, &self.frt_wall_cells, 50),
            FrtWallP90 => grid_percentile(&self.frt_wall, &self.frt_wall_cells, 90),
            ResolutionWallMean => mean(
                self.resolution_wall_sum,
                &self.resolution_wall,
                &self.resolution_wall_cells,
            ),
            ResolutionWallMedian => {
                grid_percentile(&self.resolution_wall, &self.resolution_wall_cells, 50)
            }
            ResolutionWallP90 => {
                grid_percentile(&self.resolution_wall, &self.resolution_wall_cells, 90)
            }
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
            // Over the questionnaire's items once any were answered, else over CSAT, NPS and CES.
            Csi => super::questionnaire::csi(&self.items, &rules.csi_items)
                .or_else(|| weighted(&rules.csi_weights, |name| self.csi_component(name))),
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
        self.frt_sum += o.frt_sum;
        self.resolution_sum += o.resolution_sum;
        self.frt_wall.extend_from_slice(&o.frt_wall);
        self.frt_wall_cells.extend_from_slice(&o.frt_wall_cells);
        self.frt_wall_sum += o.frt_wall_sum;
        self.resolution_wall.extend_from_slice(&o.resolution_wall);
        self.resolution_wall_cells
            .extend_from_slice(&o.resolution_wall_cells);
        self.resolution_wall_sum += o.resolution_wall_sum;
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
        for (k, v) in &o.items {
            self.items.entry(k.clone()).or_default().merge(*v);
        }
    }

    /// Sorts the time samples in place, so each percentile after this reads them without copying.
    pub fn sort_samples(&mut self) {
        self.frt.sort_unstable();
        self.resolution.sort_unstable();
        self.frt_wall.sort_unstable();
        self.resolution_wall.sort_unstable();
        coalesce(&mut self.frt_cells);
        coalesce(&mut self.resolution_cells);
        coalesce(&mut self.frt_wall_cells);
        coalesce(&mut self.resolution_wall_cells);
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
pub(crate) mod tests;
