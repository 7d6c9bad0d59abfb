//! Routes the store worker's answers to the part of the app each is for. Every match here is exhaustive: a new
//! answer cannot be dropped on the floor by a catch-all.

use super::msg::{Effect, Response};
use super::protocol::{CustomerResponse, FieldResponse, TicketResponse};
use super::{Model, update_lists};

pub(super) fn on_response(model: &mut Model, response: Response) -> Vec<Effect> {
    match response {
        Response::Tickets(r) => on_ticket_answer(model, r),
        Response::Customers(r) => on_customer_answer(model, r),
        Response::Kb(r) => super::kb_actions::on_response(model, r),
        Response::Team(r) => super::team::on_response(model, r),
        Response::Service(r) => super::service_actions::on_response(model, r),
        Response::Sync(r) => super::conflicts::on_response(model, r),
        Response::Field(r) => on_field_answer(model, r),
        Response::Qa(r) => super::qa::on_response(model, r),
        Response::Plans(r) => super::plans::on_response(model, r),
        Response::Failed { list, error } => update_lists::on_failed(model, list, error),
    }
}

fn on_ticket_answer(model: &mut Model, r: TicketResponse) -> Vec<Effect> {
    match r {
        TicketResponse::Counts(c) => {
            model.counts = Some(c);
            Vec::new()
        }
        TicketResponse::ViewCounts(counts) => {
            model.queues.counts = counts.into_iter().map(Some).collect();
            Vec::new()
        }
        TicketResponse::Page {
            generation,
            req,
            page,
        } => update_lists::on_ticket_page(model, generation, req, page),
        TicketResponse::Count { generation, count } => {
            model.queues.list.set_total(generation, count);
            Vec::new()
        }
        TicketResponse::Detail { number, detail } => update_lists::on_ticket(model, number, detail),
        TicketResponse::History { number, rows } => {
            if model.ticket.number == Some(number) {
                model.ticket.history = Some(rows);
            }
            Vec::new()
        }
        TicketResponse::SearchHits { query, hits } => {
            super::search_pane::on_hits(model, query, hits);
            Vec::new()
        }
        TicketResponse::Attachment { content, .. } => {
            super::attachments::on_content(model, content)
        }
        TicketResponse::FilterChecked { text, error } => {
            super::update_lists::on_filter_checked(model, text, error)
        }
        TicketResponse::Rows(rows) => {
            super::team::patch_rows(model, rows);
            Vec::new()
        }
        TicketResponse::Written {
            number,
            change,
            result,
        } => super::ticket_actions::on_written(model, number, change, result),
        TicketResponse::Conflict {
            number,
            notes,
            edits,
        } => super::team::on_conflict(model, number, &notes, edits),
        TicketResponse::Collision {
            number,
            news,
            seen,
            retry,
        } => super::team::on_collision(model, number, news, seen, retry),
        TicketResponse::Created(result) => super::new_ticket::on_created(model, result),
        TicketResponse::BulkDone { done, refused } => super::bulk::on_done(model, done, refused),
        TicketResponse::Undone(result) => super::review::on_undone(model, result),
        TicketResponse::MergePreview {
            source,
            target,
            asked,
        } => super::merge::confirm_merge(model, source, target, asked),
    }
}

fn on_customer_answer(model: &mut Model, r: CustomerResponse) -> Vec<Effect> {
    match r {
        CustomerResponse::Page {
            generation,
            req,
            page,
        } => update_lists::on_customer_page(model, generation, req, page),
        CustomerResponse::Count { generation, count } => {
            model.customers.list.set_total(generation, count);
            Vec::new()
        }
        CustomerResponse::Detail { id, detail } => update_lists::on_customer(model, id, detail),
        CustomerResponse::Matches { text, rows } => {
            super::new_ticket::on_matches(model, text, rows);
            Vec::new()
        }
        CustomerResponse::Products {
            customer_id,
            products,
        } => {
            super::new_ticket::on_products(model, customer_id, products);
            Vec::new()
        }
        CustomerResponse::Duplicates { id, rows } => {
            super::customer_actions::on_duplicates(model, id, rows);
            Vec::new()
        }
        CustomerResponse::Saved { id, result } => {
            super::customer_actions::on_saved(model, id, result)
        }
    }
}

fn on_field_answer(model: &mut Model, r: FieldResponse) -> Vec<Effect> {
    match r {
        FieldResponse::Week(week) => super::schedule::on_week(model, week),
        FieldResponse::VisitSet {
            number,
            edits,
            outcome,
        } => super::schedule::on_visit_set(model, number, &edits, outcome),
        FieldResponse::VisitMade { ticket, outcome } => {
            super::schedule::on_visit_made(model, ticket, outcome)
        }
    }
}
