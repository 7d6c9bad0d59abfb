//! Small drawing helpers shared by panes: bordered blocks, fixed-width columns, empty states.

use super::theme::Theme;
use crate::app::text_input::TextInput;
use crate::domain::text::{fit, width};
use crate::i18n::{tr, tr_args};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(Span::styled(
            format!(" {title} "),
            if focused { theme.title } else { theme.muted },
        ))
}

/// `title` cut to fit the top border of a block `area` wide (with its corners and padding), ending in `…` when
/// cut: a long filter in a list's title does not vanish silently at the border.
pub fn fit_title(title: &str, area: Rect) -> String {
    crate::domain::text::truncate(title, usize::from(area.width.saturating_sub(4)))
}

/// A column of a hand-laid table: display width and alignment.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub width: usize,
    pub right: bool,
}

impl Col {
    pub fn left(width: usize) -> Col {
        Col {
            width,
            right: false,
        }
    }
    pub fn right(width: usize) -> Col {
        Col { width, right: true }
    }
    /// A left-aligned column as wide as the widest of `texts` in display cells (a header and every value it can
    /// hold, in the locale), never narrower than `min`.
    pub fn fitting<S: AsRef<str>>(min: usize, texts: impl IntoIterator<Item = S>) -> Col {
        Col::left(
            texts
                .into_iter()
                .map(|t| width(t.as_ref()))
                .fold(min, usize::max),
        )
    }
}

/// One table line from cells, each fitted to its column by display width (so CJK text aligns), one space apart.
pub fn row<'a>(cols: &[Col], cells: Vec<(String, Style)>) -> Line<'a> {
    let mut spans = Vec::with_capacity(cells.len() * 2);
    for (i, (col, (text, style))) in cols.iter().zip(cells).enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        let fitted = if col.right && width(&text) < col.width {
            format!("{}{}", " ".repeat(col.width - width(&text)), text)
        } else {
            fit(&text, col.width)
        };
        spans.push(Span::styled(fitted, style));
    }
    Line::from(spans)
}

/// `s` padded with spaces to `cells` display cells and never cut: what `{:<cells}` does for ASCII, for any text.
pub fn pad(s: &str, cells: usize) -> String {
    format!("{s}{}", " ".repeat(cells.saturating_sub(width(s))))
}

/// Widths for a table: fixed columns keep their width, the flexible one (`usize::MAX`) takes the rest.
pub fn layout_cols(total: usize, spec: &[Col]) -> Vec<Col> {
    let fixed: usize = spec
        .iter()
        .filter(|c| c.width != usize::MAX)
        .map(|c| c.width)
        .sum();
    let gaps = spec.len().saturating_sub(1);
    let flex = total.saturating_sub(fixed + gaps).max(4);
    spec.iter()
        .map(|c| {
            if c.width == usize::MAX {
                Col { width: flex, ..*c }
            } else {
                *c
            }
        })
        .collect()
}

/// A centred, muted message for empty lists and panes.
pub fn empty_state(frame: &mut Frame<'_>, area: Rect, lines: &[&str], theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let area = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    let text: Vec<Line> = lines
        .iter()
        .map(|l| Line::styled(l.to_string(), theme.muted))
        .collect();
    frame.render_widget(
        Paragraph::new(text)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(Wrap { trim: false }),
        area,
    );
}

pub use crate::domain::text::local_date as date;

/// ` name … count ` in `width` cells: the name cut to fit, the count right-aligned, a space between.
pub fn name_and_count(name: &str, count: &str, width: usize) -> String {
    let name_w = width.saturating_sub(count.len() + 3);
    format!(" {} {count} ", fit(name, name_w))
}

/// `[n/m]` for a list title: the selected row's place and the list's length. `m+` when only a lower bound (`seen`)
/// is known, `?` for a place not known (a list entered in the middle); empty while nothing is known.
pub fn position((n, total): (Option<usize>, Option<usize>), seen: usize) -> String {
    let total = match total {
        Some(t) => t.to_string(),
        None if n.is_some() => format!("{seen}+"),
        None => return String::new(),
    };
    let n = match n {
        Some(n) => n.to_string(),
        None if total == "0" => "0".to_string(),
        None => "?".to_string(),
    };
    format!(" [{n}/{total}]")
}

/// `[n/m]` over results that stop at `limit` (as many as the limit may mean more).
pub fn hit_position(selected: usize, hits: usize, limit: usize) -> String {
    let more = if hits >= limit { "+" } else { "" };
    let n = if hits == 0 { 0 } else { selected + 1 };
    format!(" [{n}/{hits}{more}]")
}

/// The style of a list row: full selection when the list has focus, bold when it does not, plain otherwise.
pub fn row_style(selected: bool, focused: bool, theme: &Theme) -> Style {
    match (selected, focused) {
        (true, true) => theme.selection,
        (true, false) => theme.title,
        _ => theme.base,
    }
}

/// Draws a table's header on the first line of `inner`.
pub fn table_header<S: AsRef<str>>(
    frame: &mut Frame<'_>,
    inner: Rect,
    cols: &[Col],
    header: &[S],
    theme: &Theme,
) {
    let cells = header
        .iter()
        .map(|h| (h.as_ref().to_string(), theme.muted))
        .collect();
    frame.render_widget(
        Paragraph::new(row(cols, cells)),
        Rect {
            height: 1.min(inner.height),
            ..inner
        },
    );
}

/// The empty state of a paged list: loading, nothing matching the filter (`what` is the kind of row, `filter` the
/// typed text), or nothing at all.
pub fn empty_list(
    frame: &mut Frame<'_>,
    area: Rect,
    loading: bool,
    (what, filter, l): (&str, &str, crate::i18n::Locale),
    nothing: &str,
    theme: &Theme,
) {
    if loading {
        return empty_state(frame, area, &[&tr(l, "chrome-loading")], theme);
    }
    if filter.is_empty() {
        return empty_state(frame, area, &[nothing], theme);
    }
    let why = tr_args(
        l,
        "chrome-none-match",
        &[("what", what.into()), ("filter", filter.into())],
    );
    let lines: Vec<&str> = why.lines().collect();
    empty_state(frame, area, &lines, theme);
}

/// A bordered, scrolled text view titled `{title} · a–b of n`. The scroll is clamped to the last page here, so
/// update may overshoot (e.g. "jump to the end") without knowing the wrapped length.
pub fn scrolled(
    frame: &mut Frame<'_>,
    area: Rect,
    lines: Vec<Line<'_>>,
    (scroll, l): (usize, crate::i18n::Locale),
    title: &str,
    theme: &Theme,
) {
    let height = area.height.saturating_sub(2) as usize;
    let total = lines.len();
    let scroll = scroll.min(total.saturating_sub(height));
    let title = tr_args(
        l,
        "chrome-scrolled",
        &[
            ("title", title.into()),
            ("first", (scroll + 1).min(total).into()),
            ("last", (scroll + height).min(total).into()),
            ("total", total.into()),
        ],
    );
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(
        Paragraph::new(visible).block(block(title, true, theme)),
        area,
    );
}

/// Writes one line of text onto a block's border (a presence note, suggestions). The cells are cleared first: a
/// wide character drawn over the border leaves the border's cell behind it in the buffer, and once the text
/// changes the terminal would keep a blank there.
pub fn on_border(frame: &mut Frame<'_>, at: Rect, text: String, style: Style) {
    frame.render_widget(ratatui::widgets::Clear, at);
    frame.render_widget(Paragraph::new(Line::styled(text, style)), at);
}

/// A text input as one line of `width` columns: the part around the cursor, with the cursor drawn as `▏` (a
/// mark that shows without colour and in a snapshot).
pub fn text_input<'a>(
    input: &TextInput,
    width: usize,
    style: Style,
    cursor: Style,
) -> Vec<Span<'a>> {
    // One column is the cursor's own.
    let room = width.saturating_sub(1);
    let scroll = input.scroll(room);
    let at = input.cursor_column();
    let (mut before, mut after) = (String::new(), String::new());
    let mut col = 0;
    for c in input.value().chars() {
        let w = crate::domain::text::width(c.encode_utf8(&mut [0; 4]));
        if col >= scroll && col + w <= scroll + room {
            if col < at {
                before.push(c);
            } else {
                after.push(c);
            }
        }
        col += w;
    }
    // A selected text (typing replaces it) is drawn in reverse video, which reads without colour too.
    let text_style = if input.is_selected() {
        style.add_modifier(ratatui::style::Modifier::REVERSED)
    } else {
        style
    };
    vec![
        Span::styled(before, text_style),
        Span::styled("▏", cursor),
        Span::styled(after, text_style),
    ]
}

/// `line` cut to `max` cells, ending in `…` when anything was cut: a line that must stay one line never loses its
/// end silently.
pub fn ellipsize(line: Line<'static>, max: usize) -> Line<'static> {
    let total: usize = line.spans.iter().map(|s| width(&s.content)).sum();
    if total <= max || max == 0 {
        return line;
    }
    let style = line.style;
    let mut out = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let w = width(&span.content);
        // The last cell is the mark's.
        if used + w < max {
            used += w;
            out.push(span);
            continue;
        }
        let mut text = String::new();
        for c in span.content.chars() {
            let cw = width(c.encode_utf8(&mut [0; 4]));
            if used + cw + 1 > max {
                break;
            }
            used += cw;
            text.push(c);
        }
        text.push('…');
        out.push(Span::styled(text, span.style));
        break;
    }
    Line::from(out).style(style)
}

/// `spans` filled with spaces to `width` columns.
pub fn padded<'a>(mut spans: Vec<Span<'a>>, width: usize, style: Style) -> Vec<Span<'a>> {
    let used: usize = spans.iter().map(|s| self::width(&s.content)).sum();
    spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), style));
    spans
}

/// A form's one-line text field: a focus marker, `label` (already fitted), then the text in brackets `room` wide,
/// with the cursor while it has the focus.
pub fn form_text(
    label: String,
    input: &TextInput,
    focus: bool,
    room: usize,
    theme: &Theme,
) -> Line<'static> {
    let style = if focus { theme.selection } else { theme.title };
    let mut spans = vec![
        Span::styled(if focus { "> " } else { "  " }, theme.hint_key),
        Span::styled(label, theme.muted),
        Span::styled("[", style),
    ];
    if focus {
        spans.extend(padded(
            text_input(input, room, style, theme.hint_key),
            room,
            style,
        ));
    } else {
        let shown = crate::domain::text::truncate(input.value(), room);
        spans.push(Span::styled(fit(&shown, room), style));
    }
    spans.push(Span::styled("]", style));
    Line::from(spans)
}
