//! Load test of the PostgreSQL hub (issue 20): REPLICAS replica threads, each with its own replica file and its
//! own connection, make a write every 1–2 s and sync after it (as the background job does) for SECS seconds
//! against one local PostgreSQL; then a final round, and the checks: no change lost or duplicated, every replica
//! converged. Prints propagation (write on one replica → visible on another) p50/p99, sync p50/p99, the hub's
//! CPU seconds and op-log growth. With `--file`, the same writers share one SQLite file in shared mode instead,
//! and the figure is how long each write waited (lock waits included).
//!
//! Bounded and loopback only:
//! `cargo run --release --example hub_load -- postgres://postgres@127.0.0.1:PORT/DB [REPLICAS] [SECS]`
//! `cargo run --release --example hub_load -- --file DIR [WRITERS] [SECS]`

use desk::domain::ticket::Priority;
use desk::store::sync::Direction;
use desk::store::sync::pg::{HubConfig, PgHub, create_from_hub};
use desk::store::ticket_write::TicketEdit;
use desk::store::{OpenMode, StorageMode, Store};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn unix_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// A small deterministic generator (each thread its own), so runs are repeatable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Seconds of CPU all PostgreSQL server processes have used, ended backends included (from /proc).
fn postgres_cpu_secs() -> f64 {
    let tick = 100.0; // USER_HZ on Linux
    let mut total = 0.0;
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    for e in dir.flatten() {
        let p = e.path();
        let Ok(comm) = std::fs::read_to_string(p.join("comm")) else {
            continue;
        };
        if comm.trim() != "postgres" {
            continue;
        }
        if let Ok(stat) = std::fs::read_to_string(p.join("stat"))
            && let Some((_, rest)) = stat.rsplit_once(')')
        {
            let f: Vec<&str> = rest.split_whitespace().collect();
            // utime, stime, and the children's (backends that ended count in the postmaster's).
            let ticks: f64 = (11..=14)
                .filter_map(|i| f.get(i).and_then(|v| v.parse::<f64>().ok()))
                .sum();
            total += ticks / tick;
        }
    }
    total
}

/// The hub with the time spent in it counted: what PostgreSQL and the round trips cost, apart from the replica's
/// own export and apply.
struct Timed<'a> {
    hub: &'a mut PgHub,
    secs: f64,
}

impl desk::store::sync::Hub for Timed<'_> {
    fn hub_id(&self) -> &str {
        self.hub.hub_id()
    }
    fn marks_for(&mut self, replica: &str) -> desk::store::Result<desk::store::sync::Marks> {
        let t = Instant::now();
        let r = self.hub.marks_for(replica);
        self.secs += t.elapsed().as_secs_f64();
        r
    }
    fn pull(
        &mut self,
        replica: &str,
        since: desk::store::sync::Marks,
    ) -> desk::store::Result<desk::store::sync::Batch> {
        let t = Instant::now();
        let r = self.hub.pull(replica, since);
        self.secs += t.elapsed().as_secs_f64();
        r
    }
    fn push(
        &mut self,
        batch: &desk::store::sync::Batch,
        now: i64,
    ) -> desk::store::Result<desk::store::sync::Applied> {
        let t = Instant::now();
        let r = self.hub.push(batch, now);
        self.secs += t.elapsed().as_secs_f64();
        r
    }
}

/// CPU seconds this process has used (user + system).
fn own_cpu_secs() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    (11..=12)
        .filter_map(|i| f.get(i).and_then(|v| v.parse::<f64>().ok()))
        .sum::<f64>()
        / 100.0
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--file") {
        let dir = PathBuf::from(
            args.get(1)
                .cloned()
                .unwrap_or_else(|| "/tmp/hub-load-file".into()),
        );
        let n: usize = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(20);
        let secs: u64 = args.get(3).and_then(|v| v.parse().ok()).unwrap_or(60);
        return file_mode(&dir, n, secs);
    }
    let url = args.first().cloned().unwrap_or_default();
    let n: usize = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(100);
    let secs: u64 = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(300);
    let dir = tempfile::tempdir()?;
    let cfg = HubConfig::new(&url);
    // The team: a 300-ticket demo moved into a new hub, then one replica per writer.
    let team = dir.path().join("team.db");
    {
        let mut s = Store::open_with(&team, OpenMode::Create, StorageMode::Local)?;
        let opts = desk::demo::DemoOptions {
            tickets: 300,
            now: unix_ms() / 1000,
            ..Default::default()
        };
        desk::demo::generate(&mut s, &opts, &mut |_, _| {})?;
        let (mut hub, _) = PgHub::init(&cfg)?;
        hub.move_up(&mut s, &mut |_, _| {})?;
    }
    let t0 = Instant::now();
    let replicas: Vec<PathBuf> = (0..n)
        .map(|i| {
            let p = dir.path().join(format!("r{i}.db"));
            create_from_hub(&cfg, &p, unix_ms() / 1000, &mut |_, _| {}).map(|_| p)
        })
        .collect::<Result<_, _>>()?;
    eprintln!("{n} replicas made in {:.1} s", t0.elapsed().as_secs_f64());
    let numbers: Vec<i64> = {
        let s = Store::open_with(&replicas[0], OpenMode::Existing, StorageMode::Local)?;
        let mut st = s
            .conn()
            .prepare("SELECT number FROM tickets ORDER BY number")?;
        st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
    };
    let (ops_before, bytes_before) = log_size(&url)?;
    let cpu_before = postgres_cpu_secs();
    let own_before = own_cpu_secs();
    let hub_lat: Arc<Mutex<Vec<f64>>> = Arc::default();
    // Change id → when it was written (ms), for propagation.
    let written: Arc<Mutex<HashMap<String, i64>>> = Arc::default();
    let seen_lat: Arc<Mutex<Vec<f64>>> = Arc::default();
    let sync_lat: Arc<Mutex<Vec<f64>>> = Arc::default();
    let errors: Arc<Mutex<Vec<String>>> = Arc::default();
    let end = Instant::now() + Duration::from_secs(secs);
    let threads: Vec<_> = replicas
        .iter()
        .enumerate()
        .map(|(i, path)| {
            let (path, url, numbers) = (path.clone(), url.clone(), numbers.clone());
            let hub_lat = hub_lat.clone();
            let (written, seen_lat, sync_lat, errors) = (
                written.clone(),
                seen_lat.clone(),
                sync_lat.clone(),
                errors.clone(),
            );
            std::thread::spawn(move || {
                let run = || -> anyhow::Result<()> {
                    let mut rng = Rng(i as u64 + 1);
                    let mut s = Store::open_with(&path, OpenMode::Existing, StorageMode::Local)?;
                    s.set_actor(Some(format!("load{i}")));
                    let mut hub = PgHub::connect(&HubConfig::new(&url))?;
                    let mut known: i64 =
                        s.conn()
                            .query_row("SELECT max(seq) FROM changes", [], |r| r.get(0))?;
                    // Spread the starts over the first second.
                    std::thread::sleep(Duration::from_millis(rng.next() % 1000));
                    while Instant::now() < end {
                        let number = numbers[(rng.next() % numbers.len() as u64) as usize];
                        let p = Priority::ALL[(rng.next() % 4) as usize];
                        let now = unix_ms() / 1000;
                        s.set_ticket(number, &[TicketEdit::Priority(p)], None, now)?;
                        let mine: Vec<String> = {
                            let mut st =
                                s.conn().prepare("SELECT id FROM changes WHERE seq > ?1")?;
                            st.query_map([known], |r| r.get(0))?
                                .collect::<Result<_, _>>()?
                        };
                        let at = unix_ms();
                        written
                            .lock()
                            .map_err(|_| anyhow::anyhow!("lock"))?
                            .extend(mine.into_iter().map(|id| (id, at)));
                        known = s
                            .conn()
                            .query_row("SELECT max(seq) FROM changes", [], |r| r.get(0))?;
                        let t = Instant::now();
                        let mut timed = Timed {
                            hub: &mut hub,
                            secs: 0.0,
                        };
                        s.sync_with(&mut timed, Direction::Both, unix_ms() / 1000)?;
                        let at_hub = timed.secs;
                        hub_lat
                            .lock()
                            .map_err(|_| anyhow::anyhow!("lock"))?
                            .push(at_hub);
                        sync_lat
                            .lock()
                            .map_err(|_| anyhow::anyhow!("lock"))?
                            .push(t.elapsed().as_secs_f64());
                        // What arrived from the others: when it was written there.
                        let got: Vec<String> = {
                            let mut st =
                                s.conn().prepare("SELECT id FROM changes WHERE seq > ?1")?;
                            st.query_map([known], |r| r.get(0))?
                                .collect::<Result<_, _>>()?
                        };
                        known = s
                            .conn()
                            .query_row("SELECT max(seq) FROM changes", [], |r| r.get(0))?;
                        let now_ms = unix_ms();
                        {
                            let w = written.lock().map_err(|_| anyhow::anyhow!("lock"))?;
                            let mut lat = seen_lat.lock().map_err(|_| anyhow::anyhow!("lock"))?;
                            lat.extend(
                                got.iter()
                                    .filter_map(|id| w.get(id))
                                    .map(|at| (now_ms - at) as f64 / 1000.0),
                            );
                        }
                        std::thread::sleep(Duration::from_millis(1000 + rng.next() % 1000));
                    }
                    Ok(())
                };
                if let Err(e) = run()
                    && let Ok(mut v) = errors.lock()
                {
                    v.push(format!("replica {i}: {e:#}"));
                }
            })
        })
        .collect();
    for t in threads {
        let _ = t.join();
    }
    let cpu = postgres_cpu_secs() - cpu_before;
    let own_cpu = own_cpu_secs() - own_before;
    // The final round: every replica syncs twice (what the last ones sent reaches the first).
    for _ in 0..2 {
        for p in &replicas {
            let mut s = Store::open_with(p, OpenMode::Existing, StorageMode::Local)?;
            s.sync_with_hub(None, None, Direction::Both, unix_ms() / 1000)?;
        }
    }
    let (ops_after, bytes_after) = log_size(&url)?;
    let hub_ids = hub_ids(&url)?;
    let written_ids: BTreeSet<String> = written
        .lock()
        .map_err(|_| anyhow::anyhow!("lock"))?
        .keys()
        .cloned()
        .collect();
    let lost = written_ids.difference(&hub_ids).count();
    let mut diverged = 0;
    let reference = state(&replicas[0])?;
    for p in &replicas {
        if state(p)? != reference || ids(p)? != hub_ids {
            diverged += 1;
        }
    }
    let mut seen = seen_lat
        .lock()
        .map_err(|_| anyhow::anyhow!("lock"))?
        .clone();
    let mut syncs = sync_lat
        .lock()
        .map_err(|_| anyhow::anyhow!("lock"))?
        .clone();
    let errs = errors.lock().map_err(|_| anyhow::anyhow!("lock"))?.clone();
    println!(
        "replicas {n}, {secs} s, writes {} ({:.1}/s)",
        written_ids.len(),
        written_ids.len() as f64 / secs as f64
    );
    println!(
        "errors {}{}",
        errs.len(),
        errs.first()
            .map_or(String::new(), |e| format!(" (first: {e})"))
    );
    println!(
        "lost {lost}, duplicated {} (op log ids are unique), diverged replicas {diverged}",
        0
    );
    println!(
        "propagation write→visible on another replica: p50 {:.2} s, p99 {:.2} s ({} observations)",
        pct(&mut seen, 0.5),
        pct(&mut seen, 0.99),
        seen.len()
    );
    println!(
        "sync round trip: p50 {:.3} s, p99 {:.3} s ({} syncs)",
        pct(&mut syncs, 0.5),
        pct(&mut syncs, 0.99),
        syncs.len()
    );
    let mut at_hub = hub_lat.lock().map_err(|_| anyhow::anyhow!("lock"))?.clone();
    println!(
        "  of which at the hub (push + pull + marks, round trips included): p50 {:.3} s, p99 {:.3} s",
        pct(&mut at_hub, 0.5),
        pct(&mut at_hub, 0.99)
    );
    println!(
        "hub CPU {cpu:.1} s over {secs} s ({:.0}% of one core)",
        cpu / secs as f64 * 100.0
    );
    println!(
        "the {n} replicas' own CPU (export, apply, SLA recompute of what arrives) {own_cpu:.1} s ({:.0}% of one core)",
        own_cpu / secs as f64 * 100.0
    );
    println!(
        "op log {ops_before} → {ops_after} entries, {:.1} → {:.1} MB",
        bytes_before as f64 / 1_048_576.0,
        bytes_after as f64 / 1_048_576.0
    );
    if lost > 0 || diverged > 0 || !errs.is_empty() {
        anyhow::bail!("the load test found lost changes, diverged replicas or errors");
    }
    Ok(())
}

fn log_size(url: &str) -> anyhow::Result<(i64, i64)> {
    let mut c = postgres::Client::connect(url, postgres::NoTls)?;
    let r = c.query_one(
        "SELECT (SELECT count(*) FROM desk_ops) + (SELECT count(*) FROM desk_history),
                pg_total_relation_size('desk_ops') + pg_total_relation_size('desk_history')",
        &[],
    )?;
    Ok((r.get(0), r.get(1)))
}

fn hub_ids(url: &str) -> anyhow::Result<BTreeSet<String>> {
    let mut c = postgres::Client::connect(url, postgres::NoTls)?;
    Ok(c.query(
        "SELECT id FROM desk_ops UNION ALL SELECT id FROM desk_history",
        &[],
    )?
    .iter()
    .map(|r| r.get(0))
    .collect())
}

fn ids(p: &Path) -> anyhow::Result<BTreeSet<String>> {
    let s = Store::open_with(p, OpenMode::Existing, StorageMode::Local)?;
    let mut st = s.conn().prepare("SELECT id FROM changes")?;
    Ok(st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?)
}

fn state(p: &Path) -> anyhow::Result<Vec<(i64, String)>> {
    let s = Store::open_with(p, OpenMode::Existing, StorageMode::Local)?;
    let mut st = s
        .conn()
        .prepare("SELECT number, priority FROM tickets ORDER BY number")?;
    Ok(st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

/// The same writers on one shared SQLite file: how long each write takes, lock waits included.
fn file_mode(dir: &Path, n: usize, secs: u64) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let team = dir.join("team.db");
    let _ = std::fs::remove_file(&team);
    {
        let mut s = Store::open_with(&team, OpenMode::Create, StorageMode::Shared)?;
        let opts = desk::demo::DemoOptions {
            tickets: 300,
            now: unix_ms() / 1000,
            ..Default::default()
        };
        desk::demo::generate(&mut s, &opts, &mut |_, _| {})?;
    }
    let lat: Arc<Mutex<Vec<f64>>> = Arc::default();
    let errors: Arc<Mutex<usize>> = Arc::default();
    let end = Instant::now() + Duration::from_secs(secs);
    let threads: Vec<_> = (0..n)
        .map(|i| {
            let (team, lat, errors) = (team.clone(), lat.clone(), errors.clone());
            std::thread::spawn(move || {
                let mut rng = Rng(i as u64 + 1);
                let Ok(mut s) = Store::open_with(&team, OpenMode::Existing, StorageMode::Shared)
                else {
                    return;
                };
                s.set_actor(Some(format!("load{i}")));
                std::thread::sleep(Duration::from_millis(rng.next() % 1000));
                while Instant::now() < end {
                    let number = 1001 + (rng.next() % 300) as i64;
                    let p = Priority::ALL[(rng.next() % 4) as usize];
                    let t = Instant::now();
                    let ok = s
                        .set_ticket(number, &[TicketEdit::Priority(p)], None, unix_ms() / 1000)
                        .is_ok();
                    if let Ok(mut v) = lat.lock() {
                        v.push(t.elapsed().as_secs_f64());
                    }
                    if !ok && let Ok(mut e) = errors.lock() {
                        *e += 1;
                    }
                    std::thread::sleep(Duration::from_millis(1000 + rng.next() % 1000));
                }
            })
        })
        .collect();
    for t in threads {
        let _ = t.join();
    }
    let mut v = lat.lock().map_err(|_| anyhow::anyhow!("lock"))?.clone();
    let errs = *errors.lock().map_err(|_| anyhow::anyhow!("lock"))?;
    println!(
        "shared file, {n} writers, {secs} s: {} writes, failed {errs}; write latency p50 {:.3} s, p99 {:.3} s, max {:.3} s",
        v.len(),
        pct(&mut v, 0.5),
        pct(&mut v, 0.99),
        pct(&mut v, 1.0)
    );
    Ok(())
}
