//! `[sla]` and `[loop]`: calendars, policies and escalation rules as written in TOML, checked and turned into the
//! domain's [`SlaRules`]. Defaults come from assets/default-sla.toml; a list in the user's file replaces that list.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::customer::Tier;
use crate::domain::sla::{Calendar, Target, Targets};
use crate::domain::sla_policy::{
    DurationError, EscalationActions, EscalationRule, Policy, SlaRules, Trigger, parse_duration,
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

/// The shipped escalations' notes in `locale`: a note the team left as shipped is written to tickets in the
/// language of whoever's desk writes it (`escalations-note-<rule>` in the catalogues); a note of the team's own is kept.
pub fn localise_notes(rules: &mut SlaRules, locale: crate::i18n::Locale) {
    let shipped = SlaConfig::default().escalations;
    for rule in &mut rules.escalations {
        let as_shipped = shipped
            .iter()
            .any(|e| e.name == rule.name && e.note.is_some() && e.note == rule.actions.note);
        let key = format!("escalations-note-{}", rule.name);
        if as_shipped && crate::i18n::has(locale, &key) {
            rule.actions.note = Some(crate::i18n::tr(locale, &key));
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
    pub first_solution: Option<String>,
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
    /// Highest wins among the policies covering a ticket; equal ones go by order. Default 0.
    #[serde(default)]
    pub precedence: i32,
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

/// A `[sla]` or `[loop]` setting desk cannot use. Each says the table and entry at fault; config loading adds
/// the file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SlaConfigError {
    #[error("[sla] at_risk_share is {0}; it must be between 0 and 1, e.g. 0.75")]
    AtRiskShare(f64),
    #[error("[sla] check_every: {0}")]
    CheckEvery(DurationError),
    /// `key` is follow_up_after, auto_close_after or recovery_after.
    #[error("[loop] {key}: {problem}")]
    Loop {
        key: &'static str,
        problem: DurationError,
    },
    #[error(
        "[loop] complaint_root_causes: `{0}` is not a usable cause; list distinct keys such as \"product_quality\" (letters, digits, _ or -)"
    )]
    RootCause(String),
    #[error("[loop] {key} is {value}; {want}")]
    LoopValue {
        key: &'static str,
        value: i64,
        want: &'static str,
    },
    #[error("[[sla.calendars]] `{name}`: {problem}")]
    Calendar {
        name: String,
        problem: CalendarError,
    },
    #[error("[[sla.calendars]] `{name}` is defined twice (24x7 is built in)")]
    CalendarTwice { name: String },
    #[error("[[sla.policies]] `{name}`: {problem}")]
    Policy { name: String, problem: PolicyError },
    #[error("[[sla.escalations]] `{name}`: {problem}")]
    Escalation {
        name: String,
        problem: EscalationError,
    },
}

/// What is wrong with one calendar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("tz `{0}` is not an IANA time zone name (e.g. Asia/Shanghai)")]
    TimeZone(String),
    /// One `hours` line, as written, and what is wrong with it.
    #[error("hours `{line}`: {problem}; write e.g. \"mon-fri 09:00-12:00,13:30-18:00\"")]
    Hours { line: String, problem: HoursError },
    /// Two spans overlap on this day (mon … sun).
    #[error("hours overlap on {0}")]
    Overlap(&'static str),
    #[error("has no business hours; add e.g. hours = [\"mon-fri 09:00-18:00\"]")]
    NoHours,
    /// A holiday, as written, that is neither a date nor a range of dates.
    #[error("holiday `{0}`: write a date 2026-10-01 or a range 2026-10-01..2026-10-07")]
    HolidayDate(String),
    /// A holiday range that runs backwards or spans more than a year.
    #[error("holiday `{0}`: the range must run forwards and span at most a year")]
    HolidayRange(String),
}

/// What is wrong with one `hours` line (the line itself is in [`CalendarError::Hours`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    #[error("days and times are needed")]
    NoTimes,
    #[error("`{0}` is not a day (mon … sun)")]
    NotADay(String),
    #[error("a day range runs mon → sun")]
    DaysBackwards,
    #[error("`{0}` is not HH:MM")]
    NotHhMm(String),
    #[error("`{0}` is not a time of day")]
    NotATime(String),
    #[error("`{0}` is not START-END")]
    NotASpan(String),
    #[error("`{0}` ends before it starts")]
    SpanBackwards(String),
}

/// What is wrong with one policy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// `known` lists the calendars that are defined.
    #[error("calendar `{calendar}` is not defined (calendars: {})", .known.join(", "))]
    UnknownCalendar {
        calendar: String,
        known: Vec<String>,
    },
    #[error(transparent)]
    Target(#[from] DurationError),
    #[error(
        "names no priority; add e.g. urgent = {{ first_response = \"1h\", resolution = \"24h\" }}"
    )]
    NoPriority,
}

/// What is wrong with one escalation rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EscalationError {
    #[error("when = `{0}`; use \"at-risk\" or \"breached\"")]
    When(String),
    #[error("target `{0}`; use first_response, next_reply or resolution")]
    Target(String),
    #[error("does nothing; set raise_priority, assign_group, assign_to, add_tag or note")]
    DoesNothing,
    #[error("add_tag: {0}")]
    Tag(crate::domain::ticket::TagError),
}

impl SlaConfig {
    /// The seconds between background checks.
    pub fn check_every_secs(&self) -> Result<i64, SlaConfigError> {
        parse_duration(&self.check_every).map_err(SlaConfigError::CheckEvery)
    }

    /// Checks everything and builds the rules; the error names the table and entry at fault.
    pub fn rules(&self) -> Result<SlaRules, SlaConfigError> {
        if !(self.at_risk_share > 0.0 && self.at_risk_share < 1.0) {
            return Err(SlaConfigError::AtRiskShare(self.at_risk_share));
        }
        self.check_every_secs()?;
        let mut calendars = vec![Calendar::always_open("24x7")];
        for c in &self.calendars {
            let cal = calendar(c).map_err(|problem| SlaConfigError::Calendar {
                name: c.name.clone(),
                problem,
            })?;
            if calendars.iter().any(|k| k.name == cal.name) {
                return Err(SlaConfigError::CalendarTwice {
                    name: c.name.clone(),
                });
            }
            calendars.push(cal);
        }
        let names: Vec<&str> = calendars.iter().map(|c| c.name.as_str()).collect();
        let mut policies = Vec::new();
        for p in &self.policies {
            let at = |problem: PolicyError| SlaConfigError::Policy {
                name: p.name.clone(),
                problem,
            };
            if !names.contains(&p.calendar.as_str()) {
                return Err(at(PolicyError::UnknownCalendar {
                    calendar: p.calendar.clone(),
                    known: names.iter().map(|n| n.to_string()).collect(),
                }));
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
                    let t = self::targets(t).map_err(|e| at(e.into()))?;
                    targets.insert(priority, t);
                }
            }
            if targets.is_empty() {
                return Err(at(PolicyError::NoPriority));
            }
            policies.push(Policy {
                name: p.name.clone(),
                tiers: p.tiers.clone(),
                channels: p.channels.clone(),
                kinds: p.kinds.clone(),
                calendar: p.calendar.clone(),
                targets,
                precedence: p.precedence,
            });
        }
        let escalations = self
            .escalations
            .iter()
            .map(|e| {
                escalation(e).map_err(|problem| SlaConfigError::Escalation {
                    name: e.name.clone(),
                    problem,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(SlaRules {
            calendars,
            policies,
            at_risk_share: self.at_risk_share,
            escalations,
        })
    }
}

fn targets(t: &TargetsConfig) -> Result<Targets, DurationError> {
    let get = |v: &Option<String>| v.as_deref().map(parse_duration).transpose();
    Ok(Targets {
        first_response: get(&t.first_response)?,
        first_solution: get(&t.first_solution)?,
        next_reply: get(&t.next_reply)?,
        resolution: get(&t.resolution)?,
    })
}

fn escalation(e: &EscalationConfig) -> Result<EscalationRule, EscalationError> {
    let when = match e.when.trim() {
        "at-risk" | "at_risk" => Trigger::AtRisk,
        "breached" => Trigger::Breached,
        other => return Err(EscalationError::When(other.to_string())),
    };
    let targets = e
        .targets
        .iter()
        .map(|t| {
            Target::ALL
                .into_iter()
                .find(|k| k.as_str() == t.trim().replace('-', "_"))
                .ok_or_else(|| EscalationError::Target(t.clone()))
        })
        .collect::<Result<_, _>>()?;
    let actions = EscalationActions {
        raise_priority: e.raise_priority,
        assign_group: e.assign_group.clone(),
        assign_to: e.assign_to.clone(),
        add_tag: e
            .add_tag
            .as_deref()
            .map(crate::domain::ticket::tag)
            .transpose()
            .map_err(EscalationError::Tag)?,
        note: e.note.clone(),
    };
    if actions == EscalationActions::default() {
        return Err(EscalationError::DoesNothing);
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

fn calendar(c: &CalendarConfig) -> Result<Calendar, CalendarError> {
    let tz: chrono_tz::Tz =
        c.tz.parse()
            .map_err(|_| CalendarError::TimeZone(c.tz.clone()))?;
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
            return Err(CalendarError::Overlap(DAYS[i]));
        }
    }
    if week.iter().all(Vec::is_empty) {
        return Err(CalendarError::NoHours);
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

fn parse_hours(line: &str) -> Result<Hours, CalendarError> {
    let bad = |problem: HoursError| CalendarError::Hours {
        line: line.to_string(),
        problem,
    };
    let (days_text, spans_text) = line
        .trim()
        .split_once(char::is_whitespace)
        .ok_or_else(|| bad(HoursError::NoTimes))?;
    let day = |s: &str| {
        DAYS.iter()
            .position(|d| d.eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| bad(HoursError::NotADay(s.to_string())))
    };
    let mut days = Vec::new();
    for part in days_text.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (day(a)?, day(b)?);
                if b < a {
                    return Err(bad(HoursError::DaysBackwards));
                }
                days.extend(a..=b);
            }
            None => days.push(day(part)?),
        }
    }
    let minute = |s: &str| -> Result<u32, CalendarError> {
        let not_hh_mm = || bad(HoursError::NotHhMm(s.to_string()));
        let (h, m) = s.trim().split_once(':').ok_or_else(not_hh_mm)?;
        let (h, m): (u32, u32) = (
            h.parse().map_err(|_| not_hh_mm())?,
            m.parse().map_err(|_| not_hh_mm())?,
        );
        // h is checked first: a huge hour would overflow h * 60.
        if m >= 60 || h > 24 || h * 60 + m > 1440 {
            return Err(bad(HoursError::NotATime(s.to_string())));
        }
        Ok(h * 60 + m)
    };
    let mut spans = Vec::new();
    for span in spans_text.split(',') {
        let (a, b) = span
            .split_once('-')
            .ok_or_else(|| bad(HoursError::NotASpan(span.to_string())))?;
        let (a, b) = (minute(a)?, minute(b)?);
        if b <= a {
            return Err(bad(HoursError::SpanBackwards(span.to_string())));
        }
        spans.push((a, b));
    }
    Ok((days, spans))
}

fn parse_holiday(text: &str) -> Result<Vec<NaiveDate>, CalendarError> {
    let date = |s: &str| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| CalendarError::HolidayDate(text.to_string()))
    };
    match text.split_once("..") {
        Some((a, b)) => {
            let (a, b) = (date(a)?, date(b)?);
            if b < a || (b - a).num_days() > 366 {
                return Err(CalendarError::HolidayRange(text.to_string()));
            }
            Ok(a.iter_days().take_while(|d| *d <= b).collect())
        }
        None => Ok(vec![date(text)?]),
    }
}

#[cfg(test)]
#[path = "sla_tests.rs"]
mod tests;
