//! The report's complaint cause analysis: complaints created in a window counted by root cause, product and
//! group, read from the complaints-only index (`tickets_complaints_created`).

use rusqlite::params;

use super::{Result, Store};
use crate::domain::complaint_causes::{ComplaintCauses, rank};
use crate::domain::metrics_report::Window;

/// Rows per breakdown at most.
const SHOWN: usize = 10;

impl Store {
    /// Counts of `(name, n)` for one breakdown of one window; `column` is a trusted SQL expression.
    fn complaint_counts(&self, name: &str, w: Window) -> Result<Vec<(String, u64)>> {
        let sql = match name {
            "root_cause" => {
                "SELECT coalesce(t.root_cause, ''), count(*)
                   FROM tickets t INDEXED BY tickets_complaints_created
                  WHERE t.kind = 'complaint' AND t.status <> 'merged' AND t.created_at >= ?1 AND t.created_at < ?2
                  GROUP BY 1"
            }
            "product" => {
                "SELECT coalesce((SELECT p.name FROM products p WHERE p.id = t.product_id), ''), count(*)
                   FROM tickets t INDEXED BY tickets_complaints_created
                  WHERE t.kind = 'complaint' AND t.status <> 'merged' AND t.created_at >= ?1 AND t.created_at < ?2
                  GROUP BY t.product_id"
            }
            _ => {
                "SELECT coalesce((SELECT g.name FROM groups g WHERE g.id = t.group_id), ''), count(*)
                   FROM tickets t INDEXED BY tickets_complaints_created
                  WHERE t.kind = 'complaint' AND t.status <> 'merged' AND t.created_at >= ?1 AND t.created_at < ?2
                  GROUP BY t.group_id"
            }
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params![w.from, w.to], |r| {
            Ok((
                crate::domain::text::sanitize(&r.get::<_, String>(0)?),
                r.get::<_, i64>(1)?.max(0) as u64,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The window's complaints by root cause, product and group, each beside the previous window.
    pub fn complaint_causes(&self, w: Window) -> Result<ComplaintCauses> {
        let prev = w.previous();
        let by = |name| -> Result<_> {
            Ok(rank(
                &self.complaint_counts(name, w)?,
                &self.complaint_counts(name, prev)?,
                SHOWN,
            ))
        };
        Ok(ComplaintCauses {
            root_cause: by("root_cause")?,
            product: by("product")?,
            group: by("group")?,
        })
    }
}
