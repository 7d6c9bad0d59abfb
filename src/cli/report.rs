//! `desk report`: the service-quality report (服务质量评估报告) as Markdown for management, CSV for spreadsheets or
//! JSON for tools (schema in docs/METRICS.md).

use super::output::Out;
use anyhow::Context;
use chrono::NaiveDate;

use super::UsageError;
use super::locale::say;
use crate::domain::metrics::{Dimension, Indicator, MetricsRules};
use crate::domain::metrics_report::{self, Period, Report, Window};
use crate::i18n::{Locale, tr};
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

/// The CSV's header row: the stable English keys, or the words of the report's locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Headers {
    #[default]
    En,
    Locale,
}

/// A `--locale` value, read as `ui.locale` reads it (`en`, `zh-CN`, `zh-TW`).
pub fn parse_locale(text: &str) -> Result<Locale, UnknownLocale> {
    use serde::Deserialize;
    use serde::de::IntoDeserializer;
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        text.trim().into_deserializer();
    Locale::deserialize(de).map_err(|e| UnknownLocale {
        value: text.trim().to_string(),
        english: e.to_string(),
    })
}

/// A `--locale` that is none of desk's; worded in the CLI's language by `clap_words`.
#[derive(Debug, thiserror::Error)]
#[error("{english}")]
pub struct UnknownLocale {
    pub value: String,
    /// The reader's own words (`unknown variant …, expected one of …`), as English has always said it.
    english: String,
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
    /// The language of the Markdown report and of CSV headers with --headers locale: en, zh-CN or zh-TW
    /// (default: ui.locale, else LC_ALL / LC_MESSAGES / LANG). JSON and CSV values stay English.
    #[arg(long, value_parser = parse_locale)]
    pub locale: Option<Locale>,
    /// CSV header row: en (stable keys, the default) or locale (the report's language)
    #[arg(long, value_enum, default_value = "en")]
    pub headers: Headers,
}

fn date(flag: &str, text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        UsageError(say(
            "usage-not-a-date",
            &[
                ("flag", &flag),
                ("value", &text),
                ("example", &"2026-11-01"),
            ],
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
                return Err(UsageError(say("usage-report-to-needs-from", &[])).into());
            }
        };
        return metrics_report::dates_window(from, to, offset).map_err(|e| {
            UsageError(say(
                "usage-report-backwards",
                &[("from", &e.from), ("to", &e.to)],
            ))
            .into()
        });
    }
    let period = Period::parse(&args.period)
        .filter(|p| *p != Period::Custom)
        .ok_or_else(|| UsageError(say("usage-report-period", &[("value", &args.period)])))?;
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
    Ok(crate::i18n::metrics_advice::with_suggestions(
        metrics_report::build(input, rules),
    ))
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
            UsageError(say(
                "usage-report-group-by",
                &[("value", &g), ("allowed", &Dimension::names())],
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
    let locale = args.locale.unwrap_or_default();
    match args.format {
        ReportFormat::Md => super::report_md::write(
            out,
            &super::report_md::Sections {
                report: &report,
                field: &field,
                qa: &qa,
                plans: &plans,
                customers: &customers,
            },
            offset,
            locale,
        )?,
        ReportFormat::Json => {
            let doc = serde_json::json!({
                "schema": JSON_SCHEMA, "report": report, "field_service": field, "qa": qa,
                "plans": plans, "customers": customers
            });
            serde_json::to_writer_pretty(out.json(), &doc)?;
            writeln!(out)?;
        }
        ReportFormat::Csv => {
            let words = (args.headers == Headers::Locale).then_some(locale);
            write_csv(out, &report, words)?
        }
    }
    Ok(())
}

/// The CSV's header row: stable keys, or with `words` the locale's names (the indicators by their full names).
pub fn csv_head(words: Option<Locale>) -> Vec<String> {
    let Some(l) = words else {
        let mut head = vec!["scope".to_string(), "key".into(), "label".into()];
        head.extend(Indicator::ALL.iter().map(|i| i.as_str().to_string()));
        return head;
    };
    let mut head = vec![
        tr(l, "report-csv-scope"),
        tr(l, "report-csv-key"),
        tr(l, "report-csv-label"),
    ];
    head.extend(
        Indicator::ALL
            .iter()
            .map(|i| crate::i18n::metrics_words::label(l, *i)),
    );
    head
}

/// One row for the whole period, one for the previous period, then one per group; one column per indicator
/// (durations in seconds, rates in percent). The header row is in `words`' language when given; the values are
/// the same in every locale.
fn write_csv(out: &mut Out<'_>, report: &Report, words: Option<Locale>) -> anyhow::Result<()> {
    let mut w = ::csv::Writer::from_writer(out.csv());
    w.write_record(csv_head(words))?;
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
