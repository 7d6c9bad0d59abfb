//! The language of the CLI's text for people: tables' column titles, `ticket show`, status and priority names in
//! tables, and the errors about a command's input (`usage-…`). Machine formats — JSON, CSV (unless a command
//! offers `--headers locale`), exit codes, the view language — stay English whatever the locale.
//!
//! Process-wide and set once by `main` (from `ui.locale`, else the environment) before any command runs: every
//! command of one run speaks one language, and no command's signature has to carry it.

use crate::domain::UnknownValue;
use crate::domain::plan::PlanStatus;
use crate::domain::returns::{RmaKind, RmaReason, RmaStatus};
use crate::domain::ticket::{Priority, Status};
use crate::domain::visit::{Service, VisitStatus};
use crate::domain::warranty::Coverage;
use crate::i18n::{Arg, Locale, has, tr, tr_args, tr_of};
use std::sync::OnceLock;

static LOCALE: OnceLock<Locale> = OnceLock::new();

/// Sets the CLI's language; the first call wins (main calls it once).
pub fn set(locale: Locale) {
    let _ = LOCALE.set(locale);
}

/// The CLI's language: English until `main` has set it.
pub fn get() -> Locale {
    LOCALE.get().copied().unwrap_or_default()
}

/// A table's title for column `key` (a list's CSV/JSON field name): `cli-column-<key>` in the catalogues, `_`
/// written `-`; the key upper-cased for a column the catalogues do not name.
pub fn column_title(locale: Locale, key: &str) -> String {
    let id = format!("cli-column-{}", key.replace('_', "-"));
    if has(locale, &id) {
        tr(locale, &id)
    } else {
        key.to_uppercase()
    }
}

/// A status as a table or `ticket show` writes it: the stable name in English, the catalogue's in Chinese.
pub fn status(locale: Locale, s: Status) -> String {
    match locale {
        Locale::En => s.as_str().to_string(),
        _ => crate::i18n::status(locale, s),
    }
}

/// A priority as a table or `ticket show` writes it: the stable name in English; in Chinese the colour with its
/// letter (`H 黄`), as the interface shows it.
pub fn priority(locale: Locale, p: Priority) -> String {
    match locale {
        Locale::En => p.as_str().to_string(),
        _ => format!("{} {}", p.letter(), crate::i18n::priority(locale, p)),
    }
}

/// The catalogue's message `key` in the CLI's language, each variable given as text: an id or a count prints as
/// written (Fluent would group a number's digits). Machine words — flags, field names, allowed values, paths —
/// are passed in, so they read the same in every language.
pub fn say(key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    say_in(get(), key, args)
}

/// [`say`] in `locale`: for the wording functions' tests, which cannot change the process's language.
pub fn say_in(locale: Locale, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let args: Vec<(&str, Arg<'static>)> = args
        .iter()
        .map(|(name, value)| (*name, Arg::from(value.to_string())))
        .collect();
    tr_args(locale, key, &args)
}

/// How long ago: English exactly as lists word it (`5m ago`, `just now`), the catalogue's words in Chinese.
pub fn ago(locale: Locale, seconds: i64) -> String {
    match locale {
        Locale::En => crate::domain::ticket::ago(seconds),
        l => crate::i18n::time::ago(l, seconds),
    }
}

/// A field-service or plan word as the CLI's lines write it: in English as they always did (`english`: the stored
/// name scripts read, `on_site`, or the label a line always had, `in warranty 保内`), in Chinese the interface's
/// word for it (`prefix` and the stored name, kebab-cased: the words the timeline, schedule and report show).
pub fn field_word(locale: Locale, english: &str, prefix: &str, stored: &str) -> String {
    match locale {
        Locale::En => english.to_string(),
        l => tr_of(l, prefix, stored),
    }
}

/// A care or win-back task's kind: `win-back`, `挽回`.
pub fn care_kind(locale: Locale, kind: &str) -> String {
    field_word(
        locale,
        &kind.replace('_', "-"),
        "customers-care-kind-",
        kind,
    )
}

/// A visit's status: `on_site`, `在现场`.
pub fn visit_status(locale: Locale, s: VisitStatus) -> String {
    field_word(locale, s.as_str(), "timeline-visit-status-", s.as_str())
}

/// A visit's service by its stored name: `repair`, `维修`.
pub fn service(locale: Locale, s: Service) -> String {
    field_word(locale, s.as_str(), "schedule-service-", s.as_str())
}

/// A visit's service by its label, as the service report writes it: `repair 维修`, `维修`.
pub fn service_label(locale: Locale, s: Service) -> String {
    field_word(locale, s.label(), "schedule-service-", s.as_str())
}

/// In or out of warranty: `in warranty 保内`, `保内`, `保固內`.
pub fn coverage(locale: Locale, c: Coverage) -> String {
    field_word(locale, c.label(), "said-coverage-", c.as_str())
}

/// A return request's kind: `exchange`, `换货`.
pub fn return_kind(locale: Locale, k: RmaKind) -> String {
    field_word(locale, k.as_str(), "timeline-return-kind-", k.as_str())
}

/// A return request's reason: `no_reason`, `无理由`.
pub fn return_reason(locale: Locale, r: RmaReason) -> String {
    field_word(locale, r.as_str(), "report-rma-reason-", r.as_str())
}

/// A return request's status: `approved`, `已批准`.
pub fn return_status(locale: Locale, s: RmaStatus) -> String {
    field_word(locale, s.as_str(), "timeline-return-status-", s.as_str())
}

/// An improvement action's status: `check 检查` in English, as `desk plan` always wrote it; `检查`, `檢查`.
pub fn plan_status(locale: Locale, s: PlanStatus) -> String {
    field_word(locale, s.label(), "report-plan-status-", s.as_str())
}

/// A word none of a closed set's values (`unknown status `x` (expected one of: new, open, …)`) in the CLI's
/// language; English exactly as [`UnknownValue`] words it, the set's name and its values kept in every language.
pub fn unknown(e: &UnknownValue) -> String {
    crate::i18n::query_words::unknown_value(get(), e)
}

/// A view-language error (`column 8: unknown status …`) in the CLI's language; English exactly as its `Display`.
pub fn parse_error(e: &crate::domain::query::ParseError) -> String {
    crate::i18n::query_words::parse_error(get(), e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_titles_come_from_the_catalogues_and_fall_back_to_the_key() {
        assert_eq!(column_title(Locale::En, "number"), "NUMBER");
        assert_eq!(column_title(Locale::En, "on_hand"), "ON_HAND");
        assert_eq!(column_title(Locale::ZhCn, "status"), "状态");
        assert_eq!(column_title(Locale::ZhTw, "customer"), "客戶");
        assert_eq!(
            column_title(Locale::ZhCn, "no_such_column"),
            "NO_SUCH_COLUMN"
        );
    }

    /// The catalogue's English is the English the domain's errors write, so converting them changed no byte.
    #[test]
    fn usage_words_in_english_are_the_domain_errors_own() {
        use crate::domain::metrics_report::PeriodError;
        use crate::domain::ticket::TagError;
        use crate::store::backup::BackupError;
        let e = "x".parse::<Status>().unwrap_err();
        assert_eq!(unknown(&e), e.to_string());
        let tag = TagError::NotOneWord { tag: "a,b".into() };
        assert_eq!(
            say("usage-tag-not-one-word", &[("tag", &"a,b")]),
            tag.to_string()
        );
        assert_eq!(say("usage-tag-empty", &[]), TagError::Empty.to_string());
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default();
        let p = PeriodError {
            from: day(9),
            to: day(1),
        };
        assert_eq!(
            say(
                "usage-report-backwards",
                &[("from", &p.from), ("to", &p.to)]
            ),
            p.to_string()
        );
        let other = BackupError::OtherDatabase {
            src: "/b/desk.db".into(),
            target: "/t/desk.db".into(),
            src_is: "desk 1 (made 2026-11-01)".into(),
            target_is: "desk 2 (made 2026-11-02)".into(),
        };
        assert_eq!(
            say(
                "usage-backup-other-database",
                &[
                    ("source", &"/b/desk.db"),
                    ("target", &"/t/desk.db"),
                    ("backup", &"desk 1 (made 2026-11-01)"),
                    ("replacing", &"desk 2 (made 2026-11-02)"),
                ],
            ),
            other.to_string()
        );
        let exists = BackupError::Exists {
            path: "/b/x.db".into(),
        };
        assert_eq!(
            say("usage-backup-exists", &[("path", &"/b/x.db")]),
            exists.to_string()
        );
    }

    /// Counts and ids print as written: Fluent would group a number's digits (12,345).
    #[test]
    fn counts_print_without_grouping() {
        assert_eq!(
            say("usage-ingest-skipped", &[("n", &12345usize)]),
            "12345 bad records skipped (see the lines above)"
        );
        assert_eq!(
            tr_args(
                Locale::ZhCn,
                "usage-ingest-skipped",
                &[("n", Arg::from("12345".to_string()))]
            ),
            "已跳过 12345 条有误的记录（见上面各行）"
        );
    }

    /// Every value has its word in both Chinese catalogues, and English writes what the lines always wrote.
    #[test]
    fn field_words_name_every_value() {
        let zh = [Locale::ZhCn, Locale::ZhTw];
        let words = |english: &str, prefix: &str, stored: &str, word: &dyn Fn(Locale) -> String| {
            assert_eq!(word(Locale::En), english);
            for l in zh {
                let key = format!("{prefix}{}", stored.replace('_', "-"));
                assert!(has(l, &key), "{l}: {key}");
                assert!(
                    !word(l).contains(|c: char| c.is_ascii_alphabetic()),
                    "{l}: {key}"
                );
            }
        };
        for &s in VisitStatus::ALL {
            words(s.as_str(), "timeline-visit-status-", s.as_str(), &|l| {
                visit_status(l, s)
            });
        }
        for &s in Service::ALL {
            words(s.as_str(), "schedule-service-", s.as_str(), &|l| {
                service(l, s)
            });
            words(s.label(), "schedule-service-", s.as_str(), &|l| {
                service_label(l, s)
            });
        }
        for &c in Coverage::ALL {
            words(c.label(), "said-coverage-", c.as_str(), &|l| coverage(l, c));
        }
        for &k in RmaKind::ALL {
            words(k.as_str(), "timeline-return-kind-", k.as_str(), &|l| {
                return_kind(l, k)
            });
        }
        for &r in RmaReason::ALL {
            words(r.as_str(), "report-rma-reason-", r.as_str(), &|l| {
                return_reason(l, r)
            });
        }
        for &s in RmaStatus::ALL {
            words(s.as_str(), "timeline-return-status-", s.as_str(), &|l| {
                return_status(l, s)
            });
        }
        for &s in PlanStatus::ALL {
            words(s.label(), "report-plan-status-", s.as_str(), &|l| {
                plan_status(l, s)
            });
        }
        assert_eq!(coverage(Locale::ZhTw, Coverage::In), "保固內");
        assert_eq!(visit_status(Locale::ZhCn, VisitStatus::OnSite), "在现场");
        assert_eq!(plan_status(Locale::ZhTw, PlanStatus::Act), "處置");
    }

    #[test]
    fn statuses_and_priorities_keep_english_names_in_english() {
        assert_eq!(status(Locale::En, Status::Pending), "pending");
        assert_eq!(status(Locale::ZhCn, Status::Pending), "等待客户");
        assert_eq!(priority(Locale::En, Priority::High), "high");
        assert_eq!(priority(Locale::ZhTw, Priority::High), "H 黃");
    }
}
