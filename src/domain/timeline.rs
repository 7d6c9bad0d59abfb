//! What a customer's timeline holds: their tickets, messages, surveys, tasks, profile changes, visits and returns
//! as data. The store reads them (`store::customer_profile`); `i18n::timeline` words them in the reader's
//! language, and JSON carries the English words beside the data.

use super::text::SafeText;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    Ticket,
    Message,
    Survey,
    Task,
    Change,
    /// An on-site visit or a return / exchange request on one of their tickets.
    Service,
}

/// Who wrote a message on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageFrom {
    Customer,
    Agent,
    InternalNote,
    System,
}

/// What happened, with the values the words need. Stored names (statuses, kinds, fields) stay stable snake_case;
/// the wording turns them into words.
#[derive(Debug, Clone, PartialEq)]
pub enum TimelineWhat {
    /// A ticket was opened; its status now.
    Opened {
        subject: SafeText,
        status: String,
    },
    Message {
        from: MessageFrom,
        body: SafeText,
    },
    /// `kind` csat | nps | ces, `score` out of `scale`.
    Survey {
        kind: String,
        score: i64,
        scale: i64,
        comment: Option<SafeText>,
    },
    /// A task (follow_up, care, win_back …): due, or done with its outcome.
    Task {
        kind: String,
        done: bool,
        outcome: Option<String>,
        note: Option<super::crm_why::TaskNote>,
    },
    /// A change to the profile; `actor` is the handle that made it.
    Change {
        field: String,
        old: Option<SafeText>,
        new: Option<SafeText>,
        actor: Option<SafeText>,
    },
    /// On-site visit `V{number}`.
    Visit {
        number: i64,
        service: String,
        status: String,
    },
    /// Return or exchange `R{number}`.
    Return {
        number: i64,
        kind: String,
        reason: String,
        status: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    pub at: i64,
    pub kind: TimelineKind,
    /// The ticket the entry belongs to, so the profile can open it.
    pub ticket: Option<i64>,
    pub what: TimelineWhat,
}
