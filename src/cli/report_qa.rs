//! The report's QA section (Markdown): mean score per agent with its weekly trend, per criterion, failures on a
//! critical item and calibration between two reviewers (docs/METRICS.md, "Quality inspection").

use super::output::Out;
use crate::domain::qa_report::QaReport;

fn cell(s: &str) -> String {
    crate::domain::text::one_line(s).replace('|', "\\|")
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| v.to_string())
}

/// `2026-W46 79 → 2026-W47 95`.
fn trend<'a>(weeks: impl Iterator<Item = (&'a str, Option<f64>)>) -> String {
    let steps: Vec<String> = weeks.map(|(w, v)| format!("{w} {}", num(v))).collect();
    steps.join(" → ")
}

pub fn write(out: &mut Out<'_>, q: &QaReport) -> std::io::Result<()> {
    if q.is_empty() {
        return Ok(());
    }
    writeln!(out, "### Quality inspection 质检\n")?;
    writeln!(
        out,
        "{} tickets reviewed, mean score **{}**/100, {} failed on a critical item.\n",
        q.reviews,
        num(q.mean_score),
        q.failed_critical
    )?;
    writeln!(
        out,
        "| Agent | Reviews | Mean score | Failed critical | Trend by week |\n|---|---:|---:|---:|---|"
    )?;
    for a in &q.agents {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&a.agent),
            a.reviews,
            num(a.mean_score),
            a.failed_critical,
            trend(a.weeks.iter().map(|w| (w.week.as_str(), w.mean_score)))
        )?;
    }
    writeln!(
        out,
        "\n| Criterion | Reviews | Mean % of max | Trend by week |\n|---|---:|---:|---|"
    )?;
    for c in q.criteria.iter().filter(|c| c.reviews > 0) {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&c.label),
            c.reviews,
            num(c.mean_percent),
            trend(c.weeks.iter().map(|w| (w.week.as_str(), w.mean_percent)))
        )?;
    }
    if !q.calibration.is_empty() {
        writeln!(
            out,
            "\nCalibration (two reviewers, one ticket): mean difference {} points.\n",
            num(q.calibration_mean_abs_diff)
        )?;
        writeln!(
            out,
            "| Ticket | Reviewers | Totals | Difference | Criteria that differ |\n|---|---|---|---:|---|"
        )?;
        for c in &q.calibration {
            let differ: Vec<String> = c
                .criteria
                .iter()
                .filter(|d| d.diff != Some(0))
                .map(|d| {
                    format!(
                        "{} {}",
                        d.key,
                        d.diff.map_or("—".into(), |v| format!("{v:+}"))
                    )
                })
                .collect();
            writeln!(
                out,
                "| #{} | {} / {} | {} / {} | {:+} | {} |",
                c.ticket,
                cell(&c.first),
                cell(&c.second),
                c.first_total,
                c.second_total,
                c.total_diff,
                differ.join(", ")
            )?;
        }
    }
    writeln!(out)
}
