//! How a ticket's status and its timestamps move together when agents act and customers write. Pure: the store
//! asks these rules what to write.

use super::ticket::{Status, TransitionError};

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    Customer,
    Agent,
}

/// The part of a ticket these rules read and change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifecycle {
    pub status: Status,
    pub first_response_at: Option<i64>,
    pub solved_at: Option<i64>,
    pub closed_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifecycleError {
    #[error(transparent)]
    Transition(#[from] TransitionError),
    #[error("ticket is {0}; it takes no more replies — open a follow-up ticket instead")]
    Final(Status),
}

impl Lifecycle {
    /// An agent sets the status. Solving stamps `solved_at`; closing stamps `closed_at` (and `solved_at` if the
    /// ticket was never solved); reopening a solved ticket clears `solved_at`.
    pub fn set_status(self, to: Status, now: i64) -> Result<Lifecycle, LifecycleError> {
        if to == self.status {
            return Ok(self);
        }
        let status = self.status.transition(to)?;
        let mut next = Lifecycle { status, ..self };
        match status {
            Status::Solved => next.solved_at = Some(now),
            Status::Closed => {
                next.closed_at = Some(now);
                next.solved_at = next.solved_at.or(Some(now));
            }
            s if s.is_open() => next.solved_at = None,
            _ => {}
        }
        Ok(next)
    }

    /// A message arrives. An agent's first public reply stamps the first response and takes a new ticket to open;
    /// a customer's message reopens a pending or solved ticket. Internal notes change nothing. Closed and merged
    /// tickets take internal notes only.
    pub fn on_message(
        self,
        writer: Writer,
        internal: bool,
        now: i64,
    ) -> Result<Lifecycle, LifecycleError> {
        if internal {
            return Ok(self);
        }
        if matches!(self.status, Status::Closed | Status::Merged) {
            return Err(LifecycleError::Final(self.status));
        }
        let mut next = self;
        match writer {
            Writer::Agent => {
                next.first_response_at = next.first_response_at.or(Some(now));
                if next.status == Status::New {
                    next.status = Status::Open;
                }
            }
            Writer::Customer => {
                if let Some(s) = next.status.on_customer_reply() {
                    next.status = s;
                    next.solved_at = None;
                }
            }
        }
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fresh() -> Lifecycle {
        Lifecycle {
            status: Status::New,
            first_response_at: None,
            solved_at: None,
            closed_at: None,
        }
    }

    #[test]
    fn first_agent_reply_opens_and_stamps_once() {
        let t = fresh().on_message(Writer::Agent, false, 100).unwrap();
        assert_eq!((t.status, t.first_response_at), (Status::Open, Some(100)));
        let t = t.on_message(Writer::Agent, false, 200).unwrap();
        assert_eq!(t.first_response_at, Some(100));
        let note = fresh().on_message(Writer::Agent, true, 50).unwrap();
        assert_eq!(note, fresh(), "an internal note is not a response");
    }

    #[test]
    fn customer_reply_reopens_solved_and_clears_the_solve_time() {
        let t = fresh().set_status(Status::Solved, 10).unwrap();
        assert_eq!(t.solved_at, Some(10));
        let t = t.on_message(Writer::Customer, false, 20).unwrap();
        assert_eq!((t.status, t.solved_at), (Status::Open, None));
        let pending = fresh().set_status(Status::Pending, 5).unwrap();
        assert_eq!(
            pending
                .on_message(Writer::Customer, false, 6)
                .unwrap()
                .status,
            Status::Open
        );
        let on_hold = fresh().set_status(Status::OnHold, 5).unwrap();
        assert_eq!(
            on_hold
                .on_message(Writer::Customer, false, 6)
                .unwrap()
                .status,
            Status::OnHold
        );
    }

    #[test]
    fn closed_takes_notes_only() {
        let closed = fresh().set_status(Status::Closed, 9).unwrap();
        assert_eq!((closed.closed_at, closed.solved_at), (Some(9), Some(9)));
        assert_eq!(
            closed.on_message(Writer::Customer, false, 10),
            Err(LifecycleError::Final(Status::Closed))
        );
        assert!(closed.on_message(Writer::Agent, true, 10).is_ok());
        let err = closed.set_status(Status::Open, 11).unwrap_err();
        assert!(err.to_string().contains("it is final"), "{err}");
    }

    #[derive(Debug, Clone)]
    enum Event {
        Set(Status),
        Message(bool, bool),
    }

    proptest! {
        /// Whatever agents and customers do, the timestamps agree with the status: solved and closed tickets have a
        /// solve time and open ones do not, a first response once stamped never moves, closed stays closed.
        #[test]
        fn timestamps_follow_the_status(events in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(Status::ALL.to_vec()).prop_map(Event::Set),
                (any::<bool>(), any::<bool>()).prop_map(|(a, i)| Event::Message(a, i)),
            ], 0..40)
        ) {
            let mut t = fresh();
            let mut first = None;
            for (now, e) in events.into_iter().enumerate() {
                let now = now as i64 + 1;
                let before = t;
                let r = match e {
                    Event::Set(s) => t.set_status(s, now),
                    Event::Message(agent, internal) => {
                        t.on_message(if agent { Writer::Agent } else { Writer::Customer }, internal, now)
                    }
                };
                match r {
                    Ok(next) => t = next,
                    Err(_) => prop_assert_eq!(t, before),
                }
                if matches!(t.status, Status::Solved | Status::Closed) { prop_assert!(t.solved_at.is_some()); }
                if t.status.is_open() { prop_assert!(t.solved_at.is_none()); }
                if before.status == Status::Closed { prop_assert_eq!(t.status, Status::Closed); }
                if first.is_some() { prop_assert_eq!(t.first_response_at, first); }
                first = t.first_response_at;
            }
        }
    }
}
