//! `[loop]`: the closed loop's delays and the rules that hold it (low scores, closing without the loop).

use serde::{Deserialize, Serialize};

use super::sla::SlaConfigError;
use crate::domain::loop_rules::LoopPolicy;
use crate::domain::sla_policy::parse_duration;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LoopConfig {
    /// The follow-up call (回访) is due this long after a ticket is solved.
    pub follow_up_after: String,
    /// A solved ticket with no customer reply for this long is closed by `desk sla run` (never while its
    /// follow-up call is still to make).
    pub auto_close_after: String,
    /// Closing reasons that let an open ticket close without being solved and followed up.
    pub skip_loop_reasons: Vec<String>,
    /// A CSAT at or below this (1–5) is a low score.
    pub low_csat: i64,
    /// An NPS at or below this (0–10; detractors are 0–6) is a low score.
    pub low_nps: i64,
    /// A low score reopens a solved ticket as well as creating the recovery task.
    pub reopen_on_low_score: bool,
    /// The recovery task falls due this long after the low score.
    pub recovery_after: String,
    /// Root causes of complaints (the report's cause analysis groups by them).
    pub complaint_root_causes: Vec<String>,
}

impl Default for LoopConfig {
    fn default() -> Self {
        let p = LoopPolicy::default();
        LoopConfig {
            follow_up_after: "1d".into(),
            auto_close_after: "7d".into(),
            skip_loop_reasons: p.skip_loop_reasons,
            low_csat: p.low_csat,
            low_nps: p.low_nps,
            reopen_on_low_score: p.reopen_on_low_score,
            recovery_after: "4h".into(),
            complaint_root_causes: p.root_causes,
        }
    }
}

/// The closed-loop delays in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoopRules {
    pub follow_up_after: i64,
    pub auto_close_after: i64,
}

impl LoopConfig {
    fn duration(key: &'static str, v: &str) -> Result<i64, SlaConfigError> {
        parse_duration(v).map_err(|problem| SlaConfigError::Loop { key, problem })
    }

    pub fn rules(&self) -> Result<LoopRules, SlaConfigError> {
        Ok(LoopRules {
            follow_up_after: Self::duration("follow_up_after", &self.follow_up_after)?,
            auto_close_after: Self::duration("auto_close_after", &self.auto_close_after)?,
        })
    }

    /// Root causes are keys people type (`root_cause=delivery`): lower case, no spaces, none twice.
    fn root_causes(&self) -> Result<Vec<String>, SlaConfigError> {
        let mut out: Vec<String> = Vec::new();
        for c in &self.complaint_root_causes {
            let key = c.trim();
            let ok = !key.is_empty()
                && key
                    .chars()
                    .all(|ch| ch.is_alphanumeric() || ch == '_' || ch == '-')
                && !out.iter().any(|k| k == key);
            if !ok {
                return Err(SlaConfigError::RootCause(c.clone()));
            }
            out.push(key.to_string());
        }
        if out.is_empty() {
            return Err(SlaConfigError::RootCause(String::new()));
        }
        Ok(out)
    }

    /// The loop's rules, checked.
    pub fn policy(&self) -> Result<LoopPolicy, SlaConfigError> {
        if !(1..=5).contains(&self.low_csat) {
            return Err(SlaConfigError::LoopValue {
                key: "low_csat",
                value: self.low_csat,
                want: "CSAT is 1–5; e.g. 2 makes 1 and 2 low scores",
            });
        }
        if !(0..=10).contains(&self.low_nps) {
            return Err(SlaConfigError::LoopValue {
                key: "low_nps",
                value: self.low_nps,
                want: "NPS is 0–10; 6 makes every detractor (0–6) a low score",
            });
        }
        Ok(LoopPolicy {
            skip_loop_reasons: self
                .skip_loop_reasons
                .iter()
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect(),
            low_csat: self.low_csat,
            low_nps: self.low_nps,
            reopen_on_low_score: self.reopen_on_low_score,
            recovery_after: Self::duration("recovery_after", &self.recovery_after)?,
            root_causes: self.root_causes()?,
        })
    }
}
