//! Undo: the agent's last action on tickets comes back as a new action in the log; refused when stale, when
//! someone changed the same field since, and for sent messages.

mod common;

use common::*;
use desk::domain::lifecycle::Writer;
use desk::domain::ticket::{Kind, Priority, Status};
use desk::store::ticket_write::TicketEdit;
use desk::store::{Store, StoreError};
use proptest::prelude::*;

const WINDOW: i64 = 600;

/// What undo must give back: every field an agent can change, and the tags.
#[derive(Debug, Clone, PartialEq)]
struct Fields {
    status: Status,
    priority: Priority,
    kind: Kind,
    assignee: Option<String>,
    solved_at: Option<i64>,
    tags: Vec<String>,
    complaint: Option<String>,
}

fn fields(store: &Store, number: i64) -> Fields {
    let d = store.ticket_detail(number).unwrap().unwrap();
    Fields {
        status: d.row.status,
        priority: d.row.priority,
        kind: d.row.kind,
        assignee: d.row.assignee.map(|a| a.to_string()),
        solved_at: d.row.solved_at,
        tags: d.tags.iter().map(|t| t.to_string()).collect(),
        complaint: d.complaint_stage.map(|c| c.as_str().to_string()),
    }
}

fn log_len(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
        .unwrap()
}

fn li() -> Store {
    let mut store = store_with_tickets(6);
    store.set_actor(Some("li".into()));
    store
}

#[test]
fn a_status_change_comes_back_and_the_log_only_grows() {
    let mut store = li();
    let before = fields(&store, 1001);
    store
        .set_ticket(1001, &[TicketEdit::Status(Status::Solved)], None, NOW)
        .unwrap();
    assert_eq!(fields(&store, 1001).status, Status::Solved);
    let logged = log_len(&store);
    let undone = store.undo_last(WINDOW, NOW + 60).unwrap();
    assert_eq!(undone.tickets, vec![1001]);
    assert!(
        undone
            .changes
            .iter()
            .any(|c| c == "#1001 status Solved → Open"),
        "{:?}",
        undone.changes
    );
    assert_eq!(fields(&store, 1001), before);
    assert!(log_len(&store) > logged, "undo is itself logged");
    // The follow-up the solve scheduled is cancelled, not left behind.
    let open_follow_ups: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM tasks t JOIN tickets k ON k.id = t.ticket_id
             WHERE k.number = 1001 AND t.kind = 'follow_up' AND t.done_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(open_follow_ups, 0);
    // Nothing more of li's to undo.
    assert!(matches!(
        store.undo_last(WINDOW, NOW + 60),
        Err(StoreError::Refused(_))
    ));
}

#[test]
fn undo_goes_back_one_action_at_a_time() {
    let mut store = li();
    let start = fields(&store, 1001);
    store
        .set_ticket(1001, &[TicketEdit::Priority(Priority::Urgent)], None, NOW)
        .unwrap();
    let middle = fields(&store, 1001);
    store
        .set_ticket(
            1001,
            &[
                TicketEdit::AddTag("refund".into()),
                TicketEdit::Assignee(None),
            ],
            None,
            NOW + 1,
        )
        .unwrap();
    store.undo_last(WINDOW, NOW + 2).unwrap();
    assert_eq!(fields(&store, 1001), middle);
    store.undo_last(WINDOW, NOW + 3).unwrap();
    assert_eq!(fields(&store, 1001), start);
}

#[test]
fn refused_when_someone_changed_the_field_since_when_stale_and_for_replies() {
    let mut store = li();
    store
        .set_ticket(1001, &[TicketEdit::Priority(Priority::Urgent)], None, NOW)
        .unwrap();
    store.set_actor(Some("wang".into()));
    store
        .set_ticket(1001, &[TicketEdit::Priority(Priority::Low)], None, NOW + 5)
        .unwrap();
    store.set_actor(Some("li".into()));
    let logged = log_len(&store);
    let e = store.undo_last(WINDOW, NOW + 10).unwrap_err();
    assert!(e.to_string().contains("wang changed priority since"), "{e}");
    assert_eq!(log_len(&store), logged, "nothing written");
    assert_eq!(fields(&store, 1001).priority, Priority::Low);

    // Another field changed by someone else does not stand in the way.
    let mut store = li();
    store
        .set_ticket(1002, &[TicketEdit::Kind(Kind::Incident)], None, NOW)
        .unwrap();
    store.set_actor(Some("wang".into()));
    store
        .set_ticket(1002, &[TicketEdit::Priority(Priority::Low)], None, NOW + 1)
        .unwrap();
    store.set_actor(Some("li".into()));
    store.undo_last(WINDOW, NOW + 2).unwrap();
    let f = fields(&store, 1002);
    assert_eq!((f.kind, f.priority), (Kind::Question, Priority::Low));

    // Too old.
    let mut store = li();
    store
        .set_ticket(1001, &[TicketEdit::Priority(Priority::Urgent)], None, NOW)
        .unwrap();
    let e = store.undo_last(WINDOW, NOW + WINDOW + 60).unwrap_err();
    assert!(e.to_string().contains("minutes old"), "{e}");

    // A sent reply.
    let mut store = li();
    store
        .add_message(1001, Writer::Agent, Some("A1"), false, "您好", NOW)
        .unwrap();
    let e = store.undo_last(WINDOW, NOW + 1).unwrap_err();
    assert!(e.to_string().contains("cannot be undone"), "{e}");
}

#[test]
fn a_merge_and_a_link_come_undone() {
    let mut store = li();
    let messages = |store: &Store, n: i64| store.ticket_detail(n).unwrap().unwrap().messages.len();
    let (src, dst) = (messages(&store, 1001), messages(&store, 1002));
    let before = fields(&store, 1001);
    store.merge_ticket(1001, 1002, NOW).unwrap();
    assert_eq!(fields(&store, 1001).status, Status::Merged);
    let undone = store.undo_last(WINDOW, NOW + 1).unwrap();
    assert_eq!(undone.tickets, vec![1001, 1002]);
    assert_eq!(fields(&store, 1001).status, before.status);
    assert_eq!(
        store.ticket_detail(1001).unwrap().unwrap().merged_into,
        None
    );
    // The messages are back (and each ticket says what happened), nothing was deleted.
    assert_eq!(messages(&store, 1001), src + 1);
    assert_eq!(messages(&store, 1002), dst + 1);

    store.link_tickets(1003, 1004, NOW + 2).unwrap();
    store.undo_last(WINDOW, NOW + 3).unwrap();
    assert!(store.ticket_detail(1003).unwrap().unwrap().links.is_empty());
}

#[test]
fn a_bulk_change_is_one_action() {
    let mut store = li();
    let before: Vec<Fields> = (1001..1004).map(|n| fields(&store, n)).collect();
    store.as_one_action(|s| {
        for n in 1001..1004 {
            s.set_ticket(n, &[TicketEdit::Priority(Priority::Urgent)], None, NOW)
                .unwrap();
        }
    });
    let undone = store.undo_last(WINDOW, NOW + 1).unwrap();
    assert_eq!(undone.tickets, vec![1001, 1002, 1003]);
    let after: Vec<Fields> = (1001..1004).map(|n| fields(&store, n)).collect();
    assert_eq!(after, before);
}

fn edit() -> impl Strategy<Value = TicketEdit> {
    prop_oneof![
        prop::sample::select(Status::ALL.to_vec()).prop_map(TicketEdit::Status),
        prop::sample::select(Priority::ALL.to_vec()).prop_map(TicketEdit::Priority),
        prop::sample::select(vec![Kind::Question, Kind::Complaint, Kind::Incident])
            .prop_map(TicketEdit::Kind),
        prop::sample::select(vec!["vip", "refund", "vip2"])
            .prop_map(|t| TicketEdit::AddTag(t.into())),
        prop::sample::select(vec!["vip", "refund"]).prop_map(|t| TicketEdit::RemoveTag(t.into())),
        prop::sample::select(vec![None, Some("li"), Some("wang")])
            .prop_map(|a| TicketEdit::Assignee(a.map(Into::into))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any sequence of an agent's edits, undone one by one, gives back the ticket as it was; the log only grows.
    #[test]
    fn edits_then_undos_restore_every_field(
        ticket in 1000i64..1006,
        steps in prop::collection::vec(prop::collection::vec(edit(), 1..3), 1..6),
    ) {
        let mut store = li();
        let start = fields(&store, ticket);
        let mut actions = 0;
        let mut t = NOW;
        for edits in &steps {
            t += 1;
            let logged = log_len(&store);
            // Refused moves (an invalid status) write nothing and are not an action to undo.
            if store.set_ticket(ticket, edits, None, t).is_ok() && log_len(&store) > logged {
                actions += 1;
            }
        }
        for _ in 0..actions {
            t += 1;
            let logged = log_len(&store);
            store.undo_last(WINDOW, t).unwrap();
            prop_assert!(log_len(&store) > logged);
        }
        prop_assert_eq!(fields(&store, ticket), start);
    }
}
