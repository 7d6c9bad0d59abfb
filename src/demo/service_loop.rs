//! The demo's complaint procedure and improvement plans (issue 23): every complaint gets the records its stage
//! needs (category, severity, the responsible person, root cause and resolution), open ones are spread over
//! received, registered and investigating, and three improvement actions made from past reports sit at do, check
//! and act. Written through the store like an agent's own work; fixed choices, no random stream, so the rest of
//! the demo is unchanged.

use anyhow::Result;

use crate::domain::complaint::{ComplaintSeverity, DEFAULT_ROOT_CAUSES};
use crate::domain::metrics::Indicator;
use crate::domain::plan::PlanStatus;
use crate::domain::query;
use crate::domain::service_loop::ComplaintStage;
use crate::domain::ticket::Status;
use crate::domain::view::{PageRequest, TicketFilter};
use crate::store::Store;
use crate::store::plans::{NewPlan, PlanEdit};
use crate::store::ticket_write::TicketEdit;

const DAY: i64 = 86_400;
/// Complaints the demo fills in at most (the demo has a few dozen).
const COMPLAINTS: usize = 200;

const CATEGORIES: [&str; 5] = ["产品质量", "服务态度", "物流配送", "价格收费", "售后流程"];
const RESOLUTIONS: [&str; 4] = [
    "上门检测后更换配件并致歉",
    "补发并赠送优惠券",
    "退还差价，说明价格政策",
    "重新培训服务人员，当面致歉",
];
const OWNERS: [&str; 3] = ["zhang", "li", "wang"];

pub fn write(store: &mut Store, now: i64) -> Result<()> {
    write_complaints(store, now)?;
    write_plans(store, now)
}

fn write_complaints(store: &mut Store, now: i64) -> Result<()> {
    let q = query::parse("kind:complaint")?;
    let f = TicketFilter::default().refine(&q, now, 0);
    let rows = store
        .ticket_page(&f, None, PageRequest::First, COMPLAINTS)?
        .rows;
    for (i, t) in rows.iter().enumerate() {
        let mut edits = vec![
            TicketEdit::ComplaintCategory(CATEGORIES[i % CATEGORIES.len()].into()),
            TicketEdit::ComplaintSeverity(ComplaintSeverity::ALL[i % 3]),
        ];
        let open = t.status.is_open();
        // Open complaints spread over the first three stages; handled ones have everything.
        let stage = match (open, i % 3) {
            (true, 0) => Some(ComplaintStage::Received),
            (true, 1) => Some(ComplaintStage::Registered),
            (true, _) => Some(ComplaintStage::Investigating),
            (false, _) => None,
        };
        if !open || stage == Some(ComplaintStage::Investigating) {
            edits.push(TicketEdit::ComplaintOwner(Some(OWNERS[i % 3].into())));
        }
        if !open && t.status != Status::Merged {
            edits.push(TicketEdit::RootCause(
                DEFAULT_ROOT_CAUSES[(i * 7) % DEFAULT_ROOT_CAUSES.len()].into(),
            ));
            edits.push(TicketEdit::ComplaintResolution(
                RESOLUTIONS[i % RESOLUTIONS.len()].into(),
            ));
        }
        if stage == Some(ComplaintStage::Received) {
            // Still 接收: nothing recorded yet.
            edits.clear();
        }
        edits.extend(stage.map(TicketEdit::ComplaintStage));
        if !edits.is_empty() {
            // At the ticket's own last update, so queues sorted by it keep their order.
            store.set_ticket(t.number, &edits, None, t.updated_at)?;
        }
    }
    Ok(())
}

fn write_plans(store: &mut Store, now: i64) -> Result<()> {
    let actions = [
        (
            "在线客服高峰期增派人手，先用模板回复 Staff chat at peak hours, answer with a macro first",
            "zhang",
            Indicator::FrtSla,
            Some(90.0),
            Some(41.0),
            "frt-sla",
            PlanStatus::Do,
        ),
        (
            "回访话术培训 Train the follow-up call script",
            "li",
            Indicator::Csat,
            Some(85.0),
            Some(70.0),
            "csat",
            PlanStatus::Check,
        ),
        (
            "投诉根因复盘会 Monthly complaint root-cause review",
            "wang",
            Indicator::ComplaintRate,
            Some(10.0),
            Some(18.0),
            "complaints",
            PlanStatus::Act,
        ),
    ];
    for (i, (title, owner, indicator, target, baseline, rule, status)) in
        actions.into_iter().enumerate()
    {
        let made = now - (40 - 10 * i as i64) * DAY;
        let number = store.add_plan(
            &NewPlan {
                title: title.into(),
                owner: Some(owner.into()),
                due_at: made + 45 * DAY,
                indicator,
                target,
                baseline,
                rule: Some(rule.into()),
            },
            made,
        )?;
        // Walk the cycle to where the action stands.
        let path = [PlanStatus::Do, PlanStatus::Check, PlanStatus::Act];
        for (k, step) in path.iter().enumerate() {
            let rank = |s: PlanStatus| PlanStatus::ALL.iter().position(|x| *x == s);
            if rank(*step) > rank(status) {
                break;
            }
            let edit = PlanEdit {
                status: Some(*step),
                ..PlanEdit::default()
            };
            // Never stamped after `now`: a change from the future would make a replica's clock look wrong.
            let at = (made + (k as i64 + 1) * 7 * DAY).min(now);
            store.set_plan(number, &edit, at)?;
        }
    }
    Ok(())
}
