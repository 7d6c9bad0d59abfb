//! Knowledge base pane: categories, the article list (a view, or search hits with snippets), and the reader
//! (Markdown, or the article's change history).

use super::markdown;
use super::theme::Theme;
use super::widgets::{
    Col, block, date, empty_list, empty_state, fit_title, hit_position, layout_cols,
    name_and_count, pad, position, row, row_style, scrolled, table_header,
};
use crate::app::geometry::reader_meta;
use crate::app::{KbFocus, Model, layout};
use crate::domain::kb::{ArticleStatus, KbView, snippet_parts};
use crate::domain::text::{fit, one_line, sanitize, truncate, width};
use crate::i18n::{Locale, tr, tr_args, tr_of};
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

/// An article's status in the locale (`draft`, `草稿`).
pub fn status_name(l: Locale, s: ArticleStatus) -> String {
    tr_of(l, "kb-status-", s.as_str())
}

/// A view's name in the locale (`Most used`, `最常用`).
pub fn view_name(l: Locale, v: KbView) -> String {
    tr_of(l, "kb-view-", v.as_str())
}

fn categories(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let l = model.locale;
    let kb = &model.kb;
    let focused = kb.focus == KbFocus::Categories;
    let w = layout::inner(area).width as usize;
    let total: i64 = kb.categories.iter().map(|c| c.articles).sum();
    let entries = std::iter::once((tr(l, "kb-all-articles"), total)).chain(
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
        Paragraph::new(lines).block(block(tr(l, "kb-categories"), focused, theme)),
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
    let l = model.locale;
    let kb = &model.kb;
    let focused = kb.focus == KbFocus::Articles;
    let title = format!(
        "{}{}",
        view_name(l, kb.view),
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
    let column = |key: &str| tr(l, key);
    let statuses = ArticleStatus::ALL.iter().map(|s| status_name(l, *s));
    let mut spec = vec![
        Col::left(usize::MAX),
        Col::fitting(9, statuses.chain([column("kb-column-status")])),
    ];
    let mut header = vec![column("kb-column-title"), column("kb-column-status")];
    for (on, col, name) in [
        (show_uses, Col::right(5), "kb-column-uses"),
        (show_votes, Col::right(7), "kb-column-votes"),
        (show_date, Col::left(10), "kb-column-updated"),
    ] {
        if on {
            let name = column(name);
            spec.push(Col {
                width: col.width.max(width(&name)),
                ..col
            });
            header.push(name);
        }
    }
    let cols = layout_cols(inner.width as usize, &spec);
    table_header(frame, inner, &cols, &header, theme);
    if kb.list.rows.is_empty() {
        let nothing = tr(
            l,
            match kb.view {
                KbView::Drafts => "kb-empty-drafts",
                KbView::Stale => "kb-empty-stale",
                KbView::LeastHelpful => "kb-empty-least-helpful",
                KbView::Archived => "kb-empty-archived",
                _ => "kb-empty",
            },
        );
        empty_list(
            frame,
            rows,
            kb.list.loading.is_some(),
            (&tr(l, "kb-what"), "", l),
            &nothing,
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
            let mut cells = vec![
                (a.title.to_string(), style),
                (status_name(l, a.status), status),
            ];
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
    let l = model.locale;
    let focused = kb.focus == KbFocus::Articles;
    let n = search.hits.len();
    let position = if search.loading {
        String::new()
    } else {
        hit_position(search.selected, n, crate::app::protocol::kb::SEARCH_LIMIT)
    };
    let title = tr_args(
        l,
        "kb-search-title",
        &[
            ("query", truncate(&search.query, 30).into()),
            ("position", position.into()),
        ],
    );
    frame.render_widget(block(fit_title(&title, area), focused, theme), area);
    let inner = layout::inner(area);
    let w = inner.width as usize;
    if search.hits.is_empty() {
        let msg = if search.loading {
            tr(l, "kb-searching")
        } else {
            tr_args(
                l,
                "kb-no-match",
                &[("query", search.query.to_string().into())],
            )
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
            s => format!(" [{}]", status_name(l, s)),
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
    let l = model.locale;
    let Some(a) = &model.kb.article else {
        frame.render_widget(block(tr(l, "kb-article"), true, theme), area);
        empty_state(frame, layout::inner(area), &[&tr(l, "kb-loading")], theme);
        return;
    };
    let inner = layout::inner(area);
    let status = match a.row.status {
        ArticleStatus::Published => String::new(),
        s => format!(" · {}", status_name(l, s).to_uppercase()),
    };
    let category = a
        .row
        .category
        .as_ref()
        .map_or_else(|| tr(l, "kb-uncategorised"), |c| c.to_string());
    if model.kb.show_history {
        let title = tr_args(
            l,
            "kb-history-title",
            &[("title", a.row.title.to_string().into())],
        );
        scrolled(
            frame,
            area,
            history_lines(model, inner.width as usize, theme),
            (model.kb.scroll, model.locale),
            &title,
            theme,
        );
        return;
    }
    let title = format!("{}{status} · {category}", a.row.title);
    let mut body = markdown::render_lines(a.body_md.as_str(), inner.width as usize, theme);
    let meta = reader_meta(a, inner.width as usize, (model.utc_offset, model.locale));
    let mut lines: Vec<Line> = meta
        .into_iter()
        .map(|l| Line::styled(l, theme.muted))
        .collect();
    lines.append(&mut body);
    let body = lines;
    scrolled(
        frame,
        area,
        body,
        (model.kb.scroll, model.locale),
        &title,
        theme,
    );
}

/// The change log, one line per change; long values (the body) are summarised, not printed.
fn history_lines<'a>(model: &Model, w: usize, theme: &Theme) -> Vec<Line<'a>> {
    let l = model.locale;
    let Some(rows) = &model.kb.history else {
        return vec![Line::styled(tr(l, "kb-loading"), theme.muted)];
    };
    if rows.is_empty() {
        return vec![Line::styled(tr(l, "kb-no-changes"), theme.muted)];
    }
    rows.iter()
        .rev()
        .map(|c| {
            let value = |v: &Option<String>| match v {
                None => "—".to_string(),
                Some(v) if c.field == "body_md" => {
                    tr_args(l, "kb-chars", &[("n", v.chars().count().into())])
                }
                Some(v) => truncate(&one_line(&sanitize(v)), 40),
            };
            let field = if c.field == "body_md" {
                tr(l, "kb-field-text")
            } else {
                c.field.to_string()
            };
            // Padded by display width, so a Chinese name keeps the columns.
            let text = format!(
                "{}  {}  {}  {} → {}",
                date(c.at, model.utc_offset, "%Y-%m-%d %H:%M"),
                pad(&sanitize(c.actor.as_deref().unwrap_or("—")), 8),
                pad(&field, 9),
                value(&c.old),
                value(&c.new)
            );
            Line::styled(fit(&text, w), theme.base)
        })
        .collect()
}
