//! `desk sla run`, `desk task list|done` and `desk survey record`: the SLA rules and the closed loop from scripts
//! and cron.

use super::UsageError;
use super::locale::say;
use super::output::Out;
use super::output::{ListArgs, ListFormat, ShowFormat, Sink, rfc3339, short_date};
use super::ticket::for_each_page;
use crate::domain::UnknownValue;
use crate::domain::questionnaire;
use crate::domain::service_loop::{FollowUpOutcome, SurveyResponse};
use crate::i18n::tr_of;
use crate::store::Store;
use crate::store::service_loop::TaskRow;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SlaCmd {
    /// Recompute stale clocks, apply escalation rules (once per clock) and auto-close solved tickets.
    /// Idempotent: safe from cron every minute, from several machines at once.
    Run {
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum TaskCmd {
    /// Open tasks (follow-up calls 回访 …), soonest first
    List {
        /// today (before local midnight), overdue, a window like 7d or 12h, or all
        #[arg(long, default_value = "all")]
        due: String,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Record the follow-up call of a solved ticket; "not-solved" reopens it
    Done {
        #[arg(long)]
        ticket: i64,
        #[arg(long, value_parser = parse_outcome)]
        outcome: FollowUpOutcome,
        /// What the customer said
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SurveyCmd {
    /// Record a satisfaction survey for a ticket: CSAT 1–5, NPS 0–10, CES 1–7, questionnaire items 1–5
    Record {
        #[arg(long)]
        ticket: i64,
        #[arg(long)]
        csat: Option<i64>,
        #[arg(long)]
        nps: Option<i64>,
        #[arg(long)]
        ces: Option<i64>,
        /// A questionnaire item's score, as item=score (repeat for each): product=4 --item price=3
        #[arg(long = "item", value_name = "ITEM=SCORE")]
        items: Vec<String>,
        #[arg(long)]
        comment: Option<String>,
    },
    /// The questionnaire's items (问卷, [metrics] csi_items) and their CSI weights
    Items,
}

fn parse_outcome(s: &str) -> Result<FollowUpOutcome, UnknownValue> {
    s.parse()
}

/// The upper bound `--due` means, from `now` in the local time zone.
fn due_bound(due: &str, now: i64, utc_offset: i32) -> Result<Option<i64>, UsageError> {
    match due.trim() {
        "all" => Ok(None),
        "overdue" => Ok(Some(now)),
        "today" => {
            let local = now + i64::from(utc_offset);
            Ok(Some(
                local - local.rem_euclid(86_400) + 86_400 - i64::from(utc_offset),
            ))
        }
        window => crate::domain::sla_policy::parse_duration(window)
            .map(|s| Some(now + s))
            .map_err(|_| UsageError(say("usage-task-due", &[("value", &window)]))),
    }
}

const TASK_HEADER: &[&str] = &[
    "due", "kind", "ticket", "customer", "assignee", "subject", "note",
];

fn task_cells(t: &TaskRow, format: super::output::ListFormat) -> Vec<String> {
    let opt = |v: &Option<crate::domain::text::SafeText>| {
        v.as_ref().map(|s| s.to_string()).unwrap_or_default()
    };
    vec![
        short_date(t.due_at),
        t.kind.clone(),
        t.ticket
            .map(|n| super::output::number_cell(n, format))
            .unwrap_or_default(),
        opt(&t.customer),
        t.assignee.clone().unwrap_or_default(),
        opt(&t.subject),
        // What is known before the call, such as a survey mailed or answered: its lines as one.
        crate::domain::text::one_line(&match format {
            super::output::ListFormat::Table => {
                crate::i18n::crm_words::task_note(super::locale::get(), &t.note)
            }
            _ => t.note.to_string(),
        }),
    ]
}

pub fn sla(store: &mut Store, cmd: SlaCmd, now: i64, out: &mut Out<'_>) -> anyhow::Result<()> {
    let SlaCmd::Run { format } = cmd;
    let report = store.sla_run(now)?;
    match format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(out.json(), &report)?;
            writeln!(out)?;
        }
        ShowFormat::Text => {
            for e in &report.escalated {
                writeln!(
                    out,
                    "#{} {} {} ({}): {}",
                    e.number, e.target, e.state, e.rule, e.actions
                )?;
            }
            for n in &report.closed {
                writeln!(out, "{}", say("said-service-auto-closed", &[("n", n)]))?;
            }
            let args: [(&str, &dyn std::fmt::Display); 4] = [
                ("escalated", &report.escalated.len()),
                ("closed", &report.closed.len()),
                ("clocks", &report.recomputed),
                ("complaints", &report.complaints_waiting),
            ];
            let line = match report.complaints_waiting {
                0 => say("said-service-sweep", &args),
                _ => say("said-service-sweep-complaints", &args),
            };
            writeln!(out, "{line}")?;
            if report.follow_ups_waiting > 0 {
                let line = say(
                    "said-service-follow-ups-waiting",
                    &[
                        ("n", &report.follow_ups_waiting),
                        ("list", &"desk task list"),
                    ],
                );
                writeln!(out, "{line}")?;
            }
            if report.replica {
                let line = say("said-service-replica", &[("sync", &"`desk sync`")]);
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}

pub fn task(
    store: &mut Store,
    cmd: TaskCmd,
    now: i64,
    utc_offset: i32,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    match cmd {
        TaskCmd::List { due, list } => {
            let until = due_bound(&due, now, utc_offset)?;
            let ListArgs { limit, format } = list;
            let mut sink = Sink::new(out, format, TASK_HEADER);
            for_each_page(
                limit,
                |req, n| store.tasks_due(until, req, n),
                |rows| {
                    sink.batch(
                        rows,
                        |t| task_cells(t, format),
                        |t, w| {
                            let mut v = serde_json::to_value(t)?;
                            v["due_at"] = serde_json::Value::from(rfc3339(t.due_at));
                            serde_json::to_writer(w, &v)
                        },
                    )
                },
            )?;
            let n = sink.finish()?;
            if n == 0 && format == ListFormat::Table {
                let line = if due == "all" {
                    say("said-service-no-tasks-at-all", &[])
                } else {
                    say("said-service-no-tasks", &[("due", &due)])
                };
                super::output::err_line(format_args!("{line}"));
            }
        }
        TaskCmd::Done {
            ticket,
            outcome,
            note,
        } => {
            let done = store.record_follow_up(ticket, outcome, &note, now)?;
            let l = super::locale::get();
            let outcome = tr_of(l, "loopform-outcome-", outcome.as_str());
            let line = if done.reopened {
                say(
                    "said-service-follow-up-reopened",
                    &[("n", &ticket), ("outcome", &outcome)],
                )
            } else {
                let stage = done.stage.map_or("-".to_string(), |s| {
                    tr_of(l, "fields-loop-stage-", s.as_str())
                });
                say(
                    "said-service-follow-up",
                    &[("n", &ticket), ("outcome", &outcome), ("stage", &stage)],
                )
            };
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

pub fn survey(
    store: &mut Store,
    cmd: SurveyCmd,
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let (ticket, csat, nps, ces, items, comment) = match cmd {
        SurveyCmd::Items => return questionnaire(store, out),
        SurveyCmd::Record {
            ticket,
            csat,
            nps,
            ces,
            items,
            comment,
        } => (ticket, csat, nps, ces, items, comment),
    };
    let items = items
        .iter()
        .map(|a| questionnaire::parse_answer(a))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| UsageError(e.to_string()))?;
    let response = SurveyResponse {
        csat,
        nps,
        ces,
        comment,
        items,
    };
    response.check().map_err(|e| UsageError(e.to_string()))?;
    questionnaire::check(&response.items, Some(&store.service_rules().questionnaire))
        .map_err(|e| UsageError(e.to_string()))?;
    let recovery = store.record_survey(ticket, &response, now)?;
    let summary = crate::domain::text::sanitize(&response.summary());
    let line = say(
        "said-service-survey",
        &[("n", &ticket), ("summary", &summary)],
    );
    writeln!(out, "{line}")?;
    if let Some(r) = recovery {
        let key = if r.reopened {
            "said-service-low-score-reopened"
        } else {
            "said-service-low-score"
        };
        let line = say(
            key,
            &[("n", &ticket), ("why", &r.why), ("list", &"desk task list")],
        );
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `desk survey items`: the questionnaire a follow-up call or a survey mail asks.
fn questionnaire(store: &Store, out: &mut Out<'_>) -> anyhow::Result<()> {
    let items = &store.service_rules().questionnaire;
    if items.is_empty() {
        let line = say(
            "said-service-no-items",
            &[("setting", &"[metrics] csi_items")],
        );
        writeln!(out, "{line}")?;
        return Ok(());
    }
    let total: f64 = items.iter().map(|i| i.weight).sum();
    writeln!(out, "{:<14} {:<26} {:>7}", "ITEM", "NAME", "WEIGHT")?;
    for it in items {
        let share = if total > 0.0 {
            it.weight / total * 100.0
        } else {
            0.0
        };
        // fit pads by display width: the Chinese names are two cells a character.
        let name = crate::domain::text::fit(&format!("{} {}", it.label(), it.zh_label()), 26);
        writeln!(out, "{:<14} {name} {:>6.0}%", it.key, share)?;
    }
    let line = say(
        "said-service-items-scored",
        &[(
            "example",
            &"desk survey record --ticket N --item product=4 …",
        )],
    );
    writeln!(out, "{line}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_windows_end_where_they_say() {
        let now = 1_795_000_000; // 2026-11-18 11:06:40 UTC, 19:06 in UTC+8
        assert_eq!(due_bound("all", now, 0).unwrap(), None);
        assert_eq!(due_bound("overdue", now, 0).unwrap(), Some(now));
        assert_eq!(due_bound("7d", now, 0).unwrap(), Some(now + 7 * 86_400));
        // Local midnight in UTC+8 is 16:00 UTC.
        let end = due_bound("today", now, 8 * 3600).unwrap().unwrap();
        assert_eq!(end, 1_795_017_600);
        assert_eq!((end + 8 * 3600) % 86_400, 0);
        assert!(
            due_bound("soon", now, 0)
                .unwrap_err()
                .0
                .contains("today, overdue, all")
        );
    }
}
