//! Pure rendering: `render(frame, &Model, &Theme)`. Reads the Model only; never queries.

pub mod customers;
mod dashboard;
mod dashboard_agents;
mod dashboard_field;
mod dashboard_times;
mod dashboard_topics;
mod help;
pub mod kb;
mod loop_form;
pub mod markdown;
mod new_ticket;
mod overlay;
mod plans;
mod qa;
mod queues;
mod review;
mod schedule;
mod schedule_lanes;
mod search;
mod service;
mod sync;
mod team;
pub mod theme;
pub mod ticket;
mod widgets;

use crate::app::commands::{COMMANDS, CommandId, command};
use crate::app::{Model, Pane, layout};
use crate::domain::text::{truncate, width};
use crate::i18n::{tr, tr_args, tr_of};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
pub use theme::Theme;

pub fn render(frame: &mut Frame<'_>, model: &Model, theme: &Theme) {
    let area = frame.area();
    if layout::too_small(area.width, area.height) {
        too_small(frame, area, model.locale, theme);
        return;
    }
    let f = layout::frame(area.width, area.height);
    tabs(frame, f.tabs, model, theme);
    match model.pane {
        Pane::Queues => queues::render(frame, f.body, model, theme),
        Pane::Ticket => ticket::render(frame, f.body, model, theme),
        Pane::Customers => customers::render(frame, f.body, model, theme),
        Pane::Kb => kb::render(frame, f.body, model, theme),
        Pane::Dashboard => dashboard::render(frame, f.body, model, theme),
    }
    status_bar(frame, f.status, model, theme);
    if let Some(o) = &model.overlay {
        overlay::render(frame, f.body, model, o, theme);
    }
}

/// Below the minimum size the panes would be squashed into nonsense: say how much room is needed instead.
fn too_small(frame: &mut Frame<'_>, area: Rect, l: crate::i18n::Locale, theme: &Theme) {
    let ask = tr_args(
        l,
        "chrome-too-small",
        &[
            ("width", layout::MIN_WIDTH.to_string().into()),
            ("height", layout::MIN_HEIGHT.to_string().into()),
        ],
    );
    let now = tr_args(
        l,
        "chrome-too-small-now",
        &[
            ("width", area.width.to_string().into()),
            ("height", area.height.to_string().into()),
        ],
    );
    let lines = vec![
        Line::styled(ask, theme.title),
        Line::styled(now, theme.muted),
    ];
    let top = area.height.saturating_sub(2) / 2;
    let at = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(ratatui::widgets::Wrap { trim: true }),
        at,
    );
}

fn tabs(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let mut spans = vec![Span::styled(layout::BRAND, theme.title)];
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let style = if *pane == model.pane {
            theme.tab_active
        } else {
            theme.tab_inactive
        };
        spans.push(Span::styled(
            layout::tab_label(i, *pane, area.width, model.locale),
            style,
        ));
    }
    let l = model.locale;
    let who = match model.identity.handle.as_deref() {
        Some(h) => h.to_string(),
        None => tr(l, "chrome-no-agent"),
    };
    // Only shared mode is named: local is the default and unremarkable.
    let right = match model.storage {
        crate::store::StorageMode::Shared => {
            format!("{who} · {} · {} ", model.db_label, tr(l, "chrome-shared"))
        }
        crate::store::StorageMode::Local => format!("{who} · {} ", model.db_label),
    };
    // The escalation badge: count and key, so it reads without colour; only the count where the words do not fit.
    let fits = |spans: &[Span], extra: &str| {
        spans.iter().map(|s| width(&s.content)).sum::<usize>() + width(extra) <= area.width as usize
    };
    let n = model.escalations.feed.len();
    if n > 0 {
        let badge = format!(" {} ", tr_args(l, "chrome-escalated", &[("n", n.into())]));
        let badge = if fits(&spans, &badge) {
            badge
        } else {
            format!(" !{n} ")
        };
        spans.push(Span::styled(badge, theme.error));
    }
    // Tickets others created since the agent last looked at the queues.
    let new = model.live.new_tickets;
    if new > 0 {
        let badge = format!(
            " {} ",
            tr_args(l, "chrome-new-tickets", &[("n", new.into())])
        );
        let badge = if fits(&spans, &badge) {
            badge
        } else {
            format!(" +{new} ")
        };
        spans.push(Span::styled(badge, theme.ok));
    }
    // Mail fetched and sent in the background: said while a round runs, and when the last one failed (its
    // errors are in :messages).
    if model.mail.busy {
        spans.push(Span::styled(
            format!(" {} ", tr(l, "chrome-mail-busy")),
            theme.muted,
        ));
    } else if model.mail.failed.is_some() {
        let short = tr(l, "chrome-mail-failed-short");
        let badge = [
            format!(" {} ", tr(l, "chrome-mail-failed")),
            format!(" {short} "),
        ]
        .into_iter()
        .find(|b| fits(&spans, b))
        .unwrap_or(short);
        spans.push(Span::styled(badge, theme.error));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let room = (area.width as usize).saturating_sub(used + 1);
    if room > 4 {
        let right = truncate(&right, room);
        spans.push(Span::raw(" ".repeat(room + 1 - width(&right))));
        spans.push(Span::styled(right, theme.muted));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// `away (ga)` or `off (ga)` while the signed-in agent is not on duty.
fn availability_badge(model: &Model, theme: &Theme) -> Option<Span<'static>> {
    let a = model.my_availability()?;
    if a == crate::domain::dispatch::Availability::OnDuty {
        return None;
    }
    // The key that switches it back, as bound.
    let key = model
        .keymap
        .keys_in(model.context(), CommandId::Availability)
        .into_iter()
        .next()
        .map(|k| format!(" ({k})"))
        .unwrap_or_default();
    let state = tr_of(model.locale, "team-availability-", a.as_str());
    Some(Span::styled(format!(" {state}{key} "), theme.error))
}

/// Hint bar: the hints of the active context's commands with their first key, or a toast.
fn status_bar(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    // Said at once, so a screen that does not answer for a moment is not taken for a frozen one.
    if model.store_waiting {
        let text = format!(" {}", tr(model.locale, "chrome-store-waiting"));
        let text = truncate(&text, area.width as usize);
        frame.render_widget(Paragraph::new(Line::styled(text, theme.muted)), area);
        return;
    }
    if let Some(t) = &model.toast {
        let style = if t.error { theme.error } else { theme.ok };
        let text = truncate(&format!(" {}", t.text), area.width as usize);
        frame.render_widget(Paragraph::new(Line::styled(text, style)), area);
        return;
    }
    let mut spans = Vec::new();
    let mut used = 0usize;
    // A replica's standing with its hub, or that the agent is away or off (automatic assignment passes them by),
    // at the right end; the hints take what is left.
    let badge = availability_badge(model, theme).or_else(|| sync::badge(model, area.width, theme));
    let badge_w = badge.as_ref().map_or(0, |b| width(&b.content));
    let ctx = model.context();
    // This context's commands first: they are what is new to the user here. Then the ones it falls back to
    // (global keys on a pane), each group by rank.
    let mut hinted: Vec<_> = COMMANDS
        .iter()
        .filter_map(|c| {
            let group = std::iter::once(ctx)
                .chain(ctx.parents().iter().copied())
                .position(|x| x == c.context)?;
            Some((group, c.hint?.rank, c))
        })
        .collect();
    hinted.sort_by_key(|(group, rank, _)| (*group, *rank));
    // Help is always shown where it works, so whatever does not fit is one key away.
    let help = model
        .keymap
        .keys_in(ctx, CommandId::Help)
        .into_iter()
        .next()
        .map(|k| {
            let word = command(CommandId::Help)
                .hint_label(model.locale)
                .unwrap_or_default();
            (width(&k) + width(&word) + 3, k, word)
        });
    let room = (area.width as usize)
        .saturating_sub(help.as_ref().map_or(0, |(w, _, _)| *w))
        .saturating_sub(badge_w);
    let hint_span = |spans: &mut Vec<Span<'static>>, key: String, hint: &str| {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(key, theme.hint_key));
        spans.push(Span::styled(format!(" {hint} "), theme.status_bar));
    };
    for (_, _, c) in hinted
        .into_iter()
        .filter(|(_, _, c)| c.id != CommandId::Help)
    {
        let (Some(key), Some(hint)) = (
            model.keymap.keys_in(ctx, c.id).into_iter().next(),
            c.hint_label(model.locale),
        ) else {
            continue;
        };
        let w = width(&key) + width(&hint) + 3;
        if used + w > room {
            break;
        }
        hint_span(&mut spans, key, &hint);
        used += w;
    }
    if let Some((_, key, word)) = help {
        hint_span(&mut spans, key, &word);
    }
    if let Some(b) = badge {
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let gap = (area.width as usize).saturating_sub(used + badge_w);
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(b);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
