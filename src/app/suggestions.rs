//! Articles suggested for the open ticket (best bm25 match of its subject and last customer message), and putting
//! one into a reply: `b` opens the list, then Enter inserts a link and `b` the quoted article.

use super::keys::{Key, KeyCode};
use super::msg::Request;
use super::msg::{EditPurpose, Effect};
use super::protocol::{KbRequest, TicketRequest};
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
        toast(model, "Open a ticket first (Enter in Queues)".into(), false);
        return Vec::new();
    }
    if current(model).is_empty() {
        toast(
            model,
            "No published article matches this ticket; / in the knowledge base (4) searches them all".into(),
            false,
        );
        return Vec::new();
    }
    model.overlay = Some(Overlay::Suggestions { selected: 0 });
    Vec::new()
}

pub(super) fn on_key(model: &mut Model, key: Key) -> Vec<Effect> {
    let Some(Overlay::Suggestions { selected: i }) = model.overlay else {
        return Vec::new();
    };
    let n = current(model).len();
    let id = current(model).get(i).map(|s| s.row.id.clone());
    let Some(Overlay::Suggestions { selected }) = model.overlay.as_mut() else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') => model.overlay = None,
        KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
            *selected = (i + 1).min(n.saturating_sub(1))
        }
        KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => *selected = i.saturating_sub(1),
        KeyCode::Char(c @ '1'..='9') if (c as usize - '1' as usize) < n => {
            *selected = c as usize - '1' as usize
        }
        KeyCode::Enter | KeyCode::Char('l') => return insert(model, i, Insert::Link),
        KeyCode::Char('b') => return insert(model, i, Insert::Body),
        KeyCode::Char('o') => {
            model.overlay = None;
            if let Some(id) = id {
                return super::kb_actions::show_article(model, id);
            }
        }
        KeyCode::Char('+') => return super::kb_actions::vote(model, id, true),
        KeyCode::Char('-') => return super::kb_actions::vote(model, id, false),
        _ => {}
    }
    Vec::new()
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
    template.push_str(&super::ticket_actions::reply_footer(d, false));
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
    let inserting = model.ticket.inserting.take();
    let fx = super::ticket_actions::on_edited(model, EditPurpose::KbReply { number }, text);
    let sent = fx.iter().any(|e| {
        matches!(
            e,
            Effect::Load(Request::Tickets(TicketRequest::AddMessage(_)))
        )
    });
    match inserting {
        Some((id, how)) if sent => {
            let mut fx = fx;
            fx.push(Effect::load(KbRequest::Used {
                id,
                number,
                how,
                at: model.now,
            }));
            fx
        }
        _ => fx,
    }
}
