//! Groups (部门 / 服务组) created, renamed and staffed by leads and admins (`desk group`). Their rows travel to other
//! replicas as rows (store::sync::tables); the change log says who did what, and the hub checks the author's role
//! on those entries (store::sync::decide).

use rusqlite::{OptionalExtension, params};

use super::changes::with_retry;
use super::{Result, Store, StoreError, new_id};
use crate::domain::group::check_name;
use crate::domain::handle;
use crate::domain::team::Act;
use crate::domain::text::SafeText;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GroupInfo {
    pub name: SafeText,
    /// Handles, in order.
    pub members: Vec<String>,
    pub assignment: crate::domain::dispatch::Strategy,
    pub archived_at: Option<i64>,
    pub created_at: i64,
}

impl Store {
    fn group_names(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM groups")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The id and stored name of the group called `name` (in any case), as `group=` finds it.
    pub(super) fn find_group(&self, name: &str) -> Result<(String, String)> {
        let wanted = name.split_whitespace().collect::<Vec<_>>().join(" ");
        self.conn
            .prepare_cached("SELECT id, name FROM groups WHERE name = ?1 COLLATE NOCASE")?
            .query_row(params![wanted], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: "group",
                id: crate::domain::text::sanitize(&wanted),
            })
    }

    /// Creates a group (leads and admins); returns its name as stored (trimmed).
    pub fn add_group(&mut self, name: &str, now: i64) -> Result<String> {
        self.require(Act::ManageGroups)?;
        let others = self.group_names()?;
        let name = check_name(name, others.iter().map(|(_, n)| n.as_str()))
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let id = new_id();
            tx.prepare_cached(
                "INSERT INTO groups(id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
            )?
            .execute(params![id, name, now])?;
            log.append(&tx, "group", &id, "created", None, Some(&name), now)?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(())
        })?;
        Ok(name)
    }

    /// Renames a group (leads and admins); tickets keep it, filters and `group=` find it by the new name. Returns
    /// the old and the new name as stored.
    pub fn rename_group(&mut self, name: &str, new: &str, now: i64) -> Result<(String, String)> {
        self.require(Act::ManageGroups)?;
        let (id, old) = self.find_group(name)?;
        let others = self.group_names()?;
        let new = check_name(
            new,
            others
                .iter()
                .filter(|(other, _)| *other != id)
                .map(|(_, n)| n.as_str()),
        )
        .map_err(|e| StoreError::Refused(e.to_string()))?;
        if new == old {
            return Ok((old, new));
        }
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            tx.prepare_cached(
                "UPDATE groups SET name = ?1, updated_at = ?2, version = version + 1 WHERE id = ?3",
            )?
            .execute(params![new, now, id])?;
            log.append(&tx, "group", &id, "name", Some(&old), Some(&new), now)?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(())
        })?;
        Ok((old, new))
    }

    /// Adds the agents `add` to a group and takes `remove` out of it (leads and admins); returns the members after,
    /// by handle. An agent who is already in (or already out) is left as is; an unknown or deactivated handle to
    /// add is refused before anything changes.
    pub fn staff_group(
        &mut self,
        name: &str,
        add: &[String],
        remove: &[String],
        now: i64,
    ) -> Result<Vec<String>> {
        if !add.is_empty() || !remove.is_empty() {
            self.require(Act::ManageGroups)?;
        }
        let (group, _) = self.find_group(name)?;
        let agent = |store: &Store, raw: &str, active_only: bool| -> Result<(String, String)> {
            let h = handle::normalize(raw);
            let row: Option<(String, i64)> = store
                .conn
                .prepare_cached("SELECT id, active FROM agents WHERE handle = ?1")?
                .query_row(params![h], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match row {
                Some((id, active)) if active != 0 || !active_only => Ok((id, h)),
                Some(_) => Err(StoreError::Refused(format!(
                    "{h} is deactivated; reactivate them with `desk agent set-role {h} agent` first"
                ))),
                None => Err(StoreError::NotFound {
                    entity: "agent",
                    id: crate::domain::text::sanitize(&h),
                }),
            }
        };
        let adding = add
            .iter()
            .map(|h| agent(self, h, true))
            .collect::<Result<Vec<_>>>()?;
        let removing = remove
            .iter()
            .map(|h| agent(self, h, false))
            .collect::<Result<Vec<_>>>()?;
        if !adding.is_empty() || !removing.is_empty() {
            let path = self.path.clone();
            with_retry(&path, || {
                let mut log = self.change_log();
                let tx = self.begin_write()?;
                relink(
                    &tx,
                    &mut log,
                    ("group", &group, "member"),
                    (
                        "INSERT OR IGNORE INTO agent_groups(agent_id, group_id) VALUES (?2, ?1)",
                        "DELETE FROM agent_groups WHERE agent_id = ?2 AND group_id = ?1",
                    ),
                    (&adding, &removing),
                    now,
                )?;
                tx.commit()?;
                self.hlc = log.hlc;
                Ok(())
            })?;
        }
        self.group_members(&group)
    }

    fn group_members(&self, group: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.handle FROM agent_groups ag JOIN agents a ON a.id = ag.agent_id
              WHERE ag.group_id = ?1 ORDER BY a.handle",
        )?;
        let rows = stmt.query_map(params![group], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every group with its members, by name.
    pub fn group_list(&self) -> Result<Vec<GroupInfo>> {
        type Row = (String, String, String, Option<i64>, i64);
        let groups: Vec<Row> = self
            .conn
            .prepare_cached(
                "SELECT id, name, assignment, archived_at, created_at FROM groups ORDER BY name",
            )?
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        groups
            .into_iter()
            .map(|(id, name, assignment, archived_at, created_at)| {
                Ok(GroupInfo {
                    name: SafeText::new(&name),
                    members: self.group_members(&id)?,
                    assignment: crate::domain::dispatch::Strategy::parse(&assignment)
                        .unwrap_or(crate::domain::dispatch::Strategy::Manual),
                    archived_at,
                    created_at,
                })
            })
            .collect()
    }
}

/// A link to add or remove and how the log shows it: (item, shown).
pub(super) type Link = (String, String);

/// Links added and removed in one transaction (a group's members, an agent's skills). `sql` is the insert and the
/// delete, each taking the owner as ?1 and the item as ?2; `changes` are (item, as the log shows it) pairs to add
/// and to remove. Each link really added or removed is one entry on (`entity`, owner, `field`).
pub(super) fn relink(
    tx: &rusqlite::Transaction<'_>,
    log: &mut super::changes::ChangeLog,
    (entity, owner, field): (&str, &str, &str),
    (insert, delete): (&str, &str),
    (add, remove): (&[Link], &[Link]),
    now: i64,
) -> Result<()> {
    for (item, shown) in add {
        if tx.prepare_cached(insert)?.execute(params![owner, item])? > 0 {
            log.append(tx, entity, owner, field, None, Some(shown), now)?;
        }
    }
    for (item, shown) in remove {
        if tx.prepare_cached(delete)?.execute(params![owner, item])? > 0 {
            log.append(tx, entity, owner, field, Some(shown), None, now)?;
        }
    }
    Ok(())
}
