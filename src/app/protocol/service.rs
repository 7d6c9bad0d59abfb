//! Service requests: the periodic SLA pass with its escalations, and the dashboard's report.

use super::{Class, Slot};
use crate::domain::metrics::MetricsRules;
use crate::domain::metrics_report::Report;
use crate::store::metrics::MetricsQuery;
use crate::store::sla_run::Escalated;

#[derive(Debug, Clone, PartialEq)]
pub enum ServiceRequest {
    /// The periodic SLA pass (escalations, auto-close, a slice of stale clocks) and the escalations since the
    /// agent last looked.
    SlaCheck { handle: Option<String>, at: i64 },
    /// The agent looked at the escalation list.
    EscalationsSeen { handle: Option<String>, at: i64 },
    /// Measure what is unmeasured, aggregate, build the report.
    Dashboard {
        query: Box<MetricsQuery>,
        rules: Box<MetricsRules>,
    },
}

impl ServiceRequest {
    /// Work no key waits for: the sweep and the dashboard's measuring run on the background connection.
    pub fn is_background(&self) -> bool {
        match self {
            ServiceRequest::SlaCheck { .. } | ServiceRequest::Dashboard { .. } => true,
            ServiceRequest::EscalationsSeen { .. } => false,
        }
    }

    pub fn class(&self) -> Class {
        match self {
            ServiceRequest::SlaCheck { .. } | ServiceRequest::EscalationsSeen { .. } => {
                Class::Write
            }
            // Measuring writes per-ticket measures, but only derived values: a newer report measures the same.
            ServiceRequest::Dashboard { .. } => Class::Latest(Slot::Dashboard),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ServiceResponse {
    SlaChecked {
        /// Escalations since the agent last looked, newest first.
        feed: Vec<Escalated>,
        /// Tickets this pass closed or escalated (lists and counts need a reload).
        changed: bool,
        /// The check did part of a backlog within its budget; ask again for the rest.
        more: bool,
    },
    EscalationsSeen,
    /// The report, and the period's field service.
    Dashboard(Box<Report>, Box<crate::domain::field_report::FieldReport>),
}
