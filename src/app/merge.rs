//! Merges are shown before they run: both tickets (or both customers), and a second question when the tickets
//! belong to two different customers.

use super::Model;
use super::confirm::{self, Confirm, ConfirmAction};
use super::msg::Effect;
use super::protocol::tickets::TicketBrief;
use super::protocol::{CustomerRequest, TicketRequest};
use super::update::toast;

fn line(t: &TicketBrief) -> String {
    let customer = t
        .customer
        .as_ref()
        .map_or("no customer".to_string(), |c| c.to_string());
    format!(
        "#{} {} — {customer} ({})",
        t.number,
        t.subject,
        t.status.label()
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
        toast(model, format!("There is no ticket #{missing}"), true);
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
    let lines = vec![
        format!("From  {}", line(&source)),
        format!("Into  {}", line(&target)),
        format!(
            "Its messages move to #{}, and #{} is closed as merged (u undoes it).",
            target.number, source.number
        ),
    ];
    let title = format!("Merge #{} into #{}?", source.number, target.number);
    let action = if source.customer_id != target.customer_id {
        let name = |t: &TicketBrief| {
            t.customer
                .as_ref()
                .map_or("no customer".to_string(), |c| c.to_string())
        };
        ConfirmAction::Then(Box::new(Confirm::new(
            "These tickets belong to two different customers".into(),
            vec![
                format!(
                    "#{} is {}'s and #{} is {}'s.",
                    source.number,
                    name(&source),
                    target.number,
                    name(&target)
                ),
                format!(
                    "After the merge {} reads the whole thread under #{}. Merge anyway?",
                    name(&target),
                    target.number
                ),
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
    let lines = vec![
        format!(
            "Keep   {} · {contact} · {}",
            d.row.name,
            model.tier_name(d.row.tier)
        ),
        format!("Merge  {summary}"),
        "The duplicate's tickets, products, orders and surveys move to the customer kept.".into(),
    ];
    let request = CustomerRequest::Merge {
        from,
        into,
        at: model.now,
    };
    let title = format!("Merge this duplicate into {}?", d.row.name);
    model.overlay = None;
    confirm::ask(
        model,
        Confirm::new(title, lines, ConfirmAction::Requests(vec![request.into()])),
    )
}
