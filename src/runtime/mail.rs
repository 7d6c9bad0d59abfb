//! Mail in a running desk: a thread of its own, with its own connection to the database, fetches the
//! `[[mail.inbound]]` mailboxes and delivers the outbox on the configured intervals. Network waits never hold
//! the store worker that answers the agent's keys; rounds are reported to the UI as `Msg::Mail`.

use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use crate::app::Msg;
use crate::app::mail::{MailEvent, MailRound};
use crate::channels::{imap_fetch, mail_send};
use crate::config::mail::MailConfig;
use crate::store::Store;
use crate::store::intake::Ingested;

/// Opens a second connection to the agent's database, set up as the agent's own.
pub type OpenStore = Box<dyn Fn() -> anyhow::Result<Store> + Send>;

/// The first round waits this long, so start-up has the disk to itself.
const FIRST_ROUND_AFTER: Duration = Duration::from_secs(3);
/// Mails delivered per round at most; the rest go next round.
const SEND_LIMIT: usize = 100;

/// Starts the background mail job if the config asks for fetching or delivery; returns the way to ask it for a
/// round now (`g f`), or `None` when there is no job.
pub fn spawn(cfg: MailConfig, open: OpenStore, to_ui: Sender<Msg>) -> Option<Sender<()>> {
    let every = |secs: u32, wanted: bool| {
        (wanted && secs > 0).then(|| Duration::from_secs(u64::from(secs)))
    };
    let fetch_every = every(cfg.fetch_every_secs, !cfg.inbound.is_empty());
    let send_every = every(cfg.send_every_secs, cfg.from.is_some());
    if fetch_every.is_none() && send_every.is_none() {
        return None;
    }
    let (wake, woken) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        let start = Instant::now() + FIRST_ROUND_AFTER;
        let (mut next_fetch, mut next_send) = (start, start);
        let mut store: Option<Store> = None;
        loop {
            let due = [
                fetch_every.map(|_| next_fetch),
                send_every.map(|_| next_send),
            ]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(start);
            // Asleep until the next round is due, or until the agent asks for one now.
            let asked = match woken.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(()) => true,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => false,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
            };
            let now = Instant::now();
            let fetch = fetch_every.is_some_and(|_| asked || next_fetch <= now);
            let send = send_every.is_some_and(|_| asked || next_send <= now);
            if to_ui.send(Msg::Mail(MailEvent::Started)).is_err() {
                return;
            }
            let round = one_round(&cfg, &open, &mut store, fetch, send);
            if to_ui.send(Msg::Mail(MailEvent::Finished(round))).is_err() {
                return;
            }
            let after = Instant::now();
            if let Some(d) = fetch_every.filter(|_| fetch) {
                next_fetch = after + d;
            }
            if let Some(d) = send_every.filter(|_| send) {
                next_send = after + d;
            }
        }
    });
    Some(wake)
}

fn one_round(
    cfg: &MailConfig,
    open: &OpenStore,
    store: &mut Option<Store>,
    fetch: bool,
    send: bool,
) -> MailRound {
    let mut round = MailRound::default();
    tracing::debug!("background mail round: fetch {fetch}, send {send}");
    if store.is_none() {
        match open() {
            Ok(s) => *store = Some(s),
            Err(e) => {
                round
                    .errors
                    .push(format!("cannot open the database: {e:#}"));
                return round;
            }
        }
    }
    let Some(db) = store.as_mut() else {
        return round;
    };
    let now = super::now();
    if fetch {
        let rules = cfg.intake_rules();
        for m in &cfg.inbound {
            let fetched = imap_fetch::fetch(m, db, &rules, now, &mut |f| {
                match f.outcome {
                    Ingested::Created { .. } | Ingested::FollowUp { .. } => round.new_tickets += 1,
                    Ingested::Threaded { .. } | Ingested::Surveyed { .. } => round.answers += 1,
                    Ingested::Noted { .. }
                    | Ingested::Ignored { .. }
                    | Ingested::Duplicate { .. } => {}
                }
                Ok(())
            });
            if let Err(e) = fetched {
                round
                    .errors
                    .push(format!("mailbox {}: {}", m.label(), chain(&e)));
            }
        }
    }
    if send {
        let sent = mail_send::Sender::from_config(cfg).and_then(|(sender, from)| {
            mail_send::deliver_due(db, &sender, &from, SEND_LIMIT, now, &mut |_, _, _| Ok(()))
        });
        match sent {
            Ok(s) => {
                round.sent = s.sent;
                round.not_sent = s.retry + s.failed;
            }
            Err(e) => round.errors.push(format!("sending: {}", chain(&e))),
        }
    }
    for e in &round.errors {
        tracing::warn!("background mail: {e}");
    }
    if round.new_tickets + round.answers + round.sent + round.not_sent > 0 {
        tracing::info!(
            "background mail: {} new tickets, {} answers, {} sent, {} not sent",
            round.new_tickets,
            round.answers,
            round.sent,
            round.not_sent
        );
    }
    if !round.errors.is_empty() {
        // A connection that failed may be what failed: the next round opens a fresh one.
        *store = None;
    }
    round
}

fn chain(e: &anyhow::Error) -> String {
    crate::domain::text::error_chain(e.as_ref())
}
