//! The report's field-service section (Markdown): visits per engineer, first-time fix, on-time arrival,
//! no-shows, the warranty split, parts used and return requests (docs/METRICS.md, "Field service").

use super::output::Out;
use super::report_md::{arg, col, head};
use crate::domain::field_report::{FieldReport, percent};
use crate::domain::warranty::yuan;
use crate::i18n::metrics_words as words;
use crate::i18n::{Locale, tr, tr_args};

/// Text for a table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    crate::domain::text::one_line(s).replace('|', "\\|")
}

/// `return 3, exchange 2` / `退货 3、换货 2`: counted return kinds, reasons or states (`what`) in words.
fn counted(l: Locale, what: &str, v: &[(String, u32)]) -> String {
    v.iter()
        .map(|(k, n)| format!("{} {n}", words::rma(l, what, k)))
        .collect::<Vec<_>>()
        .join(&tr(l, "report-list-separator"))
}

pub fn write(out: &mut Out<'_>, f: &FieldReport, l: Locale) -> std::io::Result<()> {
    writeln!(out, "### {}\n", tr(l, "report-field-title"))?;
    if f.is_empty() {
        return writeln!(out, "{}\n", tr(l, "report-field-empty"));
    }
    head(
        out,
        &[
            col(l, "report-column-measure", false),
            col(l, "report-column-value", true),
        ],
    )?;
    let no_show = tr_args(
        l,
        "report-field-no-show-value",
        &[
            ("rate", arg(percent(f.no_show_rate))),
            ("count", arg(f.no_shows)),
        ],
    );
    let out_of_warranty = tr_args(
        l,
        "report-field-out-of-warranty-value",
        &[
            ("share", arg(percent(f.out_of_warranty_share))),
            ("out", arg(f.out_of_warranty)),
            ("total", arg(f.in_warranty + f.out_of_warranty)),
        ],
    );
    let parts = format!(
        "¥{} / ¥{}",
        yuan(f.parts_cost_cents),
        yuan(f.parts_value_cents)
    );
    for (key, value) in [
        ("report-field-completed", f.completed.to_string()),
        (
            "report-field-first-time-fix",
            percent(f.first_time_fix_rate),
        ),
        ("report-field-on-time", percent(f.on_time_rate)),
        ("report-field-arrival", percent(f.arrival_target_met_rate)),
        ("report-field-no-show", no_show),
        ("report-field-out-of-warranty", out_of_warranty),
        ("report-field-parts", parts),
    ] {
        writeln!(out, "| {} | {value} |", tr(l, key))?;
    }
    writeln!(out)?;
    if !f.engineers.is_empty() {
        head(
            out,
            &[
                col(l, "report-column-engineer", false),
                col(l, "report-column-completed", true),
                col(l, "report-column-first-time-fixes", true),
                col(l, "report-column-on-time", true),
                col(l, "report-column-no-shows", true),
                col(l, "report-column-labour", true),
            ],
        )?;
        for e in &f.engineers {
            writeln!(
                out,
                "| {} | {} | {} | {}/{} | {} | {:.1} |",
                cell(&e.engineer),
                e.completed,
                e.first_time_fixes,
                e.on_time,
                e.arrived,
                e.no_shows,
                e.labour_minutes as f64 / 60.0
            )?;
        }
        writeln!(out)?;
    }
    if !f.parts.is_empty() {
        head(
            out,
            &[
                col(l, "report-column-part", false),
                col(l, "report-column-used", true),
                col(l, "report-column-cost", true),
                col(l, "report-column-price", true),
            ],
        )?;
        for p in &f.parts {
            writeln!(
                out,
                "| {} {} | {} | ¥{} | ¥{} |",
                cell(&p.code),
                cell(&p.name),
                p.qty,
                yuan(p.cost_cents),
                yuan(p.value_cents)
            )?;
        }
        writeln!(out)?;
    }
    if !f.returns_by_kind.is_empty() {
        for (key, what, counts) in [
            ("report-field-returns", "kind", &f.returns_by_kind),
            ("report-field-reasons", "reason", &f.returns_by_reason),
            ("report-field-where", "status", &f.returns_by_status),
        ] {
            let counts = arg(counted(l, what, counts));
            writeln!(out, "{}", tr_args(l, key, &[("counts", counts)]))?;
        }
        writeln!(out)?;
    }
    Ok(())
}
