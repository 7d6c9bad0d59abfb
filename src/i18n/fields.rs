//! The ticket's fields in words, in the reader's language: their names on the header's details line, in conflict
//! messages and in the change history, and their closed sets' values (statuses, priorities, complaint stages …).
//! English reads exactly as the domain's table (`ticket_fields::TICKET_FIELDS`) words it.

use super::{Locale, has, tr, tr_of};
use crate::domain::ticket_fields::{FieldDef, Names, Show, TicketField, show_value};

/// The field's key as a catalogue suffix (`complaint_owner` → `complaint-owner`).
fn suffix(d: &FieldDef) -> String {
    d.key.replace('_', "-")
}

/// The field's label (`Severity`, `严重程度`), as the header and conflict messages show it.
pub fn label(l: Locale, d: &FieldDef) -> String {
    tr(l, &format!("fields-label-{}", suffix(d)))
}

/// The field's name in the change history: its key in English (`complaint_severity`), the word in Chinese.
pub fn name(l: Locale, d: &FieldDef) -> String {
    tr(l, &format!("fields-name-{}", suffix(d)))
}

/// The catalogue prefix naming the values of a field with a closed set.
fn value_prefix(field: TicketField) -> Option<&'static str> {
    Some(match field {
        TicketField::Status => "ticket-status-",
        TicketField::Priority => "ticket-priority-",
        TicketField::Kind => "ticket-kind-",
        TicketField::Channel => "ticket-channel-",
        TicketField::ComplaintStage => "loop-complaint-stage-",
        TicketField::ComplaintSeverity => "loopform-severity-",
        TicketField::LoopStage => "fields-loop-stage-",
        _ => return None,
    })
}

/// A stored value as a person reads it in `l`: a closed set's value by the catalogue, the rest as
/// [`show_value`] reads it (dates in the agent's zone, names for ids). A value outside its set stays as stored.
pub fn value(
    l: Locale,
    d: &FieldDef,
    raw: &str,
    names: Names<'_>,
    offset: i32,
    date_format: &str,
) -> String {
    match (d.show, value_prefix(d.field)) {
        (Show::Label(known), Some(prefix)) if known(raw).is_some() => tr_of(l, prefix, raw),
        // The shipped root causes have names in Chinese; English (and a cause of the site's own) keeps the stored
        // name.
        _ if d.field == TicketField::RootCause
            && l != Locale::En
            && has(l, &format!("report-root-cause-{}", raw.replace('_', "-"))) =>
        {
            tr_of(l, "report-root-cause-", raw)
        }
        _ => show_value(d.show, raw, names, offset, date_format),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ticket_fields::TICKET_FIELDS;

    #[test]
    fn english_reads_as_the_domain_table() {
        let names = |_: Show, _: &str| None;
        for d in TICKET_FIELDS {
            assert_eq!(label(Locale::En, d), d.label, "{}", d.key);
            assert_eq!(name(Locale::En, d), d.key, "{}", d.key);
        }
        let sets: [(&str, &[&str]); 7] = [
            (
                "status",
                &[
                    "new", "open", "pending", "on_hold", "solved", "closed", "merged",
                ],
            ),
            ("priority", &["urgent", "high", "normal", "low"]),
            (
                "kind",
                &[
                    "question",
                    "complaint",
                    "service_request",
                    "value_added",
                    "incident",
                    "task",
                ],
            ),
            (
                "channel",
                &[
                    "phone", "email", "web", "chat", "wechat", "weibo", "on_site",
                ],
            ),
            (
                "complaint_stage",
                &[
                    "received",
                    "registered",
                    "investigating",
                    "resolved",
                    "revisited",
                ],
            ),
            (
                "complaint_severity",
                &["minor", "major", "critical", "bogus"],
            ),
            ("loop_stage", &["solved", "followed_up", "surveyed"]),
        ];
        for (key, raws) in sets {
            let d = crate::domain::ticket_fields::by_key(key).expect("a field");
            for raw in raws {
                assert_eq!(
                    value(Locale::En, d, raw, &names, 0, "%Y"),
                    show_value(d.show, raw, &names, 0, "%Y"),
                    "{key}={raw}"
                );
            }
        }
    }

    #[test]
    fn chinese_names_fields_and_values() {
        let names = |_: Show, _: &str| None;
        let d = crate::domain::ticket_fields::by_key("status").expect("status");
        assert_eq!(value(Locale::ZhTw, d, "open", &names, 0, "%Y"), "處理中");
        assert_eq!(name(Locale::ZhCn, d), "状态");
        let d = crate::domain::ticket_fields::by_key("complaint_severity").expect("severity");
        assert_eq!(label(Locale::ZhTw, d), "嚴重程度");
        assert_eq!(value(Locale::ZhCn, d, "major", &names, 0, "%Y"), "严重");
    }
}
