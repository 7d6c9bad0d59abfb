//! The SQL functions the word index's and the pinyin indexes' triggers and views call (migrations 22, 32 and 33),
//! registered on every connection desk opens (by `migrate`, which every opened connection goes through).
//!
//! Splitting CJK runs into characters and pairs cannot be written in SQLite's SQL at a usable speed (a recursive
//! query costs some 50 µs a message, minutes for a million tickets), so it is an application function. The price:
//! a connection that writes `tickets.subject` or `messages.body` must have it, or the write fails with
//! "no such function: desk_word_index_text". Tests and tools that open the file with plain rusqlite call
//! [`register`]; reading (and `sqlite3` queries on the indexes) needs nothing.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

/// The function's name as the schema calls it.
pub const FUNCTION: &str = "desk_word_index_text";

/// The pinyin index's function (migration 32): `domain::pinyin::index_words`.
pub const PINYIN_FUNCTION: &str = "desk_pinyin_words";

/// Registers [`FUNCTION`] (`domain::search_class::word_index_text`) and [`PINYIN_FUNCTION`] on `conn`, NULL for
/// NULL.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    // Innocuous: they only read their argument, so the schema may call them even with trusted_schema off.
    let flags = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function(FUNCTION, 1, flags, |ctx| {
        let text: Option<String> = ctx.get(0)?;
        Ok(text.map(|t| crate::domain::search_class::word_index_text(&t)))
    })?;
    conn.create_scalar_function(PINYIN_FUNCTION, 1, flags, |ctx| {
        let text: Option<String> = ctx.get(0)?;
        Ok(text.map(|t| crate::domain::pinyin::index_words(&t)))
    })
}

/// The FTS5 query for the pinyin indexes (customers' names, articles' titles): what was typed as one prefix word,
/// when it can be pinyin (Latin letters only: `zyt`, `zhang yi`) or is Chinese characters only (`一天`); `None`
/// otherwise. Only letters or Han characters reach the quotes, so the text needs no escaping.
pub(super) fn pinyin_match(text: &str) -> Option<String> {
    use crate::domain::pinyin::{is_han_query, is_pinyin_query};
    let word: String = if is_pinyin_query(text) {
        text.chars()
            .filter(char::is_ascii_alphabetic)
            .map(|ch| ch.to_ascii_lowercase())
            .collect()
    } else if is_han_query(text) {
        text.chars().filter(|ch| !ch.is_whitespace()).collect()
    } else {
        return None;
    };
    Some(format!("\"{word}\"*"))
}
