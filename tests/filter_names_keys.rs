//! An agent or group nobody has in a queue filter is an error naming its column, not an empty list (issue 16):
//! the worker checks the names against the store, and the prompt stays open as for any other mistake.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::protocol::{Response, TicketResponse};
use desk::app::{Msg, Overlay, PromptKind};

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

fn prompt_text(a: &Harness) -> Option<String> {
    match &a.model.overlay {
        Some(Overlay::Prompt {
            kind: PromptKind::Filter,
            input,
            ..
        }) => Some(input.value().to_string()),
        _ => None,
    }
}

fn numbers(a: &Harness) -> Vec<i64> {
    a.model.queues.list.rows.iter().map(|r| r.number).collect()
}

/// In Chinese the refusal says the column and the problem in the interface's language, the typed words and the
/// names desk has kept as they are.
#[test]
fn an_unknown_agent_is_an_error_with_its_column_and_the_prompt_stays_open() {
    use desk::i18n::Locale;
    let said = [
        (
            Locale::En,
            "",
            "filter: column 22: no agent `zhang` (agents: li, wang)",
        ),
        (
            Locale::ZhCn,
            "zh_cn_",
            "第 22 列：没有客服 `zhang`（现有客服：li, wang）",
        ),
    ];
    for (locale, name, refusal) in said {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = Harness::in_locale(store_with_tickets(60), Some("li"), (w, h), NOW, locale);
            a.keys("J J"); // All open
            let before = numbers(&a);
            a.keys("/")
                .type_text("status:open assignee:zhang")
                .keys("enter");
            assert_eq!(
                prompt_text(&a).as_deref(),
                Some("status:open assignee:zhang")
            );
            let screen = a.screen();
            let last = screen.lines().last().unwrap();
            assert!(last.contains(refusal), "{last}");
            assert_eq!(a.model.queues.filter, "", "nothing was applied");
            assert_eq!(numbers(&a), before);
            assert_screen!(format!("unknown_agent_{name}{w}x{h}"), screen);
        }
    }
    // A mistake the parser finds itself, in traditional characters.
    let mut a = Harness::in_locale(
        store_with_tickets(60),
        Some("li"),
        (120, 40),
        NOW,
        Locale::ZhTw,
    );
    a.keys("/").type_text("status:opn").keys("enter");
    let last = a.screen().lines().last().unwrap().to_string();
    assert!(
        last.contains("第 8 欄：未知的 status `opn`（可選值：new, open,"),
        "{last}"
    );
    assert_eq!(prompt_text(&a).as_deref(), Some("status:opn"));
}

#[test]
fn an_unknown_group_is_refused_and_known_names_apply() {
    let mut a = app(120, 40);
    a.keys("J J");
    a.keys("/").type_text("group:Nowhere").keys("enter");
    let last = a.screen().lines().last().unwrap().to_string();
    assert!(
        last.contains("filter: column 7: no group `Nowhere` (there are no groups yet)"),
        "{last}"
    );
    assert_eq!(prompt_text(&a).as_deref(), Some("group:Nowhere"));
    // Fixed: wang is an agent, so the filter applies.
    a.keys("ctrl-u").type_text("assignee:wang").keys("enter");
    assert_eq!(prompt_text(&a), None);
    assert_eq!(a.model.queues.filter, "assignee:wang");
    let rows = &a.model.queues.list.rows;
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| {
        r.assignee
            .as_ref()
            .is_some_and(|n| n.as_str() == "Wang Wei")
    }));
}

#[test]
fn an_answer_for_a_filter_no_longer_wanted_is_dropped() {
    let mut a = app(120, 40);
    a.keys("J J");
    // The worker answers a check nobody is waiting for (the agent typed another filter since): nothing applies.
    a.send(Msg::Loaded(Response::Tickets(
        TicketResponse::FilterChecked {
            text: "assignee:li".into(),
            error: None,
        },
    )));
    assert_eq!(a.model.queues.filter, "");
    assert_eq!(prompt_text(&a), None);
}
