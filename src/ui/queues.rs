//! Queues pane: built-in views with live counts, and the ticket list of the selected view.

use super::theme::Theme;
use super::widgets::{
    Col, block, empty_state, fit_title, layout_cols, name_and_count, position, row, row_style,
    table_header,
};
use crate::app::{Model, QueueFocus, Queues, layout};
use crate::domain::text::width;
use crate::domain::ticket::{Priority, Status};
use crate::i18n::{self, tr, tr_args};
use crate::store::tickets::TicketRow;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let (side, list) = layout::queues(area);
    views(frame, side, model, theme);
    tickets(frame, list, model, theme);
}

fn views(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let q = &model.queues;
    let focused = q.focus == QueueFocus::Views;
    let inner = layout::inner(area);
    let w = inner.width as usize;
    let lines: Vec<Line> = q
        .views
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let count = q
                .counts
                .get(i)
                .copied()
                .flatten()
                .map_or("…".to_string(), |c| c.to_string());
            let text = name_and_count(&Queues::view_title(v, model.locale), &count, w);
            let style = row_style(i == q.selected_view, focused, theme);
            Line::styled(text, style)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(tr(model.locale, "views-title"), focused, theme)),
        area,
    );
}

/// Columns that fit the width: assignee, then customer, then the time since the last update are dropped on
/// narrow terminals. `fixed` holds the widths that depend on what is loaded and on the language: the widest
/// ticket number (`#1000000` needs 8 cells), status name and countdown.
fn columns(width: usize, fixed: Widths) -> Columns {
    let with_customer = width >= 64;
    let with_assignee = width >= 84;
    let with_updated = width >= 48;
    let mut spec = vec![
        Col::right(fixed.number),
        Col::left(3),
        Col::left(fixed.status),
        Col::right(fixed.due),
        Col::left(usize::MAX),
    ];
    if with_customer {
        spec.push(Col::left((width / 6).clamp(10, 18)));
    }
    if with_assignee {
        spec.push(Col::left((width / 8).clamp(9, 14)));
    }
    if with_updated {
        // Time since the last update: as wide as its header.
        spec.push(Col::right(7));
    }
    Columns {
        cols: layout_cols(width, &spec),
        with_customer,
        with_assignee,
        with_updated,
    }
}

/// Column widths set by the content rather than the terminal.
#[derive(Clone, Copy)]
struct Widths {
    number: usize,
    status: usize,
    due: usize,
}

/// The queue table's columns at a width, and which of the optional ones are shown.
struct Columns {
    cols: Vec<Col>,
    with_customer: bool,
    with_assignee: bool,
    with_updated: bool,
}

/// The widest the Due column grows: the longest countdown there is, `!已超时 9天23小时` (from ten days on the hours
/// are dropped); anything longer a translation makes ends in `…`.
const MAX_DUE: usize = 17;

pub fn priority_cell(p: Priority) -> String {
    format!("{}{}", p.letter(), p.glyph())
}

fn tickets(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let q = &model.queues;
    let focused = q.focus == QueueFocus::List;
    if let Some(s) = &q.search {
        super::search::render(frame, area, (s, model.locale), focused, theme);
        return;
    }
    // The sidebar counts the view; a typed filter's list is counted on its own (the list holds that count).
    let counted = q
        .counts
        .get(q.selected_view)
        .copied()
        .flatten()
        .filter(|_| q.filter.is_empty())
        .and_then(|c| usize::try_from(c).ok());
    let l = model.locale;
    let view = Queues::view_title(&q.view(), l);
    let mut title = view.clone();
    title.push_str(&position(q.list.position(counted), q.list.seen()));
    if !q.filter.is_empty() {
        title.push_str(" · ");
        title.push_str(&tr_args(
            l,
            "queues-title-filter",
            &[("filter", q.filter.as_str().into())],
        ));
    }
    if !q.marked.is_empty() {
        title.push_str(" · ");
        title.push_str(&tr_args(
            l,
            "queues-title-marked",
            &[("n", q.marked.len().into())],
        ));
    }
    frame.render_widget(block(fit_title(&title, area), focused, theme), area);
    let inner = layout::inner(area);
    let rows_area = layout::table_rows(area);
    let widest = q.list.rows.iter().map(|t| t.number).max().unwrap_or(0);
    let heading = |key| tr(l, key);
    let header_due = heading("queues-column-due");
    // Below 100 columns a Chinese countdown takes its short form (`!超8天23时`, not `!已超时 8天23小时`): the
    // subject keeps its room.
    let compact = inner.width < 100;
    // Every status name fits (等待客户 is 8 cells), and the countdowns loaded: a Chinese one says 已超时 in words.
    let fixed = Widths {
        // "#" plus the digits, plus one space so the number never touches the border.
        number: widest.to_string().len() + 2,
        status: Status::ALL
            .iter()
            .map(|s| width(&i18n::status(l, *s)))
            .chain([width(&heading("queues-column-status")), 7])
            .max()
            .unwrap_or(7),
        due: q
            .list
            .rows
            .iter()
            .map(|t| width(&super::service::due_cell(&t.sla, model.now, (l, compact), theme).0))
            .chain([width(&header_due), 7])
            .max()
            .unwrap_or(7)
            .min(MAX_DUE),
    };
    let columns = columns(inner.width as usize, fixed);
    let mut header = vec![
        heading("queues-column-number"),
        heading("queues-column-priority"),
        heading("queues-column-status"),
        header_due,
        heading("queues-column-subject"),
    ];
    if columns.with_customer {
        header.push(heading("queues-column-customer"));
    }
    if columns.with_assignee {
        header.push(heading("queues-column-assignee"));
    }
    // Time since the last update, as the column says: not the ticket's age since it was created.
    if columns.with_updated {
        header.push(heading("queues-column-updated"));
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    table_header(frame, inner, &columns.cols, &header, theme);

    if q.list.rows.is_empty() {
        let text = if q.list.loading.is_some() {
            tr(l, "queues-loading")
        } else if model.counts.is_some_and(|c| c.tickets == 0) {
            tr(l, "queues-no-tickets-yet")
        } else if !q.filter.is_empty() {
            let args = [
                ("view", view.as_str().into()),
                ("filter", q.filter.as_str().into()),
            ];
            tr_args(l, "queues-none-match", &args)
        } else {
            tr_args(l, "queues-none-in-view", &[("view", view.as_str().into())])
        };
        let msg: Vec<&str> = text.lines().collect();
        empty_state(frame, rows_area, &msg, theme);
        return;
    }

    let visible = q
        .list
        .rows
        .iter()
        .enumerate()
        .skip(q.list.offset)
        .take(rows_area.height as usize);
    let lines: Vec<Line> = visible
        .map(|(i, t)| {
            let state = RowState {
                selected: i == q.list.selected && focused,
                marked: i == q.list.selected,
                marked_for_bulk: q.marked.contains_key(&t.number),
            };
            ticket_line(t, &columns, (model, compact), theme, state)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows_area);
}

/// How a row is highlighted: the cursor in a focused list, the cursor in an unfocused one, marked for bulk.
#[derive(Clone, Copy)]
struct RowState {
    selected: bool,
    marked: bool,
    marked_for_bulk: bool,
}

fn ticket_line<'a>(
    t: &TicketRow,
    columns: &Columns,
    (model, compact): (&Model, bool),
    theme: &Theme,
    state: RowState,
) -> Line<'a> {
    let RowState {
        selected,
        marked,
        marked_for_bulk,
    } = state;
    let base = if selected {
        theme.selection
    } else {
        Style::new()
    };
    let pick = |s: Style| if selected { theme.selection } else { s };
    // A bulk mark reads without colour too: a `*` before the number.
    let number = if marked_for_bulk {
        format!("*#{}", crate::domain::ticket::shown_number(t.number))
    } else {
        format!("#{}", crate::domain::ticket::shown_number(t.number))
    };
    let mut cells = vec![
        (
            number,
            if marked_for_bulk && !selected {
                theme.title
            } else {
                pick(theme.muted)
            },
        ),
        (priority_cell(t.priority), pick(theme.priority(t.priority))),
        (i18n::status(model.locale, t.status), base),
        {
            let (text, style) =
                super::service::due_cell(&t.sla, model.now, (model.locale, compact), theme);
            (text, pick(style))
        },
        (t.subject.to_string(), base),
    ];
    if columns.with_customer {
        cells.push((
            t.customer
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            base,
        ));
    }
    if columns.with_assignee {
        cells.push((
            t.assignee
                .as_ref()
                .map_or("—".to_string(), |a| a.to_string()),
            pick(theme.muted),
        ));
    }
    if columns.with_updated {
        cells.push((
            i18n::compact_age(model.locale, model.now - t.updated_at),
            pick(theme.muted),
        ));
    }
    let line = row(&columns.cols, cells);
    if selected {
        // The whole line, gaps included, so the bar reads as one under NO_COLOR's reverse video.
        line.style(theme.selection)
    } else if marked {
        // Unfocused list: keep a visible cursor without the full selection colour.
        line.style(theme.title)
    } else {
        line
    }
}
