//! The loop: terminal event → Msg → update → effects; loads run on a worker thread that owns the store and answers
//! with Msgs, so the UI never waits on SQLite.

use crate::app::protocol::{TeamRequest, TeamResponse};
use crate::app::{self, Effect, Model, Msg, Request, Response, Settings};
use crate::store::Store;
use crate::tui::{self, TerminalGuard};
use crate::ui::{self, Theme};
use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

mod mail;
pub mod open;
mod serve;
pub mod sync;
mod sync_pg;
pub mod workers;

pub use mail::OpenStore;
pub use serve::serve;
use workers::Workers;

pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A replica's background sync: its config, the agent (whose lost edits are said), `[hub] password_command` (for a
/// PostgreSQL hub), and a way to open another connection to the replica.
pub type SyncJob = (
    crate::config::sync::SyncConfig,
    Option<String>,
    Option<String>,
    OpenStore,
);

/// Runs the TUI until the user quits. `background`: a way to open the connection the SLA sweep and measuring run
/// on (without one they share the interactive worker); `mail`: the mail config and a way to open a second
/// connection, for the background fetch and delivery; `sync`: on a replica, the background sync.
pub fn run(
    store: Store,
    background: Option<OpenStore>,
    settings: Settings,
    theme: Theme,
    mail: Option<(crate::config::mail::MailConfig, OpenStore)>,
    sync: Option<SyncJob>,
) -> anyhow::Result<()> {
    let mouse = settings.mouse;
    let mut guard = TerminalGuard::enter(mouse)?;
    let size = guard.terminal.size()?;
    let (to_ui, from_all) = mpsc::channel();
    let worker = Workers::spawn(store, open_background(background), to_ui.clone());
    watch_store_waits(to_ui.clone());
    let mail_now = mail.and_then(|(cfg, open)| mail::spawn(cfg, open, to_ui.clone()));
    // The model learns whether `g f` has a job to wake.
    let _ = to_ui.send(Msg::Mail(app::mail::MailEvent::Ready(mail_now.is_some())));
    let sync_now = sync
        .map(|(cfg, actor, password, open)| sync::spawn(cfg, actor, password, open, to_ui.clone()));
    let _ = to_ui.send(Msg::Sync(app::sync::SyncEvent::Ready(sync_now.is_some())));
    let to_opener = to_ui.clone();
    let input = tui::input::spawn(to_ui, now);
    // Attachments opened this run live here until desk exits (made at the first one).
    let mut opened_dir: Option<tempfile::TempDir> = None;

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
                    let edited = guard.suspended(|| tui::editor::edit(&template));
                    input.resume();
                    let text = edited?.map_err(|e| {
                        tracing::warn!("{e}");
                        e.to_string()
                    });
                    pending.extend(app::update(
                        &mut model,
                        Msg::Edited { purpose, text },
                        now(),
                    ));
                }
                Effect::Open {
                    name,
                    bytes,
                    refuse,
                } => {
                    let dir = match &opened_dir {
                        Some(d) => Ok(d.path().to_path_buf()),
                        None => open::private_dir().map(|d| {
                            let path = d.path().to_path_buf();
                            opened_dir = Some(d);
                            path
                        }),
                    };
                    match dir {
                        Ok(dir) => open_in_background(dir, name, bytes, refuse, to_opener.clone()),
                        Err(e) => {
                            let outcome = app::msg::OpenOutcome::NotSaved {
                                reason: format!("no private folder for it: {e}"),
                            };
                            let msg = Msg::Opened(app::msg::Opened { name, outcome });
                            pending.extend(app::update(&mut model, msg, now()));
                        }
                    }
                }
                Effect::MailNow => {
                    if let Some(wake) = &mail_now {
                        let _ = wake.send(());
                    }
                }
                Effect::SyncNow => {
                    if let Some(job) = &sync_now {
                        job.sync_now();
                    }
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

/// The background connection, or none (then the interactive worker does everything, as before) when it cannot
/// be opened: a second connection failing is no reason to refuse the agent their desk.
fn open_background(open: Option<OpenStore>) -> Option<Store> {
    let open = open?;
    open()
        .inspect_err(|e| {
            tracing::warn!("no background connection, sweeping on the interactive one: {e:#}")
        })
        .ok()
}

/// Saves and opens an attachment on its own thread (writing a large file or an opener that is slow to start must
/// not hold up keys), which also reaps the opener when it exits.
fn open_in_background(
    dir: std::path::PathBuf,
    name: String,
    bytes: Vec<u8>,
    refuse: Option<String>,
    to_ui: Sender<Msg>,
) {
    let opener = open::opener_from_env();
    std::thread::spawn(move || {
        open::save_and_open(&dir, &name, &bytes, refuse, &opener, &mut |o| {
            // The UI may have quit meanwhile; nothing is left to tell.
            let _ = to_ui.send(Msg::Opened(o));
        });
    });
}

/// Tells the UI when the store worker has waited a moment for another desk's write, and when that ends.
fn watch_store_waits(to_ui: mpsc::Sender<Msg>) {
    /// Shorter waits pass unnoticed; a batch of another desk's import is a tenth of a second.
    const NOTICE_AFTER: Duration = Duration::from_millis(300);
    std::thread::spawn(move || {
        let mut shown = false;
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let waiting = crate::store::busy::waiting_for_lock().is_some_and(|d| d >= NOTICE_AFTER);
            if waiting != shown {
                shown = waiting;
                if to_ui.send(Msg::StoreWaiting(waiting)).is_err() {
                    return;
                }
            }
        }
    });
}

/// Ends this agent's presence on the open ticket before quitting, so others stop seeing "viewing" at once rather
/// than when it expires; waits briefly for the write and gives up quietly (expiry covers a slow share).
fn leave_ticket(model: &Model, worker: &Workers, from_all: &Receiver<Msg>) {
    let Some((number, _, _)) = model.live.heartbeat else {
        return;
    };
    let req = Request::Team(TeamRequest::Heartbeat {
        number,
        activity: None,
        at: now(),
    });
    if worker.send(req).is_err() {
        return;
    }
    let deadline = std::time::Instant::now() + Duration::from_millis(500);
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match from_all.recv_timeout(left) {
            Ok(Msg::Loaded(Response::Team(TeamResponse::Presence { .. }))) | Err(_) => return,
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
    let worker = Workers::spawn(store, None, to_ui);
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
fn dispatch(worker: &Workers, effects: Vec<Effect>) {
    for e in effects {
        if let Effect::Load(req) = e
            && worker.send(req).is_err()
        {
            tracing::error!("the store worker stopped");
        }
    }
}
