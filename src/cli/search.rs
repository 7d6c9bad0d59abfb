//! `desk search QUERY`: full-text search over subjects and messages.

use super::output::Out;
use super::output::{ListFormat, Sink, short_date};
use crate::store::Store;
use crate::store::search::{MARK_END, MARK_START, SearchHit, SearchOrder};

#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// Words to find (Chinese works; Latin words match from their start; one or two Latin characters are scanned)
    pub query: String,
    /// Best match first instead of newest first
    #[arg(long)]
    pub relevance: bool,
    #[arg(long, default_value_t = 20, allow_negative_numbers = true, value_parser = super::output::row_count)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

const HEADER: &[&str] = &["number", "status", "updated", "subject", "snippet"];

/// The snippet with its match markers as `open`…`close`, on one line.
fn marked(h: &SearchHit, open: &str, close: &str) -> String {
    let s = h
        .snippet
        .as_str()
        .replace(MARK_START, open)
        .replace(MARK_END, close);
    crate::domain::text::one_line(&s)
}

pub fn run(store: &Store, a: &SearchArgs, out: &mut Out<'_>) -> anyhow::Result<()> {
    let order = if a.relevance {
        SearchOrder::Relevance
    } else {
        SearchOrder::Newest
    };
    let hits = store.search(&a.query, order, a.limit)?;
    let mut sink = Sink::new(out, a.format, HEADER);
    sink.batch(
        &hits,
        |h| {
            vec![
                super::output::number_cell(h.number, a.format),
                h.status.as_str().to_string(),
                short_date(h.updated_at),
                h.subject.to_string(),
                marked(h, "[", "]"),
            ]
        },
        |h, w| {
            serde_json::to_writer(
                w,
                &serde_json::json!({
                    "number": h.number, "status": h.status.as_str(), "subject": h.subject.as_str(),
                    "updated_at": super::output::rfc3339(h.updated_at), "matched_in": h.matched_in,
                    "snippet": marked(h, "**", "**"),
                }),
            )
        },
    )?;
    sink.finish()?;
    Ok(())
}
