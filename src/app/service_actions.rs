//! The closed loop and SLA in the TUI: record the follow-up call, the survey form, advance a complaint, and the
//! periodic SLA check with its escalation feed.

use super::msg::Effect;
use super::protocol::{ServiceRequest, ServiceResponse, TicketRequest};
use super::text_input::{TextInput, TextOp};
use super::update::toast;
use super::{Model, Overlay};
use crate::domain::questionnaire::{ITEM_MAX, ITEM_MIN, Item, items};
use crate::domain::service_loop::{FollowUpOutcome, SurveyResponse};
use crate::domain::ticket::Kind;
use crate::store::sla_run::Escalated;

/// What the escalation badge and list show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Escalations {
    /// Since the agent last looked, newest first.
    pub feed: Vec<crate::store::sla_run::Escalated>,
    /// When the next SLA check is due (unix seconds).
    pub next_check: i64,
    /// Seconds between checks (config `sla.check_every`).
    pub every: i64,
}

/// The survey form: three scores, the questionnaire's items and a comment.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyForm {
    pub number: i64,
    /// CSAT, NPS, CES.
    pub scores: [Option<i64>; 3],
    /// The questionnaire (问卷): each item and its score 1–5.
    pub items: Vec<(Item, Option<i64>)>,
    pub comment: TextInput,
    /// 0–2 a score, then the items, then the comment.
    pub focus: usize,
}

/// (the message key of its label, lowest, highest) of each score, in form order.
pub const SCALES: [(&str, i64, i64); 3] = [
    ("loop-scale-csat", 1, 5),
    ("loop-scale-nps", 0, 10),
    ("loop-scale-ces", 1, 7),
];

impl SurveyForm {
    pub fn new(number: i64, questionnaire: &[Item]) -> Self {
        SurveyForm {
            number,
            scores: [None; 3],
            items: questionnaire.iter().map(|i| (i.clone(), None)).collect(),
            comment: TextInput::default(),
            focus: 0,
        }
    }

    /// Scores, items and the comment.
    pub fn fields(&self) -> usize {
        SCALES.len() + self.items.len() + 1
    }

    /// The position of the comment.
    pub fn comment_at(&self) -> usize {
        SCALES.len() + self.items.len()
    }

    /// The focused score or item, with its scale.
    fn focused_slot(&mut self) -> Option<(&mut Option<i64>, i64, i64)> {
        let f = self.focus;
        if let Some((_, lo, hi)) = SCALES.get(f) {
            return Some((&mut self.scores[f], *lo, *hi));
        }
        let (_, slot) = self.items.get_mut(f - SCALES.len())?;
        Some((slot, ITEM_MIN, ITEM_MAX))
    }

    /// A digit typed on a score: appended while the score stays on its scale (`1` `0` gives NPS 10), else it
    /// starts the score afresh; a digit off the scale is ignored.
    pub(super) fn digit(&mut self, d: i64) {
        let Some((slot, lo, hi)) = self.focused_slot() else {
            return;
        };
        let appended = slot.map(|v| v * 10 + d).filter(|v| *v <= hi);
        *slot = appended
            .or_else(|| (lo..=hi).contains(&d).then_some(d))
            .or(*slot);
    }

    /// Clears the focused score or item; `false` on the comment.
    fn clear(&mut self) -> bool {
        match self.focused_slot() {
            Some((slot, _, _)) => {
                *slot = None;
                true
            }
            None => false,
        }
    }

    /// The comment while it has the focus.
    pub fn focused_text(&mut self) -> Option<&mut TextInput> {
        (self.focus == self.comment_at()).then_some(&mut self.comment)
    }

    pub fn response(&self) -> SurveyResponse {
        let c = self.comment.value().trim();
        SurveyResponse {
            csat: self.scores[0],
            nps: self.scores[1],
            ces: self.scores[2],
            comment: (!c.is_empty()).then(|| c.to_string()),
            items: self
                .items
                .iter()
                .filter_map(|(it, v)| v.map(|v| (it.key.clone(), v)))
                .collect(),
        }
    }
}

fn open_ticket(
    model: &mut Model,
) -> Option<(
    i64,
    Kind,
    Option<crate::domain::service_loop::ComplaintStage>,
)> {
    let d = model.ticket.detail.as_ref()?;
    Some((d.row.number, d.row.kind, d.complaint_stage))
}

/// The follow-up form was sent: record the call and offer the survey.
pub(super) fn record_follow_up(
    model: &mut Model,
    number: i64,
    outcome: FollowUpOutcome,
    note: String,
) -> Vec<Effect> {
    model.overlay = Some(Overlay::Survey(survey_form_for(model, number)));
    vec![Effect::load(TicketRequest::RecordFollowUp {
        number,
        outcome,
        note,
        at: model.now,
    })]
}

/// `Y`: the survey form on its own.
pub(super) fn survey(model: &mut Model) -> Vec<Effect> {
    if let Some((number, _, _)) = open_ticket(model) {
        model.overlay = Some(Overlay::Survey(survey_form_for(model, number)));
    }
    Vec::new()
}

/// A survey form asking the configured questionnaire.
fn survey_form_for(model: &Model, number: i64) -> SurveyForm {
    SurveyForm::new(number, &items(&model.metrics_rules.csi_items))
}

fn survey_form(model: &mut Model) -> Option<&mut SurveyForm> {
    match model.overlay.as_mut() {
        Some(Overlay::Survey(form)) => Some(form),
        _ => None,
    }
}

pub(super) fn survey_focus(model: &mut Model, step: isize) -> Vec<Effect> {
    if let Some(form) = survey_form(model) {
        form.focus = (form.focus as isize + step).rem_euclid(form.fields() as isize) as usize;
    }
    Vec::new()
}

/// Backspace / Delete: clears the focused score; in the comment it deletes as in any text.
pub(super) fn survey_clear(model: &mut Model) -> Vec<Effect> {
    let Some(form) = survey_form(model) else {
        return Vec::new();
    };
    if form.clear() {
        return Vec::new();
    }
    super::overlay_keys::text(model, TextOp::DeleteBack)
}

pub(super) fn survey_submit(model: &mut Model) -> Vec<Effect> {
    let Some(form) = survey_form(model) else {
        return Vec::new();
    };
    let (number, response) = (form.number, form.response());
    if let Err(e) = response.check() {
        toast(model, e.to_string(), true);
        return Vec::new();
    }
    model.overlay = None;
    vec![Effect::load(TicketRequest::RecordSurvey {
        number,
        survey: response,
        at: model.now,
    })]
}

/// On each tick: ask for the SLA check when it is due.
pub(super) fn on_tick(model: &mut Model) -> Option<Effect> {
    if model.escalations.every <= 0 || model.now < model.escalations.next_check {
        return None;
    }
    model.escalations.next_check = model.now + model.escalations.every;
    Some(Effect::load(ServiceRequest::SlaCheck {
        handle: model.identity.handle.clone(),
        at: model.now,
    }))
}

pub(super) fn on_response(model: &mut Model, response: ServiceResponse) -> Vec<Effect> {
    match response {
        ServiceResponse::SlaChecked {
            feed,
            changed,
            more,
        } => {
            let mut fx = on_checked(model, feed, changed);
            if more {
                // A backlog: the rest at once, in the next budget (the lists were refreshed meanwhile).
                fx.push(Effect::load(ServiceRequest::SlaCheck {
                    handle: model.identity.handle.clone(),
                    at: model.now,
                }));
            }
            fx
        }
        ServiceResponse::EscalationsSeen => Vec::new(),
        ServiceResponse::Dashboard(report, field) => {
            super::dashboard::on_report(model, report, field);
            Vec::new()
        }
    }
}

fn on_checked(model: &mut Model, feed: Vec<Escalated>, changed: bool) -> Vec<Effect> {
    model.escalations.feed = feed;
    if !changed {
        return Vec::new();
    }
    // Tickets were escalated or closed: what is on screen may be stale (quietly, unlike Ctrl-r).
    let toast = model.toast.clone();
    let fx = super::update_lists::refresh(model);
    model.toast = toast;
    fx
}

/// `!`: the escalation list; looking at it marks it seen.
pub(super) fn show_escalations(model: &mut Model) -> Vec<Effect> {
    model.overlay = Some(Overlay::Escalations { selected: 0 });
    vec![Effect::load(ServiceRequest::EscalationsSeen {
        handle: model.identity.handle.clone(),
        at: model.now,
    })]
}

pub(super) fn escalations_move(model: &mut Model, step: isize) -> Vec<Effect> {
    let n = model.escalations.feed.len();
    if let Some(Overlay::Escalations { selected }) = model.overlay.as_mut() {
        *selected = selected
            .saturating_add_signed(step)
            .min(n.saturating_sub(1));
    }
    Vec::new()
}

/// Closing the list counts it as seen: the badge clears and the list starts afresh from now.
pub(super) fn escalations_close(model: &mut Model) -> Vec<Effect> {
    model.overlay = None;
    model.escalations.feed.clear();
    Vec::new()
}

pub(super) fn escalations_open(model: &mut Model) -> Vec<Effect> {
    let Some(Overlay::Escalations { selected }) = model.overlay else {
        return Vec::new();
    };
    let number = model.escalations.feed.get(selected).map(|e| e.number);
    escalations_close(model);
    match number {
        Some(n) => super::ticket_actions::open_number(model, n),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_fill_scores_within_their_scales() {
        let mut f = SurveyForm::new(1, &[]);
        f.digit(7); // CSAT 1–5: 7 is off the scale
        assert_eq!(f.scores[0], None);
        f.digit(4);
        assert_eq!(f.scores[0], Some(4));
        f.digit(5); // 45 is off the scale: starts afresh
        assert_eq!(f.scores[0], Some(5));
        f.focus = 1;
        f.digit(1);
        f.digit(0);
        assert_eq!(f.scores[1], Some(10), "NPS takes two digits");
        f.digit(0);
        assert_eq!(
            f.scores[1],
            Some(0),
            "100 is off the scale; 0 is a valid NPS"
        );
        f.comment = TextInput::new("  ok ");
        let r = f.response();
        assert_eq!(
            (r.csat, r.nps, r.ces, r.comment.as_deref()),
            (Some(5), Some(0), None, Some("ok"))
        );
    }
}
