//! IMAP folder names on the wire (RFC 3501 §5.1.3): "modified UTF-7", so a team's `已处理` folder is
//! `&XfJSIJZk-`, then a quoted string. Pure, so every folder in `[[mail.inbound]]` is checked before a connection.

use base64::Engine as _;
use base64::alphabet::Alphabet;
use base64::engine::{GeneralPurpose, general_purpose::NO_PAD};

/// Modified base64: `,` stands for `/`, and no padding.
fn engine() -> Option<GeneralPurpose> {
    let alphabet =
        Alphabet::new("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,").ok()?;
    Some(GeneralPurpose::new(&alphabet, NO_PAD))
}

/// A folder name in modified UTF-7: printable ASCII as itself (`&` as `&-`), every run of other characters as
/// `&` + modified base64 of its UTF-16BE + `-`.
pub fn encode(name: &str) -> String {
    let Some(engine) = engine() else {
        return name.to_string();
    };
    let mut out = String::with_capacity(name.len());
    let mut run: Vec<u16> = Vec::new();
    let flush = |run: &mut Vec<u16>, out: &mut String| {
        if run.is_empty() {
            return;
        }
        let bytes: Vec<u8> = run.iter().flat_map(|u| u.to_be_bytes()).collect();
        out.push('&');
        out.push_str(&engine.encode(bytes));
        out.push('-');
        run.clear();
    };
    for c in name.chars() {
        if (' '..='~').contains(&c) {
            flush(&mut run, &mut out);
            if c == '&' {
                out.push_str("&-");
            } else {
                out.push(c);
            }
        } else {
            let mut buf = [0u16; 2];
            run.extend_from_slice(c.encode_utf16(&mut buf));
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The encoded name as an IMAP quoted string, ready for a command line.
pub fn quoted(name: &str) -> String {
    let encoded = encode(name);
    let mut out = String::with_capacity(encoded.len() + 2);
    out.push('"');
    for c in encoded.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Why `name` cannot be a folder in the config, if it cannot: empty, or a line break (which would end the command).
pub fn problem(name: &str) -> Option<&'static str> {
    if name.trim().is_empty() {
        Some("is empty")
    } else if name.chars().any(char::is_control) {
        Some("has a control character")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_stays_and_ampersand_is_escaped() {
        assert_eq!(encode("INBOX"), "INBOX");
        assert_eq!(encode("Sales & Service"), "Sales &- Service");
        assert_eq!(encode("Archive/2026"), "Archive/2026");
    }

    #[test]
    fn other_characters_are_modified_base64_of_utf16() {
        // RFC 3501's own example.
        assert_eq!(
            encode("~peter/mail/台北/日本語"),
            "~peter/mail/&U,BTFw-/&ZeVnLIqe-"
        );
        assert_eq!(encode("已处理"), "&XfJZBHQG-");
        // A character outside the BMP goes as its surrogate pair.
        assert_eq!(encode("a😀"), "a&2D3eAA-");
    }

    #[test]
    fn quoting_escapes_quotes_and_backslashes() {
        assert_eq!(quoted("INBOX"), "\"INBOX\"");
        assert_eq!(quoted("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(quoted("已处理"), "\"&XfJZBHQG-\"");
    }

    #[test]
    fn names_that_cannot_be_folders() {
        assert_eq!(problem(""), Some("is empty"));
        assert_eq!(problem("In\r\nbox"), Some("has a control character"));
        assert_eq!(problem("已处理"), None);
    }

    proptest::proptest! {
        /// Whatever the name, what goes on the wire is printable ASCII, and a quoted name is one IMAP string.
        #[test]
        fn any_name_encodes_to_printable_ascii(name in "\\PC{0,24}") {
            let wire = encode(&name);
            proptest::prop_assert!(wire.chars().all(|c| (' '..='~').contains(&c)));
            let q = quoted(&name);
            let inner = q.strip_prefix('"').and_then(|x| x.strip_suffix('"'));
            proptest::prop_assert!(inner.is_some());
            let inner = inner.unwrap_or_default();
            proptest::prop_assert!(!inner.replace("\\\\", "").replace("\\\"", "").contains('"'));
        }
    }
}
