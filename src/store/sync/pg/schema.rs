//! The hub's schema in PostgreSQL, versioned like the SQLite store's: `desk hub init` applies what a hub lacks,
//! and a desk older than its hub's schema refuses to sync rather than write what it does not understand.

use super::super::super::{Result, StoreError};
use super::pg_error;

/// Each step, in order; `desk_hub_meta.schema` says how many a hub has.
const MIGRATIONS: &[&str] = &[r#"
CREATE TABLE desk_hub_meta (key text PRIMARY KEY, value text NOT NULL);
-- One sequence orders everything the hub takes (entries and row images), so a replica's marks are positions.
CREATE SEQUENCE desk_pos;
CREATE SEQUENCE desk_ticket_number START 1001;
-- The op log: change-log entries in the order the hub took them.
CREATE TABLE desk_ops (
    pos bigint PRIMARY KEY,
    id text NOT NULL UNIQUE,
    hlc text NOT NULL,
    replica text NOT NULL,
    actor text,
    entity text NOT NULL,
    entity_id text NOT NULL,
    field text NOT NULL,
    old text,
    new text,
    at bigint NOT NULL,
    action text,
    taken_at timestamptz NOT NULL DEFAULT now()
);
-- Entries every replica has: moved here by compaction, kept as the audit history (and sent to new replicas).
CREATE TABLE desk_history (LIKE desk_ops INCLUDING ALL);
-- The compacted current state: one image per row (null once removed), the stamp of its newest write, and the
-- position it was last sent at. Images of field-merged rows are kept current as their fields merge.
CREATE TABLE desk_rows (
    tbl text NOT NULL,
    key text NOT NULL,
    hlc text NOT NULL,
    replica text NOT NULL,
    row jsonb,
    pos bigint NOT NULL,
    PRIMARY KEY (tbl, key)
);
CREATE INDEX desk_rows_pos ON desk_rows (pos);
-- What the SQLite schema keeps unique beside the key, checked by the hub as it takes a row (push::UNIQUE).
CREATE INDEX desk_rows_agents_handle ON desk_rows ((row->>'handle')) WHERE tbl = 'agents';
CREATE INDEX desk_rows_groups_name ON desk_rows ((row->>'name')) WHERE tbl = 'groups';
CREATE INDEX desk_rows_external ON desk_rows (tbl, (row->>'external_id')) WHERE row->>'external_id' IS NOT NULL;
CREATE INDEX desk_rows_wechat ON desk_rows ((row->>'wechat_openid')) WHERE tbl = 'customers';
-- A merged ticket's late replies, found by the ticket they name (push::repair_merged).
CREATE INDEX desk_rows_message_ticket ON desk_rows ((row->>'ticket_id')) WHERE tbl = 'messages';
-- The newest status change of a ticket the hub puts back.
CREATE INDEX desk_ops_field ON desk_ops (entity_id, field);
-- The stamp of the newest write of each merged field (last writer wins on (hlc, replica)).
CREATE TABLE desk_fields (
    entity text NOT NULL,
    entity_id text NOT NULL,
    field text NOT NULL,
    hlc text NOT NULL,
    replica text NOT NULL,
    PRIMARY KEY (entity, entity_id, field)
);
-- Every replica: where the hub holds its log up to (got_*), and how far it had the hub's at its last pull.
CREATE TABLE desk_replicas (
    id text PRIMARY KEY,
    name text,
    created_at timestamptz NOT NULL DEFAULT now(),
    got_change bigint NOT NULL DEFAULT 0,
    got_row bigint NOT NULL DEFAULT 0,
    got_change_id text,
    has_change bigint NOT NULL DEFAULT 0,
    has_row bigint NOT NULL DEFAULT 0,
    pushed_at timestamptz,
    pulled_at timestamptz
);
-- Who is looking at or replying to what, on any replica (unix seconds; rows expire as a desk's own do).
CREATE TABLE desk_presence (
    handle text NOT NULL,
    ticket_id text NOT NULL,
    activity text NOT NULL,
    replica text NOT NULL,
    since bigint NOT NULL,
    expires_at bigint NOT NULL,
    PRIMARY KEY (handle, ticket_id)
);
-- Agents and roles as the hub knows them (what it checks a change's author against), for psql readers too.
CREATE VIEW desk_agents AS
    SELECT key AS id, row->>'handle' AS handle, row->>'name' AS name, row->>'role' AS role,
           row->>'active' AS active
    FROM desk_rows WHERE tbl = 'agents' AND row IS NOT NULL;
"#];

/// Makes `client`'s database a hub (or brings an older hub's schema up to date). Returns the hub's id and
/// whether it was new.
pub(super) fn init(client: &mut postgres::Client, shown: &str) -> Result<(String, bool)> {
    let err = |e: postgres::Error| pg_error(shown, &e);
    let mut tx = client.transaction().map_err(err)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&super::WRITE_LOCK])
        .map_err(err)?;
    let exists: bool = tx
        .query_one("SELECT to_regclass('desk_hub_meta') IS NOT NULL", &[])
        .map_err(err)?
        .get(0);
    let have: usize = if exists {
        let v: Option<String> = tx
            .query_opt("SELECT value FROM desk_hub_meta WHERE key = 'schema'", &[])
            .map_err(err)?
            .map(|r| r.get(0));
        v.and_then(|v| v.parse().ok()).unwrap_or(0)
    } else {
        0
    };
    if have > MIGRATIONS.len() {
        return Err(StoreError::Refused(format!(
            "the hub {shown} has schema {have}, newer than this desk knows ({}); update desk",
            MIGRATIONS.len()
        )));
    }
    for sql in MIGRATIONS.iter().skip(have) {
        tx.batch_execute(sql).map_err(err)?;
    }
    let fresh = have == 0;
    if fresh {
        let id = super::super::super::new_id();
        tx.execute(
            "INSERT INTO desk_hub_meta(key, value) VALUES ('hub_id', $1), ('last_op', '0'), ('last_row', '0'),
                 ('hlc', ''), ('desk_schema', $2)",
            &[&id, &super::super::super::migrate::LATEST_SCHEMA.to_string()],
        )
        .map_err(err)?;
    }
    tx.execute(
        "INSERT INTO desk_hub_meta(key, value) VALUES ('schema', $1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[&MIGRATIONS.len().to_string()],
    )
    .map_err(err)?;
    let id: String = tx
        .query_one("SELECT value FROM desk_hub_meta WHERE key = 'hub_id'", &[])
        .map_err(err)?
        .get(0);
    tx.commit().map_err(err)?;
    Ok((id, fresh))
}

/// The hub's id; a database that is not a hub (or an older one) is said to be so.
pub(super) fn hub_id(client: &mut postgres::Client, shown: &str) -> Result<String> {
    let err = |e: postgres::Error| pg_error(shown, &e);
    let exists: bool = client
        .query_one("SELECT to_regclass('desk_hub_meta') IS NOT NULL", &[])
        .map_err(err)?
        .get(0);
    if !exists {
        return Err(StoreError::Refused(format!(
            "{shown} is not a desk hub; make it one with `desk hub init {shown}`"
        )));
    }
    let rows = client
        .query(
            "SELECT key, value FROM desk_hub_meta WHERE key IN ('hub_id', 'schema')",
            &[],
        )
        .map_err(err)?;
    let get = |k: &str| {
        rows.iter()
            .find(|r| r.get::<_, String>(0) == k)
            .map(|r| r.get::<_, String>(1))
    };
    let schema: usize = get("schema").and_then(|s| s.parse().ok()).unwrap_or(0);
    if schema > MIGRATIONS.len() {
        return Err(StoreError::Refused(format!(
            "the hub {shown} has schema {schema}, newer than this desk knows ({}); update desk",
            MIGRATIONS.len()
        )));
    }
    if schema < MIGRATIONS.len() {
        return Err(StoreError::Refused(format!(
            "the hub {shown} has schema {schema}, older than this desk's ({}); run `desk hub init {shown}` to \
             bring it up to date",
            MIGRATIONS.len()
        )));
    }
    get("hub_id").ok_or_else(|| {
        StoreError::Refused(format!(
            "{shown} has no hub id; it is not a desk hub — make one with `desk hub init`"
        ))
    })
}
