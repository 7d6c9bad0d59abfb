//! Customers pane: the list in its view (All, VIP, At risk …) and the profile of the selected customer.

use super::theme::Theme;
use super::widgets::{
    Col, block, date, empty_list, empty_state, fit_title, layout_cols, position, row, row_style,
    table_header,
};
use crate::app::{CustomerFocus, Model, layout};
use crate::domain::crm::RiskLevel;
use crate::domain::customer::warranty_state;
use crate::domain::customer_view::CustomerView;
use crate::domain::text::truncate;
use crate::store::customers::CustomerDetail;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
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

fn risk_style(r: RiskLevel, theme: &Theme) -> Style {
    match r {
        RiskLevel::High => theme.priority_urgent,
        RiskLevel::Medium => theme.priority_high,
        RiskLevel::Low => theme.muted,
        RiskLevel::None => theme.muted,
    }
}

fn risk_cell(r: RiskLevel) -> &'static str {
    match r {
        RiskLevel::High => "high",
        RiskLevel::Medium => "med",
        RiskLevel::Low => "low",
        RiskLevel::None => "",
    }
}

fn render_list(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let c = &model.customers;
    let focused = c.focus == CustomerFocus::List;
    let mut title = format!("Customers › {}", c.view.title());
    title.push_str(&position(c.list.position(None), c.list.seen()));
    if !c.filter.is_empty() {
        title.push_str(&format!(" · “{}”", c.filter));
    }
    frame.render_widget(block(fit_title(&title, area), focused, theme), area);
    let inner = layout::inner(area);
    let rows = layout::table_rows(area);
    let wide = inner.width >= 44;
    // The warranty and care views are ordered by a date: show it (rows of any other order carry none); where
    // the list is narrow it takes the tier's place, as it is what the view is for.
    let dated = c.list.rows.first().is_some_and(|r| r.view_date.is_some());
    let tier = wide || !dated;
    let mut spec = vec![Col::left(usize::MAX)];
    let mut header = vec!["Name"];
    if tier {
        spec.push(Col::left(7));
        header.push("Tier");
    }
    if wide {
        spec.push(Col::left(9));
        header.push("Stage");
    }
    spec.push(Col::left(4));
    header.push("Risk");
    if dated {
        spec.push(Col::left(5));
        header.push(match c.view {
            CustomerView::CareDue => "Due",
            CustomerView::WarrantyExpiring => "Ends",
            _ => "Date",
        });
    }
    let cols = layout_cols(inner.width as usize, &spec);
    table_header(frame, inner, &cols, &header, theme);
    if c.list.rows.is_empty() {
        let nothing = if c.view == CustomerView::All {
            "No customers yet.".to_string()
        } else {
            format!("No customers in {}.", c.view.title())
        };
        empty_list(
            frame,
            rows,
            c.list.loading.is_some(),
            ("customers", &c.filter),
            &nothing,
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
            let selected = i == c.list.selected && focused;
            let mut cells = vec![(r.name.to_string(), style)];
            if tier {
                cells.push((model.tier_name(r.tier).to_string(), style));
            }
            if wide {
                cells.push((r.stage.label().to_string(), style));
            }
            let rs = if selected {
                style
            } else {
                risk_style(r.risk_level, theme)
            };
            cells.push((risk_cell(r.risk_level).to_string(), rs));
            if dated {
                let when = r.view_date.unwrap_or_default();
                let ds = if when <= model.now && !selected {
                    theme.priority_high
                } else {
                    style
                };
                cells.push((date(when, model.utc_offset, "%m-%d"), ds));
            }
            row(&cols, cells).style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows);
}

/// `¥23,400.00`
fn money(cents: i64) -> String {
    let yuan = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in yuan.chars().enumerate() {
        if i > 0 && (yuan.len() - i).is_multiple_of(3) && ch != '-' {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("¥{grouped}.{:02}", (cents % 100).abs())
}

/// The profile's address, person and tag lines: (label, text), only those with something to show.
fn personal(d: &CustomerDetail) -> Vec<(&'static str, String)> {
    use crate::domain::customer_profile::Gender;
    use crate::domain::ticket::Channel;
    let mut out = Vec::new();
    if let Some(a) = d.addresses.iter().find(|a| a.is_default) {
        let label = Some(a.label.as_str())
            .filter(|l| !l.is_empty())
            .map(|l| format!("{l}: "))
            .unwrap_or_default();
        let more = match d.addresses.len() {
            0 | 1 => String::new(),
            n => format!(" (+{} more)", n - 1),
        };
        out.push(("Address", format!("{label}{}{more}", a.address)));
    }
    let gender = d.gender.as_ref().map(|g| {
        Gender::parse(g.as_str()).map_or_else(|| g.to_string(), |g| g.label().to_string())
    });
    let channel = d.contact_channel.as_ref().map(|c| {
        Channel::parse(c.as_str()).map_or_else(|| c.to_string(), |c| c.label().to_string())
    });
    let when: Vec<String> = channel
        .into_iter()
        .chain(d.contact_time.as_ref().map(|t| t.to_string()))
        .collect();
    let prefers = (!when.is_empty()).then(|| format!("prefers {}", when.join(", ")));
    let person: Vec<String> = gender.into_iter().chain(prefers).collect();
    if !person.is_empty() {
        out.push(("Person", person.join(" · ")));
    }
    if !d.tags.is_empty() {
        let tags: Vec<&str> = d.tags.iter().map(|t| t.as_str()).collect();
        out.push(("Tags", tags.join(", ")));
    }
    out
}

/// One block character per score, scaled to the survey's range.
fn sparkline(scores: &[i64], max: i64) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    scores
        .iter()
        .map(|s| {
            let i = (s.clamp(&0, &max) * 7 / max.max(1)) as usize;
            BARS[i.min(7)]
        })
        .collect()
}

fn satisfaction(d: &CustomerDetail) -> Option<String> {
    let mut parts = Vec::new();
    for (kind, max, label) in [("csat", 5, "CSAT"), ("nps", 10, "NPS"), ("ces", 7, "CES")] {
        let scores: Vec<i64> = d
            .satisfaction
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.score)
            .collect();
        if let Some(last) = scores.last() {
            let tail = &scores[scores.len().saturating_sub(12)..];
            parts.push(format!("{label} {} {last}/{max}", sparkline(tail, max)));
        }
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn profile(
    frame: &mut Frame<'_>,
    area: Rect,
    d: &CustomerDetail,
    model: &Model,
    focused: bool,
    theme: &Theme,
) {
    let inner = layout::inner(area);
    let w = inner.width as usize;
    let label = |s: &str| Span::styled(format!("{s:<8} "), theme.muted);
    let fmt_day = |ts: i64| date(ts, model.utc_offset, "%Y-%m-%d");
    let r = &d.row;
    // A labelled line, cut to the width (the label is 9 cells).
    let field = |name: &str, text: String, style: Style| {
        Line::from(vec![
            label(name),
            Span::styled(truncate(&text, w.saturating_sub(9)), style),
        ])
    };
    let contact = [r.email.as_ref(), r.phone.as_ref()]
        .into_iter()
        .flatten()
        .map(|s| s.to_string())
        .collect::<Vec<_>>();
    // Organization first, so a city never reads as the organization.
    let org = match (&r.organization, &r.city) {
        (None, None) => Vec::new(),
        (o, c) => [o, c]
            .into_iter()
            .map(|v| v.as_ref().map_or("—".to_string(), |s| s.to_string()))
            .collect(),
    };
    let dash = |v: Vec<String>| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.join(" · ")
        }
    };
    let mut lines = vec![
        Line::from(vec![Span::styled(
            truncate(r.name.as_str(), w),
            theme.title,
        )]),
        field("Contact", dash(contact), theme.base),
        field("Org/City", dash(org), theme.base),
    ];
    lines.extend(
        personal(d)
            .into_iter()
            .map(|(name, text)| field(name, text, theme.base)),
    );
    lines.extend([
        field(
            "Tier",
            format!(
                "{} ({}) · {}",
                model.tier_name(r.tier),
                d.tier_source.as_str(),
                d.tier_reason
            ),
            theme.base,
        ),
        field(
            "Stage",
            format!("{} · {}", r.stage.label(), d.stage_reason),
            theme.base,
        ),
        field(
            "Risk",
            format!("{} ({})", r.risk_level.label(), r.risk_score),
            risk_style(r.risk_level, theme),
        ),
    ]);
    for s in &d.risk_signals {
        lines.push(Line::styled(
            truncate(&format!("         - {s}"), w),
            theme.muted,
        ));
    }
    lines.push(field(
        "Orders",
        format!(
            "{} · {} · last {}{}",
            d.orders.count,
            money(d.orders.total_cents),
            d.orders.last_at.map_or_else(|| "—".to_string(), fmt_day),
            d.rfm
                .as_ref()
                .map(|s| format!(" · RFM {s}"))
                .unwrap_or_default()
        ),
        theme.base,
    ));
    if let Some(clv) = d.value.clv_cents {
        let repeat = if d.value.repeat_buyer {
            "repeat buyer"
        } else {
            "bought once"
        };
        let per_year = d.value.orders_per_year.unwrap_or_default();
        let orders = if per_year == 1.0 { "order" } else { "orders" };
        lines.push(field(
            "Value",
            format!("CLV {} · {per_year} {orders}/yr · {repeat}", money(clv)),
            theme.base,
        ));
    }
    if let Some(s) = satisfaction(d) {
        lines.push(field("Survey", s, theme.base));
    }
    for c in &d.care {
        let kind = if c.kind == "win_back" {
            "Win-back"
        } else {
            "Care"
        };
        let due = date(c.due_at, model.utc_offset, "%m-%d");
        let style = if c.due_at <= model.now {
            theme.priority_high
        } else {
            theme.base
        };
        lines.push(field(kind, format!("due {due} · {}", c.note), style));
    }
    if !d.notes.is_empty() {
        lines.push(field(
            "Notes",
            crate::domain::text::one_line(d.notes.as_str()),
            theme.quote,
        ));
    }
    if !d.products.is_empty() {
        lines.push(Line::styled(
            format!("Products ({})", d.products.len()),
            theme.heading,
        ));
    }
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
        lines.push(Line::raw(truncate(&format!("  {}{serial}", p.name), w)));
        lines.push(Line::from(vec![
            Span::styled(format!("    {bought}"), theme.muted),
            Span::styled(warranty.describe(), warranty_style(warranty, theme)),
        ]));
    }
    lines.push(Line::styled(
        match d.open_tickets {
            1 => "Timeline (1 open ticket)".to_string(),
            n => format!("Timeline ({n} open tickets)"),
        },
        theme.heading,
    ));
    let header_len = lines.len();
    let room = (inner.height as usize).saturating_sub(header_len);
    if d.timeline.is_empty() {
        lines.push(Line::styled("  Nothing yet.", theme.muted));
    }
    // Keep the selected entry visible.
    let skip = (model.customers.timeline_selected + 1).saturating_sub(room);
    for (i, e) in d.timeline.iter().enumerate().skip(skip).take(room) {
        let text = format!("  {} {}", date(e.at, model.utc_offset, "%m-%d"), e.text);
        let style = if focused && i == model.customers.timeline_selected {
            theme.selection
        } else if e.ticket.is_some() {
            theme.base
        } else {
            theme.muted
        };
        lines.push(Line::styled(truncate(&text, w), style));
    }
    let title = if model.customers.from_ticket.is_some() {
        "Profile · c back to ticket"
    } else {
        "Profile"
    };
    frame.render_widget(
        Paragraph::new(lines).block(block(title.into(), focused, theme)),
        area,
    );
}

fn warranty_style(w: crate::domain::customer::Warranty, theme: &Theme) -> Style {
    use crate::domain::customer::{WARRANTY_SOON_DAYS, Warranty};
    match w {
        Warranty::Valid { days_left } if days_left <= WARRANTY_SOON_DAYS => theme.priority_high,
        Warranty::Valid { .. } => theme.ok,
        Warranty::Expired { .. } => theme.muted,
        Warranty::None => theme.muted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(2_340_000), "¥23,400.00");
        assert_eq!(money(99), "¥0.99");
        assert_eq!(money(123_456_789), "¥1,234,567.89");
    }

    #[test]
    fn sparkline_scales_to_the_range() {
        assert_eq!(sparkline(&[1, 3, 5], 5), "▂▅█");
        assert_eq!(sparkline(&[0, 10], 10), "▁█");
    }
}
