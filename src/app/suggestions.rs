//! Articles suggested for the open ticket (best bm25 match of its subject and last customer message), and putting
//! one into a reply: `b` opens the list, then Enter inserts a link and `b` the quoted article.

use super::msg::{EditPurpose, Effect};
use super::protocol::KbRequest;
use super::update::toast;
use super::{Model, Overlay};
use crate::domain::kb::{Insert, reply_text};

pub(super) fn load(model: &Model, number: i64) -> Effect {
    Effect::load(KbRequest::Suggestions {
        number,
        limit: model.kb_rules.suggestions,
    })
}

/// The suggestions of the ticket on screen (empty while loading or for another ticket).
pub fn current(model: &Model) -> &[crate::store::kb_search::Suggestion] {
    match (&model.ticket.suggestions, model.ticket.number) {
        (Some((n, rows)), Some(open)) if *n == open => rows,
        _ => &[],
    }
}

pub(super) fn open(model: &mut Model) -> Vec<Effect> {
    if model.ticket.detail.is_none() {
        toast(
            model,
            crate::i18n::tr(model.locale, "ticket-open-first"),
            false,
        );
        return Vec::new();
    }
    if current(model).is_empty() {
        toast(
            model,
            crate::i18n::tr(model.locale, "kb-suggestions-none"),
            false,
        );
        return Vec::new();
    }
    model.overlay = Some(Overlay::Suggestions { selected: 0 });
    Vec::new()
}

/// The selected suggestion's index, while the list is open.
fn selected(model: &Model) -> Option<usize> {
    match model.overlay {
        Some(Overlay::Suggestions { selected }) => Some(selected),
        _ => None,
    }
}

/// Selects suggestion `i` (digits 1–9), if there is one.
pub(super) fn select(model: &mut Model, i: usize) -> Vec<Effect> {
    let n = current(model).len();
    if let Some(Overlay::Suggestions { selected }) = model.overlay.as_mut()
        && i < n
    {
        *selected = i;
    }
    Vec::new()
}

pub(super) fn move_by(model: &mut Model, step: isize) -> Vec<Effect> {
    let n = current(model).len();
    if let Some(Overlay::Suggestions { selected }) = model.overlay.as_mut() {
        *selected = selected
            .saturating_add_signed(step)
            .min(n.saturating_sub(1));
    }
    Vec::new()
}

pub(super) fn insert_selected(model: &mut Model, how: Insert) -> Vec<Effect> {
    match selected(model) {
        Some(i) => insert(model, i, how),
        None => Vec::new(),
    }
}

fn selected_id(model: &Model) -> Option<String> {
    let i = selected(model)?;
    current(model).get(i).map(|s| s.row.id.clone())
}

/// Opens the selected article in the knowledge base's reader.
pub(super) fn open_selected(model: &mut Model) -> Vec<Effect> {
    let id = selected_id(model);
    model.overlay = None;
    match id {
        Some(id) => super::kb_actions::show_article(model, id),
        None => Vec::new(),
    }
}

pub(super) fn vote_selected(model: &mut Model, helpful: bool) -> Vec<Effect> {
    let id = selected_id(model);
    super::kb_actions::vote(model, id, helpful)
}

/// Opens the reply editor starting with suggestion `index` as a link or quoted in full.
fn insert(model: &mut Model, index: usize, how: Insert) -> Vec<Effect> {
    let Some(s) = current(model).get(index).cloned() else {
        return Vec::new();
    };
    let Some(d) = model.ticket.detail.as_deref() else {
        return Vec::new();
    };
    model.overlay = None;
    let url = model.kb_rules.url(&s.row.id);
    let mut template = reply_text(how, s.row.title.as_str(), s.body_md.as_str(), &url);
    template.push_str(&super::compose::reply_footer(model.locale, d, false));
    let number = d.row.number;
    model.ticket.inserting = Some((s.row.id, how));
    vec![
        super::team::start_reply(model, number),
        Effect::Edit {
            purpose: EditPurpose::KbReply { number },
            template,
        },
    ]
}

/// The reply came back from the editor: send it, and count the article as used if it was sent.
pub(super) fn on_edited(model: &mut Model, number: i64, text: String) -> Vec<Effect> {
    // The article stays with the reply (`TicketPane::inserting`) through review; its use counts when it is sent.
    super::compose::on_edited(model, EditPurpose::KbReply { number }, text)
}
