//! Acting on the open ticket: pickers for status, priority and assignee, the history view, and the answers to
//! writes. A write carries the version the agent saw, so a change made meanwhile by someone else is caught.

use super::commands::CommandId;
use super::msg::{EditPurpose, Effect};
use super::protocol::{AddMessage, Outcome, Refusal, RefusalKind, TicketChange, TicketRequest};
use super::update::toast;
use super::{Model, Overlay, PickAction, PromptKind};
use crate::domain::ticket::{Channel, Kind, Priority, Status};
use crate::store::ticket_write::TicketEdit;

pub(super) fn open_picker(model: &mut Model, which: CommandId) -> Vec<Effect> {
    let Some(d) = &model.ticket.detail else {
        toast(model, "Open a ticket first (Enter in Queues)".into(), false);
        return Vec::new();
    };
    let (title, options): (String, Vec<(String, TicketEdit)>) = match which {
        CommandId::TicketStatus => {
            // Merging needs a target ticket, so it is not a plain status choice; a complaint closes only once
            // revisited, so Closed is left out until then (and the title says why).
            let blocked = |s: Status| {
                crate::domain::service_loop::complaint_blocks(d.row.kind, d.complaint_stage, s)
            };
            let next: Vec<Status> = d
                .row
                .status
                .allowed_next()
                .iter()
                .copied()
                .filter(|s| *s != Status::Merged && blocked(*s).is_none())
                .collect();
            let why_not_closed = d
                .row
                .status
                .allowed_next()
                .contains(&Status::Closed)
                .then(|| blocked(Status::Closed))
                .flatten();
            if next.is_empty() {
                let msg = format!(
                    "#{} is {}: its status is final",
                    d.row.number,
                    d.row.status.label()
                );
                toast(model, msg, false);
                return Vec::new();
            }
            let options = next
                .iter()
                .map(|s| (s.label().to_string(), TicketEdit::Status(*s)))
                .collect();
            let note = why_not_closed.map_or(String::new(), |_| {
                " · Closed once the complaint is revisited (E advances it)".to_string()
            });
            (
                format!(
                    "Status of #{} (now {}){note}",
                    d.row.number,
                    d.row.status.label()
                ),
                options,
            )
        }
        CommandId::TicketKind => {
            let options = Kind::ALL
                .iter()
                .map(|k| (k.label().to_string(), TicketEdit::Kind(*k)))
                .collect();
            (
                format!("Kind of #{} (now {})", d.row.number, d.row.kind.label()),
                options,
            )
        }
        CommandId::TicketGroup => {
            let mut options = vec![("No group".to_string(), TicketEdit::Group(None))];
            options.extend(
                model
                    .groups
                    .iter()
                    .map(|g| (g.name.to_string(), TicketEdit::Group(Some(g.id.clone())))),
            );
            let now = d
                .group
                .as_ref()
                .map_or("none".to_string(), |g| g.to_string());
            (format!("Group of #{} (now {now})", d.row.number), options)
        }
        CommandId::TicketChannel => {
            let options = Channel::ALL
                .iter()
                .map(|c| (c.label().to_string(), TicketEdit::Channel(*c)))
                .collect();
            (
                format!(
                    "Channel of #{} (now {})",
                    d.row.number,
                    d.row.channel.label()
                ),
                options,
            )
        }
        CommandId::TicketPriority => {
            let options = Priority::ALL
                .iter()
                .map(|p| {
                    (
                        format!(
                            "{}{} {} ({})",
                            p.letter(),
                            p.glyph(),
                            p.label(),
                            p.colour_name()
                        ),
                        TicketEdit::Priority(*p),
                    )
                })
                .collect();
            (format!("Priority of #{}", d.row.number), options)
        }
        _ => {
            let mut options = Vec::new();
            if let Some(me) = &model.identity.handle {
                options.push((format!("Me ({me})"), TicketEdit::Assignee(Some(me.clone()))));
            }
            options.push(("Nobody".to_string(), TicketEdit::Assignee(None)));
            for a in &model.agents {
                options.push((
                    format!("{} ({})", a.name, a.handle),
                    TicketEdit::Assignee(Some(a.handle.clone())),
                ));
            }
            (format!("Assign #{}", d.row.number), options)
        }
    };
    let options = options
        .into_iter()
        .map(|(label, edit)| (label, PickAction::Edit(edit)))
        .collect();
    model.ticket.edit_base = Some((d.version, d.change_seq));
    model.overlay = Some(Overlay::Picker {
        filter: Default::default(),
        title,
        options,
        selected: 0,
        targets: None,
    });
    Vec::new()
}

/// Carries out a picker choice, on the open ticket or, with `targets`, on each of those tickets.
pub(super) fn pick(
    model: &mut Model,
    action: PickAction,
    targets: Option<Vec<i64>>,
) -> Vec<Effect> {
    if let Some(targets) = targets {
        return super::bulk::apply(model, action, targets);
    }
    match action {
        PickAction::Edit(edit) => apply_edit(model, edit),
        PickAction::Macro(index) => check_macro(model, index),
        PickAction::FollowUp(outcome) => super::service_actions::record_follow_up(model, outcome),
        PickAction::MergeCustomer(..) | PickAction::CareDone(_) => {
            super::customer_actions::pick(model, action)
        }
        PickAction::ArticleStatus(status) => super::kb_actions::set_status(model, status),
        PickAction::DashboardPeriod(p) => super::dashboard::picked_period(model, p),
    }
}

/// The chosen edit, as a write against the version the agent saw when choosing: if the ticket changed while the
/// picker was open, the change is caught rather than applied on top.
fn apply_edit(model: &mut Model, edit: TicketEdit) -> Vec<Effect> {
    let Some(d) = &model.ticket.detail else {
        return Vec::new();
    };
    let (expected_version, base_seq) = model
        .ticket
        .edit_base
        .take()
        .unwrap_or((d.version, d.change_seq));
    vec![Effect::load(TicketRequest::Set {
        number: d.row.number,
        edits: vec![edit],
        expected_version,
        base_seq,
        at: model.now,
    })]
}

pub(super) fn toggle_history(model: &mut Model) -> Vec<Effect> {
    let Some(number) = model.ticket.number else {
        return Vec::new();
    };
    model.ticket.show_history = !model.ticket.show_history;
    model.ticket.scroll = 0;
    if model.ticket.show_history {
        vec![Effect::load(TicketRequest::History { number })]
    } else {
        Vec::new()
    }
}

/// A write to a ticket finished or was refused: say so, and show the ticket as it is now.
pub(super) fn on_written(
    model: &mut Model,
    number: i64,
    change: TicketChange,
    result: Outcome,
) -> Vec<Effect> {
    if change.added_message()
        && result.is_ok()
        && model.ticket.number == Some(number)
        && !model.ticket.show_history
    {
        // Show the end of the thread, where a new message lands; render clamps to the last page.
        model.ticket.scroll = usize::MAX / 2;
    }
    if change != TicketChange::DraftSaved {
        // Undo now means the last change, not the postponed draft.
        model.postponed = None;
    }
    match result {
        Ok(()) => toast(model, format!("#{number}: {}", change_words(change)), false),
        // Nothing was overwritten: show the ticket as it is now and let the agent decide again.
        Err(Refusal {
            kind: RefusalKind::Conflict,
            ..
        }) => toast(
            model,
            format!("#{number} was changed by someone else — reloaded; apply your change again"),
            true,
        ),
        Err(e) => toast(
            model,
            format!("#{number}: {}", without_number(&e.text, number)),
            true,
        ),
    }
    let mut fx = vec![
        Effect::load(TicketRequest::Detail {
            number,
            at: model.now,
        }),
        Effect::load(TicketRequest::Counts),
    ];
    fx.push(super::update_lists::view_counts(model));
    if model.ticket.show_history {
        fx.push(Effect::load(TicketRequest::History { number }));
    }
    fx
}

/// A store message about ticket `number` without the number at its start: the toast already leads with it.
pub(super) fn without_number(text: &str, number: i64) -> &str {
    let tag = format!("#{number}");
    text.strip_prefix(&tag)
        .map(|rest| rest.trim_start_matches([':', ' ']))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(text)
}

/// What a ticket write did, as the toast says it.
fn change_words(change: TicketChange) -> String {
    match change {
        TicketChange::Saved => "Saved".into(),
        TicketChange::Replied => "Reply sent".into(),
        TicketChange::Noted => "Note added".into(),
        TicketChange::Merged { into } => format!("merged into #{into}"),
        TicketChange::Linked { to } => format!("linked to #{to}"),
        TicketChange::Taken => "Taken".into(),
        TicketChange::FollowUp(outcome) => format!("follow-up recorded: {}", outcome.label()),
        TicketChange::Survey => "survey recorded".into(),
        TicketChange::DraftSaved => "draft kept — r resumes it, u brings it back now".into(),
        TicketChange::DraftDiscarded => "draft discarded".into(),
    }
}

/// The comment lines under a reply or note in the editor: what it is for, and the last customer message quoted.
pub(super) fn reply_footer(d: &crate::store::tickets::TicketDetail, internal: bool) -> String {
    let what = if internal {
        "Internal note on"
    } else {
        "Reply to"
    };
    let mut text = format!(
        "\n# {what} #{} — {}\n# Lines starting with # are removed. Save an empty message to cancel.\n",
        d.row.number, d.row.subject
    );
    if let Some(last) = d
        .messages
        .iter()
        .rev()
        .find(|m| m.author_kind == crate::store::records::AuthorKind::Customer)
    {
        text.push_str("#\n# The customer wrote:\n");
        for line in last.body.as_str().lines() {
            text.push_str(&format!("# > {line}\n"));
        }
    }
    text
}

/// Opens the editor for a reply or an internal note, with the last customer message quoted as `#` comments.
pub(super) fn compose(model: &mut Model, internal: bool) -> Vec<Effect> {
    if let Some(fx) = super::review::resume(model, internal) {
        return fx;
    }
    let Some(d) = &model.ticket.detail else {
        toast(model, "Open a ticket first (Enter in Queues)".into(), false);
        return Vec::new();
    };
    let number = d.row.number;
    let template = format!("\n{}", reply_footer(d, internal));
    if internal {
        let purpose = EditPurpose::Note { number };
        return vec![Effect::Edit { purpose, template }];
    }
    vec![
        super::team::start_reply(model, number),
        Effect::Edit {
            purpose: EditPurpose::Reply { number },
            template,
        },
    ]
}

/// The editor closed: send what was written, or say why nothing was.
pub(super) fn on_edited(model: &mut Model, purpose: EditPurpose, text: String) -> Vec<Effect> {
    let body = crate::domain::text::strip_template(&text);
    if body.is_empty() {
        let what = if purpose == EditPurpose::NewTicket {
            "the ticket was not created"
        } else {
            "nothing was sent"
        };
        toast(model, format!("Empty message: {what}"), false);
        return Vec::new();
    }
    let (number, internal, edits, macro_index) = match purpose {
        EditPurpose::NewTicket => return super::new_ticket::on_edited(model, body),
        EditPurpose::CustomerNotes
        | EditPurpose::CustomerProfile
        | EditPurpose::NewCustomer
        | EditPurpose::ArticleEdit
        | EditPurpose::NewArticle => {
            return Vec::new();
        }
        EditPurpose::Reply { number } | EditPurpose::KbReply { number } => (
            number,
            false,
            std::mem::take(&mut model.ticket.carry_edits),
            None,
        ),
        EditPurpose::Note { number } => (number, true, Vec::new(), None),
        EditPurpose::Macro { number, index } => (
            number,
            false,
            model
                .macros
                .get(index)
                .map(|m| macro_edits(&m.actions))
                .unwrap_or_default(),
            Some(index),
        ),
    };
    // A public reply is held back if the thread moved on while it was written (team mode, issue 8).
    let since = if internal {
        None
    } else {
        model.ticket.compose_seq.take()
    };
    let article = model
        .ticket
        .inserting
        .take()
        .filter(|_| matches!(purpose, EditPurpose::KbReply { .. }));
    let draft = super::review::Draft {
        number,
        internal,
        body,
        macro_index,
        edits,
        article,
        since,
    };
    super::review::written(model, draft)
}

pub(super) fn open_macros(model: &mut Model) -> Vec<Effect> {
    if model.ticket.detail.is_none() {
        toast(model, "Open a ticket first (Enter in Queues)".into(), false);
        return Vec::new();
    }
    if model.macros.is_empty() {
        toast(
            model,
            "No macros: add [[macros]] to the config".into(),
            false,
        );
        return Vec::new();
    }
    let options = model
        .macros
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name.clone(), PickAction::Macro(i)))
        .collect();
    model.overlay = Some(Overlay::Picker {
        title: "Reply with a macro".into(),
        options,
        selected: 0,
        filter: Default::default(),
        targets: None,
    });
    Vec::new()
}

/// Before any text is written: a macro whose changes the ticket cannot take is refused with the way out, and
/// one that reopens a solved ticket asks first.
fn check_macro(model: &mut Model, index: usize) -> Vec<Effect> {
    let (Some(d), Some(m)) = (&model.ticket.detail, model.macros.get(index)) else {
        return Vec::new();
    };
    let name = m.name.clone();
    match crate::domain::macros::fit(&m.actions, d.row.status, d.row.kind, d.complaint_stage) {
        crate::domain::macros::Fit::Fits => compose_macro(model, index),
        crate::domain::macros::Fit::Refused(why) => {
            toast(model, format!("Macro “{name}” does not fit: {why}"), true);
            Vec::new()
        }
        crate::domain::macros::Fit::Reopens { from, to } => super::confirm::ask(
            model,
            super::confirm::Confirm::new(
                format!("“{name}” reopens this ticket"),
                vec![format!(
                    "It is {}; sending this reply moves it to {}. Write the reply?",
                    from.label(),
                    to.label()
                )],
                super::confirm::ConfirmAction::ComposeMacro(index),
            ),
        ),
    }
}

/// Opens the editor on the macro's text filled in for this ticket; the changes it lists go with the reply.
pub(super) fn compose_macro(model: &mut Model, index: usize) -> Vec<Effect> {
    let (Some(d), Some(m)) = (&model.ticket.detail, model.macros.get(index)) else {
        return Vec::new();
    };
    let agent_name = model.my_name();
    let ctx = crate::domain::macros::MacroContext {
        customer_name: d
            .row
            .customer
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default(),
        ticket_number: d.row.number,
        ticket_subject: d.row.subject.to_string(),
        agent_name,
    };
    let mut template = crate::domain::macros::render(&m.body, &ctx);
    template.push_str(&format!(
        "\n# Macro \"{}\" on #{}. Lines starting with # are removed; empty cancels.\n",
        m.name, d.row.number
    ));
    let changes = macro_edits(&m.actions);
    if !changes.is_empty() {
        template.push_str(&format!(
            "# On send it also sets: {}\n",
            super::review::describe_edits(&changes)
        ));
    }
    let number = d.row.number;
    vec![
        super::team::start_reply(model, number),
        Effect::Edit {
            purpose: EditPurpose::Macro { number, index },
            template,
        },
    ]
}

pub(super) fn macro_edits(a: &crate::domain::macros::MacroActions) -> Vec<TicketEdit> {
    let mut out = Vec::new();
    out.extend(a.status.map(TicketEdit::Status));
    out.extend(a.priority.map(TicketEdit::Priority));
    out.extend(a.add_tags.iter().map(|t| TicketEdit::AddTag(t.clone())));
    out.extend(
        a.assignee
            .as_ref()
            .map(|h| TicketEdit::Assignee(Some(h.clone()))),
    );
    out
}

pub(super) fn prompt(model: &mut Model, kind: PromptKind) -> Vec<Effect> {
    if model.ticket.detail.is_none() {
        toast(model, "Open a ticket first (Enter in Queues)".into(), false);
        return Vec::new();
    }
    model.ticket.edit_base = model
        .ticket
        .detail
        .as_ref()
        .map(|d| (d.version, d.change_seq));
    model.overlay = Some(Overlay::prompt(kind, "", None));
    Vec::new()
}

pub(super) fn answer_prompt(model: &mut Model, kind: PromptKind, text: &str) -> Vec<Effect> {
    if kind == PromptKind::Search {
        return super::search_pane::start(model, text);
    }
    if kind == PromptKind::DashboardDates {
        return super::dashboard::custom_dates(model, text);
    }
    if kind == PromptKind::GoTo {
        return match crate::domain::ticket::number_in(text) {
            Some(n) => super::update_lists::go_to_ticket(model, n),
            None => {
                toast(model, format!("`{text}` is not a ticket number"), true);
                Vec::new()
            }
        };
    }
    let Some(d) = &model.ticket.detail else {
        return Vec::new();
    };
    let (number, (version, base_seq)) = (
        d.row.number,
        model
            .ticket
            .edit_base
            .take()
            .unwrap_or((d.version, d.change_seq)),
    );
    if text.is_empty() {
        return Vec::new();
    }
    let other = || text.trim_start_matches('#').parse::<i64>().ok();
    match kind {
        // Answered at the top: search needs no open ticket.
        PromptKind::Filter | PromptKind::Search | PromptKind::DashboardDates | PromptKind::GoTo => {
            Vec::new()
        }
        PromptKind::Tags => {
            let edits = match super::tag_prompt::parse_tags(text) {
                Ok(edits) => edits,
                Err(e) => {
                    toast(model, e.to_string(), true);
                    return Vec::new();
                }
            };
            if edits.is_empty() {
                return Vec::new();
            }
            vec![Effect::load(TicketRequest::Set {
                number,
                edits,
                expected_version: version,
                base_seq,
                at: model.now,
            })]
        }
        PromptKind::Note => vec![Effect::load(TicketRequest::AddMessage(AddMessage {
            number,
            author_id: model.identity.agent_id.clone(),
            internal: true,
            body: text.to_string(),
            edits: Vec::new(),
            since: None,
            at: model.now,
        }))],
        PromptKind::MergeInto | PromptKind::LinkTo => match other() {
            // Both tickets are shown before anything moves.
            Some(target) if kind == PromptKind::MergeInto => {
                vec![Effect::load(TicketRequest::MergePreview {
                    source: number,
                    target,
                })]
            }
            Some(target) => vec![Effect::load(TicketRequest::Link {
                a: number,
                b: target,
                at: model.now,
            })],
            None => {
                toast(model, format!("`{text}` is not a ticket number"), true);
                Vec::new()
            }
        },
    }
}

/// Takes the ticket only if it is unassigned: two agents pressing at once cannot both get it.
pub(super) fn take(model: &mut Model) -> Vec<Effect> {
    let (Some(d), Some(me)) = (&model.ticket.detail, model.identity.agent_id.clone()) else {
        toast(
            model,
            "Open a ticket (and set agent.handle) to take it".into(),
            false,
        );
        return Vec::new();
    };
    vec![Effect::load(TicketRequest::Take {
        number: d.row.number,
        agent_id: me,
        at: model.now,
    })]
}

/// Opens ticket `number` in the Ticket pane.
pub(super) fn open_number(model: &mut Model, number: i64) -> Vec<Effect> {
    super::update_lists::open_ticket(model, number)
}
