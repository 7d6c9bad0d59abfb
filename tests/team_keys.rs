//! Team mode from the keyboard on a TestBackend (frozen clock), with a second connection playing the other agent:
//! presence on the ticket, rows and the open ticket following others' writes, the new-ticket badge, and a reply the
//! customer overtook — held back, shown, then sent, edited or discarded. Snapshots at 80×24 and 120×40.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::Overlay;
use desk::domain::lifecycle::Writer;
use desk::domain::team::Activity;
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::store::ticket_write::{NewTicket, TicketEdit};
use desk::store::{OpenMode, Store};

macro_rules! snap {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

/// Li at the keyboard of a `w`×`h` desk on a file; `other` is Wang on the same file.
fn li_and_wang(w: u16, h: u16) -> (tempfile::TempDir, Harness, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.db");
    let mut store = Store::open(&path, OpenMode::Create).unwrap();
    fill(&mut store, 12);
    let a = Harness::new(store, Some("li"), w, h, NOW);
    let mut other = Store::open(&path, OpenMode::Existing).unwrap();
    other.set_actor(Some("wang".into()));
    (dir, a, other)
}

fn tick(a: &mut Harness) {
    a.send(desk::app::Msg::Tick(NOW));
}

#[test]
fn another_agent_replying_shows_on_the_ticket() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, mut a, mut other) = li_and_wang(w, h);
        a.keys("enter");
        let number = a.model.ticket.number.unwrap();
        other
            .set_presence(number, Some(Activity::Replying), NOW)
            .unwrap();
        tick(&mut a);
        let screen = a.screen();
        assert!(screen.contains("─ Wang Wei is replying ┐"), "{screen}");
        snap!(format!("team_presence_{w}x{h}"), screen);
        other.set_presence(number, None, NOW).unwrap();
        tick(&mut a);
        assert!(!a.screen().contains("is replying"));
    }
}

#[test]
fn others_writes_update_rows_the_open_ticket_and_the_new_badge() {
    let (_dir, mut a, mut other) = li_and_wang(120, 40);
    a.keys("J J"); // All open
    let row = a.model.queues.list.rows[1].clone();
    a.keys("enter"); // the first ticket; the second row stays in the list behind
    let open = a.model.ticket.number.unwrap();
    tick(&mut a);
    other
        .set_ticket(open, &[TicketEdit::Priority(Priority::Low)], None, NOW)
        .unwrap();
    other
        .set_ticket(
            row.number,
            &[TicketEdit::Priority(Priority::Urgent)],
            None,
            NOW,
        )
        .unwrap();
    other
        .create_ticket(
            &NewTicket {
                subject: "Washer leaks 洗衣机漏水".into(),
                kind: Kind::Incident,
                channel: Channel::Phone,
                priority: Priority::High,
                customer_id: "C1".into(),
                product_id: None,
                body: "It leaks.".into(),
            },
            NOW,
        )
        .unwrap();
    tick(&mut a);
    let d = a.model.ticket.detail.as_ref().unwrap();
    assert_eq!(d.row.priority, Priority::Low, "the open ticket follows");
    let screen = a.screen();
    assert!(
        screen.contains(&format!("#{open} was just updated by Wang Wei")),
        "{screen}"
    );
    assert!(screen.lines().next().unwrap().contains("+1 new (1)"));
    let patched = a
        .model
        .queues
        .list
        .rows
        .iter()
        .find(|r| r.number == row.number)
        .unwrap();
    assert_eq!(
        patched.priority,
        Priority::Urgent,
        "the visible row follows"
    );
    a.keys("1");
    assert!(!a.screen().lines().next().unwrap().contains("new (1)"));
}

/// Li writes a reply; while her editor is open the customer writes again.
fn overtaken_reply(w: u16, h: u16) -> (tempfile::TempDir, Harness, Store, i64) {
    let (dir, mut a, other) = li_and_wang(w, h);
    a.keys("enter");
    let number = a.model.ticket.number.unwrap();
    let path = dir.path().join("team.db");
    a.editor = Some(Box::new(move |_template: &str| {
        let mut customer = Store::open(&path, OpenMode::Existing).unwrap();
        customer
            .add_message(
                number,
                Writer::Customer,
                Some("C2"),
                false,
                "Never mind, it works again after a restart.",
                NOW,
            )
            .unwrap();
        Some("Please send a photo of the label.".into())
    }));
    a.keys("r y");
    (dir, a, other, number)
}

fn agent_replies(store: &Store, number: i64) -> Vec<String> {
    store
        .ticket_detail(number)
        .unwrap()
        .unwrap()
        .messages
        .iter()
        .filter(|m| m.author_kind == desk::store::records::AuthorKind::Agent)
        .map(|m| m.body.to_string())
        .collect()
}

#[test]
fn a_reply_the_customer_overtook_is_held_back_and_shown() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, mut a, other, number) = overtaken_reply(w, h);
        assert!(matches!(a.model.overlay, Some(Overlay::Decide(_))));
        let screen = a.screen();
        assert!(screen.contains("your reply was not sent yet"), "{screen}");
        assert!(
            screen.contains("it works again after a restart"),
            "{screen}"
        );
        assert!(screen.contains("s  Send my reply anyway"), "{screen}");
        snap!(format!("team_collision_{w}x{h}"), screen);
        assert!(
            !agent_replies(&other, number)
                .iter()
                .any(|b| b.contains("photo of the label")),
            "nothing sent yet"
        );
        a.keys("s");
        assert!(a.model.overlay.is_none());
        assert!(
            agent_replies(&other, number)
                .iter()
                .any(|b| b.contains("photo of the label"))
        );
    }
}

#[test]
fn an_overtaken_reply_can_be_edited_again_or_discarded() {
    let (_dir, mut a, other, number) = overtaken_reply(120, 40);
    // Edit: the editor reopens with the draft; this time nothing overtakes it, so it is sent.
    a.editor = Some(Box::new(|template: &str| {
        assert!(template.starts_with("Please send a photo of the label."));
        Some("Glad it works! Closing this.".into())
    }));
    a.keys("e y");
    assert!(a.model.overlay.is_none());
    let sent = agent_replies(&other, number);
    assert!(sent.iter().any(|b| b.contains("Glad it works")), "{sent:?}");
    assert!(!sent.iter().any(|b| b.contains("photo of the label")));

    // Discard: nothing is sent.
    let (_dir, mut a, other, number) = overtaken_reply(120, 40);
    a.keys("d");
    assert!(a.model.overlay.is_none());
    assert!(
        agent_replies(&other, number).is_empty() || {
            !agent_replies(&other, number)
                .iter()
                .any(|b| b.contains("photo of the label"))
        }
    );
    assert!(a.screen().contains("your reply was discarded"));
}

#[test]
fn a_stale_status_change_is_explained_at_both_sizes() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, mut a, mut other) = li_and_wang(w, h);
        a.keys("enter");
        let number = a.model.ticket.number.unwrap();
        let before = a.model.ticket.detail.as_ref().unwrap().row.priority;
        let pick = if before == Priority::Low { "1" } else { "4" };
        a.keys("p"); // Li starts choosing a priority …
        other // … and Wang puts the ticket on hold meanwhile.
            .set_ticket(number, &[TicketEdit::Status(Status::OnHold)], None, NOW)
            .unwrap();
        tick(&mut a);
        a.keys(pick);
        let screen = a.screen();
        assert!(
            screen.contains("changed while you were deciding"),
            "{screen}"
        );
        snap!(format!("team_conflict_{w}x{h}"), screen);
        a.keys("esc");
        assert!(a.model.overlay.is_none(), "Esc backs out, writing nothing");
        assert_eq!(
            other.ticket_detail(number).unwrap().unwrap().row.priority,
            before
        );
    }
}

#[test]
fn this_agents_presence_follows_the_pane_and_the_reply_editor() {
    let (_dir, mut a, other) = li_and_wang(120, 40);
    a.keys("enter");
    let number = a.model.ticket.number.unwrap();
    tick(&mut a);
    let seen = other.presence_on(number, NOW).unwrap();
    assert_eq!(
        seen.iter()
            .map(|p| (p.name.as_str(), p.activity))
            .collect::<Vec<_>>(),
        vec![("Li Na", Activity::Viewing)]
    );
    // While the editor is open Li is replying; the editor here checks what Wang sees at that moment.
    let path = _dir.path().join("team.db");
    a.editor = Some(Box::new(move |_t: &str| {
        let wang = Store::open(&path, OpenMode::Existing).unwrap();
        let on = wang.presence_on(number, NOW).unwrap();
        assert_eq!(on[0].activity, Activity::Replying);
        None // the editor could not run: nothing is sent
    }));
    a.keys("r");
    a.keys("1"); // back to the queues: presence ends on the next tick
    tick(&mut a);
    assert!(other.presence_on(number, NOW).unwrap().is_empty());
}

#[test]
fn a_queue_at_its_top_takes_new_tickets_in_place_and_keeps_the_selection() {
    let (_dir, mut a, mut other) = li_and_wang(120, 40);
    a.keys("J J j"); // All open, second row
    tick(&mut a);
    let selected = a.model.queues.list.selected_row().unwrap().number;
    let before = a.model.queues.list.rows.len();
    let created = other
        .create_ticket(
            &NewTicket {
                subject: "Dryer makes noise 烘干机有噪音".into(),
                kind: Kind::Question,
                channel: Channel::Chat,
                priority: Priority::Normal,
                customer_id: "C3".into(),
                product_id: None,
                body: "Loud.".into(),
            },
            NOW + 60,
        )
        .unwrap();
    tick(&mut a);
    let list = &a.model.queues.list;
    assert_eq!(list.rows.len(), before + 1);
    assert_eq!(
        list.rows[0].number, created.number,
        "newest first, in place"
    );
    assert_eq!(
        list.selected_row().unwrap().number,
        selected,
        "the agent's row stays selected"
    );
    let screen = a.screen();
    assert!(screen.contains("Dryer makes noise"), "{screen}");
    assert!(
        !screen.lines().next().unwrap().contains("new (1)"),
        "no badge for what is already on screen"
    );
}

#[test]
fn a_change_answered_twice_is_counted_once() {
    let (_dir, mut a, mut other) = li_and_wang(120, 40);
    a.keys("enter"); // away from the queues, so new tickets are counted on the badge
    let seen = a.model.live.change_seq.unwrap();
    other
        .create_ticket(
            &NewTicket {
                subject: "Fridge light off".into(),
                kind: Kind::Question,
                channel: Channel::Web,
                priority: Priority::Low,
                customer_id: "C2".into(),
                product_id: None,
                body: "Dark inside.".into(),
            },
            NOW,
        )
        .unwrap();
    // Two polls that asked from the same place, answered one after the other.
    let feed = other.changes_since(seen, 100).unwrap();
    for _ in 0..2 {
        a.send(desk::app::Msg::Loaded(desk::app::Response::Team(
            desk::app::protocol::TeamResponse::Changes(feed.clone()),
        )));
    }
    assert_eq!(a.model.live.new_tickets, 1);
    assert_eq!(a.model.live.change_seq, Some(feed.last));
}

#[test]
fn a_write_before_the_first_poll_is_not_missed() {
    // The other agent writes right after this desk started, before its first poll set the baseline.
    let (_dir, mut a, mut other) = li_and_wang(120, 40);
    a.keys("enter");
    let number = a.model.ticket.number.unwrap();
    other
        .set_ticket(number, &[TicketEdit::Status(Status::OnHold)], None, NOW)
        .unwrap();
    tick(&mut a); // the first poll
    assert_eq!(
        a.model.ticket.detail.as_ref().unwrap().row.status,
        Status::OnHold
    );
}

#[test]
fn the_customer_profile_on_screen_follows_another_agents_edit() {
    let (_dir, mut a, mut other) = li_and_wang(120, 40);
    a.keys("3"); // Customers: the first customer's profile beside the list
    let id = a.model.customers.detail.as_ref().unwrap().row.id.clone();
    tick(&mut a);
    other
        .edit_customer(
            &id,
            None,
            &[desk::store::customer_write::CustomerEdit::City(Some(
                "杭州 Hangzhou".into(),
            ))],
            NOW,
        )
        .unwrap();
    tick(&mut a);
    let screen = a.screen();
    assert!(screen.contains("杭州 Hangzhou"), "{screen}");
}

#[test]
fn a_customer_created_elsewhere_is_no_new_ticket_and_appears_in_the_customer_list() {
    let (_dir, mut a, mut other) = li_and_wang(120, 40);
    a.keys("enter 3"); // the customer list, at its top
    let seen = a.model.live.change_seq.unwrap();
    other
        .create_customer(
            &[desk::store::customer_write::CustomerEdit::Name(
                "Aaron Abbott".into(),
            )],
            NOW,
        )
        .unwrap();
    let feed = other.changes_since(seen, 100).unwrap();
    assert!(feed.changes.iter().any(|c| c.field == "created"));
    a.send(desk::app::Msg::Loaded(desk::app::Response::Team(
        desk::app::protocol::TeamResponse::Changes(feed),
    )));
    assert_eq!(a.model.live.new_tickets, 0, "a customer is not a ticket");
    assert!(
        !a.screen().lines().next().unwrap().contains("new ("),
        "no badge"
    );
    // The list reloads its first page, which now has the new customer.
    assert!(
        a.model
            .customers
            .list
            .rows
            .iter()
            .any(|c| c.name.as_str() == "Aaron Abbott"),
        "{}",
        a.screen()
    );
}
