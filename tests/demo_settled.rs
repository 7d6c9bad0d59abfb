//! The demo is generated settled (issue 16): escalated, closed and measured as of its `now`, so the first SLA
//! check of a desk opened on it changes nothing and nothing re-sorts under the cursor.

mod common;

use common::*;
use desk::app::Msg;
use desk::domain::view::{BuiltinView, PageRequest};
use desk::store::Store;

fn max_seq(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
            r.get(0)
        })
        .unwrap()
}

/// Numbers of a built-in view's first page, in its order.
fn order(store: &Store, view: BuiltinView) -> Vec<i64> {
    store
        .ticket_page(&view.filter(NOW), None, PageRequest::First, 100)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.number)
        .collect()
}

#[test]
fn one_sla_pass_at_the_demos_now_changes_nothing() {
    let (_dir, a) = demo_app(120, 40);
    let mut store = a.store;
    // Settled, not merely loaded: the rules escalated and closed tickets, and every ticket is measured.
    let by_rules: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE actor = 'sla' AND field IN ('priority', 'status')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        by_rules > 0,
        "the demo has overdue tickets the rules acted on"
    );
    assert_eq!(store.unmeasured().unwrap(), 0);
    let due: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM tickets WHERE sla_escalate_at <= ?1",
            [NOW],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(due, 0, "no escalation is left due at the demo's now");
    let seq = max_seq(&store);
    let views = [
        BuiltinView::AllOpen,
        BuiltinView::AtRisk,
        BuiltinView::Unassigned,
    ];
    let before: Vec<Vec<i64>> = views.iter().map(|v| order(&store, *v)).collect();
    let report = store.sla_run(NOW).unwrap();
    assert_eq!(report.recomputed, 0, "{report:?}");
    assert!(!report.changed_anything(), "{report:?}");
    assert_eq!(max_seq(&store), seq, "no new change-log rows");
    let after: Vec<Vec<i64>> = views.iter().map(|v| order(&store, *v)).collect();
    assert_eq!(after, before);
}

#[test]
fn the_first_check_of_a_desk_opened_on_the_demo_keeps_the_queue_still() {
    let (_dir, mut a) = demo_app(120, 40);
    a.keys("j j j");
    let rows: Vec<i64> = a.model.queues.list.rows.iter().map(|r| r.number).collect();
    let selected = a.model.queues.list.selected_row().unwrap().number;
    let seq = max_seq(&a.store);
    // The periodic check, as a running desk makes it.
    a.model.escalations.every = 60;
    a.send(Msg::Tick(NOW));
    assert_eq!(max_seq(&a.store), seq);
    let now: Vec<i64> = a.model.queues.list.rows.iter().map(|r| r.number).collect();
    assert_eq!(now, rows);
    assert_eq!(a.model.queues.list.selected_row().unwrap().number, selected);
}
