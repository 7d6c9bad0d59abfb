//! The report's QA section (Markdown): mean score per agent with its weekly trend, per criterion, failures on a
//! critical item and calibration between two reviewers (docs/METRICS.md, "Quality inspection").

use super::output::Out;
use super::report_md::{arg, col, head};
use crate::domain::qa_report::QaReport;
use crate::i18n::{Locale, tr, tr_args};

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

pub fn write(out: &mut Out<'_>, q: &QaReport, l: Locale) -> std::io::Result<()> {
    if q.is_empty() {
        return Ok(());
    }
    writeln!(out, "### {}\n", tr(l, "report-qa-title"))?;
    let summary = tr_args(
        l,
        "report-qa-summary",
        &[
            ("reviews", arg(q.reviews)),
            ("mean", arg(num(q.mean_score))),
            ("failed", arg(q.failed_critical)),
        ],
    );
    writeln!(out, "{summary}\n")?;
    head(
        out,
        &[
            col(l, "report-column-agent", false),
            col(l, "report-column-reviews", true),
            col(l, "report-column-mean-score", true),
            col(l, "report-column-failed-critical", true),
            col(l, "report-column-trend", false),
        ],
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
    writeln!(out)?;
    head(
        out,
        &[
            col(l, "report-column-criterion", false),
            col(l, "report-column-reviews", true),
            col(l, "report-column-mean-percent", true),
            col(l, "report-column-trend", false),
        ],
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
        let calibration = tr_args(
            l,
            "report-qa-calibration",
            &[("difference", arg(num(q.calibration_mean_abs_diff)))],
        );
        writeln!(out, "\n{calibration}\n")?;
        head(
            out,
            &[
                col(l, "report-column-ticket", false),
                col(l, "report-column-reviewers", false),
                col(l, "report-column-totals", false),
                col(l, "report-column-difference", true),
                col(l, "report-column-differ", false),
            ],
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
