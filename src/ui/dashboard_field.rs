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

use crate::domain::field_report::{counts_text, percent};

pub fn render(frame: &mut Frame<'_>, area: Rect, model: &Model, theme: &Theme) {
    let Some(f) = model.dashboard.field.as_deref() else {
        widgets::empty_state(frame, area, &["Loading…"], theme);
        return;
    };
    if f.is_empty() {
        let hint = [
            "No visits, parts or returns in this period",
            "desk visit new TICKET makes a visit",
        ];
        widgets::empty_state(frame, area, &hint, theme);
        return;
    }
    let w = area.width as usize;
    let summary = summary(f);
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
        "Engineer", "Done", "1st fix", "On time", "No-show", "Labour",
    ];
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
fn summary(f: &FieldReport) -> Vec<String> {
    let mut out = vec![
        format!(
            "Visits done {} · no-shows {} ({})",
            f.completed,
            f.no_shows,
            percent(f.no_show_rate)
        ),
        format!(
            "First-time fix {} · on time {} · arrival target met {}",
            percent(f.first_time_fix_rate),
            percent(f.on_time_rate),
            percent(f.arrival_target_met_rate)
        ),
        format!(
            "Out of warranty 保外 {} ({} of {} visits done)",
            percent(f.out_of_warranty_share),
            f.out_of_warranty,
            f.in_warranty + f.out_of_warranty
        ),
        format!(
            "Parts used ¥{} at cost, ¥{} at price",
            yuan(f.parts_cost_cents),
            yuan(f.parts_value_cents)
        ),
    ];
    if !f.returns_by_kind.is_empty() {
        out.push(format!(
            "Returns 退换货: {}",
            counts_text(&f.returns_by_kind)
        ));
        out.push(format!("Reasons: {}", counts_text(&f.returns_by_reason)));
    }
    out
}

/// The selected engineer, for the dashboard's detail line.
pub fn detail(model: &Model) -> Option<String> {
    let f = model.dashboard.field.as_deref()?;
    let e = f.engineers.get(model.dashboard.selected)?;
    Some(format!(
        "{}: done {}, first-time fixes {}, on time {} of {}, no-shows {}, labour {:.1} h",
        e.engineer,
        e.completed,
        e.first_time_fixes,
        e.on_time,
        e.arrived,
        e.no_shows,
        e.labour_minutes as f64 / 60.0
    ))
}
