//! Improvement actions (PDCA) in the database: made from a report's suggestion or by hand, moved through the cycle,
//! listed by due date. Every change is a logged write.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Page, Result, Store, StoreError, new_id, paging};
use crate::domain::metrics::Indicator;
use crate::domain::plan::PlanStatus;
use crate::domain::text::SafeText;
use crate::domain::view::{Cursor, PageRequest};

/// An action to make.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPlan {
    pub title: String,
    /// An agent handle.
    pub owner: Option<String>,
    pub due_at: i64,
    pub indicator: Indicator,
    pub target: Option<f64>,
    /// The indicator's value when the action is made.
    pub baseline: Option<f64>,
    /// The suggestion rule it came from.
    pub rule: Option<String>,
}

/// What `desk plan set` changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanEdit {
    pub status: Option<PlanStatus>,
    /// `Some(None)` clears the owner.
    pub owner: Option<Option<String>>,
    pub due_at: Option<i64>,
    pub note: Option<String>,
}

/// One action as lists and reports show it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlanRow {
    #[serde(skip)]
    pub rid: i64,
    pub number: i64,
    pub title: SafeText,
    /// The owner's handle.
    pub owner: Option<String>,
    pub due_at: i64,
    pub indicator: Indicator,
    pub target: Option<f64>,
    pub baseline: Option<f64>,
    pub rule: Option<String>,
    pub status: PlanStatus,
    pub note: SafeText,
    pub created_at: i64,
}

impl PlanRow {
    pub fn cursor(&self) -> Cursor {
        Cursor {
            key: self.due_at,
            rid: self.rid,
        }
    }
}

const COLUMNS: &str =
    "p.rowid, p.number, p.title, a.handle, p.due_at, p.indicator, p.target, p.baseline, p.rule,
                       p.status, p.note, p.created_at";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(PlanRow, String, String)> {
    let indicator: String = r.get(5)?;
    let status: String = r.get(9)?;
    Ok((
        PlanRow {
            rid: r.get(0)?,
            number: r.get(1)?,
            title: SafeText::new(&r.get::<_, String>(2)?),
            owner: r.get(3)?,
            due_at: r.get(4)?,
            indicator: Indicator::parse(&indicator).unwrap_or(Indicator::Created),
            target: r.get(6)?,
            baseline: r.get(7)?,
            rule: r.get(8)?,
            status: PlanStatus::parse(&status).unwrap_or(PlanStatus::Plan),
            note: SafeText::new(&r.get::<_, String>(10)?),
            created_at: r.get(11)?,
        },
        indicator,
        status,
    ))
}

/// A stored value this binary does not know is refused by name rather than read as something else.
fn checked(number: i64, (row, indicator, status): (PlanRow, String, String)) -> Result<PlanRow> {
    let fix_indicator = format!(
        "sqlite3 DB \"UPDATE improvement_actions SET indicator = 'csat' WHERE number = {number}\""
    );
    let fix_status = format!("desk plan set {number} status=plan");
    for (field, value, known, fix) in [
        (
            "indicator",
            indicator.as_str(),
            Indicator::parse(&indicator).is_some(),
            fix_indicator,
        ),
        (
            "status",
            status.as_str(),
            PlanStatus::parse(&status).is_some(),
            fix_status,
        ),
    ] {
        if !known {
            return Err(StoreError::BadValue {
                entity: "improvement action",
                id: format!("P{number}"),
                field,
                value: value.to_string(),
                fix,
            });
        }
    }
    Ok(row)
}

fn agent_id(tx: &Transaction<'_>, handle: &str) -> Result<String> {
    tx.prepare_cached("SELECT id FROM agents WHERE handle = ?1 AND active = 1")?
        .query_row(params![handle], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            entity: "agent",
            id: handle.to_string(),
        })
}

impl Store {
    /// Makes an action; returns its number (`P3`).
    pub fn add_plan(&mut self, p: &NewPlan, now: i64) -> Result<i64> {
        let title = p.title.trim().to_string();
        if title.is_empty() {
            return Err(StoreError::Refused(
                "an improvement action needs a title".into(),
            ));
        }
        self.write(|tx, log, _| {
            let owner = p.owner.as_deref().map(|h| agent_id(tx, h)).transpose()?;
            let number: i64 = tx
                .prepare_cached("SELECT coalesce(max(number), 0) + 1 FROM improvement_actions")?
                .query_row([], |r| r.get(0))?;
            let id = new_id();
            tx.prepare_cached(
                "INSERT INTO improvement_actions(id, number, title, owner_id, due_at, indicator, target, baseline,
                                                 rule, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            )?
            .execute(params![
                id,
                number,
                title,
                owner,
                p.due_at,
                p.indicator.as_str(),
                p.target,
                p.baseline,
                p.rule,
                now
            ])?;
            log.append(tx, "plan", &id, "created", None, Some(&title), now)?;
            Ok(number)
        })
    }

    /// Changes an action; a status must be a step the cycle allows.
    pub fn set_plan(&mut self, number: i64, e: &PlanEdit, now: i64) -> Result<PlanRow> {
        self.write(|tx, log, _| {
            let (id, status): (String, String) = tx
                .prepare_cached("SELECT id, status FROM improvement_actions WHERE number = ?1")?
                .query_row(params![number], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| StoreError::NotFound {
                    entity: "improvement action",
                    id: format!("P{number}"),
                })?;
            if let Some(to) = e.status {
                // An unknown stored status is mended by setting any known one.
                let from = PlanStatus::parse(&status).unwrap_or(to);
                if let Some(why) = from.refusal(number, to).filter(|_| from != to) {
                    return Err(StoreError::Refused(why));
                }
                if from != to {
                    tx.prepare_cached("UPDATE improvement_actions SET status = ?1 WHERE id = ?2")?
                        .execute(params![to.as_str(), id])?;
                    log.append(tx, "plan", &id, "status", Some(&status), Some(to.as_str()), now)?;
                }
            }
            if let Some(owner) = &e.owner {
                let owner_id = owner.as_deref().map(|h| agent_id(tx, h)).transpose()?;
                tx.prepare_cached("UPDATE improvement_actions SET owner_id = ?1 WHERE id = ?2")?
                    .execute(params![owner_id, id])?;
                log.append(tx, "plan", &id, "owner", None, owner.as_deref(), now)?;
            }
            if let Some(due) = e.due_at {
                tx.prepare_cached("UPDATE improvement_actions SET due_at = ?1 WHERE id = ?2")?
                    .execute(params![due, id])?;
                log.append(tx, "plan", &id, "due_at", None, Some(&due.to_string()), now)?;
            }
            if let Some(note) = &e.note {
                tx.prepare_cached("UPDATE improvement_actions SET note = ?1 WHERE id = ?2")?
                    .execute(params![note.trim(), id])?;
                log.append(tx, "plan", &id, "note", None, Some(note.trim()), now)?;
            }
            tx.prepare_cached("UPDATE improvement_actions SET updated_at = ?1 WHERE id = ?2")?
                .execute(params![now, id])?;
            let r = tx
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM improvement_actions p LEFT JOIN agents a ON a.id = p.owner_id
                     WHERE p.id = ?1"
                ))?
                .query_row(params![id], row)?;
            checked(number, r)
        })
    }

    pub fn plan(&self, number: i64) -> Result<Option<PlanRow>> {
        let r = self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM improvement_actions p LEFT JOIN agents a ON a.id = p.owner_id
                 WHERE p.number = ?1"
            ))?
            .query_row(params![number], row)
            .optional()?;
        r.map(|r| checked(number, r)).transpose()
    }

    /// The change log of action `number`, oldest first; `None` when there is no such action.
    pub fn plan_history(&self, number: i64) -> Result<Option<Vec<super::changes::ChangeRow>>> {
        let id: Option<String> = self
            .conn
            .prepare_cached("SELECT id FROM improvement_actions WHERE number = ?1")?
            .query_row(params![number], |r| r.get(0))
            .optional()?;
        id.map(|id| self.history("plan", &id)).transpose()
    }

    /// Actions soonest due first, keyset-paged on (due, rowid); with `open_only`, those not yet at act.
    pub fn plans(&self, open_only: bool, req: PageRequest, limit: usize) -> Result<Page<PlanRow>> {
        let mut c = paging::Clauses::default();
        if open_only {
            c.push("p.status <> 'act'");
        }
        let tail = c.keyset(req, "p.due_at", "p.rowid", limit, false);
        let sql = format!(
            "SELECT {COLUMNS} FROM improvement_actions p INDEXED BY improvement_actions_due
             LEFT JOIN agents a ON a.id = p.owner_id{}{tail}",
            c.where_sql()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let raw = stmt
            .query_map(rusqlite::params_from_iter(c.params.iter()), row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let rows = raw
            .into_iter()
            .map(|r| {
                let n = r.0.number;
                checked(n, r)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(paging::finish(rows, req, limit))
    }
}
