//! The closed loop and SLA in the TUI: record the follow-up call, the survey form, advance a complaint, and the
//! periodic SLA check with its escalation feed.

use super::keys::{Key, KeyCode};
use super::msg::Effect;
use super::protocol::{ServiceRequest, ServiceResponse, TicketRequest};
use super::update::toast;
use super::{Model, Overlay, PickAction};
use crate::domain::service_loop::{FollowUpOutcome, SurveyResponse};
use crate::domain::ticket::Kind;
use crate::store::sla_run::Escalated;
use crate::store::ticket_write::TicketEdit;

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

/// The survey form: three scores and a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyForm {
    pub number: i64,
    /// CSAT, NPS, CES.
    pub scores: [Option<i64>; 3],
    pub comment: String,
    /// 0–2 a score, 3 the comment.
    pub focus: usize,
}

/// (label, lowest, highest) of each score, in form order.
pub const SCALES: [(&str, i64, i64); 3] = [("CSAT", 1, 5), ("NPS", 0, 10), ("CES", 1, 7)];

impl SurveyForm {
    pub fn new(number: i64) -> Self {
        SurveyForm {
            number,
            scores: [None; 3],
            comment: String::new(),
            focus: 0,
        }
    }

    /// A digit typed on a score: appended while the score stays on its scale (`1` `0` gives NPS 10), else it
    /// starts the score afresh; a digit off the scale is ignored.
    fn digit(&mut self, d: i64) {
        let (_, lo, hi) = SCALES[self.focus];
        let slot = &mut self.scores[self.focus];
        let appended = slot.map(|v| v * 10 + d).filter(|v| *v <= hi);
        *slot = appended
            .or_else(|| (lo..=hi).contains(&d).then_some(d))
            .or(*slot);
    }

    pub fn response(&self) -> SurveyResponse {
        let c = self.comment.trim();
        SurveyResponse {
            csat: self.scores[0],
            nps: self.scores[1],
            ces: self.scores[2],
            comment: (!c.is_empty()).then(|| c.to_string()),
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

/// `F`: the outcome of the follow-up call; the survey form follows.
pub(super) fn follow_up(model: &mut Model) -> Vec<Effect> {
    let Some((number, _, _)) = open_ticket(model) else {
        return Vec::new();
    };
    let options = FollowUpOutcome::ALL
        .iter()
        .map(|o| (o.label().to_string(), PickAction::FollowUp(*o)))
        .collect();
    model.overlay = Some(Overlay::Picker {
        title: format!("Follow-up call 回访 · #{number}: what did the customer say?"),
        options,
        selected: 0,
        targets: None,
    });
    Vec::new()
}

/// The outcome was picked: record it and offer the survey.
pub(super) fn record_follow_up(model: &mut Model, outcome: FollowUpOutcome) -> Vec<Effect> {
    let Some((number, _, _)) = open_ticket(model) else {
        return Vec::new();
    };
    model.overlay = Some(Overlay::Survey(SurveyForm::new(number)));
    vec![Effect::load(TicketRequest::RecordFollowUp {
        number,
        outcome,
        at: model.now,
    })]
}

/// `Y`: the survey form on its own.
pub(super) fn survey(model: &mut Model) -> Vec<Effect> {
    if let Some((number, _, _)) = open_ticket(model) {
        model.overlay = Some(Overlay::Survey(SurveyForm::new(number)));
    }
    Vec::new()
}

pub(super) fn on_survey_key(model: &mut Model, key: Key) -> Vec<Effect> {
    let Some(Overlay::Survey(form)) = model.overlay.as_mut() else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Esc => model.overlay = None,
        KeyCode::Tab | KeyCode::Down => form.focus = (form.focus + 1) % 4,
        KeyCode::BackTab | KeyCode::Up => form.focus = (form.focus + 3) % 4,
        KeyCode::Enter => {
            let (number, response) = (form.number, form.response());
            if let Err(e) = response.check() {
                toast(model, e, true);
                return Vec::new();
            }
            model.overlay = None;
            return vec![Effect::load(TicketRequest::RecordSurvey {
                number,
                survey: response,
                at: model.now,
            })];
        }
        _ if form.focus == 3 => {
            super::update_overlay::edit(&mut form.comment, key);
        }
        KeyCode::Char(c @ '0'..='9') => form.digit(i64::from(c as u8 - b'0')),
        KeyCode::Backspace | KeyCode::Delete => form.scores[form.focus] = None,
        _ => {}
    }
    Vec::new()
}

/// `E`: the complaint moves to its next stage.
pub(super) fn advance_complaint(model: &mut Model) -> Vec<Effect> {
    let Some((number, kind, stage)) = open_ticket(model) else {
        return Vec::new();
    };
    if kind != Kind::Complaint {
        toast(
            model,
            format!("#{number} is not a complaint (K changes the kind)"),
            false,
        );
        return Vec::new();
    }
    let next = match stage {
        None => Some(crate::domain::service_loop::ComplaintStage::Received),
        Some(s) => s.next(),
    };
    match next {
        Some(next) => super::ticket_actions::pick(
            model,
            PickAction::Edit(TicketEdit::ComplaintStage(next)),
            None,
        ),
        None => {
            toast(
                model,
                format!("#{number}: the complaint is already revisited"),
                false,
            );
            Vec::new()
        }
    }
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
        ServiceResponse::SlaChecked { feed, changed } => on_checked(model, feed, changed),
        ServiceResponse::EscalationsSeen => Vec::new(),
        ServiceResponse::Dashboard(report) => {
            super::dashboard::on_report(model, report);
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

pub(super) fn on_escalations_key(model: &mut Model, key: Key) -> Vec<Effect> {
    let Some(Overlay::Escalations { selected }) = model.overlay.as_mut() else {
        return Vec::new();
    };
    let n = model.escalations.feed.len();
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('!') => {
            model.overlay = None;
            // Seen: the badge clears; the list starts afresh from now.
            model.escalations.feed.clear();
        }
        KeyCode::Down | KeyCode::Char('j') => *selected = (*selected + 1).min(n.saturating_sub(1)),
        KeyCode::Up | KeyCode::Char('k') => *selected = selected.saturating_sub(1),
        KeyCode::Enter => {
            let number = model.escalations.feed.get(*selected).map(|e| e.number);
            model.overlay = None;
            model.escalations.feed.clear();
            if let Some(n) = number {
                return super::ticket_actions::open_number(model, n);
            }
        }
        _ => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_fill_scores_within_their_scales() {
        let mut f = SurveyForm::new(1);
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
        f.comment = "  ok ".into();
        let r = f.response();
        assert_eq!(
            (r.csat, r.nps, r.ces, r.comment.as_deref()),
            (Some(5), Some(0), None, Some("ok"))
        );
    }
}
