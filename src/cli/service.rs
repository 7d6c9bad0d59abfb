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
        crate::domain::text::one_line(t.note.as_str()),
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
                writeln!(out, "#{n} closed: solved with no customer reply")?;
            }
            writeln!(
                out,
                "{} escalated, {} closed, {} clocks recomputed{}",
                report.escalated.len(),
                report.closed.len(),
                report.recomputed,
                match report.complaints_waiting {
                    0 => String::new(),
                    n => format!(", {n} solved complaints wait for their revisit"),
                },
            )?;
            if report.follow_ups_waiting > 0 {
                writeln!(
                    out,
                    "{} solved tickets stay open until their follow-up call (回访) is recorded (desk task list)",
                    report.follow_ups_waiting
                )?;
            }
            if report.replica {
                writeln!(
                    out,
                    "this is a replica: escalations and auto-closes are made by its hub and arrive with `desk sync`"
                )?;
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
                super::output::err_line(format_args!(
                    "no open tasks due {}",
                    if due == "all" { "at all".into() } else { due }
                ));
            }
        }
        TaskCmd::Done {
            ticket,
            outcome,
            note,
        } => {
            let done = store.record_follow_up(ticket, outcome, &note, now)?;
            if done.reopened {
                writeln!(
                    out,
                    "#{ticket}: follow-up recorded ({}); the ticket is open again",
                    outcome.label()
                )?;
            } else {
                let stage = done.stage.map_or("-", |s| s.label());
                writeln!(
                    out,
                    "#{ticket}: follow-up recorded ({}); loop: {stage}",
                    outcome.label()
                )?;
            }
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
    writeln!(out, "#{ticket}: survey recorded ({summary})")?;
    if let Some(r) = recovery {
        let reopened = if r.reopened {
            "; the ticket is open again"
        } else {
            ""
        };
        writeln!(
            out,
            "#{ticket}: low score ({}): a recovery task calls the customer back (desk task list){reopened}",
            r.why
        )?;
    }
    Ok(())
}

/// `desk survey items`: the questionnaire a follow-up call or a survey mail asks.
fn questionnaire(store: &Store, out: &mut Out<'_>) -> anyhow::Result<()> {
    let items = &store.service_rules().questionnaire;
    if items.is_empty() {
        writeln!(
            out,
            "No questionnaire items: surveys ask CSAT, NPS and CES only. Add some under [metrics] csi_items."
        )?;
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
    writeln!(
        out,
        "Each item is scored 1–5: desk survey record --ticket N --item product=4 …"
    )?;
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
