//! A replica on screen: the status bar's badge (hub reachable, last in step, what waits each way) and the list of
//! this agent's edits that lost at sync (`:conflicts`).

use super::overlay::{centered, clear_popup, key};
use super::theme::Theme;
use super::widgets::block;
use crate::app::Model;
use crate::app::commands::CommandId;
use crate::app::conflicts::{ConflictList, sentence};
use crate::domain::text::{fit, sanitize, width, wrap};
use crate::i18n::{tr, tr_args};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The badge for a status bar `cells` wide: the longest form that takes at most a quarter of it, with its style.
pub fn badge(model: &Model, cells: u16, theme: &Theme) -> Option<Span<'static>> {
    let most = usize::from(cells / 4);
    let text = model
        .sync
        .badges(model.now, model.locale)
        .into_iter()
        .find(|b| width(b) + 2 <= most)?;
    let style: Style = if model.sync.failed() {
        theme.error
    } else {
        theme.muted
    };
    Some(Span::styled(format!(" {text} "), style))
}

pub fn conflicts(
    frame: &mut Frame<'_>,
    body: Rect,
    model: &Model,
    c: &ConflictList,
    theme: &Theme,
) {
    let l = model.locale;
    let w = body.width.min(100);
    let inner = w.saturating_sub(4) as usize;
    let mut footer: Vec<Line> = vec![Line::raw("")];
    let accept = key(model, CommandId::ConflictsAccept);
    let reapply = key(model, CommandId::ConflictsReapply);
    let close = key(model, CommandId::ConflictsClose);
    let mut keys = tr_args(
        l,
        "sync-conflicts-hint",
        &[
            ("accept", accept.into()),
            ("reapply", reapply.into()),
            ("close", close.into()),
        ],
    );
    if c.settling.is_some() {
        keys.push_str(" · ");
        keys.push_str(&tr(l, "sync-settling"));
    }
    for l in wrap(&keys, inner) {
        footer.push(Line::styled(l, theme.muted));
    }
    // One entry per conflict (a sentence wraps); the window starts where the selected entry still shows.
    let mut items: Vec<Vec<Line>> = Vec::new();
    match &c.list {
        None => items.push(vec![Line::styled(tr(l, "sync-loading"), theme.muted)]),
        Some(list) if list.is_empty() => items.push(
            wrap(&tr(l, "sync-no-conflicts"), inner)
                .into_iter()
                .map(|l| Line::styled(l, theme.muted))
                .collect(),
        ),
        Some(list) => {
            for (i, x) in list.iter().enumerate() {
                let chosen = i == c.selected;
                let style = if chosen { theme.selection } else { theme.base };
                let mut text = sentence(model, x);
                if let Some(why) = x.reason.as_deref().filter(|r| !r.is_empty()) {
                    text.push_str(&format!(" ({})", sanitize(why)));
                }
                let marker = if chosen { "▶ " } else { "  " };
                items.push(
                    wrap(&text, inner.saturating_sub(2))
                        .into_iter()
                        .enumerate()
                        .map(|(n, l)| {
                            let lead = if n == 0 { marker } else { "  " };
                            Line::styled(fit(&format!("{lead}{l}"), inner), style)
                        })
                        .collect(),
                );
            }
        }
    }
    let room = usize::from(body.height.saturating_sub(2)).saturating_sub(footer.len());
    let selected = c.selected.min(items.len().saturating_sub(1));
    let mut start = 0;
    let rows = |from: usize| {
        items
            .get(from..=selected)
            .map_or(0, |w| w.iter().map(Vec::len).sum::<usize>())
    };
    while start < selected && rows(start) > room {
        start += 1;
    }
    let mut lines: Vec<Line> = Vec::new();
    for item in items.into_iter().skip(start) {
        if lines.len() + item.len() > room {
            break;
        }
        lines.extend(item);
    }
    lines.extend(footer);
    let h = (lines.len() as u16 + 2).clamp(6, body.height);
    let area = centered(body, w, h);
    clear_popup(frame, area);
    let n = c.list.as_ref().map_or(0, Vec::len);
    let title = tr_args(l, "sync-conflicts-title", &[("n", n.into())]);
    let b = block(title, true, theme);
    let text_area = b.inner(area);
    frame.render_widget(b, area);
    let padded = Rect {
        x: text_area.x + 1,
        width: text_area.width.saturating_sub(2),
        ..text_area
    };
    frame.render_widget(Paragraph::new(lines), padded);
}
