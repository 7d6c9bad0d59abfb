//! Improvement suggestions (改进建议): explicit rules over a report's numbers, each named so a reader can see
//! why it fired. A rule fires only when its indicator misses its target (or, for volume, when load grows).
//!
//! The rules decide; the words are the `report-advice-*` messages of the catalogues, in the locale asked for
//! (the report's own `suggestions` are English, for JSON and for actions made from them).

use super::metrics_words as words;
use super::{Arg, Locale, tr, tr_args};
use crate::domain::metrics::{Dimension, Indicator};
use crate::domain::metrics_report::{Count, NONE_LABEL, Report, Suggestion};

fn text(s: impl ToString) -> Arg<'static> {
    Arg::from(s.to_string())
}

/// The first entries of a count list as `a (3), b (2)`, each name through `name`.
fn top(l: Locale, list: &[Count], n: usize, name: impl Fn(&str) -> String) -> String {
    words::counts(l, list.iter().map(|c| (name(&c.name), c.count)), n)
}

/// A queue's name: the queue without one by the locale's words.
fn queue(l: Locale, name: &str) -> String {
    if name == NONE_LABEL {
        tr(l, "report-none")
    } else {
        name.to_string()
    }
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
fn weakest_items(l: Locale, report: &Report) -> String {
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
                known @ ("product" | "service" | "price" | "delivery" | "after_sales") => {
                    known.replace('_', "-")
                }
                _ => "other".into(),
            };
            tr_args(
                l,
                "report-advice-csi-item",
                &[
                    ("item", text(item_label(l, &i.item, &i.label))),
                    ("score", text(format!("{s:.1}"))),
                    ("how", text(tr(l, &format!("report-advice-how-{how}")))),
                ],
            )
        })
        .collect();
    named.join(&tr(l, "report-advice-item-separator"))
}

/// A questionnaire item's name: the guides' dimensions in the locale, a team's own item as configured.
pub fn item_label(l: Locale, key: &str, label: &str) -> String {
    let known = crate::domain::questionnaire::DIMENSIONS
        .iter()
        .any(|d| d.0 == key);
    if known {
        tr(l, &format!("report-item-{}", key.replace('_', "-")))
    } else {
        label.to_string()
    }
}

/// A rule's message with the indicator's value and target, and any further variables.
fn say_missed(
    l: Locale,
    key: &str,
    ind: Indicator,
    (v, t): (f64, f64),
    more: &[(&str, Arg<'_>)],
) -> String {
    let mut args = vec![
        ("value", text(words::value(l, ind, v))),
        ("target", text(words::value(l, ind, t))),
    ];
    args.extend(more.iter().cloned());
    tr_args(l, key, &args)
}

/// `report` with its suggestions in English: the JSON's words, and an action's title made from a suggestion
/// (`desk plan add --from-suggestion`). The Markdown writer words them again in the reader's locale.
pub fn with_suggestions(mut report: Report) -> Report {
    report.suggestions = suggestions(&report, Locale::En);
    report
}

/// The suggestions for `report` in locale `l`, in the rules' order.
pub fn suggestions(report: &Report, l: Locale) -> Vec<Suggestion> {
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
        tr_args(
            l,
            "report-advice-breaches",
            &[
                (
                    "queues",
                    text(top(l, &report.breaches_by_group, 2, |n| queue(l, n))),
                ),
                (
                    "priorities",
                    text(top(l, &report.breaches_by_priority, 2, |n| {
                        words::priority(l, n)
                    })),
                ),
            ],
        )
    };
    if let Some(vt) = missed(report, Indicator::FrtSla) {
        let more = [("breaches", text(breaches))];
        let s = say_missed(l, "report-advice-frt-sla", Indicator::FrtSla, vt, &more);
        say("frt-sla", Indicator::FrtSla, s);
    }
    if let Some(vt) = missed(report, Indicator::ResolutionSla) {
        let ind = Indicator::ResolutionSla;
        let s = say_missed(l, "report-advice-resolution-sla", ind, vt, &[]);
        say("resolution-sla", ind, s);
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
            let channel = words::group_label(l, Dimension::Channel, &slowest.key, &slowest.label);
            let s = tr_args(
                l,
                "report-advice-slow-channel",
                &[
                    ("channel", text(channel)),
                    ("median", text(words::value(l, Indicator::FrtMedian, m))),
                    ("times", text(format!("{:.1}", m / all))),
                    ("overall", text(words::value(l, Indicator::FrtMedian, all))),
                ],
            );
            say("slow-channel", Indicator::FrtMedian, s);
        }
    }
    if let Some(vt) = missed(report, Indicator::Fcr) {
        let s = say_missed(l, "report-advice-fcr", Indicator::Fcr, vt, &[]);
        say("fcr", Indicator::Fcr, s);
    }
    if let Some(vt) = missed(report, Indicator::ReopenRate) {
        let ind = Indicator::ReopenRate;
        let s = say_missed(l, "report-advice-reopen", ind, vt, &[]);
        say("reopen", ind, s);
    }
    if let Some(vt) = missed(report, Indicator::ComplaintRate) {
        let causes = &report.complaint_causes.root_cause;
        let cats = if report.complaint_causes.analysed() {
            let named = words::counts(
                l,
                causes
                    .iter()
                    .filter(|c| !c.name.is_empty() && c.count > 0)
                    .map(|c| (words::root_cause(l, &c.name), c.count)),
                3,
            );
            tr_args(l, "report-advice-root-causes", &[("causes", text(named))])
        } else if report.complaint_tags.is_empty() {
            String::new()
        } else {
            let tags = top(l, &report.complaint_tags, 3, str::to_string);
            tr_args(l, "report-advice-complaint-tags", &[("tags", text(tags))])
        };
        let ind = Indicator::ComplaintRate;
        let more = [("causes", text(cats))];
        let s = say_missed(l, "report-advice-complaints", ind, vt, &more);
        say("complaints", ind, s);
    }
    if let Some(vt) = missed(report, Indicator::FollowUpRate) {
        let ind = Indicator::FollowUpRate;
        let s = say_missed(l, "report-advice-follow-up", ind, vt, &[]);
        say("follow-up", ind, s);
    }
    if let Some(vt) = missed(report, Indicator::Csat) {
        let more = [("comments", text(report.comments.len()))];
        let s = say_missed(l, "report-advice-csat", Indicator::Csat, vt, &more);
        say("csat", Indicator::Csat, s);
    }
    if let Some(vt) = missed(report, Indicator::Nps) {
        let s = say_missed(l, "report-advice-nps", Indicator::Nps, vt, &[]);
        say("nps", Indicator::Nps, s);
    }
    if let Some(vt) = missed(report, Indicator::Ces) {
        let s = say_missed(l, "report-advice-ces", Indicator::Ces, vt, &[]);
        say("ces", Indicator::Ces, s);
    }
    if let Some(vt) = missed(report, Indicator::Csi)
        && report.csi_basis == "items"
    {
        let more = [("items", text(weakest_items(l, report)))];
        let s = say_missed(l, "report-advice-csi-items", Indicator::Csi, vt, &more);
        say("csi-items", Indicator::Csi, s);
    }
    let created = report.indicator(Indicator::Created);
    let backlog = report.indicator(Indicator::Backlog);
    if let (Some(c), Some(b)) = (created, backlog)
        && let (Some(rel), Some(grew)) = (c.change.and_then(|x| x.relative), b.delta)
        && rel >= 20.0
        && grew > 0.0
    {
        let s = tr_args(
            l,
            "report-advice-volume",
            &[
                ("rise", text(format!("{rel:.0}"))),
                ("grew", text(format!("{grew:.0}"))),
            ],
        );
        say("volume", Indicator::Created, s);
    }
    if out.is_empty() {
        out.push(Suggestion {
            rule: "on-target",
            indicator: None,
            text: tr(l, "report-advice-on-target"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::metrics::tests::{late_period_report, quiet_period_report};

    #[test]
    fn rules_fire_on_missed_targets_and_name_their_indicator() {
        let r = with_suggestions(late_period_report());
        let rules: Vec<&str> = r.suggestions.iter().map(|s| s.rule).collect();
        assert!(rules.contains(&"frt-sla"), "{rules:?}");
        assert!(rules.contains(&"complaints"), "100% complaints: {rules:?}");
        assert!(!rules.contains(&"on-target"));
        // Each suggestion names the indicator it fired on, and that indicator missed its target.
        for s in &r.suggestions {
            let ind = s
                .indicator
                .unwrap_or_else(|| panic!("`{}` names no indicator", s.rule));
            if !matches!(s.rule, "volume" | "slow-channel") {
                let row = r.indicator(ind).unwrap();
                assert_eq!(row.meets_target, Some(false), "{}: {row:?}", s.rule);
            }
        }
        let complaints = r
            .suggestions
            .iter()
            .find(|s| s.rule == "complaints")
            .unwrap();
        assert_eq!(complaints.indicator, Some(Indicator::ComplaintRate));
        assert!(
            complaints.text.contains("refund (4)"),
            "{}",
            complaints.text
        );
        // The same rules in the same order in every locale; the report keeps the English words.
        assert_eq!(suggestions(&r, Locale::En), r.suggestions);
        for l in [Locale::ZhCn, Locale::ZhTw] {
            let local = suggestions(&r, l);
            let local_rules: Vec<&str> = local.iter().map(|s| s.rule).collect();
            assert_eq!(local_rules, rules, "{l}");
            let text = &local[local_rules.iter().position(|r| *r == "complaints").unwrap()].text;
            assert!(text.contains("refund（4）"), "{text}");
            assert!(!text.contains("Complaints were"), "{text}");
        }
    }

    #[test]
    fn a_quiet_period_on_target_says_so() {
        let r = with_suggestions(quiet_period_report());
        let rules: Vec<&str> = r.suggestions.iter().map(|s| s.rule).collect();
        assert_eq!(rules, vec!["on-target"]);
        assert_eq!(
            r.suggestions[0].indicator, None,
            "nothing missed: nothing to move"
        );
    }
}
