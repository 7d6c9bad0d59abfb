//! The Markdown report's hot topics (热点问题): per category, tag and product, this month's top topics and the
//! biggest movers against the same days of the month before. Definitions in docs/METRICS.md ("Hot topics").

use super::output::Out;
use crate::domain::hot_topics::{HotTopics, Topic, describe};

/// Text for a table cell: one line, pipes escaped.
fn md(s: &str) -> String {
    crate::domain::text::one_line(s).replace('|', "\\|")
}

fn table(out: &mut Out<'_>, what: &str, list: &[Topic]) -> std::io::Result<()> {
    writeln!(
        out,
        "| {what} | This month | Before | Change |\n|---|---:|---:|---|"
    )?;
    for t in list {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            md(&t.label),
            t.count,
            t.previous,
            describe(t)
        )?;
    }
    writeln!(out)
}

pub fn write(out: &mut Out<'_>, h: &HotTopics) -> std::io::Result<()> {
    let m = &h.months;
    writeln!(out, "### Hot topics 热点问题\n")?;
    writeln!(
        out,
        "Tickets created {} – {} against {} – {}, by category (kind), tag and product.\n",
        m.from, m.to, m.previous_from, m.previous_to
    )?;
    if h.is_empty() {
        return writeln!(out, "No tickets in either month.\n");
    }
    for r in &h.rankings {
        let what = r.dim.label();
        writeln!(
            out,
            "**By {}** — {} this month, {} before.\n",
            r.dim.as_str(),
            r.total,
            r.previous_total
        )?;
        if r.top.is_empty() && r.movers.is_empty() {
            writeln!(out, "None.\n")?;
            continue;
        }
        if !r.top.is_empty() {
            table(out, what, &r.top)?;
        }
        if !r.movers.is_empty() {
            writeln!(out, "Biggest movers:\n")?;
            table(out, what, &r.movers)?;
        }
    }
    Ok(())
}
