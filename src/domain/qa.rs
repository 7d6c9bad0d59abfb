//! Quality inspection (质检, 三级质检): the rubric a lead scores a ticket on, the weighted score with its critical
//! items, the weekly sample of tickets for review, calibration between two leads, and the report's QA section.
//! Pure; the store reads the facts and writes what these rules decide.

use std::collections::{BTreeMap, BTreeSet};

use crate::str_enum;

str_enum!(
    /// Why a ticket is in the QA queue.
    SampleReason {
        /// Drawn at random from the agent's solved tickets of the week.
        Random = "random",
        /// Every complaint (投诉) is reviewed.
        Complaint = "complaint",
        /// Every ticket with a low CSAT or an NPS detractor score is reviewed.
        LowScore = "low_score",
        /// A lead put it in the queue by hand.
        Manual = "manual",
    }
);

/// One item of the rubric.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Criterion {
    /// What a lead types (`accuracy=4`) and JSON carries.
    pub key: String,
    pub label: String,
    /// Share of the total; weights need not sum to 100 (the total is normalised).
    pub weight: u32,
    /// The highest score of the item (the lowest is 0).
    pub max: u32,
    /// Scored 0, it fails the whole review: the total is 0.
    pub critical: bool,
}

/// The rubric: its items in the order they are asked and shown.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rubric {
    pub criteria: Vec<Criterion>,
}

fn item(key: &str, label: &str, weight: u32, critical: bool) -> Criterion {
    Criterion {
        key: key.into(),
        label: label.into(),
        weight,
        max: 5,
        critical,
    }
}

impl Default for Rubric {
    /// The shipped rubric: six items scored 0–5, weights summing to 100, accuracy critical.
    fn default() -> Self {
        Rubric {
            criteria: vec![
                item("greeting", "Greeting 问候", 10, false),
                item("understanding", "Understanding 理解需求", 20, false),
                item("accuracy", "Accuracy 准确性", 25, true),
                item(
                    "empathy",
                    "Empathy and standard phrases 共情与标准话术",
                    15,
                    false,
                ),
                item("resolution", "Resolution 解决问题", 20, false),
                item("documentation", "Documentation 记录规范", 10, false),
            ],
        }
    }
}

/// The `[qa]` rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QaRules {
    /// Random tickets per agent per ISO week.
    pub per_agent_per_week: u32,
    /// A CSAT at or below this samples the ticket.
    pub low_csat: i64,
    /// An NPS at or below this (a detractor) samples the ticket.
    pub low_nps: i64,
    pub rubric: Rubric,
}

impl Default for QaRules {
    fn default() -> Self {
        QaRules {
            per_agent_per_week: 2,
            low_csat: 2,
            low_nps: 6,
            rubric: Rubric::default(),
        }
    }
}

/// Why a scoring is refused, in words for the lead who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    #[error("`{key}` is not a criterion of the rubric; criteria: {known}")]
    Unknown { key: String, known: String },
    #[error("{key} = {score} is out of range; score it from 0 to {max} (or `fail`)")]
    OutOfRange { key: String, score: i64, max: u32 },
    #[error("{key} is scored twice; give each criterion once")]
    Twice { key: String },
    #[error("no score for {missing}; every criterion is scored (criterion=0..max)")]
    Missing { missing: String },
    #[error("`{text}` is not criterion=score; e.g. accuracy=4 or accuracy=fail")]
    Syntax { text: String },
}

/// A problem with a configured rubric.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RubricError {
    #[error("the rubric has no criteria; add [[qa.criteria]] tables")]
    Empty,
    #[error("criterion key `{0}` is used twice")]
    Twice(String),
    #[error("criterion key `{0}` must be lower-case letters, digits and `_`")]
    BadKey(String),
    #[error("criterion `{0}` needs a max of at least 1")]
    NoMax(String),
    #[error("criterion `{0}` has weight 0; give it a weight or remove it")]
    NoWeight(String),
}

impl Rubric {
    pub fn check(&self) -> Result<(), RubricError> {
        if self.criteria.is_empty() {
            return Err(RubricError::Empty);
        }
        let mut seen = BTreeSet::new();
        for c in &self.criteria {
            let good = !c.key.is_empty()
                && c.key
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_');
            if !good {
                return Err(RubricError::BadKey(c.key.clone()));
            }
            if !seen.insert(c.key.as_str()) {
                return Err(RubricError::Twice(c.key.clone()));
            }
            if c.max == 0 {
                return Err(RubricError::NoMax(c.key.clone()));
            }
            if c.weight == 0 {
                return Err(RubricError::NoWeight(c.key.clone()));
            }
        }
        Ok(())
    }

    pub fn get(&self, key: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.key == key)
    }

    fn keys(&self) -> String {
        let keys: Vec<&str> = self.criteria.iter().map(|c| c.key.as_str()).collect();
        keys.join(", ")
    }

    /// Parses `criterion=score` words (`fail` is 0) and scores them.
    pub fn parse(&self, words: &[String]) -> Result<Scored, ScoreError> {
        let mut given = Vec::new();
        for w in words {
            let Some((k, v)) = w.split_once('=') else {
                return Err(ScoreError::Syntax { text: w.clone() });
            };
            let v = v.trim();
            let score = if v.eq_ignore_ascii_case("fail") {
                0
            } else {
                v.parse::<i64>()
                    .map_err(|_| ScoreError::Syntax { text: w.clone() })?
            };
            given.push((k.trim().to_string(), score));
        }
        self.score(&given)
    }

    /// Checks one score per criterion and computes the weighted total.
    pub fn score(&self, given: &[(String, i64)]) -> Result<Scored, ScoreError> {
        let mut by_key: BTreeMap<&str, i64> = BTreeMap::new();
        for (key, score) in given {
            let Some(c) = self.get(key) else {
                return Err(ScoreError::Unknown {
                    key: crate::domain::text::sanitize(key),
                    known: self.keys(),
                });
            };
            if *score < 0 || *score > i64::from(c.max) {
                return Err(ScoreError::OutOfRange {
                    key: c.key.clone(),
                    score: *score,
                    max: c.max,
                });
            }
            if by_key.insert(c.key.as_str(), *score).is_some() {
                return Err(ScoreError::Twice { key: c.key.clone() });
            }
        }
        let missing: Vec<&str> = self
            .criteria
            .iter()
            .filter(|c| !by_key.contains_key(c.key.as_str()))
            .map(|c| c.key.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(ScoreError::Missing {
                missing: missing.join(", "),
            });
        }
        let items: Vec<ItemScore> = self
            .criteria
            .iter()
            .map(|c| ItemScore {
                key: c.key.clone(),
                label: c.label.clone(),
                score: by_key.get(c.key.as_str()).copied().unwrap_or(0),
                max: c.max,
                weight: c.weight,
                critical: c.critical,
            })
            .collect();
        Ok(Scored::of(items))
    }
}

/// One criterion as scored in a review, with the rubric's weight and max at the time (kept with the review, so
/// a later rubric change does not rewrite old scores).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ItemScore {
    pub key: String,
    pub label: String,
    pub score: i64,
    pub max: u32,
    pub weight: u32,
    pub critical: bool,
}

impl ItemScore {
    /// The item as a percentage of its max.
    pub fn percent(&self) -> f64 {
        if self.max == 0 {
            return 0.0;
        }
        self.score.clamp(0, i64::from(self.max)) as f64 * 100.0 / f64::from(self.max)
    }
}

/// A scored review: its items, the total out of 100 and whether a critical item failed it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scored {
    pub items: Vec<ItemScore>,
    pub total: f64,
    pub failed_critical: bool,
}

/// Rounded to one decimal place.
pub fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

impl Scored {
    /// total = 100 × Σ(weightᵢ × scoreᵢ / maxᵢ) / Σ weightᵢ, rounded to 0.1; 0 when a critical item scored 0.
    pub fn of(items: Vec<ItemScore>) -> Scored {
        let failed_critical = items.iter().any(|i| i.critical && i.score <= 0);
        let weights: f64 = items.iter().map(|i| f64::from(i.weight)).sum();
        let total = if failed_critical || weights <= 0.0 {
            0.0
        } else {
            let sum: f64 = items
                .iter()
                .map(|i| f64::from(i.weight) * i.percent())
                .sum();
            round1(sum / weights)
        };
        Scored {
            items,
            total: total.clamp(0.0, 100.0),
            failed_critical,
        }
    }
}

/// A solved ticket that may be sampled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub ticket: i64,
    /// The agent whose work is reviewed (the assignee).
    pub agent: String,
    /// ISO week (`2026-W47`) the ticket was solved in.
    pub week: String,
    pub complaint: bool,
    /// The lowest CSAT and NPS the ticket got, if any.
    pub csat: Option<i64>,
    pub nps: Option<i64>,
}

/// A ticket already in the queue: never sampled again, and its random draws count against the week's share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sampled {
    pub ticket: i64,
    pub agent: String,
    pub week: String,
    pub reason: SampleReason,
}

/// A stable pseudo-random rank of `ticket` under `seed` (splitmix64): the same seed draws the same tickets.
fn rank(seed: u64, ticket: i64) -> u64 {
    let mut z = seed ^ (ticket as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// What to add to the queue: every complaint and low score among `candidates`, and per agent and week at most
/// `per_agent_per_week` random others, less the random draws already made for that agent and week. Tickets in
/// `already` (or twice in `candidates`) are never chosen again. Deterministic for a given `seed`.
pub fn sample(
    candidates: &[Candidate],
    already: &[Sampled],
    rules: &QaRules,
    seed: u64,
) -> Vec<Sampled> {
    let mut taken: BTreeSet<i64> = already.iter().map(|s| s.ticket).collect();
    let mut drawn: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for s in already.iter().filter(|s| s.reason == SampleReason::Random) {
        *drawn
            .entry((s.agent.as_str(), s.week.as_str()))
            .or_default() += 1;
    }
    let mut out = Vec::new();
    let mut rest: BTreeMap<(&str, &str), Vec<&Candidate>> = BTreeMap::new();
    for c in candidates {
        let low = c.csat.is_some_and(|s| s <= rules.low_csat)
            || c.nps.is_some_and(|s| s <= rules.low_nps);
        let reason = if c.complaint {
            Some(SampleReason::Complaint)
        } else if low {
            Some(SampleReason::LowScore)
        } else {
            None
        };
        match reason {
            Some(reason) => {
                if taken.insert(c.ticket) {
                    out.push(Sampled {
                        ticket: c.ticket,
                        agent: c.agent.clone(),
                        week: c.week.clone(),
                        reason,
                    });
                }
            }
            None => rest
                .entry((c.agent.as_str(), c.week.as_str()))
                .or_default()
                .push(c),
        }
    }
    for ((agent, week), mut pool) in rest {
        let room = (rules.per_agent_per_week as usize)
            .saturating_sub(drawn.get(&(agent, week)).copied().unwrap_or(0));
        pool.sort_by_key(|c| (rank(seed, c.ticket), c.ticket));
        let mut picked = 0;
        for c in pool {
            if picked >= room {
                break;
            }
            if taken.insert(c.ticket) {
                out.push(Sampled {
                    ticket: c.ticket,
                    agent: agent.to_string(),
                    week: week.to_string(),
                    reason: SampleReason::Random,
                });
                picked += 1;
            }
        }
    }
    out
}

/// The ISO week (`2026-W47`) of `t` at UTC offset `offset` seconds.
pub fn iso_week(t: i64, offset: i64) -> String {
    use chrono::Datelike;
    let day = chrono::DateTime::from_timestamp(t.saturating_add(offset), 0)
        .map(|d| d.date_naive())
        .unwrap_or_default();
    let w = day.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// Monday 00:00 of an ISO week (`2026-W47`) at UTC offset `offset`, and the Monday after; `None` if not a week.
pub fn week_range(week: &str, offset: i64) -> Option<(i64, i64)> {
    let (y, w) = week.trim().split_once("-W")?;
    let (y, w): (i32, u32) = (y.parse().ok()?, w.parse().ok()?);
    let monday = chrono::NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
    let start = monday
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp()
        - offset;
    Some((start, start + 7 * 86_400))
}

#[cfg(test)]
#[path = "qa_tests.rs"]
mod tests;
