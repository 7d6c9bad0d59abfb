//! The dashboard pane: a header with the period, KPI tiles, a row of section names, and the section's chart or
//! table with a line about the selected day, bar or row. Every mark that carries meaning also has a glyph or a
//! word, so it reads under NO_COLOR.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Bar, BarChart, Chart, Dataset, GraphType, Paragraph, Sparkline};

use super::theme::Theme;
use super::widgets;
use crate::app::Model;
use crate::app::dashboard::{Section, drill_query};
use crate::domain::metrics::{Dimension, Indicator};
use crate::domain::metrics_report::{GroupRow, Report};
use crate::domain::text::{fit, width};
use crate::i18n::{Locale, tr, tr_args, tr_of};

/// An indicator's short name in the locale, for tiles and table headers (`FRT p50`, `首响中位数`).
pub fn indicator_name(l: Locale, ind: Indicator) -> String {
    tr_of(l, "dashboard-indicator-", ind.as_str())
}

/// The tiles, most important first; as many as fit are shown.
const TILES: [Indicator; 16] = [
    Indicator::Created,
    Indicator::Solved,
    Indicator::Backlog,
    Indicator::FrtMean,
    Indicator::FrtSla,
    Indicator::ResolutionMean,
    Indicator::ResolutionSla,
    Indicator::Csat,
    Indicator::Nps,
    Indicator::Fcr,
    Indicator::ReopenRate,
    Indicator::ComplaintRate,
    Indicator::FollowUpRate,
    Indicator::Ces,
    Indicator::Csi,
    Indicator::Sqi,
];

const TILE_WIDTH: u16 = 15;

pub fn render(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let l = model.locale;
    let d = &model.dashboard;
    let period = crate::app::dashboard::period_name(l, d.period);
    let title = match &d.report {
        Some(r) => {
            let offset = model.utc_offset.into();
            let local = crate::domain::metrics_report::local_date;
            let previous_from = local(r.previous.from, offset).to_string();
            let previous_to = local(r.previous.to - 1, offset).to_string();
            tr_args(
                l,
                "dashboard-title-range",
                &[
                    ("period", period.into()),
                    ("from", r.from.to_string().into()),
                    ("to", r.to.to_string().into()),
                    ("previous-from", previous_from.into()),
                    ("previous-to", previous_to.into()),
                ],
            )
        }
        None => tr_args(l, "dashboard-title", &[("period", period.into())]),
    };
    // While a new period loads the old numbers stay up, marked as such.
    let title = if d.loading && d.report.is_some() {
        format!("{title} · {}", tr(l, "dashboard-reloading"))
    } else {
        title
    };
    let block = widgets::block(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(report) = &d.report else {
        let msg = tr(
            l,
            if d.loading {
                "dashboard-loading"
            } else {
                "dashboard-no-data"
            },
        );
        widgets::empty_state(frame, inner, &[&msg], theme);
        return;
    };
    // Two rows of tiles when there is room for a chart under them, else one.
    let tile_rows: u16 = if inner.height >= 26 { 2 } else { 1 };
    let tiles_h = tile_rows * 3;
    if inner.height < tiles_h + 6 {
        widgets::empty_state(frame, inner, &[&tr(l, "dashboard-too-small")], theme);
        return;
    }
    let tiles = Rect {
        height: tiles_h,
        ..inner
    };
    let sections = Rect {
        y: inner.y + tiles_h,
        height: 1,
        ..inner
    };
    let detail = Rect {
        y: inner.bottom() - 1,
        height: 1,
        ..inner
    };
    let body = Rect {
        y: sections.y + 1,
        height: inner.height - tiles_h - 2,
        ..inner
    };
    render_tiles(frame, tiles, report, (l, tile_rows), theme);
    render_sections(frame, sections, model, theme);
    match d.section {
        Section::Volume => day_chart(
            frame,
            body,
            model,
            report,
            theme,
            &[
                (tr(l, "dashboard-series-created"), Marker::Braille, &|r| {
                    Some(r.created as f64)
                }),
                (tr(l, "dashboard-series-solved"), Marker::Dot, &|r| {
                    Some(r.solved as f64)
                }),
            ],
            None,
        ),
        Section::Backlog => backlog(frame, body, model, report, theme),
        Section::Times => {
            let table_h = super::dashboard_times::HEIGHT.min(body.height);
            super::dashboard_times::table(
                frame,
                Rect {
                    height: table_h,
                    ..body
                },
                (report, l),
                theme,
            );
            let chart = Rect {
                y: body.y + table_h,
                height: body.height - table_h,
                ..body
            };
            day_chart(
                frame,
                chart,
                model,
                report,
                theme,
                &[
                    (tr(l, "dashboard-series-frt-mean"), Marker::Braille, &|r| {
                        r.frt_mean.map(|s| s / 3600.0)
                    }),
                    (
                        tr(l, "dashboard-series-resolution-mean"),
                        Marker::Dot,
                        &|r| r.resolution_mean.map(|s| s / 3600.0),
                    ),
                ],
                None,
            )
        }
        Section::Sla => day_chart(
            frame,
            body,
            model,
            report,
            theme,
            &[(tr(l, "dashboard-series-frt-sla"), Marker::Braille, &|r| {
                r.frt_sla
            })],
            Some((0.0, 100.0)),
        ),
        Section::Satisfaction => day_chart(
            frame,
            body,
            model,
            report,
            theme,
            &[
                (tr(l, "dashboard-series-csat"), Marker::Braille, &|r| r.csat),
                (tr(l, "dashboard-series-nps"), Marker::Dot, &|r| r.nps),
            ],
            Some((-100.0, 100.0)),
        ),
        Section::Breakdown => breakdown(frame, body, model, report, theme),
        Section::Agents => super::dashboard_agents::agents(frame, body, model, report, theme),
        Section::Field => super::dashboard_field::render(frame, body, model, theme),
        Section::Topics => {
            super::dashboard_topics::render(frame, body, (&report.hot_topics, l), theme)
        }
    }
    let text = detail_line(model, report);
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&text, detail.width as usize), theme.muted)),
        detail,
    );
}

fn render_tiles(
    frame: &mut Frame<'_>,
    area: Rect,
    r: &Report,
    (l, rows): (Locale, u16),
    theme: &Theme,
) {
    let per_row = (area.width / TILE_WIDTH).max(1);
    for (i, ind) in TILES.iter().take((per_row * rows) as usize).enumerate() {
        let (row, col) = (i as u16 / per_row, i as u16 % per_row);
        let rect = Rect {
            x: area.x + col * TILE_WIDTH,
            y: area.y + row * 3,
            width: TILE_WIDTH.min(area.right() - (area.x + col * TILE_WIDTH)),
            height: 3,
        };
        let Some(line) = r.indicator(*ind) else {
            continue;
        };
        let w = rect.width.saturating_sub(1) as usize;
        let value = crate::i18n::metrics_words::cell(l, *ind, line.current);
        // ✓ / ✗ against the target, so a missed target reads without colour.
        let (mark, value_style) = match line.meets_target {
            Some(true) => (" ✓", theme.ok.add_modifier(Modifier::BOLD)),
            Some(false) => (" ✗", theme.error.add_modifier(Modifier::BOLD)),
            None => ("", theme.title),
        };
        // The locale's words when they fit the tile (`▲ +1小时45分`), else the short form (`▼ -13.3 pt`).
        let change = line.change.map_or_else(
            || tr(l, "dashboard-no-data-before"),
            |c| {
                let words = crate::i18n::metrics_words::change(l, *ind, &c);
                if width(&words) <= w {
                    words
                } else {
                    c.describe(*ind)
                }
            },
        );
        let change_style = match line.change.and_then(|c| c.good) {
            Some(true) => theme.ok,
            Some(false) => theme.error,
            None => theme.muted,
        };
        let lines = vec![
            Line::styled(fit(&indicator_name(l, *ind), w), theme.muted),
            Line::from(vec![
                Span::styled(value, value_style),
                Span::styled(mark, value_style),
            ]),
            Line::styled(fit(&change, w), change_style),
        ];
        frame.render_widget(Paragraph::new(lines), rect);
    }
}

fn render_sections(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let d = &model.dashboard;
    let l = model.locale;
    let mut spans = Vec::new();
    // Full names when they all fit (two cells of framing each, by display width), else the short ones.
    let full: usize = Section::ALL
        .iter()
        .map(|s| width(&s.title(l, false, d.breakdown)) + 2)
        .sum();
    let short = full > area.width as usize;
    for s in Section::ALL {
        let name = s.title(l, short, d.breakdown);
        // Brackets mark the current section without colour.
        let (text, style) = if s == d.section {
            (format!("[{name}]"), theme.tab_active)
        } else {
            (format!(" {name} "), theme.tab_inactive)
        };
        spans.push(Span::styled(text, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

type Series<'a> = (
    String,
    Marker,
    &'a dyn Fn(&crate::domain::metrics_report::DayRow) -> Option<f64>,
);

/// A line chart over the days of the period, with a cursor on the selected day.
fn day_chart(
    frame: &mut Frame<'_>,
    area: Rect,
    model: &Model,
    r: &Report,
    theme: &Theme,
    series: &[Series<'_>],
    bounds: Option<(f64, f64)>,
) {
    let points: Vec<Vec<(f64, f64)>> = series
        .iter()
        .map(|(_, _, f)| {
            r.days
                .iter()
                .enumerate()
                .filter_map(|(i, d)| f(d).map(|v| (i as f64, v)))
                .collect()
        })
        .collect();
    let top = points.iter().flatten().map(|p| p.1).fold(0.0_f64, f64::max);
    let (lo, hi) = bounds.unwrap_or((0.0, (top * 1.1).max(1.0)));
    let sel = model.dashboard.selected as f64;
    let cursor = [(sel, lo), (sel, hi)];
    let mut sets: Vec<Dataset> = series
        .iter()
        .zip(&points)
        .enumerate()
        .map(|(i, ((name, marker, _), pts))| {
            let style = if i == 0 {
                theme.link
            } else {
                theme.priority_high
            };
            Dataset::default()
                .name(name.clone())
                .marker(*marker)
                .graph_type(GraphType::Line)
                .style(style)
                .data(pts)
        })
        .collect();
    sets.push(
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.muted)
            .data(&cursor),
    );
    let n = r.days.len().max(1);
    let date = |i: usize| {
        r.days
            .get(i)
            .map(|d| d.date.format("%m-%d").to_string())
            .unwrap_or_default()
    };
    let x_labels = if n > 2 {
        vec![date(0), date(n / 2), date(n - 1)]
    } else {
        vec![date(0), date(n - 1)]
    };
    let fmt = |v: f64| {
        if hi - lo >= 10.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    };
    let chart = Chart::new(sets)
        .x_axis(
            Axis::default()
                .bounds([0.0, (n.saturating_sub(1)).max(1) as f64])
                .labels(x_labels)
                .style(theme.muted),
        )
        .y_axis(
            Axis::default()
                .bounds([lo, hi])
                .labels(vec![fmt(lo), fmt((lo + hi) / 2.0), fmt(hi)])
                .style(theme.muted),
        )
        .legend_position(Some(ratatui::widgets::LegendPosition::TopLeft))
        .hidden_legend_constraints((
            ratatui::layout::Constraint::Percentage(60),
            ratatui::layout::Constraint::Percentage(60),
        ));
    frame.render_widget(chart, area);
}

fn backlog(frame: &mut Frame<'_>, area: Rect, model: &Model, r: &Report, theme: &Theme) {
    let values: Vec<u64> = r.days.iter().map(|d| d.backlog.max(0) as u64).collect();
    // The last days that fit, one column each; the cursor line under them marks the selected day.
    let cols = area.width as usize;
    let skip = values.len().saturating_sub(cols);
    let shown = &values[skip..];
    let max = shown.iter().copied().max().unwrap_or(0);
    let label = Rect { height: 1, ..area };
    let chart_area = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    };
    let cursor_area = Rect {
        y: area.bottom().saturating_sub(1),
        height: 1,
        ..area
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            tr_args(
                model.locale,
                "dashboard-backlog-chart",
                &[("max", max.into())],
            ),
            theme.muted,
        )),
        label,
    );
    frame.render_widget(
        Sparkline::default()
            .data(shown)
            .max(max.max(1))
            .style(theme.link),
        chart_area,
    );
    let at = model.dashboard.selected.saturating_sub(skip);
    if model.dashboard.selected >= skip {
        let line = format!("{}^", " ".repeat(at));
        frame.render_widget(Paragraph::new(Line::styled(line, theme.title)), cursor_area);
    }
}

fn breakdown(frame: &mut Frame<'_>, area: Rect, model: &Model, r: &Report, theme: &Theme) {
    let d = &model.dashboard;
    let rows = r.breakdown(d.breakdown);
    if rows.is_empty() {
        let none = tr(model.locale, "dashboard-no-tickets");
        widgets::empty_state(frame, area, &[&none], theme);
        return;
    }
    let created = |g: &GroupRow| {
        g.values
            .get(&Indicator::Created)
            .copied()
            .flatten()
            .unwrap_or(0.0) as u64
    };
    // As many bars as fit at 3 cells or more each, scrolled so the selected one is on screen.
    let per = ((area.width as usize) / rows.len().max(1)).clamp(4, 14);
    let visible = (area.width as usize / per).max(1);
    let first = d.selected.saturating_sub(visible.saturating_sub(1));
    let bar_w = (per - 1) as u16;
    let bars: Vec<Bar> = rows
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, g)| {
            let sel = i == d.selected;
            // The selected bar's label is framed by ▶ so it reads without colour.
            let label = if sel {
                format!("▶{}", fit(&g.label, per.saturating_sub(2)))
            } else {
                fit(&g.label, per - 1)
            };
            Bar::new(created(g))
                .label(Line::from(label))
                .style(if sel { theme.selection } else { theme.link })
                .value_style(if sel {
                    theme.selection
                } else {
                    theme.base.add_modifier(Modifier::REVERSED)
                })
        })
        .collect();
    let chart = BarChart::vertical(bars)
        .bar_width(bar_w)
        .bar_gap(1)
        .max(rows.iter().map(created).max().unwrap_or(1).max(1))
        .label_style(theme.base);
    frame.render_widget(chart, area);
}

/// What the selection is and what Enter opens.
fn detail_line(model: &Model, r: &Report) -> String {
    let d = &model.dashboard;
    let l = model.locale;
    let opt =
        |ind: Indicator, v: Option<f64>| -> String { v.map_or("—".into(), |v| ind.format(v)) };
    let what = match d.section {
        Section::Field => super::dashboard_field::detail(model),
        Section::Topics => Some(tr(l, "dashboard-detail-topics")),
        Section::Breakdown | Section::Agents => {
            let dim = if d.section == Section::Agents {
                Dimension::Agent
            } else {
                d.breakdown
            };
            r.breakdown(dim).get(d.selected).map(|g| {
                let v = |i: Indicator| opt(i, g.values.get(&i).copied().flatten());
                tr_args(
                    l,
                    "dashboard-detail-group",
                    &[
                        ("label", g.label.clone().into()),
                        ("created", v(Indicator::Created).into()),
                        ("solved", v(Indicator::Solved).into()),
                        ("frt", v(Indicator::FrtMedian).into()),
                        ("sla", v(Indicator::FrtSla).into()),
                        ("csat", v(Indicator::Csat).into()),
                    ],
                )
            })
        }
        s => r.days.get(d.selected).map(|day| {
            let numbers = match s {
                Section::Times => {
                    let frt_mean = opt(Indicator::FrtMean, day.frt_mean);
                    let frt_median = opt(Indicator::FrtMedian, day.frt_median);
                    let res_mean = opt(Indicator::ResolutionMean, day.resolution_mean);
                    let res_median = opt(Indicator::ResolutionMedian, day.resolution_median);
                    tr_args(
                        l,
                        "dashboard-detail-times",
                        &[
                            ("frt-mean", frt_mean.into()),
                            ("frt-median", frt_median.into()),
                            ("resolution-mean", res_mean.into()),
                            ("resolution-median", res_median.into()),
                        ],
                    )
                }
                Section::Sla => {
                    let sla = opt(Indicator::FrtSla, day.frt_sla);
                    tr_args(l, "dashboard-detail-sla", &[("sla", sla.into())])
                }
                Section::Satisfaction => {
                    let csat = opt(Indicator::Csat, day.csat);
                    let nps = opt(Indicator::Nps, day.nps);
                    tr_args(
                        l,
                        "dashboard-detail-satisfaction",
                        &[("csat", csat.into()), ("nps", nps.into())],
                    )
                }
                _ => tr_args(
                    l,
                    "dashboard-detail-day",
                    &[
                        ("created", day.created.into()),
                        ("solved", day.solved.into()),
                        ("backlog", day.backlog.into()),
                    ],
                ),
            };
            format!("{}: {numbers}", day.date)
        }),
    };
    let open = drill_query(model).map(|(_, q)| format!("↵ {q}"));
    match (what, open) {
        (Some(w), Some(o)) => format!("{w}  {o}"),
        (Some(w), None) => w,
        (None, Some(o)) => o,
        (None, None) => String::new(),
    }
}
