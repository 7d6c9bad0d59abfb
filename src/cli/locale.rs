//! The language of the CLI's text for people: tables' column titles, `ticket show`, status and priority names in
//! tables. Machine formats — JSON, CSV (unless a command offers `--headers locale`), exit codes, the view
//! language — stay English whatever the locale.
//!
//! Process-wide and set once by `main` (from `ui.locale`, else the environment) before any command runs: every
//! command of one run speaks one language, and no command's signature has to carry it.

use crate::domain::ticket::{Priority, Status};
use crate::i18n::{Locale, has, tr};
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

    #[test]
    fn statuses_and_priorities_keep_english_names_in_english() {
        assert_eq!(status(Locale::En, Status::Pending), "pending");
        assert_eq!(status(Locale::ZhCn, Status::Pending), "等待客户");
        assert_eq!(priority(Locale::En, Priority::High), "high");
        assert_eq!(priority(Locale::ZhTw, Priority::High), "H 黃");
    }
}
