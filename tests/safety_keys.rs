//! Nothing irreversible by accident (issue 16): review before send, drafts, undo, and the questions before merges
//! and sends to many customers — whole-app key sequences on a TestBackend with snapshots at 80×24 and 120×40.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::Overlay;

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

/// All open, first ticket opened; its number.
fn open_first(a: &mut Harness) -> i64 {
    a.keys("J J enter");
    a.model.ticket.number.unwrap()
}

fn messages(a: &Harness, number: i64) -> usize {
    a.store
        .ticket_detail(number)
        .unwrap()
        .unwrap()
        .messages
        .len()
}

#[test]
fn a_reply_is_reviewed_then_sent_or_postponed_and_resumed() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        let number = open_first(&mut a);
        let before = messages(&a, number);
        a.editor = Some(Box::new(|t: &str| {
            Some(format!("您好，打印机已经为您远程重启。\n{t}"))
        }));
        a.keys("r");
        assert!(matches!(a.model.overlay, Some(Overlay::Review(_))));
        let screen = a.screen();
        assert!(
            screen.contains("To") && screen.contains("@example.com"),
            "{screen}"
        );
        assert_screen!(format!("review_{w}x{h}"), screen);
        // Postponed: nothing sent, a draft kept on the ticket and named where the thread is read.
        a.keys("p");
        assert_eq!(messages(&a, number), before);
        let d = a.store.ticket_detail(number).unwrap().unwrap();
        let kept = d.draft.expect("a draft is kept");
        assert!(
            kept.body
                .as_str()
                .starts_with("您好，打印机已经为您远程重启。")
        );
        assert!(
            a.screen()
                .contains("your reply draft is kept (r resumes it)"),
            "{}",
            a.screen()
        );
        // `r` resumes it: the editor opens on the draft, not on a blank page.
        a.editor = Some(Box::new(|t: &str| {
            assert!(t.starts_with("您好，打印机已经为您远程重启。"), "{t}");
            Some(t.to_string())
        }));
        a.keys("r y");
        assert_eq!(messages(&a, number), before + 1);
        assert!(
            a.store
                .ticket_detail(number)
                .unwrap()
                .unwrap()
                .draft
                .is_none(),
            "sent, so no draft"
        );
    }
}

#[test]
fn drafts_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drafts.db");
    let mut store = desk::store::Store::open(&path, desk::store::OpenMode::Create).unwrap();
    fill(&mut store, 20);
    let mut a = Harness::new(store, Some("li"), 120, 40, NOW);
    let number = open_first(&mut a);
    a.editor = Some(Box::new(|t: &str| Some(format!("Half written.\n{t}"))));
    a.keys("r p");
    drop(a);
    let store = desk::store::Store::open(&path, desk::store::OpenMode::Existing).unwrap();
    let mut a = Harness::new(store, Some("li"), 120, 40, NOW);
    let again = open_first(&mut a);
    assert_eq!(again, number);
    a.editor = Some(Box::new(|t: &str| {
        assert!(t.starts_with("Half written."), "{t}");
        Some(t.replace("Half written.", "Now complete."))
    }));
    a.keys("r y");
    let d = a.store.ticket_detail(number).unwrap().unwrap();
    assert_eq!(d.messages.last().unwrap().body.as_str(), "Now complete.");
}

#[test]
fn discarding_text_asks_first_and_no_returns_to_the_review() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        let number = open_first(&mut a);
        let before = messages(&a, number);
        a.editor = Some(Box::new(|t: &str| Some(format!("Draft text.\n{t}"))));
        a.keys("r q");
        assert!(matches!(a.model.overlay, Some(Overlay::Confirm(_))));
        assert_screen!(format!("discard_{w}x{h}"), a.screen());
        a.keys("n");
        assert!(
            matches!(a.model.overlay, Some(Overlay::Review(_))),
            "back to the text"
        );
        a.keys("q y");
        assert!(a.model.overlay.is_none());
        assert_eq!(messages(&a, number), before);
    }
}

#[test]
fn undo_takes_back_a_status_change_and_then_a_postponed_draft() {
    let mut a = app(120, 40);
    let number = open_first(&mut a);
    let was = a.model.ticket.detail.as_ref().unwrap().row.status;
    a.keys("s");
    let pending = match &a.model.overlay {
        Some(Overlay::Picker { options, .. }) => options
            .iter()
            .position(|(l, _)| l.starts_with("Pending"))
            .unwrap(),
        _ => panic!("no status picker"),
    };
    a.keys(&(pending + 1).to_string());
    assert_eq!(
        a.model.ticket.detail.as_ref().unwrap().row.status.as_str(),
        "pending"
    );
    a.keys("u");
    assert_eq!(a.model.ticket.detail.as_ref().unwrap().row.status, was);
    let toast = a.model.toast.clone().unwrap().text;
    assert!(
        toast.starts_with(&format!("Undone: #{number} status Pending → ")),
        "{toast}"
    );
    // The change log kept both the change and its undo.
    let d = a.store.ticket_detail(number).unwrap().unwrap();
    let statuses = a
        .store
        .history("ticket", &d.row.id)
        .unwrap()
        .into_iter()
        .filter(|c| c.field == "status")
        .count();
    assert_eq!(statuses, 2);
    // A draft postponed a moment ago comes back to its review instead.
    a.editor = Some(Box::new(|t: &str| Some(format!("Later.\n{t}"))));
    a.keys("r p");
    assert!(
        a.store
            .ticket_detail(number)
            .unwrap()
            .unwrap()
            .draft
            .is_some()
    );
    a.keys("u");
    assert!(matches!(a.model.overlay, Some(Overlay::Review(_))));
    assert!(
        a.store
            .ticket_detail(number)
            .unwrap()
            .unwrap()
            .draft
            .is_none()
    );
    // A sent reply cannot be undone, and says so.
    a.keys("y u");
    let toast = a.model.toast.clone().unwrap().text;
    assert!(toast.contains("cannot be undone"), "{toast}");
}

#[test]
fn merging_tickets_of_two_customers_asks_twice() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        let number = open_first(&mut a);
        let mine = a.model.ticket.detail.as_ref().unwrap().customer_id.clone();
        // Another open ticket of another customer.
        let other = (1000..1060)
            .filter(|n| *n != number)
            .find(|n| {
                let d = a.store.ticket_detail(*n).unwrap().unwrap();
                d.customer_id != mine && d.row.status.is_open()
            })
            .unwrap();
        a.keys("M").type_text(&other.to_string()).keys("enter");
        let screen = a.screen();
        assert!(
            screen.contains(&format!("Merge #{number} into #{other}?")),
            "{screen}"
        );
        assert_screen!(format!("merge_{w}x{h}"), screen);
        a.keys("y");
        let screen = a.screen();
        assert!(screen.contains("two different customers"), "{screen}");
        assert_screen!(format!("merge_customers_{w}x{h}"), screen);
        a.keys("n");
        assert_eq!(
            a.store.ticket_detail(number).unwrap().unwrap().merged_into,
            None,
            "backing out merges nothing"
        );
    }
}

#[test]
fn a_macro_to_many_tickets_shows_the_recipients_and_asks_once() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        a.keys("J J space j space j space");
        let marked: Vec<i64> = a.model.queues.marked.keys().copied().collect();
        assert_eq!(marked.len(), 3);
        let before: Vec<usize> = marked.iter().map(|n| messages(&a, *n)).collect();
        a.keys("m 2");
        let screen = a.screen();
        assert!(screen.contains("goes to 3 customers"), "{screen}");
        assert_screen!(format!("bulk_macro_{w}x{h}"), screen);
        a.keys("y");
        for (n, count) in marked.iter().zip(before) {
            assert_eq!(messages(&a, *n), count + 1, "#{n}");
        }
    }
}

#[test]
fn macros_and_pickers_offer_only_what_the_ticket_can_take() {
    let mut a = app(120, 40);
    // #1004 is solved: "need more information" (→ Pending) is refused before any text is written.
    a.keys("# 1 0 0 4 enter");
    assert_eq!(
        a.model.ticket.detail.as_ref().unwrap().row.status.as_str(),
        "solved"
    );
    let opened = std::rc::Rc::new(std::cell::Cell::new(false));
    let seen = opened.clone();
    a.editor = Some(Box::new(move |t: &str| {
        seen.set(true);
        Some(t.to_string())
    }));
    a.keys("m 2");
    assert!(!opened.get(), "the editor never opened");
    let toast = a.model.toast.clone().unwrap().text;
    assert!(
        toast.contains("does not fit") && toast.contains("from Solved it can go to Open, Closed"),
        "{toast}"
    );
    assert!(
        !toast.contains("#1004"),
        "the number is not repeated: {toast}"
    );
    // An open ticket has no follow-up call yet: explained, no outcomes offered.
    a.keys("# 1 0 0 1 enter F");
    assert!(a.model.overlay.is_none());
    assert!(
        a.model
            .toast
            .clone()
            .unwrap()
            .text
            .contains("comes once it is solved"),
        "{:?}",
        a.model.toast
    );
    // A complaint not yet revisited cannot be closed: Closed is not offered, and the title says why.
    a.store.set_actor(Some("li".into()));
    a.store
        .set_ticket(
            1001,
            &[desk::store::ticket_write::TicketEdit::Kind(
                desk::domain::ticket::Kind::Complaint,
            )],
            None,
            NOW,
        )
        .unwrap();
    a.keys("ctrl-r s");
    let Some(Overlay::Picker { title, options, .. }) = &a.model.overlay else {
        panic!("no status picker: {}", a.screen());
    };
    assert!(options.iter().all(|(l, _)| l != "Closed"), "{options:?}");
    assert!(
        title.contains("Closed once the complaint is revisited"),
        "{title}"
    );
    assert_screen!("complaint_status_120x40", a.screen());
}
