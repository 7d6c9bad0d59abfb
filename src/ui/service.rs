//! SLA and closed-loop rendering: the queue's countdown cell, the ticket's clocks and loop line, the survey form
//! and the escalation list. Every state has a glyph as well as a colour.

use super::overlay::{centered, clear_popup};
use super::theme::Theme;
use super::widgets::{block, date};
use crate::app::Model;
use crate::app::commands::CommandId;
use crate::app::service_actions::{SCALES, SurveyForm};
use crate::domain::service_loop::{ComplaintStage, LoopStage};
use crate::domain::sla::ClockState;
use crate::domain::sla_policy::SlaSnapshot;
use crate::domain::text::fit;
use crate::i18n::{tr, tr_args, tr_of};
use crate::store::tickets::TicketDetail;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn style(state: ClockState, theme: &Theme) -> Style {
    match state {
        ClockState::AtRisk => theme.priority_high,
        ClockState::Breached => theme.priority_urgent,
        ClockState::Paused | ClockState::Met => theme.muted,
        ClockState::MetLate => theme.priority_high,
        ClockState::Ok => theme.base,
    }
}

/// The queue's "Due" cell: `2h13m`, `~45m`, `!-35m`, `||3h` (`!已超时 35分`, or `!超35分` when `compact`);
/// empty without a clock.
pub fn due_cell(
    sla: &SlaSnapshot,
    now: i64,
    (locale, compact): (crate::i18n::Locale, bool),
    theme: &Theme,
) -> (String, Style) {
    let words = if compact {
        crate::i18n::countdown_compact
    } else {
        crate::i18n::countdown
    };
    match sla.countdown_secs(now) {
        Some((secs, state)) => (
            format!("{}{}", state.glyph(), words(locale, secs)),
            style(state, theme),
        ),
        None => (String::new(), theme.muted),
    }
}

/// The closed loop (solved → followed up → surveyed) and the complaint stage, when they apply.
pub fn loop_line(d: &TicketDetail, model: &Model, theme: &Theme) -> Option<Line<'static>> {
    let stage = d.row.loop_stage;
    if stage.is_none() && d.complaint_stage.is_none() {
        return None;
    }
    let l = model.locale;
    // The complaint's stage first: on a narrow header it is what must not be cut.
    let mut spans = Vec::new();
    if let Some(c) = d.complaint_stage {
        let n = ComplaintStage::ALL
            .iter()
            .position(|s| *s == c)
            .unwrap_or(0)
            + 1;
        spans.push(Span::styled(
            format!("{} ", tr(l, "loop-complaint")),
            theme.muted,
        ));
        let stage = tr_of(l, "loop-complaint-stage-", c.as_str());
        spans.push(Span::styled(format!("{n}/5 {stage}"), theme.title));
        if let Some(next) = c.next() {
            let next = tr_of(l, "loop-complaint-next-", next.as_str());
            spans.push(Span::styled(format!("  (E → {next})"), theme.muted));
        }
    }
    if let Some(stage) = stage {
        if !spans.is_empty() {
            spans.push(Span::raw("   "));
        }
        spans.push(Span::styled(
            format!("{} ", tr(l, "loop-name")),
            theme.muted,
        ));
        let reached = LoopStage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
        for (i, s) in LoopStage::ALL.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" › ", theme.muted));
            }
            let name = tr_of(l, "loop-stage-", s.as_str());
            // Reached stages are marked with [x] as well as emphasis, so the loop reads without colour.
            let (text, st) = if i <= reached {
                (format!("[x] {name}"), theme.ok)
            } else {
                (format!("[ ] {name}"), theme.muted)
            };
            spans.push(Span::styled(text, st));
        }
        if let Some(due) = d.row.follow_up_due_at {
            let when = model.date(due);
            let st = if due <= model.now {
                theme.priority_high
            } else {
                theme.muted
            };
            let due = tr_args(l, "loop-follow-up-due", &[("when", when.into())]);
            spans.push(Span::styled(format!("  {due}"), st));
        }
    }
    Some(Line::from(spans))
}

pub fn survey(frame: &mut Frame<'_>, body: Rect, form: &SurveyForm, model: &Model, theme: &Theme) {
    let key = |id| super::overlay::key(model, id);
    let l = model.locale;
    let questionnaire = if form.items.is_empty() {
        0
    } else {
        form.items.len() as u16 + 1
    };
    let area = centered(body, 60, 8 + questionnaire);
    let inner_w = area.width.saturating_sub(2) as usize;
    let scales: Vec<String> = SCALES
        .iter()
        .map(|(name, lo, hi)| format!("{} {lo}–{hi}", tr(l, name)))
        .collect();
    // Labels take what the widest needs ("Product quality 产品质量", "CSAT 满意度 1–5"), at least 12 cells.
    let label_w = form
        .items
        .iter()
        .map(|(it, _)| item_label(it, l))
        .chain(scales.iter().cloned())
        .map(|label| crate::domain::text::width(&label) + 1)
        .max()
        .unwrap_or(0)
        .clamp(12, 26);
    let row = |i: usize, label: &str, value: Option<i64>, meaning: &str| {
        let focus = form.focus == i;
        let value = value.map_or("  ".to_string(), |v| format!("{v:>2}"));
        Line::from(vec![
            Span::styled(if focus { "> " } else { "  " }, theme.hint_key),
            Span::styled(fit(label, label_w), theme.muted),
            Span::styled(
                format!("[{value}]"),
                if focus { theme.selection } else { theme.title },
            ),
            Span::styled(format!(" {meaning}"), theme.muted),
        ])
    };
    let mut lines = Vec::new();
    for (i, label) in scales.iter().enumerate() {
        let meaning = match (i, form.scores[i]) {
            (0, Some(v)) if v >= 4 => "loop-score-satisfied",
            (0, Some(_)) => "loop-score-not-satisfied",
            (1, Some(v)) if v >= 9 => "loop-score-promoter",
            (1, Some(v)) if v >= 7 => "loop-score-passive",
            (1, Some(_)) => "loop-score-detractor",
            (2, Some(v)) if v <= 3 => "loop-score-low-effort",
            (2, Some(_)) => "loop-score-high-effort",
            _ => "",
        };
        let meaning = if meaning.is_empty() {
            String::new()
        } else {
            tr(l, meaning)
        };
        lines.push(row(i, label, form.scores[i], &meaning));
    }
    if !form.items.is_empty() {
        let head = tr(l, "loop-questionnaire");
        lines.push(Line::styled(format!("  {head}"), theme.muted));
    }
    for (j, (it, v)) in form.items.iter().enumerate() {
        let meaning = match v {
            Some(5) => tr(l, "loop-item-very-satisfied"),
            Some(4) => tr(l, "loop-item-satisfied"),
            Some(3) => tr(l, "loop-item-neutral"),
            Some(2) => tr(l, "loop-item-dissatisfied"),
            Some(_) => tr(l, "loop-item-very-dissatisfied"),
            None => String::new(),
        };
        lines.push(row(SCALES.len() + j, &item_label(it, l), *v, &meaning));
    }
    let room = inner_w.saturating_sub(label_w + 4);
    lines.push(super::widgets::form_text(
        fit(&tr(l, "loop-comment"), label_w),
        &form.comment,
        form.focus == form.comment_at(),
        room,
        theme,
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        tr_args(
            l,
            "loop-survey-hint",
            &[
                ("next", key(CommandId::SurveyNext).into()),
                ("save", key(CommandId::SurveySubmit).into()),
                ("skip", key(CommandId::SurveyCancel).into()),
            ],
        ),
        theme.muted,
    ));
    clear_popup(frame, area);
    let title = tr_args(l, "loop-survey-title", &[("number", form.number.into())]);
    frame.render_widget(Paragraph::new(lines).block(block(title, true, theme)), area);
}

/// An item by its English and Chinese names in English (`Product quality 产品质量`), by its Chinese name in Chinese.
fn item_label(it: &crate::domain::questionnaire::Item, l: crate::i18n::Locale) -> String {
    if l != crate::i18n::Locale::En {
        it.zh_label()
    } else if it.zh_label() == it.label() {
        it.label()
    } else {
        format!("{} {}", it.label(), it.zh_label())
    }
}

pub fn escalations(
    frame: &mut Frame<'_>,
    body: Rect,
    model: &Model,
    selected: usize,
    theme: &Theme,
) {
    let l = model.locale;
    let feed = &model.escalations.feed;
    let w = body.width.min(100);
    let h = (feed.len() as u16 + 4).clamp(6, body.height);
    let area = centered(body, w, h);
    let inner_w = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    if feed.is_empty() {
        lines.push(Line::styled(tr(l, "loop-escalations-none"), theme.muted));
    }
    for (i, e) in feed.iter().enumerate() {
        let when = date(e.at, model.utc_offset, "%H:%M");
        let state = if e.state == "breached" {
            ClockState::Breached
        } else {
            ClockState::AtRisk
        };
        let head = format!(
            "{when} #{} {}{} {}: {}",
            e.number,
            state.glyph(),
            tr_of(l, "loop-escalation-state-", &e.state),
            tr_of(l, "loop-sla-target-", &e.target),
            e.actions
        );
        let text = fit(&format!("{head} — {}", e.subject), inner_w);
        let st = if i == selected {
            theme.selection
        } else {
            style(state, theme)
        };
        lines.push(Line::styled(text, st));
    }
    lines.push(Line::raw(""));
    let open = super::overlay::key(model, CommandId::EscalationOpen);
    let close = super::overlay::key(model, CommandId::EscalationClose);
    let hint = tr_args(
        l,
        "loop-escalations-hint",
        &[("open", open.into()), ("close", close.into())],
    );
    lines.push(Line::styled(hint, theme.muted));
    clear_popup(frame, area);
    let title = tr_args(l, "loop-escalations-title", &[("n", feed.len().into())]);
    frame.render_widget(Paragraph::new(lines).block(block(title, true, theme)), area);
}
