//! On-site visits (上门服务): what a visit is for, the steps it goes through and what each step needs, and how an
//! engineer's day is read for conflicts and travel gaps. Pure; the store checks every change against these rules
//! inside the write that makes it.

use crate::str_enum;

str_enum!(
    /// What the engineer goes to do.
    Service {
        Install = "install",
        Repair = "repair",
        Maintenance = "maintenance",
        Inspection = "inspection",
        /// Collecting a returned product (退货取件).
        Pickup = "pickup",
    }
);

impl Service {
    pub fn label(self) -> &'static str {
        match self {
            Service::Install => "install 安装",
            Service::Repair => "repair 维修",
            Service::Maintenance => "maintenance 保养",
            Service::Inspection => "inspection 检测",
            Service::Pickup => "pick-up 取件",
        }
    }
}

str_enum!(
    /// Where a visit stands.
    VisitStatus {
        /// Made, but nobody and no time yet: it sits in the unscheduled list.
        Unscheduled = "unscheduled",
        Scheduled = "scheduled",
        EnRoute = "en_route",
        OnSite = "on_site",
        Completed = "completed",
        /// The customer was not there.
        NoShow = "no_show",
        /// The agreed window no longer holds; the visit waits for a new one.
        Rescheduled = "rescheduled",
        Cancelled = "cancelled",
    }
);

impl VisitStatus {
    /// No step leads out of it.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            VisitStatus::Completed | VisitStatus::NoShow | VisitStatus::Cancelled
        )
    }

    /// Holds an engineer's time: drawn on the schedule and checked for overlaps.
    pub fn holds_time(self) -> bool {
        matches!(
            self,
            VisitStatus::Scheduled
                | VisitStatus::EnRoute
                | VisitStatus::OnSite
                | VisitStatus::Completed
        )
    }

    /// Waits for someone to give it a time (the schedule pane's list).
    pub fn wants_time(self) -> bool {
        matches!(self, VisitStatus::Unscheduled | VisitStatus::Rescheduled)
    }

    /// The steps allowed from here.
    pub fn next(self) -> &'static [VisitStatus] {
        use VisitStatus::*;
        match self {
            Unscheduled => &[Scheduled, Cancelled],
            Scheduled => &[EnRoute, OnSite, NoShow, Rescheduled, Cancelled],
            EnRoute => &[OnSite, NoShow, Rescheduled, Cancelled],
            // A visit that cannot finish (a part is missing) is rescheduled for a return trip.
            OnSite => &[Completed, Rescheduled],
            Rescheduled => &[Scheduled, Cancelled],
            Completed | NoShow | Cancelled => &[],
        }
    }
}

/// A visit as the rules see it when a step is asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitFacts {
    pub has_engineer: bool,
    pub has_window: bool,
    pub notes: String,
    /// Out of warranty (保外): the customer must accept the quote before the work is done.
    pub out_of_warranty: bool,
    pub quote_accepted: bool,
}

/// Why a step is refused, in words for the person who asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepRefused {
    #[error("the visit is {from} and cannot become {to}; from {from} it can become: {allowed}")]
    NotNext {
        from: VisitStatus,
        to: VisitStatus,
        allowed: String,
    },
    #[error("a visit needs an engineer and a time window to be {to}; set engineer= and window=")]
    NeedsSchedule { to: VisitStatus },
    #[error("completing a visit needs work notes; set notes=\"what was done\"")]
    NeedsNotes,
    #[error(
        "the work is out of warranty (保外): the customer must accept the quote first; set quote=accepted \
         (or reschedule or cancel the visit)"
    )]
    NeedsAcceptedQuote,
}

/// Checks one step of a visit.
pub fn check_step(
    from: VisitStatus,
    to: VisitStatus,
    facts: &VisitFacts,
) -> Result<(), StepRefused> {
    if !from.next().contains(&to) {
        let allowed = if from.is_final() {
            "nothing (it is finished)".to_string()
        } else {
            from.next()
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(StepRefused::NotNext { from, to, allowed });
    }
    match to {
        VisitStatus::Scheduled | VisitStatus::EnRoute | VisitStatus::OnSite
            if !(facts.has_engineer && facts.has_window) =>
        {
            Err(StepRefused::NeedsSchedule { to })
        }
        VisitStatus::Completed if facts.notes.trim().is_empty() => Err(StepRefused::NeedsNotes),
        VisitStatus::Completed if facts.out_of_warranty && !facts.quote_accepted => {
            Err(StepRefused::NeedsAcceptedQuote)
        }
        _ => Ok(()),
    }
}

/// A visit on an engineer's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub number: i64,
    pub start: i64,
    pub end: i64,
    /// The city or district, for judging travel between neighbours.
    pub place: String,
}

/// What the schedule flags between two neighbouring visits of one engineer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// The windows overlap.
    Conflict { a: i64, b: i64 },
    /// The gap is shorter than the travel time between two different places.
    TightTravel { a: i64, b: i64, gap_minutes: i64 },
}

/// Conflicts and too-short travel gaps in one engineer's visits. `travel_minutes` is what a move between two
/// different places takes; visits at the same place need none.
pub fn flags(slots: &[Slot], travel_minutes: i64) -> Vec<Flag> {
    let mut sorted: Vec<&Slot> = slots.iter().collect();
    sorted.sort_by_key(|s| (s.start, s.end, s.number));
    let mut out = Vec::new();
    for (i, a) in sorted.iter().enumerate() {
        // Every later visit that starts before this one ends overlaps it, not only the next one.
        for b in sorted.iter().skip(i + 1).take_while(|b| b.start < a.end) {
            out.push(Flag::Conflict {
                a: a.number,
                b: b.number,
            });
        }
        // The next trip starts at the first later visit that does not overlap this one: a visit nested inside
        // this one does not excuse the travel from here to the one after.
        if let Some(b) = sorted.iter().skip(i + 1).find(|b| b.start >= a.end)
            && a.place != b.place
        {
            let gap = (b.start - a.end) / 60;
            if gap < travel_minutes {
                out.push(Flag::TightTravel {
                    a: a.number,
                    b: b.number,
                    gap_minutes: gap,
                });
            }
        }
    }
    out
}

/// Parses a time window `2026-12-07 09:00-11:00` or `2026-12-07 09:00+2h` (local time) into epoch seconds.
pub fn parse_window(text: &str, tz: chrono_tz::Tz) -> Option<(i64, i64)> {
    use chrono::{NaiveDate, NaiveTime, TimeZone};
    let text = text.trim();
    let (date, times) = text.split_once(char::is_whitespace)?;
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let times = times.trim();
    let at = |t: &str| -> Option<i64> {
        let t = NaiveTime::parse_from_str(t.trim(), "%H:%M").ok()?;
        tz.from_local_datetime(&date.and_time(t))
            .earliest()
            .map(|d| d.timestamp())
    };
    let (start, end) = if let Some((s, hours)) = times.split_once('+') {
        let start = at(s)?;
        let h: f64 = hours.trim().strip_suffix('h')?.trim().parse().ok()?;
        // Bounded before the cast: `inf` or `1e300` would saturate and overflow the arithmetic below.
        if !(0.0..=24.0).contains(&h) {
            return None;
        }
        let minutes = (h * 60.0).round() as i64;
        (start, start + minutes * 60)
    } else {
        let (s, e) = times.split_once('-')?;
        (at(s)?, at(e)?)
    };
    (end > start && end - start <= 24 * 3600).then_some((start, end))
}

#[cfg(test)]
#[path = "visit_tests.rs"]
mod tests;
