//! Bulk changes from the queue: space marks a ticket, `V` marks a range, and status, priority, assignee, tags or a
//! macro then apply to every marked ticket (or to the selected one when none is marked). Each ticket takes the
//! change on its own: one refusal does not stop the others, and the change log gets one entry per ticket and field.

use super::commands::CommandId;
use super::confirm;
use super::msg::Effect;
use super::protocol::{Refusal, TicketRequest};
use super::tag_prompt::parse_tags;
use super::update::{say, toast};
use super::update_lists::{refresh_queue, view_counts};
use super::{Model, Overlay, PickAction, PromptKind};
use crate::domain::ticket::{Priority, Status};
use crate::i18n::{tr, tr_args};
use crate::store::ticket_write::TicketEdit;

pub(super) fn toggle_mark(model: &mut Model) -> Vec<Effect> {
    if model.queues.focus != super::QueueFocus::List {
        return Vec::new();
    }
    let Some(row) = model.queues.list.selected_row() else {
        return Vec::new();
    };
    let n = row.number;
    if model.queues.marked.remove(&n).is_none() {
        let customer = row
            .customer
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default();
        model
            .queues
            .marked
            .insert(n, (customer, row.subject.to_string()));
    }
    // Move on, so marking several in a row is space, space, space.
    super::navigate::navigate(model, CommandId::Down)
}

/// The first `V` sets where a range starts; the second marks every row from there to the cursor.
pub(super) fn mark_range(model: &mut Model) -> Vec<Effect> {
    let here = model.queues.list.selected;
    match model.queues.anchor.take() {
        None => {
            model.queues.anchor = Some(here);
            say(model, "bulk-range-started", &[], false);
        }
        Some(start) => {
            let (lo, hi) = (start.min(here), start.max(here));
            for row in model.queues.list.rows.iter().skip(lo).take(hi - lo + 1) {
                let customer = row
                    .customer
                    .as_ref()
                    .map(|c| c.to_string())
                    .unwrap_or_default();
                model
                    .queues
                    .marked
                    .insert(row.number, (customer, row.subject.to_string()));
            }
            let n = model.queues.marked.len();
            say(model, "bulk-marked", &[("n", n.into())], false);
        }
    }
    Vec::new()
}

/// Marked tickets, or the selected one.
fn targets(model: &Model) -> Vec<i64> {
    if model.queues.marked.is_empty() {
        model
            .queues
            .list
            .selected_row()
            .map(|r| vec![r.number])
            .unwrap_or_default()
    } else {
        model.queues.marked.keys().copied().collect()
    }
}

pub(super) fn open(model: &mut Model, which: CommandId) -> Vec<Effect> {
    let targets = targets(model);
    if targets.is_empty() {
        return Vec::new();
    }
    let l = model.locale;
    let what = if targets.len() == 1 {
        format!("#{}", targets[0])
    } else {
        tr_args(l, "bulk-tickets", &[("n", targets.len().into())])
    };
    let of = |key: &str| tr_args(l, key, &[("what", what.as_str().into())]);
    let edit = |label: String, e: TicketEdit| (label, PickAction::Edit(e));
    let (title, options): (String, Vec<(String, PickAction)>) = match which {
        CommandId::QueueStatus => {
            let choices = [
                Status::Open,
                Status::Pending,
                Status::OnHold,
                Status::Solved,
                Status::Closed,
            ];
            // Closed as it stands closes solved tickets; open ones close only with a reason that skips the loop.
            let mut options: Vec<(String, PickAction)> = choices
                .iter()
                .map(|s| {
                    edit(
                        crate::i18n::status(model.locale, *s),
                        TicketEdit::Status(*s),
                    )
                })
                .collect();
            options.extend(model.close_reasons.iter().map(|r| {
                (
                    super::ticket_actions::close_with_reason(l, r),
                    PickAction::Close(r.clone()),
                )
            }));
            (of("bulk-status-of"), options)
        }
        CommandId::QueuePriority => (
            of("bulk-priority-of"),
            Priority::ALL
                .iter()
                .map(|p| {
                    edit(
                        format!(
                            "{}{} {}",
                            p.letter(),
                            p.glyph(),
                            crate::i18n::priority(model.locale, *p)
                        ),
                        TicketEdit::Priority(*p),
                    )
                })
                .collect(),
        ),
        CommandId::QueueAssign => {
            let mut options = vec![edit(tr(l, "ticket-nobody"), TicketEdit::Assignee(None))];
            options.extend(model.agents.iter().map(|a| {
                edit(
                    format!("{} ({})", a.name, a.handle),
                    TicketEdit::Assignee(Some(a.handle.clone())),
                )
            }));
            (of("bulk-assign"), options)
        }
        CommandId::QueueMacro => (
            of("bulk-macro-for"),
            model
                .macros
                .iter()
                .enumerate()
                .map(|(i, m)| (m.name.clone(), PickAction::Macro(i)))
                .collect(),
        ),
        _ => {
            model.overlay = Some(Overlay::prompt(PromptKind::Tags, "", Some(targets)));
            return Vec::new();
        }
    };
    model.overlay = Some(Overlay::Picker {
        filter: Default::default(),
        title,
        options,
        selected: 0,
        targets: Some(targets),
    });
    Vec::new()
}

pub(super) fn apply(model: &mut Model, action: PickAction, targets: Vec<i64>) -> Vec<Effect> {
    match action {
        PickAction::MergeCustomer(..)
        | PickAction::CareDone(_)
        | PickAction::ArticleStatus(_)
        | PickAction::DashboardPeriod(_)
        | PickAction::OpenAttachment(_)
        | PickAction::NewVisit(_) => Vec::new(),
        PickAction::Edit(e) => vec![Effect::load(TicketRequest::BulkSet {
            numbers: targets,
            edits: vec![e],
            at: model.now,
        })],
        PickAction::Close(reason) => vec![Effect::load(TicketRequest::BulkSet {
            numbers: targets,
            edits: vec![
                TicketEdit::Status(Status::Closed),
                TicketEdit::CloseReason(reason),
            ],
            at: model.now,
        })],
        PickAction::Macro(i) => {
            let Some(m) = model.macros.get(i) else {
                return Vec::new();
            };
            let agent_name = model.my_name();
            let replies = targets
                .iter()
                .map(|n| {
                    let (customer, subject) =
                        model.queues.marked.get(n).cloned().or_else(|| {
                            let row = model.queues.list.rows.iter().find(|r| r.number == *n)?;
                            Some((
                                row.customer
                                    .as_ref()
                                    .map(|c| c.to_string())
                                    .unwrap_or_default(),
                                row.subject.to_string(),
                            ))
                        })?;
                    let ctx = crate::domain::macros::MacroContext {
                        customer_name: customer,
                        ticket_number: *n,
                        ticket_subject: subject,
                        agent_name: agent_name.clone(),
                    };
                    Some((
                        *n,
                        crate::domain::macros::render(&m.body, &ctx)
                            .trim()
                            .to_string(),
                    ))
                })
                .collect::<Option<Vec<_>>>()
                .unwrap_or_default();
            let edits = super::compose::macro_edits(&m.actions);
            let recipients: Vec<String> = replies
                .iter()
                .take(3)
                .map(|(n, _)| {
                    let who = model
                        .queues
                        .marked
                        .get(n)
                        .map(|(c, _)| c.clone())
                        .unwrap_or_default();
                    format!("#{n} {who}")
                })
                .collect();
            let l = model.locale;
            let more = replies.len().saturating_sub(recipients.len());
            let mut list = recipients.join(", ");
            if more > 0 {
                list.push_str(&format!(
                    " {}",
                    tr_args(l, "bulk-and-more", &[("more", more.into())])
                ));
            }
            let goes_to = [
                ("name", m.name.as_str().into()),
                ("n", replies.len().into()),
                ("list", list.into()),
            ];
            let mut lines = vec![tr_args(l, "bulk-macro-goes-to", &goes_to)];
            if !edits.is_empty() {
                let changes = super::review::describe_edits(l, &edits);
                lines.push(tr_args(l, "bulk-each-also", &[("changes", changes.into())]));
            }
            let request = TicketRequest::BulkReply {
                replies,
                author_id: model.identity.agent_id.clone(),
                edits,
                at: model.now,
            };
            confirm::ask(
                model,
                confirm::Confirm::new(
                    tr(l, "bulk-send-to-all"),
                    lines,
                    confirm::ConfirmAction::Requests(vec![request.into()]),
                ),
            )
        }
    }
}

pub(super) fn answer_tags(model: &mut Model, text: &str, targets: Vec<i64>) -> Vec<Effect> {
    let edits = match parse_tags(text) {
        Ok(edits) => edits,
        Err(e) => {
            toast(model, e.to_string(), true);
            return Vec::new();
        }
    };
    if edits.is_empty() {
        return Vec::new();
    }
    vec![Effect::load(TicketRequest::BulkSet {
        numbers: targets,
        edits,
        at: model.now,
    })]
}

pub(super) fn on_done(model: &mut Model, done: usize, refused: Vec<(i64, Refusal)>) -> Vec<Effect> {
    match refused.first() {
        None => say(model, "bulk-changed", &[("done", done.into())], false),
        Some((number, why)) => {
            let why = super::ticket_actions::without_number(&why.text, *number).to_string();
            let args = [
                ("done", done.into()),
                ("refused", refused.len().into()),
                ("number", (*number).into()),
                ("why", why.into()),
            ];
            say(model, "bulk-changed-refused", &args, true);
        }
    }
    model.queues.marked.clear();
    model.queues.anchor = None;
    let mut fx = vec![
        refresh_queue(model),
        view_counts(model),
        Effect::load(TicketRequest::Counts),
    ];
    if let Some(number) = model.ticket.number {
        fx.push(Effect::load(TicketRequest::Detail {
            number,
            at: model.now,
        }));
    }
    fx
}
