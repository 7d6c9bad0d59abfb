//! Pure domain rules: no SQL, no terminal, no filesystem, no clock (`now` is always a parameter).

pub mod attachment;
pub mod care;
pub mod complaint;
pub mod complaint_causes;
pub mod crm;
mod crm_rfm;
pub mod crm_why;
pub mod customer;
pub mod customer_profile;
pub mod customer_value;
pub mod customer_view;
pub mod dispatch;
pub mod field_report;
pub mod field_rules;
pub mod group;
pub mod han_script;
pub mod handle;
pub mod hot_topics;
pub mod imap_name;
pub mod intake;
pub mod kb;
pub mod lifecycle;
pub mod loop_rules;
pub mod macros;
pub mod mail_loop;
pub mod mail_out;
pub mod mask;
pub mod metrics;
pub mod metrics_grid;
pub mod metrics_indicator;
pub mod metrics_report;
pub mod metrics_rules;
pub mod phone;
pub mod pinyin;
pub mod plan;
pub mod qa;
pub mod qa_report;
pub mod query;
mod query_error;
pub mod questionnaire;
pub mod quoted;
pub mod returns;
pub mod routing;
pub mod search_class;
pub mod service_loop;
pub mod sla;
pub mod sla_policy;
pub mod sla_sweep;
pub mod team;
pub mod text;
pub mod ticket;
pub mod ticket_fields;
pub mod ticket_record;
pub mod timeline;
pub mod view;
pub mod visit;
pub mod warranty;

/// A word that is none of a closed set's values: a status, a priority, a tier, a role … (every `str_enum!`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {} `{value}` (expected one of: {})", .what.to_ascii_lowercase(), .allowed.join(", "))]
pub struct UnknownValue {
    /// The set, by its type name (`Status`, `ComplaintStage`); messages show it in lower case.
    pub what: &'static str,
    /// The text as given.
    pub value: String,
    /// The accepted spellings, in order.
    pub allowed: &'static [&'static str],
}

/// Defines a closed set of string-coded values (stored in SQLite as text, shown to users, parsed from CLI/config).
/// One macro so that every enum has the same `as_str` / `parse` / `ALL` / serde behaviour.
#[macro_export]
macro_rules! str_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored/typed spellings, in the order of [`Self::ALL`].
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the stored/typed form; case-insensitive, `-` and `_` interchangeable.
            pub fn parse(s: &str) -> Option<Self> {
                let norm = s.trim().to_ascii_lowercase().replace('-', "_");
                match norm.as_str() { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The accepted spellings, for error messages.
            pub fn names() -> String {
                Self::NAMES.join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::UnknownValue;
            fn from_str(s: &str) -> Result<Self, $crate::domain::UnknownValue> {
                Self::parse(s).ok_or_else(|| $crate::domain::UnknownValue {
                    what: stringify!($name),
                    value: s.to_string(),
                    allowed: Self::NAMES,
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
