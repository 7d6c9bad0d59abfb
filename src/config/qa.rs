//! `[qa]`: quality inspection (质检) — how many tickets are sampled per agent and week, which scores always
//! sample a ticket, and the rubric a lead scores on (`[[qa.criteria]]`), checked when the config is read.

use serde::{Deserialize, Serialize};

use crate::domain::qa::{Criterion, QaRules, Rubric};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QaConfig {
    /// Random solved tickets per agent per ISO week.
    pub per_agent_per_week: u32,
    /// A CSAT (1–5) at or below this always samples the ticket.
    pub low_csat: i64,
    /// An NPS (0–10) at or below this (a detractor) always samples the ticket.
    pub low_nps: i64,
    /// The rubric; a list here replaces the shipped one.
    pub criteria: Vec<CriterionConfig>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionConfig {
    pub key: String,
    pub label: String,
    pub weight: u32,
    #[serde(default = "five")]
    pub max: u32,
    #[serde(default)]
    pub critical: bool,
}

fn five() -> u32 {
    5
}

impl Default for QaConfig {
    fn default() -> Self {
        let d = QaRules::default();
        QaConfig {
            per_agent_per_week: d.per_agent_per_week,
            low_csat: d.low_csat,
            low_nps: d.low_nps,
            criteria: d
                .rubric
                .criteria
                .into_iter()
                .map(|c| CriterionConfig {
                    key: c.key,
                    label: c.label,
                    weight: c.weight,
                    max: c.max,
                    critical: c.critical,
                })
                .collect(),
        }
    }
}

impl QaConfig {
    /// The rules; errors name the key.
    pub fn rules(&self) -> Result<QaRules, String> {
        let rubric = Rubric {
            criteria: self
                .criteria
                .iter()
                .map(|c| Criterion {
                    key: c.key.trim().to_string(),
                    label: c.label.trim().to_string(),
                    weight: c.weight,
                    max: c.max,
                    critical: c.critical,
                })
                .collect(),
        };
        rubric.check().map_err(|e| format!("[qa] criteria: {e}"))?;
        if !(1..=5).contains(&self.low_csat) {
            return Err(format!(
                "[qa] low_csat: {} is not a CSAT score; use 1 to 5",
                self.low_csat
            ));
        }
        if !(0..=10).contains(&self.low_nps) {
            return Err(format!(
                "[qa] low_nps: {} is not an NPS score; use 0 to 10",
                self.low_nps
            ));
        }
        Ok(QaRules {
            per_agent_per_week: self.per_agent_per_week,
            low_csat: self.low_csat,
            low_nps: self.low_nps,
            rubric,
        })
    }
}
