//! Customer care (客户关怀): birthdays and customer anniversaries that fall within the next few days. Dates are
//! local calendar dates; a 29 February is kept on 28 February in other years.

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occasion {
    Birthday,
    /// Years since the first order.
    Anniversary {
        years: i32,
    },
}

impl Occasion {
    pub fn kind(self) -> &'static str {
        match self {
            Occasion::Birthday => "birthday",
            Occasion::Anniversary { .. } => "anniversary",
        }
    }

    /// The note desk writes on the care task for this occasion on `on`.
    pub fn note(self, on: NaiveDate) -> super::crm_why::CareNote {
        use super::crm_why::CareNote;
        match self {
            Occasion::Birthday => CareNote::Birthday { on },
            Occasion::Anniversary { years } => CareNote::Anniversary { years, on },
        }
    }
}

/// Month and day of a stored birthday: `YYYY-MM-DD` or `MM-DD` (ASCII digits, surrounding whitespace ignored).
/// A full date must exist (`1990-02-29` does not); `MM-DD` may be 29 February.
pub fn month_day(s: &str) -> Option<(u32, u32)> {
    let s = s.trim();
    let (year, md) = match s.split_once('-') {
        Some((y, md)) if y.len() == 4 => (Some(digits(y)?), md),
        _ => (None, s),
    };
    let (m, d) = md.split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (m, d) = (digits(m)?, digits(d)?);
    // 2024 is a leap year, so 02-29 is accepted without a year.
    let year = year.map_or(Some(2024), |y| i32::try_from(y).ok())?;
    NaiveDate::from_ymd_opt(year, m, d).map(|_| (m, d))
}

/// The value of a run of ASCII digits; None for anything else (signs, spaces, other scripts' digits).
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The date of month/day in `year`; 29 February falls back to the 28th.
fn in_year(year: i32, (m, d): (u32, u32)) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, m, d).or_else(|| NaiveDate::from_ymd_opt(year, m, d - 1))
}

/// The next date on or after `today` with this month/day.
pub fn next_on(md: (u32, u32), today: NaiveDate) -> Option<NaiveDate> {
    let this = in_year(today.year(), md)?;
    if this >= today {
        Some(this)
    } else {
        in_year(today.year() + 1, md)
    }
}

/// Care occasions from `today` to `ahead_days` later (inclusive), soonest first.
pub fn occasions(
    birthday: Option<&str>,
    first_order: Option<NaiveDate>,
    today: NaiveDate,
    ahead_days: i64,
) -> Vec<(NaiveDate, Occasion)> {
    let last = today + chrono::Duration::days(ahead_days);
    let mut out = Vec::new();
    if let Some(on) = birthday
        .and_then(month_day)
        .and_then(|md| next_on(md, today))
        .filter(|on| *on <= last)
    {
        out.push((on, Occasion::Birthday));
    }
    if let Some(first) = first_order
        && let Some(on) = next_on((first.month(), first.day()), today).filter(|on| *on <= last)
    {
        let years = on.year() - first.year();
        if years >= 1 {
            out.push((on, Occasion::Anniversary { years }));
        }
    }
    out.sort_by_key(|(on, _)| *on);
    out
}

/// The `MM-DD` ranges (inclusive) covering `today` to `ahead_days` later, split at the new year, so a store can
/// find the customers with an occasion through an index on the month/day.
pub fn month_day_ranges(today: NaiveDate, ahead_days: i64) -> Vec<(String, String)> {
    let last = today + chrono::Duration::days(ahead_days.clamp(0, 365));
    let md = |d: NaiveDate| d.format("%m-%d").to_string();
    if last.year() == today.year() {
        // 29 February lives on the 28th in other years: widen the range to catch it.
        let end = if last.month() == 2 && last.day() == 28 {
            "02-29".to_string()
        } else {
            md(last)
        };
        vec![(md(today), end)]
    } else {
        vec![(md(today), "12-31".into()), ("01-01".into(), md(last))]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn birthdays_parse_in_both_forms() {
        assert_eq!(month_day("1990-05-01"), Some((5, 1)));
        assert_eq!(month_day("12-31"), Some((12, 31)));
        assert_eq!(month_day("1992-02-29"), Some((2, 29)));
        assert_eq!(month_day("1990-13-01"), None);
        assert_eq!(month_day("soon"), None);
        // Found by fuzzing CSV import rows: ten bytes with a character across byte 5 used to panic.
        assert_eq!(month_day("1990电话"), None);
        assert_eq!(month_day(" 1990-05-01 "), Some((5, 1)));
        assert_eq!(month_day("1990-02-29"), None, "1990 was not a leap year");
        assert_eq!(month_day("02-29"), Some((2, 29)));
        // Text that is not a date, however it is cut, is refused rather than sliced mid-character.
        assert_eq!(month_day("1990年5-1"), None);
        assert_eq!(month_day("1990年05-01"), None);
        assert_eq!(month_day("19900-05-01"), None);
        assert_eq!(month_day("1990x05-01"), None);
        assert_eq!(month_day("+5-01"), None);
        assert_eq!(month_day("5-1"), None);
        assert_eq!(month_day("１２-３１"), None, "full-width digits");
        assert_eq!(month_day("12-31-"), None);
    }

    #[test]
    fn occasions_within_the_window() {
        let today = d(2026, 11, 25);
        let got = occasions(Some("1985-11-28"), Some(d(2023, 12, 1)), today, 7);
        assert_eq!(
            got,
            vec![
                (d(2026, 11, 28), Occasion::Birthday),
                (d(2026, 12, 1), Occasion::Anniversary { years: 3 })
            ]
        );
        assert_eq!(
            got[1].1.note(got[1].0).to_string(),
            "3 years as a customer Dec 1"
        );
        // Yesterday's birthday waits for next year; eight days ahead is outside a 7-day window.
        assert!(occasions(Some("1985-11-24"), None, today, 7).is_empty());
        assert!(occasions(Some("1985-12-03"), None, today, 7).is_empty());
        // A first order this year has no anniversary yet.
        assert!(occasions(None, Some(d(2026, 11, 26)), today, 7).is_empty());
    }

    #[test]
    fn year_end_and_leap_days() {
        let today = d(2026, 12, 29);
        assert_eq!(
            occasions(Some("2000-01-02"), None, today, 7),
            vec![(d(2027, 1, 2), Occasion::Birthday)]
        );
        assert_eq!(
            month_day_ranges(today, 7),
            vec![
                ("12-29".to_string(), "12-31".to_string()),
                ("01-01".to_string(), "01-05".to_string())
            ]
        );
        // 2027 is not a leap year: a 29 February birthday is on the 28th.
        assert_eq!(
            occasions(Some("1996-02-29"), None, d(2027, 2, 25), 7),
            vec![(d(2027, 2, 28), Occasion::Birthday)]
        );
        assert_eq!(
            month_day_ranges(d(2027, 2, 21), 7),
            vec![("02-21".to_string(), "02-29".to_string())]
        );
    }
}
