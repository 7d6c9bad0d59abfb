//! The mouse: clicks select and focus (a click on the selected row opens it), the wheel scrolls what is under the
//! pointer, the tab bar switches panes. Hit-testing uses the same layout functions render draws with.

use super::commands::CommandId;
use super::commands::run;
use super::kb_actions::{article_page, reload_articles};
use super::layout;
use super::msg::{Effect, Mouse, MouseKind};
use super::navigate::navigate;
use super::update::switch;
use super::update_lists::{body, customer_page, load_selected_customer, reload_queue, ticket_page};
use super::{CustomerFocus, KbFocus, Model, Pane, QueueFocus};

pub(super) fn on_mouse(model: &mut Model, m: Mouse) -> Vec<Effect> {
    // Nothing is drawn to click on while the terminal is too small.
    if layout::too_small(model.width, model.height) {
        return Vec::new();
    }
    let frame = layout::frame(model.width, model.height);
    if m.kind == MouseKind::Click && m.row == frame.tabs.y {
        return match layout::tab_at(m.column, model.width, model.locale) {
            Some(pane) => switch(model, pane),
            None => Vec::new(),
        };
    }
    if model.overlay.is_some() {
        return Vec::new();
    }
    let (x, y) = (m.column, m.row);
    match m.kind {
        MouseKind::ScrollDown | MouseKind::ScrollUp => {
            focus_under(model, x, y);
            let nav = if m.kind == MouseKind::ScrollDown {
                CommandId::Down
            } else {
                CommandId::Up
            };
            (0..3).flat_map(|_| navigate(model, nav)).collect()
        }
        MouseKind::Click => click(model, x, y),
    }
}

/// Moves keyboard focus to the column under the pointer.
fn focus_under(model: &mut Model, x: u16, y: u16) {
    let b = body(model);
    match model.pane {
        Pane::Queues => {
            let (side, _) = layout::queues(b);
            model.queues.focus = if layout::contains(side, x, y) {
                QueueFocus::Views
            } else {
                QueueFocus::List
            };
        }
        Pane::Customers => {
            let (list, _) = layout::customers(b);
            model.customers.focus = if layout::contains(list, x, y) {
                CustomerFocus::List
            } else {
                CustomerFocus::Profile
            };
        }
        Pane::Kb if model.kb.focus != KbFocus::Reader => {
            let (cats, _) = layout::kb(b);
            model.kb.focus = if layout::contains(cats, x, y) {
                KbFocus::Categories
            } else {
                KbFocus::Articles
            };
        }
        _ => {}
    }
}

/// A click selects; a click on the row already selected opens it.
fn click(model: &mut Model, x: u16, y: u16) -> Vec<Effect> {
    let b = body(model);
    focus_under(model, x, y);
    match model.pane {
        Pane::Queues => {
            let (side, list) = layout::queues(b);
            if layout::contains(layout::inner(side), x, y) {
                let i = (y - layout::inner(side).y) as usize;
                if i < model.queues.views.len() && i != model.queues.selected_view {
                    model.queues.selected_view = i;
                    return vec![reload_queue(model)];
                }
                return Vec::new();
            }
            let rows = layout::table_rows(list);
            if !layout::contains(rows, x, y) {
                return Vec::new();
            }
            let before = model.queues.list.selected;
            let viewport = rows.height as usize;
            match model.queues.list.click((y - rows.y) as usize, viewport) {
                Some(_) if model.queues.list.selected == before => run(model, CommandId::Open),
                Some(req) => req.map(|r| ticket_page(model, r)).into_iter().collect(),
                None => Vec::new(),
            }
        }
        Pane::Customers => {
            let (list, _) = layout::customers(b);
            let rows = layout::table_rows(list);
            if !layout::contains(rows, x, y) {
                return Vec::new();
            }
            let viewport = rows.height as usize;
            let mut fx: Vec<Effect> =
                match model.customers.list.click((y - rows.y) as usize, viewport) {
                    Some(req) => req.map(|r| customer_page(model, r)).into_iter().collect(),
                    None => Vec::new(),
                };
            fx.extend(load_selected_customer(model));
            fx
        }
        Pane::Kb if model.kb.focus != KbFocus::Reader => {
            let (cats, list) = layout::kb(b);
            if layout::contains(layout::inner(cats), x, y) {
                let i = (y - layout::inner(cats).y) as usize;
                if i <= model.kb.categories.len() && i != model.kb.category_selected {
                    model.kb.category_selected = i;
                    return vec![reload_articles(model)];
                }
                return Vec::new();
            }
            let rows = layout::table_rows(list);
            if !layout::contains(rows, x, y) {
                return Vec::new();
            }
            let before = model.kb.list.selected;
            let viewport = rows.height as usize;
            match model.kb.list.click((y - rows.y) as usize, viewport) {
                Some(_) if model.kb.list.selected == before => run(model, CommandId::Open),
                Some(req) => req.map(|r| article_page(model, r)).into_iter().collect(),
                None => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}
