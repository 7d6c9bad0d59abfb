//! Agents and groups.

use super::{Result, Store};
use crate::domain::text::SafeText;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AgentRow {
    pub id: String,
    pub handle: String,
    pub name: SafeText,
}

impl Store {
    /// Active agents by name; a team has tens of agents, so this is one small query.
    pub fn agents(&self) -> Result<Vec<AgentRow>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, handle, name FROM agents WHERE active = 1 ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(AgentRow {
                id: r.get(0)?,
                handle: r.get(1)?,
                name: SafeText::new(&r.get::<_, String>(2)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GroupRow {
    pub id: String,
    pub name: SafeText,
}

impl Store {
    /// The groups tickets can be routed to, by name.
    pub fn groups(&self) -> Result<Vec<GroupRow>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name FROM groups ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(GroupRow {
                id: r.get(0)?,
                name: SafeText::new(&r.get::<_, String>(1)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
