use super::*;
use chrono::TimeZone;
use proptest::prelude::*;

/// A moment in Shanghai local time.
fn sh(month: u32, d: u32, h: u32, m: u32) -> i64 {
    chrono_tz::Asia::Shanghai
        .with_ymd_and_hms(2026, month, d, h, m, 0)
        .unwrap()
        .timestamp()
}

/// Delivered 1 December 2026 at 10:00 Shanghai time.
fn delivered() -> i64 {
    sh(12, 1, 10, 0)
}

/// `n` calendar days after delivery, at 20:00 Shanghai (later in the day than the delivery).
fn day_n(n: u32) -> i64 {
    delivered() + i64::from(n) * DAY + 10 * 3600
}

fn ask(kind: RmaKind, reason: RmaReason, n: u32) -> Eligibility {
    eligibility(
        kind,
        reason,
        Some(delivered()),
        day_n(n),
        &ReturnPolicy::default(),
    )
}

#[test]
fn no_reason_return_runs_seven_days() {
    let e = ask(RmaKind::Return, RmaReason::NoReason, 0);
    assert_eq!(
        e,
        Eligibility::Eligible(
            "day 0 after delivery, within the 7-day no-reason return (七天无理由退货)".into()
        )
    );
    assert!(ask(RmaKind::Return, RmaReason::NoReason, 7).is_eligible());
    let e = ask(RmaKind::Return, RmaReason::NoReason, 8);
    assert_eq!(
        e,
        Eligibility::NotEligible(
            "day 8 after delivery, past the 7-day no-reason return (七天无理由退货); \
             a repair under warranty is still possible"
                .into()
        )
    );
    // "Other" is a no-reason return by another name.
    assert!(ask(RmaKind::Return, RmaReason::Other, 7).is_eligible());
    assert!(!ask(RmaKind::Return, RmaReason::Other, 8).is_eligible());
}

#[test]
fn quality_return_runs_seven_days_then_points_to_exchange() {
    for reason in [
        RmaReason::Quality,
        RmaReason::WrongItem,
        RmaReason::DamagedInTransit,
    ] {
        let e = ask(RmaKind::Return, reason, 7);
        assert!(e.is_eligible(), "{reason}: {}", e.text());
        assert!(e.text().contains("return for a fault"), "{}", e.text());
        let e = ask(RmaKind::Return, reason, 8);
        assert!(matches!(e, Eligibility::NotEligible(_)), "{reason}");
        assert!(
            e.text()
                .ends_with("; an exchange is still possible to day 15"),
            "{}",
            e.text()
        );
        let e = ask(RmaKind::Return, reason, 15);
        assert!(
            e.text().contains("exchange is still possible"),
            "{}",
            e.text()
        );
        // Past the exchange period only a repair is left.
        let e = ask(RmaKind::Return, reason, 16);
        assert!(!e.is_eligible());
        assert!(!e.text().contains("exchange"), "{}", e.text());
        assert!(e.text().contains("repair"), "{}", e.text());
    }
}

#[test]
fn exchange_runs_fifteen_days_and_needs_a_reason() {
    let e = ask(RmaKind::Exchange, RmaReason::Quality, 15);
    assert_eq!(
        e,
        Eligibility::Eligible("day 15 after delivery, within the 15-day exchange (换货)".into())
    );
    let e = ask(RmaKind::Exchange, RmaReason::Quality, 16);
    assert!(matches!(e, Eligibility::NotEligible(_)));
    assert!(
        e.text()
            .starts_with("day 16 after delivery, past the 15-day exchange")
    );
    for n in [0, 1, 7, 15, 100] {
        let e = ask(RmaKind::Exchange, RmaReason::NoReason, n);
        assert!(matches!(e, Eligibility::NotEligible(_)), "day {n}");
        assert!(
            e.text().contains("an exchange needs a reason"),
            "{}",
            e.text()
        );
    }
    // Refused even without a delivery date: no date could make it eligible.
    let e = eligibility(
        RmaKind::Exchange,
        RmaReason::NoReason,
        None,
        day_n(0),
        &ReturnPolicy::default(),
    );
    assert!(matches!(e, Eligibility::NotEligible(_)));
}

#[test]
fn repair_is_always_eligible_and_no_delivery_date_is_unknown() {
    let p = ReturnPolicy::default();
    for reason in RmaReason::ALL.iter().copied() {
        for n in [0, 8, 16, 3_650] {
            assert!(
                ask(RmaKind::Repair, reason, n).is_eligible(),
                "{reason} day {n}"
            );
        }
        assert!(eligibility(RmaKind::Repair, reason, None, day_n(0), &p).is_eligible());
    }
    for (kind, reason) in [
        (RmaKind::Return, RmaReason::NoReason),
        (RmaKind::Return, RmaReason::Quality),
        (RmaKind::Exchange, RmaReason::Quality),
    ] {
        let e = eligibility(kind, reason, None, day_n(0), &p);
        assert!(
            matches!(e, Eligibility::Unknown(_)),
            "{kind} {reason}: {e:?}"
        );
        assert!(e.text().contains("delivered="), "{}", e.text());
        assert!(!e.is_eligible());
    }
}

#[test]
fn days_are_local_calendar_days() {
    let tz = chrono_tz::Asia::Shanghai;
    // 23:30 and 00:10 the next night, Shanghai time: forty minutes, but the next day.
    let late = sh(12, 1, 23, 30);
    let after_midnight = sh(12, 2, 0, 10);
    assert_eq!(days_after(late, after_midnight, tz), 1);
    // In UTC both are on 1 December (15:30Z and 16:10Z): the zone matters.
    assert_eq!(days_after(late, after_midnight, chrono_tz::UTC), 0);
    assert_eq!(days_after(sh(12, 1, 0, 10), sh(12, 1, 23, 50), tz), 0);
    assert_eq!(days_after(late, late, tz), 0);
    assert_eq!(days_after(sh(12, 8, 12, 0), sh(12, 1, 12, 0), tz), -7);
    // Across a month and a year.
    assert_eq!(
        days_after(sh(12, 31, 23, 0), sh(12, 1, 0, 0) + 31 * DAY, tz),
        1
    );
    let e = eligibility(
        RmaKind::Return,
        RmaReason::NoReason,
        Some(late),
        after_midnight,
        &ReturnPolicy::default(),
    );
    assert!(e.text().starts_with("day 1 after delivery"), "{}", e.text());
    // The seventh day lasts until local midnight, however late in the day the goods came.
    let p = ReturnPolicy::default();
    let last = |at| {
        eligibility(
            RmaKind::Return,
            RmaReason::NoReason,
            Some(sh(12, 1, 23, 59)),
            at,
            &p,
        )
    };
    assert!(last(sh(12, 8, 23, 59)).is_eligible());
    assert!(!last(sh(12, 9, 0, 0)).is_eligible());
}

#[test]
fn the_periods_are_the_policys() {
    let p = ReturnPolicy {
        no_reason_days: 3,
        fault_return_days: 10,
        exchange_days: 30,
        tz: chrono_tz::Asia::Shanghai,
    };
    let at = |n: u32, kind, reason| eligibility(kind, reason, Some(delivered()), day_n(n), &p);
    assert!(at(3, RmaKind::Return, RmaReason::NoReason).is_eligible());
    assert!(!at(4, RmaKind::Return, RmaReason::NoReason).is_eligible());
    assert!(at(10, RmaKind::Return, RmaReason::Quality).is_eligible());
    assert!(!at(11, RmaKind::Return, RmaReason::Quality).is_eligible());
    assert!(at(30, RmaKind::Exchange, RmaReason::WrongItem).is_eligible());
    assert!(!at(31, RmaKind::Exchange, RmaReason::WrongItem).is_eligible());
    // A fault is never held to less than the no-reason period.
    let short = ReturnPolicy {
        fault_return_days: 1,
        ..ReturnPolicy::default()
    };
    let e = eligibility(
        RmaKind::Return,
        RmaReason::Quality,
        Some(delivered()),
        day_n(7),
        &short,
    );
    assert!(e.is_eligible(), "{}", e.text());
}

proptest! {
    #[test]
    fn eligibility_ends_once_and_for_all(
        kind in prop::sample::select(RmaKind::ALL),
        reason in prop::sample::select(RmaReason::ALL),
        n in 0u32..60,
    ) {
        let p = ReturnPolicy::default();
        let limit = match (kind, reason) {
            (RmaKind::Repair, _) => u32::MAX,
            (RmaKind::Exchange, RmaReason::NoReason) => 0,
            (RmaKind::Exchange, _) => p.exchange_days,
            (RmaKind::Return, _) => p.no_reason_days.max(p.fault_return_days),
        };
        let e = ask(kind, reason, n);
        let excluded = kind == RmaKind::Exchange && reason == RmaReason::NoReason;
        prop_assert_eq!(e.is_eligible(), !excluded && n <= limit, "{}", e.text());
        if e.is_eligible() && n > 0 {
            prop_assert!(ask(kind, reason, n - 1).is_eligible(), "eligible on day {} but not before", n);
        }
    }
}

#[test]
fn final_states_have_no_next_and_inspection_ends_by_kind() {
    use RmaStatus as S;
    for &kind in RmaKind::ALL {
        for &s in RmaStatus::ALL {
            assert_eq!(s.is_final(), s.next(kind).is_empty(), "{s} for {kind}");
        }
        assert_eq!(S::Requested.next(kind), [S::Approved, S::Declined]);
        assert_eq!(S::Approved.next(kind), [S::Collected, S::Received]);
        assert_eq!(S::Collected.next(kind), [S::Received]);
        assert_eq!(S::Received.next(kind), [S::Inspected]);
    }
    assert_eq!(
        S::Inspected.next(RmaKind::Return),
        [S::Refunded, S::Declined]
    );
    assert_eq!(
        S::Inspected.next(RmaKind::Exchange),
        [S::Exchanged, S::Refunded, S::Declined]
    );
    assert_eq!(
        S::Inspected.next(RmaKind::Repair),
        [S::Repaired, S::Declined]
    );
    let finals: Vec<_> = RmaStatus::ALL
        .iter()
        .filter(|s| s.is_final())
        .copied()
        .collect();
    assert_eq!(
        finals,
        [S::Declined, S::Refunded, S::Exchanged, S::Repaired]
    );
}

proptest! {
    #[test]
    fn random_walks_end_in_a_final_state_the_kind_allows(
        kind in prop::sample::select(RmaKind::ALL),
        choices in prop::collection::vec(any::<usize>(), 10),
    ) {
        let mut at = RmaStatus::Requested;
        let mut seen = vec![at];
        for (step, i) in choices.into_iter().enumerate() {
            let next = at.next(kind);
            if next.is_empty() {
                prop_assert!(at.is_final());
                prop_assert!(step <= 5, "the longest path has five steps, took {}", step);
                break;
            }
            prop_assert!(!at.is_final());
            at = next[i % next.len()];
            prop_assert!(!seen.contains(&at), "{} came round again", at);
            seen.push(at);
        }
        prop_assert!(at.is_final(), "ten steps end every request, stopped at {}", at);
        match kind {
            RmaKind::Return => prop_assert!(!seen.iter().any(|s| matches!(s, RmaStatus::Exchanged | RmaStatus::Repaired))),
            RmaKind::Exchange => prop_assert!(!seen.contains(&RmaStatus::Repaired)),
            RmaKind::Repair => prop_assert!(!seen.iter().any(|s| matches!(s, RmaStatus::Exchanged | RmaStatus::Refunded))),
        }
    }
}
