//! Search results in the queue pane: two lines a hit — number, status and subject, then the snippet with the
//! matched words highlighted.

use super::theme::Theme;
use super::widgets::{block, empty_state, row_style};
use crate::app::{SearchState, layout};
use crate::domain::text::{one_line, truncate};
use crate::store::search::{MARK_END, MARK_START};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame<'_>, area: Rect, s: &SearchState, focused: bool, theme: &Theme) {
    let order = if s.relevance {
        "best match first"
    } else {
        "newest first"
    };
    let n = s.hits.len();
    let title = format!(
        "Search “{}” · {n} hit{} · {order} (o) · Esc back to the view",
        s.query,
        if n == 1 { "" } else { "s" }
    );
    frame.render_widget(block(title, focused, theme), area);
    let inner = layout::inner(area);
    if s.hits.is_empty() {
        let msg: &[&str] = if s.loading {
            &["Searching…"]
        } else {
            &["Nothing found.", "S searches again."]
        };
        empty_state(frame, inner, msg, theme);
        return;
    }
    let per_page = (inner.height as usize / 2).max(1);
    let skip = (s.selected + 1).saturating_sub(per_page);
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for (i, h) in s.hits.iter().enumerate().skip(skip).take(per_page) {
        let style = row_style(i == s.selected, focused, theme);
        let head = format!(" #{} {:<8} {}", h.number, h.status.label(), h.subject);
        lines.push(Line::styled(truncate(&head, w), style));
        // The snippet: matched words highlighted, the rest muted.
        let mut spans = vec![Span::raw("   ")];
        let mut used = 3;
        let snippet = one_line(h.snippet.as_str());
        for (j, part) in snippet.split([MARK_START, MARK_END]).enumerate() {
            let part = truncate(part, w.saturating_sub(used));
            used += crate::domain::text::width(&part);
            spans.push(Span::styled(
                part,
                if j % 2 == 1 {
                    theme.highlight
                } else {
                    theme.muted
                },
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
