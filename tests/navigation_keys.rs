//! Getting around (issue 16): a ticket by number from anywhere, and Esc back along the way the agent came.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::{Overlay, Pane};

macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

fn app(w: u16, h: u16) -> Harness {
    let mut store = store_with_tickets(60);
    add_kb(&mut store);
    Harness::new(store, Some("li"), w, h, NOW)
}

#[test]
fn a_ticket_by_number_from_anywhere() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        a.keys("4 #");
        assert!(matches!(a.model.overlay, Some(Overlay::Prompt { .. })));
        a.type_text("1042");
        assert_screen!(format!("go_to_{w}x{h}"), a.screen());
        a.keys("enter");
        assert_eq!(a.model.pane, Pane::Ticket);
        assert_eq!(a.model.ticket.detail.as_ref().unwrap().row.number, 1042);
        // `g #` too, and `#` in front of the number is fine.
        a.keys("g #").type_text("#1007").keys("enter");
        assert_eq!(a.model.ticket.detail.as_ref().unwrap().row.number, 1007);
        // The palette takes a number as a ticket to go to.
        a.keys(":").type_text("1003");
        assert!(a.screen().contains("Go to ticket #1003"), "{}", a.screen());
        a.keys("enter");
        assert_eq!(a.model.ticket.detail.as_ref().unwrap().row.number, 1003);
        a.keys("# 9 9 9 9 enter");
        assert!(
            a.model
                .toast
                .as_ref()
                .unwrap()
                .text
                .contains("There is no ticket #9999"),
            "{:?}",
            a.model.toast
        );
    }
}

#[test]
fn a_merged_number_shows_the_ticket_it_went_into() {
    let mut a = app(120, 40);
    a.store.set_actor(Some("li".into()));
    a.store.merge_ticket(1001, 1004, NOW).unwrap();
    a.keys("#").type_text("1001").keys("enter");
    assert_eq!(a.model.ticket.detail.as_ref().unwrap().row.number, 1004);
    let toast = a.model.toast.clone().unwrap().text;
    assert_eq!(toast, "#1001 was merged into #1004: showing #1004");
}

#[test]
fn searching_a_number_puts_that_ticket_first() {
    let store = store_with_tickets(60);
    let hits = store
        .search("#1042", desk::store::search::SearchOrder::Newest, 50)
        .unwrap();
    assert_eq!(hits.first().map(|h| h.number), Some(1042));
    assert_eq!(hits.first().map(|h| h.matched_in), Some("number"));
    let hits = store
        .search("1042", desk::store::search::SearchOrder::Relevance, 50)
        .unwrap();
    assert_eq!(hits.first().map(|h| h.number), Some(1042));
    assert_eq!(hits.iter().filter(|h| h.number == 1042).count(), 1);
}

#[test]
fn esc_goes_back_the_way_the_agent_came() {
    let mut a = app(120, 40);
    // Queue → ticket → customer → back to the ticket → back to the queue.
    a.keys("J J enter");
    let number = a.model.ticket.number.unwrap();
    a.keys("c");
    assert_eq!(a.model.pane, Pane::Customers);
    a.keys("esc");
    assert_eq!(a.model.pane, Pane::Ticket);
    assert_eq!(a.model.ticket.number, Some(number));
    a.keys("esc");
    assert_eq!(a.model.pane, Pane::Queues);
    // Ticket → article (from the suggestions) → Esc lands on the ticket.
    a.keys("enter");
    if !desk::app::suggestions_for(&a.model).is_empty() {
        a.keys("b o");
        assert_eq!(a.model.pane, Pane::Kb);
        a.keys("esc");
        assert_eq!(a.model.pane, Pane::Ticket);
    }
}

#[test]
fn a_dashboard_drill_down_returns_to_the_dashboard() {
    let (_dir, mut a) = demo_app(120, 40);
    a.keys("5");
    assert_eq!(a.model.pane, Pane::Dashboard);
    a.keys("enter");
    assert_eq!(a.model.pane, Pane::Queues, "{}", a.screen());
    a.keys("enter");
    assert_eq!(a.model.pane, Pane::Ticket);
    a.keys("esc esc");
    assert_eq!(a.model.pane, Pane::Dashboard);
}
