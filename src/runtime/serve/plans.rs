//! Answers to improvement-plan requests: pages of actions, the indicators now, an action's history, a move.

use crate::app::protocol::{PlanRequest, PlanResponse, outcome};
use crate::domain::plan::PlanStatus;
use crate::store::plans::PlanEdit;
use crate::store::{Result, Store};

pub fn serve(store: &mut Store, req: PlanRequest) -> Result<PlanResponse> {
    Ok(match req {
        PlanRequest::Page {
            generation,
            req,
            limit,
        } => PlanResponse::Page {
            generation,
            req,
            page: store.plans(false, req, limit)?,
        },
        PlanRequest::Indicators { query, rules } => {
            let report = super::service::measured_report(store, &query, &rules)?;
            PlanResponse::Indicators(
                report
                    .indicators
                    .iter()
                    .map(|r| (r.indicator, r.current))
                    .collect(),
            )
        }
        PlanRequest::History { number } => PlanResponse::History {
            number,
            rows: store.plan_history(number)?,
        },
        PlanRequest::Move { number, to, at } => PlanResponse::Moved {
            number,
            outcome: outcome(store.set_plan(number, &edit_to(to), at)),
        },
    })
}

fn edit_to(to: PlanStatus) -> PlanEdit {
    PlanEdit {
        status: Some(to),
        ..PlanEdit::default()
    }
}
