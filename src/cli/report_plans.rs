//! The report's improvement side: complaint causes (分类汇总，分析共性原因) and the improvement actions (PDCA), each
//! action's indicator when it was made and in this report, whether it moved the right way and reached its target.

use super::output::{Out, short_date};
use crate::domain::metrics::Indicator;
use crate::domain::metrics_report::Report;
use crate::domain::plan::{Effect, PlanStatus, effect, reaches};
use crate::domain::text::SafeText;
use crate::store::plans::PlanRow;

/// One action with its indicator before (baseline) and now (this report's period).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlanOutcome {
    pub number: i64,
    pub title: SafeText,
    pub owner: Option<String>,
    pub status: PlanStatus,
    pub due_at: i64,
    pub indicator: Indicator,
    pub baseline: Option<f64>,
    pub current: Option<f64>,
    pub target: Option<f64>,
    pub effect: Effect,
    pub reaches_target: Option<bool>,
}

pub fn outcomes(report: &Report, plans: &[PlanRow]) -> Vec<PlanOutcome> {
    plans
        .iter()
        .map(|p| {
            let current = report.indicator(p.indicator).and_then(|r| r.current);
            PlanOutcome {
                number: p.number,
                title: p.title.clone(),
                owner: p.owner.clone(),
                status: p.status,
                due_at: p.due_at,
                indicator: p.indicator,
                baseline: p.baseline,
                current,
                target: p.target,
                effect: effect(p.indicator, p.baseline, current),
                reaches_target: reaches(p.indicator, current, p.target),
            }
        })
        .collect()
}

/// An indicator's value as the report writes it, `—` when there is none.
pub(super) fn value(ind: Indicator, v: Option<f64>) -> String {
    v.map_or("—".into(), |v| ind.format(v))
}

/// `### Improvement actions` under the suggestions; nothing when there are none.
pub fn write_md(out: &mut Out<'_>, plans: &[PlanOutcome]) -> std::io::Result<()> {
    writeln!(
        out,
        "`desk plan add --from-suggestion N` makes a suggestion an improvement action.\n"
    )?;
    if plans.is_empty() {
        return Ok(());
    }
    writeln!(out, "### Improvement actions 改进措施 (PDCA)\n")?;
    writeln!(
        out,
        "| Action | Status | Owner | Due | Indicator | Before | Now | Target | Effect |\n|---|---|---|---|---|---:|---:|---:|---|"
    )?;
    for p in plans {
        let effect = match (p.effect, p.reaches_target) {
            (_, Some(true)) => "target reached",
            (Effect::Improved, _) => "improved",
            (Effect::Worse, _) => "**worse**",
            (Effect::Unchanged, _) => "unchanged",
            (Effect::Unknown, _) => "—",
        };
        let title = p.title.as_str().replace('|', "/");
        writeln!(
            out,
            "| P{} {title} | {} | {} | {} | {} | {} | {} | {} | {effect} |",
            p.number,
            p.status.label(),
            p.owner.as_deref().unwrap_or("—"),
            short_date(p.due_at),
            p.indicator.label(),
            value(p.indicator, p.baseline),
            value(p.indicator, p.current),
            value(p.indicator, p.target),
        )?;
    }
    writeln!(out)
}

/// `### Complaint causes`: by root cause, product and group, with the previous period and the change.
pub fn write_causes(
    out: &mut Out<'_>,
    c: &crate::domain::complaint_causes::ComplaintCauses,
) -> std::io::Result<()> {
    writeln!(
        out,
        "### Complaint causes 投诉原因分析
"
    )?;
    for (what, rows, none) in [
        ("Root cause", &c.root_cause, "(not analysed yet)"),
        ("Product", &c.product, "(no product)"),
        ("Group", &c.group, "(no group)"),
    ] {
        if rows.is_empty() {
            continue;
        }
        writeln!(
            out,
            "| {what} | Count | Previous | Change |\n|---|---:|---:|---|"
        )?;
        for r in rows {
            let name = if r.name.is_empty() {
                none
            } else {
                r.name.as_str()
            };
            let change = r.count as i64 - r.previous as i64;
            let arrow = match change {
                0 => "=".to_string(),
                d if d > 0 => format!("▲ +{d}"),
                d => format!("▼ {d}"),
            };
            writeln!(
                out,
                "| {} | {} | {} | {arrow} |",
                name.replace('|', "/"),
                r.count,
                r.previous
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
