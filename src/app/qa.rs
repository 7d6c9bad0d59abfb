//! The QA pane (质检, issue 23; `g q`, `:qa`): a lead sees the queue of sampled tickets waiting for a review,
//! samples last week (`s`) or this week so far (`S`), and scores the selected ticket with a form — one field per
//! criterion of the rubric and a comment; every agent sees the reviews of their own work, each criterion scored.
//! What may be done comes from the worker (the rubric, whether the agent is a lead), so nothing here reads config.

use super::msg::Effect;
use super::protocol::qa::QaView;
use super::protocol::{QaRequest, QaResponse};
use super::text_input::TextInput;
use super::update::toast;
use super::{Model, Overlay};
use crate::domain::qa::Criterion;
use crate::i18n::{tr, tr_args};
use crate::store::qa::{QaReview, QaSample};

const WEEK: i64 = 7 * 86_400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QaTab {
    /// Tickets waiting for a review.
    #[default]
    Queue,
    /// The reviews of the acting agent's work.
    Mine,
}

/// The pane on screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QaState {
    /// `None` until the worker answers.
    pub view: Option<Box<QaView>>,
    pub tab: QaTab,
    pub selected: usize,
    pub form: Option<QaForm>,
    /// A sample or a review is being written: keys that write wait for its answer.
    pub writing: bool,
}

/// Scoring one ticket: a score per criterion (in rubric order), then the comment.
#[derive(Debug, Clone, PartialEq)]
pub struct QaForm {
    pub ticket: i64,
    pub subject: String,
    pub agent: Option<String>,
    pub criteria: Vec<Criterion>,
    pub scores: Vec<Option<i64>>,
    pub comment: TextInput,
    /// A criterion's index, or `criteria.len()` for the comment.
    pub focus: usize,
}

impl QaForm {
    fn new(s: &QaSample, criteria: Vec<Criterion>) -> QaForm {
        QaForm {
            ticket: s.ticket,
            subject: s.subject.to_string(),
            agent: s.agent.clone(),
            scores: vec![None; criteria.len()],
            criteria,
            comment: TextInput::default(),
            focus: 0,
        }
    }

    /// A digit on a score: appended while it stays within the criterion's max, else it starts afresh.
    pub(super) fn digit(&mut self, d: i64) {
        let Some(max) = self.criteria.get(self.focus).map(|c| i64::from(c.max)) else {
            return;
        };
        if let Some(slot) = self.scores.get_mut(self.focus) {
            let appended = slot.map(|v| v * 10 + d).filter(|v| *v <= max);
            *slot = appended.or_else(|| (d <= max).then_some(d)).or(*slot);
        }
    }

    pub fn on_comment(&self) -> bool {
        self.focus == self.criteria.len()
    }

    /// The comment while it has the focus.
    pub fn focused_text(&mut self) -> Option<&mut TextInput> {
        self.on_comment().then_some(&mut self.comment)
    }

    /// The scores typed so far as `key=score`, for the rubric to check.
    fn given(&self) -> Vec<(String, i64)> {
        self.criteria
            .iter()
            .zip(&self.scores)
            .filter_map(|(c, s)| s.map(|s| (c.key.clone(), s)))
            .collect()
    }
}

impl QaState {
    pub fn selected_sample(&self) -> Option<&QaSample> {
        self.view.as_ref()?.queue.get(self.selected)
    }

    pub fn selected_review(&self) -> Option<&QaReview> {
        self.view.as_ref()?.mine.get(self.selected)
    }

    fn rows(&self) -> usize {
        self.view.as_ref().map_or(0, |v| match self.tab {
            QaTab::Queue => v.queue.len(),
            QaTab::Mine => v.mine.len(),
        })
    }
}

fn state(model: &mut Model) -> Option<&mut QaState> {
    match model.overlay.as_mut() {
        Some(Overlay::Qa(s)) => Some(s),
        _ => None,
    }
}

fn form(model: &mut Model) -> Option<&mut QaForm> {
    state(model)?.form.as_mut()
}

fn load(model: &Model) -> Effect {
    Effect::load(QaRequest::Load {
        me: model.identity.handle.clone(),
    })
}

pub(super) fn open(model: &mut Model) -> Vec<Effect> {
    model.overlay = Some(Overlay::Qa(Box::default()));
    vec![load(model)]
}

pub(super) fn close(model: &mut Model) -> Vec<Effect> {
    model.overlay = None;
    Vec::new()
}

pub(super) fn move_by(model: &mut Model, step: isize) -> Vec<Effect> {
    if let Some(s) = state(model) {
        let n = s.rows();
        s.selected = s
            .selected
            .saturating_add_signed(step)
            .min(n.saturating_sub(1));
    }
    Vec::new()
}

pub(super) fn toggle_tab(model: &mut Model) -> Vec<Effect> {
    if let Some(s) = state(model) {
        s.tab = match s.tab {
            QaTab::Queue => QaTab::Mine,
            QaTab::Mine => QaTab::Queue,
        };
        s.selected = 0;
    }
    Vec::new()
}

/// Whether the acting agent may sample and score; says why not when they may not. Before the worker has answered
/// nobody knows yet, and the key does nothing. `what` is the message key of what the agent tried.
fn lead_or_say(model: &mut Model, what: &str) -> bool {
    let Some(Overlay::Qa(s)) = &model.overlay else {
        return false;
    };
    let Some(lead) = s.view.as_ref().map(|v| v.lead) else {
        return false;
    };
    if !lead {
        let what = tr(model.locale, what);
        let text = tr_args(model.locale, "qa-needs-lead", &[("what", what.into())]);
        toast(model, text, true);
    }
    lead
}

/// `s` (`weeks_back` 1): last week; `S` (0): this week so far.
pub(super) fn sample(model: &mut Model, weeks_back: i64) -> Vec<Effect> {
    let (at, offset) = (model.now, i64::from(model.utc_offset));
    if state(model).is_none_or(|s| s.writing) || !lead_or_say(model, "qa-what-sample") {
        return Vec::new();
    }
    if let Some(s) = state(model) {
        s.writing = true;
    }
    vec![Effect::load(QaRequest::Sample {
        week_of: at - weeks_back * WEEK,
        offset,
        at,
    })]
}

/// Enter: score the selected ticket of the queue.
pub(super) fn enter(model: &mut Model) -> Vec<Effect> {
    let Some(s) = state(model) else {
        return Vec::new();
    };
    if s.tab != QaTab::Queue || s.selected_sample().is_none() {
        return Vec::new();
    }
    if !lead_or_say(model, "qa-what-score") {
        return Vec::new();
    }
    if let Some(s) = state(model) {
        let criteria = s
            .view
            .as_ref()
            .map(|v| v.rubric.criteria.clone())
            .unwrap_or_default();
        s.form = s.selected_sample().map(|x| QaForm::new(x, criteria));
    }
    Vec::new()
}

pub(super) fn form_focus(model: &mut Model, step: isize) -> Vec<Effect> {
    if let Some(f) = form(model) {
        let n = f.criteria.len() as isize + 1;
        f.focus = (f.focus as isize + step).rem_euclid(n) as usize;
    }
    Vec::new()
}

/// Backspace / Delete: clears the focused score; in the comment it deletes as in any text.
pub(super) fn form_clear(model: &mut Model) -> Vec<Effect> {
    let Some(f) = form(model) else {
        return Vec::new();
    };
    if !f.on_comment() {
        if let Some(slot) = f.scores.get_mut(f.focus) {
            *slot = None;
        }
        return Vec::new();
    }
    super::overlay_keys::text(model, super::text_input::TextOp::DeleteBack)
}

pub(super) fn form_cancel(model: &mut Model) -> Vec<Effect> {
    if let Some(s) = state(model) {
        s.form = None;
    }
    Vec::new()
}

pub(super) fn form_submit(model: &mut Model) -> Vec<Effect> {
    let (at, offset) = (model.now, i64::from(model.utc_offset));
    let Some(s) = state(model) else {
        return Vec::new();
    };
    let Some(f) = s.form.as_ref() else {
        return Vec::new();
    };
    let rubric = crate::domain::qa::Rubric {
        criteria: f.criteria.clone(),
    };
    let (ticket, comment) = (f.ticket, f.comment.value().trim().to_string());
    match rubric.score(&f.given()) {
        Err(e) => {
            toast(model, e.to_string(), true);
            Vec::new()
        }
        Ok(scored) => {
            s.form = None;
            s.writing = true;
            vec![Effect::load(QaRequest::Score {
                ticket,
                scored: Box::new(scored),
                comment,
                offset,
                at,
            })]
        }
    }
}

pub(super) fn on_response(model: &mut Model, r: QaResponse) -> Vec<Effect> {
    match r {
        QaResponse::Loaded(view) => {
            if let Some(s) = state(model) {
                s.view = Some(view);
                s.selected = s.selected.min(s.rows().saturating_sub(1));
            }
            Vec::new()
        }
        QaResponse::Sampled { outcome } => {
            let l = model.locale;
            match outcome {
                Ok((week, n)) => {
                    let args = [("week", week.to_string().into()), ("n", n.into())];
                    toast(model, tr_args(l, "qa-sampled", &args), false)
                }
                Err(e) => {
                    let args = [("error", e.said(model.locale).into())];
                    toast(model, tr_args(l, "qa-not-sampled", &args), true)
                }
            }
            written(model)
        }
        QaResponse::Scored { ticket, outcome } => {
            let l = model.locale;
            match outcome {
                Ok((total, failed)) => {
                    let key = if failed {
                        "qa-scored-failed"
                    } else {
                        "qa-scored"
                    };
                    let args = [
                        ("ticket", ticket.to_string().into()),
                        ("total", total.to_string().into()),
                    ];
                    toast(model, tr_args(l, key, &args), false)
                }
                Err(e) => {
                    let args = [("error", e.said(model.locale).into())];
                    toast(model, tr_args(l, "qa-not-scored", &args), true)
                }
            }
            written(model)
        }
    }
}

/// After a write: keys write again, and the pane reads afresh while it is open.
fn written(model: &mut Model) -> Vec<Effect> {
    match state(model) {
        Some(s) => {
            s.writing = false;
            vec![load(model)]
        }
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> QaForm {
        let sample = QaSample {
            ticket: 1042,
            subject: "打印机卡纸".into(),
            agent: Some("wang".into()),
            reason: crate::domain::qa::SampleReason::Random,
            week: "2026-W47".into(),
            sampled_at: 0,
            sampled_by: None,
            reviews: 0,
            score: None,
            cursor: crate::domain::view::Cursor { key: 0, rid: 1 },
        };
        QaForm::new(&sample, crate::domain::qa::Rubric::default().criteria)
    }

    #[test]
    fn digits_stay_within_the_criterion_max_and_the_comment_follows_the_last_criterion() {
        let mut f = form();
        f.digit(7); // 0–5: off the scale, ignored
        assert_eq!(f.scores[0], None);
        f.digit(4);
        assert_eq!(f.scores[0], Some(4));
        f.digit(5); // 45 is past 5: starts afresh
        assert_eq!(f.scores[0], Some(5));
        f.digit(0);
        assert_eq!(f.scores[0], Some(0));
        assert!(!f.on_comment());
        f.focus = f.criteria.len();
        assert!(f.on_comment() && f.focused_text().is_some());
        f.digit(3); // the comment has no score
        assert_eq!(f.given(), vec![("greeting".to_string(), 0)]);
    }
}
