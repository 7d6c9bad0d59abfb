use super::*;
use chrono::TimeZone;
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> i64 {
    chrono::Utc
        .with_ymd_and_hms(y, m, d, 0, 0, 0)
        .unwrap()
        .timestamp()
}

fn until(at: i64) -> Option<ProductDates> {
    Some(ProductDates {
        purchased_at: None,
        warranty_until: Some(at),
    })
}

fn bought(at: i64) -> Option<ProductDates> {
    Some(ProductDates {
        purchased_at: Some(at),
        warranty_until: None,
    })
}

#[test]
fn no_product_or_no_dates_is_unknown() {
    let p = WarrantyPolicy::default();
    let d = decide(None, day(2026, 6, 1), Cause::Fault, &p);
    assert_eq!((d.coverage, d.until), (Coverage::Unknown, None));
    assert!(d.reason().contains("product="), "{}", d.reason());
    let d = decide(
        Some(ProductDates::default()),
        day(2026, 6, 1),
        Cause::UserDamage,
        &p,
    );
    assert_eq!((d.coverage, d.until), (Coverage::Unknown, None));
    assert_eq!(
        d.reason(),
        "the product has neither a purchase nor a warranty date"
    );
}

#[test]
fn past_the_warranty_date_is_out_with_the_date() {
    let p = WarrantyPolicy::default();
    let end = day(2026, 6, 30);
    let d = decide(until(end), day(2026, 7, 1), Cause::Fault, &p);
    assert_eq!(d.coverage, Coverage::Out);
    assert_eq!(d.reason(), "the warranty ended on 2026-06-30");
    assert_eq!(d.until, Some(end));
    // Even an unknown cause (not inspected yet) is out once the date has passed.
    assert_eq!(
        decide(until(end), day(2027, 1, 1), Cause::Unknown, &p).coverage,
        Coverage::Out
    );
}

#[test]
fn excluded_causes_are_out_within_the_date() {
    let p = WarrantyPolicy::default();
    let end = day(2026, 6, 30);
    let at = day(2026, 3, 1);
    for (cause, words) in [
        (Cause::UserDamage, "user damage"),
        (Cause::UnauthorizedRepair, "unauthorized repair"),
        (Cause::Consumable, "consumable"),
    ] {
        let d = decide(until(end), at, cause, &p);
        assert_eq!(d.coverage, Coverage::Out, "{cause}");
        assert_eq!(
            d.reason(),
            format!("{words} is not covered (warranty runs to 2026-06-30)")
        );
        assert_eq!(d.until, Some(end));
    }
    // The exclusions are the policy's, not fixed.
    let lenient = WarrantyPolicy {
        excluded: vec![],
        ..WarrantyPolicy::default()
    };
    assert_eq!(
        decide(until(end), at, Cause::UserDamage, &lenient).coverage,
        Coverage::In
    );
    let strict = WarrantyPolicy {
        excluded: vec![Cause::Fault],
        ..WarrantyPolicy::default()
    };
    assert_eq!(
        decide(until(end), at, Cause::Fault, &strict).coverage,
        Coverage::Out
    );
}

#[test]
fn fault_or_unknown_within_the_date_is_in() {
    let p = WarrantyPolicy::default();
    let end = day(2026, 6, 30);
    let d = decide(until(end), day(2026, 3, 1), Cause::Fault, &p);
    assert_eq!(
        (d.coverage, d.reason().as_str(), d.until),
        (Coverage::In, "under warranty until 2026-06-30", Some(end))
    );
    let d = decide(until(end), day(2026, 3, 1), Cause::Unknown, &p);
    assert_eq!(d.coverage, Coverage::In);
    assert_eq!(
        d.reason(),
        "under warranty until 2026-06-30, unless the engineer finds an excluded cause"
    );
}

#[test]
fn the_last_moment_is_still_in() {
    let p = WarrantyPolicy::default();
    let end = day(2026, 6, 30) + 12 * 3600;
    assert_eq!(
        decide(until(end), end, Cause::Fault, &p).coverage,
        Coverage::In
    );
    assert_eq!(
        decide(until(end), end + 1, Cause::Fault, &p).coverage,
        Coverage::Out
    );
    assert_eq!(
        decide(until(end), end - 1, Cause::Fault, &p).coverage,
        Coverage::In
    );
}

#[test]
fn purchase_date_alone_gives_the_default_term() {
    let monthly = WarrantyPolicy {
        default_months: 1,
        ..WarrantyPolicy::default()
    };
    // 31 January + 1 month clamps to the end of February (chrono's checked_add_months).
    let bought_at = day(2026, 1, 31);
    let end = day(2026, 2, 28);
    let d = decide(bought(bought_at), end, Cause::Fault, &monthly);
    assert_eq!(d.coverage, Coverage::In);
    assert_eq!(d.until, Some(end));
    assert_eq!(
        d.reason(),
        "under warranty until 2026-02-28 (the default term from purchase)"
    );
    let d = decide(bought(bought_at), end + 1, Cause::Fault, &monthly);
    assert_eq!(d.coverage, Coverage::Out);
    assert!(d.reason().contains("2026-02-28"), "{}", d.reason());
    assert!(d.reason().contains("default term"), "{}", d.reason());
    // The default policy is twelve months, keeping the time of day; a leap day clamps to the 28th.
    let yearly = WarrantyPolicy::default();
    let noon = day(2026, 5, 10) + 12 * 3600;
    assert_eq!(
        decide(bought(noon), noon, Cause::Fault, &yearly).until,
        Some(day(2027, 5, 10) + 12 * 3600)
    );
    assert_eq!(
        decide(
            bought(day(2024, 2, 29)),
            day(2024, 3, 1),
            Cause::Fault,
            &yearly
        )
        .until,
        Some(day(2025, 2, 28))
    );
    // A warranty date, when there is one, wins over the purchase date and is not called a default.
    let both = Some(ProductDates {
        purchased_at: Some(day(2020, 1, 1)),
        warranty_until: Some(day(2026, 6, 30)),
    });
    let d = decide(both, day(2026, 3, 1), Cause::Fault, &yearly);
    assert_eq!(
        (d.coverage, d.until, d.reason().as_str()),
        (
            Coverage::In,
            Some(day(2026, 6, 30)),
            "under warranty until 2026-06-30"
        )
    );
}

fn arb_time() -> impl Strategy<Value = i64> {
    0i64..4_200_000_000
}

proptest! {
    #[test]
    fn excluded_causes_and_late_work_are_never_in(
        purchased in prop::option::of(arb_time()),
        warranty_until in prop::option::of(arb_time()),
        at in arb_time(),
        cause in prop::sample::select(Cause::ALL),
        excluded in prop::sample::subsequence(Cause::ALL.to_vec(), 0..=Cause::ALL.len()),
        default_months in 0u32..=120,
    ) {
        let policy = WarrantyPolicy {
            default_months,
            excluded: excluded.clone(),
            ..WarrantyPolicy::default()
        };
        let product = ProductDates { purchased_at: purchased, warranty_until };
        let d = decide(Some(product), at, cause, &policy);
        if excluded.contains(&cause) {
            prop_assert_ne!(d.coverage, Coverage::In);
        }
        if let Some(w) = warranty_until {
            prop_assert_eq!(d.until, Some(w));
        }
        match d.until {
            None => {
                prop_assert!(purchased.is_none() && warranty_until.is_none());
                prop_assert_eq!(d.coverage, Coverage::Unknown);
            }
            Some(u) if at > u => prop_assert_eq!(d.coverage, Coverage::Out),
            Some(_) if excluded.contains(&cause) => prop_assert_eq!(d.coverage, Coverage::Out),
            Some(u) => {
                prop_assert_eq!(d.coverage, Coverage::In);
                prop_assert!(d.reason().contains(&ymd(u)), "{}", d.reason());
            }
        }
        if let (Some(b), None) = (purchased, warranty_until) {
            prop_assert!(d.until.unwrap() >= b, "the default term never ends before the purchase");
        }
    }
}

#[test]
fn labour_is_charged_per_started_quarter_hour() {
    let p = WarrantyPolicy::default(); // 120 yuan an hour: 30 yuan a quarter, 50 yuan call-out
    let labour = |minutes| quote(0, minutes, &p).labour_cents;
    assert_eq!(labour(0), 0);
    assert_eq!(labour(1), 3_000);
    assert_eq!(labour(15), 3_000);
    assert_eq!(labour(16), 6_000);
    assert_eq!(labour(60), 12_000);
    assert_eq!(labour(61), 15_000);
    assert_eq!(labour(-30), 0, "negative minutes are no work");
    let q = quote(25_000, 40, &p);
    assert_eq!(
        q,
        Quote {
            parts_cents: 25_000,
            labour_cents: 9_000,
            call_out_cents: 5_000,
            total_cents: 39_000,
        }
    );
    let cheap = WarrantyPolicy {
        labour_cents_per_hour: 10_000,
        call_out_cents: 0,
        ..WarrantyPolicy::default()
    };
    assert_eq!(quote(0, 0, &cheap).total_cents, 0);
    assert_eq!(quote(199, 20, &cheap).total_cents, 199 + 5_000);
}

proptest! {
    #[test]
    fn quote_adds_up(parts in 0i64..100_000_000, minutes in 0i64..100_000, rate in 0i64..100_000, call_out in 0i64..100_000) {
        let p = WarrantyPolicy { labour_cents_per_hour: rate, call_out_cents: call_out, ..WarrantyPolicy::default() };
        let q = quote(parts, minutes, &p);
        prop_assert_eq!(q.total_cents, q.parts_cents + q.labour_cents + q.call_out_cents);
        prop_assert_eq!((q.parts_cents, q.call_out_cents), (parts, call_out));
        // Started quarters: 15·(n−1) < minutes ≤ 15·n.
        let quarters = (minutes + 14) / 15;
        prop_assert!(quarters * 15 >= minutes && (quarters == 0 || (quarters - 1) * 15 < minutes));
        prop_assert_eq!(q.labour_cents, quarters * rate / 4);
        prop_assert!(quote(parts, minutes + 1, &p).labour_cents >= q.labour_cents);
    }
}

#[test]
fn yuan_prints_two_decimals() {
    assert_eq!(yuan(0), "0.00");
    assert_eq!(yuan(5), "0.05");
    assert_eq!(yuan(1250), "12.50");
    assert_eq!(yuan(12_345), "123.45");
    assert_eq!(yuan(-5), "-0.05");
    assert_eq!(yuan(-12_345), "-123.45");
    assert_eq!(yuan(i64::MIN), "-92233720368547758.08");
}

#[test]
fn parse_yuan_reads_amounts() {
    assert_eq!(parse_yuan("12"), Some(1_200));
    assert_eq!(parse_yuan("12.5"), Some(1_250));
    assert_eq!(parse_yuan("12.50"), Some(1_250));
    assert_eq!(parse_yuan("¥12.34"), Some(1_234));
    assert_eq!(parse_yuan("￥1.05"), Some(105));
    assert_eq!(parse_yuan(" 0.07 "), Some(7));
    assert_eq!(parse_yuan("0"), Some(0));
    for bad in [
        "",
        " ",
        "¥",
        "1.234",
        "abc",
        "-1",
        "+1",
        "1.x",
        ".5",
        "1,5",
        "1 000",
        "1.-5",
        "99999999999999999999",
    ] {
        assert_eq!(parse_yuan(bad), None, "{bad:?}");
    }
}

proptest! {
    #[test]
    fn yuan_round_trips(cents in 0i64..=i64::MAX) {
        let text = yuan(cents);
        prop_assert_eq!(parse_yuan(&text), Some(cents));
        prop_assert_eq!(parse_yuan(&format!("¥{text}")), Some(cents));
    }

    #[test]
    fn parse_yuan_agrees_with_decimal_arithmetic(whole in 0i64..10_000_000, frac in 0i64..100) {
        prop_assert_eq!(parse_yuan(&format!("{whole}.{frac:02}")), Some(whole * 100 + frac));
        if frac % 10 == 0 {
            prop_assert_eq!(parse_yuan(&format!("{whole}.{}", frac / 10)), Some(whole * 100 + frac));
        }
    }
}
