//! A whole ticket as one JSON line: what `desk ticket export --format jsonl` writes and `desk ticket import` reads
//! — fields, customer, thread, attachments' metadata and history — so a team can move in from another help desk
//! with a small converter and back out of desk at any time. Unknown fields are errors (a typo is reported).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::ticket::{Channel, Kind, Priority, Status};

pub type Time = DateTime<FixedOffset>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketRecord {
    /// The ticket's id in the system it comes from; the same id is imported once. desk's own export writes
    /// `desk:<ticket id>`.
    pub external_id: String,
    /// The number it had (informational: an import gives the next free number).
    #[serde(default)]
    pub number: Option<i64>,
    pub subject: String,
    pub status: Status,
    pub priority: Priority,
    pub kind: Kind,
    pub channel: Channel,
    pub customer: RecordCustomer,
    /// An agent handle.
    #[serde(default)]
    pub assignee: Option<String>,
    /// A group by name (created when missing).
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub created_at: Time,
    #[serde(default)]
    pub updated_at: Option<Time>,
    #[serde(default)]
    pub first_response_at: Option<Time>,
    #[serde(default)]
    pub solved_at: Option<Time>,
    #[serde(default)]
    pub closed_at: Option<Time>,
    pub messages: Vec<RecordMessage>,
    #[serde(default)]
    pub attachments: Vec<RecordAttachment>,
    #[serde(default)]
    pub history: Vec<RecordChange>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordCustomer {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    Customer,
    Agent,
    System,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordMessage {
    pub author_kind: Author,
    /// An agent's handle, or whoever wrote a system note; for the customer, their name (informational).
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub internal: bool,
    pub body: String,
    pub created_at: Time,
    #[serde(default)]
    pub channel: Option<Channel>,
    #[serde(default)]
    pub mail_message_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordAttachment {
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordChange {
    pub at: Time,
    #[serde(default)]
    pub actor: Option<String>,
    pub field: String,
    #[serde(default)]
    pub old: Option<String>,
    #[serde(default)]
    pub new: Option<String>,
}

/// Unix seconds as a record time (UTC).
pub fn time(unix: i64) -> Time {
    DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .fixed_offset()
}

impl TicketRecord {
    /// Parses one line; the error says what is wrong in the line (serde names the field and column).
    pub fn parse(line: &str) -> Result<TicketRecord, String> {
        let r: TicketRecord = serde_json::from_str(line).map_err(|e| e.to_string())?;
        r.check()?;
        Ok(r)
    }

    /// What a record must hold to become a ticket.
    pub fn check(&self) -> Result<(), String> {
        if self.external_id.trim().is_empty() {
            return Err(
                "external_id is empty: it is what makes a second import skip this ticket".into(),
            );
        }
        if self.subject.trim().is_empty() {
            return Err("subject is empty".into());
        }
        let c = &self.customer;
        if [&c.name, &c.email, &c.phone, &c.external_id]
            .iter()
            .all(|v| v.as_deref().is_none_or(|s| s.trim().is_empty()))
        {
            return Err("customer needs at least one of name, email, phone or external_id".into());
        }
        if let Some(e) = c.email.as_deref().filter(|e| !e.trim().is_empty())
            && super::intake::email(e).is_none()
        {
            return Err(format!("customer.email `{e}` is not an email address"));
        }
        if self.messages.is_empty() {
            return Err("messages is empty: a ticket starts with the customer's message".into());
        }
        if let Some(m) = self
            .messages
            .iter()
            .find(|m| m.created_at < self.created_at)
        {
            return Err(format!(
                "a message at {} is older than the ticket ({})",
                m.created_at.to_rfc3339(),
                self.created_at.to_rfc3339()
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"external_id":"zd-88","subject":"洗衣机漏水","status":"solved","priority":"high","kind":"service_request","channel":"phone","customer":{"name":"王芳","phone":"13800138000"},"created_at":"2026-11-01T09:00:00+08:00","solved_at":"2026-11-02T10:00:00+08:00","messages":[{"author_kind":"customer","body":"漏水","created_at":"2026-11-01T09:00:00+08:00"},{"author_kind":"agent","author":"li","body":"已安排","created_at":"2026-11-01T10:00:00+08:00"}]}"#;

    #[test]
    fn a_record_parses_and_round_trips() {
        let r = TicketRecord::parse(GOOD).unwrap();
        assert_eq!(r.status, Status::Solved);
        assert_eq!(r.messages[1].author_kind, Author::Agent);
        assert_eq!(r.created_at.timestamp(), 1_793_494_800);
        let again = TicketRecord::parse(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(again, r);
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        let bad = |from: &str, to: &str| TicketRecord::parse(&GOOD.replace(from, to)).unwrap_err();
        assert!(bad("\"solved\"", "\"done\"").contains("unknown status `done`"));
        assert!(bad("\"kind\"", "\"knd\"").contains("unknown field `knd`"));
        assert!(bad("zd-88", " ").contains("external_id is empty"));
        assert!(
            bad(
                r#""name":"王芳","phone":"13800138000""#,
                r#""email":"nope""#
            )
            .contains("not an email")
        );
        assert!(
            bad("2026-11-01T10:00:00+08:00", "2026-10-01T10:00:00+08:00")
                .contains("older than the ticket")
        );
        let when = bad(
            r#""created_at":"2026-11-01T09:00:00+08:00""#,
            r#""created_at":"yesterday""#,
        );
        assert!(when.contains("column"), "serde says where: {when}");
    }
}
