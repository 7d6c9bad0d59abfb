//! The new-ticket form.

use super::theme::Theme;
use super::widgets::{block, padded, text_input};
use crate::app::Model;
use crate::app::commands::CommandId;
use crate::app::new_ticket::{FIELDS, NewTicketForm};
use crate::domain::text::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn render(
    frame: &mut Frame<'_>,
    body: Rect,
    form: &NewTicketForm,
    model: &Model,
    theme: &Theme,
) {
    let key = |id| super::overlay::key(model, id);
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
        None => form.customer_query.value().to_string(),
    };
    let values = [
        customer,
        form.subject.value().to_string(),
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
        let style = if focused { theme.selection } else { theme.base };
        let room = inner_w.saturating_sub(12);
        let mut spans = vec![Span::styled(
            format!(" {label:<9} "),
            if focused { theme.title } else { theme.muted },
        )];
        // The text being typed shows its cursor; a picked customer is a choice, not text.
        let typing = match i {
            0 if form.customer.is_none() => Some(&form.customer_query),
            1 => Some(&form.subject),
            _ => None,
        };
        match typing.filter(|_| focused) {
            Some(input) => spans.extend(padded(
                text_input(input, room, style, theme.hint_key),
                room,
                style,
            )),
            None => spans.push(Span::styled(fit(&value, room), style)),
        }
        lines.push(Line::from(spans));
        if i == 0 {
            for (j, c) in form.matches.iter().enumerate() {
                let text = format!(
                    "   {} · {} · {}",
                    c.name,
                    c.email.as_ref().map_or("—".to_string(), |e| e.to_string()),
                    model.tier_name(c.tier)
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
        format!(
            " {}: next · {}/{}: change · {}: pick customer, then write the message",
            key(CommandId::FormNext),
            key(CommandId::FormChoicePrev),
            key(CommandId::FormChoiceNext),
            key(CommandId::FormEnter)
        ),
        theme.muted,
    ));
    frame.render_widget(
        Paragraph::new(lines).block(block(
            format!("New ticket — {} cancels", key(CommandId::FormCancel)),
            true,
            theme,
        )),
        area,
    );
}
