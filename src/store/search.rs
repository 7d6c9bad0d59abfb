//! Full-text search over ticket subjects and every message. The query's shape picks the index
//! (`domain::search_class`): Latin words and numbers, and one or two CJK characters, go to the word index; other
//! queries of three or more characters to the trigram index (so Chinese, which has no spaces, is searchable);
//! other shorter queries fall back to LIKE.

use super::{Result, Store, fts_phrase, like_pattern};
use crate::domain::search_class::{SearchClass, classify, word_query};
use crate::domain::text::SafeText;
use crate::domain::ticket::Status;
use rusqlite::params;
use std::collections::HashMap;

/// Start and end of a highlighted match inside a snippet. Private-use characters: they survive sanitising and
/// never occur in real text; the UI and CLI turn them into their own highlighting.
pub const MARK_START: char = '\u{E000}';
pub const MARK_END: char = '\u{E001}';

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchOrder {
    /// Most recently updated tickets first.
    #[default]
    Newest,
    /// Best bm25 match first.
    Relevance,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchHit {
    pub number: i64,
    pub subject: SafeText,
    pub status: Status,
    pub updated_at: i64,
    /// Where it matched: `subject` or `message`.
    pub matched_in: &'static str,
    /// Text around the match, with [`MARK_START`] / [`MARK_END`] around each match.
    pub snippet: SafeText,
    #[serde(skip)]
    score: f64,
    /// The matched text, marked into `snippet` only if the hit is kept: most candidates are not.
    #[serde(skip)]
    unmarked: Option<String>,
}

/// How many FTS candidates to read per table before merging: enough to fill a page after de-duplication.
const CANDIDATES: usize = 400;

impl Store {
    /// Tickets matching `query` in their subject or any message, at most `limit`, one hit per ticket.
    pub fn search(&self, query: &str, order: SearchOrder, limit: usize) -> Result<Vec<SearchHit>> {
        let query = query.trim();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let mut hits = match classify(query) {
            SearchClass::Empty => return Ok(Vec::new()),
            SearchClass::Words => {
                // Words match from their start; a piece from inside a word is still found, by the trigrams.
                let words = self.search_words(query, order)?;
                if words.is_empty() {
                    self.search_fts(query, order)?
                } else {
                    words
                }
            }
            SearchClass::CjkShort => self.search_words(query, order)?,
            SearchClass::Trigram => self.search_fts(query, order)?,
            SearchClass::Scan => self.search_like(query)?,
        };
        // One hit per ticket: the subject match wins over a message match, then the better score.
        let mut best: HashMap<i64, SearchHit> = HashMap::new();
        for h in hits.drain(..) {
            match best.get(&h.number) {
                Some(b)
                    if (b.matched_in == "subject", -b.score)
                        >= (h.matched_in == "subject", -h.score) => {}
                _ => {
                    best.insert(h.number, h);
                }
            }
        }
        let mut out: Vec<SearchHit> = best.into_values().collect();
        match order {
            SearchOrder::Newest => out.sort_by(|a, b| {
                b.updated_at
                    .cmp(&a.updated_at)
                    .then(b.number.cmp(&a.number))
            }),
            SearchOrder::Relevance => {
                out.sort_by(|a, b| a.score.total_cmp(&b.score).then(b.number.cmp(&a.number)))
            }
        }
        // `1042` or `#1042` is first of all that ticket.
        if let Some(number) = crate::domain::ticket::number_in(query)
            && let Some(exact) = self.number_hit(number)?
        {
            out.retain(|h| h.number != number);
            out.insert(0, exact);
        }
        out.truncate(limit);
        // The query as the text has it: without zero-width characters, words one space apart.
        let shown = crate::domain::text::strip_invisible(query)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for h in &mut out {
            if let Some(text) = h.unmarked.take() {
                h.snippet = SafeText::new(&mark(&text, &shown));
            }
        }
        Ok(out)
    }

    /// The ticket with this number as a search hit.
    fn number_hit(&self, number: i64) -> Result<Option<SearchHit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.number, t.subject, t.status, t.updated_at, t.subject FROM tickets t WHERE t.number = ?1",
        )?;
        let mut rows = stmt.query(params![number])?;
        match rows.next()? {
            Some(r) => {
                let subject: String = r.get(4)?;
                Ok(Some(hit(r, "number", &subject, f64::MIN)?))
            }
            None => Ok(None),
        }
    }

    fn search_fts(&self, query: &str, order: SearchOrder) -> Result<Vec<SearchHit>> {
        let phrase = fts_phrase(query);
        // Newest first reads the highest rowids (newest rows) and stops early; relevance ranks every match.
        let order_sql = match order {
            SearchOrder::Newest => "ORDER BY {fts}.rowid DESC",
            SearchOrder::Relevance => "ORDER BY {fts}.rank",
        };
        let (s, e) = (MARK_START.to_string(), MARK_END.to_string());
        let subject_sql = format!(
            "SELECT t.number, t.subject, t.status, t.updated_at, snippet(tickets_fts, 0, ?2, ?3, '…', 32),
                    tickets_fts.rank
             FROM tickets_fts JOIN tickets t ON t.rid = tickets_fts.rowid
             WHERE tickets_fts MATCH ?1 {order_sql} LIMIT ?4"
        )
        .replace("{fts}", "tickets_fts");
        // Agents search internal notes too: they are part of the ticket's record.
        let message_sql = format!(
            "SELECT t.number, t.subject, t.status, t.updated_at, snippet(messages_fts, 0, ?2, ?3, '…', 32),
                    messages_fts.rank
             FROM messages_fts JOIN messages m ON m.rid = messages_fts.rowid JOIN tickets t ON t.id = m.ticket_id
             WHERE messages_fts MATCH ?1 {order_sql} LIMIT ?4"
        )
        .replace("{fts}", "messages_fts");
        let mut out = Vec::new();
        for (sql, place) in [(subject_sql, "subject"), (message_sql, "message")] {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params![phrase, s, e, CANDIDATES as i64], |r| {
                Ok(hit(r, place, &r.get::<_, String>(4)?, r.get(5)?))
            })?;
            for row in rows {
                out.push(row??);
            }
        }
        Ok(out)
    }

    /// The word index (migration 22). Snippets come from the stored text: the index's own text has CJK runs split.
    fn search_words(&self, query: &str, order: SearchOrder) -> Result<Vec<SearchHit>> {
        let Some(matching) = word_query(query) else {
            return Ok(Vec::new());
        };
        let order_sql = match order {
            SearchOrder::Newest => "ORDER BY w.rowid DESC",
            SearchOrder::Relevance => "ORDER BY w.rank",
        };
        let subject_sql = format!(
            "SELECT t.number, t.subject, t.status, t.updated_at, t.subject, w.rank
             FROM tickets_words_fts w JOIN tickets t ON t.rid = w.rowid
             WHERE tickets_words_fts MATCH ?1 {order_sql} LIMIT ?2"
        );
        let message_sql = format!(
            "SELECT t.number, t.subject, t.status, t.updated_at, m.body, w.rank
             FROM messages_words_fts w JOIN messages m ON m.rid = w.rowid JOIN tickets t ON t.id = m.ticket_id
             WHERE messages_words_fts MATCH ?1 {order_sql} LIMIT ?2"
        );
        let mut out = Vec::new();
        for (sql, place) in [(subject_sql, "subject"), (message_sql, "message")] {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params![matching, CANDIDATES as i64], |r| {
                Ok(unmarked(r, place, r.get(4)?, r.get(5)?))
            })?;
            for row in rows {
                out.push(row??);
            }
        }
        Ok(out)
    }

    /// Under three characters trigrams cannot help: scan newest-first with LIKE until enough hits are found.
    fn search_like(&self, query: &str) -> Result<Vec<SearchHit>> {
        let pattern = like_pattern(query);
        let mut out = Vec::new();
        let subject = "SELECT t.number, t.subject, t.status, t.updated_at, t.subject FROM tickets t
                       WHERE t.subject LIKE ?1 ESCAPE '\\' ORDER BY t.rid DESC LIMIT ?2";
        let message = "SELECT t.number, t.subject, t.status, t.updated_at, m.body FROM messages m
                       JOIN tickets t ON t.id = m.ticket_id
                       WHERE m.body LIKE ?1 ESCAPE '\\' ORDER BY m.rid DESC LIMIT ?2";
        for (sql, place) in [(subject, "subject"), (message, "message")] {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map(params![pattern, CANDIDATES as i64], |r| {
                Ok(unmarked(r, place, r.get(4)?, 0.0))
            })?;
            for row in rows {
                out.push(row??);
            }
        }
        Ok(out)
    }
}

/// A hit from a row that starts with the ticket's number, subject, status and update time.
fn hit(
    r: &rusqlite::Row<'_>,
    matched_in: &'static str,
    snippet: &str,
    score: f64,
) -> Result<SearchHit> {
    let number = r.get(0)?;
    Ok(SearchHit {
        number,
        subject: SafeText::new(&r.get::<_, String>(1)?),
        status: super::stored::ticket_field(number, &r.get::<_, String>(2)?)?,
        updated_at: r.get(3)?,
        matched_in,
        snippet: SafeText::new(snippet),
        score,
        unmarked: None,
    })
}

/// A hit whose snippet is marked in `text` once the hit is known to be kept.
fn unmarked(
    r: &rusqlite::Row<'_>,
    matched_in: &'static str,
    text: String,
    score: f64,
) -> Result<SearchHit> {
    Ok(SearchHit {
        unmarked: Some(text),
        ..hit(r, matched_in, "", score)?
    })
}

/// A short window of `text` around the first match of `query`, marked like FTS5's snippets.
fn mark(text: &str, query: &str) -> String {
    let Some((before, hit, after)) = crate::domain::text::split_caseless(text, query) else {
        return text.chars().take(60).collect();
    };
    // An ellipsis only where text was left out, as FTS5's snippet() does.
    let skipped = before.chars().count().saturating_sub(20);
    let cut = if skipped > 0 { "…" } else { "" };
    let before: String = before.chars().skip(skipped).collect();
    let mut rest = after.chars();
    let after: String = rest.by_ref().take(30).collect();
    let more = if rest.next().is_some() { "…" } else { "" };
    format!("{cut}{before}{MARK_START}{hit}{MARK_END}{after}{more}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_match_in_the_original_text() {
        assert_eq!(
            mark("Printer says HELLO world", "hello"),
            format!("Printer says {MARK_START}HELLO{MARK_END} world")
        );
        // Text left out on either side is shown as an ellipsis; text shown whole has none.
        let long = format!("{}漏水{}", "前".repeat(25), "后".repeat(31));
        assert_eq!(
            mark(&long, "漏水"),
            format!(
                "…{}{MARK_START}漏水{MARK_END}{}…",
                "前".repeat(20),
                "后".repeat(30)
            )
        );
        // Lowercasing changes these characters' lengths: the mark still lands on them, and nothing panics.
        assert_eq!(mark("İẞx", "ß"), format!("İ{MARK_START}ẞ{MARK_END}x"));
        assert_eq!(mark("无关的文字", "打印机"), "无关的文字");
    }
}
