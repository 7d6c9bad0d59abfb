//! The loop: terminal event → Msg → update → effects; loads run on a worker thread that owns the store and answers
//! with Msgs, so the UI never waits on SQLite.

use crate::app::{self, Effect, Model, Msg, Request, Response, Settings};
use crate::domain::lifecycle::Writer;
use crate::store::search::SearchOrder;
use crate::store::{Store, StoreError, UpdateOutcome};
use crate::tui::{self, TerminalGuard};
use crate::ui::{self, Theme};
use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

mod kb;
mod team;

pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Answers one request against the store. Shared by the worker thread and the tests' synchronous driver.
pub fn serve(store: &mut Store, req: Request) -> Response {
    let list = req.list();
    let result = (|| -> crate::store::Result<Response> {
        Ok(match req {
            Request::Counts => Response::Counts(store.counts()?),
            Request::DataVersion => Response::DataVersion(store.data_version()?),
            Request::Dashboard { query, rules } => {
                store.measure_pending(query.as_of, &mut |_, _| {})?;
                let input = store.metrics(&query)?;
                Response::Dashboard(Box::new(crate::domain::metrics_report::build(
                    input, &rules,
                )))
            }
            Request::ViewCounts { filters, me } => Response::ViewCounts(
                filters
                    .iter()
                    .map(|f| store.ticket_count(f, me.as_deref()))
                    .collect::<Result<_, _>>()?,
            ),
            Request::TicketPage {
                generation,
                filter,
                me,
                req,
                limit,
            } => Response::TicketPage {
                generation,
                req,
                page: store.ticket_page(&filter, me.as_deref(), req, limit)?,
            },
            Request::Ticket { number, at } => {
                let mut detail = store.ticket_detail(number)?.map(Box::new);
                if let Some(d) = detail.as_mut() {
                    store.fill_clocks(d, at)?;
                }
                Response::Ticket { number, detail }
            }
            Request::CustomerPage {
                generation,
                filter,
                req,
                limit,
            } => Response::CustomerPage {
                generation,
                req,
                page: store.customer_page(&filter, req, limit)?,
            },
            Request::Customer { id } => {
                let detail = store.customer_detail(&id)?.map(Box::new);
                Response::Customer { id, detail }
            }
            Request::Agents => Response::Agents(store.agents()?),
            Request::Groups => Response::Groups(store.groups()?),
            Request::History { number } => {
                let rows = match store.ticket_detail(number)? {
                    Some(d) => store.history("ticket", &d.row.id)?,
                    None => Vec::new(),
                };
                Response::History { number, rows }
            }
            Request::Merge { source, target, at } => {
                let r = store
                    .merge_ticket(source, target, at)
                    .map(|_| UpdateOutcome {
                        version: 0,
                        changed: Vec::new(),
                    });
                written(source, &format!("merged into #{target}"), false, r)
            }
            Request::Link { a, b, at } => {
                let r = store.link_tickets(a, b, at).map(|_| UpdateOutcome {
                    version: 0,
                    changed: Vec::new(),
                });
                written(a, &format!("linked to #{b}"), false, r)
            }
            Request::Take {
                number,
                agent_id,
                at,
            } => match store.claim(number, &agent_id, at) {
                Ok(true) => written(
                    number,
                    "Taken",
                    false,
                    Ok(UpdateOutcome {
                        version: 0,
                        changed: Vec::new(),
                    }),
                ),
                Ok(false) => written(
                    number,
                    "Taken",
                    false,
                    Err(StoreError::Refused(
                        "someone already has this ticket; assign it with a to take it over".into(),
                    )),
                ),
                Err(e) => written(number, "Taken", false, Err(e)),
            },
            Request::RecordFollowUp {
                number,
                outcome,
                at,
            } => {
                let r = store
                    .record_follow_up(number, outcome, "", at)
                    .map(|_| UpdateOutcome {
                        version: 0,
                        changed: Vec::new(),
                    });
                let what = format!("follow-up recorded: {}", outcome.label());
                written(number, &what, true, r)
            }
            Request::RecordSurvey { number, survey, at } => {
                let r = store.record_survey(number, &survey, at);
                written(number, "survey recorded", false, r)
            }
            Request::SlaCheck { handle, at } => {
                // A slice of stale clocks per check keeps the worker responsive after the rules change.
                let report = store.sla_run_limited(at, 2000)?;
                // Birthdays and anniversaries coming up become care tasks (idempotent, two index ranges).
                store.schedule_care(at)?;
                let seen = match &handle {
                    Some(h) => store.escalations_seen(h)?,
                    None => None,
                };
                // Never looked: the last day is what is worth knowing.
                let feed = store.escalations_since(seen.unwrap_or(at - 86_400), 100)?;
                Response::SlaChecked {
                    feed,
                    changed: report.changed_anything(),
                }
            }
            Request::EditCustomer {
                id,
                expected_version,
                edits,
                at,
            } => {
                let result = store.edit_customer(&id, Some(expected_version), &edits, at);
                let what = match &result {
                    Ok(o) if o.changed.is_empty() => "Nothing changed".to_string(),
                    Ok(o) => format!(
                        "Saved: {}",
                        o.changed
                            .iter()
                            .map(|c| c.field)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Err(_) => String::new(),
                };
                Response::CustomerSaved {
                    id,
                    what,
                    error: result.err().map(|e| e.to_string()),
                }
            }
            Request::CreateCustomer { edits, at } => match store.create_customer(&edits, at) {
                Ok(id) => Response::CustomerSaved {
                    id,
                    what: "Customer added".into(),
                    error: None,
                },
                Err(e) => Response::Failed {
                    list: None,
                    error: format!("Customer not added: {e}"),
                },
            },
            Request::MergeCustomers { from, into, at } => {
                let result = store.merge_customers(&from, &into, at);
                Response::CustomerSaved {
                    id: into,
                    what: result
                        .as_ref()
                        .map(|s| {
                            format!(
                                "Merged: {} tickets, {} products, {} orders moved",
                                s.tickets, s.products, s.orders
                            )
                        })
                        .unwrap_or_default(),
                    error: result.err().map(|e| e.to_string()),
                }
            }
            Request::CareDone {
                customer_id,
                task_id,
                at,
            } => {
                let result = store.complete_care(&task_id, None, at);
                Response::CustomerSaved {
                    id: customer_id,
                    what: "Care task done".into(),
                    error: result.err().map(|e| e.to_string()),
                }
            }
            Request::CustomerDuplicates { id } => {
                let rows = store.duplicate_customers(&id)?;
                Response::CustomerDuplicates { id, rows }
            }
            Request::EscalationsSeen { handle, at } => {
                if let Some(h) = handle {
                    store.mark_escalations_seen(&h, at)?;
                }
                Response::Ack
            }
            Request::Search { query, relevance } => {
                let order = if relevance {
                    SearchOrder::Relevance
                } else {
                    SearchOrder::Newest
                };
                let hits = store.search(&query, order, 200)?;
                Response::SearchHits { query, hits }
            }
            Request::CustomerSearch { text } => {
                let rows = store
                    .customer_page(
                        &crate::domain::customer_view::CustomerFilter {
                            text: Some(text.clone()),
                            ..Default::default()
                        },
                        crate::domain::view::PageRequest::First,
                        6,
                    )?
                    .rows;
                Response::CustomerMatches { text, rows }
            }
            Request::Products { customer_id } => {
                let products = store.products_of(&customer_id)?;
                Response::Products {
                    customer_id,
                    products,
                }
            }
            Request::CreateTicket {
                customer_id,
                new_customer,
                product_id,
                subject,
                kind,
                channel,
                priority,
                body,
                at,
            } => {
                let create = || {
                    let customer_id = match &new_customer {
                        Some((name, email)) => {
                            use crate::store::customer_write::CustomerEdit;
                            let mut edits = vec![CustomerEdit::Name(name.clone())];
                            edits.extend(email.clone().map(|e| CustomerEdit::Email(Some(e))));
                            store.create_customer(&edits, at)?
                        }
                        None => customer_id,
                    };
                    let t = crate::store::ticket_write::NewTicket {
                        subject,
                        kind,
                        channel,
                        priority,
                        customer_id,
                        product_id,
                        body,
                    };
                    store.create_ticket(&t, at)
                };
                match create() {
                    Ok(c) => Response::Created {
                        number: c.number,
                        error: None,
                    },
                    Err(e) => Response::Created {
                        number: 0,
                        error: Some(e.to_string()),
                    },
                }
            }
            Request::BulkSet { numbers, edits, at } => {
                let results = numbers
                    .iter()
                    .map(|n| (*n, store.set_ticket(*n, &edits, None, at).map(|_| ())));
                bulk_done(results.collect())
            }
            Request::BulkReply {
                replies,
                author_id,
                edits,
                at,
            } => {
                let mut results = Vec::new();
                for (n, body) in &replies {
                    let mut r = store
                        .add_message(*n, Writer::Agent, author_id.as_deref(), false, body, at)
                        .map(|_| ());
                    if r.is_ok() && !edits.is_empty() {
                        r = store.set_ticket(*n, &edits, None, at).map(|_| ());
                    }
                    results.push((*n, r));
                }
                bulk_done(results)
            }
            r @ (Request::Categories
            | Request::ArticlePage { .. }
            | Request::Article { .. }
            | Request::KbSearch { .. }
            | Request::Suggestions { .. }
            | Request::ArticleHistory { .. }
            | Request::SaveArticle { .. }
            | Request::SetArticleStatus { .. }
            | Request::VoteArticle { .. }
            | Request::ArticleUsed { .. }) => kb::serve(store, r)?,
            r @ (Request::ChangesSince { .. }
            | Request::TicketRows { .. }
            | Request::Heartbeat { .. }
            | Request::PresenceOn { .. }
            | Request::SetTicket { .. }
            | Request::AddMessage { .. }) => team::serve(store, r)?,
        })
    })();
    result.unwrap_or_else(|e| Response::Failed {
        list,
        error: e.to_string(),
    })
}

/// A bulk change's answer: each ticket succeeds or is refused on its own.
fn bulk_done(results: Vec<(i64, crate::store::Result<()>)>) -> Response {
    let done = results.iter().filter(|(_, r)| r.is_ok()).count();
    let refused = results
        .into_iter()
        .filter_map(|(n, r)| r.err().map(|e| format!("#{n}: {e}")))
        .collect();
    Response::BulkDone { done, refused }
}

/// A write's answer: refusals and conflicts are answers for the user, not failures of the worker.
pub(super) fn written(
    number: i64,
    what: &str,
    message: bool,
    r: crate::store::Result<crate::store::UpdateOutcome>,
) -> Response {
    let (error, conflict) = match r {
        Ok(_) => (None, false),
        Err(e @ StoreError::Conflict { .. }) => (Some(e.to_string()), true),
        Err(e) => (Some(e.to_string()), false),
    };
    Response::Written {
        number,
        what: what.to_string(),
        error,
        conflict,
        message,
    }
}

/// Drops requests superseded by a newer one in the same slot (see [`Request::slot`]).
pub fn coalesce(batch: Vec<Request>) -> Vec<Request> {
    let mut keep: Vec<Request> = Vec::with_capacity(batch.len());
    for req in batch {
        if req.supersedable() {
            keep.retain(|r| !(r.slot() == req.slot() && r.supersedable()));
        }
        keep.push(req);
    }
    keep
}

fn spawn_worker(mut store: Store, to_ui: Sender<Msg>) -> Sender<Request> {
    let (tx, rx): (Sender<Request>, Receiver<Request>) = mpsc::channel();
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut batch = vec![first];
            batch.extend(rx.try_iter());
            for req in coalesce(batch) {
                if to_ui.send(Msg::Loaded(serve(&mut store, req))).is_err() {
                    return;
                }
            }
        }
    });
    tx
}

/// Runs the TUI until the user quits.
pub fn run(store: Store, settings: Settings, theme: Theme) -> anyhow::Result<()> {
    let mouse = settings.mouse;
    let mut guard = TerminalGuard::enter(mouse)?;
    let size = guard.terminal.size()?;
    let (to_ui, from_all) = mpsc::channel();
    let worker = spawn_worker(store, to_ui.clone());
    let input = tui::input::spawn(to_ui, now);

    let (mut model, effects): (Model, Vec<Effect>) =
        app::init(settings, size.width, size.height, now());
    let mut pending: VecDeque<Effect> = effects.into();
    loop {
        while let Some(effect) = pending.pop_front() {
            match effect {
                Effect::Load(req) => {
                    if worker.send(req).is_err() {
                        anyhow::bail!("the store worker stopped; see the log for why");
                    }
                }
                Effect::Edit { purpose, template } => {
                    // The editor owns the terminal meanwhile: nothing of desk's may read keys or draw.
                    input.pause();
                    let text = guard.suspended(|| tui::editor::edit(&template));
                    input.resume();
                    pending.extend(app::update(
                        &mut model,
                        Msg::Edited {
                            purpose,
                            text: text?,
                        },
                        now(),
                    ));
                }
                Effect::Quit => {
                    leave_ticket(&model, &worker, &from_all);
                    return Ok(());
                }
            }
        }
        guard.terminal.draw(|f| ui::render(f, &model, &theme))?;
        let Ok(first) = from_all.recv() else {
            return Ok(());
        };
        // Apply everything already waiting before drawing again: key repeat and page answers cost one frame.
        for msg in std::iter::once(first).chain(from_all.try_iter()) {
            pending.extend(app::update(&mut model, msg, now()));
        }
    }
}

/// Ends this agent's presence on the open ticket before quitting, so others stop seeing "viewing" at once rather
/// than when it expires; waits briefly for the write and gives up quietly (expiry covers a slow share).
fn leave_ticket(model: &Model, worker: &Sender<Request>, from_all: &Receiver<Msg>) {
    let Some((number, _, _)) = model.live.heartbeat else {
        return;
    };
    let req = Request::Heartbeat {
        number,
        activity: None,
        at: now(),
    };
    if worker.send(req).is_err() {
        return;
    }
    let deadline = std::time::Instant::now() + Duration::from_millis(500);
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match from_all.recv_timeout(left) {
            Ok(Msg::Loaded(Response::Presence { .. })) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// Whole-process benchmark hook (`desk --bench-first-frame`): runs the real start-up path — worker thread, initial
/// loads, update — until the queue's first page has arrived, renders that frame to an off-screen
/// buffer of `width`×`height`, and returns the time taken. Terminal output itself is not included.
pub fn first_frame(
    store: Store,
    settings: Settings,
    theme: &Theme,
    width: u16,
    height: u16,
) -> anyhow::Result<Duration> {
    let started = std::time::Instant::now();
    let (to_ui, from_worker) = mpsc::channel();
    let worker = spawn_worker(store, to_ui);
    let (mut model, effects) = app::init(settings, width, height, now());
    dispatch(&worker, effects);
    let ready = |m: &Model| m.queues.list.loading.is_none();
    while !ready(&model) {
        let msg = from_worker.recv_timeout(Duration::from_secs(30))?;
        let effects = app::update(&mut model, msg, now());
        dispatch(&worker, effects);
    }
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))?;
    term.draw(|f| ui::render(f, &model, theme))?;
    Ok(started.elapsed())
}

/// Sends the loads among `effects` to the worker (the benchmark path has no editor and never quits early).
fn dispatch(worker: &Sender<Request>, effects: Vec<Effect>) {
    for e in effects {
        if let Effect::Load(req) = e
            && worker.send(req).is_err()
        {
            tracing::error!("the store worker stopped");
        }
    }
}
