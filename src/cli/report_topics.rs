//! The Markdown report's hot topics (热点问题): per category, tag and product, this month's top topics and the
//! biggest movers against the same days of the month before. Definitions in docs/METRICS.md ("Hot topics").

use super::output::Out;
use super::report_md::{arg, col, head, md};
use crate::domain::hot_topics::{HotTopics, Topic, TopicDim, describe};
use crate::i18n::metrics_words as words;
use crate::i18n::{Locale, tr, tr_args, tr_of};

/// A topic's change: `▲ +4 (+31%)`, a new one `▲ +1 new` / `▲ +1 新增`.
fn change(l: Locale, t: &Topic) -> String {
    if t.new && t.delta != 0 {
        let arrow = if t.delta > 0 { "▲" } else { "▼" };
        let delta = format!("{arrow} {:+}", t.delta);
        return tr_args(l, "report-topics-new", &[("change", arg(delta))]);
    }
    describe(t)
}

fn table(out: &mut Out<'_>, l: Locale, dim: TopicDim, list: &[Topic]) -> std::io::Result<()> {
    head(
        out,
        &[
            (tr_of(l, "report-topic-column-", dim.as_str()), false),
            col(l, "report-column-this-month", true),
            col(l, "report-column-last-month", true),
            col(l, "report-column-change", false),
        ],
    )?;
    for t in list {
        let label = match dim {
            TopicDim::Category => words::kind(l, &t.key, &t.label),
            _ => t.label.clone(),
        };
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            md(&label),
            t.count,
            t.previous,
            change(l, t)
        )?;
    }
    writeln!(out)
}

pub fn write(out: &mut Out<'_>, h: &HotTopics, l: Locale) -> std::io::Result<()> {
    let m = &h.months;
    writeln!(out, "### {}\n", tr(l, "report-topics-title"))?;
    let intro = tr_args(
        l,
        "report-topics-intro",
        &[
            ("from", arg(m.from)),
            ("to", arg(m.to)),
            ("previous-from", arg(m.previous_from)),
            ("previous-to", arg(m.previous_to)),
        ],
    );
    writeln!(out, "{intro}\n")?;
    if h.is_empty() {
        return writeln!(out, "{}\n", tr(l, "report-topics-empty"));
    }
    for r in &h.rankings {
        let by = tr_args(
            l,
            "report-topics-by",
            &[
                (
                    "dimension",
                    arg(tr_of(l, "report-topic-dim-", r.dim.as_str())),
                ),
                ("total", arg(r.total)),
                ("previous", arg(r.previous_total)),
            ],
        );
        writeln!(out, "{by}\n")?;
        if r.top.is_empty() && r.movers.is_empty() {
            writeln!(out, "{}\n", tr(l, "report-topics-nothing"))?;
            continue;
        }
        if !r.top.is_empty() {
            table(out, l, r.dim, &r.top)?;
        }
        if !r.movers.is_empty() {
            writeln!(out, "{}\n", tr(l, "report-topics-movers"))?;
            table(out, l, r.dim, &r.movers)?;
        }
    }
    Ok(())
}
