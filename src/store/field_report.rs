//! The facts of the report's field-service section (domain::field_report): visits that ended in the period, parts
//! consumed in it and return requests made in it — each an index range on its time column.

use rusqlite::params;

use super::visits::word;
use super::{Result, Store};
use crate::domain::field_report::{FieldReport, PartUse, ReturnFact, VisitFact, build};
use crate::domain::returns::{RmaKind, RmaReason, RmaStatus};
use crate::domain::visit::VisitStatus;
use crate::domain::warranty::Coverage;

/// Visits that ended in `[?1, ?2)`, with the trips made on their ticket.
pub(super) const FINISHED: &str =
    "SELECT a.handle, v.status, v.window_end, v.arrive_by, v.arrived_at, v.coverage, v.labour_minutes,
            (SELECT count(*) FROM visits w WHERE w.ticket_id = v.ticket_id AND w.arrived_at IS NOT NULL)
       FROM visits v INDEXED BY visits_finished LEFT JOIN agents a ON a.id = v.engineer_id
      WHERE v.finished_at >= ?1 AND v.finished_at < ?2 AND v.status IN ('completed', 'no_show')";

/// Parts consumed in `[?1, ?2)`, per part.
pub(super) const CONSUMED: &str =
    "SELECT m.part_code, p.name, -sum(m.delta), -sum(m.delta * p.unit_cost_cents), -sum(m.delta * p.price_cents)
       FROM part_moves m INDEXED BY part_moves_consumed JOIN parts p ON p.code = m.part_code
      WHERE m.kind = 'consume' AND m.at >= ?1 AND m.at < ?2
      GROUP BY m.part_code";

/// Return requests made in `[?1, ?2)`.
pub(super) const REQUESTED: &str =
    "SELECT kind, reason, status FROM returns INDEXED BY returns_requested
      WHERE requested_at >= ?1 AND requested_at < ?2";

impl Store {
    /// Field service in `[from, to)`.
    pub fn field_report(&self, from: i64, to: i64) -> Result<FieldReport> {
        let mut stmt = self.conn.prepare_cached(FINISHED)?;
        let visits: Vec<VisitFact> = stmt
            .query_map(params![from, to], |r| {
                Ok(VisitFact {
                    engineer: r.get(0)?,
                    status: word(r, 1, VisitStatus::parse)?,
                    window_end: r.get(2)?,
                    arrive_by: r.get(3)?,
                    arrived_at: r.get(4)?,
                    coverage: word(r, 5, Coverage::parse)?,
                    labour_minutes: r.get(6)?,
                    trips: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(CONSUMED)?;
        let parts: Vec<PartUse> = stmt
            .query_map(params![from, to], |r| {
                Ok(PartUse {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    qty: r.get(2)?,
                    cost_cents: r.get(3)?,
                    value_cents: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(REQUESTED)?;
        let returns: Vec<ReturnFact> = stmt
            .query_map(params![from, to], |r| {
                Ok(ReturnFact {
                    kind: word(r, 0, RmaKind::parse)?,
                    reason: word(r, 1, RmaReason::parse)?,
                    status: word(r, 2, RmaStatus::parse)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(build(&visits, parts, &returns))
    }
}
