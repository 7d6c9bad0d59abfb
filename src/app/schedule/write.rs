//! What the schedule's keys write, and the worker's answers: Enter books the selected waiting visit at the cursor
//! (or opens the ticket of the visit under it), `r` sends the visit under the cursor back to wait.

use super::{BOOKED_HOURS, ScheduleFocus, ScheduleState, ScheduleView, reload};
use crate::app::Model;
use crate::app::msg::Effect;
use crate::app::protocol::{FieldRequest, Outcome};
use crate::app::update::toast;
use crate::domain::visit::VisitStatus;
use crate::i18n::{Locale, tr, tr_args};
use crate::store::visits::{VisitEdit, VisitRow};

/// No lane: the schedule has no engineer (on one line, for a toast).
fn no_engineers(l: Locale) -> String {
    tr(l, "schedule-no-engineers").replace('\n', " ")
}

/// `Enter`: on the waiting list, book the selected visit at the cursor; on a lane, open the ticket of the visit
/// under the cursor (on the week, first open the cursor's day).
pub(in crate::app) fn enter(model: &mut Model) -> Vec<Effect> {
    let l = model.locale;
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
                Some(lane) => tr_args(
                    l,
                    "schedule-nothing-at",
                    &[
                        ("hour", format!("{:02}", s.hour).into()),
                        ("who", lane.name.clone().into()),
                    ],
                ),
                None => no_engineers(l),
            };
            toast(model, text, false);
            Vec::new()
        }
    }
}

/// Books the selected waiting visit for the cursor's engineer, day and hour.
fn book(model: &mut Model) -> Vec<Effect> {
    let l = model.locale;
    let s = &model.schedule;
    if let Some(n) = s.writing {
        let text = tr_args(l, "schedule-still-saving", &[("n", n.into())]);
        toast(model, text, false);
        return Vec::new();
    }
    let Some(visit) = s.selected_waiting() else {
        toast(model, tr(l, "schedule-none-waiting"), false);
        return Vec::new();
    };
    let Some(lane) = s.lane() else {
        toast(model, no_engineers(l), true);
        return Vec::new();
    };
    let Some(start) = s.cursor_start() else {
        return Vec::new();
    };
    let number = visit.number;
    if start < model.now {
        let text = tr_args(
            l,
            "schedule-passed",
            &[
                ("when", when(s, l, start, None).into()),
                ("number", number.into()),
            ],
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
    let l = model.locale;
    let s = &model.schedule;
    if s.week.is_none() {
        return Vec::new();
    }
    if let Some(n) = s.writing {
        let text = tr_args(l, "schedule-still-saving", &[("n", n.into())]);
        toast(model, text, false);
        return Vec::new();
    }
    if s.focus == ScheduleFocus::Waiting {
        toast(model, tr(l, "schedule-reschedule-waiting"), false);
        return Vec::new();
    }
    let Some(number) = s.under_cursor().map(|v| v.number) else {
        let text = match s.lane() {
            Some(lane) => tr_args(
                l,
                "schedule-no-visit-at",
                &[
                    ("hour", format!("{:02}", s.hour).into()),
                    ("who", lane.name.clone().into()),
                ],
            ),
            None => no_engineers(l),
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
    let l = model.locale;
    let s = &mut model.schedule;
    if s.writing == Some(number) {
        s.writing = None;
    }
    let rescheduling = edits
        .iter()
        .any(|e| matches!(e, VisitEdit::Status(VisitStatus::Rescheduled)));
    let n = || ("number", number.into());
    let text = match (&outcome, rescheduling) {
        (Ok(v), false) => {
            let who = engineer_name(s, v.engineer.as_deref(), l);
            let at = v.window_start.map(|a| when(s, l, a, v.window_end));
            let at = at.unwrap_or_else(|| tr(l, "schedule-no-time"));
            tr_args(
                l,
                "schedule-scheduled",
                &[n(), ("who", who.into()), ("when", at.into())],
            )
        }
        (Ok(_), true) => tr_args(l, "schedule-rescheduled-back", &[n()]),
        (Err(e), false) => tr_args(
            l,
            "schedule-not-scheduled",
            &[n(), ("error", e.said(l).into())],
        ),
        (Err(e), true) => tr_args(
            l,
            "schedule-not-rescheduled",
            &[n(), ("error", e.said(l).into())],
        ),
    };
    toast(model, text, outcome.is_err());
    reload(model).into_iter().collect()
}

fn engineer_name(s: &ScheduleState, handle: Option<&str>, l: Locale) -> String {
    let Some(handle) = handle else {
        return tr(l, "schedule-nobody");
    };
    s.week
        .as_ref()
        .and_then(|w| w.schedule.lanes.iter().find(|l| l.handle == handle))
        .map_or_else(|| handle.to_string(), |l| l.name.clone())
}

/// `Thu 2026-11-19 09:00–11:00` (`周四 2026-11-19 09:00–11:00`) in the field-service zone (the offset of the day it
/// falls on).
pub fn when(s: &ScheduleState, l: Locale, start: i64, end: Option<i64>) -> String {
    let offset = s
        .week
        .as_ref()
        .and_then(|w| {
            let d = s.day_of(start).unwrap_or(0);
            w.offsets.get(d).or(w.offsets.first()).copied()
        })
        .unwrap_or(0);
    let mut out = crate::i18n::date(l, start, offset, start, Some("%a %Y-%m-%d %H:%M"));
    if let Some(end) = end {
        out.push('–');
        out.push_str(&crate::i18n::date(l, end, offset, end, Some("%H:%M")));
    }
    out
}
