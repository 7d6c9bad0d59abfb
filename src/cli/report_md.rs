//! The Markdown quality report: current state, problems and likely causes, improvement suggestions, appendix —
//! in the locale asked for (the `report` area of the catalogues); numbers and dates read the same in every locale.

use super::output::Out;
use crate::domain::metrics::{Better, Indicator};
use crate::domain::metrics_report::{Count, NONE_LABEL, Report, local_date};
use crate::i18n::metrics_words as words;
use crate::i18n::{Arg, Locale, tr, tr_args};

/// Everything the Markdown report shows.
pub struct Sections<'a> {
    pub report: &'a Report,
    pub field: &'a crate::domain::field_report::FieldReport,
    pub qa: &'a crate::domain::qa_report::QaReport,
    pub plans: &'a [super::report_plans::PlanOutcome],
    pub customers: &'a crate::domain::customer_value::CustomerSection,
}

/// A message variable from any text or number, as written (Fluent never formats the report's numbers).
pub(super) fn arg(s: impl ToString) -> Arg<'static> {
    Arg::from(s.to_string())
}

/// A table's header and alignment rows from its column names; `right` marks the numeric columns.
pub(super) fn head(out: &mut Out<'_>, columns: &[(String, bool)]) -> std::io::Result<()> {
    let names: Vec<&str> = columns.iter().map(|(n, _)| n.as_str()).collect();
    let rule: Vec<&str> = columns
        .iter()
        .map(|(_, right)| if *right { "---:" } else { "---" })
        .collect();
    writeln!(out, "| {} |\n|{}|", names.join(" | "), rule.join("|"))
}

/// A column header by key, left-aligned (`false`) or right-aligned (`true`).
pub(super) fn col(l: Locale, key: &str, right: bool) -> (String, bool) {
    (tr(l, key), right)
}

/// Text for a table cell: one line, pipes escaped.
pub(super) fn md(s: &str) -> String {
    crate::domain::text::one_line(s).replace('|', "\\|")
}

fn counts(
    out: &mut Out<'_>,
    l: Locale,
    title: &str,
    what: &str,
    list: &[Count],
    name: impl Fn(&str) -> String,
) -> std::io::Result<()> {
    writeln!(out, "### {}\n", tr(l, title))?;
    if list.is_empty() {
        return writeln!(out, "{}\n", tr(l, "report-none-in-period"));
    }
    head(
        out,
        &[col(l, what, false), col(l, "report-column-count", true)],
    )?;
    for c in list {
        writeln!(out, "| {} | {} |", md(&name(&c.name)), c.count)?;
    }
    writeln!(out)
}

fn when(t: i64, offset: i64) -> String {
    chrono::DateTime::from_timestamp(t + offset, 0)
        .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// Satisfaction per questionnaire item, and what CSI above was computed over.
fn questionnaire(out: &mut Out<'_>, r: &Report, l: Locale) -> std::io::Result<()> {
    writeln!(out, "### {}\n", tr(l, "report-questionnaire-title"))?;
    if r.csi_basis != "items" {
        return writeln!(out, "{}\n", tr(l, "report-questionnaire-none"));
    }
    let total: f64 = r.questionnaire.iter().map(|i| i.weight).sum();
    head(
        out,
        &[
            col(l, "report-column-item", false),
            col(l, "report-column-weight", true),
            col(l, "report-column-answers", true),
            col(l, "report-column-mean", true),
            col(l, "report-column-score", true),
            col(l, "report-column-previous", true),
            col(l, "report-column-change", true),
        ],
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
            md(&crate::i18n::metrics_advice::item_label(
                l, &i.item, &i.label
            )),
            i.answers,
            num(i.mean, 2),
            num(i.score, 1),
            num(i.previous_score, 1),
        )?;
    }
    writeln!(out, "\n{}\n", tr(l, "report-questionnaire-formula"))
}

/// `## 1.`: every indicator against its target and the previous period.
fn current_state(out: &mut Out<'_>, r: &Report, l: Locale) -> std::io::Result<()> {
    writeln!(out, "## {}\n", tr(l, "report-section-current"))?;
    head(
        out,
        &[
            col(l, "report-column-indicator", false),
            col(l, "report-column-this-period", true),
            col(l, "report-column-target", true),
            col(l, "report-column-status", false),
            col(l, "report-column-previous", true),
            col(l, "report-column-change", false),
        ],
    )?;
    for row in &r.indicators {
        let ind = row.indicator;
        let status = match row.meets_target {
            Some(true) => tr(l, "report-status-met"),
            Some(false) => format!("**{}**", tr(l, "report-status-missed")),
            None => "—".into(),
        };
        let target = row.target.map_or_else(
            || "—".to_string(),
            |t| match ind.better() {
                Better::Lower => format!("≤ {}", words::value(l, ind, t)),
                _ => format!("≥ {}", words::value(l, ind, t)),
            },
        );
        writeln!(
            out,
            "| {} | {} | {target} | {status} | {} | {} |",
            words::label(l, ind),
            words::cell(l, ind, row.current),
            words::cell(l, ind, row.previous),
            row.change
                .map_or_else(|| "—".into(), |c| words::change(l, ind, &c)),
        )?;
    }
    writeln!(out)?;
    questionnaire(out, r, l)
}

/// `## 2.`: breaches, complaint causes, slow channels, hot topics, comments.
fn problems(out: &mut Out<'_>, r: &Report, offset: i64, l: Locale) -> std::io::Result<()> {
    writeln!(out, "## {}\n", tr(l, "report-section-problems"))?;
    let queue = |n: &str| {
        if n == NONE_LABEL {
            tr(l, "report-none")
        } else {
            n.to_string()
        }
    };
    counts(
        out,
        l,
        "report-breaches-by-queue",
        "report-column-queue",
        &r.breaches_by_group,
        queue,
    )?;
    counts(
        out,
        l,
        "report-breaches-by-priority",
        "report-column-priority",
        &r.breaches_by_priority,
        |n| words::priority(l, n),
    )?;
    // The cause analysis replaces the tag list once complaints carry root causes.
    if r.complaint_causes.analysed() {
        super::report_plans::write_causes(out, &r.complaint_causes, l)?;
    } else {
        counts(
            out,
            l,
            "report-complaint-categories",
            "report-column-tag",
            &r.complaint_tags,
            str::to_string,
        )?;
    }
    writeln!(out, "### {}\n", tr(l, "report-slowest-channels"))?;
    if r.slow_channels.is_empty() {
        writeln!(out, "{}\n", tr(l, "report-no-answered"))?;
    } else {
        head(
            out,
            &[
                col(l, "report-column-channel", false),
                col(l, "report-column-frt-p50", true),
                col(l, "report-column-p90", true),
                (words::label(l, Indicator::FrtSla), true),
                (words::label(l, Indicator::Created), true),
            ],
        )?;
        for g in &r.slow_channels {
            let v = |i: Indicator| words::cell(l, i, g.values.get(&i).copied().flatten());
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                md(&words::group_label(
                    l,
                    crate::domain::metrics::Dimension::Channel,
                    &g.key,
                    &g.label
                )),
                v(Indicator::FrtMedian),
                v(Indicator::FrtP90),
                v(Indicator::FrtSla),
                v(Indicator::Created)
            )?;
        }
        writeln!(out)?;
    }
    super::report_topics::write(out, &r.hot_topics, l)?;
    writeln!(out, "### {}\n", tr(l, "report-comments-title"))?;
    if r.comments.is_empty() {
        writeln!(out, "{}\n", tr(l, "report-none-in-period"))?;
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
    Ok(())
}

/// `## 4.`: the daily table and the breakdown.
fn appendix(out: &mut Out<'_>, r: &Report, l: Locale) -> std::io::Result<()> {
    writeln!(out, "## {}\n", tr(l, "report-section-appendix"))?;
    writeln!(out, "### {}\n", tr(l, "report-daily"))?;
    let label = |i: Indicator| (words::label(l, i), true);
    head(
        out,
        &[
            col(l, "report-column-date", false),
            label(Indicator::Created),
            label(Indicator::Solved),
            label(Indicator::Backlog),
            col(l, "report-column-frt-p50", true),
            label(Indicator::FrtSla),
            label(Indicator::Csat),
            label(Indicator::Nps),
        ],
    )?;
    for d in &r.days {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            d.date,
            d.created,
            d.solved,
            d.backlog,
            words::cell(l, Indicator::FrtMedian, d.frt_median),
            words::cell(l, Indicator::FrtSla, d.frt_sla),
            words::cell(l, Indicator::Csat, d.csat),
            words::cell(l, Indicator::Nps, d.nps)
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
        let name = words::dimension(l, dim);
        let by = tr_args(l, "report-by", &[("dimension", arg(&name))]);
        writeln!(out, "### {by}\n")?;
        let mut columns = vec![(name, false)];
        columns.extend(COLS.iter().map(|i| (words::short(l, *i), true)));
        head(out, &columns)?;
        for g in &r.groups {
            let cells: Vec<String> = COLS
                .iter()
                .map(|i| words::cell(l, *i, g.values.get(i).copied().flatten()))
                .collect();
            let label = words::group_label(l, dim, &g.key, &g.label);
            writeln!(out, "| {} | {} |", md(&label), cells.join(" | "))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

pub fn write(out: &mut Out<'_>, s: &Sections<'_>, offset: i64, l: Locale) -> std::io::Result<()> {
    let r = s.report;
    let prev_to = local_date(r.previous.to - 1, offset);
    let prev_from = local_date(r.previous.from, offset);
    writeln!(out, "# {}\n", tr(l, "report-title"))?;
    let period = tr_args(
        l,
        "report-period",
        &[
            ("from", arg(r.from)),
            ("to", arg(r.to)),
            ("days", arg(r.window.days())),
            ("previous-from", arg(prev_from)),
            ("previous-to", arg(prev_to)),
            ("as-of", arg(when(r.as_of, offset))),
        ],
    );
    writeln!(out, "{period}\n")?;
    current_state(out, r, l)?;
    problems(out, r, offset, l)?;

    writeln!(out, "## {}\n", tr(l, "report-section-suggestions"))?;
    for (i, s) in crate::i18n::metrics_advice::suggestions(r, l)
        .iter()
        .enumerate()
    {
        let rule = tr_args(l, "report-suggestion-rule", &[("rule", arg(s.rule))]);
        writeln!(out, "{}. {} *{rule}*", i + 1, s.text)?;
    }
    writeln!(out)?;
    super::report_plans::write_md(out, s.plans, l)?;

    appendix(out, r, l)?;
    super::report_field::write(out, s.field, l)?;
    super::report_qa::write(out, s.qa, l)?;
    super::report_customers::write(out, s.customers, l)?;
    writeln!(out, "{}", tr(l, "report-definitions"))
}
