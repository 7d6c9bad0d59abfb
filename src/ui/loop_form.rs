//! The closed loop's forms: a complaint's next stage (what it needs) and the follow-up call, with the call script
//! beside it when the window is wide enough, above it when not.

use super::overlay::{centered, clear_popup, key};
use super::theme::Theme;
use super::widgets::{block, form_text};
use crate::app::Model;
use crate::app::commands::CommandId;
use crate::app::loop_form::{Field, LoopForm, Purpose};
use crate::domain::text::{fit, sanitize, truncate, wrap};
use crate::i18n::{Locale, tr, tr_args};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Width of the labels before each field.
const LABEL: usize = 13;

fn field_lines(form: &LoopForm, width: usize, l: Locale, theme: &Theme) -> Vec<Line<'static>> {
    let room = width.saturating_sub(LABEL + 4).max(4);
    form.fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let focus = i == form.focus;
            match f {
                Field::Text { label, input } => {
                    form_text(fit(&tr(l, label), LABEL), input, focus, room, theme)
                }
                Field::Choice {
                    label,
                    options,
                    selected,
                } => {
                    let shown = options.get(*selected).map_or("—", |o| o.1.as_str());
                    let style = if focus { theme.selection } else { theme.title };
                    Line::from(vec![
                        Span::styled(if focus { "> " } else { "  " }, theme.hint_key),
                        Span::styled(fit(&tr(l, label), LABEL), theme.muted),
                        Span::styled(
                            format!("‹ {} ›", truncate(&sanitize(shown), room.saturating_sub(4))),
                            style,
                        ),
                    ])
                }
            }
        })
        .collect()
}

pub fn render(frame: &mut Frame<'_>, body: Rect, form: &LoopForm, model: &Model, theme: &Theme) {
    let k = |id| key(model, id);
    let script = match &form.purpose {
        Purpose::FollowUp { script } => script.as_ref(),
        Purpose::Complaint { .. } => None,
    };
    let wide = body.width >= 100 && script.is_some();
    let w = if wide {
        body.width.min(116)
    } else {
        body.width.min(72)
    };
    let form_w = if wide {
        52
    } else {
        w.saturating_sub(4) as usize
    };
    let l = model.locale;
    let mut lines = field_lines(form, form_w, l, theme);
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        tr_args(
            l,
            "loopform-keys",
            &[
                ("next", k(CommandId::LoopFormNext).into()),
                ("submit", k(CommandId::LoopFormSubmit).into()),
                ("cancel", k(CommandId::LoopFormCancel).into()),
            ],
        ),
        theme.muted,
    ));
    let mut script_lines: Vec<Line> = Vec::new();
    if let Some((name, text)) = script {
        let sw = if wide {
            (w as usize).saturating_sub(form_w + 7)
        } else {
            form_w
        };
        script_lines.push(Line::styled(
            fit(
                &tr_args(l, "loopform-script", &[("name", sanitize(name).into())]),
                sw,
            ),
            theme.title,
        ));
        for l in sanitize(text).lines() {
            for part in wrap(l, sw.max(8)) {
                script_lines.push(Line::raw(part));
            }
        }
    }
    let h = if wide {
        lines.len().max(script_lines.len()) + 2
    } else if script_lines.is_empty() {
        lines.len() + 2
    } else {
        lines.len() + script_lines.len() + 3
    };
    let area = centered(body, w, (h as u16).min(body.height));
    clear_popup(frame, area);
    let outer = block(sanitize(&form.title(l)), true, theme);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let pad = |r: Rect| Rect {
        x: r.x + 1,
        width: r.width.saturating_sub(2),
        ..r
    };
    if wide {
        let left = Rect {
            width: form_w as u16 + 2,
            ..inner
        };
        let right = Rect {
            x: inner.x + form_w as u16 + 3,
            width: inner.width.saturating_sub(form_w as u16 + 3),
            ..inner
        };
        frame.render_widget(Paragraph::new(lines), pad(left));
        frame.render_widget(Paragraph::new(script_lines), pad(right));
    } else {
        // Narrow: the script first (what to say), then the form.
        if !script_lines.is_empty() {
            script_lines.push(Line::raw(""));
        }
        script_lines.extend(lines);
        frame.render_widget(Paragraph::new(script_lines), pad(inner));
    }
}
