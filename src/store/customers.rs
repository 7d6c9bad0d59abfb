//! Customer queries: the searchable list and one profile.

use super::paging::{self, Clauses};
use super::{Page, Result, Store, fts_phrase, like_pattern, use_fts};
use crate::domain::customer::{Tier, TierSource};
use crate::domain::text::SafeText;
use crate::domain::view::{Cursor, PageRequest};
use rusqlite::{OptionalExtension, Row, params};

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CustomerRow {
    #[serde(skip)]
    pub rid: i64,
    pub id: String,
    pub name: SafeText,
    pub email: Option<SafeText>,
    pub phone: Option<SafeText>,
    pub organization: Option<SafeText>,
    pub tier: Tier,
    pub city: Option<SafeText>,
    pub updated_at: i64,
}

impl CustomerRow {
    pub fn cursor(&self) -> Cursor {
        Cursor {
            key: self.updated_at,
            rid: self.rid,
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ProductRow {
    pub name: SafeText,
    pub serial: Option<SafeText>,
    pub purchased_at: Option<i64>,
    pub warranty_until: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct OrderSummary {
    pub count: i64,
    pub total_cents: i64,
    pub last_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CustomerDetail {
    #[serde(flatten)]
    pub row: CustomerRow,
    pub tier_source: TierSource,
    pub birthday: Option<SafeText>,
    pub notes: SafeText,
    pub created_at: i64,
    pub version: i64,
    pub products: Vec<ProductRow>,
    pub orders: OrderSummary,
    /// Most recent tickets first (at most [`PROFILE_TICKETS`]).
    pub tickets: Vec<super::tickets::TicketRow>,
    pub open_tickets: i64,
}

/// How many of a customer's tickets the profile shows.
pub const PROFILE_TICKETS: usize = 50;

const COLUMNS: &str = "c.rid, c.id, c.name, c.email, c.phone, o.name, c.tier, c.city, c.updated_at";
const FROM: &str = "FROM customers c LEFT JOIN organizations o ON o.id = c.org_id";

fn customer_row(r: &Row<'_>) -> rusqlite::Result<CustomerRow> {
    let text = |i: usize| -> rusqlite::Result<Option<SafeText>> {
        Ok(r.get::<_, Option<String>>(i)?.map(SafeText::from))
    };
    Ok(CustomerRow {
        rid: r.get(0)?,
        id: r.get(1)?,
        name: SafeText::new(&r.get::<_, String>(2)?),
        email: text(3)?,
        phone: text(4)?,
        organization: text(5)?,
        tier: Tier::parse(&r.get::<_, String>(6)?).unwrap_or(Tier::Bronze),
        city: text(7)?,
        updated_at: r.get(8)?,
    })
}

fn compile(text: Option<&str>) -> Clauses {
    let mut c = Clauses::default();
    if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
        if use_fts(text) {
            let p = c.bind(fts_phrase(text));
            c.push(format!(
                "c.rid IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH {p})"
            ));
        } else {
            let p = c.bind(like_pattern(text));
            c.push(format!("(c.name LIKE {p} ESCAPE '\\' OR c.email LIKE {p} ESCAPE '\\' OR c.phone LIKE {p} ESCAPE '\\')"));
        }
    }
    c
}

impl Store {
    /// Customers, most recently updated first, optionally filtered by name / email / phone text.
    pub fn customer_page(
        &self,
        text: Option<&str>,
        req: PageRequest,
        limit: usize,
    ) -> Result<Page<CustomerRow>> {
        let mut c = compile(text);
        let tail = c.keyset(req, "c.updated_at", "c.rid", limit, true);
        let sql = format!("SELECT {COLUMNS} {FROM}{}{tail}", c.where_sql());
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(c.params.iter()), customer_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(paging::finish(rows, req, limit))
    }

    pub fn customer_count(&self, text: Option<&str>) -> Result<i64> {
        let c = compile(text);
        let sql = format!("SELECT count(*) {FROM}{}", c.where_sql());
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(c.params.iter()), |r| r.get(0))?)
    }

    /// A customer by id or email, with products, order summary and recent tickets.
    pub fn customer_detail(&self, id_or_email: &str) -> Result<Option<CustomerDetail>> {
        let sql = format!(
            "SELECT {COLUMNS}, c.tier_source, c.birthday, c.notes, c.created_at, c.version {FROM}
             WHERE c.id = ?1 OR c.email = ?1 COLLATE NOCASE LIMIT 1"
        );
        let found = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![id_or_email], |r| {
                Ok(CustomerDetail {
                    row: customer_row(r)?,
                    tier_source: TierSource::parse(&r.get::<_, String>(9)?)
                        .unwrap_or(TierSource::Computed),
                    birthday: r.get::<_, Option<String>>(10)?.map(SafeText::from),
                    notes: SafeText::new(&r.get::<_, String>(11)?),
                    created_at: r.get(12)?,
                    version: r.get(13)?,
                    products: Vec::new(),
                    orders: OrderSummary::default(),
                    tickets: Vec::new(),
                    open_tickets: 0,
                })
            })
            .optional()?;
        let Some(mut d) = found else { return Ok(None) };
        let id = d.row.id.clone();
        d.products = self
            .conn
            .prepare_cached(
                "SELECT name, serial, purchased_at, warranty_until FROM products WHERE customer_id = ?1 ORDER BY purchased_at DESC",
            )?
            .query_map(params![id], |r| {
                Ok(ProductRow {
                    name: SafeText::new(&r.get::<_, String>(0)?),
                    serial: r.get::<_, Option<String>>(1)?.map(SafeText::from),
                    purchased_at: r.get(2)?,
                    warranty_until: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        d.orders = self.conn.prepare_cached("SELECT count(*), coalesce(sum(amount_cents), 0), max(at) FROM orders WHERE customer_id = ?1")?.query_row(
            params![id],
            |r| Ok(OrderSummary { count: r.get(0)?, total_cents: r.get(1)?, last_at: r.get(2)? }),
        )?;
        d.tickets = self.customer_tickets(&id, PROFILE_TICKETS)?;
        d.open_tickets = self.conn.prepare_cached(
            "SELECT count(*) FROM tickets WHERE customer_id = ?1 AND status IN ('new', 'open', 'pending', 'on_hold')",
        )?
        .query_row(params![id], |r| r.get(0))?;
        Ok(Some(d))
    }
}
