//! Durations, ages and dates in the interface's language: `2h13m` / `2小时13分`, `5m ago` / `5分钟前`,
//! `2026-12-03 14:05` / `12月3日 周四 14:05`. The units are chosen in the domain; only the words are here.

use super::{Arg, Locale, tr, tr_args};
use crate::domain::sla_policy::{CountdownSpan, countdown_span};
use crate::domain::ticket::{Age, age};
use chrono::{Datelike, Offset};

/// The date format of the English interface, and of every locale's machine-facing text.
pub const DEFAULT_DATE_FORMAT: &str = "%Y-%m-%d %H:%M";

/// An SLA countdown of `secs` (whole minutes; negative once past due): `2h13m`, `-35m`; `2小时13分`, `已超时 35分`.
pub fn countdown(locale: Locale, secs: i64) -> String {
    countdown_in(locale, secs, "time-")
}

/// [`countdown`] for a narrow list column: the same in English; in Chinese the short units and one overdue
/// character (`8天23时`, `超35分`; 繁體 `逾35分`), since the cell's `!` already says the clock is breached.
pub fn countdown_compact(locale: Locale, secs: i64) -> String {
    countdown_in(locale, secs, "time-compact-")
}

/// A countdown from the messages under `prefix` (`time-` or `time-compact-`).
fn countdown_in(locale: Locale, secs: i64, prefix: &str) -> String {
    let num = |n: i64| Arg::from(n);
    let (key, args): (&str, Vec<(&str, Arg<'_>)>) = match countdown_span(secs) {
        CountdownSpan::Minutes(m) => ("span-minutes", vec![("minutes", num(m))]),
        CountdownSpan::Hours(h) => ("span-hours", vec![("hours", num(h))]),
        // Minutes after hours are two digits (`7h05m`); Fluent's numbers cannot pad, so they go as text.
        CountdownSpan::HoursMinutes(h, m) => (
            "span-hours-minutes",
            vec![("hours", num(h)), ("minutes", Arg::from(format!("{m:02}")))],
        ),
        CountdownSpan::Days(d) => ("span-days", vec![("days", num(d))]),
        CountdownSpan::DaysHours(d, h) => {
            ("span-days-hours", vec![("days", num(d)), ("hours", num(h))])
        }
    };
    let span = tr_args(locale, &format!("{prefix}{key}"), &args);
    if secs < 0 {
        tr_args(
            locale,
            &format!("{prefix}overdue"),
            &[("span", Arg::from(span))],
        )
    } else {
        span
    }
}

/// How long ago in a list's few cells: `5m`, `now`; `5分钟`, `刚刚`.
pub fn compact_age(locale: Locale, seconds: i64) -> String {
    match age(seconds) {
        Age::Now => tr(locale, "time-age-now"),
        Age::Minutes(n) => tr_args(locale, "time-age-minutes", &[("n", n.into())]),
        Age::Hours(n) => tr_args(locale, "time-age-hours", &[("n", n.into())]),
        Age::Days(n) => tr_args(locale, "time-age-days", &[("n", n.into())]),
        Age::Months(n) => tr_args(locale, "time-age-months", &[("n", n.into())]),
    }
}

/// How long ago as a phrase: `5m ago`, `just now`; `5分钟前`, `刚刚`.
pub fn ago(locale: Locale, seconds: i64) -> String {
    match age(seconds) {
        Age::Now => tr(locale, "time-ago-now"),
        _ => tr_args(
            locale,
            "time-ago",
            &[("age", compact_age(locale, seconds).into())],
        ),
    }
}

/// A date and time in the agent's zone (`offset` seconds east of UTC): by `format` (`ui.date_format`) when the
/// agent set one, else by the locale's own (`time-date-format`, or `time-date-format-other-year` for a date
/// outside the year of `now`). `%a` is the locale's weekday (周四 / Thu).
pub fn date(locale: Locale, ts: i64, offset: i32, now: i64, format: Option<&str>) -> String {
    // An out-of-range offset (more than a day) falls back to UTC rather than failing to draw.
    let zone = chrono::FixedOffset::east_opt(offset).unwrap_or_else(|| chrono::Utc.fix());
    let local = |t: i64| chrono::DateTime::from_timestamp(t, 0).map(|d| d.with_timezone(&zone));
    let Some(at) = local(ts) else {
        return String::new();
    };
    let pattern = match format {
        Some(f) => f.to_string(),
        None if local(now).is_some_and(|n| n.year() != at.year()) => {
            tr(locale, "time-date-format-other-year")
        }
        None => tr(locale, "time-date-format"),
    };
    let weekday = tr(
        locale,
        &format!("time-weekday-{}", at.weekday().to_string().to_lowercase()),
    );
    // `%%a` is a literal `%a`: kept apart while the weekday goes in.
    let pattern = pattern
        .replace("%%", "\u{0}")
        .replace("%a", &weekday.replace('%', "%%"))
        .replace('\u{0}', "%%");
    let mut out = String::new();
    // A pattern chrono cannot read (a bad `ui.date_format`) shows the default rather than panicking mid-frame.
    if std::fmt::write(&mut out, format_args!("{}", at.format(&pattern))).is_err() {
        return at.format(DEFAULT_DATE_FORMAT).to_string();
    }
    out
}

/// A customer's preferred contact time in the locale: `weekdays 18:00-21:00` / `工作日 18:00-21:00`,
/// `周六、周日 09:00-12:00`.
pub fn contact_time(locale: Locale, t: &crate::domain::customer_profile::ContactTime) -> String {
    use crate::domain::customer_profile::Days;
    if locale == Locale::En {
        return t.to_string();
    }
    let days = match t.days {
        Days::DAILY => tr(locale, "time-days-daily"),
        Days::WEEKDAYS => tr(locale, "time-days-weekdays"),
        Days::WEEKENDS => tr(locale, "time-days-weekends"),
        days => ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .enumerate()
            .filter(|(i, _)| days.contains(*i as u8))
            .map(|(_, d)| tr(locale, &format!("time-weekday-{d}")))
            .collect::<Vec<_>>()
            .join(&tr(locale, "time-days-separator")),
    };
    let hm = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
    format!("{days} {}-{}", hm(t.start), hm(t.end))
}
