//! Search results in the queue pane: two lines a hit — number, status and subject, then the snippet with the
//! matched words highlighted.

use super::theme::Theme;
use super::widgets::{block, empty_state, fit_title, hit_position, row_style};
use crate::app::protocol::tickets::SEARCH_LIMIT;
use crate::app::{SearchState, layout};
use crate::domain::text::{fit, one_line, truncate};
use crate::i18n::{tr, tr_args};
use crate::store::search::{MARK_END, MARK_START};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(
    frame: &mut Frame<'_>,
    area: Rect,
    (s, locale): (&SearchState, crate::i18n::Locale),
    focused: bool,
    theme: &Theme,
) {
    let order = tr(
        locale,
        if s.relevance {
            "search-order-relevance"
        } else {
            "search-order-newest"
        },
    );
    let position = if s.loading {
        String::new()
    } else {
        hit_position(s.selected, s.hits.len(), SEARCH_LIMIT)
    };
    let title = tr_args(
        locale,
        "search-title",
        &[
            ("query", s.query.as_str().into()),
            ("position", position.into()),
            ("order", order.into()),
        ],
    );
    frame.render_widget(block(fit_title(&title, area), focused, theme), area);
    let inner = layout::inner(area);
    if s.hits.is_empty() {
        let text = tr(
            locale,
            if s.loading {
                "search-searching"
            } else {
                "search-no-match"
            },
        );
        let msg: Vec<&str> = text.lines().collect();
        empty_state(frame, inner, &msg, theme);
        return;
    }
    let per_page = (inner.height as usize / 2).max(1);
    let skip = (s.selected + 1).saturating_sub(per_page);
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for (i, h) in s.hits.iter().enumerate().skip(skip).take(per_page) {
        let style = row_style(i == s.selected, focused, theme);
        // Padded by display width, so a Chinese status lines up the subjects as an English one does.
        let head = format!(
            " #{} {} {}",
            crate::domain::ticket::shown_number(h.number),
            fit(&crate::i18n::status(locale, h.status), 8),
            h.subject
        );
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
