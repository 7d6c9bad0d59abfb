//! The improvement-plans pane (PDCA, `g i`): a table of actions — title, indicator, owner, due, stage and the
//! indicator's baseline → now → target — or the selected action's fields and history. Render only.

use super::overlay::clear_popup;
use super::theme::Theme;
use super::widgets::{Col, block, date, empty_list, layout_cols, pad, position, row, row_style};
use crate::app::plans::{PlanDetail, PlansState};
use crate::app::{Model, layout};
use crate::domain::metrics::Indicator;
use crate::domain::plan::{Effect, effect, reaches};
use crate::domain::sla_policy::format_countdown;
use crate::domain::text::{fit, one_line, sanitize, truncate, wrap};
use crate::i18n::{Locale, tr, tr_args, tr_of};
use crate::store::plans::PlanRow;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Due within this long is drawn as at risk.
const SOON: i64 = 3 * 86_400;

const HEADER: [&str; 7] = [
    "#",
    "plans-column-action",
    "plans-column-indicator",
    "plans-column-owner",
    "plans-column-due",
    "plans-column-stage",
    "plans-column-values",
];

/// A PDCA stage in the locale: short for the list (`do`, `执行`), long for the detail (`do 执行`, `执行（D）`).
fn stage_name(l: Locale, s: crate::domain::plan::PlanStatus, long: bool) -> String {
    if long {
        tr_of(l, "plans-stage-", &[s.as_str(), "-long"].concat())
    } else {
        tr_of(l, "plans-stage-", s.as_str())
    }
}

fn columns(width: usize) -> Vec<Col> {
    let wide = width >= 110;
    layout_cols(
        width,
        &[
            Col::left(4),
            Col::left(usize::MAX),
            Col::left(if wide { 12 } else { 10 }),
            Col::left(if wide { 8 } else { 6 }),
            Col::right(if wide { 8 } else { 6 }),
            Col::left(5),
            Col::left(if wide { 26 } else { 23 }),
        ],
    )
}

/// `5d4h` left, `!-2d` overdue (the queue's countdown), styled as at risk within [`SOON`].
fn due_cell(due_at: i64, now: i64, theme: &Theme) -> (String, Style) {
    let left = due_at - now;
    if left < 0 {
        (
            format!("!{}", format_countdown(left)),
            theme.priority_urgent,
        )
    } else if left < SOON {
        (format_countdown(left), theme.priority_high)
    } else {
        (format_countdown(left), theme.base)
    }
}

fn value(ind: Indicator, v: Option<f64>) -> String {
    v.map_or("—".into(), |v| ind.format(v))
}

/// The indicator now (`…` while measuring) and how it moved since the baseline: a mark that reads without colour,
/// the words for it and its style.
struct Now {
    value: String,
    mark: &'static str,
    /// The message key of how it compares.
    words: &'static str,
    style: Style,
}

fn now(p: &PlanRow, s: &PlansState, theme: &Theme) -> Now {
    let Some(v) = s.now_value(p.indicator) else {
        return Now {
            value: "…".into(),
            mark: "",
            words: "plans-measuring",
            style: theme.muted,
        };
    };
    let (mark, words, style) = if reaches(p.indicator, v, p.target) == Some(true) {
        ("✓", "plans-target-reached", theme.ok)
    } else {
        match effect(p.indicator, p.baseline, v) {
            Effect::Improved => ("+", "plans-better", theme.ok),
            Effect::Worse => ("!", "plans-worse", theme.priority_urgent),
            Effect::Unchanged => ("", "plans-unchanged", theme.base),
            Effect::Unknown => ("", "plans-not-measured", theme.base),
        }
    };
    Now {
        value: value(p.indicator, v),
        mark,
        words,
        style,
    }
}

/// `41.0% → 52.3% → 90.0% +`: before, now, target and the mark of how it moved.
fn values_cell(p: &PlanRow, s: &PlansState, theme: &Theme) -> (String, Style) {
    let n = now(p, s, theme);
    let text = format!(
        "{} → {} → {} {}",
        value(p.indicator, p.baseline),
        n.value,
        value(p.indicator, p.target),
        n.mark
    );
    (text.trim_end().to_string(), n.style)
}

fn table_line(
    p: &PlanRow,
    s: &PlansState,
    model: &Model,
    cols: &[Col],
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    let base = row_style(selected, true, theme);
    let plain = |text: String| (text, base);
    // A selected row is drawn in the selection style throughout; otherwise due and values carry their own.
    let keep = |(text, style): (String, Style)| (text, if selected { base } else { style });
    let l = model.locale;
    row(
        cols,
        vec![
            plain(format!("P{}", p.number)),
            plain(one_line(p.title.as_str())),
            plain(super::dashboard::indicator_name(l, p.indicator)),
            plain(sanitize(p.owner.as_deref().unwrap_or("—"))),
            keep(due_cell(p.due_at, model.now, theme)),
            plain(stage_name(l, p.status, false)),
            keep(values_cell(p, s, theme)),
        ],
    )
}

pub fn render(frame: &mut Frame<'_>, body: Rect, model: &Model, s: &PlansState, theme: &Theme) {
    clear_popup(frame, body);
    if let Some(d) = &s.detail
        && let Some(p) = s.list.rows.iter().find(|p| p.number == d.number)
    {
        return detail(frame, body, model, s, p, d, theme);
    }
    let l = model.locale;
    let position = position(s.list.position(None), s.list.seen());
    let title = tr_args(l, "plans-title", &[("position", position.into())]);
    let b = block(super::widgets::fit_title(&title, body), true, theme);
    let inner = b.inner(body);
    frame.render_widget(b, body);
    let rows_area = layout::plan_rows(body);
    let cols = columns(usize::from(inner.width));
    if s.list.rows.is_empty() {
        empty_list(
            frame,
            rows_area,
            s.list.loading.is_some(),
            (&tr(l, "plans-what"), "", l),
            &tr(l, "plans-empty"),
            theme,
        );
    } else {
        let header = HEADER.map(|key| {
            if key == "#" {
                key.to_string()
            } else {
                tr(l, key)
            }
        });
        super::widgets::table_header(frame, inner, &cols, &header, theme);
        let lines: Vec<Line> = s
            .list
            .rows
            .iter()
            .enumerate()
            .skip(s.list.offset)
            .take(usize::from(rows_area.height))
            .map(|(i, p)| table_line(p, s, model, &cols, i == s.list.selected, theme))
            .collect();
        frame.render_widget(Paragraph::new(lines), rows_area);
    }
    // The keys are on the hint bar; this line says what the values column means.
    legend_line(frame, inner, &tr(l, "plans-legend"), theme);
}

fn legend_line(frame: &mut Frame<'_>, inner: Rect, hint: &str, theme: &Theme) {
    let area = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1.min(inner.height),
        ..inner
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(hint, usize::from(inner.width)),
            theme.muted,
        )),
        area,
    );
}

/// A labelled line of the detail: the label (a message key) padded to 10 cells by display width.
fn field(
    (l, key): (Locale, &str),
    text: String,
    style: Style,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    Line::from(vec![
        ratatui::text::Span::styled(pad(&tr(l, key), 10), theme.muted),
        ratatui::text::Span::styled(truncate(&text, width.saturating_sub(10)), style),
    ])
}

fn detail(
    frame: &mut Frame<'_>,
    area: Rect,
    model: &Model,
    s: &PlansState,
    p: &PlanRow,
    d: &PlanDetail,
    theme: &Theme,
) {
    let l = model.locale;
    let b = block(
        super::widgets::fit_title(
            &format!("P{} · {}", p.number, stage_name(l, p.status, true)),
            area,
        ),
        true,
        theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = wrap(&one_line(p.title.as_str()), w)
        .into_iter()
        .map(|l| Line::styled(l, theme.title))
        .collect();
    lines.push(Line::raw(""));
    let next: Vec<String> = p
        .status
        .next_moves()
        .iter()
        .map(|m| stage_name(l, *m, false))
        .collect();
    let next = next.join(&format!(" {} ", tr(l, "plans-or")));
    let stage = stage_name(l, p.status, true);
    lines.push(field(
        (l, "plans-label-stage"),
        tr_args(
            l,
            "plans-moves-to",
            &[("stage", stage.into()), ("next", next.into())],
        ),
        theme.base,
        w,
        theme,
    ));
    lines.push(field(
        (l, "plans-label-owner"),
        sanitize(p.owner.as_deref().unwrap_or("—")),
        theme.base,
        w,
        theme,
    ));
    let (_, style) = due_cell(p.due_at, model.now, theme);
    let left = p.due_at - model.now;
    let when = if left < 0 {
        let span = format_countdown(-left);
        tr_args(l, "plans-overdue", &[("span", span.into())])
    } else {
        let span = format_countdown(left);
        tr_args(l, "plans-due-in", &[("span", span.into())])
    };
    lines.push(field(
        (l, "plans-label-due"),
        format!("{} ({when})", date(p.due_at, model.utc_offset, "%Y-%m-%d")),
        style,
        w,
        theme,
    ));
    lines.push(field(
        (l, "plans-label-indicator"),
        format!(
            "{} ({})",
            crate::i18n::metrics_words::label(l, p.indicator),
            p.indicator.as_str()
        ),
        theme.base,
        w,
        theme,
    ));
    let ind = p.indicator;
    let n = now(p, s, theme);
    let values = [
        ("baseline", value(ind, p.baseline).into()),
        ("now", n.value.clone().into()),
        ("target", value(ind, p.target).into()),
        ("words", tr(l, n.words).into()),
    ];
    lines.push(field(
        (l, "plans-label-values"),
        tr_args(l, "plans-values", &values),
        n.style,
        w,
        theme,
    ));
    if let Some(rule) = &p.rule {
        let rule = sanitize(rule);
        lines.push(field(
            (l, "plans-label-from"),
            tr_args(l, "plans-from-suggestion", &[("rule", rule.into())]),
            theme.base,
            w,
            theme,
        ));
    }
    lines.push(field(
        (l, "plans-label-made"),
        model.date(p.created_at),
        theme.base,
        w,
        theme,
    ));
    if !p.note.is_empty() {
        lines.push(field(
            (l, "plans-label-note"),
            one_line(p.note.as_str()),
            theme.base,
            w,
            theme,
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(tr(l, "plans-history"), theme.heading));
    match &d.history {
        None => lines.push(Line::styled(tr(l, "plans-loading"), theme.muted)),
        Some(rows) if rows.is_empty() => {
            lines.push(Line::styled(tr(l, "plans-no-changes"), theme.muted))
        }
        Some(rows) => lines.extend(rows.iter().rev().map(|c| {
            let text = format!(
                "{}  {}  {}  {}",
                date(c.at, model.utc_offset, "%Y-%m-%d %H:%M"),
                // By display width, so a CJK name keeps the columns aligned.
                fit(&sanitize(&c.who), 12),
                pad(&sanitize(&c.field), 8),
                change_text(c)
            );
            Line::styled(fit(&text, w), theme.base)
        })),
    }
    lines.truncate(usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `do → check`, or the value set when the log kept no old one.
fn change_text(c: &crate::store::ChangeRow) -> String {
    let v = |x: &Option<String>| one_line(&sanitize(x.as_deref().unwrap_or("—")));
    match (&c.old, &c.new) {
        (None, new) => truncate(&v(new), 60),
        (old, new) => format!("{} → {}", truncate(&v(old), 28), truncate(&v(new), 28)),
    }
}
