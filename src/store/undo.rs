//! Undo: the agent's last action on tickets (field changes, tags, assignment, status, merge, link, a bulk
//! change) is reversed by a new action that logs every value it puts back — history only grows. It is refused
//! when someone changed one of the same fields since, when it is older than the window, and for sent messages.

use super::changes::{ChangeLog, Mutable, Value, update_row};
use super::service_loop::on_status_change;
use super::sla::ServiceRules;
use super::{Result, Store, StoreError};
use crate::domain::ticket::Status;
use crate::domain::ticket_fields::{self, Place, Show};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::BTreeMap;

/// What an undo put back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    /// The tickets it touched, by number.
    pub tickets: Vec<i64>,
    /// Each reversal in words, as history says it (`status Pending → Open`).
    pub changes: Vec<String>,
}

/// One logged entry of the action being undone.
struct Entry {
    seq: i64,
    entity_id: String,
    field: String,
    old: Option<String>,
    new: Option<String>,
}

/// Fields a write sets as a side effect and the undo recomputes instead of restoring.
fn recomputed(field: &str) -> bool {
    matches!(field, "updated_at" | "loop_stage" | "follow_up_due_at")
}

impl Store {
    /// Undoes this agent's most recent action that is not undone yet, if it is at most `window` seconds old.
    pub fn undo_last(&mut self, window: i64, now: i64) -> Result<Undone> {
        let Some(me) = self.actor.clone() else {
            return Err(StoreError::Refused(
                "undo needs to know who you are: set agent.handle in the config".into(),
            ));
        };
        self.write(|tx, log, rules| undo(tx, log, rules, &me, window, now))
    }
}

fn undo(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    me: &str,
    window: i64,
    now: i64,
) -> Result<Undone> {
    let Some((action, at)) = last_action(tx, me)? else {
        return Err(StoreError::Refused("you have no change to undo".into()));
    };
    if now - at > window {
        return Err(StoreError::Refused(format!(
            "your last change is {} minutes old; undo reaches back {} minutes (ui.undo_minutes)",
            (now - at) / 60,
            window / 60
        )));
    }
    let all: Vec<(String, Entry)> = tx
        .prepare(
            "SELECT seq, entity, entity_id, field, old, new FROM changes WHERE action = ?1 ORDER BY seq",
        )?
        .query_map(params![action], |r| {
            Ok((
                r.get(1)?,
                Entry {
                    seq: r.get(0)?,
                    entity_id: r.get(2)?,
                    field: r.get(3)?,
                    old: r.get(4)?,
                    new: r.get(5)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Tasks and customer stages a ticket write moved are side effects the undo recomputes.
    let first_entity = all.first().map(|(e, _)| e.clone()).unwrap_or_default();
    let entries: Vec<Entry> = all
        .into_iter()
        .filter(|(entity, _)| entity == "ticket")
        .map(|(_, e)| e)
        .collect();
    if entries.is_empty() {
        return Err(StoreError::Refused(format!(
            "your last change was to a {first_entity}; only changes to tickets can be undone"
        )));
    }
    let number = |id: &str| -> Result<i64> {
        Ok(tx.query_row(
            "SELECT number FROM tickets WHERE id = ?1",
            params![id],
            |r| r.get(0),
        )?)
    };
    for e in &entries {
        if matches!(
            e.field.as_str(),
            "reply" | "note" | "customer_message" | "created" | "visit" | "return"
        ) {
            let what = match e.field.as_str() {
                "created" => "a new ticket",
                // Visits and returns move stock and promises to customers; they are changed forward, not undone.
                "visit" => "an on-site visit (change it with `desk visit set`)",
                "return" => "a return request (change it with `desk return set`)",
                _ => "a sent reply or note",
            };
            return Err(StoreError::Refused(format!(
                "#{}: your last change was {what}, which cannot be undone; follow up with another message instead",
                number(&e.entity_id)?
            )));
        }
    }
    check_nobody_since(tx, &action, &entries, &number)?;
    let mut out = Undone {
        tickets: Vec::new(),
        changes: Vec::new(),
    };
    let names = |show: Show, id: &str| -> Option<String> { name(tx, show, id) };
    let words = ticket_fields::ChangeWords {
        names: &names,
        offset: 0,
        date_format: "%Y-%m-%d %H:%M",
    };
    // Fields, per ticket, back to their value before the action (the first entry of a field holds it).
    let mut fields: BTreeMap<&str, Vec<(&'static str, Value)>> = BTreeMap::new();
    for e in &entries {
        let Some(d) = ticket_fields::by_log_name(&e.field) else {
            continue;
        };
        let (Some(column), false) = (d.log, recomputed(&e.field)) else {
            continue;
        };
        let list = fields.entry(e.entity_id.as_str()).or_default();
        if list.iter().any(|(c, _)| *c == column) {
            continue;
        }
        let value = match (&e.old, d.show) {
            (None, _) => Value::Null,
            (Some(v), Show::Time) => v.parse().map_or(Value::Text(v.clone()), Value::Int),
            (Some(v), _) => Value::Text(v.clone()),
        };
        list.push((column, value));
        if d.place != Place::Internal {
            // Said the other way round: what the field goes back to.
            out.changes.push(format!(
                "#{} {}",
                number(&e.entity_id)?,
                ticket_fields::describe_change(
                    &e.field,
                    e.new.as_deref(),
                    e.old.as_deref(),
                    &words
                )
            ));
        }
    }
    let touched: Vec<&str> = {
        let mut ids: Vec<&str> = entries.iter().map(|e| e.entity_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    // Newest first, so a tag added and removed in one action ends as it began.
    for e in entries.iter().rev() {
        reverse_event(tx, log, e, &number, &mut out, now)?;
    }
    for id in &touched {
        let before = status_of(tx, id)?;
        if let Some(list) = fields.get(id) {
            let columns: Vec<&'static str> = list.iter().map(|(c, _)| *c).collect();
            let named: Vec<(&str, Value)> = list.iter().map(|(c, v)| (*c, v.clone())).collect();
            update_row(tx, log, Mutable::Ticket, id, None, &columns, &named, now)?;
        }
        tx.execute(
            "UPDATE tickets SET version = version + 1, updated_at = ?1 WHERE id = ?2",
            params![now, id],
        )?;
        let after = status_of(tx, id)?;
        on_status_change(tx, log, rules, id, before, after, now)?;
        super::crm::refresh_ticket_customer(tx, log, rules, id, now)?;
        super::sla::refresh(tx, rules, id, now)?;
        out.tickets.push(number(id)?);
    }
    tx.execute(
        "INSERT INTO undone(action, by_action, at) VALUES (?1, ?2, ?3)",
        params![action, log.action, now],
    )?;
    out.tickets.sort_unstable();
    Ok(out)
}

/// This agent's newest action (and when it ended) that neither was undone nor is itself an undo.
fn last_action(tx: &Transaction<'_>, me: &str) -> Result<Option<(String, i64)>> {
    let recent: Vec<(String, i64)> = tx
        .prepare_cached(
            "SELECT action, at FROM changes WHERE actor = ?1 AND action IS NOT NULL ORDER BY seq DESC LIMIT 5000",
        )?
        .query_map(params![me], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut seen: Vec<&str> = Vec::new();
    let mut done =
        tx.prepare_cached("SELECT 1 FROM undone WHERE action = ?1 OR by_action = ?1 LIMIT 1")?;
    for (action, at) in &recent {
        if seen.contains(&action.as_str()) {
            continue;
        }
        seen.push(action);
        if !done.exists(params![action])? {
            return Ok(Some((action.clone(), *at)));
        }
    }
    Ok(None)
}

/// Refuses when anyone (this agent included) changed one of the action's fields later: undo would overwrite it.
/// Later actions that were undone (and their undos) cancel out and do not count.
fn check_nobody_since(
    tx: &Transaction<'_>,
    action: &str,
    entries: &[Entry],
    number: &dyn Fn(&str) -> Result<i64>,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT coalesce(actor, 'someone'), new FROM changes
         WHERE entity = 'ticket' AND entity_id = ?1 AND field = ?2 AND seq > ?3 AND action IS NOT ?4
           AND (action IS NULL OR action NOT IN (SELECT action FROM undone UNION SELECT by_action FROM undone))
         ORDER BY seq",
    )?;
    for e in entries {
        if recomputed(&e.field) || ticket_fields::is_bookkeeping(&e.field) {
            continue;
        }
        let later: Vec<(String, Option<String>)> = stmt
            .query_map(params![e.entity_id, e.field, e.seq, action], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // A tag is only in the way if the same tag moved since.
        let tag = e.new.as_deref().map(|t| t.trim_start_matches(['+', '-']));
        let clash = later.iter().find(|(_, new)| {
            e.field != "tags" || new.as_deref().map(|t| t.trim_start_matches(['+', '-'])) == tag
        });
        if let Some((who, _)) = clash {
            let field = ticket_fields::by_log_name(&e.field).map_or(e.field.as_str(), |d| d.key);
            return Err(StoreError::Refused(format!(
                "#{}: {who} changed {field} since; undo would overwrite that, so nothing was undone",
                number(&e.entity_id)?
            )));
        }
    }
    Ok(())
}

/// Reverses what is not a plain field: tags, links, the messages a merge moved.
fn reverse_event(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    e: &Entry,
    number: &dyn Fn(&str) -> Result<i64>,
    out: &mut Undone,
    now: i64,
) -> Result<()> {
    match (e.field.as_str(), e.new.as_deref()) {
        ("tags", Some(change)) => {
            let (sign, tag) = change.split_at_checked(1).unwrap_or(("+", change));
            let (sql, back) = if sign == "+" {
                (
                    "DELETE FROM tags WHERE entity = 'ticket' AND entity_id = ?1 AND tag = ?2",
                    '-',
                )
            } else {
                (
                    "INSERT OR IGNORE INTO tags(entity, entity_id, tag) VALUES ('ticket', ?1, ?2)",
                    '+',
                )
            };
            if tx.execute(sql, params![e.entity_id, tag])? > 0 {
                let entry = format!("{back}{tag}");
                log.append(tx, "ticket", &e.entity_id, "tags", None, Some(&entry), now)?;
                out.changes
                    .push(format!("#{} tags {entry}", number(&e.entity_id)?));
            }
        }
        ("linked", Some(other)) => {
            let other_id: Option<String> = tx
                .query_row(
                    "SELECT id FROM tickets WHERE number = ?1",
                    params![other.parse::<i64>().unwrap_or_default()],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(other_id) = other_id {
                tx.execute(
                    "DELETE FROM ticket_links WHERE (a = ?1 AND b = ?2) OR (a = ?2 AND b = ?1)",
                    params![e.entity_id, other_id],
                )?;
                log.append(
                    tx,
                    "ticket",
                    &e.entity_id,
                    "unlinked",
                    None,
                    Some(other),
                    now,
                )?;
                out.changes
                    .push(format!("#{} unlinked from #{other}", number(&e.entity_id)?));
            }
        }
        ("moved_messages", Some(ids)) => {
            let mut moved = 0;
            for id in ids.split(',').filter(|s| !s.is_empty()) {
                moved += tx.execute(
                    "UPDATE messages SET ticket_id = ?1 WHERE id = ?2",
                    params![e.entity_id, id],
                )?;
            }
            let source = number(&e.entity_id)?;
            super::ticket_write::system_note(
                tx,
                log,
                &e.entity_id,
                &format!("The merge was undone: {moved} messages came back to this ticket."),
                now,
            )?;
            log.append(
                tx,
                "ticket",
                &e.entity_id,
                "unmerged",
                None,
                Some(&moved.to_string()),
                now,
            )?;
            out.changes
                .push(format!("#{source} unmerged ({moved} messages back)"));
        }
        _ => {}
    }
    Ok(())
}

fn status_of(tx: &Transaction<'_>, id: &str) -> Result<Status> {
    let s: String = tx.query_row(
        "SELECT status FROM tickets WHERE id = ?1",
        params![id],
        |r| r.get(0),
    )?;
    // The undo puts back values the log recorded; an unknown one is reported like any stored value.
    Status::parse(&s)
        .ok_or_else(|| StoreError::Refused(format!("ticket status `{s}` is not known")))
}

/// A name for an id in the undo's summary, read in the same transaction.
fn name(tx: &Transaction<'_>, show: Show, id: &str) -> Option<String> {
    let sql = match show {
        Show::Agent => "SELECT name FROM agents WHERE id = ?1",
        Show::Group => "SELECT name FROM groups WHERE id = ?1",
        Show::Ticket => "SELECT '#' || number FROM tickets WHERE id = ?1",
        _ => return None,
    };
    tx.query_row(sql, params![id], |r| r.get::<_, String>(0))
        .ok()
        .map(|n| crate::domain::text::sanitize(&n))
}
