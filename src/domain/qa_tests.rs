use super::*;
use crate::domain::qa_report::{self, ReviewFact};
use proptest::prelude::*;

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| s.to_string()).collect()
}

const FULL: [&str; 6] = [
    "greeting=5",
    "understanding=4",
    "accuracy=4",
    "empathy=3",
    "resolution=5",
    "documentation=2",
];

#[test]
fn the_shipped_rubric_is_valid_weights_sum_to_100_and_accuracy_is_critical() {
    let r = Rubric::default();
    assert_eq!(r.check(), Ok(()));
    assert_eq!(r.criteria.iter().map(|c| c.weight).sum::<u32>(), 100);
    let critical: Vec<&str> = r
        .criteria
        .iter()
        .filter(|c| c.critical)
        .map(|c| c.key.as_str())
        .collect();
    assert_eq!(critical, ["accuracy"]);
}

#[test]
fn the_total_is_the_weighted_share_of_each_max() {
    // 100 × (10·5/5 + 20·4/5 + 25·4/5 + 15·3/5 + 20·5/5 + 10·2/5) / 100 = 10 + 16 + 20 + 9 + 20 + 4 = 79
    let s = Rubric::default().parse(&words(&FULL)).unwrap();
    assert_eq!(s.total, 79.0);
    assert!(!s.failed_critical);
    assert_eq!(s.items.len(), 6);
    assert_eq!(s.items[2].key, "accuracy");
    assert_eq!(s.items[2].score, 4);
    let perfect: Vec<String> = Rubric::default()
        .criteria
        .iter()
        .map(|c| format!("{}={}", c.key, c.max))
        .collect();
    assert_eq!(Rubric::default().parse(&perfect).unwrap().total, 100.0);
}

#[test]
fn weights_not_summing_to_100_are_normalised_and_rounded_to_a_tenth() {
    let r = Rubric {
        criteria: vec![
            Criterion {
                key: "a".into(),
                label: "A".into(),
                weight: 1,
                max: 3,
                critical: false,
            },
            Criterion {
                key: "b".into(),
                label: "B".into(),
                weight: 2,
                max: 3,
                critical: false,
            },
        ],
    };
    // 100 × (1·1/3 + 2·3/3) / 3 = 100 × 7/9 = 77.77… → 77.8
    let s = r.score(&[("a".into(), 1), ("b".into(), 3)]).unwrap();
    assert_eq!(s.total, 77.8);
}

#[test]
fn a_critical_item_scored_zero_or_fail_fails_the_whole_review() {
    let mut w = words(&FULL);
    w[2] = "accuracy=fail".into();
    let s = Rubric::default().parse(&w).unwrap();
    assert!(s.failed_critical);
    assert_eq!(s.total, 0.0);
    // A non-critical zero only costs its weight.
    let mut w = words(&FULL);
    w[0] = "greeting=0".into();
    let s = Rubric::default().parse(&w).unwrap();
    assert!(!s.failed_critical);
    assert_eq!(s.total, 69.0);
}

#[test]
fn unknown_out_of_range_twice_and_missing_criteria_are_refused_with_what_to_type() {
    let r = Rubric::default();
    let mut w = words(&FULL);
    w.push("smile=3".into());
    let e = r.parse(&w).unwrap_err();
    assert!(matches!(e, ScoreError::Unknown { .. }));
    assert!(
        e.to_string().contains("`smile`") && e.to_string().contains("greeting, understanding"),
        "{e}"
    );
    let mut w = words(&FULL);
    w[1] = "understanding=6".into();
    let e = r.parse(&w).unwrap_err();
    assert_eq!(
        e.to_string(),
        "understanding = 6 is out of range; score it from 0 to 5 (or `fail`)"
    );
    let mut w = words(&FULL);
    w[1] = "understanding=-1".into();
    assert!(matches!(
        r.parse(&w),
        Err(ScoreError::OutOfRange { score: -1, .. })
    ));
    let mut w = words(&FULL);
    w.push("greeting=1".into());
    assert_eq!(
        r.parse(&w),
        Err(ScoreError::Twice {
            key: "greeting".into()
        })
    );
    let first_four: Vec<&str> = FULL.iter().copied().take(4).collect();
    let e = r.parse(&words(&first_four)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "no score for resolution, documentation; every criterion is scored (criterion=0..max)"
    );
    assert!(matches!(
        r.parse(&words(&["greeting"])),
        Err(ScoreError::Syntax { .. })
    ));
    assert!(matches!(
        r.parse(&words(&["greeting=good"])),
        Err(ScoreError::Syntax { .. })
    ));
}

#[test]
fn a_rubric_with_bad_keys_zero_weights_or_duplicates_is_refused() {
    let mut r = Rubric::default();
    r.criteria[1].key = "greeting".into();
    assert_eq!(r.check(), Err(RubricError::Twice("greeting".into())));
    let mut r = Rubric::default();
    r.criteria[0].key = "Greet ing".into();
    assert!(matches!(r.check(), Err(RubricError::BadKey(_))));
    let mut r = Rubric::default();
    r.criteria[0].weight = 0;
    assert_eq!(r.check(), Err(RubricError::NoWeight("greeting".into())));
    let mut r = Rubric::default();
    r.criteria[0].max = 0;
    assert_eq!(r.check(), Err(RubricError::NoMax("greeting".into())));
    assert_eq!(Rubric { criteria: vec![] }.check(), Err(RubricError::Empty));
}

fn cand(ticket: i64, agent: &str, week: &str) -> Candidate {
    Candidate {
        ticket,
        agent: agent.into(),
        week: week.into(),
        complaint: false,
        csat: None,
        nps: None,
    }
}

#[test]
fn sampling_takes_every_complaint_and_low_score_and_n_random_per_agent_week() {
    let mut cs: Vec<Candidate> = (1..=10).map(|t| cand(t, "li", "2026-W47")).collect();
    cs.extend((11..=15).map(|t| cand(t, "wang", "2026-W47")));
    cs[0].complaint = true;
    cs[1].csat = Some(2);
    cs[2].csat = Some(3);
    cs[3].nps = Some(6);
    cs[11].nps = Some(7);
    let rules = QaRules::default();
    let got = sample(&cs, &[], &rules, 7);
    let reason = |t: i64| got.iter().find(|s| s.ticket == t).map(|s| s.reason);
    assert_eq!(reason(1), Some(SampleReason::Complaint));
    assert_eq!(reason(2), Some(SampleReason::LowScore));
    assert_eq!(reason(4), Some(SampleReason::LowScore));
    let random = |agent: &str| {
        got.iter()
            .filter(|s| s.agent == agent && s.reason == SampleReason::Random)
            .count()
    };
    assert_eq!((random("li"), random("wang")), (2, 2));
    assert_eq!(got.len(), 3 + 4);
    // The same seed draws the same tickets; sampling again adds nothing.
    assert_eq!(sample(&cs, &[], &rules, 7), got);
    assert!(sample(&cs, &got, &rules, 7).is_empty());
    // One random draw already made leaves room for one more.
    let one: Vec<Sampled> = got
        .iter()
        .filter(|s| s.agent == "li" && s.reason == SampleReason::Random)
        .take(1)
        .cloned()
        .collect();
    let again = sample(&cs, &one, &rules, 7);
    assert_eq!(
        again
            .iter()
            .filter(|s| s.agent == "li" && s.reason == SampleReason::Random)
            .count(),
        1
    );
}

#[test]
fn iso_weeks_and_their_ranges_agree_in_a_time_zone() {
    const SHANGHAI: i64 = 8 * 3600;
    // 2026-11-18 (a Wednesday) is in week 47; Monday 2026-11-16 00:00 +08:00 starts it.
    let (a, b) = week_range("2026-W47", SHANGHAI).unwrap();
    assert_eq!(b - a, 7 * 86_400);
    assert_eq!(iso_week(a, SHANGHAI), "2026-W47");
    assert_eq!(iso_week(a - 1, SHANGHAI), "2026-W46");
    assert_eq!(iso_week(b - 1, SHANGHAI), "2026-W47");
    assert_eq!(iso_week(1_795_000_000, SHANGHAI), "2026-W47");
    assert_eq!(week_range("2026-47", 0), None);
    assert_eq!(week_range("2026-W60", 0), None);
}

fn fact(ticket: i64, agent: &str, reviewer: &str, at: i64, scores: &[i64]) -> ReviewFact {
    let r = Rubric::default();
    let given: Vec<(String, i64)> = r
        .criteria
        .iter()
        .zip(scores)
        .map(|(c, s)| (c.key.clone(), *s))
        .collect();
    ReviewFact {
        ticket,
        agent: agent.into(),
        reviewer: reviewer.into(),
        week: iso_week(at, 0),
        created_at: at,
        scored: r.score(&given).unwrap(),
    }
}

#[test]
fn the_report_counts_each_ticket_once_and_compares_two_reviewers() {
    const W47: i64 = 1_795_000_000;
    const W48: i64 = W47 + 7 * 86_400;
    let facts = vec![
        fact(1, "li", "boss", W47, &[5, 4, 4, 3, 5, 2]), // 79
        fact(1, "li", "zhou", W47 + 60, &[5, 5, 3, 3, 5, 2]), // 10+20+15+9+20+4 = 78
        fact(2, "li", "boss", W48, &[5, 5, 0, 5, 5, 5]), // critical: 0
        fact(3, "wang", "boss", W48, &[5, 5, 5, 5, 5, 5]), // 100
    ];
    let r = qa_report::build(&facts, &Rubric::default());
    assert_eq!(r.reviews, 3);
    assert_eq!(r.mean_score, Some(59.7)); // (79 + 0 + 100) / 3
    assert_eq!(r.failed_critical, 1);
    assert_eq!(r.agents[0].agent, "li");
    assert_eq!(r.agents[0].mean_score, Some(39.5));
    assert_eq!(r.agents[0].weeks.len(), 2);
    assert_eq!(r.agents[1].mean_score, Some(100.0));
    // accuracy: 4/5, 0/5, 5/5 → 80, 0, 100 → 60
    let acc = r.criteria.iter().find(|c| c.key == "accuracy").unwrap();
    assert_eq!((acc.reviews, acc.mean_percent), (3, Some(60.0)));
    // By week: 80 in W47; 0 and 100 in W48.
    let trend: Vec<(&str, Option<f64>)> = acc
        .weeks
        .iter()
        .map(|w| (w.week.as_str(), w.mean_percent))
        .collect();
    assert_eq!(trend, [("2026-W47", Some(80.0)), ("2026-W48", Some(50.0))]);
    assert_eq!(r.weeks.len(), 2);
    assert_eq!(r.calibration.len(), 1);
    let c = &r.calibration[0];
    assert_eq!((c.first.as_str(), c.second.as_str()), ("boss", "zhou"));
    assert_eq!(c.total_diff, -1.0);
    let d: Vec<Option<i64>> = c.criteria.iter().map(|d| d.diff).collect();
    assert_eq!(d, [Some(0), Some(1), Some(-1), Some(0), Some(0), Some(0)]);
    assert_eq!(r.calibration_mean_abs_diff, Some(1.0));
    assert!(qa_report::build(&[], &Rubric::default()).is_empty());
}

fn rubric_strategy() -> impl Strategy<Value = Rubric> {
    prop::collection::vec((1u32..50, 1u32..10, any::<bool>()), 1..8).prop_map(|v| Rubric {
        criteria: v
            .into_iter()
            .enumerate()
            .map(|(i, (weight, max, critical))| Criterion {
                key: format!("c{i}"),
                label: format!("C{i}"),
                weight,
                max,
                critical,
            })
            .collect(),
    })
}

proptest! {
    #[test]
    fn a_score_is_always_between_0_and_100_and_a_failed_critical_is_0(
        rubric in rubric_strategy(),
        raw in prop::collection::vec(0u32..10, 8),
    ) {
        let given: Vec<(String, i64)> = rubric
            .criteria
            .iter()
            .zip(&raw)
            .map(|(c, s)| (c.key.clone(), i64::from(s % (c.max + 1))))
            .collect();
        let s = rubric.score(&given).unwrap();
        prop_assert!((0.0..=100.0).contains(&s.total));
        let failed = rubric.criteria.iter().zip(&given).any(|(c, (_, s))| c.critical && *s == 0);
        prop_assert_eq!(s.failed_critical, failed);
        if failed {
            prop_assert_eq!(s.total, 0.0);
        }
    }

    #[test]
    fn sampling_never_repeats_a_ticket_and_draws_at_most_n_per_agent_week(
        tickets in prop::collection::vec((0i64..40, 0usize..3, 0usize..2, any::<bool>(), prop::option::of(1i64..6)), 0..60),
        already in prop::collection::vec(0i64..40, 0..10),
        n in 0u32..4,
        seed in any::<u64>(),
    ) {
        let agents = ["li", "wang", "zhou"];
        let weeks = ["2026-W46", "2026-W47"];
        let cs: Vec<Candidate> = tickets
            .iter()
            .map(|(t, a, w, complaint, csat)| Candidate {
                ticket: *t,
                agent: agents[*a].into(),
                week: weeks[*w].into(),
                complaint: *complaint,
                csat: *csat,
                nps: None,
            })
            .collect();
        let before: Vec<Sampled> = already
            .iter()
            .map(|t| Sampled { ticket: *t, agent: "li".into(), week: weeks[0].into(), reason: SampleReason::Manual })
            .collect();
        let rules = QaRules { per_agent_per_week: n, ..QaRules::default() };
        let got = sample(&cs, &before, &rules, seed);
        let mut seen = std::collections::BTreeSet::new();
        for s in &got {
            prop_assert!(seen.insert(s.ticket), "ticket {} twice", s.ticket);
            prop_assert!(!already.contains(&s.ticket));
        }
        for a in agents {
            for w in weeks {
                let random = got.iter().filter(|s| s.agent == a && s.week == w && s.reason == SampleReason::Random).count();
                prop_assert!(random <= n as usize);
            }
        }
        for c in cs.iter().filter(|c| c.complaint) {
            prop_assert!(seen.contains(&c.ticket) || already.contains(&c.ticket));
        }
    }
}
