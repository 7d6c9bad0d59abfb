//! Waiting for another desk's write (issue 17, item 5): the store retries often enough to get in between a bulk
//! job's batches, the screen says it is waiting rather than looking frozen, and a wait that runs out reads as
//! "busy, try again", never as a database error.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::Msg;
use desk::app::protocol::{Refusal, RefusalKind};
use desk::store::{OpenMode, StorageMode, Store, StoreError};
use std::time::{Duration, Instant};

fn last_line(a: &Harness) -> String {
    a.screen().lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_status_bar_says_when_the_store_waits_for_another_desk() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut store = Store::open_in_memory().unwrap();
        fill(&mut store, 3);
        let mut a = Harness::new(store, Some("li"), w, h, NOW);
        let hints = last_line(&a);
        assert!(hints.contains("help"), "{hints}");
        a.send(Msg::StoreWaiting(true));
        assert_eq!(
            last_line(&a).trim_end(),
            " waiting for another desk's write…",
            "at {w}×{h}"
        );
        a.send(Msg::StoreWaiting(false));
        assert_eq!(last_line(&a), hints);
    }
}

#[test]
fn a_read_waits_out_another_connections_write_and_the_wait_is_visible() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    // Shared mode (a rollback journal): a writer's exclusive lock keeps readers out, as on a network share.
    let mut store = Store::open_with(&path, OpenMode::Create, StorageMode::Shared).unwrap();
    fill(&mut store, 2);
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let holder = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(600));
        other.execute_batch("COMMIT").unwrap();
    });
    let seen_waiting = std::thread::spawn(|| {
        let until = Instant::now() + Duration::from_secs(3);
        while Instant::now() < until {
            if desk::store::busy::waiting_for_lock().is_some() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    });
    let started = Instant::now();
    let counts = store.counts().unwrap();
    let waited = started.elapsed();
    holder.join().unwrap();
    assert_eq!(counts.tickets, 2);
    assert!(waited >= Duration::from_millis(400), "{waited:?}");
    // Retried every few milliseconds: in by a small margin after the holder let go, not 100 ms later.
    assert!(waited < Duration::from_millis(1_500), "{waited:?}");
    assert!(seen_waiting.join().unwrap(), "no wait was visible");
}

#[test]
fn a_wait_that_runs_out_is_busy_not_a_database_error() {
    let busy = StoreError::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some("database is locked".into()),
    ));
    let r = Refusal::from(&busy);
    assert_eq!(r.kind, RefusalKind::Busy);
    assert!(r.text.starts_with("another desk's write"), "{}", r.text);
    assert!(!r.text.contains("database error"), "{}", r.text);
}
