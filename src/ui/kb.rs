//! Knowledge base pane: categories, the article list, and the reader.

use super::markdown;
use super::theme::Theme;
use super::widgets::{
    Col, block, date, empty_list, empty_state, layout_cols, name_and_count, row, row_style,
    scrolled, table_header,
};
use crate::app::{KbFocus, Model, layout};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    if model.kb.focus == KbFocus::Reader {
        reader(frame, area, model, theme);
        return;
    }
    let (cats, list) = layout::kb(area);
    categories(frame, cats, model, theme);
    articles(frame, list, model, theme);
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

fn articles(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let kb = &model.kb;
    let focused = kb.focus == KbFocus::Articles;
    let mut title = "Articles".to_string();
    if !kb.filter.is_empty() {
        title.push_str(&format!(" · “{}”", kb.filter));
    }
    frame.render_widget(block(title, focused, theme), area);
    let inner = layout::inner(area);
    let rows = layout::table_rows(area);
    let wide = inner.width >= 70;
    let mut spec = vec![Col::left(usize::MAX), Col::left(9)];
    if wide {
        spec.push(Col::right(6));
        spec.push(Col::left(10));
    }
    let cols = layout_cols(inner.width as usize, &spec);
    let mut header = vec!["Title", "Status"];
    if wide {
        header.extend(["Views", "Updated"]);
    }
    table_header(frame, inner, &cols, &header, theme);
    if kb.list.rows.is_empty() {
        let nothing = "No articles in this category.";
        empty_list(
            frame,
            rows,
            kb.list.loading.is_some(),
            !kb.filter.is_empty(),
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
            let status_style = if selected && focused {
                style
            } else if a.status == "published" {
                theme.muted
            } else {
                theme.priority_high
            };
            let mut cells = vec![
                (a.title.to_string(), style),
                (a.status.clone(), status_style),
            ];
            if wide {
                cells.push((a.views.to_string(), style));
                cells.push((date(a.updated_at, model.utc_offset, "%Y-%m-%d"), style));
            }
            row(&cols, cells).style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows);
}

/// Lines above the article body in the reader (author line and a blank), counted in the scroll range.
pub const READER_META_LINES: usize = 2;

fn reader(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let Some(a) = &model.kb.article else {
        frame.render_widget(block("Article".into(), true, theme), area);
        empty_state(frame, layout::inner(area), &["Loading…"], theme);
        return;
    };
    let inner = layout::inner(area);
    let width = inner.width as usize;
    let mut body = markdown::render_lines(a.body_md.as_str(), width, theme);
    let status = if a.row.status == "published" {
        String::new()
    } else {
        format!(" · {}", a.row.status.to_uppercase())
    };
    let category = a
        .row
        .category
        .as_ref()
        .map_or("uncategorised".to_string(), |c| c.to_string());
    let title = format!("{}{status} · {category}", a.row.title);
    let meta = Line::from(vec![Span::styled(
        format!(
            "by {} · updated {} · {} views · 👍 {} 👎 {}",
            a.author.as_ref().map_or("—".to_string(), |s| s.to_string()),
            date(a.row.updated_at, model.utc_offset, "%Y-%m-%d"),
            a.row.views,
            a.row.helpful_up,
            a.row.helpful_down
        ),
        theme.muted,
    )]);
    body.insert(0, Line::raw(""));
    body.insert(0, meta);
    scrolled(frame, area, body, model.kb.scroll, &title, theme);
}
