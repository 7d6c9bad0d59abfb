//! Screen geometry, shared by render (to draw) and update (to hit-test the mouse and size pages). Pure.

use super::Pane;
use crate::domain::text::width;
use crate::i18n::Locale;
use ratatui::layout::Rect;

/// The smallest terminal desk lays its panes out in; below it the screen only asks for more room.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Whether a `w`×`h` terminal is too small for the panes.
pub fn too_small(w: u16, h: u16) -> bool {
    w < MIN_WIDTH || h < MIN_HEIGHT
}

pub struct Frame {
    pub tabs: Rect,
    pub body: Rect,
    pub status: Rect,
}

pub fn frame(w: u16, h: u16) -> Frame {
    let body_h = h.saturating_sub(2);
    Frame {
        tabs: Rect::new(0, 0, w, h.min(1)),
        body: Rect::new(0, 1.min(h), w, body_h),
        status: Rect::new(0, h.saturating_sub(1), w, h.min(1)),
    }
}

/// The label of each tab as drawn in a terminal `w` columns wide, e.g. ` 1 Queues `. Where the full names do not
/// fit, the panes' short names are used (the knowledge base is ` 4 KB ` and the dashboard ` 5 Dash `), so every
/// tab stays on screen.
pub fn tab_label(i: usize, pane: Pane, w: u16, locale: Locale) -> String {
    let full: usize = width(BRAND)
        + Pane::ALL
            .iter()
            .enumerate()
            .map(|(i, p)| width(&format!(" {} {} ", i + 1, p.title(locale, false))))
            .sum::<usize>();
    let title = pane.title(locale, usize::from(w) < full);
    format!(" {} {title} ", i + 1)
}

/// Leading brand text before the tabs.
pub const BRAND: &str = " desk ";

/// Which tab is under column `x` of the tab bar of a terminal `w` columns wide.
pub fn tab_at(x: u16, w: u16, locale: Locale) -> Option<Pane> {
    let mut start = width(BRAND) as u16;
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let tab = width(&tab_label(i, *pane, w, locale)) as u16;
        if x >= start && x < start + tab {
            return Some(*pane);
        }
        start += tab;
    }
    None
}

fn split_h(area: Rect, left: u16) -> (Rect, Rect) {
    let left = left.min(area.width);
    (
        Rect {
            width: left,
            ..area
        },
        Rect {
            x: area.x + left,
            width: area.width - left,
            ..area
        },
    )
}

/// Queues: the views sidebar and the ticket list.
pub fn queues(body: Rect) -> (Rect, Rect) {
    split_h(body, if body.width >= 100 { 24 } else { 20 })
}

/// Customers: the list and the profile.
pub fn customers(body: Rect) -> (Rect, Rect) {
    split_h(body, (body.width * 2 / 5).clamp(28.min(body.width), 48))
}

/// Knowledge base: categories and the article list.
pub fn kb(body: Rect) -> (Rect, Rect) {
    split_h(body, if body.width >= 100 { 30 } else { 24 })
}

/// Lines of ticket properties above the thread (inside the border) before a ticket is loaded; a loaded ticket's
/// header is as tall as its fields need (`app::ticket_header`).
pub const TICKET_HEADER_LINES: u16 = 6;

/// Ticket: the properties header of `header_lines` lines and the scrolling thread (both bordered).
pub fn ticket(body: Rect, header_lines: u16) -> (Rect, Rect) {
    let header_h = header_lines.saturating_add(2).min(body.height);
    (
        Rect {
            height: header_h,
            ..body
        },
        Rect {
            y: body.y + header_h,
            height: body.height - header_h,
            ..body
        },
    )
}

/// Inside of a bordered block.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// Rows of a bordered table with one header line: where data rows are drawn.
pub fn table_rows(area: Rect) -> Rect {
    let i = inner(area);
    Rect {
        y: i.y.saturating_add(1),
        height: i.height.saturating_sub(1),
        ..i
    }
}

/// Improvement plans (`g i`, bordered over the whole body): where the table's data rows go, above the keys line.
pub fn plan_rows(body: Rect) -> Rect {
    let rows = table_rows(body);
    Rect {
        height: rows.height.saturating_sub(1),
        ..rows
    }
}

pub fn contains(r: Rect, x: u16, y: u16) -> bool {
    x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_are_hit_where_drawn() {
        let en = Locale::En;
        assert_eq!(tab_at(0, 80, en), None);
        assert_eq!(tab_at(6, 80, en), Some(Pane::Queues));
        let queues_w = width(&tab_label(0, Pane::Queues, 80, en)) as u16;
        assert_eq!(tab_at(6 + queues_w, 80, en), Some(Pane::Ticket));
        assert_eq!(tab_at(200, 80, en), None);
        // Narrow, the knowledge base's tab is shorter and the dashboard's moves left with it.
        assert_eq!(tab_label(3, Pane::Kb, 60, en), " 4 KB ");
        assert_eq!(tab_label(4, Pane::Dashboard, 60, en), " 5 Dash ");
        assert_eq!(tab_at(48, 60, en), Some(Pane::Dashboard));
        assert_eq!(tab_at(48, 80, en), Some(Pane::Kb));
    }

    #[test]
    fn chinese_tabs_are_measured_by_display_width() {
        let zh = Locale::ZhCn;
        assert_eq!(tab_label(0, Pane::Queues, 80, zh), " 1 工单队列 ");
        // ` 1 工单队列 ` is 12 cells: the second tab starts after them, not after its 16 bytes.
        assert_eq!(tab_at(6 + 11, 80, zh), Some(Pane::Queues));
        assert_eq!(tab_at(6 + 12, 80, zh), Some(Pane::Ticket));
        // The Chinese names are short enough for the narrowest screen desk lays out.
        assert_eq!(tab_label(4, Pane::Dashboard, MIN_WIDTH, zh), " 5 仪表盘 ");
    }

    #[test]
    fn frame_fits_tiny_terminals() {
        let f = frame(80, 24);
        assert_eq!((f.body.y, f.body.height, f.status.y), (1, 22, 23));
        let f = frame(10, 1);
        assert_eq!(f.body.height, 0);
        assert_eq!(table_rows(Rect::new(0, 1, 80, 22)), Rect::new(1, 3, 78, 19));
    }
}
