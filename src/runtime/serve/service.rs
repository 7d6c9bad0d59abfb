//! Answers to service requests: the SLA pass and escalations, the dashboard.

use crate::app::protocol::{ServiceRequest, ServiceResponse};
use crate::domain::metrics::MetricsRules;
use crate::domain::metrics_report::Report;
use crate::store::metrics::MetricsQuery;
use crate::store::sla_run::SweepBudget;
use crate::store::{Result, Store};
use std::time::Duration;

/// Stale clocks recomputed per check at most (after the rules change every open ticket's clock is stale).
const CLOCKS_PER_CHECK: usize = 2000;
/// One write transaction of the sweep: another writer waits at most this long for it.
const SLICE: Duration = Duration::from_millis(50);
/// One check does this much of a big backlog, then answers (the lists refresh) and is asked again at once.
const CHECK_TOTAL: Duration = Duration::from_secs(1);
/// Escalations shown in the list.
const FEED_LIMIT: usize = 100;

pub fn serve(
    store: &mut Store,
    req: ServiceRequest,
    between: &mut dyn FnMut(),
) -> Result<ServiceResponse> {
    Ok(match req {
        ServiceRequest::SlaCheck { handle, at } => {
            let budget = SweepBudget {
                slice: SLICE,
                total: Some(CHECK_TOTAL),
                recompute_limit: CLOCKS_PER_CHECK,
                between,
            };
            let report = store.sla_sweep(at, budget)?;
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
                more: report.more,
            }
        }
        ServiceRequest::EscalationsSeen { handle, at } => {
            if let Some(h) = handle {
                store.mark_escalations_seen(&h, at)?;
            }
            ServiceResponse::EscalationsSeen
        }
        ServiceRequest::Dashboard { query, rules } => {
            let report = measured_report(store, &query, &rules)?;
            let field = store.field_report(query.window.from, query.window.to)?;
            ServiceResponse::Dashboard(Box::new(report), Box::new(field))
        }
    })
}

/// Measures what is unmeasured, brings the roll-ups up to date and builds the report of `query`.
pub(super) fn measured_report(
    store: &mut Store,
    query: &MetricsQuery,
    rules: &MetricsRules,
) -> Result<Report> {
    store.measure_pending(query.as_of, &mut |_, _| {})?;
    store.ensure_rollups(query.offset)?;
    let input = store.metrics(query)?;
    Ok(crate::i18n::metrics_advice::with_suggestions(
        crate::domain::metrics_report::build(input, rules),
    ))
}
