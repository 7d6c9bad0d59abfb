use super::*;
use proptest::prelude::*;

fn causes() -> Vec<String> {
    DEFAULT_ROOT_CAUSES.iter().map(|s| s.to_string()).collect()
}

fn complete() -> ComplaintFacts {
    ComplaintFacts {
        category: Some("售后服务".into()),
        severity: Some(ComplaintSeverity::Major),
        owner: Some("wang".into()),
        root_cause: Some("service_attitude".into()),
        resolution: Some("道歉并补偿 50 元".into()),
        follow_up: Some(FollowUpOutcome::Confirmed),
    }
}

#[test]
fn each_stage_asks_for_its_own_facts() {
    let c = causes();
    let none = ComplaintFacts::default();
    assert_eq!(
        stage_blocks(ComplaintStage::Received, Status::New, &none, &c),
        None
    );
    let why = stage_blocks(ComplaintStage::Registered, Status::Open, &none, &c).unwrap();
    assert!(
        why.contains("complaint category") && why.contains("severity"),
        "{why}"
    );
    let registered = ComplaintFacts {
        category: Some("物流".into()),
        severity: Some(ComplaintSeverity::Minor),
        ..none.clone()
    };
    assert_eq!(
        stage_blocks(ComplaintStage::Registered, Status::Open, &registered, &c),
        None
    );
    let why = stage_blocks(ComplaintStage::Investigating, Status::Open, &registered, &c).unwrap();
    assert!(why.contains("responsible person"), "{why}");
    let investigating = ComplaintFacts {
        owner: Some("wang".into()),
        ..registered
    };
    let why = stage_blocks(ComplaintStage::Resolved, Status::Solved, &investigating, &c).unwrap();
    assert!(
        why.contains("root cause") && why.contains("resolution note"),
        "{why}"
    );
    let odd = ComplaintFacts {
        root_cause: Some("weather".into()),
        resolution: Some("x".into()),
        ..investigating.clone()
    };
    let why = stage_blocks(ComplaintStage::Resolved, Status::Solved, &odd, &c).unwrap();
    assert!(why.contains("`weather` is not one"), "{why}");
    let resolved = ComplaintFacts {
        root_cause: Some("delivery".into()),
        resolution: Some("重新发货".into()),
        ..investigating
    };
    assert_eq!(
        stage_blocks(ComplaintStage::Resolved, Status::Solved, &resolved, &c),
        None
    );
    let why = stage_blocks(ComplaintStage::Revisited, Status::Solved, &resolved, &c).unwrap();
    assert!(why.contains("follow-up call"), "{why}");
}

#[test]
fn the_stage_never_runs_ahead_of_the_ticket() {
    let c = causes();
    let all = complete();
    for status in [Status::New, Status::Open, Status::Pending, Status::OnHold] {
        for stage in [ComplaintStage::Resolved, ComplaintStage::Revisited] {
            let why = stage_blocks(stage, status, &all, &c).unwrap();
            assert!(why.contains("once the ticket is solved"), "{why}");
        }
        assert_eq!(
            stage_blocks(ComplaintStage::Investigating, status, &all, &c),
            None
        );
    }
    assert_eq!(
        stage_blocks(ComplaintStage::Revisited, Status::Closed, &all, &c),
        None
    );
}

fn facts() -> impl Strategy<Value = ComplaintFacts> {
    let text = proptest::option::of(prop_oneof![Just(String::new()), Just("x".to_string())]);
    let cause = proptest::option::of(prop_oneof![
        Just("delivery".to_string()),
        Just("weather".to_string())
    ]);
    (
        text.clone(),
        proptest::option::of(0usize..3),
        text.clone(),
        cause,
        text,
        any::<bool>(),
    )
        .prop_map(
            |(category, sev, owner, root_cause, resolution, called)| ComplaintFacts {
                category,
                severity: sev.and_then(|i| ComplaintSeverity::ALL.get(i).copied()),
                owner,
                root_cause,
                resolution,
                follow_up: called.then_some(FollowUpOutcome::Confirmed),
            },
        )
}

proptest! {
    /// Guards compose: a complaint allowed at a stage is allowed at every earlier one, so no later stage can be
    /// reached by skipping what an earlier one needs.
    #[test]
    fn allowed_at_a_stage_means_allowed_at_every_earlier_one(
        f in facts(),
        status in prop::sample::select(Status::ALL.to_vec()),
    ) {
        let c = causes();
        let allowed: Vec<bool> = ComplaintStage::ALL
            .iter()
            .map(|s| stage_blocks(*s, status, &f, &c).is_none())
            .collect();
        for (i, ok) in allowed.iter().enumerate() {
            if *ok {
                prop_assert!(allowed.iter().take(i).all(|e| *e), "{allowed:?} {f:?}");
            }
        }
    }
}
