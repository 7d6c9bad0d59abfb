//! The PostgreSQL hub (issue 20): for a team past one shared file, the hub is a PostgreSQL database and every
//! agent works on a local replica. PostgreSQL holds the op log (entries in the order the hub took them, by a
//! position from one sequence), the compacted current state (one image per row, kept current as fields merge),
//! the replicas' marks, the ticket-number sequence and who is looking at what. There is no desk server: the desk
//! that syncs runs the hub's rules inside one PostgreSQL transaction per batch, serialised by an advisory lock so
//! positions become visible in order (a reader never sees position 11 before 10 commits).
//!
//! Row images are JSON objects: text as strings, integers as numbers, reals as `{"r": x}`, blobs as
//! `{"b": base64}` — readable with psql (`row->>'subject'`), and a blob costs a third more, not four times.

mod admin;
mod bootstrap;
mod connect;
mod live;
mod pull;
mod push;
mod schema;

use super::super::{Result, StoreError};
use super::{Applied, Batch, Cell, Hub, Marks, RowData};
use base64::Engine;
use serde_json::{Map, Value};

pub use admin::{HubReplica, HubStatus, Moved};
pub use bootstrap::create_from_hub;
pub use connect::{HubConfig, is_hub_url, shown_url};
pub use live::{Heard, HubListener, PresenceRow};

/// The advisory lock that serialises writes to the hub's log (an arbitrary constant: "desk" in ASCII).
const WRITE_LOCK: i64 = 0x6465_736b;

/// The channel every replica listens on; the payload is the newest op-log position.
pub const CHANNEL: &str = "desk_hub";

/// A connection to a PostgreSQL hub.
pub struct PgHub {
    client: postgres::Client,
    id: String,
    /// The URL without its password, for messages.
    shown: String,
}

impl PgHub {
    /// Connects to the hub at `url` (which `desk hub init` made).
    pub fn connect(cfg: &HubConfig) -> Result<PgHub> {
        let mut client = connect::client(cfg)?;
        let id = schema::hub_id(&mut client, &cfg.shown())?;
        Ok(PgHub {
            client,
            id,
            shown: cfg.shown(),
        })
    }

    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The connection is gone (the server went away or restarted): what failed was reaching the hub.
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }
}

impl Hub for PgHub {
    fn hub_id(&self) -> &str {
        &self.id
    }

    fn marks_for(&mut self, replica: &str) -> Result<Marks> {
        pull::marks_for(&mut self.client, &self.shown, replica)
    }

    fn pull(&mut self, replica: &str, since: Marks) -> Result<Batch> {
        pull::pull(self, replica, since)
    }

    fn push(&mut self, batch: &Batch, now: i64) -> Result<Applied> {
        push::push(self, batch, now)
    }
}

/// A PostgreSQL error as desk says it: the server's own message (which names the problem), and where.
pub(crate) fn pg_error(shown: &str, e: &postgres::Error) -> StoreError {
    let detail = match e.as_db_error() {
        Some(d) => d.message().to_string(),
        None => {
            // The client's own errors say "error performing TLS handshake"; the cause is in the chain.
            let mut text = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                text.push_str(": ");
                text.push_str(&s.to_string());
                source = s.source();
            }
            text
        }
    };
    if e.is_closed() || e.as_db_error().is_none() && e.to_string().contains("connect") {
        return StoreError::Refused(format!(
            "the hub {shown} cannot be reached ({detail}); your changes are kept here and go with the next sync"
        ));
    }
    StoreError::Refused(format!("the hub {shown} said: {detail}"))
}

/// A row image as the hub keeps it (see the module comment for the form).
pub(crate) fn row_to_json(row: &RowData) -> Value {
    let mut map = Map::new();
    for (k, v) in row {
        let value = match v {
            Cell::Null => Value::Null,
            Cell::Int(i) => Value::from(*i),
            Cell::Real(f) => serde_json::json!({ "r": f }),
            Cell::Text(s) => Value::String(s.clone()),
            Cell::Blob(b) => {
                serde_json::json!({ "b": base64::engine::general_purpose::STANDARD.encode(b) })
            }
        };
        map.insert(k.clone(), value);
    }
    Value::Object(map)
}

/// The row a hub image stands for; `None` when the image is not one desk wrote.
pub(crate) fn row_from_json(v: &Value) -> Option<RowData> {
    let Value::Object(map) = v else { return None };
    let mut row = RowData::new();
    for (k, v) in map {
        let cell = match v {
            Value::Null => Cell::Null,
            Value::Number(n) => Cell::Int(n.as_i64()?),
            Value::String(s) => Cell::Text(s.clone()),
            Value::Object(o) => match (o.get("r"), o.get("b")) {
                (Some(r), None) => Cell::Real(r.as_f64()?),
                (None, Some(Value::String(b))) => {
                    Cell::Blob(base64::engine::general_purpose::STANDARD.decode(b).ok()?)
                }
                _ => return None,
            },
            _ => return None,
        };
        row.insert(k.clone(), cell);
    }
    Some(row)
}

/// A field's new value written into a row image: the stored kind of the column is kept (a number stays a
/// number), as the receiving SQLite column's affinity would keep it.
pub(crate) fn cell_like(old: Option<&Cell>, new: Option<&str>) -> Cell {
    let Some(text) = new else { return Cell::Null };
    match old {
        Some(Cell::Int(_)) => text
            .parse::<i64>()
            .map_or_else(|_| Cell::Text(text.to_string()), Cell::Int),
        Some(Cell::Real(_)) => text
            .parse::<f64>()
            .map_or_else(|_| Cell::Text(text.to_string()), Cell::Real),
        _ => Cell::Text(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_images_round_trip_through_json() {
        let mut row = RowData::new();
        row.insert("a".into(), Cell::Null);
        row.insert("b".into(), Cell::Int(-3));
        row.insert("c".into(), Cell::Real(2.0));
        row.insert("d".into(), Cell::Text("工单 {\"r\":1}".into()));
        row.insert("e".into(), Cell::Blob(vec![0, 159, 255]));
        let json = row_to_json(&row);
        assert_eq!(json["b"], Value::from(-3));
        assert_eq!(json["e"]["b"], Value::from("AJ//"));
        let text = serde_json::to_string(&json).expect("json");
        let back: Value = serde_json::from_str(&text).expect("parse");
        assert_eq!(row_from_json(&back), Some(row));
        assert_eq!(row_from_json(&serde_json::json!({"x": [1]})), None);
    }

    #[test]
    fn a_merged_field_keeps_its_columns_kind() {
        assert_eq!(cell_like(Some(&Cell::Int(1)), Some("7")), Cell::Int(7));
        assert_eq!(
            cell_like(Some(&Cell::Real(1.0)), Some("2.5")),
            Cell::Real(2.5)
        );
        assert_eq!(
            cell_like(Some(&Cell::Null), Some("7")),
            Cell::Text("7".into())
        );
        assert_eq!(
            cell_like(Some(&Cell::Int(1)), Some("x")),
            Cell::Text("x".into())
        );
        assert_eq!(cell_like(Some(&Cell::Text("a".into())), None), Cell::Null);
    }
}
