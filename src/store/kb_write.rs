//! Writing the knowledge base: articles from their file form, status changes, votes, uses and views. Every change
//! to an article goes through the change log, so `desk kb history` can tell its story.

use rusqlite::{OptionalExtension, Transaction, params};

use super::changes::{ChangeLog, Mutable, UpdateOutcome, Value, update_row, with_retry};
use super::{Result, Store, StoreError, new_id};
use crate::domain::kb::{ArticleDoc, ArticleStatus, Insert};
use crate::domain::team::Act;

/// What saving an article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub id: String,
    pub created: bool,
    /// Fields that changed (empty: the article was already like this).
    pub changed: Vec<String>,
    pub version: i64,
}

/// The category with this name, created (at the end of the order) if there is none.
pub(super) fn category_id(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    name: &str,
    now: i64,
) -> Result<String> {
    let found: Option<String> = tx
        .prepare_cached("SELECT id FROM categories WHERE name = ?1 ORDER BY position LIMIT 1")?
        .query_row(params![name], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    let id = new_id();
    tx.execute(
        "INSERT INTO categories(id, name, position, created_at, updated_at)
         VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM categories), ?3, ?3)",
        params![id, name, now],
    )?;
    log.append(tx, "category", &id, "created", None, Some(name), now)?;
    Ok(id)
}

/// Makes the article's tags exactly `tags`; logs the change as one comma-separated field.
fn set_tags(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    id: &str,
    tags: &[String],
    now: i64,
) -> Result<bool> {
    let old: Vec<String> = tx
        .prepare_cached(
            "SELECT tag FROM tags WHERE entity = 'article' AND entity_id = ?1 ORDER BY tag",
        )?
        .query_map(params![id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut new: Vec<String> = tags.to_vec();
    new.sort();
    new.dedup();
    if old == new {
        return Ok(false);
    }
    tx.execute(
        "DELETE FROM tags WHERE entity = 'article' AND entity_id = ?1",
        params![id],
    )?;
    for t in &new {
        tx.execute(
            "INSERT INTO tags(entity, entity_id, tag) VALUES ('article', ?1, ?2)",
            params![id, t],
        )?;
    }
    let joined = |v: &[String]| Some(v.join(", ")).filter(|s| !s.is_empty());
    log.append(
        tx,
        "article",
        id,
        "tags",
        joined(&old).as_deref(),
        joined(&new).as_deref(),
        now,
    )?;
    Ok(true)
}

/// Saves `doc` inside `tx`: updates the article with its id when one exists (checking `expected_version` if
/// given), else creates it (keeping the id from an exported file).
pub(super) fn save_doc(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    doc: &ArticleDoc,
    author_id: Option<&str>,
    expected_version: Option<i64>,
    now: i64,
) -> Result<Saved> {
    let category = match &doc.category {
        Some(name) => Some(category_id(tx, log, name, now)?),
        None => None,
    };
    let existing: Option<(i64, String)> = match &doc.id {
        Some(id) => tx
            .query_row(
                "SELECT version, status FROM articles WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?,
        None => None,
    };
    let was_published = existing
        .as_ref()
        .is_some_and(|(_, s)| s == ArticleStatus::Published.as_str());
    if doc.status == ArticleStatus::Published && !was_published {
        super::roles::require_on(tx, log.actor.as_deref(), Act::PublishArticle)?;
    }
    let Some(_) = existing else {
        let id = doc.id.clone().unwrap_or_else(new_id);
        tx.execute(
            "INSERT INTO articles(id, title, body_md, category_id, status, author_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                id,
                doc.title,
                doc.body,
                category,
                doc.status.as_str(),
                author_id,
                now
            ],
        )?;
        log.append(tx, "article", &id, "created", None, Some(&doc.title), now)?;
        log.append(
            tx,
            "article",
            &id,
            "status",
            None,
            Some(doc.status.as_str()),
            now,
        )?;
        set_tags(tx, log, &id, &doc.tags, now)?;
        return Ok(Saved {
            id,
            created: true,
            changed: vec!["created".into()],
            version: 1,
        });
    };
    let id = doc.id.clone().unwrap_or_default();
    let fields = [
        ("title", Value::from(doc.title.as_str())),
        ("body_md", Value::from(doc.body.as_str())),
        ("category_id", Value::from(category.as_deref())),
        ("status", Value::from(doc.status.as_str())),
    ];
    let columns = ["title", "body_md", "category_id", "status"];
    let out: UpdateOutcome = update_row(
        tx,
        log,
        Mutable::Article,
        &id,
        expected_version,
        &columns,
        &fields,
        now,
    )?;
    let mut changed: Vec<String> = out.changed.iter().map(|c| c.field.to_string()).collect();
    let mut version = out.version;
    if set_tags(tx, log, &id, &doc.tags, now)? {
        changed.push("tags".into());
        if out.changed.is_empty() {
            // Tags live in their own table; the article still changed, so its version and date move.
            tx.execute(
                "UPDATE articles SET version = version + 1, updated_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
            version += 1;
        }
    }
    Ok(Saved {
        id,
        created: false,
        changed,
        version,
    })
}

impl Store {
    /// Creates or updates one article from its file form, by the running agent.
    pub fn save_article(
        &mut self,
        doc: &ArticleDoc,
        expected_version: Option<i64>,
        now: i64,
    ) -> Result<Saved> {
        let author = match self.actor() {
            Some(h) => self.agent_id(h)?,
            None => None,
        };
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let saved = save_doc(&tx, &mut log, doc, author.as_deref(), expected_version, now)?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(saved)
        })
    }

    /// Publishes, archives or returns an article to draft.
    pub fn set_article_status(
        &mut self,
        id: &str,
        status: ArticleStatus,
        now: i64,
    ) -> Result<UpdateOutcome> {
        if status == ArticleStatus::Published {
            self.require(Act::PublishArticle)?;
        }
        self.update(
            Mutable::Article,
            id,
            self.article_version(id)?,
            &[("status", Value::from(status.as_str()))],
            now,
        )
    }

    fn article_version(&self, id: &str) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT version FROM articles WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                entity: "article",
                id: id.to_string(),
            })
    }

    /// The running agent's vote: one per agent, so voting again moves the vote. Returns the new (up, down).
    pub fn vote_article(&mut self, id: &str, helpful: bool, now: i64) -> Result<(i64, i64)> {
        let voter = self
            .actor()
            .map_or_else(|| format!("replica:{}", self.replica()), str::to_string);
        self.article_version(id)?;
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let before: Option<bool> = tx
                .query_row(
                    "SELECT helpful FROM article_votes WHERE article_id = ?1 AND voter = ?2",
                    params![id, voter],
                    |r| r.get(0),
                )
                .optional()?;
            if before != Some(helpful) {
                let (up, down) = match (before, helpful) {
                    (None, true) => (1, 0),
                    (None, false) => (0, 1),
                    (Some(_), true) => (1, -1),
                    (Some(_), false) => (-1, 1),
                };
                tx.execute(
                    "INSERT INTO article_votes(article_id, voter, helpful, at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(article_id, voter) DO UPDATE SET helpful = excluded.helpful, at = excluded.at",
                    params![id, voter, helpful, now],
                )?;
                tx.execute(
                    "UPDATE articles SET helpful_up = helpful_up + ?2, helpful_down = helpful_down + ?3
                     WHERE id = ?1",
                    params![id, up, down],
                )?;
                let word = |h: bool| if h { "helpful" } else { "not helpful" };
                log.append(
                    &tx,
                    "article",
                    id,
                    "vote",
                    before.map(word),
                    Some(word(helpful)),
                    now,
                )?;
            }
            let totals = tx.query_row(
                "SELECT helpful_up, helpful_down FROM articles WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(totals)
        })
    }

    /// An agent put the article into a reply on ticket `number`. Returns the new use count.
    pub fn record_article_use(
        &mut self,
        id: &str,
        number: Option<i64>,
        how: Insert,
        now: i64,
    ) -> Result<i64> {
        let agent = self.actor().map(str::to_string);
        self.article_version(id)?;
        let path = self.path.clone();
        with_retry(&path, || {
            let tx = self.begin_write()?;
            let ticket: Option<String> = match number {
                Some(n) => tx
                    .query_row(
                        "SELECT id FROM tickets WHERE number = ?1",
                        params![n],
                        |r| r.get(0),
                    )
                    .optional()?,
                None => None,
            };
            tx.execute(
                "INSERT INTO article_uses(id, article_id, ticket_id, agent, how, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![new_id(), id, ticket, agent, how.as_str(), now],
            )?;
            tx.execute(
                "UPDATE articles SET uses = uses + 1 WHERE id = ?1",
                params![id],
            )?;
            let uses = tx.query_row(
                "SELECT uses FROM articles WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )?;
            tx.commit()?;
            Ok(uses)
        })
    }

    /// Someone opened the article in the reader (a counter only: not a change to the article).
    pub fn count_article_view(&mut self, id: &str) -> Result<()> {
        let path = self.path.clone();
        with_retry(&path, || {
            self.conn.execute(
                "UPDATE articles SET views = views + 1 WHERE id = ?1",
                params![id],
            )?;
            Ok(())
        })
    }
}
