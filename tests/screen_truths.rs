//! What the screen shows is true and complete (issue 16), tried as key sequences on the whole app: nothing cut
//! silently, lists that say where they are and why they are empty, and nothing that contradicts the data.

mod common;

use common::harness::Harness;
use common::*;
use desk::domain::customer::Tier;
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::store::records::{AuthorKind, MessageRec};

macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

const SUBJECT: &str = "Printer 打印机 jams on every second page since the firmware update, and the customer \
                       asks for a replacement unit under warranty";
const CUSTOMER: &str = "Alexandra Konstantinopoulou-Wittgenstein 欧阳娜娜 Trading Company";
const TAGS: [&str; 5] = ["vip", "refund", "warranty", "printer-jam", "repeat-contact"];

/// The 60-ticket fixture, the KB articles, and ticket #1100: a long subject, a customer with a long name, five
/// tags, created a month ago and last updated five minutes ago.
fn app(w: u16, h: u16) -> Harness {
    let mut store = store_with_tickets(60);
    add_kb(&mut store);
    let mut w_ = store.bulk().unwrap();
    w_.customer(&customer("C9", CUSTOMER, Tier::Gold)).unwrap();
    let mut t = ticket(100, Status::Open, "C9", Some("A1"), NOW - 300);
    t.subject = SUBJECT.into();
    t.priority = Priority::High;
    t.kind = Kind::Complaint;
    t.channel = Channel::Phone;
    t.created_at = NOW - 30 * 86_400;
    w_.ticket(&t).unwrap();
    for tag in TAGS {
        w_.tag("ticket", &t.id, tag).unwrap();
    }
    w_.message(&MessageRec {
        id: "M9".into(),
        ticket_id: t.id.clone(),
        author_kind: AuthorKind::Customer,
        author_id: Some("C9".into()),
        internal: false,
        body: "The printer jams again. 又卡纸了。".into(),
        created_at: t.created_at,
        channel: Some(Channel::Phone),
    })
    .unwrap();
    w_.commit("screen truths fixture", NOW).unwrap();
    Harness::new(store, Some("li"), w, h, NOW)
}

#[test]
fn the_queue_time_column_is_the_time_since_the_last_update() {
    let a = app(120, 40);
    let screen = a.screen();
    let header = screen.lines().nth(2).unwrap();
    assert!(
        header.trim_end_matches('│').ends_with("Updated"),
        "{header}"
    );
    assert!(!header.contains(" Age"), "{header}");
    // #1100 was created a month ago and updated five minutes ago: the column says 5m, not 1mo.
    let row = screen.lines().find(|l| l.contains("#1100")).unwrap();
    assert!(row.trim_end_matches('│').ends_with(" 5m"), "{row}");
}

#[test]
fn below_60_by_16_the_screen_asks_for_room() {
    let mut a = app(40, 12);
    let screen = a.screen();
    assert!(
        screen.contains("enlarge the terminal to at least 60×16") && screen.contains("(now 40×12)"),
        "{screen}"
    );
    assert!(!screen.contains("Queues"), "no squashed panes:\n{screen}");
    assert_screen!("too_small_40x12", screen);
    for (w, h) in [(59, 24), (80, 15)] {
        a.resize(w, h);
        assert!(
            a.screen().contains(&format!("(now {w}×{h})")),
            "{}",
            a.screen()
        );
    }
    // Keys still work while the message shows, and the panes come back at 60×16.
    a.keys("j");
    a.resize(60, 16);
    let screen = a.screen();
    assert_eq!(a.model.queues.list.selected, 1);
    assert!(
        screen.contains("My open") && !screen.contains("enlarge"),
        "{screen}"
    );
}
