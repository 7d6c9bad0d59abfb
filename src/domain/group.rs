//! Groups (部门 / 服务组): the departments tickets are routed to. A name is what people type in `group=售后`, in
//! filters and pickers, so it must be printable, unambiguous and distinct from every other group's, ignoring case.

use std::fmt;

/// Longest name, in characters: a column in lists, not a sentence.
pub const NAME_MAX_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupNameError {
    Empty,
    TooLong {
        chars: usize,
    },
    /// Control, format or escape characters (they would hide in a terminal or split a line).
    Unprintable,
    Taken {
        existing: String,
    },
}

impl fmt::Display for GroupNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupNameError::Empty => f.write_str("a group needs a name"),
            GroupNameError::TooLong { chars } => write!(
                f,
                "a group name has at most {NAME_MAX_CHARS} characters; this one has {chars}"
            ),
            GroupNameError::Unprintable => {
                f.write_str("a group name cannot hold control, format or escape characters")
            }
            GroupNameError::Taken { existing } => {
                write!(f, "a group named `{existing}` exists; choose another name")
            }
        }
    }
}

impl std::error::Error for GroupNameError {}

/// Checks a new name for a group against the `existing` names (those of other groups): trimmed, inner runs of
/// white space made one space. Names that differ only in case are the same name, as `group=` matches them.
pub fn check_name<'a>(
    raw: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> Result<String, GroupNameError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(GroupNameError::Empty);
    }
    let chars = name.chars().count();
    if chars > NAME_MAX_CHARS {
        return Err(GroupNameError::TooLong { chars });
    }
    if name.chars().any(unprintable) {
        return Err(GroupNameError::Unprintable);
    }
    let folded = name.to_lowercase();
    for other in existing {
        if other.to_lowercase() == folded {
            return Err(GroupNameError::Taken {
                existing: crate::domain::text::sanitize(other),
            });
        }
    }
    Ok(name)
}

fn unprintable(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_and_its_spaces_folded() {
        assert_eq!(check_name("  After  sales ", []), Ok("After sales".into()));
        assert_eq!(
            check_name("售后服务部", ["技术支持"]),
            Ok("售后服务部".into())
        );
    }

    #[test]
    fn empty_long_and_unprintable_names_are_refused() {
        assert_eq!(check_name(" \t ", []), Err(GroupNameError::Empty));
        let long = "组".repeat(NAME_MAX_CHARS + 1);
        assert_eq!(
            check_name(&long, []),
            Err(GroupNameError::TooLong {
                chars: NAME_MAX_CHARS + 1
            })
        );
        assert_eq!(
            check_name(&"组".repeat(NAME_MAX_CHARS), []).map(|n| n.chars().count()),
            Ok(NAME_MAX_CHARS)
        );
        for bad in [
            "a\u{1b}[31mred",
            "bi\u{202E}di",
            "zero\u{200B}width",
            "tab\u{7}bell",
        ] {
            assert_eq!(
                check_name(bad, []),
                Err(GroupNameError::Unprintable),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_name_taken_in_any_case_is_refused() {
        assert_eq!(
            check_name("billing", ["Support", "Billing"]),
            Err(GroupNameError::Taken {
                existing: "Billing".into()
            })
        );
        assert!(check_name("Billing 2", ["Billing"]).is_ok());
    }
}
