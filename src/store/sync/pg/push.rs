//! The hub taking a replica's batch: checked (its desk's schema, the tables and columns it names, its clock, the
//! role of each change's author), then merged into the op log and the current state in one transaction.

use super::super::super::hlc::{HlcClock, parse_hlc};
use super::super::super::{Result, StoreError};
use super::super::apply::check_clocks;
use super::super::decide::act_needed;
use super::super::tables::{self, Merge};
use super::super::{Applied, Batch, Cell, LogEntry, RowImage, newer};
use super::{PgHub, WRITE_LOCK, cell_like, pg_error, row_from_json, row_to_json};
use crate::domain::team::{self, Role};
use postgres::Transaction;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Columns the SQLite schema keeps unique beside the key: a row that would break one on the replicas (two
/// agents given one handle while both were offline) is refused with its batch, as a hub file refuses it.
const UNIQUE: &[(&str, &str)] = &[
    ("agents", "handle"),
    ("groups", "name"),
    ("customers", "external_id"),
    ("customers", "wechat_openid"),
    ("organizations", "external_id"),
    ("products", "external_id"),
    ("orders", "external_id"),
];

/// One hub write in progress.
struct Taking<'a, 't> {
    tx: &'a mut Transaction<'t>,
    hub: &'a str,
    now: i64,
    wall_ms: i64,
    clock: HlcClock,
    applied: Applied,
    last_op: i64,
    last_row: i64,
    /// Tickets this batch brought something new for (entries, messages): what the merged-ticket rule looks at.
    touched: std::collections::BTreeSet<String>,
}

pub(super) fn push(hub: &mut PgHub, batch: &Batch, now: i64) -> Result<Applied> {
    let shown = hub.shown.clone();
    let err = |e: postgres::Error| pg_error(&shown, &e);
    validate(batch)?;
    let hub_id = hub.id.clone();
    let mut tx = hub.client.transaction().map_err(err)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
        .map_err(err)?;
    // A batch is checked against the database server's clock: one clock for every replica, whatever theirs say.
    // What the hub stamps itself follows the syncing desk's `now` (as a hub file does), past every stamp it saw.
    let server_ms: i64 = tx
        .query_one(
            "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint",
            &[],
        )
        .map_err(err)?
        .get(0);
    let newest = check_clocks(batch, server_ms / 1000)?;
    let wall_ms = now * 1000;
    let meta: HashMap<String, String> = tx
        .query("SELECT key, value FROM desk_hub_meta", &[])
        .map_err(err)?
        .into_iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let hub_schema: i64 = meta
        .get("desk_schema")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mine = super::super::super::migrate::LATEST_SCHEMA;
    if mine < hub_schema {
        return Err(StoreError::Refused(format!(
            "replicas of the hub {shown} run a newer desk (schema {hub_schema}, this desk's is {mine}); update \
             desk here and sync again — nothing was sent"
        )));
    }
    let mut clock = HlcClock::default();
    if let Some(seen) = meta.get("hlc").and_then(|h| parse_hlc(h)) {
        clock.observe(seen);
    }
    if let Some(seen) = newest {
        clock.observe(seen);
    }
    let number = |k: &str| meta.get(k).and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut t = Taking {
        tx: &mut tx,
        hub: &hub_id,
        now,
        wall_ms,
        clock,
        applied: Applied::default(),
        last_op: number("last_op"),
        last_row: number("last_row"),
        touched: Default::default(),
    };
    let mut rows: Vec<&RowImage> = batch.rows.iter().collect();
    rows.sort_by_key(|r| tables::rank(&r.table));
    for r in rows {
        t.unique(r, &batch.from)?;
        t.row(r).map_err(err)?;
    }
    let mut entries: Vec<&LogEntry> = batch.changes.iter().collect();
    entries.sort_by(|a, b| (&a.hlc, &a.replica).cmp(&(&b.hlc, &b.replica)));
    for e in entries {
        t.entry(e).map_err(err)?;
    }
    // A ticket merged away stays merged, whatever a replica that had not seen the merge did to it. Only what this
    // batch brought new is looked at: replicas relay entries the hub has, which must not repair anything twice.
    for id in std::mem::take(&mut t.touched) {
        t.repair_merged(&id).map_err(err)?;
    }
    let (applied, last_op, last_row) = (t.applied, t.last_op, t.last_row);
    let hlc = t.clock.tick(0);
    tx.execute(
        "INSERT INTO desk_replicas(id, got_change, got_row, got_change_id, pushed_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (id) DO UPDATE SET got_change = excluded.got_change, got_row = excluded.got_row,
             got_change_id = excluded.got_change_id, pushed_at = excluded.pushed_at",
        &[&batch.from, &batch.upto_change, &batch.upto_row, &batch.upto_change_id],
    )
    .map_err(err)?;
    tx.execute(
        "UPDATE desk_hub_meta SET value = CASE key WHEN 'last_op' THEN $1 WHEN 'last_row' THEN $2
             WHEN 'hlc' THEN $3 ELSE greatest(value::bigint, $4::bigint)::text END
         WHERE key IN ('last_op', 'last_row', 'hlc', 'desk_schema')",
        &[&last_op.to_string(), &last_row.to_string(), &hlc, &mine],
    )
    .map_err(err)?;
    if applied.changes + applied.rows > 0 {
        // Delivered at commit: every listening replica wakes and pulls.
        tx.execute(
            "SELECT pg_notify($1, $2)",
            &[&super::CHANNEL, &last_op.max(last_row).to_string()],
        )
        .map_err(err)?;
    }
    tx.commit().map_err(err)?;
    Ok(applied)
}

/// What a replica may send at all: tables and columns this desk knows, names the log can hold.
fn validate(batch: &Batch) -> Result<()> {
    let known = reference_columns();
    for r in &batch.rows {
        let Some(cols) = known.get(r.table.as_str()) else {
            return Err(StoreError::Refused(format!(
                "replica {} sent rows of table {:?}, which the hub does not know; update desk on the hub's other \
                 replicas or on that one so they run one version — nothing was taken",
                batch.from,
                crate::domain::text::sanitize(&r.table)
            )));
        };
        if let Some(data) = &r.row
            && let Some(bad) = data.keys().find(|c| !cols.contains(c))
        {
            return Err(StoreError::Refused(format!(
                "replica {} sent a {} row with a column {:?} this desk does not know; update desk so every replica \
                 runs one version — nothing was taken",
                batch.from,
                r.table,
                crate::domain::text::sanitize(bad)
            )));
        }
    }
    let name_ok = |s: &str| {
        !s.is_empty()
            && s.len() <= 64
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    for e in &batch.changes {
        if !name_ok(&e.entity) || !name_ok(&e.field) {
            return Err(StoreError::Refused(format!(
                "replica {} sent a change of {:?} {:?}, which is not a change desk makes — nothing was taken",
                batch.from,
                crate::domain::text::sanitize(&e.entity),
                crate::domain::text::sanitize(&e.field)
            )));
        }
    }
    Ok(())
}

/// The travelling columns of every synced table in this desk's schema (read once from an in-memory database).
fn reference_columns() -> &'static HashMap<&'static str, Vec<String>> {
    static COLUMNS: OnceLock<HashMap<&'static str, Vec<String>>> = OnceLock::new();
    COLUMNS.get_or_init(|| {
        let mut map = HashMap::new();
        let Ok(mut conn) = rusqlite::Connection::open_in_memory() else {
            return map;
        };
        if super::super::super::migrate::migrate(&mut conn, std::path::Path::new(":memory:"))
            .is_err()
        {
            return map;
        }
        for t in tables::TABLES {
            if let Ok(cols) = tables::columns(&conn, t) {
                map.insert(t.name, cols);
            }
        }
        map
    })
}

impl Taking<'_, '_> {
    fn unique(&mut self, r: &RowImage, from: &str) -> Result<()> {
        let Some(data) = &r.row else { return Ok(()) };
        for (tbl, col) in UNIQUE.iter().filter(|(t, _)| *t == r.table) {
            let Some(Cell::Text(value)) = data.get(*col) else {
                continue;
            };
            let other: Option<String> = self
                .tx
                // The column is inlined (from UNIQUE, never from input) so the expression index serves it.
                .query_opt(
                    &format!("SELECT key FROM desk_rows WHERE tbl = $1 AND row->>'{col}' = $2 AND key <> $3 LIMIT 1"),
                    &[tbl, value, &r.key],
                )
                .map_err(|e| pg_error("the hub", &e))?
                .map(|x| x.get(0));
            if other.is_some() {
                return Err(StoreError::Refused(format!(
                    "a row of {tbl} from replica {from} has the {col} {:?}, which another row at the hub has already \
                     (the same {col} given on two replicas while they were apart); rename one of the two on that \
                     replica and sync again — nothing was taken",
                    crate::domain::text::sanitize(value)
                )));
            }
        }
        Ok(())
    }

    fn stamp(&mut self) -> String {
        self.clock.tick(self.wall_ms)
    }

    fn row(&mut self, r: &RowImage) -> std::result::Result<(), postgres::Error> {
        let Some(table) = tables::table(&r.table) else {
            return Ok(());
        };
        let stored = self
            .tx
            .query_opt(
                "SELECT hlc, replica FROM desk_rows WHERE tbl = $1 AND key = $2",
                &[&r.table, &r.key],
            )?
            .map(|x| (x.get::<_, String>(0), x.get::<_, String>(1)));
        match table.merge {
            Merge::Fields(_) => {
                // Sent once; after that its fields change through the log.
                let Some(data) = &r.row else { return Ok(()) };
                if stored.is_some() {
                    return Ok(());
                }
                let mut data = data.clone();
                let provisional = match data.get("number") {
                    Some(Cell::Int(n)) if table.name == "tickets" && *n < 0 => Some(*n),
                    _ => None,
                };
                if let Some(p) = provisional {
                    let f: i64 = self
                        .tx
                        .query_one("SELECT nextval('desk_ticket_number')", &[])?
                        .get(0);
                    data.insert("number".into(), Cell::Int(f));
                    self.write_row(r, Some(&data))?;
                    let (old, new) = (p.to_string(), f.to_string());
                    self.hub_entry("ticket", &r.key, "number", Some(&old), Some(&new))?;
                    self.applied.numbered.push((p, f));
                } else {
                    if let Some(Cell::Int(n)) = data.get("number")
                        && table.name == "tickets"
                    {
                        // A final number given elsewhere (a team file moved up): the sequence goes past it.
                        self.tx.execute(
                            "SELECT setval('desk_ticket_number', greatest($1, (SELECT last_value FROM desk_ticket_number)))",
                            &[n],
                        )?;
                    }
                    self.write_row(r, Some(&data))?;
                }
            }
            Merge::Rows => {
                if let Some((hlc, replica)) = &stored
                    && !newer((&r.hlc, &r.replica), (hlc, replica))
                {
                    return Ok(());
                }
                self.write_row(r, r.row.as_ref())?;
            }
        }
        self.applied.rows += 1;
        if let (true, Some(Cell::Text(ticket))) = (
            r.table == "messages",
            r.row.as_ref().and_then(|d| d.get("ticket_id")),
        ) {
            self.touched.insert(ticket.clone());
        }
        Ok(())
    }

    fn write_row(
        &mut self,
        r: &RowImage,
        data: Option<&super::super::RowData>,
    ) -> std::result::Result<(), postgres::Error> {
        let json = data.map(row_to_json);
        let pos: i64 = self
            .tx
            .query_one(
                "INSERT INTO desk_rows(tbl, key, hlc, replica, row, pos) VALUES ($1, $2, $3, $4, $5, nextval('desk_pos'))
                 ON CONFLICT (tbl, key) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica,
                     row = excluded.row, pos = excluded.pos
                 RETURNING pos",
                &[&r.table, &r.key, &r.hlc, &r.replica, &json],
            )?
            .get(0);
        self.last_row = self.last_row.max(pos);
        Ok(())
    }

    /// Adds `e` to the op log; false when the hub had it already.
    fn insert_op(&mut self, e: &LogEntry) -> std::result::Result<bool, postgres::Error> {
        let pos: Option<i64> = self
            .tx
            .query_opt(
                "INSERT INTO desk_ops(pos, id, hlc, replica, actor, entity, entity_id, field, old, new, at, action)
                 SELECT nextval('desk_pos'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
                 WHERE NOT EXISTS (SELECT 1 FROM desk_history WHERE id = $1)
                 ON CONFLICT (id) DO NOTHING RETURNING pos",
                &[&e.id, &e.hlc, &e.replica, &e.actor, &e.entity, &e.entity_id, &e.field, &e.old, &e.new, &e.at, &e.action],
            )?
            .map(|r| r.get(0));
        if let Some(p) = pos {
            self.last_op = self.last_op.max(p);
        }
        Ok(pos.is_some())
    }

    /// An entry the hub writes itself (a final number, a change put back, a conflict's reason).
    fn hub_entry(
        &mut self,
        entity: &str,
        entity_id: &str,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> std::result::Result<LogEntry, postgres::Error> {
        let e = LogEntry {
            id: super::super::super::new_id(),
            hlc: self.stamp(),
            replica: self.hub.to_string(),
            actor: None,
            entity: entity.into(),
            entity_id: entity_id.into(),
            field: field.into(),
            old: old.map(str::to_string),
            new: new.map(str::to_string),
            at: self.now,
            action: None,
        };
        self.insert_op(&e)?;
        if tables::merged_field(entity, field).is_some() {
            self.merge_field(&e)?;
        }
        Ok(e)
    }

    fn entry(&mut self, e: &LogEntry) -> std::result::Result<(), postgres::Error> {
        if !self.insert_op(e)? {
            return Ok(());
        }
        self.applied.changes += 1;
        if e.entity == "ticket" {
            self.touched.insert(e.entity_id.clone());
        }
        if tables::merged_field(&e.entity, &e.field).is_none() {
            return Ok(());
        }
        if e.replica != self.hub
            && let Some(reason) = self.refusal(e)?
        {
            return self.refuse(e, &reason);
        }
        self.merge_field(e)
    }

    /// Last writer wins on (hlc, replica); the winner's value goes into the row's current image.
    fn merge_field(&mut self, e: &LogEntry) -> std::result::Result<(), postgres::Error> {
        let Some((table, column)) = tables::merged_field(&e.entity, &e.field) else {
            return Ok(());
        };
        let stored = self
            .tx
            .query_opt(
                "SELECT hlc, replica FROM desk_fields WHERE entity = $1 AND entity_id = $2 AND field = $3",
                &[&e.entity, &e.entity_id, &e.field],
            )?
            .map(|x| (x.get::<_, String>(0), x.get::<_, String>(1)));
        if let Some((hlc, replica)) = &stored
            && !newer((&e.hlc, &e.replica), (hlc, replica))
        {
            return Ok(());
        }
        self.tx.execute(
            "INSERT INTO desk_fields(entity, entity_id, field, hlc, replica) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica",
            &[&e.entity, &e.entity_id, &e.field, &e.hlc, &e.replica],
        )?;
        let image = self
            .tx
            .query_opt(
                "SELECT row FROM desk_rows WHERE tbl = $1 AND key = $2",
                &[&table.name, &e.entity_id],
            )?
            .and_then(|r| r.get::<_, Option<serde_json::Value>>(0))
            .and_then(|v| row_from_json(&v));
        if let Some(mut row) = image {
            let cell = cell_like(row.get(column), e.new.as_deref());
            row.insert(column.to_string(), cell);
            self.tx.execute(
                "UPDATE desk_rows SET row = $3 WHERE tbl = $1 AND key = $2",
                &[&table.name, &e.entity_id, &row_to_json(&row)],
            )?;
        }
        Ok(())
    }

    /// The documented rule, as a hub file keeps it: a change that reopened a merged ticket is put back by a newer
    /// entry (and listed for its author), and messages that arrived for it move to the ticket it was merged into.
    fn repair_merged(&mut self, id: &str) -> std::result::Result<(), postgres::Error> {
        let image = self
            .tx
            .query_opt(
                "SELECT row FROM desk_rows WHERE tbl = 'tickets' AND key = $1",
                &[&id],
            )?
            .and_then(|r| r.get::<_, Option<serde_json::Value>>(0))
            .and_then(|v| row_from_json(&v));
        let Some(row) = image else { return Ok(()) };
        let text = |c: &str| match row.get(c) {
            Some(Cell::Text(s)) => Some(s.clone()),
            _ => None,
        };
        let (Some(into), Some(status)) = (text("merged_into"), text("status")) else {
            return Ok(());
        };
        // Merged into a ticket merged in turn: its messages belong at the end of the chain. Two replicas that
        // merged each into the other make a loop with no end; the messages then stay where they are.
        let mut into = into;
        let mut seen = vec![id.to_string()];
        loop {
            if seen.contains(&into) {
                return Ok(());
            }
            let next: Option<String> = self
                .tx
                .query_opt(
                    "SELECT row->>'merged_into' FROM desk_rows WHERE tbl = 'tickets' AND key = $1 AND row->>'status' = 'merged'",
                    &[&into],
                )?
                .and_then(|r| r.get(0));
            match next {
                Some(n) => {
                    seen.push(std::mem::replace(&mut into, n));
                }
                None => break,
            }
        }
        if status != "merged" {
            let loser: Option<String> = self
                .tx
                .query_opt(
                    "SELECT id FROM desk_ops WHERE entity_id = $1 AND field = 'status' AND entity = 'ticket'
                     ORDER BY hlc DESC, replica DESC LIMIT 1",
                    &[&id],
                )?
                .map(|r| r.get(0));
            let fix = self.hub_entry("ticket", id, "status", Some(&status), Some("merged"))?;
            if let Some(loser) = loser {
                let mut number = |t: &str| -> std::result::Result<String, postgres::Error> {
                    Ok(self
                        .tx
                        .query_opt("SELECT row->>'number' FROM desk_rows WHERE tbl = 'tickets' AND key = $1", &[&t])?
                        .and_then(|r| r.get::<_, Option<String>>(0))
                        .unwrap_or_default())
                };
                let (n, m) = (number(id)?, number(&into)?);
                let reason = format!(
                    "#{n} had been merged into #{m}; it stays merged (what was written to it is in #{m})"
                );
                let pair = format!("{loser} {}", fix.id);
                self.hub_entry("ticket", id, "conflict_found", Some(&pair), Some(&reason))?;
            }
        }
        let late: Vec<(String, serde_json::Value)> = self
            .tx
            .query(
                "SELECT key, row FROM desk_rows WHERE tbl = 'messages' AND row->>'ticket_id' = $1",
                &[&id],
            )?
            .iter()
            .filter_map(|r| Some((r.get(0), r.get::<_, Option<serde_json::Value>>(1)?)))
            .collect();
        let mut moved = Vec::new();
        for (key, value) in late {
            let Some(mut data) = row_from_json(&value) else {
                continue;
            };
            data.insert("ticket_id".into(), Cell::Text(into.clone()));
            let image = RowImage {
                table: "messages".into(),
                key: key.clone(),
                hlc: self.stamp(),
                replica: self.hub.to_string(),
                row: None,
            };
            self.write_row(&image, Some(&data))?;
            moved.push(key);
        }
        if !moved.is_empty() {
            self.hub_entry("ticket", id, "moved_messages", None, Some(&moved.join(",")))?;
        }
        Ok(())
    }

    /// Why the author's role did not allow `e`, from the agents the hub knows.
    fn refusal(&mut self, e: &LogEntry) -> std::result::Result<Option<String>, postgres::Error> {
        let Some(actor) = &e.actor else {
            return Ok(None);
        };
        let agent = self
            .tx
            .query_opt(
                "SELECT key, row->>'role' FROM desk_rows
                 WHERE tbl = 'agents' AND row->>'handle' = $1 AND row->>'active' = '1' LIMIT 1",
                &[actor],
            )?
            .map(|r| (r.get::<_, String>(0), r.get::<_, Option<String>>(1)));
        let Some(act) = act_needed(e, agent.as_ref().map(|a| a.0.as_str())) else {
            return Ok(None);
        };
        let active: i64 = self
            .tx
            .query_one(
                "SELECT count(*) FROM desk_rows WHERE tbl = 'agents' AND row->>'active' = '1'",
                &[],
            )?
            .get(0);
        if active == 0 {
            return Ok(None);
        }
        let role = agent.and_then(|a| a.1).as_deref().and_then(Role::parse);
        Ok(team::permit(actor, role, act).err().map(|d| d.to_string()))
    }

    /// A change the author's role did not allow stays in the log; a newer entry puts the field back and says why,
    /// so every replica (the author's too) ends with the value the hub kept.
    fn refuse(&mut self, e: &LogEntry, reason: &str) -> std::result::Result<(), postgres::Error> {
        let Some((table, column)) = tables::merged_field(&e.entity, &e.field) else {
            return Ok(());
        };
        let kept = self
            .tx
            .query_opt(
                "SELECT row->>$3 FROM desk_rows WHERE tbl = $1 AND key = $2",
                &[&table.name, &e.entity_id, &column],
            )?
            .and_then(|r| r.get::<_, Option<String>>(0));
        let revert = self.hub_entry(
            &e.entity,
            &e.entity_id,
            &e.field,
            e.new.as_deref(),
            kept.as_deref(),
        )?;
        let pair = format!("{} {}", e.id, revert.id);
        let reason = format!("refused by the hub: {reason}");
        self.hub_entry(
            &e.entity,
            &e.entity_id,
            "conflict_found",
            Some(&pair),
            Some(&reason),
        )?;
        self.applied.refused += 1;
        Ok(())
    }
}
