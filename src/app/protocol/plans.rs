//! Improvement-plan requests (PDCA, `g i`): the pane's keyset pages of actions, the indicators now (measured on the
//! background connection, as the dashboard is), one action's history, and moving an action round its cycle.

use std::collections::BTreeMap;

use super::{Class, Outcome, Slot};
use crate::domain::metrics::{Indicator, MetricsRules};
use crate::domain::plan::PlanStatus;
use crate::domain::view::PageRequest;
use crate::store::metrics::MetricsQuery;
use crate::store::plans::PlanRow;
use crate::store::{ChangeRow, Page};

#[derive(Debug, Clone, PartialEq)]
pub enum PlanRequest {
    /// A page of every action, soonest due first, for the list of `generation`.
    Page {
        generation: u64,
        req: PageRequest,
        limit: usize,
    },
    /// Each indicator's value over `query`'s window: the "now" the list sets beside the baseline.
    Indicators {
        query: Box<MetricsQuery>,
        rules: Box<MetricsRules>,
    },
    /// Action `number`'s change log, for its details.
    History { number: i64 },
    /// Moves action `number` to `to` (the store checks the cycle again).
    Move {
        number: i64,
        to: PlanStatus,
        at: i64,
    },
}

impl PlanRequest {
    /// Measuring for the indicators waits on nobody's key, like the dashboard's.
    pub fn is_background(&self) -> bool {
        match self {
            PlanRequest::Indicators { .. } => true,
            PlanRequest::Page { .. } | PlanRequest::History { .. } | PlanRequest::Move { .. } => {
                false
            }
        }
    }

    pub fn class(&self) -> Class {
        match self {
            PlanRequest::Page { req, .. } => match req {
                PageRequest::First | PageRequest::Last => Class::Latest(Slot::PlanPage),
                PageRequest::After(_) | PageRequest::Before(_) => Class::Keep,
            },
            // Measuring writes derived values only: a newer read measures the same.
            PlanRequest::Indicators { .. } => Class::Latest(Slot::PlanIndicators),
            PlanRequest::History { .. } => Class::Latest(Slot::PlanHistory),
            PlanRequest::Move { .. } => Class::Write,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PlanResponse {
    Page {
        generation: u64,
        req: PageRequest,
        page: Page<PlanRow>,
    },
    /// Every indicator's current value (`None`: nothing to measure in the window).
    Indicators(BTreeMap<Indicator, Option<f64>>),
    /// `None` when there is no such action (any more).
    History {
        number: i64,
        rows: Option<Vec<ChangeRow>>,
    },
    Moved {
        number: i64,
        outcome: Outcome<PlanRow>,
    },
}
