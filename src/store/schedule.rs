//! Engineers' schedules (issue 22): visits by time window for `desk visit list` and the schedule pane, each
//! engineer's lane with its conflicts and tight travel gaps, and the visits still waiting for a time.

use rusqlite::{OptionalExtension, params};

use super::visits::{COLUMNS, FROM, VisitRow, visit_row};
use super::{Result, Store, StoreError};
use crate::domain::dispatch::Availability;
use crate::domain::visit::{Flag, Slot, flags};
use crate::domain::warranty::{Cause, ProductDates, decide};

/// Which visits `desk visit list` reads.
#[derive(Debug, Clone, Default)]
pub struct VisitQuery {
    /// An engineer's handle.
    pub engineer: Option<String>,
    /// Windows starting in `[from, to)`.
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Only the visits waiting for a time (unscheduled or rescheduled), oldest first.
    pub waiting: bool,
    pub limit: usize,
}

/// One engineer's row of the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub handle: String,
    pub name: String,
    pub availability: Availability,
    /// Visits whose windows start in the range, by start.
    pub visits: Vec<VisitRow>,
    pub flags: Vec<Flag>,
}

/// The schedule of `[from, to)`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Schedule {
    pub from: i64,
    pub to: i64,
    pub lanes: Vec<Lane>,
    /// Visits waiting for a time, oldest first.
    pub waiting: Vec<VisitRow>,
}

/// At most this many waiting visits are read for the pane; the list says when there are more.
const WAITING_SHOWN: usize = 200;

/// Visits waiting for a time, oldest first (the partial index of waiting visits, in order).
fn waiting_sql() -> String {
    format!(
        "SELECT {COLUMNS} FROM {FROM}
          WHERE v.status IN ('unscheduled', 'rescheduled')
            AND (?1 IS NULL OR a.handle = ?1) ORDER BY v.created_at, v.rowid LIMIT ?2"
    )
}

/// One engineer's visits by window start: a range of the engineer's window index.
fn by_engineer_sql() -> String {
    format!(
        "SELECT {COLUMNS} FROM {FROM}
          WHERE v.engineer_id = (SELECT id FROM agents WHERE handle = ?1)
            AND v.window_start >= ?2 AND v.window_start < ?3
          ORDER BY v.window_start, v.rowid LIMIT ?4"
    )
}

/// Everyone's visits by window start: a range of the window index.
fn in_range_sql() -> String {
    format!(
        "SELECT {COLUMNS} FROM {FROM}
          WHERE ?1 IS NULL AND v.window_start >= ?2 AND v.window_start < ?3
          ORDER BY v.window_start, v.rowid LIMIT ?4"
    )
}

impl Store {
    /// The query plans of the schedule's and the field report's queries, by name (checked by a test: each reads
    /// an index range, none scans a table).
    pub fn field_query_plans(&self) -> Result<Vec<(&'static str, String)>> {
        let mut out = Vec::new();
        let all = [
            ("visits waiting", waiting_sql()),
            ("visits of an engineer", by_engineer_sql()),
            ("visits in a range", in_range_sql()),
            ("visits finished", super::field_report::FINISHED.to_string()),
            ("parts consumed", super::field_report::CONSUMED.to_string()),
            (
                "returns requested",
                super::field_report::REQUESTED.to_string(),
            ),
        ];
        for (name, sql) in all {
            let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            let nulls = std::iter::repeat_n(rusqlite::types::Null, stmt.parameter_count());
            let plan: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3))?
                .collect::<rusqlite::Result<_>>()?;
            out.push((name, plan.join("\n")));
        }
        Ok(out)
    }

    pub fn visit_list(&self, q: &VisitQuery) -> Result<Vec<VisitRow>> {
        let limit = q.limit.max(1) as i64;
        if q.waiting {
            let mut stmt = self.conn.prepare_cached(&waiting_sql())?;
            let rows = stmt.query_map(params![q.engineer, limit], visit_row)?;
            return Ok(rows.collect::<rusqlite::Result<_>>()?);
        }
        let (from, to) = (q.from.unwrap_or(i64::MIN), q.to.unwrap_or(i64::MAX));
        let sql = match q.engineer {
            Some(_) => by_engineer_sql(),
            None => in_range_sql(),
        };
        let handle = q.engineer.as_deref().map(crate::domain::handle::normalize);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![handle, from, to, limit], visit_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The schedule of `[from, to)`: a lane for every active engineer (an agent with a `service:` skill, or with a
    /// visit in the range), flagged for overlaps and for gaps shorter than `travel_minutes` between places.
    pub fn schedule(&self, from: i64, to: i64, travel_minutes: i64) -> Result<Schedule> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.handle, a.name, a.availability FROM agents a
              WHERE a.active = 1 AND (
                    EXISTS (SELECT 1 FROM agent_skills s WHERE s.agent_id = a.id AND s.skill LIKE 'service:%')
                 OR EXISTS (SELECT 1 FROM visits v INDEXED BY visits_engineer_window
                             WHERE v.engineer_id = a.id AND v.window_start >= ?1 AND v.window_start < ?2))
              ORDER BY a.handle",
        )?;
        let engineers: Vec<(String, String, String)> = stmt
            .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut lanes = Vec::with_capacity(engineers.len());
        for (handle, name, availability) in engineers {
            let visits = self.visit_list(&VisitQuery {
                engineer: Some(handle.clone()),
                from: Some(from),
                to: Some(to),
                waiting: false,
                limit: 500,
            })?;
            let slots: Vec<Slot> = visits
                .iter()
                .filter(|v| v.status.holds_time())
                .filter_map(|v| {
                    Some(Slot {
                        number: v.number,
                        start: v.window_start?,
                        end: v.window_end?,
                        // Where the engineer goes: the visit's address, else the customer's city.
                        place: match (&v.city, v.address.is_empty()) {
                            (Some(c), true) => c.to_string(),
                            _ => v.address.to_string(),
                        },
                    })
                })
                .collect();
            lanes.push(Lane {
                flags: flags(&slots, travel_minutes),
                availability: Availability::parse(&availability).unwrap_or(Availability::OnDuty),
                handle,
                name,
                visits,
            });
        }
        let waiting = self.visit_list(&VisitQuery {
            waiting: true,
            limit: WAITING_SHOWN,
            ..VisitQuery::default()
        })?;
        Ok(Schedule {
            from,
            to,
            lanes,
            waiting,
        })
    }
}

impl Store {
    /// Whether work on the ticket's product at `now` is covered, by its warranty date (no cause recorded yet).
    pub fn ticket_warranty(
        &self,
        ticket: i64,
        now: i64,
    ) -> Result<crate::domain::warranty::Decision> {
        let product: Option<Option<ProductDates>> = self
            .conn
            .prepare_cached(
                "SELECT p.purchased_at, p.warranty_until, p.id IS NOT NULL FROM tickets t
                   LEFT JOIN products p ON p.id = t.product_id WHERE t.number = ?1",
            )?
            .query_row(params![ticket], |r| {
                Ok(r.get::<_, bool>(2)?.then_some(ProductDates {
                    purchased_at: r.get(0)?,
                    warranty_until: r.get(1)?,
                }))
            })
            .optional()?;
        let product = product.ok_or(StoreError::NotFound {
            entity: "ticket",
            id: ticket.to_string(),
        })?;
        Ok(decide(
            product,
            now,
            Cause::Unknown,
            &self.rules.field.warranty,
        ))
    }

    /// Open tickets about a product, most recently updated first, with their customer's name and city: where the
    /// demo puts its visits and return requests.
    pub fn open_tickets_with_products(&self, limit: usize) -> Result<Vec<(i64, String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.number, coalesce(c.name, ''), coalesce(c.city, '') FROM tickets t
               LEFT JOIN customers c ON c.id = t.customer_id
              WHERE t.status IN ('new', 'open', 'pending', 'on_hold') AND t.product_id IS NOT NULL
              ORDER BY t.updated_at DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map(params![limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
