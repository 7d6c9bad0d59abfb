//! Answers to quality-inspection requests: the QA pane's data, sampling a week and a lead's review.

use crate::app::protocol::qa::QaView;
use crate::app::protocol::{QaRequest, QaResponse, outcome};
use crate::domain::qa::iso_week;
use crate::domain::team::Act;
use crate::domain::view::PageRequest;
use crate::store::{Result, Store};

/// Rows the pane holds of the queue and of the agent's reviews.
const ROWS: usize = 200;

pub fn serve(store: &mut Store, req: QaRequest) -> Result<QaResponse> {
    Ok(match req {
        QaRequest::Load { me } => {
            let mine = match &me {
                Some(h) => store.qa_agent_reviews(h, ROWS)?,
                None => Vec::new(),
            };
            QaResponse::Loaded(Box::new(QaView {
                rubric: store.service_rules().qa.rubric.clone(),
                lead: me.is_some() && store.require(Act::ReviewQuality).is_ok(),
                queue: store.qa_queue(PageRequest::First, ROWS, true)?.rows,
                mine,
            }))
        }
        QaRequest::Sample {
            week_of,
            offset,
            at,
        } => {
            let week = iso_week(week_of, offset);
            let done = store.qa_sample_week(&week, offset, at);
            QaResponse::Sampled {
                outcome: outcome(done.map(|added| (week, added.len()))),
            }
        }
        QaRequest::Score {
            ticket,
            scored,
            comment,
            offset,
            at,
        } => {
            let done = store.qa_review(ticket, &scored, &comment, offset, at);
            QaResponse::Scored {
                ticket,
                outcome: outcome(done.map(|()| (scored.total, scored.failed_critical))),
            }
        }
    })
}
