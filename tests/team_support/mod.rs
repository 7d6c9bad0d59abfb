//! Shared by the team-mode tests (team_soak, team_crash, team_migrate): a team database fixture, random writes
//! through the real store API, and running a test function of the same test binary as a separate OS process.
#![allow(dead_code)]

use desk::domain::customer::{Tier, TierSource};
use desk::domain::lifecycle::Writer;
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::store::records::{AgentRec, CustomerRec};
use desk::store::ticket_write::{NewTicket, TicketEdit};
use desk::store::{OpenMode, StorageMode, Store, StoreError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Set in a child process to the JSON [`Job`] it must run; a worker test returns at once without it.
pub const WORKER_ENV: &str = "DESK_TEAM_WORKER";

/// A fixed "now" far from any real clock; each operation gets its own second after it (see [`op_time`]).
pub const BASE_NOW: i64 = 1_800_000_000;

pub const AGENTS: usize = 8;

/// What a child process does.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Job {
    pub db: PathBuf,
    pub shared: bool,
    pub worker: usize,
    /// Operations to run; 0 = until killed.
    pub ops: usize,
    /// Index of the first operation: runs against one database use disjoint ranges, so their times differ.
    pub first_op: usize,
    pub seed: u64,
    pub tickets: Vec<i64>,
    /// Where the worker writes one line per operation.
    pub log: PathBuf,
}

pub fn storage(shared: bool) -> StorageMode {
    if shared {
        StorageMode::Shared
    } else {
        StorageMode::Local
    }
}

pub fn mode_name(shared: bool) -> &'static str {
    if shared {
        "shared (rollback journal)"
    } else {
        "local (WAL)"
    }
}

pub fn handle(worker: usize) -> String {
    format!("w{worker}")
}

pub fn agent_id(worker: usize) -> String {
    format!("AG{worker}")
}

/// The `now` of operation `i` of `worker`: unique per operation, so the change-log entries an operation wrote are
/// exactly those with its actor and this `at`.
pub fn op_time(worker: usize, i: usize) -> i64 {
    BASE_NOW + (i as i64) * 16 + worker as i64
}

/// The directory of one run: under `DESK_SOAK_DIR` when set (to test a real mount; removed when the run passes,
/// kept with its database and logs when it fails), else a temporary directory.
pub struct RunDir {
    pub path: PathBuf,
    _temp: Option<tempfile::TempDir>,
}

impl RunDir {
    pub fn new(name: &str) -> RunDir {
        match std::env::var_os("DESK_SOAK_DIR") {
            Some(root) => {
                let path = PathBuf::from(root).join(format!("{name}-{}", std::process::id()));
                std::fs::create_dir_all(&path).unwrap();
                RunDir { path, _temp: None }
            }
            None => {
                let temp = tempfile::tempdir().unwrap();
                RunDir {
                    path: temp.path().to_path_buf(),
                    _temp: Some(temp),
                }
            }
        }
    }
}

impl Drop for RunDir {
    fn drop(&mut self) {
        if self._temp.is_none() && !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// A small deterministic generator (SplitMix64): the tests need no `rand`.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A fresh team database at `path`: eight agents, one customer and `tickets` tickets created through the write
/// path. Returns the ticket numbers.
pub fn team_db(path: &Path, shared: bool, tickets: usize) -> Vec<i64> {
    let mut store = Store::open_with(path, OpenMode::Create, storage(shared)).unwrap();
    {
        let mut w = store.bulk().unwrap();
        for a in 0..AGENTS {
            w.agent(&AgentRec {
                id: agent_id(a),
                handle: handle(a),
                name: format!("Worker {a}"),
                email: None,
                role: "agent".into(),
                created_at: 0,
            })
            .unwrap();
        }
        w.customer(&CustomerRec {
            id: "C1".into(),
            name: "Soak Customer".into(),
            email: Some("soak@example.com".into()),
            phone: None,
            org_id: None,
            tier: Tier::Bronze,
            tier_source: TierSource::Computed,
            birthday: None,
            city: None,
            notes: String::new(),
            created_at: 0,
        })
        .unwrap();
        w.commit("team fixture", BASE_NOW - 100).unwrap();
    }
    (0..tickets)
        .map(|i| {
            store
                .create_ticket(
                    &NewTicket {
                        subject: format!("Team ticket {i}"),
                        kind: Kind::Question,
                        channel: Channel::Email,
                        priority: Priority::Normal,
                        customer_id: "C1".into(),
                        product_id: None,
                        body: format!("Help with {i}"),
                    },
                    BASE_NOW - 50,
                )
                .unwrap()
                .number
        })
        .collect()
}

/// Starts `test` of this test binary as a child process running `job`.
pub fn spawn(test: &str, job: &Job, stdout: Stdio) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads", "1"])
        .env(WORKER_ENV, serde_json::to_string(job).unwrap())
        .stdout(stdout)
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// The job of this process, if it is a worker.
pub fn job() -> Option<Job> {
    let text = std::env::var(WORKER_ENV).ok()?;
    Some(serde_json::from_str(&text).unwrap())
}

/// What happened to one operation, as a worker logs it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Outcome {
    pub worker: usize,
    pub i: usize,
    pub at: i64,
    pub kind: String,
    pub ticket: i64,
    /// applied, conflict, refused or busy
    pub result: String,
    /// Change-log entries about the ticket the operation wrote (applied only).
    pub entries: usize,
    /// Whether it moved the ticket's version.
    pub bumped: bool,
    /// The operation's own mark: the tag added, the reply's token, "old>new" for a priority.
    pub detail: String,
}

/// Version, status, priority and assignee as a client reads them before a change, then up to 2 ms of "thinking"
/// in which others may change the ticket (so conflicts really happen).
fn read(store: &Store, number: i64, rng: &mut Rng) -> (i64, String, String, Option<String>) {
    let seen = store
        .conn()
        .query_row(
            "SELECT version, status, priority, assignee_id FROM tickets WHERE number = ?1",
            [number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    std::thread::sleep(std::time::Duration::from_micros(rng.below(2000)));
    seen
}

/// Runs operation `i` of `worker`: a random claim, release, reply, status, priority or tag on a random ticket,
/// the way a desk client does it (status, priority and release are made against the version just read).
pub fn run_op(
    store: &mut Store,
    worker: usize,
    i: usize,
    rng: &mut Rng,
    tickets: &[i64],
) -> Outcome {
    let at = op_time(worker, i);
    let ticket = tickets[rng.below(tickets.len() as u64) as usize];
    let me = agent_id(worker);
    let roll = rng.below(100);
    let (kind, result, detail): (&str, Result<(usize, bool), StoreError>, String) = match roll {
        0..=19 => {
            let r = store
                .claim(ticket, &me, at)
                .map(|won| if won { (1, true) } else { (0, false) });
            match r {
                Ok((0, _)) => (
                    "claim",
                    Err(StoreError::Refused("taken".into())),
                    String::new(),
                ),
                other => ("claim", other, String::new()),
            }
        }
        20..=29 => {
            let (version, ..) = read(store, ticket, rng);
            let r = store.set_ticket(ticket, &[TicketEdit::Assignee(None)], Some(version), at);
            (
                "release",
                r.map(|o| (o.changed.len(), !o.changed.is_empty())),
                String::new(),
            )
        }
        30..=54 => {
            let token = format!("soak {} op {i}", handle(worker));
            let r = store.add_message(ticket, Writer::Agent, Some(&me), false, &token, at);
            (
                "reply",
                r.map(|o| (1 + o.changed.len(), !o.changed.is_empty())),
                token,
            )
        }
        55..=69 => {
            let (version, ..) = read(store, ticket, rng);
            let to = [Status::Open, Status::Pending, Status::OnHold][rng.below(3) as usize];
            let r = store.set_ticket(ticket, &[TicketEdit::Status(to)], Some(version), at);
            (
                "status",
                r.map(|o| (o.changed.len(), !o.changed.is_empty())),
                to.as_str().to_string(),
            )
        }
        70..=84 => {
            let (version, _, old, _) = read(store, ticket, rng);
            let to = Priority::ALL[rng.below(4) as usize];
            let r = store.set_ticket(ticket, &[TicketEdit::Priority(to)], Some(version), at);
            (
                "priority",
                r.map(|o| (o.changed.len(), !o.changed.is_empty())),
                format!("{old}>{}", to.as_str()),
            )
        }
        _ => {
            let tag = format!("{}-{i}", handle(worker));
            let r = store.set_ticket(ticket, &[TicketEdit::AddTag(tag.clone())], None, at);
            ("tag", r.map(|o| (1 + o.changed.len(), true)), tag)
        }
    };
    let (result, entries, bumped) = match result {
        Ok((entries, bumped)) => ("applied", entries, bumped),
        Err(StoreError::Conflict { .. }) => ("conflict", 0, false),
        Err(StoreError::Refused(_) | StoreError::Denied(_)) => ("refused", 0, false),
        Err(StoreError::Busy { .. }) => ("busy", 0, false),
        Err(e) => panic!("worker {worker} op {i} ({kind} on #{ticket}) failed: {e}"),
    };
    Outcome {
        worker,
        i,
        at,
        kind: kind.into(),
        ticket,
        result: result.into(),
        entries,
        bumped,
        detail,
    }
}

/// Runs `job` in this process: open the store as agent w<N>, run its operations, log each outcome as a JSON line.
/// With `ops == 0` it runs until killed, printing `STARTED` once the first write is in and flushing the log after
/// every operation.
pub fn work(job: &Job) {
    let mut store = Store::open_with(&job.db, OpenMode::Existing, storage(job.shared)).unwrap();
    store.set_actor(Some(handle(job.worker)));
    let mut rng = Rng::new(job.seed.wrapping_mul(31).wrapping_add(job.worker as u64));
    let mut log = std::io::BufWriter::new(std::fs::File::create(&job.log).unwrap());
    let until_killed = job.ops == 0;
    let mut i = job.first_op;
    while until_killed || i < job.first_op + job.ops {
        let outcome = run_op(&mut store, job.worker, i, &mut rng, &job.tickets);
        serde_json::to_writer(&mut log, &outcome).unwrap();
        writeln!(log).unwrap();
        if until_killed {
            // Whatever is logged was committed before it: the log must survive the kill too.
            log.flush().unwrap();
            if i == job.first_op {
                // libtest has already written "test crash_writer ... " on this line.
                println!("STARTED");
                std::io::stdout().flush().unwrap();
            }
        }
        i += 1;
    }
    log.flush().unwrap();
}

/// Every outcome a worker logged (a line cut short by a kill is skipped).
pub fn outcomes(log: &Path) -> Vec<Outcome> {
    std::fs::read_to_string(log)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// Fails with the report when `Store::check` finds anything.
pub fn assert_healthy(store: &Store, full: bool, context: &str) {
    let report = store.check(full).unwrap();
    assert!(report.healthy(), "{context}: check failed: {report:#?}");
}

/// Prints a test's counts and appends them to `team-report.txt` in Cargo's test scratch directory, which
/// `.ci/run` shows after the test run (a passing test's own output is hidden).
#[macro_export]
macro_rules! report {
    ($($arg:tt)*) => {{
        let line = format!($($arg)*);
        eprintln!("{line}");
        let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("team-report.txt");
        if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
            let _ = std::io::Write::write_all(&mut f, format!("{line}\n").as_bytes());
        }
    }};
}
