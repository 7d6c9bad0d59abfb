//! `?` help: this context first, searchable as you type, scrolling that stops at its end; and `:messages`,
//! every toast since desk started. TestBackend key sequences with snapshots at 80×24 and 120×40.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::Overlay;
use desk::app::help::{HelpState, lines, viewport};

macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

fn app(w: u16, h: u16) -> Harness {
    let mut store = store_with_tickets(30);
    add_kb(&mut store);
    Harness::new(store, Some("li"), w, h, NOW)
}

fn help(a: &Harness) -> HelpState {
    match &a.model.overlay {
        Some(Overlay::Help(h)) => (**h).clone(),
        other => panic!("help is not open: {other:?}"),
    }
}

fn max_scroll(a: &Harness) -> usize {
    let h = help(a);
    lines(&a.model.keymap, a.model.locale, h.from, h.search.value())
        .len()
        .saturating_sub(viewport(&a.model, &h))
}

#[test]
fn typing_after_slash_narrows_help_and_esc_brings_it_all_back() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        a.keys("enter ?");
        let all = a.screen();
        // Opened on a ticket: the ticket's keys come first.
        assert!(
            all.lines().nth(2).is_some_and(|l| l.contains("Ticket")),
            "{all}"
        );
        a.keys("/").type_text("merge");
        let found = a.screen();
        assert!(found.contains("/ merge"), "{found}");
        assert!(found.contains("Merge this ticket into another"), "{found}");
        assert!(found.contains("Merge a duplicate"), "{found}");
        assert!(!found.contains("Next view"), "{found}");
        assert_screen!(format!("help_search_merge_{w}x{h}"), found);
        // Enter keeps the search; j and k scroll again instead of typing.
        a.keys("enter j");
        assert_eq!(help(&a).search.value(), "merge");
        assert!(!help(&a).typing);
        // Esc drops the search first, then closes.
        a.keys("esc");
        assert!(help(&a).search.is_empty());
        assert_eq!(a.screen(), all);
        a.keys("esc");
        assert!(a.model.overlay.is_none());
    }
}

#[test]
fn a_search_that_matches_nothing_says_so() {
    let mut a = app(80, 24);
    a.keys("? /").type_text("zzqx");
    let screen = a.screen();
    assert!(
        screen.contains("Nothing in help matches “zzqx”"),
        "{screen}"
    );
}

#[test]
fn scrolling_stops_with_the_last_line_at_the_bottom() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        a.keys("?");
        let max = max_scroll(&a);
        assert!(max > 0, "help is longer than a screen at {w}×{h}");
        a.keys("ctrl-d");
        let half = help(&a).scroll;
        assert!(half > 1 && half < max, "half a page: {half} of {max}");
        a.keys("G");
        assert_eq!(help(&a).scroll, max);
        // Past the end nothing moves: one k comes back up at once.
        a.keys("j j space ctrl-d");
        assert_eq!(help(&a).scroll, max);
        a.keys("k");
        assert_eq!(help(&a).scroll, max - 1);
        a.keys("end");
        let screen = a.screen();
        let total = lines(&a.model.keymap, a.model.locale, help(&a).from, "").len();
        assert!(
            screen.contains(&format!("/{total}]")),
            "position shown: {screen}"
        );
        assert_screen!(format!("help_end_{w}x{h}"), screen);
        a.keys("g");
        assert_eq!(help(&a).scroll, 0);
    }
}

#[test]
fn messages_keep_every_toast_since_start_newest_last() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        // Two toasts: an unbound key, then another.
        a.keys("x");
        a.now += 65;
        a.keys("z");
        assert!(a.model.toast.is_some());
        a.keys(": ").type_text("messages");
        a.keys("enter");
        assert!(matches!(a.model.overlay, Some(Overlay::Messages { .. })));
        let screen = a.screen();
        let x = screen.find("x is not bound here").expect(&screen);
        let z = screen.find("z is not bound here").expect(&screen);
        assert!(x < z, "oldest first: {screen}");
        assert_screen!(format!("messages_{w}x{h}"), screen);
        a.keys("q");
        assert!(a.model.overlay.is_none());
        // `g m` opens it too.
        a.keys("g m");
        assert!(matches!(a.model.overlay, Some(Overlay::Messages { .. })));
    }
}

#[test]
fn messages_scroll_within_the_log() {
    let mut a = app(80, 24);
    for c in "xzxzxzxzxzxzxzxzxzxzxzxzxzxz".chars() {
        a.keys(&c.to_string());
    }
    a.keys("g m");
    let Some(Overlay::Messages { scroll: end }) = a.model.overlay.clone() else {
        panic!("messages not open");
    };
    // Opened at the newest, which is the end: G stays, g goes to the oldest, j stops at the end.
    assert!(end > 0);
    a.keys("G j j");
    assert!(matches!(a.model.overlay, Some(Overlay::Messages { scroll }) if scroll == end));
    a.keys("g");
    assert!(matches!(
        a.model.overlay,
        Some(Overlay::Messages { scroll: 0 })
    ));
}
