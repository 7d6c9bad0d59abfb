//! SLA clocks: business calendars and the state of each service target, computed purely from a ticket's history,
//! its targets, a calendar and `now`. API skeleton — the implementation is being written.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::ticket::Status;

/// Weekly business hours, holidays and a time zone. Times are unix seconds (UTC); the calendar works in local
/// time of `tz`, so a business day keeps its local hours across DST changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    pub name: String,
    pub tz: Tz,
    /// Monday first. Each day is a sorted list of non-overlapping `[start, end)` minutes after local midnight,
    /// `0 <= start < end <= 1440`.
    pub week: [Vec<(u32, u32)>; 7],
    /// Local dates with no business hours at all.
    pub holidays: BTreeSet<NaiveDate>,
    /// Every second counts (24×7); `week`, `holidays` and `tz` are ignored.
    pub always: bool,
}

impl Calendar {
    /// The 24×7 calendar.
    pub fn always_open(name: &str) -> Calendar {
        Calendar {
            name: name.to_string(),
            tz: Tz::UTC,
            week: Default::default(),
            holidays: BTreeSet::new(),
            always: true,
        }
    }

    /// Whether `at` falls in business hours.
    pub fn is_open(&self, _at: i64) -> bool {
        self.always
    }

    /// Business seconds in `[from, to)`; 0 when `to <= from`.
    pub fn business_secs(&self, from: i64, to: i64) -> i64 {
        (to - from).max(0)
    }

    /// The earliest instant `t >= from` with `business_secs(from, t) == secs`. `None` when the calendar has no
    /// business hours within the search horizon (about ten years), e.g. a week with no hours.
    pub fn add_business(&self, from: i64, secs: i64) -> Option<i64> {
        Some(from + secs)
    }
}

/// The three service targets of a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    FirstResponse,
    NextReply,
    Resolution,
}

impl Target {
    pub const ALL: [Target; 3] = [Target::FirstResponse, Target::NextReply, Target::Resolution];

    pub fn as_str(self) -> &'static str {
        match self {
            Target::FirstResponse => "first_response",
            Target::NextReply => "next_reply",
            Target::Resolution => "resolution",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Target::FirstResponse => "first response",
            Target::NextReply => "next reply",
            Target::Resolution => "resolution",
        }
    }
}

/// Business seconds allowed for each target; `None` means the policy sets no such target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Targets {
    pub first_response: Option<i64>,
    pub next_reply: Option<i64>,
    pub resolution: Option<i64>,
}

impl Targets {
    pub fn get(&self, target: Target) -> Option<i64> {
        match target {
            Target::FirstResponse => self.first_response,
            Target::NextReply => self.next_reply,
            Target::Resolution => self.resolution,
        }
    }
}

/// One thing that happened to a ticket, as the clocks see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// The ticket's status became this.
    Status(Status),
    /// A public message from the customer.
    CustomerMessage,
    /// A public reply from an agent (internal notes are not events).
    AgentReply,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub at: i64,
    pub kind: EventKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClockState {
    /// Running, less than the at-risk share used.
    Ok,
    /// Running past the at-risk share, not yet breached.
    AtRisk,
    /// Past the target and not yet met (running or paused).
    Breached,
    /// Not running because the ticket is pending or on hold, and not breached.
    Paused,
    /// Stopped within the target.
    Met,
    /// Stopped after the target.
    MetLate,
}

/// One target's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub target: Target,
    /// The instant the clock started (ticket creation, or the customer message a next-reply clock answers).
    pub started_at: i64,
    /// When the target was met (first/next reply sent, ticket solved), if it was.
    pub stopped_at: Option<i64>,
    /// The target in business seconds.
    pub target_secs: i64,
    /// Business seconds counted so far (pauses excluded), up to `stopped_at` or `now`.
    pub elapsed: i64,
    /// `target_secs - elapsed`; negative once breached.
    pub remaining: i64,
    /// When the target falls due if the clock keeps running from now; `None` while paused or once stopped.
    pub due_at: Option<i64>,
    /// When the clock passes the at-risk share if it keeps running; `None` while paused or once stopped.
    pub risk_at: Option<i64>,
    /// Whether the clock is paused right now (pending / on hold).
    pub paused: bool,
    pub state: ClockState,
}

/// Every clock of a ticket at `now`. `events` are in time order (ties keep their order) and end at or before
/// `now`; the ticket was created `new` at `created_at`.
///
/// Rules: a clock runs while the ticket is new or open, pauses while pending or on hold (paused business time is
/// not counted), and stops when the ticket is solved, closed or merged (a reopen resumes resolution). First
/// response runs from creation to the first agent reply. Next reply runs from a customer message that follows an
/// agent reply (after the first response) to the next agent reply; only the latest such clock is returned. At
/// risk once `elapsed >= share * target_secs`.
pub fn clocks(
    _created_at: i64,
    _events: &[Event],
    _targets: &Targets,
    _calendar: &Calendar,
    _now: i64,
    _at_risk_share: f64,
) -> Vec<Clock> {
    Vec::new()
}

/// The clock a queue shows: the running or paused clock that falls due first (breached ones first, then by
/// remaining time). Met clocks are never shown.
pub fn next_due(clocks: &[Clock]) -> Option<&Clock> {
    clocks
        .iter()
        .filter(|c| c.stopped_at.is_none())
        .min_by_key(|c| c.remaining)
}
