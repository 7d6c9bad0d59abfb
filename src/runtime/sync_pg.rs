//! The background sync of a replica whose hub is PostgreSQL: one connection kept between rounds, a listener that
//! wakes the job when the hub's log grows (NOTIFY), and presence exchanged through the hub every round.

use std::sync::mpsc::Sender;
use std::time::Duration;

use super::sync::{Job, count, line};
use crate::app::sync::{Outcome, SyncRound};
use crate::store::sync::Direction;
use crate::store::sync::pg::{HubConfig, HubListener, PgHub, PresenceRow};

/// How long the listener waits between checks that its connection still stands.
const LISTEN_SLICE: Duration = Duration::from_secs(30);
/// How often, between rounds, this agent's own presence is checked (a local read) and published when it changed.
pub(super) const PRESENCE_TICK: Duration = Duration::from_secs(1);
/// Reconnection waits double from the first to the last.
const BACKOFF: (Duration, Duration) = (Duration::from_secs(1), Duration::from_secs(30));

pub(super) struct PgLink {
    password_command: Option<String>,
    hub: Option<PgHub>,
    /// Where the job's wake-ups go; the listener thread gets a clone when it starts.
    wake: Sender<bool>,
    listening: bool,
    published: Option<Vec<PresenceRow>>,
    shown_others: Option<Vec<PresenceRow>>,
}

impl PgLink {
    pub(super) fn new(password_command: Option<String>, wake: Sender<bool>) -> PgLink {
        PgLink {
            password_command,
            hub: None,
            wake,
            listening: false,
            published: None,
            shown_others: None,
        }
    }

    fn config(&self, url: &str) -> HubConfig {
        HubConfig {
            url: url.to_string(),
            password_command: self.password_command.clone(),
        }
    }
}

impl Job {
    /// One round against a PostgreSQL hub: look (what waits each way), sync when asked or with `auto` when
    /// something waits, then exchange presence.
    pub(super) fn pg_round(
        &mut self,
        url: &str,
        round: &mut SyncRound,
        started: &dyn Fn() -> bool,
        now: i64,
    ) -> Result<(), String> {
        let cfg = self.pg.config(url);
        if !self.pg.listening {
            self.pg.listening = true;
            listen(cfg.clone(), self.pg.wake.clone());
        }
        let read_conflicts = std::mem::take(&mut self.first);
        let Some(db) = self.store.as_mut() else {
            return Ok(());
        };
        if self.pg.hub.is_none() {
            match PgHub::connect(&cfg) {
                Ok(h) => self.pg.hub = Some(h),
                Err(e) => {
                    round.outcome = Outcome::Unreachable(line(e));
                    let status = db.replica_status(None).map_err(line)?;
                    round.to_send = status.map_or(0, |s| count(s.to_send));
                    if read_conflicts {
                        round.conflicts = Some(db.conflicts(self.actor.as_deref()).map_err(line)?);
                    }
                    return Ok(());
                }
            }
        }
        let Some(hub) = self.pg.hub.as_mut() else {
            return Ok(());
        };
        let outcome = (|| -> Result<(), String> {
            let status = db
                .replica_status_pg(hub)
                .map_err(line)?
                .ok_or_else(|| "this database is not a replica".to_string())?;
            let (to_send, to_receive) = (count(status.to_send), status.to_receive.map_or(0, count));
            if self.in_step_at.is_none() {
                self.in_step_at = status.synced_at;
            }
            let waiting = to_send > 0 || to_receive > 0;
            if round.asked || (self.auto && waiting) {
                started();
                let r = db
                    .sync_with_pg_hub(hub, Direction::Both, now)
                    .map_err(line)?;
                round.outcome = Outcome::Synced {
                    sent: (r.sent.changes.max(r.sent.rows)) as i64,
                    received: (r.received.changes.max(r.received.rows)) as i64,
                    numbered: r.sent.numbered,
                };
                self.in_step_at = Some(now);
                let after = db.replica_status_pg(hub).map_err(line)?;
                round.to_send = after.as_ref().map_or(0, |s| count(s.to_send));
                round.to_receive = after.and_then(|s| s.to_receive).map(count);
                round.conflicts = Some(db.conflicts(self.actor.as_deref()).map_err(line)?);
            } else {
                if !waiting {
                    self.in_step_at = Some(now);
                }
                (round.to_send, round.to_receive) = (to_send, Some(to_receive));
                if read_conflicts {
                    round.conflicts = Some(db.conflicts(self.actor.as_deref()).map_err(line)?);
                }
            }
            exchange_presence(
                &mut self.pg.published,
                &mut self.pg.shown_others,
                db,
                hub,
                now,
                true,
            )
            .map_err(line)
        })();
        if let Err(why) = outcome {
            // A closed connection is the hub out of reach; anything else the hub said is a failed sync. Either
            // way the next round opens a fresh connection.
            let gone = self.pg.hub.as_ref().is_none_or(PgHub::is_closed);
            self.pg.hub = None;
            round.outcome = if gone {
                Outcome::Unreachable(why)
            } else {
                Outcome::Failed(why)
            };
        }
        Ok(())
    }
}

impl Job {
    /// Between rounds: publishes this agent's presence when it changed (a local read otherwise).
    pub(super) fn presence_tick(&mut self) {
        let (Some(db), Some(hub)) = (self.store.as_mut(), self.pg.hub.as_mut()) else {
            return;
        };
        let now = super::now();
        // A failure here is seen by the next round, which says it.
        let _ = exchange_presence(
            &mut self.pg.published,
            &mut self.pg.shown_others,
            db,
            hub,
            now,
            false,
        );
    }
}

/// Presence: what this agent is doing goes up when it changed; what the others do comes down (`always`), or only
/// with a change of ours.
fn exchange_presence(
    published: &mut Option<Vec<PresenceRow>>,
    shown_others: &mut Option<Vec<PresenceRow>>,
    db: &mut crate::store::Store,
    hub: &mut PgHub,
    now: i64,
    always: bool,
) -> crate::store::Result<()> {
    let me = db.replica().to_string();
    let mine = db.own_presence(now)?;
    // Who is on what, and since when: a heartbeat only moves the expiry, which the next round carries up quietly.
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
    let moved = published.as_deref().map(who) != Some(who(&mine));
    if !moved && !always {
        return Ok(());
    }
    let others = hub.exchange_presence(&me, &mine, true, moved, now)?;
    *published = Some(mine);
    if shown_others.as_ref() != Some(&others) {
        db.take_presence(&others)?;
        *shown_others = Some(others);
    }
    Ok(())
}

/// The listener: its own connection, LISTENing; every notice wakes the job (a burst once). When the hub cannot be
/// reached it tries again, waiting longer each time; it ends with the job.
fn listen(cfg: HubConfig, wake: Sender<bool>) {
    std::thread::spawn(move || {
        let mut wait = BACKOFF.0;
        loop {
            if let Ok(mut l) = HubListener::listen(&cfg) {
                wait = BACKOFF.0;
                // Whatever arrived while it was not listening.
                if wake.send(false).is_err() {
                    return;
                }
                loop {
                    match l.wait(LISTEN_SLICE) {
                        Ok(true) => {
                            if wake.send(false).is_err() {
                                return;
                            }
                        }
                        Ok(false) => {}
                        Err(_) => break,
                    }
                }
            }
            std::thread::sleep(wait);
            wait = (wait * 2).min(BACKOFF.1);
        }
    });
}
