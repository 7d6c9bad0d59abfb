//! What is wrong with a view-language text, as data: which problem, its values, and the column it is at. The
//! domain decides the problem; the interface words it in the reader's language (`i18n::query_words`). `Display`
//! is the English the CLI, config errors and logs have always written.

use super::UnknownValue;

/// A view-language text desk cannot read, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {problem}")]
pub struct ParseError {
    /// 1-based character column in the query text.
    pub column: usize,
    pub problem: Problem,
}

impl ParseError {
    pub fn at(column: usize, problem: Problem) -> ParseError {
        ParseError { column, problem }
    }
}

/// The ticket views' sort keys, in the order the error lists them.
pub const TICKET_SORTS: &str = "updated, created, solved, number, due, followup or priority";
/// The customer views' sort keys.
pub const CUSTOMER_SORTS: &str = "updated, risk, created, expiry or due";

/// One problem with a view-language text. Values are the text as typed (a field, a value, a key); lists of what
/// desk accepts are machine words and read the same in every language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("unclosed quote")]
    UnclosedQuote,
    #[error("empty value")]
    EmptyValue,
    #[error("`{field}:` needs a value")]
    NeedsValue { field: String },
    #[error("unknown field `{field}` (fields: {})", .fields.join(", "))]
    UnknownField {
        field: String,
        fields: Vec<&'static str>,
    },
    #[error("unknown customer field `{field}` (fields: {})", .fields.join(", "))]
    UnknownCustomerField {
        field: String,
        fields: &'static [&'static str],
    },
    /// A word none of a closed set's values (a status, a tier …).
    #[error("{0}")]
    Unknown(UnknownValue),
    #[error("`{0}` is not an agent handle")]
    NotAHandle(String),
    /// `priority:<urgent`: a comparison no priority passes.
    #[error("no priority is {op}{value}")]
    NoPriority { op: &'static str, value: String },
    #[error("`{0}` is not a date (write YYYY-MM-DD, like 2026-11-18)")]
    NotADate(String),
    #[error("`{0}` ends before it starts")]
    EndsBeforeStarts(String),
    #[error(
        "`{0}`: ages start with < (newer than) or > (older than), like <7d, or are dates like 2026-11-18"
    )]
    NotAnAge(String),
    #[error("`{0}` is not a duration (like 30m, 4h, 7d, 2w)")]
    NotADuration(String),
    #[error("cannot sort by `{0}` (sort by {TICKET_SORTS}; - for newest / largest first)")]
    TicketSort(String),
    #[error("cannot sort customers by `{0}` (sort by {CUSTOMER_SORTS})")]
    CustomerSort(String),
    /// `warranty:` takes an expiry window or `expired`.
    #[error("`warranty:{0}`: use warranty:<30d (expiring) or warranty:expired")]
    WarrantyValue(String),
    /// `care:` takes a window ahead.
    #[error("`care:{0}`: use care:<7d")]
    CareValue(String),
    #[error(
        "`sort:expiry` orders by the warranty a `warranty:` term selects: add warranty:<30d or warranty:expired"
    )]
    ExpiryNeedsWarranty,
    #[error("`sort:due` orders by the care task a `care:` term selects: add care:<7d")]
    DueNeedsCare,
    /// An agent or group the database does not have; `known` is a sample of those it has (with `…` when cut).
    #[error("{}", no_such(*.kind, .value, .known))]
    NoSuch {
        kind: NameKind,
        value: String,
        known: Vec<String>,
    },
}

/// What a filter names that must exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Agent,
    Group,
}

impl NameKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Agent => "agent",
            NameKind::Group => "group",
        }
    }
}

fn no_such(kind: NameKind, value: &str, known: &[String]) -> String {
    let what = kind.as_str();
    if known.is_empty() {
        format!("no {what} `{value}` (there are no {what}s yet)")
    } else {
        format!("no {what} `{value}` ({what}s: {})", known.join(", "))
    }
}

impl From<UnknownValue> for Problem {
    fn from(e: UnknownValue) -> Problem {
        Problem::Unknown(e)
    }
}

impl From<std::convert::Infallible> for Problem {
    fn from(e: std::convert::Infallible) -> Problem {
        match e {}
    }
}
