//! `[sla]` and `[loop]`: calendars, policies and escalation rules as written in TOML, checked and turned into the
//! domain's [`SlaRules`]. Defaults come from assets/default-sla.toml; a list in the user's file replaces that list.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::customer::Tier;
use crate::domain::sla::{Calendar, Target, Targets};
use crate::domain::sla_policy::{
    EscalationActions, EscalationRule, Policy, SlaRules, Trigger, parse_duration,
};
use crate::domain::ticket::{Channel, Kind, Priority};

const DEFAULT_SLA: &str = include_str!("../../assets/default-sla.toml");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SlaConfig {
    /// Share of a target after which its clock is at risk.
    pub at_risk_share: f64,
    /// How often a running desk applies escalations and auto-close (a duration such as "1m").
    pub check_every: String,
    pub calendars: Vec<CalendarConfig>,
    pub policies: Vec<PolicyConfig>,
    pub escalations: Vec<EscalationConfig>,
}

impl Default for SlaConfig {
    fn default() -> Self {
        // The same fields without `serde(default)`: parsing SlaConfig itself here would recurse into this fn.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Shipped {
            at_risk_share: f64,
            check_every: String,
            calendars: Vec<CalendarConfig>,
            policies: Vec<PolicyConfig>,
            escalations: Vec<EscalationConfig>,
        }
        #[derive(Deserialize)]
        struct File {
            sla: Shipped,
        }
        // The shipped file is checked by a unit test; were it broken, fall back to no policies rather than panic.
        match toml::from_str::<File>(DEFAULT_SLA) {
            Ok(File { sla: s }) => SlaConfig {
                at_risk_share: s.at_risk_share,
                check_every: s.check_every,
                calendars: s.calendars,
                policies: s.policies,
                escalations: s.escalations,
            },
            Err(_) => SlaConfig {
                at_risk_share: 0.75,
                check_every: "1m".into(),
                calendars: Vec::new(),
                policies: Vec::new(),
                escalations: Vec::new(),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarConfig {
    pub name: String,
    /// IANA time zone, e.g. "Asia/Shanghai".
    pub tz: String,
    /// e.g. "mon-fri 09:00-12:00,13:30-18:00", "sat 10:00-16:00".
    pub hours: Vec<String>,
    /// Dates ("2026-10-01") or inclusive ranges ("2026-10-01..2026-10-07").
    #[serde(default)]
    pub holidays: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetsConfig {
    pub first_response: Option<String>,
    pub next_reply: Option<String>,
    pub resolution: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyConfig {
    pub name: String,
    #[serde(default)]
    pub tiers: Vec<Tier>,
    #[serde(default)]
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub kinds: Vec<Kind>,
    pub calendar: String,
    pub urgent: Option<TargetsConfig>,
    pub high: Option<TargetsConfig>,
    pub normal: Option<TargetsConfig>,
    pub low: Option<TargetsConfig>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationConfig {
    pub name: String,
    /// "at-risk" or "breached".
    pub when: String,
    /// first_response, next_reply, resolution; empty: any.
    #[serde(default)]
    pub targets: Vec<String>,
    #[serde(default)]
    pub priorities: Vec<Priority>,
    #[serde(default)]
    pub tiers: Vec<Tier>,
    #[serde(default)]
    pub raise_priority: bool,
    pub assign_group: Option<String>,
    pub assign_to: Option<String>,
    pub add_tag: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LoopConfig {
    /// The follow-up call (回访) is due this long after a ticket is solved.
    pub follow_up_after: String,
    /// A solved ticket with no customer reply for this long is closed by `desk sla run`.
    pub auto_close_after: String,
}

impl Default for LoopConfig {
    fn default() -> Self {
        LoopConfig {
            follow_up_after: "1d".into(),
            auto_close_after: "7d".into(),
        }
    }
}

/// The closed-loop settings in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoopRules {
    pub follow_up_after: i64,
    pub auto_close_after: i64,
}

impl LoopConfig {
    pub fn rules(&self) -> Result<LoopRules, String> {
        let get = |key: &str, v: &str| parse_duration(v).map_err(|e| format!("[loop] {key}: {e}"));
        Ok(LoopRules {
            follow_up_after: get("follow_up_after", &self.follow_up_after)?,
            auto_close_after: get("auto_close_after", &self.auto_close_after)?,
        })
    }
}

impl SlaConfig {
    /// The seconds between background checks.
    pub fn check_every_secs(&self) -> Result<i64, String> {
        parse_duration(&self.check_every).map_err(|e| format!("[sla] check_every: {e}"))
    }

    /// Checks everything and builds the rules; the error names the table and entry at fault.
    pub fn rules(&self) -> Result<SlaRules, String> {
        if !(self.at_risk_share > 0.0 && self.at_risk_share < 1.0) {
            return Err(format!(
                "[sla] at_risk_share is {}; it must be between 0 and 1, e.g. 0.75",
                self.at_risk_share
            ));
        }
        self.check_every_secs()?;
        let mut calendars = vec![Calendar::always_open("24x7")];
        for c in &self.calendars {
            let cal = calendar(c).map_err(|e| format!("[[sla.calendars]] `{}`: {e}", c.name))?;
            if calendars.iter().any(|k| k.name == cal.name) {
                return Err(format!(
                    "[[sla.calendars]] `{}` is defined twice (24x7 is built in)",
                    c.name
                ));
            }
            calendars.push(cal);
        }
        let names: Vec<&str> = calendars.iter().map(|c| c.name.as_str()).collect();
        let mut policies = Vec::new();
        for p in &self.policies {
            let at = |e: String| format!("[[sla.policies]] `{}`: {e}", p.name);
            if !names.contains(&p.calendar.as_str()) {
                return Err(at(format!(
                    "calendar `{}` is not defined (calendars: {})",
                    p.calendar,
                    names.join(", ")
                )));
            }
            let mut targets = BTreeMap::new();
            let by_priority = [
                (Priority::Urgent, &p.urgent),
                (Priority::High, &p.high),
                (Priority::Normal, &p.normal),
                (Priority::Low, &p.low),
            ];
            for (priority, t) in by_priority {
                if let Some(t) = t {
                    targets.insert(priority, self::targets(t).map_err(&at)?);
                }
            }
            if targets.is_empty() {
                return Err(at(
                    "names no priority; add e.g. urgent = { first_response = \"1h\", resolution = \"24h\" }"
                        .into(),
                ));
            }
            policies.push(Policy {
                name: p.name.clone(),
                tiers: p.tiers.clone(),
                channels: p.channels.clone(),
                kinds: p.kinds.clone(),
                calendar: p.calendar.clone(),
                targets,
            });
        }
        let escalations = self
            .escalations
            .iter()
            .map(|e| escalation(e).map_err(|m| format!("[[sla.escalations]] `{}`: {m}", e.name)))
            .collect::<Result<_, _>>()?;
        Ok(SlaRules {
            calendars,
            policies,
            at_risk_share: self.at_risk_share,
            escalations,
        })
    }
}

fn targets(t: &TargetsConfig) -> Result<Targets, String> {
    let get = |v: &Option<String>| {
        v.as_deref()
            .map(parse_duration)
            .transpose()
            .map_err(|e| e.to_string())
    };
    Ok(Targets {
        first_response: get(&t.first_response)?,
        next_reply: get(&t.next_reply)?,
        resolution: get(&t.resolution)?,
    })
}

fn escalation(e: &EscalationConfig) -> Result<EscalationRule, String> {
    let when = match e.when.trim() {
        "at-risk" | "at_risk" => Trigger::AtRisk,
        "breached" => Trigger::Breached,
        other => return Err(format!("when = `{other}`; use \"at-risk\" or \"breached\"")),
    };
    let targets = e
        .targets
        .iter()
        .map(|t| {
            Target::ALL
                .into_iter()
                .find(|k| k.as_str() == t.trim().replace('-', "_"))
                .ok_or_else(|| {
                    format!("target `{t}`; use first_response, next_reply or resolution")
                })
        })
        .collect::<Result<_, _>>()?;
    let actions = EscalationActions {
        raise_priority: e.raise_priority,
        assign_group: e.assign_group.clone(),
        assign_to: e.assign_to.clone(),
        add_tag: e.add_tag.as_ref().map(|t| t.trim().to_lowercase()),
        note: e.note.clone(),
    };
    if actions == EscalationActions::default() {
        return Err(
            "does nothing; set raise_priority, assign_group, assign_to, add_tag or note".into(),
        );
    }
    Ok(EscalationRule {
        name: e.name.clone(),
        when,
        targets,
        priorities: e.priorities.clone(),
        tiers: e.tiers.clone(),
        actions,
    })
}

fn calendar(c: &CalendarConfig) -> Result<Calendar, String> {
    let tz: chrono_tz::Tz = c.tz.parse().map_err(|_| {
        format!(
            "tz `{}` is not an IANA time zone name (e.g. Asia/Shanghai)",
            c.tz
        )
    })?;
    let mut week: [Vec<(u32, u32)>; 7] = Default::default();
    for line in &c.hours {
        let (days, spans) = parse_hours(line)?;
        for d in days {
            week[d].extend(spans.iter().copied());
        }
    }
    for (i, day) in week.iter_mut().enumerate() {
        day.sort_unstable();
        if day.windows(2).any(|w| w[1].0 < w[0].1) {
            return Err(format!("hours overlap on {}", DAYS[i]));
        }
    }
    if week.iter().all(Vec::is_empty) {
        return Err("has no business hours; add e.g. hours = [\"mon-fri 09:00-18:00\"]".into());
    }
    let mut holidays = BTreeSet::new();
    for h in &c.holidays {
        for d in parse_holiday(h)? {
            holidays.insert(d);
        }
    }
    Ok(Calendar {
        name: c.name.clone(),
        tz,
        week,
        holidays,
        always: false,
    })
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `"mon-fri 09:00-12:00,13:30-18:00"` → days (0 = Monday) and minute spans.
/// Days (0 = Monday) and `[start, end)` minute spans.
type Hours = (Vec<usize>, Vec<(u32, u32)>);

fn parse_hours(line: &str) -> Result<Hours, String> {
    let bad = |why: &str| {
        format!("hours `{line}`: {why}; write e.g. \"mon-fri 09:00-12:00,13:30-18:00\"")
    };
    let (days_text, spans_text) = line
        .trim()
        .split_once(char::is_whitespace)
        .ok_or_else(|| bad("days and times are needed"))?;
    let day = |s: &str| {
        DAYS.iter()
            .position(|d| d.eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| bad(&format!("`{s}` is not a day (mon … sun)")))
    };
    let mut days = Vec::new();
    for part in days_text.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (day(a)?, day(b)?);
                if b < a {
                    return Err(bad("a day range runs mon → sun"));
                }
                days.extend(a..=b);
            }
            None => days.push(day(part)?),
        }
    }
    let minute = |s: &str| -> Result<u32, String> {
        let (h, m) = s
            .trim()
            .split_once(':')
            .ok_or_else(|| bad(&format!("`{s}` is not HH:MM")))?;
        let (h, m): (u32, u32) = (
            h.parse().map_err(|_| bad(&format!("`{s}` is not HH:MM")))?,
            m.parse().map_err(|_| bad(&format!("`{s}` is not HH:MM")))?,
        );
        // h is checked first: a huge hour would overflow h * 60.
        if m >= 60 || h > 24 || h * 60 + m > 1440 {
            return Err(bad(&format!("`{s}` is not a time of day")));
        }
        Ok(h * 60 + m)
    };
    let mut spans = Vec::new();
    for span in spans_text.split(',') {
        let (a, b) = span
            .split_once('-')
            .ok_or_else(|| bad(&format!("`{span}` is not START-END")))?;
        let (a, b) = (minute(a)?, minute(b)?);
        if b <= a {
            return Err(bad(&format!("`{span}` ends before it starts")));
        }
        spans.push((a, b));
    }
    Ok((days, spans))
}

fn parse_holiday(text: &str) -> Result<Vec<NaiveDate>, String> {
    let date = |s: &str| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
            format!("holiday `{text}`: write a date 2026-10-01 or a range 2026-10-01..2026-10-07")
        })
    };
    match text.split_once("..") {
        Some((a, b)) => {
            let (a, b) = (date(a)?, date(b)?);
            if b < a || (b - a).num_days() > 366 {
                return Err(format!(
                    "holiday `{text}`: the range must run forwards and span at most a year"
                ));
            }
            Ok(a.iter_days().take_while(|d| *d <= b).collect())
        }
        None => Ok(vec![date(text)?]),
    }
}

#[cfg(test)]
mod tests {
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
        for bad in [
            "mon",
            "xyz 09:00-10:00",
            "mon 10:00-09:00",
            "mon 25:00-26:00",
            "fri-mon 09:00-10:00",
            "mon 9-10",
        ] {
            assert!(parse_hours(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn holidays_take_dates_and_inclusive_ranges() {
        assert_eq!(parse_holiday("2026-10-01..2026-10-07").unwrap().len(), 7);
        assert_eq!(parse_holiday("2027-01-01").unwrap().len(), 1);
        assert!(parse_holiday("2026-10-07..2026-10-01").is_err());
        assert!(parse_holiday("10/01/2026").is_err());
    }

    #[test]
    fn bad_entries_name_the_table_entry_and_the_fix() {
        let mut cfg = SlaConfig::default();
        cfg.policies[0].calendar = "night-shift".into();
        let err = cfg.rules().unwrap_err();
        assert!(
            err.contains("[[sla.policies]] `live-chat`: calendar `night-shift` is not defined"),
            "{err}"
        );
        let mut cfg = SlaConfig::default();
        cfg.calendars[0].tz = "Mars/Olympus".into();
        assert!(cfg.rules().unwrap_err().contains("not an IANA time zone"));
        let cfg = SlaConfig {
            at_risk_share: 1.5,
            ..SlaConfig::default()
        };
        assert!(cfg.rules().unwrap_err().contains("at_risk_share"));
        let mut cfg = SlaConfig::default();
        cfg.escalations[0].when = "soon".into();
        assert!(
            cfg.rules()
                .unwrap_err()
                .contains("use \"at-risk\" or \"breached\"")
        );
        let mut cfg = SlaConfig::default();
        cfg.policies[2].low = Some(TargetsConfig {
            resolution: Some("a week".into()),
            ..Default::default()
        });
        assert!(
            cfg.rules()
                .unwrap_err()
                .contains("`a week` is not a duration")
        );
    }
}
