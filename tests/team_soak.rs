//! Team mode under load: eight OS processes write random claims, releases, replies, status, priority and tag
//! changes to one database file through the real store API, once in local (WAL) mode and once in shared
//! (rollback journal) mode. Afterwards every operation must be accounted for exactly once, nothing may be lost, and
//! `Store::check` must find the file sound and the rows in agreement with the change log.
//!
//! `DESK_SOAK_DIR=/mnt/share/desk-soak cargo test --test team_soak -- --nocapture` runs it on a real mount;
//! `DESK_SOAK_OPS` changes the operations per worker (default 2000).

mod team_support;

use desk::store::{OpenMode, Store};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use team_support::*;

/// Not a test on its own: the body of each worker process (see `team_support::spawn`).
#[test]
fn soak_worker() {
    if let Some(job) = job() {
        work(&job);
    }
}

fn ops_per_worker() -> usize {
    std::env::var("DESK_SOAK_OPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

fn jobs(
    dir: &Path,
    db: &Path,
    shared: bool,
    workers: usize,
    ops: usize,
    tickets: &[i64],
) -> Vec<Job> {
    (0..workers)
        .map(|w| Job {
            db: db.to_path_buf(),
            shared,
            worker: w,
            ops,
            first_op: 0,
            seed: 20_261_118,
            tickets: tickets.to_vec(),
            log: dir.join(format!("worker-{w}.jsonl")),
        })
        .collect()
}

fn run_workers(jobs: &[Job]) -> Vec<Outcome> {
    let children: Vec<_> = jobs
        .iter()
        .map(|j| spawn("soak_worker", j, Stdio::null()))
        .collect();
    for (j, mut c) in jobs.iter().zip(children) {
        let status = c.wait().unwrap();
        assert!(status.success(), "worker {} failed: {status}", j.worker);
    }
    jobs.iter().flat_map(|j| outcomes(&j.log)).collect()
}

/// One soak run; returns the outcomes after verifying them.
fn soak(shared: bool, workers: usize, ops: usize, tickets: usize) {
    let name = if shared { "soak-shared" } else { "soak-local" };
    let run = RunDir::new(name);
    let dir = run.path.clone();
    let db = dir.join("team.db");
    let numbers = team_db(&db, shared, tickets);
    let started = Instant::now();
    let all = run_workers(&jobs(&dir, &db, shared, workers, ops, &numbers));
    let took = started.elapsed();
    assert_eq!(
        all.len(),
        workers * ops,
        "every operation logged exactly once"
    );
    verify(&db, shared, &all);
    let count = |r: &str| all.iter().filter(|o| o.result == r).count();
    let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for o in &all {
        let e = by_kind.entry(o.kind.as_str()).or_default();
        e.0 += 1;
        e.1 += usize::from(o.result == "applied");
    }
    report!(
        "soak {}: {workers} processes × {ops} ops on {tickets} tickets = {} ops in {:.1}s: {} applied, {} conflicts, \
         {} refused, {} busy; by kind (ops/applied): {by_kind:?}",
        mode_name(shared),
        all.len(),
        took.as_secs_f64(),
        count("applied"),
        count("conflict"),
        count("refused"),
        count("busy"),
    );
}

type Entries = Vec<(String, Option<String>, Option<String>)>;

/// Checks the database against what the workers say they did.
fn verify(db: &Path, shared: bool, all: &[Outcome]) {
    let store = Store::open_with(db, OpenMode::Existing, storage(shared)).unwrap();
    assert_healthy(&store, true, mode_name(shared));
    let conn = store.conn();
    let id_of: HashMap<i64, String> = conn
        .prepare("SELECT number, id FROM tickets")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();

    // 1. Each applied operation wrote exactly its entries about its ticket; nothing else wrote anything.
    let mut written: HashMap<(String, i64), (String, usize)> = HashMap::new();
    let mut stmt = conn
        .prepare(
            "SELECT actor, at, entity, entity_id, count(*) FROM changes WHERE actor LIKE 'w%'
             GROUP BY actor, at, entity, entity_id",
        )
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    let mut other_entities: HashMap<(String, i64), usize> = HashMap::new();
    while let Some(r) = rows.next().unwrap() {
        let key = (r.get::<_, String>(0).unwrap(), r.get::<_, i64>(1).unwrap());
        let (entity, entity_id, n): (String, String, i64) =
            (r.get(2).unwrap(), r.get(3).unwrap(), r.get(4).unwrap());
        let n = n as usize;
        if entity == "ticket" {
            assert!(
                written.insert(key.clone(), (entity_id, n)).is_none(),
                "one operation {key:?} wrote to two tickets"
            );
        } else {
            *other_entities.entry(key).or_default() += n;
        }
    }
    let mut applied_keys = BTreeSet::new();
    for o in all {
        let key = (handle(o.worker), o.at);
        let got = written.get(&key);
        if o.result == "applied" {
            applied_keys.insert(key.clone());
            let want = (o.entries > 0).then(|| (id_of[&o.ticket].clone(), o.entries));
            assert_eq!(got.cloned(), want, "applied op {o:?}");
        } else {
            assert!(
                got.is_none(),
                "{} op left entries: {o:?} → {got:?}",
                o.result
            );
            assert!(
                !other_entities.contains_key(&key),
                "{} op left entries: {o:?}",
                o.result
            );
        }
    }
    for key in written.keys().chain(other_entities.keys()) {
        assert!(
            applied_keys.contains(key),
            "entries {key:?} belong to no applied operation"
        );
    }

    // 2. Versions: one bump per applied operation that changed the ticket, on top of version 1 at creation.
    let mut bumps: HashMap<i64, i64> = HashMap::new();
    for o in all.iter().filter(|o| o.result == "applied" && o.bumped) {
        *bumps.entry(o.ticket).or_default() += 1;
    }
    for (number, id) in &id_of {
        let version: i64 = conn
            .query_row("SELECT version FROM tickets WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(
            version,
            1 + bumps.get(number).copied().unwrap_or(0),
            "version of #{number}"
        );
    }

    // 3. Tags and replies: exactly the applied ones, on their tickets.
    let want_tags: BTreeSet<(String, String)> = all
        .iter()
        .filter(|o| o.kind == "tag" && o.result == "applied")
        .map(|o| (id_of[&o.ticket].clone(), o.detail.clone()))
        .collect();
    let tags: BTreeSet<(String, String)> = conn
        .prepare("SELECT entity_id, tag FROM tags WHERE entity = 'ticket' AND tag LIKE 'w%'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(tags, want_tags, "tags present == applied tag operations");
    let want_replies: BTreeSet<(String, String, String)> = all
        .iter()
        .filter(|o| o.kind == "reply" && o.result == "applied")
        .map(|o| {
            (
                id_of[&o.ticket].clone(),
                agent_id(o.worker),
                o.detail.clone(),
            )
        })
        .collect();
    let replies: BTreeSet<(String, String, String)> = conn
        .prepare("SELECT ticket_id, author_id, body FROM messages WHERE body LIKE 'soak w%'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        replies.len(),
        want_replies.len(),
        "one message per applied reply"
    );
    assert_eq!(replies, want_replies, "messages == applied replies");

    // 4. No lost update: per ticket and field, each change starts from the value the previous one set, and each
    //    applied priority change started from the priority its worker had read.
    for id in id_of.values() {
        for (field, initial) in [
            ("status", Some("new")),
            ("priority", Some("normal")),
            ("assignee_id", None),
        ] {
            let chain: Entries = conn
                .prepare("SELECT actor, old, new FROM changes WHERE entity = 'ticket' AND entity_id = ?1 AND field = ?2 ORDER BY seq")
                .unwrap()
                .query_map([id, field], |r| Ok((r.get::<_, Option<String>>(0)?.unwrap_or_default(), r.get(1)?, r.get(2)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let mut before: Option<String> = initial.map(String::from);
            for (actor, old, new) in chain {
                assert_eq!(
                    old, before,
                    "{field} of {id}: {actor} overwrote a value it had not seen"
                );
                before = new;
            }
        }
    }
    for o in all
        .iter()
        .filter(|o| o.kind == "priority" && o.result == "applied" && o.entries > 0)
    {
        let (seen, set) = o.detail.split_once('>').unwrap();
        let (old, new): (String, String) = conn
            .query_row(
                "SELECT old, new FROM changes WHERE actor = ?1 AND at = ?2 AND field = 'priority'",
                rusqlite::params![handle(o.worker), o.at],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((old.as_str(), new.as_str()), (seen, set), "{o:?}");
    }
}

#[test]
fn eight_processes_writing_through_wal_lose_nothing() {
    soak(false, AGENTS, ops_per_worker(), 24);
}

#[test]
fn eight_processes_writing_through_a_rollback_journal_lose_nothing() {
    soak(true, AGENTS, ops_per_worker(), 24);
}

fn desk(home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "backup-operator")
        .output()
        .unwrap()
}

/// Some 8 MB of long threads, so a backup takes several steps and the writers' commits restart it.
fn pad(db: &Path, shared: bool) {
    let mut store = Store::open_with(db, OpenMode::Existing, storage(shared)).unwrap();
    for n in 0..40 {
        let body: String = (0..4000)
            .map(|i| format!("line {i} of thread {n}. "))
            .collect();
        store
            .create_ticket(
                &desk::store::ticket_write::NewTicket {
                    subject: format!("Long thread {n}"),
                    kind: desk::domain::ticket::Kind::Question,
                    channel: desk::domain::ticket::Channel::Email,
                    priority: desk::domain::ticket::Priority::Low,
                    customer_id: "C1".into(),
                    product_id: None,
                    body,
                },
                BASE_NOW - 40,
            )
            .unwrap();
    }
}

/// `desk backup` while four processes write gives a consistent copy that restores and checks clean.
fn backup_while_writing(shared: bool) {
    let run = RunDir::new(if shared {
        "backup-shared"
    } else {
        "backup-local"
    });
    let dir = run.path.clone();
    let db = dir.join("team.db");
    let numbers = team_db(&db, shared, 16);
    pad(&db, shared);
    let jobs = jobs(&dir, &db, shared, 4, 400, &numbers);
    let children: Vec<_> = jobs
        .iter()
        .map(|j| spawn("soak_worker", j, Stdio::null()))
        .collect();
    // Let the writers get going: wait for their first hundred changes.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let n: i64 = rusqlite::Connection::open(&db)
            .and_then(|c| {
                c.query_row(
                    "SELECT count(*) FROM changes WHERE actor LIKE 'w%'",
                    [],
                    |r| r.get(0),
                )
            })
            .unwrap_or(0);
        if n >= 100 || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let home = tempfile::tempdir().unwrap();
    let backup = dir.join("backup.db");
    let (db_s, backup_s) = (db.display().to_string(), backup.display().to_string());
    let o = desk(home.path(), &["backup", &backup_s, "--db", &db_s]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "backup: {out} {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("quick_check ok") && out.contains("pages"),
        "{out}"
    );
    assert!(!dir.join("backup.db.partial").exists());
    let still_writing = children.len();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let written: usize = jobs.iter().map(|j| outcomes(&j.log).len()).sum();
    assert_eq!(written, 4 * 400);

    // The backup is a sound desk database on its own, and restores into a fresh path that checks clean.
    let o = desk(home.path(), &["check", "--db", &backup_s]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let fresh = dir.join("restored.db");
    let fresh_s = fresh.display().to_string();
    let o = desk(home.path(), &["restore", &backup_s, "--db", &fresh_s]);
    assert!(
        o.status.success(),
        "restore: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = desk(home.path(), &["check", "--db", &fresh_s, "--full"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // It holds a snapshot taken mid-run: some of the writers' changes, not necessarily all.
    let copied: i64 = rusqlite::Connection::open(&fresh)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM changes WHERE actor LIKE 'w%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let total: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM changes WHERE actor LIKE 'w%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        copied >= 100 && copied <= total,
        "copied {copied} of {total}"
    );
    report!(
        "backup during soak, {}: {still_writing} writers, the backup holds {copied} of their {total} changes; {}",
        mode_name(shared),
        out.trim()
    );
}

#[test]
fn a_backup_taken_while_the_team_writes_restores_and_checks_clean() {
    backup_while_writing(false);
    backup_while_writing(true);
}
