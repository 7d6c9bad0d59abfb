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
    /// Among the policies covering a ticket the highest precedence wins, then the first listed: a VIP policy
    /// with a higher precedence than a channel's keeps a gold customer's WeChat ticket on the VIP clock.
    pub precedence: i32,
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

    /// The covering policy of highest precedence (the first listed among equals), or `None` when no policy
    /// covers the ticket (it then has no clocks).
    pub fn select(&self, t: &TicketFacts) -> Option<Applied<'_>> {
        let policy = self
            .policies
            .iter()
            .filter(|p| p.covers(t))
            .min_by_key(|p| std::cmp::Reverse(p.precedence))?;
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
        self.countdown_secs(now)
            .map(|(secs, state)| (format_countdown(secs), state))
    }

    /// The countdown's seconds (whole minutes, negative when past due) and state, for a caller that words it.
    pub fn countdown_secs(&self, now: i64) -> Option<(i64, ClockState)> {
        let state = self.state(now)?;
        let secs = if self.paused {
            self.remaining.unwrap_or(0)
        } else {
            self.due_at? - now
        };
        // Whole minutes, rounded towards "less time left" so a countdown never flatters.
        Some((secs.div_euclid(60) * 60, state))
    }
}

/// A countdown in at most five characters plus its sign: `45m`, `7h05m`, `23h`, `3d4h`, `82d` (from ten days on
/// the hours are dropped, so the queue's column never cuts `-82d13h` to `-82d1…`).
pub fn format_countdown(secs: i64) -> String {
    let body = match countdown_span(secs) {
        CountdownSpan::Minutes(m) => format!("{m}m"),
        CountdownSpan::Hours(h) => format!("{h}h"),
        CountdownSpan::HoursMinutes(h, m) => format!("{h}h{m:02}m"),
        CountdownSpan::Days(d) => format!("{d}d"),
        CountdownSpan::DaysHours(d, h) => format!("{d}d{h}h"),
    };
    if secs < 0 { format!("-{body}") } else { body }
}

/// The units a countdown of `secs` (either sign) is said in, before wording: at most two, the minutes dropped from
/// ten hours on and the hours from ten days on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountdownSpan {
    Minutes(i64),
    Hours(i64),
    HoursMinutes(i64, i64),
    Days(i64),
    DaysHours(i64, i64),
}

pub fn countdown_span(secs: i64) -> CountdownSpan {
    let s = secs.abs();
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    match (d, h) {
        (0, 0) => CountdownSpan::Minutes(m),
        (0, h) if h >= 10 || m == 0 => CountdownSpan::Hours(h),
        (0, h) => CountdownSpan::HoursMinutes(h, m),
        (d, 0) => CountdownSpan::Days(d),
        (d, _) if d >= 10 => CountdownSpan::Days(d),
        (d, h) => CountdownSpan::DaysHours(d, h),
    }
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
#[path = "sla_policy_tests.rs"]
mod tests;
