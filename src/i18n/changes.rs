//! A ticket's change-log entries in words, in the reader's language: the history pane (H on a ticket) and
//! `desk ticket history`. English reads exactly as [`describe_change`](crate::domain::ticket_fields::describe_change)
//! words it (the JSON's `change`, undo and team notes keep that); Chinese names fields and values in the locale.

use super::{Arg, Locale, fields, has, tr, tr_args};
use crate::domain::ticket_fields::{ChangeWords, by_log_name};

/// `key` with the one variable `name`.
fn say(l: Locale, key: &str, name: &str, value: &str) -> String {
    tr_args(l, key, &[(name, Arg::from(value.to_string()))])
}

/// A stored state, service or kind of a visit or return (`on_site`, `repair`) in words.
fn term(l: Locale, token: &str) -> String {
    if l != Locale::En {
        let kebab = token.replace('_', "-");
        for prefix in [
            "timeline-visit-status-",
            "timeline-service-",
            "timeline-return-status-",
            "timeline-return-kind-",
        ] {
            let key = format!("{prefix}{kebab}");
            if has(l, &key) {
                return tr(l, &key);
            }
        }
    }
    token.replace('_', " ")
}

/// A logged step value (`V3 repair (scheduled)`) with each word named: brackets full-width in Chinese.
fn terms(l: Locale, text: &str) -> String {
    let (open, close) = if l == Locale::En {
        ("(", ")")
    } else {
        ("（", "）")
    };
    let words: Vec<String> = text
        .split(' ')
        .map(
            |w| match w.strip_prefix('(').and_then(|w| w.strip_suffix(')')) {
                Some(inner) => format!("{open}{}{close}", term(l, inner)),
                None => term(l, w),
            },
        )
        .collect();
    let text = words.join(" ");
    if l == Locale::En {
        text
    } else {
        text.replace(" （", "（")
    }
}

/// `visit V3: scheduled → on site`, `visit V3 repair (scheduled) booked`, `return R2: requested → approved`.
fn step(l: Locale, what: &str, old: Option<&str>, new: Option<&str>) -> String {
    let what_words = tr(l, &format!("changes-what-{what}"));
    let args = |pairs: &[(&'static str, String)]| -> Vec<(&'static str, Arg<'static>)> {
        pairs
            .iter()
            .map(|(k, v)| (*k, Arg::from(v.clone())))
            .collect()
    };
    match (old, new) {
        (None, Some(n)) if what == "visit" => {
            say(l, "changes-visit-booked", "visit", &spaced(l, n))
        }
        (None, Some(n)) => say(l, "changes-request", "request", &spaced(l, n)),
        (Some(o), Some(n)) => match (o.split_once(' '), n.split_once(' ')) {
            (Some((a, from)), Some((b, to))) if a == b => tr_args(
                l,
                "changes-step",
                &args(&[
                    ("what", what_words),
                    ("id", a.to_string()),
                    ("from", terms(l, from)),
                    ("to", terms(l, to)),
                ]),
            ),
            _ => tr_args(
                l,
                "changes-step-whole",
                &args(&[
                    ("what", what_words),
                    ("from", terms(l, o)),
                    ("to", terms(l, n)),
                ]),
            ),
        },
        _ => tr_args(
            l,
            "changes-step-one",
            &args(&[
                ("what", what_words),
                ("value", terms(l, new.or(old).unwrap_or_default())),
            ]),
        ),
    }
}

/// A step value whose first word is an id (`V3`, `R2`): the id, a space, the rest in words.
fn spaced(l: Locale, value: &str) -> String {
    match value.split_once(' ') {
        Some((id, rest)) => format!("{id} {}", terms(l, rest)),
        None => terms(l, value),
    }
}

/// One change-log entry about a ticket in words: `status Open → Pending`, `状态 处理中 → 等待客户`. Ids the
/// caller cannot name read as `assignee changed`, never as a raw id.
pub fn describe(
    l: Locale,
    log_name: &str,
    old: Option<&str>,
    new: Option<&str>,
    words: &ChangeWords<'_>,
) -> String {
    let new_or = |fallback: &'static str| new.unwrap_or(fallback);
    match log_name {
        "reply" => return tr(l, "changes-replied"),
        "note" => return tr(l, "changes-noted"),
        "solution" => return tr(l, "changes-solution"),
        "customer_message" => return tr(l, "changes-customer-wrote"),
        "created" => return say(l, "changes-created", "number", new_or("")),
        "tags" => return say(l, "changes-tags", "tags", new_or("")),
        "merged_from" => return say(l, "changes-merged-from", "number", new_or("?")),
        "moved_messages" => {
            let n = new.map_or(0, |ids| ids.split(',').filter(|s| !s.is_empty()).count());
            return say(l, "changes-moved-messages", "n", &n.to_string());
        }
        "unmerged" => return say(l, "changes-unmerged", "n", new_or("0")),
        "linked" => return say(l, "changes-linked", "number", new_or("?")),
        "unlinked" => return say(l, "changes-unlinked", "number", new_or("?")),
        "survey" => return say(l, "changes-survey", "score", new_or("")),
        "low_score" => return say(l, "changes-low-score", "score", new_or("")),
        "routed" => return say(l, "changes-routed", "rule", new_or("")),
        "auto_assigned" => return say(l, "changes-auto-assigned", "reason", new_or("")),
        "assign_waiting" => return say(l, "changes-assign-waiting", "reason", new_or("")),
        "handed_back" => return say(l, "changes-handed-back", "reason", new_or("")),
        "unassigned_escalated" => return say(l, "changes-escalated", "reason", new_or("")),
        "visit" | "return" => return step(l, log_name, old, new),
        // Quality inspection logs its own words.
        "qa" => return new_or("QA").to_string(),
        _ => {}
    }
    let dash = || tr(l, "changes-none");
    let field = |field: String, was: String, now: String| {
        tr_args(
            l,
            "changes-field",
            &[
                ("field", field.into()),
                ("was", was.into()),
                ("now", now.into()),
            ],
        )
    };
    let Some(d) = by_log_name(log_name) else {
        let text = |v: Option<&str>| v.map_or_else(dash, str::to_string);
        return field(log_name.to_string(), text(old), text(new));
    };
    let is_id = d.show.is_id();
    let value = |raw: Option<&str>| -> Option<String> {
        let raw = raw?;
        if is_id {
            return (words.names)(d.show, raw);
        }
        Some(fields::value(
            l,
            d,
            raw,
            words.names,
            words.offset,
            words.date_format,
        ))
    };
    let (was, now) = (value(old), value(new));
    if is_id && (was.is_none() && old.is_some() || now.is_none() && new.is_some()) {
        return say(l, "changes-field-changed", "field", &fields::name(l, d));
    }
    field(
        fields::name(l, d),
        was.unwrap_or_else(dash),
        now.unwrap_or_else(dash),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ticket_fields::Show;
    use crate::domain::ticket_fields::describe_change;

    const CASES: &[(&str, Option<&str>, Option<&str>)] = &[
        ("status", Some("open"), Some("pending")),
        ("priority", Some("normal"), Some("urgent")),
        ("complaint_stage", Some("received"), Some("registered")),
        ("complaint_severity", None, Some("major")),
        ("loop_stage", None, Some("followed_up")),
        ("assignee_id", None, Some("A1")),
        ("assignee_id", Some("A1"), Some("A7")),
        ("group_id", Some("G1"), None),
        ("solved_at", None, Some("86400")),
        ("subject", Some("a"), Some("b")),
        ("tags", None, Some("+vip")),
        ("reply", None, Some("M1")),
        ("note", None, None),
        ("solution", None, None),
        ("customer_message", None, None),
        ("created", None, Some("1042")),
        ("odd", Some("a"), None),
        ("moved_messages", None, Some("01ABC,01ABD")),
        ("merged_from", None, Some("1042")),
        ("unmerged", None, None),
        ("linked", None, Some("1043")),
        ("unlinked", None, Some("1043")),
        ("survey", None, Some("CSAT 4/5")),
        ("low_score", None, Some("CSAT 1/5")),
        ("routed", None, Some("vip")),
        ("auto_assigned", None, Some("least busy")),
        ("assign_waiting", None, Some("nobody in")),
        ("handed_back", None, Some("li is away")),
        ("unassigned_escalated", None, Some("x")),
        ("visit", None, Some("V3 repair (scheduled)")),
        ("visit", Some("V3 scheduled"), Some("V3 on_site")),
        ("visit", Some("V3 scheduled"), Some("V4 on_site")),
        ("visit", Some("V3"), None),
        ("return", Some("R2 requested"), Some("R2 approved")),
        ("return", None, Some("R2 return (no_reason)")),
        ("qa", None, Some("sampled into QA (complaint)")),
    ];

    fn words() -> ChangeWords<'static> {
        ChangeWords {
            names: &|show, id| match (show, id) {
                (Show::Agent, "A1") => Some("李娜 Li Na".to_string()),
                _ => None,
            },
            offset: 0,
            date_format: "%Y-%m-%d",
        }
    }

    #[test]
    fn english_reads_exactly_as_the_domain_words_it() {
        let w = words();
        for (f, o, n) in CASES {
            assert_eq!(
                describe(Locale::En, f, *o, *n, &w),
                describe_change(f, *o, *n, &w),
                "{f} {o:?} {n:?}"
            );
        }
    }

    #[test]
    fn chinese_names_fields_values_and_steps() {
        let w = words();
        let say = |l, f, o, n| describe(l, f, o, n, &w);
        assert_eq!(
            say(Locale::ZhCn, "status", Some("open"), Some("pending")),
            "状态 处理中 → 等待客户"
        );
        assert_eq!(
            say(Locale::ZhTw, "complaint_severity", None, Some("critical")),
            "嚴重程度 — → 重大"
        );
        assert_eq!(
            say(Locale::ZhTw, "assignee_id", Some("A1"), Some("A7")),
            "負責人已變更"
        );
        assert_eq!(
            say(
                Locale::ZhCn,
                "visit",
                Some("V3 scheduled"),
                Some("V3 on_site")
            ),
            "上门 V3：已排期 → 在现场"
        );
        assert_eq!(
            say(Locale::ZhCn, "visit", None, Some("V3 repair (scheduled)")),
            "预约上门 V3 维修（已排期）"
        );
        assert_eq!(say(Locale::ZhTw, "reply", None, None), "回覆了客戶");
        for (f, o, n) in CASES {
            for l in [Locale::ZhCn, Locale::ZhTw] {
                let text = describe(l, f, *o, *n, &w);
                assert!(!text.contains('{'), "{l} {f}: {text}");
            }
        }
    }
}
