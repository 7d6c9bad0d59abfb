//! The demo's field service (issue 22): a parts catalogue with stock in two warehouses and the engineers' vans,
//! engineers with service skills, visits on open tickets about a product — done ones with notes, parts and the
//! customer's confirmation, a no-show, this week's schedule (with one overlap and one tight hop between places),
//! some still waiting for a time — and return and exchange requests at each step. Written through the store, as
//! an agent would, so every visit, movement and request has its history. Fixed choices, no random stream: the
//! rest of the demo is unchanged by it.

use anyhow::{Context, Result};

use crate::domain::returns::{RmaKind, RmaReason, RmaStatus};
use crate::domain::visit::{Service, VisitStatus};
use crate::domain::warranty::{Cause, Coverage, QuoteState};
use crate::store::Store;
use crate::store::parts::NewPart;
use crate::store::returns::{NewReturn, ReturnStep};
use crate::store::visits::{NewVisit, VisitEdit};

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// (code, name, fits, cost, price, reorder point) in yuan.
const PARTS: [(&str, &str, &str, i64, i64, i64); 10] = [
    ("BRS-R7", "主刷 Main brush", "R7", 18, 49, 4),
    ("FLT-X3", "HEPA 滤网 Filter", "X3", 45, 129, 5),
    ("ANO-H5", "镁棒 Anode rod", "H5", 22, 68, 3),
    ("HTR-H5", "加热管 Heating element", "H5", 85, 239, 2),
    ("MOT-S9", "锁体电机 Lock motor", "S9", 60, 180, 2),
    ("BAT-S9", "锂电池 Battery pack", "S9", 40, 99, 3),
    ("PMP-D4", "排水泵 Drain pump", "D4", 70, 198, 2),
    ("BLT-W2", "皮带 Drive belt", "W2", 15, 45, 3),
    ("PCB-W2", "主控板 Control board", "W2", 160, 420, 1),
    ("MSH-C6", "密封圈 Lid seal", "C6", 6, 25, 5),
];

const NOTES: [&str; 4] = [
    "更换主刷，清理滚刷缠绕物，试机正常。Replaced the brush; tested OK.",
    "更换加热管，检测漏电保护正常，已告知用户使用注意事项。",
    "排水泵堵塞，清理异物并更换排水泵，排水测试通过。",
    "锁体电机异响，更换电机并重新校准，开锁 20 次无异常。",
];

/// Engineers (handles of the demo staff), their service skills and the van their parts ride in.
const ENGINEERS: [(&str, &[&str]); 3] = [
    ("li", &["service:repair", "service:install"]),
    ("wang", &["service:repair", "service:maintenance"]),
    ("zhang", &["service:install", "service:inspection"]),
];

/// Midnight of `now`'s day in Shanghai, plus `days`.
fn local_day(now: i64, days: i64) -> i64 {
    const OFFSET: i64 = 8 * HOUR;
    (now + OFFSET).div_euclid(DAY) * DAY - OFFSET + days * DAY
}

pub fn write(store: &mut Store, now: i64) -> Result<()> {
    let engineers: Vec<&str> = ENGINEERS
        .iter()
        .map(|(h, _)| *h)
        .filter(|h| store.agent_id(h).ok().flatten().is_some())
        .collect();
    if engineers.is_empty() {
        return Ok(());
    }
    let actor = store.actor().map(str::to_string);
    store.set_actor(None);
    let out = write_all(store, &engineers, now);
    store.set_actor(actor);
    out
}

fn write_all(store: &mut Store, engineers: &[&str], now: i64) -> Result<()> {
    let past = now - 30 * DAY;
    for (handle, skills) in ENGINEERS.iter().filter(|(h, _)| engineers.contains(h)) {
        let skills: Vec<String> = skills.iter().map(|s| s.to_string()).collect();
        store.set_agent_skills(handle, &skills, &[], past)?;
    }
    for (code, name, fits, cost, price, reorder) in PARTS {
        store
            .add_part(
                &NewPart {
                    code: code.into(),
                    name: name.into(),
                    compatible: vec![fits.into()],
                    unit_cost_cents: cost * 100,
                    price_cents: price * 100,
                    reorder_at: reorder,
                },
                past,
            )
            .context("adding the demo's parts")?;
        // The control board is scarce: it shows on the low-stock list.
        let (shanghai, beijing) = if code == "PCB-W2" { (1, 0) } else { (12, 6) };
        store.receive_part(code, "上海仓", shanghai, "PO-2026-11", past)?;
        if beijing > 0 {
            store.receive_part(code, "北京仓", beijing, "PO-2026-11", past)?;
        }
        for e in engineers {
            if code != "PCB-W2" {
                store.transfer_part(code, "上海仓", &format!("van:{e}"), 2, past + HOUR)?;
            }
        }
    }
    let tickets = store.open_tickets_with_products(28)?;
    for (i, (ticket, customer, city)) in tickets.iter().enumerate() {
        let engineer = engineers[i % engineers.len()];
        let service = [
            Service::Repair,
            Service::Install,
            Service::Maintenance,
            Service::Inspection,
        ][i % 4];
        // 0–1 done, 2 a no-show, 3–5 this week, 6 waiting for a time.
        let plan = i % 7;
        // Visits at 09:00, 11:00, 14:00 or 16:00: done ones in the days before, the rest from today on.
        let slot = [9, 11, 14, 16][(i / engineers.len()) % 4];
        let day = match plan {
            0..=1 => -1 - (i as i64 % 5),
            2 => -2,
            _ => (i as i64 / 2) % 5,
        };
        let start = local_day(now, day) + slot * HOUR;
        // Booked the day before (or an hour ago, for today's).
        let made = (start - DAY).min(now - HOUR);
        let waiting = plan == 6;
        let v = store.new_visit(
            &NewVisit {
                ticket: *ticket,
                service,
                address: Some(address(city, i)),
                engineer: (!waiting).then(|| engineer.to_string()),
                window: (!waiting).then_some((start, start + 2 * HOUR)),
            },
            made,
        )?;
        let n = v.number;
        // Parts the vans carry (the scarce control board stays in the warehouse).
        let carried: Vec<&str> = PARTS
            .iter()
            .map(|p| p.0)
            .filter(|c| *c != "PCB-W2")
            .collect();
        let part = carried[i % carried.len()];
        let van = format!("van:{engineer}");
        match plan {
            0..=1 if start < now => {
                store.reserve_part(n, part, &van, 1, made)?;
                store.set_visit(
                    n,
                    &[VisitEdit::Status(VisitStatus::OnSite)],
                    start + 20 * 60,
                )?;
                let found = vec![
                    VisitEdit::Notes(NOTES[i % NOTES.len()].into()),
                    VisitEdit::LabourMinutes(30 + 15 * (i as i64 % 5)),
                    VisitEdit::Cause(if i % 5 == 0 {
                        Cause::UserDamage
                    } else {
                        Cause::Fault
                    }),
                ];
                let v = store.set_visit(n, &found, start + 80 * 60)?;
                let mut done = Vec::new();
                if v.coverage == Coverage::Out {
                    // The customer agreed to the quote on site.
                    done.push(VisitEdit::Quote(QuoteState::Accepted));
                }
                done.push(VisitEdit::Status(VisitStatus::Completed));
                done.push(VisitEdit::ConfirmedBy(customer.clone()));
                store.set_visit(n, &done, start + 90 * 60)?;
            }
            2 if start < now => {
                store.set_visit(
                    n,
                    &[VisitEdit::Status(VisitStatus::NoShow)],
                    start + 30 * 60,
                )?;
            }
            _ if !waiting => {
                if i % 4 == 1 {
                    store.reserve_part(n, part, &van, 1, made)?;
                }
                if i % 9 == 4 {
                    // Found at booking: out of warranty, the quote waits for the customer.
                    store.set_visit(n, &[VisitEdit::Cause(Cause::UserDamage)], made)?;
                }
            }
            _ => {}
        }
    }
    write_clash(store, engineers, &tickets, now)?;
    write_returns(store, &tickets, now)
}

/// On the first engineer's day after tomorrow: two visits that overlap and a third too soon after them at another
/// place — what the schedule flags (`!` and `~`).
fn write_clash(
    store: &mut Store,
    engineers: &[&str],
    tickets: &[(i64, String, String)],
    now: i64,
) -> Result<()> {
    let Some(ticket) = tickets.first().map(|t| t.0) else {
        return Ok(());
    };
    let day = local_day(now, 2);
    let plan = [
        (10 * 60, 120, "北京市朝阳区建国路 88 号"),
        (11 * 60, 90, "北京市海淀区中关村大街 27 号"),
        (13 * 60, 60, "北京市东城区王府井大街 255 号"),
    ];
    for (from, minutes, address) in plan {
        let start = day + from * 60;
        store.new_visit(
            &NewVisit {
                ticket,
                service: Service::Maintenance,
                address: Some(address.into()),
                engineer: Some(engineers[0].to_string()),
                window: Some((start, start + minutes * 60)),
            },
            now - DAY,
        )?;
    }
    Ok(())
}

/// A street address in the customer's city.
fn address(city: &str, i: usize) -> String {
    const STREETS: [&str; 5] = ["人民路", "解放大道", "建设路", "中山北路", "长江路"];
    let city = if city.is_empty() { "上海" } else { city };
    format!(
        "{city} {} {} 号 {}0{} 室",
        STREETS[i % STREETS.len()],
        10 + 7 * i,
        1 + i % 9,
        1 + i % 4
    )
}

fn write_returns(store: &mut Store, tickets: &[(i64, String, String)], now: i64) -> Result<()> {
    use RmaStatus::*;
    // Kind, reason, days from delivery to the request, and the steps taken since.
    let cases: [(RmaKind, RmaReason, i64, &[RmaStatus]); 6] = [
        (RmaKind::Return, RmaReason::NoReason, 3, &[]),
        (
            RmaKind::Return,
            RmaReason::NoReason,
            5,
            &[Approved, Collected, Received, Inspected, Refunded],
        ),
        (
            RmaKind::Exchange,
            RmaReason::Quality,
            10,
            &[Approved, Received],
        ),
        (
            RmaKind::Exchange,
            RmaReason::DamagedInTransit,
            2,
            &[Approved, Received, Inspected, Exchanged],
        ),
        (
            RmaKind::Repair,
            RmaReason::Quality,
            40,
            &[Approved, Collected],
        ),
        (RmaKind::Return, RmaReason::NoReason, 12, &[Declined]),
    ];
    for (i, (kind, reason, days, steps)) in cases.iter().enumerate() {
        let Some((ticket, _, _)) = tickets.get(tickets.len().saturating_sub(1 + 2 * i)) else {
            break;
        };
        let at = now - (6 - i as i64) * DAY;
        let r = store.new_return(
            &NewReturn {
                ticket: *ticket,
                kind: *kind,
                reason: *reason,
                order: None,
                delivered_at: Some(at - days * DAY),
                note: String::new(),
            },
            at,
        )?;
        for (k, step) in steps.iter().enumerate() {
            let step = ReturnStep {
                status: Some(*step),
                exception: None,
                refund_cents: (*step == Refunded).then_some(29_900),
                note: None,
            };
            store.set_return(r.number, &step, at + (k as i64 + 1) * 6 * HOUR)?;
        }
    }
    Ok(())
}
