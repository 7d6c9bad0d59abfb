//! Setting a ticket's fields and tags, and claiming it: one transaction each, through the change log, with the
//! status rules of `domain::lifecycle` and the complaint procedure.

use super::changes::{ChangeLog, Value, with_retry};
use super::service_loop::on_status_change;
use super::sla::ServiceRules;
use super::ticket_write::{TicketEdit, apply, current, lifecycle_fields, lookup_id};
use super::{Result, Store, StoreError, UpdateOutcome};
use crate::domain::service_loop::{ComplaintStage, complaint_blocks};
use crate::domain::team::{self, Act};
use crate::domain::ticket::{Kind, Status};
use rusqlite::{OptionalExtension, Transaction, params};

impl Store {
    /// Applies `edits` to ticket `number` in one transaction. With `expected_version` the write is refused if the
    /// ticket changed since it was read; without, it applies to the ticket as it is now.
    pub fn set_ticket(
        &mut self,
        number: i64,
        edits: &[TicketEdit],
        expected_version: Option<i64>,
        now: i64,
    ) -> Result<UpdateOutcome> {
        self.write(|tx, log, rules| {
            set_fields(tx, log, rules, number, edits, expected_version, now)
        })
    }

    /// [`Store::set_ticket`] for an agent who saw the ticket at `version`, after its change-log entry `base_seq`.
    /// Changes this connection wrote since are the agent's own, made faster than the screen caught up, so the
    /// edit applies over them; a change by anyone else (another agent, another window, a background job) still
    /// refuses it.
    pub fn set_ticket_seen(
        &mut self,
        number: i64,
        edits: &[TicketEdit],
        version: i64,
        base_seq: i64,
        now: i64,
    ) -> Result<UpdateOutcome> {
        let own = self.own_actions.clone();
        self.write(|tx, log, rules| {
            let expected = version_over_own(tx, number, version, base_seq, &own)?;
            set_fields(tx, log, rules, number, edits, Some(expected), now)
        })
    }
}

/// The version an edit seen at `version` (after change `base_seq`) is checked against: the ticket's current one
/// when every change-log entry since is one of `own` actions, else `version` itself (so anyone else's change is a
/// conflict). An entry without an action, or more than a screenful of them, counts as someone else's.
fn version_over_own(
    tx: &Transaction<'_>,
    number: i64,
    version: i64,
    base_seq: i64,
    own: &std::collections::VecDeque<String>,
) -> Result<i64> {
    const MOST: i64 = 200;
    let current: Option<i64> = tx
        .prepare_cached("SELECT version FROM tickets WHERE number = ?1")?
        .query_row(params![number], |r| r.get(0))
        .optional()?;
    let Some(current) = current.filter(|c| *c != version) else {
        return Ok(version);
    };
    let mut stmt = tx.prepare_cached(
        "SELECT c.action FROM tickets t
           JOIN changes c ON c.entity = 'ticket' AND c.entity_id = t.id AND c.seq > ?2
          WHERE t.number = ?1 ORDER BY c.seq LIMIT ?3",
    )?;
    let missed = stmt
        .query_map(params![number, base_seq, MOST + 1], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<Option<String>>>>()?;
    let all_own = !missed.is_empty()
        && missed.len() as i64 <= MOST
        && missed
            .iter()
            .all(|a| a.as_ref().is_some_and(|a| own.contains(a)));
    Ok(if all_own { current } else { version })
}

/// [`Store::set_ticket`] inside a transaction that may do more.
pub(super) fn set_fields(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &ServiceRules,
    number: i64,
    edits: &[TicketEdit],
    expected_version: Option<i64>,
    now: i64,
) -> Result<UpdateOutcome> {
    let cur = current(tx, number, edits)?;
    let mut life = cur.life;
    let (mut kind, mut complaint) = (cur.kind, cur.complaint);
    let mut fields: Vec<(&'static str, Value)> = Vec::new();
    let mut tags_changed = false;
    // The complaint's records as this write leaves them, read only when a complaint field or stage is written.
    let mut facts: Option<crate::domain::complaint::ComplaintFacts> = None;
    let (mut stage_set, mut close_reason) = (false, None::<String>);
    let policy = &rules.loop_policy;
    for e in edits {
        match e {
            // Merging folds the thread into another ticket; a bare status change would leave it nowhere.
            TicketEdit::Status(Status::Merged) => {
                return Err(StoreError::Refused(
                    "merged is set by merging into another ticket, not directly".into(),
                ));
            }
            TicketEdit::Status(s) => {
                life = life
                    .set_status(*s, now)
                    .map_err(|e| StoreError::Refused(e.to_string()))?;
            }
            TicketEdit::Priority(p) => fields.push(("priority", Value::from(p.as_str()))),
            TicketEdit::Kind(k) => {
                fields.push(("kind", Value::from(k.as_str())));
                kind = *k;
                // A ticket that becomes a complaint enters the complaint procedure at its start.
                if complaint.is_none() && *k == Kind::Complaint {
                    complaint = ComplaintStage::initial(*k);
                    fields.push((
                        "complaint_stage",
                        Value::from(complaint.map(|s| s.as_str())),
                    ));
                }
            }
            TicketEdit::ComplaintStage(stage) => {
                if kind != Kind::Complaint {
                    return Err(StoreError::Refused(format!(
                        "#{number} is not a complaint; only complaints have a complaint stage"
                    )));
                }
                complaint = Some(*stage);
                stage_set = true;
                fields.push(("complaint_stage", Value::from(stage.as_str())));
            }
            TicketEdit::CloseReason(r) => {
                let r = non_empty(number, "close_reason", r)?;
                close_reason = Some(r.clone());
                fields.push(("close_reason", Value::Text(r)));
            }
            TicketEdit::ComplaintCategory(_)
            | TicketEdit::ComplaintSeverity(_)
            | TicketEdit::ComplaintOwner(_)
            | TicketEdit::RootCause(_)
            | TicketEdit::ComplaintResolution(_) => {
                if kind != Kind::Complaint {
                    return Err(StoreError::Refused(format!(
                        "#{number} is not a complaint; set kind=complaint first"
                    )));
                }
                let f = match &mut facts {
                    Some(f) => f,
                    None => facts.insert(super::complaint::stored_facts(tx, &cur.id)?),
                };
                match e {
                    TicketEdit::ComplaintCategory(c) => {
                        let c = non_empty(number, "complaint_category", c)?;
                        f.category = Some(c.clone());
                        fields.push(("complaint_category", Value::Text(c)));
                    }
                    TicketEdit::ComplaintSeverity(s) => {
                        f.severity = Some(*s);
                        fields.push(("complaint_severity", Value::from(s.as_str())));
                    }
                    TicketEdit::ComplaintOwner(None) => {
                        f.owner = None;
                        fields.push(("complaint_owner_id", Value::Null));
                    }
                    TicketEdit::ComplaintOwner(Some(handle)) => {
                        let sql = "SELECT id FROM agents WHERE handle = ?1 AND active = 1";
                        let id = lookup_id(tx, sql, handle, "agent")?;
                        f.owner = Some(handle.clone());
                        fields.push(("complaint_owner_id", Value::Text(id)));
                    }
                    TicketEdit::RootCause(c) => {
                        let c = super::complaint::check_root_cause(number, c, policy)?;
                        f.root_cause = Some(c.clone());
                        fields.push(("root_cause", Value::Text(c)));
                    }
                    TicketEdit::ComplaintResolution(r) => {
                        let r = non_empty(number, "complaint_resolution", r)?;
                        f.resolution = Some(r.clone());
                        fields.push(("complaint_resolution", Value::Text(r)));
                    }
                    _ => {}
                }
            }
            TicketEdit::Channel(c) => fields.push(("channel", Value::from(c.as_str()))),
            TicketEdit::Subject(s) => fields.push(("subject", Value::from(s.as_str()))),
            TicketEdit::Assignee(new) => {
                let me = log.actor.clone().unwrap_or_default();
                let current: Option<String> = tx
                    .prepare_cached("SELECT a.handle FROM tickets t JOIN agents a ON a.id = t.assignee_id WHERE t.id = ?1")?.query_row(params![cur.id],
                        |r| r.get(0),
                    )
                    .optional()?;
                if team::reassigns_others(current.as_deref(), new.as_deref(), &me) {
                    super::roles::require_on(tx, log.actor.as_deref(), Act::ReassignOthers)?;
                }
                match new {
                    None => fields.push(("assignee_id", Value::Null)),
                    Some(handle) => {
                        let sql = "SELECT id FROM agents WHERE handle = ?1 AND active = 1";
                        fields.push((
                            "assignee_id",
                            Value::Text(lookup_id(tx, sql, handle, "agent")?),
                        ));
                    }
                }
            }
            TicketEdit::Group(None) => fields.push(("group_id", Value::Null)),
            TicketEdit::Group(Some(name)) => {
                let sql = "SELECT id FROM groups WHERE name = ?1 COLLATE NOCASE OR id = ?1";
                fields.push(("group_id", Value::Text(lookup_id(tx, sql, name, "group")?)));
            }
            TicketEdit::Product(None) => fields.push(("product_id", Value::Null)),
            TicketEdit::Product(Some(key)) => {
                // Only the ticket's own customer's products: a warranty decision must be about their product.
                let id: Option<String> = tx
                    .prepare_cached(
                        "SELECT p.id FROM products p JOIN tickets t ON t.customer_id = p.customer_id
                          WHERE t.id = ?1 AND (p.id = ?2 OR p.external_id = ?2 OR p.serial = ?2 OR p.name = ?2)
                          ORDER BY p.purchased_at DESC LIMIT 1",
                    )?
                    .query_row(params![cur.id, key.trim()], |r| r.get(0))
                    .optional()?;
                let id = id.ok_or_else(|| {
                    StoreError::Refused(format!(
                        "#{number}: the customer has no product `{}` (give its id, serial or name; see `desk customer show`)",
                        crate::domain::text::sanitize(key)
                    ))
                })?;
                fields.push(("product_id", Value::Text(id)));
            }
            TicketEdit::AddTag(tag) | TicketEdit::RemoveTag(tag) => {
                let (sql, sign) = match e {
                    TicketEdit::AddTag(_) => (
                        "INSERT OR IGNORE INTO tags(entity, entity_id, tag) VALUES ('ticket', ?1, ?2)",
                        '+',
                    ),
                    _ => (
                        "DELETE FROM tags WHERE entity = 'ticket' AND entity_id = ?1 AND tag = ?2",
                        '-',
                    ),
                };
                // Only a tag that was really added or removed is a change.
                if tx.execute(sql, params![cur.id, tag])? > 0 {
                    let entry = format!("{sign}{tag}");
                    log.append(tx, "ticket", &cur.id, "tags", None, Some(&entry), now)?;
                    tags_changed = true;
                }
            }
        }
    }
    let status_changed = life.status != cur.life.status;
    let skips_loop = close_reason
        .as_deref()
        .is_some_and(|r| policy.skips_loop(r));
    if status_changed
        && let Some(why) =
            policy.close_blocks(cur.life.status, life.status, close_reason.as_deref())
    {
        return Err(StoreError::Refused(format!("#{number}: {why}")));
    }
    if let Some(why) = complaint_blocks(kind, complaint, life.status)
        && status_changed
        && !skips_loop
    {
        return Err(StoreError::Refused(format!("#{number}: {why}")));
    }
    if let (true, Some(stage)) = (stage_set, complaint) {
        let f = match facts {
            Some(f) => f,
            None => super::complaint::stored_facts(tx, &cur.id)?,
        };
        super::complaint::check_stage(number, stage, life.status, &f, policy)?;
    }
    fields.extend(lifecycle_fields(&life));
    let mut out = apply(tx, log, &cur.id, expected_version, &fields, now)?;
    on_status_change(tx, log, rules, &cur.id, cur.life.status, life.status, now)?;
    super::crm::refresh_ticket_customer(tx, log, rules, &cur.id, now)?;
    super::sla::refresh(tx, rules, &cur.id, now)?;
    if tags_changed && out.changed.is_empty() {
        // Tags live in their own table; the ticket still changed, so its version and time move.
        tx.prepare_cached(
            "UPDATE tickets SET version = version + 1, updated_at = ?1 WHERE id = ?2",
        )?
        .execute(params![now, cur.id])?;
        out.version += 1;
    }
    Ok(out)
}

/// A text field's value, trimmed; an empty one is refused.
fn non_empty(number: i64, key: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(StoreError::Refused(format!(
            "#{number}: {key} needs a value"
        )));
    }
    Ok(v.to_string())
}

impl Store {
    /// Assigns ticket `number` to `agent_id` only if it has no assignee; false when someone already has it. The
    /// condition is in the UPDATE itself, so two agents claiming at once cannot both succeed.
    pub fn claim(&mut self, number: i64, agent_id: &str, now: i64) -> Result<bool> {
        let path = self.path.clone();
        with_retry(&path, || {
            let mut log = self.change_log();
            let tx = self.begin_write()?;
            let cur = current(&tx, number, &[])?;
            let n = tx
                .prepare_cached(
                    "UPDATE tickets SET assignee_id = ?1, version = version + 1, updated_at = ?2
                 WHERE id = ?3 AND assignee_id IS NULL",
                )?
                .execute(params![agent_id, now, cur.id])?;
            if n == 1 {
                log.append(
                    &tx,
                    "ticket",
                    &cur.id,
                    "assignee_id",
                    None,
                    Some(agent_id),
                    now,
                )?;
            }
            tx.commit()?;
            self.hlc = log.hlc;
            Ok(n == 1)
        })
    }
}
