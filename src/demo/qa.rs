//! The demo's quality inspection (issue 23): the lead zhang samples the solved tickets of the three weeks before
//! last into the QA queue and scores most of them — scores that vary by agent and week, one review failed on a
//! critical item — and li scores one ticket zhang scored, a calibration pair. The newest samples stay in the
//! queue, and last week waits for a lead to sample it (`s` in the QA pane). Written
//! through the store like a lead's own work; fixed choices, no random stream, so the rest of the demo is unchanged.

use anyhow::Result;

use crate::domain::qa::iso_week;
use crate::domain::view::PageRequest;
use crate::store::Store;

const DAY: i64 = 86_400;
const SHANGHAI: i64 = 8 * 3600;
/// Samples left waiting for a review.
const LEFT_WAITING: usize = 3;

/// Scores 0–5 of the six shipped criteria for the `i`th review: mostly good, a few weak spots.
fn scores(i: usize, ticket: i64) -> [i64; 6] {
    let t = ticket.unsigned_abs() as usize + i;
    [
        5 - i64::from(t.is_multiple_of(3)),
        4 + (t % 2) as i64 - i64::from(t.is_multiple_of(7)),
        3 + (t % 3) as i64,
        3 + i64::from(t % 4 == 1) + i64::from(t.is_multiple_of(5)),
        4 - i64::from(t.is_multiple_of(4)),
        2 + (t % 4) as i64,
    ]
    .map(|s| s.clamp(1, 5))
}

fn words(s: [i64; 6], rubric: &crate::domain::qa::Rubric) -> Vec<String> {
    rubric
        .criteria
        .iter()
        .zip(s)
        .map(|(c, v)| format!("{}={}", c.key, v.min(i64::from(c.max))))
        .collect()
}

pub fn write(store: &mut Store, now: i64) -> Result<()> {
    let lead = "zhang";
    if store.agent_id(lead)?.is_none() || store.agent_id("li")?.is_none() {
        return Ok(());
    }
    let actor = store.actor().map(str::to_string);
    store.set_actor(Some(lead.into()));
    let out = write_all(store, now);
    store.set_actor(actor);
    out
}

fn write_all(store: &mut Store, now: i64) -> Result<()> {
    let rubric = store.service_rules().qa.rubric.clone();
    for weeks_ago in (2..=4).rev() {
        let at = now - weeks_ago * 7 * DAY;
        store.qa_sample_week(&iso_week(at, SHANGHAI), SHANGHAI, at + DAY)?;
    }
    let queue = store.qa_queue(PageRequest::First, 200, true)?.rows;
    let scored = queue.len().saturating_sub(LEFT_WAITING);
    for (i, s) in queue.iter().take(scored).enumerate() {
        let mut words = words(scores(i, s.ticket), &rubric);
        let comment = if i == 1 {
            // Accuracy is critical: a wrong answer fails the review whatever else was done well.
            if let Some(w) = words.iter_mut().find(|w| w.starts_with("accuracy=")) {
                *w = "accuracy=fail".into();
            }
            "告知客户的退货期限有误（应为七天）。Told the customer the wrong return period."
        } else if i.is_multiple_of(4) {
            "开场问候与共情话术规范，记录完整。Good greeting and empathy; notes complete."
        } else {
            ""
        };
        let parsed = rubric.parse(&words)?;
        let at = (s.sampled_at + DAY + (i as i64 % 3) * 3600).min(now - 3600);
        store.qa_review(s.ticket, &parsed, comment, SHANGHAI, at)?;
        if i == 0 {
            // Calibration: li scores the same ticket, a little more strictly on understanding and documentation.
            let mut second = scores(i, s.ticket);
            second[1] = (second[1] - 1).max(0);
            second[5] = (second[5] - 1).max(0);
            let parsed = rubric.parse(&self::words(second, &rubric))?;
            store.set_actor(Some("li".into()));
            store.qa_review(s.ticket, &parsed, "校准 calibration", SHANGHAI, at + 1800)?;
            store.set_actor(Some("zhang".into()));
        }
    }
    Ok(())
}
