//! Drafts: a reply or note an agent postponed from the review screen, one per agent per ticket, kept until it is
//! sent or discarded. Private to its author and so outside the change log, like presence.

use super::{Result, Store};
use crate::domain::kb::Insert;
use crate::domain::text::SafeText;
use rusqlite::{OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DraftRow {
    pub internal: bool,
    pub body: SafeText,
    /// The macro whose changes go with the reply when it is sent.
    pub macro_name: Option<String>,
    /// An article the reply carries, and how.
    pub article: Option<(String, Insert)>,
    pub saved_at: i64,
    /// Mail the reply although the ticket did not come by mail (the review screen's choice).
    pub by_mail: bool,
}

/// What is kept of a draft.
pub struct NewDraft<'a> {
    pub internal: bool,
    pub body: &'a str,
    pub macro_name: Option<&'a str>,
    pub article: Option<(&'a str, Insert)>,
    pub by_mail: bool,
}

impl Store {
    /// Keeps this agent's draft on ticket `number`, replacing any earlier one.
    pub fn save_draft(&mut self, number: i64, d: &NewDraft<'_>, now: i64) -> Result<()> {
        let author = self.require_actor("keeping a draft")?;
        self.write(|tx, _, _| {
            let n = tx.execute(
                "INSERT INTO drafts(ticket_id, author, internal, body, macro_name, article_id, article_how, saved_at,
                                    by_mail)
                 SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM tickets WHERE number = ?1
                 ON CONFLICT(ticket_id, author) DO UPDATE SET internal = excluded.internal, body = excluded.body,
                     macro_name = excluded.macro_name, article_id = excluded.article_id,
                     article_how = excluded.article_how, saved_at = excluded.saved_at, by_mail = excluded.by_mail",
                params![
                    number,
                    author,
                    d.internal,
                    d.body,
                    d.macro_name,
                    d.article.map(|(id, _)| id),
                    d.article.map(|(_, how)| how.as_str()),
                    now,
                    d.by_mail
                ],
            )?;
            if n == 0 {
                return Err(super::StoreError::NotFound {
                    entity: "ticket",
                    id: format!("#{number}"),
                });
            }
            Ok(())
        })
    }

    /// Throws this agent's draft on ticket `number` away; false when there was none.
    pub fn delete_draft(&mut self, number: i64) -> Result<bool> {
        let author = self.require_actor("discarding a draft")?;
        self.write(|tx, _, _| {
            Ok(tx.execute(
                "DELETE FROM drafts WHERE author = ?2 AND ticket_id = (SELECT id FROM tickets WHERE number = ?1)",
                params![number, author],
            )? > 0)
        })
    }

    /// This agent's draft on the ticket with id `ticket_id`.
    pub fn draft(&self, ticket_id: &str) -> Result<Option<DraftRow>> {
        let Some(author) = self.actor.as_deref() else {
            return Ok(None);
        };
        Ok(self
            .conn
            .prepare_cached(
                "SELECT internal, body, macro_name, article_id, article_how, saved_at, by_mail FROM drafts
                 WHERE ticket_id = ?1 AND author = ?2",
            )?
            .query_row(params![ticket_id, author], |r| {
                let how: Option<String> = r.get(4)?;
                let article: Option<String> = r.get(3)?;
                Ok(DraftRow {
                    internal: r.get(0)?,
                    body: SafeText::new(&r.get::<_, String>(1)?),
                    macro_name: r.get(2)?,
                    article: article.map(|id| {
                        let how = if how.as_deref() == Some("body") {
                            Insert::Body
                        } else {
                            Insert::Link
                        };
                        (id, how)
                    }),
                    saved_at: r.get(5)?,
                    by_mail: r.get(6)?,
                })
            })
            .optional()?)
    }

    /// The actor's handle, or a refusal saying that `what` needs one.
    fn require_actor(&self, what: &str) -> Result<String> {
        self.actor.clone().ok_or_else(|| {
            super::StoreError::Refused(format!(
                "{what} needs to know who you are: set agent.handle in the config"
            ))
        })
    }
}
