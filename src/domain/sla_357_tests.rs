//! The 3-5-7 rule's clocks: respond, propose a solution, solve.

use super::*;
use crate::domain::ticket::Status;

fn ev(at: i64, kind: EventKind) -> Event {
    Event { at, kind }
}

fn status(at: i64, s: Status) -> Event {
    ev(at, EventKind::Status(s))
}

fn by(c: &[Clock], t: Target) -> Clock {
    *c.iter().find(|c| c.target == t).unwrap()
}

#[test]
fn the_3_5_7_clocks_respond_propose_and_solve() {
    let c24 = Calendar::always_open("24x7");
    let m = 60;
    let rule = Targets {
        first_response: Some(3 * m),
        first_solution: Some(5 * m),
        next_reply: None,
        resolution: Some(7 * m),
    };
    // Answered in 2 minutes, a solution proposed at 6 (the acknowledgement was no solution), solved at 7.
    let events = [
        ev(2 * m, EventKind::AgentReply),
        ev(6 * m, EventKind::AgentReply),
        ev(6 * m, EventKind::SolutionProposed),
        status(7 * m, Status::Solved),
    ];
    let all = clocks(0, &events, &rule, &c24, 10 * m, 0.75);
    let state = |t| {
        let c = by(&all, t);
        (c.elapsed, c.state)
    };
    assert_eq!(state(Target::FirstResponse), (2 * m, ClockState::Met));
    assert_eq!(state(Target::FirstSolution), (6 * m, ClockState::MetLate));
    assert_eq!(state(Target::Resolution), (7 * m, ClockState::Met));
    // Without a proposed solution the first-solution clock runs on past plain replies …
    let replies: Vec<Event> = events.iter().take(2).copied().collect();
    let running = clocks(0, &replies, &rule, &c24, 4 * m, 0.75);
    let fs = by(&running, Target::FirstSolution);
    assert_eq!((fs.stopped_at, fs.due_at), (None, Some(5 * m)));
    assert_eq!(fs.state, ClockState::AtRisk);
    // … and solving stops it, as it stops first response.
    let solved = clocks(
        0,
        &[status(4 * m, Status::Solved)],
        &rule,
        &c24,
        9 * m,
        0.75,
    );
    assert_eq!(by(&solved, Target::FirstSolution).state, ClockState::Met);
}
