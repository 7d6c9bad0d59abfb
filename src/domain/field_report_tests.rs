use super::*;
use proptest::prelude::*;

fn visit(engineer: &str, status: VisitStatus, trips: u32) -> VisitFact {
    VisitFact {
        engineer: Some(engineer.into()),
        status,
        window_end: Some(1_000),
        arrive_by: Some(2_000),
        arrived_at: (status == VisitStatus::Completed).then_some(900),
        coverage: Coverage::In,
        labour_minutes: 30,
        trips,
    }
}

#[test]
fn rates_count_what_metrics_md_says() {
    let mut late = visit("wang", VisitStatus::Completed, 2);
    late.arrived_at = Some(1_500);
    late.coverage = Coverage::Out;
    let mut missed_target = visit("li", VisitStatus::Completed, 1);
    missed_target.arrived_at = Some(2_500);
    let visits = [
        visit("li", VisitStatus::Completed, 1),
        missed_target,
        late,
        visit("li", VisitStatus::NoShow, 0),
    ];
    let r = build(&visits, Vec::new(), &[]);
    assert_eq!((r.completed, r.no_shows), (3, 1));
    // Two of three completed were the ticket's only trip.
    assert_eq!(r.first_time_fix_rate, Some(200.0 / 3.0));
    // Three arrivals (900, 2 500, 1 500): one by the window's end (1 000), two within the target (2 000).
    assert_eq!(r.on_time_rate, Some(100.0 / 3.0));
    assert_eq!(r.arrival_target_met_rate, Some(200.0 / 3.0));
    assert_eq!(r.no_show_rate, Some(25.0));
    assert_eq!((r.in_warranty, r.out_of_warranty), (2, 1));
    assert_eq!(r.out_of_warranty_share, Some(100.0 / 3.0));
    let li = &r.engineers[0];
    assert_eq!(
        (
            li.engineer.as_str(),
            li.completed,
            li.no_shows,
            li.first_time_fixes
        ),
        ("li", 2, 1, 2)
    );
    assert_eq!(li.labour_minutes, 60);
}

#[test]
fn no_visits_give_no_rates_and_an_empty_section() {
    let r = build(&[], Vec::new(), &[]);
    assert!(r.is_empty());
    assert_eq!(
        (r.first_time_fix_rate, r.on_time_rate, r.no_show_rate),
        (None, None, None)
    );
}

#[test]
fn parts_and_returns_are_summed_and_ranked() {
    let parts = vec![
        PartUse {
            code: "A".into(),
            name: "a".into(),
            qty: 1,
            cost_cents: 100,
            value_cents: 300,
        },
        PartUse {
            code: "B".into(),
            name: "b".into(),
            qty: 4,
            cost_cents: 400,
            value_cents: 900,
        },
    ];
    let f = |kind, reason, status| ReturnFact {
        kind,
        reason,
        status,
    };
    let returns = [
        f(RmaKind::Return, RmaReason::NoReason, RmaStatus::Refunded),
        f(RmaKind::Return, RmaReason::Quality, RmaStatus::Requested),
        f(RmaKind::Exchange, RmaReason::Quality, RmaStatus::Requested),
    ];
    let r = build(&[], parts, &returns);
    assert!(!r.is_empty());
    assert_eq!(r.parts[0].code, "B", "most value first");
    assert_eq!((r.parts_cost_cents, r.parts_value_cents), (500, 1_200));
    assert_eq!(
        r.returns_by_kind,
        vec![("return".to_string(), 2), ("exchange".to_string(), 1)]
    );
    assert_eq!(r.returns_by_reason[0], ("quality".to_string(), 2));
    assert_eq!(r.returns_by_status[0], ("requested".to_string(), 2));
}

fn status() -> impl Strategy<Value = VisitStatus> {
    prop_oneof![Just(VisitStatus::Completed), Just(VisitStatus::NoShow)]
}

proptest! {
    #[test]
    fn rates_stay_between_0_and_100_and_counts_add_up(
        facts in prop::collection::vec((0u8..3, status(), 0u32..4, 0i64..3_000, any::<bool>()), 0..40)
    ) {
        let visits: Vec<VisitFact> = facts
            .iter()
            .map(|(e, s, trips, at, out)| VisitFact {
                engineer: Some(format!("e{e}")),
                status: *s,
                window_end: Some(1_000),
                arrive_by: Some(2_000),
                arrived_at: (*s == VisitStatus::Completed).then_some(*at),
                coverage: if *out { Coverage::Out } else { Coverage::In },
                labour_minutes: 10,
                trips: *trips,
            })
            .collect();
        let r = build(&visits, Vec::new(), &[]);
        prop_assert_eq!(r.completed + r.no_shows, visits.len() as u32);
        let by_engineer: u32 = r.engineers.iter().map(|e| e.completed + e.no_shows).sum();
        prop_assert_eq!(by_engineer, visits.len() as u32);
        for v in [r.first_time_fix_rate, r.on_time_rate, r.arrival_target_met_rate, r.no_show_rate, r.out_of_warranty_share]
            .into_iter()
            .flatten()
        {
            prop_assert!((0.0..=100.0).contains(&v));
        }
        // Meeting the target (2 000) is never rarer than being on time for the window (ending at 1 000).
        prop_assert!(r.arrival_target_met_rate.unwrap_or(0.0) >= r.on_time_rate.unwrap_or(0.0));
    }
}
