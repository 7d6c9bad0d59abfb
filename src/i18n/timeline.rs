//! A customer's timeline entries in words, in the reader's language: the profile pane, `desk customer show`, and
//! (in English) the JSON `text` beside each entry's data.

use super::{Arg, Locale, has, tr, tr_args, tr_of};
use crate::domain::text::one_line;
use crate::domain::ticket::Status;
use crate::domain::timeline::{MessageFrom, TimelineEntry, TimelineWhat};

/// A stored snake_case name as words, for names the catalogues do not have.
fn words(name: &str) -> String {
    name.replace('_', " ")
}

/// `key`'s message if the locale's catalogue has one for `name`, else the name as words.
fn named(l: Locale, prefix: &str, name: &str) -> String {
    let key = format!("{prefix}{}", name.replace('_', "-"));
    if has(l, &key) {
        tr(l, &key)
    } else {
        words(name)
    }
}

/// One entry, on one line.
pub fn entry_words(l: Locale, e: &TimelineEntry) -> String {
    let ticket = e.ticket.map(|n| format!("#{n}")).unwrap_or_default();
    let with_text = |what: String, text: Option<String>| match text {
        Some(text) => tr_args(
            l,
            "timeline-with-text",
            &[("what", what.into()), ("text", text.into())],
        ),
        None => what,
    };
    let text = match &e.what {
        TimelineWhat::Opened { subject, status } => {
            let status = match Status::parse(status) {
                Some(s) if l != Locale::En => super::status(l, s),
                _ => words(status),
            };
            tr_args(
                l,
                "timeline-opened",
                &[
                    ("ticket", ticket.into()),
                    ("subject", subject.to_string().into()),
                    ("status", status.into()),
                ],
            )
        }
        TimelineWhat::Message { from, body } => {
            let key = match from {
                MessageFrom::Customer => "timeline-message-customer",
                MessageFrom::Agent => "timeline-message-agent",
                MessageFrom::InternalNote => "timeline-message-internal-note",
                MessageFrom::System => "timeline-message-system",
            };
            tr_args(
                l,
                key,
                &[("ticket", ticket.into()), ("body", body.to_string().into())],
            )
        }
        TimelineWhat::Survey {
            kind,
            score,
            scale,
            comment,
        } => {
            let mut args: Vec<(&str, Arg)> = vec![
                ("kind", kind.to_uppercase().into()),
                ("score", score.to_string().into()),
                ("scale", scale.to_string().into()),
            ];
            let key = if e.ticket.is_some() {
                args.push(("ticket", ticket.into()));
                "timeline-survey-on"
            } else {
                "timeline-survey"
            };
            with_text(
                tr_args(l, key, &args),
                comment.as_ref().map(|c| c.to_string()),
            )
        }
        TimelineWhat::Task {
            kind,
            done,
            outcome,
            note,
        } => {
            let task = named(l, "timeline-task-kind-", kind);
            let state = match (done, outcome) {
                (true, Some(_)) => "done-outcome",
                (true, None) => "done",
                (false, _) => "due",
            };
            let mut args: Vec<(&str, Arg)> = vec![("task", task.into())];
            if let Some(o) = outcome {
                args.push(("outcome", named(l, "timeline-outcome-", o).into()));
            }
            let key = if e.ticket.is_some() {
                args.push(("ticket", ticket.into()));
                format!("timeline-task-{state}-on")
            } else {
                format!("timeline-task-{state}")
            };
            with_text(
                tr_args(l, &key, &args),
                note.as_ref().map(|n| super::crm_words::task_note(l, n)),
            )
        }
        TimelineWhat::Change {
            field,
            old,
            new,
            actor,
        } => {
            let new_text = new.as_ref().map(|v| v.to_string()).unwrap_or_default();
            let what = match field.as_str() {
                "notes" | "created" => tr_of(l, "timeline-change-", field),
                "merged_into" | "merged" => tr_args(
                    l,
                    &format!("timeline-change-{}", field.replace('_', "-")),
                    &[("new", new_text.into())],
                ),
                _ => {
                    let field_words = named(l, "timeline-field-", field);
                    match field.as_str() {
                        "tags" | "addresses" => tr_args(
                            l,
                            "timeline-change-list",
                            &[("field", field_words.into()), ("new", new_text.into())],
                        ),
                        _ => {
                            let value = |v: &Option<crate::domain::text::SafeText>| {
                                v.as_ref()
                                    .map_or_else(|| "—".to_string(), |v| words(v.as_str()))
                            };
                            tr_args(
                                l,
                                "timeline-change-field",
                                &[
                                    ("field", field_words.into()),
                                    ("old", value(old).into()),
                                    ("new", value(new).into()),
                                ],
                            )
                        }
                    }
                }
            };
            match actor {
                Some(a) => tr_args(
                    l,
                    "timeline-by",
                    &[("what", what.into()), ("actor", a.to_string().into())],
                ),
                None => what,
            }
        }
        TimelineWhat::Visit {
            number,
            service,
            status,
        } => tr_args(
            l,
            "timeline-visit",
            &[
                ("ticket", ticket.into()),
                ("visit", format!("V{number}").into()),
                ("service", named(l, "timeline-service-", service).into()),
                ("status", named(l, "timeline-visit-status-", status).into()),
            ],
        ),
        TimelineWhat::Return {
            number,
            kind,
            reason,
            status,
        } => tr_args(
            l,
            "timeline-return",
            &[
                ("ticket", ticket.into()),
                ("kind", named(l, "timeline-return-kind-", kind).into()),
                ("return", format!("R{number}").into()),
                ("reason", words(reason).into()),
                ("status", named(l, "timeline-return-status-", status).into()),
            ],
        ),
    };
    one_line(&text)
}

impl TimelineEntry {
    /// The entry in words, in `locale` ([`entry_words`]).
    pub fn words(&self, locale: Locale) -> String {
        entry_words(locale, self)
    }
}

/// JSON carries each entry's data as before: when, what kind, which ticket, and its words in English.
impl serde::Serialize for TimelineEntry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("TimelineEntry", 4)?;
        st.serialize_field("at", &self.at)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("ticket", &self.ticket)?;
        st.serialize_field(
            "text",
            &crate::domain::text::sanitize(&entry_words(Locale::En, self)),
        )?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::SafeText;
    use crate::domain::timeline::TimelineKind;

    fn at(ticket: Option<i64>, what: TimelineWhat) -> TimelineEntry {
        TimelineEntry {
            at: 0,
            kind: TimelineKind::Change,
            ticket,
            what,
        }
    }

    #[test]
    fn entries_read_in_each_language_with_their_values() {
        let opened = at(
            Some(1042),
            TimelineWhat::Opened {
                subject: SafeText::new("空调不制冷"),
                status: "on_hold".into(),
            },
        );
        assert_eq!(
            opened.words(Locale::En),
            "#1042 opened: 空调不制冷 (on hold)"
        );
        assert_eq!(opened.words(Locale::ZhCn), "#1042 新建：空调不制冷（挂起）");
        assert_eq!(opened.words(Locale::ZhTw), "#1042 建立：空调不制冷（掛起）");
        let task = at(
            Some(7),
            TimelineWhat::Task {
                kind: "follow_up".into(),
                done: true,
                outcome: Some("not_solved".into()),
                note: Some(crate::domain::crm_why::TaskNote::Text(SafeText::new(
                    "call\nback",
                ))),
            },
        );
        assert_eq!(
            task.words(Locale::En),
            "follow-up call #7 done (not solved): call back"
        );
        assert_eq!(
            task.words(Locale::ZhCn),
            "回访 #7 已完成（未解决）：call back"
        );
        let change = at(
            None,
            TimelineWhat::Change {
                field: "tier".into(),
                old: Some(SafeText::new("gold")),
                new: Some(SafeText::new("diamond")),
                actor: Some(SafeText::new("li")),
            },
        );
        assert_eq!(change.words(Locale::En), "tier gold → diamond by li");
        assert_eq!(change.words(Locale::ZhTw), "等級 gold → diamond（li）");
        // A kind the catalogues do not name reads as words.
        let other = at(
            None,
            TimelineWhat::Task {
                kind: "birthday_call".into(),
                done: false,
                outcome: None,
                note: None,
            },
        );
        assert_eq!(other.words(Locale::ZhCn), "birthday call 待办");
        // JSON keeps the English words beside the data.
        let json = serde_json::to_value(&opened).unwrap();
        assert_eq!(json["text"], "#1042 opened: 空调不制冷 (on hold)");
        assert_eq!(json["ticket"], 1042);
    }
}
