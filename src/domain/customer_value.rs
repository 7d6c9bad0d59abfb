//! Customer lifetime value (客户终身价值, CLV) and the repurchase rate (复购率), from orders (docs/METRICS.md,
//! "Customer value").
//!
//! CLV is the guides' formula: **average order value × purchase frequency × expected lifespan**. For one customer,
//! the average order value is their order total ÷ their orders, and the frequency is their orders per year over
//! the span from their first order to their last (at least `crm.clv_min_tenure_days`, so a customer who bought once
//! last week is not projected at 52 orders a year). The span ends at the last order, not today: the value does not
//! fall day by day while a customer is between orders (churn risk says when they have stopped). For the report, both are the period's (revenue ÷ orders, orders ÷ buyers scaled to a
//! year). The lifespan is `crm.clv_lifespan_years`.
//!
//! The repurchase rate is a share of customers: of those with at least one order in the period, how many had two
//! or more.

use serde::Serialize;

const YEAR_DAYS: f64 = 365.0;

/// The CLV parameters of `[crm]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueRules {
    pub lifespan_years: f64,
    pub min_tenure_days: i64,
}

impl super::crm::CrmRules {
    /// The CLV parameters of `[crm]`.
    pub fn value_rules(&self) -> ValueRules {
        ValueRules {
            lifespan_years: self.clv_lifespan_years,
            min_tenure_days: self.clv_min_tenure_days,
        }
    }
}

/// A problem with `crm.clv_lifespan_years`, naming the key.
pub fn check(lifespan_years: f64) -> Option<String> {
    (!(lifespan_years > 0.0 && lifespan_years <= 100.0))
        .then(|| format!("`crm.clv_lifespan_years` = {lifespan_years}: needs 0 < years <= 100"))
}

/// A customer's orders to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OrderHistory {
    pub count: i64,
    pub total_cents: i64,
    pub first_at: Option<i64>,
    pub last_at: Option<i64>,
}

/// What one customer is worth, on their profile.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct CustomerValue {
    /// Projected lifetime value in cents; None without orders.
    pub clv_cents: Option<i64>,
    pub average_order_cents: Option<i64>,
    /// Orders per year from the first order to the last (over at least the minimum tenure).
    pub orders_per_year: Option<f64>,
    /// Two or more orders to date: counts towards the repurchase rate of any period holding two of them.
    pub repeat_buyer: bool,
}

fn round_to(v: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (v * f).round() / f
}

pub fn customer_value(h: OrderHistory, rules: ValueRules) -> CustomerValue {
    let (Some(first), Some(last), true) = (h.first_at, h.last_at, h.count > 0) else {
        return CustomerValue::default();
    };
    let tenure_days = ((last - first).max(0) / 86_400).max(rules.min_tenure_days.max(1)) as f64;
    let average = h.total_cents as f64 / h.count as f64;
    let per_year = h.count as f64 * YEAR_DAYS / tenure_days;
    CustomerValue {
        clv_cents: Some((average * per_year * rules.lifespan_years).round() as i64),
        average_order_cents: Some(average.round() as i64),
        orders_per_year: Some(round_to(per_year, 2)),
        repeat_buyer: h.count >= 2,
    }
}

/// The orders of a period, summed per customer by the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PeriodOrders {
    /// Customers with at least one order in the period.
    pub buyers: i64,
    /// Of those, customers with two or more.
    pub repeat_buyers: i64,
    pub orders: i64,
    pub revenue_cents: i64,
    /// Length of the period in days (at least 1).
    pub days: i64,
}

/// The report's customer section (JSON key `customers`).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct CustomerSection {
    pub buyers: i64,
    pub repeat_buyers: i64,
    /// `100 × repeat_buyers ÷ buyers`, to 0.1; None without buyers.
    pub repurchase_rate: Option<f64>,
    pub orders: i64,
    pub revenue_cents: i64,
    pub average_order_cents: Option<i64>,
    /// Orders per buyer, scaled from the period to a year, to 0.01.
    pub orders_per_year: Option<f64>,
    pub lifespan_years: f64,
    /// Average order value × orders per year × lifespan, in cents.
    pub clv_cents: Option<i64>,
}

/// `100 × repeat ÷ buyers`, to 0.1; None without buyers.
pub fn repurchase_rate(buyers: i64, repeat: i64) -> Option<f64> {
    (buyers > 0).then(|| round_to(100.0 * repeat.clamp(0, buyers) as f64 / buyers as f64, 1))
}

pub fn period_section(p: PeriodOrders, rules: ValueRules) -> CustomerSection {
    let has = p.buyers > 0 && p.orders > 0;
    let average = has.then(|| p.revenue_cents as f64 / p.orders as f64);
    let per_year =
        has.then(|| p.orders as f64 / p.buyers as f64 * YEAR_DAYS / p.days.max(1) as f64);
    CustomerSection {
        buyers: p.buyers,
        repeat_buyers: p.repeat_buyers,
        repurchase_rate: repurchase_rate(p.buyers, p.repeat_buyers),
        orders: p.orders,
        revenue_cents: p.revenue_cents,
        average_order_cents: average.map(|a| a.round() as i64),
        orders_per_year: per_year.map(|f| round_to(f, 2)),
        lifespan_years: rules.lifespan_years,
        clv_cents: average
            .zip(per_year)
            .map(|(a, f)| (a * f * rules.lifespan_years).round() as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DAY: i64 = 86_400;
    const RULES: ValueRules = ValueRules {
        lifespan_years: 3.0,
        min_tenure_days: 365,
    };

    #[test]
    fn a_customer_is_worth_their_yearly_spend_times_the_lifespan() {
        // ¥300 and ¥500 over two years: ¥400 a time, one order a year, three years: ¥1,200.
        let h = OrderHistory {
            count: 2,
            total_cents: 80_000,
            first_at: Some(0),
            last_at: Some(730 * DAY),
        };
        let v = customer_value(h, RULES);
        assert_eq!(v.average_order_cents, Some(40_000));
        assert_eq!(v.orders_per_year, Some(1.0));
        assert_eq!(v.clv_cents, Some(120_000));
        assert!(v.repeat_buyer);
        // Two orders a week apart are read over the minimum tenure of a year, not as 104 a year.
        let new = OrderHistory {
            count: 2,
            total_cents: 10_000,
            first_at: Some(0),
            last_at: Some(7 * DAY),
        };
        let v = customer_value(new, RULES);
        assert_eq!(v.orders_per_year, Some(2.0));
        assert_eq!(v.clv_cents, Some(30_000));
        let once = OrderHistory {
            count: 1,
            total_cents: 10_000,
            first_at: Some(0),
            last_at: Some(0),
        };
        let v = customer_value(once, RULES);
        assert_eq!(v.orders_per_year, Some(1.0));
        assert_eq!(v.clv_cents, Some(30_000));
        assert!(!v.repeat_buyer);
        assert_eq!(
            customer_value(OrderHistory::default(), RULES),
            CustomerValue::default()
        );
    }

    #[test]
    fn the_period_section_is_worked_out_by_hand() {
        // 30 days; A bought ¥100 and ¥200, B ¥300: 2 buyers, 1 repeat (50 %), ¥200 a time, 1.5 orders a buyer in 30
        // days is 18.25 a year; CLV ¥200 × 18.25 × 3 = ¥10,950.
        let s = period_section(
            PeriodOrders {
                buyers: 2,
                repeat_buyers: 1,
                orders: 3,
                revenue_cents: 60_000,
                days: 30,
            },
            RULES,
        );
        assert_eq!(s.repurchase_rate, Some(50.0));
        assert_eq!(s.average_order_cents, Some(20_000));
        assert_eq!(s.orders_per_year, Some(18.25));
        assert_eq!(s.clv_cents, Some(1_095_000));
        let empty = period_section(
            PeriodOrders {
                days: 30,
                ..Default::default()
            },
            RULES,
        );
        assert_eq!((empty.repurchase_rate, empty.clv_cents), (None, None));
    }

    proptest! {
        #[test]
        fn rates_stay_shares_and_value_grows_with_spend(
            buyers in 0i64..10_000, repeat in 0i64..10_000, count in 1i64..500,
            total in 0i64..1_000_000_000, extra in 0i64..1_000_000, days in 0i64..5_000,
        ) {
            if let Some(r) = repurchase_rate(buyers, repeat) {
                prop_assert!((0.0..=100.0).contains(&r));
            }
            let h = OrderHistory { count, total_cents: total, first_at: Some(0), last_at: Some(days * DAY) };
            let more = OrderHistory { total_cents: total + extra, ..h };
            let (a, b) = (customer_value(h, RULES), customer_value(more, RULES));
            prop_assert!(a.clv_cents.unwrap_or(-1) >= 0);
            prop_assert!(b.clv_cents >= a.clv_cents);
            // A longer expected lifespan never lowers the value.
            let longer = ValueRules { lifespan_years: 5.0, ..RULES };
            prop_assert!(customer_value(h, longer).clv_cents >= a.clv_cents);
        }
    }
}
