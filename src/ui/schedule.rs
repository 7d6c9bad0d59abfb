//! The engineers' schedule (上门服务, `g v`) over the whole body: the lanes (a day's timeline or the week) with their
//! overlaps and travel gaps in words, and the visits waiting for a time — on the right where the terminal is wide
//! enough, else below.

use super::schedule_lanes::{
    Timeline, day_header, day_lane, lines, name_cell, week_header, week_lane,
};
use super::theme::Theme;
use super::widgets::{block, empty_state, fit_title};
use crate::app::Model;
use crate::app::protocol::field::Week;
use crate::app::schedule::{
    ScheduleFocus, ScheduleState, ScheduleView, flag_day, flag_words, when,
};
use crate::domain::text::{fit, width, wrap};
use crate::domain::visit::{Flag, VisitStatus};
use crate::i18n::{Locale, tr, tr_args};
use crate::store::visits::VisitRow;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Where the terminal is at least this wide, the waiting list stands right of the lanes.
const SIDE_BY_SIDE: u16 = 100;

pub fn render(frame: &mut Frame<'_>, body: Rect, model: &Model, theme: &Theme) {
    let s = &model.schedule;
    frame.render_widget(Clear, body);
    let b = block(fit_title(&title(model), body), true, theme);
    let inner = b.inner(body);
    frame.render_widget(b, body);
    let Some(w) = s.week.as_ref() else {
        empty_state(
            frame,
            inner,
            &[&tr(model.locale, "schedule-loading")],
            theme,
        );
        return;
    };
    if inner.width >= SIDE_BY_SIDE {
        let side = inner.width.saturating_sub(80).clamp(34, 48);
        let left = Rect {
            width: inner.width - side - 1,
            ..inner
        };
        let bar = Rect {
            x: left.x + left.width,
            width: 1,
            ..inner
        };
        let right = Rect {
            x: bar.x + 1,
            width: side,
            ..inner
        };
        let rule: Vec<Line> = (0..bar.height)
            .map(|_| Line::styled("│", theme.border))
            .collect();
        frame.render_widget(Paragraph::new(rule), bar);
        lanes(frame, left, model, w, theme);
        waiting(frame, right, model, w, true, theme);
    } else {
        let wanted = w.schedule.waiting.len().max(1) as u16 + 2;
        let below = wanted.min((inner.height / 3).max(4)).min(inner.height);
        let top = Rect {
            height: inner.height - below,
            ..inner
        };
        let bottom = Rect {
            y: top.y + top.height,
            height: below,
            ..inner
        };
        lanes(frame, top, model, w, theme);
        waiting(frame, bottom, model, w, false, theme);
    }
}

fn title(model: &Model) -> String {
    let s = &model.schedule;
    let l = model.locale;
    let mut t = tr(l, "schedule-title");
    if let Some(w) = s.week.as_ref() {
        let (d, at) = match s.view {
            ScheduleView::Day => (s.day, w.days.get(s.day)),
            ScheduleView::Week => (0, w.days.first()),
        };
        if let (Some(at), Some(off)) = (at, w.offsets.get(d)) {
            let date = crate::i18n::date(l, *at, *off, *at, Some("%a %Y-%m-%d"));
            let key = match s.view {
                ScheduleView::Day if s.day_of(model.now) == Some(s.day) => "schedule-title-today",
                ScheduleView::Day => "schedule-title-day",
                ScheduleView::Week => "schedule-title-week",
            };
            t.push_str(" · ");
            t.push_str(&tr_args(l, key, &[("date", date.into())]));
        }
        t.push_str(&format!(" · {}", w.zone));
    }
    if s.asked.is_some() {
        t.push_str(" · ");
        t.push_str(&tr(l, "schedule-title-loading"));
    }
    if let Some(n) = s.writing {
        t.push_str(" · ");
        t.push_str(&tr_args(l, "schedule-title-saving", &[("n", n.into())]));
    }
    t
}

/// The lanes, then the flags in words, then the legend.
fn lanes(frame: &mut Frame<'_>, area: Rect, model: &Model, w: &Week, theme: &Theme) {
    let s = &model.schedule;
    let l = model.locale;
    let lanes = &w.schedule.lanes;
    let cells = usize::from(area.width);
    let height = usize::from(area.height);
    if lanes.is_empty() {
        let text = tr(l, "schedule-no-engineers");
        let lines: Vec<&str> = text.lines().collect();
        empty_state(frame, area, &lines, theme);
        return;
    }
    // The name column fits the longest name, unless the timeline would get too cramped.
    let longest = lanes.iter().map(|l| width(&l.name) + 2).max().unwrap_or(8);
    let mut name_w = longest.clamp(8, 20);
    let hours = super::schedule_lanes::hours(s);
    let least = 3 * (hours.1 - hours.0) as usize;
    if cells.saturating_sub(name_w + 1) < least {
        name_w = cells.saturating_sub(least + 1).max(8);
    }
    let rest = cells.saturating_sub(name_w + 1);
    let flags = flag_lines(s, w, (cells, l), theme);
    let legend = tr_args(
        l,
        match s.view {
            ScheduleView::Day => "schedule-legend-day",
            ScheduleView::Week => "schedule-legend-week",
        },
        &[("travel", w.travel_minutes.into())],
    );
    // Header and lanes first, each lane on three lines (two and a blank one) where they fit, else two, else one;
    // the flags get what is left but at least two lines (a blank one and one flag).
    let legend_rows = usize::from(height >= 8);
    let avail = height.saturating_sub(1 + legend_rows + 2.min(height / 3));
    let per = (1..=3)
        .rev()
        .find(|p| p * lanes.len() <= avail)
        .unwrap_or(1);
    let room = (avail / per).max(1);
    let first = s.lane.saturating_sub(room.saturating_sub(1));
    let focused = s.focus == ScheduleFocus::Lanes;
    let shown = lanes.iter().enumerate().skip(first).take(room);
    let mut out = match s.view {
        ScheduleView::Day => {
            let t = Timeline::new(s, rest);
            let rows = shown.map(|(i, lane)| {
                let sel = i == s.lane;
                (
                    name_cell((lane, l), sel, focused, name_w, theme),
                    day_lane((s, l), lane, sel, t, theme),
                )
            });
            lines(day_header(s, t, theme), rows, name_w, per)
        }
        ScheduleView::Week => {
            let col = (rest / 7).max(3);
            let long = super::schedule_lanes::week_long_form(s, col, l);
            let rows = shown.map(|(i, lane)| {
                let sel = i == s.lane;
                (
                    name_cell((lane, l), sel, focused, name_w, theme),
                    week_lane(s, lane, (sel, long), (col, l), theme),
                )
            });
            lines(
                week_header(s, (model.now, l), col, theme),
                rows,
                name_w,
                per,
            )
        }
    };
    let left = height.saturating_sub(out.len() + legend_rows);
    // A blank line before the flags, unless the last lane ended with one.
    let gap = usize::from(per < 3);
    if left > gap {
        if gap == 1 {
            out.push(Line::raw(""));
        }
        let fit_in = left - gap;
        let total = flags.len();
        if total > fit_in {
            let more = total - fit_in + 1;
            out.extend(flags.into_iter().take(fit_in - 1));
            let text = tr_args(l, "schedule-more-lines", &[("more", more.into())]);
            out.push(Line::styled(text, theme.muted));
        } else {
            out.extend(flags);
        }
    }
    if legend_rows == 1 {
        while out.len() + 1 < height {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(fit(&legend, cells), theme.muted));
    }
    frame.render_widget(Paragraph::new(out), area);
}

/// The flags of the cursor's day (of the week, on the week) in words, wrapped to `cells`.
fn flag_lines(
    s: &ScheduleState,
    w: &Week,
    (cells, l): (usize, Locale),
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut texts: Vec<(String, Style)> = Vec::new();
    let mut elsewhere = 0;
    for lane in &w.schedule.lanes {
        for f in &lane.flags {
            let day = flag_day(s, lane, f);
            let words = flag_words(f, lane, w.travel_minutes, l);
            let style = match f {
                Flag::Conflict { .. } => theme.error,
                Flag::TightTravel { .. } => theme.priority_high,
            };
            match s.view {
                ScheduleView::Day if day == Some(s.day) => texts.push((words, style)),
                ScheduleView::Day => elsewhere += 1,
                ScheduleView::Week => {
                    let on = day
                        .and_then(|d| {
                            let at = *w.days.get(d)?;
                            Some(crate::i18n::date(
                                l,
                                at,
                                *w.offsets.get(d)?,
                                at,
                                Some("%a %m-%d"),
                            ))
                        })
                        .unwrap_or_default();
                    texts.push((format!("{on} {words}"), style));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (text, style) in &texts {
        for (i, l) in wrap(text, cells.saturating_sub(2)).into_iter().enumerate() {
            let lead = if i == 0 { "" } else { "  " };
            out.push(Line::styled(format!("{lead}{l}"), *style));
        }
    }
    if texts.is_empty() {
        let what = tr(
            l,
            match s.view {
                ScheduleView::Day => "schedule-no-flags-day",
                ScheduleView::Week => "schedule-no-flags-week",
            },
        );
        let text = match elsewhere {
            0 => what,
            n => tr_args(
                l,
                "schedule-flags-elsewhere",
                &[("what", what.into()), ("n", n.into())],
            ),
        };
        out.extend(
            wrap(&text, cells)
                .into_iter()
                .map(|l| Line::styled(l, theme.muted)),
        );
    }
    out
}

/// The visits waiting for a time, with where Enter would book the selected one.
fn waiting(frame: &mut Frame<'_>, area: Rect, model: &Model, w: &Week, wide: bool, theme: &Theme) {
    let s = &model.schedule;
    let l = model.locale;
    let cells = usize::from(area.width);
    let list = &w.schedule.waiting;
    let focused = s.focus == ScheduleFocus::Waiting;
    let head = tr_args(l, "schedule-waiting", &[("n", list.len().into())]);
    let head_style = if focused { theme.title } else { theme.muted };
    let mut out: Vec<Line> = Vec::new();
    if wide {
        out.push(Line::styled(fit(&head, cells), head_style));
    } else {
        let rule = "─".repeat(cells.saturating_sub(width(&head) + 3));
        out.push(Line::from(vec![
            Span::styled("─ ", theme.border),
            Span::styled(head, head_style),
            Span::styled(format!(" {rule}"), theme.border),
        ]));
    }
    let booking = match (focused, s.selected_waiting(), s.lane(), s.cursor_start()) {
        (true, Some(v), Some(lane), Some(at)) => {
            let end = at + crate::app::schedule::BOOKED_HOURS * 3600;
            tr_args(
                l,
                "schedule-books",
                &[
                    ("number", v.number.into()),
                    ("who", lane.name.clone().into()),
                    ("when", when(s, l, at, Some(end)).into()),
                ],
            )
        }
        (false, Some(_), _, _) => tr(l, "schedule-book-hint"),
        _ => String::new(),
    };
    if !booking.is_empty() {
        // Wrapped (a narrow side panel would cut the time off), three lines at most.
        for l in wrap(&booking, cells).into_iter().take(3) {
            out.push(Line::styled(fit(&l, cells), theme.muted));
        }
    }
    if list.is_empty() {
        let none = tr(l, "schedule-none-waiting");
        out.push(Line::styled(fit(&none, cells), theme.muted));
        frame.render_widget(Paragraph::new(out), area);
        return;
    }
    let per = if wide { 2 } else { 1 };
    let room = (usize::from(area.height).saturating_sub(out.len()) / per).max(1);
    let first = s.waiting.saturating_sub(room - 1);
    for (i, v) in list.iter().enumerate().skip(first).take(room) {
        let sel = i == s.waiting;
        let style = super::widgets::row_style(sel, focused, theme);
        let pointer = if sel { "▶ " } else { "  " };
        let (one, two) = waiting_text(v, l);
        if wide {
            out.push(Line::styled(fit(&format!("{pointer}{one}"), cells), style));
            let st = if sel && focused { style } else { theme.muted };
            out.push(Line::styled(fit(&format!("  {two}"), cells), st));
        } else {
            out.push(Line::styled(
                fit(&format!("{pointer}{one} {two}"), cells),
                style,
            ));
        }
    }
    frame.render_widget(Paragraph::new(out), area);
}

/// A waiting visit as `V7 #1194 maintenance Ruby Jones` and where it is.
fn waiting_text(v: &VisitRow, l: Locale) -> (String, String) {
    let mut one = format!(
        "V{} #{} {}",
        v.number,
        crate::domain::ticket::shown_number(v.ticket),
        crate::i18n::tr_of(l, "schedule-service-", v.service.as_str())
    );
    if v.status == VisitStatus::Rescheduled {
        one.push(' ');
        one.push_str(&tr(l, "schedule-rescheduled"));
    }
    if let Some(c) = v.customer.as_ref() {
        one.push(' ');
        one.push_str(c.as_str());
    }
    (one, v.address.to_string())
}
