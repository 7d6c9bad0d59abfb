//! Messages into `update`, effects out of it, and the requests/answers exchanged with the store worker.

use super::keys::Key;
use crate::domain::view::{PageRequest, TicketFilter};
use crate::store::agents::AgentRow;
use crate::store::customers::{CustomerDetail, CustomerRow};
use crate::store::kb::{Article, ArticleFilter, ArticleRow, CategoryRow};
use crate::store::ticket_write::TicketEdit;
use crate::store::tickets::{TicketDetail, TicketRow};
use crate::store::{ChangeRow, Counts, Page};

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(Key),
    Mouse(Mouse),
    Resize(u16, u16),
    /// The clock moved (unix seconds); also expires toasts.
    Tick(i64),
    Loaded(Response),
    /// The external editor closed; `text` is what was saved (None: it could not run).
    Edited {
        purpose: EditPurpose,
        text: Option<String>,
    },
}

/// What a text opened in `$EDITOR` is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditPurpose {
    Reply {
        number: i64,
    },
    Note {
        number: i64,
    },
    /// A reply started from macro `index`; its changes apply when the reply is sent.
    Macro {
        number: i64,
        index: usize,
    },
    /// The first message of the ticket in the new-ticket form.
    NewTicket,
    /// The notes of the customer in `Customers::editing`.
    CustomerNotes,
    /// The profile form of the customer in `Customers::editing`.
    CustomerProfile,
    /// The profile form of a customer to create.
    NewCustomer,
    /// The article in `Kb::editing`, as a file with front matter.
    ArticleEdit,
    /// A new article.
    NewArticle,
    /// A reply to ticket `number` that starts with the article in `TicketPane::inserting`.
    KbReply {
        number: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    Click,
    ScrollUp,
    ScrollDown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

/// What `update` asks the outside world to do. Effects are data; the runtime carries them out.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Load(Request),
    /// Suspend the terminal and open `template` in `$VISUAL`/`$EDITOR`; answer with [`Msg::Edited`].
    Edit {
        purpose: EditPurpose,
        template: String,
    },
    Quit,
}

/// The paged lists of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Queue,
    Customers,
    Articles,
}

/// A read the store worker answers with a [`Response`].
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// `PRAGMA data_version`: cheap; changes when another connection commits.
    DataVersion,
    /// The dashboard's report: measure what is unmeasured, aggregate, build (answered with `Response::Dashboard`).
    Dashboard {
        query: Box<crate::store::metrics::MetricsQuery>,
        rules: Box<crate::domain::metrics::MetricsRules>,
    },
    Counts,
    ViewCounts {
        filters: Vec<TicketFilter>,
        me: Option<String>,
    },
    TicketPage {
        generation: u64,
        filter: Box<TicketFilter>,
        me: Option<String>,
        req: PageRequest,
        limit: usize,
    },
    Ticket {
        number: i64,
        /// The clocks are computed at this moment (update's `now`).
        at: i64,
    },
    CustomerPage {
        generation: u64,
        filter: Box<crate::domain::customer_view::CustomerFilter>,
        req: PageRequest,
        limit: usize,
    },
    Customer {
        id: String,
    },
    Categories,
    ArticlePage {
        generation: u64,
        filter: ArticleFilter,
        req: PageRequest,
        limit: usize,
    },
    Article {
        id: String,
        /// Opened in the reader (counts as a view), not only fetched.
        count_view: bool,
    },
    /// Ranked search with snippets for the knowledge-base pane.
    KbSearch {
        query: String,
        statuses: Vec<crate::domain::kb::ArticleStatus>,
    },
    /// Articles like ticket `number`, for the ticket pane.
    Suggestions {
        number: i64,
        limit: usize,
    },
    ArticleHistory {
        id: String,
    },
    /// Knowledge-base writes, answered with [`Response::ArticleSaved`] (votes with [`Response::Voted`]).
    SaveArticle {
        doc: Box<crate::domain::kb::ArticleDoc>,
        expected_version: Option<i64>,
        at: i64,
    },
    SetArticleStatus {
        id: String,
        status: crate::domain::kb::ArticleStatus,
        at: i64,
    },
    VoteArticle {
        id: String,
        helpful: bool,
        at: i64,
    },
    /// The article went into a reply on ticket `number`.
    ArticleUsed {
        id: String,
        number: i64,
        how: crate::domain::kb::Insert,
        at: i64,
    },
    /// Active agents, for the assignee picker.
    Agents,
    Groups,
    /// The change log of one ticket.
    History {
        number: i64,
    },
    /// Writes: never dropped or merged, answered with [`Response::Written`].
    SetTicket {
        number: i64,
        edits: Vec<TicketEdit>,
        expected_version: i64,
        /// The ticket's change-log position the agent's edit was based on: on a conflict the changes after it
        /// are what the agent is shown (answered with [`Response::Conflict`]).
        base_seq: i64,
        /// When the agent acted (update's `now`), so the log records the moment of the action.
        at: i64,
    },
    /// Full-text search for the queue pane.
    Search {
        query: String,
        relevance: bool,
    },
    /// A few customers matching typed text, for the new-ticket form.
    CustomerSearch {
        text: String,
    },
    /// A customer's products, for the new-ticket form.
    Products {
        customer_id: String,
    },
    CreateTicket {
        /// Empty when `new_customer` is to be created first.
        customer_id: String,
        /// (name, email) of a customer created with the ticket.
        new_customer: Option<(String, Option<String>)>,
        product_id: Option<String>,
        subject: String,
        kind: crate::domain::ticket::Kind,
        channel: crate::domain::ticket::Channel,
        priority: crate::domain::ticket::Priority,
        body: String,
        at: i64,
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
    /// The same changes on many tickets, each applied to the ticket as it is now; answered with
    /// [`Response::BulkDone`].
    BulkSet {
        numbers: Vec<i64>,
        edits: Vec<TicketEdit>,
        at: i64,
    },
    /// A reply on each ticket (a macro filled in per ticket), then the same changes.
    BulkReply {
        replies: Vec<(i64, String)>,
        author_id: Option<String>,
        edits: Vec<TicketEdit>,
        at: i64,
    },
    AddMessage {
        number: i64,
        author_id: Option<String>,
        internal: bool,
        body: String,
        /// Changes applied with the message (a macro's actions).
        edits: Vec<TicketEdit>,
        /// The ticket's change-log position when the editor opened: a customer message or another agent's reply
        /// logged after it holds the reply back ([`Response::Collision`]). `None` sends regardless.
        since: Option<i64>,
        at: i64,
    },
    /// Change-log entries after `seq` (`None`: only where the log ends now), for live refresh.
    ChangesSince {
        seq: Option<i64>,
    },
    /// Current list rows of these tickets, to patch a visible list in place.
    TicketRows {
        numbers: Vec<i64>,
    },
    /// The agent's presence: viewing or replying on ticket `number`, or gone (`None`). Answered with the others
    /// on that ticket.
    Heartbeat {
        number: i64,
        activity: Option<crate::domain::team::Activity>,
        at: i64,
    },
    /// Who else is on ticket `number` (read only: a write here would echo between agents).
    PresenceOn {
        number: i64,
        at: i64,
    },
    RecordFollowUp {
        number: i64,
        outcome: crate::domain::service_loop::FollowUpOutcome,
        at: i64,
    },
    RecordSurvey {
        number: i64,
        survey: crate::domain::service_loop::SurveyResponse,
        at: i64,
    },
    /// The periodic SLA pass (escalations, auto-close, a slice of stale clocks) and the escalations since the
    /// agent last looked; answered with [`Response::SlaChecked`].
    SlaCheck {
        handle: Option<String>,
        at: i64,
    },
    /// The agent looked at the escalation list.
    EscalationsSeen {
        handle: Option<String>,
        at: i64,
    },
    /// Writes to customers, answered with [`Response::CustomerSaved`].
    EditCustomer {
        id: String,
        expected_version: i64,
        edits: Vec<crate::store::customer_write::CustomerEdit>,
        at: i64,
    },
    CreateCustomer {
        edits: Vec<crate::store::customer_write::CustomerEdit>,
        at: i64,
    },
    MergeCustomers {
        from: String,
        into: String,
        at: i64,
    },
    CareDone {
        customer_id: String,
        task_id: String,
        at: i64,
    },
    /// Customers sharing an email or phone with this one.
    CustomerDuplicates {
        id: String,
    },
}

impl Request {
    /// Requests in the same slot supersede each other: a worker that falls behind (fast typing in a filter, key
    /// repeat) answers only the newest one per slot.
    pub fn slot(&self) -> std::mem::Discriminant<Request> {
        std::mem::discriminant(self)
    }

    /// The paged list a request fills, with its generation: a failure must unblock that list.
    pub fn list(&self) -> Option<(ListKind, u64)> {
        match self {
            Request::TicketPage { generation, .. } => Some((ListKind::Queue, *generation)),
            Request::CustomerPage { generation, .. } => Some((ListKind::Customers, *generation)),
            Request::ArticlePage { generation, .. } => Some((ListKind::Articles, *generation)),
            _ => None,
        }
    }

    /// Page requests that depend on the previous page's cursor must not be dropped for a newer one.
    pub fn supersedable(&self) -> bool {
        !matches!(
            self,
            Request::SetTicket { .. }
                | Request::AddMessage { .. }
                | Request::RecordFollowUp { .. }
                | Request::RecordSurvey { .. }
                | Request::EscalationsSeen { .. }
                | Request::EditCustomer { .. }
                | Request::CreateCustomer { .. }
                | Request::MergeCustomers { .. }
                | Request::CareDone { .. }
                | Request::SaveArticle { .. }
                | Request::SetArticleStatus { .. }
                | Request::VoteArticle { .. }
                | Request::ArticleUsed { .. }
        ) && !matches!(
            self,
            Request::TicketPage {
                req: PageRequest::After(_) | PageRequest::Before(_),
                ..
            } | Request::CustomerPage {
                req: PageRequest::After(_) | PageRequest::Before(_),
                ..
            } | Request::ArticlePage {
                req: PageRequest::After(_) | PageRequest::Before(_),
                ..
            }
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    DataVersion(i64),
    Changes(crate::store::team::ChangeFeed),
    TicketRows(Vec<TicketRow>),
    Presence {
        number: i64,
        others: Vec<crate::domain::team::Presence>,
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
        retry: Box<Request>,
    },
    Dashboard(Box<crate::domain::metrics_report::Report>),
    Counts(Counts),
    ViewCounts(Vec<i64>),
    TicketPage {
        generation: u64,
        req: PageRequest,
        page: Page<TicketRow>,
    },
    Ticket {
        number: i64,
        detail: Option<Box<TicketDetail>>,
    },
    CustomerPage {
        generation: u64,
        req: PageRequest,
        page: Page<CustomerRow>,
    },
    Customer {
        id: String,
        detail: Option<Box<CustomerDetail>>,
    },
    Categories(Vec<CategoryRow>),
    ArticlePage {
        generation: u64,
        req: PageRequest,
        page: Page<ArticleRow>,
    },
    Article {
        id: String,
        article: Option<Box<Article>>,
    },
    KbHits {
        query: String,
        hits: Vec<crate::store::kb_search::KbHit>,
    },
    Suggestions {
        number: i64,
        rows: Vec<crate::store::kb_search::Suggestion>,
    },
    ArticleHistory {
        id: String,
        rows: Vec<ChangeRow>,
    },
    /// A knowledge-base write finished (`id`: the article to show); `error` says why it was not applied.
    ArticleSaved {
        id: String,
        what: String,
        error: Option<String>,
    },
    Voted {
        id: String,
        helpful: bool,
        up: i64,
        down: i64,
    },
    Agents(Vec<AgentRow>),
    Groups(Vec<crate::store::agents::GroupRow>),
    History {
        number: i64,
        rows: Vec<ChangeRow>,
    },
    /// A write finished: `error` is what went wrong (None: applied); `conflict` when someone changed it first.
    Written {
        number: i64,
        what: String,
        error: Option<String>,
        conflict: bool,
        /// A message was added (the thread grew at the end).
        message: bool,
    },
    SearchHits {
        query: String,
        hits: Vec<crate::store::search::SearchHit>,
    },
    CustomerMatches {
        text: String,
        rows: Vec<CustomerRow>,
    },
    Products {
        customer_id: String,
        products: Vec<(String, crate::domain::text::SafeText)>,
    },
    Created {
        number: i64,
        error: Option<String>,
    },
    /// A bulk change finished: how many tickets took it, and why the others did not.
    BulkDone {
        done: usize,
        refused: Vec<String>,
    },
    /// A write that changes nothing on screen is done.
    Ack,
    SlaChecked {
        /// Escalations since the agent last looked, newest first.
        feed: Vec<crate::store::sla_run::Escalated>,
        /// Tickets this pass closed or escalated (lists and counts need a reload).
        changed: bool,
    },
    /// A customer write finished (`id`: the customer to show); `error` says why it was not applied.
    CustomerSaved {
        id: String,
        what: String,
        error: Option<String>,
    },
    CustomerDuplicates {
        id: String,
        rows: Vec<CustomerRow>,
    },
    /// A request failed; the text is shown to the user, and the list it was filling (if any) may ask again.
    Failed {
        list: Option<(ListKind, u64)>,
        error: String,
    },
}
