//! Ticket requests: lists, one ticket, search, and every write to a ticket.

use super::{Class, Outcome, Refusal, Slot};
use crate::domain::kb::Insert;
use crate::domain::service_loop::{FollowUpOutcome, SurveyResponse};
use crate::domain::ticket::{Channel, Kind, Priority};
use crate::domain::view::{PageRequest, TicketFilter};
use crate::store::attachments::AttachmentRow;
use crate::store::customer_write::CustomerEdit;
use crate::store::search::SearchHit;
use crate::store::ticket_write::TicketEdit;
use crate::store::tickets::{TicketDetail, TicketRow};
use crate::store::{ChangeRow, Counts, Page};

/// Most full-text hits the queue pane shows: as many hits as this may mean more.
pub const SEARCH_LIMIT: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub enum TicketRequest {
    Counts,
    ViewCounts {
        filters: Vec<TicketFilter>,
        me: Option<String>,
    },
    Page {
        generation: u64,
        filter: Box<TicketFilter>,
        me: Option<String>,
        req: PageRequest,
        limit: usize,
    },
    /// How long the queue list of `generation` is (a filtered view, whose count the sidebar does not have).
    Count {
        generation: u64,
        filter: Box<TicketFilter>,
        me: Option<String>,
    },
    Detail {
        number: i64,
        /// The clocks are computed at this moment (update's `now`).
        at: i64,
    },
    /// The change log of one ticket.
    History {
        number: i64,
    },
    /// One attachment's bytes, to open it (`id` from the ticket's `attachments`).
    Attachment {
        id: String,
    },
    /// Whether every agent and group a queue filter names exists (the view language text as typed).
    CheckFilter {
        text: String,
    },
    /// Full-text search for the queue pane.
    Search {
        query: String,
        relevance: bool,
    },
    /// Current list rows of these tickets, to patch a visible list in place.
    Rows {
        numbers: Vec<i64>,
    },
    /// Field changes based on the version the agent saw; a conflict is answered with the changes missed.
    Set {
        number: i64,
        edits: Vec<TicketEdit>,
        expected_version: i64,
        /// The ticket's change-log position the agent's edit was based on: on a conflict the changes after it
        /// are what the agent is shown.
        base_seq: i64,
        /// When the agent acted (update's `now`), so the log records the moment of the action.
        at: i64,
    },
    AddMessage(AddMessage),
    /// A ticket (and, in the same transaction, its new customer).
    Create {
        customer: NewTicketCustomer,
        product_id: Option<String>,
        subject: String,
        kind: Kind,
        channel: Channel,
        priority: Priority,
        body: String,
        at: i64,
    },
    /// Both tickets of a merge, to show before it runs.
    MergePreview {
        source: i64,
        target: i64,
    },
    /// Fold ticket `source` into `target`.
    Merge {
        source: i64,
        target: i64,
        at: i64,
    },
    Link {
        a: i64,
        b: i64,
        at: i64,
    },
    /// Assign to `agent_id` only if nobody has the ticket.
    Take {
        number: i64,
        agent_id: String,
        at: i64,
    },
    /// The same changes on many tickets, each applied to the ticket as it is now.
    BulkSet {
        numbers: Vec<i64>,
        edits: Vec<TicketEdit>,
        at: i64,
    },
    /// A reply on each ticket (a macro filled in per ticket) with the same changes, each ticket in one transaction.
    BulkReply {
        replies: Vec<(i64, String)>,
        author_id: Option<String>,
        edits: Vec<TicketEdit>,
        at: i64,
    },
    RecordFollowUp {
        number: i64,
        outcome: FollowUpOutcome,
        /// The call's note (and the call script read).
        note: String,
        at: i64,
    },
    RecordSurvey {
        number: i64,
        survey: SurveyResponse,
        at: i64,
    },
    /// Keep a reply or note as this agent's draft on the ticket (postponed from the review screen).
    SaveDraft {
        number: i64,
        internal: bool,
        body: String,
        macro_name: Option<String>,
        article: Option<(String, Insert)>,
        /// The review screen's choice to mail it on a ticket that did not come by mail.
        by_mail: bool,
        at: i64,
    },
    DeleteDraft {
        number: i64,
    },
    /// Reverse this agent's last action on tickets if it is at most `window` seconds old.
    Undo {
        window: i64,
        at: i64,
    },
}

/// A reply or internal note, with the changes a macro applies alongside it (in the same transaction).
#[derive(Debug, Clone, PartialEq)]
pub struct AddMessage {
    pub number: i64,
    pub author_id: Option<String>,
    pub internal: bool,
    pub body: String,
    pub edits: Vec<TicketEdit>,
    /// The ticket's change-log position when the editor opened: a customer message or another agent's reply
    /// logged after it holds the reply back ([`TicketResponse::Collision`]). `None` sends regardless.
    pub since: Option<i64>,
    /// Mail this public reply to the customer although the ticket did not come by mail.
    pub by_mail: bool,
    /// This public reply proposes a solution (the first-solution clock).
    pub solution: bool,
    pub at: i64,
}

/// Whose ticket a new one is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewTicketCustomer {
    Existing(String),
    /// Created with the ticket from these fields (a name at least).
    New(Vec<CustomerEdit>),
}

impl TicketRequest {
    pub fn class(&self) -> Class {
        match self {
            TicketRequest::Counts => Class::Latest(Slot::Counts),
            TicketRequest::ViewCounts { .. } => Class::Latest(Slot::ViewCounts),
            TicketRequest::Page { req, .. } => match req {
                PageRequest::First | PageRequest::Last => Class::Latest(Slot::TicketPage),
                // The next page depends on the previous one's cursor.
                PageRequest::After(_) | PageRequest::Before(_) => Class::Keep,
            },
            TicketRequest::Count { .. } => Class::Latest(Slot::TicketCount),
            TicketRequest::Detail { .. } => Class::Latest(Slot::Ticket),
            TicketRequest::History { .. } => Class::Latest(Slot::TicketHistory),
            // A newer filter replaces the one being checked.
            TicketRequest::CheckFilter { .. } => Class::Latest(Slot::FilterCheck),
            TicketRequest::Search { .. } => Class::Latest(Slot::Search),
            // Rows of different tickets: one request does not stand for another.
            TicketRequest::Rows { .. } => Class::Keep,
            // The agent asked to open this very file.
            TicketRequest::Attachment { .. } => Class::Keep,
            TicketRequest::MergePreview { .. } => Class::Latest(Slot::MergePreview),
            TicketRequest::Set { .. }
            | TicketRequest::AddMessage(_)
            | TicketRequest::Create { .. }
            | TicketRequest::Merge { .. }
            | TicketRequest::Link { .. }
            | TicketRequest::Take { .. }
            | TicketRequest::BulkSet { .. }
            | TicketRequest::BulkReply { .. }
            | TicketRequest::RecordFollowUp { .. }
            | TicketRequest::RecordSurvey { .. }
            | TicketRequest::SaveDraft { .. }
            | TicketRequest::DeleteDraft { .. }
            | TicketRequest::Undo { .. } => Class::Write,
        }
    }
}

/// What a ticket write did, for `update` to put into words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketChange {
    Saved,
    Replied,
    Noted,
    Merged { into: i64 },
    Linked { to: i64 },
    Taken,
    FollowUp(FollowUpOutcome),
    Survey,
    DraftSaved,
    DraftDiscarded,
}

impl TicketChange {
    /// The thread grew at its end.
    pub fn added_message(self) -> bool {
        matches!(
            self,
            TicketChange::Replied | TicketChange::Noted | TicketChange::FollowUp(_)
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TicketResponse {
    Counts(Counts),
    ViewCounts(Vec<i64>),
    Page {
        generation: u64,
        req: PageRequest,
        page: Page<TicketRow>,
    },
    Count {
        generation: u64,
        count: i64,
    },
    Detail {
        number: i64,
        detail: Option<Box<TicketDetail>>,
    },
    History {
        number: i64,
        rows: Vec<ChangeRow>,
    },
    /// An attachment and its bytes; `None` when it is no longer there.
    Attachment {
        id: String,
        content: Option<Box<(AttachmentRow, Vec<u8>)>>,
    },
    /// The names in filter `text` were checked: `error` points at one nobody has.
    FilterChecked {
        text: String,
        error: Option<crate::domain::query::ParseError>,
    },
    SearchHits {
        query: String,
        hits: Vec<SearchHit>,
    },
    Rows(Vec<TicketRow>),
    /// A write finished, or was refused (nothing written).
    Written {
        number: i64,
        change: TicketChange,
        result: Outcome,
    },
    /// An edit met a newer version: nothing was written; `notes` are the changes it missed.
    Conflict {
        number: i64,
        notes: Vec<crate::domain::team::ChangeNote>,
        edits: Vec<TicketEdit>,
    },
    /// A reply was held back because the thread moved on while it was written; `retry` sends it anyway.
    Collision {
        number: i64,
        news: Vec<crate::store::team::NewMessage>,
        seen: i64,
        retry: Box<AddMessage>,
    },
    Created(Outcome<i64>),
    /// A bulk change finished: how many tickets took it, and why the others did not.
    BulkDone {
        done: usize,
        refused: Vec<(i64, Refusal)>,
    },
    Undone(Outcome<crate::store::Undone>),
    MergePreview {
        source: Option<TicketBrief>,
        target: Option<TicketBrief>,
        /// The numbers asked for (a missing ticket has no brief).
        asked: (i64, i64),
    },
}

/// A ticket in a sentence: what a confirmation shows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketBrief {
    pub number: i64,
    pub subject: crate::domain::text::SafeText,
    pub customer: Option<crate::domain::text::SafeText>,
    pub customer_id: Option<String>,
    pub status: crate::domain::ticket::Status,
}
