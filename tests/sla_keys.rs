//! SLA and the closed loop from the keyboard on a TestBackend, with the clock frozen: the countdowns and the
//! at-risk view, the follow-up call and survey, and the escalation badge.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::{Msg, Overlay};
use desk::domain::service_loop::LoopStage;

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

/// Moves the sidebar to the view titled `title`.
fn view(a: &mut Harness, title: &str) {
    for _ in 0..a.model.queues.views.len() {
        if a.model.queues.view().title == title {
            return;
        }
        a.keys("J");
    }
    panic!("no view {title}");
}

#[test]
fn the_at_risk_view_lists_breached_tickets_soonest_due_first_with_countdowns() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        view(&mut a, "At risk & breached");
        let rows = &a.model.queues.list.rows;
        assert!(!rows.is_empty());
        let dues: Vec<i64> = rows.iter().map(|r| r.sla.due_at.unwrap()).collect();
        assert!(
            dues.windows(2).all(|w| w[0] <= w[1]),
            "soonest first: {dues:?}"
        );
        // Urgent tickets on the 24×7 standard policy: first response 1 h, created 100 s before their update.
        let screen = a.screen();
        let first = &rows[0];
        let late = (NOW - first.sla.due_at.unwrap()) / 60;
        assert!(screen.contains(&format!("!-{late}m")), "{screen}");
        assert_screen!(format!("at_risk_{w}x{h}"), screen);
    }
}

#[test]
fn solve_then_follow_up_then_survey_closes_the_loop() {
    let mut a = app(120, 40);
    a.keys("j enter"); // #1002, pending
    let number = a.model.ticket.detail.as_ref().unwrap().row.number;
    a.keys("s s o l enter"); // solved: the picker filters as you type
    let d = a.model.ticket.detail.as_ref().unwrap();
    assert_eq!(d.row.loop_stage, Some(LoopStage::Solved));
    assert!(
        a.screen()
            .contains("Loop [x] solved › [ ] followed up › [ ] surveyed")
    );
    // Two days later the follow-up call is due.
    a.now += 2 * 86_400;
    a.keys("1");
    view(&mut a, "Follow-ups due");
    let listed: Vec<i64> = a.model.queues.list.rows.iter().map(|r| r.number).collect();
    assert_eq!(listed, [number]);
    a.keys("enter F");
    assert!(a.screen().contains("Follow-up call 回访"));
    a.keys("enter"); // confirmed solved
    assert!(matches!(a.model.overlay, Some(Overlay::Survey(_))));
    // CSAT, NPS, CES, then the questionnaire: product 4, service 5, price 3, delivery left blank, after-sales 4.
    a.keys("5 tab 9 tab 2 tab 4 tab 5 tab 3 tab tab 4 tab")
        .type_text("很满意");
    let screen = a.screen();
    assert!(
        screen.contains("[ 5] satisfied") && screen.contains("[ 9] promoter"),
        "{screen}"
    );
    assert!(
        screen.contains("Price 价格") && screen.contains("[ 3] neutral"),
        "{screen}"
    );
    assert_screen!("survey_120x40", screen);
    a.keys("enter");
    let d = a.model.ticket.detail.as_ref().unwrap();
    assert_eq!(d.row.loop_stage, Some(LoopStage::Surveyed));
    let screen = a.screen();
    assert!(
        screen.contains("Loop [x] solved › [x] followed up › [x] surveyed"),
        "{screen}"
    );
    assert!(
        screen.contains("Follow-up call 回访: confirmed solved"),
        "{screen}"
    );
    let scores: Vec<(String, i64)> = a
        .store
        .conn()
        .prepare("SELECT kind, score FROM surveys ORDER BY kind")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        scores,
        [("ces".into(), 2), ("csat".into(), 5), ("nps".into(), 9)]
    );
    let items: Vec<(String, i64)> = a
        .store
        .conn()
        .prepare("SELECT item, score FROM survey_items ORDER BY item")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        items,
        [
            ("after_sales".into(), 4),
            ("price".into(), 3),
            ("product".into(), 4),
            ("service".into(), 5)
        ]
    );
}

#[test]
fn the_survey_form_fits_80x24_with_the_questionnaire() {
    let mut a = app(80, 24);
    a.keys("j enter Y");
    assert!(matches!(a.model.overlay, Some(Overlay::Survey(_))));
    // Shift-tab from CSAT wraps to the comment; back once more is after-sales.
    a.keys("backtab backtab 2");
    let screen = a.screen();
    assert!(
        screen.contains("After-sales 售后") && screen.contains("[ 2] dissatisfied"),
        "{screen}"
    );
    assert!(screen.contains("Comment"), "{screen}");
    assert_screen!("survey_80x24", screen);
}

#[test]
fn escalations_show_as_a_badge_and_a_list_until_looked_at() {
    let mut a = app(120, 40);
    a.model.escalations.every = 60;
    a.send(Msg::Tick(NOW));
    let n = a.model.escalations.feed.len();
    assert!(n > 0, "breached fixture tickets escalate");
    let screen = a.screen();
    assert!(
        screen
            .lines()
            .next()
            .unwrap()
            .contains(&format!("!{n} escalated (!)")),
        "{screen}"
    );
    a.keys("!");
    let screen = a.screen();
    assert!(
        screen.contains("Escalated since you last looked"),
        "{screen}"
    );
    assert!(
        screen.contains("breached first response: priority"),
        "{screen}"
    );
    a.keys("esc");
    assert!(!a.screen().lines().next().unwrap().contains("escalated"));
    // The next check brings back none of those: each rule fires once per clock, and they were seen.
    a.now += 60;
    a.send(Msg::Tick(a.now));
    assert!(a.model.escalations.feed.iter().all(|e| e.at > NOW));
}

#[test]
fn a_pending_ticket_given_a_higher_priority_stays_paused_in_its_row_and_header() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        // Twenty days later #1002 is still waiting on its customer.
        a.now = NOW + 20 * 86_400;
        a.keys("j");
        let row = a.model.queues.list.selected_row().unwrap();
        assert_eq!((row.number, row.status.as_str()), (1002, "pending"));
        a.keys("p 2"); // high
        let row = a.model.queues.list.selected_row().unwrap();
        assert_eq!((row.number, row.priority.as_str()), (1002, "high"));
        assert!(row.sla.paused, "{:?}", row.sla);
        assert_eq!(
            row.sla.state(a.now),
            Some(desk::domain::sla::ClockState::Paused)
        );
        let screen = a.screen();
        let line = screen.lines().find(|l| l.contains("#1002")).unwrap();
        assert!(!line.contains("!-"), "{line}");
        assert_screen!(format!("paused_priority_{w}x{h}"), screen);
        // Not in the breached view; the header shows both clocks paused.
        view(&mut a, "At risk & breached");
        assert!(a.model.queues.list.rows.iter().all(|r| r.number != 1002));
        a.keys("#").type_text("1002").keys("enter");
        let screen = a.screen();
        assert!(screen.contains("#1002"), "{screen}");
        // `||` is the paused glyph; a breached clock would read `!-…`.
        assert!(
            screen.contains("first response ||1d23h · resolution ||4d23h"),
            "{screen}"
        );
    }
}
