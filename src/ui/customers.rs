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
use crate::domain::text::{fit, truncate};
use crate::i18n::{Arg, Locale, crm_words, tr, tr_args, tr_of};
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
            let l = model.locale;
            frame.render_widget(
                block(tr(l, "customers-profile"), focused, theme),
                profile_area,
            );
            let loading = tr(l, "customers-loading");
            let msg: &[&str] = if model.customers.list.rows.is_empty() {
                &[]
            } else {
                &[loading.as_str()]
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

fn risk_cell(l: Locale, r: RiskLevel) -> String {
    match r {
        RiskLevel::None => String::new(),
        r => tr_of(l, "customers-risk-cell-", r.as_str()),
    }
}

/// A view's name in the locale (`流失预警`).
pub fn view_title(l: Locale, v: CustomerView) -> String {
    tr_of(l, "customers-view-", v.name())
}

/// A lifecycle stage in the locale (`成长期`).
pub fn stage_name(l: Locale, s: crate::domain::crm::Stage) -> String {
    tr_of(l, "customers-stage-", s.as_str())
}

fn render_list(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let c = &model.customers;
    let l = model.locale;
    let focused = c.focus == CustomerFocus::List;
    let mut title = tr_args(
        l,
        "customers-title",
        &[("view", view_title(l, c.view).into())],
    );
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
    // Fixed columns as wide as the locale's words need (double-width names take two cells a character).
    let column = |key: &str| tr(l, key);
    let mut spec = vec![Col::left(usize::MAX)];
    let mut header = vec![column("customers-column-name")];
    if tier {
        let names: Vec<String> = crate::domain::customer::Tier::ALL
            .iter()
            .map(|t| model.tier_name(*t))
            .collect();
        spec.push(Col::fitting(
            7,
            names.iter().chain([&column("customers-column-tier")]),
        ));
        header.push(column("customers-column-tier"));
    }
    if wide {
        let stages: Vec<String> = crate::domain::crm::Stage::ALL
            .iter()
            .map(|s| stage_name(l, *s))
            .collect();
        spec.push(Col::fitting(
            9,
            stages.iter().chain([&column("customers-column-stage")]),
        ));
        header.push(column("customers-column-stage"));
    }
    let risks: Vec<String> = RiskLevel::ALL.iter().map(|r| risk_cell(l, *r)).collect();
    spec.push(Col::fitting(
        4,
        risks.iter().chain([&column("customers-column-risk")]),
    ));
    header.push(column("customers-column-risk"));
    if dated {
        let name = column(match c.view {
            CustomerView::CareDue => "customers-column-due",
            CustomerView::WarrantyExpiring => "customers-column-ends",
            _ => "customers-column-date",
        });
        spec.push(Col::fitting(5, [&name]));
        header.push(name);
    }
    let cols = layout_cols(inner.width as usize, &spec);
    table_header(frame, inner, &cols, &header, theme);
    if c.list.rows.is_empty() {
        let nothing = if c.view == CustomerView::All {
            tr(l, "customers-none-yet")
        } else {
            tr_args(
                l,
                "customers-none-in-view",
                &[("view", view_title(l, c.view).into())],
            )
        };
        empty_list(
            frame,
            rows,
            c.list.loading.is_some(),
            (&tr(l, "customers-what"), &c.filter, l),
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
                cells.push((stage_name(l, r.stage), style));
            }
            let rs = if selected {
                style
            } else {
                risk_style(r.risk_level, theme)
            };
            cells.push((risk_cell(l, r.risk_level), rs));
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
fn personal(l: Locale, d: &CustomerDetail) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(a) = d.addresses.iter().find(|a| a.is_default) {
        let label = Some(a.label.as_str())
            .filter(|l| !l.is_empty())
            .map(|l| format!("{l}: "))
            .unwrap_or_default();
        let more = match d.addresses.len() {
            0 | 1 => String::new(),
            n => format!(
                " {}",
                tr_args(l, "customers-address-more", &[("n", (n - 1).into())])
            ),
        };
        out.push((
            "customers-label-address",
            format!("{label}{}{more}", a.address),
        ));
    }
    let gender = d.gender.as_ref().map(|g| crm_words::gender(l, g.as_str()));
    let channel = d
        .contact_channel
        .as_ref()
        .map(|c| crm_words::contact_channel(l, c.as_str()));
    let time = d
        .contact_time
        .as_ref()
        .map(|t| crm_words::contact_time(l, t.as_str()));
    let when: Vec<String> = channel.into_iter().chain(time).collect();
    let prefers = (!when.is_empty())
        .then(|| tr_args(l, "customers-prefers", &[("how", when.join(", ").into())]));
    let person: Vec<String> = gender.into_iter().chain(prefers).collect();
    if !person.is_empty() {
        out.push(("customers-label-person", person.join(" · ")));
    }
    if !d.tags.is_empty() {
        let tags: Vec<&str> = d.tags.iter().map(|t| t.as_str()).collect();
        out.push(("customers-label-tags", tags.join(", ")));
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

fn satisfaction(l: Locale, d: &CustomerDetail) -> Option<String> {
    let mut parts = Vec::new();
    let kinds = crate::domain::metrics_rules::CSI_COMPONENTS;
    for (kind, max) in kinds.into_iter().zip([5, 10, 7]) {
        let scores: Vec<i64> = d
            .satisfaction
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.score)
            .collect();
        if let Some(last) = scores.last() {
            let tail = &scores[scores.len().saturating_sub(12)..];
            let label = tr_of(l, "customers-survey-", kind);
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
    let l = model.locale;
    let inner = layout::inner(area);
    let w = inner.width as usize;
    // Padded by display width: a Chinese label of four characters fills the eight cells.
    let label = |key: &str| {
        let text = tr(l, key);
        Span::styled(format!("{} ", fit(&text, 8)), theme.muted)
    };
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
        field("customers-label-contact", dash(contact), theme.base),
        field("customers-label-org-city", dash(org), theme.base),
    ];
    lines.extend(
        personal(l, d)
            .into_iter()
            .map(|(name, text)| field(name, text, theme.base)),
    );
    lines.extend([
        field(
            "customers-label-tier",
            format!(
                "{} ({}) · {}",
                model.tier_name(r.tier),
                tr_of(l, "customers-tier-source-", d.tier_source.as_str()),
                crm_words::tier_why(l, &d.tier_reason, &model.tier_names)
            ),
            theme.base,
        ),
        field(
            "customers-label-stage",
            format!(
                "{} · {}",
                stage_name(l, r.stage),
                crm_words::stage_why(l, &d.stage_reason)
            ),
            theme.base,
        ),
        field(
            "customers-label-risk",
            format!(
                "{} ({})",
                tr_of(l, "customers-risk-", r.risk_level.as_str()),
                r.risk_score
            ),
            risk_style(r.risk_level, theme),
        ),
    ]);
    for s in &d.risk_signals {
        let s = crm_words::weighted_signal(l, s);
        lines.push(Line::styled(
            truncate(&format!("         - {s}"), w),
            theme.muted,
        ));
    }
    let last = d.orders.last_at.map_or_else(|| "—".to_string(), fmt_day);
    let mut orders = tr_args(
        l,
        "customers-orders",
        &[
            ("count", d.orders.count.into()),
            ("total", money(d.orders.total_cents).into()),
            ("last", last.into()),
        ],
    );
    if let Some(s) = &d.rfm {
        let rfm = tr_args(l, "customers-rfm", &[("score", s.to_string().into())]);
        orders.push_str(&format!(" · {rfm}"));
    }
    lines.push(field("customers-label-orders", orders, theme.base));
    if let Some(clv) = d.value.clv_cents {
        let repeat = tr(
            l,
            if d.value.repeat_buyer {
                "customers-repeat-buyer"
            } else {
                "customers-bought-once"
            },
        );
        let per_year = d.value.orders_per_year.unwrap_or_default();
        let value: [(&str, Arg<'_>); 3] = [
            ("clv", money(clv).into()),
            ("per-year", per_year.into()),
            ("repeat", repeat.into()),
        ];
        lines.push(field(
            "customers-label-value",
            tr_args(l, "customers-value", &value),
            theme.base,
        ));
    }
    if let Some(s) = satisfaction(l, d) {
        lines.push(field("customers-label-survey", s, theme.base));
    }
    for c in &d.care {
        let kind = if c.kind == "win_back" {
            "customers-label-win-back"
        } else {
            "customers-label-care"
        };
        let due = date(c.due_at, model.utc_offset, "%m-%d");
        let style = if c.due_at <= model.now {
            theme.priority_high
        } else {
            theme.base
        };
        let text = tr_args(
            l,
            "customers-care-due",
            &[
                ("date", due.into()),
                ("note", crm_words::task_note(l, &c.note).into()),
            ],
        );
        lines.push(field(kind, text, style));
    }
    if !d.notes.is_empty() {
        lines.push(field(
            "customers-label-notes",
            crate::domain::text::one_line(d.notes.as_str()),
            theme.quote,
        ));
    }
    if !d.products.is_empty() {
        lines.push(Line::styled(
            tr_args(l, "customers-products", &[("n", d.products.len().into())]),
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
            .map(|t| {
                let bought = tr_args(l, "customers-bought", &[("date", fmt_day(t).into())]);
                format!("{bought} · ")
            })
            .unwrap_or_default();
        // Two lines: the warranty state is what an agent looks for, so it never gets cut off at 80 columns.
        lines.push(Line::raw(truncate(&format!("  {}{serial}", p.name), w)));
        lines.push(Line::from(vec![
            Span::styled(format!("    {bought}"), theme.muted),
            Span::styled(
                crm_words::warranty(l, warranty),
                warranty_style(warranty, theme),
            ),
        ]));
    }
    lines.push(Line::styled(
        tr_args(l, "customers-timeline", &[("n", d.open_tickets.into())]),
        theme.heading,
    ));
    let header_len = lines.len();
    let room = (inner.height as usize).saturating_sub(header_len);
    if d.timeline.is_empty() {
        let nothing = tr(l, "customers-nothing-yet");
        lines.push(Line::styled(format!("  {nothing}"), theme.muted));
    }
    // Keep the selected entry visible.
    let skip = (model.customers.timeline_selected + 1).saturating_sub(room);
    for (i, e) in d.timeline.iter().enumerate().skip(skip).take(room) {
        let text = format!(
            "  {} {}",
            date(e.at, model.utc_offset, "%m-%d"),
            crate::i18n::timeline::entry_words(model.locale, e)
        );
        let style = if focused && i == model.customers.timeline_selected {
            theme.selection
        } else if e.ticket.is_some() {
            theme.base
        } else {
            theme.muted
        };
        lines.push(Line::styled(truncate(&text, w), style));
    }
    let title = tr(
        l,
        if model.customers.from_ticket.is_some() {
            "customers-profile-from-ticket"
        } else {
            "customers-profile"
        },
    );
    frame.render_widget(
        Paragraph::new(lines).block(block(title, focused, theme)),
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
