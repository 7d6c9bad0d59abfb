//! Agent queries.

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
