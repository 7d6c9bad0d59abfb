//! Customer requests: the list, a profile, look-ups for the new-ticket form, and customer writes.

use super::{Class, Outcome, Slot};
use crate::domain::customer_view::CustomerFilter;
use crate::domain::text::SafeText;
use crate::domain::view::PageRequest;
use crate::store::Page;
use crate::store::customer_write::CustomerEdit;
use crate::store::customers::{CustomerDetail, CustomerRow};

#[derive(Debug, Clone, PartialEq)]
pub enum CustomerRequest {
    Page {
        generation: u64,
        filter: Box<CustomerFilter>,
        req: PageRequest,
        limit: usize,
    },
    /// How long the list of `generation` is.
    Count {
        generation: u64,
        filter: Box<CustomerFilter>,
    },
    Detail {
        id: String,
    },
    /// A few customers matching typed text, for the new-ticket form.
    Matches {
        text: String,
    },
    /// A customer's products, for the new-ticket form.
    Products {
        customer_id: String,
    },
    /// Customers sharing an email or phone with this one.
    Duplicates {
        id: String,
    },
    Edit {
        id: String,
        expected_version: i64,
        edits: Vec<CustomerEdit>,
        at: i64,
    },
    Create {
        edits: Vec<CustomerEdit>,
        at: i64,
    },
    Merge {
        from: String,
        into: String,
        at: i64,
    },
    CareDone {
        customer_id: String,
        task_id: String,
        at: i64,
    },
}

impl CustomerRequest {
    pub fn class(&self) -> Class {
        match self {
            CustomerRequest::Page { req, .. } => match req {
                PageRequest::First | PageRequest::Last => Class::Latest(Slot::CustomerPage),
                PageRequest::After(_) | PageRequest::Before(_) => Class::Keep,
            },
            CustomerRequest::Count { .. } => Class::Latest(Slot::CustomerCount),
            CustomerRequest::Detail { .. } => Class::Latest(Slot::Customer),
            CustomerRequest::Matches { .. } => Class::Latest(Slot::CustomerMatches),
            CustomerRequest::Products { .. } => Class::Latest(Slot::Products),
            CustomerRequest::Duplicates { .. } => Class::Latest(Slot::CustomerDuplicates),
            CustomerRequest::Edit { .. }
            | CustomerRequest::Create { .. }
            | CustomerRequest::Merge { .. }
            | CustomerRequest::CareDone { .. } => Class::Write,
        }
    }
}

/// What a customer write did, for `update` to put into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerOutcome {
    /// These fields changed (none: the profile already said so).
    Edited(Vec<&'static str>),
    Created,
    Merged {
        tickets: usize,
        products: usize,
        orders: usize,
    },
    CareDone,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CustomerResponse {
    Page {
        generation: u64,
        req: PageRequest,
        page: Page<CustomerRow>,
    },
    Count {
        generation: u64,
        count: i64,
    },
    Detail {
        id: String,
        detail: Option<Box<CustomerDetail>>,
    },
    Matches {
        text: String,
        rows: Vec<CustomerRow>,
    },
    Products {
        customer_id: String,
        products: Vec<(String, SafeText)>,
    },
    Duplicates {
        id: String,
        rows: Vec<CustomerRow>,
    },
    /// A customer write finished (`id`: the customer to show; empty when none was created).
    Saved {
        id: String,
        result: Outcome<CustomerOutcome>,
    },
}
