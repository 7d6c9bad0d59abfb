//! Each ticket field (`domain::ticket_fields`) in SQL: the expression the ticket queries select for it, named by
//! the field's key, and how the view language's generic `key:text` clause tests it. The match is exhaustive, so
//! a field declared in the domain cannot be forgotten here.
//!
//! Expressions use the aliases of the ticket queries: `t` tickets, `c` its customer, `a` its assignee; the
//! one-ticket query also joins `g` its group and `p` its product. Filters are subqueries on `t`'s own columns,
//! so a list never needs an extra join to filter.

use crate::domain::ticket_fields::TicketField;

pub struct Column {
    pub select: &'static str,
    /// The condition `key:text` compiles to, `{p}` standing for the bound LIKE pattern (`None`: not filterable).
    pub contains: Option<&'static str>,
}

const fn col(select: &'static str) -> Column {
    Column {
        select,
        contains: None,
    }
}

/// A column of the ticket's own, filtered by `key:text` directly.
const fn own(select: &'static str, contains: &'static str) -> Column {
    Column {
        select,
        contains: Some(contains),
    }
}

pub fn column(field: TicketField) -> Column {
    match field {
        TicketField::Number => col("t.number"),
        TicketField::Subject => col("t.subject"),
        TicketField::Status => col("t.status"),
        TicketField::Priority => col("t.priority"),
        TicketField::Kind => col("t.kind"),
        TicketField::Channel => col("t.channel"),
        TicketField::Customer => col("c.name"),
        TicketField::Assignee => col("a.name"),
        TicketField::Group => col("g.name"),
        TicketField::Product => Column {
            select: "p.name",
            contains: Some(
                "t.product_id IN (SELECT id FROM products WHERE name LIKE {p} ESCAPE '\\')",
            ),
        },
        TicketField::Serial => Column {
            select: "p.serial",
            contains: Some(
                "t.product_id IN (SELECT id FROM products WHERE serial LIKE {p} ESCAPE '\\')",
            ),
        },
        TicketField::Created => col("t.created_at"),
        TicketField::Updated => col("t.updated_at"),
        TicketField::FirstResponse => col("t.first_response_at"),
        TicketField::Solved => col("t.solved_at"),
        TicketField::Closed => col("t.closed_at"),
        TicketField::MergedInto => {
            col("(SELECT m.number FROM tickets m WHERE m.id = t.merged_into)")
        }
        TicketField::ComplaintStage => col("t.complaint_stage"),
        TicketField::LoopStage => col("t.loop_stage"),
        TicketField::FollowUpDue => col("t.follow_up_due_at"),
        TicketField::SlaPolicy => col("t.sla_policy"),
        TicketField::CloseReason => own("t.close_reason", "t.close_reason LIKE {p} ESCAPE '\\'"),
        TicketField::ComplaintCategory => own(
            "t.complaint_category",
            "t.complaint_category LIKE {p} ESCAPE '\\'",
        ),
        TicketField::ComplaintSeverity => own(
            "t.complaint_severity",
            "t.complaint_severity LIKE {p} ESCAPE '\\'",
        ),
        TicketField::ComplaintOwner => {
            col("(SELECT o.name FROM agents o WHERE o.id = t.complaint_owner_id)")
        }
        TicketField::RootCause => own("t.root_cause", "t.root_cause LIKE {p} ESCAPE '\\'"),
        TicketField::ComplaintResolution => col("t.complaint_resolution"),
        TicketField::City => Column {
            select: "c.city",
            contains: Some(
                "t.customer_id IN (SELECT id FROM customers WHERE city LIKE {p} ESCAPE '\\')",
            ),
        },
    }
}

/// `expr AS "key"` for each field: the select list of a ticket query, read back by key.
pub fn select_list(fields: &[TicketField]) -> String {
    fields
        .iter()
        .map(|f| {
            format!(
                "{} AS \"{}\"",
                column(*f).select,
                crate::domain::ticket_fields::def(*f).key
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}
