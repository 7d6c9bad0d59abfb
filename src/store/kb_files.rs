//! A folder of Markdown articles with front matter: `desk kb export DIR` writes one, `desk kb import DIR` reads one.
//! Export then import gives the same articles (ids included), so a knowledge base can live in git and come back.

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::bulk_jobs::{Tentative, Wrote};
use super::kb_write::{category_id, save_doc};
use super::{Result, Store, StoreError};
use crate::domain::kb::{ArticleDoc, ArticleStatus};

/// The file that keeps category order (and categories without articles) across a round trip.
pub const CATEGORIES_FILE: &str = "categories.toml";

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryList {
    #[serde(default)]
    categories: Vec<CategoryEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryEntry {
    name: String,
}

/// What an import did, or would have done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KbImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Left as they were: an article with the same title was already there ([`Store::import_article_texts`]).
    pub skipped: usize,
    /// `FILE:LINE: reason` for each file that could not be read.
    pub errors: Vec<String>,
}

/// A file name for an article: its title in ASCII words (when it has any), then its id, which makes it unique.
pub fn file_name(title: &str, id: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 48 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("{}.md", id.to_ascii_lowercase())
    } else {
        format!("{slug}-{}.md", id.to_ascii_lowercase())
    }
}

fn io_error(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Refused(format!("{}: {e}", path.display()))
}

/// Markdown files under `dir`, sorted, descending into subfolders.
fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, e))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            markdown_files(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    Ok(())
}

impl Store {
    /// Writes every article (all statuses) and the category order into `dir`; returns how many articles.
    pub fn export_articles(&self, dir: &Path) -> Result<usize> {
        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM categories ORDER BY position, name")?;
        let categories = CategoryList {
            categories: stmt
                .query_map([], |r| Ok(CategoryEntry { name: r.get(0)? }))?
                .collect::<rusqlite::Result<_>>()?,
        };
        let toml = toml::to_string(&categories)
            .map_err(|e| StoreError::Refused(format!("categories: {e}")))?;
        let path = dir.join(CATEGORIES_FILE);
        std::fs::write(&path, toml).map_err(|e| io_error(&path, e))?;
        // Streamed row by row: the knowledge base is never held in memory as a whole.
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.title, k.name, a.status, a.body_md,
                    (SELECT group_concat(tag, char(10)) FROM
                        (SELECT tag FROM tags WHERE entity = 'article' AND entity_id = a.id ORDER BY tag))
             FROM articles a LEFT JOIN categories k ON k.id = a.category_id ORDER BY a.rid",
        )?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let title: String = r.get(1)?;
            let doc = ArticleDoc {
                id: Some(id.clone()),
                title: title.clone(),
                category: r.get(2)?,
                status: ArticleStatus::parse(&r.get::<_, String>(3)?)
                    .unwrap_or(ArticleStatus::Draft),
                body: r.get(4)?,
                tags: r
                    .get::<_, Option<String>>(5)?
                    .map(|t| t.lines().map(str::to_string).collect())
                    .unwrap_or_default(),
            };
            let path = dir.join(file_name(&title, &id));
            std::fs::write(&path, doc.render()).map_err(|e| io_error(&path, e))?;
            n += 1;
        }
        Ok(n)
    }

    /// Reads every `.md` file under `dir`. All files are checked first; with any bad file nothing is written
    /// unless `skip_bad`, and then only the good ones are. Articles match by the id in their front matter, else
    /// by exact title, so importing the same folder twice changes nothing.
    pub fn import_articles(
        &mut self,
        dir: &Path,
        skip_bad: bool,
        now: i64,
    ) -> Result<KbImportReport> {
        let mut report = KbImportReport::default();
        let cats_path = dir.join(CATEGORIES_FILE);
        let categories = match std::fs::read_to_string(&cats_path) {
            Ok(text) => match toml::from_str::<CategoryList>(&text) {
                Ok(list) => list.categories,
                Err(e) => {
                    let at = e.span().map_or(0, |s| s.start);
                    let (before, _) = crate::domain::text::split_floor(&text, at);
                    let line = before.matches('\n').count() + 1;
                    report.errors.push(format!(
                        "{}:{line}: {}",
                        cats_path.display(),
                        e.message().trim()
                    ));
                    Vec::new()
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(io_error(&cats_path, e)),
        };
        let mut files = Vec::new();
        markdown_files(dir, &mut files)?;
        let texts = files.iter().map(|path| {
            let text = std::fs::read_to_string(path).map_err(|e| io_error(path, e))?;
            Ok((path.display().to_string(), text))
        });
        let docs = parse_docs(texts, &mut report)?;
        if !report.errors.is_empty() && !skip_bad {
            return Ok(report);
        }
        self.write_docs(&categories, &docs, now, &mut report)?;
        Ok(report)
    }

    /// Articles already in memory, each `(name, text)` in the file form `kb export` writes (`name` is what an
    /// error names: the file's path or its name). Nothing is written when any is bad. Unlike a folder's import, an
    /// article without an id whose title is already in the knowledge base is left as it is and counted as
    /// skipped, so adding the same set twice never overwrites what a team has edited since.
    pub fn import_article_texts(
        &mut self,
        files: &[(String, &str)],
        now: i64,
    ) -> Result<KbImportReport> {
        let mut report = KbImportReport::default();
        let texts = files.iter().map(|(name, text)| Ok((name.clone(), *text)));
        let docs = parse_docs(texts, &mut report)?;
        if !report.errors.is_empty() {
            return Ok(report);
        }
        let docs = self.without_known_titles(docs, &mut report)?;
        if !docs.is_empty() {
            self.write_docs(&[], &docs, now, &mut report)?;
        }
        Ok(report)
    }

    /// `docs` less those without an id whose title a visible article already has, each counted as skipped.
    fn without_known_titles(
        &self,
        docs: Vec<ArticleDoc>,
        report: &mut KbImportReport,
    ) -> Result<Vec<ArticleDoc>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT EXISTS (SELECT 1 FROM articles a WHERE a.title = ?1 AND {})",
            super::bulk_jobs::visible("a")
        ))?;
        let mut keep = Vec::with_capacity(docs.len());
        for doc in docs {
            if doc.id.is_none() && stmt.query_row(params![doc.title], |r| r.get::<_, bool>(0))? {
                report.skipped += 1;
            } else {
                keep.push(doc);
            }
        }
        Ok(keep)
    }

    /// Writes `categories` (an empty one keeps its place), then `docs`, as one bulk job, and counts what each
    /// article did into `report`.
    fn write_docs(
        &mut self,
        categories: &[CategoryEntry],
        docs: &[ArticleDoc],
        now: i64,
        report: &mut KbImportReport,
    ) -> Result<()> {
        let author = match self.actor() {
            Some(h) => self.agent_id(h)?,
            None => None,
        };
        // Categories first (an empty one keeps its place), then the articles: one bulk job, visible at once.
        let items: Vec<KbItem<'_>> = categories
            .iter()
            .map(|c| KbItem::Category(c.name.trim()))
            .chain(docs.iter().map(KbItem::Article))
            .collect();
        let wrote = self.run_job(
            "kb import",
            "article",
            &items,
            &mut |tx, log, _, item, publishing| match item {
                KbItem::Category(name) => {
                    category_id(tx, log, name, now)?;
                    Ok(Wrote::Unchanged)
                }
                KbItem::Article(doc) => {
                    let mut doc = (*doc).clone();
                    if doc.id.is_none() {
                        doc.id = tx
                            .query_row(
                                "SELECT id FROM articles WHERE title = ?1 ORDER BY rid LIMIT 1",
                                params![doc.title],
                                |r| r.get(0),
                            )
                            .optional()?;
                    }
                    let mut t = Tentative::new(tx, publishing);
                    if let Some(id) = &doc.id {
                        t.found("articles", id)?;
                    }
                    let saved = save_doc(tx, log, &doc, author.as_deref(), None, now)?;
                    t.settle(match (saved.created, saved.changed.is_empty()) {
                        (true, _) => Wrote::Created,
                        (false, false) => Wrote::Updated,
                        (false, true) => Wrote::Unchanged,
                    })
                }
            },
            &mut |_, _| {},
        )?;
        let articles = items
            .iter()
            .zip(&wrote)
            .filter(|(item, _)| matches!(item, KbItem::Article(_)))
            .map(|(_, w)| w);
        (report.created, report.updated, report.unchanged) = super::bulk_jobs::tally(articles);
        Ok(())
    }
}

/// Parses each `(name, text)`; a bad file, or a second file with an id or a title already seen, becomes a
/// `NAME:LINE: reason` in `report.errors` instead of a document.
fn parse_docs<T: AsRef<str>>(
    texts: impl Iterator<Item = Result<(String, T)>>,
    report: &mut KbImportReport,
) -> Result<Vec<ArticleDoc>> {
    let mut docs: Vec<ArticleDoc> = Vec::new();
    let mut seen_ids = std::collections::HashMap::new();
    // Two files with one title would match one article, and one body would silently win.
    let mut seen_titles = std::collections::HashMap::new();
    for item in texts {
        let (name, text) = item?;
        match ArticleDoc::parse(text.as_ref()) {
            Ok(doc) => {
                if let Some(id) = &doc.id
                    && let Some(first) = seen_ids.insert(id.clone(), name.clone())
                {
                    report.errors.push(format!(
                        "{name}:2: id {id} is also in {first}; each article needs its own file"
                    ));
                    continue;
                }
                if let Some(first) = seen_titles.insert(doc.title.clone(), name.clone()) {
                    report.errors.push(format!(
                        "{name}: the title “{}” is also the title of {first}; give one of them another title",
                        doc.title
                    ));
                    continue;
                }
                docs.push(doc);
            }
            Err(e) => report
                .errors
                .push(format!("{name}:{}: {}", e.line, e.message)),
        }
    }
    Ok(docs)
}

/// One step of a `kb import`.
enum KbItem<'a> {
    Category(&'a str),
    Article(&'a ArticleDoc),
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_are_ascii_words_then_the_id() {
        assert_eq!(
            file_name("Payment failed? Card declined!", "01ABC"),
            "payment-failed-card-declined-01abc.md"
        );
        assert_eq!(file_name("重置密码", "01ABC"), "01abc.md");
        assert_eq!(file_name("App 登录", "01X"), "app-01x.md");
    }
}
