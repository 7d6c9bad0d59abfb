//! Which SLA targets apply to a ticket (policies matched by priority × tier, optionally channel and kind), and
//! which escalation rules a ticket's clocks trigger. Pure; the config layer builds these from TOML.

use std::collections::BTreeMap;

use super::customer::Tier;
use super::sla::{Calendar, Clock, ClockState, Target, Targets};
use super::ticket::{Channel, Kind, Priority};

/// A policy: which tickets it covers and the targets for each priority it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub name: String,
    /// Empty: any tier. A ticket without a customer has no tier and matches only policies with no tier list.
    pub tiers: Vec<Tier>,
    pub channels: Vec<Channel>,
    pub kinds: Vec<Kind>,
    pub calendar: String,
    /// Targets by priority; a priority the policy does not name is not covered by it.
    pub targets: BTreeMap<Priority, Targets>,
}

impl Policy {
    fn covers(&self, t: &TicketFacts) -> bool {
        let tier_ok =
            self.tiers.is_empty() || t.tier.is_some_and(|tier| self.tiers.contains(&tier));
        tier_ok
            && (self.channels.is_empty() || self.channels.contains(&t.channel))
            && (self.kinds.is_empty() || self.kinds.contains(&t.kind))
            && self.targets.contains_key(&t.priority)
    }
}

/// The facts about a ticket that pick its policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketFacts {
    pub priority: Priority,
    pub tier: Option<Tier>,
    pub channel: Channel,
    pub kind: Kind,
}

/// Everything the clocks need from configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct SlaRules {
    pub calendars: Vec<Calendar>,
    /// In order: the first that covers a ticket applies.
    pub policies: Vec<Policy>,
    /// Share of a target after which a clock is at risk (0.75 by default).
    pub at_risk_share: f64,
    pub escalations: Vec<EscalationRule>,
}

impl Default for SlaRules {
    fn default() -> Self {
        SlaRules {
            calendars: vec![Calendar::always_open("24x7")],
            policies: Vec::new(),
            at_risk_share: 0.75,
            escalations: Vec::new(),
        }
    }
}

/// The policy chosen for a ticket, with its targets and calendar.
#[derive(Debug, Clone, Copy)]
pub struct Applied<'a> {
    pub policy: &'a Policy,
    pub targets: Targets,
    pub calendar: &'a Calendar,
}

impl SlaRules {
    pub fn calendar(&self, name: &str) -> Option<&Calendar> {
        self.calendars.iter().find(|c| c.name == name)
    }

    /// The first policy covering the ticket, or `None` when no policy does (the ticket then has no clocks).
    pub fn select(&self, t: &TicketFacts) -> Option<Applied<'_>> {
        let policy = self.policies.iter().find(|p| p.covers(t))?;
        Some(Applied {
            policy,
            targets: *policy.targets.get(&t.priority)?,
            calendar: self.calendar(&policy.calendar)?,
        })
    }

    /// A short fingerprint of everything that decides due times, stored with each ticket's computed clock so a
    /// changed configuration is noticed and the clocks are computed again.
    pub fn stamp(&self) -> String {
        // FNV-1a over the Debug form: stable for equal rules within a build and cheap; not a security hash. The
        // escalation rules are in it because each ticket stores when the sweep must next look at it under them.
        let text = format!(
            "{:?}|{:?}|{}|{:?}",
            self.calendars, self.policies, self.at_risk_share, self.escalations
        );
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    }
}

/// When an escalation rule fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// The clock has used the at-risk share (also true once breached).
    AtRisk,
    Breached,
}

impl Trigger {
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::AtRisk => "at-risk",
            Trigger::Breached => "breached",
        }
    }

    pub(crate) fn fires(self, c: &Clock) -> bool {
        match self {
            Trigger::AtRisk => matches!(c.state, ClockState::AtRisk | ClockState::Breached),
            Trigger::Breached => c.state == ClockState::Breached,
        }
    }
}

/// What an escalation does; every part is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EscalationActions {
    pub raise_priority: bool,
    pub assign_group: Option<String>,
    /// An agent handle.
    pub assign_to: Option<String>,
    pub add_tag: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationRule {
    pub name: String,
    pub when: Trigger,
    /// Empty: any target.
    pub targets: Vec<Target>,
    pub priorities: Vec<Priority>,
    pub tiers: Vec<Tier>,
    pub actions: EscalationActions,
}

impl EscalationRule {
    /// Whether the rule applies to a ticket of this priority and customer tier (an empty list: any).
    pub fn covers(&self, priority: Priority, tier: Option<Tier>) -> bool {
        (self.priorities.is_empty() || self.priorities.contains(&priority))
            && (self.tiers.is_empty() || tier.is_some_and(|t| self.tiers.contains(&t)))
    }
}

/// One rule firing on one clock. `clock_start` identifies the clock, so each rule fires once per clock however
/// often the check runs; a later next-reply clock can fire it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due<'a> {
    pub rule: &'a EscalationRule,
    pub target: Target,
    pub clock_start: i64,
}

/// The escalations the clocks of a ticket call for (before looking at which already happened).
pub fn escalations_due<'a>(
    rules: &'a [EscalationRule],
    clocks: &[Clock],
    priority: Priority,
    tier: Option<Tier>,
) -> Vec<Due<'a>> {
    let mut out = Vec::new();
    for rule in rules.iter().filter(|r| r.covers(priority, tier)) {
        for c in clocks {
            let target_ok = rule.targets.is_empty() || rule.targets.contains(&c.target);
            if target_ok && c.stopped_at.is_none() && rule.when.fires(c) {
                out.push(Due {
                    rule,
                    target: c.target,
                    clock_start: c.started_at,
                });
            }
        }
    }
    out
}

/// Escalations raise a ticket's priority at most once in this many seconds, however many of its clocks or rules
/// fire together and however many desks run the pass.
pub const RAISE_SPACING: i64 = 60;

/// Whether an escalation may raise a priority at `now`, given the latest raise an escalation made (by any desk,
/// whose clock may run a little ahead of this one's).
pub fn may_raise(last_raise: Option<i64>, now: i64) -> bool {
    last_raise.is_none_or(|at| (now - at).abs() >= RAISE_SPACING)
}

/// One step more urgent (urgent stays urgent).
pub fn raised(p: Priority) -> Priority {
    match p {
        Priority::Low => Priority::Normal,
        Priority::Normal => Priority::High,
        Priority::High | Priority::Urgent => Priority::Urgent,
    }
}

/// A ticket's stored clock (the one its queue shows), enough to tell its state and countdown at any `now`
/// without the history: due and risk times stay fixed while the clock runs (see `domain::sla`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct SlaSnapshot {
    #[serde(serialize_with = "target_name")]
    pub target: Option<Target>,
    pub due_at: Option<i64>,
    pub risk_at: Option<i64>,
    pub paused: bool,
    /// Business seconds left when paused.
    pub remaining: Option<i64>,
}

fn target_name<S: serde::Serializer>(t: &Option<Target>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(t.as_str()),
        None => s.serialize_none(),
    }
}

impl SlaSnapshot {
    /// The clock's state at `now`; `None` when the ticket has no running or paused clock.
    pub fn state(&self, now: i64) -> Option<ClockState> {
        self.target?;
        if self.paused {
            return Some(match self.remaining {
                // As `domain::sla`: breached once the time used reaches the target.
                Some(r) if r <= 0 => ClockState::Breached,
                _ => ClockState::Paused,
            });
        }
        let due = self.due_at?;
        Some(if now >= due {
            ClockState::Breached
        } else if self.risk_at.is_some_and(|r| now >= r) {
            ClockState::AtRisk
        } else {
            ClockState::Ok
        })
    }

    /// The queue's countdown: wall time to the due time (`2h13m`), or past it (`-35m`); paused clocks show the
    /// business time they have left. With the state, for glyph and colour.
    pub fn countdown(&self, now: i64) -> Option<(String, ClockState)> {
        let state = self.state(now)?;
        let secs = if self.paused {
            self.remaining.unwrap_or(0)
        } else {
            self.due_at? - now
        };
        // Whole minutes, rounded towards "less time left" so a countdown never flatters.
        let minutes = secs.div_euclid(60) * 60;
        Some((format_countdown(minutes), state))
    }
}

/// A countdown in at most five characters plus its sign: `45m`, `7h05m`, `23h`, `3d4h`, `82d` (from ten days on
/// the hours are dropped, so the queue's column never cuts `-82d13h` to `-82d1…`).
pub fn format_countdown(secs: i64) -> String {
    let s = secs.abs();
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    let body = match (d, h) {
        (0, 0) => format!("{m}m"),
        (0, h) if h >= 10 || m == 0 => format!("{h}h"),
        (0, h) => format!("{h}h{m:02}m"),
        (d, 0) => format!("{d}d"),
        (d, _) if d >= 10 => format!("{d}d"),
        (d, h) => format!("{d}d{h}h"),
    };
    if secs < 0 { format!("-{body}") } else { body }
}

/// Text that is not a duration (or not a positive one that fits).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a duration; write e.g. 30m, 4h, 2d, 1w or 1h30m")]
pub struct DurationError {
    /// The text as given.
    pub text: String,
}

/// Parses a duration such as `90s`, `30m`, `4h`, `2d`, `1w` or `1h30m` into seconds.
pub fn parse_duration(text: &str) -> Result<i64, DurationError> {
    let t = text.trim();
    let bad = || DurationError {
        text: text.to_string(),
    };
    if t.is_empty() {
        return Err(bad());
    }
    let (mut total, mut digits) = (0i64, String::new());
    for ch in t.chars() {
        if ch.is_ascii_digit() {
            digits.push(ch);
            continue;
        }
        let unit = match ch {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 604_800,
            _ => return Err(bad()),
        };
        let n: i64 = digits.parse().map_err(|_| bad())?;
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(bad)?;
        digits.clear();
    }
    if !digits.is_empty() || total <= 0 {
        return Err(bad());
    }
    Ok(total)
}

/// A duration in the largest units that keep it short: `2h13m`, `3d4h`, `45m`, `30s`.
pub fn format_duration(secs: i64) -> String {
    let s = secs.abs();
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    let body = match (d, h, m) {
        (0, 0, 0) => format!("{s}s"),
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h{m:02}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d{h}h"),
    };
    if secs < 0 { format!("-{body}") } else { body }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sla::ClockState;

    fn targets(fr: i64, res: i64) -> Targets {
        Targets {
            first_response: Some(fr),
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
        let rule =
            |name: &str, when, targets: Vec<Target>, priorities: Vec<Priority>| EscalationRule {
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
}
