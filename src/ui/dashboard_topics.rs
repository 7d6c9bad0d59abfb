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

pub fn render(frame: &mut Frame<'_>, area: Rect, h: &HotTopics, theme: &Theme) {
    let m = &h.months;
    if h.is_empty() {
        let title = format!("No tickets {} – {} or the month before", m.from, m.to);
        widgets::empty_state(frame, area, &[&title], theme);
        return;
    }
    let w = area.width as usize;
    let head = format!(
        "Hot topics 热点问题 · {} – {} vs {} – {}",
        m.from, m.to, m.previous_from, m.previous_to
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
        column(frame, rect, *dim, &ranking.top, theme);
    }
    let movers: Vec<String> = dims
        .iter()
        .filter_map(|d| h.ranking(*d))
        .filter_map(|r| r.movers.first().map(|t| (r.dim, t)))
        .map(|(d, t)| format!("{} {} {}", d.as_str(), t.label, describe(t)))
        .collect();
    let line = if movers.is_empty() {
        "Nothing moved since the month before".to_string()
    } else {
        format!("Biggest movers: {}", movers.join(" · "))
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
fn column(frame: &mut Frame<'_>, area: Rect, dim: TopicDim, top: &[Topic], theme: &Theme) {
    let cols = widgets::layout_cols(
        area.width as usize,
        &[Col::left(usize::MAX), Col::right(3), Col::right(7)],
    );
    widgets::table_header(frame, area, &cols, &[dim.label(), "n", "change"], theme);
    let mut lines: Vec<Line> = top
        .iter()
        .map(|t| {
            let change = match (t.new, t.relative) {
                (true, _) => "new".to_string(),
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
            fit("none this month", area.width as usize),
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
