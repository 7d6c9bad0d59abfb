//! `g a` (issue 22): the signed-in agent switches their availability with one key; the store keeps it for
//! automatic assignment, and the hint bar says so while they are not on duty.

mod common;

use common::{demo_app, status_bar};
use desk::app::msg::Msg;

fn availability(a: &common::harness::Harness) -> String {
    a.store
        .conn()
        .query_row(
            "SELECT availability FROM agents WHERE handle = 'li'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn g_a_cycles_on_duty_away_off_and_the_hint_bar_says_so() {
    let (_dir, mut a) = demo_app(80, 24);
    assert_eq!(availability(&a), "on_duty");
    assert!(!status_bar(&a.screen()).contains("away"));
    a.keys("g a");
    assert_eq!(availability(&a), "away");
    assert_eq!(status_bar(&a.screen()).trim(), "You are away now");
    // Once the toast is gone, the badge stays at the right end with the key that switches back.
    let later = a.now + 10;
    desk::app::update(&mut a.model, Msg::Tick(later), later);
    let screen = a.screen();
    assert!(status_bar(&screen).ends_with("away (ga)"), "{screen}");
    a.keys("g a");
    assert_eq!(availability(&a), "off");
    a.keys("g a");
    assert_eq!(availability(&a), "on_duty");
    let later = a.now + 20;
    desk::app::update(&mut a.model, Msg::Tick(later), later);
    assert!(!status_bar(&a.screen()).contains("(ga)"), "{}", a.screen());
    insta::assert_snapshot!("dispatch_keys_away_80x24", {
        a.keys("g a");
        let later = a.now + 30;
        desk::app::update(&mut a.model, Msg::Tick(later), later);
        a.screen()
    });
    insta::assert_snapshot!("dispatch_keys_away_120x40", a.resize(120, 40).screen());
}
