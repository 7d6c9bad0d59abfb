use super::*;
use chrono::TimeZone;
use proptest::prelude::*;

use VisitStatus as S;

const NOTES: &str = "replaced the lock cylinder";

fn facts(engineer: bool, window: bool, notes: &str, out: bool, accepted: bool) -> VisitFacts {
    VisitFacts {
        has_engineer: engineer,
        has_window: window,
        notes: notes.into(),
        out_of_warranty: out,
        quote_accepted: accepted,
    }
}

fn complete() -> VisitFacts {
    facts(true, true, NOTES, false, false)
}

#[test]
fn final_states_are_exactly_those_with_no_next_step() {
    for &s in VisitStatus::ALL {
        assert_eq!(s.is_final(), s.next().is_empty(), "{s}");
        assert!(!(s.holds_time() && s.wants_time()), "{s}");
    }
    assert!(S::Completed.is_final() && S::NoShow.is_final() && S::Cancelled.is_final());
    // A cancelled or missed visit neither holds nor wants time.
    assert!(!S::Cancelled.holds_time() && !S::Cancelled.wants_time());
    assert!(!S::NoShow.holds_time() && !S::NoShow.wants_time());
    assert!(S::Rescheduled.wants_time() && S::Unscheduled.wants_time());
    assert!(S::OnSite.holds_time() && S::Completed.holds_time());
}

#[test]
fn every_allowed_step_passes_with_complete_facts() {
    let mut steps = 0;
    for &from in VisitStatus::ALL {
        for &to in from.next() {
            assert_eq!(check_step(from, to, &complete()), Ok(()), "{from} → {to}");
            steps += 1;
        }
    }
    assert_eq!(steps, 2 + 5 + 4 + 2 + 2, "the table in next()");
}

#[test]
fn every_step_not_in_next_is_refused_with_the_allowed_list() {
    for &from in VisitStatus::ALL {
        for &to in VisitStatus::ALL
            .iter()
            .filter(|to| !from.next().contains(to))
        {
            let err = check_step(from, to, &complete()).unwrap_err();
            let allowed = if from.is_final() {
                assert!(err.to_string().contains("finished"), "{err}");
                "nothing (it is finished)".to_string()
            } else {
                let names: Vec<&str> = from.next().iter().map(|s| s.as_str()).collect();
                names.join(", ")
            };
            assert_eq!(err, StepRefused::NotNext { from, to, allowed });
        }
    }
    let err = check_step(S::Scheduled, S::Completed, &complete()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the visit is scheduled and cannot become completed; from scheduled it can become: \
         en_route, on_site, no_show, rescheduled, cancelled"
    );
    // Staying put is not a step either.
    let same = check_step(S::OnSite, S::OnSite, &complete());
    assert!(matches!(same, Err(StepRefused::NotNext { .. })));
}

#[test]
fn scheduled_en_route_and_on_site_need_engineer_and_window() {
    let mut checked = 0;
    for &from in VisitStatus::ALL {
        for &to in from.next() {
            if !matches!(to, S::Scheduled | S::EnRoute | S::OnSite) {
                // Steps that take nobody's time (and, but for completing, need no notes) need neither.
                let bare = facts(false, false, "", false, false);
                let want = if to == S::Completed {
                    Err(StepRefused::NeedsNotes)
                } else {
                    Ok(())
                };
                assert_eq!(check_step(from, to, &bare), want, "{from} → {to}");
                continue;
            }
            for (e, w) in [(false, true), (true, false), (false, false)] {
                let refused = check_step(from, to, &facts(e, w, NOTES, false, false));
                let want = Err(StepRefused::NeedsSchedule { to });
                assert_eq!(refused, want, "{from} → {to} engineer {e} window {w}");
                checked += 1;
            }
        }
    }
    // unscheduled/rescheduled → scheduled, scheduled → en_route/on_site, en_route → on_site
    assert_eq!(checked, 5 * 3);
}

#[test]
fn completing_needs_notes_and_out_of_warranty_an_accepted_quote() {
    let complete_with = |f: VisitFacts| check_step(S::OnSite, S::Completed, &f);
    for notes in ["", "   ", "\n\t"] {
        let refused = complete_with(facts(true, true, notes, false, false));
        assert_eq!(refused, Err(StepRefused::NeedsNotes), "{notes:?}");
    }
    let err = complete_with(facts(true, true, NOTES, true, false)).unwrap_err();
    assert_eq!(err, StepRefused::NeedsAcceptedQuote);
    assert!(err.to_string().contains("quote=accepted"), "{err}");
    assert_eq!(complete_with(facts(true, true, NOTES, true, true)), Ok(()));
    // In warranty the quote does not matter.
    assert_eq!(
        complete_with(facts(true, true, NOTES, false, false)),
        Ok(())
    );
    // Missing notes are reported before the quote.
    let neither = complete_with(facts(true, true, "", true, false));
    assert_eq!(neither, Err(StepRefused::NeedsNotes));
    // An unaccepted quote does not stop a return trip.
    let unaccepted = facts(true, true, NOTES, true, false);
    assert_eq!(check_step(S::OnSite, S::Rescheduled, &unaccepted), Ok(()));
}

fn arb_facts() -> impl Strategy<Value = VisitFacts> {
    let notes = prop::sample::select(vec!["", "  ", NOTES]);
    (
        any::<bool>(),
        any::<bool>(),
        notes,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(e, w, notes, o, q)| facts(e, w, notes, o, q))
}

proptest! {
    /// Requests are half "one of the allowed steps" (to get deep into the graph) and half anything at all.
    #[test]
    fn random_walks_never_leave_a_final_state_nor_complete_without_notes(
        requests in prop::collection::vec((any::<bool>(), any::<usize>(), arb_facts()), 0..40)
    ) {
        let mut at = S::Unscheduled;
        for (from_next, i, facts) in requests {
            let to = if from_next && !at.next().is_empty() {
                at.next()[i % at.next().len()]
            } else {
                VisitStatus::ALL[i % VisitStatus::ALL.len()]
            };
            match check_step(at, to, &facts) {
                Ok(()) => {
                    prop_assert!(!at.is_final(), "left final {} for {}", at, to);
                    prop_assert!(at.next().contains(&to));
                    if to == S::Completed {
                        prop_assert!(!facts.notes.trim().is_empty());
                        prop_assert!(!facts.out_of_warranty || facts.quote_accepted);
                    }
                    if matches!(to, S::Scheduled | S::EnRoute | S::OnSite) {
                        prop_assert!(facts.has_engineer && facts.has_window);
                    }
                    at = to;
                }
                Err(e) => {
                    if at.is_final() {
                        prop_assert!(e.to_string().contains("finished"), "{}", e);
                    }
                }
            }
        }
    }
}

const BASE: i64 = 1_796_601_600; // some midnight; only differences matter
const PD: &str = "浦东";
const MH: &str = "闵行";

/// Seconds after `BASE` for `"HH:MM"`.
fn t(hhmm: &str) -> i64 {
    let (h, m) = hhmm.split_once(':').unwrap();
    BASE + (h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()) * 60
}

/// A visit `"HH:MM-HH:MM"` after `BASE`.
fn slot(number: i64, window: &str, place: &str) -> Slot {
    let (start, end) = window.split_once('-').unwrap();
    span(number, t(start), t(end), place)
}

/// Visits written `number HH:MM-HH:MM place`, comma-separated.
fn day(spec: &str) -> Vec<Slot> {
    let visit = |v: &str| {
        let words: Vec<&str> = v.split_whitespace().collect();
        let [n, window, place] = words.as_slice() else {
            panic!("{v}")
        };
        slot(n.parse().unwrap(), window, place)
    };
    spec.split(',').map(visit).collect()
}

fn span(number: i64, start: i64, end: i64, place: &str) -> Slot {
    Slot {
        number,
        start,
        end,
        place: place.into(),
    }
}

fn conflict(a: i64, b: i64) -> Flag {
    Flag::Conflict { a, b }
}

fn tight(a: i64, b: i64, gap_minutes: i64) -> Flag {
    Flag::TightTravel { a, b, gap_minutes }
}

#[test]
fn overlapping_windows_conflict_and_a_long_visit_conflicts_with_each() {
    let two = [slot(1, "09:00-11:00", PD), slot(2, "10:00-12:00", PD)];
    assert_eq!(flags(&two, 30), [conflict(1, 2)]);
    let long = day("1 09:00-13:00 浦东, 2 10:00-11:00 浦东, 3 12:00-14:00 浦东");
    assert_eq!(flags(&long, 30), [conflict(1, 2), conflict(1, 3)]);
    // Touching windows do not overlap.
    let touching = [slot(1, "09:00-10:00", PD), slot(2, "10:00-11:00", PD)];
    assert_eq!(flags(&touching, 30), []);
    assert_eq!(flags(&[], 30), []);
    let first: Vec<Slot> = touching.iter().take(1).cloned().collect();
    assert_eq!(flags(&first, 30), []);
}

#[test]
fn short_gaps_between_places_are_tight_travel() {
    let pair = |gap_s: i64, b_place: &str| {
        let mut b = slot(2, "10:00-11:00", b_place);
        (b.start, b.end) = (b.start + gap_s, b.end + gap_s);
        flags(&[slot(1, "09:00-10:00", PD), b], 30)
    };
    assert_eq!(pair(20 * 60, MH), [tight(1, 2, 20)]);
    assert_eq!(pair(0, MH), [tight(1, 2, 0)]);
    assert_eq!(
        pair(30 * 60 - 1, MH),
        [tight(1, 2, 29)],
        "29 min 59 s is short of 30"
    );
    assert_eq!(pair(30 * 60, MH), [], "exactly the travel time is enough");
    assert_eq!(pair(3 * 3600, MH), []);
    assert_eq!(pair(0, PD), [], "same place needs no travel");
    assert_eq!(pair(60, MH).len(), 1);
    // Only neighbours are compared: 1→2 and 2→3 are tight, 1→3 (same place anyway) is not asked.
    let three = day("1 09:00-10:00 浦东, 2 10:10-11:00 闵行, 3 11:05-12:00 浦东");
    assert_eq!(flags(&three, 30), [tight(1, 2, 10), tight(2, 3, 5)]);
}

#[test]
fn travel_after_a_visit_is_checked_past_the_visits_it_overlaps() {
    // 2 sits inside 1; after 1 ends at 12:00 the engineer has 10 minutes to reach 3 elsewhere.
    let nested = day("1 09:00-12:00 浦东, 2 09:30-10:00 浦东, 3 12:10-13:00 闵行");
    assert_eq!(flags(&nested, 30), [conflict(1, 2), tight(1, 3, 10)]);
}

#[test]
fn input_order_does_not_matter() {
    let visits = day("7 13:00-14:00 闵行, 3 09:00-11:00 浦东, 5 10:30-12:45 浦东");
    let expected = [conflict(3, 5), tight(5, 7, 15)];
    assert_eq!(flags(&visits, 30), expected);
    let reversed: Vec<Slot> = visits.into_iter().rev().collect();
    assert_eq!(flags(&reversed, 30), expected);
}

fn arb_slots() -> impl Strategy<Value = Vec<Slot>> {
    // Quarter-hour starts over two days, 15 min to 4 h long, three places, unique numbers.
    prop::collection::vec((0i64..192, 1i64..16, 0usize..3), 0..9).prop_map(|v| {
        v.into_iter()
            .zip(1..)
            .map(|((s, d, p), n)| span(n, BASE + s * 900, BASE + (s + d) * 900, ["A", "B", "C"][p]))
            .collect()
    })
}

fn key(flags: &[Flag]) -> Vec<(u8, i64, i64, i64)> {
    let mut k: Vec<_> = flags
        .iter()
        .map(|f| match *f {
            Flag::Conflict { a, b } => (0, a, b, 0),
            Flag::TightTravel { a, b, gap_minutes } => (1, a, b, gap_minutes),
        })
        .collect();
    k.sort_unstable();
    k
}

proptest! {
    #[test]
    fn shuffling_slots_gives_the_same_flags(
        (slots, shuffled) in arb_slots().prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle())),
        travel in 0i64..120,
    ) {
        prop_assert_eq!(key(&flags(&slots, travel)), key(&flags(&shuffled, travel)));
    }

    #[test]
    fn conflicts_are_exactly_the_overlapping_pairs(slots in arb_slots(), travel in 0i64..120) {
        let got = flags(&slots, travel);
        let mut conflicts: Vec<(i64, i64)> = got
            .iter()
            .filter_map(|f| match *f {
                Flag::Conflict { a, b } => Some((a.min(b), a.max(b))),
                Flag::TightTravel { .. } => None,
            })
            .collect();
        conflicts.sort_unstable();
        let mut want = Vec::new();
        for (i, x) in slots.iter().enumerate() {
            for y in slots.iter().skip(i + 1) {
                if x.start < y.end && y.start < x.end {
                    want.push((x.number.min(y.number), x.number.max(y.number)));
                }
            }
        }
        want.sort_unstable();
        prop_assert_eq!(conflicts, want);
        let by_number = |n: i64| slots.iter().find(|s| s.number == n).unwrap();
        for f in got {
            if let Flag::TightTravel { a, b, gap_minutes } = f {
                let (a, b) = (by_number(a), by_number(b));
                prop_assert!(a.place != b.place);
                prop_assert!(b.start >= a.end);
                prop_assert_eq!(gap_minutes, (b.start - a.end) / 60);
                prop_assert!(gap_minutes < travel);
            }
        }
    }
}

fn utc(day: u32, h: u32, m: u32) -> i64 {
    let at = chrono::Utc.with_ymd_and_hms(2026, 12, day, h, m, 0);
    at.unwrap().timestamp()
}

/// A window on 7 December 2026 in Shanghai (UTC+8 all year: 09:00 local is 01:00Z).
fn dec7(times: &str) -> Option<(i64, i64)> {
    parse_window(&format!("2026-12-07 {times}"), chrono_tz::Asia::Shanghai)
}

#[test]
fn windows_parse_in_the_local_zone() {
    let nine_to_eleven = Some((utc(7, 1, 0), utc(7, 3, 0)));
    assert_eq!(dec7("09:00-11:00"), nine_to_eleven);
    assert_eq!(dec7("09:00+2h"), nine_to_eleven);
    assert_eq!(dec7("  09:00 - 11:00 "), nine_to_eleven);
    assert_eq!(dec7("09:00+1.5h"), Some((utc(7, 1, 0), utc(7, 2, 30))));
    assert_eq!(dec7("09:00+0.25h"), Some((utc(7, 1, 0), utc(7, 1, 15))));
    // Exactly a day is allowed, and may run past midnight.
    assert_eq!(dec7("00:00+24h"), Some((utc(6, 16, 0), utc(7, 16, 0))));
    let in_utc = parse_window("2026-12-07 09:00-11:00", chrono_tz::UTC);
    assert_eq!(in_utc, Some((utc(7, 9, 0), utc(7, 11, 0))));
}

#[test]
fn bad_windows_are_none() {
    // Reversed, empty, over a day, not hours, overflowing, missing parts, bad clock times.
    let bad = "11:00-09:00 09:00-09:00 09:00+0h 09:00+-1h 09:00+25h 00:00+24.5h 09:00+2 09:00+xh \
               09:00+NaNh 09:00+infh 09:00+1e300h 09:00+h 09:00 25:00-26:00 9-11";
    for times in bad.split_whitespace() {
        assert_eq!(dec7(times), None, "{times:?}");
    }
    let sh = chrono_tz::Asia::Shanghai;
    for text in [
        "2026-13-07 09:00-11:00",
        "07/12/2026 09:00-11:00",
        "2026-12-07",
        "tomorrow",
        "",
    ] {
        assert_eq!(parse_window(text, sh), None, "{text:?}");
    }
    // 02:30 does not exist in New York on the morning clocks spring forward.
    let gap = parse_window("2026-03-08 02:30-03:30", chrono_tz::America::New_York);
    assert_eq!(gap, None);
}

proptest! {
    #[test]
    fn parsed_windows_have_the_asked_length(h in 0u32..24, m in 0u32..60, quarters in 1i64..=96, len in 1u32..600) {
        let start = utc(7, 0, 0) - 8 * 3600 + i64::from(h * 3600 + m * 60);
        let text = format!("{h:02}:{m:02}+{}h", quarters as f64 / 4.0);
        prop_assert_eq!(dec7(&text), Some((start, start + quarters * 900)));
        let end = h * 60 + m + len;
        let ranged = format!("{h:02}:{m:02}-{:02}:{:02}", end / 60, end % 60);
        let want = (end < 24 * 60).then_some((start, start + i64::from(len) * 60));
        prop_assert_eq!(dec7(&ranged), want);
    }
}
