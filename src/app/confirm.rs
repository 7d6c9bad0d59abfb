//! Questions asked before anything irreversible: merging tickets or customers, sending to many customers,
//! throwing away text. `y` goes ahead, `n` / Esc backs out; some answers lead to a second question.

use super::msg::{Effect, Request};
use super::review::Draft;
use super::update::toast;
use super::{Model, Overlay};

#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub title: String,
    /// What will happen, one line each.
    pub lines: Vec<String>,
    pub action: ConfirmAction,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConfirmAction {
    /// Send these requests (a merge, a bulk reply).
    Requests(Vec<Request>),
    /// Ask this next (merging tickets of two customers).
    Then(Box<Confirm>),
    /// Throw away a reply or note; backing out returns to its review.
    DiscardDraft(Box<Draft>),
    /// Go on to write the reply of macro number `i`.
    ComposeMacro(usize),
}

impl Confirm {
    pub fn new(title: String, lines: Vec<String>, action: ConfirmAction) -> Confirm {
        Confirm {
            title,
            lines,
            action,
        }
    }
}

pub(super) fn ask(model: &mut Model, c: Confirm) -> Vec<Effect> {
    model.overlay = Some(Overlay::Confirm(Box::new(c)));
    Vec::new()
}

fn take(model: &mut Model) -> Option<Confirm> {
    match model.overlay.take() {
        Some(Overlay::Confirm(c)) => Some(*c),
        other => {
            model.overlay = other;
            None
        }
    }
}

pub(super) fn yes(model: &mut Model) -> Vec<Effect> {
    match take(model).map(|c| c.action) {
        Some(ConfirmAction::Requests(reqs)) => reqs.into_iter().map(Effect::Load).collect(),
        Some(ConfirmAction::Then(next)) => ask(model, *next),
        Some(ConfirmAction::DiscardDraft(d)) => super::review::discard(model, *d),
        Some(ConfirmAction::ComposeMacro(i)) => super::compose::compose_macro(model, i),
        None => Vec::new(),
    }
}

pub(super) fn no(model: &mut Model) -> Vec<Effect> {
    match take(model).map(|c| c.action) {
        // Back to the text, not into the void.
        Some(ConfirmAction::DiscardDraft(d)) => model.overlay = Some(Overlay::Review(d)),
        Some(_) => {
            let text = crate::i18n::tr(model.locale, "review-confirm-declined");
            toast(model, text, false)
        }
        None => {}
    }
    Vec::new()
}
