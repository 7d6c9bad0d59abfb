//! The Markdown quality report: current state, problems and likely causes, improvement suggestions, appendix.

use super::output::Out;
use crate::domain::metrics::Indicator;
use crate::domain::metrics_report::{Count, Report, local_date};

fn cell(ind: Indicator, v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| ind.format(v))
}

/// Text for a table cell: one line, pipes escaped.
fn md(s: &str) -> String {
    crate::domain::text::one_line(s).replace('|', "\\|")
}

fn counts(out: &mut Out<'_>, title: &str, what: &str, list: &[Count]) -> std::io::Result<()> {
    writeln!(out, "### {title}\n")?;
    if list.is_empty() {
        return writeln!(out, "None in this period.\n");
    }
    writeln!(out, "| {what} | Count |\n|---|---:|")?;
    for c in list {
        writeln!(out, "| {} | {} |", md(&c.name), c.count)?;
    }
    writeln!(out)
}

fn when(t: i64, offset: i64) -> String {
    chrono::DateTime::from_timestamp(t + offset, 0)
        .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// Satisfaction per questionnaire item, and what CSI above was computed over.
fn questionnaire(out: &mut Out<'_>, r: &Report) -> std::io::Result<()> {
    writeln!(out, "### Satisfaction by questionnaire item 问卷\n")?;
    if r.csi_basis != "items" {
        return writeln!(
            out,
            "No questionnaire items were answered in this period: CSI above is computed over CSAT, NPS and CES.\n"
        );
    }
    let total: f64 = r.questionnaire.iter().map(|i| i.weight).sum();
    writeln!(
        out,
        "| Item | Weight | Answers | Mean (1–5) | Score | Previous | Change |\n|---|---:|---:|---:|---:|---:|---:|"
    )?;
    let num =
        |v: Option<f64>, digits: usize| v.map_or_else(|| "—".into(), |v| format!("{v:.digits$}"));
    for i in &r.questionnaire {
        let weight = if total > 0.0 {
            i.weight / total * 100.0
        } else {
            0.0
        };
        let change = match (i.score, i.previous_score) {
            (Some(a), Some(b)) => format!("{:+.1}", a - b),
            _ => "—".into(),
        };
        writeln!(
            out,
            "| {} | {weight:.0}% | {} | {} | {} | {} | {change} |",
            md(&i.label),
            i.answers,
            num(i.mean, 2),
            num(i.score, 1),
            num(i.previous_score, 1),
        )?;
    }
    writeln!(
        out,
        "\nCSI above is Σ(score × weight) / Σ weight over the items answered (score = (mean − 1) / 4 × 100).\n"
    )
}

pub fn write(
    out: &mut Out<'_>,
    r: &Report,
    field: &crate::domain::field_report::FieldReport,
    qa: &crate::domain::qa_report::QaReport,
    plans: &[super::report_plans::PlanOutcome],
    customers: &crate::domain::customer_value::CustomerSection,
    offset: i64,
) -> std::io::Result<()> {
    let prev_to = local_date(r.previous.to - 1, offset);
    let prev_from = local_date(r.previous.from, offset);
    writeln!(out, "# Service quality report 服务质量评估报告\n")?;
    writeln!(
        out,
        "Period **{} – {}** ({} days), compared with {prev_from} – {prev_to}. Figures as of {}.\n",
        r.from,
        r.to,
        r.window.days(),
        when(r.as_of, offset)
    )?;

    writeln!(out, "## 1. Current state 现状\n")?;
    writeln!(
        out,
        "| Indicator | This period | Target | Status | Previous | Change |\n|---|---:|---:|---|---:|---|"
    )?;
    for row in &r.indicators {
        let ind = row.indicator;
        let status = match row.meets_target {
            Some(true) => "met",
            Some(false) => "**missed**",
            None => "—",
        };
        let target = row.target.map_or_else(
            || "—".to_string(),
            |t| match ind.better() {
                crate::domain::metrics::Better::Lower => format!("≤ {}", ind.format(t)),
                _ => format!("≥ {}", ind.format(t)),
            },
        );
        writeln!(
            out,
            "| {} | {} | {target} | {status} | {} | {} |",
            row.label,
            cell(ind, row.current),
            cell(ind, row.previous),
            row.change.map_or_else(|| "—".into(), |c| c.describe(ind)),
        )?;
    }
    writeln!(out)?;
    questionnaire(out, r)?;

    writeln!(out, "## 2. Problems and likely causes 问题与原因\n")?;
    counts(out, "SLA breaches by queue", "Queue", &r.breaches_by_group)?;
    counts(
        out,
        "SLA breaches by priority",
        "Priority",
        &r.breaches_by_priority,
    )?;
    // The cause analysis replaces the tag list once complaints carry root causes.
    if r.complaint_causes.analysed() {
        super::report_plans::write_causes(out, &r.complaint_causes)?;
    } else {
        counts(out, "Top complaint categories", "Tag", &r.complaint_tags)?;
    }
    writeln!(out, "### Slowest channels\n")?;
    if r.slow_channels.is_empty() {
        writeln!(out, "No answered tickets in this period.\n")?;
    } else {
        writeln!(
            out,
            "| Channel | First response p50 | p90 | SLA first response | Created |\n|---|---:|---:|---:|---:|"
        )?;
        for g in &r.slow_channels {
            let v = |i: Indicator| cell(i, g.values.get(&i).copied().flatten());
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                md(&g.label),
                v(Indicator::FrtMedian),
                v(Indicator::FrtP90),
                v(Indicator::FrtSla),
                v(Indicator::Created)
            )?;
        }
        writeln!(out)?;
    }
    super::report_topics::write(out, &r.hot_topics)?;
    writeln!(out, "### Detractor and low-score comments\n")?;
    if r.comments.is_empty() {
        writeln!(out, "None in this period.\n")?;
    }
    for c in &r.comments {
        writeln!(
            out,
            "- #{} · {} {} · {}: “{}”",
            c.ticket,
            c.kind.to_uppercase(),
            c.score,
            when(c.at, offset),
            md(&c.text)
        )?;
    }
    if !r.comments.is_empty() {
        writeln!(out)?;
    }

    writeln!(out, "## 3. Improvement suggestions 改进建议\n")?;
    for (i, s) in r.suggestions.iter().enumerate() {
        writeln!(out, "{}. {} *(rule `{}`)*", i + 1, s.text, s.rule)?;
    }
    writeln!(out)?;
    super::report_plans::write_md(out, plans)?;

    writeln!(out, "## 4. Appendix 附录\n")?;
    writeln!(out, "### Daily\n")?;
    writeln!(
        out,
        "| Date | Created | Solved | Backlog | First response p50 | SLA first response | CSAT | NPS |\n|---|---:|---:|---:|---:|---:|---:|---:|"
    )?;
    for d in &r.days {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            d.date,
            d.created,
            d.solved,
            d.backlog,
            cell(Indicator::FrtMedian, d.frt_median),
            cell(Indicator::FrtSla, d.frt_sla),
            cell(Indicator::Csat, d.csat),
            cell(Indicator::Nps, d.nps)
        )?;
    }
    writeln!(out)?;
    if let Some(dim) = r.group_by {
        const COLS: [Indicator; 10] = [
            Indicator::Created,
            Indicator::Solved,
            Indicator::FrtMedian,
            Indicator::ResolutionMedian,
            Indicator::FrtSla,
            Indicator::ResolutionSla,
            Indicator::Fcr,
            Indicator::ReopenRate,
            Indicator::Csat,
            Indicator::Nps,
        ];
        writeln!(out, "### By {dim}\n")?;
        let head: Vec<&str> = COLS.iter().map(|i| i.short()).collect();
        writeln!(out, "| {dim} | {} |", head.join(" | "))?;
        writeln!(out, "|---|{}", "---:|".repeat(COLS.len()))?;
        for g in &r.groups {
            let cells: Vec<String> = COLS
                .iter()
                .map(|i| cell(*i, g.values.get(i).copied().flatten()))
                .collect();
            writeln!(out, "| {} | {} |", md(&g.label), cells.join(" | "))?;
        }
        writeln!(out)?;
    }
    super::report_field::write(out, field)?;
    super::report_qa::write(out, qa)?;
    super::report_customers::write(out, customers)?;
    writeln!(
        out,
        "Definitions and formulas: docs/METRICS.md. Durations are business time in each ticket's SLA calendar, \
         except the wall-clock rows."
    )
}
