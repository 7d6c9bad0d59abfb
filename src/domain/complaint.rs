//! The complaint procedure's guards (投诉处理: 接收 → 登记 → 调查 → 处理 → 回访): what each stage needs recorded
//! before a complaint may reach it, and that the stage never runs ahead of the ticket's status. Pure.

use super::service_loop::{ComplaintStage, FollowUpOutcome};
use super::ticket::Status;
use crate::str_enum;

str_enum!(
    /// How serious a complaint is (投诉等级), recorded when it is registered.
    ComplaintSeverity {
        Minor = "minor",
        Major = "major",
        Critical = "critical",
    }
);

impl ComplaintSeverity {
    pub fn label(self) -> &'static str {
        match self {
            ComplaintSeverity::Minor => "minor 一般",
            ComplaintSeverity::Major => "major 严重",
            ComplaintSeverity::Critical => "critical 重大",
        }
    }
}

/// The shipped root-cause categories (分类汇总，分析共性原因); `[complaints] root_causes` replaces them.
pub const DEFAULT_ROOT_CAUSES: &[&str] = &[
    "product_quality",
    "service_attitude",
    "delivery",
    "price",
    "process",
    "other",
];

/// What a complaint has recorded, as the guards read it (after the write's own edits).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComplaintFacts {
    pub category: Option<String>,
    pub severity: Option<ComplaintSeverity>,
    /// The responsible person's handle.
    pub owner: Option<String>,
    pub root_cause: Option<String>,
    pub resolution: Option<String>,
    /// The outcome of the latest follow-up call, if one was made.
    pub follow_up: Option<FollowUpOutcome>,
}

fn filled(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// Why a complaint may not be at `stage` with this ticket `status` and these facts; `None` when it may. A stage
/// needs what every stage up to it needs, so no stage is skipped over.
pub fn stage_blocks(
    stage: ComplaintStage,
    status: Status,
    facts: &ComplaintFacts,
    root_causes: &[String],
) -> Option<String> {
    use ComplaintStage::*;
    let at_least = |s: ComplaintStage| stage >= s;
    let mut missing = Vec::new();
    if at_least(Registered) {
        if !filled(&facts.category) {
            missing.push("a complaint category (complaint_category=…)".to_string());
        }
        if facts.severity.is_none() {
            missing.push(format!(
                "a severity (complaint_severity={})",
                ComplaintSeverity::NAMES.join("|")
            ));
        }
    }
    if at_least(Investigating) && !filled(&facts.owner) {
        missing.push("a responsible person (complaint_owner=HANDLE)".into());
    }
    if at_least(Resolved) {
        match facts.root_cause.as_deref() {
            None | Some("") => missing.push(format!(
                "a root cause (root_cause={})",
                root_causes.join("|")
            )),
            Some(c) if !root_causes.iter().any(|r| r == c) => missing.push(format!(
                "a root cause from the list (`{c}` is not one: {})",
                root_causes.join(", ")
            )),
            Some(_) => {}
        }
        if !filled(&facts.resolution) {
            missing.push("a resolution note (complaint_resolution=…)".into());
        }
    }
    if at_least(Revisited) && facts.follow_up.is_none() {
        missing
            .push("the follow-up call's outcome (F on the ticket, or desk task follow-up)".into());
    }
    if !missing.is_empty() {
        return Some(format!(
            "a complaint is {} only with {}",
            stage.label(),
            missing.join(", ")
        ));
    }
    // The procedure follows the ticket: handled (处理) once solved, revisited (回访) only after that.
    if at_least(Resolved) && status.is_open() {
        return Some(format!(
            "the ticket is {}: a complaint is {} once the ticket is solved",
            status.label(),
            stage.label()
        ));
    }
    None
}

#[cfg(test)]
#[path = "complaint_tests.rs"]
mod tests;
