//! The engineers' lanes of the schedule: a day as an hour timeline per engineer, or a week as seven day cells.
//! Drawn cell by cell on a grid that knows wide (CJK) characters, so labels cut at any cell never misalign.

use super::theme::Theme;
use crate::app::schedule::{DAY_HOURS, LAST_HOUR, ScheduleFocus, ScheduleState, flag_day, marker};
use crate::domain::text::{fit, width};
use crate::domain::visit::{Flag, VisitStatus};
use crate::i18n::{Locale, tr_args, tr_of};
use crate::store::schedule::Lane;
use crate::store::visits::VisitRow;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// One line of cells: each holds a symbol, or nothing where a wide character to its left spills over.
pub struct Cells {
    sym: Vec<String>,
    style: Vec<Style>,
}

impl Cells {
    pub fn new(n: usize, style: Style) -> Cells {
        Cells {
            sym: vec![" ".to_string(); n],
            style: vec![style; n],
        }
    }

    pub fn len(&self) -> usize {
        self.sym.len()
    }

    /// Blanks the wide character that cell `i` is part of, so a new symbol never leaves half of one behind.
    fn unhook(&mut self, i: usize) {
        let Some(s) = self.sym.get(i) else { return };
        let (lead, cont) = if s.is_empty() {
            (i.checked_sub(1), Some(i))
        } else if width(s) > 1 {
            (Some(i), Some(i + 1))
        } else {
            return;
        };
        for j in [lead, cont].into_iter().flatten() {
            if let Some(s) = self.sym.get_mut(j) {
                *s = " ".into();
            }
        }
    }

    /// Writes `text` from cell `x`, stopping before cell `end`; returns the cell after the last one written.
    pub fn put(&mut self, x: usize, end: usize, text: &str, style: Style) -> usize {
        let end = end.min(self.len());
        let mut at = x;
        for c in text.chars() {
            let w = c.width().unwrap_or(0);
            if w == 0 {
                continue;
            }
            if at + w > end {
                break;
            }
            for i in at..at + w {
                self.unhook(i);
            }
            if let Some(s) = self.sym.get_mut(at) {
                *s = c.to_string();
            }
            if w > 1
                && let Some(s) = self.sym.get_mut(at + 1)
            {
                s.clear();
            }
            for i in at..at + w {
                if let Some(st) = self.style.get_mut(i) {
                    *st = style;
                }
            }
            at += w;
        }
        at
    }

    /// Styles cells `from..to` anew with `f` of their style.
    pub fn restyle(&mut self, from: usize, to: usize, f: impl Fn(Style) -> Style) {
        for st in self.style.iter_mut().take(to).skip(from) {
            *st = f(*st);
        }
    }

    /// Whether cells `from..to` hold nothing but blanks and grid dots.
    pub fn empty(&self, from: usize, to: usize) -> bool {
        self.sym
            .iter()
            .take(to)
            .skip(from)
            .all(|s| s == " " || s == "·")
    }

    pub fn spans(self) -> Vec<Span<'static>> {
        let mut out: Vec<Span<'static>> = Vec::new();
        let mut text = String::new();
        let mut current: Option<Style> = None;
        for (s, st) in self.sym.into_iter().zip(self.style) {
            if current.is_some_and(|c| c != st) {
                out.push(Span::styled(
                    std::mem::take(&mut text),
                    current.unwrap_or_default(),
                ));
            }
            current = Some(st);
            text.push_str(&s);
        }
        if let Some(st) = current {
            out.push(Span::styled(text, st));
        }
        out
    }
}

/// The short form of a service on a timeline: `维修` of `repair 维修` in English, the locale's word in Chinese.
fn service_short(v: &VisitRow, l: Locale) -> String {
    if l != Locale::En {
        return tr_of(l, "schedule-service-", v.service.as_str());
    }
    let label = v.service.label();
    label.rsplit(' ').next().unwrap_or(label).to_string()
}

fn status_style(status: VisitStatus, theme: &Theme) -> Style {
    match status {
        VisitStatus::Scheduled => theme.base,
        VisitStatus::EnRoute | VisitStatus::OnSite => theme.title,
        VisitStatus::Completed => theme.muted,
        VisitStatus::NoShow | VisitStatus::Cancelled => {
            theme.muted.add_modifier(Modifier::CROSSED_OUT)
        }
        VisitStatus::Unscheduled | VisitStatus::Rescheduled => theme.muted,
    }
}

/// The visits of a lane that start on the cursor's day.
fn day_visits<'a>(s: &ScheduleState, lane: &'a Lane) -> Vec<&'a VisitRow> {
    let Some((from, to)) = s.day_range() else {
        return Vec::new();
    };
    lane.visits
        .iter()
        .filter(|v| v.window_start.is_some_and(|t| from <= t && t < to))
        .collect()
}

/// The hours a day's timeline shows: 08–20 at least, widened to the day's visits and the cursor.
pub fn hours(s: &ScheduleState) -> (u32, u32) {
    let (mut lo, mut hi) = DAY_HOURS;
    let Some((from, _)) = s.day_range() else {
        return (lo, hi);
    };
    let lanes = s
        .week
        .as_ref()
        .map(|w| w.schedule.lanes.as_slice())
        .unwrap_or_default();
    for v in lanes.iter().flat_map(|l| day_visits(s, l)) {
        if let (Some(a), Some(b)) = (v.window_start, v.window_end) {
            let a = ((a - from).max(0) / 3600) as u32;
            let b = ((b - from).max(0) + 3599) / 3600;
            lo = lo.min(a);
            hi = hi.max(b.min(24) as u32);
        }
    }
    lo = lo.min(s.hour);
    hi = hi.max(s.hour + 1).min(LAST_HOUR + 2).max(lo + 1);
    (lo, hi)
}

/// The geometry of a day's timeline `cells` wide: first hour, hours shown, cells per hour.
#[derive(Debug, Clone, Copy)]
pub struct Timeline {
    pub lo: u32,
    pub span: u32,
    pub cph: usize,
}

impl Timeline {
    pub fn new(s: &ScheduleState, cells: usize) -> Timeline {
        let (lo, hi) = hours(s);
        let span = hi - lo;
        Timeline {
            lo,
            span,
            cph: (cells / span as usize).max(1),
        }
    }

    pub fn cells(&self) -> usize {
        self.cph * self.span as usize
    }

    /// The cell of a time of day (seconds since the day's start), kept on the line.
    fn x(&self, secs: i64) -> usize {
        let from = secs - i64::from(self.lo) * 3600;
        let x = (from.max(0) as usize * self.cph) / 3600;
        x.min(self.cells())
    }

    fn hour_x(&self, h: u32) -> usize {
        (h.saturating_sub(self.lo) as usize * self.cph).min(self.cells())
    }
}

/// The hour ticks over a day's timeline, the cursor's hour picked out.
pub fn day_header(s: &ScheduleState, t: Timeline, theme: &Theme) -> Vec<Span<'static>> {
    let mut cells = Cells::new(t.cells(), theme.muted);
    // Every hour's label where there is room for it, else every second or third.
    let every = (3usize.div_ceil(t.cph)).max(1) as u32;
    for h in (t.lo..t.lo + t.span).filter(|h| (*h - t.lo).is_multiple_of(every) || *h == s.hour) {
        let x = t.hour_x(h);
        let style = if h == s.hour {
            theme.selection
        } else {
            theme.muted
        };
        cells.put(x, x + 2, &format!("{h:02}"), style);
    }
    cells.spans()
}

/// One engineer's day, two lines: the hour grid with each visit from its start (`|`, or `!` / `~` when flagged)
/// and under it the visit's customer; the cursor picked out on both.
pub fn day_lane(
    (s, l): (&ScheduleState, Locale),
    lane: &Lane,
    selected: bool,
    t: Timeline,
    theme: &Theme,
) -> [Vec<Span<'static>>; 2] {
    let mut cells = Cells::new(t.cells(), theme.base);
    let mut under = Cells::new(t.cells(), theme.muted);
    for h in t.lo..t.lo + t.span {
        let x = t.hour_x(h);
        cells.put(x, x + 1, "·", theme.muted);
    }
    let from = s.day_range().map_or(0, |d| d.0);
    let mut visits = day_visits(s, lane);
    // What holds time is drawn last, over what did not happen.
    visits.sort_by_key(|v| (v.status.holds_time(), v.window_start));
    for v in visits {
        let (Some(a), Some(b)) = (v.window_start, v.window_end) else {
            continue;
        };
        let x0 = t.x(a - from).min(t.cells().saturating_sub(1));
        let x1 = t.x(b - from).max(x0 + 1);
        let mark = marker(lane, v.number);
        let style = match mark {
            Some('!') => theme.error,
            Some(_) => theme.priority_high,
            None => status_style(v.status, theme),
        };
        let lead = mark.unwrap_or('|').to_string();
        let room = (x1 - x0).saturating_sub(1);
        let short = service_short(v, l);
        // The stable name beside the short one in English (`V3 维修 repair`); Chinese needs no English.
        let long = if l == Locale::En {
            format!("V{} {short} {}", v.number, v.service.as_str())
        } else {
            format!("V{} {short}", v.number)
        };
        let label = [
            long,
            format!("V{} {short}", v.number),
            format!("V{}", v.number),
        ]
        .into_iter()
        .find(|l| width(l) <= room)
        .unwrap_or_else(|| format!("V{}", v.number));
        cells.put(x0, x1, &format!("{lead}{}", fit(&label, room)), style);
        let who = v
            .customer
            .as_ref()
            .or(v.city.as_ref())
            .map(|c| c.to_string())
            .unwrap_or_default();
        let muted = if v.status.holds_time() {
            theme.muted
        } else {
            status_style(v.status, theme)
        };
        under.put(x0, x1, &format!(" {}", fit(&who, room)), muted);
    }
    if selected {
        let x = t.hour_x(s.hour);
        let end = match (s.focus, s.selected_waiting()) {
            (ScheduleFocus::Waiting, Some(w)) => {
                // Where Enter books the selected waiting visit.
                let end = (x + 2 * t.cph).min(t.cells());
                if cells.empty(x, end) {
                    cells.put(
                        x,
                        end,
                        &fit(&format!("+V{}", w.number), end - x),
                        theme.base,
                    );
                }
                end
            }
            _ => x + t.cph,
        };
        cells.restyle(x, end, |st| st.patch(theme.selection));
        under.restyle(x, end, |st| st.patch(theme.selection));
    }
    [cells.spans(), under.spans()]
}

/// The seven day headings of the week, today and the cursor's day picked out.
pub fn week_header(
    s: &ScheduleState,
    (now, l): (i64, Locale),
    col: usize,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let mut cells = Cells::new(col * 7, theme.muted);
    let Some(w) = s.week.as_ref() else {
        return cells.spans();
    };
    let today = s.day_of(now);
    for d in 0..7 {
        let (Some(at), Some(off)) = (w.days.get(d), w.offsets.get(d)) else {
            continue;
        };
        // `%a` in the locale (周四, Thu); with a format given, the year never shows on its own.
        let date = |f: &str| crate::i18n::date(l, *at, *off, *at, Some(f));
        let label = [date("%a %m-%d"), date("%a %d"), date("%d")]
            .into_iter()
            .find(|l| width(l) < col)
            .unwrap_or_default();
        let style = if d == s.day {
            theme.selection
        } else if today == Some(d) {
            theme.heading
        } else {
            theme.muted
        };
        cells.put(d * col, d * col + col - 1, &label, style);
    }
    cells.spans()
}

/// What the week shows of one engineer's day.
struct DayCell {
    /// Visits that hold time, and the hours they start at.
    visits: usize,
    hours: Vec<String>,
    overlap: bool,
    tight: bool,
}

impl DayCell {
    fn new(s: &ScheduleState, lane: &Lane, d: usize) -> DayCell {
        let start = s
            .week
            .as_ref()
            .and_then(|w| w.days.get(d))
            .copied()
            .unwrap_or(0);
        let hours: Vec<String> = lane
            .visits
            .iter()
            .filter(|v| v.status.holds_time())
            .filter_map(|v| v.window_start)
            .filter(|t| s.day_of(*t) == Some(d))
            .map(|t| format!("{:02}", (t - start).max(0) / 3600))
            .collect();
        let on_day = |conflict: bool| {
            lane.flags.iter().any(|f| {
                matches!(f, Flag::Conflict { .. }) == conflict && flag_day(s, lane, f) == Some(d)
            })
        };
        DayCell {
            visits: hours.len(),
            hours,
            overlap: on_day(true),
            tight: on_day(false),
        }
    }

    /// `2 visits !`, or `2 !` where `long` is false; `·` for none.
    fn text(&self, long: bool, l: Locale) -> String {
        let n = self.visits;
        if n == 0 {
            return "·".into();
        }
        let mut t = if long {
            tr_args(l, "schedule-week-visits", &[("n", n.into())])
        } else {
            n.to_string()
        };
        if self.overlap {
            t.push_str(" !");
        }
        if self.tight {
            t.push_str(" ~");
        }
        t
    }

    /// The start hours that fit in `cells`, `…` when some do not.
    fn hours(&self, cells: usize) -> String {
        let mut out = String::new();
        for (i, h) in self.hours.iter().enumerate() {
            let sep = if out.is_empty() { "" } else { " " };
            let more = i + 1 < self.hours.len();
            if width(&out) + sep.len() + width(h) + usize::from(more) * 2 > cells {
                out.push_str(if out.is_empty() { "…" } else { " …" });
                break;
            }
            out.push_str(sep);
            out.push_str(h);
        }
        out
    }
}

/// Whether every day cell of the week fits its long form (`2 visits !`) in `col - 1` cells: all long, or all short.
pub fn week_long_form(s: &ScheduleState, col: usize, l: Locale) -> bool {
    let lanes = s
        .week
        .as_ref()
        .map(|w| w.schedule.lanes.as_slice())
        .unwrap_or_default();
    lanes
        .iter()
        .all(|lane| (0..7).all(|d| width(&DayCell::new(s, lane, d).text(true, l)) < col))
}

/// One engineer's week, two lines: per day the visits that hold time (`!` for an overlap, `~` for a tight hop
/// that day), and under it the hours they start at.
pub fn week_lane(
    s: &ScheduleState,
    lane: &Lane,
    (selected, long): (bool, bool),
    (col, l): (usize, Locale),
    theme: &Theme,
) -> [Vec<Span<'static>>; 2] {
    let mut cells = Cells::new(col * 7, theme.base);
    let mut under = Cells::new(col * 7, theme.muted);
    for d in 0..7 {
        let cell = DayCell::new(s, lane, d);
        let (x, end) = (d * col, d * col + col - 1);
        let style = if cell.overlap {
            theme.error
        } else if cell.tight {
            theme.priority_high
        } else if cell.visits == 0 {
            theme.muted
        } else {
            theme.base
        };
        cells.put(x, end, &cell.text(long, l), style);
        under.put(x, end, &cell.hours(col - 1), theme.muted);
        if selected && d == s.day && s.focus == ScheduleFocus::Lanes {
            cells.restyle(x, end, |st| st.patch(theme.selection));
            under.restyle(x, end, |st| st.patch(theme.selection));
        }
    }
    [cells.spans(), under.spans()]
}

/// The name column of a lane, two lines: a pointer on the cursor's engineer and their name, then their handle and
/// their availability unless on duty.
pub fn name_cell(
    (lane, l): (&Lane, Locale),
    selected: bool,
    focused: bool,
    cells: usize,
    theme: &Theme,
) -> [Span<'static>; 2] {
    let pointer = if selected { "▶ " } else { "  " };
    let on_duty = lane.availability == crate::domain::dispatch::Availability::OnDuty;
    let style = match (selected, focused) {
        (true, true) => theme.selection,
        (true, false) => theme.title,
        _ if !on_duty => theme.muted,
        _ => theme.base,
    };
    let mut second = format!("  {}", lane.handle);
    if !on_duty {
        let state = crate::i18n::tr_of(l, "team-availability-", lane.availability.as_str());
        second.push_str(&format!(" · {state}"));
    }
    let second_style = if on_duty { theme.muted } else { theme.error };
    [
        Span::styled(fit(&format!("{pointer}{}", lane.name), cells), style),
        Span::styled(fit(&second, cells), second_style),
    ]
}

/// The lines of the lanes under a header line: each lane's name column beside its drawing, on `rows` lines (the
/// third a blank one between lanes).
pub fn lines(
    header: Vec<Span<'static>>,
    lanes: impl Iterator<Item = ([Span<'static>; 2], [Vec<Span<'static>>; 2])>,
    name_cells: usize,
    rows: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut head = vec![Span::raw(" ".repeat(name_cells + 1))];
    head.extend(header);
    out.push(Line::from(head));
    for (names, drawn) in lanes {
        for (name, rest) in names.into_iter().zip(drawn).take(rows.min(2)) {
            let mut spans = vec![name, Span::raw(" ")];
            spans.extend(rest);
            out.push(Line::from(spans));
        }
        if rows > 2 {
            out.push(Line::raw(""));
        }
    }
    out
}
