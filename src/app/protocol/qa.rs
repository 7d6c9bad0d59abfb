//! Quality-inspection requests (质检, issue 23): the QA pane's queue and the acting agent's reviews, sampling a
//! week into the queue, and a lead's review of a ticket.

use super::{Class, Outcome, Slot};
use crate::domain::qa::{Rubric, Scored};
use crate::store::qa::{QaReview, QaSample};

#[derive(Debug, Clone, PartialEq)]
pub enum QaRequest {
    /// The queue (tickets waiting for a review), the acting agent's reviews, the rubric and whether they may score.
    Load { me: Option<String> },
    /// Samples the ISO week that holds `week_of` (weeks at UTC offset `offset`); `at` is the write's time.
    Sample { week_of: i64, offset: i64, at: i64 },
    /// The acting lead's review of `ticket`.
    Score {
        ticket: i64,
        scored: Box<Scored>,
        comment: String,
        offset: i64,
        at: i64,
    },
}

impl QaRequest {
    pub fn class(&self) -> Class {
        match self {
            QaRequest::Load { .. } => Class::Latest(Slot::Qa),
            QaRequest::Sample { .. } | QaRequest::Score { .. } => Class::Write,
        }
    }
}

/// What the QA pane shows, as the worker read it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QaView {
    pub rubric: Rubric,
    /// The acting agent may sample and score (a lead or an admin).
    pub lead: bool,
    pub queue: Vec<QaSample>,
    pub mine: Vec<QaReview>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum QaResponse {
    Loaded(Box<QaView>),
    /// What became of a [`QaRequest::Sample`]: the week and how many tickets it added.
    Sampled {
        outcome: Outcome<(String, usize)>,
    },
    /// What became of a [`QaRequest::Score`]: the total and whether a critical item failed it.
    Scored {
        ticket: i64,
        outcome: Outcome<(f64, bool)>,
    },
}
