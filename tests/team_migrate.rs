//! Several desks opening (and so migrating) the same database at the same moment: all succeed and the schema is
//! migrated exactly once, for a new file and for one left at schema 1, in both storage modes.
//!
//! An old desk meeting a newer schema is covered elsewhere: tests/store.rs
//! `a_newer_schema_is_refused_and_left_untouched` (the error, file unchanged) and tests/cli.rs
//! `bad_files_are_refused_and_left_as_they_were` (message, exit 4, file unchanged); tests/team_tools.rs adds
//! `desk check`, `desk backup` and `desk restore` meeting one.

mod team_support;

use desk::store::{LATEST_SCHEMA, OpenMode, Store};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};
use team_support::*;

const OPENERS: usize = 4;
const ROUNDS: usize = 8;

/// Not a test on its own: one opener process. Waits for the go file (`log`), so all start together, then opens.
#[test]
fn migrate_worker() {
    let Some(job) = job() else {
        return;
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while !job.log.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_micros(200));
    }
    let store =
        Store::open_with(&job.db, OpenMode::Create, storage(job.shared)).unwrap_or_else(|e| {
            panic!(
                "opener {} ({}) could not open: {e}",
                job.worker,
                mode_name(job.shared)
            )
        });
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, LATEST_SCHEMA);
}

/// Starts OPENERS processes on `db` at once and waits for them all.
fn open_together(db: &Path, shared: bool) {
    let go = db.with_extension("go");
    let children: Vec<_> = (0..OPENERS)
        .map(|w| {
            let job = Job {
                db: db.to_path_buf(),
                shared,
                worker: w,
                ops: 0,
                first_op: 0,
                seed: 0,
                tickets: vec![],
                log: go.clone(),
            };
            spawn("migrate_worker", &job, Stdio::null())
        })
        .collect();
    std::fs::write(&go, b"go").unwrap();
    for (w, mut c) in children.into_iter().enumerate() {
        let status = c.wait().unwrap();
        assert!(
            status.success(),
            "opener {w} of {} failed: {status}",
            db.display()
        );
    }
}

/// Migrated once: the latest version, one replica id, one ticket-number sequence, and a sound file.
fn assert_migrated_once(db: &Path, shared: bool) -> Store {
    let store = Store::open_with(db, OpenMode::Existing, storage(shared)).unwrap();
    let one = |sql: &str| -> i64 { store.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(one("PRAGMA user_version"), LATEST_SCHEMA);
    assert_eq!(one("SELECT count(*) FROM meta WHERE key = 'replica_id'"), 1);
    assert_eq!(
        one("SELECT count(*) FROM meta WHERE key = 'ticket_number_seq'"),
        1
    );
    assert_eq!(
        one(
            "SELECT count(*) FROM (SELECT name FROM sqlite_schema GROUP BY name HAVING count(*) > 1)"
        ),
        0
    );
    assert_healthy(&store, true, &db.display().to_string());
    store
}

fn fresh_files(shared: bool) {
    for round in 0..ROUNDS {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(format!("fresh-{round}.db"));
        open_together(&db, shared);
        let store = assert_migrated_once(&db, shared);
        assert_eq!(store.counts().unwrap().tickets, 0);
    }
}

fn schema_one_files(shared: bool) {
    for round in 0..ROUNDS {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(format!("v1-{round}.db"));
        {
            let c = rusqlite::Connection::open(&db).unwrap();
            c.execute_batch(include_str!("../assets/migrations/0001_init.sql"))
                .unwrap();
            c.execute_batch(
                "INSERT INTO meta(key, value) VALUES ('replica_id', 'R1'), ('ticket_number_seq', '1000');
                 INSERT INTO tickets(id, number, subject, status, priority, kind, channel, created_at, updated_at)
                 VALUES ('T1', 1, 'a', 'open', 'high', 'question', 'email', 1, 1),
                        ('T2', 2, 'b', 'solved', 'low', 'complaint', 'phone', 1, 2);
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        open_together(&db, shared);
        let store = assert_migrated_once(&db, shared);
        assert_eq!(store.counts().unwrap().tickets, 2, "data kept");
        let replica: String = store
            .conn()
            .query_row("SELECT value FROM meta WHERE key = 'replica_id'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(replica, "R1", "the replica id survives");
    }
}

#[test]
fn desks_opening_a_new_file_together_migrate_it_once() {
    fresh_files(false);
    fresh_files(true);
}

#[test]
fn desks_opening_a_schema_one_file_together_migrate_it_once() {
    schema_one_files(false);
    schema_one_files(true);
}
