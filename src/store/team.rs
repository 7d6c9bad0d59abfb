//! Live team state (issue 8): presence (who is viewing or replying on a ticket) and the change-log feed that live
//! refresh and conflict messages read.

use rusqlite::{OptionalExtension, params};

use super::changes::with_retry;
use super::{Result, Store};
use crate::domain::team::{Activity, ChangeNote, Presence, presence_ttl};
use crate::domain::text::sanitize;

/// A change another connection made, as live refresh needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveChange {
    pub seq: i64,
    pub actor: Option<String>,
    pub entity: String,
    pub entity_id: String,
    /// The ticket's number when the change is to a ticket.
    pub ticket: Option<i64>,
    pub field: String,
}

/// Changes after a sequence number, at most `limit`; `last` is where the next read starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChangeFeed {
    pub changes: Vec<LiveChange>,
    pub last: i64,
    /// More changes than `limit` arrived: reload everything rather than patch.
    pub truncated: bool,
}

impl Store {
    /// The newest change-log sequence number (0 for an empty log).
    pub fn last_change_seq(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
                r.get(0)
            })?)
    }

    /// Changes after `seq`, oldest first (a rowid range: cheap however long the log is).
    pub fn changes_since(&self, seq: i64, limit: usize) -> Result<ChangeFeed> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.seq, c.actor, c.entity, c.entity_id, c.field,
                    CASE WHEN c.entity = 'ticket' THEN (SELECT number FROM tickets WHERE id = c.entity_id) END
               FROM changes c WHERE c.seq > ?1 ORDER BY c.seq LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![seq, limit as i64 + 1], |r| {
            Ok(LiveChange {
                seq: r.get(0)?,
                actor: r.get(1)?,
                entity: r.get(2)?,
                entity_id: r.get(3)?,
                field: r.get(4)?,
                ticket: r.get(5)?,
            })
        })?;
        let mut changes: Vec<LiveChange> = rows.collect::<rusqlite::Result<_>>()?;
        let truncated = changes.len() > limit;
        changes.truncate(limit);
        let last = changes.last().map_or(seq, |c| c.seq);
        Ok(ChangeFeed {
            changes,
            last,
            truncated,
        })
    }

    /// What others changed on ticket `number` after change `seq`, named by agent name, oldest first — the
    /// explanation of a conflict. This connection's own recent writes are left out: the agent made them.
    pub fn ticket_changes_since(&self, number: i64, seq: i64) -> Result<Vec<ChangeNote>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(a.name, c.actor, 'a script'), c.at, c.field, c.old, c.new, c.action
               FROM tickets t JOIN changes c ON c.entity = 'ticket' AND c.entity_id = t.id AND c.seq > ?2
               LEFT JOIN agents a ON a.handle = c.actor
              WHERE t.number = ?1 ORDER BY c.seq LIMIT 50",
        )?;
        let rows = stmt.query_map(params![number, seq], |r| {
            let note = ChangeNote {
                who: sanitize(&r.get::<_, String>(0)?),
                at: r.get(1)?,
                field: r.get(2)?,
                old: r.get::<_, Option<String>>(3)?.map(|s| sanitize(&s)),
                new: r.get::<_, Option<String>>(4)?.map(|s| sanitize(&s)),
            };
            Ok((note, r.get::<_, Option<String>>(5)?))
        })?;
        let mut notes = Vec::new();
        for row in rows {
            let (note, action) = row?;
            if !action.is_some_and(|a| self.own_actions.contains(&a)) {
                notes.push(note);
            }
        }
        Ok(notes)
    }

    /// The latest change-log entry of ticket `number`: what an edit's base is measured from.
    pub fn ticket_change_seq(&self, number: i64) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT coalesce(max(c.seq), 0) FROM tickets t
                   JOIN changes c ON c.entity = 'ticket' AND c.entity_id = t.id
                  WHERE t.number = ?1",
            )?
            .query_row(params![number], |r| r.get(0))
            .optional()?
            .unwrap_or(0))
    }

    /// Marks the actor as viewing or replying on ticket `number` (a heartbeat), or clears it with `None`.
    /// Without an actor nothing is recorded: presence is only for people.
    pub fn set_presence(
        &mut self,
        number: i64,
        activity: Option<Activity>,
        now: i64,
    ) -> Result<()> {
        let Some(actor) = self.actor.clone() else {
            return Ok(());
        };
        let path = self.path.clone();
        with_retry(&path, || {
            let tx = self.begin_write()?;
            // One ticket at a time: opening another ticket ends presence on the last one.
            tx.execute(
                "DELETE FROM presence WHERE agent = ?1 AND (expires_at <= ?2 OR ticket_id <>
                    coalesce((SELECT id FROM tickets WHERE number = ?3), ''))",
                params![actor, now, number],
            )?;
            match activity {
                Some(a) => {
                    tx.execute(
                        "INSERT INTO presence(agent, ticket_id, activity, since, heartbeat, expires_at)
                         SELECT ?1, id, ?2, ?3, ?3, ?4 FROM tickets WHERE number = ?5
                         ON CONFLICT(agent, ticket_id) DO UPDATE SET
                             since = CASE WHEN activity = excluded.activity THEN since ELSE excluded.since END,
                             activity = excluded.activity, heartbeat = excluded.heartbeat,
                             expires_at = excluded.expires_at",
                        params![actor, a.as_str(), now, now + presence_ttl(a), number],
                    )?;
                }
                None => {
                    tx.execute("DELETE FROM presence WHERE agent = ?1", params![actor])?;
                }
            }
            tx.commit()?;
            Ok(())
        })
    }

    /// Other agents on ticket `number` whose presence has not expired, replying first.
    pub fn presence_on(&self, number: i64, now: i64) -> Result<Vec<Presence>> {
        let me = self.actor.clone().unwrap_or_default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.agent, coalesce(a.name, p.agent), p.activity, p.since
               FROM tickets t JOIN presence p ON p.ticket_id = t.id AND p.expires_at > ?2
               LEFT JOIN agents a ON a.handle = p.agent
              WHERE t.number = ?1 AND p.agent <> ?3
              ORDER BY p.activity, p.since",
        )?;
        let rows = stmt.query_map(params![number, now, me], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (handle, name, activity, since) = row?;
            if let Some(activity) = Activity::parse(&activity) {
                out.push(Presence {
                    handle,
                    name: sanitize(&name),
                    activity,
                    since,
                });
            }
        }
        Ok(out)
    }
}

/// A message that arrived on a ticket after some point, from someone other than the actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub who: String,
    pub customer: bool,
    pub at: i64,
    pub body: String,
}

impl Store {
    /// Customer messages and other agents' public replies on ticket `number` logged after change `seq` — what a
    /// reply written meanwhile may no longer fit.
    pub fn messages_since(&self, number: i64, seq: i64) -> Result<Vec<NewMessage>> {
        let me = self.actor.clone().unwrap_or_default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(a.name, cu.name, c.actor, 'someone'), m.author_kind, m.created_at, m.body
               FROM tickets t
               JOIN changes c ON c.entity = 'ticket' AND c.entity_id = t.id AND c.seq > ?2
                             AND c.field IN ('reply', 'customer_message')
               JOIN messages m ON m.id = c.new
               LEFT JOIN agents a ON a.id = m.author_id AND m.author_kind = 'agent'
               LEFT JOIN customers cu ON cu.id = m.author_id AND m.author_kind = 'customer'
              WHERE t.number = ?1 AND (m.author_kind = 'customer' OR coalesce(c.actor, '') <> ?3)
              ORDER BY c.seq LIMIT 20",
        )?;
        let rows = stmt.query_map(params![number, seq, me], |r| {
            Ok(NewMessage {
                who: sanitize(&r.get::<_, String>(0)?),
                customer: r.get::<_, String>(1)? == "customer",
                at: r.get(2)?,
                body: sanitize(&r.get::<_, String>(3)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
