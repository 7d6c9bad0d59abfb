//! What the schedule's keys write, and the worker's answers: Enter books the selected waiting visit at the cursor
//! (or opens the ticket of the visit under it), `r` sends the visit under the cursor back to wait.

use super::{BOOKED_HOURS, ScheduleFocus, ScheduleState, ScheduleView, reload};
use crate::app::Model;
use crate::app::msg::Effect;
use crate::app::protocol::{FieldRequest, Outcome};
use crate::app::update::toast;
use crate::domain::text::local_date;
use crate::domain::visit::VisitStatus;
use crate::store::visits::{VisitEdit, VisitRow};

const NO_ENGINEERS: &str =
    "No engineers: give an agent a service skill — desk agent skills li --add service:repair";

/// `Enter`: on the waiting list, book the selected visit at the cursor; on a lane, open the ticket of the visit
/// under the cursor (on the week, first open the cursor's day).
pub(in crate::app) fn enter(model: &mut Model) -> Vec<Effect> {
    let s = &mut model.schedule;
    if s.week.is_none() {
        return Vec::new();
    }
    match (s.focus, s.view) {
        (ScheduleFocus::Waiting, _) => book(model),
        (ScheduleFocus::Lanes, ScheduleView::Week) => {
            s.view = ScheduleView::Day;
            Vec::new()
        }
        (ScheduleFocus::Lanes, ScheduleView::Day) => {
            if let Some(ticket) = s.under_cursor().map(|v| v.ticket) {
                model.overlay = None;
                return crate::app::update_lists::open_ticket(model, ticket);
            }
            let text = match s.lane() {
                Some(lane) => format!(
                    "Nothing at {:02}:00 on {}'s day — Tab goes to the visits waiting for a time",
                    s.hour, lane.name
                ),
                None => NO_ENGINEERS.to_string(),
            };
            toast(model, text, false);
            Vec::new()
        }
    }
}

/// Books the selected waiting visit for the cursor's engineer, day and hour.
fn book(model: &mut Model) -> Vec<Effect> {
    let s = &model.schedule;
    if let Some(n) = s.writing {
        let text = format!("V{n} is still being saved");
        toast(model, text, false);
        return Vec::new();
    }
    let Some(visit) = s.selected_waiting() else {
        toast(model, "Nothing waits for a time".into(), false);
        return Vec::new();
    };
    let Some(lane) = s.lane() else {
        toast(model, NO_ENGINEERS.into(), true);
        return Vec::new();
    };
    let Some(start) = s.cursor_start() else {
        return Vec::new();
    };
    let number = visit.number;
    if start < model.now {
        let text = format!(
            "{} has passed: choose a later hour (l) or day (]) for V{number}",
            when(s, start, None)
        );
        toast(model, text, true);
        return Vec::new();
    }
    let edits = vec![
        VisitEdit::Engineer(Some(lane.handle.clone())),
        VisitEdit::Window(Some((start, start + BOOKED_HOURS * 3600))),
    ];
    model.schedule.writing = Some(number);
    vec![Effect::load(FieldRequest::SetVisit {
        number,
        edits,
        at: model.now,
    })]
}

/// `r`: the visit under the cursor goes back to the waiting list for a new time.
pub(in crate::app) fn reschedule(model: &mut Model) -> Vec<Effect> {
    let s = &model.schedule;
    if s.week.is_none() {
        return Vec::new();
    }
    if let Some(n) = s.writing {
        let text = format!("V{n} is still being saved");
        toast(model, text, false);
        return Vec::new();
    }
    if s.focus == ScheduleFocus::Waiting {
        let text =
            "These visits already wait for a time: r is for a visit on an engineer's lane".into();
        toast(model, text, false);
        return Vec::new();
    }
    let Some(number) = s.under_cursor().map(|v| v.number) else {
        let text = match s.lane() {
            Some(lane) => format!("No visit at {:02}:00 on {}'s day", s.hour, lane.name),
            None => NO_ENGINEERS.into(),
        };
        toast(model, text, false);
        return Vec::new();
    };
    model.schedule.writing = Some(number);
    vec![Effect::load(FieldRequest::SetVisit {
        number,
        edits: vec![VisitEdit::Status(VisitStatus::Rescheduled)],
        at: model.now,
    })]
}

/// A write from the schedule was answered: say what became of it, and read the week again.
pub(in crate::app) fn on_visit_set(
    model: &mut Model,
    number: i64,
    edits: &[VisitEdit],
    outcome: Outcome<Box<VisitRow>>,
) -> Vec<Effect> {
    let s = &mut model.schedule;
    if s.writing == Some(number) {
        s.writing = None;
    }
    let rescheduling = edits
        .iter()
        .any(|e| matches!(e, VisitEdit::Status(VisitStatus::Rescheduled)));
    let text = match (&outcome, rescheduling) {
        (Ok(v), false) => {
            let who = engineer_name(s, v.engineer.as_deref());
            let at = v.window_start.map(|a| when(s, a, v.window_end));
            format!(
                "V{number} scheduled for {who}, {}",
                at.unwrap_or_else(|| "no time".into())
            )
        }
        (Ok(_), true) => format!("V{number} is back on the waiting list for a new time"),
        (Err(e), false) => format!("V{number} not scheduled: {e}"),
        (Err(e), true) => format!("V{number} not rescheduled: {e}"),
    };
    toast(model, text, outcome.is_err());
    reload(model).into_iter().collect()
}

fn engineer_name(s: &ScheduleState, handle: Option<&str>) -> String {
    let Some(handle) = handle else {
        return "nobody".into();
    };
    s.week
        .as_ref()
        .and_then(|w| w.schedule.lanes.iter().find(|l| l.handle == handle))
        .map_or_else(|| handle.to_string(), |l| l.name.clone())
}

/// `Thu 2026-11-19 09:00–11:00` in the field-service zone (the offset of the day it falls on).
pub fn when(s: &ScheduleState, start: i64, end: Option<i64>) -> String {
    let offset = s
        .week
        .as_ref()
        .and_then(|w| {
            let d = s.day_of(start).unwrap_or(0);
            w.offsets.get(d).or(w.offsets.first()).copied()
        })
        .unwrap_or(0);
    let mut out = local_date(start, offset, "%a %Y-%m-%d %H:%M");
    if let Some(end) = end {
        out.push('–');
        out.push_str(&local_date(end, offset, "%H:%M"));
    }
    out
}
