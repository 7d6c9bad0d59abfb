//! A replica in a running desk: a thread of its own, with its own connection to the replica, looks at the hub
//! every `[sync] every_secs` (can it be reached, what waits each way) and, with `auto`, syncs when something waits,
//! so a replica online behaves like the team's file with live refresh. `:sync` wakes it for a sync now. A look
//! only reads; nothing is written on either side unless there is something to exchange. Rounds are reported to
//! the UI as `Msg::Sync`.

use std::path::PathBuf;
use std::sync::mpsc::{RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use super::OpenStore;
use crate::app::Msg;
use crate::app::sync::{Outcome, SyncEvent, SyncRound};
use crate::config::sync::SyncConfig;
use crate::store::sync::Direction;
use crate::store::sync::replica::Pending;
use crate::store::{OpenMode, Store};

/// The first look waits this long, so start-up has the disk to itself.
const FIRST_LOOK_AFTER: Duration = Duration::from_millis(300);

/// Starts the background sync job of a replica; returns the way to ask it for a sync now (`:sync`).
/// `password_command` is `[hub] password_command`, for a replica of a PostgreSQL hub.
pub fn spawn(
    cfg: SyncConfig,
    actor: Option<String>,
    password_command: Option<String>,
    open: OpenStore,
    to_ui: Sender<Msg>,
) -> Sender<()> {
    let (ask, asked) = std::sync::mpsc::channel::<()>();
    // One queue for both reasons to wake: the agent asking (true) and the hub saying something arrived (false).
    let (wake, woken) = std::sync::mpsc::channel::<bool>();
    let forward = wake.clone();
    std::thread::spawn(move || {
        while asked.recv().is_ok() {
            if forward.send(true).is_err() {
                return;
            }
        }
    });
    let every = Duration::from_secs(u64::from(cfg.every_secs.max(1)));
    std::thread::spawn(move || {
        let mut job = Job {
            auto: cfg.auto,
            actor,
            open,
            store: None,
            in_step_at: None,
            first: true,
            pg: super::sync_pg::PgLink::new(password_command, wake),
        };
        let mut next = Instant::now() + FIRST_LOOK_AFTER;
        loop {
            // Asleep until the next look is due, or until the agent asks for a sync now (or the hub says something
            // arrived). Between looks, a PostgreSQL hub hears at once when this agent starts or stops replying.
            let due = next.saturating_duration_since(Instant::now());
            let asked = match woken.recv_timeout(due.min(super::sync_pg::PRESENCE_TICK)) {
                Ok(asked) => asked,
                Err(RecvTimeoutError::Timeout) if Instant::now() < next => {
                    job.presence_tick();
                    continue;
                }
                Err(RecvTimeoutError::Timeout) => false,
                Err(RecvTimeoutError::Disconnected) => return,
            };
            let round = job.round(asked, &|| to_ui.send(Msg::Sync(SyncEvent::Started)).is_ok());
            if to_ui.send(Msg::Sync(SyncEvent::Finished(round))).is_err() {
                return;
            }
            next = Instant::now() + every;
        }
    });
    ask
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
    fn round(&mut self, asked: bool, started: &dyn Fn() -> bool) -> SyncRound {
        let mut round = SyncRound {
            asked,
            outcome: Outcome::Looked,
            to_send: 0,
            to_receive: None,
            in_step_at: self.in_step_at,
            conflicts: None,
        };
        if let Err(why) = self.try_round(&mut round, started) {
            tracing::warn!("background sync: {why}");
            round.outcome = Outcome::Failed(why);
            // A connection that failed may be what failed: the next round opens a fresh one.
            self.store = None;
        }
        round.in_step_at = self.in_step_at;
        round
    }

    fn try_round(
        &mut self,
        round: &mut SyncRound,
        started: &dyn Fn() -> bool,
    ) -> Result<(), String> {
        if self.store.is_none() {
            let s = (self.open)().map_err(|e| format!("cannot open the database: {e:#}"))?;
            self.store = Some(s);
        }
        let Some(db) = self.store.as_mut() else {
            return Ok(());
        };
        let now = super::now();
        let Some((_, location)) = db.sync_hub().map_err(line)? else {
            return Err("this database is not a replica".into());
        };
        if crate::store::sync::pg::is_hub_url(&location) {
            return self.pg_round(&location, round, started, now);
        }
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
            let r = done.report;
            tracing::info!(
                "background sync: sent {} changes, {} rows; received {} changes, {} rows",
                r.sent.changes,
                r.sent.rows,
                r.received.changes,
                r.received.rows
            );
            round.outcome = Outcome::Synced {
                sent: (r.sent.changes.max(r.sent.rows)) as i64,
                received: (r.received.changes.max(r.received.rows)) as i64,
                numbered: r.sent.numbered,
            };
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

pub(super) fn line(e: impl std::fmt::Display) -> String {
    crate::domain::text::one_line(&e.to_string())
}
