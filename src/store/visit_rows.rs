//! A visit as it is read: the row lists, the schedule and the service report show, and how a query's columns
//! become one (store::visits writes them).

use rusqlite::Row;

use crate::domain::text::SafeText;
use crate::domain::visit::{Service, VisitStatus};
use crate::domain::warranty::{Cause, Coverage, QuoteState};

/// A visit as lists, the schedule and the service report show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VisitRow {
    #[serde(skip)]
    pub id: String,
    pub number: i64,
    pub ticket: i64,
    pub subject: SafeText,
    pub customer: Option<SafeText>,
    pub city: Option<SafeText>,
    pub service: Service,
    pub status: VisitStatus,
    pub address: SafeText,
    pub engineer: Option<String>,
    pub window_start: Option<i64>,
    pub window_end: Option<i64>,
    pub arrive_by: Option<i64>,
    pub en_route_at: Option<i64>,
    pub arrived_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub cause: Cause,
    pub coverage: Coverage,
    pub coverage_reason: SafeText,
    pub quote_cents: Option<i64>,
    pub quote_state: QuoteState,
    pub labour_minutes: i64,
    pub notes: SafeText,
    pub confirmed_by: Option<SafeText>,
    pub confirmed_at: Option<i64>,
    #[serde(skip)]
    pub version: i64,
}

pub(super) const COLUMNS: &str = "v.id, v.number, t.number, t.subject, c.name, c.city, v.service, v.status,
    v.address, a.handle, v.window_start, v.window_end, v.arrive_by, v.en_route_at, v.arrived_at, v.finished_at,
    v.cause, v.coverage, v.coverage_reason, v.quote_cents, v.quote_state, v.labour_minutes, v.notes,
    v.confirmed_by, v.confirmed_at, v.version";

pub(super) const FROM: &str = "visits v JOIN tickets t ON t.id = v.ticket_id
    LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN agents a ON a.id = v.engineer_id";

/// A closed-set value read by position; a word desk does not know is an error naming it.
pub(super) fn word<T>(r: &Row<'_>, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let s: String = r.get(i)?;
    parse(&s).ok_or_else(|| {
        rusqlite::Error::InvalidColumnType(
            i,
            format!("unexpected value `{s}`"),
            rusqlite::types::Type::Text,
        )
    })
}

pub(super) fn visit_row(r: &Row<'_>) -> rusqlite::Result<VisitRow> {
    let id: String = r.get(0)?;
    let text = |i: usize| -> rusqlite::Result<Option<SafeText>> {
        Ok(r.get::<_, Option<String>>(i)?.map(|s| SafeText::new(&s)))
    };
    Ok(VisitRow {
        number: r.get(1)?,
        ticket: r.get(2)?,
        subject: SafeText::new(&r.get::<_, String>(3)?),
        customer: text(4)?,
        city: text(5)?,
        service: word(r, 6, Service::parse)?,
        status: word(r, 7, VisitStatus::parse)?,
        address: SafeText::new(&r.get::<_, String>(8)?),
        engineer: r.get(9)?,
        window_start: r.get(10)?,
        window_end: r.get(11)?,
        arrive_by: r.get(12)?,
        en_route_at: r.get(13)?,
        arrived_at: r.get(14)?,
        finished_at: r.get(15)?,
        cause: word(r, 16, Cause::parse)?,
        coverage: word(r, 17, Coverage::parse)?,
        coverage_reason: SafeText::new(&r.get::<_, String>(18)?),
        quote_cents: r.get(19)?,
        quote_state: word(r, 20, QuoteState::parse)?,
        labour_minutes: r.get(21)?,
        notes: SafeText::new(&r.get::<_, String>(22)?),
        confirmed_by: text(23)?,
        confirmed_at: r.get(24)?,
        version: r.get(25)?,
        id,
    })
}
