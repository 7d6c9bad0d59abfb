//! The report's field-service section (Markdown): visits per engineer, first-time fix, on-time arrival,
//! no-shows, the warranty split, parts used and return requests (docs/METRICS.md, "Field service").

use super::output::Out;
use crate::domain::field_report::FieldReport;
use crate::domain::warranty::yuan;

use crate::domain::field_report::{counts_text, percent};

/// Text for a table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    crate::domain::text::one_line(s).replace('|', "\\|")
}

pub fn write(out: &mut Out<'_>, f: &FieldReport) -> std::io::Result<()> {
    writeln!(out, "### Field service 上门服务\n")?;
    if f.is_empty() {
        return writeln!(out, "No visits, parts or returns in this period.\n");
    }
    writeln!(out, "| Measure | Value |\n|---|---:|")?;
    writeln!(out, "| Visits completed | {} |", f.completed)?;
    writeln!(
        out,
        "| First-time fix rate 一次修复率 | {} |",
        percent(f.first_time_fix_rate)
    )?;
    writeln!(
        out,
        "| On time for the window 准时到达率 | {} |",
        percent(f.on_time_rate)
    )?;
    writeln!(
        out,
        "| Arrival target met | {} |",
        percent(f.arrival_target_met_rate)
    )?;
    writeln!(
        out,
        "| No-show rate | {} ({}) |",
        percent(f.no_show_rate),
        f.no_shows
    )?;
    writeln!(
        out,
        "| Out of warranty 保外 | {} ({} of {}) |",
        percent(f.out_of_warranty_share),
        f.out_of_warranty,
        f.in_warranty + f.out_of_warranty
    )?;
    writeln!(
        out,
        "| Parts used: cost / value | ¥{} / ¥{} |\n",
        yuan(f.parts_cost_cents),
        yuan(f.parts_value_cents)
    )?;
    if !f.engineers.is_empty() {
        writeln!(
            out,
            "| Engineer | Completed | First-time fixes | On time | No-shows | Labour (h) |"
        )?;
        writeln!(out, "|---|---:|---:|---:|---:|---:|")?;
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
        writeln!(out, "| Part | Used | Cost | Value |\n|---|---:|---:|---:|")?;
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
        writeln!(
            out,
            "Returns and exchanges 退换货: {}.",
            counts_text(&f.returns_by_kind)
        )?;
        writeln!(out, "Reasons: {}.", counts_text(&f.returns_by_reason))?;
        writeln!(
            out,
            "Where they stand: {}.\n",
            counts_text(&f.returns_by_status)
        )?;
    }
    Ok(())
}
