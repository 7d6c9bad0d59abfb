//! The parts of a customer profile beyond the row: satisfaction history, care tasks and one timeline of
//! tickets, messages, surveys, tasks and profile changes. Each source is read newest first with a limit through
//! its customer index, then merged, so a customer with years of history costs the same as a new one.

use rusqlite::{OptionalExtension, params};

use super::customers::CustomerDetail;
use super::{Result, Store};
use crate::domain::text::{SafeText, one_line};

/// How many timeline entries a profile carries.
pub const TIMELINE_LEN: usize = 60;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SurveyPoint {
    /// csat | nps | ces
    pub kind: String,
    pub score: i64,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CareTask {
    pub id: String,
    /// care | win_back
    pub kind: String,
    pub due_at: i64,
    pub note: SafeText,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    Ticket,
    Message,
    Survey,
    Task,
    Change,
    /// An on-site visit or a return / exchange request on one of their tickets.
    Service,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TimelineEntry {
    pub at: i64,
    pub kind: TimelineKind,
    /// The ticket the entry belongs to, so the profile can open it.
    pub ticket: Option<i64>,
    pub text: SafeText,
}

fn entry(at: i64, kind: TimelineKind, ticket: Option<i64>, text: String) -> TimelineEntry {
    TimelineEntry {
        at,
        kind,
        ticket,
        text: SafeText::new(&one_line(&text)),
    }
}

/// The customer that `id` was merged into, followed to the end (bounded: a chain can only be as long as the merges
/// done); `id` itself when it was never merged.
pub(super) fn survivor(conn: &rusqlite::Connection, id: String) -> Result<String> {
    super::ticket_merge::survivor(conn, super::ticket_merge::Merged::Customer, &id)
}

impl Store {
    /// The live customer an id or email names; a merged duplicate's id leads to its survivor.
    pub fn resolve_customer(&self, id_or_email: &str) -> Result<Option<String>> {
        let id: Option<String> = self
            .conn
            .prepare_cached(&format!(
                "SELECT id FROM customers WHERE id = ?1 AND {v}
                 UNION ALL SELECT id FROM customers WHERE email = ?1 COLLATE NOCASE AND merged_into IS NULL AND {v}
                 LIMIT 1",
                v = super::bulk_jobs::visible("customers")
            ))?
            .query_row(params![id_or_email], |r| r.get(0))
            .optional()?;
        id.map(|id| survivor(&self.conn, id)).transpose()
    }

    pub(super) fn fill_profile(&self, d: &mut CustomerDetail) -> Result<()> {
        let id = d.row.id.clone();
        let conn = &self.conn;
        d.merged = conn
            .prepare_cached("SELECT id FROM customers WHERE merged_into = ?1 ORDER BY id")?
            .query_map(params![id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut points: Vec<SurveyPoint> = conn
            .prepare_cached(
                "SELECT kind, score, at FROM surveys WHERE customer_id = ?1 ORDER BY at DESC LIMIT 60",
            )?
            .query_map(params![id], |r| {
                Ok(SurveyPoint {
                    kind: r.get(0)?,
                    score: r.get(1)?,
                    at: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        points.reverse();
        d.satisfaction = points;
        d.care = conn
            .prepare_cached(
                "SELECT id, kind, due_at, note FROM tasks
                 WHERE customer_id = ?1 AND kind IN ('care', 'win_back') AND done_at IS NULL
                 ORDER BY due_at LIMIT 20",
            )?
            .query_map(params![id], |r| {
                Ok(CareTask {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    due_at: r.get(2)?,
                    note: SafeText::new(&r.get::<_, String>(3)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        d.timeline = self.timeline(&id, &d.merged)?;
        d.tags = self.tags("customer", &id)?;
        d.addresses = self.customer_addresses(&id)?;
        let history = crate::domain::customer_value::OrderHistory {
            count: d.orders.count,
            total_cents: d.orders.total_cents,
            first_at: d.orders.first_at,
            last_at: d.orders.last_at,
        };
        d.value = crate::domain::customer_value::customer_value(
            history,
            self.service_rules().crm.value_rules(),
        );
        Ok(())
    }

    fn timeline(&self, id: &str, merged: &[String]) -> Result<Vec<TimelineEntry>> {
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
                format!("#{n} opened: {subject} ({})", status.replace('_', " ")),
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
            let who = match (author.as_str(), vis.as_str()) {
                ("customer", _) => "customer wrote",
                (_, "internal") => "internal note",
                ("system", _) => "system",
                _ => "agent replied",
            };
            Ok(entry(
                r.get(4)?,
                TimelineKind::Message,
                Some(n),
                format!("#{n} {who}: {body}"),
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
            let on = n.map(|n| format!(" on #{n}")).unwrap_or_default();
            let comment = comment.map(|c| format!(": {c}")).unwrap_or_default();
            Ok(entry(
                r.get(3)?,
                TimelineKind::Survey,
                n,
                format!("{} {score}/{scale}{on}{comment}", kind.to_uppercase()),
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
            let what = match kind.as_str() {
                "follow_up" => "follow-up call".to_string(),
                "win_back" => "win-back".to_string(),
                other => other.replace('_', " "),
            };
            let on = n.map(|n| format!(" #{n}")).unwrap_or_default();
            let state = match (done, outcome) {
                (Some(_), Some(o)) => format!("done ({})", o.replace('_', " ")),
                (Some(_), None) => "done".to_string(),
                (None, _) => "due".to_string(),
            };
            let note = Some(note)
                .filter(|n| !n.is_empty())
                .map(|n| format!(": {n}"))
                .unwrap_or_default();
            Ok(entry(
                done.unwrap_or(due),
                TimelineKind::Task,
                n,
                format!("{what}{on} {state}{note}"),
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
                let by = actor.map(|a| format!(" by {a}")).unwrap_or_default();
                let text = match field.as_str() {
                    "notes" => format!("notes edited{by}"),
                    "created" => format!("customer added{by}"),
                    "merged_into" => format!("merged into {}{by}", new.unwrap_or_default()),
                    "merged" => format!("duplicate {} merged in{by}", new.unwrap_or_default()),
                    "tags" | "addresses" => format!("{field} {}{by}", new.unwrap_or_default()),
                    _ => format!(
                        "{} {} → {}{by}",
                        field.replace('_', " "),
                        old.unwrap_or_else(|| "—".into()).replace('_', " "),
                        new.unwrap_or_else(|| "—".into()).replace('_', " ")
                    ),
                };
                Ok(entry(r.get(3)?, TimelineKind::Change, None, text))
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
            let text = format!("#{t} visit V{v} {service} {}", status.replace('_', " "));
            Ok(entry(r.get(4)?, TimelineKind::Service, Some(t), text))
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
            let text = format!("#{t} {kind} R{n} ({}) {status}", reason.replace('_', " "));
            Ok(entry(r.get(5)?, TimelineKind::Service, Some(t), text))
        })?;
        out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        // Newest first; at equal times the ticket opens before its first message.
        out.sort_by(|a, b| b.at.cmp(&a.at).then((b.kind as u8).cmp(&(a.kind as u8))));
        out.truncate(TIMELINE_LEN);
        Ok(out)
    }
}
