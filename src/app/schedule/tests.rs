//! The schedule's cursor and its weeks, without a store: answers land where they were asked for, a stale one is
//! dropped, and the cursor leaves a week by asking for the next one.

use super::*;
use crate::app::protocol::Request;

const DAY: i64 = 86_400;
/// Monday 2026-11-16 00:00 in Shanghai.
const MONDAY: i64 = 1_794_931_200 - 2 * DAY;

fn week(monday: i64) -> Box<Week> {
    Box::new(Week {
        days: (0..8).map(|i| monday + i * DAY).collect(),
        offsets: vec![8 * 3600; 7],
        zone: "Asia/Shanghai".into(),
        travel_minutes: 45,
        schedule: Default::default(),
    })
}

fn asked_at(fx: &[Effect]) -> Option<i64> {
    fx.iter().find_map(|e| match e {
        Effect::Load(Request::Field(FieldRequest::Week { at })) => Some(*at),
        _ => None,
    })
}

fn model() -> Model {
    let settings = crate::app::test_settings(Default::default());
    // Wednesday 19:06 in Shanghai.
    crate::app::init(settings, 80, 24, MONDAY + 2 * DAY + 19 * 3600 + 360).0
}

#[test]
fn the_first_week_lands_on_today_and_a_stale_answer_is_dropped() {
    let mut m = model();
    let fx = open(&mut m);
    assert_eq!(asked_at(&fx), Some(m.now));
    // An answer for another week (asked for before) does not move the cursor.
    on_week(&mut m, week(MONDAY - 7 * DAY));
    assert!(m.schedule.week.is_none());
    on_week(&mut m, week(MONDAY));
    assert_eq!(m.schedule.day, 2, "Wednesday");
    assert_eq!(m.schedule.asked, None);
    // Opened again, it reads the same week and stays on its day.
    m.schedule.day = 4;
    let fx = open(&mut m);
    assert_eq!(asked_at(&fx), Some(MONDAY));
    on_week(&mut m, week(MONDAY));
    assert_eq!(m.schedule.day, 4);
}

#[test]
fn leaving_the_week_asks_for_the_next_one_and_lands_on_its_edge() {
    let mut m = model();
    open(&mut m);
    on_week(&mut m, week(MONDAY));
    m.schedule.day = 6;
    let fx = page(&mut m, 1);
    assert_eq!(asked_at(&fx), Some(MONDAY + 7 * DAY));
    on_week(&mut m, week(MONDAY + 7 * DAY));
    assert_eq!(m.schedule.day, 0, "the next Monday");
    let fx = page(&mut m, -1);
    assert_eq!(asked_at(&fx), Some(MONDAY + 7 * DAY - 1));
    on_week(&mut m, week(MONDAY));
    assert_eq!(m.schedule.day, 6, "back on Sunday");
    // Within the week no read is needed.
    assert!(page(&mut m, -1).is_empty());
    assert_eq!(m.schedule.day, 5);
}

#[test]
fn the_hour_stays_on_the_day_and_the_week_view_moves_by_days_and_weeks() {
    let mut m = model();
    open(&mut m);
    on_week(&mut m, week(MONDAY));
    for _ in 0..30 {
        step(&mut m, 1);
    }
    assert_eq!(m.schedule.hour, LAST_HOUR);
    for _ in 0..30 {
        step(&mut m, -1);
    }
    assert_eq!(m.schedule.hour, 0);
    toggle_view(&mut m);
    step(&mut m, 1);
    assert_eq!(m.schedule.day, 3, "l is the next day on the week");
    let fx = page(&mut m, 1);
    assert_eq!(asked_at(&fx), Some(MONDAY + 7 * DAY));
    on_week(&mut m, week(MONDAY + 7 * DAY));
    assert_eq!(m.schedule.day, 3, "] keeps the weekday on the week");
}
