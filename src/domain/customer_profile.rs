//! The personal side of a customer profile (客户画像): gender and when and how they like to be contacted.
//!
//! A preferred contact time is a set of days and a time window, written `weekdays 18:00-21:00`, `weekends
//! 09:00-12:00`, `daily 09:00-18:00`, `mon-fri 18:00-21:00`, `sat 10:00-12:00` or just `18:00-21:00` (every day).
//! [`ContactTime::parse`] reads what people type (full-width digits and colons from a Chinese input method, `–` or
//! `~` between the times, `9:00`) and [`ContactTime`]'s `Display` writes the one stored spelling.

use crate::str_enum;

str_enum!(
    /// Gender (性别) as the customer gave it; `unspecified` when they chose not to say.
    Gender {
        Female = "female",
        Male = "male",
        Other = "other",
        Unspecified = "unspecified",
    }
);

impl Gender {
    pub fn label(self) -> &'static str {
        match self {
            Gender::Female => "Female",
            Gender::Male => "Male",
            Gender::Other => "Other",
            Gender::Unspecified => "Unspecified",
        }
    }
}

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Days of the week as a bit set, Monday = bit 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days(u8);

impl Days {
    pub const DAILY: Days = Days(0b111_1111);
    pub const WEEKDAYS: Days = Days(0b001_1111);
    pub const WEEKENDS: Days = Days(0b110_0000);

    /// Monday = 0 … Sunday = 6.
    pub fn contains(self, weekday: u8) -> bool {
        weekday < 7 && self.0 & (1 << weekday) != 0
    }

    fn from_bits(bits: u8) -> Option<Days> {
        let bits = bits & 0b111_1111;
        (bits != 0).then_some(Days(bits))
    }
}

impl std::fmt::Display for Days {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Days::DAILY => return f.write_str("daily"),
            Days::WEEKDAYS => return f.write_str("weekdays"),
            Days::WEEKENDS => return f.write_str("weekends"),
            _ => {}
        }
        let names: Vec<&str> = DAY_NAMES
            .iter()
            .enumerate()
            .filter(|(i, _)| self.contains(*i as u8))
            .map(|(_, n)| *n)
            .collect();
        f.write_str(&names.join(","))
    }
}

/// When a customer prefers to be contacted: days, and a window from `start` to `end` minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactTime {
    pub days: Days,
    pub start: u16,
    pub end: u16,
}

/// A contact time desk cannot read; `text` is the input made safe to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{text}` is not a contact time: write days and a window, like `weekdays 18:00-21:00`, `weekends 09:00-12:00`, \
     `mon-fri 09:00-12:00` or `18:00-21:00` ({problem})"
)]
pub struct ContactTimeError {
    pub text: String,
    pub problem: &'static str,
}

/// Full-width digits, colons and dashes as ASCII; every other character as it is.
fn ascii_fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '：' => ':',
        '－' | '–' | '—' | '~' | '～' | '至' => '-',
        '，' | '、' => ',',
        c => c,
    }
}

/// `18:00` or `9:00` → minutes after midnight; `24:00` is the end of the day.
fn clock(s: &str) -> Option<u16> {
    let (h, m) = s.split_once(':')?;
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if !digits(h) || !digits(m) || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

fn day(s: &str) -> Option<u8> {
    let s = s.to_ascii_lowercase();
    let full = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    (0u8..7).find(|&i| s == DAY_NAMES[i as usize] || s == full[i as usize])
}

/// `daily`, `weekdays`, `weekends`, `mon-fri`, `sat,sun`, `工作日`, `周末`, `每天`.
fn days(s: &str) -> Option<Days> {
    match s.to_ascii_lowercase().as_str() {
        "daily" | "everyday" | "every-day" | "每天" => return Some(Days::DAILY),
        "weekdays" | "weekday" | "工作日" => return Some(Days::WEEKDAYS),
        "weekends" | "weekend" | "周末" => return Some(Days::WEEKENDS),
        _ => {}
    }
    let mut bits = 0u8;
    for part in s.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (day(a)?, day(b)?);
                if a > b {
                    return None;
                }
                for d in a..=b {
                    bits |= 1 << d;
                }
            }
            None => bits |= 1 << day(part)?,
        }
    }
    Days::from_bits(bits)
}

impl ContactTime {
    pub fn parse(input: &str) -> Result<ContactTime, ContactTimeError> {
        let fail = |problem| ContactTimeError {
            text: super::text::sanitize(input.trim()),
            problem,
        };
        let folded: String = input.chars().map(ascii_fold).collect();
        let words: Vec<&str> = folded.split_whitespace().collect();
        let (day_words, window) = match words.as_slice() {
            [] => return Err(fail("it is empty")),
            [w] => (None, *w),
            [d, w] => (Some(*d), *w),
            // `18:00 - 21:00` typed with spaces around the dash.
            [a, "-", b] => return Self::window(None, &format!("{a}-{b}")).map_err(fail),
            [d, a, "-", b] => return Self::window(Some(d), &format!("{a}-{b}")).map_err(fail),
            _ => return Err(fail("too many words")),
        };
        Self::window(day_words, window).map_err(fail)
    }

    fn window(day_words: Option<&str>, window: &str) -> Result<ContactTime, &'static str> {
        let days = match day_words {
            Some(d) => {
                days(d).ok_or("the days are none of daily, weekdays, weekends, mon-fri, sat,sun")?
            }
            None => Days::DAILY,
        };
        let (a, b) = window
            .split_once('-')
            .ok_or("the window needs a start and an end, like 18:00-21:00")?;
        let (start, end) = (
            clock(a).ok_or("a time is not HH:MM")?,
            clock(b).ok_or("a time is not HH:MM")?,
        );
        if start >= end {
            return Err("the window must end after it starts, on the same day");
        }
        Ok(ContactTime { days, start, end })
    }

    /// Whether `weekday` (Monday = 0) at `minute` after midnight falls in the window.
    pub fn covers(self, weekday: u8, minute: u16) -> bool {
        self.days.contains(weekday) && minute >= self.start && minute < self.end
    }
}

impl std::fmt::Display for ContactTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hm = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        write!(f, "{} {}-{}", self.days, hm(self.start), hm(self.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> String {
        ContactTime::parse(s)
            .map(|t| t.to_string())
            .unwrap_or_else(|e| format!("error: {}", e.problem))
    }

    #[test]
    fn reads_what_people_type_and_writes_one_spelling() {
        assert_eq!(p("weekdays 18:00-21:00"), "weekdays 18:00-21:00");
        assert_eq!(p("Weekends 9:00-12:00"), "weekends 09:00-12:00");
        assert_eq!(p("18:00-21:00"), "daily 18:00-21:00");
        assert_eq!(p("mon-fri 18:00 - 21:00"), "weekdays 18:00-21:00");
        assert_eq!(p("sat,sun 10:00~12:30"), "weekends 10:00-12:30");
        assert_eq!(p("mon,wed,fri 08:00-09:00"), "mon,wed,fri 08:00-09:00");
        assert_eq!(p("工作日 １８：００－２１：００"), "weekdays 18:00-21:00");
        assert_eq!(p("daily 00:00-24:00"), "daily 00:00-24:00");
    }

    #[test]
    fn refuses_what_it_cannot_read_saying_why() {
        assert_eq!(p(""), "error: it is empty");
        assert_eq!(
            p("evenings"),
            "error: the window needs a start and an end, like 18:00-21:00"
        );
        assert_eq!(
            p("weekdays 21:00-18:00"),
            "error: the window must end after it starts, on the same day"
        );
        assert_eq!(
            p("weekdays 18:00-18:00"),
            "error: the window must end after it starts, on the same day"
        );
        assert_eq!(p("weekdays 25:00-26:00"), "error: a time is not HH:MM");
        assert_eq!(p("weekdays 18:0-21:00"), "error: a time is not HH:MM");
        assert_eq!(
            p("fri-mon 18:00-21:00"),
            "error: the days are none of daily, weekdays, weekends, mon-fri, sat,sun"
        );
        assert_eq!(p("every other day 18:00-21:00"), "error: too many words");
        let e = ContactTime::parse("x\x1b[2J 1-2").unwrap_err();
        assert!(!e.to_string().contains('\x1b'), "{e}");
    }

    #[test]
    fn covers_the_window_on_its_days_only() {
        let t = ContactTime::parse("weekdays 18:00-21:00").unwrap();
        assert!(t.covers(0, 18 * 60));
        assert!(!t.covers(0, 21 * 60), "the end is not in the window");
        assert!(!t.covers(5, 19 * 60), "Saturday is not a weekday");
        assert!(!t.covers(4, 17 * 60 + 59));
    }

    #[test]
    fn genders_parse_their_names() {
        assert_eq!(Gender::parse("Female"), Some(Gender::Female));
        assert_eq!(Gender::parse("x"), None);
        assert_eq!(Gender::Unspecified.label(), "Unspecified");
    }

    proptest! {
        #[test]
        fn any_window_reads_back_as_written(bits in 1u8..128, start in 0u16..1440, len in 1u16..1440) {
            let end = (start + len).min(1440);
            prop_assume!(end > start);
            let t = ContactTime { days: Days(bits), start, end };
            prop_assert_eq!(ContactTime::parse(&t.to_string()), Ok(t));
        }

        #[test]
        fn any_text_parses_or_is_refused_without_panicking(s in "\\PC{0,30}") {
            if let Ok(t) = ContactTime::parse(&s) {
                prop_assert!(t.start < t.end && t.end <= 1440);
                prop_assert_eq!(ContactTime::parse(&t.to_string()), Ok(t));
            }
        }
    }
}
