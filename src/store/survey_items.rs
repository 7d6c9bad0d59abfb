//! Questionnaire answers (survey_items): written with a survey, read by the report per period with the keys of
//! the ticket each is about.

use rusqlite::{Connection, Transaction, params};

use super::Result;
use super::metrics::{Keyed, read_keys};
use crate::domain::metrics::ItemFact;
use crate::domain::metrics_report::Window;

/// The period scan with keys, for the query-plan test.
pub(super) const PLAN_SQL: &str =
    "SELECT si.at, t.channel, t.kind, t.priority, t.assignee_id, t.group_id, si.item, si.score
     FROM survey_items si INDEXED BY survey_items_at JOIN tickets t ON t.id = si.ticket_id
     WHERE si.at >= 0 AND si.at < 1";

/// Stores one answer's items about ticket `ticket_id`, each row's id made by `id` from its item.
pub(super) fn insert(
    tx: &Transaction<'_>,
    ticket_id: &str,
    answers: &[(String, i64)],
    at: i64,
    id: impl Fn(&str) -> String,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO survey_items(id, ticket_id, item, score, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (item, score) in answers {
        stmt.execute(params![id(item), ticket_id, item, score, at])?;
    }
    Ok(())
}

/// Every item answered in `w`, by answer time: an index range scan, joined to the ticket only for its keys.
pub(super) fn item_facts(
    conn: &Connection,
    w: Window,
    keyed: Keyed,
    add: &mut dyn FnMut(&ItemFact),
) -> Result<()> {
    let (tier_col, tier_join) = keyed.tier();
    let (keys, join) = match keyed {
        Keyed::With { .. } => (
            "t.channel, t.kind, t.priority, t.assignee_id, t.group_id",
            " JOIN tickets t ON t.id = si.ticket_id",
        ),
        Keyed::Without => ("NULL, NULL, NULL, NULL, NULL", ""),
    };
    let sql = format!(
        "SELECT si.at, {keys}, si.item, si.score{tier_col}
         FROM survey_items si INDEXED BY survey_items_at{join}{tier_join}
         WHERE si.at >= ?1 AND si.at < ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![w.from, w.to])?;
    let mut fact = ItemFact::default();
    while let Some(r) = rows.next()? {
        fact.at = r.get(0)?;
        read_keys(r, [1, 2, 3, 4, 5, 8], &mut fact.keys)?;
        fact.item.clear();
        fact.item
            .push_str(r.get_ref(6)?.as_str().map_err(rusqlite::Error::from)?);
        fact.score = r.get(7)?;
        add(&fact);
    }
    Ok(())
}
