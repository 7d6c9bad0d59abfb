//! The service report (服务报告) of a visit: Markdown that reads as plain text on paper or in a message — what was
//! done, with which parts, how long it took, what it costs and who confirmed it.

use std::fmt::Write;

use super::locale::{self, say_in};
use crate::domain::field_rules::FieldRules;
use crate::domain::warranty::{Coverage, QuoteState, quote, yuan};
use crate::i18n::Locale;
use crate::store::parts::VisitPart;
use crate::store::visits::VisitRow;

fn at(t: Option<i64>, rules: &FieldRules) -> String {
    let tz = rules.tz();
    t.and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map(|d| d.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "—".into())
}

pub fn report(l: Locale, v: &VisitRow, parts: &[VisitPart], rules: &FieldRules) -> String {
    let mut s = String::new();
    // Writing to a String cannot fail.
    let _ = write_report(&mut s, l, v, parts, rules);
    s
}

fn write_report(
    s: &mut String,
    l: Locale,
    v: &VisitRow,
    parts: &[VisitPart],
    rules: &FieldRules,
) -> std::fmt::Result {
    let say = |key: &str, args: &[(&str, &dyn std::fmt::Display)]| say_in(l, key, args);
    let word = |key: &str| say_in(l, key, &[]);
    let row = |s: &mut String, label: &str, value: &str| {
        writeln!(
            s,
            "| {} | {value} |",
            word(&format!("said-visit-report-{label}"))
        )
    };
    writeln!(
        s,
        "# {}",
        say("said-visit-report-title", &[("n", &v.number)])
    )?;
    writeln!(s)?;
    writeln!(s, "| | |")?;
    writeln!(s, "|---|---|")?;
    row(s, "ticket", &format!("#{} {}", v.ticket, v.subject))?;
    let customer = v
        .customer
        .as_ref()
        .map_or("—".to_string(), |c| c.to_string());
    row(s, "customer", &customer)?;
    let address = if v.address.is_empty() {
        "—"
    } else {
        v.address.as_str()
    };
    row(s, "address", address)?;
    row(s, "service", &locale::service_label(l, v.service))?;
    row(s, "engineer", v.engineer.as_deref().unwrap_or("—"))?;
    row(s, "window", &super::visit::window_text(v, rules))?;
    row(s, "arrived", &at(v.arrived_at, rules))?;
    row(s, "finished", &at(v.finished_at, rules))?;
    row(s, "status", &locale::visit_status(l, v.status))?;
    let warranty = format!(
        "{} — {}",
        locale::coverage(l, v.coverage),
        v.coverage_reason
    );
    row(s, "warranty", &warranty)?;
    writeln!(s)?;
    writeln!(s, "## {}", word("said-visit-report-work-done"))?;
    writeln!(s)?;
    if v.notes.is_empty() {
        writeln!(s, "{}", word("said-visit-report-no-notes"))?;
    } else {
        writeln!(s, "{}", v.notes.as_str())?;
    }
    writeln!(s)?;
    writeln!(s, "## {}", word("said-visit-report-parts"))?;
    writeln!(s)?;
    if parts.is_empty() {
        writeln!(s, "{}", word("said-visit-report-no-parts"))?;
    } else {
        writeln!(s, "{}", word("said-visit-report-parts-header"))?;
        writeln!(s, "|---|---|---:|---:|---|")?;
        for p in parts {
            let state = word(if p.used {
                "said-visit-report-part-used"
            } else {
                "said-visit-report-part-reserved"
            });
            writeln!(
                s,
                "| {} | {} | {} | {} | {state} |",
                p.code,
                p.name,
                p.qty,
                yuan(p.price_cents * p.qty)
            )?;
        }
    }
    writeln!(s)?;
    writeln!(s, "## {}", word("said-visit-report-charges"))?;
    writeln!(s)?;
    let parts_cents: i64 = parts.iter().map(|p| p.price_cents * p.qty).sum();
    let labour = say(
        "said-visit-report-labour",
        &[("minutes", &v.labour_minutes)],
    );
    writeln!(s, "{labour}")?;
    match v.coverage {
        Coverage::In => writeln!(s, "{}", word("said-visit-report-in-warranty"))?,
        Coverage::Out => {
            let q = quote(parts_cents, v.labour_minutes, &rules.warranty);
            let charges = say(
                "said-visit-report-out-of-warranty",
                &[
                    ("parts", &yuan(q.parts_cents)),
                    ("labour", &yuan(q.labour_cents)),
                    ("call-out", &yuan(q.call_out_cents)),
                    ("total", &yuan(q.total_cents)),
                ],
            );
            writeln!(s, "{charges}")?;
            let answer = word(match v.quote_state {
                QuoteState::Accepted => "said-visit-report-quote-accepted",
                QuoteState::Declined => "said-visit-report-quote-declined",
                QuoteState::Pending => "said-visit-report-quote-pending",
                QuoteState::None => "said-visit-report-quote-not-sent",
            });
            let quoted = v
                .quote_cents
                .map_or("—".to_string(), |c| format!("¥{}", yuan(c)));
            let line = say(
                "said-visit-report-quote",
                &[("quote", &quoted), ("answer", &answer)],
            );
            writeln!(s, "{line}")?;
        }
        Coverage::Unknown => writeln!(s, "{}", word("said-visit-report-warranty-unknown"))?,
    }
    writeln!(s)?;
    writeln!(s, "## {}", word("said-visit-report-confirmation"))?;
    writeln!(s)?;
    match &v.confirmed_by {
        Some(name) => {
            let line = say(
                "said-visit-report-confirmed",
                &[("name", name), ("at", &at(v.confirmed_at, rules))],
            );
            writeln!(s, "{line}")?;
        }
        None => writeln!(s, "{}", word("said-visit-report-not-confirmed"))?,
    }
    Ok(())
}
