//! The dashboard's field-service section: the period's measures on one line each, then a row per engineer.
//! Definitions in docs/METRICS.md ("Field service").

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets::{self, Col};
use crate::app::Model;
use crate::domain::field_report::FieldReport;
use crate::domain::text::fit;
use crate::domain::warranty::yuan;
use crate::i18n::{Locale, tr, tr_args};

use crate::domain::field_report::{counts_text, percent};

pub fn render(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let l = model.locale;
    let Some(f) = model.dashboard.field.as_deref() else {
        widgets::empty_state(frame, area, &[&tr(l, "dashboard-field-loading")], theme);
        return;
    };
    if f.is_empty() {
        let hint = [
            tr(l, "dashboard-field-empty"),
            tr(l, "dashboard-field-empty-hint"),
        ];
        widgets::empty_state(frame, area, &[&hint[0], &hint[1]], theme);
        return;
    }
    let w = area.width as usize;
    let summary = summary(l, f);
    let top = (summary.len() as u16).min(area.height);
    let lines: Vec<Line> = summary
        .iter()
        .map(|s| Line::styled(fit(s, w), theme.title))
        .collect();
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: top,
            ..area
        },
    );
    let table = Rect {
        y: area.y + top + 1,
        height: area.height.saturating_sub(top + 1),
        ..area
    };
    if table.height < 2 {
        return;
    }
    let spec = [
        Col::left(usize::MAX),
        Col::right(9),
        Col::right(9),
        Col::right(9),
        Col::right(9),
        Col::right(9),
    ];
    let cols = widgets::layout_cols(w, &spec);
    let header = [
        "dashboard-field-column-engineer",
        "dashboard-field-column-done",
        "dashboard-field-column-first-fix",
        "dashboard-field-column-on-time",
        "dashboard-field-column-no-show",
        "dashboard-field-column-labour",
    ]
    .map(|key| tr(l, key));
    widgets::table_header(frame, table, &cols, &header, theme);
    let list = Rect {
        y: table.y + 1,
        height: table.height - 1,
        ..table
    };
    let sel = model.dashboard.selected;
    let first = sel.saturating_sub((list.height as usize).saturating_sub(1));
    let rows: Vec<Line> = f
        .engineers
        .iter()
        .enumerate()
        .skip(first)
        .take(list.height as usize)
        .map(|(i, e)| {
            let style = widgets::row_style(i == sel, true, theme);
            let name = model
                .agents
                .iter()
                .find(|a| a.handle == e.engineer)
                .map_or_else(
                    || e.engineer.clone(),
                    |a| format!("{} ({})", a.name, e.engineer),
                );
            let cells = vec![
                (name, style),
                (e.completed.to_string(), style),
                (e.first_time_fixes.to_string(), style),
                (format!("{}/{}", e.on_time, e.arrived), style),
                (e.no_shows.to_string(), style),
                (format!("{:.1}h", e.labour_minutes as f64 / 60.0), style),
            ];
            widgets::row(&cols, cells)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), list);
}

/// The period's measures, most asked-for first, in lines short enough for 80 columns.
fn summary(l: Locale, f: &FieldReport) -> Vec<String> {
    let visits = f.in_warranty + f.out_of_warranty;
    let mut out = vec![
        tr_args(
            l,
            "dashboard-field-visits",
            &[
                ("done", f.completed.into()),
                ("no-shows", f.no_shows.into()),
                ("rate", percent(f.no_show_rate).into()),
            ],
        ),
        tr_args(
            l,
            "dashboard-field-rates",
            &[
                ("first-fix", percent(f.first_time_fix_rate).into()),
                ("on-time", percent(f.on_time_rate).into()),
                ("arrival", percent(f.arrival_target_met_rate).into()),
            ],
        ),
        tr_args(
            l,
            "dashboard-field-out-of-warranty",
            &[
                ("share", percent(f.out_of_warranty_share).into()),
                ("out", f.out_of_warranty.into()),
                ("visits", visits.into()),
            ],
        ),
        tr_args(
            l,
            "dashboard-field-parts",
            &[
                ("cost", yuan(f.parts_cost_cents).into()),
                ("price", yuan(f.parts_value_cents).into()),
            ],
        ),
    ];
    if !f.returns_by_kind.is_empty() {
        let kinds = counts_text(&f.returns_by_kind);
        let reasons = counts_text(&f.returns_by_reason);
        out.push(tr_args(
            l,
            "dashboard-field-returns",
            &[("counts", kinds.into())],
        ));
        out.push(tr_args(
            l,
            "dashboard-field-reasons",
            &[("counts", reasons.into())],
        ));
    }
    out
}

/// The selected engineer, for the dashboard's detail line.
pub fn detail(model: &Model) -> Option<String> {
    let f = model.dashboard.field.as_deref()?;
    let e = f.engineers.get(model.dashboard.selected)?;
    let hours = format!("{:.1}", e.labour_minutes as f64 / 60.0);
    Some(tr_args(
        model.locale,
        "dashboard-field-detail",
        &[
            ("engineer", e.engineer.clone().into()),
            ("done", e.completed.into()),
            ("first-fix", e.first_time_fixes.into()),
            ("on-time", e.on_time.into()),
            ("arrived", e.arrived.into()),
            ("no-shows", e.no_shows.into()),
            ("hours", hours.into()),
        ],
    ))
}
