//! A replica in the running desk, as key sequences on the whole app: the status bar says where the replica stands
//! with its hub (nothing on a database that is no replica), `:sync` asks the background job for a sync, an edit of
//! this agent's that lost at sync is said once as a sentence, and `:conflicts` lists such edits with `a` to keep
//! the winner's value and `r` to write the agent's own again. The conflict is a real one: a hub and two replicas in
//! a temporary directory, the same ticket's priority changed on both, both synced.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::sync::{Outcome, SyncEvent, SyncRound};
use desk::app::{Msg, Overlay};
use desk::domain::ticket::Priority;
use desk::store::sync::{Direction, replica};
use desk::store::ticket_write::TicketEdit;
use desk::store::{OpenMode, StorageMode, Store};
use std::path::{Path, PathBuf};

macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

fn open(path: &Path, actor: &str) -> Store {
    let mut s = Store::open_with(path, OpenMode::Existing, StorageMode::Local).unwrap();
    s.set_actor(Some(actor.into()));
    s
}

/// A hub with the fixture's 12 tickets and two replicas of it; on replica 0 li raised #1002 (Normal) to High, on replica 1
/// wang to Urgent a little later; replica 1 synced first, then replica 0, so li's High lost. Returns replica 0.
fn lost_edit(dir: &Path) -> PathBuf {
    let hub = dir.join("team.db");
    let mut s = Store::open_with(&hub, OpenMode::Create, StorageMode::Local).unwrap();
    fill(&mut s, 12);
    drop(s);
    let r: Vec<PathBuf> = (0..2)
        .map(|i| {
            let p = dir.join(format!("r{i}.db"));
            replica::create(&hub, StorageMode::Local, &p, &mut |_, _| {}).unwrap();
            p
        })
        .collect();
    let edit = |path: &Path, who: &str, p: Priority, at: i64| {
        open(path, who)
            .set_ticket(1002, &[TicketEdit::Priority(p)], None, at)
            .unwrap();
    };
    edit(&r[0], "li", Priority::High, NOW - 300);
    edit(&r[1], "wang", Priority::Urgent, NOW - 240);
    for (path, who, at) in [(&r[1], "wang", NOW - 60), (&r[0], "li", NOW - 30)] {
        let mut me = open(path, who);
        let mut h = open(&hub, who);
        me.sync_with(&mut h, Direction::Both, at).unwrap();
    }
    r[0].clone()
}

/// What the background job reports after the sync that found the conflict, read from the replica itself.
fn synced_round(replica: &Path, asked: bool) -> SyncRound {
    let s = open(replica, "li");
    SyncRound {
        asked,
        outcome: Outcome::Synced {
            sent: 1,
            received: 2,
            numbered: Vec::new(),
        },
        to_send: 0,
        to_receive: Some(0),
        in_step_at: Some(NOW - 12),
        conflicts: Some(s.conflicts(Some("li")).unwrap()),
    }
}

fn app(replica: &Path, w: u16, h: u16) -> Harness {
    let mut a = Harness::new(open(replica, "li"), Some("li"), w, h, NOW);
    a.send(Msg::Sync(SyncEvent::Ready(true)));
    a
}

/// Lets the toasts expire (the clock moves past them, then stays).
fn later(a: &mut Harness, secs: i64) {
    a.now += secs;
    a.send(Msg::Tick(a.now));
}

#[test]
fn the_status_bar_says_where_the_replica_stands() {
    let dir = tempfile::tempdir().unwrap();
    let r0 = lost_edit(dir.path());
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(&r0, w, h);
        // Nothing is known before the first look: nothing is claimed.
        assert!(!a.screen().contains("hub"), "{}", a.screen());
        let mut round = synced_round(&r0, false);
        round.outcome = Outcome::Looked;
        round.conflicts = Some(Vec::new());
        round.to_send = 3;
        a.send(Msg::Sync(SyncEvent::Finished(round)));
        let screen = a.screen();
        let bar = screen.lines().last().unwrap_or_default().to_string();
        assert!(bar.ends_with("hub ✓ 12s ↑3 ↓0"), "{screen}");
        assert!(bar.contains("? help"), "{screen}");
        assert_screen!(format!("replica_in_step_{w}x{h}"), screen);

        a.send(Msg::Sync(SyncEvent::Started));
        assert!(
            a.screen()
                .lines()
                .last()
                .unwrap_or_default()
                .ends_with("sync…")
        );
        let mut round = synced_round(&r0, false);
        round.outcome = Outcome::Unreachable("the hub /mnt/team/team.db cannot be reached".into());
        round.to_send = 5;
        round.to_receive = None;
        round.conflicts = Some(Vec::new());
        a.send(Msg::Sync(SyncEvent::Finished(round)));
        // An unreachable hub is a state, not news: no toast, the bar says it.
        assert_eq!(a.model.toast, None);
        let screen = a.screen();
        let bar = screen.lines().last().unwrap_or_default().to_string();
        let want = if w >= 120 {
            "hub unreachable · ↑5 waiting"
        } else {
            "offline ↑5"
        };
        assert!(bar.ends_with(want), "{screen}");
        assert_screen!(format!("replica_unreachable_{w}x{h}"), screen);
    }
}

#[test]
fn no_replica_no_badge_and_sync_says_why_not() {
    let mut a = Harness::new(store_with_tickets(12), Some("li"), 80, 24, NOW);
    a.send(Msg::Sync(SyncEvent::Ready(false)));
    let bar = a.screen().lines().last().unwrap_or_default().to_string();
    assert!(!bar.contains('↑') && !bar.contains("hub"), "{bar}");
    a.keys("g s");
    assert_eq!(a.sync_now, 0);
    let toast = a.model.toast.clone().expect("a toast");
    assert!(toast.text.contains("not a replica"), "{toast:?}");
}

#[test]
fn sync_now_wakes_the_job_and_says_what_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let r0 = lost_edit(dir.path());
    let mut a = app(&r0, 80, 24);
    a.keys("g s");
    assert_eq!(a.sync_now, 1);
    // From the palette too: `:sync` runs it.
    a.keys(":").type_text("sync").keys("enter");
    assert_eq!(a.sync_now, 2);
    assert_eq!(a.model.overlay, None);
    a.send(Msg::Sync(SyncEvent::Started));
    a.keys("g s");
    assert_eq!(a.sync_now, 2, "no second sync while one runs");
    let mut round = synced_round(&r0, true);
    round.conflicts = Some(Vec::new());
    a.send(Msg::Sync(SyncEvent::Finished(round)));
    let toast = a.model.toast.clone().expect("a toast");
    assert_eq!(toast.text, "synced: sent 1, received 2");
    let mut failed = synced_round(&r0, true);
    failed.outcome = Outcome::Failed("database is locked".into());
    failed.conflicts = None;
    a.send(Msg::Sync(SyncEvent::Finished(failed)));
    let toast = a.model.toast.clone().expect("a toast");
    assert!(
        toast.error && toast.text == "sync failed: database is locked",
        "{toast:?}"
    );
}

#[test]
fn a_lost_edit_is_said_once_and_listed_until_settled() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().unwrap();
        let r0 = lost_edit(dir.path());
        let mut a = app(&r0, w, h);
        a.send(Msg::Sync(SyncEvent::Finished(synced_round(&r0, false))));
        let toast = a.model.toast.clone().expect("the conflict is said");
        // In full where it fits, in fewer words on a narrow screen; either way it ends with where to look.
        let said = if w >= 120 {
            "your change of priority to High on #1002 was superseded by Wang Wei's Urgent 11:02 — :conflicts"
        } else {
            "#1002 priority: your High lost to Wang Wei's Urgent 11:02 — :conflicts"
        };
        assert_eq!(toast.text, said);
        assert!(a.screen().ends_with(said), "{}", a.screen());
        assert_screen!(format!("conflict_toast_{w}x{h}"), a.screen());
        // The next round finds the same conflict: not said again.
        later(&mut a, 10);
        a.send(Msg::Sync(SyncEvent::Finished(synced_round(&r0, false))));
        assert_eq!(a.model.toast, None);

        a.keys("g c");
        let screen = a.screen();
        assert!(
            screen.contains("Your edits that lost at sync · 1"),
            "{screen}"
        );
        assert!(
            screen.contains(
                "▶ your change of priority to High on #1002 was superseded by Wang Wei's"
            ) && screen.contains("Urgent 11:02"),
            "{screen}"
        );
        assert_screen!(format!("conflicts_{w}x{h}"), screen);

        // Keep Wang's value: the conflict leaves the list, the ticket stays Urgent.
        a.keys("a");
        let toast = a.model.toast.clone().expect("settled is said");
        assert_eq!(toast.text, "kept Wang Wei's Urgent on #1002");
        let screen = a.screen();
        assert!(screen.contains("No conflicts"), "{screen}");
        assert_screen!(format!("conflicts_empty_{w}x{h}"), screen);
        assert!(open(&r0, "li").conflicts(Some("li")).unwrap().is_empty());
        a.keys("esc");
        assert_eq!(a.model.overlay, None);
    }
}

#[test]
fn reapplying_writes_the_agents_value_again() {
    let dir = tempfile::tempdir().unwrap();
    let r0 = lost_edit(dir.path());
    let mut a = app(&r0, 120, 40);
    a.keys(":").type_text("conflicts").keys("enter");
    assert!(matches!(a.model.overlay, Some(Overlay::Conflicts(_))));
    a.keys("r");
    let toast = a.model.toast.clone().expect("settled is said");
    assert_eq!(toast.text, "wrote your priority of High again on #1002");
    let s = open(&r0, "li");
    assert!(s.conflicts(Some("li")).unwrap().is_empty());
    assert_eq!(
        s.ticket_detail(1002).unwrap().unwrap().row.priority,
        Priority::High
    );
}
