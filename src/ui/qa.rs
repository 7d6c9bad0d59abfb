//! The QA pane (质检, `g q`): the queue of sampled tickets or the reviews of the agent's work on the left, the
//! selected one on the right (a review's every criterion), and the scoring form over it. Render only.

use super::overlay::{centered, clear_popup, key};
use super::theme::Theme;
use super::widgets::block;
use crate::app::Model;
use crate::app::commands::CommandId;
use crate::app::qa::{QaForm, QaState, QaTab};
use crate::domain::text::{fit, sanitize, truncate, wrap};
use crate::i18n::{Locale, tr, tr_args, tr_of};
use crate::store::qa::{QaReview, QaSample};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn score(total: f64, failed: bool) -> String {
    if failed {
        format!("{total}/100 ✗")
    } else {
        format!("{total}/100")
    }
}

fn sample_line(s: &QaSample, width: usize, l: Locale) -> String {
    let agent = sanitize(s.agent.as_deref().unwrap_or("—"));
    let head = format!(
        "#{:<6} {} {} {} ",
        s.ticket,
        fit(&agent, 8),
        fit(&tr_of(l, "qa-reason-", s.reason.as_str()), 9),
        s.week
    );
    let room = width.saturating_sub(crate::domain::text::width(&head));
    format!("{head}{}", truncate(&s.subject.to_string(), room))
}

fn review_line(r: &QaReview, width: usize) -> String {
    let head = format!(
        "#{:<6} {} {} ",
        r.ticket,
        fit(&score(r.total, r.failed_critical), 11),
        fit(&sanitize(&r.reviewer), 8)
    );
    let room = width.saturating_sub(crate::domain::text::width(&head));
    format!("{head}{}", truncate(&r.subject.to_string(), room))
}

/// The selected review, criterion by criterion.
fn review_detail(r: &QaReview, (width, l): (usize, Locale), theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::styled(
            truncate(&format!("#{} {}", r.ticket, r.subject), width),
            theme.title,
        ),
        Line::styled(
            truncate(
                &tr_args(
                    l,
                    "qa-review-by",
                    &[
                        ("score", score(r.total, r.failed_critical).into()),
                        ("reviewer", sanitize(&r.reviewer).into()),
                    ],
                ),
                width,
            ),
            if r.failed_critical {
                theme.error
            } else {
                theme.base
            },
        ),
        Line::raw(""),
    ];
    for i in &r.items {
        let critical = if i.critical { " !" } else { "" };
        let label = fit(&format!("{}{critical}", i.label), width.saturating_sub(6));
        let style = if i.critical && i.score == 0 {
            theme.error
        } else {
            theme.base
        };
        lines.push(Line::styled(
            format!("{label} {}/{}", i.score, i.max),
            style,
        ));
    }
    let comment = r.comment.to_string();
    if !comment.is_empty() {
        lines.push(Line::raw(""));
        for l in wrap(&comment, width) {
            lines.push(Line::styled(l, theme.muted));
        }
    }
    lines
}

pub fn render(frame: &mut Frame<'_>, body: Rect, model: &Model, s: &QaState, theme: &Theme) {
    let l = model.locale;
    let w = body.width.min(110);
    let area = centered(body, w, body.height);
    clear_popup(frame, area);
    let (queue_n, mine_n, lead) = s
        .view
        .as_ref()
        .map_or((0, 0, false), |v| (v.queue.len(), v.mine.len(), v.lead));
    let key_tabs = match s.tab {
        QaTab::Queue => "qa-tabs-queue",
        QaTab::Mine => "qa-tabs-mine",
    };
    let tabs = tr_args(
        l,
        key_tabs,
        &[("queue", queue_n.into()), ("mine", mine_n.into())],
    );
    let b = block(
        tr_args(l, "qa-title", &[("tabs", tabs.into())]),
        true,
        theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let inner_w = usize::from(inner.width);
    // A list on the left; on a wide screen the selected review on the right.
    let wide = inner.width >= 90;
    let list_w = if wide { inner_w * 11 / 20 } else { inner_w };
    // Narrow: the reviews take a few rows and the selected one's criteria go under them.
    let stacked = !wide && s.tab == QaTab::Mine && s.selected_review().is_some();
    let body_h = inner.height.saturating_sub(1);
    let list_h = if stacked { body_h.min(5) } else { body_h };
    let room = usize::from(list_h);
    let mut lines: Vec<Line> = Vec::new();
    match (&s.view, s.tab) {
        (None, _) => lines.push(Line::styled(tr(l, "qa-loading"), theme.muted)),
        (Some(v), QaTab::Queue) if v.queue.is_empty() => {
            let text = tr(
                l,
                if lead {
                    "qa-queue-empty-lead"
                } else {
                    "qa-queue-empty"
                },
            );
            lines.extend(
                wrap(&text, list_w)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.muted)),
            );
        }
        (Some(v), QaTab::Mine) if v.mine.is_empty() => {
            lines.push(Line::styled(tr(l, "qa-mine-empty"), theme.muted))
        }
        (Some(v), tab) => {
            let rows: Vec<String> = match tab {
                QaTab::Queue => v
                    .queue
                    .iter()
                    .map(|x| sample_line(x, list_w - 2, l))
                    .collect(),
                QaTab::Mine => v.mine.iter().map(|x| review_line(x, list_w - 2)).collect(),
            };
            let start = s.selected.saturating_sub(room.saturating_sub(1));
            for (i, row) in rows.iter().enumerate().skip(start).take(room) {
                let chosen = i == s.selected;
                let marker = if chosen { "▶ " } else { "  " };
                let style = if chosen { theme.selection } else { theme.base };
                lines.push(Line::styled(fit(&format!("{marker}{row}"), list_w), style));
            }
        }
    }
    let list_area = Rect {
        width: list_w as u16,
        height: list_h,
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), list_area);
    if let Some(r) = s.selected_review().filter(|_| s.tab == QaTab::Mine) {
        let detail = if wide {
            Rect {
                x: inner.x + list_w as u16 + 1,
                width: inner.width.saturating_sub(list_w as u16 + 1),
                height: body_h,
                ..inner
            }
        } else {
            Rect {
                y: inner.y + list_h,
                height: body_h.saturating_sub(list_h),
                ..inner
            }
        };
        let lines = review_detail(r, (usize::from(detail.width), l), theme);
        frame.render_widget(Paragraph::new(lines), detail);
    }
    let (enter, sample) = (
        key(model, CommandId::QaEnter),
        key(model, CommandId::QaSample),
    );
    let (tab, close) = (key(model, CommandId::QaTab), key(model, CommandId::QaClose));
    let hint = if lead {
        tr_args(
            l,
            "qa-hint-lead",
            &[
                ("enter", enter.into()),
                ("sample", sample.into()),
                ("tab", tab.into()),
                ("close", close.into()),
            ],
        )
    } else {
        tr_args(
            l,
            "qa-hint",
            &[("tab", tab.into()), ("close", close.into())],
        )
    };
    let hint_area = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1,
        ..inner
    };
    frame.render_widget(
        Paragraph::new(Line::styled(truncate(&hint, inner_w), theme.muted)),
        hint_area,
    );
    if let Some(f) = &s.form {
        form(frame, body, model, f, theme);
    }
}

fn form(frame: &mut Frame<'_>, body: Rect, model: &Model, f: &QaForm, theme: &Theme) {
    let l = model.locale;
    let h = (f.criteria.len() as u16 + 5).min(body.height);
    let area = centered(body, 72, h);
    let inner_w = usize::from(area.width.saturating_sub(2));
    let label_w = inner_w.saturating_sub(24).min(40);
    let mut lines = Vec::new();
    for (i, c) in f.criteria.iter().enumerate() {
        let focus = f.focus == i;
        let value = f.scores.get(i).copied().flatten();
        let shown = value.map_or("  ".to_string(), |v| format!("{v:>2}"));
        let critical = match (c.critical, value) {
            (true, Some(0)) => format!(" {}", tr(l, "qa-fails-review")),
            (true, _) => format!(" {}", tr(l, "qa-critical")),
            _ => String::new(),
        };
        lines.push(Line::from(vec![
            Span::styled(if focus { "> " } else { "  " }, theme.hint_key),
            Span::styled(fit(&c.label, label_w), theme.muted),
            Span::styled(
                format!(" [{shown}]"),
                if focus { theme.selection } else { theme.title },
            ),
            Span::styled(format!(" 0–{}{critical}", c.max), theme.muted),
        ]));
    }
    let room = inner_w.saturating_sub(label_w + 5);
    lines.push(super::widgets::form_text(
        format!("{} ", fit(&tr(l, "qa-comment"), label_w)),
        &f.comment,
        f.on_comment(),
        room,
        theme,
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        truncate(
            &tr_args(
                l,
                "qa-form-hint",
                &[
                    ("next", key(model, CommandId::QaFormNext).into()),
                    ("record", key(model, CommandId::QaFormSubmit).into()),
                    ("cancel", key(model, CommandId::QaFormCancel).into()),
                ],
            ),
            inner_w,
        ),
        theme.muted,
    ));
    clear_popup(frame, area);
    let agent = sanitize(f.agent.as_deref().unwrap_or("—"));
    let title = truncate(
        &tr_args(
            l,
            "qa-form-title",
            &[
                ("ticket", f.ticket.to_string().into()),
                ("agent", agent.into()),
                ("subject", f.subject.to_string().into()),
            ],
        ),
        inner_w,
    );
    frame.render_widget(Paragraph::new(lines).block(block(title, true, theme)), area);
}
