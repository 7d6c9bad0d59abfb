//! Knowledge-base queries: categories with counts, articles by category, one article.

use super::paging::{self, Clauses};
use super::{Page, Result, Store, fts_phrase, like_pattern, use_fts};
use crate::domain::text::SafeText;
use crate::domain::view::{Cursor, PageRequest};
use rusqlite::{OptionalExtension, Row, params};

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CategoryRow {
    pub id: String,
    pub name: SafeText,
    pub articles: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ArticleRow {
    #[serde(skip)]
    pub rid: i64,
    pub id: String,
    pub title: SafeText,
    pub category: Option<SafeText>,
    pub status: String,
    pub views: i64,
    pub helpful_up: i64,
    pub helpful_down: i64,
    pub updated_at: i64,
}

impl ArticleRow {
    pub fn cursor(&self) -> Cursor {
        Cursor {
            key: self.updated_at,
            rid: self.rid,
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Article {
    #[serde(flatten)]
    pub row: ArticleRow,
    pub author: Option<SafeText>,
    /// Markdown source, sanitised; the UI renders it.
    pub body_md: SafeText,
    pub created_at: i64,
    pub version: i64,
}

const COLUMNS: &str =
    "a.rid, a.id, a.title, k.name, a.status, a.views, a.helpful_up, a.helpful_down, a.updated_at";
const FROM: &str = "FROM articles a LEFT JOIN categories k ON k.id = a.category_id";

fn article_row(r: &Row<'_>) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        rid: r.get(0)?,
        id: r.get(1)?,
        title: SafeText::new(&r.get::<_, String>(2)?),
        category: r.get::<_, Option<String>>(3)?.map(SafeText::from),
        status: r.get(4)?,
        views: r.get(5)?,
        helpful_up: r.get(6)?,
        helpful_down: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

/// Which articles a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    /// `None` is every category.
    pub category_id: Option<String>,
    pub text: Option<String>,
}

fn compile(f: &ArticleFilter) -> Clauses {
    let mut c = Clauses::default();
    if let Some(cat) = &f.category_id {
        let p = c.bind(cat.clone());
        c.push(format!("a.category_id = {p}"));
    }
    if let Some(text) = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        if use_fts(text) {
            let p = c.bind(fts_phrase(text));
            c.push(format!(
                "a.rid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH {p})"
            ));
        } else {
            let p = c.bind(like_pattern(text));
            c.push(format!(
                "(a.title LIKE {p} ESCAPE '\\' OR a.body_md LIKE {p} ESCAPE '\\')"
            ));
        }
    }
    c
}

impl Store {
    /// Categories in their configured order, each with its article count.
    pub fn categories(&self) -> Result<Vec<CategoryRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.id, k.name, (SELECT count(*) FROM articles a WHERE a.category_id = k.id)
             FROM categories k ORDER BY k.position, k.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(CategoryRow {
                id: r.get(0)?,
                name: SafeText::new(&r.get::<_, String>(1)?),
                articles: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Articles, most recently updated first.
    pub fn article_page(
        &self,
        filter: &ArticleFilter,
        req: PageRequest,
        limit: usize,
    ) -> Result<Page<ArticleRow>> {
        let mut c = compile(filter);
        let tail = c.keyset(req, "a.updated_at", "a.rid", limit, true);
        let sql = format!("SELECT {COLUMNS} {FROM}{}{tail}", c.where_sql());
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(c.params.iter()), article_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(paging::finish(rows, req, limit))
    }

    pub fn article_count(&self, filter: &ArticleFilter) -> Result<i64> {
        let c = compile(filter);
        let sql = format!("SELECT count(*) {FROM}{}", c.where_sql());
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(c.params.iter()), |r| r.get(0))?)
    }

    /// One article by id, or by a unique id prefix / exact title for the CLI.
    pub fn article(&self, key: &str) -> Result<Option<Article>> {
        let sql = format!(
            "SELECT {COLUMNS}, ag.name, a.body_md, a.created_at, a.version {FROM}
             LEFT JOIN agents ag ON ag.id = a.author_id
             WHERE a.id = ?1 OR a.title = ?1 LIMIT 1"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![key], |r| {
                Ok(Article {
                    row: article_row(r)?,
                    author: r.get::<_, Option<String>>(9)?.map(SafeText::from),
                    body_md: SafeText::new(&r.get::<_, String>(10)?),
                    created_at: r.get(11)?,
                    version: r.get(12)?,
                })
            })
            .optional()?)
    }
}
