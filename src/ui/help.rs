//! The help overlay (lines from `app::help`, so render and scrolling agree) and the `:messages` log.

use super::overlay::{centered, clear_popup, key};
use super::theme::Theme;
use super::widgets::{block, text_input};
use crate::app::Model;
use crate::app::commands::CommandId;
use crate::app::help::{HelpLine, HelpState, lines, viewport};
use crate::domain::text::{fit, local_date};
use crate::i18n::{tr, tr_args};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The popup: the whole body on a narrow terminal (so nothing shows through at the edges), else 90 wide.
fn popup(body: Rect) -> Rect {
    let w = if body.width < 96 { body.width } else { 90 };
    centered(body, w, body.height)
}

pub(super) fn help(frame: &mut Frame<'_>, body: Rect, model: &Model, s: &HelpState, theme: &Theme) {
    let area = popup(body);
    let inner_w = area.width.saturating_sub(2) as usize;
    let key_w = 16;
    let name_w = if inner_w >= 70 { 20 } else { 0 };
    let desc_w = inner_w.saturating_sub(key_w + name_w);
    let locale = model.locale;
    let all = lines(&model.keymap, locale, s.from, s.search.value());
    let total = all.len();
    let room = viewport(model, s);
    let mut shown = Vec::new();
    if s.shows_search() {
        let mut first = vec![Span::styled(" / ", theme.hint_key)];
        if s.typing {
            first.extend(text_input(
                &s.search,
                inner_w.saturating_sub(3),
                theme.base,
                theme.hint_key,
            ));
        } else {
            first.push(Span::styled(
                fit(s.search.value(), inner_w.saturating_sub(3)),
                theme.highlight,
            ));
        }
        shown.push(Line::from(first));
    }
    for line in all.into_iter().skip(s.scroll).take(room) {
        shown.push(match line {
            HelpLine::Heading(ctx) => Line::styled(fit(&ctx.title(locale), inner_w), theme.heading),
            HelpLine::Row(row) => {
                let mut spans = vec![
                    Span::styled(fit(&format!("  {}", row.keys), key_w - 1), theme.hint_key),
                    Span::raw(" "),
                    // A column between a cut description and the name.
                    Span::raw(fit(&row.description, desc_w.saturating_sub(1))),
                    Span::raw(" "),
                ];
                if name_w > 0 {
                    spans.push(Span::styled(fit(row.name, name_w), theme.muted));
                }
                Line::from(spans)
            }
            HelpLine::Note(note) => Line::styled(fit(&format!("  {note}"), inner_w), theme.muted),
            HelpLine::Blank => Line::raw(""),
            HelpLine::NoMatch(q) => Line::styled(
                fit(
                    &format!(
                        "  {}",
                        tr_args(locale, "help-no-match", &[("query", q.into())])
                    ),
                    inner_w,
                ),
                theme.muted,
            ),
        });
    }
    // Where the window is, as lists show it: which lines of how many.
    let position = if total > room {
        format!(
            " [{}–{}/{total}]",
            s.scroll + 1,
            (s.scroll + room).min(total)
        )
    } else {
        String::new()
    };
    let words = tr_args(
        locale,
        "help-title",
        &[
            ("search", key(model, CommandId::HelpSearch).into()),
            ("close", key(model, CommandId::HelpClose).into()),
            ("down", key(model, CommandId::HelpDown).into()),
            ("up", key(model, CommandId::HelpUp).into()),
        ],
    );
    let title = format!("{words}{position}");
    clear_popup(frame, area);
    frame.render_widget(Paragraph::new(shown).block(block(title, true, theme)), area);
}

pub(super) fn messages(
    frame: &mut Frame<'_>,
    body: Rect,
    model: &Model,
    scroll: usize,
    theme: &Theme,
) {
    let area = popup(body);
    let inner_w = area.width.saturating_sub(2) as usize;
    let room = crate::app::messages::viewport(model);
    let total = model.messages.len();
    let mut shown: Vec<Line> = model
        .messages
        .iter()
        .skip(scroll)
        .take(room)
        .map(|m| {
            let time = local_date(m.at, model.utc_offset, "%H:%M:%S");
            let style = if m.error { theme.error } else { theme.base };
            Line::from(vec![
                Span::styled(format!(" {time}  "), theme.muted),
                Span::styled(fit(&m.text, inner_w.saturating_sub(11)), style),
            ])
        })
        .collect();
    if shown.is_empty() {
        shown.push(Line::styled(
            format!(" {}", tr(model.locale, "help-messages-empty")),
            theme.muted,
        ));
    }
    let position = if total > room {
        format!(" [{}–{}/{total}]", scroll + 1, (scroll + room).min(total))
    } else {
        String::new()
    };
    let words = tr_args(
        model.locale,
        "help-messages-title",
        &[("close", key(model, CommandId::MessagesClose).into())],
    );
    let title = format!("{words}{position}");
    clear_popup(frame, area);
    frame.render_widget(Paragraph::new(shown).block(block(title, true, theme)), area);
}
