//! Lists and panes: what each shows (filters, pages, counts), refreshing them, and paging answers from the store.
//! Moving within them is `navigate`.

use super::layout;
use super::msg::{Effect, ListKind};
use super::paged::PAGE_SIZE;
use super::protocol::{CustomerRequest, KbRequest, Refusal, TicketRequest};
use super::update::toast;
use super::{CustomerFocus, Model, Pane};
use crate::domain::view::{PageRequest, TicketFilter};
use crate::i18n::{tr, tr_args};
use crate::store::Page;
use crate::store::customers::{CustomerDetail, CustomerRow};
use crate::store::tickets::{TicketDetail, TicketRow};

pub(super) fn body(model: &Model) -> ratatui::layout::Rect {
    layout::frame(model.width, model.height).body
}

pub(super) fn queue_viewport(model: &Model) -> usize {
    layout::table_rows(layout::queues(body(model)).1).height as usize
}

pub(super) fn customer_viewport(model: &Model) -> usize {
    layout::table_rows(layout::customers(body(model)).0).height as usize
}

pub(super) fn thread_viewport(model: &Model) -> usize {
    layout::inner(super::ticket_header::split(model, body(model)).1).height as usize
}

fn queue_filter(model: &Model) -> TicketFilter {
    model
        .queues
        .view()
        .filter(model.now, model.utc_offset.into())
        .refine(&model.queues.query, model.now, model.utc_offset.into())
}

pub(super) fn ticket_page(model: &Model, req: PageRequest) -> Effect {
    Effect::load(TicketRequest::Page {
        generation: model.queues.list.generation,
        filter: Box::new(queue_filter(model)),
        me: model.identity.agent_id.clone(),
        req,
        limit: PAGE_SIZE,
    })
}

/// How long the queue's filtered list is (the sidebar counts each view without the typed filter).
fn queue_count(model: &Model) -> Effect {
    Effect::load(TicketRequest::Count {
        generation: model.queues.list.generation,
        filter: Box::new(queue_filter(model)),
        me: model.identity.agent_id.clone(),
    })
}

fn customer_filter(model: &Model) -> crate::domain::customer_view::CustomerFilter {
    // The typed text was checked when it was applied.
    model
        .customers
        .view
        .filter(&model.customers.filter, model.now)
        .unwrap_or_default()
}

pub(super) fn customer_page(model: &Model, req: PageRequest) -> Effect {
    Effect::load(CustomerRequest::Page {
        generation: model.customers.list.generation,
        filter: Box::new(customer_filter(model)),
        req,
        limit: PAGE_SIZE,
    })
}

pub(super) fn customer_count(model: &Model) -> Effect {
    Effect::load(CustomerRequest::Count {
        generation: model.customers.list.generation,
        filter: Box::new(customer_filter(model)),
    })
}

pub(super) fn view_counts(model: &Model) -> Effect {
    Effect::load(TicketRequest::ViewCounts {
        filters: model
            .queues
            .views
            .iter()
            .map(|v| v.filter(model.now, model.utc_offset.into()))
            .collect(),
        me: model.identity.agent_id.clone(),
    })
}

pub(super) fn reload_queue(model: &mut Model) -> Effect {
    let req = model.queues.list.reset();
    ticket_page(model, req)
}

/// Reloads the queue without moving the agent off the ticket they are on (Ctrl-r, the SLA check, after a bulk
/// change): a window at the top takes the fresh first page and keeps the selected ticket by id on its screen line
/// (or its nearest neighbour, if it left the view); deeper down, the loaded rows are refreshed in place and not
/// re-sorted. An empty list simply loads.
pub(super) fn refresh_queue(model: &mut Model) -> Effect {
    let list = &model.queues.list;
    if list.rows.is_empty() {
        return reload_queue(model);
    }
    if list.at_top() && model.queues.anchor.is_none() {
        let req = model.queues.list.refresh_first();
        return ticket_page(model, req);
    }
    let numbers = list.rows.iter().map(|r| r.number).collect();
    Effect::load(TicketRequest::Rows { numbers })
}

pub(super) fn reload_customers(model: &mut Model) -> Effect {
    let req = model.customers.list.reset();
    // The profile on screen stays selected if the reloaded list has it.
    if let Some(d) = &model.customers.detail {
        model.customers.list.keep_selected(d.row.rid);
    }
    customer_page(model, req)
}

/// Reloads everything the current pane shows, and the counts.
/// [`refresh`] without its toast: something else already said what happened.
pub(super) fn refresh_quietly(model: &mut Model) -> Vec<Effect> {
    let said = model.toast.clone();
    let fx = refresh(model);
    model.toast = said;
    fx
}

pub(super) fn refresh(model: &mut Model) -> Vec<Effect> {
    let mut fx = vec![Effect::load(TicketRequest::Counts), view_counts(model)];
    match model.pane {
        Pane::Queues => fx.push(refresh_queue(model)),
        Pane::Ticket => {
            if let Some(number) = model.ticket.number {
                fx.push(Effect::load(TicketRequest::Detail {
                    number,
                    at: model.now,
                }));
                fx.push(super::suggestions::load(model, number));
            }
        }
        Pane::Customers => {
            fx.push(reload_customers(model));
            fx.extend(load_selected_customer(model));
        }
        Pane::Kb => {
            fx.push(Effect::load(KbRequest::Categories));
            fx.push(super::kb_actions::reload_articles(model));
        }
        Pane::Dashboard => fx.push(super::dashboard::load(model)),
    }
    let text = tr(model.locale, "chrome-reloaded");
    toast(model, text, false);
    fx
}

pub(super) fn select_view(model: &mut Model, step: isize) -> Vec<Effect> {
    let n = model.queues.views.len() as isize;
    if n == 0 {
        return Vec::new();
    }
    model.queues.selected_view =
        (model.queues.selected_view as isize + step).rem_euclid(n) as usize;
    vec![reload_queue(model)]
}

pub(super) fn apply_filter(model: &mut Model, text: String) -> Vec<Effect> {
    match model.pane {
        Pane::Queues => match crate::domain::query::names(&text) {
            // Agents and groups are the store's to know: the worker checks them before the filter applies.
            Ok(named) if !named.is_empty() => {
                model.queues.checking_filter = Some(text.clone());
                vec![Effect::load(TicketRequest::CheckFilter { text })]
            }
            Ok(_) => {
                model.queues.checking_filter = None;
                use_queue_filter(model, text)
            }
            Err(e) => {
                model.queues.checking_filter = None;
                refuse_filter(model, text, e)
            }
        },
        Pane::Customers => match model.customers.view.filter(&text, model.now) {
            Ok(_) => {
                model.customers.filter = text;
                model.customers.focus = CustomerFocus::List;
                vec![reload_customers(model)]
            }
            Err(e) => {
                let said = filter_error(model, &e);
                toast(model, said, true);
                model.overlay = Some(super::Overlay::prompt(
                    super::PromptKind::Filter,
                    &text,
                    None,
                ));
                Vec::new()
            }
        },
        Pane::Kb => super::kb_actions::apply_search(model, text),
        Pane::Ticket | Pane::Dashboard => Vec::new(),
    }
}

/// The worker checked the names in a queue filter: it applies, or is refused as a typo would be.
pub(super) fn on_filter_checked(
    model: &mut Model,
    text: String,
    error: Option<crate::domain::query::ParseError>,
) -> Vec<Effect> {
    // A filter typed since (or Esc) replaced this one.
    if model.queues.checking_filter.as_ref() != Some(&text) {
        return Vec::new();
    }
    model.queues.checking_filter = None;
    match error {
        None => use_queue_filter(model, text),
        Some(e) => refuse_filter(model, text, e),
    }
}

fn use_queue_filter(model: &mut Model, text: String) -> Vec<Effect> {
    // Checked already: names() parses first.
    model.queues.query = crate::domain::query::parse(&text).unwrap_or_default();
    model.queues.filter = text;
    vec![reload_queue(model)]
}

/// Keeps the prompt open with the text, so the user can fix what the message points at.
fn refuse_filter(
    model: &mut Model,
    text: String,
    e: crate::domain::query::ParseError,
) -> Vec<Effect> {
    let said = filter_error(model, &e);
    toast(model, said, true);
    model.overlay = Some(super::Overlay::prompt(
        super::PromptKind::Filter,
        &text,
        None,
    ));
    Vec::new()
}

pub(super) fn open_ticket(model: &mut Model, number: i64) -> Vec<Effect> {
    if model.ticket.number != Some(number) {
        model.ticket.detail = None;
        model.ticket.scroll = 0;
        model.ticket.history = None;
        model.ticket.show_history = false;
    }
    model.ticket.number = Some(number);
    model.ticket.loading = true;
    model.ticket.follow_merge = false;
    let mut fx = super::nav::go(model, Pane::Ticket);
    fx.push(Effect::load(TicketRequest::Detail {
        number,
        at: model.now,
    }));
    fx.push(super::suggestions::load(model, number));
    fx
}

/// Goes to ticket `number` typed by the agent (`#`, the palette): a merged one shows the ticket it went into.
pub(super) fn go_to_ticket(model: &mut Model, number: i64) -> Vec<Effect> {
    let fx = open_ticket(model, number);
    model.ticket.follow_merge = true;
    fx
}

/// The profile follows the list's selection: another customer's profile gives way (to "Loading…") while the
/// selected one's is fetched.
pub(super) fn load_selected_customer(model: &mut Model) -> Option<Effect> {
    let row = model.customers.list.selected_row()?;
    if model
        .customers
        .detail
        .as_ref()
        .is_some_and(|d| d.row.id == row.id)
    {
        return None;
    }
    let id = row.id.clone();
    model.customers.detail = None;
    Some(Effect::load(CustomerRequest::Detail { id }))
}

/// A page of the queue arrived; the next one may be wanted to fill the viewport.
pub(super) fn on_ticket_page(
    model: &mut Model,
    generation: u64,
    req: PageRequest,
    page: Page<TicketRow>,
) -> Vec<Effect> {
    let viewport = queue_viewport(model);
    let next = model.queues.list.receive(generation, req, page, viewport);
    let mut fx: Vec<Effect> = next.map(|r| ticket_page(model, r)).into_iter().collect();
    // Without a typed filter the sidebar's count of the view is the list's length.
    if model.queues.list.take_count_wanted() && !model.queues.filter.is_empty() {
        fx.push(queue_count(model));
    }
    fx
}

pub(super) fn on_customer_page(
    model: &mut Model,
    generation: u64,
    req: PageRequest,
    page: Page<CustomerRow>,
) -> Vec<Effect> {
    let viewport = customer_viewport(model);
    let next = model
        .customers
        .list
        .receive(generation, req, page, viewport);
    let mut fx: Vec<Effect> = next.map(|r| customer_page(model, r)).into_iter().collect();
    if model.customers.list.take_count_wanted() {
        fx.push(customer_count(model));
    }
    fx.extend(super::customer_actions::follow_profile(model));
    fx
}

/// The open ticket arrived (or is gone). A merged ticket the agent asked for by number gives way to the ticket it
/// was merged into.
pub(super) fn on_ticket(
    model: &mut Model,
    number: i64,
    detail: Option<Box<TicketDetail>>,
) -> Vec<Effect> {
    if model.ticket.number != Some(number) {
        return Vec::new();
    }
    model.ticket.loading = false;
    if let Some(target) = detail
        .as_ref()
        .filter(|_| model.ticket.follow_merge)
        .and_then(|d| d.merged_into)
    {
        let args = [
            ("number", number.to_string().into()),
            ("target", target.to_string().into()),
        ];
        let text = tr_args(model.locale, "chrome-merged-into", &args);
        toast(model, text, false);
        return go_to_ticket(model, target);
    }
    if let Some(now) = detail
        .as_ref()
        .map(|d| d.row.number)
        .filter(|n| *n != number)
    {
        let was = crate::domain::ticket::shown_number(number);
        let args = [("was", was.into()), ("now", now.to_string().into())];
        let text = tr_args(model.locale, "chrome-renumbered", &args);
        toast(model, text, false);
        return go_to_ticket(model, now);
    }
    if detail.is_none() {
        let shown = crate::domain::ticket::shown_number(number);
        let text = tr_args(
            model.locale,
            "chrome-no-ticket",
            &[("number", shown.into())],
        );
        toast(model, text, true);
    }
    if let Some(d) = &detail {
        // The queue shows the same ticket: keep its row in step (keeping the row's sort key, which the keyset
        // cursor of the loaded window depends on).
        if let Some(row) = model
            .queues
            .list
            .rows
            .iter_mut()
            .find(|r| r.number == d.row.number)
        {
            let sort_key = row.sort_key;
            *row = d.row.clone();
            row.sort_key = sort_key;
        }
    }
    model.ticket.detail = detail;
    Vec::new()
}

/// A customer profile arrived: shown if it is still the one wanted, and the list's selection follows it.
pub(super) fn on_customer(
    model: &mut Model,
    id: String,
    detail: Option<Box<CustomerDetail>>,
) -> Vec<Effect> {
    let wanted = match model.customers.focus {
        CustomerFocus::Profile => true,
        CustomerFocus::List => model
            .customers
            .list
            .selected_row()
            .is_some_and(|r| r.id == id),
    };
    if !wanted {
        return Vec::new();
    }
    model.customers.detail = detail;
    super::customer_actions::follow_profile(model)
}

/// A request failed as a whole: unblock the list it was filling and say why.
pub(super) fn on_failed(
    model: &mut Model,
    list: Option<(ListKind, u64)>,
    error: Refusal,
) -> Vec<Effect> {
    match list {
        Some((ListKind::Queue, generation)) => model.queues.list.fail(generation),
        Some((ListKind::Customers, generation)) => model.customers.list.fail(generation),
        Some((ListKind::Articles, generation)) => model.kb.list.fail(generation),
        Some((ListKind::Plans, generation)) => super::plans::page_failed(model, generation),
        None => {}
    }
    model.ticket.loading = false;
    let said = error.said(model.locale);
    toast(model, said, true);
    Vec::new()
}

/// A filter the view language refuses, in the interface's language.
fn filter_error(model: &Model, e: &crate::domain::query::ParseError) -> String {
    let error = crate::i18n::query_words::parse_error(model.locale, e);
    tr_args(
        model.locale,
        "chrome-filter-error",
        &[("error", error.into())],
    )
}
