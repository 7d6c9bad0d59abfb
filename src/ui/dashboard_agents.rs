//! The dashboard's per-agent table: every agent with tickets in the period, one indicator a column; narrow
//! terminals drop columns from the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets::{self, Col};
use crate::app::Model;
use crate::domain::metrics::{Dimension, Indicator};
use crate::domain::metrics_report::Report;
use crate::i18n::tr;

pub(super) fn agents(frame: &mut Frame<'_>, area: Rect, model: &Model, r: &Report, theme: &Theme) {
    let rows = r.breakdown(Dimension::Agent);
    if rows.is_empty() {
        let none = tr(model.locale, "dashboard-no-tickets");
        widgets::empty_state(frame, area, &[&none], theme);
        return;
    }
    const COLS: [Indicator; 8] = [
        Indicator::Created,
        Indicator::Solved,
        Indicator::FrtMedian,
        Indicator::ResolutionMedian,
        Indicator::FrtSla,
        Indicator::Fcr,
        Indicator::Csat,
        Indicator::Nps,
    ];
    let mut spec = vec![Col::left(usize::MAX)];
    spec.extend(COLS.iter().map(|_| Col::right(11)));
    let cols = widgets::layout_cols(area.width as usize, &spec);
    // Narrow terminals drop columns from the right rather than squeezing every one.
    let fit_cols = 1 + (area.width as usize).saturating_sub(18) / 12;
    let cols: Vec<Col> = if fit_cols < cols.len() {
        let mut c =
            widgets::layout_cols(area.width as usize, spec.get(..fit_cols).unwrap_or(&spec));
        c.truncate(fit_cols);
        c
    } else {
        cols
    };
    let l = model.locale;
    let mut header = vec![tr(l, "dashboard-column-agent")];
    header.extend(COLS.iter().map(|i| super::dashboard::indicator_name(l, *i)));
    header.truncate(cols.len());
    widgets::table_header(frame, area, &cols, &header, theme);
    let list = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    let visible = list.height as usize;
    let sel = model.dashboard.selected;
    let first = sel.saturating_sub(visible.saturating_sub(1));
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, g)| {
            let style = widgets::row_style(i == sel, true, theme);
            let mut cells = vec![(g.label.clone(), style)];
            cells.extend(COLS.iter().map(|ind| {
                let v = g.values.get(ind).copied().flatten();
                (v.map_or("—".into(), |v| ind.format(v)), style)
            }));
            cells.truncate(cols.len());
            widgets::row(&cols, cells)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
