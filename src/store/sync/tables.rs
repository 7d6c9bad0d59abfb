//! Which tables sync and how: the rows of each, read as images and written back on the other side.

use super::super::{Mutable, Result};
use super::{Cell, RowData};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, ToSql, params_from_iter};

/// How a table's state travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Merge {
    /// The row is sent once, when the other side lacks it; after that its fields change one by one through the
    /// change log, merged per field.
    Fields(Mutable),
    /// The whole row (or its absence) is the unit, merged by the newest stamp of its key.
    Rows,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Table {
    pub name: &'static str,
    /// The columns of the key `sync_rows.key` holds: one (the id itself) or several (a JSON array of them).
    pub key: &'static [&'static str],
    pub merge: Merge,
}

const fn t(name: &'static str, key: &'static [&'static str], merge: Merge) -> Table {
    Table { name, key, merge }
}

/// Every synced table, parents before children (rows are applied in this order, foreign keys checked at commit).
pub(super) const TABLES: &[Table] = &[
    t("agents", &["id"], Merge::Fields(Mutable::Agent)),
    t("groups", &["id"], Merge::Rows),
    t("agent_groups", &["agent_id", "group_id"], Merge::Rows),
    t("agent_skills", &["agent_id", "skill"], Merge::Rows),
    t(
        "organizations",
        &["id"],
        Merge::Fields(Mutable::Organization),
    ),
    t("customers", &["id"], Merge::Fields(Mutable::Customer)),
    t("customer_addresses", &["id"], Merge::Rows),
    t("products", &["id"], Merge::Rows),
    t("orders", &["id"], Merge::Rows),
    t("categories", &["id"], Merge::Rows),
    t("articles", &["id"], Merge::Fields(Mutable::Article)),
    t("tickets", &["id"], Merge::Fields(Mutable::Ticket)),
    t("visits", &["id"], Merge::Rows),
    t("parts", &["code"], Merge::Rows),
    t("part_moves", &["id"], Merge::Rows),
    t("part_reservations", &["visit_id", "part_code"], Merge::Rows),
    t("returns", &["id"], Merge::Rows),
    t("messages", &["id"], Merge::Rows),
    t("attachment_blobs", &["hash"], Merge::Rows),
    t("attachments", &["id"], Merge::Rows),
    t("tasks", &["id"], Merge::Fields(Mutable::Task)),
    t("surveys", &["id"], Merge::Rows),
    t("survey_items", &["id"], Merge::Rows),
    t("qa_samples", &["ticket_id"], Merge::Rows),
    t("qa_reviews", &["id"], Merge::Rows),
    t("improvement_actions", &["id"], Merge::Rows),
    t("escalations", &["id"], Merge::Rows),
    t("tags", &["entity", "entity_id", "tag"], Merge::Rows),
    t("ticket_links", &["a", "b"], Merge::Rows),
    t("ticket_collaborators", &["ticket_id", "email"], Merge::Rows),
    t(
        "field_values",
        &["entity", "entity_id", "field"],
        Merge::Rows,
    ),
    t("article_votes", &["article_id", "voter"], Merge::Rows),
    t("article_uses", &["id"], Merge::Rows),
    t("inbound", &["source", "external_id"], Merge::Rows),
    t("outbox", &["id"], Merge::Rows),
];

/// Columns that belong to one database only: the FTS rowid, the bulk job a row is hidden in, the version that
/// guards against lost updates on this side (it counts this side's writes), and when this side's SLA sweep next
/// looks at a ticket (it depends on which escalations this side has seen fire).
const LOCAL_COLUMNS: &[&str] = &["rid", "job_id", "version", "sla_escalate_at"];

pub(super) fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// Position of a table in [`TABLES`], for applying parents first.
pub(super) fn rank(name: &str) -> usize {
    TABLES
        .iter()
        .position(|t| t.name == name)
        .unwrap_or(TABLES.len())
}

/// The field of an entity that the change log merges, with its column.
pub(super) fn merged_field(entity: &str, field: &str) -> Option<(&'static Table, &'static str)> {
    let table = TABLES.iter().find(|t| match t.merge {
        Merge::Fields(m) => m.entity() == entity,
        Merge::Rows => false,
    })?;
    let Merge::Fields(m) = table.merge else {
        return None;
    };
    // Written outside the editable fields but logged like them: the number the hub gives, a customer merged away.
    match (entity, field) {
        ("ticket", "number") => return Some((table, "number")),
        ("customer", "merged_into") => return Some((table, "merged_into")),
        ("task", "customer_id") => return Some((table, "customer_id")),
        _ => {}
    }
    m.fields()
        .iter()
        .copied()
        .find(|f| *f == field)
        .map(|f| (table, f))
}

/// The stored columns of `table` that travel (generated and local ones left out), from the schema.
pub(super) fn columns(conn: &Connection, table: &Table) -> Result<Vec<String>> {
    // Names come from TABLES, never from input.
    let mut stmt = conn.prepare_cached(&format!("PRAGMA table_xinfo({})", table.name))?;
    let cols = stmt
        .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(6)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols
        .into_iter()
        .filter(|(name, hidden)| *hidden == 0 && !LOCAL_COLUMNS.contains(&name.as_str()))
        .map(|(name, _)| name)
        .collect())
}

/// The key values a `sync_rows.key` stands for.
pub(super) fn key_values(table: &Table, key: &str) -> Result<Vec<String>> {
    if table.key.len() == 1 {
        return Ok(vec![key.to_string()]);
    }
    let parts: Vec<String> = serde_json::from_str(key).map_err(|e| {
        super::super::StoreError::Refused(format!(
            "a sync row key of {} is not a JSON array of text ({e}): {key}",
            table.name
        ))
    })?;
    Ok(parts)
}

fn key_condition(table: &Table) -> String {
    table
        .key
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The row as it is now, or `None` when it is not there (removed, or never here).
pub(super) fn read_row(
    conn: &Connection,
    table: &Table,
    columns: &[String],
    key: &str,
) -> Result<Option<RowData>> {
    let sql = format!(
        "SELECT {} FROM {} WHERE {}",
        columns.join(", "),
        table.name,
        key_condition(table)
    );
    let keys = key_values(table, key)?;
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(keys.iter()))?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let mut data = RowData::new();
    for (i, c) in columns.iter().enumerate() {
        data.insert(c.clone(), cell(row.get_ref(i)?));
    }
    Ok(Some(data))
}

/// One stored value as it travels.
pub(super) fn cell(v: ValueRef<'_>) -> Cell {
    match v {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(v) => Cell::Int(v),
        ValueRef::Real(v) => Cell::Real(v),
        ValueRef::Text(v) => Cell::Text(String::from_utf8_lossy(v).into_owned()),
        ValueRef::Blob(v) => Cell::Blob(v.to_vec()),
    }
}

pub(super) fn exists(conn: &Connection, table: &Table, key: &str) -> Result<bool> {
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM {} WHERE {})",
        table.name,
        key_condition(table)
    );
    let keys = key_values(table, key)?;
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(keys.iter()), |r| r.get(0))?)
}

/// Writes `data` as the row (inserted, or its columns replaced), keeping only the columns this schema has.
pub(super) fn upsert_row(
    conn: &Connection,
    table: &Table,
    columns: &[String],
    data: &RowData,
) -> Result<()> {
    let cols: Vec<&String> = columns.iter().filter(|c| data.contains_key(*c)).collect();
    let names: Vec<&str> = cols.iter().map(|c| c.as_str()).collect();
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> = names
        .iter()
        .filter(|c| !table.key.contains(c))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let conflict = if updates.is_empty() {
        "DO NOTHING".to_string()
    } else {
        format!("DO UPDATE SET {}", updates.join(", "))
    };
    let sql = format!(
        "INSERT INTO {}({}) VALUES ({}) ON CONFLICT({}) {conflict}",
        table.name,
        names.join(", "),
        marks.join(", "),
        table.key.join(", ")
    );
    let values: Vec<&dyn ToSql> = cols
        .iter()
        .filter_map(|c| data.get(*c))
        .map(|v| v as &dyn ToSql)
        .collect();
    conn.prepare_cached(&sql)?.execute(values.as_slice())?;
    Ok(())
}

pub(super) fn delete_row(conn: &Connection, table: &Table, key: &str) -> Result<()> {
    let sql = format!("DELETE FROM {} WHERE {}", table.name, key_condition(table));
    let keys = key_values(table, key)?;
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(keys.iter()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_merged_table_names_its_entity_once() {
        for t in TABLES {
            if let Merge::Fields(m) = t.merge {
                let (found, col) = merged_field(m.entity(), m.fields()[0]).expect("merged");
                assert_eq!(found.name, t.name);
                assert_eq!(col, m.fields()[0]);
            }
        }
        assert!(merged_field("ticket", "number").is_some());
        assert!(merged_field("ticket", "created").is_none());
        assert!(merged_field("message", "body").is_none());
    }

    #[test]
    fn parents_come_before_children() {
        assert!(rank("customers") < rank("tickets"));
        assert!(rank("tickets") < rank("messages"));
        assert!(rank("messages") < rank("attachments"));
        assert!(rank("attachment_blobs") < rank("attachments"));
        assert_eq!(rank("nonsense"), TABLES.len());
    }
}
