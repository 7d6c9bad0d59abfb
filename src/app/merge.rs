//! Merges are shown before they run: both tickets (or both customers), and a second question when the tickets
//! belong to two different customers.

use super::Model;
use super::confirm::{self, Confirm, ConfirmAction};
use super::msg::Effect;
use super::protocol::tickets::TicketBrief;
use super::protocol::{CustomerRequest, TicketRequest};
use super::update::say;
use crate::i18n::{Locale, tr, tr_args};

fn customer_of(l: Locale, t: &TicketBrief) -> String {
    t.customer
        .as_ref()
        .map_or_else(|| tr(l, "merge-no-customer"), |c| c.to_string())
}

fn line(l: Locale, t: &TicketBrief) -> String {
    format!(
        "#{} {} — {} ({})",
        t.number,
        t.subject,
        customer_of(l, t),
        crate::i18n::status(l, t.status)
    )
}

/// The preview came back: ask, and ask again when two customers' tickets would be joined.
pub(super) fn confirm_merge(
    model: &mut Model,
    source: Option<TicketBrief>,
    target: Option<TicketBrief>,
    (from, into): (i64, i64),
) -> Vec<Effect> {
    let (Some(source), Some(target)) = (source, target) else {
        let missing = if from == into { from } else { into };
        say(
            model,
            "merge-no-ticket",
            &[("number", missing.into())],
            true,
        );
        return Vec::new();
    };
    let merge = ConfirmAction::Requests(vec![
        TicketRequest::Merge {
            source: source.number,
            target: target.number,
            at: model.now,
        }
        .into(),
    ]);
    let l = model.locale;
    let numbers = [
        ("source", source.number.into()),
        ("target", target.number.into()),
    ];
    let lines = vec![
        tr_args(l, "merge-from", &[("ticket", line(l, &source).into())]),
        tr_args(l, "merge-into", &[("ticket", line(l, &target).into())]),
        tr_args(l, "merge-moves", &numbers),
    ];
    let title = tr_args(l, "merge-title", &numbers);
    let action = if source.customer_id != target.customer_id {
        let whose = [
            ("source", source.number.into()),
            ("source_customer", customer_of(l, &source).into()),
            ("target", target.number.into()),
            ("target_customer", customer_of(l, &target).into()),
        ];
        let anyway = [
            ("customer", customer_of(l, &target).into()),
            ("target", target.number.into()),
        ];
        ConfirmAction::Then(Box::new(Confirm::new(
            tr(l, "merge-two-customers"),
            vec![
                tr_args(l, "merge-whose", &whose),
                tr_args(l, "merge-anyway", &anyway),
            ],
            merge,
        )))
    } else {
        merge
    };
    confirm::ask(model, Confirm::new(title, lines, action))
}

/// Merging a duplicate customer: both profiles side by side before anything moves.
pub(super) fn confirm_customer_merge(
    model: &mut Model,
    from: String,
    summary: String,
) -> Vec<Effect> {
    let Some(d) = model.customers.detail.as_deref() else {
        return Vec::new();
    };
    let contact = [d.row.email.as_ref(), d.row.phone.as_ref()]
        .into_iter()
        .flatten()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
        .join(" · ");
    let into = d.row.id.clone();
    let l = model.locale;
    let keep = [
        ("name", d.row.name.to_string().into()),
        ("contact", contact.into()),
        ("tier", model.tier_name(d.row.tier).into()),
    ];
    let lines = vec![
        tr_args(l, "merge-keep", &keep),
        tr_args(l, "merge-duplicate", &[("summary", summary.into())]),
        tr(l, "merge-customer-moves"),
    ];
    let request = CustomerRequest::Merge {
        from,
        into,
        at: model.now,
    };
    let name = d.row.name.to_string();
    let title = tr_args(l, "merge-customer-title", &[("name", name.into())]);
    model.overlay = None;
    confirm::ask(
        model,
        Confirm::new(title, lines, ConfirmAction::Requests(vec![request.into()])),
    )
}
