//! The ticket's fields, declared once: the key users type (view language, `desk ticket set`, JSON), the label on
//! screen, the change-log name and how a logged value reads, how a value filters, and whether a person edits it.
//! The store maps each field to SQL in `store::ticket_columns` (an exhaustive match, so a field added here cannot
//! be forgotten there); everything else reads this table. See docs/ARCHITECTURE.md, "Adding a ticket field".

use super::service_loop::{ComplaintStage, LoopStage};
use super::ticket::{Channel, Kind, Priority, Status};

/// Every ticket field desk knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TicketField {
    Number,
    Subject,
    Status,
    Priority,
    Kind,
    Channel,
    Customer,
    Assignee,
    Group,
    Product,
    Serial,
    Created,
    Updated,
    FirstResponse,
    Solved,
    Closed,
    MergedInto,
    ComplaintStage,
    LoopStage,
    FollowUpDue,
    SlaPolicy,
    /// The customer's city: for routing rules and filters (`city:上海`).
    City,
    /// Why it was closed; an open ticket closes without the loop only with a reason that skips it.
    CloseReason,
    ComplaintCategory,
    ComplaintSeverity,
    /// The person responsible for investigating a complaint.
    ComplaintOwner,
    RootCause,
    ComplaintResolution,
}

/// How a stored value reads for a person.
#[derive(Clone, Copy)]
pub enum Show {
    Text,
    /// A closed set of values (status, priority …), shown by label.
    Label(fn(&str) -> Option<&'static str>),
    /// Unix seconds, shown as a local date and time.
    Time,
    /// The id of an agent, a group or a customer: shown by name where the caller knows it.
    Agent,
    Group,
    Customer,
    /// A product id (the product's name where known).
    Product,
    /// The id of another ticket (its number where known).
    Ticket,
}

impl Show {
    /// The value is an id (agent, group, customer, product, ticket) that reads as the name it stands for.
    pub fn is_id(self) -> bool {
        matches!(
            self,
            Show::Agent | Show::Group | Show::Customer | Show::Product | Show::Ticket
        )
    }
}

/// Where a field shows on the ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// In the header's hand-laid lines (status, customer …): the ticket row carries it as a typed value.
    Core,
    /// In the header's details line and the JSON of `desk ticket show`, loaded by key: declaring it here and its
    /// SQL in the store is all it takes.
    Details,
    /// Bookkeeping a person reads in history at most (derived times and stages).
    Internal,
}

/// How `key:value` filters a field that has no bespoke clause in the view language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The value contains the text, ignoring case.
    Contains,
}

pub struct FieldDef {
    pub field: TicketField,
    /// What users type and scripts read: the view-language field, the JSON name.
    pub key: &'static str,
    pub label: &'static str,
    /// The name the change log records it under (`None`: never logged on the ticket).
    pub log: Option<&'static str>,
    /// Only ever written through the change log, so its newest entry is the row's value (`desk check` compares).
    pub logged_only: bool,
    pub show: Show,
    pub place: Place,
    /// A generic filter; fields with bespoke clauses (status, ages …) are parsed by the view language itself.
    pub filter: Option<Match>,
    /// An agent changes it directly (picker, prompt or `desk ticket set`).
    pub editable: bool,
}

fn status(s: &str) -> Option<&'static str> {
    Status::parse(s).map(Status::label)
}
fn priority(s: &str) -> Option<&'static str> {
    Priority::parse(s).map(Priority::label)
}
fn kind(s: &str) -> Option<&'static str> {
    Kind::parse(s).map(Kind::label)
}
fn channel(s: &str) -> Option<&'static str> {
    Channel::parse(s).map(Channel::label)
}
fn complaint(s: &str) -> Option<&'static str> {
    ComplaintStage::parse(s).map(ComplaintStage::label)
}
fn severity(s: &str) -> Option<&'static str> {
    super::complaint::ComplaintSeverity::parse(s).map(super::complaint::ComplaintSeverity::label)
}
fn loop_stage(s: &str) -> Option<&'static str> {
    LoopStage::parse(s).map(LoopStage::label)
}

macro_rules! fields {
    ($($field:ident: $key:literal, $label:literal, log $log:expr, only $only:expr, $show:expr, $place:ident,
       filter $filter:expr, edit $edit:expr;)*) => {
        pub const TICKET_FIELDS: &[FieldDef] = &[$(FieldDef {
            field: TicketField::$field,
            key: $key,
            label: $label,
            log: $log,
            logged_only: $only,
            show: $show,
            place: Place::$place,
            filter: $filter,
            editable: $edit,
        }),*];
    };
}

#[rustfmt::skip] // one field per row reads as the table it is
fields! {
    Number: "number", "Number", log None, only false, Show::Text, Core, filter None, edit false;
    Subject: "subject", "Subject", log Some("subject"), only true, Show::Text, Core, filter None, edit true;
    Status: "status", "Status", log Some("status"), only true, Show::Label(status), Core, filter None, edit true;
    Priority: "priority", "Priority", log Some("priority"), only true, Show::Label(priority), Core, filter None, edit true;
    Kind: "kind", "Kind", log Some("kind"), only true, Show::Label(kind), Core, filter None, edit true;
    Channel: "channel", "Channel", log Some("channel"), only true, Show::Label(channel), Core, filter None, edit true;
    Customer: "customer", "Customer", log Some("customer_id"), only true, Show::Customer, Core, filter None, edit false;
    Assignee: "assignee", "Assignee", log Some("assignee_id"), only true, Show::Agent, Core, filter None, edit true;
    Group: "group", "Group", log Some("group_id"), only true, Show::Group, Core, filter None, edit true;
    Product: "product", "Product", log Some("product_id"), only false, Show::Product, Core, filter Some(Match::Contains), edit false;
    Serial: "serial", "Serial", log None, only false, Show::Text, Details, filter Some(Match::Contains), edit false;
    Created: "created_at", "Created", log None, only false, Show::Time, Core, filter None, edit false;
    Updated: "updated_at", "Updated", log Some("updated_at"), only false, Show::Time, Internal, filter None, edit false;
    FirstResponse: "first_response_at", "First response", log Some("first_response_at"), only false, Show::Time, Internal, filter None, edit false;
    Solved: "solved_at", "Solved", log Some("solved_at"), only false, Show::Time, Internal, filter None, edit false;
    Closed: "closed_at", "Closed", log Some("closed_at"), only false, Show::Time, Internal, filter None, edit false;
    MergedInto: "merged_into", "Merged into", log Some("merged_into"), only true, Show::Ticket, Core, filter None, edit false;
    ComplaintStage: "complaint_stage", "Complaint", log Some("complaint_stage"), only false, Show::Label(complaint), Core, filter None, edit true;
    LoopStage: "loop_stage", "Loop", log Some("loop_stage"), only false, Show::Label(loop_stage), Internal, filter None, edit false;
    FollowUpDue: "follow_up_due_at", "Follow-up due", log Some("follow_up_due_at"), only false, Show::Time, Internal, filter None, edit false;
    SlaPolicy: "sla_policy", "SLA policy", log None, only false, Show::Text, Core, filter None, edit false;
    City: "city", "City", log None, only false, Show::Text, Internal, filter Some(Match::Contains), edit false;
    CloseReason: "close_reason", "Close reason", log Some("close_reason"), only true, Show::Text, Details, filter Some(Match::Contains), edit true;
    ComplaintCategory: "complaint_category", "Complaint category", log Some("complaint_category"), only true, Show::Text, Details, filter Some(Match::Contains), edit true;
    ComplaintSeverity: "complaint_severity", "Severity", log Some("complaint_severity"), only true, Show::Label(severity), Details, filter Some(Match::Contains), edit true;
    ComplaintOwner: "complaint_owner", "Responsible", log Some("complaint_owner_id"), only true, Show::Agent, Details, filter None, edit true;
    RootCause: "root_cause", "Root cause", log Some("root_cause"), only true, Show::Text, Details, filter Some(Match::Contains), edit true;
    ComplaintResolution: "complaint_resolution", "Resolution", log Some("complaint_resolution"), only true, Show::Text, Details, filter None, edit true;
}

pub fn def(field: TicketField) -> &'static FieldDef {
    // Every field has a row (tested), so the fallback is never taken.
    TICKET_FIELDS
        .iter()
        .find(|d| d.field == field)
        .unwrap_or(&TICKET_FIELDS[0])
}

/// The field a change-log entry about a ticket names, if it is a field (not an event like `reply` or `tags`).
pub fn by_log_name(name: &str) -> Option<&'static FieldDef> {
    TICKET_FIELDS.iter().find(|d| d.log == Some(name))
}

/// The field a user typed, by key.
pub fn by_key(key: &str) -> Option<&'static FieldDef> {
    TICKET_FIELDS.iter().find(|d| d.key == key)
}

/// Fields filtered by the generic `key:text` clause.
pub fn filterable() -> impl Iterator<Item = &'static FieldDef> {
    TICKET_FIELDS.iter().filter(|d| d.filter.is_some())
}

/// A value of a field loaded by key (see [`Place::Details`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum FieldValue {
    Text(super::text::SafeText),
    Int(i64),
}

/// The table-driven fields of one ticket, in table order; in JSON, each under its key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldValues(pub Vec<(TicketField, Option<FieldValue>)>);

impl FieldValues {
    pub fn get(&self, field: TicketField) -> Option<&FieldValue> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, v)| v.as_ref())
    }

    /// The value as text (a number is written out).
    pub fn text(&self, field: TicketField) -> Option<String> {
        self.get(field).map(|v| match v {
            FieldValue::Text(t) => t.to_string(),
            FieldValue::Int(i) => i.to_string(),
        })
    }
}

impl serde::Serialize for FieldValues {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (f, v) in &self.0 {
            match (def(*f).show, v) {
                // Times read as RFC 3339 in UTC, as every other time in desk's JSON.
                (Show::Time, Some(FieldValue::Int(ts))) => {
                    let at = chrono::DateTime::from_timestamp(*ts, 0)
                        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
                    map.serialize_entry(def(*f).key, &at)?
                }
                _ => map.serialize_entry(def(*f).key, v)?,
            }
        }
        map.end()
    }
}

/// Names for ids, from whatever the caller has loaded (agents, groups …); `None` leaves the id as it is.
pub type Names<'a> = &'a dyn Fn(Show, &str) -> Option<String>;

/// A stored value as a person reads it: labels for closed sets, local dates for times, names for ids.
pub fn show_value(
    show: Show,
    raw: &str,
    names: Names<'_>,
    offset: i32,
    date_format: &str,
) -> String {
    match show {
        Show::Text => raw.to_string(),
        Show::Label(label) => label(raw).map_or_else(|| raw.to_string(), str::to_string),
        Show::Time => raw.parse().map_or_else(
            |_| raw.to_string(),
            |ts| super::text::local_date(ts, offset, date_format),
        ),
        Show::Agent | Show::Group | Show::Customer | Show::Product | Show::Ticket => {
            names(show, raw).unwrap_or_else(|| raw.to_string())
        }
    }
}

/// How a change-log entry on a ticket reads.
pub struct ChangeWords<'a> {
    pub names: Names<'a>,
    /// The agent's zone, and how dates are written.
    pub offset: i32,
    pub date_format: &'a str,
}

/// Bookkeeping that changes as a side effect of others (times, stages): history lists it, a summary leaves it
/// out.
pub fn is_bookkeeping(log_name: &str) -> bool {
    by_log_name(log_name).is_some_and(|d| d.place == Place::Internal)
        || log_name == "customer_stage"
}

/// `visit V3: scheduled → on site`, `visit V3 repair (scheduled) booked`, `return R2: requested → approved`.
fn step_words(what: &str, old: Option<&str>, new: Option<&str>) -> String {
    let words = |s: &str| s.replace('_', " ");
    match (old, new) {
        (None, Some(n)) if what == "visit" => format!("visit {} booked", words(n)),
        (None, Some(n)) => format!("request {}", words(n)),
        (Some(o), Some(n)) => match (o.split_once(' '), n.split_once(' ')) {
            (Some((a, from)), Some((b, to))) if a == b => {
                format!("{what} {a}: {} → {}", words(from), words(to))
            }
            _ => format!("{what} {} → {}", words(o), words(n)),
        },
        _ => format!("{what} {}", words(new.or(old).unwrap_or_default())),
    }
}

/// One change-log entry about a ticket in words: `status Open → Pending`, `assignee 李娜 Li Na → —`,
/// `replied`, `tags +vip`. Ids the caller cannot name read as `assignee changed`, never as a raw id.
pub fn describe_change(
    log_name: &str,
    old: Option<&str>,
    new: Option<&str>,
    words: &ChangeWords<'_>,
) -> String {
    match log_name {
        "reply" => return "replied".into(),
        "note" => return "added a note".into(),
        "solution" => return "proposed a solution".into(),
        "customer_message" => return "the customer wrote".into(),
        "created" => return format!("created #{}", new.unwrap_or_default()),
        "tags" => return format!("tags {}", new.unwrap_or_default()),
        // Merges and links log numbers and message ids; people read what happened.
        "merged_from" => return format!("#{} merged into this ticket", new.unwrap_or("?")),
        "moved_messages" => {
            let n = new.map_or(0, |ids| ids.split(',').filter(|s| !s.is_empty()).count());
            return format!("{n} messages moved by a merge");
        }
        "unmerged" => return format!("merge undone ({} messages back)", new.unwrap_or("0")),
        "linked" => return format!("linked to #{}", new.unwrap_or("?")),
        "unlinked" => return format!("unlinked from #{}", new.unwrap_or("?")),
        "survey" => return format!("survey {}", new.unwrap_or_default()),
        "low_score" => {
            return format!(
                "low score ({}): recovery task created",
                new.unwrap_or_default()
            );
        }
        "routed" => return format!("routed by rule {}", new.unwrap_or_default()),
        "auto_assigned" => return format!("assigned automatically — {}", new.unwrap_or_default()),
        "assign_waiting" => {
            return format!("waits in its group's queue — {}", new.unwrap_or_default());
        }
        "handed_back" => return format!("handed back to its group — {}", new.unwrap_or_default()),
        "unassigned_escalated" => return format!("escalated — {}", new.unwrap_or_default()),
        // On-site visits and return requests log `V3 scheduled` → `V3 on_site`: one line per step.
        "visit" | "return" => return step_words(log_name, old, new),
        // Quality inspection logs its own words: `sampled into QA (complaint)`, `QA review by li: 82/100`.
        "qa" => return new.unwrap_or("QA").to_string(),
        _ => {}
    }
    let Some(d) = by_log_name(log_name) else {
        return format!("{log_name} {} → {}", old.unwrap_or("—"), new.unwrap_or("—"));
    };
    let is_id = d.show.is_id();
    let value = |raw: Option<&str>| -> Option<String> {
        let raw = raw?;
        if is_id {
            return (words.names)(d.show, raw);
        }
        Some(show_value(
            d.show,
            raw,
            words.names,
            words.offset,
            words.date_format,
        ))
    };
    let (was, now) = (value(old), value(new));
    // An id nobody can name is a change without its values.
    if is_id && (was.is_none() && old.is_some() || now.is_none() && new.is_some()) {
        return format!("{} changed", d.key);
    }
    let dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    format!("{} {} → {}", d.key, dash(was), dash(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visit_and_return_steps_read_as_one_step_each() {
        let words = ChangeWords {
            names: &|_, _| None,
            offset: 0,
            date_format: "%Y-%m-%d %H:%M",
        };
        let said = |f, o, n| describe_change(f, o, n, &words);
        assert_eq!(
            said("visit", None, Some("V3 repair (scheduled)")),
            "visit V3 repair (scheduled) booked"
        );
        assert_eq!(
            said("visit", Some("V3 scheduled"), Some("V3 on_site")),
            "visit V3: scheduled → on site"
        );
        assert_eq!(
            said("return", Some("R2 requested"), Some("R2 approved")),
            "return R2: requested → approved"
        );
        assert_eq!(
            said("return", None, Some("R2 return (no_reason)")),
            "request R2 return (no reason)"
        );
        assert_eq!(
            said("handed_back", None, Some("li is away")),
            "handed back to its group — li is away"
        );
    }

    #[test]
    fn keys_and_log_names_are_unique_and_every_field_has_a_row() {
        let mut keys: Vec<&str> = TICKET_FIELDS.iter().map(|d| d.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), TICKET_FIELDS.len());
        let mut logs: Vec<&str> = TICKET_FIELDS.iter().filter_map(|d| d.log).collect();
        let n = logs.len();
        logs.sort_unstable();
        logs.dedup();
        assert_eq!(logs.len(), n);
        for (i, d) in TICKET_FIELDS.iter().enumerate() {
            assert_eq!(def(d.field).key, d.key);
            assert!(
                TICKET_FIELDS.iter().take(i).all(|e| e.field != d.field),
                "{} twice",
                d.key
            );
        }
    }

    #[test]
    fn values_read_as_people_read_them() {
        let names = |show: Show, id: &str| match (show, id) {
            (Show::Agent, "A1") => Some("李娜 Li Na".to_string()),
            (Show::Ticket, "T1") => Some("#1042".to_string()),
            _ => None,
        };
        let show = |f: TicketField, raw: &str| {
            show_value(def(f).show, raw, &names, 8 * 3600, "%Y-%m-%d %H:%M")
        };
        assert_eq!(show(TicketField::Status, "pending"), "Pending");
        assert_eq!(show(TicketField::Priority, "bogus"), "bogus");
        assert_eq!(show(TicketField::Assignee, "A1"), "李娜 Li Na");
        assert_eq!(show(TicketField::Assignee, "A9"), "A9");
        assert_eq!(show(TicketField::Solved, "0"), "1970-01-01 08:00");
        assert_eq!(show(TicketField::MergedInto, "T1"), "#1042");
        assert_eq!(
            by_log_name("assignee_id").map(|d| d.field),
            Some(TicketField::Assignee)
        );
        assert!(by_log_name("reply").is_none(), "events are not fields");
    }

    #[test]
    fn changes_read_with_names_labels_and_dates() {
        let names = |show: Show, id: &str| match (show, id) {
            (Show::Agent, "A1") => Some("李娜 Li Na".to_string()),
            _ => None,
        };
        let words = ChangeWords {
            names: &names,
            offset: 0,
            date_format: "%Y-%m-%d",
        };
        let say = |f: &str, o: Option<&str>, n: Option<&str>| describe_change(f, o, n, &words);
        assert_eq!(
            say("status", Some("open"), Some("pending")),
            "status Open → Pending"
        );
        assert_eq!(
            say("assignee_id", None, Some("A1")),
            "assignee — → 李娜 Li Na"
        );
        assert_eq!(
            say("assignee_id", Some("A1"), Some("A7")),
            "assignee changed"
        );
        assert_eq!(say("group_id", Some("G1"), None), "group changed");
        assert_eq!(
            say("solved_at", None, Some("86400")),
            "solved_at — → 1970-01-02"
        );
        assert_eq!(say("tags", None, Some("+vip")), "tags +vip");
        assert_eq!(say("reply", None, Some("M1")), "replied");
        assert_eq!(say("odd", Some("a"), None), "odd a → —");
        // Merges log message ids: read as a count, never as ids.
        assert_eq!(
            say("moved_messages", None, Some("01ABC,01ABD")),
            "2 messages moved by a merge"
        );
        assert_eq!(
            say("merged_from", None, Some("1042")),
            "#1042 merged into this ticket"
        );
        assert_eq!(say("linked", None, Some("1043")), "linked to #1043");
        assert!(is_bookkeeping("updated_at") && !is_bookkeeping("status"));
    }
}
