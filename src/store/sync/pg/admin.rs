//! Running a hub: `desk hub init` (the schema), `desk hub status` (replicas, their lag, the log's size), `desk hub
//! compact` (entries every replica has move to the history) and `desk hub push TEAM.db` (a shared-file team moves
//! up: its rows, log, numbers and attachments, copied in with COPY).

use super::super::super::{Result, Store, StoreError};
use super::super::tables;
use super::connect::client;
use super::{HubConfig, PgHub, WRITE_LOCK, pg_error, row_to_json, schema};
use rusqlite::params;
use std::io::Write;

/// One replica as the hub sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HubReplica {
    pub id: String,
    /// Entries the hub had that this replica had not confirmed at its last pull.
    pub lag: i64,
    pub pushed_at: Option<i64>,
    pub pulled_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HubStatus {
    pub hub: String,
    pub url: String,
    pub last_position: i64,
    /// Entries in the op log (not yet compacted) and in the history.
    pub log_entries: i64,
    pub history_entries: i64,
    pub rows: i64,
    /// Bytes PostgreSQL uses for the log, the history and the current state (tables with indexes).
    pub log_bytes: i64,
    pub state_bytes: i64,
    pub compacted_to: i64,
    /// The replica doing mail and escalations, if one took the duties.
    pub duties: Option<String>,
    pub replicas: Vec<HubReplica>,
}

/// What `desk hub push` moved.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Moved {
    pub rows: i64,
    pub entries: i64,
    pub tickets: i64,
    pub next_number: i64,
}

impl PgHub {
    /// Makes the database at `cfg` a hub (or updates an older hub's schema); true when it was new.
    pub fn init(cfg: &HubConfig) -> Result<(PgHub, bool)> {
        let mut c = client(cfg)?;
        let (id, fresh) = schema::init(&mut c, &cfg.shown())?;
        Ok((
            PgHub {
                client: c,
                id,
                shown: cfg.shown(),
            },
            fresh,
        ))
    }

    pub fn status(&mut self) -> Result<HubStatus> {
        let shown = self.shown.clone();
        let err = |e: postgres::Error| pg_error(&shown, &e);
        let c = &mut self.client;
        let one =
            |c: &mut postgres::Client, sql: &str| -> std::result::Result<i64, postgres::Error> {
                Ok(c.query_one(sql, &[])?.get(0))
            };
        let last = one(
            c,
            "SELECT value::bigint FROM desk_hub_meta WHERE key = 'last_op'",
        )
        .map_err(err)?;
        let compacted_to = one(
            c,
            "SELECT coalesce((SELECT value::bigint FROM desk_hub_meta WHERE key = 'compacted_to'), 0)",
        )
        .map_err(err)?;
        let replicas = c
            .query(
                "SELECT id, greatest($1 - has_change, 0), extract(epoch FROM pushed_at)::bigint,
                        extract(epoch FROM pulled_at)::bigint
                 FROM desk_replicas ORDER BY id",
                &[&last],
            )
            .map_err(err)?
            .iter()
            .map(|r| HubReplica {
                id: r.get(0),
                lag: r.get(1),
                pushed_at: r.get(2),
                pulled_at: r.get(3),
            })
            .collect();
        Ok(HubStatus {
            hub: self.id.clone(),
            url: shown.clone(),
            last_position: last,
            log_entries: one(c, "SELECT count(*) FROM desk_ops").map_err(err)?,
            history_entries: one(c, "SELECT count(*) FROM desk_history").map_err(err)?,
            rows: one(c, "SELECT count(*) FROM desk_rows").map_err(err)?,
            log_bytes: one(
                c,
                "SELECT pg_total_relation_size('desk_ops') + pg_total_relation_size('desk_history')",
            )
            .map_err(err)?,
            state_bytes: one(
                c,
                "SELECT pg_total_relation_size('desk_rows') + pg_total_relation_size('desk_fields')",
            )
            .map_err(err)?,
            compacted_to,
            duties: c
                .query_opt("SELECT value FROM desk_hub_meta WHERE key = 'duties'", &[])
                .map_err(err)?
                .map(|r| r.get(0)),
            replicas,
        })
    }

    /// Gives the hub's duties (mail in and out, escalations, auto-close) to `replica`; returns who had them. The
    /// replica that had them learns it at its next pull and stops.
    pub fn take_duties(&mut self, replica: &str) -> Result<Option<String>> {
        let shown = self.shown.clone();
        let err = |e: postgres::Error| pg_error(&shown, &e);
        let mut tx = self.client.transaction().map_err(err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
            .map_err(err)?;
        let before: Option<String> = tx
            .query_opt("SELECT value FROM desk_hub_meta WHERE key = 'duties'", &[])
            .map_err(err)?
            .map(|r| r.get(0));
        tx.execute(
            "INSERT INTO desk_hub_meta(key, value) VALUES ('duties', $1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&replica],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(before)
    }

    /// Moves the entries every replica has confirmed into the history (kept: the audit trail, and what new
    /// replicas start from); the op log keeps only what some replica may still ask for. Returns entries moved.
    pub fn compact(&mut self) -> Result<i64> {
        let shown = self.shown.clone();
        let err = |e: postgres::Error| pg_error(&shown, &e);
        let mut tx = self.client.transaction().map_err(err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
            .map_err(err)?;
        let horizon: Option<i64> = tx
            .query_one("SELECT min(has_change) FROM desk_replicas", &[])
            .map_err(err)?
            .get(0);
        let horizon = horizon.unwrap_or(0);
        let moved = tx
            .execute(
                "WITH gone AS (DELETE FROM desk_ops WHERE pos <= $1 RETURNING *)
                 INSERT INTO desk_history SELECT * FROM gone",
                &[&horizon],
            )
            .map_err(err)?;
        tx.execute(
            "INSERT INTO desk_hub_meta(key, value) VALUES ('compacted_to', $1)
             ON CONFLICT (key) DO UPDATE SET value = greatest(desk_hub_meta.value::bigint, $1::bigint)::text",
            &[&horizon.to_string()],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(i64::try_from(moved).unwrap_or(i64::MAX))
    }

    /// Moves a shared-file team into this hub, which must be new: every row as it is now, the whole change log
    /// as the op log, ticket numbers continuing after the team's.
    pub fn move_up(
        &mut self,
        team: &mut Store,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Moved> {
        let shown = self.shown.clone();
        let err = |e: postgres::Error| pg_error(&shown, &e);
        team.stamp_unstamped_rows()?;
        let mut tx = self.client.transaction().map_err(err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
            .map_err(err)?;
        let used: i64 = tx
            .query_one(
                "SELECT (SELECT count(*) FROM desk_ops) + (SELECT count(*) FROM desk_rows)",
                &[],
            )
            .map_err(err)?
            .get(0);
        if used > 0 {
            return Err(StoreError::Refused(format!(
                "the hub {shown} already holds a team's data; `desk hub push` moves a team into a new hub (make one \
                 with `desk hub init` on an empty database)"
            )));
        }
        let conn = team.conn();
        // One snapshot of the team's file: a desk still writing there cannot leave half a change in the hub.
        let snapshot = ReadSnapshot::begin(conn)?;
        let stamp: String = conn.query_row(
            "SELECT coalesce(max(hlc), '0000000000000-00000') FROM changes",
            [],
            |r| r.get(0),
        )?;
        let origin = team.replica().to_string();
        let total: i64 = conn.query_row(
            "SELECT (SELECT count(*) FROM changes) + (SELECT count(*) FROM tickets) + (SELECT count(*) FROM messages)",
            [],
            |r| r.get(0),
        )?;
        let total = u64::try_from(total).unwrap_or(0);
        let (mut pos, mut done) = (0i64, 0u64);
        let mut copy = tx
            .copy_in("COPY desk_rows(tbl, key, hlc, replica, row, pos) FROM STDIN")
            .map_err(err)?;
        for table in tables::TABLES {
            let cols = tables::columns(conn, table)?;
            let keys = table.key.join(", ");
            let sql = format!("SELECT {}, {} FROM {}", cols.join(", "), keys, table.name);
            let mut stmt = conn.prepare(&sql)?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let mut data = super::super::RowData::new();
                for (i, c) in cols.iter().enumerate() {
                    data.insert(c.clone(), tables::cell(r.get_ref(i)?));
                }
                let key_parts: Vec<String> = (0..table.key.len())
                    .map(|i| {
                        r.get::<_, rusqlite::types::Value>(cols.len() + i)
                            .map(|v| value_text(&v))
                    })
                    .collect::<rusqlite::Result<_>>()?;
                let key = if key_parts.len() == 1 {
                    key_parts.concat()
                } else {
                    serde_json::to_string(&key_parts).unwrap_or_default()
                };
                pos += 1;
                let json = serde_json::to_string(&row_to_json(&data)).unwrap_or_default();
                let line = format!(
                    "{}\t{}\t{}\t{}\t{}\t{pos}\n",
                    copy_text(table.name),
                    copy_text(&key),
                    copy_text(&stamp),
                    copy_text(&origin),
                    copy_text(&json)
                );
                copy.write_all(line.as_bytes()).map_err(io_err(&shown))?;
                done += 1;
                if done % 10_000 == 0 {
                    progress(done, total);
                }
            }
        }
        copy.finish().map_err(err)?;
        let last_row = pos;
        let mut copy = tx
            .copy_in("COPY desk_ops(pos, id, hlc, replica, actor, entity, entity_id, field, old, new, at, action) FROM STDIN")
            .map_err(err)?;
        let mut stmt = conn.prepare(
            "SELECT id, hlc, replica, actor, entity, entity_id, field, old, new, at, action FROM changes ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut entries = 0i64;
        while let Some(r) = rows.next()? {
            pos += 1;
            entries += 1;
            let mut line = pos.to_string();
            for i in 0..11 {
                let v: rusqlite::types::Value = r.get(i)?;
                line.push('\t');
                match v {
                    rusqlite::types::Value::Null => line.push_str("\\N"),
                    other => line.push_str(&copy_text(&value_text(&other))),
                }
            }
            line.push('\n');
            copy.write_all(line.as_bytes()).map_err(io_err(&shown))?;
            done += 1;
            if done % 10_000 == 0 {
                progress(done, total);
            }
        }
        copy.finish().map_err(err)?;
        let tickets: i64 = conn.query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))?;
        let next: i64 = conn.query_row(
            "SELECT coalesce(max(number), 1000) + 1 FROM tickets",
            [],
            |r| r.get(0),
        )?;
        tx.batch_execute(
            "INSERT INTO desk_fields(entity, entity_id, field, hlc, replica)
             SELECT DISTINCT ON (entity, entity_id, field) entity, entity_id, field, hlc, replica FROM desk_ops
             WHERE entity IN ('ticket', 'customer', 'organization', 'article', 'agent', 'task')
             ORDER BY entity, entity_id, field, hlc DESC, replica DESC",
        )
        .map_err(err)?;
        tx.execute("SELECT setval('desk_pos', $1)", &[&pos.max(1)])
            .map_err(err)?;
        tx.execute("SELECT setval('desk_ticket_number', $1, false)", &[&next])
            .map_err(err)?;
        tx.execute(
            "UPDATE desk_hub_meta SET value = CASE key WHEN 'last_op' THEN $1 WHEN 'last_row' THEN $2 ELSE $3 END
             WHERE key IN ('last_op', 'last_row', 'hlc')",
            &[&pos.to_string(), &last_row.to_string(), &stamp],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        drop(snapshot);
        progress(total, total);
        // The team's file remembers where its data went (said by `desk replica status` on it and by support).
        let _ = team.conn().execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('moved_to_hub', ?1)",
            params![shown],
        );
        Ok(Moved {
            rows: last_row,
            entries,
            tickets,
            next_number: next,
        })
    }
}

/// A read transaction on a desk file, ended however the work that reads in it ends.
struct ReadSnapshot<'c>(&'c rusqlite::Connection);

impl<'c> ReadSnapshot<'c> {
    fn begin(conn: &'c rusqlite::Connection) -> Result<ReadSnapshot<'c>> {
        conn.execute_batch("BEGIN")?;
        Ok(ReadSnapshot(conn))
    }
}

impl Drop for ReadSnapshot<'_> {
    fn drop(&mut self) {
        if !self.0.is_autocommit() {
            let _ = self.0.execute_batch("ROLLBACK");
        }
    }
}

fn io_err(shown: &str) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |e| StoreError::Refused(format!("copying into the hub {shown} failed: {e}"))
}

/// A key or log value as text (how `sync_rows.key` and the log hold them).
fn value_text(v: &rusqlite::types::Value) -> String {
    use rusqlite::types::Value;
    match v {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(s) => s.clone(),
        Value::Blob(b) => String::from_utf8_lossy(b).into_owned(),
    }
}

/// A value in COPY's text format: backslash, tab, newline and carriage return escaped.
fn copy_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_what_would_end_a_field() {
        assert_eq!(copy_text("a\tb\nc\\d\re"), "a\\tb\\nc\\\\d\\re");
        assert_eq!(copy_text("工单"), "工单");
    }
}
