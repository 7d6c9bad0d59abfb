//! Returns and exchanges (退换货, RMA; issue 22): a request on a ticket, judged by the seven- and fifteen-day rules
//! from the order's delivery date when it is made, moved through its steps by domain::returns, each step in the
//! ticket's and the request's change log.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::visits::word;
use super::{Result, Store, StoreError};
use crate::domain::returns::{Eligibility, RmaKind, RmaReason, RmaStatus, eligibility};
use crate::domain::text::SafeText;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ReturnRow {
    #[serde(skip)]
    pub id: String,
    pub number: i64,
    pub ticket: i64,
    pub customer: Option<SafeText>,
    pub order: Option<SafeText>,
    pub product: Option<SafeText>,
    pub kind: RmaKind,
    pub reason: RmaReason,
    pub status: RmaStatus,
    pub delivered_at: Option<i64>,
    pub requested_at: i64,
    pub eligibility: SafeText,
    /// Why it was approved although the rules did not allow it.
    pub exception: Option<SafeText>,
    pub refund_cents: Option<i64>,
    pub note: SafeText,
}

/// A new request.
#[derive(Debug, Clone)]
pub struct NewReturn {
    pub ticket: i64,
    pub kind: RmaKind,
    pub reason: RmaReason,
    /// An order id or external id of the ticket's customer; default: their latest order.
    pub order: Option<String>,
    /// When the goods arrived; default: the order's delivery date.
    pub delivered_at: Option<i64>,
    pub note: String,
}

/// One step of a request.
#[derive(Debug, Clone, Default)]
pub struct ReturnStep {
    pub status: Option<RmaStatus>,
    /// Approving against the rules needs a reason, kept with the request.
    pub exception: Option<String>,
    pub refund_cents: Option<i64>,
    pub note: Option<String>,
}

const COLUMNS: &str =
    "r.id, r.number, t.number, c.name, coalesce(o.external_id, o.id), p.name, r.kind, r.reason,
    r.status, r.delivered_at, r.requested_at, r.eligibility, r.override, r.refund_cents, r.note";
const FROM: &str =
    "returns r JOIN tickets t ON t.id = r.ticket_id LEFT JOIN customers c ON c.id = r.customer_id
    LEFT JOIN orders o ON o.id = r.order_id LEFT JOIN products p ON p.id = r.product_id";

fn return_row(r: &Row<'_>) -> rusqlite::Result<ReturnRow> {
    let text = |i: usize| -> rusqlite::Result<Option<SafeText>> {
        Ok(r.get::<_, Option<String>>(i)?.map(|s| SafeText::new(&s)))
    };
    Ok(ReturnRow {
        id: r.get(0)?,
        number: r.get(1)?,
        ticket: r.get(2)?,
        customer: text(3)?,
        order: text(4)?,
        product: text(5)?,
        kind: word(r, 6, RmaKind::parse)?,
        reason: word(r, 7, RmaReason::parse)?,
        status: word(r, 8, RmaStatus::parse)?,
        delivered_at: r.get(9)?,
        requested_at: r.get(10)?,
        eligibility: SafeText::new(&r.get::<_, String>(11)?),
        exception: text(12)?,
        refund_cents: r.get(13)?,
        note: SafeText::new(&r.get::<_, String>(14)?),
    })
}

fn by_number(conn: &Connection, number: i64) -> Result<ReturnRow> {
    let sql =
        format!("SELECT {COLUMNS} FROM {FROM} WHERE r.number = ?1 ORDER BY r.requested_at LIMIT 1");
    conn.prepare_cached(&sql)?
        .query_row(params![number], return_row)
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "return",
            id: format!("R{number}"),
        })
}

impl Store {
    /// Opens a return, exchange or repair request on a ticket; the rules' verdict is kept with it.
    pub fn new_return(&mut self, n: &NewReturn, now: i64) -> Result<ReturnRow> {
        let number = self.write(|tx, log, rules| {
            let (ticket_id, customer_id, product_id): (String, Option<String>, Option<String>) = tx
                .prepare_cached("SELECT id, customer_id, product_id FROM tickets WHERE number = ?1")?
                .query_row(params![n.ticket], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?
                .ok_or(StoreError::NotFound {
                    entity: "ticket",
                    id: n.ticket.to_string(),
                })?;
            let order: Option<(String, Option<i64>)> = match (&n.order, &customer_id) {
                (Some(o), _) => Some(
                    tx.prepare_cached(
                        "SELECT id, delivered_at FROM orders WHERE (id = ?1 OR external_id = ?1)
                            AND (?2 IS NULL OR customer_id = ?2)",
                    )?
                    .query_row(params![o.trim(), customer_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?
                    .ok_or_else(|| StoreError::NotFound {
                        entity: "order of this ticket's customer",
                        id: crate::domain::text::sanitize(o),
                    })?,
                ),
                (None, Some(c)) => tx
                    .prepare_cached(
                        "SELECT id, delivered_at FROM orders WHERE customer_id = ?1 ORDER BY at DESC LIMIT 1",
                    )?
                    .query_row(params![c], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?,
                (None, None) => None,
            };
            let delivered = n.delivered_at.or(order.as_ref().and_then(|o| o.1));
            let verdict = eligibility(n.kind, n.reason, delivered, now, &rules.field.returns);
            let number: i64 =
                tx.query_row("SELECT coalesce(max(number), 0) + 1 FROM returns", [], |r| r.get(0))?;
            let id = super::new_id();
            tx.prepare_cached(
                "INSERT INTO returns(id, number, ticket_id, customer_id, order_id, product_id, kind, reason,
                                     delivered_at, requested_at, eligibility, note, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?10)",
            )?
            .execute(params![
                id,
                number,
                ticket_id,
                customer_id,
                order.as_ref().map(|o| &o.0),
                product_id,
                n.kind.as_str(),
                n.reason.as_str(),
                delivered,
                now,
                verdict.text(),
                n.note.trim()
            ])?;
            let what = format!("R{number} {} ({}): {}", n.kind, n.reason, verdict.text());
            log.append(tx, "return", &id, "created", None, Some(&what), now)?;
            log.append(tx, "ticket", &ticket_id, "return", None, Some(&what), now)?;
            Ok(number)
        })?;
        by_number(&self.conn, number)
    }

    /// Moves a request one step. Approving one the rules do not allow needs `exception` (the reason it is made).
    pub fn set_return(&mut self, number: i64, step: &ReturnStep, now: i64) -> Result<ReturnRow> {
        self.write(|tx, log, rules| {
            let cur = by_number(tx, number)?;
            let mut status = cur.status;
            if let Some(to) = step.status.filter(|s| *s != cur.status) {
                if !cur.status.next(cur.kind).contains(&to) {
                    let allowed: Vec<&str> = cur.status.next(cur.kind).iter().map(|s| s.as_str()).collect();
                    let allowed = if allowed.is_empty() {
                        "nothing (it is finished)".to_string()
                    } else {
                        allowed.join(", ")
                    };
                    return Err(StoreError::Refused(format!(
                        "R{number} is {}; a {} request can become: {allowed}",
                        cur.status, cur.kind
                    )));
                }
                if to == RmaStatus::Approved {
                    // Judged again now: a request may have waited, and the policy may have changed.
                    let verdict =
                        eligibility(cur.kind, cur.reason, cur.delivered_at, cur.requested_at, &rules.field.returns);
                    let exception = step.exception.as_deref().map(str::trim).filter(|e| !e.is_empty());
                    if !matches!(verdict, Eligibility::Eligible(_)) && exception.is_none() {
                        return Err(StoreError::Refused(format!(
                            "R{number}: {}; to approve it anyway give the reason with exception=\"…\"",
                            verdict.text()
                        )));
                    }
                }
                if to == RmaStatus::Refunded && step.refund_cents.or(cur.refund_cents).is_none() {
                    return Err(StoreError::Refused(format!(
                        "R{number}: a refund needs its amount; add refund=AMOUNT (yuan)"
                    )));
                }
                status = to;
            }
            let exception = step.exception.clone().or(cur.exception.as_ref().map(|e| e.to_string()));
            let refund = step.refund_cents.or(cur.refund_cents);
            let note = step.note.clone().unwrap_or_else(|| cur.note.to_string());
            tx.prepare_cached(
                "UPDATE returns SET status = ?2, override = ?3, refund_cents = ?4, note = ?5, updated_at = ?6,
                        version = version + 1 WHERE id = ?1",
            )?
            .execute(params![cur.id, status.as_str(), exception, refund, note.trim(), now])?;
            let ticket_id: String =
                tx.query_row("SELECT ticket_id FROM returns WHERE id = ?1", params![cur.id], |r| r.get(0))?;
            if status != cur.status {
                log.append(tx, "return", &cur.id, "status", Some(cur.status.as_str()), Some(status.as_str()), now)?;
                let (a, b) = (format!("R{number} {}", cur.status), format!("R{number} {status}"));
                log.append(tx, "ticket", &ticket_id, "return", Some(&a), Some(&b), now)?;
            }
            if exception.as_deref() != cur.exception.as_ref().map(|e| e.as_str()) {
                log.append(tx, "return", &cur.id, "exception", None, exception.as_deref(), now)?;
            }
            if refund != cur.refund_cents {
                let money = |c: Option<i64>| c.map(crate::domain::warranty::yuan);
                log.append(tx, "return", &cur.id, "refund", money(cur.refund_cents).as_deref(), money(refund).as_deref(), now)?;
            }
            if note.trim() != cur.note.as_str() {
                log.append(tx, "return", &cur.id, "note", Some(cur.note.as_str()), Some(note.trim()), now)?;
            }
            Ok(())
        })?;
        by_number(&self.conn, number)
    }

    pub fn return_request(&self, number: i64) -> Result<ReturnRow> {
        by_number(&self.conn, number)
    }

    /// Requests on a ticket, or of a customer (their timeline), or the latest of all; newest first.
    pub fn return_list(&self, of: ReturnsOf<'_>, limit: usize) -> Result<Vec<ReturnRow>> {
        let (cond, key) = match of {
            ReturnsOf::Ticket(n) => (
                "r.ticket_id = (SELECT id FROM tickets WHERE number = ?1)",
                n.to_string(),
            ),
            ReturnsOf::Customer(id) => ("r.customer_id = ?1", id.to_string()),
            ReturnsOf::All => ("?1 IS NOT NULL", String::new()),
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE {cond} ORDER BY r.requested_at DESC, r.number DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![key, limit as i64], return_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Whose requests [`Store::return_list`] reads.
#[derive(Debug, Clone, Copy)]
pub enum ReturnsOf<'a> {
    Ticket(i64),
    Customer(&'a str),
    All,
}
