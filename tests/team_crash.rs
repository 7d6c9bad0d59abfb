//! Killing a writer at a random moment never leaves a half-applied change: 100 SIGKILLs in local (WAL) mode and 100
//! in shared (rollback journal) mode, each followed by opening the database (which rolls back or recovers what the
//! dead process left) and checking it. Every operation the writer logged as applied must still be there in full.
//! Like the soak test, it runs under `DESK_SOAK_DIR` when that is set.

mod team_support;

use desk::store::{OpenMode, Store};
use std::io::BufRead;
use std::process::Stdio;
use std::time::{Duration, Instant};
use team_support::*;

const KILLS_PER_MODE: usize = 100;

/// Not a test on its own: the writer process each round starts and kills.
#[test]
fn crash_writer() {
    if let Some(job) = job() {
        work(&job);
    }
}

fn crash_rounds(shared: bool, seed: u64) {
    let dir = RunDir::new(if shared {
        "crash-shared"
    } else {
        "crash-local"
    });
    let db = dir.path.join("team.db");
    let tickets = team_db(&db, shared, 12);
    let mut rng = Rng::new(seed);
    let started = Instant::now();
    let (mut logged, mut in_flight, mut hot_journals) = (0, 0, 0);
    for round in 0..KILLS_PER_MODE {
        let job = Job {
            db: db.clone(),
            shared,
            worker: round % AGENTS,
            ops: 0,
            first_op: round * 100_000,
            seed: seed + round as u64,
            tickets: tickets.clone(),
            log: dir.path.join(format!("round-{round}.jsonl")),
        };
        let mut child = spawn("crash_writer", &job, Stdio::piped());
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let started_writing = lines.any(|l| l.is_ok_and(|l| l.ends_with("STARTED")));
        assert!(
            started_writing,
            "round {round}: the writer died before its first write"
        );
        // Anywhere from between two writes to the middle of a commit's fsyncs.
        std::thread::sleep(Duration::from_micros(rng.below(50_000)));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "round {round}: the writer was meant to be killed"
        );

        // A journal left behind means the kill landed inside a write transaction (rollback-journal mode).
        hot_journals += usize::from(dir.path.join("team.db-journal").exists());
        // `desk check` straight after the crash: it sees the database as it will be once recovered.
        let report = desk::store::check::check_file(&db, false)
            .unwrap_or_else(|e| panic!("round {round}: desk check after the kill failed: {e}"));
        assert!(report.healthy(), "round {round}: {report:#?}");
        // Opening recovers: the rollback journal is played back, or the WAL's unfinished frames are ignored.
        let store = Store::open_with(&db, OpenMode::Existing, storage(shared)).unwrap();
        assert_healthy(
            &store,
            false,
            &format!("{} after kill {round}", mode_name(shared)),
        );
        let done = outcomes(&job.log);
        for o in &done {
            let n: usize = store
                .conn()
                .query_row(
                    "SELECT count(*) FROM changes WHERE actor = ?1 AND at = ?2 AND entity = 'ticket'",
                    rusqlite::params![handle(o.worker), o.at],
                    |r| r.get::<_, i64>(0),
                )
                .unwrap() as usize;
            let want = if o.result == "applied" { o.entries } else { 0 };
            assert_eq!(
                n, want,
                "round {round}: logged operation {o:?} is not in the database as logged"
            );
        }
        logged += done.len();
        // The operation after the last logged one was in flight: all of it or none of it is in (the check above
        // found the rows and the log in agreement); count the rounds where it made it.
        let next = op_time(job.worker, job.first_op + done.len());
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM changes WHERE actor = ?1 AND at = ?2",
                rusqlite::params![handle(job.worker), next],
                |r| r.get(0),
            )
            .unwrap();
        in_flight += usize::from(n > 0);
    }
    let store = Store::open_with(&db, OpenMode::Existing, storage(shared)).unwrap();
    assert_healthy(&store, true, &format!("{} at the end", mode_name(shared)));
    report!(
        "crash {}: {KILLS_PER_MODE} kills in {:.1}s, {logged} operations logged before them, {in_flight} in-flight \
         operations committed just before the kill{}",
        mode_name(shared),
        started.elapsed().as_secs_f64(),
        if shared {
            format!(", {hot_journals} kills inside a transaction left a journal to roll back")
        } else {
            String::new()
        }
    );
}

#[test]
fn killing_a_writer_through_wal_never_half_applies_a_change() {
    crash_rounds(false, 7);
}

#[test]
fn killing_a_writer_through_a_rollback_journal_never_half_applies_a_change() {
    crash_rounds(true, 11);
}
