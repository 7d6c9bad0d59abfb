//! The view language's errors in the reader's language (`第 8 列：未知的 status `wating`（可选值：…）`). English is
//! exactly the errors' own `Display` (tested): the CLI, config errors and logs read the same as before. Fields,
//! values and the lists of accepted words are kept as typed in every language.

use super::{Arg, Locale, tr_args};
use crate::domain::UnknownValue;
use crate::domain::query::{NameKind, ParseError, Problem};

/// A parse error with its column: `column 8: …`.
pub fn parse_error(locale: Locale, e: &ParseError) -> String {
    tr_args(
        locale,
        "query-at-column",
        &[
            // As text: Fluent would group a number's digits.
            ("column", Arg::from(e.column.to_string())),
            ("problem", Arg::from(problem(locale, &e.problem))),
        ],
    )
}

/// A word none of a closed set's values: the set's name and its values kept in every language.
pub fn unknown_value(locale: Locale, e: &UnknownValue) -> String {
    tr_args(
        locale,
        "usage-unknown-value",
        &[
            ("what", Arg::from(e.what.to_ascii_lowercase())),
            ("value", Arg::from(e.value.clone())),
            ("allowed", Arg::from(e.allowed.join(", "))),
        ],
    )
}

/// The problem alone, without its column.
pub fn problem(locale: Locale, p: &Problem) -> String {
    let text = |s: &str| Arg::from(s.to_string());
    let (key, args): (&str, Vec<(&str, Arg<'static>)>) = match p {
        Problem::Unknown(e) => return unknown_value(locale, e),
        Problem::UnclosedQuote => ("query-unclosed-quote", vec![]),
        Problem::EmptyValue => ("query-empty-value", vec![]),
        Problem::NeedsValue { field } => ("query-needs-value", vec![("field", text(field))]),
        Problem::UnknownField { field, fields } => (
            "query-unknown-field",
            vec![("field", text(field)), ("fields", text(&fields.join(", ")))],
        ),
        Problem::UnknownCustomerField { field, fields } => (
            "query-unknown-customer-field",
            vec![("field", text(field)), ("fields", text(&fields.join(", ")))],
        ),
        Problem::NotAHandle(v) => ("query-not-a-handle", vec![("value", text(v))]),
        Problem::NoPriority { op, value } => (
            "query-no-priority",
            vec![("op", text(op)), ("value", text(value))],
        ),
        Problem::NotADate(v) => ("query-not-a-date", vec![("value", text(v))]),
        Problem::EndsBeforeStarts(v) => ("query-ends-before-starts", vec![("value", text(v))]),
        Problem::NotAnAge(v) => ("query-not-an-age", vec![("value", text(v))]),
        Problem::NotADuration(v) => ("query-not-a-duration", vec![("value", text(v))]),
        Problem::TicketSort(k) => ("query-ticket-sort", vec![("key", text(k))]),
        Problem::CustomerSort(k) => ("query-customer-sort", vec![("key", text(k))]),
        Problem::WarrantyValue(v) => ("query-warranty-value", vec![("value", text(v))]),
        Problem::CareValue(v) => ("query-care-value", vec![("value", text(v))]),
        Problem::ExpiryNeedsWarranty => ("query-expiry-needs-warranty", vec![]),
        Problem::DueNeedsCare => ("query-due-needs-care", vec![]),
        Problem::NoSuch { kind, value, known } => {
            let key = match (kind, known.is_empty()) {
                (NameKind::Agent, false) => "query-no-such-agent",
                (NameKind::Agent, true) => "query-no-agents",
                (NameKind::Group, false) => "query-no-such-group",
                (NameKind::Group, true) => "query-no-groups",
            };
            (
                key,
                vec![("value", text(value)), ("known", text(&known.join(", ")))],
            )
        }
    };
    tr_args(locale, key, &args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{customer_view, query};

    /// One error of every kind, from the parsers themselves where they make it.
    fn every_kind() -> Vec<ParseError> {
        let now = 1_800_000_000;
        let mut all: Vec<ParseError> = [
            r#"customer:"Wang"#,
            "status:open,,new",
            "kind:",
            "colour:red",
            "status:wating",
            "assignee:a/b",
            "priority:<low",
            "created:2026-13-01",
            "created:2026-11-18..2026-11-01",
            "created:7d",
            "updated:<7x",
            "sort:size",
        ]
        .iter()
        .filter_map(|q| query::parse(q).err())
        .collect();
        all.extend(
            [
                "colour:red",
                "sort:name",
                "warranty:>3d",
                "care:>3d",
                "sort:expiry",
                "sort:due",
            ]
            .iter()
            .filter_map(|q| customer_view::parse(q, now).err()),
        );
        for (kind, known) in [
            (NameKind::Agent, vec!["li".to_string(), "wang".into()]),
            (NameKind::Agent, vec![]),
            (NameKind::Group, vec!["L2".into()]),
            (NameKind::Group, vec![]),
        ] {
            let value = "x".to_string();
            all.push(ParseError::at(3, Problem::NoSuch { kind, value, known }));
        }
        all
    }

    #[test]
    fn english_is_the_errors_own_display_for_every_kind() {
        let all = every_kind();
        // Each parser input above makes an error (a change that accepts one would shrink the list).
        assert_eq!(all.len(), 22);
        let kinds: std::collections::HashSet<_> = all
            .iter()
            .map(|e| std::mem::discriminant(&e.problem))
            .collect();
        assert_eq!(kinds.len(), 19, "every Problem variant is covered");
        for e in &all {
            assert_eq!(parse_error(Locale::En, e), e.to_string());
        }
    }

    #[test]
    fn chinese_words_the_frame_and_keeps_the_typed_words() {
        let e = query::parse("status:open colour:red").unwrap_err();
        assert_eq!(
            parse_error(Locale::ZhCn, &e),
            format!(
                "第 13 列：未知的字段 `colour`（可用字段：{}）",
                query::fields().join(", ")
            )
        );
        let e = query::parse("sort:size").unwrap_err();
        assert!(
            parse_error(Locale::ZhTw, &e).starts_with("第 6 欄：不能依 `size` 排序"),
            "{}",
            parse_error(Locale::ZhTw, &e)
        );
        for e in every_kind() {
            for locale in [Locale::ZhCn, Locale::ZhTw] {
                let said = parse_error(locale, &e);
                assert_ne!(said, e.to_string());
                assert!(said.starts_with(&format!("第 {} ", e.column)), "{said}");
                assert!(!said.contains("{$"), "{said}");
            }
        }
    }
}
