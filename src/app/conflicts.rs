//! `:conflicts`: this agent's edits that lost to a concurrent edit when a replica met its hub, one sentence each
//! ("your change of priority to High on #1042 was superseded by 李娜 Li Na's Urgent 10:42"); `a` keeps the
//! winning value, `r` writes the agent's value again. Both are writes on the store worker.

use super::msg::Effect;
use super::protocol::{SyncRequest, SyncResponse};
use super::update::toast;
use super::{Model, Overlay};
use crate::domain::text::{local_date, one_line, sanitize};
use crate::domain::ticket::shown_number;
use crate::domain::ticket_fields::{Show, by_log_name};
use crate::i18n::{Arg, has, tr, tr_args};
use crate::store::sync::replica::Conflict;

/// The kind of record a ticket's conflicts name.
const TICKET: &str = "ticket";

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
                Err(e) => {
                    let args = [("error", Arg::from(e.said(model.locale)))];
                    toast(
                        model,
                        tr_args(model.locale, "sync-not-settled", &args),
                        true,
                    )
                }
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
    let l = model.locale;
    let on = ("on", Arg::from(subject(c)));
    if reapply {
        let field = ("field", Arg::from(field_name(model, c)));
        let mine = ("value", Arg::from(value(model, c, c.mine.as_deref())));
        tr_args(l, "sync-reapplied", &[field, mine, on])
    } else {
        let by = ("by", Arg::from(sanitize(&c.by)));
        let theirs = ("value", Arg::from(value(model, c, c.theirs.as_deref())));
        tr_args(l, "sync-kept", &[by, theirs, on])
    }
}

/// What a conflict is about, as people name it: `#1042`, `#L-3`, else the kind of record and its id.
pub fn subject(c: &Conflict) -> String {
    match (c.entity.as_str(), c.number) {
        (TICKET, Some(n)) => format!("#{}", shown_number(n)),
        (e, _) => sanitize(&format!("{e} {}", c.entity_id)),
    }
}

/// A ticket's field by its name in the locale where the catalogue has one (`sync-field-priority`), else its key.
fn field_name(model: &Model, c: &Conflict) -> String {
    match by_log_name(&c.field).filter(|_| c.entity == TICKET) {
        Some(d) => {
            let key = ["sync-field-", &d.key.replace('_', "-")].concat();
            if has(model.locale, &key) {
                tr(model.locale, &key)
            } else if model.locale == crate::i18n::Locale::En {
                d.key.replace('_', " ")
            } else {
                crate::i18n::fields::name(model.locale, d)
            }
        }
        None => sanitize(&c.field.replace('_', " ")),
    }
}

/// A stored value as a person reads it: labels for closed sets, names for agents and groups.
fn value(model: &Model, c: &Conflict, raw: Option<&str>) -> String {
    let Some(raw) = raw else {
        return tr(model.locale, "sync-value-nothing");
    };
    let names = |show: Show, id: &str| model.loaded_name(show, id);
    let shown = match by_log_name(&c.field).filter(|_| c.entity == TICKET) {
        Some(d) => crate::i18n::fields::value(
            model.locale,
            d,
            raw,
            &names,
            model.utc_offset,
            model.date_pattern(),
        ),
        None => raw.to_string(),
    };
    one_line(&sanitize(&shown))
}

/// "your change of priority to High on #1042 was superseded by 李娜 Li Na's Urgent 10:42".
pub fn sentence(model: &Model, c: &Conflict) -> String {
    tr_args(model.locale, "sync-conflict", &words(model, c))
}

/// The variables of a conflict's sentences.
fn words(model: &Model, c: &Conflict) -> [(&'static str, Arg<'static>); 6] {
    [
        ("field", Arg::from(field_name(model, c))),
        ("mine", Arg::from(value(model, c, c.mine.as_deref()))),
        ("on", Arg::from(subject(c))),
        ("by", Arg::from(sanitize(&c.by))),
        ("theirs", Arg::from(value(model, c, c.theirs.as_deref()))),
        ("when", Arg::from(when(model, c.at))),
    ]
}

/// The same in fewer words, for a toast on a narrow screen: "#1042 priority: your High lost to 李娜 Li Na's
/// Urgent 10:42".
pub fn short_sentence(model: &Model, c: &Conflict) -> String {
    tr_args(model.locale, "sync-conflict-short", &words(model, c))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn model(locale: Locale) -> Model {
        let settings = crate::app::test_settings(locale);
        crate::app::init(settings, 80, 24, 1_795_000_000).0
    }

    fn conflict(field: &str, mine: &str, theirs: &str) -> Conflict {
        Conflict {
            loser: "L1".into(),
            entity: TICKET.into(),
            entity_id: "T1".into(),
            number: Some(1042),
            field: field.into(),
            mine: Some(mine.into()),
            theirs: Some(theirs.into()),
            by: "王芳".into(),
            at: 1_795_000_000,
            reason: None,
            actor: None,
        }
    }

    #[test]
    fn values_and_fields_read_in_the_locale_and_english_as_before() {
        let c = conflict("priority", "high", "urgent");
        let en = sentence(&model(Locale::En), &c);
        assert!(en.contains("High") && en.contains("Urgent"), "{en}");
        let tw = sentence(&model(Locale::ZhTw), &c);
        assert!(
            tw.contains("黃") && tw.contains("紅") && !tw.contains("High"),
            "{tw}"
        );
        let c = conflict("complaint_severity", "minor", "critical");
        let en = sentence(&model(Locale::En), &c);
        assert!(
            en.contains("minor 一般") && en.contains("critical 重大"),
            "{en}"
        );
        let cn = sentence(&model(Locale::ZhCn), &c);
        assert!(cn.contains("一般") && !cn.contains("minor"), "{cn}");
        let c = conflict("root_cause", "delivery", "price");
        let cn = sentence(&model(Locale::ZhCn), &c);
        assert!(cn.contains("根本原因") || cn.contains("原因"), "{cn}");
        assert!(!cn.contains("root"), "{cn}");
    }
}
