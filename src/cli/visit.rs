//! `desk visit`: on-site visits (上门服务) — make one on a ticket, list an engineer's day or the visits waiting for
//! a time, move one through its steps, and print its service report (服务报告).

use super::UsageError;
use super::locale::{self, say, unknown};
use super::output::{ListFormat, Out, ShowFormat, Sink};
use crate::domain::field_rules::FieldRules;
use crate::domain::visit::{Service, VisitStatus, parse_window};
use crate::domain::warranty::{Cause, QuoteState, parse_yuan, yuan};
use crate::store::Store;
use crate::store::schedule::VisitQuery;
use crate::store::visits::{NewVisit, VisitEdit, VisitRow};

#[derive(Debug, clap::Subcommand)]
pub enum VisitCmd {
    /// Make a visit on a ticket: `desk visit new 1001 --service repair --engineer li --window "2026-12-07 09:00-11:00"`
    New {
        ticket: i64,
        /// install, repair, maintenance, inspection, pickup
        #[arg(long, default_value = "repair")]
        service: String,
        /// The engineer's handle; without it (or a window) the visit waits in the unscheduled list
        #[arg(long)]
        engineer: Option<String>,
        /// `YYYY-MM-DD HH:MM-HH:MM` or `YYYY-MM-DD HH:MM+2h`, in the field-service calendar's time zone
        #[arg(long)]
        window: Option<String>,
        /// Default: the customer's address, else their city
        #[arg(long)]
        address: Option<String>,
    },
    /// Visits by day or week, of one engineer or all, or the ones waiting for a time (--waiting)
    List {
        /// A day `YYYY-MM-DD` (default: today)
        #[arg(long)]
        date: Option<String>,
        /// Seven days from --date
        #[arg(long)]
        week: bool,
        #[arg(long)]
        engineer: Option<String>,
        /// Visits that are unscheduled or rescheduled, oldest first
        #[arg(long, conflicts_with_all = ["date", "week"])]
        waiting: bool,
        /// A ticket's visits
        #[arg(long, conflicts_with_all = ["date", "week", "waiting", "engineer"])]
        ticket: Option<i64>,
        #[arg(long, default_value_t = 200)]
        limit: usize,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Change a visit: `desk visit set V3 status=on_site`, `cause=user_damage quote=accepted`, `part=FLT-200:1@van:li`
    Set {
        /// The visit's number (`V3` or `3`)
        visit: String,
        /// FIELD=VALUE; fields: status, engineer, window, address, service, notes, labour, cause, quote, confirmed, part
        #[arg(required = true)]
        changes: Vec<String>,
    },
    /// The service report (服务报告) of a visit, as text to print or send
    Report {
        visit: String,
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
}

const HEADER: &[&str] = &[
    "visit", "ticket", "service", "status", "engineer", "window", "customer", "address",
];

pub fn visit_number(raw: &str) -> Result<i64, UsageError> {
    let t = raw.trim();
    let digits = t.strip_prefix(['V', 'v']).unwrap_or(t);
    digits
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| UsageError(say("usage-visit-number", &[("value", &t)])))
}

/// `12-07 09:00–11:00` in the calendar's zone.
pub fn window_text(v: &VisitRow, rules: &FieldRules) -> String {
    match (v.window_start, v.window_end) {
        (Some(a), Some(b)) => {
            let tz = rules.tz();
            let at = |t: i64, f: &str| {
                chrono::DateTime::from_timestamp(t, 0)
                    .map(|d| d.with_timezone(&tz).format(f).to_string())
                    .unwrap_or_default()
            };
            format!("{}–{}", at(a, "%Y-%m-%d %H:%M"), at(b, "%H:%M"))
        }
        _ => "—".into(),
    }
}

fn local_time(t: Option<i64>, rules: &FieldRules) -> String {
    let tz = rules.tz();
    t.and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map(|d| d.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "—".into())
}

fn cells(v: &VisitRow, rules: &FieldRules) -> Vec<String> {
    vec![
        format!("V{}", v.number),
        v.ticket.to_string(),
        v.service.to_string(),
        v.status.to_string(),
        v.engineer.clone().unwrap_or_default(),
        window_text(v, rules),
        v.customer
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default(),
        v.address.to_string(),
    ]
}

/// A day `YYYY-MM-DD` in the calendar's zone → its first second.
fn day_start(text: Option<&str>, rules: &FieldRules, now: i64) -> Result<i64, UsageError> {
    use chrono::TimeZone;
    let tz = rules.tz();
    let date = match text {
        Some(t) => chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").map_err(|_| {
            UsageError(say(
                "usage-date-flag",
                &[("flag", &"--date"), ("value", &t)],
            ))
        })?,
        None => tz
            .timestamp_opt(now, 0)
            .single()
            .map(|d| d.date_naive())
            .ok_or_else(|| UsageError(say("usage-clock-out-of-range", &[])))?,
    };
    tz.from_local_datetime(&date.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map(|d| d.timestamp())
        .ok_or_else(|| {
            UsageError(say(
                "usage-visit-no-midnight",
                &[("date", &date), ("zone", &tz)],
            ))
        })
}

fn edit(field: &str, value: &str, rules: &FieldRules) -> Result<Option<VisitEdit>, UsageError> {
    let bad = |what: &str| {
        UsageError(say(
            "usage-visit-field-value",
            &[("field", &field), ("value", &value), ("problem", &what)],
        ))
    };
    let v = value.trim();
    Ok(Some(match field {
        "status" => VisitEdit::Status(
            v.parse()
                .map_err(|e: crate::domain::UnknownValue| bad(&unknown(&e)))?,
        ),
        "engineer" => {
            VisitEdit::Engineer(Some(v.to_string()).filter(|h| !h.is_empty() && h != "-"))
        }
        "window" if v.is_empty() || v == "-" => VisitEdit::Window(None),
        "window" => VisitEdit::Window(Some(
            parse_window(v, rules.tz()).ok_or_else(|| bad(&say("usage-visit-window-hint", &[])))?,
        )),
        "address" => VisitEdit::Address(v.to_string()),
        "service" => VisitEdit::Service(v.parse::<Service>().map_err(|e| bad(&unknown(&e)))?),
        "notes" => VisitEdit::Notes(v.to_string()),
        "labour" => {
            let secs = crate::domain::sla_policy::parse_duration(v)
                .ok()
                .or_else(|| v.parse::<i64>().ok().and_then(|m| m.checked_mul(60)))
                .ok_or_else(|| bad(&say("usage-visit-labour-hint", &[])))?;
            VisitEdit::LabourMinutes(secs / 60)
        }
        "cause" => VisitEdit::Cause(v.parse::<Cause>().map_err(|e| bad(&unknown(&e)))?),
        "quote" => match QuoteState::parse(v) {
            Some(q) => VisitEdit::Quote(q),
            None => VisitEdit::QuoteCents(
                parse_yuan(v).ok_or_else(|| bad(&say("usage-visit-quote-hint", &[])))?,
            ),
        },
        "confirmed" => VisitEdit::ConfirmedBy(v.to_string()),
        "part" => return Ok(None),
        other => {
            return Err(UsageError(say(
                "usage-visit-not-a-field",
                &[
                    ("field", &other),
                    (
                        "fields",
                        &"status, engineer, window, address, service, notes, labour, cause, quote, confirmed, part",
                    ),
                ],
            )));
        }
    }))
}

/// `CODE:QTY@LOCATION` (quantity 1 and the engineer's van `van:HANDLE` by default).
fn part_spec(value: &str, engineer: Option<&str>) -> Result<(String, String, i64), UsageError> {
    let (item, location) = match value.split_once('@') {
        Some((i, l)) => (i, Some(l.trim().to_string())),
        None => (value, None),
    };
    let (code, qty) = match item.split_once(':') {
        Some((c, q)) => (
            c,
            q.trim()
                .parse::<i64>()
                .ok()
                .filter(|q| *q >= 0)
                .ok_or_else(|| {
                    UsageError(say("usage-visit-part-quantity", &[("value", &value)]))
                })?,
        ),
        None => (item, 1),
    };
    let location = location
        .or_else(|| engineer.map(|e| format!("van:{e}")))
        .ok_or_else(|| {
            UsageError(say(
                "usage-visit-part-location",
                &[("value", &value), ("code", &code)],
            ))
        })?;
    Ok((code.trim().to_string(), location, qty))
}

pub fn run(store: &mut Store, cmd: VisitCmd, now: i64, out: &mut Out<'_>) -> anyhow::Result<()> {
    let rules = store.service_rules().field.clone();
    match cmd {
        VisitCmd::New {
            ticket,
            service,
            engineer,
            window,
            address,
        } => {
            let service: Service = service
                .parse()
                .map_err(|e: crate::domain::UnknownValue| UsageError(unknown(&e)))?;
            let window = window
                .map(|w| {
                    parse_window(&w, rules.tz())
                        .ok_or_else(|| UsageError(say("usage-visit-window", &[("value", &w)])))
                })
                .transpose()?;
            let v = store.new_visit(
                &NewVisit {
                    ticket,
                    service,
                    address,
                    engineer,
                    window,
                },
                now,
            )?;
            let l = locale::get();
            let line = say(
                "said-visit-new",
                &[
                    ("n", &v.number),
                    ("ticket", &v.ticket),
                    ("service", &locale::service(l, v.service)),
                    ("status", &locale::visit_status(l, v.status)),
                    ("coverage", &locale::coverage(l, v.coverage)),
                ],
            );
            writeln!(out, "{line}")?;
            let line = say(
                "said-visit-arrive",
                &[
                    ("by", &local_time(v.arrive_by, &rules)),
                    ("window", &window_text(&v, &rules)),
                ],
            );
            writeln!(out, "{line}")?;
            warn_flags(store, &v, &rules, out)?;
        }
        VisitCmd::List {
            date,
            week,
            engineer,
            waiting,
            ticket,
            limit,
            format,
        } => {
            let rows = if let Some(t) = ticket {
                store.ticket_visits(t)?
            } else {
                let from = day_start(date.as_deref(), &rules, now)?;
                let days = if week { 7 } else { 1 };
                store.visit_list(&VisitQuery {
                    engineer,
                    from: (!waiting).then_some(from),
                    to: (!waiting).then_some(from + days * 86_400),
                    waiting,
                    limit,
                })?
            };
            let mut sink = Sink::new(out, format, HEADER);
            sink.batch(
                &rows,
                |v| cells(v, &rules),
                |v, w| serde_json::to_writer(w, v),
            )?;
            sink.finish()?;
        }
        VisitCmd::Set { visit, changes } => {
            let number = visit_number(&visit)?;
            let mut edits = Vec::new();
            let mut parts = Vec::new();
            for change in &changes {
                let Some((field, value)) = change.split_once('=') else {
                    return Err(UsageError(say(
                        "usage-not-field-value",
                        &[("change", change), ("example", &"status=on_site")],
                    ))
                    .into());
                };
                match edit(field.trim(), value, &rules)? {
                    Some(e) => edits.push(e),
                    None => parts.push(value.to_string()),
                }
            }
            let current = store.visit(number)?;
            // Parts go to the engineer's van by default: the one this change names, else the visit's.
            let engineer = edits
                .iter()
                .find_map(|e| match e {
                    VisitEdit::Engineer(h) => Some(h.clone()),
                    _ => None,
                })
                .unwrap_or(current.engineer);
            let parts = parts
                .iter()
                .map(|p| part_spec(p, engineer.as_deref()))
                .collect::<Result<Vec<_>, _>>()?;
            let (v, warnings) = store.set_visit_reserving(number, &parts, &edits, now)?;
            for (code, location, qty) in &parts {
                let line = say(
                    "said-visit-reserved",
                    &[
                        ("n", &number),
                        ("qty", qty),
                        ("code", code),
                        ("location", location),
                    ],
                );
                writeln!(out, "{line}")?;
            }
            for w in warnings {
                let misfit = say(
                    "said-visit-part-misfit",
                    &[
                        ("code", &w.code),
                        ("products", &w.listed_for.join(", ")),
                        ("product", &w.product),
                    ],
                );
                warning(out, &misfit)?;
            }
            let l = locale::get();
            let line = say(
                "said-visit-set",
                &[
                    ("n", &v.number),
                    ("status", &locale::visit_status(l, v.status)),
                    ("window", &window_text(&v, &rules)),
                    ("coverage", &locale::coverage(l, v.coverage)),
                ],
            );
            writeln!(out, "{line}")?;
            if let (Some(q), QuoteState::Pending) = (v.quote_cents, v.quote_state) {
                let line = say(
                    "said-visit-quote-waits",
                    &[
                        ("amount", &yuan(q)),
                        ("accept", &"quote=accepted"),
                        ("decline", &"quote=declined"),
                    ],
                );
                writeln!(out, "{line}")?;
            }
            warn_flags(store, &v, &rules, out)?;
            if v.status == VisitStatus::Completed {
                warn_low_stock(store, number, out)?;
            }
        }
        VisitCmd::Report { visit, format } => {
            let number = visit_number(&visit)?;
            let v = store.visit(number)?;
            let parts = store.visit_parts(number)?;
            match format {
                ShowFormat::Json => {
                    let mut j = serde_json::to_value(&v)?;
                    j["parts"] = serde_json::to_value(&parts)?;
                    serde_json::to_writer_pretty(out.json(), &j)?;
                    writeln!(out)?;
                }
                ShowFormat::Text => {
                    let text = super::visit_report::report(locale::get(), &v, &parts, &rules);
                    write!(out, "{text}")?;
                }
            }
        }
    }
    Ok(())
}

/// `warning: …` in the CLI's language.
fn warning(out: &mut Out<'_>, what: &str) -> std::io::Result<()> {
    writeln!(out, "{}", say("said-visit-warning", &[("warning", &what)]))
}

/// After a visit used its parts: which of them are now at or below their reorder point.
fn warn_low_stock(store: &Store, number: i64, out: &mut Out<'_>) -> anyhow::Result<()> {
    let used: Vec<String> = store
        .visit_parts(number)?
        .iter()
        .map(|p| p.code.to_string())
        .collect();
    for p in store
        .part_list(true)?
        .iter()
        .filter(|p| used.contains(&p.code.to_string()))
    {
        let receive = format!("desk part receive {} QTY --at LOCATION", p.code);
        let low = say(
            "said-visit-part-low",
            &[
                ("code", &p.code),
                ("free", &p.available()),
                ("reorder", &p.reorder_at),
                ("receive", &receive),
            ],
        );
        warning(out, &low)?;
    }
    Ok(())
}

/// Says when the engineer's day now has an overlap or a travel gap that is too short.
fn warn_flags(
    store: &Store,
    v: &VisitRow,
    rules: &FieldRules,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let (Some(engineer), Some(start)) = (&v.engineer, v.window_start) else {
        return Ok(());
    };
    if v.status != VisitStatus::Scheduled {
        return Ok(());
    }
    let day = start - start.rem_euclid(86_400) - 86_400;
    let schedule = store.schedule(day, day + 3 * 86_400, rules.travel_minutes)?;
    let Some(lane) = schedule.lanes.iter().find(|l| &l.handle == engineer) else {
        return Ok(());
    };
    for f in &lane.flags {
        match *f {
            crate::domain::visit::Flag::Conflict { a, b } if a == v.number || b == v.number => {
                let overlap = say(
                    "said-visit-overlap",
                    &[("a", &a), ("b", &b), ("engineer", engineer)],
                );
                warning(out, &overlap)?;
            }
            crate::domain::visit::Flag::TightTravel { a, b, gap_minutes }
                if a == v.number || b == v.number =>
            {
                let tight = say(
                    "said-visit-tight-travel",
                    &[
                        ("gap", &gap_minutes),
                        ("a", &a),
                        ("b", &b),
                        ("travel", &rules.travel_minutes),
                    ],
                );
                warning(out, &tight)?;
            }
            _ => {}
        }
    }
    if v.arrive_by
        .zip(v.window_end)
        .is_some_and(|(by, end)| end > by)
    {
        let late = say(
            "said-visit-window-late",
            &[("by", &local_time(v.arrive_by, rules))],
        );
        warning(out, &late)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::locale::say_in;
    use crate::i18n::Locale;
    use crate::store::parts::PartMisfit;

    /// The store's warning about a part for other products reads in English as it always did.
    #[test]
    fn a_misfit_part_is_worded_as_the_store_words_it() {
        let m = PartMisfit {
            code: "HEPA-X3".into(),
            listed_for: vec!["X3".into(), "X5".into()],
            product: "净水器 S9".into(),
        };
        let words = |l| {
            say_in(
                l,
                "said-visit-part-misfit",
                &[
                    ("code", &m.code),
                    ("products", &m.listed_for.join(", ")),
                    ("product", &m.product),
                ],
            )
        };
        assert_eq!(words(Locale::En), m.to_string());
        assert_eq!(
            words(Locale::ZhTw),
            "HEPA-X3 適用於 X3, X5；此工單的產品是 净水器 S9"
        );
    }
}
