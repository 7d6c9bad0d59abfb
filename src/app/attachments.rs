//! Opening a ticket's attachment with the system opener, as mail clients do: `o` picks one (or takes the only
//! one), the worker reads its bytes, and the runtime saves them privately and starts the opener ([`Effect::Open`]).
//! Programs are saved, never opened (`domain::attachment`). Nothing here touches a file.

use super::msg::{Effect, OpenOutcome, Opened};
use super::protocol::TicketRequest;
use super::update::{say, toast};
use super::{Model, Overlay, PickAction};
use crate::domain::attachment::{OpenVerdict, open_verdict};
use crate::domain::intake::{human_size, safe_filename};
use crate::domain::text::sanitize;
use crate::i18n::tr_args;
use crate::store::attachments::AttachmentRow;

/// `o` in the ticket pane: the only attachment is opened at once; several are offered in a picker that filters
/// as you type.
pub(super) fn open(model: &mut Model) -> Vec<Effect> {
    let Some(d) = &model.ticket.detail else {
        say(model, "ticket-open-first", &[], false);
        return Vec::new();
    };
    let number = d.row.number;
    let l = model.locale;
    match d.attachments.as_slice() {
        [] => {
            say(model, "attach-none", &[("number", number.into())], false);
            Vec::new()
        }
        [only] => fetch(only.id.clone()),
        all => {
            let options = all
                .iter()
                .map(|a| (label(a), PickAction::OpenAttachment(a.id.clone())))
                .collect();
            model.overlay = Some(Overlay::Picker {
                title: tr_args(l, "attach-pick", &[("number", number.into())]),
                options,
                selected: 0,
                filter: Default::default(),
                targets: None,
            });
            Vec::new()
        }
    }
}

/// A picker line: the name (already safe text), size and type.
fn label(a: &AttachmentRow) -> String {
    format!(
        "{} · {} · {}",
        a.name,
        human_size(a.size.max(0) as u64),
        a.content_type
    )
}

/// Asks the worker for the bytes of attachment `id`.
pub(super) fn fetch(id: String) -> Vec<Effect> {
    vec![Effect::load(TicketRequest::Attachment { id })]
}

/// The bytes arrived: save and open them, or only save a program.
pub(super) fn on_content(
    model: &mut Model,
    content: Option<Box<(AttachmentRow, Vec<u8>)>>,
) -> Vec<Effect> {
    let Some(content) = content else {
        say(model, "attach-gone", &[], true);
        return super::update_lists::refresh(model);
    };
    let (row, bytes) = *content;
    let name = safe_filename(row.name.as_str());
    let head: Vec<u8> = bytes.iter().take(8).copied().collect();
    let refuse = match open_verdict(&name, row.content_type.as_str(), &head) {
        OpenVerdict::Open => None,
        OpenVerdict::SaveOnly(why) => Some(why),
    };
    vec![Effect::Open {
        name,
        bytes,
        refuse,
    }]
}

/// The runtime saved (and perhaps opened) the file: say what happened and where the file is — the path first
/// when the agent has to open it by hand, so a narrow toast still shows it. Paths and reasons come from the
/// system, names from customers: both are made safe before they reach the screen.
pub(super) fn on_opened(model: &mut Model, opened: Opened) -> Vec<Effect> {
    let l = model.locale;
    let name = sanitize(&opened.name);
    let (text, error) = match opened.outcome {
        OpenOutcome::Launched { path, .. } => {
            let args = [("name", name.into()), ("path", sanitize(&path).into())];
            (tr_args(l, "attach-opened", &args), false)
        }
        OpenOutcome::Kept { path, why } => {
            let args = [
                ("path", sanitize(&path).into()),
                ("why", sanitize(&why).into()),
            ];
            (tr_args(l, "attach-kept", &args), true)
        }
        OpenOutcome::OpenerFailed {
            opener,
            path,
            reason,
        } => {
            let args = [
                ("path", sanitize(&path).into()),
                ("opener", sanitize(&opener).into()),
                ("reason", sanitize(&reason).into()),
            ];
            (tr_args(l, "attach-opener-failed", &args), true)
        }
        OpenOutcome::NotSaved { reason } => {
            let args = [("name", name.into()), ("reason", sanitize(&reason).into())];
            (tr_args(l, "attach-not-saved", &args), true)
        }
    };
    toast(model, text, error);
    Vec::new()
}
