//! The background sync of a replica whose hub is PostgreSQL. One connection is kept between rounds; a listener on
//! a connection of its own wakes the job when the hub took a batch (NOTIFY), and the job pulls at once; the
//! replica's `PRAGMA data_version`, checked a few times a second, finds this agent's own writes, which are pushed
//! at once. Presence is exchanged on the same wakes. While the hub cannot be reached the job says so at each look
//! and the desk keeps working; the listener tries again with growing waits and says when the hub is back, and the
//! job then syncs what waited.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use super::sync::{Job, Turn, Wake, count, line, synced};
use crate::app::sync::{Outcome, SyncRound};
use crate::store::Store;
use crate::store::sync::Direction;
use crate::store::sync::pg::{HubConfig, HubListener, PgHub, PresenceRow};

/// How long the listener waits for news before it looks whether the job still wants it.
const LISTEN_SLICE: Duration = Duration::from_secs(1);
/// How long the server may take to answer the listener's "still there?".
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);
/// The longest time between two reads of the others' presence (a third of the shortest time to live, so a
/// viewer's heartbeats keep them on the others' screens).
const PRESENCE_EVERY: Duration = Duration::from_secs(10);
/// Reconnection waits double from the first to the last.
const BACKOFF: (Duration, Duration) = (Duration::from_millis(500), Duration::from_secs(10));

pub(super) struct PgLink {
    password_command: Option<String>,
    /// `[sync] every_secs`: how long a failed connection is left before the next try (unless the agent asks or the
    /// listener reached the hub), and how long the listener stays quiet before it checks its connection.
    every: Duration,
    hub: Option<PgHub>,
    retry_at: Option<Instant>,
    /// Where the job's wake-ups go; the listener thread gets a clone when it starts.
    wake: Sender<Wake>,
    /// The listener, once the replica's hub is known to be PostgreSQL; dropping it stops the thread.
    listening: Option<Listening>,
    /// Why the hub cannot be heard, while the listener is without it.
    offline: Option<String>,
    /// The replica's `PRAGMA data_version` at the last check: it moves when another connection (the agent's desk,
    /// a script) commits.
    data_version: Option<i64>,
    published: Option<Vec<PresenceRow>>,
    shown_others: Option<Vec<PresenceRow>>,
    /// When presence was last exchanged: the others' expiries are read at least every `PRESENCE_EVERY`, since a
    /// heartbeat alone wakes no one.
    presence_at: Option<Instant>,
}

impl PgLink {
    pub(super) fn new(
        password_command: Option<String>,
        every: Duration,
        wake: Sender<Wake>,
    ) -> PgLink {
        PgLink {
            password_command,
            every,
            hub: None,
            retry_at: None,
            wake,
            listening: None,
            offline: None,
            data_version: None,
            published: None,
            shown_others: None,
            presence_at: None,
        }
    }

    /// The job has a PostgreSQL hub (and checks the replica's own writes between looks).
    pub(super) fn is_live(&self) -> bool {
        self.listening.is_some()
    }

    pub(super) fn drop_hub(&mut self) {
        self.hub = None;
        // Whatever it published may be gone with it: publish again on the next connection.
        self.published = None;
    }

    fn config(&self, url: &str) -> HubConfig {
        HubConfig {
            url: url.to_string(),
            password_command: self.password_command.clone(),
        }
    }

    /// The sync connection, made when there is none (or the last one closed); `force` tries even within the wait
    /// after a failed try.
    fn connection(&mut self, url: &str, force: bool) -> Result<&mut PgHub, Outcome> {
        if self.hub.as_ref().is_some_and(PgHub::is_closed) {
            self.drop_hub();
        }
        if self.hub.is_none() {
            if !force && self.retry_at.is_some_and(|t| Instant::now() < t) {
                let shown = crate::store::sync::pg::shown_url(url);
                return Err(Outcome::Unreachable(format!(
                    "the hub {shown} cannot be reached; your changes are kept here and go with the next sync"
                )));
            }
            match PgHub::connect(&self.config(url)) {
                Ok(h) => {
                    self.retry_at = None;
                    self.hub = Some(h);
                }
                Err(e) => {
                    self.retry_at = Some(Instant::now() + self.every);
                    return Err(Outcome::Unreachable(line(e)));
                }
            }
        }
        self.hub
            .as_mut()
            .ok_or_else(|| Outcome::Failed("no connection to the hub".into()))
    }

    /// What a failed call on the hub means for the round: a closed connection is the hub out of reach, anything
    /// else the hub said is a failed sync. Either way the next round opens a fresh connection.
    fn trouble(&mut self, why: String) -> Outcome {
        let gone = self.hub.as_ref().is_none_or(PgHub::is_closed);
        self.drop_hub();
        if gone {
            self.retry_at = Some(Instant::now() + self.every);
            Outcome::Unreachable(why)
        } else {
            Outcome::Failed(why)
        }
    }
}

impl Job {
    /// One turn against a PostgreSQL hub; true when the round is worth reporting. What it does follows from what
    /// woke it: news from the hub pulls, the agent's own writes push, a look (or the agent asking) looks and syncs
    /// what waits; presence goes both ways on each.
    pub(super) fn pg_turn(
        &mut self,
        url: &str,
        turn: &Turn,
        round: &mut SyncRound,
        started: &dyn Fn() -> bool,
        now: i64,
    ) -> Result<bool, String> {
        let Job {
            store: Some(db),
            pg,
            auto,
            actor,
            in_step_at,
            first,
            ..
        } = self
        else {
            return Ok(false);
        };
        if pg.listening.is_none() {
            pg.listening = Some(listen(pg.config(url), pg.wake.clone(), pg.every));
        }
        if let Some(why) = &turn.lost {
            pg.offline = Some(why.clone());
            pg.drop_hub();
        }
        if turn.connected {
            pg.offline = None;
            pg.retry_at = None;
            pg.published = None;
        }
        let mut local = false;
        if turn.local {
            let v = db.data_version().map_err(line)?;
            local = pg.data_version.is_some_and(|old| old != v);
            pg.data_version = Some(v);
        }
        // News of a position this replica has pulled already (its own push, taken back in the same sync) is none.
        let news = match turn.heard.position {
            Some(at) => {
                let (hub_id, _) = db
                    .sync_hub()
                    .map_err(line)?
                    .ok_or("this database is not a replica")?;
                let marks = db.marks_of(&hub_id).map_err(line)?;
                at > marks.change.max(marks.row)
            }
            None => false,
        };
        let pull = news || turn.connected;
        let push = local && *auto && to_send(db)? > 0;
        let mut sync = turn.asked || (*auto && pull) || push;
        let look = turn.look || turn.lost.is_some() || pull;
        let stale = pg.presence_at.is_none_or(|t| t.elapsed() >= PRESENCE_EVERY);
        let presence = turn.heard.presence || pull || local || turn.look || (turn.local && stale);
        if !sync && !look && !presence {
            return Ok(false);
        }
        let read_conflicts = std::mem::take(first);
        if read_conflicts {
            round.conflicts = Some(db.conflicts(actor.as_deref()).map_err(line)?);
        }
        if let (Some(why), false) = (&pg.offline, turn.asked) {
            // The listener tries again, with growing waits, and says when the hub is back.
            round.outcome = Outcome::Unreachable(why.clone());
            round.to_send = to_send(db)?;
            return Ok(look);
        }
        let hub = match pg.connection(url, turn.asked || turn.connected) {
            Ok(h) => h,
            Err(outcome) => {
                if let (true, Outcome::Unreachable(why) | Outcome::Failed(why)) =
                    (turn.asked, &outcome)
                    && let Some((hub_id, _)) = db.sync_hub().map_err(line)?
                {
                    // Tried for real when asked: the failure is recorded for `desk replica status`.
                    db.note_sync_failure(&hub_id, why, now).map_err(line)?;
                }
                round.outcome = outcome;
                round.to_send = to_send(db)?;
                return Ok(look || sync);
            }
        };
        let mut status = None;
        if !sync && look {
            match db.replica_status_pg(hub) {
                Ok(Some(s)) => {
                    let waiting =
                        count(s.to_send) > 0 || s.to_receive.is_some_and(|r| count(r) > 0);
                    sync = *auto && waiting;
                    if !waiting {
                        *in_step_at = Some(now);
                    } else if in_step_at.is_none() {
                        *in_step_at = s.synced_at;
                    }
                    status = Some(s);
                }
                Ok(None) => return Err("this database is not a replica".into()),
                Err(e) => {
                    round.outcome = pg.trouble(line(e));
                    round.to_send = to_send(db)?;
                    return Ok(true);
                }
            }
        }
        if sync {
            started();
            // Nothing to send: the hub's write lock is left to those who have something.
            let dir = if turn.asked || to_send(db)? > 0 {
                Direction::Both
            } else {
                Direction::PullOnly
            };
            match db.sync_with_pg_hub(hub, dir, now) {
                Ok(r) => {
                    round.outcome = synced(r);
                    *in_step_at = Some(now);
                    round.conflicts = Some(db.conflicts(actor.as_deref()).map_err(line)?);
                    status = db.replica_status_pg(hub).map_err(line)?;
                }
                Err(e) => {
                    round.outcome = pg.trouble(line(e));
                    round.to_send = to_send(db)?;
                    return Ok(true);
                }
            }
        }
        match status {
            Some(s) => {
                round.to_send = count(s.to_send);
                round.to_receive = s.to_receive.map(count);
            }
            None => round.to_send = to_send(db)?,
        }
        if presence && let Err(why) = share_presence(db, pg, now) {
            // Said by the next look if the hub is gone; presence alone is not worth a failed badge.
            tracing::warn!("presence through the hub: {why}");
            pg.trouble(why);
        }
        Ok(sync || look || turn.asked)
    }
}

/// Changes made here that the hub lacks (read from the replica alone).
fn to_send(db: &Store) -> Result<i64, String> {
    Ok(db
        .replica_status(None)
        .map_err(line)?
        .map_or(0, |s| count(s.to_send)))
}

/// What this agent is doing goes up when it changed (the others are woken only when who is on what changed: a
/// heartbeat only moves the expiry, which they read at their next exchange); what the others do comes down when it
/// changed.
fn share_presence(db: &mut Store, pg: &mut PgLink, now: i64) -> Result<(), String> {
    let Some(hub) = pg.hub.as_mut() else {
        return Ok(());
    };
    let me = db.replica().to_string();
    let mine = db.own_presence(now).map_err(line)?;
    let who = |rows: &[PresenceRow]| -> Vec<(String, String, String, i64)> {
        rows.iter()
            .map(|p| {
                (
                    p.agent.clone(),
                    p.ticket_id.clone(),
                    p.activity.clone(),
                    p.since,
                )
            })
            .collect()
    };
    let publish = pg.published.as_ref() != Some(&mine);
    let moved = pg.published.as_deref().map(who) != Some(who(&mine));
    let others = hub
        .exchange_presence(&me, &mine, publish, moved, now)
        .map_err(line)?;
    pg.published = Some(mine);
    pg.presence_at = Some(Instant::now());
    if pg.shown_others.as_ref() != Some(&others) {
        db.take_presence(&others).map_err(line)?;
        pg.shown_others = Some(others);
    }
    Ok(())
}

/// The listener thread, as the job holds it: dropping it stops the thread (within `LISTEN_SLICE`).
pub(super) struct Listening {
    stop: Arc<AtomicBool>,
}

impl Drop for Listening {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The listener: its own connection, LISTENing; every notice wakes the job (a burst once). When the hub cannot be
/// reached it says why (once per reason), tries again with growing waits, and says when it is back.
fn listen(cfg: HubConfig, wake: Sender<Wake>, check_every: Duration) -> Listening {
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    std::thread::spawn(move || {
        let mut wait = BACKOFF.0;
        let mut said: Option<String> = None;
        while !stopped.load(Ordering::Relaxed) {
            let why = match HubListener::listen(&cfg) {
                Ok(mut l) => {
                    wait = BACKOFF.0;
                    said = None;
                    // Whatever arrived while it was not listening.
                    if wake.send(Wake::Connected).is_err() {
                        return;
                    }
                    match hear(&mut l, &wake, &stopped, check_every) {
                        Some(why) => why,
                        None => return,
                    }
                }
                Err(e) => line(e),
            };
            tracing::info!("hub listener: {why}");
            if said.as_ref() != Some(&why) {
                if wake.send(Wake::Lost(why.clone())).is_err() {
                    return;
                }
                said = Some(why);
            }
            let until = Instant::now() + wait;
            while let Some(left) = until.checked_duration_since(Instant::now()) {
                if stopped.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(left.min(Duration::from_millis(100)));
            }
            wait = (wait * 2).min(BACKOFF.1);
        }
    });
    Listening { stop }
}

/// Passes the hub's news on until the connection is lost (why, in one line) or the job is gone (`None`).
fn hear(
    l: &mut HubListener,
    wake: &Sender<Wake>,
    stop: &AtomicBool,
    check_every: Duration,
) -> Option<String> {
    let mut quiet_since = Instant::now();
    loop {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        match l.wait(LISTEN_SLICE) {
            Ok(heard) if heard.any() => {
                quiet_since = Instant::now();
                if wake.send(Wake::Heard(heard)).is_err() {
                    return None;
                }
            }
            Ok(_) if quiet_since.elapsed() >= check_every => {
                if let Err(e) = l.check(CHECK_TIMEOUT) {
                    return Some(line(e));
                }
                quiet_since = Instant::now();
            }
            Ok(_) => {}
            Err(e) => return Some(line(e)),
        }
    }
}
