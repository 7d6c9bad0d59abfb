//! Mail in the running desk, as key sequences on the whole app: a customer's answer with quoted history and a
//! signature reads as its own words with one folded line, `z` shows the rest; the background mail job's rounds
//! show in the tab bar (a round running, a failed one) and are said once as toasts, kept in :messages.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::Msg;
use desk::app::mail::{MailEvent, MailRound};
use desk::domain::ticket::{Channel, Status};
use desk::store::records::{AuthorKind, MessageRec};

macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

const ANSWER: &str = "Still broken after cleaning the filter.\n还是不制冷。\n\n\
On Wed, 18 Nov 2026 at 10:05, 售后服务 <service@desk.example> wrote:\n\
> Please clean the filter and try again.\n> 请先清洗滤网。\n>\n> -- \n> 售后服务\n";

/// Ticket #1001 with the customer's first mail and an answer that quotes desk's reply.
fn app(w: u16, h: u16) -> Harness {
    let mut store = store_with_tickets(0);
    let mut b = store.bulk().unwrap();
    let mut t = ticket(1, Status::Open, "C1", None, NOW - 600);
    t.subject = "空调不制冷".into();
    b.ticket(&t).unwrap();
    for (i, body) in [
        "The air conditioner blows warm air.\n-- \nZhang Yitian\n138 0013 8000",
        ANSWER,
    ]
    .iter()
    .enumerate()
    {
        b.message(&MessageRec {
            id: format!("MQ{i}"),
            ticket_id: t.id.clone(),
            author_kind: AuthorKind::Customer,
            author_id: Some("C1".into()),
            internal: false,
            body: (*body).into(),
            created_at: NOW - 600 + i as i64 * 60,
            channel: Some(Channel::Email),
        })
        .unwrap();
    }
    b.commit("mail keys fixture", NOW).unwrap();
    let mut a = Harness::new(store, Some("li"), w, h, NOW);
    a.keys("#").type_text("1001").keys("enter");
    a
}

#[test]
fn quoted_history_and_signatures_fold_and_z_shows_them() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        let folded = a.screen();
        assert!(
            folded.contains("Still broken after cleaning the filter."),
            "{folded}"
        );
        assert!(
            folded.contains("··· quoted history, 5 lines (z shows)"),
            "{folded}"
        );
        assert!(
            folded.contains("··· signature, 2 lines (z shows)"),
            "the signature: {folded}"
        );
        assert!(!folded.contains("请先清洗滤网"), "{folded}");
        assert_screen!(format!("quoted_folded_{w}x{h}"), folded);
        a.keys("z");
        let shown = a.screen();
        assert!(
            shown.contains("> 请先清洗滤网。") && shown.contains("Zhang Yitian"),
            "{shown}"
        );
        assert!(!shown.contains("(z shows)"), "{shown}");
        assert_screen!(format!("quoted_shown_{w}x{h}"), shown);
        a.keys("z");
        assert!(a.screen().contains("··· quoted history, 5 lines (z shows)"));
    }
}

#[test]
fn the_tab_bar_says_a_mail_round_runs_or_failed_and_toasts_say_what_came() {
    let mut a = app(120, 40);
    let top = |a: &Harness| a.screen().lines().next().unwrap_or("").to_string();
    assert!(!top(&a).contains("mail"), "{}", top(&a));
    a.send(Msg::Mail(MailEvent::Started));
    assert!(top(&a).contains(" mail… "), "{}", top(&a));
    a.send(Msg::Mail(MailEvent::Finished(MailRound {
        new_tickets: 2,
        answers: 1,
        sent: 1,
        ..MailRound::default()
    })));
    let screen = a.screen();
    assert!(!top(&a).contains("mail"), "{}", top(&a));
    assert!(
        screen.contains("mail: 2 new tickets, 1 answer, 1 sent"),
        "{screen}"
    );
    a.send(Msg::Mail(MailEvent::Finished(MailRound {
        errors: vec!["mailbox support: cannot connect to imap.example.com:993: refused".into()],
        ..MailRound::default()
    })));
    assert!(top(&a).contains(" mail failed "), "{}", top(&a));
    assert!(
        a.screen()
            .contains("mail: mailbox support: cannot connect to imap.example.com:993"),
        "{}",
        a.screen()
    );
    // Every toast is kept: both rounds are in :messages.
    let kept: Vec<&str> = a.model.messages.iter().map(|m| m.text.as_str()).collect();
    assert!(
        kept.iter().any(|t| t.contains("2 new tickets"))
            && kept.iter().any(|t| t.contains("cannot connect")),
        "{kept:?}"
    );
    // The same failure again is not said again (the tab bar still says it); a different one is.
    let said = |a: &Harness| a.model.messages.iter().filter(|m| m.error).count();
    let before = said(&a);
    a.send(Msg::Mail(MailEvent::Finished(MailRound {
        errors: vec!["mailbox support: cannot connect to imap.example.com:993: refused".into()],
        ..MailRound::default()
    })));
    assert_eq!(said(&a), before);
    assert!(top(&a).contains(" mail failed "), "{}", top(&a));
    // A round that succeeds clears the failure.
    a.send(Msg::Mail(MailEvent::Finished(MailRound::default())));
    assert!(!top(&a).contains("mail"), "{}", top(&a));
    let mut narrow = app(80, 24);
    narrow.send(Msg::Mail(MailEvent::Finished(MailRound {
        errors: vec!["sending: refused".into()],
        ..MailRound::default()
    })));
    let line = top(&narrow);
    assert!(line.contains("mail!"), "said at 80 columns too: {line}");
}

#[test]
fn g_f_asks_the_background_job_for_a_round_now_or_says_mail_is_not_set_up() {
    let mut a = app(80, 24);
    a.keys("g f");
    assert_eq!(a.mail_now, 0);
    assert!(a.screen().contains("mail is not set up"), "{}", a.screen());
    a.send(Msg::Mail(MailEvent::Ready(true)));
    a.keys("g f");
    assert_eq!(a.mail_now, 1, "the runtime is asked to wake the job");
    a.send(Msg::Mail(MailEvent::Started));
    a.keys("g f");
    assert_eq!(a.mail_now, 1, "not while a round runs");
    assert!(
        a.screen().contains("a round is running already"),
        "{}",
        a.screen()
    );
}
