//! `:conflicts`: this agent's edits that lost to a concurrent edit when a replica met its hub, one sentence each
//! ("your change of priority to High on #1042 was superseded by 李娜 Li Na's Urgent 10:42"); `a` keeps the
//! winning value, `r` writes the agent's value again. Both are writes on the store worker.

use super::msg::Effect;
use super::protocol::{SyncRequest, SyncResponse};
use super::update::toast;
use super::{Model, Overlay};
use crate::domain::text::{local_date, one_line, sanitize};
use crate::domain::ticket::shown_number;
use crate::domain::ticket_fields::{Show, by_log_name, show_value};
use crate::store::sync::replica::Conflict;

/// The conflicts list on screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConflictList {
    /// `None` until the worker answers.
    pub list: Option<Vec<Conflict>>,
    pub selected: usize,
    /// A conflict being settled (its losing change id): keys wait for the answer.
    pub settling: Option<String>,
}

pub(super) fn open(model: &mut Model) -> Vec<Effect> {
    model.overlay = Some(Overlay::Conflicts(Box::default()));
    vec![load(model)]
}

fn load(model: &Model) -> Effect {
    Effect::load(SyncRequest::Conflicts {
        actor: model.identity.handle.clone(),
    })
}

fn state(model: &mut Model) -> Option<&mut ConflictList> {
    match model.overlay.as_mut() {
        Some(Overlay::Conflicts(c)) => Some(c),
        _ => None,
    }
}

pub(super) fn move_by(model: &mut Model, step: isize) -> Vec<Effect> {
    if let Some(c) = state(model) {
        let n = c.list.as_ref().map_or(0, Vec::len);
        c.selected = c
            .selected
            .saturating_add_signed(step)
            .min(n.saturating_sub(1));
    }
    Vec::new()
}

/// `a` (`reapply: false`) or `r`: settle the selected conflict.
pub(super) fn settle(model: &mut Model, reapply: bool) -> Vec<Effect> {
    let at = model.now;
    let Some(c) = state(model) else {
        return Vec::new();
    };
    if c.settling.is_some() {
        return Vec::new();
    }
    let Some(loser) = c
        .list
        .as_ref()
        .and_then(|l| l.get(c.selected))
        .map(|x| x.loser.clone())
    else {
        return Vec::new();
    };
    c.settling = Some(loser.clone());
    vec![Effect::load(SyncRequest::Settle { loser, reapply, at })]
}

pub(super) fn on_response(model: &mut Model, r: SyncResponse) -> Vec<Effect> {
    match r {
        SyncResponse::Conflicts(list) => {
            model.sync.open_conflicts = list.len();
            if let Some(c) = state(model) {
                c.selected = c.selected.min(list.len().saturating_sub(1));
                c.list = Some(list);
                c.settling = None;
            }
            Vec::new()
        }
        SyncResponse::Settled {
            loser,
            reapply,
            outcome,
        } => {
            let settled = state(model).and_then(|c| {
                c.settling = None;
                c.list.as_ref()?.iter().find(|x| x.loser == loser).cloned()
            });
            match outcome {
                Ok(()) => {
                    if let Some(c) = settled {
                        let text = settled_words(model, &c, reapply);
                        toast(model, text, false);
                    }
                }
                Err(e) => toast(model, format!("not settled: {e}"), true),
            }
            if state(model).is_some() {
                vec![load(model)]
            } else {
                Vec::new()
            }
        }
    }
}

fn settled_words(model: &Model, c: &Conflict, reapply: bool) -> String {
    if reapply {
        format!(
            "wrote your {} of {} again on {}",
            field_name(c),
            value(model, c, c.mine.as_deref()),
            subject(c)
        )
    } else {
        format!(
            "kept {}'s {} on {}",
            sanitize(&c.by),
            value(model, c, c.theirs.as_deref()),
            subject(c)
        )
    }
}

/// What a conflict is about, as people name it: `#1042`, `#L-3`, else the kind of record and its id.
pub fn subject(c: &Conflict) -> String {
    match (c.entity.as_str(), c.number) {
        ("ticket", Some(n)) => format!("#{}", shown_number(n)),
        (e, _) => sanitize(&format!("{e} {}", c.entity_id)),
    }
}

fn field_name(c: &Conflict) -> String {
    match by_log_name(&c.field).filter(|_| c.entity == "ticket") {
        Some(d) => d.key.replace('_', " "),
        None => sanitize(&c.field.replace('_', " ")),
    }
}

/// A stored value as a person reads it: labels for closed sets, names for agents and groups.
fn value(model: &Model, c: &Conflict, raw: Option<&str>) -> String {
    let Some(raw) = raw else {
        return "nothing".into();
    };
    let names = |show: Show, id: &str| model.loaded_name(show, id);
    let shown = match by_log_name(&c.field).filter(|_| c.entity == "ticket") {
        Some(d) => show_value(d.show, raw, &names, model.utc_offset, model.date_pattern()),
        None => raw.to_string(),
    };
    one_line(&sanitize(&shown))
}

/// "your change of priority to High on #1042 was superseded by 李娜 Li Na's Urgent 10:42".
pub fn sentence(model: &Model, c: &Conflict) -> String {
    format!(
        "your change of {} to {} on {} was superseded by {}'s {} {}",
        field_name(c),
        value(model, c, c.mine.as_deref()),
        subject(c),
        sanitize(&c.by),
        value(model, c, c.theirs.as_deref()),
        when(model, c.at)
    )
}

/// The same in fewer words, for a toast on a narrow screen: "#1042 priority: your High lost to 李娜 Li Na's
/// Urgent 10:42".
pub fn short_sentence(model: &Model, c: &Conflict) -> String {
    format!(
        "{} {}: your {} lost to {}'s {} {}",
        subject(c),
        field_name(c),
        value(model, c, c.mine.as_deref()),
        sanitize(&c.by),
        value(model, c, c.theirs.as_deref()),
        when(model, c.at)
    )
}

/// Today reads as a time; another day with its date.
fn when(model: &Model, at: i64) -> String {
    let day = |t: i64| local_date(t, model.utc_offset, "%Y-%m-%d");
    let fmt = if day(at) == day(model.now) {
        "%H:%M"
    } else {
        "%m-%d %H:%M"
    };
    local_date(at, model.utc_offset, fmt)
}
