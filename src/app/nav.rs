//! Where Esc goes back to: a pane opened from another (a ticket from a queue, a customer or an article from a
//! ticket, a queue from a dashboard drill-down) remembers where it was opened from, however deep the chain.
//! Switching panes by number or Tab is a jump of the agent's own and is not remembered.

use super::msg::Effect;
use super::{Model, Pane};

/// How far back Esc can go.
const DEPTH: usize = 16;

/// Opens `pane` from where the agent is, remembering it for Esc.
pub(super) fn go(model: &mut Model, pane: Pane) -> Vec<Effect> {
    if pane != model.pane {
        model.trail.push(model.pane);
        if model.trail.len() > DEPTH {
            model.trail.remove(0);
        }
    }
    super::update::switch(model, pane)
}

/// Esc with nothing left to back out of in the pane: back where it was opened from, if anywhere.
pub(super) fn back(model: &mut Model) -> Option<Vec<Effect>> {
    let pane = model.trail.pop()?;
    Some(super::update::switch(model, pane))
}
