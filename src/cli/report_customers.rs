//! The report's customer section (Markdown): buyers, the repurchase rate (复购率) and customer lifetime value
//! (客户终身价值) of the period's orders (docs/METRICS.md, "Customer value").

use super::output::Out;
use crate::domain::customer_value::CustomerSection;

fn yuan(cents: Option<i64>) -> String {
    cents.map_or_else(|| "—".to_string(), |c| format!("¥{:.2}", c as f64 / 100.0))
}

fn num(v: Option<f64>, unit: &str) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v}{unit}"))
}

pub fn write(out: &mut Out<'_>, c: &CustomerSection) -> std::io::Result<()> {
    if c.orders == 0 {
        return Ok(());
    }
    writeln!(out, "### Customers 客户价值\n")?;
    writeln!(out, "| Measure | Value |\n|---|---:|")?;
    let rows = [
        ("Customers who ordered", c.buyers.to_string()),
        (
            "Of them, ordered again (≥ 2 orders)",
            c.repeat_buyers.to_string(),
        ),
        ("Repurchase rate 复购率", num(c.repurchase_rate, " %")),
        ("Orders", c.orders.to_string()),
        ("Order amount", yuan(Some(c.revenue_cents))),
        ("Average order value", yuan(c.average_order_cents)),
        ("Orders per customer a year", num(c.orders_per_year, "")),
        (
            "Customer lifetime value 客户终身价值",
            format!("{} (over {} years)", yuan(c.clv_cents), c.lifespan_years),
        ),
    ];
    for (label, value) in rows {
        writeln!(out, "| {label} | {value} |")?;
    }
    writeln!(out)
}
