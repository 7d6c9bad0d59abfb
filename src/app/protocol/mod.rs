//! The worker protocol: what `update` asks of the store and what comes back, split by area (tickets, customers,
//! knowledge base, team, service, field). Each area classifies its requests in one exhaustive `match`: a read that a
//! newer read of the same slot makes obsolete, a read that must be answered, or a write. Only the first kind is
//! ever dropped, so a write added later cannot be coalesced away by accident — the compiler asks for its class.
//!
//! Answers carry typed outcomes (what was done, or why not); `update` chooses the words.

pub mod customers;
pub mod field;
pub mod kb;
pub mod plans;
pub mod qa;
pub mod service;
pub mod sync;
pub mod team;
pub mod tickets;

pub use customers::{CustomerOutcome, CustomerRequest, CustomerResponse};
pub use field::{FieldRequest, FieldResponse};
pub use kb::{ArticleOutcome, KbRequest, KbResponse};
pub use plans::{PlanRequest, PlanResponse};
pub use qa::{QaRequest, QaResponse};
pub use service::{ServiceRequest, ServiceResponse};
pub use sync::{SyncRequest, SyncResponse};
pub use team::{TeamRequest, TeamResponse};
pub use tickets::{AddMessage, NewTicketCustomer, TicketChange, TicketRequest, TicketResponse};

use crate::i18n::Locale;
use crate::store::StoreError;
use std::fmt;

/// The paged lists of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Queue,
    Customers,
    Articles,
    Plans,
}

/// A request to the store worker, answered with one [`Response`].
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Tickets(TicketRequest),
    Customers(CustomerRequest),
    Kb(KbRequest),
    Team(TeamRequest),
    Service(ServiceRequest),
    Sync(SyncRequest),
    Field(FieldRequest),
    Qa(QaRequest),
    Plans(PlanRequest),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    Tickets(TicketResponse),
    Customers(CustomerResponse),
    Kb(KbResponse),
    Team(TeamResponse),
    Service(ServiceResponse),
    Sync(SyncResponse),
    Field(FieldResponse),
    Qa(QaResponse),
    Plans(PlanResponse),
    /// A request failed as a whole; the list it was filling (if any) may ask again.
    Failed {
        list: Option<(ListKind, u64)>,
        error: Refusal,
    },
}

/// How the worker may treat a queued request when it falls behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A read whose answer a newer read of the same slot replaces (typing in a filter, key repeat).
    Latest(Slot),
    /// A read that must be answered: a page continuing from a cursor, row patches for particular tickets.
    Keep,
    /// Changes data: never dropped, never merged, answered in order.
    Write,
}

/// What a superseding read fills; two reads of one slot ask for the same place on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Counts,
    ViewCounts,
    TicketPage,
    TicketCount,
    Ticket,
    TicketHistory,
    Search,
    CustomerPage,
    CustomerCount,
    Customer,
    CustomerMatches,
    Products,
    CustomerDuplicates,
    Categories,
    ArticlePage,
    ArticleCount,
    Article,
    KbSearch,
    Suggestions,
    ArticleHistory,
    DataVersion,
    Changes,
    Presence,
    Agents,
    Groups,
    Dashboard,
    MergePreview,
    FilterCheck,
    Conflicts,
    Schedule,
    Qa,
    PlanPage,
    PlanIndicators,
    PlanHistory,
}

impl Request {
    pub fn class(&self) -> Class {
        match self {
            Request::Tickets(r) => r.class(),
            Request::Customers(r) => r.class(),
            Request::Kb(r) => r.class(),
            Request::Team(r) => r.class(),
            Request::Service(r) => r.class(),
            Request::Sync(r) => r.class(),
            Request::Field(r) => r.class(),
            Request::Qa(r) => r.class(),
            Request::Plans(r) => r.class(),
        }
    }

    /// Whether the background worker answers it (see `runtime::workers`); everything else is interactive.
    pub fn is_background(&self) -> bool {
        match self {
            Request::Service(r) => r.is_background(),
            Request::Plans(r) => r.is_background(),
            _ => false,
        }
    }

    /// The paged list a request fills, with its generation: a failure must unblock that list.
    pub fn list(&self) -> Option<(ListKind, u64)> {
        match self {
            Request::Tickets(TicketRequest::Page { generation, .. }) => {
                Some((ListKind::Queue, *generation))
            }
            Request::Customers(CustomerRequest::Page { generation, .. }) => {
                Some((ListKind::Customers, *generation))
            }
            Request::Kb(KbRequest::Page { generation, .. }) => {
                Some((ListKind::Articles, *generation))
            }
            Request::Plans(PlanRequest::Page { generation, .. }) => {
                Some((ListKind::Plans, *generation))
            }
            _ => None,
        }
    }
}

macro_rules! into_request {
    ($($area:ident => $variant:ident),*) => {$(
        impl From<$area> for Request {
            fn from(r: $area) -> Request {
                Request::$variant(r)
            }
        }
    )*};
}
into_request!(TicketRequest => Tickets, CustomerRequest => Customers, KbRequest => Kb, TeamRequest => Team,
    ServiceRequest => Service, SyncRequest => Sync, FieldRequest => Field, QaRequest => Qa, PlanRequest => Plans);

/// Drops reads superseded by a newer read of the same slot; keeps everything else, in order.
pub fn coalesce(batch: Vec<Request>) -> Vec<Request> {
    coalesce_by(batch, Request::class)
}

/// [`coalesce`] over anything that has a class (the tests tag requests with their place in the batch).
fn coalesce_by<T>(batch: Vec<T>, class: impl Fn(&T) -> Class) -> Vec<T> {
    let mut keep: Vec<T> = Vec::with_capacity(batch.len());
    for item in batch {
        if let Class::Latest(slot) = class(&item) {
            keep.retain(|r| class(r) != Class::Latest(slot));
        }
        keep.push(item);
    }
    keep
}

/// Why the store did not do what was asked: kept as data so the app can branch on it and word it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub kind: RefusalKind,
    /// The store's own account of it, in English: what, where and what to do.
    pub text: String,
    /// The same in the Chinese locales, where the catalogues word it. Worded where the refusal is made, for every
    /// locale, because the worker that makes it does not know which one the interface speaks.
    pub words: Vec<(Locale, String)>,
}

impl Refusal {
    /// A refusal in English only (a rule's own words).
    pub fn new(kind: RefusalKind, text: impl Into<String>) -> Refusal {
        Refusal {
            kind,
            text: text.into(),
            words: Vec::new(),
        }
    }

    /// What to show in `locale`: its words there, else the English.
    pub fn said(&self, locale: Locale) -> String {
        self.words
            .iter()
            .find(|(l, _)| *l == locale)
            .map_or_else(|| self.text.clone(), |(_, w)| w.clone())
    }
}

/// The Chinese locales' words for a store error (English is its own text).
fn words(e: &StoreError, busy_waited: bool) -> Vec<(Locale, String)> {
    Locale::ALL
        .iter()
        .filter(|l| **l != Locale::En)
        .filter_map(|l| {
            let said = match busy_waited {
                true => Some(crate::i18n::tr(*l, "errors-busy-waited")),
                false => super::store_words::store_error(*l, e),
            };
            said.map(|w| (*l, w))
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalKind {
    /// Someone changed it first; nothing was written.
    Conflict,
    NotFound,
    /// A domain rule or a role said no.
    Rule,
    /// The file stayed locked by another writer.
    Busy,
    /// Anything else the database or file said.
    Storage,
}

impl From<&StoreError> for Refusal {
    fn from(e: &StoreError) -> Refusal {
        if let StoreError::Sqlite(inner) = e
            && StoreError::is_busy(inner)
        {
            // A read that waited out the busy timeout: nothing is wrong with the data.
            return Refusal {
                kind: RefusalKind::Busy,
                text: crate::i18n::tr(Locale::En, "errors-busy-waited"),
                words: words(e, true),
            };
        }
        let kind = match e {
            StoreError::Conflict { .. } => RefusalKind::Conflict,
            StoreError::NotFound { .. } => RefusalKind::NotFound,
            StoreError::Refused(_) | StoreError::Denied(_) | StoreError::UnknownField { .. } => {
                RefusalKind::Rule
            }
            StoreError::Busy { .. } | StoreError::InUse { .. } => RefusalKind::Busy,
            StoreError::MissingDirectory { .. }
            | StoreError::IsDirectory { .. }
            | StoreError::Permission { .. }
            | StoreError::MissingDatabase { .. }
            | StoreError::NotADatabase { .. }
            | StoreError::NewerSchema { .. }
            | StoreError::WalOnShare { .. }
            | StoreError::BadValue { .. }
            | StoreError::Io { .. }
            | StoreError::Sqlite(_) => RefusalKind::Storage,
        };
        Refusal {
            kind,
            text: e.to_string(),
            words: words(e, false),
        }
    }
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Refusal {
        Refusal::from(&e)
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A write's result as the protocol carries it.
pub type Outcome<T = ()> = Result<T, Refusal>;

/// The result of a store call, as the protocol carries it.
pub fn outcome<T>(r: crate::store::Result<T>) -> Outcome<T> {
    r.map_err(Refusal::from)
}

#[cfg(test)]
#[path = "coalesce_tests.rs"]
mod coalesce_tests;
