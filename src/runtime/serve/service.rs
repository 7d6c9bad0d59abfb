//! Answers to service requests: the SLA pass and escalations, the dashboard.

use crate::app::protocol::{ServiceRequest, ServiceResponse};
use crate::store::{Result, Store};

/// Stale clocks recomputed per check: a slice keeps the worker responsive after the rules change.
const CLOCKS_PER_CHECK: usize = 2000;
/// Escalations shown in the list.
const FEED_LIMIT: usize = 100;

pub fn serve(store: &mut Store, req: ServiceRequest) -> Result<ServiceResponse> {
    Ok(match req {
        ServiceRequest::SlaCheck { handle, at } => {
            let report = store.sla_run_limited(at, CLOCKS_PER_CHECK)?;
            // Birthdays and anniversaries coming up become care tasks (idempotent, two index ranges).
            store.schedule_care(at)?;
            let seen = match &handle {
                Some(h) => store.escalations_seen(h)?,
                None => None,
            };
            // Never looked: the last day is what is worth knowing.
            let feed = store.escalations_since(seen.unwrap_or(at - 86_400), FEED_LIMIT)?;
            ServiceResponse::SlaChecked {
                feed,
                changed: report.changed_anything(),
            }
        }
        ServiceRequest::EscalationsSeen { handle, at } => {
            if let Some(h) = handle {
                store.mark_escalations_seen(&h, at)?;
            }
            ServiceResponse::EscalationsSeen
        }
        ServiceRequest::Dashboard { query, rules } => {
            store.measure_pending(query.as_of, &mut |_, _| {})?;
            let input = store.metrics(&query)?;
            ServiceResponse::Dashboard(Box::new(crate::domain::metrics_report::build(
                input, &rules,
            )))
        }
    })
}
