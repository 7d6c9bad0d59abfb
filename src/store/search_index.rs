//! The SQL functions the word index's and the pinyin index's triggers and views call (migrations 22 and 32),
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
