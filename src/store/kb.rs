//! Knowledge-base reads: categories with counts, article lists by view and category, one article.

use super::paging::{self, Clauses};
use super::{Page, Result, Store, fts_phrase, like_pattern, use_fts};
use crate::domain::kb::{ArticleStatus, KbSelect, KbSort};
use crate::domain::text::SafeText;
use crate::domain::view::{Cursor, PageRequest};
use rusqlite::{OptionalExtension, Row, params};

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CategoryRow {
    pub id: String,
    pub name: SafeText,
    /// Articles in it that are not archived.
    pub articles: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ArticleRow {
    #[serde(skip)]
    pub rid: i64,
    pub id: String,
    pub title: SafeText,
    pub category: Option<SafeText>,
    pub status: ArticleStatus,
    pub views: i64,
    /// Times it was put into a reply.
    pub uses: i64,
    pub helpful_up: i64,
    pub helpful_down: i64,
    pub updated_at: i64,
    /// The value the list is ordered by (keyset cursor).
    #[serde(skip)]
    pub sort_key: i64,
}

impl ArticleRow {
    pub fn cursor(&self) -> Cursor {
        Cursor {
            key: self.sort_key,
            rid: self.rid,
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Article {
    #[serde(flatten)]
    pub row: ArticleRow,
    pub category_id: Option<String>,
    pub author: Option<SafeText>,
    pub tags: Vec<SafeText>,
    /// Markdown source, sanitised; the UI renders it.
    pub body_md: SafeText,
    pub created_at: i64,
    pub version: i64,
}

impl Article {
    /// The file form (front matter and Markdown) of this article, for the editor, `kb show` and export.
    pub fn to_doc(&self) -> crate::domain::kb::ArticleDoc {
        crate::domain::kb::ArticleDoc {
            id: Some(self.row.id.clone()),
            title: self.row.title.to_string(),
            category: self.row.category.as_ref().map(|c| c.to_string()),
            tags: self.tags.iter().map(|t| t.to_string()).collect(),
            status: self.row.status,
            body: self.body_md.to_string(),
        }
    }
}

/// Share of "not helpful" votes in thousandths; the same text as the `articles_status_unhelpful` index.
pub(super) const UNHELPFUL: &str = "(helpful_down * 1000 / max(helpful_up + helpful_down, 1))";

fn sort_column(sort: KbSort) -> (&'static str, bool) {
    match sort {
        KbSort::Updated => ("a.updated_at", true),
        KbSort::Uses => ("a.uses", true),
        KbSort::Unhelpful => (UNHELPFUL, true),
        KbSort::Oldest => ("a.updated_at", false),
    }
}

/// The columns [`article_row`] reads, the last being the list's sort key.
pub(super) fn columns(sort: KbSort) -> String {
    format!(
        "a.rid, a.id, a.title, k.name, a.status, a.views, a.uses, a.helpful_up, a.helpful_down, a.updated_at, {}",
        sort_column(sort).0
    )
}

pub(super) const FROM: &str = "FROM articles a LEFT JOIN categories k ON k.id = a.category_id";

pub(super) fn article_row(r: &Row<'_>) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        rid: r.get(0)?,
        id: r.get(1)?,
        title: SafeText::new(&r.get::<_, String>(2)?),
        category: r.get::<_, Option<String>>(3)?.map(SafeText::from),
        status: ArticleStatus::parse(&r.get::<_, String>(4)?).unwrap_or(ArticleStatus::Draft),
        views: r.get(5)?,
        uses: r.get(6)?,
        helpful_up: r.get(7)?,
        helpful_down: r.get(8)?,
        updated_at: r.get(9)?,
        sort_key: r.get(10)?,
    })
}

/// Which articles a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    /// `None` is every category.
    pub category_id: Option<String>,
    pub text: Option<String>,
    /// The view: statuses, order and thresholds.
    pub select: KbSelect,
}

fn compile(f: &ArticleFilter) -> Clauses {
    let mut c = Clauses::default();
    // Articles of a `kb import` still running are not there yet (store::bulk_jobs).
    c.push(super::bulk_jobs::visible("a"));
    let statuses: Vec<String> = f
        .select
        .statuses
        .iter()
        .map(|s| c.bind(s.as_str().to_string()))
        .collect();
    match statuses.as_slice() {
        [] => {}
        [one] => c.push(format!("a.status = {one}")),
        // Several statuses (drafts and published): `+` keeps the planner off the status indexes, so it walks
        // `articles_updated` in order instead of sorting every match.
        many => c.push(format!("+a.status IN ({})", many.join(", "))),
    }
    if let Some(cat) = &f.category_id {
        let p = c.bind(cat.clone());
        c.push(format!("a.category_id = {p}"));
    }
    if let Some(min) = f.select.min_votes {
        let p = c.bind(min);
        c.push(format!("a.helpful_up + a.helpful_down >= {p}"));
    }
    if let Some(before) = f.select.updated_before {
        let p = c.bind(before);
        c.push(format!("a.updated_at < {p}"));
    }
    if let Some(text) = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        // And the articles whose title it spells in pinyin (`tk` → 退款), migration 33.
        let pinyin = match super::search_index::pinyin_match(text) {
            Some(q) => {
                let q = c.bind(q);
                format!(
                    " UNION ALL SELECT rowid FROM articles_pinyin_fts WHERE articles_pinyin_fts MATCH {q}"
                )
            }
            None => String::new(),
        };
        if use_fts(text) {
            let p = c.bind(fts_phrase(text));
            c.push(format!(
                "a.rid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH {p}{pinyin})"
            ));
        } else {
            let p = c.bind(like_pattern(text));
            let pinyin = pinyin
                .strip_prefix(" UNION ALL ")
                .map(|q| format!(" OR a.rid IN ({q})"))
                .unwrap_or_default();
            c.push(format!(
                "(a.title LIKE {p} ESCAPE '\\' OR a.body_md LIKE {p} ESCAPE '\\'{pinyin})"
            ));
        }
    }
    c
}

impl Store {
    /// Categories in their configured order, each with its count of articles that are not archived.
    pub fn categories(&self) -> Result<Vec<CategoryRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT k.id, k.name,
                    (SELECT count(*) FROM articles a WHERE a.category_id = k.id AND a.status <> 'archived' AND {})
             FROM categories k WHERE {} ORDER BY k.position, k.name",
            super::bulk_jobs::visible("a"),
            super::bulk_jobs::visible("k")
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(CategoryRow {
                id: r.get(0)?,
                name: SafeText::new(&r.get::<_, String>(1)?),
                articles: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn article_sql(filter: &ArticleFilter, req: PageRequest, limit: usize) -> (String, Clauses) {
        let mut c = compile(filter);
        let (key, descending) = sort_column(filter.select.sort);
        let tail = c.keyset(req, key, "a.rid", limit, descending);
        let sql = format!(
            "SELECT {} {FROM}{}{tail}",
            columns(filter.select.sort),
            c.where_sql()
        );
        (sql, c)
    }

    /// One page of a view.
    pub fn article_page(
        &self,
        filter: &ArticleFilter,
        req: PageRequest,
        limit: usize,
    ) -> Result<Page<ArticleRow>> {
        let (sql, c) = Self::article_sql(filter, req, limit);
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(c.params.iter()), article_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(paging::finish(rows, req, limit))
    }

    /// `EXPLAIN QUERY PLAN` of a view's first page, for tests that check every view uses an index.
    pub fn article_query_plan(&self, filter: &ArticleFilter) -> Result<Vec<String>> {
        let (sql, c) = Self::article_sql(filter, PageRequest::First, 50);
        Ok(paging::query_plan(&self.conn, &sql, &c.params)?)
    }

    pub fn article_count(&self, filter: &ArticleFilter) -> Result<i64> {
        let c = compile(filter);
        let sql = format!("SELECT count(*) {FROM}{}", c.where_sql());
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(c.params.iter()), |r| r.get(0))?)
    }

    /// One article by id, or by exact title for the CLI.
    pub fn article(&self, key: &str) -> Result<Option<Article>> {
        let sql = format!(
            "SELECT {}, a.category_id, ag.name, a.body_md, a.created_at, a.version {FROM}
             LEFT JOIN agents ag ON ag.id = a.author_id
             WHERE a.id = ?1 OR a.title = ?1 ORDER BY a.id = ?1 DESC LIMIT 1",
            columns(KbSort::Updated)
        );
        let found = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![key], |r| {
                Ok(Article {
                    row: article_row(r)?,
                    category_id: r.get(11)?,
                    author: r.get::<_, Option<String>>(12)?.map(SafeText::from),
                    tags: Vec::new(),
                    body_md: SafeText::new(&r.get::<_, String>(13)?),
                    created_at: r.get(14)?,
                    version: r.get(15)?,
                })
            })
            .optional()?;
        let Some(mut a) = found else {
            return Ok(None);
        };
        a.tags = self
            .conn
            .prepare_cached(
                "SELECT tag FROM tags WHERE entity = 'article' AND entity_id = ?1 ORDER BY tag",
            )?
            .query_map(params![a.row.id], |r| r.get::<_, String>(0))?
            .map(|t| t.map(|t| SafeText::new(&t)))
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(a))
    }
}
