//! The command line's own "not found" answers in the CLI's language. The store's errors and role refusals are
//! worded by `app::store_words`, which the TUI shares; they are re-exported here for the CLI.

use super::locale::say;
pub use crate::app::store_words::{denied, store_error};

/// The command line's "no ticket #5".
pub fn no_ticket(number: i64) -> super::NotFound {
    super::NotFound(say("errors-no-ticket", &[("number", &number)]))
}

/// "no customer with id or email `…`".
pub fn no_customer(key: &str) -> super::NotFound {
    super::NotFound(say("errors-no-customer", &[("key", &key)]))
}

pub fn no_article(key: &str) -> super::NotFound {
    super::NotFound(say("errors-no-article", &[("key", &key)]))
}

/// An improvement action, `P12`.
pub fn no_plan(number: i64) -> super::NotFound {
    super::NotFound(say("errors-no-plan", &[("number", &number)]))
}

pub fn no_attachment(id: &str) -> super::NotFound {
    super::NotFound(say("errors-no-attachment", &[("id", &id)]))
}

/// A ticket QA was asked about that is not in its queue.
pub fn not_in_qa_queue(number: i64) -> super::NotFound {
    super::NotFound(say("errors-not-in-qa-queue", &[("number", &number)]))
}
