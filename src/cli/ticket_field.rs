//! What `desk ticket show` says about field service: the product's warranty state, the ticket's visits and its
//! return requests.

use super::output::Out;
use crate::domain::field_rules::FieldRules;
use crate::domain::warranty::Decision;
use crate::store::Store;
use crate::store::returns::{ReturnRow, ReturnsOf};
use crate::store::visits::VisitRow;

pub struct TicketField {
    /// Only for a ticket with a product.
    warranty: Option<Decision>,
    visits: Vec<VisitRow>,
    returns: Vec<ReturnRow>,
}

impl TicketField {
    pub fn read(
        store: &Store,
        number: i64,
        has_product: bool,
        now: i64,
    ) -> crate::store::Result<TicketField> {
        Ok(TicketField {
            warranty: if has_product {
                Some(store.ticket_warranty(number, now)?)
            } else {
                None
            },
            visits: store.ticket_visits(number)?,
            returns: store.return_list(ReturnsOf::Ticket(number), 50)?,
        })
    }

    pub fn write(&self, out: &mut Out<'_>, rules: &FieldRules) -> std::io::Result<()> {
        if self.warranty.is_none() && self.visits.is_empty() && self.returns.is_empty() {
            return Ok(());
        }
        writeln!(out)?;
        if let Some(w) = &self.warranty {
            writeln!(out, "warranty: {} — {}", w.coverage.label(), w.reason)?;
        }
        for v in &self.visits {
            writeln!(
                out,
                "visit V{} {} {} · {} · {} · {}",
                v.number,
                v.service,
                v.status,
                v.engineer.as_deref().unwrap_or("no engineer"),
                super::visit::window_text(v, rules),
                v.coverage.label()
            )?;
        }
        for r in &self.returns {
            writeln!(
                out,
                "return R{} {} ({}) {} · {}",
                r.number, r.kind, r.reason, r.status, r.eligibility
            )?;
        }
        Ok(())
    }

    pub fn add_json(&self, v: &mut serde_json::Value) -> serde_json::Result<()> {
        if let Some(w) = &self.warranty {
            v["warranty"] = serde_json::json!({
                "coverage": w.coverage,
                "reason": w.reason,
                "until": w.until.map(super::output::rfc3339),
            });
        }
        v["visits"] = serde_json::to_value(&self.visits)?;
        v["returns"] = serde_json::to_value(&self.returns)?;
        Ok(())
    }
}
