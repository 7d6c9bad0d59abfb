//! Customers pane: the searchable list and the profile of the selected customer.

use super::theme::Theme;
use super::widgets::{
    Col, block, date, empty_list, empty_state, layout_cols, row, row_style, table_header,
};
use crate::app::{CustomerFocus, Model, layout};
use crate::domain::customer::warranty_state;
use crate::domain::ticket::compact_age;
use crate::store::customers::CustomerDetail;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let (list, profile_area) = layout::customers(area);
    render_list(frame, list, model, theme);
    let focused = model.customers.focus == CustomerFocus::Profile;
    match &model.customers.detail {
        Some(d) => profile(frame, profile_area, d, model, focused, theme),
        None => {
            frame.render_widget(block("Profile".into(), focused, theme), profile_area);
            let msg: &[&str] = if model.customers.list.rows.is_empty() {
                &[]
            } else {
                &["Loading…"]
            };
            empty_state(frame, layout::inner(profile_area), msg, theme);
        }
    }
}

fn render_list(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let c = &model.customers;
    let focused = c.focus == CustomerFocus::List;
    let mut title = "Customers".to_string();
    if let Some(n) = model
        .counts
        .map(|n| n.customers)
        .filter(|_| c.filter.is_empty())
    {
        title.push_str(&format!(" · {n}"));
    }
    if !c.filter.is_empty() {
        title.push_str(&format!(" · “{}”", c.filter));
    }
    frame.render_widget(block(title, focused, theme), area);
    let inner = layout::inner(area);
    let rows = layout::table_rows(area);
    let cols = layout_cols(inner.width as usize, &[Col::left(usize::MAX), Col::left(7)]);
    table_header(frame, inner, &cols, &["Name", "Tier"], theme);
    if c.list.rows.is_empty() {
        empty_list(
            frame,
            rows,
            c.list.loading.is_some(),
            !c.filter.is_empty(),
            "No customers yet.",
            theme,
        );
        return;
    }
    let lines: Vec<Line> = c
        .list
        .rows
        .iter()
        .enumerate()
        .skip(c.list.offset)
        .take(rows.height as usize)
        .map(|(i, r)| {
            let style = row_style(i == c.list.selected, focused, theme);
            row(
                &cols,
                vec![
                    (r.name.to_string(), style),
                    (r.tier.label().to_string(), style),
                ],
            )
            .style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows);
}

fn money(cents: i64) -> String {
    format!("¥{}.{:02}", cents / 100, cents % 100)
}

fn profile(
    frame: &mut Frame<'_>,
    area: Rect,
    d: &CustomerDetail,
    model: &Model,
    focused: bool,
    theme: &Theme,
) {
    let label = |s: &str| Span::styled(format!("{s:<9}"), theme.muted);
    let none = || "—".to_string();
    let fmt_day = |ts: i64| date(ts, model.utc_offset, "%Y-%m-%d");
    let r = &d.row;
    let mut lines = vec![
        Line::from(vec![Span::styled(r.name.to_string(), theme.title)]),
        Line::from(vec![
            label("Email"),
            Span::raw(r.email.as_ref().map_or_else(none, |e| e.to_string())),
        ]),
        Line::from(vec![
            label("Phone"),
            Span::raw(r.phone.as_ref().map_or_else(none, |p| p.to_string())),
        ]),
        Line::from(vec![
            label("Org"),
            Span::raw(r.organization.as_ref().map_or_else(none, |o| o.to_string())),
        ]),
        Line::from(vec![
            label("City"),
            Span::raw(r.city.as_ref().map_or_else(none, |c| c.to_string())),
        ]),
        Line::from(vec![
            label("Tier"),
            Span::styled(r.tier.label(), theme.title),
            Span::styled(format!(" ({})", d.tier_source.as_str()), theme.muted),
        ]),
        Line::from(vec![
            label("Orders"),
            Span::raw(format!(
                "{} · {} · last {}",
                d.orders.count,
                money(d.orders.total_cents),
                d.orders.last_at.map_or_else(none, fmt_day)
            )),
        ]),
        Line::from(vec![label("Since"), Span::raw(fmt_day(d.created_at))]),
    ];
    if !d.notes.is_empty() {
        lines.push(Line::from(vec![
            label("Notes"),
            Span::styled(crate::domain::text::one_line(d.notes.as_str()), theme.quote),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Products ({})", d.products.len()),
        theme.heading,
    ));
    for p in &d.products {
        let warranty = warranty_state(p.warranty_until, model.now);
        let serial = p
            .serial
            .as_ref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
        let bought = p
            .purchased_at
            .map(|t| format!("bought {} · ", fmt_day(t)))
            .unwrap_or_default();
        // Two lines: the warranty state is what an agent looks for, so it never gets cut off at 80 columns.
        lines.push(Line::raw(format!("  {}{serial}", p.name)));
        lines.push(Line::from(vec![
            Span::styled(format!("    {bought}"), theme.muted),
            Span::styled(warranty.describe(), warranty_style(warranty, theme)),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "Tickets ({} open, {} shown)",
            d.open_tickets,
            d.tickets.len()
        ),
        theme.heading,
    ));
    let header_len = lines.len();
    let inner = layout::inner(area);
    let room = (inner.height as usize).saturating_sub(header_len);
    // Keep the selected history row visible.
    let skip = (model.customers.ticket_selected + 1).saturating_sub(room);
    for (i, t) in d.tickets.iter().enumerate().skip(skip).take(room) {
        let text = format!(
            "  #{} {:<7} {} · {}",
            t.number,
            t.status.label(),
            t.subject,
            compact_age(model.now - t.created_at)
        );
        let style = if focused && i == model.customers.ticket_selected {
            theme.selection
        } else {
            theme.base
        };
        lines.push(Line::styled(
            crate::domain::text::truncate(&text, inner.width as usize),
            style,
        ));
    }
    frame.render_widget(
        Paragraph::new(lines).block(block("Profile".into(), focused, theme)),
        area,
    );
}

fn warranty_style(w: crate::domain::customer::Warranty, theme: &Theme) -> ratatui::style::Style {
    use crate::domain::customer::{WARRANTY_SOON_DAYS, Warranty};
    match w {
        Warranty::Valid { days_left } if days_left <= WARRANTY_SOON_DAYS => theme.priority_high,
        Warranty::Valid { .. } => theme.ok,
        Warranty::Expired { .. } => theme.muted,
        Warranty::None => theme.muted,
    }
}
