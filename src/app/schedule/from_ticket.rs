//! `v` on a ticket: book an on-site visit for it. The agent picks the service; the visit is made waiting for a
//! time, and the schedule (`g v`) is where it gets an engineer and a window.

use crate::app::msg::Effect;
use crate::app::protocol::{FieldRequest, Outcome, TicketRequest};
use crate::app::update::toast;
use crate::app::{Model, Overlay, PickAction};
use crate::domain::visit::Service;
use crate::i18n::{tr_args, tr_of};
use crate::store::visits::VisitRow;

/// `v`: which service the visit is for.
pub(in crate::app) fn pick_service(model: &mut Model) -> Vec<Effect> {
    let Some(number) = model.ticket.detail.as_ref().map(|d| d.row.number) else {
        return Vec::new();
    };
    let options = Service::ALL
        .iter()
        .map(|s| {
            let label = tr_of(model.locale, "schedule-service-label-", s.as_str());
            (label, PickAction::NewVisit(*s))
        })
        .collect();
    model.overlay = Some(Overlay::Picker {
        title: tr_args(
            model.locale,
            "schedule-visit-for",
            &[("number", number.into())],
        ),
        options,
        selected: 0,
        filter: Default::default(),
        targets: None,
    });
    Vec::new()
}

/// The service was picked: make the visit.
pub(in crate::app) fn new_visit(model: &mut Model, service: Service) -> Vec<Effect> {
    let Some(ticket) = model.ticket.detail.as_ref().map(|d| d.row.number) else {
        return Vec::new();
    };
    vec![Effect::load(FieldRequest::NewVisit {
        ticket,
        service,
        at: model.now,
    })]
}

/// The visit is made (or why not): say so, and show it on the ticket if that ticket is still open.
pub(in crate::app) fn on_visit_made(
    model: &mut Model,
    ticket: i64,
    outcome: Outcome<Box<VisitRow>>,
) -> Vec<Effect> {
    let l = model.locale;
    match outcome {
        Ok(v) => {
            let service = tr_of(l, "schedule-service-", v.service.as_str());
            let args = [
                ("number", v.number.into()),
                ("service", service.into()),
                ("ticket", ticket.into()),
            ];
            toast(model, tr_args(l, "schedule-visit-made", &args), false)
        }
        Err(e) => {
            let args = [("ticket", ticket.into()), ("error", e.said(l).into())];
            toast(model, tr_args(l, "schedule-visit-not-made", &args), true)
        }
    }
    let open = model.ticket.detail.as_ref().map(|d| d.row.number) == Some(ticket);
    if open {
        vec![Effect::load(TicketRequest::Detail {
            number: ticket,
            at: model.now,
        })]
    } else {
        Vec::new()
    }
}
