//! `desk return`: returns and exchanges (退换货) — a request on a ticket judged by the seven-day no-reason and
//! fifteen-day exchange rules, then approved or declined, collected, received, inspected and settled.

use super::UsageError;
use super::locale::{self, say, unknown};
use super::output::{ListFormat, Out, Sink, rfc3339};
use crate::domain::returns::{RmaKind, RmaReason, RmaStatus};
use crate::domain::warranty::{parse_yuan, yuan};
use crate::store::Store;
use crate::store::returns::{NewReturn, ReturnRow, ReturnStep, ReturnsOf};

#[derive(Debug, clap::Subcommand)]
pub enum ReturnCmd {
    /// Open a request: `desk return new 1001 --kind return --reason no_reason`
    New {
        ticket: i64,
        /// return, exchange, repair
        #[arg(long)]
        kind: String,
        /// no_reason, quality, wrong_item, damaged_in_transit, other
        #[arg(long)]
        reason: String,
        /// The order (id or external id); default: the customer's latest
        #[arg(long)]
        order: Option<String>,
        /// When the goods arrived, YYYY-MM-DD; default: the order's delivery date
        #[arg(long)]
        delivered: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Requests, newest first: of a ticket, of a customer, or all
    List {
        #[arg(long)]
        ticket: Option<i64>,
        /// A customer id
        #[arg(long, conflicts_with = "ticket")]
        customer: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: usize,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Move a request on: `desk return set R2 status=approved`, `status=refunded refund=199`
    Set {
        /// The request's number (`R2` or `2`)
        request: String,
        /// FIELD=VALUE; fields: status, exception (why it is approved against the rules), refund (yuan), note
        #[arg(required = true)]
        changes: Vec<String>,
    },
}

const HEADER: &[&str] = &[
    "request",
    "ticket",
    "kind",
    "reason",
    "status",
    "customer",
    "requested",
    "rules",
];

fn cells(r: &ReturnRow) -> Vec<String> {
    vec![
        format!("R{}", r.number),
        r.ticket.to_string(),
        r.kind.to_string(),
        r.reason.to_string(),
        r.status.to_string(),
        r.customer
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default(),
        super::output::short_date(r.requested_at),
        r.eligibility.to_string(),
    ]
}

fn number(raw: &str) -> Result<i64, UsageError> {
    let t = raw.trim();
    t.strip_prefix(['R', 'r'])
        .unwrap_or(t)
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| UsageError(say("usage-return-number", &[("value", &t)])))
}

fn parse<T: std::str::FromStr<Err = crate::domain::UnknownValue>>(
    flag: &str,
    v: &str,
) -> Result<T, UsageError> {
    v.parse().map_err(|e: crate::domain::UnknownValue| {
        UsageError(say(
            "usage-labelled",
            &[("label", &format!("--{flag}")), ("problem", &unknown(&e))],
        ))
    })
}

pub fn run(store: &mut Store, cmd: ReturnCmd, now: i64, out: &mut Out<'_>) -> anyhow::Result<()> {
    match cmd {
        ReturnCmd::New {
            ticket,
            kind,
            reason,
            order,
            delivered,
            note,
        } => {
            let tz = store.service_rules().field.tz();
            let delivered_at = delivered
                .map(|d| {
                    use chrono::TimeZone;
                    chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
                        .ok()
                        .and_then(|date| {
                            tz.from_local_datetime(&date.and_time(chrono::NaiveTime::MIN))
                                .earliest()
                        })
                        .map(|t| t.timestamp())
                        .ok_or_else(|| {
                            UsageError(say(
                                "usage-date-flag",
                                &[("flag", &"--delivered"), ("value", &d)],
                            ))
                        })
                })
                .transpose()?;
            let r = store.new_return(
                &NewReturn {
                    ticket,
                    kind: parse::<RmaKind>("kind", &kind)?,
                    reason: parse::<RmaReason>("reason", &reason)?,
                    order,
                    delivered_at,
                    note,
                },
                now,
            )?;
            let l = locale::get();
            let line = say(
                "said-return-new",
                &[
                    ("n", &r.number),
                    ("ticket", &r.ticket),
                    ("kind", &locale::return_kind(l, r.kind)),
                    ("reason", &locale::return_reason(l, r.reason)),
                    ("status", &locale::return_status(l, r.status)),
                ],
            );
            writeln!(out, "{line}")?;
            let line = say("said-return-rules", &[("rules", &r.eligibility)]);
            writeln!(out, "{line}")?;
        }
        ReturnCmd::List {
            ticket,
            customer,
            limit,
            format,
        } => {
            let of = match (ticket, customer.as_deref()) {
                (Some(t), _) => ReturnsOf::Ticket(t),
                (None, Some(c)) => ReturnsOf::Customer(c),
                (None, None) => ReturnsOf::All,
            };
            let rows = store.return_list(of, limit.max(1))?;
            let mut sink = Sink::new(out, format, HEADER);
            sink.batch(&rows, cells, |r, w| {
                let mut j = serde_json::to_value(r)?;
                j["requested_at"] = rfc3339(r.requested_at).into();
                serde_json::to_writer(w, &j)
            })?;
            sink.finish()?;
        }
        ReturnCmd::Set { request, changes } => {
            let n = number(&request)?;
            let mut step = ReturnStep::default();
            for change in &changes {
                let Some((field, value)) = change.split_once('=') else {
                    return Err(UsageError(say(
                        "usage-not-field-value",
                        &[("change", change), ("example", &"status=approved")],
                    ))
                    .into());
                };
                let value = value.trim();
                match field.trim() {
                    "status" => step.status = Some(parse::<RmaStatus>("status", value)?),
                    "exception" => step.exception = Some(value.to_string()),
                    "refund" => {
                        step.refund_cents = Some(parse_yuan(value).ok_or_else(|| {
                            UsageError(say("usage-return-refund", &[("value", &value)]))
                        })?)
                    }
                    "note" => step.note = Some(value.to_string()),
                    other => {
                        return Err(UsageError(say(
                            "usage-return-not-a-field",
                            &[
                                ("field", &other),
                                ("fields", &"status, exception, refund, note"),
                            ],
                        ))
                        .into());
                    }
                }
            }
            let r = store.set_return(n, &step, now)?;
            let l = locale::get();
            let (kind, status) = (
                locale::return_kind(l, r.kind),
                locale::return_status(l, r.status),
            );
            let line = match r.refund_cents {
                Some(c) => say(
                    "said-return-set-refund",
                    &[
                        ("n", &r.number),
                        ("kind", &kind),
                        ("status", &status),
                        ("refund", &yuan(c)),
                    ],
                ),
                None => say(
                    "said-return-set",
                    &[("n", &r.number), ("kind", &kind), ("status", &status)],
                ),
            };
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
