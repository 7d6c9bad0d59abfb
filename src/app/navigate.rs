//! Moving within lists and panes: the movement keys applied to a paged list, a scroll offset or a selection,
//! and what each pane does with them (Open, Back, focus left and right).

use super::commands::CommandId;
use super::layout;
use super::msg::Effect;
use super::paged::{Keyed, PagedList};
use super::update::{switch, toast};
use super::update_lists::{
    apply_filter, body, customer_page, customer_viewport, load_selected_customer, open_ticket,
    queue_viewport, select_view, thread_viewport, ticket_page,
};
use super::{CustomerFocus, Model, Pane, QueueFocus};
use crate::domain::view::PageRequest;

/// Applies a movement to a paged list and turns its page need into a load.
pub(super) fn move_list<T: Keyed + Clone>(
    list: &mut PagedList<T>,
    nav: CommandId,
    viewport: usize,
) -> Option<PageRequest> {
    let half = (viewport / 2).max(1) as isize;
    match nav {
        CommandId::Down => list.move_by(1, viewport),
        CommandId::Up => list.move_by(-1, viewport),
        CommandId::HalfDown => list.move_by(half, viewport),
        CommandId::HalfUp => list.move_by(-half, viewport),
        CommandId::PageDown => list.move_by(viewport.max(1) as isize, viewport),
        CommandId::PageUp => list.move_by(-(viewport.max(1) as isize), viewport),
        CommandId::Top => list.top(viewport),
        CommandId::Bottom => list.bottom(viewport),
        _ => None,
    }
}

/// A scroll offset after a movement, clamped to `max`.
pub(super) fn scroll(current: usize, nav: CommandId, viewport: usize, max: usize) -> usize {
    let half = (viewport / 2).max(1);
    let next = match nav {
        CommandId::Down => current + 1,
        CommandId::Up => current.saturating_sub(1),
        CommandId::HalfDown => current + half,
        CommandId::HalfUp => current.saturating_sub(half),
        CommandId::PageDown => current + viewport.max(1),
        CommandId::PageUp => current.saturating_sub(viewport.max(1)),
        CommandId::Top => 0,
        CommandId::Bottom => max,
        _ => current,
    };
    next.min(max)
}

pub(super) fn select_index(current: usize, nav: CommandId, len: usize, viewport: usize) -> usize {
    scroll(current, nav, viewport, len.saturating_sub(1))
}

pub(super) fn navigate(model: &mut Model, nav: CommandId) -> Vec<Effect> {
    match model.pane {
        Pane::Queues => navigate_queues(model, nav),
        Pane::Ticket => navigate_ticket(model, nav),
        Pane::Customers => navigate_customers(model, nav),
        Pane::Kb => super::kb_actions::navigate(model, nav),
        Pane::Dashboard => super::dashboard::navigate(model, nav),
    }
}

fn navigate_queues(model: &mut Model, nav: CommandId) -> Vec<Effect> {
    if let Some(fx) = super::search_pane::navigate(model, nav) {
        return fx;
    }
    match (model.queues.focus, nav) {
        (QueueFocus::Views, CommandId::Down) => select_view(model, 1),
        (QueueFocus::Views, CommandId::Up) => select_view(model, -1),
        (QueueFocus::Views, CommandId::Open | CommandId::FocusRight) => {
            model.queues.focus = QueueFocus::List;
            Vec::new()
        }
        (QueueFocus::List, CommandId::FocusLeft) => {
            model.queues.focus = QueueFocus::Views;
            Vec::new()
        }
        (QueueFocus::List, CommandId::Open) => match model.queues.list.selected_row() {
            Some(row) => {
                let number = row.number;
                open_ticket(model, number)
            }
            None => Vec::new(),
        },
        (_, CommandId::Back)
            if !model.queues.marked.is_empty() || model.queues.anchor.is_some() =>
        {
            model.queues.marked.clear();
            model.queues.anchor = None;
            toast(
                model,
                crate::i18n::tr(model.locale, "queues-marks-cleared"),
                false,
            );
            Vec::new()
        }
        (_, CommandId::Back) if !model.queues.filter.is_empty() => {
            apply_filter(model, String::new())
        }
        (_, CommandId::Back) => super::nav::back(model).unwrap_or_default(),
        (QueueFocus::List, _) => {
            let viewport = queue_viewport(model);
            move_list(&mut model.queues.list, nav, viewport)
                .map(|req| ticket_page(model, req))
                .into_iter()
                .collect()
        }
        _ => Vec::new(),
    }
}

fn navigate_ticket(model: &mut Model, nav: CommandId) -> Vec<Effect> {
    if nav == CommandId::Back {
        return super::nav::back(model).unwrap_or_else(|| switch(model, Pane::Queues));
    }
    let Some(detail) = &model.ticket.detail else {
        return Vec::new();
    };
    let viewport = thread_viewport(model);
    let width = layout::inner(super::ticket_header::split(model, body(model)).1).width as usize;
    let total = if model.ticket.show_history {
        super::geometry::history_line_count(model)
    } else {
        super::geometry::thread_line_count(detail, width, model.ticket.show_quoted)
    };
    model.ticket.scroll = scroll(
        model.ticket.scroll,
        nav,
        viewport,
        total.saturating_sub(viewport),
    );
    Vec::new()
}

fn navigate_customers(model: &mut Model, nav: CommandId) -> Vec<Effect> {
    match (model.customers.focus, nav) {
        (CustomerFocus::List, CommandId::Open | CommandId::FocusRight) => {
            if model.customers.list.selected_row().is_some() {
                model.customers.focus = CustomerFocus::Profile;
                model.customers.timeline_selected = 0;
            }
            load_selected_customer(model).into_iter().collect()
        }
        (CustomerFocus::List, CommandId::Back) if !model.customers.filter.is_empty() => {
            apply_filter(model, String::new())
        }
        (CustomerFocus::List, CommandId::Back) => super::nav::back(model).unwrap_or_default(),
        (CustomerFocus::List, _) => {
            let viewport = customer_viewport(model);
            let mut fx: Vec<Effect> = move_list(&mut model.customers.list, nav, viewport)
                .map(|req| customer_page(model, req))
                .into_iter()
                .collect();
            fx.extend(load_selected_customer(model));
            fx
        }
        (CustomerFocus::Profile, CommandId::Back) if model.customers.jumped => {
            model.customers.jumped = false;
            model.customers.focus = CustomerFocus::List;
            super::nav::back(model).unwrap_or_default()
        }
        (CustomerFocus::Profile, CommandId::Back | CommandId::FocusLeft) => {
            model.customers.focus = CustomerFocus::List;
            Vec::new()
        }
        (CustomerFocus::Profile, CommandId::Open) => {
            let number = model
                .customers
                .detail
                .as_ref()
                .and_then(|d| d.timeline.get(model.customers.timeline_selected))
                .and_then(|e| e.ticket);
            number.map(|n| open_ticket(model, n)).unwrap_or_default()
        }
        (CustomerFocus::Profile, _) => {
            let len = model
                .customers
                .detail
                .as_ref()
                .map_or(0, |d| d.timeline.len());
            model.customers.timeline_selected =
                select_index(model.customers.timeline_selected, nav, len, 10);
            Vec::new()
        }
    }
}

pub(super) fn fit_viewports(model: &mut Model) {
    let (q, c, a) = (
        queue_viewport(model),
        customer_viewport(model),
        super::kb_actions::article_viewport(model),
    );
    model.queues.list.scroll_into_view(q);
    model.customers.list.scroll_into_view(c);
    model.kb.list.scroll_into_view(a);
}
