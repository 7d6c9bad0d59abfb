use super::*;
use crate::domain::sla::ClockState;

fn targets(fr: i64, res: i64) -> Targets {
    Targets {
        first_response: Some(fr),
        first_solution: None,
        next_reply: None,
        resolution: Some(res),
    }
}

fn policy(name: &str, tiers: Vec<Tier>, channels: Vec<Channel>, ps: &[Priority]) -> Policy {
    Policy {
        name: name.into(),
        tiers,
        channels,
        kinds: vec![],
        calendar: "24x7".into(),
        targets: ps.iter().map(|p| (*p, targets(60, 3600))).collect(),
        precedence: 0,
    }
}

fn facts(priority: Priority, tier: Option<Tier>, channel: Channel) -> TicketFacts {
    TicketFacts {
        priority,
        tier,
        channel,
        kind: Kind::Question,
    }
}

#[test]
fn the_highest_precedence_wins_then_the_first_listed() {
    let mut vip = policy("vip", vec![Tier::Gold], vec![], Priority::ALL);
    let chat = policy("chat", vec![], vec![Channel::Wechat], Priority::ALL);
    let pick = |policies: Vec<Policy>, tier| {
        let rules = SlaRules {
            policies,
            ..SlaRules::default()
        };
        rules
            .select(&facts(Priority::Normal, tier, Channel::Wechat))
            .map(|a| a.policy.name.clone())
    };
    // Equal precedence: order decides.
    let both = |vip: &Policy| vec![chat.clone(), vip.clone()];
    assert_eq!(pick(both(&vip), Some(Tier::Gold)).as_deref(), Some("chat"));
    vip.precedence = 10;
    assert_eq!(
        pick(both(&vip), Some(Tier::Gold)).as_deref(),
        Some("vip"),
        "the tier wins over the channel when its policy says so"
    );
    assert_eq!(
        pick(both(&vip), Some(Tier::Silver)).as_deref(),
        Some("chat")
    );
    // A lower precedence than the default loses even when listed first.
    vip.precedence = -1;
    assert_eq!(
        pick(vec![vip.clone(), chat.clone()], Some(Tier::Gold)).as_deref(),
        Some("chat")
    );
}

#[test]
fn first_covering_policy_wins_and_uncovered_priorities_fall_through() {
    let rules = SlaRules {
        policies: vec![
            policy("chat", vec![], vec![Channel::Chat], Priority::ALL),
            policy("vip", vec![Tier::Diamond], vec![], &[Priority::Urgent]),
            policy("standard", vec![], vec![], Priority::ALL),
        ],
        ..SlaRules::default()
    };
    let pick = |f| rules.select(&f).map(|a| a.policy.name.clone());
    let vip_urgent = facts(Priority::Urgent, Some(Tier::Diamond), Channel::Email);
    assert_eq!(pick(vip_urgent).as_deref(), Some("vip"));
    // vip names only urgent: a diamond customer's low ticket falls through to standard.
    let vip_low = facts(Priority::Low, Some(Tier::Diamond), Channel::Email);
    assert_eq!(pick(vip_low).as_deref(), Some("standard"));
    let on_chat = facts(Priority::Urgent, Some(Tier::Diamond), Channel::Chat);
    assert_eq!(pick(on_chat).as_deref(), Some("chat"));
    // No customer: no tier, so only tier-less policies.
    let anon = facts(Priority::Urgent, None, Channel::Email);
    assert_eq!(pick(anon).as_deref(), Some("standard"));
    let none = SlaRules::default();
    assert!(none.select(&anon).is_none());
}

#[test]
fn a_policy_naming_a_missing_calendar_covers_nothing() {
    let mut p = policy("x", vec![], vec![], Priority::ALL);
    p.calendar = "nope".into();
    let rules = SlaRules {
        policies: vec![p],
        ..SlaRules::default()
    };
    assert!(
        rules
            .select(&facts(Priority::Low, None, Channel::Web))
            .is_none()
    );
}

#[test]
fn stamp_changes_with_the_rules() {
    let a = SlaRules::default();
    let mut b = SlaRules::default();
    assert_eq!(a.stamp(), b.stamp());
    b.at_risk_share = 0.8;
    assert_ne!(a.stamp(), b.stamp());
    // A new escalation rule changes when the sweep must look at each ticket.
    let mut c = SlaRules::default();
    c.escalations.push(EscalationRule {
        name: "watch".into(),
        when: Trigger::AtRisk,
        targets: vec![],
        priorities: vec![],
        tiers: vec![],
        actions: EscalationActions::default(),
    });
    assert_ne!(a.stamp(), c.stamp());
}

fn clock(target: Target, state: ClockState, started_at: i64) -> Clock {
    Clock {
        target,
        started_at,
        stopped_at: None,
        target_secs: 100,
        elapsed: 0,
        remaining: 100,
        due_at: None,
        risk_at: None,
        paused: false,
        state,
    }
}

#[test]
fn escalation_rules_match_trigger_target_priority_and_tier() {
    let rule = |name: &str, when, targets: Vec<Target>, priorities: Vec<Priority>| EscalationRule {
        name: name.into(),
        when,
        targets,
        priorities,
        tiers: vec![],
        actions: EscalationActions::default(),
    };
    let rules = vec![
        rule("risk", Trigger::AtRisk, vec![], vec![]),
        rule(
            "breach-res",
            Trigger::Breached,
            vec![Target::Resolution],
            vec![],
        ),
        rule(
            "breach-urgent",
            Trigger::Breached,
            vec![],
            vec![Priority::Urgent],
        ),
    ];
    let clocks = [
        clock(Target::FirstResponse, ClockState::AtRisk, 10),
        clock(Target::Resolution, ClockState::Breached, 10),
        clock(Target::NextReply, ClockState::Ok, 50),
    ];
    let names = |p| {
        escalations_due(&rules, &clocks, p, None)
            .iter()
            .map(|d| format!("{}:{}", d.rule.name, d.target.as_str()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(Priority::High),
        [
            "risk:first_response",
            "risk:resolution",
            "breach-res:resolution"
        ]
    );
    assert_eq!(names(Priority::Urgent).len(), 4);
    let mut tiered = rules[0].clone();
    tiered.tiers = vec![Tier::Diamond];
    let t = std::slice::from_ref(&tiered);
    assert!(escalations_due(t, &clocks, Priority::Low, Some(Tier::Gold)).is_empty());
    assert_eq!(
        escalations_due(t, &clocks, Priority::Low, Some(Tier::Diamond)).len(),
        2
    );
}

#[test]
fn priority_rises_one_step_and_stops_at_urgent() {
    assert_eq!(raised(Priority::Low), Priority::Normal);
    assert_eq!(raised(Priority::High), Priority::Urgent);
    assert_eq!(raised(Priority::Urgent), Priority::Urgent);
}

#[test]
fn a_priority_is_raised_at_most_once_a_minute() {
    assert!(may_raise(None, 1_000));
    assert!(!may_raise(Some(1_000), 1_000));
    assert!(!may_raise(Some(1_000), 1_059));
    // Another desk's clock a few seconds ahead raised it "later": still within the same minute.
    assert!(!may_raise(Some(1_010), 1_000));
    assert!(may_raise(Some(1_000), 1_060));
}

#[test]
fn countdown_reads_the_stored_clock_at_now() {
    let running = SlaSnapshot {
        target: Some(Target::Resolution),
        due_at: Some(10_000),
        risk_at: Some(7_000),
        paused: false,
        remaining: None,
    };
    let at = |now| running.countdown(now).unwrap();
    assert_eq!(
        at(10_000 - (2 * 3600 + 13 * 60)),
        ("2h13m".into(), ClockState::Ok)
    );
    assert_eq!(at(7_000), ("50m".into(), ClockState::AtRisk));
    assert_eq!(at(10_000), ("0m".into(), ClockState::Breached));
    assert_eq!(at(10_000 + 35 * 60), ("-35m".into(), ClockState::Breached));
    // 34m30s past due counts as 35 minutes late; 59 s left shows as 0m, never as a minute.
    assert_eq!(at(10_000 + 34 * 60 + 30).0, "-35m");
    assert_eq!(at(10_000 - 59).0, "0m");
    assert_eq!(at(10_000 - 15 * 3600 - 59 * 60).0, "15h");
    assert_eq!(at(10_000 - 7 * 3600 - 5 * 60).0, "7h05m");
    assert_eq!(at(10_000 + 3 * 86_400 + 4 * 3600).0, "-3d4h");
    let paused = SlaSnapshot {
        target: Some(Target::FirstResponse),
        paused: true,
        remaining: Some(3 * 3600),
        ..SlaSnapshot::default()
    };
    assert_eq!(
        paused.countdown(99),
        Some(("3h".into(), ClockState::Paused))
    );
    let late = SlaSnapshot {
        remaining: Some(-600),
        ..paused
    };
    assert_eq!(
        late.countdown(99),
        Some(("-10m".into(), ClockState::Breached))
    );
    assert_eq!(SlaSnapshot::default().countdown(5), None);
}

#[test]
fn durations_parse_and_print() {
    assert_eq!(parse_duration("30m"), Ok(1800));
    assert_eq!(parse_duration("1h30m"), Ok(5400));
    assert_eq!(parse_duration("1w"), Ok(604_800));
    assert_eq!(parse_duration(" 2d "), Ok(172_800));
    let e = parse_duration("a week").unwrap_err();
    assert_eq!(e.text, "a week");
    assert_eq!(
        e.to_string(),
        "`a week` is not a duration; write e.g. 30m, 4h, 2d, 1w or 1h30m"
    );
    for bad in ["", "5", "h", "3x", "0m", "-1h", "99999999999999999w"] {
        assert!(parse_duration(bad).is_err(), "{bad:?}");
    }
    assert_eq!(format_duration(2 * 3600 + 13 * 60), "2h13m");
    assert_eq!(format_duration(-35 * 60), "-35m");
    assert_eq!(format_duration(3 * 86_400 + 4 * 3600 + 59), "3d4h");
    assert_eq!(format_duration(2 * 86_400 + 30), "2d");
    assert_eq!(format_duration(3600), "1h");
    assert_eq!(format_duration(42), "42s");
}
