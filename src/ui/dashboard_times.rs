//! The dashboard's times section: mean, median and p90 of first response and resolution, in business time (the
//! SLA calendar) and on the wall clock, each against its target; the daily means are charted under the table by
//! `ui::dashboard`. Definitions in docs/METRICS.md.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets::{self, Col};
use crate::domain::metrics::Indicator;
use crate::domain::metrics_report::Report;
use crate::i18n::{Locale, tr};

/// (row label's key, indented, mean, median, p90).
const ROWS: [(&str, bool, [Indicator; 3]); 4] = [
    (
        "dashboard-times-first-response",
        false,
        [Indicator::FrtMean, Indicator::FrtMedian, Indicator::FrtP90],
    ),
    (
        "dashboard-times-wall-clock",
        true,
        [
            Indicator::FrtWallMean,
            Indicator::FrtWallMedian,
            Indicator::FrtWallP90,
        ],
    ),
    (
        "dashboard-times-resolution",
        false,
        [
            Indicator::ResolutionMean,
            Indicator::ResolutionMedian,
            Indicator::ResolutionP90,
        ],
    ),
    (
        "dashboard-times-wall-clock",
        true,
        [
            Indicator::ResolutionWallMean,
            Indicator::ResolutionWallMedian,
            Indicator::ResolutionWallP90,
        ],
    ),
];

/// Lines the table takes: a header and one per row.
pub const HEIGHT: u16 = 1 + ROWS.len() as u16;

/// A value with ✓ / ✗ against its target, so a missed target reads without colour.
fn cell(r: &Report, ind: Indicator) -> String {
    let Some(row) = r.indicator(ind) else {
        return "—".into();
    };
    let value = row.current.map_or_else(|| "—".into(), |v| ind.format(v));
    match row.meets_target {
        Some(true) => format!("{value} ✓"),
        Some(false) => format!("{value} ✗"),
        None => value,
    }
}

pub fn table(frame: &mut Frame<'_>, area: Rect, (r, l): (&Report, Locale), theme: &Theme) {
    let spec = [
        Col::left(usize::MAX),
        Col::right(11),
        Col::right(10),
        Col::right(10),
        Col::right(12),
    ];
    let cols = widgets::layout_cols(area.width as usize, &spec);
    let header = [
        "dashboard-times-column-time",
        "dashboard-times-column-mean",
        "dashboard-times-column-median",
        "dashboard-times-column-p90",
        "dashboard-times-column-target",
    ]
    .map(|key| tr(l, key));
    widgets::table_header(frame, area, &cols, &header, theme);
    let lines: Vec<Line> = ROWS
        .iter()
        .map(|(key, indented, inds)| {
            let label = if *indented {
                format!("  {}", tr(l, key))
            } else {
                tr(l, key)
            };
            let [mean, median, p90] = *inds;
            let target = r
                .indicator(mean)
                .and_then(|row| row.target)
                .map_or_else(|| "—".into(), |t| format!("≤ {}", mean.format(t)));
            let style = theme.base;
            widgets::row(
                &cols,
                vec![
                    (label, theme.title),
                    (cell(r, mean), style),
                    (cell(r, median), style),
                    (cell(r, p90), style),
                    (target, theme.muted),
                ],
            )
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        },
    );
}
