//! The knowledge-base pane: views, search, the reader, authoring in `$EDITOR`, status, votes and history.

use super::commands::CommandId;
use super::layout;
use super::msg::{EditPurpose, Effect};
use super::navigate::{move_list, scroll, select_index};
use super::paged::PAGE_SIZE;
use super::protocol::{ArticleOutcome, KbRequest, KbResponse, TicketRequest};
use super::update::{say, toast};
use super::update_lists::body;
use super::{KbFocus, KbSearch, Model, Overlay, PickAction};
use crate::domain::kb::{ArticleDoc, ArticleStatus};
use crate::domain::view::PageRequest;
use crate::i18n::{Locale, tr, tr_args, tr_of};
use crate::store::kb::ArticleFilter;

pub(super) fn article_viewport(model: &Model) -> usize {
    layout::table_rows(layout::kb(body(model)).1).height as usize
}

fn reader_viewport(model: &Model) -> usize {
    layout::inner(body(model)).height as usize
}

fn article_filter(model: &Model) -> ArticleFilter {
    ArticleFilter {
        category_id: model.kb.category_id(),
        text: None,
        select: model.kb.view.select(&model.kb_rules, model.now),
    }
}

pub(super) fn article_page(model: &Model, req: PageRequest) -> Effect {
    Effect::load(KbRequest::Page {
        generation: model.kb.list.generation,
        filter: article_filter(model),
        req,
        limit: PAGE_SIZE,
    })
}

pub(super) fn reload_articles(model: &mut Model) -> Effect {
    let req = model.kb.list.reset();
    article_page(model, req)
}

/// What a search covers: what the current view lists (archived articles only from the Archived view).
fn search_request(model: &Model, query: &str) -> Effect {
    Effect::load(KbRequest::Search {
        query: query.to_string(),
        statuses: model.kb.view.select(&model.kb_rules, model.now).statuses,
    })
}

pub(super) fn select_view(model: &mut Model, step: isize) -> Vec<Effect> {
    model.kb.view = if step > 0 {
        model.kb.view.next()
    } else {
        model.kb.view.prev()
    };
    model.kb.focus = KbFocus::Articles;
    let mut fx = vec![reload_articles(model)];
    if let Some(s) = &model.kb.search {
        fx.push(search_request(model, &s.query.clone()));
    }
    fx
}

/// `/` in the pane: ranked search with snippets (empty text goes back to the view).
pub(super) fn apply_search(model: &mut Model, text: String) -> Vec<Effect> {
    let query = text.trim().to_string();
    if model.kb.focus == KbFocus::Reader {
        model.kb.focus = KbFocus::Articles;
    }
    if query.is_empty() {
        model.kb.search = None;
        return Vec::new();
    }
    model.kb.search = Some(KbSearch {
        query: query.clone(),
        hits: Vec::new(),
        selected: 0,
        loading: true,
    });
    vec![search_request(model, &query)]
}

/// Opens `id` in the reader; `count_view` when a reader (not the author saving it) opens it.
fn open_reader(model: &mut Model, id: String, count_view: bool) -> Vec<Effect> {
    model.kb.focus = KbFocus::Reader;
    model.kb.scroll = 0;
    model.kb.show_history = false;
    if model.kb.article.as_ref().is_some_and(|a| a.row.id != id) {
        model.kb.article = None;
    }
    vec![Effect::load(KbRequest::Article { id, count_view })]
}

/// Opens article `id` in the knowledge-base pane (from a suggestion on a ticket, say).
pub(super) fn show_article(model: &mut Model, id: String) -> Vec<Effect> {
    let mut fx = super::nav::go(model, super::Pane::Kb);
    fx.extend(open_reader(model, id, true));
    model.kb.jumped = true;
    fx
}

pub(super) fn navigate(model: &mut Model, nav: CommandId) -> Vec<Effect> {
    match (model.kb.focus, nav) {
        (KbFocus::Categories, CommandId::Open | CommandId::FocusRight) => {
            model.kb.focus = KbFocus::Articles;
            Vec::new()
        }
        (KbFocus::Categories, _) => {
            let before = model.kb.category_selected;
            model.kb.category_selected =
                select_index(before, nav, model.kb.categories.len() + 1, 10);
            if model.kb.category_selected == before {
                Vec::new()
            } else {
                model.kb.search = None;
                vec![reload_articles(model)]
            }
        }
        (KbFocus::Articles, CommandId::FocusLeft) => {
            model.kb.focus = KbFocus::Categories;
            Vec::new()
        }
        (KbFocus::Articles, CommandId::Back) if model.kb.search.is_some() => {
            apply_search(model, String::new())
        }
        (KbFocus::Articles, CommandId::Back) => super::nav::back(model).unwrap_or_default(),
        (KbFocus::Articles, CommandId::Open | CommandId::FocusRight) => {
            match model.kb.selected_id() {
                Some(id) => open_reader(model, id, true),
                None => Vec::new(),
            }
        }
        (KbFocus::Articles, _) => {
            let viewport = article_viewport(model);
            if let Some(s) = model.kb.search.as_mut() {
                // Each hit takes two lines (title, snippet).
                s.selected = select_index(s.selected, nav, s.hits.len(), viewport / 2);
                return Vec::new();
            }
            move_list(&mut model.kb.list, nav, viewport)
                .map(|req| article_page(model, req))
                .into_iter()
                .collect()
        }
        (KbFocus::Reader, CommandId::Back | CommandId::FocusLeft) => {
            if model.kb.show_history {
                model.kb.show_history = false;
            } else {
                model.kb.focus = KbFocus::Articles;
                if nav == CommandId::Back && std::mem::take(&mut model.kb.jumped) {
                    return super::nav::back(model).unwrap_or_default();
                }
            }
            Vec::new()
        }
        (KbFocus::Reader, _) => {
            let viewport = reader_viewport(model);
            let width = layout::inner(body(model)).width as usize;
            let total = if model.kb.show_history {
                model.kb.history.as_ref().map_or(0, Vec::len)
            } else {
                model.kb.article.as_ref().map_or(0, |a| {
                    super::markdown::line_count(a.body_md.as_str(), width)
                        + super::geometry::reader_meta(a, width, (model.utc_offset, model.locale))
                            .len()
                })
            };
            model.kb.scroll = scroll(
                model.kb.scroll,
                nav,
                viewport,
                total.saturating_sub(viewport),
            );
            Vec::new()
        }
    }
}

/// Marker of the line desk adds to a file it hands back because it could not be saved.
const NOT_SAVED: &str = "<!-- desk: not saved:";

fn new_template(model: &Model) -> String {
    let category = model
        .kb
        .category_selected
        .checked_sub(1)
        .and_then(|i| model.kb.categories.get(i))
        .map(|c| c.name.to_string());
    ArticleDoc {
        id: None,
        title: String::new(),
        category,
        tags: Vec::new(),
        status: ArticleStatus::Draft,
        body: tr(model.locale, "kb-new-body"),
    }
    .render()
}

pub(super) fn create(model: &mut Model) -> Vec<Effect> {
    model.kb.editing = None;
    vec![Effect::Edit {
        purpose: EditPurpose::NewArticle,
        template: new_template(model),
    }]
}

/// `e`: edits the article in the reader, or loads the selected one and edits it when it arrives.
pub(super) fn edit(model: &mut Model) -> Vec<Effect> {
    let Some(id) = model.kb.target_id() else {
        say(model, "kb-select-first", &[], false);
        return Vec::new();
    };
    match &model.kb.article {
        Some(a) if a.row.id == id => {
            let doc = a.to_doc();
            model.kb.editing = Some((id, a.version));
            vec![Effect::Edit {
                purpose: EditPurpose::ArticleEdit,
                template: doc.render(),
            }]
        }
        _ => {
            model.kb.edit_when_loaded = Some(id.clone());
            vec![Effect::load(KbRequest::Article {
                id,
                count_view: false,
            })]
        }
    }
}

pub(super) fn on_edited(model: &mut Model, purpose: EditPurpose, text: String) -> Vec<Effect> {
    let editing = model.kb.editing.clone();
    let kept: String = text
        .lines()
        .filter(|l| !l.starts_with(NOT_SAVED))
        .map(|l| format!("{l}\n"))
        .collect();
    if kept.trim().is_empty() || (purpose == EditPurpose::NewArticle && kept == new_template(model))
    {
        model.kb.editing = None;
        say(model, "kb-nothing-saved", &[], false);
        return Vec::new();
    }
    let mut doc = match ArticleDoc::parse(&kept) {
        Ok(d) => d,
        Err(e) => {
            // Hand the text back with the reason, so nothing typed is lost.
            say(
                model,
                "kb-not-saved",
                &[("error", e.to_string().into())],
                true,
            );
            let fix = tr(model.locale, "kb-form-fix");
            return vec![Effect::Edit {
                purpose,
                template: format!("{kept}{NOT_SAVED} {e}. {fix} -->\n"),
            }];
        }
    };
    model.kb.editing = None;
    let expected_version = match (purpose, editing) {
        (EditPurpose::ArticleEdit, Some((id, version))) => {
            // The id is the article's; a changed `id =` line must not retarget the save.
            doc.id = Some(id);
            Some(version)
        }
        _ => {
            doc.id = None;
            None
        }
    };
    vec![Effect::load(KbRequest::Save {
        doc: Box::new(doc),
        expected_version,
        at: model.now,
    })]
}

pub(super) fn status_picker(model: &mut Model) -> Vec<Effect> {
    if model.kb.target_id().is_none() {
        say(model, "kb-select-first", &[], false);
        return Vec::new();
    }
    let options = [
        ArticleStatus::Published,
        ArticleStatus::Draft,
        ArticleStatus::Archived,
    ]
    .into_iter()
    .map(|s| {
        let label = tr_of(model.locale, "kb-move-to-", s.as_str());
        (label, PickAction::ArticleStatus(s))
    })
    .collect();
    model.overlay = Some(Overlay::Picker {
        title: tr(model.locale, "kb-status-picker"),
        options,
        selected: 0,
        filter: Default::default(),
        targets: None,
    });
    Vec::new()
}

pub(super) fn set_status(model: &mut Model, status: ArticleStatus) -> Vec<Effect> {
    match model.kb.target_id() {
        Some(id) => vec![Effect::load(KbRequest::SetStatus {
            id,
            status,
            at: model.now,
        })],
        None => Vec::new(),
    }
}

/// `+` / `-` on the article in the reader, else the selected one.
pub(super) fn vote_target(model: &mut Model, helpful: bool) -> Vec<Effect> {
    let target = model.kb.target_id();
    vote(model, target, helpful)
}

pub(super) fn vote(model: &mut Model, id: Option<String>, helpful: bool) -> Vec<Effect> {
    let Some(id) = id else {
        say(model, "kb-select-first", &[], false);
        return Vec::new();
    };
    vec![Effect::load(KbRequest::Vote {
        id,
        helpful,
        at: model.now,
    })]
}

pub(super) fn toggle_history(model: &mut Model) -> Vec<Effect> {
    let Some(id) = model.kb.target_id() else {
        say(model, "kb-select-first", &[], false);
        return Vec::new();
    };
    if model.kb.focus != KbFocus::Reader {
        let mut fx = open_reader(model, id.clone(), true);
        model.kb.show_history = true;
        fx.push(Effect::load(KbRequest::History { id }));
        return fx;
    }
    model.kb.show_history = !model.kb.show_history;
    model.kb.scroll = 0;
    if model.kb.show_history {
        return vec![Effect::load(KbRequest::History { id })];
    }
    Vec::new()
}

/// Answers for the pane and for the article suggestions on a ticket.
pub(super) fn on_response(model: &mut Model, response: KbResponse) -> Vec<Effect> {
    match response {
        KbResponse::Page {
            generation,
            req,
            page,
        } => {
            let viewport = article_viewport(model);
            let next = model.kb.list.receive(generation, req, page, viewport);
            let mut fx: Vec<Effect> = next.map(|r| article_page(model, r)).into_iter().collect();
            if model.kb.list.take_count_wanted() {
                fx.push(Effect::load(KbRequest::Count {
                    generation: model.kb.list.generation,
                    filter: article_filter(model),
                }));
            }
            fx
        }
        KbResponse::Count { generation, count } => {
            model.kb.list.set_total(generation, count);
            Vec::new()
        }
        KbResponse::Categories(categories) => {
            model.kb.categories = categories;
            model.kb.category_selected = model.kb.category_selected.min(model.kb.categories.len());
            Vec::new()
        }
        KbResponse::Article { id, article } => {
            let editing = model.kb.edit_when_loaded.as_ref() == Some(&id);
            if editing
                || model.kb.selected_id().as_ref() == Some(&id)
                || model.kb.focus == KbFocus::Reader
            {
                model.kb.article = article;
            }
            if editing {
                model.kb.edit_when_loaded = None;
                return edit(model);
            }
            Vec::new()
        }
        KbResponse::Hits { query, hits } => {
            if let Some(s) = model.kb.search.as_mut().filter(|s| s.query == query) {
                s.hits = hits;
                s.loading = false;
                s.selected = s.selected.min(s.hits.len().saturating_sub(1));
            }
            Vec::new()
        }
        KbResponse::History { id, rows } => {
            if model.kb.target_id().as_ref() == Some(&id) {
                model.kb.history = Some(rows);
            }
            Vec::new()
        }
        KbResponse::Saved { id, result } => {
            let mut fx = vec![
                Effect::load(KbRequest::Categories),
                Effect::load(TicketRequest::Counts),
            ];
            match result {
                Err(e) => say(
                    model,
                    "kb-not-saved",
                    &[("error", e.said(model.locale).into())],
                    true,
                ),
                Ok(done) => {
                    let words = saved_words(model.locale, &done);
                    toast(model, words, false);
                    fx.push(reload_articles(model));
                    if let Some(s) = &model.kb.search {
                        fx.push(search_request(model, &s.query.clone()));
                    }
                }
            }
            if !id.is_empty() {
                // The author looking at their own save is not a reader's view.
                fx.extend(open_reader(model, id.clone(), false));
                if model.kb.show_history {
                    fx.push(Effect::load(KbRequest::History { id }));
                }
            }
            fx
        }
        KbResponse::Voted {
            id,
            helpful,
            result,
        } => {
            match result {
                Ok((up, down)) => {
                    if let Some(a) = model.kb.article.as_mut().filter(|a| a.row.id == id) {
                        (a.row.helpful_up, a.row.helpful_down) = (up, down);
                    }
                    let key = if helpful {
                        "kb-marked-helpful"
                    } else {
                        "kb-marked-not-helpful"
                    };
                    say(
                        model,
                        key,
                        &[("up", up.into()), ("down", down.into())],
                        false,
                    );
                }
                Err(e) => say(
                    model,
                    "kb-vote-failed",
                    &[("error", e.said(model.locale).into())],
                    true,
                ),
            }
            Vec::new()
        }
        KbResponse::Used(result) => {
            if let Err(e) = result {
                say(
                    model,
                    "kb-use-failed",
                    &[("error", e.said(model.locale).into())],
                    true,
                );
            }
            Vec::new()
        }
        KbResponse::Suggestions { number, rows } => {
            if model.ticket.number == Some(number) {
                model.ticket.suggestions = Some((number, rows));
            }
            Vec::new()
        }
    }
}

/// What a saved article's toast says.
fn saved_words(l: Locale, done: &ArticleOutcome) -> String {
    match done {
        ArticleOutcome::Created(status) => {
            let status = tr_of(l, "kb-status-", status.as_str());
            tr_args(l, "kb-created", &[("status", status.into())])
        }
        ArticleOutcome::Saved(changed) if changed.is_empty() => tr(l, "kb-no-changes-made"),
        ArticleOutcome::Saved(changed) => {
            let fields = changed.join(", ");
            tr_args(l, "kb-saved", &[("fields", fields.into())])
        }
        ArticleOutcome::Status(s) => tr_of(l, "kb-moved-to-", s.as_str()),
    }
}
