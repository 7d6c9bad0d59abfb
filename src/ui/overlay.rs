//! Overlays drawn over the body: help (generated from the command registry), the palette, the filter prompt.

use super::theme::Theme;
use super::widgets::{block, text_input};
use crate::app::PromptKind;
use crate::app::commands::CommandId;
use crate::app::text_input::TextInput;
use crate::app::{Model, Overlay, Pane};
use crate::domain::text::fit;
use crate::i18n::{tr, tr_args};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Clears the popup's area and one column either side: a wide (CJK) character that starts just left of the popup
/// would otherwise spill over its border.
pub(super) fn clear_popup(frame: &mut Frame<'_>, area: Rect) {
    let screen = frame.area();
    let x = area.x.saturating_sub(1);
    let right = (area.x + area.width + 1).min(screen.x + screen.width);
    frame.render_widget(
        Clear,
        Rect {
            x,
            width: right - x,
            ..area
        },
    );
}

pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub fn render(frame: &mut Frame<'_>, body: Rect, model: &Model, overlay: &Overlay, theme: &Theme) {
    match overlay {
        Overlay::Decide(d) => super::team::decision(frame, body, d, model, theme),
        Overlay::Review(d) => super::review::review(frame, body, model, d, theme),
        Overlay::Confirm(c) => super::review::confirm(frame, body, model, c, theme),
        Overlay::Conflicts(c) => super::sync::conflicts(frame, body, model, c, theme),
        Overlay::Schedule => super::schedule::render(frame, body, model, theme),
        Overlay::Qa(s) => super::qa::render(frame, body, model, s, theme),
        Overlay::Plans(s) => super::plans::render(frame, body, model, s, theme),
        Overlay::NewTicket(form) => super::new_ticket::render(frame, body, form, model, theme),
        Overlay::Help(s) => super::help::help(frame, body, model, s, theme),
        Overlay::Messages { scroll } => super::help::messages(frame, body, model, *scroll, theme),
        Overlay::Palette { input, selected } => {
            palette(frame, body, model, input, *selected, theme)
        }
        Overlay::Prompt {
            kind: PromptKind::Filter,
            input,
            ..
        } => filter(frame, body, model, input, theme),
        Overlay::Prompt { kind, input, .. } => {
            let keys = submit_cancel(model);
            input_line(
                frame,
                body,
                "> ",
                input,
                &format!("{} — {keys}", kind.title(model.locale)),
                theme,
            )
        }
        Overlay::Picker {
            title,
            options,
            selected,
            filter,
            ..
        } => picker(
            frame,
            body,
            model,
            title,
            (options, filter),
            *selected,
            theme,
        ),
        Overlay::Survey(form) => super::service::survey(frame, body, form, model, theme),
        Overlay::LoopForm(form) => super::loop_form::render(frame, body, form, model, theme),
        Overlay::Escalations { selected } => {
            super::service::escalations(frame, body, model, *selected, theme)
        }
        Overlay::Suggestions { selected } => suggestions(frame, body, model, *selected, theme),
    }
}

fn palette(
    frame: &mut Frame<'_>,
    body: Rect,
    model: &Model,
    input: &TextInput,
    selected: usize,
    theme: &Theme,
) {
    let area = centered(body, 70, 16);
    let locale = model.locale;
    let matches = crate::app::palette_matches(input.value(), locale);
    let title = tr(locale, "palette-title");
    let inner_w = area.width.saturating_sub(2) as usize;
    let mut first = vec![Span::styled("> ", theme.hint_key)];
    first.extend(text_input(
        input,
        inner_w.saturating_sub(2),
        theme.base,
        theme.hint_key,
    ));
    let mut lines = vec![Line::from(first)];
    // A number is a ticket to go to.
    if let Some(n) = crate::domain::ticket::number_in(input.value()) {
        let go_to = tr_args(
            locale,
            "palette-go-to-ticket",
            &[("number", n.to_string().into())],
        );
        lines.push(Line::styled(fit(&go_to, inner_w), theme.selection));
        clear_popup(frame, area);
        frame.render_widget(Paragraph::new(lines).block(block(title, true, theme)), area);
        return;
    }
    let room = area.height.saturating_sub(3) as usize;
    let skip = (selected + 1).saturating_sub(room);
    for (i, c) in matches.iter().enumerate().skip(skip).take(room) {
        let keys = model.keymap.keys_for(c.id).join(" ");
        let text = format!(
            "{} {}",
            fit(&c.description(locale), inner_w.saturating_sub(14)),
            fit(&keys, 12)
        );
        let style = if i == selected {
            theme.selection
        } else {
            theme.base
        };
        lines.push(Line::styled(text, style));
    }
    if matches.is_empty() {
        lines.push(Line::styled(tr(locale, "palette-no-match"), theme.muted));
    }
    clear_popup(frame, area);
    frame.render_widget(Paragraph::new(lines).block(block(title, true, theme)), area);
}

/// The first key bound to a command, for the words of a dialog.
pub(super) fn key(model: &Model, id: CommandId) -> String {
    model.keymap.first_key(id)
}

/// "Enter applies, Esc cancels", with the keys as bound.
fn submit_cancel(model: &Model) -> String {
    let submit = model.keymap.first_key(CommandId::PromptSubmit);
    let cancel = model.keymap.first_key(CommandId::PromptCancel);
    tr_args(
        model.locale,
        "overlay-applies-cancels",
        &[("submit", submit.into()), ("cancel", cancel.into())],
    )
}

fn filter(frame: &mut Frame<'_>, body: Rect, model: &Model, input: &TextInput, theme: &Theme) {
    let what = tr(
        model.locale,
        match model.pane {
            Pane::Queues => "overlay-filter-tickets",
            Pane::Customers => "overlay-filter-customers",
            _ => "overlay-filter-articles",
        },
    );
    let title = tr_args(
        model.locale,
        "overlay-filter-title",
        &[("what", what.into()), ("keys", submit_cancel(model).into())],
    );
    input_line(frame, body, "/", input, &title, theme);
}

/// A one-line input at the bottom of the body. Long input shows its end, where the cursor is.
fn input_line(
    frame: &mut Frame<'_>,
    body: Rect,
    prompt: &str,
    input: &TextInput,
    title: &str,
    theme: &Theme,
) {
    let area = Rect {
        y: body.y + body.height.saturating_sub(3),
        height: 3.min(body.height),
        ..body
    };
    let room = (area.width as usize).saturating_sub(3 + crate::domain::text::width(prompt));
    let mut spans = vec![Span::styled(prompt.to_string(), theme.hint_key)];
    spans.extend(text_input(input, room, theme.base, theme.hint_key));
    let line = Line::from(spans);
    clear_popup(frame, area);
    frame.render_widget(
        Paragraph::new(line).block(block(title.to_string(), true, theme)),
        area,
    );
}

fn picker(
    frame: &mut Frame<'_>,
    body: Rect,
    model: &Model,
    title: &str,
    (options, filter): (&[(String, crate::app::PickAction)], &TextInput),
    selected: usize,
    theme: &Theme,
) {
    let visible = crate::app::picker_visible(options, filter.value());
    // The filter takes a line while there is one; an empty filter costs nothing.
    let typed = usize::from(!filter.is_empty());
    let shown = typed + visible.len().max(typed);
    let h = (shown.max(1) as u16 + 2).min(body.height);
    let (pick, cancel) = (
        key(model, CommandId::PickerChoose),
        key(model, CommandId::PickerCancel),
    );
    let title = tr_args(
        model.locale,
        "overlay-picker-title",
        &[
            ("title", title.into()),
            ("pick", pick.into()),
            ("cancel", cancel.into()),
        ],
    );
    let widest = options
        .iter()
        .map(|(l, _)| crate::domain::text::width(l) + 4)
        .max()
        .unwrap_or(0);
    let w = (crate::domain::text::width(&title) + 6)
        .max(widest + 2)
        .max(40) as u16;
    let area = centered(body, w, h);
    let inner_w = area.width.saturating_sub(2) as usize;
    let room = (h.saturating_sub(2) as usize).saturating_sub(typed);
    let skip = (selected + 1).saturating_sub(room);
    let mut lines: Vec<Line> = Vec::new();
    if typed > 0 {
        let mut spans = vec![Span::styled(" / ", theme.hint_key)];
        spans.extend(text_input(
            filter,
            inner_w.saturating_sub(3),
            theme.base,
            theme.hint_key,
        ));
        lines.push(Line::from(spans));
        if visible.is_empty() {
            let none = tr(model.locale, "overlay-nothing-matches");
            lines.push(Line::styled(format!(" {none}"), theme.muted));
        }
    }
    let rows = visible
        .iter()
        .filter_map(|i| options.get(*i))
        .enumerate()
        .skip(skip)
        .take(room)
        .map(|(i, (label, _))| {
            let key = if i < 9 && typed == 0 {
                format!("{} ", i + 1)
            } else {
                "  ".to_string()
            };
            let text = fit(&format!(" {key}{label}"), inner_w);
            Line::styled(
                text,
                if i == selected {
                    theme.selection
                } else {
                    theme.base
                },
            )
        });
    lines.extend(rows);
    clear_popup(frame, area);
    frame.render_widget(Paragraph::new(lines).block(block(title, true, theme)), area);
}

/// The articles suggested for the open ticket, with what each key does.
fn suggestions(frame: &mut Frame<'_>, body: Rect, model: &Model, selected: usize, theme: &Theme) {
    let rows = crate::app::suggestions_for(model);
    let l = model.locale;
    let k = |id| key(model, id);
    let help = tr_args(
        l,
        "overlay-suggestions-hint",
        &[
            ("link", k(CommandId::SuggestionLink).into()),
            ("quote", k(CommandId::SuggestionQuote).into()),
            ("open", k(CommandId::SuggestionOpen).into()),
            ("up", k(CommandId::SuggestionHelpful).into()),
            ("down", k(CommandId::SuggestionUnhelpful).into()),
            ("close", k(CommandId::SuggestionClose).into()),
        ],
    );
    let h = (rows.len() as u16 + 4).min(body.height);
    let w = body.width.min(84);
    let area = centered(body, w, h);
    let inner_w = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let votes = tr_args(
                l,
                "overlay-suggestion-votes",
                &[
                    ("uses", s.row.uses.into()),
                    ("up", s.row.helpful_up.into()),
                    ("down", s.row.helpful_down.into()),
                ],
            );
            let votes_w = crate::domain::text::width(&votes);
            let title_w = inner_w.saturating_sub(votes_w + 5);
            let text = format!(" {} {}  {votes}", i + 1, fit(s.row.title.as_str(), title_w));
            Line::styled(
                fit(&text, inner_w),
                if i == selected {
                    theme.selection
                } else {
                    theme.base
                },
            )
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(fit(&format!(" {help}"), inner_w), theme.muted));
    clear_popup(frame, area);
    frame.render_widget(
        Paragraph::new(lines).block(block(tr(l, "overlay-suggestions-title"), true, theme)),
        area,
    );
}
