//! The parts of a customer profile beyond the row: satisfaction history, care tasks and one timeline of
//! tickets, messages, surveys, tasks and profile changes. Each source is read newest first with a limit through
//! its customer index, then merged, so a customer with years of history costs the same as a new one.

use rusqlite::{OptionalExtension, params};

use super::customers::CustomerDetail;
use super::{Result, Store};

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
    pub note: crate::domain::crm_why::TaskNote,
}

pub use super::customer_timeline::{
    MessageFrom, TIMELINE_LEN, TimelineEntry, TimelineKind, TimelineWhat,
};

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
                    note: crate::domain::crm_why::TaskNote::read(&r.get::<_, String>(3)?),
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
}
