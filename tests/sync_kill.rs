//! Issue 19: `desk sync` killed with SIGKILL at random points never leaves either file inconsistent, and the next
//! sync completes the exchange. A hub and a replica made with the desk binary from a generated demo are both given a
//! backlog of changes (priorities, statuses, tags, replies; new tickets with provisional numbers on the replica),
//! then each round runs `desk --db REPLICA sync` and kills it after a random delay spread over the time an unkilled
//! sync of that round's size takes (measured first on copies of both files), runs `desk check --full` on both and
//! adds a little more work on both sides. At the end an unkilled sync completes, a second one moves nothing, and both
//! files show the same tickets, tags and threads.
//!
//! `DESK_SYNC_KILL_ROUNDS` (default 12) sets the rounds, `DESK_SYNC_KILL_TICKETS` (default 2 000) the demo's size,
//! `DESK_SYNC_KILL_SEED` replays a run (the seed is printed at the start and in every failure).

mod team_support;

use desk::domain::lifecycle::Writer;
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::store::ticket_write::{NewTicket, TicketEdit};
use desk::store::{OpenMode, StorageMode, Store};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;
use team_support::{Rng, RunDir};

/// The hub's agent and the replica's (both from the demo's staff).
const HUB_AGENT: &str = "zhang";
const REPLICA_AGENT: &str = "wang";

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The desk binary with HOME and the XDG directories under `home`, so no real config or data is touched.
fn desk(home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_desk"));
    c.args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", REPLICA_AGENT)
        .env_remove("DESK_DB")
        .stdin(Stdio::null());
    c
}

fn ok(out: Output, what: &str, ctx: &str) -> String {
    assert!(
        out.status.success(),
        "{ctx}: {what} failed ({}): {}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

fn check_full(home: &Path, db: &Path, ctx: &str) {
    let out = desk(home, &["--db", s(db), "check", "--full"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{ctx}: `desk check --full` of {} failed: {}{}",
        db.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn open(path: &Path, actor: &str) -> Store {
    let mut store = Store::open_with(path, OpenMode::Existing, StorageMode::Local).unwrap();
    store.set_actor(Some(actor.into()));
    store
}

/// Where `at` holds `peer`'s change log up to (0 before they first met).
fn mark(at: &Path, peer: &str) -> i64 {
    let conn = Connection::open_with_flags(at, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row(
        "SELECT got_change FROM sync_peers WHERE peer = ?1",
        [peer],
        |r| r.get(0),
    )
    .optional()
    .unwrap()
    .unwrap_or(0)
}

/// The same database at `to` (main file and WAL; no process has it open).
fn copy_db(from: &Path, to: &Path) {
    for suffix in ["", "-wal"] {
        let src = PathBuf::from(format!("{}{suffix}", from.display()));
        let dst = PathBuf::from(format!("{}{suffix}", to.display()));
        let _ = std::fs::remove_file(&dst);
        if src.exists() {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
    let _ = std::fs::remove_file(format!("{}-shm", to.display()));
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// What one side's random work did.
#[derive(Debug, Default)]
struct Work {
    edits: usize,
    replies: usize,
    created: usize,
}

/// `ops` random writes through the library as `me`: priorities, statuses, tags, replies, and (on the replica)
/// new tickets. A third of them go to the first 40 tickets, so the two sides edit the same ones concurrently.
fn work(store: &mut Store, me: &str, rng: &mut Rng, ops: usize, create: bool, ctx: &str) -> Work {
    let me_id = store.agent_id(me).unwrap();
    let tickets: Vec<(i64, String)> = store
        .conn()
        .prepare("SELECT number, status FROM tickets WHERE status NOT IN ('closed', 'merged') ORDER BY number")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let customer: String = store
        .conn()
        .query_row("SELECT id FROM customers ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let mut done = Work::default();
    if tickets.is_empty() {
        return done;
    }
    let at = now();
    for op in 0..ops {
        let hot = (tickets.len() as u64).min(40);
        let pick = if rng.below(3) == 0 {
            rng.below(hot)
        } else {
            rng.below(tickets.len() as u64)
        } as usize;
        let number = tickets[pick].0;
        let what = rng.below(if create { 10 } else { 9 });
        let ctx = format!("{ctx}: {me} op {op} on #{number}");
        match what {
            0..=2 => {
                let p = [
                    Priority::Urgent,
                    Priority::High,
                    Priority::Normal,
                    Priority::Low,
                ][rng.below(4) as usize];
                store
                    .set_ticket(number, &[TicketEdit::Priority(p)], None, at)
                    .unwrap_or_else(|e| panic!("{ctx}: priority: {e}"));
                done.edits += 1;
            }
            3..=4 => {
                // The status as it is now (an earlier op may have moved it), to a next one the rules allow.
                let current: String = store
                    .conn()
                    .query_row(
                        "SELECT status FROM tickets WHERE number = ?1",
                        [number],
                        |r| r.get(0),
                    )
                    .unwrap();
                let Some(current) = Status::parse(&current) else {
                    continue;
                };
                let next: Vec<Status> = current
                    .allowed_next()
                    .iter()
                    .copied()
                    .filter(|s| {
                        matches!(
                            s,
                            Status::Open | Status::Pending | Status::OnHold | Status::Solved
                        )
                    })
                    .collect();
                if next.is_empty() {
                    continue;
                }
                let to = next[rng.below(next.len() as u64) as usize];
                store
                    .set_ticket(number, &[TicketEdit::Status(to)], None, at)
                    .unwrap_or_else(|e| panic!("{ctx}: status {current} → {to}: {e}"));
                done.edits += 1;
            }
            5..=6 => {
                let tag = format!("k{}", rng.below(6));
                let edit = if rng.below(3) == 0 {
                    TicketEdit::RemoveTag(tag)
                } else {
                    TicketEdit::AddTag(tag)
                };
                store
                    .set_ticket(number, &[edit], None, at)
                    .unwrap_or_else(|e| panic!("{ctx}: tags: {e}"));
                done.edits += 1;
            }
            7..=8 => {
                let body = format!("{me} 回复 {} (sync kill)", rng.next());
                store
                    .add_message(
                        number,
                        Writer::Agent,
                        me_id.as_deref(),
                        rng.below(4) == 0,
                        &body,
                        at,
                    )
                    .unwrap_or_else(|e| panic!("{ctx}: reply: {e}"));
                done.replies += 1;
            }
            _ => {
                let t = NewTicket {
                    subject: format!("离线 ticket {} made on the replica", rng.next() % 100_000),
                    kind: Kind::Question,
                    channel: Channel::Phone,
                    priority: Priority::Normal,
                    customer_id: customer.clone(),
                    product_id: None,
                    body: "电话里说的 — written offline".into(),
                };
                let made = store
                    .create_ticket(&t, at)
                    .unwrap_or_else(|e| panic!("{ctx}: new ticket: {e}"));
                assert!(
                    made.number < 0,
                    "{ctx}: a replica numbers provisionally, got #{}",
                    made.number
                );
                done.created += 1;
            }
        }
    }
    done
}

/// Both sides' random work for one round.
fn both_work(hub: &Path, replica: &Path, rng: &mut Rng, ops: usize, ctx: &str) -> usize {
    let mut h = open(hub, HUB_AGENT);
    work(&mut h, HUB_AGENT, rng, ops, false, ctx);
    drop(h);
    let mut r = open(replica, REPLICA_AGENT);
    let w = work(&mut r, REPLICA_AGENT, rng, ops, true, ctx);
    w.created
}

/// What `desk sync --format json` reported: (sent changes, sent rows, received changes, received rows).
fn moved(json: &str, ctx: &str) -> (u64, u64, u64, u64) {
    let v: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{ctx}: sync JSON {e}: {json}"));
    let n = |side: &str, what: &str| {
        v["report"][side][what]
            .as_u64()
            .unwrap_or_else(|| panic!("{ctx}: no report.{side}.{what} in {json}"))
    };
    (
        n("sent", "changes"),
        n("sent", "rows"),
        n("received", "changes"),
        n("received", "rows"),
    )
}

/// What an agent sees of every ticket: number, subject, status, priority, assignee; its tags; its messages.
#[derive(Debug, PartialEq)]
struct Visible {
    tickets: Vec<(i64, String, String, String, Option<String>)>,
    tags: Vec<(i64, String)>,
    messages: Vec<(i64, String)>,
}

fn visible(path: &Path) -> Visible {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let tickets = conn
        .prepare(
            "SELECT number, subject, status, priority, assignee_id FROM tickets ORDER BY number",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let pairs = |sql: &str| -> Vec<(i64, String)> {
        conn.prepare(sql)
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    Visible {
        tickets,
        tags: pairs(
            "SELECT t.number, g.tag FROM tags g JOIN tickets t ON g.entity = 'ticket' AND t.id = g.entity_id
             ORDER BY 1, 2",
        ),
        messages: pairs(
            "SELECT t.number, m.id FROM messages m JOIN tickets t ON t.id = m.ticket_id ORDER BY 1, 2",
        ),
    }
}

/// The first few rows where two sorted lists differ, for a readable failure.
fn differences<T: std::fmt::Debug + PartialEq>(a: &[T], b: &[T]) -> String {
    let mut out = format!("{} rows on the hub, {} on the replica; ", a.len(), b.len());
    let diffs: Vec<String> = a
        .iter()
        .map(Some)
        .chain(std::iter::repeat(None))
        .zip(b.iter().map(Some).chain(std::iter::repeat(None)))
        .take(a.len().max(b.len()))
        .filter(|(x, y)| x != y)
        .take(5)
        .map(|(x, y)| format!("hub {x:?} / replica {y:?}"))
        .collect();
    out.push_str(&diffs.join("; "));
    out
}

/// Where the kills landed.
#[derive(Debug, Default)]
struct Landed {
    /// Before the hub committed the replica's changes (start-up, reading the replica, applying at the hub).
    push: usize,
    /// After the push committed, before the replica committed what it took from the hub.
    pull: usize,
    /// After both committed (the process was still exiting).
    after: usize,
    /// The sync finished before the kill came.
    finished: usize,
}

#[test]
fn sync_killed_at_random_points_leaves_both_files_consistent_and_the_next_sync_completes() {
    let rounds: usize = env_or("DESK_SYNC_KILL_ROUNDS", 12);
    let tickets: u64 = env_or("DESK_SYNC_KILL_TICKETS", 2_000);
    let seed: u64 = env_or(
        "DESK_SYNC_KILL_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
    );
    let replay = format!(
        "seed {seed} (replay: DESK_SYNC_KILL_SEED={seed} DESK_SYNC_KILL_ROUNDS={rounds} DESK_SYNC_KILL_TICKETS={tickets})"
    );
    eprintln!("sync_kill: {replay}");
    let mut rng = Rng::new(seed);
    let dir = RunDir::new("sync-kill");
    let home = dir.path.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let hub = dir.path.join("team.db");
    let replica = dir.path.join("laptop.db");
    let n = tickets.to_string();
    ok(
        desk(&home, &["--db", s(&hub), "demo", "--tickets", &n])
            .output()
            .unwrap(),
        "desk demo",
        &replay,
    );
    ok(
        desk(
            &home,
            &["replica", "create", "--from", s(&hub), s(&replica)],
        )
        .output()
        .unwrap(),
        "desk replica create",
        &replay,
    );
    let hub_id = open(&hub, HUB_AGENT).replica().to_string();
    let replica_id = open(&replica, REPLICA_AGENT).replica().to_string();
    let tickets_before = visible(&hub).tickets.len();

    // The backlog: a few hundred changes on each side.
    let mut created = both_work(&hub, &replica, &mut rng, 400, &format!("{replay}, backlog"));

    let (hub_copy, replica_copy) = (
        dir.path.join("hub-copy.db"),
        dir.path.join("replica-copy.db"),
    );
    let mut landed = Landed::default();
    let mut measured = Vec::new();
    for round in 0..rounds {
        let ctx = format!("{replay}, round {round}");
        // How long an unkilled sync of this size takes, on copies of both files (start-up included).
        copy_db(&hub, &hub_copy);
        copy_db(&replica, &replica_copy);
        let started = Instant::now();
        ok(
            desk(&home, &["--db", s(&replica_copy), "sync", s(&hub_copy)])
                .output()
                .unwrap(),
            "the measuring sync (on copies)",
            &ctx,
        );
        let full = started.elapsed();
        measured.push(full);
        remove_db(&hub_copy);
        remove_db(&replica_copy);

        let (hub_mark, replica_mark) = (mark(&hub, &replica_id), mark(&replica, &hub_id));
        let delay = full.mul_f64(rng.below(1_000) as f64 / 1_000.0);
        let mut child = desk(&home, &["--db", s(&replica), "sync"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL; Ok when it has already exited
        let out = child.wait_with_output().unwrap();
        let killed = out.status.signal() == Some(9);
        assert!(
            killed || out.status.success(),
            "{ctx}: the sync failed on its own ({}) after {delay:?}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        check_full(&home, &hub, &format!("{ctx}, kill after {delay:?}"));
        check_full(&home, &replica, &format!("{ctx}, kill after {delay:?}"));
        let pushed = mark(&hub, &replica_id) > hub_mark;
        let pulled = mark(&replica, &hub_id) > replica_mark;
        assert!(
            pushed || !pulled,
            "{ctx}: the replica took the hub's changes but the hub has not the replica's (kill after {delay:?})"
        );
        match (pushed, pulled, killed) {
            (false, _, true) => landed.push += 1,
            (true, false, true) => landed.pull += 1,
            (true, true, true) => landed.after += 1,
            (_, _, false) => {
                assert!(
                    pushed && pulled,
                    "{ctx}: desk sync exited 0 but did not complete the exchange"
                );
                landed.finished += 1;
            }
        }
        created += both_work(&hub, &replica, &mut rng, 20, &ctx);
    }

    // The last sync runs to the end, and the one after it has nothing to move.
    let ctx = format!("{replay}, after {rounds} rounds");
    let first = ok(
        desk(&home, &["--db", s(&replica), "sync", "--format", "json"])
            .output()
            .unwrap(),
        "the last sync",
        &ctx,
    );
    moved(&first, &ctx);
    let second = ok(
        desk(&home, &["--db", s(&replica), "sync", "--format", "json"])
            .output()
            .unwrap(),
        "the sync after the last",
        &ctx,
    );
    assert_eq!(
        moved(&second, &ctx),
        (0, 0, 0, 0),
        "{ctx}: a second sync still moved something: {second}"
    );
    check_full(&home, &hub, &ctx);
    check_full(&home, &replica, &ctx);

    let (h, r) = (visible(&hub), visible(&replica));
    assert_eq!(
        h.tickets.len(),
        tickets_before + created,
        "{ctx}: the hub should hold every demo ticket and each of the {created} made on the replica once"
    );
    // The work of both sides is there to compare: the tags this test adds, replies from both agents.
    assert!(
        h.tags.iter().any(|(_, t)| t.starts_with('k')),
        "{ctx}: none of the test's tags reached the hub"
    );
    assert!(
        r.tickets.iter().all(|t| t.0 > 0),
        "{ctx}: a provisional number is left on the replica"
    );
    assert!(
        h.tickets == r.tickets,
        "{ctx}: tickets differ: {}",
        differences(&h.tickets, &r.tickets)
    );
    assert!(
        h.tags == r.tags,
        "{ctx}: tags differ: {}",
        differences(&h.tags, &r.tags)
    );
    assert!(
        h.messages == r.messages,
        "{ctx}: threads differ: {}",
        differences(&h.messages, &r.messages)
    );

    let first_backlog = measured.first().map_or(0, |d| d.as_millis());
    measured.sort();
    let median = measured
        .get(measured.len() / 2)
        .copied()
        .unwrap_or_default();
    report!(
        "sync kill -9: {rounds} rounds on a {tickets}-ticket demo (unkilled sync of the first backlog {} ms, median \
         of the rounds {} ms): {} killed before the push committed, {} during the pull, {} after both committed, {} \
         finished first; {created} tickets made on the replica numbered once at the hub; check --full clean after \
         every kill; {replay}",
        first_backlog,
        median.as_millis(),
        landed.push,
        landed.pull,
        landed.after,
        landed.finished
    );
}
