//! The ticket header's fields laid out in lines at a width, before styling. Render draws these lines and update
//! sizes the thread below them, so both use this one layout. Nothing is cut silently: a field that does not fit
//! on a line wraps onto the next (its continuation indented), the subject wraps, and whatever a small screen
//! leaves no room for is marked with `…`.

use super::{Model, layout};
use crate::domain::text::{local_date, one_line, sanitize, truncate, width, wrap};
use crate::domain::ticket::Priority;
use crate::domain::ticket_fields::{Place, TICKET_FIELDS};
use crate::i18n::{tr, tr_args, tr_of};
use crate::store::tickets::TicketDetail;
use ratatui::layout::Rect;

/// How a piece of the header is drawn; render maps each to a style of the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `#1042`, field labels, separators.
    Muted,
    Subject,
    /// A value that matters most (the status).
    Strong,
    Plain,
    Priority(Priority),
    /// Merged into / linked tickets.
    Relation,
    /// An SLA clock's countdown, drawn in its state's style.
    Clock(crate::domain::sla::ClockState),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub role: Role,
}

fn piece(text: impl Into<String>, role: Role) -> Piece {
    Piece {
        text: text.into(),
        role,
    }
}

/// One `Label value` of the header.
struct Field {
    label: String,
    value: String,
    role: Role,
}

fn field(label: String, value: impl Into<String>, role: Role) -> Field {
    Field {
        label,
        value: value.into(),
        role,
    }
}

/// Lines a long subject or field may take before it ends in `…`.
const MAX_WRAP: usize = 2;

/// The header's fields in groups; each group starts a line and its fields flow on from there.
fn groups(d: &TicketDetail, model: &Model) -> Vec<Vec<Field>> {
    let t = &d.row;
    let l = model.locale;
    let label = |key: &str| tr(l, key);
    let fmt = |ts: i64| model.date(ts);
    let ago = |ts: i64| crate::i18n::ago(model.locale, model.now - ts);
    let mut customer = t
        .customer
        .as_ref()
        .map_or("—".to_string(), |c| c.to_string());
    if let Some(email) = &d.customer_email {
        customer.push_str(&format!(" <{email}>"));
    }
    if let Some(tier) = t.customer_tier {
        customer.push_str(&format!(" · {}", model.tier_name(tier)));
    }
    let tags = if d.tags.is_empty() {
        "—".to_string()
    } else {
        let tags: Vec<String> = d.tags.iter().map(|t| t.to_string()).collect();
        tags.join(", ")
    };
    let dash = |v: Option<String>| v.unwrap_or_else(|| "—".to_string());
    let state = vec![
        field(
            label("ticket-label-status"),
            crate::i18n::status(model.locale, t.status),
            Role::Strong,
        ),
        field(
            label("ticket-label-priority"),
            format!(
                "{}{} {}",
                t.priority.letter(),
                t.priority.glyph(),
                crate::i18n::priority(model.locale, t.priority)
            ),
            Role::Priority(t.priority),
        ),
        field(
            label("ticket-label-kind"),
            tr_of(l, "ticket-kind-", t.kind.as_str()),
            Role::Plain,
        ),
        field(
            label("ticket-label-channel"),
            tr_of(l, "ticket-channel-", t.channel.as_str()),
            Role::Plain,
        ),
    ];
    let people = vec![
        field(label("ticket-label-customer"), customer, Role::Plain),
        field(
            label("ticket-label-assignee"),
            t.assignee
                .as_ref()
                .map_or_else(|| tr(l, "ticket-unassigned"), |a| a.to_string()),
            Role::Plain,
        ),
        field(
            label("ticket-label-group"),
            dash(d.group.as_ref().map(|g| g.to_string())),
            Role::Plain,
        ),
    ];
    // Tags lead their group, so they are on screen even when the rest is cut short.
    let mut facts = vec![
        field(label("ticket-label-tags"), tags, Role::Plain),
        field(
            label("ticket-label-created"),
            format!("{} ({})", fmt(t.created_at), ago(t.created_at)),
            Role::Plain,
        ),
        field(
            label("ticket-label-updated"),
            ago(t.updated_at),
            Role::Plain,
        ),
        field(
            label("ticket-label-product"),
            dash(d.product.as_ref().map(|p| p.to_string())),
            Role::Plain,
        ),
    ];
    if let Some(until) = d.warranty_until {
        // By the date only: what the engineer finds (damage by the user …) is decided on the visit.
        let day = local_date(until, model.utc_offset, "%Y-%m-%d");
        let key = if model.now <= until {
            "ticket-warranty-in"
        } else {
            "ticket-warranty-out"
        };
        let state = tr_args(l, key, &[("day", day.into())]);
        facts.push(field(label("ticket-label-warranty"), state, Role::Plain));
    }
    if !d.visits.is_empty() {
        facts.push(field(
            label("ticket-label-visits"),
            visits(d, model),
            Role::Relation,
        ));
    }
    if let Some(n) = d.merged_into {
        facts.push(field(
            label("ticket-label-merged-into"),
            format!("#{n}"),
            Role::Relation,
        ));
    }
    if !d.links.is_empty() {
        let links: Vec<String> = d.links.iter().map(|n| format!("#{n}")).collect();
        facts.push(field(
            label("ticket-label-links"),
            links.join(" "),
            Role::Relation,
        ));
    }
    // The fields declared in `domain::ticket_fields` to show by key (not laid out by hand).
    for def in TICKET_FIELDS.iter().filter(|f| f.place == Place::Details) {
        let Some(raw) = d.details.text(def.field) else {
            continue;
        };
        let value = crate::i18n::fields::value(
            model.locale,
            def,
            &raw,
            &|_, _| None,
            model.utc_offset,
            model.date_pattern(),
        );
        facts.push(field(
            crate::i18n::fields::label(model.locale, def),
            one_line(&sanitize(&value)),
            Role::Plain,
        ));
    }
    vec![state, people, facts]
}

/// The ticket's visits, newest first: `V18 scheduled 11-20 10:00 li · V1 completed`.
fn visits(d: &TicketDetail, model: &Model) -> String {
    let shown: Vec<String> = d
        .visits
        .iter()
        .rev()
        .take(3)
        .map(|v| {
            let when = match (
                v.status.holds_time() && !v.status.is_final(),
                v.window_start,
            ) {
                (true, Some(at)) => {
                    let local =
                        chrono::DateTime::from_timestamp(at + i64::from(model.utc_offset), 0);
                    local
                        .map(|t| t.format(" %m-%d %H:%M").to_string())
                        .unwrap_or_default()
                }
                _ => String::new(),
            };
            let who = v
                .engineer
                .as_deref()
                .map(|e| format!(" {e}"))
                .unwrap_or_default();
            format!(
                "V{} {}{when}{who}",
                v.number,
                crate::i18n::tr_of(model.locale, "timeline-visit-status-", v.status.as_str())
            )
        })
        .collect();
    let more = d.visits.len().saturating_sub(3);
    let tail = if more > 0 {
        format!(" · +{more}")
    } else {
        String::new()
    };
    format!("{}{tail}", shown.join(" · "))
}

/// At most `max` lines of `text` wrapped to `w` cells, the last ending in `…` if more was left over.
fn wrap_at_most(text: &str, w: usize, max: usize) -> Vec<String> {
    let mut lines = wrap(text, w.max(1));
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            *last = truncate(&format!("{last} …"), w);
        }
    }
    lines
}

/// The subject line(s), then the fields, flowed into lines of `w` cells: every line the header would need.
pub fn flow(d: &TicketDetail, model: &Model, w: usize) -> Vec<Vec<Piece>> {
    let number = format!("#{} ", crate::domain::ticket::shown_number(d.row.number));
    let indent = width(&number);
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    for (i, text) in wrap_at_most(d.row.subject.as_str(), w.saturating_sub(indent), MAX_WRAP)
        .into_iter()
        .enumerate()
    {
        let lead = if i == 0 {
            number.clone()
        } else {
            " ".repeat(indent)
        };
        lines.push(vec![piece(lead, Role::Muted), piece(text, Role::Subject)]);
    }
    for group in groups(d, model) {
        let mut line: Vec<Piece> = Vec::new();
        let mut used = 0;
        for f in group {
            let label_w = width(&f.label) + 1;
            let need = label_w + width(&f.value);
            if used > 0 && used + 2 + need > w {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if used > 0 {
                line.push(piece("  ", Role::Muted));
                used += 2;
            }
            line.push(piece(format!("{} ", f.label), Role::Muted));
            let room = w.saturating_sub(used + label_w);
            if need <= w.saturating_sub(used) || room == 0 {
                let value = truncate(&f.value, room);
                used += label_w + width(&value);
                line.push(piece(value, f.role));
                continue;
            }
            // Longer than a line: wrap under its own start.
            let parts = wrap_at_most(&f.value, room, MAX_WRAP);
            let indent = used + label_w;
            let last = parts.len() - 1;
            for (i, part) in parts.into_iter().enumerate() {
                if i > 0 {
                    lines.push(std::mem::take(&mut line));
                    line.push(piece(" ".repeat(indent), Role::Muted));
                }
                if i == last {
                    used = indent + width(&part);
                }
                line.push(piece(part, f.role));
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// Lines under the fields: the SLA clocks (wrapped at `w`), and the closed loop or complaint stage when they apply.
fn status_lines(d: &TicketDetail, model: &Model, w: usize) -> usize {
    super::sla_header::sla_lines(d, model, w).len()
        + usize::from(d.row.loop_stage.is_some() || d.complaint_stage.is_some())
}

/// The most lines (inside its border) the header may take of a body `height` rows tall: the thread keeps at
/// least half.
fn cap(height: u16) -> usize {
    (usize::from(height) / 2).saturating_sub(2).max(3)
}

/// The header's field lines as drawn in a body of `body` size: all of [`flow`] if they fit, else as many as
/// fit with the last ending in `…`.
pub fn lines(d: &TicketDetail, model: &Model, body: Rect) -> Vec<Vec<Piece>> {
    let w = usize::from(body.width.saturating_sub(2));
    let mut lines = flow(d, model, w);
    let room = cap(body.height)
        .saturating_sub(status_lines(d, model, w))
        .max(1);
    if lines.len() > room {
        lines.truncate(room);
        if let Some(last) = lines.last_mut() {
            // Make room for the mark at the end of the last line kept.
            while !last.is_empty() && last.iter().map(|p| width(&p.text)).sum::<usize>() + 2 > w {
                last.pop();
            }
            last.push(piece(" …", Role::Muted));
        }
    }
    lines
}

/// The header (bordered) and the thread below it, in the ticket pane's `body`.
pub fn split(model: &Model, body: Rect) -> (Rect, Rect) {
    let inner = match &model.ticket.detail {
        Some(d) => {
            let w = usize::from(body.width.saturating_sub(2));
            lines(d, model, body).len() + status_lines(d, model, w)
        }
        None => usize::from(layout::TICKET_HEADER_LINES),
    };
    layout::ticket(body, u16::try_from(inner).unwrap_or(u16::MAX))
}
