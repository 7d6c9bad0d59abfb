//! Improvement suggestions (改进建议): explicit rules over a report's numbers, each named so a reader can see
//! why it fired. A rule fires only when its indicator misses its target (or, for volume, when load grows).

use super::metrics::Indicator;
use super::metrics_report::{Report, Suggestion};

fn fmt(ind: Indicator, v: f64) -> String {
    ind.format(v)
}

/// The first entries of a count list as `a (3), b (2)`.
fn top(list: &[super::metrics_report::Count], n: usize) -> String {
    list.iter()
        .take(n)
        .map(|c| format!("{} ({})", c.name, c.count))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A missed target as (value, target), for indicators that have both.
fn missed(report: &Report, ind: Indicator) -> Option<(f64, f64)> {
    let row = report.indicator(ind)?;
    match (row.current, row.target, row.meets_target) {
        (Some(v), Some(t), Some(false)) => Some((v, t)),
        _ => None,
    }
}

/// The CSI suggestion when it was computed over the questionnaire: the two lowest-scoring items answered, each
/// with what usually moves it.
fn weakest_items(report: &Report, v: f64, t: f64) -> String {
    let mut answered: Vec<_> = report
        .questionnaire
        .iter()
        .filter_map(|i| i.score.map(|s| (s, i)))
        .collect();
    answered.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.item.cmp(&b.1.item)));
    let named: Vec<String> = answered
        .iter()
        .take(2)
        .map(|(s, i)| {
            let how = match i.item.as_str() {
                "product" => "pass product faults to the product team with their tickets",
                "service" => "coach replies on the QA rubric's understanding and empathy",
                "price" => "explain costs and warranty cover before the work, not after",
                "delivery" => "confirm delivery and visit windows and keep them",
                "after_sales" => "make every follow-up call and close the loop",
                _ => "read what those customers said",
            };
            format!("{} scored {s:.1} ({how})", i.label)
        })
        .collect();
    format!(
        "CSI was {} (target {}). The questionnaire's weakest items: {}.",
        fmt(Indicator::Csi, v),
        fmt(Indicator::Csi, t),
        named.join("; ")
    )
}

pub fn suggestions(report: &Report) -> Vec<Suggestion> {
    let mut out = Vec::new();
    let mut say = |rule: &'static str, indicator: Indicator, text: String| {
        out.push(Suggestion {
            rule,
            indicator: Some(indicator),
            text,
        })
    };
    let breaches = if report.breaches_by_group.is_empty() {
        String::new()
    } else {
        format!(
            " Most breaches: {}; by priority: {}.",
            top(&report.breaches_by_group, 2),
            top(&report.breaches_by_priority, 2)
        )
    };
    if let Some((v, t)) = missed(report, Indicator::FrtSla) {
        say(
            "frt-sla",
            Indicator::FrtSla,
            format!(
                "First responses met the SLA {} of the time (target {}).{breaches} Put more agents on those queues at peak hours, and answer with a macro first.",
                fmt(Indicator::FrtSla, v),
                fmt(Indicator::FrtSla, t)
            ),
        );
    }
    if let Some((v, t)) = missed(report, Indicator::ResolutionSla) {
        say(
            "resolution-sla",
            Indicator::ResolutionSla,
            format!(
                "Resolutions met the SLA {} of the time (target {}). Escalate at-risk tickets earlier (`sla:at-risk` view) and hand complex ones to a specialist group sooner.",
                fmt(Indicator::ResolutionSla, v),
                fmt(Indicator::ResolutionSla, t)
            ),
        );
    }
    let overall = report.value(Indicator::FrtMedian);
    if let (Some(slowest), Some(all)) = (report.slow_channels.first(), overall) {
        let m = slowest
            .values
            .get(&Indicator::FrtMedian)
            .copied()
            .flatten()
            .unwrap_or(0.0);
        if all > 0.0 && m >= 2.0 * all {
            say(
                "slow-channel",
                Indicator::FrtMedian,
                format!(
                    "The {} channel answers in {} (median), {:.1}× the desk's {}. Staff that channel or route it to a faster queue.",
                    slowest.label,
                    fmt(Indicator::FrtMedian, m),
                    m / all,
                    fmt(Indicator::FrtMedian, all)
                ),
            );
        }
    }
    if let Some((v, t)) = missed(report, Indicator::Fcr) {
        say(
            "fcr",
            Indicator::Fcr,
            format!(
                "Only {} of solved tickets were solved with one reply (target {}). Write knowledge-base articles for the most asked questions so agents can answer completely the first time.",
                fmt(Indicator::Fcr, v),
                fmt(Indicator::Fcr, t)
            ),
        );
    }
    if let Some((v, t)) = missed(report, Indicator::ReopenRate) {
        say(
            "reopen",
            Indicator::ReopenRate,
            format!(
                "{} of solved tickets were reopened (ceiling {}). Confirm the fix with the customer before solving, and review reopened tickets weekly.",
                fmt(Indicator::ReopenRate, v),
                fmt(Indicator::ReopenRate, t)
            ),
        );
    }
    if let Some((v, t)) = missed(report, Indicator::ComplaintRate) {
        let causes = &report.complaint_causes.root_cause;
        let cats = if report.complaint_causes.analysed() {
            let named: Vec<String> = causes
                .iter()
                .filter(|c| !c.name.is_empty() && c.count > 0)
                .take(3)
                .map(|c| format!("{} ({})", c.name.replace('_', " "), c.count))
                .collect();
            format!(" Top root causes: {}.", named.join(", "))
        } else if report.complaint_tags.is_empty() {
            String::new()
        } else {
            format!(
                " Top complaint categories: {}.",
                top(&report.complaint_tags, 3)
            )
        };
        say(
            "complaints",
            Indicator::ComplaintRate,
            format!(
                "Complaints were {} of new tickets (ceiling {}).{cats} Run a cause analysis (调查与分析) on the top categories and fix the product or process behind them.",
                fmt(Indicator::ComplaintRate, v),
                fmt(Indicator::ComplaintRate, t)
            ),
        );
    }
    if let Some((v, t)) = missed(report, Indicator::FollowUpRate) {
        say(
            "follow-up",
            Indicator::FollowUpRate,
            format!(
                "Follow-up calls (回访) were made for {} of solved tickets (target {}). Work the follow-ups-due view every day.",
                fmt(Indicator::FollowUpRate, v),
                fmt(Indicator::FollowUpRate, t)
            ),
        );
    }
    if let Some((v, t)) = missed(report, Indicator::Csat) {
        say(
            "csat",
            Indicator::Csat,
            format!(
                "CSAT was {} (target {}). Read the {} low-score comments in the appendix and call those customers back.",
                fmt(Indicator::Csat, v),
                fmt(Indicator::Csat, t),
                report.comments.len()
            ),
        );
    }
    if let Some((v, t)) = missed(report, Indicator::Nps) {
        say(
            "nps",
            Indicator::Nps,
            format!(
                "NPS was {} (target {}). Detractors outweigh promoters too much: follow up each detractor within a day.",
                fmt(Indicator::Nps, v),
                fmt(Indicator::Nps, t)
            ),
        );
    }
    if let Some((v, t)) = missed(report, Indicator::Ces) {
        say(
            "ces",
            Indicator::Ces,
            format!(
                "Customers reported an effort of {} (at most {} wanted). Cut transfers and repeated questions: fill the customer profile before replying.",
                fmt(Indicator::Ces, v),
                fmt(Indicator::Ces, t)
            ),
        );
    }
    if let Some((v, t)) = missed(report, Indicator::Csi)
        && report.csi_basis == "items"
    {
        say("csi-items", Indicator::Csi, weakest_items(report, v, t));
    }
    let created = report.indicator(Indicator::Created);
    let backlog = report.indicator(Indicator::Backlog);
    if let (Some(c), Some(b)) = (created, backlog)
        && let (Some(rel), Some(grew)) = (c.change.and_then(|x| x.relative), b.delta)
        && rel >= 20.0
        && grew > 0.0
    {
        say(
            "volume",
            Indicator::Created,
            format!(
                "New tickets rose {rel:.0}% on the previous period and the backlog grew by {grew:.0}. Add capacity or deflect common questions with the knowledge base."
            ),
        );
    }
    if out.is_empty() {
        out.push(Suggestion {
            rule: "on-target",
            indicator: None,
            text: "Every indicator with a target met it. Keep the current staffing and raise the targets for the next cycle (PDCA).".into(),
        });
    }
    out
}
