//! The report's improvement side: complaint causes (分类汇总，分析共性原因) and the improvement actions (PDCA), each
//! action's indicator when it was made and in this report, whether it moved the right way and reached its target.

use super::output::{Out, short_date};
use super::report_md::{col, head};
use crate::domain::metrics::Indicator;
use crate::domain::metrics_report::Report;
use crate::domain::plan::{Effect, PlanStatus, effect, reaches};
use crate::domain::text::SafeText;
use crate::i18n::metrics_words as words;
use crate::i18n::{Locale, tr, tr_of};
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

/// An indicator's value as the report writes it in English, `—` when there is none.
pub(super) fn value(ind: Indicator, v: Option<f64>) -> String {
    v.map_or("—".into(), |v| ind.format(v))
}

/// `### Improvement actions` under the suggestions; nothing when there are none.
pub fn write_md(out: &mut Out<'_>, plans: &[PlanOutcome], l: Locale) -> std::io::Result<()> {
    writeln!(out, "{}\n", tr(l, "report-plan-hint"))?;
    if plans.is_empty() {
        return Ok(());
    }
    writeln!(out, "### {}\n", tr(l, "report-plans-title"))?;
    head(
        out,
        &[
            col(l, "report-column-action", false),
            col(l, "report-column-status", false),
            col(l, "report-column-owner", false),
            col(l, "report-column-due", false),
            col(l, "report-column-indicator", false),
            col(l, "report-column-before", true),
            col(l, "report-column-now", true),
            col(l, "report-column-target", true),
            col(l, "report-column-effect", false),
        ],
    )?;
    for p in plans {
        let effect = match (p.effect, p.reaches_target) {
            (_, Some(true)) => tr(l, "report-effect-reached"),
            (Effect::Improved, _) => tr(l, "report-effect-improved"),
            (Effect::Worse, _) => format!("**{}**", tr(l, "report-effect-worse")),
            (Effect::Unchanged, _) => tr(l, "report-effect-unchanged"),
            (Effect::Unknown, _) => "—".into(),
        };
        let title = p.title.as_str().replace('|', "/");
        writeln!(
            out,
            "| P{} {title} | {} | {} | {} | {} | {} | {} | {} | {effect} |",
            p.number,
            tr_of(l, "report-plan-status-", p.status.as_str()),
            p.owner.as_deref().unwrap_or("—"),
            short_date(p.due_at),
            words::label(l, p.indicator),
            words::cell(l, p.indicator, p.baseline),
            words::cell(l, p.indicator, p.current),
            words::cell(l, p.indicator, p.target),
        )?;
    }
    writeln!(out)
}

/// `### Complaint causes`: by root cause, product and group, with the previous period and the change.
pub fn write_causes(
    out: &mut Out<'_>,
    c: &crate::domain::complaint_causes::ComplaintCauses,
    l: Locale,
) -> std::io::Result<()> {
    writeln!(out, "### {}\n", tr(l, "report-causes-title"))?;
    // Root causes are the team's categories, in words; products and groups are names as stored.
    let tables = [
        (
            "report-column-root-cause",
            &c.root_cause,
            "report-causes-not-analysed",
            true,
        ),
        (
            "report-column-product",
            &c.product,
            "report-causes-no-product",
            false,
        ),
        (
            "report-column-group",
            &c.group,
            "report-causes-no-group",
            false,
        ),
    ];
    for (what, rows, none, causes) in tables {
        if rows.is_empty() {
            continue;
        }
        head(
            out,
            &[
                col(l, what, false),
                col(l, "report-column-count", true),
                col(l, "report-column-previous", true),
                col(l, "report-column-change", false),
            ],
        )?;
        for r in rows {
            let name = match (r.name.is_empty(), causes) {
                (true, _) => tr(l, none),
                (false, true) => words::root_cause(l, &r.name),
                (false, false) => r.name.clone(),
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
