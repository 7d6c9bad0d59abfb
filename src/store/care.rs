//! Care (客户关怀) and win-back (挽回) tasks: scheduling birthdays and anniversaries ahead, the "Care due" list,
//! and completing a task.

use rusqlite::{OptionalExtension, params};

use super::changes::with_retry;
use super::{Result, Store, StoreError};
use crate::domain::care::{Occasion, month_day_ranges, occasions};
use crate::domain::crm_why::TaskNote;
use crate::domain::text::SafeText;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CareItem {
    pub task_id: String,
    pub customer_id: String,
    pub customer: SafeText,
    /// care | win_back
    pub kind: String,
    pub due_at: i64,
    pub note: TaskNote,
}

impl Store {
    /// Creates a care task for every birthday and customer anniversary in the next `care_ahead_days`; running it
    /// again creates nothing new (one task per customer, kind and due time). Returns how many were added.
    pub fn schedule_care(&mut self, now: i64) -> Result<usize> {
        let crm = self.rules.crm.clone();
        let today = crm.local_date(now);
        let mut due: Vec<(String, i64, String)> = Vec::new();
        for (from, to) in month_day_ranges(today, crm.care_ahead_days) {
            // Two index ranges: birthdays by month/day, first orders by their month/day.
            let visible = super::bulk_jobs::visible("customers");
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT id, birthday, first_order_at FROM customers
                 WHERE birthday IS NOT NULL AND substr(birthday, -5) BETWEEN ?1 AND ?2 AND merged_into IS NULL
                   AND {visible}
                 UNION
                 SELECT id, birthday, first_order_at FROM customers
                 WHERE anniversary_md IS NOT NULL AND anniversary_md BETWEEN ?1 AND ?2 AND merged_into IS NULL
                   AND {visible}"
            ))?;
            let rows = stmt.query_map(params![from, to], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                ))
            })?;
            for row in rows {
                let (id, birthday, first) = row?;
                let first = first.map(|t| crm.local_date(t));
                for (on, occasion) in
                    occasions(birthday.as_deref(), first, today, crm.care_ahead_days)
                {
                    // Different hours keep a birthday and an anniversary on one day as two tasks.
                    let hour = match occasion {
                        Occasion::Birthday => 9,
                        Occasion::Anniversary { .. } => 10,
                    };
                    due.push((
                        id.clone(),
                        crm.local_time(on, hour),
                        crate::domain::crm_why::encode(&occasion.note(on)),
                    ));
                }
            }
        }
        if due.is_empty() {
            return Ok(0);
        }
        let path = self.path.clone();
        with_retry(&path, || {
            let tx = self.begin_write()?;
            let mut added = 0;
            for (customer, at, note) in &due {
                added += tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO tasks(id, kind, customer_id, due_at, note, created_at, updated_at)
                         VALUES (?1, 'care', ?2, ?3, ?4, ?5, ?5)",
                    )?
                    .execute(params![
                        super::care_task_id("care", customer, *at),
                        customer,
                        at,
                        note,
                        now
                    ])?;
            }
            tx.commit()?;
            Ok(added)
        })
    }

    /// Open care and win-back tasks due before `until` (None: all), soonest first.
    pub fn care_due(&self, until: Option<i64>, limit: usize) -> Result<Vec<CareItem>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT k.id, c.id, c.name, k.kind, k.due_at, k.note
                 FROM tasks k JOIN customers c ON c.id = k.customer_id
                 WHERE k.done_at IS NULL AND k.kind IN ('care', 'win_back') AND k.due_at < ?1
                 ORDER BY k.due_at LIMIT ?2",
            )?
            .query_map(params![until.unwrap_or(i64::MAX), limit as i64], |r| {
                Ok(CareItem {
                    task_id: r.get(0)?,
                    customer_id: r.get(1)?,
                    customer: SafeText::new(&r.get::<_, String>(2)?),
                    kind: r.get(3)?,
                    due_at: r.get(4)?,
                    note: TaskNote::read(&r.get::<_, String>(5)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Marks a care or win-back task done, with an optional note of what was done.
    pub fn complete_care(&mut self, task_id: &str, outcome: Option<&str>, now: i64) -> Result<()> {
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let found: Option<(String, Option<i64>)> = tx
                .query_row(
                    "SELECT customer_id, done_at FROM tasks WHERE id = ?1 AND kind IN ('care', 'win_back')",
                    params![task_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((customer, done)) = found else {
                return Err(StoreError::NotFound {
                    entity: "care task",
                    id: task_id.into(),
                });
            };
            if done.is_some() {
                return Err(StoreError::Refused(format!(
                    "care task {task_id} is already done"
                )));
            }
            super::changes::update_row(
                &tx,
                &mut log,
                super::changes::Mutable::Task,
                task_id,
                None,
                &["done_at", "outcome"],
                &[
                    ("done_at", super::Value::Int(now)),
                    ("outcome", super::Value::from(outcome.unwrap_or("done"))),
                ],
                now,
            )?;
            log.append(
                &tx,
                "customer",
                &customer,
                "care_done",
                None,
                outcome.or(Some("done")),
                now,
            )?;
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(())
        })
    }
}
