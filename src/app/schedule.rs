//! The engineers' schedule (上门服务, issue 22; `g v`, `:schedule`): each engineer's day as a timeline or their week
//! as seven days, conflicts and tight travel gaps flagged, and the visits waiting for a time. Scheduling is done
//! with keys: a cursor on a lane, a day and an hour; Enter on a waiting visit books it there for two hours, `r`
//! sends the visit under the cursor back to wait. The worker reads whole weeks in the field-service zone and says
//! where its days begin, so nothing here needs a clock or a zone.

use super::msg::Effect;
use super::protocol::FieldRequest;
use super::protocol::field::Week;
use super::{Model, Overlay};
use crate::domain::visit::Flag;
use crate::i18n::{Arg, Locale, tr_args};
use crate::store::schedule::Lane;
use crate::store::visits::VisitRow;

/// How long a visit booked from the schedule lasts.
pub const BOOKED_HOURS: i64 = 2;
/// The latest hour the cursor reaches (a booking still ends on its day).
pub const LAST_HOUR: u32 = 22;
/// What a day's timeline shows at least; it widens to the visits of the day and the cursor.
pub const DAY_HOURS: (u32, u32) = (8, 20);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScheduleView {
    /// One day: an hour timeline per engineer.
    #[default]
    Day,
    /// Seven days: a cell per engineer and day.
    Week,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScheduleFocus {
    #[default]
    Lanes,
    Waiting,
}

/// Where the cursor lands when an asked-for week arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Land {
    /// The day that holds now.
    Today,
    /// That day of the week (0 is Monday).
    Day(usize),
}

/// The schedule on screen. It stays when the overlay closes, so `g v` comes back to the same place.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleState {
    /// The week shown, as the worker read it.
    pub week: Option<Box<Week>>,
    /// A week asked for (an instant in it) and where the cursor lands when it comes.
    pub asked: Option<(i64, Land)>,
    pub view: ScheduleView,
    /// The cursor's day in the week, 0 (Monday) to 6.
    pub day: usize,
    /// The cursor's hour on that day.
    pub hour: u32,
    /// The cursor's engineer (index into the lanes).
    pub lane: usize,
    pub focus: ScheduleFocus,
    /// The selected waiting visit.
    pub waiting: usize,
    /// A visit being written: the keys that write wait for its answer.
    pub writing: Option<i64>,
}

impl Default for ScheduleState {
    fn default() -> Self {
        ScheduleState {
            week: None,
            asked: None,
            view: ScheduleView::Day,
            day: 0,
            hour: 9,
            lane: 0,
            focus: ScheduleFocus::Lanes,
            waiting: 0,
            writing: None,
        }
    }
}

impl ScheduleState {
    /// Start and end of the cursor's day.
    pub fn day_range(&self) -> Option<(i64, i64)> {
        let w = self.week.as_ref()?;
        Some((*w.days.get(self.day)?, *w.days.get(self.day + 1)?))
    }

    /// The cursor's hour as an instant: where a booking starts.
    pub fn cursor_start(&self) -> Option<i64> {
        self.day_range()
            .map(|(start, _)| start + i64::from(self.hour) * 3600)
    }

    pub fn lane(&self) -> Option<&Lane> {
        self.week.as_ref()?.schedule.lanes.get(self.lane)
    }

    pub fn selected_waiting(&self) -> Option<&VisitRow> {
        self.week.as_ref()?.schedule.waiting.get(self.waiting)
    }

    /// The visit of the cursor's lane that covers the cursor's hour (one holding time first).
    pub fn under_cursor(&self) -> Option<&VisitRow> {
        let at = self.cursor_start()?;
        let covers = |v: &&VisitRow| match (v.window_start, v.window_end) {
            (Some(s), Some(e)) => s < at + 3600 && e > at,
            _ => false,
        };
        let visits = &self.lane()?.visits;
        visits
            .iter()
            .filter(covers)
            .find(|v| v.status.holds_time())
            .or_else(|| visits.iter().find(covers))
    }

    /// The day of the week (0 is Monday) an instant falls on.
    pub fn day_of(&self, at: i64) -> Option<usize> {
        let days = &self.week.as_ref()?.days;
        days.windows(2).position(|d| d[0] <= at && at < d[1])
    }
}

/// The day of the week a flag belongs to: its first visit's.
pub fn flag_day(s: &ScheduleState, lane: &Lane, flag: &Flag) -> Option<usize> {
    let (Flag::Conflict { a, .. } | Flag::TightTravel { a, .. }) = *flag;
    let start = lane.visits.iter().find(|v| v.number == a)?.window_start?;
    s.day_of(start)
}

/// Whether visit `number` is in one of the lane's flags of that kind: `!` for an overlap, `~` for a tight hop.
pub fn marker(lane: &Lane, number: i64) -> Option<char> {
    let conflict = lane
        .flags
        .iter()
        .any(|f| matches!(*f, Flag::Conflict { a, b } if a == number || b == number));
    let tight = lane
        .flags
        .iter()
        .any(|f| matches!(*f, Flag::TightTravel { a, b, .. } if a == number || b == number));
    if conflict {
        Some('!')
    } else if tight {
        Some('~')
    } else {
        None
    }
}

/// A flag in words: `! V18 and V20 overlap — 李娜 Li Na`.
pub fn flag_words(flag: &Flag, lane: &Lane, travel_minutes: i64, l: Locale) -> String {
    match *flag {
        Flag::Conflict { a, b } => tr_args(
            l,
            "schedule-flag-overlap",
            &[
                ("a", a.into()),
                ("b", b.into()),
                ("who", Arg::from(lane.name.as_str())),
            ],
        ),
        Flag::TightTravel { a, b, gap_minutes } => tr_args(
            l,
            "schedule-flag-tight",
            &[
                ("a", a.into()),
                ("b", b.into()),
                ("gap", gap_minutes.into()),
                ("travel", travel_minutes.into()),
                ("who", Arg::from(lane.name.as_str())),
            ],
        ),
    }
}

fn state(model: &mut Model) -> &mut ScheduleState {
    &mut model.schedule
}

fn ask(model: &mut Model, at: i64, land: Land) -> Effect {
    model.schedule.asked = Some((at, land));
    Effect::load(FieldRequest::Week { at })
}

/// Asks for the week on screen again (after a write, or when someone else wrote), keeping the cursor's day.
pub(super) fn reload(model: &mut Model) -> Option<Effect> {
    let day = model.schedule.day;
    let at = model.schedule.week.as_ref()?.days.first().copied()?;
    Some(ask(model, at, Land::Day(day)))
}

/// `g v`: opens the schedule where it was left (today's the first time) and reads its week again.
pub(super) fn open(model: &mut Model) -> Vec<Effect> {
    model.overlay = Some(Overlay::Schedule);
    let fx = match reload(model) {
        Some(fx) => fx,
        None => ask(model, model.now, Land::Today),
    };
    vec![fx]
}

pub(super) fn close(model: &mut Model) -> Vec<Effect> {
    model.overlay = None;
    Vec::new()
}

/// `j`/`k`: the next engineer, or the next waiting visit.
pub(super) fn move_by(model: &mut Model, step: isize) -> Vec<Effect> {
    let s = state(model);
    let Some(w) = s.week.as_ref() else {
        return Vec::new();
    };
    let (at, n) = match s.focus {
        ScheduleFocus::Lanes => (&mut s.lane, w.schedule.lanes.len()),
        ScheduleFocus::Waiting => (&mut s.waiting, w.schedule.waiting.len()),
    };
    *at = at.saturating_add_signed(step).min(n.saturating_sub(1));
    Vec::new()
}

/// `h`/`l`: the hour (a day's timeline) or the day (the week).
pub(super) fn step(model: &mut Model, step: i32) -> Vec<Effect> {
    let s = state(model);
    match s.view {
        ScheduleView::Day => {
            s.hour = s.hour.saturating_add_signed(step).min(LAST_HOUR);
            Vec::new()
        }
        ScheduleView::Week => move_day(model, step as isize),
    }
}

/// `[`/`]`: the day before or after (the week before or after, on the week).
pub(super) fn page(model: &mut Model, step: isize) -> Vec<Effect> {
    match model.schedule.view {
        ScheduleView::Day => move_day(model, step),
        ScheduleView::Week => {
            let day = model.schedule.day;
            let Some(days) = model.schedule.week.as_ref().map(|w| w.days.clone()) else {
                return Vec::new();
            };
            let at = if step < 0 {
                days.first().map(|d| d - 1)
            } else {
                days.last().copied()
            };
            at.map(|at| vec![ask(model, at, Land::Day(day))])
                .unwrap_or_default()
        }
    }
}

/// Moves the cursor's day, into the week before or after when it leaves this one.
fn move_day(model: &mut Model, step: isize) -> Vec<Effect> {
    let s = state(model);
    let Some(days) = s.week.as_ref().map(|w| w.days.clone()) else {
        return Vec::new();
    };
    let to = s.day as isize + step;
    if (0..7).contains(&to) {
        s.day = to as usize;
        return Vec::new();
    }
    let (at, land) = if to < 0 {
        (days.first().map(|d| d - 1), Land::Day(6))
    } else {
        (days.last().copied(), Land::Day(0))
    };
    at.map(|at| vec![ask(model, at, land)]).unwrap_or_default()
}

/// `t`: today, read afresh.
pub(super) fn today(model: &mut Model) -> Vec<Effect> {
    vec![ask(model, model.now, Land::Today)]
}

/// `w`: the day's timeline or the week.
pub(super) fn toggle_view(model: &mut Model) -> Vec<Effect> {
    let s = state(model);
    s.view = match s.view {
        ScheduleView::Day => ScheduleView::Week,
        ScheduleView::Week => ScheduleView::Day,
    };
    Vec::new()
}

/// `Tab`: the engineers or the waiting visits.
pub(super) fn toggle_focus(model: &mut Model) -> Vec<Effect> {
    let s = state(model);
    s.focus = match s.focus {
        ScheduleFocus::Lanes => ScheduleFocus::Waiting,
        ScheduleFocus::Waiting => ScheduleFocus::Lanes,
    };
    Vec::new()
}

/// A week arrived: shown if it is the one asked for last (an older answer is dropped).
pub(super) fn on_week(model: &mut Model, week: Box<Week>) -> Vec<Effect> {
    let now = model.now;
    let s = state(model);
    let holds = |at: i64| week.days.windows(2).any(|d| d[0] <= at && at < d[1]);
    let land = match s.asked {
        Some((at, land)) if holds(at) => land,
        Some(_) => return Vec::new(),
        None => Land::Day(s.day),
    };
    s.asked = None;
    s.week = Some(week);
    s.day = match land {
        Land::Today => s.day_of(now).unwrap_or(0),
        Land::Day(d) => d.min(6),
    };
    let w = s.week.as_ref().map(|w| &w.schedule);
    s.lane = s.lane.min(w.map_or(0, |w| w.lanes.len()).saturating_sub(1));
    s.waiting = s
        .waiting
        .min(w.map_or(0, |w| w.waiting.len()).saturating_sub(1));
    Vec::new()
}

mod from_ticket;
mod write;
pub(super) use from_ticket::{new_visit, on_visit_made, pick_service};
pub use write::when;
pub(super) use write::{enter, on_visit_set, reschedule};

#[cfg(test)]
mod tests;
