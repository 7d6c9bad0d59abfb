//! A customer's timeline: their tickets, messages, surveys, tasks, profile changes, visits and returns, newest
//! first. Each source is read newest first with a limit through its customer index, then merged, so a customer
//! with years of history costs the same as a new one.
//!
//! Entries are data (`domain::timeline`), not sentences: the interface and the CLI word them in the reader's
//! language (`i18n::timeline`).

use rusqlite::params;

use super::{Result, Store};
use crate::domain::text::SafeText;

/// How many timeline entries a profile carries.
pub const TIMELINE_LEN: usize = 60;

pub use crate::domain::timeline::{MessageFrom, TimelineEntry, TimelineKind, TimelineWhat};

fn entry(at: i64, kind: TimelineKind, ticket: Option<i64>, what: TimelineWhat) -> TimelineEntry {
    TimelineEntry {
        at,
        kind,
        ticket,
        what,
    }
}

fn safe(text: String) -> SafeText {
    SafeText::new(&text)
}

impl Store {
    pub(super) fn timeline(&self, id: &str, merged: &[String]) -> Result<Vec<TimelineEntry>> {
        let limit = TIMELINE_LEN as i64;
        let conn = &self.conn;
        let mut out = Vec::new();
        let mut tickets = conn.prepare_cached(
            "SELECT number, subject, status, created_at FROM tickets
             WHERE customer_id = ?1 ORDER BY created_at DESC LIMIT ?2",
        )?;
        let rows = tickets.query_map(params![id, limit], |r| {
            let (n, subject, status): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            Ok(entry(
                r.get(3)?,
                TimelineKind::Ticket,
                Some(n),
                TimelineWhat::Opened {
                    subject: safe(subject),
                    status,
                },
            ))
        })?;
        out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        let mut messages = conn.prepare_cached(
            "SELECT t.number, m.author_kind, m.visibility, m.body, m.created_at
             FROM tickets t JOIN messages m ON m.ticket_id = t.id
             WHERE t.customer_id = ?1 ORDER BY m.created_at DESC LIMIT ?2",
        )?;
        let rows = messages.query_map(params![id, limit], |r| {
            let (n, author, vis, body): (i64, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let from = match (author.as_str(), vis.as_str()) {
                ("customer", _) => MessageFrom::Customer,
                (_, "internal") => MessageFrom::InternalNote,
                ("system", _) => MessageFrom::System,
                _ => MessageFrom::Agent,
            };
            Ok(entry(
                r.get(4)?,
                TimelineKind::Message,
                Some(n),
                TimelineWhat::Message {
                    from,
                    body: safe(body),
                },
            ))
        })?;
        out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        let mut surveys = conn.prepare_cached(
            "SELECT s.kind, s.score, s.comment, s.at, t.number
             FROM surveys s LEFT JOIN tickets t ON t.id = s.ticket_id
             WHERE s.customer_id = ?1 ORDER BY s.at DESC LIMIT ?2",
        )?;
        let rows = surveys.query_map(params![id, limit], |r| {
            let (kind, score, comment): (String, i64, Option<String>) =
                (r.get(0)?, r.get(1)?, r.get(2)?);
            let n: Option<i64> = r.get(4)?;
            let scale = match kind.as_str() {
                "csat" => 5,
                "nps" => 10,
                _ => 7,
            };
            Ok(entry(
                r.get(3)?,
                TimelineKind::Survey,
                n,
                TimelineWhat::Survey {
                    kind,
                    score,
                    scale,
                    comment: comment.filter(|c| !c.is_empty()).map(safe),
                },
            ))
        })?;
        out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        let mut tasks = conn.prepare_cached(
            "SELECT k.kind, k.due_at, k.done_at, k.outcome, k.note, t.number
             FROM tasks k LEFT JOIN tickets t ON t.id = k.ticket_id
             WHERE k.customer_id = ?1 ORDER BY k.due_at DESC LIMIT ?2",
        )?;
        let rows = tasks.query_map(params![id, limit], |r| {
            let (kind, due, done, outcome, note): (
                String,
                i64,
                Option<i64>,
                Option<String>,
                String,
            ) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            let n: Option<i64> = r.get(5)?;
            Ok(entry(
                done.unwrap_or(due),
                TimelineKind::Task,
                n,
                TimelineWhat::Task {
                    kind,
                    done: done.is_some(),
                    outcome: outcome.filter(|_| done.is_some()),
                    note: Some(note)
                        .filter(|n| !n.is_empty())
                        .map(|n| crate::domain::crm_why::TaskNote::read(&n)),
                },
            ))
        })?;
        out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        // Changes to the profile, including those logged under the ids of merged duplicates.
        let mut changes = conn.prepare_cached(
            "SELECT field, old, new, at, actor FROM changes
             WHERE entity = 'customer' AND entity_id = ?1 ORDER BY seq DESC LIMIT ?2",
        )?;
        for owner in std::iter::once(id).chain(merged.iter().map(String::as_str)) {
            let rows = changes.query_map(params![owner, limit], |r| {
                let (field, old, new): (String, Option<String>, Option<String>) =
                    (r.get(0)?, r.get(1)?, r.get(2)?);
                let actor: Option<String> = r.get(4)?;
                let what = TimelineWhat::Change {
                    field,
                    old: old.map(safe),
                    new: new.map(safe),
                    actor: actor.map(safe),
                };
                Ok(entry(r.get(3)?, TimelineKind::Change, None, what))
            })?;
            out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        let mut visits = conn.prepare_cached(
            "SELECT t.number, v.number, v.service, v.status, coalesce(v.finished_at, v.window_start, v.created_at)
               FROM tickets t JOIN visits v ON v.ticket_id = t.id
              WHERE t.customer_id = ?1 ORDER BY 5 DESC LIMIT ?2",
        )?;
        let rows = visits.query_map(params![id, limit], |r| {
            let (t, v, service, status): (i64, i64, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let what = TimelineWhat::Visit {
                number: v,
                service,
                status,
            };
            Ok(entry(r.get(4)?, TimelineKind::Service, Some(t), what))
        })?;
        out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        let mut returns = conn.prepare_cached(
            "SELECT t.number, r.number, r.kind, r.reason, r.status, r.updated_at
               FROM returns r JOIN tickets t ON t.id = r.ticket_id
              WHERE r.customer_id = ?1 ORDER BY r.requested_at DESC LIMIT ?2",
        )?;
        let rows = returns.query_map(params![id, limit], |r| {
            let (t, n, kind, reason, status): (i64, i64, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            let what = TimelineWhat::Return {
                number: n,
                kind,
                reason,
                status,
            };
            Ok(entry(r.get(5)?, TimelineKind::Service, Some(t), what))
        })?;
        out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        // Newest first; at equal times the ticket opens before its first message.
        out.sort_by(|a, b| b.at.cmp(&a.at).then((b.kind as u8).cmp(&(a.kind as u8))));
        out.truncate(TIMELINE_LEN);
        Ok(out)
    }
}
