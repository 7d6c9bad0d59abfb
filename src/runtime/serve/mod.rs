//! The store worker's answers, one module per area of the protocol (see `app::protocol`). Shared by the worker
//! thread and the tests' synchronous driver.

mod customers;
mod field;
mod kb;
mod plans;
mod qa;
mod service;
mod sync;
mod team;
mod tickets;

use crate::app::protocol::{Refusal, Request, Response};
use crate::store::Store;

/// Answers one request against the store. A refusal the user should read comes back inside the area's answer;
/// only a failure of the whole request (a read that could not run) becomes [`Response::Failed`].
pub fn serve(store: &mut Store, req: Request) -> Response {
    serve_with(store, req, &mut || {})
}

/// [`serve`] for a long job that runs `between` after each slice of its work (the background worker steps aside
/// there while interactive requests wait).
pub fn serve_with(store: &mut Store, req: Request, between: &mut dyn FnMut()) -> Response {
    let list = req.list();
    let answer = match req {
        Request::Tickets(r) => tickets::serve(store, r).map(Response::Tickets),
        Request::Customers(r) => customers::serve(store, r).map(Response::Customers),
        Request::Kb(r) => kb::serve(store, r).map(Response::Kb),
        Request::Team(r) => team::serve(store, r).map(Response::Team),
        Request::Service(r) => service::serve(store, r, between).map(Response::Service),
        Request::Sync(r) => sync::serve(store, r).map(Response::Sync),
        Request::Field(r) => field::serve(store, r).map(Response::Field),
        Request::Qa(r) => qa::serve(store, r).map(Response::Qa),
        Request::Plans(r) => plans::serve(store, r).map(Response::Plans),
    };
    answer.unwrap_or_else(|e| Response::Failed {
        list,
        error: Refusal::from(&e),
    })
}
