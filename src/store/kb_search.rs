//! Knowledge-base search (ranked, with highlighted snippets) and article suggestions for a ticket.

use super::kb::{ArticleRow, FROM, article_row, columns};
use super::{Result, Store, fts_phrase, like_pattern, use_fts};
use crate::domain::kb::{
    ArticleStatus, HIT_END, HIT_START, KbSort, snippet_around, suggestion_terms, tidy_snippet,
};
use crate::domain::text::SafeText;
use rusqlite::params;

/// One search result: the article and a line of its text around the match, hits between
/// [`HIT_START`] and [`HIT_END`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KbHit {
    #[serde(flatten)]
    pub row: ArticleRow,
    pub snippet: SafeText,
}

/// A suggested article and its bm25 rank (lower is better, as SQLite reports it).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suggestion {
    #[serde(flatten)]
    pub row: ArticleRow,
    pub rank: f64,
    /// The Markdown, for quoting it into a reply.
    #[serde(skip)]
    pub body_md: SafeText,
}

/// Title matches weigh ten times body matches in bm25.
const RANK: &str = "bm25(articles_fts, 10.0, 1.0)";

const HIT_FROM: &str = "FROM articles_fts
     JOIN articles a ON a.rid = articles_fts.rowid
     LEFT JOIN categories k ON k.id = a.category_id";

fn status_list(statuses: &[ArticleStatus]) -> String {
    // Statuses are our own closed set of words, never input, so inlining them is safe.
    statuses
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// Articles matching `query`, best first, with a snippet each. Three or more characters use the trigram index
    /// (any language, ranked by bm25); shorter queries fall back to a substring scan, title matches first, then
    /// newest.
    pub fn search_articles(
        &self,
        query: &str,
        statuses: &[ArticleStatus],
        limit: usize,
    ) -> Result<Vec<KbHit>> {
        let query = query.trim();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let statuses = status_list(statuses);
        let cols = columns(KbSort::Updated);
        let visible = super::bulk_jobs::visible("a");
        if use_fts(query) {
            let sql = format!(
                "SELECT {cols},
                        snippet(articles_fts, 0, ?2, ?3, '…', 32),
                        snippet(articles_fts, 1, ?2, ?3, '…', 64)
                 {HIT_FROM}
                 WHERE articles_fts MATCH ?1 AND a.status IN ({statuses}) AND {visible}
                 ORDER BY {RANK}, a.rid LIMIT ?4"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(
                params![
                    fts_phrase(query),
                    HIT_START.to_string(),
                    HIT_END.to_string(),
                    limit as i64
                ],
                |r| {
                    let title: String = r.get(11)?;
                    let body: String = r.get(12)?;
                    // The body's snippet says more, unless only the title matched.
                    let snippet = if body.contains(HIT_START) {
                        body
                    } else {
                        title
                    };
                    Ok(KbHit {
                        row: article_row(r)?,
                        snippet: SafeText::new(&tidy_snippet(&snippet)),
                    })
                },
            )?;
            let hits = rows.collect::<rusqlite::Result<_>>()?;
            return self.with_pinyin_hits(hits, query, &statuses, limit);
        }
        let sql = format!(
            "SELECT {cols}, a.body_md {FROM}
             WHERE (a.title LIKE ?1 ESCAPE '\\' OR a.body_md LIKE ?1 ESCAPE '\\') AND a.status IN ({statuses}) AND {visible}
             ORDER BY a.title LIKE ?1 ESCAPE '\\' DESC, a.updated_at DESC, a.rid DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![like_pattern(query), limit as i64], |r| {
            let row = article_row(r)?;
            let body: String = r.get(11)?;
            let in_body = body.to_lowercase().contains(&query.to_lowercase());
            let text = if in_body { body } else { row.title.to_string() };
            Ok(KbHit {
                snippet: SafeText::new(&snippet_around(&text, query, 30)),
                row,
            })
        })?;
        let hits = rows.collect::<rusqlite::Result<_>>()?;
        self.with_pinyin_hits(hits, query, &statuses, limit)
    }

    /// `hits` and then, up to `limit`, the articles whose title `query` spells in pinyin (`tk` → 退款流程) or whose
    /// title has those characters, newest first (migration 33), the title as their snippet.
    fn with_pinyin_hits(
        &self,
        mut hits: Vec<KbHit>,
        query: &str,
        statuses: &str,
        limit: usize,
    ) -> Result<Vec<KbHit>> {
        let Some(words) = super::search_index::pinyin_match(query) else {
            return Ok(hits);
        };
        if hits.len() >= limit {
            return Ok(hits);
        }
        let sql = format!(
            "SELECT {}, a.title {FROM}
             WHERE a.rid IN (SELECT rowid FROM articles_pinyin_fts WHERE articles_pinyin_fts MATCH ?1)
               AND a.status IN ({statuses}) AND {}
             ORDER BY a.updated_at DESC, a.rid DESC LIMIT ?2",
            columns(KbSort::Updated),
            super::bulk_jobs::visible("a")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![words, limit as i64], |r| {
            let title: String = r.get(11)?;
            Ok(KbHit {
                row: article_row(r)?,
                snippet: SafeText::new(&title),
            })
        })?;
        for hit in rows {
            let hit = hit?;
            if hits.len() < limit && !hits.iter().any(|h| h.row.id == hit.row.id) {
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    /// Published articles most like `texts` (a ticket's subject and last customer message), by bm25 over any of
    /// their terms.
    pub fn suggest_articles(&self, texts: &[&str], limit: usize) -> Result<Vec<Suggestion>> {
        let terms = suggestion_terms(texts, 48);
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let query = terms
            .iter()
            .map(|t| fts_phrase(t))
            .collect::<Vec<_>>()
            .join(" OR ");
        let sql = format!(
            "SELECT {}, {RANK}, a.body_md {HIT_FROM}
             WHERE articles_fts MATCH ?1 AND a.status = 'published' AND {}
             ORDER BY {RANK}, a.rid LIMIT ?2",
            columns(KbSort::Updated),
            super::bulk_jobs::visible("a")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![query, limit as i64], |r| {
            Ok(Suggestion {
                row: article_row(r)?,
                rank: r.get(11)?,
                body_md: SafeText::new(&r.get::<_, String>(12)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Suggestions for ticket `number`: its subject, the customer's first message (the problem) and their newest
    /// one — each without the product's name, which says which device and not what is wrong.
    pub fn suggest_for_ticket(&self, number: i64, limit: usize) -> Result<Vec<Suggestion>> {
        type Texts = (String, Option<String>, Option<String>, Option<String>);
        let found: Option<Texts> = rusqlite::OptionalExtension::optional(self.conn.query_row(
            "SELECT t.subject, p.name,
                    (SELECT m.body FROM messages m
                     WHERE m.ticket_id = t.id AND m.author_kind = 'customer'
                     ORDER BY m.created_at, m.rid LIMIT 1),
                    (SELECT m.body FROM messages m
                     WHERE m.ticket_id = t.id AND m.author_kind = 'customer'
                     ORDER BY m.created_at DESC, m.rid DESC LIMIT 1)
             FROM tickets t LEFT JOIN products p ON p.id = t.product_id
             WHERE t.number = ?1",
            params![number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        ))?;
        let Some((subject, product, first, last)) = found else {
            return Ok(Vec::new());
        };
        let product = product.filter(|p| !p.trim().is_empty());
        let without_product = |t: String| match &product {
            Some(p) => t.replace(p.as_str(), " "),
            None => t,
        };
        let mut texts = vec![without_product(subject)];
        texts.extend(first.clone().map(without_product));
        if last != first {
            texts.extend(last.map(without_product));
        }
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        self.suggest_articles(&texts, limit)
    }
}
