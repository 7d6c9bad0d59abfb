//! Knowledge base pane: categories, the article list (a view, or search hits with snippets), and the reader
//! (Markdown, or the article's change history).

use super::markdown;
use super::theme::Theme;
use super::widgets::{
    Col, block, date, empty_list, empty_state, fit_title, hit_position, layout_cols,
    name_and_count, position, row, row_style, scrolled, table_header,
};
use crate::app::geometry::reader_meta;
use crate::app::{KbFocus, Model, layout};
use crate::domain::kb::{ArticleStatus, KbView, snippet_parts};
use crate::domain::text::{fit, one_line, sanitize, truncate, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    if model.kb.focus == KbFocus::Reader {
        reader(frame, area, model, theme);
        return;
    }
    let (cats, list) = layout::kb(area);
    categories(frame, cats, model, theme);
    if model.kb.search.is_some() {
        hits(frame, list, model, theme);
    } else {
        articles(frame, list, model, theme);
    }
}

fn categories(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let kb = &model.kb;
    let focused = kb.focus == KbFocus::Categories;
    let w = layout::inner(area).width as usize;
    let total: i64 = kb.categories.iter().map(|c| c.articles).sum();
    let entries = std::iter::once(("All articles".to_string(), total)).chain(
        kb.categories
            .iter()
            .map(|c| (c.name.to_string(), c.articles)),
    );
    let lines: Vec<Line> = entries
        .enumerate()
        .map(|(i, (name, n))| {
            let count = n.to_string();
            let text = name_and_count(&name, &count, w);
            let style = row_style(i == kb.category_selected, focused, theme);
            Line::styled(text, style)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block("Categories".into(), focused, theme)),
        area,
    );
}

/// Drafts stand out; archived and published articles do not.
fn status_style(status: ArticleStatus, theme: &Theme) -> Style {
    match status {
        ArticleStatus::Draft => theme.priority_high,
        ArticleStatus::Published | ArticleStatus::Archived => theme.muted,
    }
}

fn articles(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let kb = &model.kb;
    let focused = kb.focus == KbFocus::Articles;
    let title = format!(
        "{}{}",
        kb.view.label(),
        position(kb.list.position(None), kb.list.seen())
    );
    frame.render_widget(block(fit_title(&title, area), focused, theme), area);
    let inner = layout::inner(area);
    let rows = layout::table_rows(area);
    let wide = inner.width >= 70;
    // Narrow, a view still shows the number it is ordered by.
    let (show_uses, show_votes, show_date) = match kb.view {
        _ if wide => (true, true, true),
        KbView::MostUsed => (true, false, false),
        KbView::LeastHelpful => (false, true, false),
        KbView::Stale => (false, false, true),
        _ => (false, false, false),
    };
    let mut spec = vec![Col::left(usize::MAX), Col::left(9)];
    let mut header = vec!["Title", "Status"];
    for (on, col, name) in [
        (show_uses, Col::right(5), "Uses"),
        (show_votes, Col::right(7), "Votes"),
        (show_date, Col::left(10), "Updated"),
    ] {
        if on {
            spec.push(col);
            header.push(name);
        }
    }
    let cols = layout_cols(inner.width as usize, &spec);
    table_header(frame, inner, &cols, &header, theme);
    if kb.list.rows.is_empty() {
        let nothing = match kb.view {
            crate::domain::kb::KbView::Drafts => "No drafts. n writes a new article.",
            crate::domain::kb::KbView::Stale => {
                "Nothing stale: every article was updated recently."
            }
            crate::domain::kb::KbView::LeastHelpful => "No article has enough votes to rank yet.",
            crate::domain::kb::KbView::Archived => "Nothing archived.",
            _ => "No articles here. n writes one; desk kb import DIR reads a folder.",
        };
        empty_list(
            frame,
            rows,
            kb.list.loading.is_some(),
            ("articles", ""),
            nothing,
            theme,
        );
        return;
    }
    let lines: Vec<Line> = kb
        .list
        .rows
        .iter()
        .enumerate()
        .skip(kb.list.offset)
        .take(rows.height as usize)
        .map(|(i, a)| {
            let selected = i == kb.list.selected;
            let style = row_style(selected, focused, theme);
            let status = if selected && focused {
                style
            } else {
                status_style(a.status, theme)
            };
            let mut cells = vec![(a.title.to_string(), style), (a.status.to_string(), status)];
            if show_uses {
                cells.push((a.uses.to_string(), style));
            }
            if show_votes {
                cells.push((format!("{}/{}", a.helpful_up, a.helpful_down), style));
            }
            if show_date {
                cells.push((date(a.updated_at, model.utc_offset, "%Y-%m-%d"), style));
            }
            row(&cols, cells).style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows);
}

/// Search results: the title, then a line of text around the match with the matched words highlighted.
fn hits(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let kb = &model.kb;
    let Some(search) = &kb.search else {
        return;
    };
    let focused = kb.focus == KbFocus::Articles;
    let n = search.hits.len();
    let title = format!(
        "Search “{}”{} · Esc clears",
        truncate(&search.query, 30),
        if search.loading {
            String::new()
        } else {
            hit_position(search.selected, n, crate::app::protocol::kb::SEARCH_LIMIT)
        },
    );
    frame.render_widget(block(fit_title(&title, area), focused, theme), area);
    let inner = layout::inner(area);
    let w = inner.width as usize;
    if search.hits.is_empty() {
        let msg = if search.loading {
            "Searching…".to_string()
        } else {
            format!("No article matches “{}”.", search.query)
        };
        empty_state(frame, inner, &[msg.as_str()], theme);
        return;
    }
    let per_page = (inner.height as usize / 2).max(1);
    let skip = (search.selected + 1).saturating_sub(per_page);
    let mut lines = Vec::new();
    for (i, h) in search.hits.iter().enumerate().skip(skip).take(per_page) {
        let selected = i == search.selected;
        let style = row_style(selected, focused, theme);
        let badge = match h.row.status {
            ArticleStatus::Published => String::new(),
            s => format!(" [{s}]"),
        };
        let title_w = w.saturating_sub(width(&badge) + 1);
        lines.push(Line::from(vec![
            Span::styled(format!(" {}", fit(h.row.title.as_str(), title_w)), style),
            Span::styled(badge, status_style(h.row.status, theme)),
        ]));
        let mut spans = vec![Span::raw("   ")];
        let mut room = w.saturating_sub(3);
        for (text, hit) in snippet_parts(h.snippet.as_str()) {
            if room == 0 {
                break;
            }
            let piece = truncate(&text, room);
            room = room.saturating_sub(width(&piece));
            let s = if hit { theme.highlight } else { theme.muted };
            spans.push(Span::styled(piece, s));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The lines above an article's text in the reader (who, when, counts; tags and keys), wrapped at `w`. Update
/// counts them for the scroll range, so both use this one function.
fn reader(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let Some(a) = &model.kb.article else {
        frame.render_widget(block("Article".into(), true, theme), area);
        empty_state(frame, layout::inner(area), &["Loading…"], theme);
        return;
    };
    let inner = layout::inner(area);
    let status = match a.row.status {
        ArticleStatus::Published => String::new(),
        s => format!(" · {}", s.as_str().to_uppercase()),
    };
    let category = a
        .row
        .category
        .as_ref()
        .map_or("uncategorised".to_string(), |c| c.to_string());
    if model.kb.show_history {
        let title = format!("History · {}", a.row.title);
        scrolled(
            frame,
            area,
            history_lines(model, inner.width as usize, theme),
            model.kb.scroll,
            &title,
            theme,
        );
        return;
    }
    let title = format!("{}{status} · {category}", a.row.title);
    let mut body = markdown::render_lines(a.body_md.as_str(), inner.width as usize, theme);
    let meta = reader_meta(a, inner.width as usize, model.utc_offset);
    let mut lines: Vec<Line> = meta
        .into_iter()
        .map(|l| Line::styled(l, theme.muted))
        .collect();
    lines.append(&mut body);
    let body = lines;
    scrolled(frame, area, body, model.kb.scroll, &title, theme);
}

/// The change log, one line per change; long values (the body) are summarised, not printed.
fn history_lines<'a>(model: &Model, w: usize, theme: &Theme) -> Vec<Line<'a>> {
    let Some(rows) = &model.kb.history else {
        return vec![Line::styled("Loading…", theme.muted)];
    };
    if rows.is_empty() {
        return vec![Line::styled("No changes recorded.", theme.muted)];
    }
    rows.iter()
        .rev()
        .map(|c| {
            let value = |v: &Option<String>| match v {
                None => "—".to_string(),
                Some(v) if c.field == "body_md" => format!("{} chars", v.chars().count()),
                Some(v) => truncate(&one_line(&sanitize(v)), 40),
            };
            let text = format!(
                "{}  {:<8}  {:<9}  {} → {}",
                date(c.at, model.utc_offset, "%Y-%m-%d %H:%M"),
                sanitize(c.actor.as_deref().unwrap_or("—")),
                c.field.replace("body_md", "text"),
                value(&c.old),
                value(&c.new)
            );
            Line::styled(fit(&text, w), theme.base)
        })
        .collect()
}
