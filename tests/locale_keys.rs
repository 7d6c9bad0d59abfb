//! The interface in Chinese (issue 24): the queue and a ticket in zh-CN and zh-TW at 80×24 and 120×40, with
//! snapshots (frozen clock, ids redacted), and checks that double-width names are neither cut nor misaligned.

mod common;

use common::harness::Harness;
use common::*;
use desk::i18n::Locale;

/// A screen snapshot with ids redacted, as tests/keyflows.rs takes them.
macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const CHINESE: [(Locale, &str); 2] = [(Locale::ZhCn, "zh_cn"), (Locale::ZhTw, "zh_tw")];

fn app(locale: Locale, (w, h): (u16, u16)) -> Harness {
    let mut store = store_with_tickets(60);
    add_kb(&mut store);
    Harness::in_locale(store, Some("li"), (w, h), NOW, locale)
}

#[test]
fn the_queue_in_chinese() {
    for (locale, name) in CHINESE {
        for (w, h) in SIZES {
            let a = app(locale, (w, h));
            let screen = a.screen();
            let tabs = desk::i18n::tr(locale, "tabs-queues");
            assert!(screen.contains(&tabs), "{screen}");
            // Every row's status is a whole name of the locale, starting in the Status header's column.
            let lines: Vec<&str> = screen.lines().collect();
            let header = lines
                .iter()
                .find(|l| l.contains(&desk::i18n::tr(locale, "queues-column-subject")))
                .unwrap_or_else(|| panic!("no table header:\n{screen}"));
            let status_col = column_of(header, &desk::i18n::tr(locale, "queues-column-status"));
            let statuses: Vec<String> = desk::domain::ticket::Status::ALL
                .iter()
                .map(|s| desk::i18n::status(locale, *s))
                .collect();
            let mut rows = 0;
            for line in lines.iter().filter(|l| l.contains("#10")) {
                let found = statuses
                    .iter()
                    .find_map(|s| column_of(line, &format!(" {s} ")).map(|c| c + 1));
                assert_eq!(
                    found, status_col,
                    "status out of its column:\n{line}\n{header}"
                );
                rows += 1;
            }
            assert!(rows > 5, "{screen}");
            assert_screen!(format!("queues_{name}_{w}x{h}"), screen);
        }
    }
}

#[test]
fn a_ticket_in_chinese() {
    for (locale, name) in CHINESE {
        for (w, h) in SIZES {
            let mut a = app(locale, (w, h));
            a.keys("j enter");
            let screen = a.screen();
            let d = a.model.ticket.detail.as_ref().expect("the ticket opened");
            let status = desk::i18n::status(locale, d.row.status);
            let priority = desk::i18n::priority(locale, d.row.priority);
            assert!(
                screen.contains(&status) && screen.contains(&priority),
                "{status} {priority}:\n{screen}"
            );
            // Times read in the locale: 11月… dates and …前 ages, with no English unit left in them.
            assert!(screen.contains("月") && screen.contains("前"), "{screen}");
            assert!(!screen.contains(" ago"), "{screen}");
            assert_screen!(format!("ticket_{name}_{w}x{h}"), screen);
        }
    }
}

#[test]
fn the_status_picker_names_statuses_in_the_locale() {
    let mut a = app(Locale::ZhCn, (80, 24));
    a.keys("j enter s");
    let screen = a.screen();
    assert!(
        screen.contains("已解决") && screen.contains("等待客户"),
        "{screen}"
    );
    a.keys("esc p");
    let screen = a.screen();
    // The letter stays beside the colour, for colour-blind and NO_COLOR use.
    assert!(screen.contains("U!! 红（紧急）"), "{screen}");
}

#[test]
fn english_stays_as_it_was() {
    let a = app(Locale::En, (80, 24));
    let screen = a.screen();
    assert!(
        screen.contains(" 1 Queues ") && screen.contains("Status"),
        "{screen}"
    );
}

/// A refusal from the store reads in the interface's language (the worker words it in every locale, not knowing
/// which one the interface speaks); English reads as the store's own text.
#[test]
fn a_refusal_from_the_store_speaks_the_interface_language() {
    use desk::app::Msg;
    use desk::app::protocol::{Refusal, Response};
    let gone = desk::store::StoreError::NotFound {
        entity: "ticket",
        id: "#4242".into(),
    };
    for (locale, said) in [
        (Locale::En, gone.to_string()),
        (Locale::ZhCn, "找不到工单 #4242".to_string()),
        (Locale::ZhTw, "找不到工單 #4242".to_string()),
    ] {
        let mut a = app(locale, (120, 40));
        a.send(Msg::Loaded(Response::Failed {
            list: None,
            error: Refusal::from(&gone),
        }));
        let last = a.screen().lines().last().unwrap_or_default().to_string();
        assert!(last.contains(&said), "{locale:?}: {last}");
    }
}
