//! `desk report`: the service-quality report (服务质量评估报告) as Markdown for management, CSV for spreadsheets or
//! JSON for tools (schema in docs/METRICS.md).

use super::output::Out;
use anyhow::Context;
use chrono::NaiveDate;

use super::UsageError;
use crate::domain::metrics::{Dimension, Indicator, MetricsRules};
use crate::domain::metrics_report::{self, Period, Report, Window};
use crate::store::Store;
use crate::store::metrics::MetricsQuery;

/// Improvement actions a report lists at most, soonest due first.
const PLANS_SHOWN: usize = 50;

/// Bumped only when a field changes meaning or disappears; new fields may be added within a version.
pub const JSON_SCHEMA: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Md,
    Csv,
    Json,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// First day (YYYY-MM-DD, local time); with --to instead of --period
    #[arg(long)]
    pub from: Option<String>,
    /// Last day, included (default: today)
    #[arg(long)]
    pub to: Option<String>,
    /// A preset period ending today: today, 7d, 30d or quarter (this calendar quarter so far)
    #[arg(long, default_value = "30d")]
    pub period: String,
    /// Break the numbers down by agent, group, channel, kind, priority or tier (Markdown default: agent)
    #[arg(long)]
    pub group_by: Option<String>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
}

fn date(flag: &str, text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        UsageError(format!(
            "{flag} `{text}` is not a date; write it as YYYY-MM-DD, like 2026-11-01"
        ))
        .into()
    })
}

/// The window the arguments ask for: `--from/--to` dates, else the preset period.
pub fn window(args: &ReportArgs, now: i64, offset: i64) -> anyhow::Result<Window> {
    if args.from.is_some() || args.to.is_some() {
        let to = match &args.to {
            Some(t) => date("--to", t)?,
            None => metrics_report::local_date(now, offset),
        };
        let from = match &args.from {
            Some(f) => date("--from", f)?,
            None => {
                return Err(
                    UsageError("--to needs --from (the first day of the report)".into()).into(),
                );
            }
        };
        return metrics_report::dates_window(from, to, offset)
            .map_err(|e| UsageError(e.to_string()).into());
    }
    let period = Period::parse(&args.period)
        .filter(|p| *p != Period::Custom)
        .ok_or_else(|| {
            UsageError(format!(
                "--period `{}` is not a period; use today, 7d, 30d or quarter, or give --from and --to",
                args.period
            ))
        })?;
    Ok(metrics_report::window(period, now, offset))
}

/// Measures what needs measuring, then aggregates and builds the report.
pub fn build(
    store: &mut Store,
    window: Window,
    group_by: Option<Dimension>,
    rules: &MetricsRules,
    now: i64,
    offset: i64,
    progress: &mut dyn FnMut(u64, u64),
) -> anyhow::Result<Report> {
    store
        .measure_pending(now, progress)
        .context("measuring tickets for the report")?;
    store
        .ensure_rollups(offset)
        .context("building the daily roll-ups for the report")?;
    let mut dims = vec![Dimension::Group, Dimension::Priority, Dimension::Channel];
    if let Some(d) = group_by
        && !dims.contains(&d)
    {
        dims.push(d);
    }
    let input = store.metrics(&MetricsQuery {
        window,
        as_of: now,
        offset,
        dims,
        group_by,
        extras: true,
    })?;
    Ok(metrics_report::build(input, rules))
}

pub fn run(
    store: &mut Store,
    args: &ReportArgs,
    rules: &MetricsRules,
    now: i64,
    offset: i64,
    out: &mut Out<'_>,
    progress: bool,
) -> anyhow::Result<()> {
    let window = window(args, now, offset)?;
    let group_by = match &args.group_by {
        Some(g) => Some(Dimension::parse(g).ok_or_else(|| {
            UsageError(format!(
                "--group-by `{g}` is not a dimension; use one of: {}",
                Dimension::names()
            ))
        })?),
        None if args.format == ReportFormat::Md => Some(Dimension::Agent),
        None => None,
    };
    let report = super::output::with_progress(
        progress,
        "measuring {bar:40} {pos}/{len} tickets · eta {eta}",
        |step| build(store, window, group_by, rules, now, offset, step),
    )?;
    let field = store.field_report(window.from, window.to)?;
    let qa = store.qa_report(window.from, window.to, offset)?;
    let customers = store.customer_section(window.from, window.to)?;
    let plans = store.plans(false, crate::domain::view::PageRequest::First, PLANS_SHOWN)?;
    let plans = super::report_plans::outcomes(&report, &plans.rows);
    match args.format {
        ReportFormat::Md => {
            super::report_md::write(out, &report, &field, &qa, &plans, &customers, offset)?
        }
        ReportFormat::Json => {
            let doc = serde_json::json!({
                "schema": JSON_SCHEMA, "report": report, "field_service": field, "qa": qa,
                "plans": plans, "customers": customers
            });
            serde_json::to_writer_pretty(out.json(), &doc)?;
            writeln!(out)?;
        }
        ReportFormat::Csv => write_csv(out, &report)?,
    }
    Ok(())
}

/// One row for the whole period, one for the previous period, then one per group; one column per indicator
/// (durations in seconds, rates in percent).
fn write_csv(out: &mut Out<'_>, report: &Report) -> anyhow::Result<()> {
    let mut w = ::csv::Writer::from_writer(out.csv());
    let mut head = vec!["scope".to_string(), "key".into(), "label".into()];
    head.extend(Indicator::ALL.iter().map(|i| i.as_str().to_string()));
    w.write_record(&head)?;
    let num = |v: Option<f64>| {
        v.map(|v| format!("{}", (v * 100.0).round() / 100.0))
            .unwrap_or_default()
    };
    for (scope, pick) in [("current", true), ("previous", false)] {
        let mut row = vec![
            scope.to_string(),
            String::new(),
            format!("{} – {}", report.from, report.to),
        ];
        if !pick {
            row[2] = "previous period".into();
        }
        row.extend(Indicator::ALL.iter().map(|i| {
            let r = report.indicator(*i);
            num(r.and_then(|r| if pick { r.current } else { r.previous }))
        }));
        w.write_record(&row)?;
    }
    if let Some(dim) = report.group_by {
        for g in &report.groups {
            let mut row = vec![
                dim.as_str().to_string(),
                crate::domain::text::strip_controls(&g.key),
                crate::domain::text::strip_controls(&g.label),
            ];
            row.extend(
                Indicator::ALL
                    .iter()
                    .map(|i| num(g.values.get(i).copied().flatten())),
            );
            w.write_record(&row)?;
        }
    }
    w.flush()?;
    Ok(())
}
