//! What `desk ticket show` says about field service: the product's warranty state, the ticket's visits and its
//! return requests.

use super::locale::{self, say};
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
        let l = locale::get();
        writeln!(out)?;
        if let Some(w) = &self.warranty {
            let line = say(
                "said-field-warranty",
                &[
                    ("coverage", &locale::coverage(l, w.coverage)),
                    ("reason", &crate::i18n::field_words::warranty_why(l, &w.why)),
                ],
            );
            writeln!(out, "{line}")?;
        }
        for v in &self.visits {
            let engineer = v
                .engineer
                .clone()
                .unwrap_or_else(|| say("said-field-no-engineer", &[]));
            let line = say(
                "said-field-visit",
                &[
                    ("n", &v.number),
                    ("service", &locale::service(l, v.service)),
                    ("status", &locale::visit_status(l, v.status)),
                    ("engineer", &engineer),
                    ("window", &super::visit::window_text(v, rules)),
                    ("coverage", &locale::coverage(l, v.coverage)),
                ],
            );
            writeln!(out, "{line}")?;
        }
        for r in &self.returns {
            let line = say(
                "said-field-return",
                &[
                    ("n", &r.number),
                    ("kind", &locale::return_kind(l, r.kind)),
                    ("reason", &locale::return_reason(l, r.reason)),
                    ("status", &locale::return_status(l, r.status)),
                    ("rules", &r.eligibility),
                ],
            );
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    pub fn add_json(&self, v: &mut serde_json::Value) -> serde_json::Result<()> {
        if let Some(w) = &self.warranty {
            v["warranty"] = serde_json::json!({
                "coverage": w.coverage,
                "reason": w.reason(),
                "until": w.until.map(super::output::rfc3339),
            });
        }
        v["visits"] = serde_json::to_value(&self.visits)?;
        v["returns"] = serde_json::to_value(&self.returns)?;
        Ok(())
    }
}
