//! Agents and groups.

use super::{Result, Store};
use crate::domain::text::SafeText;
use rusqlite::OptionalExtension;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AgentRow {
    pub id: String,
    pub handle: String,
    pub name: SafeText,
    /// Whether automatic assignment may give them tickets (`domain::dispatch`).
    pub availability: crate::domain::dispatch::Availability,
}

impl Store {
    /// Active agents by name; a team has tens of agents, so this is one small query.
    pub fn agents(&self) -> Result<Vec<AgentRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, handle, name, availability FROM agents WHERE active = 1 ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AgentRow {
                id: r.get(0)?,
                handle: r.get(1)?,
                name: SafeText::new(&r.get::<_, String>(2)?),
                availability: crate::domain::dispatch::Availability::parse(&r.get::<_, String>(3)?)
                    .unwrap_or(crate::domain::dispatch::Availability::OnDuty),
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

impl Store {
    /// Checks that every agent and group filter `text` (the view language) names exists, so a typo is an error
    /// pointing at it rather than an empty list: `column 10: no agent `nosuch` (agents: li, wang)`. The outer error
    /// is the database's; the inner one is the filter's, a parse error included.
    pub fn check_filter_names(
        &self,
        text: &str,
    ) -> Result<std::result::Result<(), crate::domain::query::ParseError>> {
        use crate::domain::query::{NameKind, Named, ParseError, Problem, names};
        let named = match names(text) {
            Ok(n) => n,
            Err(e) => return Ok(Err(e)),
        };
        // The filter compares handles and group names exactly (store::ticket_filter); so does this.
        for (column, name) in named {
            let (sql, list, kind, value) = match &name {
                Named::Agent(h) => (
                    "SELECT 1 FROM agents WHERE handle = ?1",
                    "SELECT handle FROM agents ORDER BY active DESC, handle",
                    NameKind::Agent,
                    h,
                ),
                Named::Group(g) => (
                    "SELECT 1 FROM groups WHERE name = ?1",
                    "SELECT name FROM groups ORDER BY name",
                    NameKind::Group,
                    g,
                ),
            };
            let found: Option<i64> = self
                .conn
                .prepare_cached(sql)?
                .query_row([value], |r| r.get(0))
                .optional()?;
            if found.is_some() {
                continue;
            }
            let known: Vec<String> = self
                .conn
                .prepare_cached(list)?
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut shown: Vec<String> = known
                .iter()
                .take(12)
                .map(|k| SafeText::new(k).to_string())
                .collect();
            if known.len() > shown.len() {
                shown.push("…".into());
            }
            let problem = Problem::NoSuch {
                kind,
                value: SafeText::new(value).to_string(),
                known: shown,
            };
            return Ok(Err(ParseError::at(column, problem)));
        }
        Ok(Ok(()))
    }
}
