//! Text that came from outside (customers, mail, imports) made safe for a terminal, and measured by display width.

use std::fmt;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Text with control characters and terminal escape sequences removed. Display types hold this instead of
/// `String`, so nothing customer-supplied can reach the terminal without passing through [`sanitize`].
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SafeText(String);

impl SafeText {
    pub fn new(raw: &str) -> Self {
        SafeText(sanitize(raw))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for SafeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for SafeText {
    fn from(s: &str) -> Self {
        SafeText::new(s)
    }
}

impl From<String> for SafeText {
    fn from(s: String) -> Self {
        SafeText::new(&s)
    }
}

impl serde::Serialize for SafeText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Removes ANSI/VT escape sequences (CSI, OSC, DCS, …), C0 and C1 controls, and [invisible](is_invisible)
/// characters, for display. Keeps `\n`; turns `\t` into four spaces and `\r\n` into `\n`. The stored text keeps
/// whatever it had: this is what reaches a terminal.
pub fn sanitize(raw: &str) -> String {
    clean(raw, true)
}

/// Removes escape sequences and C0/C1 controls but keeps tabs and every printable or invisible character: for
/// data formats (CSV) whose reader wants the text as stored, short of anything a terminal would act on.
pub fn strip_controls(raw: &str) -> String {
    clean(raw, false)
}

/// Zero-width characters and bidi controls: ZWSP, ZWNJ, ZWJ, LRM, RLM (U+200B–U+200F), the bidi embeddings and
/// overrides (U+202A–U+202E), the word joiner (U+2060), the bidi isolates (U+2066–U+2069) and the byte-order mark
/// (U+FEFF). They take no cell, yet terminals disagree on them (a ZWJ may or may not fuse two emoji into one glyph,
/// which shifts every border after it) and an override reorders what the agent reads (Trojan Source). Dropping
/// a ZWJ turns an emoji family into its members side by side, which every terminal measures the same way.
///
/// `assets/migrations/0012_fts_fold.sql` leaves the same set out of the search index (a test keeps the two equal).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// Every character [`is_invisible`] names, for tests and for building SQL that removes them.
pub const INVISIBLE: &[char] = &[
    '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}',
    '\u{202d}', '\u{202e}', '\u{2060}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{feff}',
];

/// `s` without [invisible](is_invisible) characters: the form search queries, tags and handles are compared in, so
/// `li\u{200b}` finds, tags and names what `li` does.
pub fn strip_invisible(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(is_invisible) {
        std::borrow::Cow::Owned(s.chars().filter(|c| !is_invisible(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn clean(raw: &str, display: bool) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI / OSC / DCS / SOS / PM / APC introducers carry a payload like their ESC forms.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{9d}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\n' => out.push('\n'),
            '\t' if display => out.push_str("    "),
            '\t' => out.push('\t'),
            // A lone CR would move the cursor back over what is already on the line.
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            c if c.is_control() => {}
            c if display && is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => skip_string(chars),
        // Two-byte sequences with an intermediate (ESC ( B, ESC # 8 …) consume one more char.
        Some('(') | Some(')') | Some('*') | Some('+') | Some('#') | Some('%') => {
            chars.next();
        }
        _ => {}
    }
}

fn skip_csi(chars: &mut Chars<'_>) {
    // Parameters and intermediates, then one final byte in @..~.
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

fn skip_string(chars: &mut Chars<'_>) {
    // Ends at BEL, ST (ESC \) or C1 ST.
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// Display width in terminal cells (CJK counts two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` cells, ending in `…` when cut. Never splits a wide character.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pads or truncates to exactly `cells` display cells.
pub fn fit(s: &str, cells: usize) -> String {
    let mut t = truncate(s, cells);
    let w = width(&t);
    t.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    t
}

/// First line of `s`, whitespace collapsed: for one-line previews.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An error and its causes on one line, each cause said once (a library's error often repeats its source's text).
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        cause = c.source();
    }
    one_line(&s)
}

/// What an editor template comes back as: lines starting with `#` removed, surrounding blank lines trimmed.
/// An empty result means "cancel".
pub fn strip_template(edited: &str) -> String {
    let kept: Vec<&str> = edited
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    kept.join("\n")
        .trim_matches(|c| c == '\n' || c == ' ' || c == '\r')
        .to_string()
}

/// A date in the agent's zone (`offset` seconds east of UTC).
pub fn local_date(ts: i64, offset: i32, fmt: &str) -> String {
    use chrono::Offset;
    // An out-of-range offset (more than a day) falls back to UTC rather than failing to draw.
    let zone = chrono::FixedOffset::east_opt(offset).unwrap_or_else(|| chrono::Utc.fix());
    chrono::DateTime::from_timestamp(ts, 0)
        .map(|d| d.with_timezone(&zone).format(fmt).to_string())
        .unwrap_or_default()
}

/// Word-wraps `s` to lines of at most `max` cells. Breaks at spaces; CJK text (no spaces) breaks between any two
/// characters; a word longer than a line is split. Existing newlines are kept; blank lines stay blank.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut out = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in split_words(para) {
            let w = width(word);
            if used + w > max && used > 0 {
                out.push(line.trim_end().to_string());
                line.clear();
                used = 0;
                if word == " " {
                    continue;
                }
            }
            if w > max {
                for c in word.chars() {
                    let cw = c.width().unwrap_or(0);
                    if used + cw > max {
                        out.push(std::mem::take(&mut line));
                        used = 0;
                    }
                    line.push(c);
                    used += cw;
                }
            } else {
                line.push_str(word);
                used += w;
            }
        }
        out.push(line.trim_end().to_string());
    }
    out
}

/// Splits into words, single spaces, and single wide characters (each a break opportunity).
pub fn split_words(s: &str) -> Vec<&str> {
    let is_break = |c: char| c == ' ' || c.width().unwrap_or(0) > 1;
    let mut out = Vec::new();
    // Each piece is a word followed by the break that ends it; the last piece may have no break.
    for piece in s.split_inclusive(is_break) {
        let brk = piece
            .chars()
            .next_back()
            .filter(|c| is_break(*c))
            .map_or(0, char::len_utf8);
        let (word, brk) = piece
            .split_at_checked(piece.len() - brk)
            .unwrap_or((piece, ""));
        out.extend([word, brk].into_iter().filter(|p| !p.is_empty()));
    }
    out
}

/// `s` split at byte offset `at`, moved back to the start of the character it falls in (and clamped to the
/// end): for offsets that come from elsewhere, such as a parser's error span, where slicing could panic.
pub fn split_floor(s: &str, at: usize) -> (&str, &str) {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    s.split_at_checked(at).unwrap_or((s, ""))
}

/// The text before, of and after the first case-insensitive occurrence of `needle` in `text`. Lowercasing
/// can change a character's length (`İ` becomes two characters), so the match is found in the lowercased text
/// and mapped back onto `text`'s own characters; a match that starts or ends inside one character's lowercase
/// form does not count.
pub fn split_caseless<'a>(text: &'a str, needle: &str) -> Option<(&'a str, &'a str, &'a str)> {
    // Character by character on both sides, so context rules of `str::to_lowercase` (a final sigma) cannot
    // make the two differ.
    let needle: String = needle.chars().flat_map(char::to_lowercase).collect();
    let mut lower = String::with_capacity(text.len());
    // (offset in `lower`, offset in `text`) at the start of each character, and at the end.
    let mut starts = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        starts.push((lower.len(), i));
        lower.extend(c.to_lowercase());
    }
    starts.push((lower.len(), text.len()));
    starts.iter().find_map(|&(at, from)| {
        if !lower.get(at..)?.starts_with(&needle) {
            return None;
        }
        let end = at + needle.len();
        let to = starts
            .binary_search_by_key(&end, |(l, _)| *l)
            .ok()
            .map(|k| starts[k].1)?;
        let (before, rest) = text.split_at_checked(from)?;
        let (hit, after) = rest.split_at_checked(to - from)?;
        Some((before, hit, after))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn templates_lose_comment_lines() {
        assert_eq!(
            strip_template("\nThanks!\n  # hint\n# more\nBye\n\n"),
            "Thanks!\nBye"
        );
        assert_eq!(strip_template("# only comments\n\n"), "");
        assert_eq!(strip_template("价格是 #1 的\n"), "价格是 #1 的");
    }

    #[test]
    fn wrap_words_and_cjk() {
        assert_eq!(
            wrap("the quick brown fox", 10),
            vec!["the quick", "brown fox"]
        );
        assert_eq!(
            wrap("您好，您的订单已发货", 8),
            vec!["您好，您", "的订单已", "发货"]
        );
        assert_eq!(wrap("a\n\nb", 5), vec!["a", "", "b"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), vec![""]);
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn strips_csi_osc_and_controls() {
        assert_eq!(sanitize("a\x1b[31mred\x1b[0m b"), "ared b");
        assert_eq!(sanitize("x\x1b]0;pwned title\x07y"), "xy");
        assert_eq!(
            sanitize("x\x1b]8;;http://e\x1b\\link\x1b]8;;\x1b\\y"),
            "xlinky"
        );
        assert_eq!(sanitize("bell\x07 back\x08space"), "bell backspace");
        assert_eq!(sanitize("c1\u{9b}2Jcsi"), "c1csi");
        assert_eq!(sanitize("line\r\nnext\rthird"), "line\nnext\nthird");
        assert_eq!(sanitize("tab\there"), "tab    here");
        assert_eq!(sanitize("bidi\u{202e}evil\u{2066}"), "bidievil");
    }

    #[test]
    fn display_drops_zero_width_and_bidi_characters() {
        for &c in INVISIBLE {
            assert_eq!(sanitize(&format!("l{c}i")), "li", "U+{:04X}", c as u32);
            assert_eq!(
                strip_invisible(&format!("l{c}i")),
                "li",
                "U+{:04X}",
                c as u32
            );
            assert!(is_invisible(c));
        }
        // What the set leaves alone: letters, CJK, emoji, a variation selector, private-use search marks.
        for kept in ["王芳", "👋🏽", "❤\u{fe0f}", "\u{e000}hit\u{e001}", "a\u{301}"] {
            assert_eq!(sanitize(kept), kept);
            assert_eq!(strip_invisible(kept), kept);
        }
        // A ZWJ family falls apart into its members, which is what the width says.
        let family = sanitize("👨\u{200d}👩\u{200d}👧");
        assert_eq!(family, "👨👩👧");
        assert_eq!(width(&family), 6);
        assert_eq!(width(&sanitize("|\u{200b}\u{feff}\u{2060}|")), 2);
    }

    #[test]
    fn data_keeps_tabs_and_invisible_characters_but_not_escapes() {
        assert_eq!(strip_controls("a\tb\u{200d}c"), "a\tb\u{200d}c");
        assert_eq!(strip_controls("x\x1b]52;c;aGk=\x07y\u{9b}2Jz\x07"), "xyz");
        assert_eq!(strip_controls("one\rtwo\r\n"), "one\ntwo\n");
    }

    #[test]
    fn keeps_chinese_and_emoji() {
        assert_eq!(sanitize("您好，王芳 👋"), "您好，王芳 👋");
    }

    #[test]
    fn truncate_respects_wide_chars() {
        assert_eq!(truncate("支付失败怎么办", 7), "支付失…");
        assert_eq!(width(&truncate("支付失败怎么办", 7)), 7);
        assert_eq!(truncate("支付失败怎么办", 6), "支付…");
        assert_eq!(truncate("hello", 5), "hello");
        assert_eq!(truncate("hello!", 5), "hell…");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(width(&fit("王芳芳", 5)), 5);
    }

    #[test]
    fn words_split_at_spaces_and_wide_characters() {
        assert_eq!(split_words("ab cd"), vec!["ab", " ", "cd"]);
        assert_eq!(split_words("  x"), vec![" ", " ", "x"]);
        assert_eq!(split_words("付款ok 了"), vec!["付", "款", "ok", " ", "了"]);
        assert_eq!(split_words(""), Vec::<&str>::new());
    }

    #[test]
    fn split_floor_never_cuts_a_character() {
        assert_eq!(split_floor("王芳", 4), ("王", "芳"));
        assert_eq!(split_floor("王芳", 3), ("王", "芳"));
        assert_eq!(split_floor("王芳", 99), ("王芳", ""));
        assert_eq!(split_floor("ab", 1), ("a", "b"));
    }

    #[test]
    fn caseless_matches_map_back_onto_the_original() {
        assert_eq!(
            split_caseless("Hello World", "WORLD"),
            Some(("Hello ", "World", ""))
        );
        // `İ` lowercases to two characters (`i` and a combining dot): offsets differ between the two texts.
        assert_eq!(split_caseless("İẞx", "ß"), Some(("İ", "ẞ", "x")));
        assert_eq!(
            split_caseless("İstanbul", "STAN"),
            Some(("İ", "stan", "bul"))
        );
        // Half of `İ`'s lowercase form is not a match of the whole character.
        assert_eq!(split_caseless("İ", "i"), None);
        assert_eq!(split_caseless("abc", "d"), None);
        assert_eq!(split_caseless("abc", ""), Some(("", "", "abc")));
    }

    proptest! {
        #[test]
        fn split_words_keeps_every_character(s in "\\PC{0,30}") {
            prop_assert_eq!(split_words(&s).concat(), s);
        }

        #[test]
        fn split_floor_is_a_split(s in "\\PC{0,20}", at in 0usize..80) {
            let (a, b) = split_floor(&s, at);
            prop_assert_eq!(format!("{a}{b}"), s.clone());
            prop_assert!(a.len() <= at && at.min(s.len()) - a.len() < 4);
        }

        #[test]
        fn caseless_split_finds_what_was_put_there(
            a in "\\PC{0,10}", hit in "\\PC{1,5}", b in "\\PC{0,10}"
        ) {
            let fold = |s: &str| s.chars().flat_map(char::to_lowercase).collect::<String>();
            let text = format!("{a}{hit}{b}");
            let (before, found, after) = split_caseless(&text, &hit)
                .ok_or_else(|| TestCaseError::fail("no match"))?;
            prop_assert_eq!(format!("{before}{found}{after}"), text.clone());
            prop_assert_eq!(fold(found), fold(&hit));
            prop_assert!(before.len() <= a.len(), "the first match is at or before the one put there");
        }

        #[test]
        fn sanitized_text_has_no_escape_or_control(s in "\\PC*|[\\x00-\\x1f\\x7f-\\x9f\\x1b\\[a-z0-9;\u{200b}-\u{200f}\u{202a}-\u{202e}\u{feff}]{0,40}") {
            let out = sanitize(&s);
            prop_assert!(out.chars().all(|c| c == '\n' || !c.is_control()), "{:?}", out);
            prop_assert!(!out.contains(is_invisible), "{:?}", out);
            let data = strip_controls(&s);
            prop_assert!(data.chars().all(|c| c == '\n' || c == '\t' || !c.is_control()), "{:?}", data);
        }

        #[test]
        fn wrapped_lines_fit(s in "[a-z 支付失败]{0,60}", max in 2usize..20) {
            for line in wrap(&s, max) {
                prop_assert!(width(&line) <= max, "{:?}", line);
            }
        }

        #[test]
        fn truncate_never_exceeds_width(s in "\\PC{0,30}", max in 0usize..20) {
            prop_assert!(width(&truncate(&s, max)) <= max);
        }
    }
}
