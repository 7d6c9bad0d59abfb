//! Sync benchmarks (issue 19), in-process: exporting and applying a batch of 10 000 change-log entries each way
//! between a hub (a generated demo, DESK_BENCH_TICKETS tickets, default 20 000) and a replica of it, and one sync
//! round with nothing to move. The backlog is written through the library as an agent would: priorities, statuses,
//! tags and replies, one transaction each. DESK_BENCH_CHANGES changes the batch size.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use desk::domain::lifecycle::Writer;
use desk::domain::ticket::{Priority, Status};
use desk::store::sync::{Batch, Direction, replica};
use desk::store::ticket_write::TicketEdit;
use desk::store::{OpenMode, StorageMode, Store};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn open(path: &Path, actor: &str) -> Store {
    let mut s = Store::open_with(path, OpenMode::Existing, StorageMode::Local).expect("open");
    s.set_actor(Some(actor.into()));
    s
}

/// At least `want` change-log entries made on `store` by `actor`, one write transaction each.
fn backlog(store: &mut Store, actor: &str, want: i64, mut seed: u64) {
    let mut next = move || {
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let me = store.replica().to_string();
    let me_id = store.agent_id(actor).expect("agent");
    let tickets: Vec<i64> = store
        .conn()
        .prepare("SELECT number FROM tickets WHERE status IN ('new', 'open', 'pending', 'on_hold')")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("tickets")
        .collect::<rusqlite::Result<_>>()
        .expect("tickets");
    let count = |s: &Store| -> i64 {
        s.conn()
            .query_row(
                "SELECT count(*) FROM changes WHERE replica = ?1",
                [&me],
                |r| r.get(0),
            )
            .expect("count")
    };
    let start = count(store);
    let now = now();
    while count(store) - start < want {
        let number = tickets[(next() % tickets.len() as u64) as usize];
        let edit = match next() % 8 {
            0..=3 => TicketEdit::Priority(
                [
                    Priority::Urgent,
                    Priority::High,
                    Priority::Normal,
                    Priority::Low,
                ][(next() % 4) as usize],
            ),
            4 => TicketEdit::Status(
                [Status::Open, Status::Pending, Status::OnHold][(next() % 3) as usize],
            ),
            5 => TicketEdit::AddTag(format!("b{}", next() % 20)),
            _ => {
                let body = format!("backlog reply {} 已处理", next());
                let _ =
                    store.add_message(number, Writer::Agent, me_id.as_deref(), false, &body, now);
                continue;
            }
        };
        // A status the rules do not allow from where the ticket is: skipped, as an agent's picker would.
        let _ = store.set_ticket(number, &[edit], None, now);
    }
}

fn copy(from: &Path, to: &Path) {
    let _ = std::fs::remove_file(format!("{}-wal", to.display()));
    let _ = std::fs::remove_file(format!("{}-shm", to.display()));
    std::fs::copy(from, to).expect("copy");
}

struct Setup {
    _dir: tempfile::TempDir,
    hub: PathBuf,
    replica: PathBuf,
    scratch: PathBuf,
    /// The replica's backlog as the hub would take it, and the hub's as the replica would.
    push: Batch,
    pull: Batch,
}

fn setup() -> Setup {
    let tickets = env_or("DESK_BENCH_TICKETS", 20_000);
    let changes = env_or("DESK_BENCH_CHANGES", 10_000) as i64;
    let dir = tempfile::tempdir().expect("temp dir");
    let hub = dir.path().join("hub.db");
    let replica = dir.path().join("replica.db");
    let now = now();
    {
        let mut store = Store::open(&hub, OpenMode::Create).expect("create hub");
        let opts = desk::demo::DemoOptions {
            tickets,
            customers: (tickets / 10).max(60),
            articles: 30,
            seed: 7,
            now,
            chinese: false,
        };
        desk::demo::generate(&mut store, &opts, &mut |_, _| {}).expect("generate");
    }
    replica::create(&hub, StorageMode::Local, &replica, &mut |_, _| {}).expect("replica");
    let (push, pull) = {
        let mut r = open(&replica, "wang");
        backlog(&mut r, "wang", changes, 1);
        let mut h = open(&hub, "zhang");
        backlog(&mut h, "zhang", changes, 2);
        let push = r
            .export_since(h.replica(), h.marks_of(r.replica()).expect("marks"))
            .expect("export replica");
        let hub_id = h.replica().to_string();
        let pull = h
            .export_since(r.replica(), r.marks_of(&hub_id).expect("marks"))
            .expect("export hub");
        (push, pull)
    };
    eprintln!(
        "sync bench: {tickets}-ticket demo; replica → hub {} changes + {} rows, hub → replica {} changes + {} rows",
        push.changes.len(),
        push.rows.len(),
        pull.changes.len(),
        pull.rows.len()
    );
    let scratch = dir.path().join("scratch.db");
    Setup {
        _dir: dir,
        hub,
        replica,
        scratch,
        push,
        pull,
    }
}

fn bench(c: &mut Criterion) {
    let s = setup();
    let mut g = c.benchmark_group("sync");
    g.sample_size(10);
    {
        let mut r = open(&s.replica, "wang");
        let h = open(&s.hub, "zhang");
        let marks = h.marks_of(r.replica()).expect("marks");
        let hub_id = h.replica().to_string();
        drop(h);
        g.bench_function("export_10k/replica_to_hub", |b| {
            b.iter(|| black_box(r.export_since(&hub_id, marks.clone()).expect("export")))
        });
    }
    {
        let mut h = open(&s.hub, "zhang");
        let r = open(&s.replica, "wang");
        let marks = r.marks_of(h.replica()).expect("marks");
        let replica_id = r.replica().to_string();
        drop(r);
        g.bench_function("export_10k/hub_to_replica", |b| {
            b.iter(|| black_box(h.export_since(&replica_id, marks.clone()).expect("export")))
        });
    }
    // Each apply starts from a fresh copy of the receiving file (copied outside the timing).
    for (name, target, batch, actor) in [
        ("apply_10k/at_hub", &s.hub, &s.push, "zhang"),
        ("apply_10k/at_replica", &s.replica, &s.pull, "wang"),
    ] {
        g.bench_function(name, |b| {
            b.iter_batched(
                || {
                    copy(target, &s.scratch);
                    open(&s.scratch, actor)
                },
                |mut store| {
                    let applied = store.apply_batch(batch, now()).expect("apply");
                    black_box(applied);
                    store
                },
                BatchSize::PerIteration,
            )
        });
    }
    // The same batch again: every entry and row is already there (a sync killed after the hub committed).
    copy(&s.hub, &s.scratch);
    let mut again = open(&s.scratch, "zhang");
    again.apply_batch(&s.push, now()).expect("apply");
    g.bench_function("apply_10k_again/at_hub", |b| {
        b.iter(|| black_box(again.apply_batch(&s.push, now()).expect("apply")))
    });
    drop(again);
    // One round with nothing to move, once both sides hold everything.
    let mut h = open(&s.hub, "zhang");
    let mut r = open(&s.replica, "wang");
    r.sync_with(&mut h, Direction::Both, now()).expect("sync");
    g.bench_function("idle_round", |b| {
        b.iter(|| black_box(r.sync_with(&mut h, Direction::Both, now()).expect("sync")))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
