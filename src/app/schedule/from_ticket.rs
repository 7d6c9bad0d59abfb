//! `v` on a ticket: book an on-site visit for it. The agent picks the service; the visit is made waiting for a
//! time, and the schedule (`g v`) is where it gets an engineer and a window.

use crate::app::msg::Effect;
use crate::app::protocol::{FieldRequest, Outcome, TicketRequest};
use crate::app::update::toast;
use crate::app::{Model, Overlay, PickAction};
use crate::domain::visit::Service;
use crate::store::visits::VisitRow;

/// `v`: which service the visit is for.
pub(in crate::app) fn pick_service(model: &mut Model) -> Vec<Effect> {
    let Some(number) = model.ticket.detail.as_ref().map(|d| d.row.number) else {
        return Vec::new();
    };
    let options = Service::ALL
        .iter()
        .map(|s| (s.label().to_string(), PickAction::NewVisit(*s)))
        .collect();
    model.overlay = Some(Overlay::Picker {
        title: format!("On-site visit 上门服务 · #{number}: what for?"),
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
    match outcome {
        Ok(v) => toast(
            model,
            format!(
                "V{} {} on #{ticket} waits for a time: g v, Tab, Enter books it",
                v.number,
                v.service.as_str()
            ),
            false,
        ),
        Err(e) => toast(model, format!("No visit made on #{ticket}: {e}"), true),
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
