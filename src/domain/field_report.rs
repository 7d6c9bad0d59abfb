//! Field-service measures for the report and the dashboard (issue 22, item 7; defined in docs/METRICS.md):
//! visits per engineer, first-time fix, on-time arrival, no-shows, parts used and their cost, the in- and
//! out-of-warranty share, and returns by kind, reason and outcome. Pure: the store hands in one fact per visit,
//! part and request of the period.

use std::collections::BTreeMap;

use serde::Serialize;

use super::returns::{RmaKind, RmaReason, RmaStatus};
use super::visit::VisitStatus;
use super::warranty::Coverage;

/// A visit that ended (completed or no-show) in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitFact {
    pub engineer: Option<String>,
    pub status: VisitStatus,
    pub window_end: Option<i64>,
    pub arrive_by: Option<i64>,
    pub arrived_at: Option<i64>,
    pub coverage: Coverage,
    pub labour_minutes: i64,
    /// Visits on the same ticket that reached the customer, this one included.
    pub trips: u32,
}

/// Parts consumed in the period, per part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartUse {
    pub code: String,
    pub name: String,
    pub qty: i64,
    pub cost_cents: i64,
    pub value_cents: i64,
}

/// A return, exchange or repair request made in the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReturnFact {
    pub kind: RmaKind,
    pub reason: RmaReason,
    pub status: RmaStatus,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EngineerRow {
    pub engineer: String,
    pub completed: u32,
    pub no_shows: u32,
    pub first_time_fixes: u32,
    pub on_time: u32,
    pub arrived: u32,
    pub labour_minutes: i64,
}

/// The field-service section of a report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FieldReport {
    pub completed: u32,
    pub no_shows: u32,
    /// Completed visits that were the ticket's only trip, over completed visits (percent).
    pub first_time_fix_rate: Option<f64>,
    /// Arrivals no later than the window's end, over arrivals (percent).
    pub on_time_rate: Option<f64>,
    /// Arrivals no later than the on-site arrival target, over arrivals with a target (percent).
    pub arrival_target_met_rate: Option<f64>,
    /// No-shows over completed plus no-shows (percent).
    pub no_show_rate: Option<f64>,
    /// Completed visits decided out of warranty, over completed visits with a decision (percent).
    pub out_of_warranty_share: Option<f64>,
    pub in_warranty: u32,
    pub out_of_warranty: u32,
    pub engineers: Vec<EngineerRow>,
    pub parts: Vec<PartUse>,
    pub parts_cost_cents: i64,
    pub parts_value_cents: i64,
    /// Requests by kind, by reason and by where they stand: `(word, count)`, most first.
    pub returns_by_kind: Vec<(String, u32)>,
    pub returns_by_reason: Vec<(String, u32)>,
    pub returns_by_status: Vec<(String, u32)>,
}

impl FieldReport {
    /// Nothing happened in the field this period: the report leaves the section out.
    pub fn is_empty(&self) -> bool {
        self.completed + self.no_shows == 0
            && self.parts.is_empty()
            && self.returns_by_kind.is_empty()
    }
}

/// `12.5%`, or `—` when there is no rate.
pub fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| format!("{v:.1}%"))
}

/// `no reason 3, quality 2`: counted words as the report and the dashboard list them.
pub fn counts_text(v: &[(String, u32)]) -> String {
    v.iter()
        .map(|(k, n)| format!("{} {n}", k.replace('_', " ")))
        .collect::<Vec<_>>()
        .join(", ")
}

fn rate(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| 100.0 * f64::from(part) / f64::from(whole))
}

fn counted<K: Ord + ToString>(items: impl Iterator<Item = K>) -> Vec<(String, u32)> {
    let mut n: BTreeMap<K, u32> = BTreeMap::new();
    for k in items {
        *n.entry(k).or_default() += 1;
    }
    let mut v: Vec<(String, u32)> = n.into_iter().map(|(k, c)| (k.to_string(), c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

pub fn build(visits: &[VisitFact], mut parts: Vec<PartUse>, returns: &[ReturnFact]) -> FieldReport {
    let mut r = FieldReport::default();
    let mut by_engineer: BTreeMap<String, EngineerRow> = BTreeMap::new();
    let (mut arrived, mut on_time, mut with_target, mut target_met, mut ftf) = (0, 0, 0, 0, 0);
    for v in visits {
        let name = v.engineer.clone().unwrap_or_else(|| "—".into());
        let e = by_engineer
            .entry(name.clone())
            .or_insert_with(|| EngineerRow {
                engineer: name,
                ..EngineerRow::default()
            });
        match v.status {
            VisitStatus::Completed => {
                r.completed += 1;
                e.completed += 1;
                e.labour_minutes += v.labour_minutes;
                if v.trips <= 1 {
                    ftf += 1;
                    e.first_time_fixes += 1;
                }
                match v.coverage {
                    Coverage::In => r.in_warranty += 1,
                    Coverage::Out => r.out_of_warranty += 1,
                    Coverage::Unknown => {}
                }
            }
            VisitStatus::NoShow => {
                r.no_shows += 1;
                e.no_shows += 1;
            }
            _ => {}
        }
        if let Some(at) = v.arrived_at {
            arrived += 1;
            e.arrived += 1;
            if v.window_end.is_none_or(|end| at <= end) {
                on_time += 1;
                e.on_time += 1;
            }
            if let Some(by) = v.arrive_by {
                with_target += 1;
                if at <= by {
                    target_met += 1;
                }
            }
        }
    }
    r.first_time_fix_rate = rate(ftf, r.completed);
    r.on_time_rate = rate(on_time, arrived);
    r.arrival_target_met_rate = rate(target_met, with_target);
    r.no_show_rate = rate(r.no_shows, r.completed + r.no_shows);
    r.out_of_warranty_share = rate(r.out_of_warranty, r.in_warranty + r.out_of_warranty);
    r.engineers = by_engineer.into_values().collect();
    r.engineers.sort_by(|a, b| {
        b.completed
            .cmp(&a.completed)
            .then(a.engineer.cmp(&b.engineer))
    });
    parts.sort_by(|a, b| b.value_cents.cmp(&a.value_cents).then(a.code.cmp(&b.code)));
    r.parts_cost_cents = parts.iter().map(|p| p.cost_cents).sum();
    r.parts_value_cents = parts.iter().map(|p| p.value_cents).sum();
    r.parts = parts;
    r.returns_by_kind = counted(returns.iter().map(|f| f.kind.as_str()));
    r.returns_by_reason = counted(returns.iter().map(|f| f.reason.as_str()));
    r.returns_by_status = counted(returns.iter().map(|f| f.status.as_str()));
    r
}

#[cfg(test)]
#[path = "field_report_tests.rs"]
mod tests;
