//! A paused ticket stays paused whatever happens to its priority (issue 16): in its clocks, its queue row and the
//! `sla:` filters, for tickets desk wrote and tickets loaded in bulk alike — against a real database.

mod common;

use common::*;
use desk::domain::lifecycle::Writer;
use desk::domain::sla::{ClockState, Target};
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::domain::view::{BuiltinView, PageRequest};
use desk::store::Store;
use desk::store::records::{AuthorKind, MessageRec, TicketRec};
use desk::store::sla::ServiceRules;
use desk::store::ticket_write::{NewTicket, TicketEdit};
use proptest::prelude::*;

const H: i64 = 3600;

const RULES: &str = r#"
[[sla.policies]]
name = "test"
calendar = "24x7"
urgent = { first_response = "1h", resolution = "4h" }
high = { first_response = "4h", resolution = "2d" }
normal = { first_response = "8h", resolution = "3d" }
low = { first_response = "1d", resolution = "1w" }
"#;

fn resolution_target(p: Priority) -> i64 {
    match p {
        Priority::Urgent => 4 * H,
        Priority::High => 48 * H,
        Priority::Normal => 72 * H,
        Priority::Low => 168 * H,
    }
}

fn store() -> Store {
    let mut store = store_with_tickets(0);
    let cfg = desk::config::parse(RULES, "test").unwrap();
    let l = cfg.loop_rules();
    store.set_service_rules(ServiceRules::new(
        cfg.sla_rules(),
        l.follow_up_after,
        l.auto_close_after,
    ));
    store.set_actor(Some("li".into()));
    store
}

/// A normal-priority ticket created at `NOW`, answered after an hour and pending from `NOW + ran`: written
/// through desk (every status change logged), or loaded in bulk as it stood then (no log, only its stamps).
fn pending_ticket(store: &mut Store, loaded: bool, ran: i64) -> i64 {
    if loaded {
        let mut t = ticket(1, Status::Pending, "C2", Some("A1"), NOW + ran);
        t.priority = Priority::Normal;
        t.created_at = NOW;
        t.first_response_at = Some(NOW + H);
        let TicketRec { id, .. } = t.clone();
        let mut w = store.bulk().unwrap();
        let number = w.ticket(&t).unwrap();
        w.message(&MessageRec {
            id: "M1".into(),
            ticket_id: id,
            author_kind: AuthorKind::Agent,
            author_id: Some("A1".into()),
            internal: false,
            body: "We are on it.".into(),
            created_at: NOW + H,
            channel: None,
        })
        .unwrap();
        w.commit("fixture", NOW + ran).unwrap();
        store.recompute_stale_clocks(NOW + ran, usize::MAX).unwrap();
        number
    } else {
        let t = NewTicket {
            subject: "洗衣机漏水 washing machine leaks".into(),
            kind: Kind::Question,
            channel: Channel::Phone,
            priority: Priority::Normal,
            customer_id: "C2".into(),
            product_id: None,
            body: "It leaks.".into(),
        };
        let number = store.create_ticket(&t, NOW).unwrap().number;
        store
            .add_message(number, Writer::Agent, Some("A1"), false, "On it.", NOW + H)
            .unwrap();
        store
            .set_ticket(
                number,
                &[TicketEdit::Status(Status::Pending)],
                None,
                NOW + ran,
            )
            .unwrap();
        number
    }
}

/// The numbers the "All open" view lists under `filter` at `now`.
fn listed(store: &Store, filter: &str, now: i64) -> Vec<i64> {
    let query = desk::domain::query::parse(filter).unwrap();
    let f = BuiltinView::AllOpen
        .view()
        .filter(now, 0)
        .refine(&query, now, 0);
    let page = store.ticket_page(&f, None, PageRequest::First, 50).unwrap();
    page.rows.iter().map(|r| r.number).collect()
}

/// Everything that shows the ticket's SLA agrees: paused with the time it ran, breached only by that time.
fn check(store: &Store, number: i64, ran: i64, priority: Priority, now: i64) {
    let mut d = store.ticket_detail(number).unwrap().unwrap();
    store.fill_clocks(&mut d, now).unwrap();
    assert_eq!(d.row.priority, priority);
    let breached = ran >= resolution_target(priority);
    let res = d
        .clocks
        .iter()
        .find(|c| c.target == Target::Resolution)
        .unwrap();
    assert_eq!(res.elapsed, ran, "only the time before the pause counts");
    assert!(res.paused && res.due_at.is_none(), "{res:?}");
    let state = if breached {
        ClockState::Breached
    } else {
        ClockState::Paused
    };
    assert_eq!(res.state, state);
    // The queue row: paused with the business time left (negative only once that running time is past target).
    assert!(d.row.sla.paused, "{:?}", d.row.sla);
    assert_eq!(d.row.sla.remaining, Some(resolution_target(priority) - ran));
    assert_eq!(d.row.sla.state(now), Some(state));
    // And the filters.
    assert_eq!(
        listed(store, "sla:breached", now).contains(&number),
        breached
    );
    assert_eq!(
        listed(store, "sla:paused", now).contains(&number),
        !breached
    );
}

#[test]
fn raising_a_pending_demo_like_ticket_to_high_leaves_it_paused() {
    for loaded in [false, true] {
        let mut store = store();
        let number = pending_ticket(&mut store, loaded, 2 * H);
        let later = NOW + 20 * 24 * H;
        store
            .set_ticket(number, &[TicketEdit::Priority(Priority::High)], None, later)
            .unwrap();
        check(&store, number, 2 * H, Priority::High, later + 60);
        // A note moves `updated_at` too; it is not a status change either.
        store
            .add_message(
                number,
                Writer::Agent,
                Some("A1"),
                true,
                "still waiting",
                later + 120,
            )
            .unwrap();
        check(&store, number, 2 * H, Priority::High, later + 180);
    }
}

#[test]
fn a_loaded_pending_ticket_reopened_later_keeps_its_pause_out_of_the_count() {
    let mut store = store();
    let number = pending_ticket(&mut store, true, 2 * H);
    let reopened = NOW + 10 * 24 * H;
    store
        .set_ticket(number, &[TicketEdit::Status(Status::Open)], None, reopened)
        .unwrap();
    let now = reopened + H;
    let mut d = store.ticket_detail(number).unwrap().unwrap();
    store.fill_clocks(&mut d, now).unwrap();
    let res = d
        .clocks
        .iter()
        .find(|c| c.target == Target::Resolution)
        .unwrap();
    // Two hours before the pause and one since it ended; the ten days pending do not count.
    assert_eq!((res.elapsed, res.state), (3 * H, ClockState::Ok));
}

fn arb_priority() -> impl Strategy<Value = Priority> {
    prop::sample::select(Priority::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any sequence of priority changes while pending: the ticket stays paused, and is breached only when the
    /// time it ran before the pause reaches the target of the priority it has now.
    #[test]
    fn priority_changes_while_paused_never_count_the_pause(
        loaded in any::<bool>(),
        ran_mins in 61i64..(6 * 60),
        changes in prop::collection::vec((arb_priority(), 1i64..(5 * 24 * 60)), 1..6),
    ) {
        let mut store = store();
        let ran = ran_mins * 60;
        let number = pending_ticket(&mut store, loaded, ran);
        let mut now = NOW + ran;
        for (priority, gap) in changes {
            now += gap * 60;
            store.set_ticket(number, &[TicketEdit::Priority(priority)], None, now).unwrap();
            check(&store, number, ran, priority, now + 30);
        }
    }
}

#[test]
fn the_migration_dates_loaded_tickets_and_leaves_desk_written_ones_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v10.db");
    // A database at schema 10: #1 loaded in bulk and untouched, #2 loaded and tagged and given a priority since
    // (which moved its `updated_at`), #3 created through desk.
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../assets/migrations/0001_init.sql"),
            include_str!("../assets/migrations/0002_ticket_links.sql"),
            include_str!("../assets/migrations/0003_sla_and_loop.sql"),
            include_str!("../assets/migrations/0004_crm.sql"),
            include_str!("../assets/migrations/0005_kb.sql"),
            include_str!("../assets/migrations/0006_metrics.sql"),
            include_str!("../assets/migrations/0007_team.sql"),
            include_str!("../assets/migrations/0008_phone_norm.sql"),
            include_str!("../assets/migrations/0009_priority_rank.sql"),
            include_str!("../assets/migrations/0010_undo_and_drafts.sql"),
        ] {
            c.execute_batch(sql).unwrap();
        }
        c.execute_batch(
            "INSERT INTO meta(key, value) VALUES ('replica_id', 'R'), ('ticket_number_seq', '1003');
             INSERT INTO tickets(id, number, subject, status, priority, kind, channel, created_at, updated_at)
             VALUES ('T1', 1, 'a', 'pending', 'normal', 'question', 'email', 100, 200),
                    ('T2', 2, 'b', 'pending', 'high', 'question', 'email', 100, 9000),
                    ('T3', 3, 'c', 'pending', 'normal', 'question', 'email', 100, 500);
             INSERT INTO changes(id, hlc, replica, actor, entity, entity_id, field, old, new, at) VALUES
                ('X0', 'h0', 'R', 'li', 'ticket', 'T2', 'tags', NULL, '+vip', 5000),
                ('X1', 'h1', 'R', 'li', 'ticket', 'T2', 'priority', 'normal', 'high', 9000),
                ('X2', 'h2', 'R', 'li', 'ticket', 'T3', 'created', NULL, '3', 100),
                ('X3', 'h3', 'R', 'li', 'ticket', 'T3', 'status', 'new', 'pending', 500);
             PRAGMA user_version = 10;",
        )
        .unwrap();
    }
    let store = Store::open(&path, desk::store::OpenMode::Existing).unwrap();
    let loaded: Vec<(String, Option<i64>)> = store
        .conn()
        .prepare("SELECT id, loaded_at FROM tickets ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    // #2's loaded state held until its first logged change at the latest; the 9000 it shows now is its last.
    assert_eq!(
        loaded,
        [
            ("T1".to_string(), Some(200)),
            ("T2".to_string(), Some(5000)),
            ("T3".to_string(), None)
        ]
    );
}
