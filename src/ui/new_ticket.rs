//! The new-ticket form.

use super::theme::Theme;
use super::widgets::block;
use crate::app::new_ticket::{FIELDS, NewTicketForm};
use crate::domain::text::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn render(frame: &mut Frame<'_>, body: Rect, form: &NewTicketForm, theme: &Theme) {
    let w = body.width.min(76);
    let h = (FIELDS.len() as u16 + 5 + form.matches.len() as u16).min(body.height);
    let area = Rect::new(
        body.x + (body.width - w) / 2,
        body.y + body.height.saturating_sub(h) / 3,
        w,
        h,
    );
    // One column either side too: a wide character just outside must not spill over the border.
    let wide = Rect {
        x: area.x.saturating_sub(1),
        width: (area.width + 2).min(body.width),
        ..area
    };
    frame.render_widget(Clear, wide);
    let inner_w = area.width.saturating_sub(2) as usize;
    let customer = match &form.customer {
        Some((_, name)) => format!("{name}  (picked)"),
        None => form.customer_query.clone(),
    };
    let values = [
        customer,
        form.subject.clone(),
        format!("< {} >", form.kind().label()),
        format!("< {} >", form.channel().label()),
        format!(
            "< {}{} {} >",
            form.priority().letter(),
            form.priority().glyph(),
            form.priority().label()
        ),
        if form.customer.is_none() {
            "(pick the customer first)".to_string()
        } else {
            format!(
                "< {} >  ({} owned)",
                form.product_label(),
                form.products.len()
            )
        },
    ];
    let mut lines = Vec::new();
    for (i, (label, value)) in FIELDS.iter().zip(values).enumerate() {
        let focused = i == form.field;
        let cursor = if focused && i < 2 { "▏" } else { "" };
        let style = if focused { theme.selection } else { theme.base };
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {label:<9} "),
                if focused { theme.title } else { theme.muted },
            ),
            Span::styled(
                fit(&format!("{value}{cursor}"), inner_w.saturating_sub(12)),
                style,
            ),
        ]));
        if i == 0 {
            for (j, c) in form.matches.iter().enumerate() {
                let text = format!(
                    "   {} · {} · {}",
                    c.name,
                    c.email.as_ref().map_or("—".to_string(), |e| e.to_string()),
                    c.tier.label()
                );
                let style = if focused && j == form.match_selected {
                    theme.selection
                } else {
                    theme.muted
                };
                lines.push(Line::styled(fit(&text, inner_w), style));
            }
            if form.offers_new() {
                let new_selected = focused && form.match_selected == form.matches.len();
                let style = if new_selected {
                    theme.selection
                } else {
                    theme.muted
                };
                let (name, email) = form.new_customer();
                let email = email.map(|e| format!(" <{e}>")).unwrap_or_default();
                lines.push(Line::styled(
                    fit(&format!("   + New customer “{name}”{email}"), inner_w),
                    style,
                ));
            }
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " Tab: next · ←/→: change · Enter: pick customer, then write the message",
        theme.muted,
    ));
    frame.render_widget(
        Paragraph::new(lines).block(block("New ticket — Esc cancels".into(), true, theme)),
        area,
    );
}
