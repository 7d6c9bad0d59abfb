//! SLA clocks: business calendars and the state of each service target, computed purely from a ticket's history,
//! its targets, a calendar and `now`.
//!
//! A calendar counts a second as business time when its local time (in the calendar's zone) falls in a span of
//! its local date, so a 09:00–18:00 day is 9 hours on DST days too, and a 00:00–24:00 day is 23 or 25.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Offset, TimeZone};
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

    /// Whether `at` falls in business hours: its local time lies in a span of its local date.
    pub fn is_open(&self, at: i64) -> bool {
        self.business_secs(at, at + 1) == 1
    }

    /// Seconds east of UTC at `at`.
    fn offset(&self, at: i64) -> i64 {
        let utc = chrono::DateTime::from_timestamp(at, 0)
            .unwrap_or_default()
            .naive_utc();
        i64::from(
            self.tz
                .offset_from_utc_datetime(&utc)
                .fix()
                .local_minus_utc(),
        )
    }

    /// Splits `[from, to)` into pieces of at most a day within which the UTC offset is constant, so local time
    /// is UTC plus that offset (DST changes fall on piece boundaries).
    fn pieces(&self, from: i64, to: i64) -> impl Iterator<Item = (i64, i64, i64)> + '_ {
        let mut t = from;
        std::iter::from_fn(move || {
            if t >= to {
                return None;
            }
            let mut end = to.min(t + DAY);
            let off = self.offset(t);
            if self.offset(end - 1) != off {
                // Binary search the first second with another offset.
                let (mut lo, mut hi) = (t, end - 1);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if self.offset(mid) == off {
                        lo = mid
                    } else {
                        hi = mid
                    }
                }
                end = hi;
            }
            let piece = (t, end, off);
            t = end;
            Some(piece)
        })
    }

    /// Business spans in local seconds (since the epoch, as if local time were UTC) that meet `[la, lb)`.
    fn local_spans(&self, la: i64, lb: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
        let first = la.div_euclid(DAY);
        let last = (lb - 1).div_euclid(DAY);
        (first..=last).flat_map(move |d| {
            let date = NaiveDate::from_num_days_from_ce_opt((d + UNIX_EPOCH_DAYS_FROM_CE) as i32);
            let spans: &[(u32, u32)] = match date {
                Some(date) if !self.holidays.contains(&date) => {
                    &self.week[date.weekday().num_days_from_monday() as usize]
                }
                _ => &[],
            };
            spans.iter().filter_map(move |(s, e)| {
                let (a, b) = (d * DAY + i64::from(*s) * 60, d * DAY + i64::from(*e) * 60);
                let (a, b) = (a.max(la), b.min(lb));
                (a < b).then_some((a, b))
            })
        })
    }

    /// Business seconds in `[from, to)`; 0 when `to <= from`.
    pub fn business_secs(&self, from: i64, to: i64) -> i64 {
        if to <= from {
            return 0;
        }
        if self.always {
            return to - from;
        }
        self.pieces(from, to)
            .map(|(a, b, off)| {
                self.local_spans(a + off, b + off)
                    .map(|(x, y)| y - x)
                    .sum::<i64>()
            })
            .sum()
    }

    /// The earliest instant `t >= from` with `business_secs(from, t) == secs`. `None` when the calendar has no
    /// business hours within the search horizon (about ten years), e.g. a week with no hours.
    pub fn add_business(&self, from: i64, secs: i64) -> Option<i64> {
        let mut left = secs.max(0);
        if left == 0 {
            return Some(from);
        }
        if self.always {
            return Some(from + left);
        }
        for (a, b, off) in self.pieces(from, from + HORIZON) {
            for (x, y) in self.local_spans(a + off, b + off) {
                if y - x >= left {
                    return Some(x + left - off);
                }
                left -= y - x;
            }
        }
        None
    }
}

const DAY: i64 = 86_400;
/// How far `add_business` looks before giving up: about ten years.
const HORIZON: i64 = 3660 * DAY;
/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i64 = 719_163;

/// The service targets of a policy. First solution is the "5" of the 3-5-7 rule: the first public reply that
/// proposes a solution (the agent or a macro marks it so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    FirstResponse,
    FirstSolution,
    NextReply,
    Resolution,
}

impl Target {
    pub const ALL: [Target; 4] = [
        Target::FirstResponse,
        Target::FirstSolution,
        Target::NextReply,
        Target::Resolution,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Target::FirstResponse => "first_response",
            Target::FirstSolution => "first_solution",
            Target::NextReply => "next_reply",
            Target::Resolution => "resolution",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Target::FirstResponse => "first response",
            Target::FirstSolution => "first solution",
            Target::NextReply => "next reply",
            Target::Resolution => "resolution",
        }
    }
}

/// Business seconds allowed for each target; `None` means the policy sets no such target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Targets {
    pub first_response: Option<i64>,
    pub first_solution: Option<i64>,
    pub next_reply: Option<i64>,
    pub resolution: Option<i64>,
}

impl Targets {
    pub fn get(&self, target: Target) -> Option<i64> {
        match target {
            Target::FirstResponse => self.first_response,
            Target::FirstSolution => self.first_solution,
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
    /// The reply just made proposes a solution (it follows that reply's `AgentReply`).
    SolutionProposed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub at: i64,
    pub kind: EventKind,
}

/// What a ticket loaded in bulk (the demo, an import) carries about its past instead of logged status changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loaded {
    pub created_at: i64,
    /// The status it was loaded with (later changes are logged and come on top).
    pub status: Status,
    /// When it was loaded as it was: its last update then. Later writes never move this.
    pub at: i64,
    pub first_response_at: Option<i64>,
    pub solved_at: Option<i64>,
}

/// The status changes a loaded ticket went through before it was loaded, inferred from its stamps: open at the
/// first response (or at creation when open and never answered), then its loaded status from `at` (solved from
/// its solve time). Only what happened by `at` counts, so later writes (a priority change, a note, a re-solve)
/// never move a pause that began before the load.
pub fn loaded_history(l: &Loaded) -> Vec<Event> {
    let ev = |at: i64, s: Status| Event {
        at: at.clamp(l.created_at, l.at.max(l.created_at)),
        kind: EventKind::Status(s),
    };
    let first_response = l.first_response_at.filter(|t| *t <= l.at);
    let mut out = Vec::new();
    if let Some(fr) = first_response {
        out.push(ev(fr, Status::Open));
    }
    match l.status {
        Status::Open if first_response.is_none() => out.push(ev(l.created_at, Status::Open)),
        Status::Pending | Status::OnHold | Status::Merged => out.push(ev(l.at, l.status)),
        Status::Solved | Status::Closed => {
            let solved = l.solved_at.filter(|t| *t <= l.at).unwrap_or(l.at);
            out.push(ev(solved, l.status))
        }
        Status::New | Status::Open => {}
    }
    out
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

impl ClockState {
    /// The glyph before a countdown, so a state reads without colour: none when fine, `~` at risk, `!` breached,
    /// `||` paused.
    pub fn glyph(self) -> &'static str {
        match self {
            ClockState::AtRisk => "~",
            ClockState::Breached => "!",
            ClockState::Paused => "||",
            _ => "",
        }
    }
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
/// risk once `elapsed >= share * target_secs`. First solution runs from creation to the first reply marked as
/// proposing a solution (or until solved, like first response).
pub fn clocks(
    created_at: i64,
    events: &[Event],
    targets: &Targets,
    calendar: &Calendar,
    now: i64,
    at_risk_share: f64,
) -> Vec<Clock> {
    let events: Vec<Event> = events.iter().copied().filter(|e| e.at <= now).collect();
    // The status timeline as (from, status) runs; the last one lasts until now.
    let mut runs: Vec<(i64, Status)> = vec![(created_at, Status::New)];
    for e in &events {
        if let EventKind::Status(s) = e.kind
            && runs.last().is_some_and(|(_, cur)| *cur != s)
        {
            runs.push((e.at.max(created_at), s));
        }
    }
    let status_now = runs.last().map_or(Status::New, |r| r.1);
    // Intervals in which clocks run (new or open).
    let running: Vec<(i64, i64)> = runs
        .iter()
        .enumerate()
        .filter(|(_, (_, s))| is_running(*s))
        .map(|(i, (from, _))| (*from, runs.get(i + 1).map_or(now, |n| n.0)))
        .filter(|(a, b)| a < b)
        .collect();
    let ctx = Ctx {
        calendar,
        running: &running,
        now,
        paused_now: is_paused(status_now),
        share: at_risk_share,
    };
    let first_stop = |from: i64| {
        events.iter().find_map(|e| match e.kind {
            EventKind::Status(s) if is_stopped(s) && e.at >= from => Some(e.at),
            _ => None,
        })
    };
    let mut out = Vec::new();
    let first_reply = events
        .iter()
        .find(|e| e.kind == EventKind::AgentReply)
        .map(|e| e.at);
    if let Some(target) = targets.first_response {
        let stop = match (first_reply, first_stop(created_at)) {
            (Some(r), Some(s)) => Some(r.min(s)),
            (r, s) => r.or(s),
        };
        out.push(ctx.clock(Target::FirstResponse, created_at, stop, target));
    }
    if let Some(target) = targets.first_solution {
        let proposed = events
            .iter()
            .find(|e| e.kind == EventKind::SolutionProposed)
            .map(|e| e.at);
        let stop = match (proposed, first_stop(created_at)) {
            (Some(p), Some(s)) => Some(p.min(s)),
            (p, s) => p.or(s),
        };
        out.push(ctx.clock(Target::FirstSolution, created_at, stop, target));
    }
    if let (Some(target), Some(first)) = (targets.next_reply, first_reply) {
        let mut latest: Option<(i64, Option<i64>)> = None;
        for e in events.iter().filter(|e| e.at >= first) {
            let active = latest.is_some_and(|(_, stop)| stop.is_none());
            match e.kind {
                EventKind::CustomerMessage if !active && e.at > first => {
                    latest = Some((e.at, None))
                }
                EventKind::AgentReply if active => latest = latest.map(|(s, _)| (s, Some(e.at))),
                EventKind::Status(s) if active && is_stopped(s) => {
                    latest = latest.map(|(st, _)| (st, Some(e.at)))
                }
                _ => {}
            }
        }
        if let Some((start, stop)) = latest {
            out.push(ctx.clock(Target::NextReply, start, stop, target));
        }
    }
    if let Some(target) = targets.resolution {
        // Stopped while the ticket is solved, closed or merged: since the start of that stretch.
        let stop = is_stopped(status_now).then(|| {
            runs.iter()
                .rev()
                .take_while(|(_, s)| is_stopped(*s))
                .last()
                .map_or(now, |r| r.0)
        });
        out.push(ctx.clock(Target::Resolution, created_at, stop, target));
    }
    out
}

fn is_running(s: Status) -> bool {
    matches!(s, Status::New | Status::Open)
}

fn is_paused(s: Status) -> bool {
    matches!(s, Status::Pending | Status::OnHold)
}

fn is_stopped(s: Status) -> bool {
    matches!(s, Status::Solved | Status::Closed | Status::Merged)
}

/// What every clock of one ticket shares.
struct Ctx<'a> {
    calendar: &'a Calendar,
    running: &'a [(i64, i64)],
    now: i64,
    paused_now: bool,
    share: f64,
}

impl Ctx<'_> {
    /// Business seconds counted while running, in `[from, to)`.
    fn counted(&self, from: i64, to: i64) -> i64 {
        self.running
            .iter()
            .map(|(a, b)| self.calendar.business_secs((*a).max(from), (*b).min(to)))
            .sum()
    }

    /// The instant a clock started at `from` reaches `need` counted seconds: in the past if it already did,
    /// else projected from now (only asked while the clock runs). Fixed while the clock keeps running.
    fn instant_at(&self, from: i64, need: i64) -> Option<i64> {
        let mut acc = 0;
        for (a, b) in self.running {
            let (a, b) = ((*a).max(from), (*b).min(self.now));
            if a >= b {
                continue;
            }
            let here = self.calendar.business_secs(a, b);
            if acc + here >= need {
                return self.calendar.add_business(a, need - acc);
            }
            acc += here;
        }
        self.calendar.add_business(self.now, need - acc)
    }

    fn clock(
        &self,
        target: Target,
        started_at: i64,
        stopped_at: Option<i64>,
        target_secs: i64,
    ) -> Clock {
        let elapsed = self.counted(started_at, stopped_at.unwrap_or(self.now));
        let remaining = target_secs - elapsed;
        let stopped = stopped_at.is_some();
        let paused = !stopped && self.paused_now;
        let (due_at, risk_at) = if stopped || paused {
            (None, None)
        } else {
            let risk_need = ((self.share * target_secs as f64).ceil() as i64).max(1);
            (
                self.instant_at(started_at, target_secs),
                self.instant_at(started_at, risk_need),
            )
        };
        let state = if stopped {
            if elapsed <= target_secs {
                ClockState::Met
            } else {
                ClockState::MetLate
            }
        } else if elapsed >= target_secs {
            ClockState::Breached
        } else if paused {
            ClockState::Paused
        } else if elapsed as f64 >= self.share * target_secs as f64 {
            ClockState::AtRisk
        } else {
            ClockState::Ok
        };
        Clock {
            target,
            started_at,
            stopped_at,
            target_secs,
            elapsed,
            remaining,
            due_at,
            risk_at,
            paused,
            state,
        }
    }
}

/// The clock a queue shows: the running or paused clock that falls due first (breached ones first, then by
/// remaining time). Met clocks are never shown.
pub fn next_due(clocks: &[Clock]) -> Option<&Clock> {
    clocks
        .iter()
        .filter(|c| c.stopped_at.is_none())
        .min_by_key(|c| c.remaining)
}

#[cfg(test)]
#[path = "sla_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "sla_357_tests.rs"]
mod tests_357;
