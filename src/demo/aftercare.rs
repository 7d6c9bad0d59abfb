//! After a ticket is solved, the closed loop (闭环): the customer's survey answers and the follow-up visit (回访).

use super::rng::Rng;
use super::staff::Staff;
use super::tickets::Plan;
use super::time::{DAY, HOUR, MINUTE};
use crate::domain::ticket::Kind;
use crate::store::bulk::BulkWriter;
use crate::store::records::{SurveyRec, TaskRec};
use anyhow::Result;

/// A solved ticket, for its survey and follow-up.
pub(super) struct Done<'a> {
    pub ticket_id: &'a str,
    pub customer_id: &'a str,
    pub subject: &'a str,
    /// When it was solved.
    pub at: i64,
}

const PRAISE_ZH: &[&str] = &[
    "处理很及时，谢谢！",
    "客服态度很好",
    "师傅上门很准时",
    "问题一次就解决了",
];
const PRAISE_EN: &[&str] = &[
    "Quick and friendly, thank you!",
    "Solved on the first contact",
    "The technician was on time",
    "Clear instructions, easy to follow",
];
const GRIPE_ZH: &[&str] = &[
    "等待时间太长了",
    "问题没有彻底解决",
    "来回沟通了好几次",
    "希望能有专人跟进",
];
const GRIPE_EN: &[&str] = &[
    "Waited too long for an answer",
    "The problem is not really fixed",
    "Had to explain it several times",
    "Nobody called me back as promised",
];

/// CSAT / NPS / CES answers for a solved ticket; returns whether any score was low (drives the follow-up note).
pub(super) fn write_surveys(
    w: &mut BulkWriter<'_>,
    plan: &Plan,
    done: &Done<'_>,
    now: i64,
    rng: &mut Rng,
) -> Result<bool> {
    let complaint = plan.kind == Kind::Complaint;
    let mut any_low = false;
    let mut csat_given = None;
    for (kind, share) in [("csat", 0.5), ("nps", 0.2), ("ces", 0.15)] {
        let at = done.at + rng.range(30 * MINUTE, 2 * DAY);
        if !rng.chance(share) || at > now {
            continue; // not asked, or not answered yet
        }
        // Low: CSAT 1–2, NPS detractor 0–6, CES 5–7 (high effort).
        let (score, is_low): (i64, fn(i64) -> bool) = match (kind, complaint) {
            ("csat", false) => (1 + rng.weighted(&[5, 6, 12, 32, 45]) as i64, |s| s <= 2),
            ("csat", true) => (1 + rng.weighted(&[14, 14, 20, 27, 25]) as i64, |s| s <= 2),
            ("nps", false) => (
                rng.weighted(&[3, 2, 2, 3, 3, 5, 7, 12, 18, 20, 25]) as i64,
                |s| s <= 6,
            ),
            ("nps", true) => (
                rng.weighted(&[6, 4, 5, 6, 7, 9, 10, 14, 15, 12, 12]) as i64,
                |s| s <= 6,
            ),
            _ => (1 + rng.weighted(&[30, 25, 18, 10, 8, 5, 4]) as i64, |s| {
                s >= 5
            }),
        };
        let is_low = is_low(score);
        any_low |= is_low;
        let comment = rng.chance(if is_low { 0.7 } else { 0.25 }).then(|| {
            let list = match (is_low, plan.zh) {
                (true, true) => GRIPE_ZH,
                (true, false) => GRIPE_EN,
                (false, true) => PRAISE_ZH,
                (false, false) => PRAISE_EN,
            };
            rng.pick(list).to_string()
        });
        if kind == "csat" {
            csat_given = Some((score, at));
        }
        w.survey(&SurveyRec {
            id: rng.ulid(at),
            ticket_id: Some(done.ticket_id.to_string()),
            customer_id: Some(done.customer_id.to_string()),
            kind,
            score,
            comment,
            at,
        })?;
    }
    if let Some((csat, at)) = csat_given {
        write_questionnaire(w, done.ticket_id, csat, complaint, at)?;
    }
    Ok(any_low)
}

/// About two in five customers who gave a CSAT also answer the questionnaire (问卷), item by item around their
/// CSAT: price is scored a little lower, delivery varies, and a complaint's product lower still. Drawn from the
/// ticket id, not the generator, so the rest of the demo stays as it was.
fn write_questionnaire(
    w: &mut BulkWriter<'_>,
    ticket_id: &str,
    csat: i64,
    complaint: bool,
    at: i64,
) -> Result<()> {
    let mut h = ticket_id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let mut draw = |n: u64| {
        h = h.rotate_left(13).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h % n
    };
    if draw(5) >= 2 {
        return Ok(());
    }
    let mut answers = Vec::new();
    for item in ["product", "service", "price", "delivery", "after_sales"] {
        let shift: i64 = match item {
            "price" => -(draw(2) as i64),
            "delivery" => draw(3) as i64 - 1,
            "product" if complaint => -1,
            _ => [0, 0, 0, 1, -1][draw(5) as usize],
        };
        // Some leave an item blank.
        if draw(10) > 0 {
            answers.push((item.to_string(), (csat + shift).clamp(1, 5)));
        }
    }
    w.survey_items(ticket_id, &answers, at)?;
    Ok(())
}

/// The closed loop's follow-up visit (回访): due a few days after solving, done for most of the past ones.
pub(super) fn write_follow_up(
    w: &mut BulkWriter<'_>,
    plan: &Plan,
    staff: &Staff,
    done: &Done<'_>,
    low_score: bool,
    now: i64,
    rng: &mut Rng,
) -> Result<()> {
    if !low_score && !rng.chance(0.7) {
        return Ok(());
    }
    let (solved, subject) = (done.at, done.subject);
    let due_at = solved + rng.range(DAY, 3 * DAY);
    let done_at = (due_at <= now && rng.chance(0.85)).then(|| {
        rng.range(solved + 2 * HOUR, (due_at + DAY).min(now))
            .min(now)
    });
    let note = match (low_score, plan.zh) {
        (true, true) => format!("低分回访：{subject}"),
        (true, false) => format!("Low score, call back: {subject}"),
        (false, true) => format!("回访：{subject}"),
        (false, false) => format!("Follow up: {subject}"),
    };
    w.task(&TaskRec {
        id: rng.ulid(solved),
        kind: "follow_up".to_string(),
        ticket_id: Some(done.ticket_id.to_string()),
        customer_id: Some(done.customer_id.to_string()),
        due_at,
        done_at,
        assignee_id: plan.assignee.map(|a| staff.agents[a].id.clone()),
        note,
        created_at: solved,
    })?;
    Ok(())
}
