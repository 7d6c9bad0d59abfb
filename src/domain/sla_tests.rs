use super::*;
use crate::domain::sla_policy::format_countdown;
use chrono::{NaiveDateTime, TimeZone};
use proptest::prelude::*;

const H: i64 = 3600;

fn cal(tz: Tz, week: [Vec<(u32, u32)>; 7], holidays: &[&str]) -> Calendar {
    Calendar {
        name: "t".into(),
        tz,
        week,
        holidays: holidays
            .iter()
            .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())
            .collect(),
        always: false,
    }
}

fn weekdays(spans: &[(u32, u32)]) -> [Vec<(u32, u32)>; 7] {
    let d = spans.to_vec();
    [
        d.clone(),
        d.clone(),
        d.clone(),
        d.clone(),
        d,
        vec![],
        vec![],
    ]
}

fn every_day(spans: &[(u32, u32)]) -> [Vec<(u32, u32)>; 7] {
    std::array::from_fn(|_| spans.to_vec())
}

/// Unix seconds of a local wall time in `tz` (earlier instant when ambiguous).
fn at(tz: Tz, s: &str) -> i64 {
    let ndt = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    tz.from_local_datetime(&ndt).earliest().unwrap().timestamp()
}

const SH: Tz = chrono_tz::Asia::Shanghai;
const BERLIN: Tz = chrono_tz::Europe::Berlin;

#[test]
fn office_hours_skip_the_weekend() {
    let c = cal(SH, weekdays(&[(9 * 60, 18 * 60)]), &[]);
    // 2026-11-20 is a Friday. 17:00 + 2 business hours: one hour on Friday, one on Monday → Monday 10:00.
    let fri = at(SH, "2026-11-20 17:00");
    assert_eq!(c.add_business(fri, 2 * H), Some(at(SH, "2026-11-23 10:00")));
    assert_eq!(c.business_secs(fri, at(SH, "2026-11-23 10:00")), 2 * H);
    // Saturday noon is closed; Monday 09:00 sharp is open.
    assert!(!c.is_open(at(SH, "2026-11-21 12:00")));
    assert!(c.is_open(at(SH, "2026-11-23 09:00")));
    assert!(!c.is_open(at(SH, "2026-11-23 18:00")));
    // From outside hours, zero business seconds is "now"; any more starts at the next opening.
    let sat = at(SH, "2026-11-21 12:00");
    assert_eq!(c.add_business(sat, 0), Some(sat));
    assert_eq!(c.add_business(sat, 60), Some(at(SH, "2026-11-23 09:01")));
}

#[test]
fn holidays_and_lunch_breaks_are_not_business_time() {
    // National Day 2026-10-01..07 (Thu..Wed). Hours 09:00–12:00 and 13:30–18:00 = 7.5 h a day.
    let days: Vec<String> = (1..=7).map(|d| format!("2026-10-0{d}")).collect();
    let refs: Vec<&str> = days.iter().map(String::as_str).collect();
    let c = cal(
        SH,
        weekdays(&[(9 * 60, 12 * 60), (13 * 60 + 30, 18 * 60)]),
        &refs,
    );
    // Wednesday 30 Sept 17:00 + 2 h: one hour that day, the next business hour is Thursday 8 Oct 09:00–10:00.
    let wed = at(SH, "2026-09-30 17:00");
    assert_eq!(c.add_business(wed, 2 * H), Some(at(SH, "2026-10-08 10:00")));
    // A whole normal day is 7.5 h; lunch does not count.
    let mon = at(SH, "2026-09-28 00:00");
    assert_eq!(c.business_secs(mon, mon + 86_400), 7 * H + H / 2);
    assert_eq!(
        c.add_business(at(SH, "2026-09-28 11:00"), 2 * H),
        Some(at(SH, "2026-09-28 14:30"))
    );
}

#[test]
fn dst_days_keep_their_local_hours() {
    let all_day = cal(BERLIN, every_day(&[(0, 1440)]), &[]);
    let office = cal(BERLIN, every_day(&[(9 * 60, 17 * 60)]), &[]);
    let night = cal(BERLIN, every_day(&[(2 * 60, 4 * 60)]), &[]);
    // Spring forward 2026-03-29 (02:00 → 03:00): a 23-hour day; office hours stay 8 h; 02:00–04:00 is 1 h.
    let (a, b) = (
        at(BERLIN, "2026-03-29 00:00"),
        at(BERLIN, "2026-03-30 00:00"),
    );
    assert_eq!(all_day.business_secs(a, b), 23 * H);
    assert_eq!(office.business_secs(a, b), 8 * H);
    assert_eq!(night.business_secs(a, b), H);
    // Fall back 2026-10-25 (03:00 → 02:00): 25 hours; 02:00–04:00 happens for 3 hours.
    let (a, b) = (
        at(BERLIN, "2026-10-25 00:00"),
        at(BERLIN, "2026-10-26 00:00"),
    );
    assert_eq!(all_day.business_secs(a, b), 25 * H);
    assert_eq!(office.business_secs(a, b), 8 * H);
    assert_eq!(night.business_secs(a, b), 3 * H);
    // 16:00 Saturday + 2 office hours across the spring change lands at 10:00 Sunday.
    assert_eq!(
        office.add_business(at(BERLIN, "2026-03-28 16:00"), 2 * H),
        Some(at(BERLIN, "2026-03-29 10:00"))
    );
}

#[test]
fn always_open_and_never_open() {
    let c = Calendar::always_open("24x7");
    assert_eq!(c.business_secs(100, 4000), 3900);
    assert_eq!(c.add_business(100, 50), Some(150));
    let never = cal(SH, Default::default(), &[]);
    assert_eq!(never.add_business(0, 60), None);
    assert_eq!(never.business_secs(0, 86_400 * 30), 0);
}

fn ev(at: i64, kind: EventKind) -> Event {
    Event { at, kind }
}

fn status(at: i64, s: Status) -> Event {
    ev(at, EventKind::Status(s))
}

const T: Targets = Targets {
    first_response: Some(H),
    first_solution: None,
    next_reply: Some(30 * 60),
    resolution: Some(4 * H),
};

fn by(c: &[Clock], t: Target) -> Clock {
    *c.iter().find(|c| c.target == t).unwrap()
}

#[test]
fn first_response_met_in_time_or_late() {
    let c24 = Calendar::always_open("24x7");
    let on_time = clocks(
        0,
        &[ev(50 * 60, EventKind::AgentReply)],
        &T,
        &c24,
        2 * H,
        0.75,
    );
    let fr = by(&on_time, Target::FirstResponse);
    assert_eq!(
        (fr.state, fr.elapsed, fr.stopped_at),
        (ClockState::Met, 50 * 60, Some(50 * 60))
    );
    let late = clocks(
        0,
        &[ev(70 * 60, EventKind::AgentReply)],
        &T,
        &c24,
        2 * H,
        0.75,
    );
    assert_eq!(by(&late, Target::FirstResponse).state, ClockState::MetLate);
    // No next-reply clock without a customer message after the first reply.
    assert!(late.iter().all(|c| c.target != Target::NextReply));
}

#[test]
fn pending_pauses_and_breached_stays_breached_while_paused() {
    let c24 = Calendar::always_open("24x7");
    let events = [
        ev(10 * 60, EventKind::AgentReply),
        status(H, Status::Pending),
        status(3 * H, Status::Open),
    ];
    let c = clocks(0, &events, &T, &c24, 4 * H, 0.75);
    let res = by(&c, Target::Resolution);
    // Running 0–1 h and 3–4 h: 2 h counted, 2 h left, due at 6 h; at risk from 3 h counted = 5 h.
    assert_eq!(
        (res.elapsed, res.remaining, res.due_at, res.risk_at),
        (2 * H, 2 * H, Some(6 * H), Some(5 * H))
    );
    assert_eq!(res.state, ClockState::Ok);
    let paused = clocks(0, &events[..2], &T, &c24, 10 * H, 0.75);
    let res = by(&paused, Target::Resolution);
    assert_eq!(
        (res.state, res.paused, res.due_at, res.remaining),
        (ClockState::Paused, true, None, 3 * H)
    );
    // Breached before the pause: still breached while paused.
    let late = [status(5 * H, Status::Pending)];
    let res = by(&clocks(0, &late, &T, &c24, 9 * H, 0.75), Target::Resolution);
    assert_eq!((res.state, res.paused), (ClockState::Breached, true));
}

#[test]
fn reopening_resumes_resolution_without_the_solved_time() {
    let c24 = Calendar::always_open("24x7");
    let events = [
        ev(10 * 60, EventKind::AgentReply),
        status(H, Status::Solved),
        status(5 * H, Status::Open),
    ];
    let res = by(
        &clocks(0, &events[..2], &T, &c24, 2 * H, 0.75),
        Target::Resolution,
    );
    assert_eq!(
        (res.state, res.stopped_at, res.elapsed),
        (ClockState::Met, Some(H), H)
    );
    let res = by(
        &clocks(0, &events, &T, &c24, 6 * H, 0.75),
        Target::Resolution,
    );
    assert_eq!(
        (res.stopped_at, res.elapsed, res.due_at),
        (None, 2 * H, Some(8 * H))
    );
    // Solved then closed: stopped since the solve.
    let closed = [status(H, Status::Solved), status(2 * H, Status::Closed)];
    let res = by(
        &clocks(0, &closed, &T, &c24, 3 * H, 0.75),
        Target::Resolution,
    );
    assert_eq!(res.stopped_at, Some(H));
}

#[test]
fn next_reply_runs_from_the_customer_message_and_only_the_latest_is_kept() {
    let c24 = Calendar::always_open("24x7");
    let events = [
        ev(5 * 60, EventKind::AgentReply),
        ev(H, EventKind::CustomerMessage),
        ev(H + 40 * 60, EventKind::AgentReply), // 40 min: late
        ev(2 * H, EventKind::CustomerMessage),
    ];
    let c = clocks(0, &events, &T, &c24, 2 * H + 25 * 60, 0.75);
    let nr = by(&c, Target::NextReply);
    assert_eq!(
        (nr.started_at, nr.elapsed, nr.state),
        (2 * H, 25 * 60, ClockState::AtRisk)
    );
    assert_eq!(nr.due_at, Some(2 * H + 30 * 60));
    // The earlier, late one is no longer reported.
    assert_eq!(
        c.iter().filter(|c| c.target == Target::NextReply).count(),
        1
    );
    assert_eq!(next_due(&c).map(|c| c.target), Some(Target::NextReply));
}

#[test]
fn due_and_risk_times_hold_still_while_a_clock_runs() {
    let c = cal(SH, weekdays(&[(9 * 60, 18 * 60)]), &[]);
    let created = at(SH, "2026-11-20 16:00");
    let first = clocks(created, &[], &T, &c, created + 60, 0.75);
    for later in [
        created + H,
        created + 3 * 86_400,
        at(SH, "2026-11-23 12:00"),
    ] {
        let again = clocks(created, &[], &T, &c, later, 0.75);
        for (a, b) in first.iter().zip(&again) {
            assert_eq!(
                (a.due_at, a.risk_at),
                (b.due_at, b.risk_at),
                "{:?} at {later}",
                a.target
            );
        }
    }
    // Resolution 4 h from Friday 16:00: 2 h Friday, 2 h Monday → Monday 11:00.
    assert_eq!(
        by(&first, Target::Resolution).due_at,
        Some(at(SH, "2026-11-23 11:00"))
    );
}

/// Brute force: a minute is business time when its local time falls in a span of its local date.
fn oracle_open(c: &Calendar, minute_start: i64) -> bool {
    let local = c.tz.timestamp_opt(minute_start, 0).unwrap().naive_local();
    let date = local.date();
    if c.holidays.contains(&date) {
        return false;
    }
    let m = local.time().num_seconds_from_midnight() / 60;
    c.week[date.weekday().num_days_from_monday() as usize]
        .iter()
        .any(|(s, e)| *s <= m && m < *e)
}

use chrono::Timelike;

fn arb_calendar() -> impl Strategy<Value = Calendar> {
    let tz = prop::sample::select(vec![
        BERLIN,
        chrono_tz::America::New_York,
        SH,
        chrono_tz::Australia::Lord_Howe,
    ]);
    let day = prop::collection::vec((0u32..96, 1u32..24), 0..3).prop_map(|spans| {
        // Quarter-hour starts, non-overlapping by construction.
        let mut out = Vec::new();
        let mut at = 0;
        for (gap, len) in spans {
            let s = at + gap % 24;
            let e = (s + len).min(96);
            if s < e {
                out.push((s * 15, e * 15));
            }
            at = e;
        }
        out
    });
    let week = prop::collection::vec(day, 7)
        .prop_map(|v| -> [Vec<(u32, u32)>; 7] { std::array::from_fn(|i| v[i].clone()) });
    let holidays = prop::collection::vec(0i64..40, 0..4);
    (tz, week, holidays).prop_map(|(tz, week, hs)| Calendar {
        name: "p".into(),
        tz,
        week,
        holidays: hs
            .into_iter()
            .filter_map(|d| {
                NaiveDate::from_ymd_opt(2026, 3, 10)?.checked_add_days(chrono::Days::new(d as u64))
            })
            .collect(),
        always: false,
    })
}

/// Minute-aligned instants around the March DST changes (2026-03-08 US, 03-29 EU, 04-05 Lord Howe).
fn arb_minute() -> impl Strategy<Value = i64> {
    (0i64..(30 * 24 * 60)).prop_map(|m| 1_773_100_800 + m * 60)
}

#[test]
fn countdowns_past_ten_days_drop_the_hours() {
    assert_eq!(format_countdown(-(82 * 86_400 + 13 * 3600)), "-82d");
    assert_eq!(format_countdown(9 * 86_400 + 23 * 3600), "9d23h");
    assert_eq!(format_countdown(10 * 86_400), "10d");
}

proptest! {
    /// The queue's Due column is seven wide: a sign, a pause or risk glyph, and five characters at most.
    #[test]
    fn a_countdown_is_at_most_five_characters_and_its_sign(secs in -(9_999 * 86_400i64)..9_999 * 86_400) {
        let text = format_countdown(secs);
        prop_assert!(text.trim_start_matches('-').chars().count() <= 5, "{text}");
        prop_assert_eq!(text.starts_with('-'), secs < 0, "{}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn business_secs_matches_the_minute_oracle(c in arb_calendar(), a in arb_minute(), len in 0i64..(6 * 24 * 60)) {
        let b = a + len * 60;
        let expected: i64 = (0..len).filter(|i| oracle_open(&c, a + i * 60)).count() as i64 * 60;
        prop_assert_eq!(c.business_secs(a, b), expected);
    }

    #[test]
    fn add_business_is_the_earliest_instant(c in arb_calendar(), a in arb_minute(), mins in 0i64..(3 * 24 * 60)) {
        let secs = mins * 60;
        if let Some(t) = c.add_business(a, secs) {
            prop_assert_eq!(c.business_secs(a, t), secs);
            if secs > 0 {
                prop_assert!(c.business_secs(a, t - 60) < secs);
            } else {
                prop_assert_eq!(t, a);
            }
        } else {
            prop_assert!(c.week.iter().all(Vec::is_empty) || secs > 0);
        }
    }

    /// The clocks against a minute-by-minute simulation of the same history.
    #[test]
    fn clocks_match_a_minute_simulation(
        c in arb_calendar(),
        steps in prop::collection::vec((1i64..600, 0u8..6), 0..8),
        tail in 0i64..900,
    ) {
        let created = 1_773_100_800 + 600 * 60;
        let mut t = created;
        let mut events = Vec::new();
        for (gap, k) in steps {
            t += gap * 60;
            let kind = match k {
                0 => EventKind::AgentReply,
                1 => EventKind::CustomerMessage,
                2 => EventKind::Status(Status::Pending),
                3 => EventKind::Status(Status::Open),
                4 => EventKind::Status(Status::Solved),
                _ => EventKind::Status(Status::OnHold),
            };
            events.push(Event { at: t, kind });
        }
        let now = t + tail * 60;
        let targets = Targets { first_response: Some(90 * 60), first_solution: None, next_reply: Some(45 * 60), resolution: Some(20 * 60 * 60) };
        let got = clocks(created, &events, &targets, &c, now, 0.75);
        // Simulate: minute by minute, apply events that happen at the minute's start, count running business minutes.
        let mut status = Status::New;
        let (mut fr, mut res) = (0i64, 0i64);
        let (mut fr_stop, mut replied) = (None, false);
        let mut nr: Option<(i64, i64, Option<i64>)> = None;
        let mut i = 0;
        let mut m = created;
        loop {
            while i < events.len() && events[i].at <= m {
                let e = events[i];
                match e.kind {
                    EventKind::Status(s) => {
                        if is_stopped(s) {
                            if fr_stop.is_none() { fr_stop = Some(e.at); }
                            if let Some((_, _, stop @ None)) = nr.as_mut() { *stop = Some(e.at); }
                        }
                        status = s;
                    }
                    // This model leaves first solution out (no such target here).
                    EventKind::SolutionProposed => {}
                    EventKind::AgentReply => {
                        if !replied { replied = true; if fr_stop.is_none() { fr_stop = Some(e.at); } }
                        else if let Some((_, _, stop @ None)) = nr.as_mut() { *stop = Some(e.at); }
                    }
                    EventKind::CustomerMessage => {
                        let active = nr.is_some_and(|n| n.2.is_none());
                        let first = events.iter().find(|x| x.kind == EventKind::AgentReply).map(|x| x.at);
                        if replied && !active && first.is_some_and(|f| e.at > f) { nr = Some((e.at, 0, None)); }
                    }
                }
                i += 1;
            }
            if m >= now { break; }
            if is_running(status) && oracle_open(&c, m) {
                res += 60;
                if fr_stop.is_none() { fr += 60; }
                if let Some((_, n, None)) = nr.as_mut() { *n += 60; }
            }
            m += 60;
        }
        let g = by(&got, Target::FirstResponse);
        prop_assert_eq!((g.elapsed, g.stopped_at), (fr, fr_stop));
        let g = by(&got, Target::Resolution);
        prop_assert_eq!(g.elapsed, res);
        prop_assert_eq!(g.paused, g.stopped_at.is_none() && is_paused(status));
        match nr {
            Some((start, n, stop)) => {
                let g = by(&got, Target::NextReply);
                prop_assert_eq!((g.started_at, g.elapsed, g.stopped_at), (start, n, stop));
            }
            None => prop_assert!(got.iter().all(|c| c.target != Target::NextReply)),
        }
        for g in &got {
            prop_assert_eq!(g.remaining, g.target_secs - g.elapsed);
            if let (Some(due), true) = (g.due_at, g.remaining > 0) {
                prop_assert_eq!(c.business_secs(now, due), g.remaining);
            }
        }
    }
}

#[test]
fn a_loaded_pending_ticket_is_paused_from_its_load_not_from_later_writes() {
    let c = Calendar::always_open("24x7");
    let created = 1_795_000_000;
    let loaded = Loaded {
        created_at: created,
        status: Status::Pending,
        at: created + 9 * H,
        first_response_at: Some(created + 2 * H),
        solved_at: None,
    };
    let events = loaded_history(&loaded);
    assert_eq!(
        events,
        [
            Event {
                at: created + 2 * H,
                kind: EventKind::Status(Status::Open)
            },
            Event {
                at: created + 9 * H,
                kind: EventKind::Status(Status::Pending)
            },
        ]
    );
    // Twenty days on, under a one-day target (a priority raised while pending): nine hours used, still paused.
    let targets = Targets {
        first_response: None,
        first_solution: None,
        next_reply: None,
        resolution: Some(24 * H),
    };
    let now = created + 20 * 24 * H;
    let r = by(
        &clocks(created, &events, &targets, &c, now, 0.75),
        Target::Resolution,
    );
    assert_eq!(
        (r.elapsed, r.state, r.due_at),
        (9 * H, ClockState::Paused, None)
    );
    // A stamp written after the load (a re-solve, a late first response) does not rewrite the loaded past.
    let later = Loaded {
        first_response_at: Some(created + 30 * H),
        solved_at: Some(created + 40 * H),
        status: Status::Solved,
        ..loaded
    };
    assert_eq!(
        loaded_history(&later),
        [Event {
            at: created + 9 * H,
            kind: EventKind::Status(Status::Solved)
        }]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever targets a paused ticket is held to (its priority changed any number of times while it waits),
    /// only the time it ran counts: its clocks stay paused, and breached only when that running time alone
    /// reaches the target.
    #[test]
    fn paused_time_never_counts_whatever_the_targets(
        c in arb_calendar(),
        answered in prop::option::of(0i64..600),
        ran in 0i64..3000,
        on_hold in any::<bool>(),
        nows in prop::collection::vec((0i64..20_000, 1i64..4000, 1i64..4000), 1..6),
    ) {
        let created = 1_773_100_800 + 600 * 60;
        let loaded = Loaded {
            created_at: created,
            status: if on_hold { Status::OnHold } else { Status::Pending },
            at: created + ran * 60,
            first_response_at: answered.map(|m| created + m.min(ran) * 60),
            solved_at: None,
        };
        let events = loaded_history(&loaded);
        let running = c.business_secs(created, loaded.at);
        for (later, fr_mins, res_mins) in nows {
            let now = loaded.at + later * 60;
            let targets = Targets { first_response: Some(fr_mins * 60), first_solution: None, next_reply: None, resolution: Some(res_mins * 60) };
            let all = clocks(created, &events, &targets, &c, now, 0.75);
            let r = by(&all, Target::Resolution);
            prop_assert_eq!(r.elapsed, running);
            prop_assert!(r.paused && r.due_at.is_none());
            let expected = if running >= r.target_secs { ClockState::Breached } else { ClockState::Paused };
            prop_assert_eq!(r.state, expected);
            for g in all.iter().filter(|g| g.stopped_at.is_none()) {
                prop_assert!(g.paused);
                prop_assert!(g.elapsed <= running);
            }
        }
    }
}
