//! Writing on the open ticket: the editor for a reply or note (with the last customer message quoted under it),
//! macros judged against the ticket before the editor opens, and what comes back from the editor.

use super::msg::{EditPurpose, Effect};
use super::update::toast;
use super::{Model, Overlay, PickAction};
use crate::domain::macros::MacroKind;
use crate::store::ticket_write::TicketEdit;

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
    // Taken whatever came back, so an abandoned reply's choice does not ride along with the next one.
    let carried = model.ticket.carry_how.take();
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
            model
                .macros
                .get(index)
                .is_some_and(|m| m.kind == MacroKind::Note),
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
    let carried = carried.filter(|(n, _)| *n == number).map(|(_, how)| how);
    let by_mail = carried.is_some_and(|h| h.by_mail) && !internal;
    // A macro marked as a solution proposes one; the review screen's choice survives a trip back to the editor.
    let solution = !internal
        && carried.map_or_else(
            || {
                macro_index
                    .and_then(|i| model.macros.get(i))
                    .is_some_and(|m| m.solution)
            },
            |h| h.solution,
        );
    let draft = super::review::Draft {
        number,
        internal,
        body,
        macro_index,
        edits,
        article,
        since,
        by_mail,
        solution,
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
    // Call scripts are read on the follow-up call (F), not sent.
    let options: Vec<_> = model
        .macros
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind != MacroKind::CallScript)
        .map(|(i, m)| {
            let name = match m.kind {
                MacroKind::Note => format!("{} (note)", m.name),
                _ => m.name.clone(),
            };
            (name, PickAction::Macro(i))
        })
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
pub(super) fn check_macro(model: &mut Model, index: usize) -> Vec<Effect> {
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

/// What a macro's placeholders stand for on ticket `d`, written by `agent_name`.
pub(super) fn macro_context(
    d: &crate::store::tickets::TicketDetail,
    agent_name: String,
) -> crate::domain::macros::MacroContext {
    crate::domain::macros::MacroContext {
        customer_name: d
            .row
            .customer
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default(),
        ticket_number: d.row.number,
        ticket_subject: d.row.subject.to_string(),
        agent_name,
    }
}

/// Opens the editor on the macro's text filled in for this ticket; the changes it lists go with the reply.
pub(super) fn compose_macro(model: &mut Model, index: usize) -> Vec<Effect> {
    let (Some(d), Some(m)) = (&model.ticket.detail, model.macros.get(index)) else {
        return Vec::new();
    };
    let ctx = macro_context(d, model.my_name());
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
