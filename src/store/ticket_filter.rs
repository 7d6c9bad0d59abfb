//! Compiles a [`TicketFilter`] to SQL with bound parameters. Values typed by users are always bound; the only
//! literals are names from closed enums (statuses, priorities …), which must be literal for SQLite to match the
//! partial indexes built for the views.

use super::paging::Clauses;
use super::tickets::{FROM, ROW_COLUMNS};
use super::{fts_phrase, like_pattern, use_fts};
use crate::domain::phone::Region;
use crate::domain::ticket::Status;
use crate::domain::view::{PageRequest, SlaSelect, SlaState, SortKey, TicketFilter, Who};
use rusqlite::types::Value as SqlValue;

/// A literal SQL list of closed-enum names: `'open', 'pending'`.
fn literal_list<T: Copy>(items: &[T], name: fn(T) -> &'static str) -> String {
    items
        .iter()
        .map(|i| format!("'{}'", name(*i)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Pages and counts want different SQL for the same filter (see the tier clause).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Page,
    Count,
}

/// Where-clause for "customer name, email or phone contains `text`" (or, for text that looks like a phone number,
/// "the phone is that number in any spelling"), on column `customer_id`.
fn customer_matches(c: &mut Clauses, text: &str, region: Region) -> String {
    if use_fts(text) {
        let p = c.bind(fts_phrase(text));
        let phones = super::customer_filter::phone_rids(c, text, region);
        let pinyin = super::customer_filter::pinyin_rids(c, text);
        format!(
            "t.customer_id IN (SELECT id FROM customers WHERE rid IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH {p}{phones}{pinyin}))"
        )
    } else if crate::domain::pinyin::is_han_query(text)
        || crate::domain::pinyin::is_pinyin_query(text)
    {
        // One or two characters or letters: a prefix query on the customers' name index (pinyin, characters, the
        // name's and the email's words), as the customer list does, rather than a scan of every customer.
        let words = super::customer_filter::pinyin_rids(c, text);
        let q = words.strip_prefix(" UNION ALL ").unwrap_or_default();
        format!("t.customer_id IN (SELECT id FROM customers WHERE rid IN ({q}))")
    } else {
        let p = c.bind(like_pattern(text));
        let pinyin = super::customer_filter::pinyin_rids(c, text);
        let pinyin = pinyin
            .strip_prefix(" UNION ALL ")
            .map_or(String::new(), |q| format!(" OR rid IN ({q})"));
        format!(
            "t.customer_id IN (SELECT id FROM customers WHERE name LIKE {p} ESCAPE '\\' OR email LIKE {p} ESCAPE '\\' OR phone LIKE {p} ESCAPE '\\'{pinyin})"
        )
    }
}

fn compile(filter: &TicketFilter, me: Option<&str>, purpose: Purpose, region: Region) -> Clauses {
    let mut c = Clauses::default();
    if let Some(v) = &filter.statuses {
        c.push(format!("t.status IN ({})", literal_list(v, |s| s.as_str())));
    }
    if let Some(v) = &filter.priorities {
        c.push(format!(
            "t.priority IN ({})",
            literal_list(v, |s| s.as_str())
        ));
    }
    if let Some(v) = &filter.kinds {
        c.push(format!("t.kind IN ({})", literal_list(v, |s| s.as_str())));
    }
    if let Some(v) = &filter.channels {
        c.push(format!(
            "t.channel IN ({})",
            literal_list(v, |s| s.as_str())
        ));
    }
    if let Some(who) = &filter.assignees {
        let mut any = Vec::new();
        for w in who {
            match (w, me) {
                (Who::Nobody, _) => any.push("t.assignee_id IS NULL".to_string()),
                (Who::Me, Some(me)) => {
                    let p = c.bind(me.to_string());
                    any.push(format!("t.assignee_id = {p}"));
                }
                // No identity: "mine" is nothing rather than everything.
                (Who::Me, None) => any.push("0".to_string()),
                (Who::Handle(h), _) => {
                    let p = c.bind(h.clone());
                    any.push(format!(
                        "t.assignee_id = (SELECT id FROM agents WHERE handle = {p})"
                    ));
                }
            }
        }
        c.push(if any.is_empty() {
            "0".to_string()
        } else {
            format!("({})", any.join(" OR "))
        });
    }
    if let Some(tiers) = &filter.tiers {
        let list = literal_list(tiers, |t| t.as_str());
        c.push(match purpose {
            // A page walks tickets in order and checks each row's customer: a few PK lookups per row shown.
            Purpose::Page => format!("c.tier IN ({list})"),
            // A count walks customers_tier and the covering tickets_customer_status index instead of joining
            // every open ticket to its customer (0.5 s → 45 ms at a million tickets).
            Purpose::Count => {
                format!("t.customer_id IN (SELECT id FROM customers WHERE tier IN ({list}))")
            }
        });
    }
    if let Some(tags) = &filter.tags {
        let ps: Vec<String> = tags.iter().map(|t| c.bind(t.clone())).collect();
        c.push(format!(
            "t.id IN (SELECT entity_id FROM tags WHERE entity = 'ticket' AND tag IN ({}))",
            if ps.is_empty() {
                "NULL".to_string()
            } else {
                ps.join(", ")
            }
        ));
    }
    if let Some(text) = &filter.customer {
        let clause = customer_matches(&mut c, text, region);
        c.push(clause);
    }
    for (field, text) in &filter.fields {
        if let Some(contains) = super::ticket_columns::column(*field).contains {
            let p = c.bind(like_pattern(text));
            c.push(contains.replace("{p}", &p));
        }
    }
    if let Some(group) = &filter.group {
        if group.eq_ignore_ascii_case("none") {
            c.push("t.group_id IS NULL".to_string());
        } else {
            let p = c.bind(group.clone());
            c.push(format!(
                "t.group_id = (SELECT id FROM groups WHERE name = {p})"
            ));
        }
    }
    for (bound, column, op) in [
        (filter.created_after, "t.created_at", ">="),
        (filter.created_before, "t.created_at", "<"),
        (filter.updated_after, "t.updated_at", ">="),
        (filter.updated_before, "t.updated_at", "<"),
        (filter.solved_since, "t.solved_at", ">="),
        (filter.solved_before, "t.solved_at", "<"),
    ] {
        if let Some(v) = bound {
            let p = c.bind(v);
            c.push(format!("{column} {op} {p}"));
        }
    }
    if let Some(text) = &filter.text {
        if use_fts(text) {
            let p = c.bind(fts_phrase(text));
            let by_customer = customer_matches(&mut c, text, region);
            c.push(format!("(t.rid IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH {p}) OR {by_customer})"));
        } else {
            let p = c.bind(like_pattern(text));
            c.push(format!(
                "(t.subject LIKE {p} ESCAPE '\\' OR c.name LIKE {p} ESCAPE '\\')"
            ));
        }
    }
    if let Some(sla) = &filter.sla {
        let clause = sla_states(&mut c, sla);
        c.push(clause);
    }
    for (bound, op) in [(filter.due_before, "<"), (filter.due_after, ">")] {
        if let Some(v) = bound {
            let p = c.bind(v);
            c.push(format!("t.sla_due_at {op} {p}"));
        }
    }
    if let Some(by) = filter.follow_up_due_by {
        let p = c.bind(by);
        c.push(format!("t.follow_up_due_at <= {p}"));
    }
    if let Some(v) = &filter.loop_stages {
        c.push(format!(
            "t.loop_stage IN ({})",
            literal_list(v, |s| s.as_str())
        ));
    }
    if let Some(v) = &filter.complaint_stages {
        c.push(format!(
            "t.complaint_stage IN ({})",
            literal_list(v, |s| s.as_str())
        ));
    }
    // A list ordered by a time only some tickets have holds just those tickets (NULL has no place in a keyset).
    match filter.sort.key {
        SortKey::Solved => c.push("t.solved_at IS NOT NULL"),
        SortKey::Due => c.push("t.sla_due_at IS NOT NULL"),
        SortKey::FollowUp => c.push("t.follow_up_due_at IS NOT NULL"),
        _ => {}
    }
    c
}

/// The SLA states as conditions on the stored clock (see migration 0003): a running clock has due and risk
/// times; a paused one keeps its remaining business time.
fn sla_states(c: &mut Clauses, sla: &SlaSelect) -> String {
    if sla.states.is_empty() {
        return "0".into();
    }
    // Paused alone never reads the time, and SQLite refuses a bound parameter nobody uses.
    let now = if sla.states.iter().any(|s| *s != SlaState::Paused) {
        c.bind(sla.now)
    } else {
        String::new()
    };
    let any: Vec<String> = sla
        .states
        .iter()
        .map(|s| match s {
            SlaState::Ok => format!("t.sla_risk_at > {now}"),
            SlaState::AtRisk => format!("(t.sla_risk_at <= {now} AND t.sla_due_at > {now})"),
            SlaState::Breached => {
                format!("(t.sla_due_at <= {now} OR (t.sla_paused = 1 AND t.sla_remaining <= 0))")
            }
            SlaState::Paused => "(t.sla_paused = 1 AND t.sla_remaining > 0)".into(),
        })
        .collect();
    format!("({})", any.join(" OR "))
}

fn sort_column(key: SortKey) -> &'static str {
    match key {
        SortKey::Updated => "t.updated_at",
        SortKey::Created => "t.created_at",
        SortKey::Number => "t.number",
        SortKey::Solved => "t.solved_at",
        SortKey::Due => "t.sla_due_at",
        SortKey::FollowUp => "t.follow_up_due_at",
        // A virtual column (migration 9): urgent 0 … low 3.
        SortKey::Priority => "t.priority_rank",
    }
}

/// The index built for a view's shape (see the migration). Pinned with INDEXED BY because on small or freshly
/// analysed databases the planner may prefer a status index plus a sort, which at a million rows means sorting
/// every open ticket for each page. Other filters leave the choice to the planner: driving from FTS or a narrow
/// condition wins when few rows match.
fn index_for(filter: &TicketFilter, me: Option<&str>) -> Option<&'static str> {
    if !filter.is_view_shape() {
        return None;
    }
    // By priority, either way round: the open queues and all tickets have an index on the rank. Other shapes (one
    // agent's tickets, one status) are few enough, or an export, to sort what they select.
    if filter.sort.key == SortKey::Priority {
        return match (filter.statuses.as_deref(), filter.assignees.as_deref()) {
            (Some(s), None) if s == Status::OPEN_SET => Some("tickets_open_priority"),
            (None, None) => Some("tickets_priority"),
            _ => None,
        };
    }
    // Due lists run soonest first; their index holds only tickets that have the time.
    if !filter.sort.descending {
        return match filter.sort.key {
            SortKey::Due if filter.assignees.is_none() => Some("tickets_sla_due"),
            SortKey::FollowUp if filter.assignees.is_none() => Some("tickets_follow_up_due"),
            _ => None,
        };
    }
    let assignees = filter.assignees.as_deref();
    match (filter.sort.key, filter.statuses.as_deref(), assignees) {
        (SortKey::Solved, _, None) => Some("tickets_solved"),
        (SortKey::Updated, Some(s), None) if s == Status::OPEN_SET => Some("tickets_open_updated"),
        (SortKey::Updated, Some(s), Some([Who::Nobody])) if s == Status::OPEN_SET => {
            Some("tickets_unassigned_updated")
        }
        // Without an identity "mine" compiles to FALSE and no index applies.
        (SortKey::Updated, Some(s), Some([Who::Me])) if s == Status::OPEN_SET && me.is_some() => {
            Some("tickets_assignee_open_updated")
        }
        (SortKey::Updated, Some([_]), None) => Some("tickets_status_updated"),
        (SortKey::Updated, None, None) => Some("tickets_updated"),
        _ => None,
    }
}

/// The SQL for one page; public for the query-plan test. Phone numbers in the text are keyed under `region`.
pub fn ticket_page_sql(
    filter: &TicketFilter,
    me: Option<&str>,
    req: PageRequest,
    limit: usize,
    region: Region,
) -> (String, Vec<SqlValue>) {
    let mut c = compile(filter, me, Purpose::Page, region);
    let key = sort_column(filter.sort.key);
    let tail = c.keyset(req, key, "t.rid", limit, filter.sort.descending);
    let from = match index_for(filter, me) {
        Some(index) => FROM.replacen("tickets t", &format!("tickets t INDEXED BY {index}"), 1),
        None => FROM.to_string(),
    };
    let sql = format!(
        "SELECT {}, {key} AS sort_key {from}{}{tail}",
        *ROW_COLUMNS,
        c.where_sql()
    );
    (sql, c.params)
}

/// The SQL counting a filter's tickets; joins customers only when free text may match a customer name.
pub fn ticket_count_sql(
    filter: &TicketFilter,
    me: Option<&str>,
    region: Region,
) -> (String, Vec<SqlValue>) {
    let c = compile(filter, me, Purpose::Count, region);
    let from = if filter.text.is_some() {
        FROM
    } else {
        "FROM tickets t"
    };
    (format!("SELECT count(*) {from}{}", c.where_sql()), c.params)
}

/// The SQL telling whether ticket `id` is one of `filter`'s: a routing rule's conditions (store::routing).
pub(super) fn ticket_match_sql(
    filter: &TicketFilter,
    id: &str,
    region: Region,
) -> (String, Vec<SqlValue>) {
    let mut c = compile(filter, None, Purpose::Page, region);
    let p = c.bind(id.to_string());
    c.push(format!("t.id = {p}"));
    (
        format!("SELECT 1 {FROM}{} LIMIT 1", c.where_sql()),
        c.params,
    )
}
