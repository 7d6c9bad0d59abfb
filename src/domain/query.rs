//! The view language, one parser for the queue's `/`, `desk ticket list --filter` and views in config:
//!
//! `status:open,pending priority:>=high assignee:me|none kind:complaint channel:email tag:vip
//!  customer:"Wang Fang" tier:diamond created:<7d updated:>2h sla:at-risk,breached due:<4h followup:due
//!  loop:solved complaint:investigating sort:-updated "free text"`
//!
//! Values of one field are alternatives (`,` or `|`); different fields must all hold. Ages are relative to `now`:
//! `created:<7d` is "created less than seven days ago". `sort:-updated` is newest first, `sort:updated` oldest
//! first: `-` is always largest first. Priorities count like P1, P2 (urgent is 0, low 3), so `sort:priority` is
//! most urgent first and `sort:-priority` least urgent first. Parse errors carry the 1-based column of the
//! offending text.

use super::UnknownValue;
use super::customer::Tier;
use super::service_loop::{ComplaintStage, LoopStage};
use super::ticket::{Channel, Kind, Priority, Status};
use super::ticket_fields::{self, TicketField};
use crate::str_enum;
use std::fmt;

str_enum!(
    /// A ticket's SLA state as views select it (the state of the clock its queue shows).
    SlaState {
        Ok = "ok",
        AtRisk = "at_risk",
        Breached = "breached",
        Paused = "paused",
    }
);

str_enum!(
    /// `followup:due` (the follow-up call is due now) or `followup:open` (one is scheduled).
    FollowUpState {
        Due = "due",
        Open = "open",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub clauses: Vec<Clause>,
    /// Free-text words and quoted phrases, matched as one phrase.
    pub text: Vec<String>,
    pub sort: Option<Sort>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    Status(Vec<Status>),
    Priority(Vec<Priority>),
    Assignee(Vec<Who>),
    Kind(Vec<Kind>),
    Channel(Vec<Channel>),
    Tier(Vec<Tier>),
    Tag(Vec<String>),
    Customer(String),
    /// The group (team) by name; `none` for tickets routed to no group.
    Group(String),
    /// A field of `ticket_fields` with a generic filter: its value contains this text.
    Field(TicketField, String),
    Created(Age),
    Updated(Age),
    Solved(Age),
    Sla(Vec<SlaState>),
    /// Due within (`<4h`, overdue included) or later than (`>1d`) this long from now.
    Due(Age),
    FollowUp(FollowUpState),
    Loop(Vec<LoopStage>),
    Complaint(Vec<ComplaintStage>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    Me,
    Nobody,
    Handle(String),
}

/// A relative age in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    /// Less than this long ago (`<7d`).
    Within(i64),
    /// More than this long ago (`>2h`).
    OlderThan(i64),
    /// On these local dates, both included (`2026-11-18`, `2026-11-01..2026-11-30`): what a dashboard drills into.
    Dates(chrono::NaiveDate, chrono::NaiveDate),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Updated,
    Created,
    Number,
    /// Solved time (only tickets that have one).
    Solved,
    /// SLA due time (only tickets with a running clock).
    Due,
    /// Follow-up due time (only tickets with a follow-up scheduled).
    FollowUp,
    /// The priority's rank, urgent 0 to low 3: ascending is most urgent first.
    Priority,
}

impl SortKey {
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Updated => "updated",
            SortKey::Created => "created",
            SortKey::Number => "number",
            SortKey::Solved => "solved",
            SortKey::Due => "due",
            SortKey::FollowUp => "followup",
            SortKey::Priority => "priority",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

pub use super::query_error::{NameKind, ParseError, Problem};

/// The fields with a clause of their own; the ticket fields with a generic filter come on top (see [`fields`]).
pub const FIELDS: &[&str] = &[
    "status",
    "priority",
    "assignee",
    "kind",
    "channel",
    "tier",
    "tag",
    "customer",
    "group",
    "created",
    "updated",
    "solved",
    "sla",
    "due",
    "followup",
    "loop",
    "complaint",
    "sort",
];

/// Every field the view language takes, for messages and completion.
pub fn fields() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = FIELDS.to_vec();
    all.extend(ticket_fields::filterable().map(|d| d.key));
    all
}

/// One token: its text and the column it starts at. A token that starts with a quote is free text even if it
/// holds a colon (`"note: call back"`).
pub(crate) struct Token {
    pub text: String,
    pub column: usize,
    pub starts_quoted: bool,
}

pub(crate) fn tokens(input: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut text = String::new();
        while i < chars.len() && !chars[i].is_whitespace() {
            if chars[i] == '"' {
                let open = i;
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    text.push(chars[i]);
                    i += 1;
                }
                if i == chars.len() {
                    return Err(ParseError::at(open + 1, Problem::UnclosedQuote));
                }
                i += 1;
            } else {
                text.push(chars[i]);
                i += 1;
            }
        }
        out.push(Token {
            text,
            column: start + 1,
            starts_quoted: chars[start] == '"',
        });
    }
    Ok(out)
}

/// A comma- or `|`-separated list; a part `parse` refuses is an error at that part's column, in its words.
pub(crate) fn list<T, E: Into<Problem>>(
    value: &str,
    column: usize,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Result<Vec<T>, ParseError> {
    let mut out = Vec::new();
    let mut offset = 0;
    for part in value.split([',', '|']) {
        if part.is_empty() {
            return Err(ParseError::at(column + offset, Problem::EmptyValue));
        }
        out.push(parse(part).map_err(|e| ParseError::at(column + offset, e.into()))?);
        offset += part.chars().count() + 1;
    }
    Ok(out)
}

/// Whether priority index `i` passes a comparison with index `p` (0 is the most urgent).
type Keep = fn(usize, usize) -> bool;

fn priorities(value: &str, column: usize) -> Result<Vec<Priority>, ParseError> {
    // Priority::ALL runs from most to least urgent; a comparison keeps the matching end of it.
    let ops: [(&str, Keep); 4] = [
        (">=", |i, p| i <= p),
        ("<=", |i, p| i >= p),
        (">", |i, p| i < p),
        ("<", |i, p| i > p),
    ];
    for (op, keep) in ops {
        if let Some(rest) = value.strip_prefix(op) {
            let p: Priority = parse_priority(rest)
                .map_err(|e: UnknownValue| ParseError::at(column + op.len(), e.into()))?;
            let pi = Priority::ALL.iter().position(|x| *x == p).unwrap_or(0);
            let chosen: Vec<Priority> = Priority::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| keep(*i, pi))
                .map(|(_, p)| *p)
                .collect();
            if chosen.is_empty() {
                return Err(ParseError::at(
                    column,
                    Problem::NoPriority {
                        op,
                        value: rest.to_string(),
                    },
                ));
            }
            return Ok(chosen);
        }
    }
    list(value, column, parse_priority)
}

/// The Chinese names the view language also takes (简体 and 繁體, as the interface shows them: `status:处理中`,
/// `priority:>=黄`); what is stored and printed stays English. `tests/i18n` checks these against the catalogues.
pub const STATUS_NAMES_ZH: [(&str, Status); 13] = [
    ("新建", Status::New),
    ("处理中", Status::Open),
    ("處理中", Status::Open),
    ("等待客户", Status::Pending),
    ("等待客戶", Status::Pending),
    ("挂起", Status::OnHold),
    ("掛起", Status::OnHold),
    ("已解决", Status::Solved),
    ("已解決", Status::Solved),
    ("已关闭", Status::Closed),
    ("已關閉", Status::Closed),
    ("已合并", Status::Merged),
    ("已合併", Status::Merged),
];

/// The four colours' Chinese names (简体 and 繁體) for `priority:`.
pub const PRIORITY_NAMES_ZH: [(&str, Priority); 8] = [
    ("红", Priority::Urgent),
    ("紅", Priority::Urgent),
    ("黄", Priority::High),
    ("黃", Priority::High),
    ("绿", Priority::Normal),
    ("綠", Priority::Normal),
    ("蓝", Priority::Low),
    ("藍", Priority::Low),
];

fn parse_status(s: &str) -> Result<Status, UnknownValue> {
    s.parse().or_else(|e| {
        STATUS_NAMES_ZH
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, v)| *v)
            .ok_or(e)
    })
}

fn parse_priority(s: &str) -> Result<Priority, UnknownValue> {
    s.parse().or_else(|e| {
        PRIORITY_NAMES_ZH
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, v)| *v)
            .ok_or(e)
    })
}

pub(crate) fn age(value: &str, column: usize) -> Result<Age, ParseError> {
    let err = |problem: Problem| ParseError::at(column, problem);
    if value.starts_with(|c: char| c.is_ascii_digit()) && value.contains('-') {
        let date = |t: &str| {
            chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map_err(|_| err(Problem::NotADate(t.to_string())))
        };
        let (a, b) = value.split_once("..").unwrap_or((value, value));
        let (from, to) = (date(a)?, date(b)?);
        if to < from {
            return Err(err(Problem::EndsBeforeStarts(value.to_string())));
        }
        return Ok(Age::Dates(from, to));
    }
    let (within, rest) = match value.chars().next() {
        Some('<') => (true, &value[1..]),
        Some('>') => (false, &value[1..]),
        _ => {
            return Err(err(Problem::NotAnAge(value.to_string())));
        }
    };
    let secs = duration(rest).ok_or_else(|| err(Problem::NotADuration(rest.to_string())))?;
    Ok(if within {
        Age::Within(secs)
    } else {
        Age::OlderThan(secs)
    })
}

/// `30m`, `4h`, `7d`, `2w` in seconds.
pub fn duration(s: &str) -> Option<i64> {
    let unit = s.chars().last()?;
    let n: i64 = s[..s.len() - unit.len_utf8()]
        .parse()
        .ok()
        .filter(|n| *n >= 0)?;
    let mult = match unit {
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        'w' => 7 * 86_400,
        _ => return None,
    };
    n.checked_mul(mult)
}

/// An `assignee:` value: `me`, `none` or a handle.
fn who(s: &str) -> Result<Who, Problem> {
    Ok(match s.to_ascii_lowercase().as_str() {
        "me" => Who::Me,
        "none" | "nobody" => Who::Nobody,
        h if h
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.') =>
        {
            Who::Handle(h.to_string())
        }
        _ => return Err(Problem::NotAHandle(s.to_string())),
    })
}

fn sort(value: &str, column: usize) -> Result<Sort, ParseError> {
    let (descending, key) = match value.strip_prefix('-') {
        Some(k) => (true, k),
        None => (false, value),
    };
    let keys = [
        SortKey::Updated,
        SortKey::Created,
        SortKey::Number,
        SortKey::Solved,
        SortKey::Due,
        SortKey::FollowUp,
        SortKey::Priority,
    ];
    let Some(key) = keys.into_iter().find(|k| k.as_str() == key) else {
        return Err(ParseError::at(column, Problem::TicketSort(key.to_string())));
    };
    Ok(Sort { key, descending })
}

pub fn parse(input: &str) -> Result<Query, ParseError> {
    let mut q = Query::default();
    for t in tokens(input)? {
        let field_end = t.text.find(':').filter(|_| !t.starts_quoted);
        let Some(colon) =
            field_end.filter(|i| *i > 0 && t.text[..*i].chars().all(|c| c.is_ascii_alphabetic()))
        else {
            q.text.push(t.text);
            continue;
        };
        let field = t.text[..colon].to_ascii_lowercase();
        let value = &t.text[colon + 1..];
        let vcol = t.column + colon + 1;
        if value.is_empty() {
            return Err(ParseError::at(vcol, Problem::NeedsValue { field }));
        }
        let clause = match field.as_str() {
            "status" => Clause::Status(list(value, vcol, parse_status)?),
            "priority" => Clause::Priority(priorities(value, vcol)?),
            "assignee" => Clause::Assignee(list(value, vcol, who)?),
            "kind" => Clause::Kind(list(value, vcol, |s| s.parse())?),
            "channel" => Clause::Channel(list(value, vcol, |s| s.parse())?),
            "tier" => Clause::Tier(list(value, vcol, |s| s.parse())?),
            "tag" => Clause::Tag(list(value, vcol, |s| {
                Ok::<_, std::convert::Infallible>(s.to_lowercase())
            })?),
            "customer" => Clause::Customer(value.to_string()),
            "group" => Clause::Group(value.to_string()),
            "created" => Clause::Created(age(value, vcol)?),
            "updated" => Clause::Updated(age(value, vcol)?),
            "solved" => Clause::Solved(age(value, vcol)?),
            "sla" => Clause::Sla(list(value, vcol, |s| s.parse())?),
            "due" => Clause::Due(age(value, vcol)?),
            "followup" => Clause::FollowUp(
                value
                    .parse()
                    .map_err(|e: UnknownValue| ParseError::at(vcol, e.into()))?,
            ),
            "loop" => Clause::Loop(list(value, vcol, |s| s.parse())?),
            "complaint" => Clause::Complaint(list(value, vcol, |s| s.parse())?),
            "sort" => {
                q.sort = Some(sort(value, vcol)?);
                continue;
            }
            other => match ticket_fields::by_key(other).filter(|d| d.filter.is_some()) {
                Some(d) => Clause::Field(d.field, value.to_string()),
                None => {
                    return Err(ParseError::at(
                        t.column,
                        Problem::UnknownField {
                            field,
                            fields: fields(),
                        },
                    ));
                }
            },
        };
        q.clauses.push(clause);
    }
    Ok(q)
}

/// An agent or a group named in a query, which only the store can tell exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// An agent's handle (`assignee:li`), lowercased as the filter compares it.
    Agent(String),
    /// A group's name (`group:"L2 技术支持"`), as typed.
    Group(String),
}

/// The agents and groups `input` names, each with the 1-based column of the name (`me` and `none` name nobody);
/// a parse error as [`parse`] gives it.
pub fn names(input: &str) -> Result<Vec<(usize, Named)>, ParseError> {
    parse(input)?;
    let mut out = Vec::new();
    for t in tokens(input)? {
        let Some((field, value)) = t.text.split_once(':').filter(|_| !t.starts_quoted) else {
            continue;
        };
        // The field is ASCII letters (parse checked it): its length in bytes is its length in characters.
        let vcol = t.column + field.len() + 1;
        match field.to_ascii_lowercase().as_str() {
            "assignee" => {
                let mut offset = 0;
                for part in value.split([',', '|']) {
                    if let Ok(Who::Handle(h)) = who(part) {
                        out.push((vcol + offset, Named::Agent(h)));
                    }
                    offset += part.chars().count() + 1;
                }
            }
            "group" if !value.eq_ignore_ascii_case("none") => {
                out.push((vcol, Named::Group(value.to_string())))
            }
            _ => {}
        }
    }
    Ok(out)
}

fn join<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    items.iter().map(f).collect::<Vec<_>>().join(",")
}

fn quote(s: &str) -> String {
    if s.is_empty()
        || s.chars()
            .any(|c| c.is_whitespace() || c == ':' || c == ',' || c == '|' || c == '"')
    {
        format!("\"{s}\"")
    } else {
        s.to_string()
    }
}

fn print_age(a: Age) -> String {
    let (op, secs) = match a {
        Age::Within(s) => ('<', s),
        Age::OlderThan(s) => ('>', s),
        Age::Dates(from, to) if from == to => return from.to_string(),
        Age::Dates(from, to) => return format!("{from}..{to}"),
    };
    let unit = [(7 * 86_400, 'w'), (86_400, 'd'), (3600, 'h'), (60, 'm')]
        .into_iter()
        .find(|(u, _)| secs % u == 0);
    match unit {
        Some((u, c)) => format!("{op}{}{c}", secs / u),
        None => format!("{op}{}m", secs / 60),
    }
}

/// Prints a query so that [`parse`] reads it back as the same query.
impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = self
            .clauses
            .iter()
            .map(|c| match c {
                Clause::Status(v) => format!("status:{}", join(v, |s| s.as_str().into())),
                Clause::Priority(v) => format!("priority:{}", join(v, |p| p.as_str().into())),
                Clause::Assignee(v) => format!(
                    "assignee:{}",
                    join(v, |w| match w {
                        Who::Me => "me".into(),
                        Who::Nobody => "none".into(),
                        Who::Handle(h) => h.clone(),
                    })
                ),
                Clause::Kind(v) => format!("kind:{}", join(v, |k| k.as_str().into())),
                Clause::Channel(v) => format!("channel:{}", join(v, |k| k.as_str().into())),
                Clause::Tier(v) => format!("tier:{}", join(v, |k| k.as_str().into())),
                Clause::Tag(v) => format!("tag:{}", join(v, |t| quote(t))),
                Clause::Customer(c) => format!("customer:{}", quote(c)),
                Clause::Group(g) => format!("group:{}", quote(g)),
                Clause::Field(f, v) => format!("{}:{}", ticket_fields::def(*f).key, quote(v)),
                Clause::Created(a) => format!("created:{}", print_age(*a)),
                Clause::Updated(a) => format!("updated:{}", print_age(*a)),
                Clause::Solved(a) => format!("solved:{}", print_age(*a)),
                Clause::Sla(v) => format!("sla:{}", join(v, |s| s.as_str().replace('_', "-"))),
                Clause::Due(a) => format!("due:{}", print_age(*a)),
                Clause::FollowUp(f) => format!("followup:{f}"),
                Clause::Loop(v) => format!("loop:{}", join(v, |s| s.as_str().into())),
                Clause::Complaint(v) => format!("complaint:{}", join(v, |s| s.as_str().into())),
            })
            .collect();
        if let Some(s) = self.sort {
            let key = s.key.as_str();
            parts.push(format!("sort:{}{key}", if s.descending { "-" } else { "" }));
        }
        parts.extend(self.text.iter().map(|t| quote(t)));
        f.write_str(&parts.join(" "))
    }
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
