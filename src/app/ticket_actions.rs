//! Acting on the open ticket: pickers for status, priority and assignee, prompts, take, the history view, and the
//! answers to writes (writing a reply or note is in `compose`). A write carries the version the agent saw.

use super::commands::CommandId;
use super::msg::Effect;
use super::protocol::{AddMessage, Outcome, Refusal, RefusalKind, TicketChange, TicketRequest};
use super::update::{say, toast};
use super::{Model, Overlay, PickAction, PromptKind};
use crate::domain::ticket::{Channel, Kind, Priority, Status};
use crate::i18n::{Locale, tr, tr_args, tr_of};
use crate::store::ticket_write::TicketEdit;

pub(super) fn open_picker(model: &mut Model, which: CommandId) -> Vec<Effect> {
    let Some(d) = &model.ticket.detail else {
        say(model, "ticket-open-first", &[], false);
        return Vec::new();
    };
    let l = model.locale;
    let number = d.row.number;
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
                let status = crate::i18n::status(l, d.row.status);
                let args = [("number", number.into()), ("status", status.into())];
                say(model, "ticket-status-final", &args, false);
                return Vec::new();
            }
            // An open ticket closes only with a reason that skips the loop: one choice per reason instead.
            let open = d.row.status.is_open();
            let mut options: Vec<(String, TicketEdit)> = next
                .iter()
                .filter(|s| !(open && **s == Status::Closed))
                .map(|s| {
                    (
                        crate::i18n::status(model.locale, *s),
                        TicketEdit::Status(*s),
                    )
                })
                .collect();
            if open && next.contains(&Status::Closed) {
                options.extend(
                    model
                        .close_reasons
                        .iter()
                        .map(|r| (close_with_reason(l, r), TicketEdit::CloseReason(r.clone()))),
                );
            }
            let note = why_not_closed.map_or(String::new(), |_| {
                format!(" · {}", tr(l, "ticket-closed-after-revisit"))
            });
            let status = crate::i18n::status(l, d.row.status);
            let args = [("number", number.into()), ("status", status.into())];
            (
                format!("{}{note}", tr_args(l, "ticket-status-of", &args)),
                options,
            )
        }
        CommandId::TicketKind => {
            let options = Kind::ALL
                .iter()
                .map(|k| (kind_name(l, *k), TicketEdit::Kind(*k)))
                .collect();
            let args = [
                ("number", number.into()),
                ("kind", kind_name(l, d.row.kind).into()),
            ];
            (tr_args(l, "ticket-kind-of", &args), options)
        }
        CommandId::TicketGroup => {
            let mut options = vec![(tr(l, "ticket-no-group"), TicketEdit::Group(None))];
            options.extend(
                model
                    .groups
                    .iter()
                    .map(|g| (g.name.to_string(), TicketEdit::Group(Some(g.id.clone())))),
            );
            let now = d
                .group
                .as_ref()
                .map_or_else(|| tr(l, "ticket-group-none"), |g| g.to_string());
            let args = [("number", number.into()), ("group", now.into())];
            (tr_args(l, "ticket-group-of", &args), options)
        }
        CommandId::TicketChannel => {
            let options = Channel::ALL
                .iter()
                .map(|c| (channel_name(l, *c), TicketEdit::Channel(*c)))
                .collect();
            let args = [
                ("number", number.into()),
                ("channel", channel_name(l, d.row.channel).into()),
            ];
            (tr_args(l, "ticket-channel-of", &args), options)
        }
        CommandId::TicketPriority => {
            let options = Priority::ALL
                .iter()
                .map(|p| {
                    (
                        format!(
                            "{}{} {}",
                            p.letter(),
                            p.glyph(),
                            crate::i18n::priority_with_colour(model.locale, *p)
                        ),
                        TicketEdit::Priority(*p),
                    )
                })
                .collect();
            let args = [("number", number.into())];
            (tr_args(l, "ticket-priority-of", &args), options)
        }
        _ => {
            let mut options = Vec::new();
            if let Some(me) = &model.identity.handle {
                let label = tr_args(l, "ticket-me", &[("me", me.as_str().into())]);
                options.push((label, TicketEdit::Assignee(Some(me.clone()))));
            }
            options.push((tr(l, "ticket-nobody"), TicketEdit::Assignee(None)));
            for a in &model.agents {
                options.push((
                    format!("{} ({})", a.name, a.handle),
                    TicketEdit::Assignee(Some(a.handle.clone())),
                ));
            }
            let args = [("number", number.into())];
            (tr_args(l, "ticket-assign", &args), options)
        }
    };
    // A close reason in the status picker stands for closing with it.
    let options = options
        .into_iter()
        .map(|(label, edit)| match edit {
            TicketEdit::CloseReason(r) => (label, PickAction::Close(r)),
            edit => (label, PickAction::Edit(edit)),
        })
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
        PickAction::Close(reason) => apply_edits(
            model,
            vec![
                TicketEdit::Status(Status::Closed),
                TicketEdit::CloseReason(reason),
            ],
        ),
        PickAction::Macro(index) => super::compose::check_macro(model, index),
        PickAction::MergeCustomer(..) | PickAction::CareDone(_) => {
            super::customer_actions::pick(model, action)
        }
        PickAction::ArticleStatus(status) => super::kb_actions::set_status(model, status),
        PickAction::DashboardPeriod(p) => super::dashboard::picked_period(model, p),
        PickAction::OpenAttachment(id) => super::attachments::fetch(id),
        PickAction::NewVisit(service) => super::schedule::new_visit(model, service),
    }
}

/// The chosen edit, as a write against the version the agent saw when choosing: if the ticket changed while the
/// picker was open, the change is caught rather than applied on top.
fn apply_edit(model: &mut Model, edit: TicketEdit) -> Vec<Effect> {
    apply_edits(model, vec![edit])
}

/// Several edits of the open ticket in one write, against the version the agent saw.
pub(super) fn apply_edits(model: &mut Model, edits: Vec<TicketEdit>) -> Vec<Effect> {
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
        edits,
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

/// Shows or folds quoted history and signatures; folding goes back to the top, where the thread is shortest.
pub(super) fn toggle_quoted(model: &mut Model) -> Vec<Effect> {
    model.ticket.show_quoted = !model.ticket.show_quoted;
    if !model.ticket.show_quoted {
        model.ticket.scroll = 0;
    }
    let key = if model.ticket.show_quoted {
        "ticket-quoted-shown"
    } else {
        "ticket-quoted-folded"
    };
    say(model, key, &[], false);
    Vec::new()
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
        Ok(()) => {
            let words = change_words(model.locale, change);
            toast(model, format!("#{number}: {words}"), false);
        }
        // Nothing was overwritten: show the ticket as it is now and let the agent decide again.
        Err(Refusal {
            kind: RefusalKind::Conflict,
            ..
        }) => say(
            model,
            "ticket-changed-elsewhere",
            &[("number", number.into())],
            true,
        ),
        Err(e) => toast(
            model,
            format!(
                "#{number}: {}",
                without_number(&e.said(model.locale), number)
            ),
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
fn change_words(l: Locale, change: TicketChange) -> String {
    match change {
        TicketChange::Saved => tr(l, "ticket-done-saved"),
        TicketChange::Replied => tr(l, "ticket-done-replied"),
        TicketChange::Noted => tr(l, "ticket-done-noted"),
        TicketChange::Merged { into } => tr_args(l, "ticket-done-merged", &[("into", into.into())]),
        TicketChange::Linked { to } => tr_args(l, "ticket-done-linked", &[("to", to.into())]),
        TicketChange::Taken => tr(l, "ticket-done-taken"),
        TicketChange::FollowUp(outcome) => {
            let outcome = tr_of(l, "loopform-outcome-", outcome.as_str());
            tr_args(l, "ticket-done-follow-up", &[("outcome", outcome.into())])
        }
        TicketChange::Survey => tr(l, "ticket-done-survey"),
        TicketChange::DraftSaved => tr(l, "ticket-done-draft-saved"),
        TicketChange::DraftDiscarded => tr(l, "ticket-done-draft-discarded"),
    }
}

/// A kind as the interface names it (`投诉`).
pub fn kind_name(l: Locale, k: Kind) -> String {
    tr_of(l, "ticket-kind-", k.as_str())
}

/// An intake channel as the interface names it (`微信`).
pub fn channel_name(l: Locale, c: Channel) -> String {
    tr_of(l, "ticket-channel-", c.as_str())
}

/// A status picker's choice that closes with `reason`, skipping the follow-up call.
pub(super) fn close_with_reason(l: Locale, reason: &str) -> String {
    tr_args(l, "ticket-close-with-reason", &[("reason", reason.into())])
}

pub(super) fn prompt(model: &mut Model, kind: PromptKind) -> Vec<Effect> {
    if model.ticket.detail.is_none() {
        say(model, "ticket-open-first", &[], false);
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
                say(model, "ticket-not-a-number", &[("text", text.into())], true);
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
            by_mail: false,
            solution: false,
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
                say(model, "ticket-not-a-number", &[("text", text.into())], true);
                Vec::new()
            }
        },
    }
}

/// Takes the ticket only if it is unassigned: two agents pressing at once cannot both get it.
pub(super) fn take(model: &mut Model) -> Vec<Effect> {
    let (Some(d), Some(me)) = (&model.ticket.detail, model.identity.agent_id.clone()) else {
        say(model, "ticket-take-needs", &[], false);
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
