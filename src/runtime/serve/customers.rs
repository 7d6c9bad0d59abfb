//! Answers to customer requests.

use crate::app::protocol::{CustomerOutcome, CustomerRequest, CustomerResponse, outcome};
use crate::domain::customer_view::CustomerFilter;
use crate::domain::view::PageRequest;
use crate::store::{Result, Store};

/// How many customers the new-ticket form offers for typed text.
const MATCHES: usize = 6;

pub fn serve(store: &mut Store, req: CustomerRequest) -> Result<CustomerResponse> {
    Ok(match req {
        CustomerRequest::Page {
            generation,
            filter,
            req,
            limit,
        } => CustomerResponse::Page {
            generation,
            req,
            page: store.customer_page(&filter, req, limit)?,
        },
        CustomerRequest::Count { generation, filter } => CustomerResponse::Count {
            generation,
            count: store.customer_count(&filter)?,
        },
        CustomerRequest::Detail { id } => {
            let detail = store.customer_detail(&id)?.map(Box::new);
            CustomerResponse::Detail { id, detail }
        }
        CustomerRequest::Matches { text } => {
            let filter = CustomerFilter {
                text: Some(text.clone()),
                ..Default::default()
            };
            let rows = store
                .customer_page(&filter, PageRequest::First, MATCHES)?
                .rows;
            CustomerResponse::Matches { text, rows }
        }
        CustomerRequest::Products { customer_id } => {
            let products = store.products_of(&customer_id)?;
            CustomerResponse::Products {
                customer_id,
                products,
            }
        }
        CustomerRequest::Duplicates { id } => {
            let rows = store.duplicate_customers(&id)?;
            CustomerResponse::Duplicates { id, rows }
        }
        CustomerRequest::Edit {
            id,
            expected_version,
            edits,
            at,
        } => {
            let r = store.edit_customer(&id, Some(expected_version), &edits, at);
            CustomerResponse::Saved {
                id,
                result: outcome(
                    r.map(|o| CustomerOutcome::Edited(o.changed.iter().map(|c| c.field).collect())),
                ),
            }
        }
        CustomerRequest::Create { edits, at } => match store.create_customer(&edits, at) {
            Ok(id) => CustomerResponse::Saved {
                id,
                result: Ok(CustomerOutcome::Created),
            },
            Err(e) => CustomerResponse::Saved {
                id: String::new(),
                result: Err(e.into()),
            },
        },
        CustomerRequest::Merge { from, into, at } => {
            let r = store.merge_customers(&from, &into, at);
            CustomerResponse::Saved {
                id: into,
                result: outcome(r.map(|s| CustomerOutcome::Merged {
                    tickets: s.tickets,
                    products: s.products,
                    orders: s.orders,
                })),
            }
        }
        CustomerRequest::CareDone {
            customer_id,
            task_id,
            at,
        } => CustomerResponse::Saved {
            id: customer_id,
            result: outcome(
                store
                    .complete_care(&task_id, None, at)
                    .map(|()| CustomerOutcome::CareDone),
            ),
        },
    })
}
