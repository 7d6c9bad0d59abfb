//! Writing on the open ticket: the editor for a reply or note (with the last customer message quoted under it),
//! macros judged against the ticket before the editor opens, and what comes back from the editor.

use super::msg::{EditPurpose, Effect};
use super::update::say;
use super::{Model, Overlay, PickAction};
use crate::domain::macros::MacroKind;
use crate::i18n::{Locale, tr, tr_args};
use crate::store::ticket_write::TicketEdit;

/// The comment lines under a reply or note in the editor: what it is for, and the last customer message quoted.
pub(super) fn reply_footer(
    l: Locale,
    d: &crate::store::tickets::TicketDetail,
    internal: bool,
) -> String {
    let key = if internal {
        "compose-footer-note"
    } else {
        "compose-footer-reply"
    };
    let args = [
        ("number", d.row.number.into()),
        ("subject", d.row.subject.to_string().into()),
    ];
    let mut text = format!(
        "\n# {}\n# {}\n",
        tr_args(l, key, &args),
        tr(l, "compose-footer-help")
    );
    if let Some(last) = d
        .messages
        .iter()
        .rev()
        .find(|m| m.author_kind == crate::store::records::AuthorKind::Customer)
    {
        text.push_str(&format!(
            "#\n# {}\n",
            tr(l, "compose-footer-customer-wrote")
        ));
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
        say(model, "ticket-open-first", &[], false);
        return Vec::new();
    };
    let number = d.row.number;
    let template = format!("\n{}", reply_footer(model.locale, d, internal));
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
        let key = if purpose == EditPurpose::NewTicket {
            "compose-empty-not-created"
        } else {
            "compose-empty-not-sent"
        };
        say(model, key, &[], false);
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
        say(model, "ticket-open-first", &[], false);
        return Vec::new();
    }
    if model.macros.is_empty() {
        say(model, "compose-no-macros", &[], false);
        return Vec::new();
    }
    let l = model.locale;
    // Call scripts are read on the follow-up call (F), not sent.
    let options: Vec<_> = model
        .macros
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind != MacroKind::CallScript)
        .map(|(i, m)| {
            let name = match m.kind {
                MacroKind::Note => {
                    tr_args(l, "compose-macro-note", &[("name", m.name.as_str().into())])
                }
                _ => m.name.clone(),
            };
            (name, PickAction::Macro(i))
        })
        .collect();
    model.overlay = Some(Overlay::Picker {
        title: tr(l, "compose-macro-picker"),
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
            let args = [("name", name.into()), ("why", why.to_string().into())];
            say(model, "compose-macro-refused", &args, true);
            Vec::new()
        }
        crate::domain::macros::Fit::Reopens { from, to } => {
            let l = model.locale;
            let detail = [
                ("from", crate::i18n::status(l, from).into()),
                ("to", crate::i18n::status(l, to).into()),
            ];
            super::confirm::ask(
                model,
                super::confirm::Confirm::new(
                    tr_args(l, "compose-macro-reopens", &[("name", name.into())]),
                    vec![tr_args(l, "compose-macro-reopens-detail", &detail)],
                    super::confirm::ConfirmAction::ComposeMacro(index),
                ),
            )
        }
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
    let l = model.locale;
    let mut template = crate::domain::macros::render(&m.body, &ctx);
    let args = [
        ("name", m.name.as_str().into()),
        ("number", d.row.number.into()),
    ];
    template.push_str(&format!(
        "\n# {}\n",
        tr_args(l, "compose-footer-macro", &args)
    ));
    let changes = macro_edits(&m.actions);
    if !changes.is_empty() {
        let changes = super::review::describe_edits(l, &changes);
        let sets = tr_args(
            l,
            "compose-footer-macro-sets",
            &[("changes", changes.into())],
        );
        template.push_str(&format!("# {sets}\n"));
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
