//! Calendar arithmetic on unix seconds (no clock, no time-zone database: demo data is fixed to China time, UTC+8)
//! and the intake curve that places tickets in business hours.

pub(super) const MINUTE: i64 = 60;
pub(super) const HOUR: i64 = 3600;
pub(super) const DAY: i64 = 86_400;
/// All generated activity lies in this many days before `now`.
pub(super) const WINDOW_DAYS: i64 = 120;
/// China Standard Time: the help desk's working hours are local.
const UTC_OFFSET: i64 = 8 * HOUR;

/// Days since 1970-01-01 → (year, month 1–12, day 1–31). Howard Hinnant's civil_from_days.
pub(super) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) → days since 1970-01-01. Inverse of [`civil_from_days`].
pub(super) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Local (UTC+8) calendar date of an instant.
pub(super) fn local_ymd(secs: i64) -> (i64, u32, u32) {
    civil_from_days((secs + UTC_OFFSET).div_euclid(DAY))
}

fn days_in_month(y: i64, m: u32) -> u32 {
    let next = if m == 12 {
        days_from_civil(y + 1, 1, 1)
    } else {
        days_from_civil(y, m + 1, 1)
    };
    (next - days_from_civil(y, m, 1)) as u32
}

/// Calendar months later (or earlier), keeping the time of day and clamping the day (Jan 31 + 1 month = Feb 28),
/// as a warranty of N months is counted.
pub(super) fn add_months(secs: i64, months: i64) -> i64 {
    let local = secs + UTC_OFFSET;
    let (y, m, d) = civil_from_days(local.div_euclid(DAY));
    let time_of_day = local.rem_euclid(DAY);
    let total = y * 12 + (m as i64 - 1) + months;
    let (ny, nm) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32);
    let nd = d.min(days_in_month(ny, nm));
    days_from_civil(ny, nm, nd) * DAY + time_of_day - UTC_OFFSET
}

/// Cumulative intake weight per hour of the window: busy in office hours, quiet at night and on weekends, with a
/// mild upward trend so the recent queue is lively. Tickets are placed by inverting this curve, which keeps
/// ticket numbers in creation order while the times look like a real desk's.
pub(super) struct IntakeCurve {
    start: i64,
    cumulative: Vec<f64>,
}

impl IntakeCurve {
    pub(super) fn new(now: i64) -> IntakeCurve {
        let start = now - WINDOW_DAYS * DAY;
        let hours = (WINDOW_DAYS * 24) as usize;
        let mut cumulative = Vec::with_capacity(hours + 1);
        let mut acc = 0.0;
        cumulative.push(acc);
        for h in 0..hours {
            let local = start + h as i64 * HOUR + UTC_OFFSET;
            let hour_of_day = local.rem_euclid(DAY) / HOUR;
            // 1970-01-01 was a Thursday: (days + 3) % 7 gives Monday = 0.
            let weekday = (local.div_euclid(DAY) + 3).rem_euclid(7);
            let by_hour = match hour_of_day {
                9..=11 | 14..=17 => 1.0,
                12 | 13 => 0.7,
                8 | 18..=20 => 0.45,
                21..=23 => 0.2,
                _ => 0.04,
            };
            let by_day = if weekday >= 5 { 0.45 } else { 1.0 };
            let trend = 0.8 + 0.4 * h as f64 / hours as f64;
            acc += by_hour * by_day * trend;
            cumulative.push(acc);
        }
        IntakeCurve { start, cumulative }
    }

    /// The instant at quantile `u` in [0, 1] of the intake curve; non-decreasing in `u`.
    pub(super) fn at(&self, u: f64) -> i64 {
        let total = self.cumulative[self.cumulative.len() - 1];
        let target = u.clamp(0.0, 1.0) * total;
        // Last hour whose cumulative start is <= target.
        let h = self
            .cumulative
            .partition_point(|&c| c <= target)
            .saturating_sub(1)
            .min(self.cumulative.len() - 2);
        let (lo, hi) = (self.cumulative[h], self.cumulative[h + 1]);
        let frac = if hi > lo {
            ((target - lo) / (hi - lo)).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.start + h as i64 * HOUR + (frac * (HOUR - 1) as f64) as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trips_and_known_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        for z in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn months_clamp_the_day() {
        // 2024-01-31 10:00 China time.
        let jan31 = days_from_civil(2024, 1, 31) * DAY + 2 * HOUR;
        assert_eq!(local_ymd(add_months(jan31, 1)), (2024, 2, 29));
        assert_eq!(local_ymd(add_months(jan31, 13)), (2025, 2, 28));
        assert_eq!(local_ymd(add_months(jan31, -2)), (2023, 11, 30));
        assert_eq!(add_months(jan31, 0), jan31);
    }

    #[test]
    fn intake_is_monotone_inside_the_window_and_favours_office_hours() {
        let now = 1_780_000_000;
        let curve = IntakeCurve::new(now);
        let mut last = i64::MIN;
        let mut office = 0;
        for i in 0..=10_000 {
            let t = curve.at(i as f64 / 10_000.0);
            assert!(t >= last && t >= now - WINDOW_DAYS * DAY && t < now);
            last = t;
            let hour = (t + UTC_OFFSET).rem_euclid(DAY) / HOUR;
            if (9..18).contains(&hour) {
                office += 1;
            }
        }
        assert!(office > 5_000, "{office}");
    }
}
