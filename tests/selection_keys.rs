//! A live refresh or a background re-sort never moves the selection off the ticket the agent is on (issue 16):
//! the queue keeps the selected ticket by id across reloads, or its nearest neighbour if the ticket left the view.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::Msg;
use desk::app::protocol::{Response, ServiceResponse};
use desk::domain::lifecycle::Writer;
use desk::domain::ticket::Status;
use desk::store::ticket_write::TicketEdit;

macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

fn app(w: u16, h: u16) -> Harness {
    Harness::new(store_with_tickets(60), Some("li"), w, h, NOW)
}

fn numbers(a: &Harness) -> Vec<i64> {
    a.model.queues.list.rows.iter().map(|r| r.number).collect()
}

fn selected(a: &Harness) -> i64 {
    a.model.queues.list.selected_row().unwrap().number
}

/// What the SLA check answers when it escalated or closed something: the queue reloads in the background.
fn background_resort(a: &mut Harness) {
    a.send(Msg::Loaded(Response::Service(
        ServiceResponse::SlaChecked {
            feed: Vec::new(),
            changed: true,
            more: false,
        },
    )));
}

/// Another agent writes a note on `number` a minute after `NOW`, which takes it to the top of "My open".
fn touched_by_someone_else(a: &mut Harness, number: i64) {
    a.store.set_actor(Some("wang".into()));
    a.store
        .add_message(number, Writer::Agent, None, true, "seen", NOW + 60)
        .unwrap();
    a.store.set_actor(Some("li".into()));
}

#[test]
fn a_background_resort_or_ctrl_r_keeps_the_selected_ticket_selected() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        a.keys("j j j");
        let before = numbers(&a);
        let ticket = selected(&a);
        // Two tickets below it move to the top.
        touched_by_someone_else(&mut a, before[6]);
        touched_by_someone_else(&mut a, before[8]);
        background_resort(&mut a);
        let after = numbers(&a);
        assert_ne!(after, before, "the queue did re-sort");
        assert_eq!(&after[..2], &[before[8], before[6]]);
        // The whole list fits on screen, so the selection moves down with its ticket.
        assert_eq!((selected(&a), a.model.queues.list.selected), (ticket, 5));
        assert_screen!(format!("resorted_{w}x{h}"), a.screen());
        // Ctrl-r after another change keeps it too.
        touched_by_someone_else(&mut a, after[10]);
        a.keys("ctrl-r");
        assert_eq!(numbers(&a)[0], after[10]);
        assert_eq!(selected(&a), ticket);
    }
}

#[test]
fn a_selected_ticket_that_leaves_the_view_gives_way_to_its_nearest_neighbour() {
    let mut a = app(120, 40);
    a.keys("j j j");
    let before = numbers(&a);
    let ticket = selected(&a);
    // Someone else solves it: it leaves "My open"; the row that followed it takes the selection.
    let idx = before.iter().position(|n| *n == ticket).unwrap();
    a.store.set_actor(Some("wang".into()));
    a.store
        .set_ticket(
            ticket,
            &[TicketEdit::Status(Status::Solved)],
            None,
            NOW + 60,
        )
        .unwrap();
    background_resort(&mut a);
    assert!(!numbers(&a).contains(&ticket));
    assert_eq!(selected(&a), before[idx + 1]);
}

#[test]
fn deep_in_a_long_list_a_refresh_updates_rows_in_place_without_resorting() {
    let mut a = app(120, 40);
    a.keys("J J J"); // All tickets: 60 rows
    assert_eq!(a.model.queues.view().title, "All tickets");
    a.keys("l");
    for _ in 0..55 {
        a.keys("j");
    }
    let before = numbers(&a);
    let ticket = selected(&a);
    let top = before[0];
    touched_by_someone_else(&mut a, before[40]);
    background_resort(&mut a);
    // Deep down nothing moves; the touched row shows its news where it is.
    assert_eq!(numbers(&a), before);
    assert_eq!(selected(&a), ticket);
    assert_eq!(a.model.queues.list.rows[0].number, top);
}
