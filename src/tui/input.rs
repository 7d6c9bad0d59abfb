//! The thread that reads the terminal. It can be paused while an external editor owns the terminal, so that no
//! keystroke meant for the editor is read by desk.

use super::to_msg;
use crate::app::Msg;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

/// How often the clock ticks (toasts expire, ages refresh, live counts poll).
const TICK: Duration = Duration::from_secs(1);
/// How long one poll waits: short, so a pause takes effect quickly.
const POLL: Duration = Duration::from_millis(50);

#[derive(Clone, Default)]
pub struct InputControl {
    pause: Arc<AtomicBool>,
    /// Set by the reader when it has stopped reading because of `pause`.
    parked: Arc<AtomicBool>,
}

impl InputControl {
    /// Stops reading and waits (up to a second) until the reader is parked.
    pub fn pause(&self) {
        self.pause.store(true, Ordering::SeqCst);
        let until = Instant::now() + Duration::from_secs(1);
        while !self.parked.load(Ordering::SeqCst) && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    pub fn resume(&self) {
        self.pause.store(false, Ordering::SeqCst);
    }
}

/// Starts the reader; it sends key, mouse and resize Msgs and a Tick each second until the receiver is gone.
pub fn spawn(to_ui: Sender<Msg>, now: fn() -> i64) -> InputControl {
    let control = InputControl::default();
    let c = control.clone();
    std::thread::spawn(move || {
        let mut last_tick = Instant::now();
        loop {
            if c.pause.load(Ordering::SeqCst) {
                c.parked.store(true, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
            c.parked.store(false, Ordering::SeqCst);
            let msg = match crossterm::event::poll(POLL) {
                Ok(true) => match crossterm::event::read() {
                    Ok(ev) => to_msg(ev),
                    Err(e) => {
                        tracing::error!("reading terminal events failed: {e}");
                        return;
                    }
                },
                Ok(false) => None,
                Err(e) => {
                    tracing::error!("polling terminal events failed: {e}");
                    return;
                }
            };
            if let Some(msg) = msg
                && to_ui.send(msg).is_err()
            {
                return;
            }
            if last_tick.elapsed() >= TICK {
                last_tick = Instant::now();
                if to_ui.send(Msg::Tick(now())).is_err() {
                    return;
                }
            }
        }
    });
    control
}
