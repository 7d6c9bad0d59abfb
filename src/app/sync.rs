//! A replica in the running desk (issue 19): the background sync job (runtime::sync) reports each look at the hub
//! and each sync here; the status bar shows where the replica stands, `:sync` asks for a sync now, and what a sync
//! did (final numbers for provisional tickets, edits of this agent that lost) is said as a toast.

use super::msg::Effect;
use super::protocol::TicketRequest;
use super::update::toast;
use super::{Model, conflicts};
use crate::domain::text::width;
use crate::domain::ticket::shown_number;
use crate::i18n::{Locale, tr, tr_args};
use crate::store::sync::replica::Conflict;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncEvent {
    /// Whether the open database is a replica with a background sync job, said once at start.
    Ready(bool),
    /// A sync (not a mere look at the hub) started.
    Started,
    Finished(SyncRound),
}

/// One round of the background job: a look at the hub, or a sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRound {
    /// `:sync` asked for it (what happened is then always said).
    pub asked: bool,
    pub outcome: Outcome,
    /// Changes made here that the hub lacks, after the round.
    pub to_send: i64,
    /// Changes at the hub this replica lacks, after the round (`None`: the hub was not read).
    pub to_receive: Option<i64>,
    /// When this replica was last known to be in step with its hub.
    pub in_step_at: Option<i64>,
    /// This agent's open conflicts, when the round read them (after a sync, and at the first round).
    pub conflicts: Option<Vec<Conflict>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Both ways done: changes sent and received; provisional numbers the hub made final (provisional, final).
    Synced {
        sent: i64,
        received: i64,
        numbered: Vec<(i64, i64)>,
    },
    /// The hub was read: nothing waits either way, or auto sync is off and what waits stays.
    Looked,
    /// The hub's file is not there (the share is not mounted, the laptop is offline): why, in one line.
    Unreachable(String),
    /// The hub was there but the sync failed: why, in one line.
    Failed(String),
}

/// What the status bar shows of the replica.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncStatus {
    /// The open database is a replica (its background job runs).
    pub replica: bool,
    /// A sync is running now.
    pub busy: bool,
    /// The last round, without its conflicts (`None` until the first one).
    pub last: Option<SyncRound>,
    /// The agent's open conflicts, as last read.
    pub open_conflicts: usize,
    /// Conflicts already said, by losing change id: a conflict is toasted once.
    pub seen: BTreeSet<String>,
    /// The last error said: the same error again is not toasted again (the status bar keeps saying it).
    pub said_error: Option<String>,
}

impl SyncStatus {
    /// The status bar's badge, longest form first (the bar takes the first that fits); empty when this is not a
    /// replica or nothing is known yet.
    pub fn badges(&self, now: i64, l: Locale) -> Vec<String> {
        if !self.replica {
            return Vec::new();
        }
        if self.busy {
            return vec![tr(l, "sync-badge-busy")];
        }
        let Some(last) = &self.last else {
            return Vec::new();
        };
        let up = last.to_send;
        let down = last
            .to_receive
            .map_or_else(|| "?".to_string(), |n| n.to_string());
        let waiting = |head: &str, short: &str| {
            let (head, short) = (tr(l, head), tr(l, short));
            if up > 0 {
                vec![
                    tr_args(
                        l,
                        "sync-badge-waiting",
                        &[("head", head.into()), ("up", up.into())],
                    ),
                    format!("{short} ↑{up}"),
                    short,
                ]
            } else {
                vec![head, short]
            }
        };
        match &last.outcome {
            Outcome::Unreachable(_) => waiting("sync-badge-unreachable", "sync-badge-offline"),
            Outcome::Failed(_) => waiting("sync-badge-failed", "sync-badge-failed-short"),
            Outcome::Synced { .. } | Outcome::Looked => {
                // How long ago it was last in step, when that is known (a replica never synced has no age).
                let (long, short) = match last.in_step_at {
                    Some(t) => (format!(" {}", age(now - t, l)), age(now - t, l)),
                    None => (String::new(), String::new()),
                };
                let hub = tr(l, "sync-badge-hub");
                vec![
                    format!("{hub} ✓{long} ↑{up} ↓{down}"),
                    format!("✓{short} ↑{up}↓{down}"),
                    format!("↑{up}↓{down}"),
                ]
            }
        }
    }

    /// The badge is a warning (the last sync failed).
    pub fn failed(&self) -> bool {
        !self.busy
            && self
                .last
                .as_ref()
                .is_some_and(|l| matches!(l.outcome, Outcome::Failed(_)))
    }
}

/// "4s", then as lists show ages ("3m", "2h"; 3分钟).
fn age(seconds: i64, l: Locale) -> String {
    if seconds < 60 {
        tr_args(l, "sync-age-seconds", &[("n", seconds.max(0).into())])
    } else {
        crate::i18n::compact_age(l, seconds)
    }
}

pub(super) fn on_event(model: &mut Model, event: SyncEvent) -> Vec<Effect> {
    match event {
        SyncEvent::Ready(replica) => {
            model.sync.replica = replica;
            Vec::new()
        }
        SyncEvent::Started => {
            model.sync.busy = true;
            Vec::new()
        }
        SyncEvent::Finished(mut round) => {
            model.sync.busy = false;
            let mine = round.conflicts.take();
            let fx = finished(model, &round);
            model.sync.last = Some(round);
            if let Some(list) = mine {
                new_conflicts(model, list);
            }
            fx
        }
    }
}

fn finished(model: &mut Model, round: &SyncRound) -> Vec<Effect> {
    let l = model.locale;
    let mut fx = Vec::new();
    match &round.outcome {
        Outcome::Synced {
            sent,
            received,
            numbered,
        } => {
            model.sync.said_error = None;
            let renamed: Vec<String> = numbered
                .iter()
                .map(|(p, f)| {
                    let was = shown_number(*p);
                    tr_args(
                        l,
                        "sync-renumbered",
                        &[("was", was.into()), ("now", f.to_string().into())],
                    )
                })
                .collect();
            fx.extend(renumber(model, numbered));
            let mut parts = Vec::new();
            if round.asked {
                parts.push(if *sent == 0 && *received == 0 {
                    tr(l, "sync-synced-nothing")
                } else {
                    let args = [("sent", (*sent).into()), ("received", (*received).into())];
                    tr_args(l, "sync-synced", &args)
                });
            }
            parts.extend(renamed);
            if !parts.is_empty() {
                toast(model, parts.join(" · "), false);
            }
        }
        Outcome::Looked => model.sync.said_error = None,
        Outcome::Unreachable(why) | Outcome::Failed(why) => {
            // Said when asked for, and when it is news; otherwise the status bar keeps saying it.
            let news = model.sync.said_error.as_ref() != Some(why);
            let unreachable = matches!(round.outcome, Outcome::Unreachable(_));
            if round.asked || (news && !unreachable) {
                let text = tr_args(l, "sync-failed", &[("why", why.as_str().into())]);
                toast(model, text, true);
            }
            model.sync.said_error = Some(why.clone());
        }
    }
    fx
}

/// Provisional numbers the hub made final: the open ticket and the queue rows follow.
fn renumber(model: &mut Model, numbered: &[(i64, i64)]) -> Vec<Effect> {
    let mut fx = Vec::new();
    for &(p, f) in numbered {
        for row in model.queues.list.rows.iter_mut().filter(|r| r.number == p) {
            row.number = f;
        }
        if model.ticket.number == Some(p) {
            model.ticket.number = Some(f);
            fx.push(Effect::load(TicketRequest::Detail {
                number: f,
                at: model.now,
            }));
        }
    }
    fx
}

/// Conflicts not said yet are said once: the sentence for one, a count for several.
fn new_conflicts(model: &mut Model, list: Vec<Conflict>) {
    model.sync.open_conflicts = list.len();
    let fresh: Vec<&Conflict> = list
        .iter()
        .filter(|c| !model.sync.seen.contains(&c.loser))
        .collect();
    let l = model.locale;
    let pointed = |s: String| tr_args(l, "sync-conflict-toast", &[("what", s.into())]);
    let text = match fresh.as_slice() {
        [] => None,
        // The whole sentence where the status bar has room for it, else the short one (the list has both).
        [one] => Some(
            [
                conflicts::sentence(model, one),
                conflicts::short_sentence(model, one),
            ]
            .into_iter()
            .map(pointed)
            .find(|s| width(s) < usize::from(model.width))
            .unwrap_or_else(|| pointed(conflicts::short_sentence(model, one))),
        ),
        many => Some(tr_args(
            l,
            "sync-conflicts-toast",
            &[("n", many.len().into())],
        )),
    };
    model.sync.seen.extend(list.iter().map(|c| c.loser.clone()));
    if let Some(text) = text {
        toast(model, text, true);
    }
}

/// `:sync` (`g s`): a sync now rather than at the next look; said plainly when there is nothing to sync.
pub(super) fn now(model: &mut Model) -> Vec<Effect> {
    if !model.sync.replica {
        let text = tr(model.locale, "sync-not-replica");
        toast(model, text, true);
        return Vec::new();
    }
    if model.sync.busy {
        let text = tr(model.locale, "sync-running");
        toast(model, text, false);
        return Vec::new();
    }
    vec![Effect::SyncNow]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(outcome: Outcome, to_send: i64, to_receive: Option<i64>) -> SyncRound {
        SyncRound {
            asked: false,
            outcome,
            to_send,
            to_receive,
            in_step_at: Some(1_000),
            conflicts: None,
        }
    }

    fn status(r: SyncRound) -> SyncStatus {
        SyncStatus {
            replica: true,
            last: Some(r),
            ..SyncStatus::default()
        }
    }

    #[test]
    fn the_badge_says_where_the_replica_stands() {
        assert!(SyncStatus::default().badges(0, Locale::En).is_empty());
        let s = status(round(Outcome::Looked, 3, Some(0)));
        assert_eq!(s.badges(1_012, Locale::En)[0], "hub ✓ 12s ↑3 ↓0");
        assert_eq!(s.badges(1_000 + 180, Locale::En)[0], "hub ✓ 3m ↑3 ↓0");
        let mut never = round(Outcome::Looked, 2, Some(1));
        never.in_step_at = None;
        assert_eq!(status(never).badges(2_000, Locale::En)[0], "hub ✓ ↑2 ↓1");
        let s = status(round(Outcome::Unreachable("gone".into()), 5, None));
        assert_eq!(
            s.badges(2_000, Locale::En),
            ["hub unreachable · ↑5 waiting", "offline ↑5", "offline"]
        );
        assert!(!s.failed());
        let s = status(round(Outcome::Failed("locked".into()), 0, None));
        assert_eq!(s.badges(2_000, Locale::En), ["sync failed", "sync!"]);
        assert!(s.failed());
        let mut s = status(round(Outcome::Looked, 0, None));
        s.busy = true;
        assert_eq!(s.badges(2_000, Locale::En), ["sync…"]);
        s.replica = false;
        assert!(s.badges(2_000, Locale::En).is_empty());
    }
}
