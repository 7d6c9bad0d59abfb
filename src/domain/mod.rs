//! Pure domain rules: no SQL, no terminal, no filesystem, no clock (`now` is always a parameter).

pub mod care;
pub mod crm;
pub mod customer;
pub mod customer_view;
pub mod kb;
pub mod lifecycle;
pub mod macros;
pub mod mask;
pub mod metrics;
pub mod metrics_advice;
pub mod metrics_report;
pub mod metrics_rules;
pub mod phone;
pub mod query;
pub mod service_loop;
pub mod sla;
pub mod sla_policy;
pub mod team;
pub mod text;
pub mod ticket;
pub mod ticket_fields;
pub mod view;

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
                [$($text),+].join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                Self::parse(s).ok_or_else(|| format!(
                    "unknown {} `{}` (expected one of: {})",
                    stringify!($name).to_ascii_lowercase(), s, Self::names()
                ))
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
