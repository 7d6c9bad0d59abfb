//! Knowledge-base requests: categories, lists, articles, search, suggestions for a ticket, and article writes.

use super::{Class, Outcome, Slot};
use crate::domain::kb::{ArticleDoc, ArticleStatus, Insert};
use crate::domain::view::PageRequest;
use crate::store::kb::{Article, ArticleFilter, ArticleRow, CategoryRow};
use crate::store::kb_search::{KbHit, Suggestion};
use crate::store::{ChangeRow, Page};

/// Most search hits the knowledge-base pane shows: as many hits as this may mean more.
pub const SEARCH_LIMIT: usize = 100;

#[derive(Debug, Clone, PartialEq)]
pub enum KbRequest {
    Categories,
    Page {
        generation: u64,
        filter: ArticleFilter,
        req: PageRequest,
        limit: usize,
    },
    /// How long the article list of `generation` is.
    Count {
        generation: u64,
        filter: ArticleFilter,
    },
    Article {
        id: String,
        /// Opened in the reader: counts as a view (a write), not only a fetch.
        count_view: bool,
    },
    /// Ranked search with snippets for the knowledge-base pane.
    Search {
        query: String,
        statuses: Vec<ArticleStatus>,
    },
    /// Articles like ticket `number`, for the ticket pane.
    Suggestions {
        number: i64,
        limit: usize,
    },
    History {
        id: String,
    },
    Save {
        doc: Box<ArticleDoc>,
        expected_version: Option<i64>,
        at: i64,
    },
    SetStatus {
        id: String,
        status: ArticleStatus,
        at: i64,
    },
    Vote {
        id: String,
        helpful: bool,
        at: i64,
    },
    /// The article went into a reply on ticket `number`.
    Used {
        id: String,
        number: i64,
        how: Insert,
        at: i64,
    },
}

impl KbRequest {
    pub fn class(&self) -> Class {
        match self {
            KbRequest::Categories => Class::Latest(Slot::Categories),
            KbRequest::Page { req, .. } => match req {
                PageRequest::First | PageRequest::Last => Class::Latest(Slot::ArticlePage),
                PageRequest::After(_) | PageRequest::Before(_) => Class::Keep,
            },
            KbRequest::Count { .. } => Class::Latest(Slot::ArticleCount),
            // Opening an article in the reader counts a view: that is a write like any other.
            KbRequest::Article {
                count_view: true, ..
            } => Class::Write,
            KbRequest::Article {
                count_view: false, ..
            } => Class::Latest(Slot::Article),
            KbRequest::Search { .. } => Class::Latest(Slot::KbSearch),
            KbRequest::Suggestions { .. } => Class::Latest(Slot::Suggestions),
            KbRequest::History { .. } => Class::Latest(Slot::ArticleHistory),
            KbRequest::Save { .. }
            | KbRequest::SetStatus { .. }
            | KbRequest::Vote { .. }
            | KbRequest::Used { .. } => Class::Write,
        }
    }
}

/// What an article write did, for `update` to put into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleOutcome {
    Created(ArticleStatus),
    /// These fields changed (none: the article already said so).
    Saved(Vec<String>),
    Status(ArticleStatus),
}

#[derive(Debug, Clone, PartialEq)]
pub enum KbResponse {
    Categories(Vec<CategoryRow>),
    Page {
        generation: u64,
        req: PageRequest,
        page: Page<ArticleRow>,
    },
    Count {
        generation: u64,
        count: i64,
    },
    Article {
        id: String,
        article: Option<Box<Article>>,
    },
    Hits {
        query: String,
        hits: Vec<KbHit>,
    },
    Suggestions {
        number: i64,
        rows: Vec<Suggestion>,
    },
    History {
        id: String,
        rows: Vec<ChangeRow>,
    },
    /// An article write finished (`id`: the article to show).
    Saved {
        id: String,
        result: Outcome<ArticleOutcome>,
    },
    /// A vote counted: the article's totals now.
    Voted {
        id: String,
        helpful: bool,
        result: Outcome<(i64, i64)>,
    },
    Used(Outcome),
}
