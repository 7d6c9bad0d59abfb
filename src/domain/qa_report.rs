//! The report's QA section (docs/METRICS.md, "Quality inspection"): mean score per agent, per criterion and per
//! week, reviews failed on a critical item, and calibration — two leads' reviews of one ticket side by side.
//! Each ticket counts once in the means, by its first review; later reviews of it are calibration only.

use std::collections::BTreeMap;

use super::qa::{ItemScore, Rubric, Scored, round1};

/// One stored review, as the report reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewFact {
    pub ticket: i64,
    /// The agent reviewed.
    pub agent: String,
    pub reviewer: String,
    /// The ISO week of the review (`2026-W47`).
    pub week: String,
    pub created_at: i64,
    pub scored: Scored,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WeekQa {
    pub week: String,
    pub reviews: usize,
    pub mean_score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AgentQa {
    pub agent: String,
    pub reviews: usize,
    pub mean_score: Option<f64>,
    pub failed_critical: usize,
    /// The agent's mean per week, oldest first.
    pub weeks: Vec<WeekQa>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CriterionQa {
    pub key: String,
    pub label: String,
    pub reviews: usize,
    /// Mean of score ÷ max × 100 over the reviews that scored it.
    pub mean_percent: Option<f64>,
    /// The same per ISO week of the review, oldest first.
    pub weeks: Vec<WeekPercent>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WeekPercent {
    pub week: String,
    pub reviews: usize,
    pub mean_percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CriterionDiff {
    pub key: String,
    pub first: Option<i64>,
    pub second: Option<i64>,
    /// second − first, in the criterion's points.
    pub diff: Option<i64>,
}

/// Two leads' reviews of one ticket: the first two reviewers, by time.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Calibration {
    pub ticket: i64,
    pub agent: String,
    pub first: String,
    pub second: String,
    pub first_total: f64,
    pub second_total: f64,
    /// second − first, in points out of 100.
    pub total_diff: f64,
    pub criteria: Vec<CriterionDiff>,
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct QaReport {
    /// Tickets reviewed (each once, by its first review).
    pub reviews: usize,
    pub mean_score: Option<f64>,
    pub failed_critical: usize,
    pub agents: Vec<AgentQa>,
    pub criteria: Vec<CriterionQa>,
    pub weeks: Vec<WeekQa>,
    pub calibration: Vec<Calibration>,
    /// Mean of |total_diff| over the calibration pairs.
    pub calibration_mean_abs_diff: Option<f64>,
}

impl QaReport {
    pub fn is_empty(&self) -> bool {
        self.reviews == 0 && self.calibration.is_empty()
    }
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| round1(values.iter().sum::<f64>() / values.len() as f64))
}

fn weeks_of(reviews: &[&ReviewFact]) -> Vec<WeekQa> {
    let mut by: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for r in reviews {
        by.entry(r.week.as_str()).or_default().push(r.scored.total);
    }
    by.into_iter()
        .map(|(week, totals)| WeekQa {
            week: week.to_string(),
            reviews: totals.len(),
            mean_score: mean(&totals),
        })
        .collect()
}

fn score_of(items: &[ItemScore], key: &str) -> Option<i64> {
    items.iter().find(|i| i.key == key).map(|i| i.score)
}

/// The QA section over `facts` (any order); criteria in rubric order, then any that old reviews carry.
pub fn build(facts: &[ReviewFact], rubric: &Rubric) -> QaReport {
    let mut sorted: Vec<&ReviewFact> = facts.iter().collect();
    sorted.sort_by(|a, b| {
        (a.ticket, a.created_at, &a.reviewer).cmp(&(b.ticket, b.created_at, &b.reviewer))
    });
    let mut per_ticket: BTreeMap<i64, Vec<&ReviewFact>> = BTreeMap::new();
    for f in sorted {
        per_ticket.entry(f.ticket).or_default().push(f);
    }
    let firsts: Vec<&ReviewFact> = per_ticket
        .values()
        .filter_map(|v| v.first().copied())
        .collect();
    let totals: Vec<f64> = firsts.iter().map(|r| r.scored.total).collect();
    let mut by_agent: BTreeMap<&str, Vec<&ReviewFact>> = BTreeMap::new();
    for r in &firsts {
        by_agent.entry(r.agent.as_str()).or_default().push(r);
    }
    let agents = by_agent
        .into_iter()
        .map(|(agent, rs)| {
            let t: Vec<f64> = rs.iter().map(|r| r.scored.total).collect();
            AgentQa {
                agent: agent.to_string(),
                reviews: rs.len(),
                mean_score: mean(&t),
                failed_critical: rs.iter().filter(|r| r.scored.failed_critical).count(),
                weeks: weeks_of(&rs),
            }
        })
        .collect();
    let mut keys: Vec<(String, String)> = rubric
        .criteria
        .iter()
        .map(|c| (c.key.clone(), c.label.clone()))
        .collect();
    for r in &firsts {
        for i in &r.scored.items {
            if !keys.iter().any(|(k, _)| *k == i.key) {
                keys.push((i.key.clone(), i.label.clone()));
            }
        }
    }
    let criteria = keys
        .into_iter()
        .map(|(key, label)| {
            let mut by_week: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
            for r in &firsts {
                if let Some(i) = r.scored.items.iter().find(|i| i.key == key) {
                    by_week
                        .entry(r.week.as_str())
                        .or_default()
                        .push(i.percent());
                }
            }
            let all: Vec<f64> = by_week.values().flatten().copied().collect();
            CriterionQa {
                reviews: all.len(),
                mean_percent: mean(&all),
                weeks: by_week
                    .into_iter()
                    .map(|(week, p)| WeekPercent {
                        week: week.to_string(),
                        reviews: p.len(),
                        mean_percent: mean(&p),
                    })
                    .collect(),
                key,
                label,
            }
        })
        .collect();
    let calibration: Vec<Calibration> = per_ticket.values().filter_map(|v| calibrate(v)).collect();
    let diffs: Vec<f64> = calibration.iter().map(|c| c.total_diff.abs()).collect();
    QaReport {
        reviews: firsts.len(),
        mean_score: mean(&totals),
        failed_critical: firsts.iter().filter(|r| r.scored.failed_critical).count(),
        agents,
        criteria,
        weeks: weeks_of(&firsts),
        calibration,
        calibration_mean_abs_diff: mean(&diffs),
    }
}

/// The first two reviewers of one ticket's reviews (sorted by time), compared; `None` with one reviewer.
pub fn calibrate(reviews: &[&ReviewFact]) -> Option<Calibration> {
    let a = *reviews.first()?;
    let b = *reviews.iter().find(|r| r.reviewer != a.reviewer)?;
    let mut keys: Vec<&str> = a.scored.items.iter().map(|i| i.key.as_str()).collect();
    for i in &b.scored.items {
        if !keys.contains(&i.key.as_str()) {
            keys.push(i.key.as_str());
        }
    }
    let criteria = keys
        .into_iter()
        .map(|key| {
            let (first, second) = (
                score_of(&a.scored.items, key),
                score_of(&b.scored.items, key),
            );
            CriterionDiff {
                key: key.to_string(),
                first,
                second,
                diff: first.zip(second).map(|(x, y)| y - x),
            }
        })
        .collect();
    Some(Calibration {
        ticket: a.ticket,
        agent: a.agent.clone(),
        first: a.reviewer.clone(),
        second: b.reviewer.clone(),
        first_total: a.scored.total,
        second_total: b.scored.total,
        total_diff: round1(b.scored.total - a.scored.total),
        criteria,
    })
}
