//! `:messages` (as in vim): every toast since desk started, newest last, so a message that vanished while the
//! agent looked away can be read again.

use super::msg::Effect;
use super::{Model, Overlay};
use std::collections::VecDeque;

/// Toasts kept; older ones drop off the top.
pub const KEPT: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    /// Unix seconds when it was shown.
    pub at: i64,
    pub text: String,
    pub error: bool,
}

/// Records a toast, keeping the newest `KEPT`.
pub(super) fn record(log: &mut VecDeque<Logged>, at: i64, text: &str, error: bool) {
    if log.len() == KEPT {
        log.pop_front();
    }
    log.push_back(Logged {
        at,
        text: text.to_string(),
        error,
    });
}

/// Lines of the log that fit in the popup (inside its border).
pub fn viewport(model: &Model) -> usize {
    (super::layout::frame(model.width, model.height).body.height as usize)
        .saturating_sub(2)
        .max(1)
}

fn max_scroll(model: &Model) -> usize {
    model.messages.len().saturating_sub(viewport(model))
}

/// Opens at the end, where the newest message is.
pub(super) fn open(model: &mut Model) -> Vec<Effect> {
    model.overlay = Some(Overlay::Messages {
        scroll: max_scroll(model),
    });
    Vec::new()
}

pub(super) fn scroll(model: &mut Model, step: super::help::Step) -> Vec<Effect> {
    let (page, max) = (viewport(model), max_scroll(model));
    if let Some(Overlay::Messages { scroll }) = model.overlay.as_mut() {
        *scroll = step.apply(*scroll, page, max);
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_the_newest_messages_in_order() {
        let mut log = VecDeque::new();
        for i in 0..KEPT + 3 {
            record(&mut log, i as i64, &format!("m{i}"), i % 2 == 0);
        }
        assert_eq!(log.len(), KEPT);
        assert_eq!(log.front().map(|l| l.text.as_str()), Some("m3"));
        assert_eq!(
            log.back().map(|l| (l.at, l.error)),
            Some((KEPT as i64 + 2, true))
        );
    }
}
