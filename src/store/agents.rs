//! Agents and groups.

use super::{Result, Store};
use crate::domain::text::SafeText;
use rusqlite::OptionalExtension;

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

impl Store {
    /// The name of what an id in the change log stands for (an agent, inactive ones too, a group, a customer, a
    /// product, another ticket's number): what history shows instead of the id.
    pub fn name_of(
        &self,
        show: crate::domain::ticket_fields::Show,
        id: &str,
    ) -> Result<Option<String>> {
        use crate::domain::ticket_fields::Show;
        let sql = match show {
            Show::Agent => "SELECT name FROM agents WHERE id = ?1",
            Show::Group => "SELECT name FROM groups WHERE id = ?1",
            Show::Customer => "SELECT name FROM customers WHERE id = ?1",
            Show::Product => "SELECT name FROM products WHERE id = ?1",
            Show::Ticket => "SELECT '#' || number FROM tickets WHERE id = ?1",
            Show::Text | Show::Label(_) | Show::Time => return Ok(None),
        };
        let name: Option<String> = self
            .conn
            .prepare_cached(sql)?
            .query_row([id], |r| r.get(0))
            .optional()?;
        Ok(name.map(|n| crate::domain::text::sanitize(&n)))
    }
}
