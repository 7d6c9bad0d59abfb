//! Field-service requests (上门服务, issue 22): the engineers' schedule of a week, and a change to a visit made from
//! it (scheduling a waiting visit at a time, sending a scheduled one back to wait).

use super::{Class, Outcome, Slot};
use crate::store::schedule::Schedule;
use crate::store::visits::{VisitEdit, VisitRow};

#[derive(Debug, Clone, PartialEq)]
pub enum FieldRequest {
    /// The schedule of the week (Monday to Sunday, in the field-service zone) that holds the instant `at`.
    Week { at: i64 },
    /// Applies `edits` to visit `number` in one write (the store checks each step); `at` is the write's time.
    SetVisit {
        number: i64,
        edits: Vec<VisitEdit>,
        at: i64,
    },
    /// Makes a visit of `service` on ticket `ticket`, waiting for a time (booked on the schedule).
    NewVisit {
        ticket: i64,
        service: crate::domain::visit::Service,
        at: i64,
    },
}

impl FieldRequest {
    pub fn class(&self) -> Class {
        match self {
            FieldRequest::Week { .. } => Class::Latest(Slot::Schedule),
            FieldRequest::SetVisit { .. } | FieldRequest::NewVisit { .. } => Class::Write,
        }
    }
}

/// A week of the schedule with the calendar it was read in, so the app lays it out without knowing the zone.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Week {
    /// The local midnights of the week in unix seconds, Monday first and the next Monday last (eight).
    pub days: Vec<i64>,
    /// The zone's offset east of UTC on each of the seven days (seconds), for clock times.
    pub offsets: Vec<i32>,
    /// The zone's name (`Asia/Shanghai`).
    pub zone: String,
    /// The least gap between visits at different places (`field_service.travel_minutes`).
    pub travel_minutes: i64,
    pub schedule: Schedule,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldResponse {
    Week(Box<Week>),
    /// What became of a [`FieldRequest::SetVisit`]: the visit as it is now, or why not.
    VisitSet {
        number: i64,
        edits: Vec<VisitEdit>,
        outcome: Outcome<Box<VisitRow>>,
    },
    /// What became of a [`FieldRequest::NewVisit`].
    VisitMade {
        ticket: i64,
        outcome: Outcome<Box<VisitRow>>,
    },
}
