//! Two store workers, each on its own connection: the interactive one answers what the agent's keys ask for
//! (pages, tickets, search, the agent's own writes); the background one runs the SLA sweep and the dashboard's
//! measuring. A sweep of thousands of escalations therefore never holds a page load: in WAL mode the reads run
//! beside it, and its write transactions are slices short enough that an interactive write waits milliseconds.
//! Between slices the sweep also steps aside while interactive requests are waiting, so on a busy machine the
//! agent's keys get the CPU first.

use crate::app::Msg;
use crate::app::protocol::{Request, coalesce};
use crate::store::Store;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use super::serve::{serve, serve_with};

/// The sweep waits at most this long for interactive work before its next slice, so a stream of keys cannot
/// starve it.
const MAX_YIELD: Duration = Duration::from_millis(250);

/// Where requests go. Without a background connection everything goes to the interactive worker, in order.
pub struct Workers {
    interactive: Sender<Request>,
    background: Option<Sender<Request>>,
    /// Interactive requests sent and not yet answered.
    waiting: Arc<AtomicUsize>,
}

impl Workers {
    pub fn spawn(store: Store, background: Option<Store>, to_ui: Sender<Msg>) -> Workers {
        let waiting = Arc::new(AtomicUsize::new(0));
        let interactive = spawn_interactive(store, to_ui.clone(), Arc::clone(&waiting));
        let background = background.map(|s| spawn_background(s, to_ui, Arc::clone(&waiting)));
        Workers {
            interactive,
            background,
            waiting,
        }
    }

    /// Sends `req` to its worker; an error means that worker has stopped.
    pub fn send(&self, req: Request) -> Result<(), WorkerStopped> {
        match &self.background {
            Some(bg) if req.is_background() => bg.send(req).map_err(|_| WorkerStopped),
            _ => {
                self.waiting.fetch_add(1, Ordering::SeqCst);
                self.interactive.send(req).map_err(|_| {
                    self.waiting.fetch_sub(1, Ordering::SeqCst);
                    WorkerStopped
                })
            }
        }
    }
}

/// A store worker's thread has ended (its receiver is gone); the log says why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerStopped;

impl std::fmt::Display for WorkerStopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the store worker stopped; see the log for why")
    }
}

fn spawn_interactive(
    mut store: Store,
    to_ui: Sender<Msg>,
    waiting: Arc<AtomicUsize>,
) -> Sender<Request> {
    let (tx, rx): (Sender<Request>, Receiver<Request>) = mpsc::channel();
    std::thread::spawn(move || {
        while let Some(batch) = next_batch(&rx) {
            let received = batch.len();
            let mut stopped = false;
            for req in coalesce(batch) {
                if to_ui.send(Msg::Loaded(serve(&mut store, req))).is_err() {
                    stopped = true;
                    break;
                }
            }
            waiting.fetch_sub(received, Ordering::SeqCst);
            if stopped {
                return;
            }
        }
    });
    tx
}

fn spawn_background(
    mut store: Store,
    to_ui: Sender<Msg>,
    waiting: Arc<AtomicUsize>,
) -> Sender<Request> {
    let (tx, rx): (Sender<Request>, Receiver<Request>) = mpsc::channel();
    std::thread::spawn(move || {
        let mut step_aside = || {
            let since = Instant::now();
            while waiting.load(Ordering::SeqCst) > 0 && since.elapsed() < MAX_YIELD {
                std::thread::sleep(Duration::from_millis(1));
            }
        };
        while let Some(batch) = next_batch(&rx) {
            for req in coalesce(batch) {
                let answer = serve_with(&mut store, req, &mut step_aside);
                if to_ui.send(Msg::Loaded(answer)).is_err() {
                    return;
                }
            }
        }
    });
    tx
}

/// Waits for a request and takes every one queued behind it, so superseded reads can be dropped together;
/// `None` once the app is gone.
fn next_batch(rx: &Receiver<Request>) -> Option<Vec<Request>> {
    let first = rx.recv().ok()?;
    Some(std::iter::once(first).chain(rx.try_iter()).collect())
}
