//! A replica in a running desk: a thread of its own, with its own connection to the replica, keeps it in step with
//! its hub, so a replica online behaves like the team's file with live refresh. `:sync` wakes it for a sync now.
//! Rounds are reported to the UI as `Msg::Sync`.
//!
//! A hub file is looked at every `[sync] every_secs` (can it be reached, what waits each way) and, with `auto`,
//! synced when something waits; a look only reads. A PostgreSQL hub (sync_pg.rs) is heard rather than polled: its
//! NOTIFY wakes the job, which pulls at once, and the replica's own `PRAGMA data_version` (a cheap read) is checked
//! a few times a second so this agent's changes and presence go up at once; the periodic look stays as a safety net.

use std::path::PathBuf;
use std::sync::mpsc::{RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use super::OpenStore;
use crate::app::Msg;
use crate::app::sync::{Outcome, SyncEvent, SyncRound};
use crate::config::sync::SyncConfig;
use crate::store::sync::Direction;
use crate::store::sync::pg::Heard;
use crate::store::sync::replica::Pending;
use crate::store::{OpenMode, Store};

/// The first look waits this long, so start-up has the disk to itself.
const FIRST_LOOK_AFTER: Duration = Duration::from_millis(300);
/// How often a replica of a PostgreSQL hub checks for its own new writes: with the hub's NOTIFY on the other side,
/// a change reaches the other running desks well within the two seconds team mode promises.
const LOCAL_EVERY: Duration = Duration::from_millis(250);

/// What wakes the job before its next look is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wake {
    /// The agent asked for a sync now (`:sync`).
    Asked,
    /// The hub said something changed.
    Heard(Heard),
    /// The listening connection lost the hub, or cannot reach it: why, in one line.
    Lost(String),
    /// The listening connection reached the hub (again): what changed meanwhile was not heard.
    Connected,
    /// The desk is closing.
    Quit,
}

/// The running job as the desk holds it: asks for a sync now, and ends the job (and its listener) when dropped.
pub struct SyncHandle {
    wake: Sender<Wake>,
}

impl SyncHandle {
    pub fn sync_now(&self) {
        // A job that ended has nothing to wake.
        let _ = self.wake.send(Wake::Asked);
    }
}

impl Drop for SyncHandle {
    fn drop(&mut self) {
        let _ = self.wake.send(Wake::Quit);
    }
}

/// What one turn of the loop is for: the wakes that arrived together, and what fell due.
#[derive(Debug, Clone, Default)]
pub(super) struct Turn {
    pub(super) asked: bool,
    pub(super) heard: Heard,
    pub(super) lost: Option<String>,
    pub(super) connected: bool,
    /// The periodic look is due.
    pub(super) look: bool,
    /// The replica's own writes are due to be checked (a PostgreSQL hub's replica).
    pub(super) local: bool,
}

/// Starts the background sync job of a replica; the handle asks it for a sync now (`:sync`) and stops it when
/// dropped. `password_command` is `[hub] password_command`, for a replica of a PostgreSQL hub.
pub fn spawn(
    cfg: SyncConfig,
    actor: Option<String>,
    password_command: Option<String>,
    open: OpenStore,
    to_ui: Sender<Msg>,
) -> SyncHandle {
    let (wake, woken) = std::sync::mpsc::channel::<Wake>();
    let every = Duration::from_secs(u64::from(cfg.every_secs.max(1)));
    let mut job = Job {
        auto: cfg.auto,
        actor,
        open,
        store: None,
        in_step_at: None,
        first: true,
        pg: super::sync_pg::PgLink::new(password_command, every, wake.clone()),
    };
    std::thread::spawn(move || {
        let mut next_look = Instant::now() + FIRST_LOOK_AFTER;
        let mut next_local = next_look;
        loop {
            let due = if job.pg.is_live() {
                next_look.min(next_local)
            } else {
                next_look
            };
            // Asleep until something falls due, or until the agent or the hub wakes the job.
            let mut wakes = Vec::new();
            match woken.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(w) => wakes.push(w),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            wakes.extend(woken.try_iter());
            let now = Instant::now();
            let mut turn = Turn {
                look: now >= next_look,
                local: now >= next_local,
                ..Turn::default()
            };
            for w in wakes {
                match w {
                    Wake::Asked => turn.asked = true,
                    Wake::Heard(h) => turn.heard = turn.heard.and(h),
                    Wake::Lost(why) => turn.lost = Some(why),
                    Wake::Connected => turn.connected = true,
                    Wake::Quit => return,
                }
            }
            if turn.local {
                next_local = now + LOCAL_EVERY;
            }
            let started = || to_ui.send(Msg::Sync(SyncEvent::Started)).is_ok();
            let said = job.turn(&turn, &started);
            if let Some(round) = said {
                if to_ui.send(Msg::Sync(SyncEvent::Finished(round))).is_err() {
                    return;
                }
                next_look = Instant::now() + every;
            } else if turn.look {
                next_look = Instant::now() + every;
            }
        }
    });
    SyncHandle { wake }
}

pub(super) struct Job {
    pub(super) auto: bool,
    pub(super) actor: Option<String>,
    pub(super) open: OpenStore,
    pub(super) store: Option<Store>,
    /// When the replica was last known to be in step with its hub.
    pub(super) in_step_at: Option<i64>,
    /// The first round also reads the agent's open conflicts (said once at start).
    pub(super) first: bool,
    /// The connection to a PostgreSQL hub, kept between rounds.
    pub(super) pg: super::sync_pg::PgLink,
}

impl Job {
    /// One turn: the round to report, or `None` when there was nothing worth saying (a quiet check of the
    /// replica, presence exchanged).
    fn turn(&mut self, turn: &Turn, started: &dyn Fn() -> bool) -> Option<SyncRound> {
        let mut round = SyncRound {
            asked: turn.asked,
            outcome: Outcome::Looked,
            to_send: 0,
            to_receive: None,
            in_step_at: self.in_step_at,
            conflicts: None,
        };
        let said = match self.try_turn(turn, &mut round, started) {
            Ok(said) => said,
            Err(why) => {
                tracing::warn!("background sync: {why}");
                round.outcome = Outcome::Failed(why);
                // A connection that failed may be what failed: the next round opens fresh ones.
                self.store = None;
                self.pg.drop_hub();
                true
            }
        };
        round.in_step_at = self.in_step_at;
        said.then_some(round)
    }

    fn try_turn(
        &mut self,
        turn: &Turn,
        round: &mut SyncRound,
        started: &dyn Fn() -> bool,
    ) -> Result<bool, String> {
        if self.store.is_none() {
            let s = (self.open)().map_err(|e| format!("cannot open the database: {e:#}"))?;
            self.store = Some(s);
        }
        let Some(db) = self.store.as_ref() else {
            return Ok(false);
        };
        let Some((_, location)) = db.sync_hub().map_err(line)? else {
            return Err("this database is not a replica".into());
        };
        if crate::store::sync::pg::is_hub_url(&location) {
            return self.pg_turn(&location, turn, round, started, super::now());
        }
        if !turn.asked && !turn.look {
            return Ok(false);
        }
        self.file_round(round, started)?;
        Ok(true)
    }

    /// A look at a hub file, and a sync when asked or (with `auto`) when something waits.
    fn file_round(
        &mut self,
        round: &mut SyncRound,
        started: &dyn Fn() -> bool,
    ) -> Result<(), String> {
        let Some(db) = self.store.as_mut() else {
            return Ok(());
        };
        let now = super::now();
        let Some((_, location)) = db.sync_hub().map_err(line)? else {
            return Err("this database is not a replica".into());
        };
        let hub_path = PathBuf::from(&location);
        let read_conflicts = std::mem::take(&mut self.first);
        if !hub_path.exists() {
            round.outcome = if round.asked {
                // Tried for real when asked: the failure is recorded for `desk replica status`.
                started();
                match db.sync_with_file(None, Direction::Both, now) {
                    Ok(_) => Outcome::Looked,
                    Err(e) => Outcome::Unreachable(line(e)),
                }
            } else {
                Outcome::Unreachable(format!(
                    "the hub {location} cannot be reached (is the share mounted?); your changes are kept here"
                ))
            };
            let status = db.replica_status(None).map_err(line)?;
            round.to_send = status.map_or(0, |s| count(s.to_send));
            if read_conflicts {
                round.conflicts = Some(db.conflicts(self.actor.as_deref()).map_err(line)?);
            }
            return Ok(());
        }
        let (to_send, to_receive, synced_at) = look(db, &hub_path)?;
        if self.in_step_at.is_none() {
            self.in_step_at = synced_at;
        }
        let waiting = to_send > 0 || to_receive > 0;
        if round.asked || (self.auto && waiting) {
            started();
            let done = db
                .sync_with_file(None, Direction::Both, now)
                .map_err(line)?;
            round.outcome = synced(done.report);
            self.in_step_at = Some(now);
            let (s, r, _) = look(db, &hub_path)?;
            (round.to_send, round.to_receive) = (s, Some(r));
            round.conflicts = Some(db.conflicts(self.actor.as_deref()).map_err(line)?);
            return Ok(());
        }
        if !waiting {
            self.in_step_at = Some(now);
        }
        (round.to_send, round.to_receive) = (to_send, Some(to_receive));
        if read_conflicts {
            round.conflicts = Some(db.conflicts(self.actor.as_deref()).map_err(line)?);
        }
        Ok(())
    }
}

/// What waits each way, read from both sides (reads only), and when the replica last synced.
fn look(db: &Store, hub_path: &std::path::Path) -> Result<(i64, i64, Option<i64>), String> {
    let mode = crate::store::sync::hub_storage(hub_path);
    let hub = Store::open_with(hub_path, OpenMode::Existing, mode).map_err(line)?;
    let status = db
        .replica_status(Some(&hub))
        .map_err(line)?
        .ok_or_else(|| "this database is not a replica".to_string())?;
    Ok((
        count(status.to_send),
        status.to_receive.map_or(0, count),
        status.synced_at,
    ))
}

/// Changes waiting, as the status bar counts them: change-log entries, or rows where a write logged none.
pub(super) fn count(p: Pending) -> i64 {
    p.changes.max(p.rows)
}

/// What a sync did, logged and as the status bar tells it.
pub(super) fn synced(r: crate::store::sync::SyncReport) -> Outcome {
    tracing::info!(
        "background sync: sent {} changes, {} rows; received {} changes, {} rows",
        r.sent.changes,
        r.sent.rows,
        r.received.changes,
        r.received.rows
    );
    Outcome::Synced {
        sent: (r.sent.changes.max(r.sent.rows)) as i64,
        received: (r.received.changes.max(r.received.rows)) as i64,
        numbered: r.sent.numbered,
    }
}

pub(super) fn line(e: impl std::fmt::Display) -> String {
    crate::domain::text::one_line(&e.to_string())
}
