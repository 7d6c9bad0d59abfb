//! Full-text search in the queue pane: `S` asks for words, the hits replace the view's list (newest first, or best
//! match with `o`), Enter opens a hit, Esc goes back to the view.

use super::commands::CommandId;
use super::msg::Effect;
use super::protocol::TicketRequest;
use super::update::toast;
use super::{Model, SearchState};
use crate::store::search::SearchHit;

pub(super) fn start(model: &mut Model, text: &str) -> Vec<Effect> {
    let query = text.trim().to_string();
    if query.is_empty() {
        model.queues.search = None;
        return Vec::new();
    }
    let relevance = model.queues.search.as_ref().is_some_and(|s| s.relevance);
    model.queues.search = Some(SearchState {
        query: query.clone(),
        relevance,
        loading: true,
        ..Default::default()
    });
    vec![Effect::load(TicketRequest::Search { query, relevance })]
}

pub(super) fn toggle_order(model: &mut Model) -> Vec<Effect> {
    let Some(s) = model.queues.search.as_mut() else {
        let text = crate::i18n::tr(model.locale, "search-order-no-search");
        toast(model, text, false);
        return Vec::new();
    };
    s.relevance = !s.relevance;
    s.loading = true;
    vec![Effect::load(TicketRequest::Search {
        query: s.query.clone(),
        relevance: s.relevance,
    })]
}

pub(super) fn on_hits(model: &mut Model, query: String, hits: Vec<SearchHit>) {
    if let Some(s) = model.queues.search.as_mut()
        && s.query == query
    {
        s.hits = hits;
        s.selected = 0;
        s.loading = false;
    }
}

/// Keys while results are shown: move, open, leave. `None` when the key is not the search's.
pub(super) fn navigate(model: &mut Model, nav: CommandId) -> Option<Vec<Effect>> {
    let s = model.queues.search.as_mut()?;
    let last = s.hits.len().saturating_sub(1);
    match nav {
        CommandId::Down => s.selected = (s.selected + 1).min(last),
        CommandId::Up => s.selected = s.selected.saturating_sub(1),
        CommandId::Top => s.selected = 0,
        CommandId::Bottom => s.selected = last,
        CommandId::HalfDown | CommandId::PageDown => s.selected = (s.selected + 10).min(last),
        CommandId::HalfUp | CommandId::PageUp => s.selected = s.selected.saturating_sub(10),
        CommandId::Back => model.queues.search = None,
        CommandId::Open => {
            let number = s.hits.get(s.selected)?.number;
            return Some(super::update_lists::open_ticket(model, number));
        }
        _ => return None,
    }
    Some(Vec::new())
}
