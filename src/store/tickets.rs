//! Ticket queries: keyset-paged views, counts, and one ticket with its thread.

use super::paging;
use super::records::AuthorKind;
pub use super::ticket_filter::{ticket_count_sql, ticket_page_sql};
use super::{Page, Result, Store};
use crate::domain::customer::Tier;
use crate::domain::service_loop::{ComplaintStage, LoopStage};
use crate::domain::sla::Target;
use crate::domain::sla_policy::SlaSnapshot;
use crate::domain::text::SafeText;
use crate::domain::ticket::{Channel, Kind, Priority, Status};
use crate::domain::view::{Cursor, PageRequest, TicketFilter};
use rusqlite::{OptionalExtension, Row, params};

/// One line of a ticket list.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TicketRow {
    #[serde(skip)]
    pub rid: i64,
    pub id: String,
    pub number: i64,
    pub subject: SafeText,
    pub status: Status,
    pub priority: Priority,
    pub kind: Kind,
    pub channel: Channel,
    pub customer: Option<SafeText>,
    pub customer_tier: Option<Tier>,
    pub assignee: Option<SafeText>,
    pub created_at: i64,
    pub updated_at: i64,
    pub solved_at: Option<i64>,
    /// The clock the queue shows.
    pub sla: SlaSnapshot,
    pub loop_stage: Option<LoopStage>,
    pub follow_up_due_at: Option<i64>,
    /// The value this row is sorted by in its list (keyset cursor).
    #[serde(skip)]
    pub sort_key: i64,
}

impl TicketRow {
    pub fn cursor(&self) -> Cursor {
        Cursor {
            key: self.sort_key,
            rid: self.rid,
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MessageRow {
    pub id: String,
    pub author_kind: AuthorKind,
    pub author: Option<SafeText>,
    pub internal: bool,
    pub body: SafeText,
    pub created_at: i64,
    pub channel: Option<Channel>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TicketDetail {
    #[serde(flatten)]
    pub row: TicketRow,
    pub version: i64,
    pub customer_id: Option<String>,
    pub customer_email: Option<SafeText>,
    pub group: Option<SafeText>,
    pub product: Option<SafeText>,
    pub first_response_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub tags: Vec<SafeText>,
    /// Numbers of related tickets.
    pub links: Vec<i64>,
    /// The ticket this one was merged into.
    pub merged_into: Option<i64>,
    pub complaint_stage: Option<ComplaintStage>,
    /// The SLA policy that set the clocks.
    pub sla_policy: Option<String>,
    /// Every SLA clock at the time the ticket was read (filled by [`Store::ticket_clocks`]).
    #[serde(skip)]
    pub clocks: Vec<crate::domain::sla::Clock>,
    pub messages: Vec<MessageRow>,
    /// The ticket's latest change-log entry when it was read: an edit based on this read is explained, on a
    /// conflict, by the changes after it.
    #[serde(skip)]
    pub change_seq: i64,
}

pub(super) const ROW_COLUMNS: &str = "t.rid, t.id, t.number, t.subject, t.status, t.priority, t.kind, t.channel, c.name, c.tier, \
                           a.name, t.created_at, t.updated_at, t.solved_at, t.sla_target, t.sla_due_at, t.sla_risk_at, t.sla_paused, \
                           t.sla_remaining, t.loop_stage, t.follow_up_due_at";
/// How many columns ROW_COLUMNS has: what follows starts at this index.
pub(super) const ROW_LEN: usize = 21;
pub(super) const FROM: &str = "FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN agents a ON a.id = t.assignee_id";

fn parse_enum<T>(idx: usize, s: &str, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    parse(s).ok_or_else(|| {
        rusqlite::Error::InvalidColumnType(
            idx,
            format!("unexpected value `{s}`"),
            rusqlite::types::Type::Text,
        )
    })
}

fn ticket_row(r: &Row<'_>, sort_key_col: Option<usize>) -> rusqlite::Result<TicketRow> {
    let text = |i: usize| -> rusqlite::Result<Option<SafeText>> {
        Ok(r.get::<_, Option<String>>(i)?.map(SafeText::from))
    };
    let updated_at: i64 = r.get(12)?;
    Ok(TicketRow {
        rid: r.get(0)?,
        id: r.get(1)?,
        number: r.get(2)?,
        subject: SafeText::new(&r.get::<_, String>(3)?),
        status: parse_enum(4, &r.get::<_, String>(4)?, Status::parse)?,
        priority: parse_enum(5, &r.get::<_, String>(5)?, Priority::parse)?,
        kind: parse_enum(6, &r.get::<_, String>(6)?, Kind::parse)?,
        channel: parse_enum(7, &r.get::<_, String>(7)?, Channel::parse)?,
        customer: text(8)?,
        customer_tier: r
            .get::<_, Option<String>>(9)?
            .as_deref()
            .and_then(Tier::parse),
        assignee: text(10)?,
        created_at: r.get(11)?,
        updated_at,
        solved_at: r.get(13)?,
        sla: SlaSnapshot {
            target: r
                .get::<_, Option<String>>(14)?
                .and_then(|t| Target::ALL.into_iter().find(|k| k.as_str() == t)),
            due_at: r.get(15)?,
            risk_at: r.get(16)?,
            paused: r.get::<_, i64>(17)? != 0,
            remaining: r.get(18)?,
        },
        loop_stage: r
            .get::<_, Option<String>>(19)?
            .as_deref()
            .and_then(LoopStage::parse),
        follow_up_due_at: r.get(20)?,
        sort_key: match sort_key_col {
            Some(i) => r.get(i)?,
            None => updated_at,
        },
    })
}

impl Store {
    /// One page of tickets matching `filter`, in list order (newest first), by keyset on (sort key, rid).
    pub fn ticket_page(
        &self,
        filter: &TicketFilter,
        me: Option<&str>,
        req: PageRequest,
        limit: usize,
    ) -> Result<Page<TicketRow>> {
        let (sql, params) = ticket_page_sql(filter, me, req, limit);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows: Vec<TicketRow> = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                ticket_row(r, Some(ROW_LEN))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(paging::finish(rows, req, limit))
    }

    /// How many tickets match `filter`.
    pub fn ticket_count(&self, filter: &TicketFilter, me: Option<&str>) -> Result<i64> {
        let (sql, params) = ticket_count_sql(filter, me);
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?)
    }

    /// A ticket by its number, with properties, tags and the whole thread (oldest first).
    pub fn ticket_detail(&self, number: i64) -> Result<Option<TicketDetail>> {
        let sql = format!(
            "SELECT {ROW_COLUMNS}, t.version, t.customer_id, c.email, g.name, p.name, t.first_response_at, t.closed_at,
                    t.complaint_stage, t.sla_policy
             {FROM} LEFT JOIN groups g ON g.id = t.group_id LEFT JOIN products p ON p.id = t.product_id
             WHERE t.number = ?1"
        );
        let detail = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![number], |r| {
                Ok(TicketDetail {
                    row: ticket_row(r, None)?,
                    version: r.get(ROW_LEN)?,
                    customer_id: r.get(ROW_LEN + 1)?,
                    customer_email: r.get::<_, Option<String>>(ROW_LEN + 2)?.map(SafeText::from),
                    group: r.get::<_, Option<String>>(ROW_LEN + 3)?.map(SafeText::from),
                    product: r.get::<_, Option<String>>(ROW_LEN + 4)?.map(SafeText::from),
                    first_response_at: r.get(ROW_LEN + 5)?,
                    closed_at: r.get(ROW_LEN + 6)?,
                    complaint_stage: r
                        .get::<_, Option<String>>(ROW_LEN + 7)?
                        .as_deref()
                        .and_then(ComplaintStage::parse),
                    sla_policy: r.get(ROW_LEN + 8)?,
                    clocks: Vec::new(),
                    tags: Vec::new(),
                    links: Vec::new(),
                    merged_into: None,
                    messages: Vec::new(),
                    change_seq: 0,
                })
            })
            .optional()?;
        let Some(mut detail) = detail else {
            return Ok(None);
        };
        detail.tags = self.tags("ticket", &detail.row.id)?;
        (detail.links, detail.merged_into) = self.relations(&detail.row.id)?;
        detail.messages = self.messages(&detail.row.id)?;
        detail.change_seq = self.ticket_change_seq(number)?;
        Ok(Some(detail))
    }

    /// The list rows of tickets `numbers` as they are now (missing numbers are left out): what live refresh
    /// patches into a visible list.
    pub fn ticket_rows(&self, numbers: &[i64]) -> Result<Vec<TicketRow>> {
        let sql = format!("SELECT {ROW_COLUMNS} {FROM} WHERE t.number = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut out = Vec::new();
        for n in numbers {
            if let Some(row) = stmt
                .query_row(params![n], |r| ticket_row(r, None))
                .optional()?
            {
                out.push(row);
            }
        }
        Ok(out)
    }

    pub fn messages(&self, ticket_id: &str) -> Result<Vec<MessageRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.author_kind, coalesce(a.name, c.name), m.visibility, m.body, m.created_at, m.channel
             FROM messages m
             LEFT JOIN agents a ON m.author_kind = 'agent' AND a.id = m.author_id
             LEFT JOIN customers c ON m.author_kind = 'customer' AND c.id = m.author_id
             WHERE m.ticket_id = ?1 ORDER BY m.created_at, m.rid",
        )?;
        let rows = stmt.query_map(params![ticket_id], |r| {
            Ok(MessageRow {
                id: r.get(0)?,
                author_kind: AuthorKind::parse(&r.get::<_, String>(1)?),
                author: r.get::<_, Option<String>>(2)?.map(SafeText::from),
                internal: r.get::<_, String>(3)? == "internal",
                body: SafeText::new(&r.get::<_, String>(4)?),
                created_at: r.get(5)?,
                channel: r
                    .get::<_, Option<String>>(6)?
                    .as_deref()
                    .and_then(Channel::parse),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn tags(&self, entity: &str, entity_id: &str) -> Result<Vec<SafeText>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT tag FROM tags WHERE entity = ?1 AND entity_id = ?2 ORDER BY tag",
        )?;
        let rows = stmt.query_map(params![entity, entity_id], |r| {
            Ok(SafeText::new(&r.get::<_, String>(0)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    /// A customer's tickets, newest first.
    pub fn customer_tickets(&self, customer_id: &str, limit: usize) -> Result<Vec<TicketRow>> {
        let sql = format!(
            "SELECT {ROW_COLUMNS} {FROM} WHERE t.customer_id = ?1 ORDER BY t.created_at DESC LIMIT ?2"
        );
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![customer_id, limit as i64], |r| ticket_row(r, None))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
