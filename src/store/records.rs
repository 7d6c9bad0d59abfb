//! Plain rows as written by bulk loads (demo data, imports) and single creates.

use crate::domain::customer::{Tier, TierSource};
use crate::domain::ticket::{Channel, Kind, Priority, Status};

#[derive(Debug, Clone)]
pub struct AgentRec {
    pub id: String,
    pub handle: String,
    pub name: String,
    pub email: Option<String>,
    pub role: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct GroupRec {
    pub id: String,
    pub name: String,
    pub members: Vec<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct OrgRec {
    pub id: String,
    pub name: String,
    pub tier: Option<Tier>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct CustomerRec {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub org_id: Option<String>,
    pub tier: Tier,
    pub tier_source: TierSource,
    pub birthday: Option<String>,
    pub city: Option<String>,
    pub notes: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct ProductRec {
    pub id: String,
    pub customer_id: String,
    pub name: String,
    pub serial: Option<String>,
    pub purchased_at: Option<i64>,
    pub warranty_until: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct OrderRec {
    pub id: String,
    pub customer_id: String,
    pub at: i64,
    pub amount_cents: i64,
    /// When the goods arrived (the return periods count from it).
    pub delivered_at: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct TicketRec {
    pub id: String,
    /// Human number; `None` takes the next from the database's sequence.
    pub number: Option<i64>,
    pub subject: String,
    pub status: Status,
    pub priority: Priority,
    pub kind: Kind,
    pub channel: Channel,
    pub customer_id: Option<String>,
    pub product_id: Option<String>,
    pub assignee_id: Option<String>,
    pub group_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub first_response_at: Option<i64>,
    pub solved_at: Option<i64>,
    pub closed_at: Option<i64>,
    /// Id of the ticket a `merged` ticket was folded into.
    pub merged_into: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorKind {
    Customer,
    Agent,
    System,
}

impl AuthorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AuthorKind::Customer => "customer",
            AuthorKind::Agent => "agent",
            AuthorKind::System => "system",
        }
    }

    pub fn parse(s: &str) -> AuthorKind {
        match s {
            "customer" => AuthorKind::Customer,
            "agent" => AuthorKind::Agent,
            _ => AuthorKind::System,
        }
    }
}

#[derive(Debug, Clone)]
pub struct MessageRec {
    pub id: String,
    pub ticket_id: String,
    pub author_kind: AuthorKind,
    pub author_id: Option<String>,
    /// Internal notes are visible to agents only.
    pub internal: bool,
    pub body: String,
    pub created_at: i64,
    pub channel: Option<Channel>,
}

#[derive(Debug, Clone)]
pub struct CategoryRec {
    pub id: String,
    pub name: String,
    pub position: i64,
}

#[derive(Debug, Clone)]
pub struct ArticleRec {
    pub id: String,
    pub title: String,
    pub body_md: String,
    pub category_id: Option<String>,
    pub status: String,
    pub author_id: Option<String>,
    pub views: i64,
    /// Times it went into a reply.
    pub uses: i64,
    pub helpful_up: i64,
    pub helpful_down: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct SurveyRec {
    pub id: String,
    pub ticket_id: Option<String>,
    pub customer_id: Option<String>,
    /// csat | nps | ces
    pub kind: &'static str,
    pub score: i64,
    pub comment: Option<String>,
    pub at: i64,
}

#[derive(Debug, Clone)]
pub struct TaskRec {
    pub id: String,
    /// follow_up | care | win_back | …
    pub kind: String,
    pub ticket_id: Option<String>,
    pub customer_id: Option<String>,
    pub due_at: i64,
    pub done_at: Option<i64>,
    pub assignee_id: Option<String>,
    pub note: String,
    pub created_at: i64,
}
