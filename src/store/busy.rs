//! Waiting for another desk's write. SQLite's own busy handler sleeps up to 100 ms between tries, so a waiter
//! misses the short gap a bulk job leaves between its batches and can starve behind it; this one retries every
//! few milliseconds until its limit. It also records that this process is waiting, so the TUI can say "waiting
//! for another desk's write…" instead of looking frozen.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Unix ms when the current wait of some connection in this process began; 0 when none has waited yet.
static WAIT_STARTED_MS: AtomicI64 = AtomicI64::new(0);
/// Unix ms of the latest retry; a wait is over when no retry followed for a few polls.
static LAST_RETRY_MS: AtomicI64 = AtomicI64::new(0);

/// Between retries once the first quick ones failed: short enough to catch a bulk job's pause between batches.
const POLL: Duration = Duration::from_millis(3);
/// A retry this recent means the wait is still going on.
const STILL_WAITING: i64 = 250;

pub(super) fn unix_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A busy handler that retries until `limit` has passed since the lock was first found taken.
pub(super) fn handler(limit: Duration) -> impl FnMut(i32) -> bool + Send + 'static {
    let mut started = Instant::now();
    move |count| {
        let now = Instant::now();
        if count == 0 {
            // SQLite counts the tries of one locking event; zero is a new event.
            started = now;
            WAIT_STARTED_MS.store(unix_ms(), Ordering::Relaxed);
        }
        if now.duration_since(started) >= limit {
            return false;
        }
        LAST_RETRY_MS.store(unix_ms(), Ordering::Relaxed);
        std::thread::sleep(if count < 5 {
            Duration::from_millis(1)
        } else {
            POLL
        });
        true
    }
}

/// How long this process has been waiting for another connection's lock, when it is waiting now.
pub fn waiting_for_lock() -> Option<Duration> {
    let now = unix_ms();
    let last = LAST_RETRY_MS.load(Ordering::Relaxed);
    let started = WAIT_STARTED_MS.load(Ordering::Relaxed);
    (last > 0 && now - last <= STILL_WAITING && started > 0)
        .then(|| Duration::from_millis(u64::try_from(now - started).unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_up_after_its_limit_and_counts_from_the_first_try() {
        let mut h = handler(Duration::from_millis(30));
        assert!(h(0));
        let began = Instant::now();
        let mut tries = 1;
        while h(tries) {
            tries += 1;
        }
        let waited = began.elapsed();
        assert!(waited >= Duration::from_millis(25), "{waited:?}");
        // Polls every few ms rather than SQLite's 100 ms: many tries fit in 30 ms.
        assert!(tries >= 5, "{tries} tries");
        // A new locking event starts a fresh wait.
        assert!(h(0));
    }

    #[test]
    fn a_wait_in_progress_is_visible_and_ends_when_retries_stop() {
        let mut h = handler(Duration::from_secs(5));
        assert!(h(0));
        assert!(h(1));
        assert!(waiting_for_lock().is_some());
        let slept = Duration::from_millis(STILL_WAITING as u64 + 50);
        std::thread::sleep(slept);
        // The state is the process's: a store test running alongside may be waiting now, but its wait is younger
        // than ours would be had it not ended.
        let now = waiting_for_lock();
        assert!(now.is_none_or(|d| d < slept), "{now:?}");
    }
}
