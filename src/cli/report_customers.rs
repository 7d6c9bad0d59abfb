//! The report's customer section (Markdown): buyers, the repurchase rate (复购率) and customer lifetime value
//! (客户终身价值) of the period's orders (docs/METRICS.md, "Customer value").

use super::output::Out;
use super::report_md::{arg, col, head};
use crate::domain::customer_value::CustomerSection;
use crate::i18n::{Locale, tr, tr_args};

fn yuan(cents: Option<i64>) -> String {
    cents.map_or_else(|| "—".to_string(), |c| format!("¥{:.2}", c as f64 / 100.0))
}

fn num(v: Option<f64>, unit: &str) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v}{unit}"))
}

pub fn write(out: &mut Out<'_>, c: &CustomerSection, l: Locale) -> std::io::Result<()> {
    if c.orders == 0 {
        return Ok(());
    }
    writeln!(out, "### {}\n", tr(l, "report-customers-title"))?;
    head(
        out,
        &[
            col(l, "report-column-measure", false),
            col(l, "report-column-value", true),
        ],
    )?;
    let clv = tr_args(
        l,
        "report-customers-clv-value",
        &[
            ("value", arg(yuan(c.clv_cents))),
            ("years", arg(c.lifespan_years)),
        ],
    );
    let rows = [
        ("report-customers-buyers", c.buyers.to_string()),
        ("report-customers-repeat", c.repeat_buyers.to_string()),
        ("report-customers-repurchase", num(c.repurchase_rate, " %")),
        ("report-customers-orders", c.orders.to_string()),
        ("report-customers-amount", yuan(Some(c.revenue_cents))),
        ("report-customers-average", yuan(c.average_order_cents)),
        ("report-customers-per-year", num(c.orders_per_year, "")),
        ("report-customers-clv", clv),
    ];
    for (key, value) in rows {
        writeln!(out, "| {} | {value} |", tr(l, key))?;
    }
    writeln!(out)
}
