use super::*;

#[test]
fn shipped_rules_build_with_a_vip_a_chat_and_a_standard_policy() {
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
    assert_eq!(names, ["live-chat", "vip", "standard"]);
    let standard = &rules.policies[2];
    let res = |p| standard.targets[&p].resolution;
    assert_eq!(
        [
            res(Priority::Urgent),
            res(Priority::High),
            res(Priority::Normal),
            res(Priority::Low)
        ],
        [
            Some(24 * 3600),
            Some(48 * 3600),
            Some(72 * 3600),
            Some(7 * 86_400)
        ],
        "the four-colour resolution targets"
    );
    let chat = &rules.policies[0];
    assert_eq!(chat.targets[&Priority::Normal].first_response, Some(180));
    assert!(
        rules
            .calendar("workdays")
            .is_some_and(|c| !c.holidays.is_empty())
    );
    assert!(!rules.escalations.is_empty());
    LoopConfig::default().rules().unwrap();
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
            if name == "live-chat" && calendar == "night-shift" && known.iter().any(|k| k == "24x7")),
        "{err:?}"
    );
    let err = err.to_string();
    assert!(
        err.contains(
            "[[sla.policies]] `live-chat`: calendar `night-shift` is not defined (calendars: 24x7, "
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
    cfg.policies[2].low = Some(TargetsConfig {
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
}
