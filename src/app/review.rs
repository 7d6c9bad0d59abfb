//! Review before send (aerc / neomutt style): a reply or note that comes back from the editor is shown with its
//! recipient, the changes its macro will make and the article it carries, and only `y` sends it. It can go back
//! to the editor, be postponed as a draft kept on the ticket, or be discarded (after asking). Also undo.

use super::confirm::{self, Confirm, ConfirmAction};
use super::msg::{EditPurpose, Effect};
use super::protocol::{AddMessage, KbRequest, Refusal, TicketRequest};
use super::update::toast;
use super::{Model, Overlay};
use crate::domain::kb::Insert;
use crate::i18n::{Arg, Locale, tr, tr_args};
use crate::store::ticket_write::TicketEdit;

/// A reply or note written and not yet sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub number: i64,
    pub internal: bool,
    pub body: String,
    /// The macro it came from (index into `Model::macros`): its changes go with it.
    pub macro_index: Option<usize>,
    pub edits: Vec<TicketEdit>,
    /// An article it carries, and how.
    pub article: Option<(String, Insert)>,
    /// The ticket's change-log position when the editor first opened: a message logged after it holds a public
    /// reply back.
    pub since: Option<i64>,
    /// Also mail it to the customer, on a ticket that did not come by mail (`m` on the review screen).
    pub by_mail: bool,
    /// The reply proposes a solution (`s` on the review screen; a macro may set it).
    pub solution: bool,
}

impl Draft {
    fn purpose(&self) -> EditPurpose {
        match (self.internal, self.macro_index, &self.article) {
            (true, _, _) => EditPurpose::Note {
                number: self.number,
            },
            (false, Some(index), _) => EditPurpose::Macro {
                number: self.number,
                index,
            },
            (false, None, Some(_)) => EditPurpose::KbReply {
                number: self.number,
            },
            (false, None, None) => EditPurpose::Reply {
                number: self.number,
            },
        }
    }
}

/// A macro's changes as the review screen and the editor's footer list them: `status Pending, tag +refund`.
pub fn describe_edits(l: Locale, edits: &[TicketEdit]) -> String {
    edits
        .iter()
        .map(|e| describe_edit(l, e))
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe_edit(l: Locale, e: &TicketEdit) -> String {
    use super::loop_form::stage_name;
    use super::ticket_actions::{channel_name, kind_name};
    use crate::i18n::{priority, status, tr_of};
    let one = |key: &str, arg: (&str, Arg<'_>)| tr_args(l, key, &[arg]);
    match e {
        TicketEdit::Status(s) => one("review-edit-status", ("status", status(l, *s).into())),
        TicketEdit::Priority(p) => {
            one("review-edit-priority", ("priority", priority(l, *p).into()))
        }
        TicketEdit::Kind(k) => one("review-edit-kind", ("kind", kind_name(l, *k).into())),
        TicketEdit::Channel(c) => one(
            "review-edit-channel",
            ("channel", channel_name(l, *c).into()),
        ),
        TicketEdit::Subject(s) => one("review-edit-subject", ("subject", s.as_str().into())),
        TicketEdit::Assignee(Some(h)) => one("review-edit-assignee", ("who", h.as_str().into())),
        TicketEdit::Assignee(None) => tr(l, "review-edit-unassigned"),
        TicketEdit::Group(Some(g)) => one("review-edit-group", ("group", g.to_string().into())),
        TicketEdit::Group(None) => tr(l, "review-edit-no-group"),
        TicketEdit::Product(Some(p)) => {
            one("review-edit-product", ("product", p.to_string().into()))
        }
        TicketEdit::Product(None) => tr(l, "review-edit-no-product"),
        TicketEdit::AddTag(t) => one("review-edit-tag-add", ("tag", t.to_string().into())),
        TicketEdit::RemoveTag(t) => one("review-edit-tag-remove", ("tag", t.to_string().into())),
        TicketEdit::ComplaintStage(c) => {
            one("review-edit-complaint", ("stage", stage_name(l, *c).into()))
        }
        TicketEdit::CloseReason(r) => {
            one("review-edit-close-reason", ("reason", r.as_str().into()))
        }
        TicketEdit::ComplaintCategory(c) => {
            let category = ("category", c.as_str().into());
            one("review-edit-complaint-category", category)
        }
        TicketEdit::ComplaintSeverity(s) => {
            let name = tr_of(l, "loopform-severity-", s.as_str());
            one("review-edit-severity", ("severity", name.into()))
        }
        TicketEdit::ComplaintOwner(Some(h)) => {
            one("review-edit-responsible", ("who", h.as_str().into()))
        }
        TicketEdit::ComplaintOwner(None) => tr(l, "review-edit-no-responsible"),
        TicketEdit::RootCause(c) => one("review-edit-root-cause", ("cause", c.as_str().into())),
        TicketEdit::ComplaintResolution(_) => tr(l, "review-edit-resolution"),
    }
}

/// The text came back from the editor: review it, or send a note straight away when the config says so.
pub(super) fn written(model: &mut Model, draft: Draft) -> Vec<Effect> {
    if draft.internal && !model.review_notes {
        return send(model, draft);
    }
    model.overlay = Some(Overlay::Review(Box::new(draft)));
    Vec::new()
}

fn take(model: &mut Model) -> Option<Draft> {
    match model.overlay.take() {
        Some(Overlay::Review(d)) => Some(*d),
        other => {
            model.overlay = other;
            None
        }
    }
}

/// `y`: send it, with its changes, and count the article it carries as used.
pub(super) fn review_send(model: &mut Model) -> Vec<Effect> {
    match take(model) {
        Some(d) => send(model, d),
        None => Vec::new(),
    }
}

fn send(model: &mut Model, d: Draft) -> Vec<Effect> {
    model.postponed = None;
    let mut fx = vec![Effect::load(TicketRequest::AddMessage(AddMessage {
        number: d.number,
        author_id: model.identity.agent_id.clone(),
        internal: d.internal,
        body: d.body,
        edits: d.edits,
        since: if d.internal { None } else { d.since },
        by_mail: d.by_mail && !d.internal,
        solution: d.solution && !d.internal,
        at: model.now,
    }))];
    if let Some((id, how)) = d.article {
        fx.push(Effect::load(KbRequest::Used {
            id,
            number: d.number,
            how,
            at: model.now,
        }));
    }
    fx
}

/// The reason a reply is only on the ticket when the ticket did not come by mail.
pub const NOT_A_MAIL_TICKET: &str = "review-route-not-mail";

/// How a public reply on the open ticket can reach its customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    /// A mail ticket: mailed to this address.
    Mailed { to: &'a str },
    /// Not a mail ticket, but the customer has an address: mailed only when asked (`m`).
    Offer { to: &'a str },
    /// Only on the ticket, for this reason (a message key, `review-route-…`).
    TicketOnly(&'static str),
}

/// The route of a public reply on `t`, given how mail is set up.
pub fn route<'a>(
    mail_out: Option<&crate::domain::mail_loop::MailOut>,
    t: &'a crate::store::tickets::TicketDetail,
) -> Route<'a> {
    let email = t
        .customer_email
        .as_ref()
        .map(|e| e.as_str())
        .filter(|e| !e.trim().is_empty());
    let by_mail = t.row.channel == crate::domain::ticket::Channel::Email;
    match (mail_out.is_some(), by_mail, email) {
        (true, true, Some(to)) => Route::Mailed { to },
        (true, false, Some(to)) => Route::Offer { to },
        (false, true, _) => Route::TicketOnly("review-route-mail-not-set-up"),
        (_, true, None) => Route::TicketOnly("review-route-no-email"),
        (false, false, _) => Route::TicketOnly(NOT_A_MAIL_TICKET),
        (true, false, None) => Route::TicketOnly("review-route-not-mail-no-email"),
    }
}

/// `m`: also mail this reply to the customer of a ticket that did not come by mail (and `m` again: don't).
pub(super) fn review_toggle_mail(model: &mut Model) -> Vec<Effect> {
    let Some(Overlay::Review(d)) = model.overlay.as_ref() else {
        return Vec::new();
    };
    let (number, internal) = (d.number, d.internal);
    let route = model
        .ticket
        .detail
        .as_ref()
        .filter(|t| t.row.number == number)
        .map(|t| route(model.mail_out.as_ref(), t));
    let l = model.locale;
    let refusal = match (internal, route) {
        (true, _) => Some(tr(l, "review-note-never-mailed")),
        (false, Some(Route::Offer { .. })) => None,
        (false, Some(Route::Mailed { to })) => {
            Some(tr_args(l, "review-mailed-anyway", &[("to", to.into())]))
        }
        (false, Some(Route::TicketOnly(why))) => Some(tr_args(
            l,
            "review-cannot-mail",
            &[("why", tr(l, why).into())],
        )),
        (false, None) => Some(tr(l, "review-cannot-mail-not-open")),
    };
    if let Some(why) = refusal {
        toast(model, why, false);
        return Vec::new();
    }
    if let Some(Overlay::Review(d)) = model.overlay.as_mut() {
        d.by_mail = !d.by_mail;
    }
    Vec::new()
}

/// `s`: the reply proposes a solution, or no longer does (a note never does).
pub(super) fn review_toggle_solution(model: &mut Model) -> Vec<Effect> {
    if let Some(Overlay::Review(d)) = model.overlay.as_mut() {
        if d.internal {
            let text = tr(model.locale, "review-note-no-solution");
            toast(model, text, false);
        } else {
            d.solution = !d.solution;
        }
    }
    Vec::new()
}

fn how_of(d: &Draft) -> crate::store::ticket_write::ReplyHow {
    crate::store::ticket_write::ReplyHow {
        by_mail: d.by_mail,
        solution: d.solution,
    }
}

/// `e`: back to the editor with the text as it is; its changes and article stay with it.
pub(super) fn review_edit(model: &mut Model) -> Vec<Effect> {
    match take(model) {
        Some(d) => reopen(model, d),
        None => Vec::new(),
    }
}

/// Opens the editor on a draft: the text, then the usual footer under it.
pub(super) fn reopen(model: &mut Model, d: Draft) -> Vec<Effect> {
    let footer = model
        .ticket
        .detail
        .as_ref()
        .filter(|t| t.row.number == d.number)
        .map(|t| super::compose::reply_footer(model.locale, t, d.internal))
        .unwrap_or_default();
    let template = format!("{}\n{footer}", d.body);
    let purpose = d.purpose();
    model.ticket.compose_seq = d.since;
    model.ticket.carry_edits = d.edits.clone();
    model.ticket.carry_how = Some((d.number, how_of(&d)));
    model.ticket.inserting = d.article.clone();
    let mut fx = Vec::new();
    if !d.internal {
        fx.push(super::team::replying(model, d.number));
    }
    fx.push(Effect::Edit { purpose, template });
    fx
}

/// `p`: keep it on the ticket as this agent's draft; `r` (or `i`) on the ticket resumes it, `u` right away brings
/// the review back.
pub(super) fn review_postpone(model: &mut Model) -> Vec<Effect> {
    let Some(d) = take(model) else {
        return Vec::new();
    };
    let macro_name = d
        .macro_index
        .and_then(|i| model.macros.get(i))
        .map(|m| m.name.clone());
    let fx = vec![Effect::load(TicketRequest::SaveDraft {
        number: d.number,
        internal: d.internal,
        body: d.body.clone(),
        macro_name,
        article: d.article.clone(),
        by_mail: d.by_mail,
        at: model.now,
    })];
    model.postponed = Some(d);
    fx
}

/// `q` / Esc: discard, after asking when there is text to lose.
pub(super) fn review_discard(model: &mut Model) -> Vec<Effect> {
    let Some(d) = take(model) else {
        return Vec::new();
    };
    if d.body.trim().is_empty() {
        return discard(model, d);
    }
    let l = model.locale;
    let title = if d.internal {
        "review-discard-note"
    } else {
        "review-discard-reply"
    };
    let lost = [
        ("n", d.body.chars().count().into()),
        ("number", d.number.into()),
    ];
    confirm::ask(
        model,
        Confirm::new(
            tr(l, title),
            vec![tr_args(l, "review-discard-lost", &lost)],
            ConfirmAction::DiscardDraft(Box::new(d)),
        ),
    )
}

/// The draft is gone (and any copy kept on the ticket with it).
pub(super) fn discard(model: &mut Model, d: Draft) -> Vec<Effect> {
    let kept = model
        .ticket
        .detail
        .as_ref()
        .is_some_and(|t| t.row.number == d.number && t.draft.is_some());
    if kept {
        return vec![Effect::load(TicketRequest::DeleteDraft {
            number: d.number,
        })];
    }
    super::update::say(model, "review-discarded", &[], false);
    Vec::new()
}

/// `r` / `i` on a ticket with a draft of that kind: the editor opens on it instead of a blank page.
pub(super) fn resume(model: &mut Model, internal: bool) -> Option<Vec<Effect>> {
    let t = model.ticket.detail.as_ref()?;
    let kept = t.draft.as_ref().filter(|d| d.internal == internal)?;
    let macro_index = kept
        .macro_name
        .as_ref()
        .and_then(|name| model.macros.iter().position(|m| &m.name == name));
    let edits = macro_index
        .and_then(|i| model.macros.get(i))
        .map(|m| super::compose::macro_edits(&m.actions))
        .unwrap_or_default();
    let d = Draft {
        number: t.row.number,
        internal,
        body: kept.body.to_string(),
        macro_index,
        edits,
        article: kept.article.clone(),
        since: (!internal).then_some(t.change_seq),
        by_mail: kept.by_mail,
        solution: macro_index
            .and_then(|i| model.macros.get(i))
            .is_some_and(|m| m.solution),
    };
    Some(reopen(model, d))
}

/// `u`: a draft postponed a moment ago comes back to its review; otherwise the agent's last change to tickets
/// is undone in the store (if nobody changed the same fields since).
pub(super) fn undo(model: &mut Model) -> Vec<Effect> {
    if let Some(d) = model.postponed.take() {
        let number = d.number;
        model.overlay = Some(Overlay::Review(Box::new(d)));
        return vec![Effect::load(TicketRequest::DeleteDraft { number })];
    }
    vec![Effect::load(TicketRequest::Undo {
        window: model.undo_window,
        at: model.now,
    })]
}

pub(super) fn on_undone(
    model: &mut Model,
    result: Result<crate::store::Undone, Refusal>,
) -> Vec<Effect> {
    match result {
        Err(e) => {
            let error = e.said(model.locale);
            super::update::say(
                model,
                "review-nothing-undone",
                &[("error", error.into())],
                true,
            );
            Vec::new()
        }
        Ok(undone) => {
            let what = if undone.changes.is_empty() {
                tr(model.locale, "review-undone-done")
            } else {
                undone.changes.join(", ")
            };
            super::update::say(model, "review-undone", &[("what", what.into())], false);
            let mut fx = super::update_lists::refresh_quietly(model);
            if let Some(n) = model.ticket.number.filter(|n| undone.tickets.contains(n)) {
                fx.push(Effect::load(TicketRequest::Detail {
                    number: n,
                    at: model.now,
                }));
            }
            fx
        }
    }
}
