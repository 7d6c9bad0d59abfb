//! Ticket queries: keyset-paged views, counts, and one ticket with its thread.

use super::paging;
use super::records::AuthorKind;
use super::ticket_columns::select_list;
pub use super::ticket_filter::{ticket_count_sql, ticket_page_sql};
use super::{Page, Result, Store};
use crate::domain::customer::Tier;
use crate::domain::service_loop::{ComplaintStage, LoopStage};
use crate::domain::sla::Target;
use crate::domain::sla_policy::SlaSnapshot;
use crate::domain::text::SafeText;
use crate::domain::ticket::{Channel, Kind, Priority, Status};
use crate::domain::ticket_fields::{
    self, FieldValue, FieldValues, Place, TICKET_FIELDS, TicketField,
};
use crate::domain::view::{Cursor, PageRequest, TicketFilter};
use rusqlite::types::ValueRef;
use rusqlite::{OptionalExtension, Row, params};
use std::sync::LazyLock;

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
    /// The product's warranty end (its own date, or the purchase plus the default term); `None` without a
    /// product or dates. The header says in or out of warranty by it.
    pub warranty_until: Option<i64>,
    /// On-site visits on the ticket, oldest first.
    pub visits: Vec<super::visits::VisitRow>,
    /// The fields laid out by the table rather than by hand, by key in JSON.
    #[serde(flatten)]
    pub details: FieldValues,
    /// Every SLA clock at the time the ticket was read (filled by [`Store::ticket_clocks`]).
    #[serde(skip)]
    pub clocks: Vec<crate::domain::sla::Clock>,
    pub messages: Vec<MessageRow>,
    /// Files that came with the messages (mail attachments, `desk ingest` files).
    pub attachments: Vec<super::attachments::AttachmentRow>,
    /// People copied on the ticket's mail.
    pub collaborators: Vec<SafeText>,
    /// The reading agent's postponed reply or note on this ticket.
    pub draft: Option<super::drafts::DraftRow>,
    /// The ticket's latest change-log entry when it was read: an edit based on this read is explained, on a
    /// conflict, by the changes after it.
    #[serde(skip)]
    pub change_seq: i64,
}

/// The fields a list row shows, in the order of [`TicketRow`].
const ROW_FIELDS: &[TicketField] = &[
    TicketField::Number,
    TicketField::Subject,
    TicketField::Status,
    TicketField::Priority,
    TicketField::Kind,
    TicketField::Channel,
    TicketField::Customer,
    TicketField::Assignee,
    TicketField::Created,
    TicketField::Updated,
    TicketField::Solved,
    TicketField::LoopStage,
    TicketField::FollowUpDue,
];

/// What a ticket list selects, every column named so rows are read by name: the row's fields, the customer's
/// tier, and the stored SLA clock.
pub(super) static ROW_COLUMNS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "t.rid AS rid, t.id AS id, {}, c.tier AS customer_tier, t.sla_target AS sla_target, \
         t.sla_due_at AS sla_due_at, t.sla_risk_at AS sla_risk_at, t.sla_paused AS sla_paused, \
         t.sla_remaining AS sla_remaining",
        select_list(ROW_FIELDS)
    )
});

/// The one-ticket query's own fields beyond the row's; the detail fields of the table come after them.
const DETAIL_FIELDS: &[TicketField] = &[
    TicketField::Group,
    TicketField::Product,
    TicketField::FirstResponse,
    TicketField::Closed,
    TicketField::ComplaintStage,
    TicketField::SlaPolicy,
];

pub(super) const FROM: &str = "FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN agents a ON a.id = t.assignee_id";

/// The key a field is selected as.
fn key(f: TicketField) -> &'static str {
    ticket_fields::def(f).key
}

/// A closed-set value read by column name; a word desk does not know is an error naming the column.
pub(super) fn get_enum<T>(
    r: &Row<'_>,
    name: &str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let s: String = r.get(name)?;
    parse(&s).ok_or_else(|| {
        rusqlite::Error::InvalidColumnType(
            r.as_ref().column_index(name).unwrap_or_default(),
            format!("unexpected value `{s}` in {name}"),
            rusqlite::types::Type::Text,
        )
    })
}

fn ticket_row(r: &Row<'_>) -> rusqlite::Result<TicketRow> {
    use TicketField as F;
    let text = |f: TicketField| -> rusqlite::Result<Option<SafeText>> {
        Ok(r.get::<_, Option<String>>(key(f))?.map(SafeText::from))
    };
    let updated_at: i64 = r.get(key(F::Updated))?;
    // Lists select the value they are ordered by last; other queries order by nothing in particular.
    let sort_key = match r.as_ref().column_index("sort_key") {
        Ok(_) => r.get("sort_key")?,
        Err(_) => updated_at,
    };
    Ok(TicketRow {
        rid: r.get("rid")?,
        id: r.get("id")?,
        number: r.get(key(F::Number))?,
        subject: SafeText::new(&r.get::<_, String>(key(F::Subject))?),
        status: get_enum(r, key(F::Status), Status::parse)?,
        priority: get_enum(r, key(F::Priority), Priority::parse)?,
        kind: get_enum(r, key(F::Kind), Kind::parse)?,
        channel: get_enum(r, key(F::Channel), Channel::parse)?,
        customer: text(F::Customer)?,
        customer_tier: r
            .get::<_, Option<String>>("customer_tier")?
            .as_deref()
            .and_then(Tier::parse),
        assignee: text(F::Assignee)?,
        created_at: r.get(key(F::Created))?,
        updated_at,
        solved_at: r.get(key(F::Solved))?,
        sla: SlaSnapshot {
            target: r
                .get::<_, Option<String>>("sla_target")?
                .and_then(|t| Target::ALL.into_iter().find(|k| k.as_str() == t)),
            due_at: r.get("sla_due_at")?,
            risk_at: r.get("sla_risk_at")?,
            paused: r.get::<_, i64>("sla_paused")? != 0,
            remaining: r.get("sla_remaining")?,
        },
        loop_stage: r
            .get::<_, Option<String>>(key(F::LoopStage))?
            .as_deref()
            .and_then(LoopStage::parse),
        follow_up_due_at: r.get(key(F::FollowUpDue))?,
        sort_key,
    })
}

/// The detail fields of the table (those not laid out by hand), read by key.
fn detail_values(r: &Row<'_>) -> rusqlite::Result<FieldValues> {
    let mut out = FieldValues::default();
    for d in TICKET_FIELDS.iter().filter(|d| d.place == Place::Details) {
        let value = match r.get_ref(d.key)? {
            ValueRef::Null => None,
            ValueRef::Integer(i) => Some(FieldValue::Int(i)),
            ValueRef::Real(f) => Some(FieldValue::Text(SafeText::new(&f.to_string()))),
            ValueRef::Text(t) | ValueRef::Blob(t) => {
                Some(FieldValue::Text(SafeText::new(&String::from_utf8_lossy(t))))
            }
        };
        out.0.push((d.field, value));
    }
    Ok(out)
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
        let region = super::phones::keyed_region(&self.conn)?;
        let (sql, params) = ticket_page_sql(filter, me, req, limit, region);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows: Vec<TicketRow> = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), ticket_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(paging::finish(rows, req, limit))
    }

    /// How many tickets match `filter`.
    pub fn ticket_count(&self, filter: &TicketFilter, me: Option<&str>) -> Result<i64> {
        let region = super::phones::keyed_region(&self.conn)?;
        let (sql, params) = ticket_count_sql(filter, me, region);
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?)
    }

    /// A ticket by its number, with properties, tags and the whole thread (oldest first).
    pub fn ticket_detail(&self, number: i64) -> Result<Option<TicketDetail>> {
        let details: Vec<TicketField> = TICKET_FIELDS
            .iter()
            .filter(|d| d.place == Place::Details)
            .map(|d| d.field)
            .collect();
        let columns = [
            ROW_COLUMNS.as_str(),
            "t.version AS version, t.customer_id AS customer_id, c.email AS customer_email,
             p.purchased_at AS product_purchased_at, p.warranty_until AS product_warranty_until,
             p.id IS NOT NULL AS has_product",
            &select_list(DETAIL_FIELDS),
            &select_list(&details),
        ];
        let sql = format!(
            "SELECT {}
             {FROM} LEFT JOIN groups g ON g.id = t.group_id LEFT JOIN products p ON p.id = t.product_id
             WHERE t.number = ?1",
            columns
                .iter()
                .filter(|c| !c.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        );
        let text = |r: &Row<'_>, name: &str| -> rusqlite::Result<Option<SafeText>> {
            Ok(r.get::<_, Option<String>>(name)?.map(SafeText::from))
        };
        let detail = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![number], |r| {
                use TicketField as F;
                Ok(TicketDetail {
                    row: ticket_row(r)?,
                    version: r.get("version")?,
                    customer_id: r.get("customer_id")?,
                    customer_email: text(r, "customer_email")?,
                    group: text(r, key(F::Group))?,
                    product: text(r, key(F::Product))?,
                    first_response_at: r.get(key(F::FirstResponse))?,
                    closed_at: r.get(key(F::Closed))?,
                    complaint_stage: r
                        .get::<_, Option<String>>(key(F::ComplaintStage))?
                        .as_deref()
                        .and_then(ComplaintStage::parse),
                    sla_policy: r.get(key(F::SlaPolicy))?,
                    warranty_until: if r.get::<_, bool>("has_product")? {
                        crate::domain::warranty::warranty_end(
                            crate::domain::warranty::ProductDates {
                                purchased_at: r.get("product_purchased_at")?,
                                warranty_until: r.get("product_warranty_until")?,
                            },
                            &self.rules.field.warranty,
                        )
                    } else {
                        None
                    },
                    visits: Vec::new(),
                    details: detail_values(r)?,
                    clocks: Vec::new(),
                    tags: Vec::new(),
                    links: Vec::new(),
                    merged_into: None,
                    messages: Vec::new(),
                    attachments: Vec::new(),
                    collaborators: Vec::new(),
                    draft: None,
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
        detail.attachments = self.attachments(&detail.row.id)?;
        detail.collaborators = self.collaborators(&detail.row.id)?;
        detail.draft = self.draft(&detail.row.id)?;
        detail.visits = self.ticket_visits(number)?;
        detail.change_seq = self.ticket_change_seq(number)?;
        Ok(Some(detail))
    }

    /// The list rows of tickets `numbers` as they are now (missing numbers are left out): what live refresh
    /// patches into a visible list.
    pub fn ticket_rows(&self, numbers: &[i64]) -> Result<Vec<TicketRow>> {
        let sql = format!("SELECT {} {FROM} WHERE t.number = ?1", *ROW_COLUMNS);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut out = Vec::new();
        for n in numbers {
            if let Some(row) = stmt.query_row(params![n], ticket_row).optional()? {
                out.push(row);
            }
        }
        Ok(out)
    }

    pub fn messages(&self, ticket_id: &str) -> Result<Vec<MessageRow>> {
        let mut stmt = self.conn.prepare_cached(
            // A note desk wrote itself names the actor of its change (`sla`, an agent's handle); notes written before
            // it did so are found through the change log entry that added them.
            "SELECT m.id, m.author_kind,
                    coalesce(a.name, c.name, s.name, CASE WHEN m.author_kind = 'system' THEN coalesce(
                        m.author_id,
                        (SELECT l.actor FROM changes l
                          WHERE l.entity = 'ticket' AND l.entity_id = m.ticket_id AND l.field = 'note' AND l.new = m.id),
                        'system') END),
                    m.visibility, m.body, m.created_at, m.channel
             FROM messages m
             LEFT JOIN agents a ON m.author_kind = 'agent' AND a.id = m.author_id
             LEFT JOIN customers c ON m.author_kind = 'customer' AND c.id = m.author_id
             LEFT JOIN agents s ON m.author_kind = 'system' AND s.handle = m.author_id
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
            "SELECT {} {FROM} WHERE t.customer_id = ?1 ORDER BY t.created_at DESC LIMIT ?2",
            *ROW_COLUMNS
        );
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![customer_id, limit as i64], ticket_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
