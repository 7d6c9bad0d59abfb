//! The receiving side: a peer's batch applied in one write transaction — rows first, then change-log entries in
//! clock order, then what derives from them, then the marks.

use super::super::changes::ChangeLog;
use super::super::hlc::parse_hlc;
use super::super::sla::ServiceRules;
use super::super::{Result, Store, StoreError};
use super::decide::{clash, moot, refusal, settled};
use super::tables::{self, Merge, Table};
use super::{Batch, Cell, LogEntry, MAX_CLOCK_AHEAD_MS, RowImage, is_replica, newer};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::{BTreeSet, HashMap};

/// What applying one batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Applied {
    /// Change-log entries new to this side.
    pub changes: usize,
    /// Rows written (added, replaced or removed).
    pub rows: usize,
    /// Concurrent edits of one field found here (the loser kept in history and listed).
    pub conflicts: usize,
    /// Changes the hub refused (the author's role did not allow them); undone by a later entry.
    pub refused: usize,
    /// Provisional ticket numbers given their final number here (only on a hub).
    pub numbered: Vec<(i64, i64)>,
}

impl Store {
    /// Applies `batch` from a peer. Idempotent: entries and rows already here change nothing.
    pub fn apply_batch(&mut self, batch: &Batch, now: i64) -> Result<Applied> {
        let newest = check_clocks(batch, now)?;
        let mut rows: Vec<&RowImage> = batch.rows.iter().collect();
        rows.sort_by_key(|r| tables::rank(&r.table));
        let mut entries: Vec<&LogEntry> = batch.changes.iter().collect();
        entries.sort_by(|a, b| (&a.hlc, &a.replica).cmp(&(&b.hlc, &b.replica)));
        let me = self.replica().to_string();
        self.write(|tx, log, rules| {
            if let Some(seen) = newest {
                log.hlc.observe(seen);
            }
            // Rows arrive parents first, but a row may name one that comes later in the batch.
            tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            let mut run = Run {
                tx,
                log,
                me: &me,
                hub: !is_replica(tx)?,
                from: &batch.from,
                now,
                applied: Applied::default(),
                tickets: BTreeSet::new(),
                customers: BTreeSet::new(),
                renumbered: Vec::new(),
                columns: HashMap::new(),
            };
            for r in &rows {
                run.row(r)?;
            }
            for e in &entries {
                run.entry(e)?;
            }
            run.derive(rules)?;
            tx.execute(
                // The sender's ends as it sent them (not the larger of old and new: a sender restored from a backup
                // starts lower, and its new entries must not hide under the old marks).
                "INSERT INTO sync_peers(peer, got_change, got_row, got_change_id, synced_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(peer) DO UPDATE SET got_change = excluded.got_change, got_row = excluded.got_row,
                    got_change_id = excluded.got_change_id, synced_at = excluded.synced_at, error = NULL",
                params![batch.from, batch.upto_change, batch.upto_row, batch.upto_change_id, now],
            )?;
            Ok(run.applied)
        })
    }
}

/// The newest stamp in `batch`, refused when it is further ahead of this machine's clock than any honest clock
/// would be.
pub(super) fn check_clocks(batch: &Batch, now: i64) -> Result<Option<(i64, u32)>> {
    let newest = batch
        .changes
        .iter()
        .map(|e| (e.hlc.as_str(), e.replica.as_str()))
        .chain(
            batch
                .rows
                .iter()
                .map(|r| (r.hlc.as_str(), r.replica.as_str())),
        )
        .max();
    let Some((hlc, replica)) = newest else {
        return Ok(None);
    };
    let Some((ms, counter)) = parse_hlc(hlc) else {
        return Err(StoreError::Refused(format!(
            "replica {replica} sent a change stamped {hlc:?}, which is not a clock stamp; nothing was taken"
        )));
    };
    let ahead = ms - now * 1000;
    if ahead > MAX_CLOCK_AHEAD_MS {
        return Err(StoreError::Refused(format!(
            "the clock of replica {replica} runs {} minutes ahead of this machine's (a change stamped {}); set the \
             clock right on the machine that is wrong and sync again — nothing was taken",
            ahead / 60_000,
            chrono::DateTime::from_timestamp_millis(ms).map_or_else(
                || ms.to_string(),
                |t| t.format("%Y-%m-%d %H:%M UTC").to_string()
            )
        )));
    }
    Ok(Some((ms, counter)))
}

/// The newest entry of one field on this side other than the one being applied.
struct Current {
    id: String,
    hlc: String,
    replica: String,
    old: Option<String>,
    new: Option<String>,
}

pub(super) struct Run<'a, 't> {
    pub(super) tx: &'a Transaction<'t>,
    pub(super) log: &'a mut ChangeLog,
    pub(super) me: &'a str,
    /// A hub gives final numbers and refuses what a role does not allow; a replica takes what its hub decided.
    pub(super) hub: bool,
    pub(super) from: &'a str,
    pub(super) now: i64,
    pub(super) applied: Applied,
    pub(super) tickets: BTreeSet<String>,
    pub(super) customers: BTreeSet<String>,
    /// Tickets given their final number here: (id, provisional, final).
    pub(super) renumbered: Vec<(String, i64, i64)>,
    pub(super) columns: HashMap<&'static str, Vec<String>>,
}

impl Run<'_, '_> {
    fn columns(&mut self, table: &'static Table) -> Result<Vec<String>> {
        if let Some(c) = self.columns.get(table.name) {
            return Ok(c.clone());
        }
        let cols = tables::columns(self.tx, table)?;
        self.columns.insert(table.name, cols.clone());
        Ok(cols)
    }

    fn row(&mut self, r: &RowImage) -> Result<()> {
        let Some(table) = tables::table(&r.table) else {
            return Err(StoreError::Refused(format!(
                "replica {} sent rows of table {:?}, which this desk does not know; update desk here to the \
                 version the other side runs and sync again — nothing was taken",
                self.from, r.table
            )));
        };
        let cols = self.columns(table)?;
        match table.merge {
            Merge::Fields(_) => {
                let Some(data) = &r.row else { return Ok(()) };
                if tables::exists(self.tx, table, &r.key)? {
                    return Ok(());
                }
                let mut data = data.clone();
                let provisional = match data.get("number") {
                    Some(Cell::Int(n)) if table.name == "tickets" && *n < 0 && self.hub => Some(*n),
                    _ => None,
                };
                let number = match provisional {
                    Some(_) => {
                        let f = super::super::ticket_write::final_number(self.tx)?;
                        data.insert("number".into(), Cell::Int(f));
                        Some(f)
                    }
                    None => None,
                };
                tables::upsert_row(self.tx, table, &cols, &data)
                    .map_err(|e| clash(e, r, self.from))?;
                stamp_row(self.tx, table.name, &r.key, &r.hlc, &r.replica)?;
                if let (Some(p), Some(f)) = (provisional, number) {
                    let (p_text, f_text) = (p.to_string(), f.to_string());
                    self.log.append(
                        self.tx,
                        "ticket",
                        &r.key,
                        "number",
                        Some(&p_text),
                        Some(&f_text),
                        self.now,
                    )?;
                    self.applied.numbered.push((p, f));
                    self.renumbered.push((r.key.clone(), p, f));
                    renumbered(self.tx, p, &r.replica, &r.key)?;
                }
                self.touch(table, &r.key, Some(&data));
            }
            Merge::Rows => {
                let local: Option<(String, String)> = self
                    .tx
                    .prepare_cached(
                        "SELECT hlc, replica FROM sync_rows WHERE tbl = ?1 AND key = ?2 AND hlc IS NOT NULL
                         ORDER BY hlc DESC, replica DESC LIMIT 1",
                    )?
                    .query_row(params![r.table, r.key], |x| Ok((x.get(0)?, x.get(1)?)))
                    .optional()?;
                if let Some((hlc, replica)) = &local
                    && !newer((&r.hlc, &r.replica), (hlc, replica))
                {
                    return Ok(());
                }
                let before = counted(self.tx, table, &cols, &r.key)?;
                let written = match &r.row {
                    Some(data) => tables::upsert_row(self.tx, table, &cols, data),
                    None => tables::delete_row(self.tx, table, &r.key),
                };
                written.map_err(|e| clash(e, r, self.from))?;
                stamp_row(self.tx, table.name, &r.key, &r.hlc, &r.replica)?;
                self.recount(table, before, r.row.as_ref())?;
                self.touch(table, &r.key, r.row.as_ref());
            }
        }
        self.applied.rows += 1;
        Ok(())
    }

    /// Keeps an article's vote and use counts in step with the vote and use rows it received (the counts are
    /// kept by the write that adds a vote, so a received vote moves them the same way).
    fn recount(
        &mut self,
        table: &Table,
        before: Option<Counted>,
        after: Option<&super::RowData>,
    ) -> Result<()> {
        let now = after.and_then(|d| counted_of(table, d));
        if before == now {
            return Ok(());
        }
        let (article, up, down, uses) = match (before, now) {
            (Some(Counted::Vote(a, h0)), Some(Counted::Vote(_, h1))) => (
                a,
                i64::from(h1) - i64::from(h0),
                i64::from(h0) - i64::from(h1),
                0,
            ),
            (None, Some(Counted::Vote(a, h))) => (a, i64::from(h), i64::from(!h), 0),
            (Some(Counted::Vote(a, h)), None) => (a, -i64::from(h), -i64::from(!h), 0),
            (None, Some(Counted::Use(a))) => (a, 0, 0, 1),
            (Some(Counted::Use(a)), None) => (a, 0, 0, -1),
            _ => return Ok(()),
        };
        self.tx
            .prepare_cached(
                "UPDATE articles SET helpful_up = max(helpful_up + ?2, 0), helpful_down = max(helpful_down + ?3, 0),
                                     uses = max(uses + ?4, 0) WHERE id = ?1",
            )?
            .execute(params![article, up, down, uses])?;
        Ok(())
    }

    /// Notes what derived data a received row changes.
    fn touch(&mut self, table: &Table, key: &str, data: Option<&super::RowData>) {
        let text = |c: &str| match data.and_then(|d| d.get(c)) {
            Some(Cell::Text(s)) => Some(s.clone()),
            _ => None,
        };
        match table.name {
            "tickets" => {
                self.tickets.insert(key.to_string());
            }
            "customers" => {
                self.customers.insert(key.to_string());
            }
            "messages" | "surveys" | "escalations" => {
                if let Some(t) = text("ticket_id") {
                    self.tickets.insert(t);
                }
            }
            _ => {}
        }
    }

    fn entry(&mut self, e: &LogEntry) -> Result<()> {
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO changes(id, hlc, replica, actor, entity, entity_id, field, old, new, at, action)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                e.id, e.hlc, e.replica, e.actor, e.entity, e.entity_id, e.field, e.old, e.new, e.at, e.action
            ])?;
        if inserted == 0 {
            return Ok(());
        }
        self.applied.changes += 1;
        match e.field.as_str() {
            "conflict_found" => return self.conflict_found(e),
            "conflict_settled" => return settled(self.tx, e),
            _ => {}
        }
        if e.entity == "ticket" {
            self.tickets.insert(e.entity_id.clone());
            // The hub made a provisional number final: it keeps finding the ticket here.
            if e.field == "number"
                && let Some(old) = e
                    .old
                    .as_deref()
                    .and_then(|o| o.parse::<i64>().ok())
                    .filter(|o| *o < 0)
            {
                let creator: Option<String> = self
                    .tx
                    .prepare_cached(
                        "SELECT replica FROM changes WHERE entity = 'ticket' AND entity_id = ?1 AND field = 'created'",
                    )?
                    .query_row(params![e.entity_id], |r| r.get(0))
                    .optional()?;
                renumbered(
                    self.tx,
                    old,
                    creator.as_deref().unwrap_or_default(),
                    &e.entity_id,
                )?;
                // The replica that sends a PostgreSQL hub's mail sends queued replies with the final number.
                if let Some(new) = e.new.as_deref()
                    && super::runs_hub_duties(self.tx)?
                {
                    self.tx
                        .prepare_cached(
                            "UPDATE outbox SET subject = replace(subject, ?2, ?3) WHERE ticket_id = ?1 AND state <> 'sent'",
                        )?
                        .execute(params![e.entity_id, format!("[#{old}]"), format!("[#{new}]")])?;
                }
            }
        }
        let Some((table, column)) = tables::merged_field(&e.entity, &e.field) else {
            return Ok(());
        };
        if self.hub
            && e.replica != self.me
            && let Some(reason) = refusal(self.tx, e)?
        {
            return self.refuse(e, table, column, reason);
        }
        let current = current(self.tx, e)?;
        let wins = current
            .as_ref()
            .is_none_or(|c| newer((&e.hlc, &e.replica), (&c.hlc, &c.replica)));
        if wins {
            // Names come from TABLES and the Mutable field lists, never from the batch.
            self.tx
                .prepare_cached(&format!(
                    "UPDATE {} SET {column} = ?1, version = version + 1, updated_at = max(updated_at, ?2) WHERE id = ?3",
                    table.name
                ))?
                .execute(params![e.new, e.at, e.entity_id])?;
            if e.entity == "customer" {
                self.customers.insert(e.entity_id.clone());
            }
            moot(self.tx, &e.entity, &e.entity_id, &e.field, e.new.as_deref())?;
        }
        if let Some(c) = current
            && c.replica != e.replica
        {
            // Concurrent when the later change was made without seeing the earlier one's value.
            let (loser, winner, loser_new, winner_old) = if wins {
                (&c.id, &e.id, &c.new, &e.old)
            } else {
                (&e.id, &c.id, &e.new, &c.old)
            };
            if winner_old != loser_new {
                self.conflict(loser, winner, None)?;
            }
        }
        Ok(())
    }

    /// Recomputes what derives from the merged facts, and on the hub repairs what a merge made inconsistent.
    fn derive(&mut self, rules: &ServiceRules) -> Result<()> {
        let mut tickets = std::mem::take(&mut self.tickets);
        if self.hub {
            for id in tickets.clone() {
                if let Some(into) = self.repair_merged(&id)? {
                    tickets.insert(into);
                }
            }
        }
        for id in &tickets {
            super::super::sla::refresh(self.tx, rules, id, self.now)?;
        }
        // Replies queued on the replica name the provisional number in their subject; they go out with the final one.
        for (id, p, f) in std::mem::take(&mut self.renumbered) {
            self.tx
                .prepare_cached(
                    "UPDATE outbox SET subject = replace(subject, ?2, ?3) WHERE ticket_id = ?1 AND state <> 'sent'",
                )?
                .execute(params![id, format!("[#{p}]"), format!("[#{f}]")])?;
        }
        for id in std::mem::take(&mut self.customers) {
            super::super::phones::sync(self.tx, &id)?;
        }
        Ok(())
    }
}

/// What a vote or use row counts for: its article, and for a vote whether it said helpful.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Counted {
    Vote(String, bool),
    Use(String),
}

fn counted_of(table: &Table, d: &super::RowData) -> Option<Counted> {
    let article = match d.get("article_id") {
        Some(Cell::Text(a)) => a.clone(),
        _ => return None,
    };
    match table.name {
        "article_votes" => Some(Counted::Vote(
            article,
            matches!(d.get("helpful"), Some(Cell::Int(1))),
        )),
        "article_uses" => Some(Counted::Use(article)),
        _ => None,
    }
}

fn counted(
    tx: &Transaction<'_>,
    table: &Table,
    cols: &[String],
    key: &str,
) -> Result<Option<Counted>> {
    if !matches!(table.name, "article_votes" | "article_uses") {
        return Ok(None);
    }
    Ok(tables::read_row(tx, table, cols, key)?.and_then(|d| counted_of(table, &d)))
}

/// Notes that `ticket_id` once had the provisional number `old`, given by replica `creator`.
fn renumbered(tx: &Transaction<'_>, old: i64, creator: &str, ticket_id: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO ticket_renumbered(old, creator, ticket_id) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![old, creator, ticket_id])?;
    Ok(())
}

/// Gives the `sync_rows` entries a received write just made (through the triggers) the stamp it was made with;
/// a write that changed nothing here (the row was already so) still records the stamp.
pub(super) fn stamp_row(
    tx: &Transaction<'_>,
    tbl: &str,
    key: &str,
    hlc: &str,
    replica: &str,
) -> Result<()> {
    let n = tx
        .prepare_cached(
            "UPDATE sync_rows SET hlc = ?3, replica = ?4 WHERE tbl = ?1 AND key = ?2 AND hlc IS NULL",
        )?
        .execute(params![tbl, key, hlc, replica])?;
    if n == 0 {
        tx.prepare_cached("INSERT INTO sync_rows(tbl, key, hlc, replica) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![tbl, key, hlc, replica])?;
    }
    Ok(())
}

fn current(tx: &Transaction<'_>, e: &LogEntry) -> Result<Option<Current>> {
    Ok(tx
        .prepare_cached(
            "SELECT id, hlc, replica, old, new FROM changes
             WHERE entity = ?1 AND entity_id = ?2 AND field = ?3 AND id <> ?4
             ORDER BY hlc DESC, replica DESC LIMIT 1",
        )?
        .query_row(params![e.entity, e.entity_id, e.field, e.id], |r| {
            Ok(Current {
                id: r.get(0)?,
                hlc: r.get(1)?,
                replica: r.get(2)?,
                old: r.get(3)?,
                new: r.get(4)?,
            })
        })
        .optional()?)
}
