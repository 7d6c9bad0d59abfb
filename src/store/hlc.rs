//! The hybrid logical clock that stamps every change-log entry (wall-clock ms, a counter, the replica in the row).

use super::Result;
use rusqlite::{Connection, OptionalExtension};

/// The largest counter the five-digit text form holds.
const HLC_COUNTER_MAX: u32 = 99_999;

/// Hybrid logical clock: wall-clock milliseconds plus a counter, so changes from one replica order strictly even
/// within a millisecond or when the wall clock steps back. Text form sorts correctly.
#[derive(Debug, Clone, Default)]
pub(super) struct HlcClock {
    last_ms: i64,
    counter: u32,
}

impl HlcClock {
    pub(super) fn resume(conn: &Connection) -> Result<HlcClock> {
        let last: Option<String> = conn
            .query_row("SELECT max(hlc) FROM changes", [], |r| r.get(0))
            .optional()?
            .flatten();
        let mut clock = HlcClock::default();
        if let Some((ms, counter)) = last.as_deref().and_then(parse_hlc) {
            clock.last_ms = ms;
            clock.counter = counter;
        }
        Ok(clock)
    }

    /// Moves the clock up to a stamp seen elsewhere (another process's newest entry), so the next tick is later.
    pub(super) fn observe(&mut self, (ms, counter): (i64, u32)) {
        if (ms, counter) > (self.last_ms, self.counter) {
            self.last_ms = ms;
            self.counter = counter;
        }
    }

    pub(super) fn tick(&mut self, wall_ms: i64) -> String {
        if wall_ms > self.last_ms {
            self.last_ms = wall_ms;
            self.counter = 0;
        } else if self.counter >= HLC_COUNTER_MAX {
            // The text form has five counter digits: past them it would sort before its predecessor. A bulk job
            // writes hundreds of thousands of changes under one `now`; the clock moves a millisecond on instead.
            self.last_ms += 1;
            self.counter = 0;
        } else {
            self.counter += 1;
        }
        format!("{:013}-{:05}", self.last_ms, self.counter)
    }
}

pub(super) fn parse_hlc(s: &str) -> Option<(i64, u32)> {
    let (ms, counter) = s.split_once('-')?;
    Some((ms.parse().ok()?, counter.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hlc_is_strictly_increasing_even_when_the_wall_clock_steps_back() {
        let mut c = HlcClock::default();
        let a = c.tick(1_000);
        let b = c.tick(1_000);
        let d = c.tick(900);
        let e = c.tick(2_000);
        assert!(a < b && b < d && d < e, "{a} {b} {d} {e}");
        assert_eq!(parse_hlc(&d), Some((1_000, 2)));
    }

    #[test]
    fn hlc_text_keeps_its_order_past_the_counter_digits() {
        // A 200 000-row import stamps every change with one `now`: the counter runs past five digits.
        let mut c = HlcClock::default();
        let mut prev = c.tick(5_000);
        for _ in 0..150_000 {
            let next = c.tick(5_000);
            assert!(prev < next, "{prev} then {next}");
            prev = next;
        }
        assert_eq!(parse_hlc(&prev), Some((5_001, 50_000)));
        // A later wall clock still wins.
        assert_eq!(parse_hlc(&c.tick(9_000)), Some((9_000, 0)));
    }
}
