//! Escalations raise a ticket's priority once, not once per clock or rule that falls due with it, and never
//! twice in a minute however often and from however many desks the pass runs (issue 16).

mod common;

use common::*;
use desk::domain::ticket::{Channel, Kind, Priority};
use desk::store::ticket_write::NewTicket;
use desk::store::{OpenMode, Store};

const H: i64 = 3600;

/// Both clocks breach together, and two rules raise: one at risk, one breached.
const RULES: &str = r#"
[[sla.policies]]
name = "tight"
calendar = "24x7"
normal = { first_response = "1h", resolution = "2h" }

[[sla.escalations]]
name = "risk-raise"
when = "at-risk"
raise_priority = true

[[sla.escalations]]
name = "breach-raise"
when = "breached"
raise_priority = true
add_tag = "escalated"
"#;

fn open(path: &std::path::Path) -> Store {
    let mut store = Store::open(path, OpenMode::Existing).unwrap();
    apply_rules(&mut store, RULES);
    store
}

/// A question by e-mail from customer C2, opened at `NOW`; its number.
fn open_ticket(store: &mut Store, subject: &str, priority: Priority, body: &str) -> i64 {
    let t = NewTicket {
        subject: subject.into(),
        kind: Kind::Question,
        channel: Channel::Email,
        priority,
        customer_id: "C2".into(),
        product_id: None,
        body: body.into(),
    };
    store.create_ticket(&t, NOW).unwrap().number
}

fn priority_raises(store: &Store) -> Vec<(String, i64)> {
    store
        .conn()
        .prepare(
            "SELECT new, at FROM changes WHERE field = 'priority' AND actor = 'sla' ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn clocks_and_rules_falling_due_together_raise_once_from_any_number_of_desks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.db");
    {
        let mut store = Store::open(&path, OpenMode::Create).unwrap();
        fill(&mut store, 0);
    }
    let mut store = open(&path);
    let number = open_ticket(
        &mut store,
        "打印机卡纸 paper jam",
        Priority::Normal,
        "Jammed.",
    );
    drop(store);
    // Three hours on, nobody answered: both clocks are past risk and past due, so four escalations fall due.
    // Two desks run the pass at once, each twice within the minute.
    let now = NOW + 3 * H;
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
    let desks: Vec<_> = (0..2)
        .map(|i| {
            let (path, barrier) = (path.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut store = open(&path);
                barrier.wait();
                let a = store.sla_run(now + i).unwrap();
                let b = store.sla_run(now + 30 + i).unwrap();
                (a, b)
            })
        })
        .collect();
    let reports: Vec<_> = desks.into_iter().map(|d| d.join().unwrap()).collect();
    let store = open(&path);
    let d = store.ticket_detail(number).unwrap().unwrap();
    assert_eq!(d.row.priority, Priority::High, "normal, raised one step");
    let raises = priority_raises(&store);
    assert_eq!(raises.len(), 1, "{raises:?}");
    assert!(raises[0].1 >= now && raises[0].1 <= now + 31);
    // Each of the four escalations was performed once, by one desk; the others say why they did not raise.
    let performed: Vec<_> = reports
        .iter()
        .flat_map(|(a, b)| a.escalated.iter().chain(&b.escalated))
        .collect();
    assert_eq!(performed.len(), 4, "{performed:#?}");
    assert_eq!(
        performed
            .iter()
            .filter(|e| e.actions.starts_with("priority normal → high"))
            .count(),
        1,
        "{performed:#?}"
    );
    assert!(
        performed
            .iter()
            .filter(|e| !e.actions.starts_with("priority normal → high"))
            .all(|e| e.actions.contains("priority already raised this minute")),
        "{performed:#?}"
    );
    // A minute and more later nothing fires again: each escalation happens once per clock.
    let mut store = open(&path);
    let later = store.sla_run(now + 5 * 60).unwrap();
    assert!(!later.changed_anything(), "{later:?}");
    assert_eq!(priority_raises(&store).len(), 1);
}

#[test]
fn a_clock_that_falls_due_again_later_raises_again() {
    // The spacing is a minute, not forever: a next-reply clock breaching the next day raises once more.
    let mut store = store_with_tickets(0);
    apply_rules(
        &mut store,
        r#"
[[sla.policies]]
name = "tight"
calendar = "24x7"
normal = { first_response = "1h", next_reply = "1h", resolution = "1w" }
high = { first_response = "1h", next_reply = "1h", resolution = "1w" }

[[sla.escalations]]
name = "breach-raise"
when = "breached"
raise_priority = true
"#,
    );
    let number = open_ticket(&mut store, "paper jam", Priority::Normal, "Jammed.");
    store.sla_run(NOW + 2 * H).unwrap();
    use desk::domain::lifecycle::Writer;
    store
        .add_message(
            number,
            Writer::Agent,
            Some("A1"),
            false,
            "Looking.",
            NOW + 3 * H,
        )
        .unwrap();
    store
        .add_message(
            number,
            Writer::Customer,
            None,
            false,
            "Still jammed.",
            NOW + 4 * H,
        )
        .unwrap();
    store.sla_run(NOW + 6 * H).unwrap();
    let d = store.ticket_detail(number).unwrap().unwrap();
    assert_eq!(d.row.priority, Priority::Urgent);
    assert_eq!(priority_raises(&store).len(), 2);
}

#[test]
fn an_escalation_that_makes_another_due_settles_in_the_same_pass() {
    // Raising low → normal shortens the resolution target from 40 h to 24 h, which 30 h have already used: the
    // resolution breach is due the moment the first escalation acts, and the same pass must fire it, or a demo
    // settled at generation escalates again the moment it is opened.
    let mut store = store_with_tickets(0);
    apply_rules(
        &mut store,
        r#"
[[sla.policies]]
name = "tiers"
calendar = "24x7"
low = { first_response = "1h", resolution = "40h" }
normal = { first_response = "1h", resolution = "24h" }

[[sla.escalations]]
name = "breach-raise"
when = "breached"
raise_priority = true
note = "Breached."
"#,
    );
    let number = open_ticket(&mut store, "slow refund", Priority::Low, "Where is it?");
    let now = NOW + 30 * H;
    let first = store.sla_run(now).unwrap();
    let targets: Vec<&str> = first.escalated.iter().map(|e| e.target.as_str()).collect();
    assert_eq!(targets, ["first_response", "resolution"], "{first:?}");
    assert_eq!(
        store.ticket_detail(number).unwrap().unwrap().row.priority,
        Priority::Normal
    );
    let again = store.sla_run(now + 1).unwrap();
    assert!(again.escalated.is_empty(), "{again:?}");
    let due: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM tickets WHERE sla_escalate_at <= ?1",
            [now + 1],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(due, 0);
}

#[test]
fn a_rule_that_fires_on_two_clocks_at_once_writes_its_note_once() {
    let mut store = store_with_tickets(0);
    apply_rules(
        &mut store,
        r#"
[[sla.policies]]
name = "tight"
calendar = "24x7"
normal = { first_response = "1h", resolution = "2h" }

[[sla.escalations]]
name = "breach-note"
when = "breached"
note = "Breached: call the customer."
"#,
    );
    let number = open_ticket(&mut store, "Fridge noisy", Priority::Normal, "Loud.");
    // Both clocks breached by the time the pass runs: the rule fires for each, once.
    let report = store.sla_run(NOW + 3 * H).unwrap();
    let fired: Vec<&str> = report.escalated.iter().map(|e| e.target.as_str()).collect();
    assert_eq!(fired.len(), 2, "{:#?}", report.escalated);
    let notes = store
        .ticket_detail(number)
        .unwrap()
        .unwrap()
        .messages
        .iter()
        .filter(|m| m.body.as_str() == "Breached: call the customer.")
        .count();
    assert_eq!(notes, 1, "one note for the two clocks");
}
