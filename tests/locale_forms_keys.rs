//! The ticket area's forms in Chinese (issue 24): the new-ticket form, the review screen and the confirmation
//! dialog in zh-CN and zh-TW, each at 80×24 and 120×40, with snapshots, and checks that double-width labels keep their
//! values in one column.

mod common;

use common::harness::Harness;
use common::*;
use desk::i18n::{Locale, tr};

macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

const CASES: [(Locale, &str, (u16, u16)); 4] = [
    (Locale::ZhCn, "zh_cn_80x24", (80, 24)),
    (Locale::ZhCn, "zh_cn_120x40", (120, 40)),
    (Locale::ZhTw, "zh_tw_80x24", (80, 24)),
    (Locale::ZhTw, "zh_tw_120x40", (120, 40)),
];

fn app(locale: Locale, (w, h): (u16, u16)) -> Harness {
    let mut store = store_with_tickets(60);
    add_kb(&mut store);
    Harness::in_locale(store, Some("li"), (w, h), NOW, locale)
}

/// The display column where each labelled line's value starts, for the lines that carry one of `keys`' labels.
fn value_columns(screen: &str, locale: Locale, keys: &[&str]) -> Vec<usize> {
    let labels: Vec<String> = keys.iter().map(|k| tr(locale, k)).collect();
    screen
        .lines()
        .filter_map(|line| {
            let label = labels.iter().find(|l| line.contains(&format!("│ {l} ")))?;
            let at =
                column_of(line, label)? + unicode_width::UnicodeWidthStr::width(label.as_str());
            let rest = line.get(line.find(label.as_str())? + label.len()..)?;
            // An empty field has no value to line up.
            (!rest.trim_start().starts_with('│'))
                .then(|| at + rest.chars().take_while(|c| *c == ' ').count())
        })
        .collect()
}

#[test]
fn the_new_ticket_form_in_chinese() {
    for (locale, name, size) in CASES {
        let mut a = app(locale, size);
        a.keys("n");
        let screen = a.screen();
        assert!(
            screen.contains(&tr(locale, "newticket-pick-first")),
            "{screen}"
        );
        let fields = [
            "newticket-field-kind",
            "newticket-field-channel",
            "newticket-field-priority",
            "newticket-field-product",
        ];
        let columns = value_columns(&screen, locale, &fields);
        assert_eq!(columns.len(), fields.len(), "{screen}");
        assert!(
            columns.windows(2).all(|w| w[0] == w[1]),
            "{columns:?}\n{screen}"
        );
        assert_screen!(format!("new_ticket_{name}"), screen);
    }
}

#[test]
fn the_review_screen_and_the_discard_question_in_chinese() {
    for (locale, name, size) in CASES {
        let mut a = app(locale, size);
        a.editor = Some(Box::new(|_: &str| {
            Some("您好，已为您安排换货。".to_string())
        }));
        a.keys("j enter r");
        let screen = a.screen();
        assert!(screen.contains(&tr(locale, "review-label-to")), "{screen}");
        assert_screen!(format!("review_{name}"), screen);
        a.keys("q");
        let screen = a.screen();
        assert!(
            screen.contains(&tr(locale, "review-discard-reply")),
            "{screen}"
        );
        assert_screen!(format!("review_discard_{name}"), screen);
    }
}
