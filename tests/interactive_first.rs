//! Interactive work never queues behind the SLA sweep (issue 21): with 10 000 overdue clocks to escalate, a page
//! load asked for after the sweep started is answered before the sweep finishes. Ordering, not wall time: the
//! proof is the order of the answers on the UI's channel and how much of the sweep was done when the page came.
//! The same run on one worker (how desk worked before) answers the page only after the sweep's first budget —
//! the stall the issue measured.

mod common;

use common::apply_rules;
use desk::app::Msg;
use desk::app::protocol::{
    Request, Response, ServiceRequest, ServiceResponse, TicketRequest, TicketResponse,
};
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::domain::view::{PageRequest, TicketFilter};
use desk::runtime::workers::Workers;
use desk::store::records::TicketRec;
use desk::store::{OpenMode, Store};
use std::sync::mpsc;
use std::time::Duration;

const NOW: i64 = 1_780_000_000;
const OVERDUE: usize = 10_000;
const RULES: &str = r#"
[[sla.policies]]
name = "tight"
calendar = "24x7"
normal = { first_response = "1h", resolution = "1d" }

[[sla.escalations]]
name = "breached"
when = "breached"
targets = ["first_response"]
raise_priority = true
add_tag = "escalated"
note = "SLA breached."
"#;

fn open(path: &std::path::Path) -> Store {
    let mut store = Store::open(path, OpenMode::Existing).unwrap();
    apply_rules(&mut store, RULES);
    store
}

/// A database whose 10 000 open tickets all breached their first response an hour ago, clocks computed.
fn overdue_desk(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("desk.db");
    drop(Store::open(&path, OpenMode::Create).unwrap());
    let mut store = open(&path);
    let mut w = store.bulk().unwrap();
    for i in 0..OVERDUE {
        let created = NOW - 2 * 3600 - i as i64;
        w.ticket(&TicketRec {
            id: format!("t{i:05}"),
            number: None,
            subject: format!("Printer {i} will not start"),
            status: Status::Open,
            priority: Priority::Normal,
            kind: Kind::Question,
            channel: Channel::Email,
            customer_id: None,
            product_id: None,
            assignee_id: None,
            group_id: None,
            created_at: created,
            updated_at: created,
            first_response_at: None,
            solved_at: None,
            closed_at: None,
            merged_into: None,
        })
        .unwrap();
    }
    w.commit("test", NOW).unwrap();
    assert_eq!(
        store.recompute_stale_clocks(NOW, usize::MAX).unwrap(),
        OVERDUE
    );
    path
}

fn escalations(path: &std::path::Path) -> i64 {
    let s = Store::open(path, OpenMode::Existing).unwrap();
    s.conn()
        .query_row("SELECT count(*) FROM escalations", [], |r| r.get(0))
        .unwrap()
}

fn first_page() -> Request {
    Request::Tickets(TicketRequest::Page {
        generation: 7,
        filter: Box::new(TicketFilter::default()),
        me: None,
        req: PageRequest::First,
        limit: 50,
    })
}

fn sweep() -> Request {
    Request::Service(ServiceRequest::SlaCheck {
        handle: None,
        at: NOW,
    })
}

enum Answer {
    Page { rows: usize, escalated_then: i64 },
    Swept { more: bool },
}

/// Sends the sweep, then the page, and records the answers in the order they arrive (until the first sweep
/// answer), with how many escalations were done when the page came.
fn race(path: &std::path::Path, background: bool) -> Vec<Answer> {
    let (to_ui, from_workers) = mpsc::channel();
    let workers = Workers::spawn(open(path), background.then(|| open(path)), to_ui);
    workers.send(sweep()).unwrap();
    workers.send(first_page()).unwrap();
    let mut answers = Vec::new();
    loop {
        let msg = from_workers
            .recv_timeout(Duration::from_secs(600))
            .expect("an answer");
        match msg {
            Msg::Loaded(Response::Tickets(TicketResponse::Page { page, .. })) => {
                answers.push(Answer::Page {
                    rows: page.rows.len(),
                    escalated_then: escalations(path),
                });
            }
            Msg::Loaded(Response::Service(ServiceResponse::SlaChecked { more, .. })) => {
                answers.push(Answer::Swept { more });
                return answers;
            }
            Msg::Loaded(Response::Failed { error, .. }) => {
                panic!("a request failed: {}", error.text)
            }
            _ => {}
        }
    }
}

#[test]
fn a_page_asked_for_during_a_sweep_of_10000_escalations_is_answered_before_the_sweep_ends() {
    let dir = tempfile::tempdir().unwrap();
    let path = overdue_desk(dir.path());
    let answers = race(&path, true);
    match answers.as_slice() {
        [
            Answer::Page {
                rows,
                escalated_then,
            },
            Answer::Swept { .. },
        ] => {
            assert_eq!(*rows, 50);
            assert!(
                (*escalated_then as usize) < OVERDUE,
                "the page came after the sweep had escalated everything"
            );
        }
        _ => panic!("the page was not answered first"),
    }
    // The sweep goes on in budgets until nothing is left: every clock escalated once, never twice.
    let mut store = open(&path);
    let mut checks = 1;
    loop {
        let mut between = || {};
        let budget = desk::store::sla_run::SweepBudget {
            slice: Duration::from_millis(50),
            total: Some(Duration::from_secs(1)),
            recompute_limit: 2000,
            between: &mut between,
        };
        let report = store.sla_sweep(NOW, budget).unwrap();
        checks += 1;
        if !report.more {
            break;
        }
    }
    assert!(checks >= 2);
    assert_eq!(escalations(&path) as usize, OVERDUE);
    let notes: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM messages WHERE body = 'SLA breached.'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(notes as usize, OVERDUE, "one note per breached clock");
    let raised: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM tickets WHERE priority = 'high'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        raised as usize, OVERDUE,
        "each ticket raised once, normal → high"
    );
    // Settled: another pass finds nothing, and reads no candidate.
    let again = store.sla_run(NOW + 30).unwrap();
    assert!(again.escalated.is_empty() && !again.more);
    let candidates: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM tickets WHERE sla_escalate_at <= ?1",
            [NOW + 30],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(candidates, 0);
}

#[test]
fn on_one_worker_the_same_page_waits_behind_the_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let path = overdue_desk(dir.path());
    let answers = race(&path, false);
    assert!(
        matches!(answers.as_slice(), [Answer::Swept { more: true }]),
        "with one worker the sweep's first budget is answered before the page"
    );
}
