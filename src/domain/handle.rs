//! Agent handles: the form they are stored and compared in, what a new one must be, and when two look alike.
//!
//! A handle names an agent in assignments, history and `assignee:` filters, so two handles that read the same on a
//! screen are two agents nobody can tell apart. Registration on first use and `desk agent add` both go through
//! [`check_new`].

use super::text::{sanitize, strip_invisible};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A handle desk will not register.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HandleError {
    #[error("an agent handle cannot be empty; use one word like li or wang.fang")]
    Empty,
    /// `handle` is the text as given, made safe to show.
    #[error(
        "`{handle}` is not a handle: use one word of letters, digits, `.`, `_`, `-` or `@`, like li or wang.fang"
    )]
    NotOneWord { handle: String },
    /// Differs from `existing` only in characters that look alike (Cyrillic `і` for Latin `i`, `0` for `o`).
    #[error(
        "`{handle}` looks like the handle of agent {existing}; pick a handle that reads differently"
    )]
    LooksLike { handle: String, existing: String },
}

/// The form handles are stored and compared in: NFKC (full-width `ｌｉ` is `li`), zero-width and bidi characters
/// left out, trimmed, lowercased. Typing a handle any of those ways names the same agent.
pub fn normalize(raw: &str) -> String {
    let nfkc: String = raw.nfkc().collect();
    strip_invisible(&nfkc).trim().to_lowercase()
}

/// Whether `c` may be in a handle: a letter or digit of any script, a combining mark after one, or `.` `_` `-` `@`
/// (`wang.fang`, `li_na`, `ops@corp` from a directory account). Everything else (spaces, controls, symbols, blank
/// fillers) is refused rather than stored where it could hide or mimic another handle.
fn allowed(c: char, first: bool) -> bool {
    // The Hangul fillers are letters to Unicode but draw as blanks.
    let blank_letter = matches!(c, '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}');
    (c.is_alphanumeric() && !blank_letter)
        || (!first && is_combining_mark(c))
        || matches!(c, '.' | '_' | '-' | '@')
}

/// Checks a handle a new agent would get, against the handles the team has: returns it normalised, or why not.
/// A handle equal to an existing one is returned as is (the caller knows that agent); one that only looks like an
/// existing one is refused.
pub fn check_new<'a>(
    raw: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> Result<String, HandleError> {
    let handle = normalize(raw);
    if handle.is_empty() {
        return Err(HandleError::Empty);
    }
    if !handle.chars().enumerate().all(|(i, c)| allowed(c, i == 0)) {
        return Err(HandleError::NotOneWord {
            handle: sanitize(raw.trim()),
        });
    }
    let mine = skeleton(&handle);
    for other in existing {
        if other != handle && skeleton(other) == mine {
            return Err(HandleError::LooksLike {
                handle,
                existing: sanitize(other),
            });
        }
    }
    Ok(handle)
}

/// What a handle looks like, for comparing: normalised, each look-alike mapped to the Latin letter it mimics.
///
/// A small table rather than Unicode's full confusables list (UTS #39, thousands of entries and a crate to keep in
/// step): handles are short, lowercased and typed by people, and the look-alikes that matter after lowercasing are
/// the Cyrillic and Greek letters drawn like Latin ones, the dotless `ı`, and the digits `0` and `1`. NFKC (in
/// [`normalize`]) already folds full-width and other compatibility forms.
pub fn skeleton(handle: &str) -> String {
    normalize(handle).chars().map(latin_look_alike).collect()
}

fn latin_look_alike(c: char) -> char {
    match c {
        // Cyrillic
        'а' => 'a',
        'с' => 'c',
        'ԁ' => 'd',
        'е' | 'ё' => 'e',
        'һ' => 'h',
        'і' | 'ї' => 'i',
        'ј' => 'j',
        'ӏ' => 'l',
        'о' => 'o',
        'р' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'у' => 'y',
        'х' => 'x',
        'ԝ' => 'w',
        'ь' => 'b',
        // Greek
        'α' => 'a',
        'ε' => 'e',
        'ι' | 'ί' => 'i',
        'κ' => 'k',
        'ν' => 'v',
        'ο' | 'ό' => 'o',
        'ρ' => 'p',
        'τ' => 't',
        'υ' => 'u',
        'χ' => 'x',
        // Latin and digits
        'ı' => 'i',
        '0' => 'o',
        '1' => 'l',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_normalised_for_storing_and_comparing() {
        assert_eq!(normalize(" Li "), "li");
        assert_eq!(normalize("ｌｉ"), "li", "full-width from an input method");
        assert_eq!(normalize("l\u{200b}i\u{feff}"), "li");
        assert_eq!(normalize("王芳"), "王芳");
        assert_eq!(check_new("Wang.Fang", []), Ok("wang.fang".into()));
        assert_eq!(check_new("ops@corp", []), Ok("ops@corp".into()));
        assert_eq!(
            check_new("jose\u{301}", []),
            Ok("josé".into()),
            "NFKC composes"
        );
    }

    #[test]
    fn blank_and_unprintable_handles_are_refused() {
        for blank in ["", "   ", "\u{200b}", "\u{202e}\u{2066}"] {
            assert_eq!(check_new(blank, []), Err(HandleError::Empty), "{blank:?}");
        }
        for bad in [
            "li na",
            "li\x1b[2J",
            "li\u{7}",
            "li\u{9b}",
            "li/na",
            "\u{3164}",
            "li\u{e000}",
        ] {
            let e = check_new(bad, []).unwrap_err();
            assert!(
                matches!(e, HandleError::NotOneWord { .. }),
                "{bad:?}: {e:?}"
            );
            assert!(!e.to_string().contains(char::is_control), "{e:?}");
        }
    }

    #[test]
    fn look_alikes_of_an_existing_handle_are_refused() {
        let team = ["li", "wang.fang", "bob"];
        for fake in ["lі", "lι", "wаng.fang", "b0b", "1i"] {
            let e = check_new(fake, team).unwrap_err();
            assert!(
                matches!(e, HandleError::LooksLike { .. }),
                "{fake:?}: {e:?}"
            );
        }
        let e = check_new("lі", team).unwrap_err().to_string();
        assert_eq!(
            e,
            "`lі` looks like the handle of agent li; pick a handle that reads differently"
        );
        // The same handle is that agent, not a look-alike; different ones pass.
        assert_eq!(check_new("LI", team), Ok("li".into()));
        assert_eq!(check_new("l\u{200b}i", team), Ok("li".into()));
        assert_eq!(check_new("lin", team), Ok("lin".into()));
        assert_eq!(check_new("李娜", team), Ok("李娜".into()));
    }

    #[test]
    fn skeletons_map_look_alikes_to_latin() {
        assert_eq!(skeleton("раураl"), "paypal");
        assert_eq!(skeleton("ЅΟΝ"), skeleton("sov"));
        assert_ne!(skeleton("li"), skeleton("lu"));
    }
}
