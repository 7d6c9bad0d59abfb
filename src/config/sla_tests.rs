use super::*;
use crate::config::LoopConfig;

#[test]
fn shipped_rules_put_the_four_colours_on_first_response_and_3_5_7_on_live_channels() {
    #[derive(Deserialize)]
    struct File {
        #[allow(dead_code)]
        sla: toml::Table,
    }
    toml::from_str::<File>(DEFAULT_SLA).expect("assets/default-sla.toml parses");
    let cfg = SlaConfig::default();
    assert!(
        !cfg.calendars.is_empty(),
        "the shipped file, not the fallback"
    );
    let rules = cfg.rules().unwrap();
    let names: Vec<_> = rules.policies.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["vip-live", "vip", "live-chat", "standard"]);
    let standard = &rules.policies[3];
    let by_colour = |get: fn(&Targets) -> Option<i64>| {
        [
            Priority::Urgent,
            Priority::High,
            Priority::Normal,
            Priority::Low,
        ]
        .map(|p| get(&standard.targets[&p]))
    };
    const H: i64 = 3600;
    assert_eq!(
        by_colour(|t| t.first_response),
        [Some(24 * H), Some(48 * H), Some(72 * H), Some(168 * H)],
        "red 24 h, yellow 48 h, green 72 h, blue a week: response deadlines"
    );
    assert_eq!(
        by_colour(|t| t.resolution),
        [Some(72 * H), Some(120 * H), Some(240 * H), Some(360 * H)],
        "a resolution target of its own"
    );
    let chat = &rules.policies[2];
    let t = chat.targets[&Priority::Normal];
    assert_eq!(
        (t.first_response, t.first_solution, t.resolution),
        (Some(180), Some(300), Some(420)),
        "3-5-7 minutes"
    );
    assert_eq!(chat.calendar, "live-hours");
    let live = rules.calendar("live-hours").unwrap();
    assert_eq!(
        live.week.iter().map(Vec::len).collect::<Vec<_>>(),
        [1; 7],
        "every day, one span: no lunch break"
    );
    assert!(
        rules
            .calendar("workdays")
            .is_some_and(|c| !c.holidays.is_empty())
    );
    assert!(!rules.escalations.is_empty());
    LoopConfig::default().rules().unwrap();
}

/// Unix seconds of a local time in Shanghai.
fn shanghai(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
    use chrono::TimeZone;
    chrono_tz::Asia::Shanghai
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .unwrap()
        .timestamp()
}

#[test]
fn a_gold_customers_wechat_ticket_on_a_sunday_runs_on_the_vip_clock_round_the_clock() {
    use crate::domain::customer::Tier;
    use crate::domain::sla::{ClockState, Event, EventKind, Target, clocks};
    use crate::domain::sla_policy::TicketFacts;
    use crate::domain::ticket::{Channel, Kind};
    let rules = SlaConfig::default().rules().unwrap();
    let facts = |tier| TicketFacts {
        priority: Priority::Normal,
        tier,
        channel: Channel::Wechat,
        kind: Kind::Question,
    };
    let gold = rules.select(&facts(Some(Tier::Gold))).unwrap();
    assert_eq!(
        gold.policy.name, "vip-live",
        "the tier wins over the channel"
    );
    assert!(gold.calendar.always, "7×24");
    let bronze = rules.select(&facts(Some(Tier::Bronze))).unwrap();
    assert_eq!(bronze.policy.name, "live-chat");
    // Sunday 2026-12-06 at 10:00, answered at 19:00: a nine-hour wait.
    let (asked, answered) = (shanghai(2026, 12, 6, 10, 0), shanghai(2026, 12, 6, 19, 0));
    let events = [Event {
        at: answered,
        kind: EventKind::AgentReply,
    }];
    let first = |a: &crate::domain::sla_policy::Applied<'_>| {
        clocks(asked, &events, &a.targets, a.calendar, answered + 60, 0.75)
            .into_iter()
            .find(|c| c.target == Target::FirstResponse)
            .unwrap()
    };
    let g = first(&gold);
    assert_eq!((g.elapsed, g.state), (9 * 3600, ClockState::MetLate));
    // Late at night the live channel is closed for ordinary customers, never for a gold one.
    let (night, morning) = (shanghai(2026, 12, 6, 23, 0), shanghai(2026, 12, 7, 8, 2));
    let events = [Event {
        at: morning,
        kind: EventKind::AgentReply,
    }];
    let at_night = |a: &crate::domain::sla_policy::Applied<'_>| {
        clocks(night, &events, &a.targets, a.calendar, morning, 0.75)
            .into_iter()
            .find(|c| c.target == Target::FirstResponse)
            .unwrap()
    };
    assert_eq!(at_night(&bronze).elapsed, 120, "two minutes of live hours");
    assert_eq!(at_night(&bronze).state, ClockState::Met);
    assert_eq!(at_night(&gold).state, ClockState::MetLate);
}

#[test]
fn hours_parse_day_ranges_lists_and_lunch_breaks() {
    let (days, spans) = parse_hours("mon-wed,fri 09:00-12:00,13:30-18:00").unwrap();
    assert_eq!(days, [0, 1, 2, 4]);
    assert_eq!(spans, [(540, 720), (810, 1080)]);
    assert_eq!(parse_hours("sun 00:00-24:00").unwrap().1, [(0, 1440)]);
    assert!(parse_hours("mon 4294967295:00-12:00").is_err());
    for (bad, problem) in [
        ("mon", HoursError::NoTimes),
        ("xyz 09:00-10:00", HoursError::NotADay("xyz".into())),
        (
            "mon 10:00-09:00",
            HoursError::SpanBackwards("10:00-09:00".into()),
        ),
        ("mon 25:00-26:00", HoursError::NotATime("25:00".into())),
        ("fri-mon 09:00-10:00", HoursError::DaysBackwards),
        ("mon 9-10", HoursError::NotHhMm("9".into())),
    ] {
        assert_eq!(
            parse_hours(bad),
            Err(CalendarError::Hours {
                line: bad.into(),
                problem
            }),
            "{bad}"
        );
    }
    assert_eq!(
        parse_hours("mon 9-10").unwrap_err().to_string(),
        "hours `mon 9-10`: `9` is not HH:MM; write e.g. \"mon-fri 09:00-12:00,13:30-18:00\""
    );
}

#[test]
fn holidays_take_dates_and_inclusive_ranges() {
    assert_eq!(parse_holiday("2026-10-01..2026-10-07").unwrap().len(), 7);
    assert_eq!(parse_holiday("2027-01-01").unwrap().len(), 1);
    assert_eq!(
        parse_holiday("2026-10-07..2026-10-01"),
        Err(CalendarError::HolidayRange("2026-10-07..2026-10-01".into()))
    );
    let e = parse_holiday("10/01/2026").unwrap_err();
    assert_eq!(e, CalendarError::HolidayDate("10/01/2026".into()));
    assert_eq!(
        e.to_string(),
        "holiday `10/01/2026`: write a date 2026-10-01 or a range 2026-10-01..2026-10-07"
    );
}

#[test]
fn bad_entries_name_the_table_entry_and_the_fix() {
    let mut cfg = SlaConfig::default();
    cfg.policies[0].calendar = "night-shift".into();
    let err = cfg.rules().unwrap_err();
    assert!(
        matches!(&err, SlaConfigError::Policy { name, problem: PolicyError::UnknownCalendar { calendar, known } }
            if name == "vip-live" && calendar == "night-shift" && known.iter().any(|k| k == "24x7")),
        "{err:?}"
    );
    let err = err.to_string();
    assert!(
        err.contains(
            "[[sla.policies]] `vip-live`: calendar `night-shift` is not defined (calendars: 24x7, "
        ),
        "{err}"
    );
    let mut cfg = SlaConfig::default();
    cfg.calendars[0].tz = "Mars/Olympus".into();
    let err = cfg.rules().unwrap_err();
    assert!(
        matches!(&err, SlaConfigError::Calendar { problem: CalendarError::TimeZone(tz), .. } if tz == "Mars/Olympus"),
        "{err:?}"
    );
    assert!(err.to_string().contains("not an IANA time zone"));
    let cfg = SlaConfig {
        at_risk_share: 1.5,
        ..SlaConfig::default()
    };
    assert_eq!(cfg.rules().unwrap_err(), SlaConfigError::AtRiskShare(1.5));
    assert_eq!(
        SlaConfigError::AtRiskShare(1.5).to_string(),
        "[sla] at_risk_share is 1.5; it must be between 0 and 1, e.g. 0.75"
    );
    let mut cfg = SlaConfig::default();
    cfg.escalations[0].when = "soon".into();
    let err = cfg.rules().unwrap_err();
    assert_eq!(
        err,
        SlaConfigError::Escalation {
            name: cfg.escalations[0].name.clone(),
            problem: EscalationError::When("soon".into())
        }
    );
    assert!(
        err.to_string()
            .ends_with(": when = `soon`; use \"at-risk\" or \"breached\""),
        "{err}"
    );
    let mut cfg = SlaConfig::default();
    cfg.policies[3].low = Some(TargetsConfig {
        resolution: Some("a week".into()),
        ..Default::default()
    });
    assert_eq!(
        cfg.rules().unwrap_err().to_string(),
        "[[sla.policies]] `standard`: `a week` is not a duration; write e.g. 30m, 4h, 2d, 1w or 1h30m"
    );
    let cfg = LoopConfig {
        auto_close_after: "soon".into(),
        ..LoopConfig::default()
    };
    let err = cfg.rules().unwrap_err();
    assert!(
        matches!(&err, SlaConfigError::Loop { key: "auto_close_after", problem } if problem.text == "soon"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "[loop] auto_close_after: `soon` is not a duration; write e.g. 30m, 4h, 2d, 1w or 1h30m"
    );
    let low = |csat, nps| LoopConfig {
        low_csat: csat,
        low_nps: nps,
        ..LoopConfig::default()
    };
    assert_eq!(
        low(6, 6).policy().unwrap_err().to_string(),
        "[loop] low_csat is 6; CSAT is 1–5; e.g. 2 makes 1 and 2 low scores"
    );
    assert_eq!(
        low(2, 11).policy().unwrap_err().to_string(),
        "[loop] low_nps is 11; NPS is 0–10; 6 makes every detractor (0–6) a low score"
    );
    let p = low(1, 4).policy().unwrap();
    assert_eq!((p.low_csat, p.low_nps, p.recovery_after), (1, 4, 4 * 3600));
}
