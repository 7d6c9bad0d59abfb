//! The interface's languages: which locale desk speaks, and its messages from the Fluent catalogues under
//! `assets/locales/<locale>/<area>.ftl` (embedded at compile time). Display only: domain values keep their stable
//! English names for storage, machine formats and the view language.
//!
//! Keys are `<area>-<name>` in kebab case (`tabs-queues`, `ticket-status-on-hold`), the area being the file the key
//! lives in, so work on different areas never touches the same file. A missing key never panics: it falls back to
//! English, then to the key itself (and `tests/i18n/catalogues.rs` makes sure none is missing).

mod catalog;
pub mod changes;
pub mod crm_words;
pub mod field_words;
pub mod fields;
pub mod metrics_advice;
pub mod metrics_words;
pub mod query_words;
pub mod time;
pub mod timeline;

pub use catalog::{Arg, FILES, has, tr, tr_args};
pub use time::{DEFAULT_DATE_FORMAT, ago, compact_age, countdown, countdown_compact, date};

use crate::domain::ticket::{Priority, Status};
use serde::{Deserialize, Serialize};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese (简体).
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// Traditional Chinese (繁體).
    #[serde(rename = "zh-TW")]
    ZhTw,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::En, Locale::ZhCn, Locale::ZhTw];

    /// The BCP 47 tag, as `ui.locale` takes it and as the catalogue's folder is named.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
            Locale::ZhTw => "zh-TW",
        }
    }

    /// The locale an environment asks for: the first set of `LC_ALL`, `LC_MESSAGES`, `LANG` (POSIX order), read
    /// as [`Locale::from_posix`]. Pure: main reads the variables.
    pub fn from_env(lc_all: Option<&str>, lc_messages: Option<&str>, lang: Option<&str>) -> Locale {
        [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.trim().is_empty())
            .map_or(Locale::En, Locale::from_posix)
    }

    /// A POSIX locale name (`zh_CN.UTF-8`, `zh_TW.Big5`, `zh_HK`, `zh`, `en_US.UTF-8`, `C`): Chinese of mainland
    /// China and Singapore (and `zh` alone) is simplified, of Taiwan, Hong Kong and Macau traditional; an explicit
    /// script (`zh_Hant`) wins; anything else is English.
    pub fn from_posix(value: &str) -> Locale {
        // The language part, before the encoding (`.UTF-8`) and the modifier (`@stroke`).
        let name = value.split(['.', '@']).next().unwrap_or_default();
        let mut parts = name.split(['_', '-']).map(str::to_ascii_lowercase);
        if parts.next().as_deref() != Some("zh") {
            return Locale::En;
        }
        let rest: Vec<String> = parts.collect();
        if rest.iter().any(|p| p == "hant") {
            return Locale::ZhTw;
        }
        if rest.iter().any(|p| p == "hans") {
            return Locale::ZhCn;
        }
        match rest.last().map(String::as_str) {
            Some("tw" | "hk" | "mo") => Locale::ZhTw,
            _ => Locale::ZhCn,
        }
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

/// A status as the interface names it (新建, 處理中 …).
pub fn status(locale: Locale, s: Status) -> String {
    tr(
        locale,
        &format!("ticket-status-{}", s.as_str().replace('_', "-")),
    )
}

/// A priority as the interface names it: the practice's colour in Chinese (红 / 紅), the word in English.
pub fn priority(locale: Locale, p: Priority) -> String {
    tr(locale, &format!("ticket-priority-{}", p.as_str()))
}

/// A priority with its colour, for a picker: `Urgent (red)`, `红（紧急）`.
pub fn priority_with_colour(locale: Locale, p: Priority) -> String {
    tr(
        locale,
        &format!("ticket-priority-{}-with-colour", p.as_str()),
    )
}

/// The message for one value of an enumeration: `prefix` and the value's stable name, kebab-cased
/// (`tr_of(l, "customers-stage-", "at_risk")` reads `customers-stage-at-risk`).
pub fn tr_of(locale: Locale, prefix: &str, name: &str) -> String {
    tr(locale, &format!("{prefix}{}", name.replace('_', "-")))
}

#[cfg(test)]
mod tests;
