//! `desk plan`: improvement actions (PDCA, 计划-执行-检查-处理). A report's suggestion (or a title and an
//! indicator) becomes an action with an owner and a due date; its baseline is the indicator over the last 30 days
//! when it is made, so `desk report` shows before and after.

use chrono::NaiveDate;

use super::UsageError;
use super::locale::{self, say};
use super::output::{ListArgs, Out, ShowFormat, Sink, short_date};
use super::ticket::for_each_page;
use crate::domain::metrics::{Indicator, MetricsRules};
use crate::domain::metrics_report::{self, Period, Report};
use crate::domain::plan::PlanStatus;
use crate::store::Store;
use crate::store::plans::{NewPlan, PlanEdit, PlanRow};

#[derive(Debug, clap::Subcommand)]
pub enum PlanCmd {
    /// Make an action: from the current report's suggestion number (`--from-suggestion 2`, see `desk report`), or
    /// with --title and --indicator. Its baseline is the indicator over the last 30 days.
    Add {
        #[arg(long, conflicts_with_all = ["title", "indicator"])]
        from_suggestion: Option<usize>,
        #[arg(long)]
        title: Option<String>,
        /// The indicator it should move (frt_sla, csat, complaint_rate …; see docs/METRICS.md)
        #[arg(long)]
        indicator: Option<String>,
        /// The value to reach (default: the indicator's target in [metrics.targets])
        #[arg(long)]
        target: Option<f64>,
        /// An agent handle (default: you)
        #[arg(long)]
        owner: Option<String>,
        /// Due date, YYYY-MM-DD (default: in 30 days)
        #[arg(long)]
        due: Option<String>,
    },
    /// Actions soonest due first (--all: those at act too)
    List {
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Change an action: status=do|check|act|plan owner=HANDLE|none due=YYYY-MM-DD note="…"
    Set {
        number: i64,
        #[arg(required = true)]
        changes: Vec<String>,
    },
    Show {
        number: i64,
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
}

const HEADER: &[&str] = &[
    "number",
    "status",
    "due",
    "owner",
    "indicator",
    "baseline",
    "target",
    "title",
];

fn usage(msg: String) -> anyhow::Error {
    UsageError(msg).into()
}

fn due_date(text: &str, offset: i64) -> anyhow::Result<i64> {
    let d = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        usage(say(
            "usage-not-a-date",
            &[
                ("flag", &"due"),
                ("value", &text),
                ("example", &"2026-12-31"),
            ],
        ))
    })?;
    // The end of that local day.
    Ok(metrics_report::midnight(d, offset) + 86_399)
}

fn indicator(key: &str) -> anyhow::Result<Indicator> {
    Indicator::parse(key).ok_or_else(|| {
        usage(say(
            "usage-plan-indicator",
            &[("value", &key), ("allowed", &Indicator::names())],
        ))
    })
}

fn cells(p: &PlanRow) -> Vec<String> {
    vec![
        format!("P{}", p.number),
        p.status.as_str().into(),
        short_date(p.due_at),
        p.owner.clone().unwrap_or_default(),
        p.indicator.as_str().into(),
        super::report_plans::value(p.indicator, p.baseline),
        super::report_plans::value(p.indicator, p.target),
        p.title.to_string(),
    ]
}

/// The last 30 days' report, for baselines and suggestions.
fn current_report(
    store: &mut Store,
    rules: &MetricsRules,
    now: i64,
    offset: i64,
) -> anyhow::Result<Report> {
    let window = metrics_report::window(Period::Month, now, offset);
    super::report::build(store, window, None, rules, now, offset, &mut |_, _| {})
}

#[allow(clippy::too_many_arguments)] // one command's parts
pub fn run(
    store: &mut Store,
    cmd: PlanCmd,
    me: Option<&str>,
    rules: &MetricsRules,
    now: i64,
    offset: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    match cmd {
        PlanCmd::Add {
            from_suggestion,
            title,
            indicator: key,
            target,
            owner,
            due,
        } => {
            let report = current_report(store, rules, now, offset)?;
            let (title, ind, rule) = match (from_suggestion, title, key) {
                (Some(n), _, _) => {
                    let s = n
                        .checked_sub(1)
                        .and_then(|i| report.suggestions.get(i))
                        .ok_or_else(|| {
                            usage(say(
                                "usage-plan-suggestion-range",
                                &[("n", &report.suggestions.len())],
                            ))
                        })?;
                    let ind = s.indicator.ok_or_else(|| {
                        usage(say(
                            "usage-plan-suggestion-no-indicator",
                            &[("n", &n), ("rule", &s.rule)],
                        ))
                    })?;
                    (s.text.clone(), ind, Some(s.rule.to_string()))
                }
                (None, Some(t), Some(k)) => (t, indicator(&k)?, None),
                _ => {
                    return Err(usage(say("usage-plan-from-what", &[])));
                }
            };
            let row = report.indicator(ind);
            let plan = NewPlan {
                title,
                owner: owner.or_else(|| me.map(str::to_string)),
                due_at: match due {
                    Some(d) => due_date(&d, offset)?,
                    None => now + 30 * 86_400,
                },
                indicator: ind,
                target: target.or_else(|| row.and_then(|r| r.target)),
                baseline: row.and_then(|r| r.current),
                rule,
            };
            let number = store.add_plan(&plan, now)?;
            let line = say(
                "said-plan-added",
                &[
                    ("n", &number),
                    ("title", &plan.title),
                    ("indicator", &ind.as_str()),
                    ("now", &super::report_plans::value(ind, plan.baseline)),
                    ("target", &super::report_plans::value(ind, plan.target)),
                    ("due", &short_date(plan.due_at)),
                ],
            );
            writeln!(out, "{line}")?;
        }
        PlanCmd::List { all, list } => {
            let ListArgs { limit, format } = list;
            let mut sink = Sink::new(out, format, HEADER);
            for_each_page(
                limit,
                |req, n| store.plans(!all, req, n),
                |rows| sink.batch(rows, cells, |p, w| serde_json::to_writer(w, p)),
            )?;
            sink.finish()?;
        }
        PlanCmd::Set { number, changes } => {
            let mut edit = PlanEdit::default();
            for c in &changes {
                let (k, v) = c
                    .split_once('=')
                    .ok_or_else(|| usage(say("usage-plan-not-a-change", &[("change", c)])))?;
                match k.trim() {
                    "status" => {
                        edit.status = Some(PlanStatus::parse(v).ok_or_else(|| {
                            usage(say(
                                "usage-plan-status",
                                &[("value", &v), ("allowed", &PlanStatus::names())],
                            ))
                        })?)
                    }
                    "owner" if matches!(v.trim(), "" | "none") => edit.owner = Some(None),
                    "owner" => edit.owner = Some(Some(crate::domain::handle::normalize(v))),
                    "due" => edit.due_at = Some(due_date(v, offset)?),
                    "note" => edit.note = Some(v.to_string()),
                    other => {
                        return Err(usage(say(
                            "usage-cannot-set",
                            &[("field", &other), ("fields", &"status, owner, due, note")],
                        )));
                    }
                }
            }
            let p = store.set_plan(number, &edit, now)?;
            let line = say(
                "said-plan-set",
                &[
                    ("n", &p.number),
                    ("status", &locale::plan_status(locale::get(), p.status)),
                    ("title", &p.title),
                ],
            );
            writeln!(out, "{line}")?;
        }
        PlanCmd::Show { number, format } => {
            let p = store
                .plan(number)?
                .ok_or_else(|| super::error_words::no_plan(number))?;
            match format {
                ShowFormat::Json => {
                    serde_json::to_writer_pretty(out.json(), &p)?;
                    writeln!(out)?;
                }
                ShowFormat::Text => {
                    let line = say("said-plan-title", &[("n", &p.number), ("title", &p.title)]);
                    writeln!(out, "{line}")?;
                    let line = say(
                        "said-plan-status",
                        &[
                            ("status", &locale::plan_status(locale::get(), p.status)),
                            ("due", &short_date(p.due_at)),
                        ],
                    );
                    writeln!(out, "{line}")?;
                    let owner = p.owner.as_deref().unwrap_or("—");
                    writeln!(out, "{}", say("said-plan-owner", &[("owner", &owner)]))?;
                    let line = say(
                        "said-plan-indicator",
                        &[
                            ("indicator", &p.indicator.as_str()),
                            (
                                "baseline",
                                &super::report_plans::value(p.indicator, p.baseline),
                            ),
                            ("target", &super::report_plans::value(p.indicator, p.target)),
                        ],
                    );
                    writeln!(out, "{line}")?;
                    if let Some(r) = &p.rule {
                        let rule = format!("`{r}`");
                        writeln!(out, "{}", say("said-plan-rule", &[("rule", &rule)]))?;
                    }
                    if !p.note.as_str().is_empty() {
                        writeln!(out, "{}", say("said-plan-note", &[("note", &p.note)]))?;
                    }
                }
            }
        }
    }
    Ok(())
}
