//! Sync requests: the agent's open conflicts (edits that lost to a concurrent one when a replica met its hub) and
//! settling one. Syncing itself runs on the background sync job, never on the store worker.

use super::{Class, Outcome, Slot};
use crate::store::sync::replica::Conflict;

#[derive(Debug, Clone, PartialEq)]
pub enum SyncRequest {
    /// Open conflicts whose losing edit was `actor`'s (everyone's when `None`), newest first.
    Conflicts { actor: Option<String> },
    /// Keep the winning value (`reapply: false`) or write the losing one again.
    Settle {
        loser: String,
        reapply: bool,
        at: i64,
    },
}

impl SyncRequest {
    pub fn class(&self) -> Class {
        match self {
            SyncRequest::Conflicts { .. } => Class::Latest(Slot::Conflicts),
            SyncRequest::Settle { .. } => Class::Write,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum SyncResponse {
    Conflicts(Vec<Conflict>),
    Settled {
        loser: String,
        reapply: bool,
        outcome: Outcome,
    },
}
