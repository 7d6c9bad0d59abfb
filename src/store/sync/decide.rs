//! What the hub decides and what each side lists: role refusals, merged tickets kept merged, and the conflicts
//! (losing concurrent edits) an agent sees.

use super::super::{Result, StoreError};
use super::apply::Run;
use super::tables::Table;
use super::{LogEntry, RowImage};
use crate::domain::team::{self, Act};
use rusqlite::{OptionalExtension, Transaction, params};

impl Run<'_, '_> {
    /// A change the author's role did not allow: it stays in the log, and a newer entry here puts the field back,
    /// so every replica ends with the value the hub kept; the author sees why in the conflicts list.
    pub(super) fn refuse(
        &mut self,
        e: &LogEntry,
        table: &Table,
        column: &str,
        reason: String,
    ) -> Result<()> {
        let kept: Option<String> = self
            .tx
            .query_row(
                &format!(
                    "SELECT CAST({column} AS TEXT) FROM {} WHERE id = ?1",
                    table.name
                ),
                params![e.entity_id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let revert = self.log.append_id(
            self.tx,
            &e.entity,
            &e.entity_id,
            &e.field,
            e.new.as_deref(),
            kept.as_deref(),
            self.now,
        )?;
        self.applied.refused += 1;
        let reason = format!("refused by the hub: {reason}");
        self.decided(&e.entity, &e.entity_id, &e.id, &revert, &reason)
    }

    /// Something the hub decided against a change: listed here, and told to every replica by an entry, so the
    /// author sees why on their own replica.
    pub(super) fn decided(
        &mut self,
        entity: &str,
        entity_id: &str,
        loser: &str,
        winner: &str,
        reason: &str,
    ) -> Result<()> {
        let pair = format!("{loser} {winner}");
        self.log.append(
            self.tx,
            entity,
            entity_id,
            "conflict_found",
            Some(&pair),
            Some(reason),
            self.now,
        )?;
        self.conflict(loser, winner, Some(reason))
    }

    /// A `conflict_found` entry from the hub: the conflict it names, with its reason.
    pub(super) fn conflict_found(&mut self, e: &LogEntry) -> Result<()> {
        let Some((loser, winner)) = e.old.as_deref().and_then(|p| p.split_once(' ')) else {
            return Ok(());
        };
        self.conflict(loser, winner, e.new.as_deref())
    }

    /// Lists a conflict found here (derived: each side finds the ones it sees; the hub's reasons come as entries).
    pub(super) fn conflict(
        &mut self,
        loser: &str,
        winner: &str,
        reason: Option<&str>,
    ) -> Result<()> {
        let at: Option<i64> = self
            .tx
            .query_row(
                "SELECT at FROM changes WHERE id = ?1",
                params![winner],
                |r| r.get(0),
            )
            .optional()?;
        let Some(at) = at else { return Ok(()) };
        // A conflict settled on another replica before it was found here has its row already (see `settled`),
        // with the state kept and the winner still to fill in.
        let added = self.tx.execute(
            "INSERT INTO sync_conflicts(loser, winner, reason, found_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(loser) DO UPDATE SET winner = CASE WHEN excluded.reason IS NOT NULL OR winner = loser
                 THEN excluded.winner ELSE winner END, reason = coalesce(excluded.reason, reason)",
            params![loser, winner, reason, at],
        )?;
        if added > 0 {
            self.applied.conflicts += 1;
        }
        Ok(())
    }
}

impl Run<'_, '_> {
    /// On the hub, a ticket merged away stays merged (the documented rule): a change from a replica that had not
    /// seen the merge (a reply that reopened it) is put back by a newer entry and listed as a conflict, and
    /// messages that arrived for it move to the ticket it was merged into. Returns that ticket when any moved.
    pub(super) fn repair_merged(&mut self, id: &str) -> Result<Option<String>> {
        let row: Option<(i64, String, Option<String>)> = self
            .tx
            .query_row(
                "SELECT number, status, merged_into FROM tickets WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((number, status, Some(into))) = row else {
            return Ok(None);
        };
        let into_number: i64 = self.tx.query_row(
            "SELECT number FROM tickets WHERE id = ?1",
            params![into],
            |r| r.get(0),
        )?;
        if status != "merged" {
            let loser: Option<String> = self
                .tx
                .query_row(
                    "SELECT id FROM changes WHERE entity = 'ticket' AND entity_id = ?1 AND field = 'status'
                     ORDER BY hlc DESC, replica DESC LIMIT 1",
                    params![id],
                    |r| r.get(0),
                )
                .optional()?;
            let fix = self.log.append_id(
                self.tx,
                "ticket",
                id,
                "status",
                Some(&status),
                Some("merged"),
                self.now,
            )?;
            self.tx.execute(
                "UPDATE tickets SET status = 'merged', version = version + 1 WHERE id = ?1",
                params![id],
            )?;
            moot(self.tx, "ticket", id, "status", Some("merged"))?;
            if let Some(loser) = loser {
                let reason = format!(
                    "#{number} had been merged into #{into_number}; it stays merged (what was written to it is \
                     in #{into_number})"
                );
                self.decided("ticket", id, &loser, &fix, &reason)?;
            }
        }
        let survivor = survivor(self.tx, into)?;
        let moved: Vec<String> = self
            .tx
            .prepare_cached("UPDATE messages SET ticket_id = ?1 WHERE ticket_id = ?2 RETURNING id")?
            .query_map(params![survivor, id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if moved.is_empty() {
            return Ok(None);
        }
        // The entry also stamps the moved rows (sync_rows), so every replica moves them the same way.
        self.log.append(
            self.tx,
            "ticket",
            id,
            "moved_messages",
            None,
            Some(&moved.join(",")),
            self.now,
        )?;
        Ok(Some(survivor))
    }
}

/// Where the thread of a ticket merged into `into` lives now: the merge chain followed through tickets that were
/// merged themselves (two desks apart merging A into B and B into C), so a late reply lands in the same ticket
/// whatever order the merges reached the hub in. A loop (A into B, B into A) ends at the least id on it, the same
/// on every side.
fn survivor(tx: &Transaction<'_>, into: String) -> Result<String> {
    let mut chain = vec![into];
    loop {
        let at = chain.last().map(String::as_str).unwrap_or_default();
        let next: Option<String> = tx
            .query_row(
                "SELECT merged_into FROM tickets WHERE id = ?1",
                params![at],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        match next {
            None => return Ok(at.to_string()),
            Some(n) => match chain.iter().position(|c| *c == n) {
                Some(start) => {
                    return Ok(chain.iter().skip(start).min().cloned().unwrap_or(n));
                }
                None => chain.push(n),
            },
        }
    }
}

/// A received row that breaks a rule of this database (two groups or agents given one name while both sides were
/// offline): said with the row, the whole batch left untaken.
pub(super) fn clash(e: StoreError, r: &RowImage, from: &str) -> StoreError {
    match e {
        StoreError::Sqlite(s)
            if s.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
        {
            StoreError::Refused(format!(
                "a row of {} from replica {from} ({}) clashes with one here: {s}; rename one of the two (a group or \
                 agent given the same name on both sides) and sync again — nothing was taken",
                r.table,
                crate::domain::text::sanitize(&r.key)
            ))
        }
        other => other,
    }
}

/// A field is back at a value that lost earlier (a later change set it again): that loss is no longer one.
pub(super) fn moot(
    tx: &Transaction<'_>,
    entity: &str,
    id: &str,
    field: &str,
    value: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "DELETE FROM sync_conflicts WHERE state = 'open' AND loser IN (
             SELECT id FROM changes WHERE entity = ?1 AND entity_id = ?2 AND field = ?3 AND new IS ?4)",
    )?
    .execute(params![entity, id, field, value])?;
    Ok(())
}

/// An agent's accept or re-apply made on another replica.
pub(super) fn settled(tx: &Transaction<'_>, e: &LogEntry) -> Result<()> {
    if let (Some(loser), Some(state)) = (&e.old, &e.new) {
        // Not found here yet: a row that only holds the state (its winner is itself until found).
        tx.execute(
            "INSERT INTO sync_conflicts(loser, winner, found_at, state) VALUES (?1, ?1, ?3, ?2)
             ON CONFLICT(loser) DO UPDATE SET state = excluded.state",
            params![loser, state, e.at],
        )?;
    }
    Ok(())
}

/// What `e` needs its author's role to allow (the same rules a write here obeys); `me` is the author's agent id.
pub(super) fn act_needed(e: &LogEntry, me: Option<&str>) -> Option<Act> {
    match (e.entity.as_str(), e.field.as_str()) {
        // An agent switches their own availability; leads set anyone's, and dispatch settings.
        ("agent", "availability") => {
            (me != Some(e.entity_id.as_str())).then_some(Act::ManageGroups)
        }
        ("agent", "capacity" | "calendar" | "skill") => Some(Act::ManageGroups),
        ("agent", _) => Some(Act::ManageAgents),
        ("group", _) => Some(Act::ManageGroups),
        ("article", "status") if e.new.as_deref() == Some("published") => Some(Act::PublishArticle),
        ("ticket", "assignee_id") => {
            team::reassigns_others(e.old.as_deref(), e.new.as_deref(), me.unwrap_or_default())
                .then_some(Act::ReassignOthers)
        }
        _ => None,
    }
}

/// Why the hub refuses `e`, when its author's role did not allow it (the same rules a write here obeys).
pub(super) fn refusal(tx: &Transaction<'_>, e: &LogEntry) -> Result<Option<String>> {
    let me: Option<String> = match &e.actor {
        Some(a)
            if (e.entity == "ticket" && e.field == "assignee_id")
                || (e.entity == "agent" && e.field == "availability") =>
        {
            tx.query_row("SELECT id FROM agents WHERE handle = ?1", params![a], |r| {
                r.get(0)
            })
            .optional()?
        }
        _ => None,
    };
    let Some(act) = act_needed(e, me.as_deref()) else {
        return Ok(None);
    };
    match super::super::roles::require_on(tx, e.actor.as_deref(), act) {
        Ok(()) => Ok(None),
        Err(StoreError::Denied(d)) => Ok(Some(d.to_string())),
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::act_needed;
    use crate::domain::team::Act;
    use crate::store::sync::LogEntry;

    fn entry(entity: &str, field: &str) -> LogEntry {
        LogEntry {
            id: "e".into(),
            hlc: "h".into(),
            replica: "r".into(),
            actor: Some("li".into()),
            entity: entity.into(),
            entity_id: "x".into(),
            field: field.into(),
            old: None,
            new: Some("售后".into()),
            at: 0,
            action: None,
        }
    }

    /// The hub holds a replica's offline writes to the roles a write here needs: groups to leads and admins.
    #[test]
    fn group_changes_need_the_right_to_manage_groups() {
        for field in ["created", "name", "member"] {
            assert_eq!(
                act_needed(&entry("group", field), None),
                Some(Act::ManageGroups)
            );
        }
        assert_eq!(
            act_needed(&entry("agent", "registered"), None),
            Some(Act::ManageAgents)
        );
        assert_eq!(act_needed(&entry("ticket", "status"), None), None);
    }
}
