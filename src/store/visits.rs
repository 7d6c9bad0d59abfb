//! On-site visits (上门服务, issue 22): made on a ticket, scheduled for an engineer, moved through their steps by
//! domain::visit's rules inside the write that changes them, with every changed field in the change log. The
//! warranty decision is taken again whenever the cause is recorded; completing a visit consumes its reserved parts.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::changes::ChangeLog;
pub use super::visit_rows::VisitRow;
pub(super) use super::visit_rows::{COLUMNS, FROM, visit_row, word};
use super::{Result, Store, StoreError};
use crate::domain::field_rules::FieldRules;
use crate::domain::visit::{Service, StepRefused, VisitFacts, VisitStatus, check_step};
use crate::domain::warranty::{Cause, Coverage, ProductDates, QuoteState, decide, quote};

/// One change asked of a visit (`desk visit set`, the schedule pane).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VisitEdit {
    Status(VisitStatus),
    /// An agent handle; `None` unassigns.
    Engineer(Option<String>),
    Window(Option<(i64, i64)>),
    Address(String),
    Service(Service),
    /// Replaces the work notes.
    Notes(String),
    LabourMinutes(i64),
    Cause(Cause),
    QuoteCents(i64),
    Quote(QuoteState),
    /// The customer's name as they confirm the work (服务确认); the time is now.
    ConfirmedBy(String),
}

/// The stored columns of a visit that edits change, as raw values (not display text).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stored {
    id: String,
    ticket_id: String,
    service: Service,
    status: VisitStatus,
    address: String,
    engineer_id: Option<String>,
    window: Option<(i64, i64)>,
    en_route_at: Option<i64>,
    arrived_at: Option<i64>,
    finished_at: Option<i64>,
    cause: Cause,
    coverage: Coverage,
    coverage_reason: String,
    quote_cents: Option<i64>,
    quote_state: QuoteState,
    labour_minutes: i64,
    notes: String,
    confirmed_by: Option<String>,
    confirmed_at: Option<i64>,
    version: i64,
}

fn stored(tx: &Connection, number: i64) -> Result<Stored> {
    tx.prepare_cached(
        "SELECT id, ticket_id, service, status, address, engineer_id, window_start, window_end, en_route_at,
                arrived_at, finished_at, cause, coverage, coverage_reason, quote_cents, quote_state,
                labour_minutes, notes, confirmed_by, confirmed_at, version
           FROM visits WHERE number = ?1 ORDER BY created_at LIMIT 1",
    )?
    .query_row(params![number], |r| {
        let id: String = r.get(0)?;
        let window = match (r.get::<_, Option<i64>>(6)?, r.get::<_, Option<i64>>(7)?) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        };
        Ok(Stored {
            ticket_id: r.get(1)?,
            service: word(r, 2, Service::parse)?,
            status: word(r, 3, VisitStatus::parse)?,
            address: r.get(4)?,
            engineer_id: r.get(5)?,
            window,
            en_route_at: r.get(8)?,
            arrived_at: r.get(9)?,
            finished_at: r.get(10)?,
            cause: word(r, 11, Cause::parse)?,
            coverage: word(r, 12, Coverage::parse)?,
            coverage_reason: r.get(13)?,
            quote_cents: r.get(14)?,
            quote_state: word(r, 15, QuoteState::parse)?,
            labour_minutes: r.get(16)?,
            notes: r.get(17)?,
            confirmed_by: r.get(18)?,
            confirmed_at: r.get(19)?,
            version: r.get(20)?,
            id,
        })
    })
    .optional()?
    .ok_or(StoreError::NotFound {
        entity: "visit",
        id: format!("V{number}"),
    })
}

/// The product dates of a ticket, for the warranty decision; `None` without a product.
fn ticket_product(tx: &Connection, ticket_id: &str) -> Result<Option<ProductDates>> {
    Ok(tx
        .prepare_cached(
            "SELECT p.purchased_at, p.warranty_until FROM tickets t JOIN products p ON p.id = t.product_id
              WHERE t.id = ?1",
        )?
        .query_row(params![ticket_id], |r| {
            Ok(ProductDates {
                purchased_at: r.get(0)?,
                warranty_until: r.get(1)?,
            })
        })
        .optional()?)
}

fn engineer_id(tx: &Connection, handle: &str) -> Result<String> {
    let h = crate::domain::handle::normalize(handle);
    tx.prepare_cached("SELECT id FROM agents WHERE handle = ?1 AND active = 1")?
        .query_row(params![h], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            entity: "agent",
            id: crate::domain::text::sanitize(&h),
        })
}

fn refused(e: StepRefused) -> StoreError {
    StoreError::Refused(e.to_string())
}

/// What a new visit is.
#[derive(Debug, Clone)]
pub struct NewVisit {
    pub ticket: i64,
    pub service: Service,
    /// Defaults to the customer's address, else their city.
    pub address: Option<String>,
    pub engineer: Option<String>,
    pub window: Option<(i64, i64)>,
}

impl Store {
    /// Makes a visit on a ticket: scheduled when it has an engineer and a window, else unscheduled. Its arrival
    /// target counts from now in the field-service calendar, by the customer's city tier.
    pub fn new_visit(&mut self, v: &NewVisit, now: i64) -> Result<VisitRow> {
        let number = self.write(|tx, log, rules| insert_visit(tx, log, &rules.field, v, now))?;
        self.visit(number)
    }

    /// Applies `edits` to visit `number` in one write: fields first, then the step, checked against the result.
    pub fn set_visit(&mut self, number: i64, edits: &[VisitEdit], now: i64) -> Result<VisitRow> {
        self.write(|tx, log, rules| update_visit(tx, log, &rules.field, number, edits, now))?;
        self.visit(number)
    }

    /// Reserves `parts` — (code, location, quantity) — and applies `edits` in one write, parts first (completing
    /// the visit consumes what is reserved by then): a refused step reserves nothing either. Returns the visit
    /// and a warning for each part listed for other products.
    pub fn set_visit_reserving(
        &mut self,
        number: i64,
        parts: &[(String, String, i64)],
        edits: &[VisitEdit],
        now: i64,
    ) -> Result<(VisitRow, Vec<super::parts::PartMisfit>)> {
        let warnings = self.write(|tx, log, rules| {
            let mut warnings = Vec::new();
            for (code, location, qty) in parts {
                let part = (code.as_str(), location.as_str(), *qty);
                warnings.extend(super::parts::reserve_in(
                    tx,
                    log,
                    &rules.field,
                    number,
                    part,
                    now,
                )?);
            }
            if !edits.is_empty() {
                update_visit(tx, log, &rules.field, number, edits, now)?;
            }
            Ok(warnings)
        })?;
        Ok((self.visit(number)?, warnings))
    }

    pub fn visit(&self, number: i64) -> Result<VisitRow> {
        let sql = format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE v.number = ?1 ORDER BY v.created_at LIMIT 1"
        );
        self.conn
            .prepare_cached(&sql)?
            .query_row(params![number], visit_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: "visit",
                id: format!("V{number}"),
            })
    }

    /// A ticket's visits, oldest first.
    pub fn ticket_visits(&self, ticket: i64) -> Result<Vec<VisitRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE v.ticket_id = (SELECT id FROM tickets WHERE number = ?1)
              ORDER BY v.created_at, v.number"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![ticket], visit_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn insert_visit(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &FieldRules,
    v: &NewVisit,
    now: i64,
) -> Result<i64> {
    let (ticket_id, address, city): (String, Option<String>, Option<String>) = tx
        .prepare_cached(
            "SELECT t.id, c.address, c.city FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id
              WHERE t.number = ?1",
        )?
        .query_row(params![v.ticket], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "ticket",
            id: v.ticket.to_string(),
        })?;
    let address = v
        .address
        .clone()
        .or(address)
        .or_else(|| city.clone())
        .unwrap_or_default();
    let engineer = v
        .engineer
        .as_deref()
        .map(|h| engineer_id(tx, h))
        .transpose()?;
    let status = if engineer.is_some() && v.window.is_some() {
        VisitStatus::Scheduled
    } else {
        VisitStatus::Unscheduled
    };
    let decision = decide(
        ticket_product(tx, &ticket_id)?,
        now,
        Cause::Unknown,
        &rules.warranty,
    );
    let number: i64 = tx.query_row("SELECT coalesce(max(number), 0) + 1 FROM visits", [], |r| {
        r.get(0)
    })?;
    let id = super::new_id();
    tx.prepare_cached(
        "INSERT INTO visits(id, number, ticket_id, service, status, address, engineer_id, window_start,
                            window_end, arrive_by, coverage, coverage_reason, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
    )?
    .execute(params![
        id,
        number,
        ticket_id,
        v.service.as_str(),
        status.as_str(),
        address,
        engineer,
        v.window.map(|w| w.0),
        v.window.map(|w| w.1),
        rules.arrive_by(now, city.as_deref()),
        decision.coverage.as_str(),
        decision.reason(),
        now
    ])?;
    let what = format!("V{number} {} ({})", v.service.as_str(), status.as_str());
    log.append(tx, "visit", &id, "created", None, Some(&what), now)?;
    log.append(tx, "ticket", &ticket_id, "visit", None, Some(&what), now)?;
    Ok(number)
}

fn update_visit(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    rules: &FieldRules,
    number: i64,
    edits: &[VisitEdit],
    now: i64,
) -> Result<()> {
    let old = stored(tx, number)?;
    let mut new = old.clone();
    let mut step = None;
    for e in edits {
        match e {
            VisitEdit::Status(s) => step = Some(*s),
            VisitEdit::Engineer(h) => {
                new.engineer_id = h.as_deref().map(|h| engineer_id(tx, h)).transpose()?
            }
            VisitEdit::Window(w) => new.window = *w,
            VisitEdit::Address(a) => new.address = a.trim().to_string(),
            VisitEdit::Service(s) => new.service = *s,
            VisitEdit::Notes(n) => new.notes = n.trim().to_string(),
            // A week of labour bounds the quote's arithmetic.
            VisitEdit::LabourMinutes(m) => new.labour_minutes = (*m).clamp(0, 7 * 24 * 60),
            VisitEdit::Cause(c) => new.cause = *c,
            // A new amount is a new quote: it waits for the customer's answer again.
            VisitEdit::QuoteCents(c) => {
                if new.quote_cents != Some(*c) {
                    new.quote_state = QuoteState::Pending;
                }
                new.quote_cents = Some(*c);
            }
            VisitEdit::Quote(q) => new.quote_state = *q,
            VisitEdit::ConfirmedBy(name) => {
                new.confirmed_by = Some(name.trim().to_string()).filter(|n| !n.is_empty());
                new.confirmed_at = new.confirmed_by.as_ref().map(|_| now);
            }
        }
    }
    if old.status.is_final() && new != old && step.is_none() {
        // Notes, labour and the confirmation may still be completed after the visit; its plan may not.
        let plan_changed = new.engineer_id != old.engineer_id
            || new.window != old.window
            || new.service != old.service
            || new.address != old.address;
        if plan_changed {
            return Err(StoreError::Refused(format!(
                "V{number} is {}; its engineer, window, service and address stay as they were",
                old.status
            )));
        }
    }
    if new.cause != old.cause || new.coverage == Coverage::Unknown {
        let d = decide(
            ticket_product(tx, &new.ticket_id)?,
            now,
            new.cause,
            &rules.warranty,
        );
        new.coverage = d.coverage;
        new.coverage_reason = d.reason();
    }
    if new.coverage == Coverage::Out && new.quote_cents.is_none() {
        // Out of warranty: a quote at catalogue prices (at least an hour's labour) unless one was given.
        let parts = super::parts::reserved_price(tx, &new.id)?;
        let labour = new.labour_minutes.max(60);
        new.quote_cents = Some(quote(parts, labour, &rules.warranty).total_cents);
        if new.quote_state == QuoteState::None {
            new.quote_state = QuoteState::Pending;
        }
    }
    if step.is_none()
        && new.status.wants_time()
        && new.engineer_id.is_some()
        && new.window.is_some()
    {
        step = Some(VisitStatus::Scheduled);
    }
    if step.is_none()
        && new.status == VisitStatus::Scheduled
        && (new.engineer_id.is_none() || new.window.is_none())
    {
        return Err(StoreError::Refused(format!(
            "V{number} is scheduled: it keeps an engineer and a window; to take it off the schedule set \
             status=rescheduled or status=cancelled"
        )));
    }
    if let Some(to) = step.filter(|s| *s != old.status) {
        let facts = VisitFacts {
            has_engineer: new.engineer_id.is_some(),
            has_window: new.window.is_some(),
            notes: new.notes.clone(),
            out_of_warranty: new.coverage == Coverage::Out,
            quote_accepted: new.quote_state == QuoteState::Accepted,
        };
        check_step(old.status, to, &facts).map_err(refused)?;
        new.status = to;
        match to {
            VisitStatus::EnRoute => new.en_route_at = Some(now),
            VisitStatus::OnSite => new.arrived_at = Some(now),
            VisitStatus::Completed => {
                new.finished_at = Some(now);
                super::parts::consume_reserved(tx, log, rules, &new.id, number, now)?;
            }
            VisitStatus::NoShow | VisitStatus::Cancelled => {
                new.finished_at = Some(now);
                super::parts::release_reserved(tx, log, &new.id, number, now)?;
            }
            // A new time is agreed from scratch: the old window stays in the log.
            VisitStatus::Rescheduled => new.window = None,
            _ => {}
        }
    }
    write_changes(tx, log, &old, &new, now)
}

fn write_changes(
    tx: &Transaction<'_>,
    log: &mut ChangeLog,
    old: &Stored,
    new: &Stored,
    now: i64,
) -> Result<()> {
    if old == new {
        return Ok(());
    }
    let n = tx
        .prepare_cached(
            "UPDATE visits SET service = ?2, status = ?3, address = ?4, engineer_id = ?5, window_start = ?6,
                    window_end = ?7, en_route_at = ?8, arrived_at = ?9, finished_at = ?10, cause = ?11,
                    coverage = ?12, coverage_reason = ?13, quote_cents = ?14, quote_state = ?15,
                    labour_minutes = ?16, notes = ?17, confirmed_by = ?18, confirmed_at = ?19,
                    updated_at = ?20, version = version + 1
              WHERE id = ?1 AND version = ?21",
        )?
        .execute(params![
            new.id,
            new.service.as_str(),
            new.status.as_str(),
            new.address,
            new.engineer_id,
            new.window.map(|w| w.0),
            new.window.map(|w| w.1),
            new.en_route_at,
            new.arrived_at,
            new.finished_at,
            new.cause.as_str(),
            new.coverage.as_str(),
            new.coverage_reason,
            new.quote_cents,
            new.quote_state.as_str(),
            new.labour_minutes,
            new.notes,
            new.confirmed_by,
            new.confirmed_at,
            now,
            old.version
        ])?;
    if n == 0 {
        return Err(StoreError::Refused(
            "the visit changed while it was being written; try again".into(),
        ));
    }
    let window = |w: Option<(i64, i64)>| w.map(|(a, b)| format!("{a}..{b}"));
    let money = |c: Option<i64>| c.map(crate::domain::warranty::yuan);
    let handle = |id: &Option<String>| -> Result<Option<String>> {
        Ok(match id {
            Some(id) => tx
                .prepare_cached("SELECT handle FROM agents WHERE id = ?1")?
                .query_row(params![id], |r| r.get(0))
                .optional()?,
            None => None,
        })
    };
    let fields: [(&str, Option<String>, Option<String>); 12] = [
        (
            "status",
            Some(old.status.to_string()),
            Some(new.status.to_string()),
        ),
        (
            "service",
            Some(old.service.to_string()),
            Some(new.service.to_string()),
        ),
        (
            "address",
            Some(old.address.clone()),
            Some(new.address.clone()),
        ),
        (
            "engineer",
            handle(&old.engineer_id)?,
            handle(&new.engineer_id)?,
        ),
        ("window", window(old.window), window(new.window)),
        (
            "cause",
            Some(old.cause.to_string()),
            Some(new.cause.to_string()),
        ),
        (
            "coverage",
            Some(old.coverage.to_string()),
            Some(new.coverage.to_string()),
        ),
        ("quote", money(old.quote_cents), money(new.quote_cents)),
        (
            "quote_state",
            Some(old.quote_state.to_string()),
            Some(new.quote_state.to_string()),
        ),
        (
            "labour_minutes",
            Some(old.labour_minutes.to_string()),
            Some(new.labour_minutes.to_string()),
        ),
        ("notes", Some(old.notes.clone()), Some(new.notes.clone())),
        (
            "confirmed_by",
            old.confirmed_by.clone(),
            new.confirmed_by.clone(),
        ),
    ];
    for (field, a, b) in fields.iter().filter(|(_, a, b)| a != b) {
        log.append(tx, "visit", &new.id, field, a.as_deref(), b.as_deref(), now)?;
    }
    if old.status != new.status {
        let number: i64 = tx.query_row(
            "SELECT number FROM visits WHERE id = ?1",
            params![new.id],
            |r| r.get(0),
        )?;
        log.append(
            tx,
            "ticket",
            &new.ticket_id,
            "visit",
            Some(&format!("V{number} {}", old.status)),
            Some(&format!("V{number} {}", new.status)),
            now,
        )?;
    }
    Ok(())
}
