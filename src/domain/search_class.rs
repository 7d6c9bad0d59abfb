//! Which index answers a search, chosen by the query's shape alone, and the text the word index is fed.
//!
//! Tickets' subjects and messages have two full-text indexes (migrations 11 and 22):
//! - a trigram index: any substring of three or more characters, in any script;
//! - a word index (FTS5 `unicode61`, diacritics removed) over [`word_index_text`]: Latin words and numbers as
//!   words, and every CJK character and pair of neighbouring CJK characters as a word of its own.
//!
//! A trigram index must intersect every trigram of the query, and common trigrams (`pas`, `ord`, `202`) have
//! huge lists, so `password` or an order number cost tens of milliseconds at a million tickets; one word's list is
//! short. Under three characters trigrams cannot help at all, and a CJK query of one or two characters used to
//! scan every message.

use super::text::{is_invisible, strip_invisible};

/// The index a query goes to. See [`classify`] for the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchClass {
    /// Nothing to search for.
    Empty,
    /// Latin words and numbers (`password`, `DD202610293886`, `printer jam`): the word index, as a phrase whose
    /// last word may be the start of a longer one. Words match from their start, so `word` does not find
    /// `password`; when the word index finds nothing the trigram index is asked, so a piece from inside a word is
    /// still found.
    Words,
    /// One or two CJK characters (`漏水`, `修`): the word index's single characters and pairs, exactly the
    /// texts that contain them.
    CjkShort,
    /// Three or more characters of anything else (a CJK phrase, mixed scripts, punctuation such as `a@b.com`):
    /// the trigram index, exactly the texts that contain the query.
    Trigram,
    /// One or two characters that are not CJK (`ab`, `#1`): no index helps; a newest-first scan.
    Scan,
}

/// The rule, on the query with surrounding space and zero-width/bidi characters left out:
/// 1. one or two characters, all CJK → [`SearchClass::CjkShort`];
/// 2. otherwise under three characters → [`SearchClass::Scan`];
/// 3. only ASCII letters, digits and spaces → [`SearchClass::Words`];
/// 4. anything else → [`SearchClass::Trigram`].
pub fn classify(query: &str) -> SearchClass {
    let query = strip_invisible(query.trim());
    let query = query.trim();
    let count = query.chars().count();
    if count == 0 {
        SearchClass::Empty
    } else if count <= 2 && query.chars().all(is_cjk) {
        SearchClass::CjkShort
    } else if count < 3 {
        SearchClass::Scan
    } else if query.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
        SearchClass::Words
    } else {
        SearchClass::Trigram
    }
}

/// The FTS5 query for the word index: one phrase, the last word as a prefix for [`SearchClass::Words`], the
/// characters as they are for [`SearchClass::CjkShort`]. `None` for the other classes.
pub fn word_query(query: &str) -> Option<String> {
    let class = classify(query);
    let query = strip_invisible(query.trim());
    let words: Vec<&str> = query.split_whitespace().collect();
    match class {
        // Only letters, digits and spaces: nothing in it is an FTS5 operator inside quotes.
        SearchClass::Words => Some(format!("\"{}\"*", words.join(" "))),
        SearchClass::CjkShort => Some(format!("\"{}\"", words.join(""))),
        _ => None,
    }
}

/// A character of a CJK script written without spaces between words: Han ideographs, kana, Hangul. Only letters
/// (not CJK punctuation), as the `unicode61` tokenizer keeps letters and splits on punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{30FC}'..='\u{30FF}'
        | '\u{1100}'..='\u{11FF}'
        | '\u{3131}'..='\u{318E}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
    ) && c.is_alphabetic()
}

/// The text the word index reads for `text`: zero-width and bidi characters left out (as the trigram index does),
/// Latin and everything else as it is, and each run of CJK characters replaced by its characters and its pairs of
/// neighbouring characters, each a separate word: `漏水了` → ` 漏 漏水 水 水了 了 `. The spaces around a run keep
/// it apart from a Latin word touching it.
pub fn word_index_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut prev: Option<char> = None;
    for c in text.chars().filter(|c| !is_invisible(*c)) {
        if is_cjk(c) {
            out.push(' ');
            if let Some(p) = prev {
                out.push(p);
                out.push(c);
                out.push(' ');
            }
            out.push(c);
            prev = Some(c);
        } else {
            if prev.take().is_some() {
                out.push(' ');
            }
            out.push(c);
        }
    }
    if prev.is_some() {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use SearchClass::*;

    #[test]
    fn classes_by_shape() {
        for (q, class) in [
            ("", Empty),
            ("  \u{200b} ", Empty),
            ("password", Words),
            ("DD202610293886", Words),
            ("printer jam", Words),
            ("  Printer  JAM ", Words),
            ("pas\u{200b}sword", Words),
            ("1042", Words),
            ("漏水", CjkShort),
            ("修", CjkShort),
            ("ー", CjkShort),
            ("한국", CjkShort),
            ("漏\u{200b}水", CjkShort),
            ("打印机", Trigram),
            ("漏水a", Trigram),
            ("a@b.com", Trigram),
            ("café", Trigram),
            ("order-42", Trigram),
            ("，。", Scan),
            ("ab", Scan),
            ("a漏", Scan),
            ("#1", Scan),
        ] {
            assert_eq!(classify(q), class, "{q:?}");
        }
    }

    #[test]
    fn word_queries_are_one_quoted_phrase() {
        assert_eq!(
            word_query(" printer  jam ").as_deref(),
            Some("\"printer jam\"*")
        );
        assert_eq!(word_query("漏\u{200b}水").as_deref(), Some("\"漏水\""));
        assert_eq!(word_query("打印机"), None);
        assert_eq!(word_query("ab"), None);
    }

    #[test]
    fn cjk_runs_become_characters_and_pairs() {
        assert_eq!(word_index_text("漏水了"), " 漏 漏水 水 水了 了 ");
        assert_eq!(
            word_index_text("Order DD42: 洗衣机漏水, help"),
            "Order DD42:  洗 洗衣 衣 衣机 机 机漏 漏 漏水 水 , help"
        );
        // A Latin word touching a run stays a word of its own; punctuation breaks a run.
        assert_eq!(word_index_text("abc打印x"), "abc 打 打印 印 x");
        assert_eq!(word_index_text("打，印"), " 打 ， 印 ");
        assert_eq!(word_index_text("漏\u{200b}水"), " 漏 漏水 水 ");
        assert_eq!(word_index_text("plain text"), "plain text");
    }
}
