//! Answers to ticket requests.

use crate::app::protocol::tickets::TicketBrief;
use crate::app::protocol::{
    AddMessage, NewTicketCustomer, Refusal, TicketChange, TicketRequest, TicketResponse, outcome,
};
use crate::domain::lifecycle::Writer;
use crate::store::drafts::NewDraft;
use crate::store::search::SearchOrder;
use crate::store::ticket_write::NewTicket;
use crate::store::ticket_write::ReplyHow;
use crate::store::{Result, Store, StoreError};

use crate::app::protocol::tickets::SEARCH_LIMIT;

pub fn serve(store: &mut Store, req: TicketRequest) -> Result<TicketResponse> {
    Ok(match req {
        TicketRequest::Counts => TicketResponse::Counts(store.counts()?),
        TicketRequest::ViewCounts { filters, me } => TicketResponse::ViewCounts(
            filters
                .iter()
                .map(|f| store.ticket_count(f, me.as_deref()))
                .collect::<Result<_>>()?,
        ),
        TicketRequest::Page {
            generation,
            filter,
            me,
            req,
            limit,
        } => TicketResponse::Page {
            generation,
            req,
            page: store.ticket_page(&filter, me.as_deref(), req, limit)?,
        },
        TicketRequest::Count {
            generation,
            filter,
            me,
        } => TicketResponse::Count {
            generation,
            count: store.ticket_count(&filter, me.as_deref())?,
        },
        TicketRequest::Detail { number, at } => {
            let mut detail = store.ticket_detail(number)?.map(Box::new);
            // A replica's provisional number the hub has since made final finds the ticket by its new number.
            if detail.is_none() && number < 0 {
                let now = store.resolve_number(number)?;
                detail = store.ticket_detail(now)?.map(Box::new);
            }
            if let Some(d) = detail.as_mut() {
                store.fill_clocks(d, at)?;
            }
            TicketResponse::Detail { number, detail }
        }
        TicketRequest::History { number } => {
            let rows = match store.ticket_detail(number)? {
                Some(d) => store.history("ticket", &d.row.id)?,
                None => Vec::new(),
            };
            TicketResponse::History { number, rows }
        }
        TicketRequest::Attachment { id } => TicketResponse::Attachment {
            content: store.attachment_content(&id)?.map(Box::new),
            id,
        },
        TicketRequest::CheckFilter { text } => {
            let error = store.check_filter_names(&text)?.err();
            TicketResponse::FilterChecked { text, error }
        }
        TicketRequest::Search { query, relevance } => {
            let order = if relevance {
                SearchOrder::Relevance
            } else {
                SearchOrder::Newest
            };
            let hits = store.search(&query, order, SEARCH_LIMIT)?;
            TicketResponse::SearchHits { query, hits }
        }
        TicketRequest::Rows { numbers } => TicketResponse::Rows(store.ticket_rows(&numbers)?),
        TicketRequest::MergePreview { source, target } => {
            let brief = |store: &Store, n: i64| -> Result<Option<TicketBrief>> {
                Ok(store.ticket_detail(n)?.map(|d| TicketBrief {
                    number: d.row.number,
                    subject: d.row.subject,
                    customer: d.row.customer,
                    customer_id: d.customer_id,
                    status: d.row.status,
                }))
            };
            TicketResponse::MergePreview {
                source: brief(store, source)?,
                target: brief(store, target)?,
                asked: (source, target),
            }
        }
        TicketRequest::Set {
            number,
            edits,
            expected_version,
            base_seq,
            at,
        } => match store.set_ticket_seen(number, &edits, expected_version, base_seq, at) {
            Err(StoreError::Conflict { .. }) => TicketResponse::Conflict {
                number,
                notes: store.ticket_changes_since(number, base_seq)?,
                edits,
            },
            r => written(number, TicketChange::Saved, r.map(drop)),
        },
        TicketRequest::AddMessage(m) => add_message(store, m)?,
        TicketRequest::Create {
            customer,
            product_id,
            subject,
            kind,
            channel,
            priority,
            body,
            at,
        } => {
            let mut t = NewTicket {
                subject,
                kind,
                channel,
                priority,
                customer_id: String::new(),
                product_id,
                body,
            };
            let created = match customer {
                NewTicketCustomer::Existing(id) => {
                    t.customer_id = id;
                    store.create_ticket(&t, at)
                }
                NewTicketCustomer::New(edits) => store.create_ticket_with_customer(&edits, &t, at),
            };
            TicketResponse::Created(outcome(created.map(|c| c.number)))
        }
        TicketRequest::Merge { source, target, at } => written(
            source,
            TicketChange::Merged { into: target },
            store.merge_ticket(source, target, at),
        ),
        TicketRequest::Link { a, b, at } => written(
            a,
            TicketChange::Linked { to: b },
            store.link_tickets(a, b, at).map(drop),
        ),
        TicketRequest::Take {
            number,
            agent_id,
            at,
        } => {
            let r = store.claim(number, &agent_id, at).and_then(|taken| {
                if taken {
                    Ok(())
                } else {
                    Err(StoreError::Refused(
                        "someone already has this ticket; assign it with a to take it over".into(),
                    ))
                }
            });
            written(number, TicketChange::Taken, r)
        }
        // A bulk change is one action: one undo takes it back on every ticket.
        TicketRequest::BulkSet { numbers, edits, at } => bulk_done(store.as_one_action(|store| {
            numbers
                .iter()
                .map(|n| (*n, store.set_ticket(*n, &edits, None, at).map(drop)))
                .collect()
        })),
        TicketRequest::BulkReply {
            replies,
            author_id,
            edits,
            at,
        } => bulk_done(store.as_one_action(|store| {
            replies
                .iter()
                .map(|(n, body)| {
                    let r = store.add_message_with_edits(
                        *n,
                        Writer::Agent,
                        author_id.as_deref(),
                        false,
                        body,
                        &edits,
                        at,
                    );
                    (*n, r.map(drop))
                })
                .collect()
        })),
        TicketRequest::RecordFollowUp {
            number,
            outcome,
            note,
            at,
        } => written(
            number,
            TicketChange::FollowUp(outcome),
            store.record_follow_up(number, outcome, &note, at).map(drop),
        ),
        TicketRequest::RecordSurvey { number, survey, at } => written(
            number,
            TicketChange::Survey,
            store.record_survey(number, &survey, at).map(drop),
        ),
        TicketRequest::SaveDraft {
            number,
            internal,
            body,
            macro_name,
            article,
            by_mail,
            at,
        } => {
            let draft = NewDraft {
                internal,
                body: &body,
                macro_name: macro_name.as_deref(),
                article: article.as_ref().map(|(id, how)| (id.as_str(), *how)),
                by_mail,
            };
            written(
                number,
                TicketChange::DraftSaved,
                store.save_draft(number, &draft, at),
            )
        }
        TicketRequest::DeleteDraft { number } => written(
            number,
            TicketChange::DraftDiscarded,
            store.delete_draft(number).map(drop),
        ),
        TicketRequest::Undo { window, at } => {
            TicketResponse::Undone(outcome(store.undo_last(window, at)))
        }
    })
}

/// A reply or note, held back when the thread moved on since the editor opened; text and a macro's changes
/// commit together or not at all.
fn add_message(store: &mut Store, m: AddMessage) -> Result<TicketResponse> {
    if let Some(seq) = m.since {
        let news = store.messages_since(m.number, seq)?;
        if !news.is_empty() {
            return Ok(TicketResponse::Collision {
                number: m.number,
                news,
                seen: store.ticket_change_seq(m.number)?,
                retry: Box::new(AddMessage { since: None, ..m }),
            });
        }
    }
    let change = if m.internal {
        TicketChange::Noted
    } else {
        TicketChange::Replied
    };
    let r = if !m.internal {
        let how = ReplyHow {
            by_mail: m.by_mail,
            solution: m.solution,
        };
        store.reply(
            m.number,
            m.author_id.as_deref(),
            &m.body,
            &m.edits,
            how,
            m.at,
        )
    } else {
        store.add_message_with_edits(
            m.number,
            Writer::Agent,
            m.author_id.as_deref(),
            m.internal,
            &m.body,
            &m.edits,
            m.at,
        )
    };
    Ok(written(m.number, change, r.map(drop)))
}

/// A write's answer: refusals and conflicts are answers for the user, not failures of the worker.
fn written(number: i64, change: TicketChange, r: Result<()>) -> TicketResponse {
    TicketResponse::Written {
        number,
        change,
        result: outcome(r),
    }
}

/// A bulk change's answer: each ticket succeeds or is refused on its own.
fn bulk_done(results: Vec<(i64, Result<()>)>) -> TicketResponse {
    let done = results.iter().filter(|(_, r)| r.is_ok()).count();
    let refused = results
        .into_iter()
        .filter_map(|(n, r)| r.err().map(|e| (n, Refusal::from(&e))))
        .collect();
    TicketResponse::BulkDone { done, refused }
}
