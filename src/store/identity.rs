//! Which database a file is: an id made once when the database is created and carried by every backup of it,
//! so `desk restore` can tell a backup of this database from a file that belongs to another one. Replicas made
//! from it later keep the database id while each has its own `replica_id`.

use super::Result;
use rusqlite::{Connection, OptionalExtension};

/// The database's id: `meta.database_id`, or for files made before it existed the `replica_id` they were
/// created with (the same value a new file starts with). `None`: not a desk database yet.
pub fn database_id(conn: &Connection) -> Result<Option<String>> {
    let get = |key: &str| -> Result<Option<String>> {
        Ok(conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    };
    match get("database_id")? {
        Some(id) => Ok(Some(id)),
        None => get("replica_id"),
    }
}

/// What a person recognises a database by: its ticket count and its last change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: String,
    pub tickets: i64,
    /// Unix seconds of the newest change, if any.
    pub last_change: Option<i64>,
}

pub fn summary(conn: &Connection) -> Result<Option<Summary>> {
    let Some(id) = database_id(conn)? else {
        return Ok(None);
    };
    let tickets: i64 = conn.query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))?;
    // The newest by its primary key: no scan of a long change log.
    let last_change: Option<i64> = conn
        .query_row(
            "SELECT at FROM changes ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(Some(Summary {
        id,
        tickets,
        last_change,
    }))
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "database {}, {} tickets", self.id, self.tickets)?;
        if let Some(at) = self.last_change {
            let when = chrono::DateTime::from_timestamp(at, 0).map_or_else(
                || at.to_string(),
                |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
            );
            write!(f, ", last change {when}")?;
        }
        Ok(())
    }
}
