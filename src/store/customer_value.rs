//! The order sums behind customer lifetime value and the repurchase rate (`domain::customer_value`): one
//! customer's orders through `orders_customer`, a period's through one range of `orders_at`.

use rusqlite::params;

use super::{Result, Store};
use crate::domain::customer_value::{CustomerSection, PeriodOrders, period_section};

/// The period's orders summed per customer, then over customers: buyers, repeat buyers, orders, revenue.
fn period_sql() -> String {
    format!(
        "SELECT count(*), coalesce(sum(n >= 2), 0), coalesce(sum(n), 0), coalesce(sum(total), 0)
           FROM (SELECT customer_id, count(*) AS n, sum(amount_cents) AS total FROM orders
                  WHERE at >= ?1 AND at < ?2 AND {} GROUP BY customer_id)",
        super::bulk_jobs::visible("orders")
    )
}

impl Store {
    /// The report's customer section for orders placed in `[from, to)`.
    pub fn customer_section(&self, from: i64, to: i64) -> Result<CustomerSection> {
        let (buyers, repeat_buyers, orders, revenue_cents) = self
            .conn
            .prepare_cached(&period_sql())?
            .query_row(params![from, to], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
        let p = PeriodOrders {
            buyers,
            repeat_buyers,
            orders,
            revenue_cents,
            days: ((to - from + 86_399) / 86_400).max(1),
        };
        Ok(period_section(p, self.service_rules().crm.value_rules()))
    }

    /// `EXPLAIN QUERY PLAN` of [`Store::customer_section`], for the test that keeps it on `orders_at`.
    pub fn customer_section_plan(&self) -> Result<Vec<String>> {
        Ok(super::paging::query_plan(
            &self.conn,
            &period_sql(),
            &[0i64.into(), 1i64.into()],
        )?)
    }
}
