//! The store worker's answers to team-mode requests: the change feed, row patches, presence, and writes that
//! must not overwrite what someone else did meanwhile.

use crate::app::{Request, Response};
use crate::domain::lifecycle::Writer;
use crate::store::{Store, StoreError, UpdateOutcome};

/// Answers a team-mode request (`serve` in the parent routes only those here).
pub fn serve(store: &mut Store, req: Request) -> crate::store::Result<Response> {
    Ok(match req {
        Request::ChangesSince { seq: None } => Response::Changes(crate::store::team::ChangeFeed {
            last: store.last_change_seq()?,
            ..Default::default()
        }),
        Request::ChangesSince { seq: Some(seq) } => {
            Response::Changes(store.changes_since(seq, crate::app::team_feed_limit())?)
        }
        Request::TicketRows { numbers } => Response::TicketRows(store.ticket_rows(&numbers)?),
        Request::Heartbeat {
            number,
            activity,
            at,
        } => {
            store.set_presence(number, activity, at)?;
            Response::Presence {
                number,
                others: store.presence_on(number, at)?,
            }
        }
        Request::PresenceOn { number, at } => Response::Presence {
            number,
            others: store.presence_on(number, at)?,
        },
        Request::SetTicket {
            number,
            edits,
            expected_version,
            base_seq,
            at,
        } => match store.set_ticket(number, &edits, Some(expected_version), at) {
            Err(StoreError::Conflict { .. }) => Response::Conflict {
                number,
                notes: store.ticket_changes_since(number, base_seq)?,
                edits,
            },
            r => super::written(number, "Saved", false, r),
        },
        Request::AddMessage {
            number,
            author_id,
            internal,
            body,
            edits,
            since,
            at,
        } => {
            if let Some(seq) = since {
                let news = store.messages_since(number, seq)?;
                if !news.is_empty() {
                    let retry = Box::new(Request::AddMessage {
                        number,
                        author_id,
                        internal,
                        body,
                        edits,
                        since: None,
                        at,
                    });
                    return Ok(Response::Collision {
                        number,
                        news,
                        seen: store.ticket_change_seq(number)?,
                        retry,
                    });
                }
            }
            let what = if internal { "Note added" } else { "Reply sent" };
            let mut r = store.add_message(
                number,
                Writer::Agent,
                author_id.as_deref(),
                internal,
                &body,
                at,
            );
            // The macro's changes follow the reply; a refusal (e.g. a status the ticket cannot take) is
            // reported like any other, with the reply already sent.
            if r.is_ok() && !edits.is_empty() {
                r = store.set_ticket(number, &edits, None, at);
            }
            super::written(number, what, true, r.map(|o: UpdateOutcome| o))
        }
        other => {
            return Err(StoreError::Refused(format!(
                "not a team request: {other:?}"
            )));
        }
    })
}
