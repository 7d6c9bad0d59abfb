//! Customer queries: the searchable list and one profile.

use super::customer_filter::{Walk, compile};
use super::paging;
use super::{Page, Result, Store};
use crate::domain::crm::{Coded, RiskLevel, Stage, StageWhy, TierWhy, WeightedSignal};
use crate::domain::crm_why;
use crate::domain::customer::{Tier, TierSource};
use crate::domain::customer_view::{CustomerFilter, CustomerSort};
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
    pub stage: Stage,
    pub risk_level: RiskLevel,
    pub risk_score: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// In a view ordered by a date (`sort:expiry`, `sort:due`): the warranty end or care task due time it is
    /// ordered by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view_date: Option<i64>,
    /// Where this row sits in the list it came from (the product or task row for a date order).
    #[serde(skip)]
    pub position: Cursor,
}

impl CustomerRow {
    /// The keyset cursor of this row in its list.
    pub fn cursor(&self) -> Cursor {
        self.position
    }

    /// This row where the live list (the `all` view, last updated first) places it.
    pub fn in_live_list(self) -> Self {
        CustomerRow {
            view_date: None,
            position: Cursor {
                key: self.updated_at,
                rid: self.rid,
            },
            ..self
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
    pub first_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CustomerDetail {
    #[serde(flatten)]
    pub row: CustomerRow,
    pub tier_source: TierSource,
    /// Why the tier is what it is ("RFM 4·4·3 = 11 ≥ 11 for Diamond", "pinned by hand"), as the sweep stored it.
    pub tier_reason: Coded<TierWhy>,
    /// RFM quartile scores `R-F-M`; None without orders.
    pub rfm: Option<String>,
    pub stage_reason: Coded<StageWhy>,
    /// The churn-risk signals, each with its weight.
    pub risk_signals: Vec<Coded<WeightedSignal>>,
    pub last_active_at: Option<i64>,
    pub external_id: Option<SafeText>,
    pub birthday: Option<SafeText>,
    /// Where engineers go (上门地址); the default address of a visit.
    pub address: Option<SafeText>,
    /// Every address, the default first (`customer_addresses`).
    pub addresses: Vec<super::customer_addresses::AddressRow>,
    /// `female`, `male`, `other`, `unspecified` as stored (`domain::customer_profile::Gender`).
    pub gender: Option<SafeText>,
    /// The ticket channel they prefer (`wechat` …), as stored.
    pub contact_channel: Option<SafeText>,
    /// When to reach them (`weekdays 18:00-21:00`).
    pub contact_time: Option<SafeText>,
    pub tags: Vec<SafeText>,
    /// Lifetime value and whether they bought again (docs/METRICS.md, "Customer value").
    pub value: crate::domain::customer_value::CustomerValue,
    pub notes: SafeText,
    pub version: i64,
    /// Ids of duplicates merged into this customer.
    pub merged: Vec<String>,
    pub satisfaction: Vec<super::customer_profile::SurveyPoint>,
    pub care: Vec<super::customer_profile::CareTask>,
    /// Newest first: tickets, messages, surveys, tasks and profile changes.
    pub timeline: Vec<super::customer_profile::TimelineEntry>,
    pub products: Vec<ProductRow>,
    pub orders: OrderSummary,
    /// Most recent tickets first (at most [`PROFILE_TICKETS`]).
    pub tickets: Vec<super::tickets::TicketRow>,
    pub open_tickets: i64,
}

/// How many of a customer's tickets the profile shows.
pub const PROFILE_TICKETS: usize = 50;

const COLUMNS: &str = "c.rid, c.id, c.name, c.email, c.phone, o.name, c.tier, c.city, c.stage, c.risk_level, \
                       c.risk_score, c.created_at, c.updated_at";
/// Columns after [`COLUMNS`] start here.
const ROW_LEN: usize = 13;
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
        stage: Stage::parse(&r.get::<_, String>(8)?).unwrap_or(Stage::Potential),
        risk_level: RiskLevel::parse(&r.get::<_, String>(9)?).unwrap_or(RiskLevel::None),
        risk_score: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        view_date: None,
        position: Cursor {
            key: r.get(12)?,
            rid: r.get(0)?,
        },
    })
}

impl Store {
    /// One page of a customer view, in the view's order.
    pub fn customer_page(
        &self,
        filter: &CustomerFilter,
        req: PageRequest,
        limit: usize,
    ) -> Result<Page<CustomerRow>> {
        // A list of tiers or stages (VIP is diamond and gold) cannot walk one index in the list's order: SQLite
        // would read every matching customer and sort them. One keyset page per value, each walking its own
        // range of `customers_tier_updated`, merged here, reads at most values × (limit + 1) rows.
        let parts = split_by_value(filter);
        let mut rows = Vec::new();
        for part in parts.as_deref().unwrap_or(std::slice::from_ref(filter)) {
            rows.extend(self.customer_rows(part, req, limit)?);
        }
        if parts.is_some() {
            // Split lists order by the customer's own columns, largest first.
            let forward = matches!(req, PageRequest::First | PageRequest::After(_));
            rows.sort_by(|a, b| {
                let (a, b) = (a.cursor(), b.cursor());
                let newest_first = (b.key, b.rid).cmp(&(a.key, a.rid));
                if forward {
                    newest_first
                } else {
                    newest_first.reverse()
                }
            });
            rows.truncate(limit + 1);
        }
        Ok(paging::finish(rows, req, limit))
    }

    /// The SQL of one keyset page of `filter` in fetch order (`limit + 1` rows at most, the last telling whether
    /// more follow) and its parameters. Rows are [`COLUMNS`] then the sort key and its row id.
    fn customer_page_sql(
        &self,
        filter: &CustomerFilter,
        req: PageRequest,
        limit: usize,
    ) -> Result<(String, Vec<rusqlite::types::Value>)> {
        let (mut c, walk) = compile(filter, super::phones::keyed_region(&self.conn)?);
        let Walk {
            from,
            key,
            rid,
            descending,
            arms,
        } = walk;

        let tail =
            c.keyset_ordered_by(req, (key, rid), ("sort_key", "sort_rid"), limit, descending);
        let columns = format!("{COLUMNS}, {key} AS sort_key, {rid} AS sort_rid");
        // Each arm walks its own index range in order; SQLite merges them (MERGE (UNION ALL)).
        let arms = arm_selects(&columns, &from, &c.where_sql(), &arms);
        Ok((format!("{}{tail}", arms.join(" UNION ALL ")), c.params))
    }

    fn customer_rows(
        &self,
        filter: &CustomerFilter,
        req: PageRequest,
        limit: usize,
    ) -> Result<Vec<CustomerRow>> {
        let (sql, params) = self.customer_page_sql(filter, req, limit)?;
        let dated = matches!(filter.sort, CustomerSort::Expiry | CustomerSort::CareDue);
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                let key: i64 = r.get(ROW_LEN)?;
                Ok(CustomerRow {
                    view_date: dated.then_some(key),
                    position: Cursor {
                        key,
                        rid: r.get(ROW_LEN + 1)?,
                    },
                    ..customer_row(r)?
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// `EXPLAIN QUERY PLAN` of a view's first page, one line per step (of each per-value query when the page is
    /// merged from several): tests check that views walk an index.
    pub fn customer_query_plan(&self, filter: &CustomerFilter) -> Result<Vec<String>> {
        let parts = split_by_value(filter);
        let mut plan = Vec::new();
        for part in parts.as_deref().unwrap_or(std::slice::from_ref(filter)) {
            let (sql, params) = self.customer_page_sql(part, PageRequest::First, 100)?;
            plan.extend(paging::query_plan(&self.conn, &sql, &params)?);
        }
        Ok(plan)
    }

    pub fn customer_count(&self, filter: &CustomerFilter) -> Result<i64> {
        let (c, walk) = compile(filter, super::phones::keyed_region(&self.conn)?);
        let arms = arm_selects("count(*) AS n", &walk.from, &c.where_sql(), &walk.arms);
        let sql = format!("SELECT sum(n) FROM ({})", arms.join(" UNION ALL "));
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(c.params.iter()), |r| r.get(0))?)
    }

    /// A customer by id or email, with products, order summary and recent tickets.
    pub fn customer_detail(&self, id_or_email: &str) -> Result<Option<CustomerDetail>> {
        let sql = format!(
            "SELECT {COLUMNS}, c.tier_source, c.birthday, c.notes, c.version, c.tier_reason, c.rfm, c.stage_reason,
                    c.risk_signals, c.last_active_at, c.external_id, c.address, c.gender, c.contact_channel,
                    c.contact_time {FROM}
             WHERE c.id = ?1 AND c.merged_into IS NULL AND {}",
            super::bulk_jobs::visible("c")
        );
        // A merged duplicate's id (or email) still finds the survivor.
        let Some(id) = self.resolve_customer(id_or_email)? else {
            return Ok(None);
        };
        let found = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![id], |r| {
                let signals: String = r.get(ROW_LEN + 7)?;
                Ok(CustomerDetail {
                    row: customer_row(r)?,
                    tier_source: TierSource::parse(&r.get::<_, String>(ROW_LEN)?)
                        .unwrap_or(TierSource::Computed),
                    birthday: r.get::<_, Option<String>>(ROW_LEN + 1)?.map(SafeText::from),
                    notes: SafeText::new(&r.get::<_, String>(ROW_LEN + 2)?),
                    version: r.get(ROW_LEN + 3)?,
                    tier_reason: crm_why::decode(&r.get::<_, String>(ROW_LEN + 4)?),
                    rfm: r.get(ROW_LEN + 5)?,
                    stage_reason: crm_why::decode(&r.get::<_, String>(ROW_LEN + 6)?),
                    risk_signals: crm_why::decode_signals(&signals),
                    last_active_at: r.get(ROW_LEN + 8)?,
                    external_id: r.get::<_, Option<String>>(ROW_LEN + 9)?.map(SafeText::from),
                    address: r
                        .get::<_, Option<String>>(ROW_LEN + 10)?
                        .map(SafeText::from),
                    addresses: Vec::new(),
                    gender: r
                        .get::<_, Option<String>>(ROW_LEN + 11)?
                        .map(SafeText::from),
                    contact_channel: r
                        .get::<_, Option<String>>(ROW_LEN + 12)?
                        .map(SafeText::from),
                    contact_time: r
                        .get::<_, Option<String>>(ROW_LEN + 13)?
                        .map(SafeText::from),
                    tags: Vec::new(),
                    value: Default::default(),
                    merged: Vec::new(),
                    satisfaction: Vec::new(),
                    care: Vec::new(),
                    timeline: Vec::new(),
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
            .prepare_cached(&format!(
                "SELECT name, serial, purchased_at, warranty_until FROM products WHERE customer_id = ?1 AND {}
                 ORDER BY purchased_at DESC",
                super::bulk_jobs::visible("products")
            ))?
            .query_map(params![id], |r| {
                Ok(ProductRow {
                    name: SafeText::new(&r.get::<_, String>(0)?),
                    serial: r.get::<_, Option<String>>(1)?.map(SafeText::from),
                    purchased_at: r.get(2)?,
                    warranty_until: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        d.orders = self.conn.prepare_cached(&format!(
            "SELECT count(*), coalesce(sum(amount_cents), 0), max(at), min(at) FROM orders WHERE customer_id = ?1 AND {}",
            super::bulk_jobs::visible("orders")
        ))?.query_row(
            params![id],
            |r| Ok(OrderSummary { count: r.get(0)?, total_cents: r.get(1)?, last_at: r.get(2)?, first_at: r.get(3)? }),
        )?;
        d.tickets = self.customer_tickets(&id, PROFILE_TICKETS)?;
        d.open_tickets = self.conn.prepare_cached(
            "SELECT count(*) FROM tickets WHERE customer_id = ?1 AND status IN ('new', 'open', 'pending', 'on_hold')",
        )?
        .query_row(params![id], |r| r.get(0))?;
        self.fill_profile(&mut d)?;
        Ok(Some(d))
    }
}

/// One `SELECT columns from where` per arm of a walk (one when it has none).
fn arm_selects(columns: &str, from: &str, where_sql: &str, arms: &[String]) -> Vec<String> {
    let select = format!("SELECT {columns} {from}{where_sql}");
    let joiner = if where_sql.is_empty() {
        " WHERE"
    } else {
        " AND"
    };
    if arms.is_empty() {
        return vec![select];
    }
    arms.iter()
        .map(|arm| format!("{select}{joiner} {arm}"))
        .collect()
}

/// The filter as one filter per tier (or per stage) when it lists several, for [`Store::customer_page`]'s merge.
fn split_by_value(f: &CustomerFilter) -> Option<Vec<CustomerFilter>> {
    // A date order walks products or tasks; the tier or stage is a condition on each row's customer.
    if matches!(f.sort, CustomerSort::Expiry | CustomerSort::CareDue) {
        return None;
    }
    if let Some(tiers) = f.tiers.as_ref().filter(|t| t.len() > 1) {
        return Some(
            tiers
                .iter()
                .map(|t| CustomerFilter {
                    tiers: Some(vec![*t]),
                    ..f.clone()
                })
                .collect(),
        );
    }
    let stages = f.stages.as_ref().filter(|s| s.len() > 1)?;
    Some(
        stages
            .iter()
            .map(|s| CustomerFilter {
                stages: Some(vec![*s]),
                ..f.clone()
            })
            .collect(),
    )
}
