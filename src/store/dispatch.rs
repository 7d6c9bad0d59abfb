//! Dispatch settings (issue 22): each group's assignment strategy and archive state, each agent's capacity,
//! availability, working hours and skills. Leads and admins set them; an agent switches their own availability.
//! Agents' fields travel as fields (the change log), skills and groups as rows (store::sync::tables).

use rusqlite::{OptionalExtension, params};

use super::changes::{Mutable, Value, with_retry};
use super::{Result, Store, StoreError};
use crate::domain::dispatch::{Availability, Strategy, normalize_skill};
use crate::domain::handle;
use crate::domain::team::Act;

/// An agent as dispatch sees them (`desk agent list`, the TUI's status line).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AgentDispatch {
    pub handle: String,
    pub availability: Availability,
    pub capacity: Option<u32>,
    pub calendar: Option<String>,
    pub skills: Vec<String>,
    /// Open tickets assigned to them now.
    pub open: u32,
}

impl Store {
    /// The id and version of the agent with `handle` (normalised).
    fn agent_row(&self, raw: &str) -> Result<(String, String, i64)> {
        let h = handle::normalize(raw);
        self.conn
            .prepare_cached("SELECT id, version FROM agents WHERE handle = ?1")?
            .query_row(params![h], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .map(|(id, v)| (id, h.clone(), v))
            .ok_or(StoreError::NotFound {
                entity: "agent",
                id: crate::domain::text::sanitize(&h),
            })
    }

    /// Sets how a group hands out its tickets (leads and admins).
    pub fn set_group_assignment(&mut self, name: &str, strategy: Strategy, now: i64) -> Result<()> {
        self.set_group_column(name, "assignment", Value::from(strategy.as_str()), now)
    }

    /// Archives a group, or brings it back (leads and admins). An archived group keeps its tickets and history;
    /// routing rules and `group=` no longer send tickets to it.
    pub fn archive_group(&mut self, name: &str, archive: bool, now: i64) -> Result<()> {
        let v = if archive {
            Value::Int(now)
        } else {
            Value::Null
        };
        self.set_group_column(name, "archived_at", v, now)
    }

    fn set_group_column(
        &mut self,
        name: &str,
        column: &'static str,
        v: Value,
        now: i64,
    ) -> Result<()> {
        self.require(Act::ManageGroups)?;
        let (id, _) = self.find_group(name)?;
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let old: rusqlite::types::Value = tx
                .prepare_cached(&format!("SELECT {column} FROM groups WHERE id = ?1"))?
                .query_row(params![id], |r| r.get(0))?;
            let old = match old {
                rusqlite::types::Value::Integer(i) => Value::Int(i),
                rusqlite::types::Value::Text(t) => Value::Text(t),
                _ => Value::Null,
            };
            if old != v {
                tx.prepare_cached(&format!(
                    "UPDATE groups SET {column} = ?1, updated_at = ?2, version = version + 1 WHERE id = ?3"
                ))?
                .execute(params![v, now, id])?;
                let text = |v: &Value| match v {
                    Value::Text(s) => Some(s.clone()),
                    Value::Int(i) => Some(i.to_string()),
                    Value::Null => None,
                };
                log.append(
                    &tx,
                    "group",
                    &id,
                    column,
                    text(&old).as_deref(),
                    text(&v).as_deref(),
                    now,
                )?;
            }
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(())
        })
    }

    /// Sets an agent's capacity (most open tickets; `None` for no limit) — leads and admins.
    pub fn set_agent_capacity(&mut self, raw: &str, capacity: Option<u32>, now: i64) -> Result<()> {
        self.require(Act::ManageGroups)?;
        let (id, _, version) = self.agent_row(raw)?;
        let v = capacity.map_or(Value::Null, |c| Value::Int(i64::from(c)));
        self.update(Mutable::Agent, &id, version, &[("capacity", v)], now)?;
        Ok(())
    }

    /// Sets the SLA calendar whose hours are an agent's shift (`None`: always on shift) — leads and admins.
    pub fn set_agent_calendar(
        &mut self,
        raw: &str,
        calendar: Option<&str>,
        now: i64,
    ) -> Result<()> {
        self.require(Act::ManageGroups)?;
        if let Some(c) = calendar
            && !self.rules.sla.calendars.iter().any(|k| k.name == c)
        {
            let known: Vec<&str> = self
                .rules
                .sla
                .calendars
                .iter()
                .map(|k| k.name.as_str())
                .collect();
            return Err(StoreError::Refused(format!(
                "no calendar `{}` in [sla]; calendars: {}",
                crate::domain::text::sanitize(c),
                known.join(", ")
            )));
        }
        let (id, _, version) = self.agent_row(raw)?;
        let v = Value::from(calendar);
        self.update(Mutable::Agent, &id, version, &[("calendar", v)], now)?;
        Ok(())
    }

    /// Switches an agent's availability: their own (`handle` None or theirs), or anyone's for leads and admins.
    /// Returns the handle.
    pub fn set_availability(
        &mut self,
        raw: Option<&str>,
        a: Availability,
        now: i64,
    ) -> Result<String> {
        let me = self.actor.clone();
        let raw = match (raw, me.as_deref()) {
            (Some(h), _) => h.to_string(),
            (None, Some(me)) => me.to_string(),
            (None, None) => {
                return Err(StoreError::Refused(
                    "whose availability? give a handle (no agent is signed in)".into(),
                ));
            }
        };
        let (id, h, version) = self.agent_row(&raw)?;
        if me.as_deref().map(handle::normalize).as_deref() != Some(h.as_str()) {
            self.require(Act::ManageGroups)?;
        }
        self.update(
            Mutable::Agent,
            &id,
            version,
            &[("availability", Value::from(a.as_str()))],
            now,
        )?;
        if a != Availability::OnDuty && self.rules.dispatch.reassign_on_away {
            let why = a.label();
            let agent = (id.as_str(), h.as_str());
            self.write(|tx, log, rules| {
                super::routing::hand_back(tx, log, rules, agent, why, now)
            })?;
        }
        Ok(h)
    }

    /// Adds and removes an agent's skills (`key:value`; leads and admins); returns their skills after.
    pub fn set_agent_skills(
        &mut self,
        raw: &str,
        add: &[String],
        remove: &[String],
        now: i64,
    ) -> Result<Vec<String>> {
        self.require(Act::ManageGroups)?;
        let (id, _, _) = self.agent_row(raw)?;
        let norm = |list: &[String]| -> Result<Vec<String>> {
            list.iter()
                .map(|s| {
                    normalize_skill(s).ok_or_else(|| {
                        StoreError::Refused(format!(
                            "`{}` is not a skill: write key:value with key one of kind, product, category, city, \
                             region, lang (e.g. city:上海, lang:en)",
                            crate::domain::text::sanitize(s)
                        ))
                    })
                })
                .collect()
        };
        // Each skill is its own log text.
        let pairs = |v: Vec<String>| v.into_iter().map(|s| (s.clone(), s)).collect::<Vec<_>>();
        let (add, remove) = (pairs(norm(add)?), pairs(norm(remove)?));
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            super::groups::relink(
                &tx,
                &mut log,
                ("agent", &id, "skill"),
                (
                    "INSERT OR IGNORE INTO agent_skills(agent_id, skill) VALUES (?1, ?2)",
                    "DELETE FROM agent_skills WHERE agent_id = ?1 AND skill = ?2",
                ),
                (&add, &remove),
                now,
            )?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(())
        })?;
        Ok(super::routing::skills(&self.conn, &id)?)
    }

    /// Every active agent's dispatch state, by handle.
    pub fn agent_dispatch(&self) -> Result<Vec<AgentDispatch>> {
        let loads = super::routing::open_loads(&self.conn)?;
        super::routing::agent_rows(&self.conn, None)?
            .into_iter()
            .map(|a| {
                Ok(AgentDispatch {
                    skills: super::routing::skills(&self.conn, &a.id)?,
                    open: loads.get(&a.id).copied().unwrap_or(0),
                    availability: a.availability,
                    capacity: a.capacity,
                    calendar: a.calendar,
                    handle: a.handle,
                })
            })
            .collect()
    }
}
