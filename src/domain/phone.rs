//! Phone numbers as one key for search and duplicate detection: `193 3998 1700`, `+86 193-3998-1700`,
//! `0086 19339981700` and `１９３３９９８１７００` are one number. Stored numbers keep what was typed; the key is
//! kept beside them (`customers.phone_norm`) and what a user searches for is turned into the same key.
//!
//! The key is E.164 where the country is known: `+` and the country code, then the national number without its
//! trunk prefix (`010-1234 5678` in China is `+861012345678`). International spellings (`+…`, or the default
//! region's international prefix such as `00`) carry their country; national spellings take the default region's
//! (config `[crm] default_region`). Under the generic rule (`default_region = "none"`) a national number is only
//! its digits, since its country is unknown.

/// How numbers are written in one region: the calling code, the prefix dialled before a foreign number and the
/// trunk prefix in front of national numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// ISO 3166 code (`CN`); `none` for the generic rule.
    pub code: &'static str,
    /// Country calling code (`86`); empty for the generic rule.
    pub calling: &'static str,
    /// Dialled before a foreign number (`00`).
    pub international: &'static str,
    /// In front of a national number, dropped in the key (`0`); empty when the region has none.
    pub trunk: &'static str,
    /// The longest national number with its trunk prefix: more digits that start with the calling code are the
    /// calling code written without `+` (`86 193 3998 1700`). 0: never guess.
    pub longest_national: usize,
}

/// The generic rule: `+` and `00` mark an international number; anything else is kept as its digits.
pub const GENERIC: Region = Region {
    code: "none",
    calling: "",
    international: "00",
    trunk: "",
    longest_national: 0,
};

const fn region(code: &'static str, calling: &'static str, international: &'static str) -> Region {
    Region {
        code,
        calling,
        international,
        trunk: "",
        longest_national: 0,
    }
}

const fn trunk(r: Region, trunk: &'static str) -> Region {
    Region { trunk, ..r }
}

/// The regions desk knows. China first: a mobile is 11 digits starting with 1, a landline an area code with its
/// trunk 0 and up to 8 digits (12 at most).
pub const REGIONS: &[Region] = &[
    Region {
        longest_national: 12,
        ..trunk(region("CN", "86", "00"), "0")
    },
    region("HK", "852", "001"),
    region("MO", "853", "00"),
    trunk(region("TW", "886", "002"), "0"),
    region("SG", "65", "000"),
    trunk(region("JP", "81", "010"), "0"),
    trunk(region("KR", "82", "001"), "0"),
    trunk(region("GB", "44", "00"), "0"),
    trunk(region("DE", "49", "00"), "0"),
    trunk(region("FR", "33", "00"), "0"),
    trunk(region("AU", "61", "0011"), "0"),
    trunk(region("US", "1", "011"), "1"),
    trunk(region("CA", "1", "011"), "1"),
];

impl Default for Region {
    /// China, like the rest of desk's defaults (the Asia/Shanghai calendar).
    fn default() -> Self {
        REGIONS[0]
    }
}

impl Region {
    /// `CN`, `cn`, `none` (the generic rule) …
    pub fn parse(s: &str) -> Option<Region> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("none") || s.eq_ignore_ascii_case("generic") {
            return Some(GENERIC);
        }
        REGIONS
            .iter()
            .copied()
            .find(|r| r.code.eq_ignore_ascii_case(s))
    }

    /// The accepted names, for messages.
    pub fn names() -> String {
        let mut all: Vec<&str> = REGIONS.iter().map(|r| r.code).collect();
        all.push(GENERIC.code);
        all.join(", ")
    }
}

/// The ASCII digit a character stands for: ASCII, full-width (`１`), Arabic-Indic and Devanagari digits.
fn digit(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => return Some(c),
        '\u{FF10}'..='\u{FF19}' => 0xFF10,
        '\u{0660}'..='\u{0669}' => 0x0660,
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        '\u{0966}'..='\u{096F}' => 0x0966,
        _ => return None,
    };
    char::from_digit(u32::from(c) - zero, 10)
}

/// Written between the digits of a number: spaces, dashes, dots, slashes and parentheses.
fn separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '.' | '/' | '(' | ')' | '－' | '（' | '）' | '‐' | '‑' | '–' | '—' | '·'
        )
}

fn plus(c: char) -> bool {
    c == '+' || c == '＋'
}

/// Numbers shorter than this are not keyed (an extension, a stray digit): they would match too much.
pub const MIN_DIGITS: usize = 5;

/// The key of a phone number as typed, under the default `region`; `None` when it (or its key) has fewer than
/// [`MIN_DIGITS`] digits. Labels before the number (`tel:`, `手机 `) are skipped, and it ends at the first
/// character that is not a digit or a separator (`ext. 12`, `转 8`, a second number after a comma).
pub fn normalise(raw: &str, region: Region) -> Option<String> {
    let mut digits = String::new();
    let mut intl = false;
    for c in raw.chars() {
        if let Some(d) = digit(c) {
            digits.push(d);
        } else if plus(c) && digits.is_empty() {
            intl = true;
        } else if digits.is_empty() || separator(c) {
            // A label or separator before the number, or a separator inside it.
        } else {
            break;
        }
    }
    if digits.len() < MIN_DIGITS {
        return None;
    }
    if !intl
        && !region.international.is_empty()
        && let Some(rest) = digits.strip_prefix(region.international)
    {
        digits = rest.to_string();
        intl = true;
    }
    if !intl
        && region.longest_national > 0
        && digits.len() > region.longest_national
        && digits.starts_with(region.calling)
    {
        intl = true;
    }
    let key = if intl {
        // `+44 (0)20 …`: a trunk 0 written after the default region's own calling code.
        if region.trunk == "0"
            && !region.calling.is_empty()
            && let Some(national) = digits.strip_prefix(region.calling)
        {
            digits = format!("{}{}", region.calling, national.trim_start_matches('0'));
        }
        format!("+{digits}")
    } else if region.calling.is_empty() {
        digits
    } else {
        let national = match region.trunk {
            // Every leading zero, as after a calling code: the key of a key is itself.
            "0" => digits.trim_start_matches('0'),
            t => digits.strip_prefix(t).unwrap_or(&digits),
        };
        format!("+{}{national}", region.calling)
    };
    (key.chars().filter(char::is_ascii_digit).count() >= MIN_DIGITS).then_some(key)
}

/// Whether search text is a phone number, whole or begun: only digits, separators and a leading `+`, with at
/// least [`MIN_DIGITS`] digits. Such text is also matched against the keys, by prefix.
pub fn looks_like_phone(text: &str) -> bool {
    let text = text.trim();
    let mut digits = 0;
    for (i, c) in text.chars().enumerate() {
        if digit(c).is_some() {
            digits += 1;
        } else if !(separator(c) || (plus(c) && i == 0)) {
            return false;
        }
    }
    digits >= MIN_DIGITS
}

/// The key search text is matched by (as a prefix of stored keys), when it looks like a phone number.
pub fn search_key(text: &str, region: Region) -> Option<String> {
    looks_like_phone(text)
        .then(|| normalise(text, region))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cn(s: &str) -> Option<String> {
        normalise(s, Region::default())
    }

    #[test]
    fn a_chinese_mobile_in_every_spelling_is_one_key() {
        for s in [
            "19339981700",
            "/19339981700",
            "193 3998 1700",
            "193-3998-1700",
            "+86 193-3998-1700",
            "+8619339981700",
            "0086 193 3998 1700",
            "86 193 3998 1700",
            "(+86) 193 3998 1700",
            "１９３３９９８１７００",
            "＋８６ １９３－３９９８－１７００",
            "tel: 193.3998.1700",
            "手机 193 3998 1700",
            "193 3998 1700 转 8",
        ] {
            assert_eq!(cn(s).as_deref(), Some("+8619339981700"), "{s}");
        }
    }

    #[test]
    fn landlines_drop_the_trunk_zero() {
        for s in [
            "010-1234 5678",
            "(010) 1234-5678",
            "01012345678",
            "+86 10 1234 5678",
            "+86 (0)10 1234 5678",
            "0086 10 12345678",
            "０１０－１２３４５６７８",
        ] {
            assert_eq!(cn(s).as_deref(), Some("+861012345678"), "{s}");
        }
        assert_eq!(cn("0755-8888 6666").as_deref(), Some("+8675588886666"));
        assert_eq!(cn("400-820-8820").as_deref(), Some("+864008208820"));
    }

    #[test]
    fn foreign_numbers_keep_their_country() {
        assert_eq!(cn("+1 (415) 555-0100").as_deref(), Some("+14155550100"));
        assert_eq!(cn("00 44 20 7946 0018").as_deref(), Some("+442079460018"));
        assert_eq!(cn("+852 2123 4567").as_deref(), Some("+85221234567"));
    }

    #[test]
    fn other_regions_and_the_generic_rule() {
        let us = Region::parse("us").unwrap();
        for s in [
            "(415) 555-0100",
            "1-415-555-0100",
            "+1 415 555 0100",
            "011 1 415 555 0100",
        ] {
            assert_eq!(normalise(s, us).as_deref(), Some("+14155550100"), "{s}");
        }
        let gb = Region::parse("GB").unwrap();
        assert_eq!(
            normalise("020 7946 0018", gb),
            normalise("+44 (0)20 7946 0018", gb)
        );
        let hk = Region::parse("HK").unwrap();
        assert_eq!(normalise("2123 4567", hk).as_deref(), Some("+85221234567"));
        // Without a region a national number is its digits; international ones still carry their country.
        let none = Region::parse("none").unwrap();
        assert_eq!(
            normalise("193 3998 1700", none).as_deref(),
            Some("19339981700")
        );
        assert_eq!(
            normalise("010-1234 5678", none).as_deref(),
            Some("01012345678")
        );
        assert_eq!(
            normalise("+86 193-3998-1700", none).as_deref(),
            Some("+8619339981700")
        );
        assert_eq!(
            normalise("0086 193-3998-1700", none).as_deref(),
            Some("+8619339981700")
        );
        assert_eq!(Region::parse("xx"), None);
        assert!(Region::names().contains("CN") && Region::names().contains("none"));
    }

    #[test]
    fn short_or_empty_numbers_have_no_key() {
        for s in ["", "-", "n/a", "分机 9", "+86", "1234", "+86 000 12"] {
            assert_eq!(cn(s), None, "{s}");
        }
        assert_eq!(cn("10086").as_deref(), Some("+8610086"));
    }

    #[test]
    fn search_text_that_looks_like_a_phone() {
        for s in [
            "19339981700",
            "/19339981700",
            "193 3998 1700",
            "+86 193-3998-1700",
            "(010) 1234",
            "１９３３９",
        ] {
            assert!(looks_like_phone(s), "{s}");
        }
        for s in [
            "1933",
            "王芳",
            "wang 193 3998 1700",
            "1700+86",
            "a@b.com",
            "#1042",
            "",
        ] {
            assert!(!looks_like_phone(s), "{s}");
        }
        // A number begun is a prefix of the whole number's key.
        let whole = cn("193 3998 1700").unwrap();
        for begun in ["193 39", "+86 1933", "0086 19339"] {
            let key = search_key(begun, Region::default()).unwrap();
            assert!(whole.starts_with(&key), "{begun}: {key}");
        }
        assert_eq!(search_key("wang", Region::default()), None);
    }

    proptest! {
        /// Any text gives a key of `+` and ASCII digits, or none, without panicking; a key is its own key; and the
        /// spellings of one number agree.
        #[test]
        fn keys_are_digits_idempotent_and_agree(
            s in prop_oneof!["\\PC{0,30}", "[+０-９0-9 ()./-]{0,24}", "\\p{Any}{0,12}"],
            r in proptest::sample::select(REGIONS.iter().copied().chain([GENERIC]).collect::<Vec<_>>()),
        ) {
            if let Some(k) = normalise(&s, r) {
                let body = k.strip_prefix('+').unwrap_or(&k);
                prop_assert!(!body.is_empty() && body.chars().all(|c| c.is_ascii_digit()), "{:?} -> {:?}", s, k);
                prop_assert_eq!(normalise(&k, r), Some(k.clone()), "{:?}", s);
            }
            let _ = looks_like_phone(&s);
            let _ = search_key(&s, r);
        }

        #[test]
        fn three_spellings_of_a_mobile_are_one_key(n in 10_000_000u32..99_999_999u32, prefix in 130u32..199u32) {
            let national = format!("{prefix}{n:08}");
            let (mid, end) = (n / 10_000, n % 10_000);
            let (a, b, c) = (
                format!("/{national}"),
                format!("{prefix} {mid:04} {end:04}"),
                format!("+86 {prefix}-{mid:04}-{end:04}"),
            );
            let key = cn(&a);
            prop_assert_eq!(key.clone(), Some(format!("+86{national}")));
            prop_assert_eq!(cn(&b), key.clone());
            prop_assert_eq!(cn(&c), key);
        }
    }
}
