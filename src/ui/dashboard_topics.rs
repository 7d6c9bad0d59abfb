//! The dashboard's hot-topics section (热点问题): this month's top categories, tags and products side by side with
//! how each moved against the same days of the month before, and the biggest movers on one line. Definitions in
//! docs/METRICS.md ("Hot topics").

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets::{self, Col};
use crate::domain::hot_topics::{HotTopics, Topic, TopicDim, describe};
use crate::domain::text::fit;
use crate::i18n::{Locale, tr, tr_args, tr_of};

/// A topic dimension's name in the locale (`Category`, `类型`).
fn dim_name(l: Locale, d: TopicDim) -> String {
    tr_of(l, "dashboard-topics-dim-", d.as_str())
}

pub fn render(frame: &mut Frame<'_>, area: Rect, (h, l): (&HotTopics, Locale), theme: &Theme) {
    let m = &h.months;
    let (from, to) = (m.from.to_string(), m.to.to_string());
    if h.is_empty() {
        let title = tr_args(
            l,
            "dashboard-topics-none",
            &[("from", from.into()), ("to", to.into())],
        );
        widgets::empty_state(frame, area, &[&title], theme);
        return;
    }
    let w = area.width as usize;
    let head = tr_args(
        l,
        "dashboard-topics-title",
        &[
            ("from", from.into()),
            ("to", to.into()),
            ("previous-from", m.previous_from.to_string().into()),
            ("previous-to", m.previous_to.to_string().into()),
        ],
    );
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&head, w), theme.title)),
        Rect { height: 1, ..area },
    );
    let dims = TopicDim::ALL;
    let gap = 2u16;
    let col_w = area.width.saturating_sub(gap * (dims.len() as u16 - 1)) / dims.len() as u16;
    let lists = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(4),
        ..area
    };
    for (i, dim) in dims.iter().enumerate() {
        let Some(ranking) = h.ranking(*dim) else {
            continue;
        };
        let rect = Rect {
            x: area.x + i as u16 * (col_w + gap),
            width: col_w,
            ..lists
        };
        column(frame, rect, (*dim, l), &ranking.top, theme);
    }
    let movers: Vec<String> = dims
        .iter()
        .filter_map(|d| h.ranking(*d))
        .filter_map(|r| r.movers.first().map(|t| (r.dim, t)))
        .map(|(d, t)| {
            format!(
                "{} {} {}",
                dim_name(l, d).to_lowercase(),
                t.label,
                describe(t)
            )
        })
        .collect();
    let line = if movers.is_empty() {
        tr(l, "dashboard-topics-still")
    } else {
        let movers = movers.join(" · ");
        tr_args(l, "dashboard-topics-movers", &[("movers", movers.into())])
    };
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&line, w), theme.muted)),
        Rect {
            y: area.bottom().saturating_sub(1),
            height: 1,
            ..area
        },
    );
}

/// One dimension: a header, then a row per topic with its count and move.
fn column(
    frame: &mut Frame<'_>,
    area: Rect,
    (dim, l): (TopicDim, Locale),
    top: &[Topic],
    theme: &Theme,
) {
    let cols = widgets::layout_cols(
        area.width as usize,
        &[Col::left(usize::MAX), Col::right(3), Col::right(7)],
    );
    let (name, change) = (dim_name(l, dim), tr(l, "dashboard-topics-column-change"));
    widgets::table_header(frame, area, &cols, &[&name, "n", &change], theme);
    let mut lines: Vec<Line> = top
        .iter()
        .map(|t| {
            let change = match (t.new, t.relative) {
                (true, _) => tr(l, "dashboard-topics-new"),
                _ if t.delta == 0 => "=".to_string(),
                (false, Some(r)) => format!("{}{:+}%", arrow(t.delta), r.round() as i64),
                (false, None) => format!("{:+}", t.delta),
            };
            widgets::row(
                &cols,
                vec![
                    (t.label.clone(), theme.base),
                    (t.count.to_string(), theme.title),
                    (change, theme.muted),
                ],
            )
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            fit(
                &tr(l, "dashboard-topics-none-this-month"),
                area.width as usize,
            ),
            theme.muted,
        ));
    }
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        },
    );
}

fn arrow(delta: i64) -> &'static str {
    match delta {
        d if d > 0 => "▲",
        d if d < 0 => "▼",
        _ => "=",
    }
}
