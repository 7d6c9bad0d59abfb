//! Team mode on screen: the choice a conflicting edit or an overtaken reply asks for.

use super::overlay::{centered, clear_popup};
use super::theme::Theme;
use super::widgets::block;
use crate::app::Model;
use crate::app::commands::CommandId;
use crate::app::team::Decision;
use crate::domain::text::{fit, one_line, wrap};
use crate::i18n::{tr, tr_args};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Lines of a new message shown in the collision popup; the rest is in the thread behind it.
const MESSAGE_LINES: usize = 4;

pub fn decision(frame: &mut Frame<'_>, body: Rect, d: &Decision, model: &Model, theme: &Theme) {
    let (keymap, utc_offset, l) = (&model.keymap, model.utc_offset, model.locale);
    let w = body.width.min(78);
    let inner = w.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let title = match d {
        Decision::Conflict {
            number, message, ..
        } => {
            for l in wrap(message, inner) {
                lines.push(Line::styled(l, theme.base));
            }
            lines.push(Line::raw(""));
            let note = tr(l, "team-nothing-written");
            for line in wrap(&note, inner) {
                lines.push(Line::styled(line, theme.muted));
            }
            tr_args(l, "team-changed", &[("number", number.to_string().into())])
        }
        Decision::Collision { number, news, .. } => {
            lines.push(Line::styled(tr(l, "team-new-since"), theme.muted));
            for m in news {
                let at = chrono::DateTime::from_timestamp(m.at + i64::from(utc_offset), 0)
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default();
                let role = tr(
                    l,
                    if m.customer {
                        "team-role-customer"
                    } else {
                        "team-role-agent"
                    },
                );
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    fit(&format!("{} · {role} · {at}", m.who), inner),
                    theme.heading,
                ));
                let text: Vec<String> = m
                    .body
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .flat_map(|l| wrap(&one_line(l), inner))
                    .collect();
                for l in text.iter().take(MESSAGE_LINES) {
                    lines.push(Line::styled(l.clone(), theme.base));
                }
                if text.len() > MESSAGE_LINES {
                    lines.push(Line::styled("…", theme.muted));
                }
            }
            tr_args(l, "team-not-sent", &[("number", number.to_string().into())])
        }
    };
    lines.push(Line::raw(""));
    for id in d.options() {
        let key = keymap.first_key(*id);
        let label = crate::app::commands::command(*id).description(model.locale);
        lines.push(Line::styled(
            fit(&format!("{key}  {label}"), inner),
            theme.base,
        ));
    }
    let h = (lines.len() as u16 + 2).min(body.height);
    let area = centered(body, w, h);
    clear_popup(frame, area);
    let back = match d {
        Decision::Conflict { .. } => CommandId::ConflictDiscard,
        Decision::Collision { .. } => CommandId::CollisionEdit,
    };
    let esc = keymap.keys_for(back).into_iter().last().unwrap_or_default();
    let title = tr_args(
        l,
        "team-backs-out",
        &[("title", title.into()), ("esc", esc.into())],
    );
    let block = block(title, true, theme);
    let text_area = block.inner(area);
    frame.render_widget(block, area);
    let padded = Rect {
        x: text_area.x + 1,
        width: text_area.width.saturating_sub(2),
        ..text_area
    };
    frame.render_widget(Paragraph::new(lines), padded);
}
