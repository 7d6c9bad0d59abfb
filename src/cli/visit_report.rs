//! The service report (服务报告) of a visit: Markdown that reads as plain text on paper or in a message — what was
//! done, with which parts, how long it took, what it costs and who confirmed it.

use std::fmt::Write;

use crate::domain::field_rules::FieldRules;
use crate::domain::warranty::{Coverage, QuoteState, quote, yuan};
use crate::store::parts::VisitPart;
use crate::store::visits::VisitRow;

fn at(t: Option<i64>, rules: &FieldRules) -> String {
    let tz = rules.tz();
    t.and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map(|d| d.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "—".into())
}

pub fn report(v: &VisitRow, parts: &[VisitPart], rules: &FieldRules) -> String {
    let mut s = String::new();
    // Writing to a String cannot fail.
    let _ = write_report(&mut s, v, parts, rules);
    s
}

fn write_report(
    s: &mut String,
    v: &VisitRow,
    parts: &[VisitPart],
    rules: &FieldRules,
) -> std::fmt::Result {
    writeln!(s, "# Service report 服务报告 V{}", v.number)?;
    writeln!(s)?;
    writeln!(s, "| | |")?;
    writeln!(s, "|---|---|")?;
    writeln!(s, "| Ticket 工单 | #{} {} |", v.ticket, v.subject)?;
    let customer = v
        .customer
        .as_ref()
        .map_or("—".to_string(), |c| c.to_string());
    writeln!(s, "| Customer 客户 | {customer} |")?;
    writeln!(
        s,
        "| Address 地址 | {} |",
        if v.address.is_empty() {
            "—"
        } else {
            v.address.as_str()
        }
    )?;
    writeln!(s, "| Service 服务 | {} |", v.service.label())?;
    writeln!(
        s,
        "| Engineer 工程师 | {} |",
        v.engineer.as_deref().unwrap_or("—")
    )?;
    writeln!(
        s,
        "| Window 预约时间 | {} |",
        super::visit::window_text(v, rules)
    )?;
    writeln!(s, "| Arrived 到达 | {} |", at(v.arrived_at, rules))?;
    writeln!(s, "| Finished 完成 | {} |", at(v.finished_at, rules))?;
    writeln!(s, "| Status 状态 | {} |", v.status)?;
    writeln!(
        s,
        "| Warranty 保修 | {} — {} |",
        v.coverage.label(),
        v.coverage_reason
    )?;
    writeln!(s)?;
    writeln!(s, "## Work done 处理情况")?;
    writeln!(s)?;
    writeln!(
        s,
        "{}",
        if v.notes.is_empty() {
            "(no notes yet)"
        } else {
            v.notes.as_str()
        }
    )?;
    writeln!(s)?;
    writeln!(s, "## Parts 备件")?;
    writeln!(s)?;
    if parts.is_empty() {
        writeln!(s, "None.")?;
    } else {
        writeln!(s, "| Code | Part | Qty | Price | State |")?;
        writeln!(s, "|---|---|---:|---:|---|")?;
        for p in parts {
            let state = if p.used { "used" } else { "reserved" };
            writeln!(
                s,
                "| {} | {} | {} | {} | {state} |",
                p.code,
                p.name,
                p.qty,
                yuan(p.price_cents * p.qty)
            )?;
        }
    }
    writeln!(s)?;
    writeln!(s, "## Charges 费用")?;
    writeln!(s)?;
    let parts_cents: i64 = parts.iter().map(|p| p.price_cents * p.qty).sum();
    writeln!(s, "Labour 工时: {} min", v.labour_minutes)?;
    match v.coverage {
        Coverage::In => writeln!(s, "In warranty 保内: no charge.")?,
        Coverage::Out => {
            let q = quote(parts_cents, v.labour_minutes, &rules.warranty);
            writeln!(
                s,
                "Out of warranty 保外, for the work done: parts ¥{} + labour ¥{} + call-out ¥{} = ¥{}",
                yuan(q.parts_cents),
                yuan(q.labour_cents),
                yuan(q.call_out_cents),
                yuan(q.total_cents)
            )?;
            let answer = match v.quote_state {
                QuoteState::Accepted => "accepted by the customer",
                QuoteState::Declined => "declined by the customer",
                QuoteState::Pending => "waiting for the customer's answer",
                QuoteState::None => "not sent",
            };
            let quoted = v
                .quote_cents
                .map_or("—".to_string(), |c| format!("¥{}", yuan(c)));
            writeln!(s, "Quote 报价: {quoted}, {answer}.")?;
        }
        Coverage::Unknown => writeln!(s, "Warranty not decided; charges follow the decision.")?,
    }
    writeln!(s)?;
    writeln!(s, "## Customer confirmation 客户确认")?;
    writeln!(s)?;
    match &v.confirmed_by {
        Some(name) => writeln!(s, "Confirmed by {name} at {}.", at(v.confirmed_at, rules))?,
        None => writeln!(
            s,
            "Not confirmed yet. Signature 签字: ____________  Date 日期: ____________"
        )?,
    }
    Ok(())
}
