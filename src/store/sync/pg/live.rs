//! Live across the team: a connection that waits for the hub's NOTIFY (every batch the hub takes ends with one),
//! and presence ("李娜 Li Na is replying") shared through the hub.

use super::super::super::{Result, Store, StoreError};
use super::{CHANNEL, HubConfig, PgHub, connect, pg_error};
use postgres::fallible_iterator::FallibleIterator;
use rusqlite::params;
use std::time::Duration;

/// The payload of the hub's notice that presence changed (a batch's notice is its position).
const PRESENCE: &str = "presence";

/// A connection that only listens for the hub's log growing.
pub struct HubListener {
    client: postgres::Client,
    shown: String,
}

impl HubListener {
    pub fn listen(cfg: &HubConfig) -> Result<HubListener> {
        let shown = cfg.shown();
        let mut client = connect::client(cfg)?;
        // CHANNEL is a constant identifier, not input.
        client
            .batch_execute(&format!("LISTEN {CHANNEL}"))
            .map_err(|e| pg_error(&shown, &e))?;
        Ok(HubListener { client, shown })
    }

    /// Waits up to `timeout` for the hub's news, and takes everything already queued with it (a burst is one
    /// piece of news). Nothing heard is a quiet hub; an error means the connection is gone.
    pub fn wait(&mut self, timeout: Duration) -> Result<Heard> {
        let shown = self.shown.clone();
        let mut heard = Heard::default();
        let mut notes = self.client.notifications();
        let first = notes
            .timeout_iter(timeout)
            .next()
            .map_err(|e| pg_error(&shown, &e))?;
        if let Some(n) = first {
            heard.note(n.payload());
            let mut rest = notes.iter();
            while let Some(n) = rest.next().map_err(|e| pg_error(&shown, &e))? {
                heard.note(n.payload());
            }
        }
        drop(notes);
        if self.client.is_closed() {
            return Err(gone(&shown, "the connection closed"));
        }
        Ok(heard)
    }

    /// Asks the server whether the connection still stands: a network that went away can leave it looking open
    /// (no notification ever comes, and nothing says why).
    pub fn check(&mut self, timeout: Duration) -> Result<()> {
        let shown = self.shown.clone();
        match self.client.is_valid(timeout) {
            Ok(()) if !self.client.is_closed() => Ok(()),
            Ok(()) => Err(gone(&shown, "the connection closed")),
            Err(e) => Err(gone(&shown, &e.to_string())),
        }
    }
}

fn gone(shown: &str, why: &str) -> StoreError {
    StoreError::Refused(format!(
        "the hub {shown} cannot be reached ({why}); your changes are kept here and go with the next sync"
    ))
}

/// What the hub said while a listener waited (several notices fold into one).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Heard {
    /// The hub took a batch, up to this position: a replica that has pulled that far (its own push, taken back in
    /// the same sync) has nothing new.
    pub position: Option<i64>,
    /// A replica's presence changed.
    pub presence: bool,
}

impl Heard {
    pub fn any(self) -> bool {
        self.position.is_some() || self.presence
    }

    /// Both pieces of news in one.
    pub fn and(self, other: Heard) -> Heard {
        Heard {
            position: self.position.max(other.position),
            presence: self.presence || other.presence,
        }
    }

    fn note(&mut self, payload: &str) {
        if payload == PRESENCE {
            self.presence = true;
        } else {
            // Not a position (a NOTIFY sent by hand): still news, as far as it may go.
            let at = payload.parse().unwrap_or(i64::MAX);
            self.position = self.position.max(Some(at));
        }
    }
}

/// One agent on one ticket, as presence travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresenceRow {
    pub agent: String,
    pub ticket_id: String,
    pub activity: String,
    pub since: i64,
    pub expires_at: i64,
}

impl PgHub {
    /// With `publish`, replaces this replica's presence at the hub with `mine`, and with `notify` wakes the other
    /// replicas so their screens show it at once (who is on what changed, not only a heartbeat); returns every
    /// other replica's presence that has not expired.
    pub fn exchange_presence(
        &mut self,
        replica: &str,
        mine: &[PresenceRow],
        publish: bool,
        notify: bool,
        now: i64,
    ) -> Result<Vec<PresenceRow>> {
        let shown = self.shown.clone();
        let err = |e: postgres::Error| pg_error(&shown, &e);
        let mut tx = self.client.transaction().map_err(err)?;
        if publish {
            tx.execute(
                "DELETE FROM desk_presence WHERE replica = $1 OR expires_at <= $2",
                &[&replica, &now],
            )
            .map_err(err)?;
            for p in mine {
                tx.execute(
                    "INSERT INTO desk_presence(handle, ticket_id, activity, replica, since, expires_at)
                     VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (handle, ticket_id) DO UPDATE SET activity = excluded.activity,
                         replica = excluded.replica, since = excluded.since, expires_at = excluded.expires_at",
                    &[&p.agent, &p.ticket_id, &p.activity, &replica, &p.since, &p.expires_at],
                )
                .map_err(err)?;
            }
        }
        if notify {
            tx.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &PRESENCE])
                .map_err(err)?;
        }
        let others = tx
            .query(
                "SELECT handle, ticket_id, activity, since, expires_at FROM desk_presence
                 WHERE replica <> $1 AND expires_at > $2 ORDER BY handle, ticket_id",
                &[&replica, &now],
            )
            .map_err(err)?
            .iter()
            .map(|r| PresenceRow {
                agent: r.get(0),
                ticket_id: r.get(1),
                activity: r.get(2),
                since: r.get(3),
                expires_at: r.get(4),
            })
            .collect();
        tx.commit().map_err(err)?;
        Ok(others)
    }
}

impl Store {
    /// This desk's own agent's presence rows that have not expired (what a replica publishes).
    pub fn own_presence(&self, now: i64) -> Result<Vec<PresenceRow>> {
        let Some(me) = self.actor.clone() else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT agent, ticket_id, activity, since, expires_at FROM presence WHERE agent = ?1 AND expires_at > ?2",
        )?;
        let rows = stmt.query_map(params![me, now], |r| {
            Ok(PresenceRow {
                agent: r.get(0)?,
                ticket_id: r.get(1)?,
                activity: r.get(2)?,
                since: r.get(3)?,
                expires_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces what this replica shows of other agents' presence with `others` (tickets not here yet are left
    /// out; they come with the next sync).
    pub fn take_presence(&mut self, others: &[PresenceRow]) -> Result<()> {
        let me = self.actor.clone().unwrap_or_default();
        let tx = self.begin_write()?;
        tx.execute("DELETE FROM presence WHERE agent <> ?1", params![me])?;
        for p in others.iter().filter(|p| p.agent != me) {
            tx.prepare_cached(
                "INSERT OR REPLACE INTO presence(agent, ticket_id, activity, since, heartbeat, expires_at)
                 SELECT ?1, id, ?3, ?4, ?4, ?5 FROM tickets WHERE id = ?2 AND ?3 IN ('viewing', 'replying')",
            )?
            .execute(params![p.agent, p.ticket_id, p.activity, p.since, p.expires_at])?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_fold_into_one_piece_of_news() {
        let mut h = Heard::default();
        assert!(!h.any());
        h.note("42");
        h.note("17");
        assert_eq!(h.position, Some(42));
        assert!(!h.presence);
        h.note(PRESENCE);
        assert!(h.presence && h.any());
        let mut odd = Heard::default();
        odd.note("by hand");
        assert_eq!(odd.position, Some(i64::MAX));
        let both = Heard {
            position: None,
            presence: true,
        }
        .and(Heard {
            position: Some(7),
            presence: false,
        });
        assert_eq!(
            both,
            Heard {
                position: Some(7),
                presence: true
            }
        );
    }
}
