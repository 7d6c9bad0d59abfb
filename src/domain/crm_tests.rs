use super::*;
use proptest::prelude::*;

const NOW: i64 = 1_795_000_000;

fn rules() -> CrmRules {
    CrmRules::default()
}

fn fig(recency_days: i64, frequency: i64, monetary_cents: i64) -> Rfm {
    Rfm {
        recency_days,
        frequency,
        monetary_cents,
    }
}

/// Eight customers; sorted recency 1,2,5,10,20,40,80,200 → nearest-rank quartiles at ranks 2, 4, 6.
fn population() -> Vec<Rfm> {
    vec![
        fig(1, 9, 90_000),
        fig(2, 6, 60_000),
        fig(5, 4, 40_000),
        fig(10, 3, 30_000),
        fig(20, 2, 20_000),
        fig(40, 1, 10_000),
        fig(80, 1, 5_000),
        fig(200, 1, 1_000),
    ]
}

#[test]
fn quartile_cuts_are_nearest_rank() {
    let cuts = RfmCuts::from_figures(&population());
    // ranks ceil(0.25·8)=2, ceil(0.5·8)=4, ceil(0.75·8)=6 of the sorted values
    assert_eq!(cuts.recency, [2, 10, 40]);
    assert_eq!(cuts.frequency, [1, 2, 4]);
    assert_eq!(cuts.monetary, [5_000, 20_000, 40_000]);
    assert_eq!(RfmCuts::from_figures(&[]), RfmCuts::default());
}

#[test]
fn rfm_scores_by_hand() {
    let cuts = RfmCuts::from_figures(&population());
    // 1 day < 2, 10, 40 → R4; 9 orders > 1, 2, 4 → F4; 90,000 > all → M4.
    assert_eq!(cuts.score(fig(1, 9, 90_000)), RfmScore { r: 4, f: 4, m: 4 });
    // 10 days: < 40 only → R2; 3 orders > 1, 2 → F3; 30,000 > 5,000 and 20,000 → M3.
    assert_eq!(
        cuts.score(fig(10, 3, 30_000)),
        RfmScore { r: 2, f: 3, m: 3 }
    );
    // On a boundary scores below it: 2 days is not < 2 → R3; 1 order beats nothing → F1.
    assert_eq!(cuts.score(fig(2, 1, 5_000)), RfmScore { r: 3, f: 1, m: 1 });
    assert_eq!(cuts.score(fig(200, 1, 1_000)).total(), 3);
    assert_eq!(RfmScore { r: 4, f: 3, m: 2 }.code(), "4-3-2");
}

fn score(total: u8) -> Option<RfmScore> {
    // Any split of the sum will do for tier rules; keep each part within 1–4.
    let r = total.saturating_sub(8).clamp(1, 4);
    let f = (total - r).saturating_sub(4).clamp(1, 4);
    Some(RfmScore {
        r,
        f,
        m: total - r - f,
    })
}

#[test]
fn tiers_from_rfm_sum() {
    let r = rules();
    let computed = |cur, total| decide_tier(cur, TierSource::Computed, score(total), &r).tier;
    assert_eq!(computed(Tier::Bronze, 12), Tier::Diamond);
    assert_eq!(computed(Tier::Bronze, 11), Tier::Diamond);
    assert_eq!(computed(Tier::Bronze, 10), Tier::Gold);
    assert_eq!(computed(Tier::Bronze, 9), Tier::Gold);
    assert_eq!(computed(Tier::Bronze, 6), Tier::Silver);
    assert_eq!(computed(Tier::Bronze, 5), Tier::Bronze);
    let d = decide_tier(Tier::Silver, TierSource::Computed, score(11), &r);
    assert_eq!(
        d.why,
        TierWhy::Up {
            rfm: score(11).unwrap(),
            from: Tier::Silver
        }
    );
    let low = decide_tier(Tier::Bronze, TierSource::Computed, score(3), &r);
    assert_eq!(
        low.why,
        TierWhy::BelowSilver {
            rfm: score(3).unwrap(),
            min: 6
        }
    );
    let none = decide_tier(Tier::Gold, TierSource::Computed, None, &r);
    assert_eq!((none.tier, none.why), (Tier::Bronze, TierWhy::NoOrders));
    let holds = decide_tier(Tier::Gold, TierSource::Computed, score(9), &r);
    assert_eq!(
        holds.why,
        TierWhy::Holds {
            rfm: score(9).unwrap(),
            threshold: 9,
            tier: Tier::Gold
        }
    );
}

#[test]
fn downgrade_waits_for_the_margin() {
    let r = rules();
    // Gold needs 9; with a margin of 1 a gold customer at 8 stays gold, at 7 drops to silver.
    let at8 = decide_tier(Tier::Gold, TierSource::Computed, score(8), &r);
    assert_eq!(at8.tier, Tier::Gold);
    assert_eq!(
        at8.why,
        TierWhy::Kept {
            rfm: score(8).unwrap(),
            tier: Tier::Gold,
            floor: 8
        }
    );
    let at7 = decide_tier(Tier::Gold, TierSource::Computed, score(7), &r);
    assert_eq!(at7.tier, Tier::Silver);
    assert_eq!(
        at7.why,
        TierWhy::Down {
            rfm: score(7).unwrap(),
            from: Tier::Gold
        }
    );
    // A bronze customer at 8 earns silver only: the margin never lifts anyone.
    assert_eq!(
        decide_tier(Tier::Bronze, TierSource::Computed, score(8), &r).tier,
        Tier::Silver
    );
}

#[test]
fn manual_tier_is_pinned() {
    let d = decide_tier(Tier::Diamond, TierSource::Manual, score(3), &rules());
    assert_eq!((d.tier, d.why), (Tier::Diamond, TierWhy::Pinned));
    let d = decide_tier(Tier::Bronze, TierSource::Manual, score(12), &rules());
    assert_eq!(d.tier, Tier::Bronze);
}

fn facts() -> CustomerFacts {
    CustomerFacts {
        created_at: NOW - 800 * DAY,
        first_order_at: Some(NOW - 700 * DAY),
        last_order_at: Some(NOW - 10 * DAY),
        orders: 8,
        window_orders: 4,
        window_cents: 40_000,
        last_contact_at: Some(NOW - 5 * DAY),
        contacts_recent: 2,
        contacts_previous: 2,
        last_csat: Some(5),
        last_nps: Some(9),
        open_complaints: 0,
    }
}

#[test]
fn a_healthy_customer_has_no_signals() {
    let risk = churn_risk(&facts(), NOW, &rules());
    assert_eq!(risk.signals, vec![]);
    assert_eq!((risk.score, risk.level), (0, RiskLevel::None));
}

#[test]
fn each_churn_signal_on_its_own() {
    let r = rules();
    let only = |f: CustomerFacts| {
        let risk = churn_risk(&f, NOW, &r);
        assert_eq!(risk.signals.len(), 1, "{:?}", risk.signals);
        (risk.signals[0], risk.score, risk.level)
    };
    // Inactive: the latest of order (40 d) and contact (35 d) is 35 days ago → weight 1.
    let idle35 = CustomerFacts {
        last_order_at: Some(NOW - 40 * DAY),
        last_contact_at: Some(NOW - 35 * DAY),
        ..facts()
    };
    assert_eq!(
        only(idle35),
        (Signal::Inactive { days: 35 }, 1, RiskLevel::Low)
    );
    // 60 days and more weighs 2.
    let idle61 = CustomerFacts {
        last_order_at: Some(NOW - 61 * DAY),
        last_contact_at: None,
        ..facts()
    };
    assert_eq!(
        only(idle61),
        (Signal::Inactive { days: 61 }, 2, RiskLevel::Low)
    );
    // 29 days is no signal.
    let idle29 = CustomerFacts {
        last_order_at: Some(NOW - 29 * DAY),
        last_contact_at: None,
        ..facts()
    };
    assert!(churn_risk(&idle29, NOW, &r).signals.is_empty());
    // A prospect (no order ever) idle for a year is not lapsing.
    let prospect = CustomerFacts {
        first_order_at: None,
        last_order_at: None,
        orders: 0,
        last_contact_at: None,
        ..facts()
    };
    assert!(churn_risk(&prospect, NOW, &r).signals.is_empty());
    let csat = CustomerFacts {
        last_csat: Some(2),
        ..facts()
    };
    assert_eq!(
        only(csat),
        (Signal::LowCsat { score: 2 }, 2, RiskLevel::Low)
    );
    let csat3 = CustomerFacts {
        last_csat: Some(3),
        ..facts()
    };
    assert!(churn_risk(&csat3, NOW, &r).signals.is_empty());
    let nps = CustomerFacts {
        last_nps: Some(6),
        ..facts()
    };
    assert_eq!(
        only(nps),
        (Signal::Detractor { score: 6 }, 1, RiskLevel::Low)
    );
    let passive = CustomerFacts {
        last_nps: Some(7),
        ..facts()
    };
    assert!(churn_risk(&passive, NOW, &r).signals.is_empty());
    // 6 contacts fell to 3: exactly half counts.
    let drop = CustomerFacts {
        contacts_recent: 3,
        contacts_previous: 6,
        ..facts()
    };
    assert_eq!(
        only(drop),
        (
            Signal::ContactDrop {
                recent: 3,
                previous: 6
            },
            1,
            RiskLevel::Low
        )
    );
    let slight = CustomerFacts {
        contacts_recent: 4,
        contacts_previous: 6,
        ..facts()
    };
    assert!(churn_risk(&slight, NOW, &r).signals.is_empty());
    // One contact before and none now is too little to call a trend.
    let thin = CustomerFacts {
        contacts_recent: 0,
        contacts_previous: 1,
        ..facts()
    };
    assert!(churn_risk(&thin, NOW, &r).signals.is_empty());
    let complaint = CustomerFacts {
        open_complaints: 1,
        ..facts()
    };
    assert_eq!(
        only(complaint),
        (Signal::OpenComplaint { count: 1 }, 2, RiskLevel::Low)
    );
}

#[test]
fn signals_add_up_to_levels() {
    let r = rules();
    // Inactive 61 d (2) + low CSAT (2) + detractor (1) = 5 → high.
    let f = CustomerFacts {
        last_order_at: Some(NOW - 61 * DAY),
        last_contact_at: Some(NOW - 61 * DAY),
        last_csat: Some(1),
        last_nps: Some(3),
        ..facts()
    };
    let risk = churn_risk(&f, NOW, &r);
    assert_eq!((risk.score, risk.level), (5, RiskLevel::High));
    let weighted: Vec<(Signal, u8)> = risk
        .weighted(&r)
        .iter()
        .map(|w| (w.signal, w.weight))
        .collect();
    assert_eq!(
        weighted,
        [
            (Signal::Inactive { days: 61 }, 2),
            (Signal::LowCsat { score: 1 }, 2),
            (Signal::Detractor { score: 3 }, 1)
        ]
    );
    // Low CSAT (2) + detractor (1) = 3 → medium.
    let f = CustomerFacts {
        last_csat: Some(2),
        last_nps: Some(0),
        ..facts()
    };
    assert_eq!(churn_risk(&f, NOW, &r).level, RiskLevel::Medium);
}

#[test]
fn lifecycle_stages_by_hand() {
    let r = rules();
    let st = |f: CustomerFacts| {
        let risk = churn_risk(&f, NOW, &r);
        stage(&f, &risk, NOW, &r)
    };
    let potential = CustomerFacts {
        first_order_at: None,
        last_order_at: None,
        orders: 0,
        ..facts()
    };
    assert_eq!(st(potential).0, Stage::Potential);
    let new = CustomerFacts {
        first_order_at: Some(NOW - 20 * DAY),
        last_order_at: Some(NOW - 20 * DAY),
        orders: 1,
        ..facts()
    };
    assert_eq!(st(new), (Stage::New, StageWhy::FirstOrder { days: 20 }));
    let growing = CustomerFacts {
        first_order_at: Some(NOW - 200 * DAY),
        orders: 3,
        ..facts()
    };
    assert_eq!(
        st(growing),
        (
            Stage::Growing,
            StageWhy::OrdersIn {
                orders: 3,
                days: 200
            }
        )
    );
    // Many orders but under a year is still growing; a year and five orders is mature.
    let busy_young = CustomerFacts {
        first_order_at: Some(NOW - 300 * DAY),
        orders: 9,
        ..facts()
    };
    assert_eq!(st(busy_young).0, Stage::Growing);
    assert_eq!(
        st(facts()),
        (
            Stage::Mature,
            StageWhy::OrdersOver {
                orders: 8,
                days: 700
            }
        )
    );
    let quiet = CustomerFacts {
        last_order_at: Some(NOW - 70 * DAY),
        last_contact_at: Some(NOW - 65 * DAY),
        ..facts()
    };
    assert_eq!(st(quiet), (Stage::AtRisk, StageWhy::Idle { days: 65 }));
    // High risk while still active is at risk too.
    let unhappy = CustomerFacts {
        last_csat: Some(1),
        last_nps: Some(2),
        open_complaints: 1,
        ..facts()
    };
    assert_eq!(
        st(unhappy),
        (Stage::AtRisk, StageWhy::RiskHigh { score: 5 })
    );
    let gone = CustomerFacts {
        last_order_at: Some(NOW - 800 * DAY),
        first_order_at: Some(NOW - 900 * DAY),
        last_contact_at: None,
        ..facts()
    };
    assert_eq!(st(gone), (Stage::Churned, StageWhy::Idle { days: 800 }));
}

#[test]
fn profile_puts_it_together() {
    let r = rules();
    let cuts = RfmCuts::from_figures(&population());
    // facts(): 10 days → R2; 4 orders in window: > 1, 2 → F3; 40,000 > 5,000 and 20,000 → M3 = 8 → silver.
    let p = profile(&facts(), Tier::Bronze, TierSource::Computed, &cuts, NOW, &r);
    assert_eq!(p.rfm, Some(RfmScore { r: 2, f: 3, m: 3 }));
    assert_eq!(p.tier.tier, Tier::Silver);
    assert_eq!(p.stage, Stage::Mature);
    assert_eq!(p.risk.level, RiskLevel::None);
}

#[test]
fn rules_are_checked() {
    assert!(rules().check().is_empty());
    let bad = CrmRules {
        tier_min_score: [9, 9, 6],
        risk_levels: [0, 3, 2],
        churned_days: 50,
        new_days: 0,
        ..rules()
    };
    let errors = bad.check();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(errors[0].starts_with("`crm.tier_min_score` = [9, 9, 6]"));
    assert!(errors[3].starts_with("`crm.new_days` = 0"));
}

fn arb_score() -> impl Strategy<Value = RfmScore> {
    (1u8..=4, 1u8..=4, 1u8..=4).prop_map(|(r, f, m)| RfmScore { r, f, m })
}

fn arb_tier() -> impl Strategy<Value = Tier> {
    prop::sample::select(Tier::ALL.to_vec())
}

proptest! {
    /// From the same starting tier, a higher RFM sum never gives a lower tier.
    #[test]
    fn tier_is_monotone_in_the_score(cur in arb_tier(), a in arb_score(), b in arb_score()) {
        let r = rules();
        let (lo, hi) = if a.total() <= b.total() { (a, b) } else { (b, a) };
        let t_lo = decide_tier(cur, TierSource::Computed, Some(lo), &r).tier;
        let t_hi = decide_tier(cur, TierSource::Computed, Some(hi), &r).tier;
        prop_assert!(t_hi.rank() <= t_lo.rank());
    }

    /// Recomputing with an unchanged score changes nothing: no flapping between runs.
    #[test]
    fn tier_decision_is_stable(cur in arb_tier(), s in arb_score()) {
        let r = rules();
        let once = decide_tier(cur, TierSource::Computed, Some(s), &r).tier;
        let twice = decide_tier(once, TierSource::Computed, Some(s), &r).tier;
        prop_assert_eq!(once, twice);
    }

    /// Scores stay in 1–4 and a better figure never scores lower.
    #[test]
    fn quartile_scores_are_bounded_and_monotone(
        figures in prop::collection::vec((0i64..400, 1i64..20, 0i64..1_000_000), 1..60),
        a in (0i64..400, 1i64..20, 0i64..1_000_000),
        b in (0i64..400, 1i64..20, 0i64..1_000_000),
    ) {
        let pop: Vec<Rfm> = figures.iter().map(|(r, f, m)| fig(*r, *f, *m)).collect();
        let cuts = RfmCuts::from_figures(&pop);
        let (sa, sb) = (cuts.score(fig(a.0, a.1, a.2)), cuts.score(fig(b.0, b.1, b.2)));
        for s in [sa, sb] {
            prop_assert!((1..=4).contains(&s.r) && (1..=4).contains(&s.f) && (1..=4).contains(&s.m));
        }
        if a.0 <= b.0 { prop_assert!(sa.r >= sb.r); }
        if a.1 >= b.1 { prop_assert!(sa.f >= sb.f); }
        if a.2 >= b.2 { prop_assert!(sa.m >= sb.m); }
    }

    /// More signals never lower the risk level; the level follows the score.
    #[test]
    fn risk_grows_with_signals(idle in 0i64..300, csat in 1u8..=5, nps in 0u8..=10, complaints in 0i64..3) {
        let r = rules();
        let base = CustomerFacts {
            last_order_at: Some(NOW - idle * DAY),
            last_contact_at: None,
            ..facts()
        };
        let worse = CustomerFacts { last_csat: Some(csat.min(2)), last_nps: Some(nps.min(6)), open_complaints: complaints.max(1), ..base };
        let a = churn_risk(&base, NOW, &r);
        let b = churn_risk(&worse, NOW, &r);
        prop_assert!(b.score > a.score && b.level >= a.level);
    }
}
