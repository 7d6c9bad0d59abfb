//! Improvement plans in the terminal (PDCA, `g i`) on a TestBackend over the demo at the frozen NOW: the demo's three
//! actions at do, check and act, soonest due first with the indicator before, now and target; `a` moves one a step
//! round the cycle, `d` sends a check back to do and a move the cycle refuses names the moves it allows; Enter
//! shows an action's fields and history. Keyset paging and the empty state on stores of their own.

mod common;

use common::harness::Harness;
use common::{NOW, demo_app, status_bar, store_with_tickets};
use desk::app::Overlay;
use desk::app::plans::PlansState;
use desk::domain::metrics::Indicator;
use desk::domain::plan::PlanStatus;
use desk::store::Store;
use desk::store::plans::NewPlan;

macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

fn plans(a: &Harness) -> &PlansState {
    match &a.model.overlay {
        Some(Overlay::Plans(s)) => s,
        other => panic!("the plans pane is not open: {other:?}"),
    }
}

fn stage(store: &Store, number: i64) -> PlanStatus {
    store.plan(number).unwrap().expect("the action").status
}

fn add(store: &mut Store, title: &str, due_at: i64) -> i64 {
    store
        .add_plan(
            &NewPlan {
                title: title.into(),
                owner: None,
                due_at,
                indicator: Indicator::Csat,
                target: Some(85.0),
                baseline: Some(70.0),
                rule: None,
            },
            NOW - 86_400,
        )
        .unwrap()
}

#[test]
fn g_i_lists_the_demos_actions_with_stage_due_and_indicator_before_now_and_target() {
    let (_dir, mut a) = demo_app(80, 24);
    a.keys("g i");
    let s = plans(&a);
    let numbers: Vec<(i64, PlanStatus)> =
        s.list.rows.iter().map(|p| (p.number, p.status)).collect();
    assert_eq!(
        numbers,
        [
            (1, PlanStatus::Do),
            (2, PlanStatus::Check),
            (3, PlanStatus::Act)
        ],
        "soonest due first"
    );
    assert!(s.now_values.is_some(), "the indicators were measured");
    let screen = a.screen();
    for text in [
        "Improvement plans 改进措施 (PDCA) [1/3]",
        "Before → now → target",
        "SLA FR",
        "zhang",
        "41.0% →",
        "→ 90.0% +",
        "a advance  d back to do  Enter details",
        "✓ target reached · + better · ! worse than before",
    ] {
        assert!(screen.contains(text), "{text}:\n{screen}");
    }
    // The first action is due in five days: a countdown like the queue's, not a date.
    assert!(screen.contains("  5d "), "{screen}");
    assert_screen!("plans_keys_list_80x24", screen);
    assert_screen!("plans_keys_list_120x40", a.resize(120, 40).screen());
    a.keys("esc");
    assert_eq!(a.model.overlay, None);
}

#[test]
fn a_advances_the_selected_action_and_a_refused_move_names_the_allowed_ones() {
    let (_dir, mut a) = demo_app(80, 24);
    a.keys("g i");
    // P1 is at do: a moves it to check, in the store and on screen.
    a.keys("a");
    assert_eq!(stage(&a.store, 1), PlanStatus::Check);
    assert_eq!(plans(&a).list.rows[0].status, PlanStatus::Check);
    let screen = a.screen();
    assert!(status_bar(&screen).contains("P1 → check 检查"), "{screen}");
    // A check that showed no effect goes back to do …
    a.keys("d");
    assert_eq!(stage(&a.store, 1), PlanStatus::Do);
    // … but do cannot go "back to do": the toast says where it may go, and nothing is written.
    a.keys("d");
    assert_eq!(stage(&a.store, 1), PlanStatus::Do);
    let screen = a.screen();
    assert!(
        status_bar(&screen).contains("P1 is at do; it moves to check"),
        "{screen}"
    );
    // P3 at act starts the next cycle's plan.
    a.keys("j j a");
    assert_eq!(stage(&a.store, 3), PlanStatus::Plan);
    assert!(a.screen().contains("P3 → plan 计划"), "{}", a.screen());
}

#[test]
fn enter_shows_the_actions_fields_and_history_and_follows_the_selection() {
    let (_dir, mut a) = demo_app(80, 24);
    a.keys("g i j enter");
    let s = plans(&a);
    let d = s.detail.as_ref().expect("details open");
    assert_eq!(d.number, 2);
    let history = d.history.as_ref().expect("the history was read");
    let fields: Vec<&str> = history.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(
        fields,
        ["created", "status", "status"],
        "made, then do and check"
    );
    let screen = a.screen();
    for text in [
        "P2 · check 检查",
        "回访话术培训 Train the follow-up call script",
        "Stage     check 检查 (moves to do or act)",
        "Owner     li",
        "Due       2026-12-03 (in 15d)",
        "Indicator CSAT (csat)",
        "baseline 70.0% · now",
        "target 85.0%",
        "From      the report's suggestion `csat`",
        "History (newest first)",
        "do → check",
    ] {
        assert!(screen.contains(text), "{text}:\n{screen}");
    }
    assert_screen!("plans_keys_detail_80x24", screen);
    assert_screen!("plans_keys_detail_120x40", a.resize(120, 40).screen());
    // Moving in the details shows the next action; advancing it adds to its history at once.
    a.keys("j");
    assert_eq!(plans(&a).detail.as_ref().unwrap().number, 3);
    a.keys("a");
    let screen = a.screen();
    assert!(screen.contains("act → plan"), "{screen}");
    // Esc goes back to the list, then closes the pane.
    a.keys("esc");
    assert!(plans(&a).detail.is_none());
    a.keys("esc");
    assert_eq!(a.model.overlay, None);
}

#[test]
fn an_overdue_action_is_marked_and_an_empty_desk_says_how_to_make_one() {
    let mut store = store_with_tickets(3);
    let mut a = Harness::new(Store::open_in_memory().unwrap(), Some("li"), 80, 24, NOW);
    a.keys("g i");
    let screen = a.screen();
    assert!(
        screen.contains("No improvement actions yet") && screen.contains("--from-suggestion"),
        "{screen}"
    );
    add(&mut store, "Call back every detractor", NOW - 2 * 86_400);
    let mut a = Harness::new(store, Some("li"), 80, 24, NOW);
    a.keys("g i");
    let screen = a.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("Call back every"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(line.contains("!-2d"), "overdue by two days: {line}");
}

#[test]
fn a_long_list_is_read_in_keyset_pages_never_whole() {
    let mut store = store_with_tickets(1);
    for i in 0..450 {
        add(&mut store, &format!("Action {i}"), NOW + i * 3600);
    }
    let mut a = Harness::new(store, Some("li"), 80, 24, NOW);
    a.keys("g i");
    let s = plans(&a);
    assert_eq!(
        s.list.rows.len(),
        desk::app::paged::PAGE_SIZE,
        "one page first"
    );
    assert!(!s.list.at_end);
    a.keys("G");
    let s = plans(&a);
    assert!(s.list.rows.len() <= desk::app::paged::MAX_ROWS);
    assert_eq!(
        s.selected().map(|p| p.number),
        Some(450),
        "the latest due last"
    );
    assert!(a.screen().contains("Action 449"), "{}", a.screen());
    a.keys("g");
    assert_eq!(plans(&a).selected().map(|p| p.number), Some(1));
}
