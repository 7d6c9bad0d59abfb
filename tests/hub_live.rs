//! Live across the team through a PostgreSQL hub (issue 20), against a real PostgreSQL server
//! (tests/common/postgres.rs): replicas running the background sync job (runtime::sync, no TUI) hear each other's
//! changes through the hub's notifications, share presence, and keep working while the hub is gone.
//!
//! Propagation is polled (up to a bound) and printed, never asserted as a speed: `cargo test --test hub_live --
//! --nocapture` shows the times.

mod common;

use common::hub::{open_as as open, team_on_hub};
use common::postgres::Postgres;
use common::*;
use desk::app::Msg;
use desk::app::sync::{Outcome, SyncEvent, SyncRound};
use desk::config::sync::SyncConfig;
use desk::domain::team::Activity;
use desk::domain::ticket::Priority;
use desk::runtime::sync::{SyncHandle, spawn};
use desk::store::ticket_write::TicketEdit;
use desk::store::{OpenMode, StorageMode, Store};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// How long a change may take to show before the test fails: generous, so a loaded machine does not fail it.
const PATIENCE: Duration = Duration::from_secs(10);

fn now() -> i64 {
    desk::runtime::now()
}

/// A hub holding the 4-ticket fixture team (li and wang), and `n` replicas of it.
fn team(dir: &Path, url: &str, n: usize) -> Vec<PathBuf> {
    team_on_hub(dir, url, n, now(), |s| fill(s, 4))
}

/// The background sync job of the desk `actor` runs on `replica`, and what it tells the UI.
struct Desk {
    _job: SyncHandle,
    said: Receiver<Msg>,
    rounds: Vec<SyncRound>,
}

impl Desk {
    fn start(replica: &Path, actor: &str, every_secs: u32) -> Desk {
        let (to_ui, said) = mpsc::channel();
        let (path, who) = (replica.to_path_buf(), actor.to_string());
        let job = spawn(
            SyncConfig {
                auto: true,
                every_secs,
            },
            Some(actor.into()),
            None,
            Box::new(move || {
                let mut s = Store::open_with(&path, OpenMode::Existing, StorageMode::Local)?;
                s.set_actor(Some(who.clone()));
                Ok(s)
            }),
            to_ui,
        );
        Desk {
            _job: job,
            said,
            rounds: Vec::new(),
        }
    }

    /// Waits (up to `PATIENCE`) for a reported round `ok` accepts; rounds reported before count too.
    fn round(&mut self, what: &str, ok: impl Fn(&SyncRound) -> bool) -> SyncRound {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(r) = self.rounds.iter().find(|r| ok(r)) {
                return r.clone();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.said.recv_timeout(left) {
                Ok(Msg::Sync(SyncEvent::Finished(r))) => self.rounds.push(r),
                Ok(_) => {}
                Err(_) => panic!(
                    "no round {what} within {PATIENCE:?}; rounds: {:#?}",
                    self.rounds
                ),
            }
        }
    }

    /// Forgets the rounds seen so far.
    fn clear(&mut self) {
        self.rounds.clear();
        while self.said.try_recv().is_ok() {}
    }
}

/// Polls `f` until it holds (up to `limit`); how long that took.
fn within(limit: Duration, what: &str, mut f: impl FnMut() -> bool) -> Duration {
    let started = Instant::now();
    while started.elapsed() < limit {
        if f() {
            return started.elapsed();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{what}: not within {limit:?}");
}

fn priority(path: &Path, number: i64) -> String {
    open(path, "li")
        .conn()
        .query_row(
            "SELECT priority FROM tickets WHERE number = ?1",
            [number],
            |r| r.get(0),
        )
        .unwrap()
}

fn in_step(r: &SyncRound) -> bool {
    matches!(r.outcome, Outcome::Synced { .. } | Outcome::Looked)
}

#[test]
fn a_change_on_one_replica_reaches_the_other_running_desk() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let dir = tempfile::tempdir().unwrap();
    let r = team(dir.path(), &url, 2);
    // A look every minute: what arrives within the test's patience came through the hub's notification.
    let mut a = Desk::start(&r[0], "li", 60);
    let mut b = Desk::start(&r[1], "wang", 60);
    a.round("in step at start", in_step);
    b.round("in step at start", in_step);

    let started = Instant::now();
    open(&r[0], "li")
        .set_ticket(1001, &[TicketEdit::Priority(Priority::Urgent)], None, now())
        .unwrap();
    within(PATIENCE, "li's change on wang's replica", || {
        priority(&r[1], 1001) == "urgent"
    });
    println!(
        "a → b: li's priority change reached wang's replica in {:?}",
        started.elapsed()
    );

    let started = Instant::now();
    open(&r[1], "wang")
        .set_ticket(1002, &[TicketEdit::Priority(Priority::Low)], None, now())
        .unwrap();
    within(PATIENCE, "wang's change on li's replica", || {
        priority(&r[0], 1002) == "low"
    });
    println!(
        "b → a: wang's priority change reached li's replica in {:?}",
        started.elapsed()
    );
    // Both desks were told: a sync that sent, and one that received.
    a.round(
        "that sent li's change",
        |r| matches!(r.outcome, Outcome::Synced { sent, .. } if sent > 0),
    );
    b.round(
        "that received li's change",
        |r| matches!(r.outcome, Outcome::Synced { received, .. } if received > 0),
    );
}

#[test]
fn presence_published_on_one_replica_is_seen_on_the_other() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let dir = tempfile::tempdir().unwrap();
    let r = team(dir.path(), &url, 2);
    let mut a = Desk::start(&r[0], "li", 60);
    let mut b = Desk::start(&r[1], "wang", 60);
    a.round("in step at start", in_step);
    b.round("in step at start", in_step);
    // Past start-up, when each desk publishes (and so wakes the other): the time measured is the presence's own.
    std::thread::sleep(Duration::from_secs(1));

    let started = Instant::now();
    open(&r[0], "li")
        .set_presence(1001, Some(Activity::Replying), now())
        .unwrap();
    within(PATIENCE, "li replying, seen on wang's replica", || {
        let others = open(&r[1], "wang").presence_on(1001, now()).unwrap();
        others
            .iter()
            .any(|p| p.handle == "li" && p.name == "Li Na" && p.activity == Activity::Replying)
    });
    println!(
        "li's presence reached wang's replica in {:?}",
        started.elapsed()
    );
    // Li's own replica does not show li to li, and wang's desk does not publish li as its own.
    assert!(
        open(&r[0], "li")
            .presence_on(1001, now())
            .unwrap()
            .is_empty()
    );

    // Wang opens the same ticket: li sees wang viewing.
    open(&r[1], "wang")
        .set_presence(1001, Some(Activity::Viewing), now())
        .unwrap();
    within(PATIENCE, "wang viewing, seen on li's replica", || {
        let others = open(&r[0], "li").presence_on(1001, now()).unwrap();
        others
            .iter()
            .any(|p| p.handle == "wang" && p.activity == Activity::Viewing)
    });

    // Li leaves the ticket: gone on wang's replica too, long before it would expire.
    open(&r[0], "li").set_presence(1001, None, now()).unwrap();
    within(PATIENCE, "li gone from wang's replica", || {
        let others = open(&r[1], "wang").presence_on(1001, now()).unwrap();
        !others.iter().any(|p| p.handle == "li")
    });
    drop((a, b));
}

#[test]
fn with_the_hub_unreachable_a_round_says_so_and_work_goes_on() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let dir = tempfile::tempdir().unwrap();
    let r = team(dir.path(), &url, 1);
    // The replica's hub moves to a port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let gone = format!("postgres://postgres@127.0.0.1:{closed}/desk");
    open(&r[0], "li")
        .conn()
        .execute("UPDATE meta SET value = ?1 WHERE key = 'sync_hub'", [&gone])
        .unwrap();
    let mut a = Desk::start(&r[0], "li", 1);
    let round = a.round("saying the hub is unreachable", |r| {
        matches!(r.outcome, Outcome::Unreachable(_))
    });
    let Outcome::Unreachable(why) = round.outcome else {
        unreachable!()
    };
    assert!(why.contains("cannot be reached"), "{why}");
    assert!(why.contains(&format!("127.0.0.1:{closed}")), "{why}");

    // Local work goes on, and the status bar counts it as waiting.
    open(&r[0], "li")
        .set_ticket(1001, &[TicketEdit::Priority(Priority::Urgent)], None, now())
        .unwrap();
    assert_eq!(priority(&r[0], 1001), "urgent");
    a.clear();
    let round = a.round("counting the change as waiting", |r| {
        matches!(r.outcome, Outcome::Unreachable(_)) && r.to_send > 0
    });
    assert!(round.to_receive.is_none());
}

#[test]
fn a_hub_killed_and_back_converges_the_running_desks() {
    let Some(mut pg) = Postgres::start_own() else {
        return;
    };
    let url = pg.create_database();
    let dir = tempfile::tempdir().unwrap();
    let r = team(dir.path(), &url, 2);
    let mut a = Desk::start(&r[0], "li", 1);
    let mut b = Desk::start(&r[1], "wang", 1);
    a.round("in step at start", in_step);
    b.round("in step at start", in_step);

    pg.kill();
    a.clear();
    a.round("saying the hub is gone", |r| {
        matches!(r.outcome, Outcome::Unreachable(_))
    });
    // Made while the hub is down: kept here, sent when it is back.
    open(&r[0], "li")
        .set_ticket(1003, &[TicketEdit::Priority(Priority::Urgent)], None, now())
        .unwrap();
    pg.restart();
    // Reconnecting waits at most 10 s between tries; the patience here allows for it.
    let took = within(
        PATIENCE * 3,
        "li's offline change on wang's replica",
        || priority(&r[1], 1003) == "urgent",
    );
    println!("once the hub was back, li's offline change reached wang's replica in {took:?}");
    a.clear();
    a.round("in step again", |r| in_step(r) && r.to_send == 0);
}
