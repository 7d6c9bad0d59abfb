//! The new-ticket form.

use super::theme::Theme;
use super::widgets::{block, padded, text_input};
use crate::app::Model;
use crate::app::commands::CommandId;
use crate::app::new_ticket::{FIELDS, NewTicketForm};
use crate::domain::text::fit;
use crate::i18n::{tr, tr_args, tr_of};
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
    let l = model.locale;
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
        Some((_, name)) => tr_args(l, "newticket-picked", &[("name", name.as_str().into())]),
        None => form.customer_query.value().to_string(),
    };
    let values = [
        customer,
        form.subject.value().to_string(),
        format!("< {} >", tr_of(l, "ticket-kind-", form.kind().as_str())),
        format!(
            "< {} >",
            tr_of(l, "ticket-channel-", form.channel().as_str())
        ),
        format!(
            "< {}{} {} >",
            form.priority().letter(),
            form.priority().glyph(),
            crate::i18n::priority(l, form.priority())
        ),
        if form.customer.is_none() {
            tr(l, "newticket-pick-first")
        } else {
            let args = [
                ("product", form.product_label(l).into()),
                ("n", form.products.len().into()),
            ];
            tr_args(l, "newticket-products", &args)
        },
    ];
    let mut lines = Vec::new();
    for (i, (label, value)) in FIELDS.iter().zip(values).enumerate() {
        let focused = i == form.field;
        let style = if focused { theme.selection } else { theme.base };
        let room = inner_w.saturating_sub(12);
        let mut spans = vec![Span::styled(
            format!(" {} ", fit(&tr(l, label), 9)),
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
                let args = [("name", name.into()), ("email", email.into())];
                let text = tr_args(l, "newticket-new-customer", &args);
                lines.push(Line::styled(fit(&format!("   {text}"), inner_w), style));
            }
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            " {}",
            tr_args(
                l,
                "newticket-keys",
                &[
                    ("next", key(CommandId::FormNext).into()),
                    ("prev", key(CommandId::FormChoicePrev).into()),
                    ("following", key(CommandId::FormChoiceNext).into()),
                    ("enter", key(CommandId::FormEnter).into()),
                ]
            )
        ),
        theme.muted,
    ));
    frame.render_widget(
        Paragraph::new(lines).block(block(
            tr_args(
                l,
                "newticket-title",
                &[("cancel", key(CommandId::FormCancel).into())],
            ),
            true,
            theme,
        )),
        area,
    );
}
