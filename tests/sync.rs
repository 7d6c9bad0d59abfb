//! Replicas and sync (issue 19): a replica works with no hub, and a sync brings both to the same state — fields
//! merged by last writer, a provisional number made final, the losing edit listed for its author.

mod common;

use common::*;
use desk::domain::lifecycle::Writer;
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::store::sync::{Direction, replica};
use desk::store::ticket_write::{NewTicket, TicketEdit};
use desk::store::{OpenMode, StorageMode, Store};
use std::path::Path;

fn open(path: &Path, actor: &str) -> Store {
    let mut s = Store::open_with(path, OpenMode::Existing, StorageMode::Local).unwrap();
    s.set_actor(Some(actor.into()));
    s
}

/// A hub with the fixture's agents, customers and six tickets, and `n` replicas of it.
fn team(dir: &Path, n: usize) -> (std::path::PathBuf, Vec<std::path::PathBuf>) {
    let hub = dir.join("team.db");
    let mut s = Store::open_with(&hub, OpenMode::Create, StorageMode::Local).unwrap();
    fill(&mut s, 6);
    drop(s);
    let replicas = (0..n)
        .map(|i| {
            let p = dir.join(format!("r{i}.db"));
            replica::create(&hub, StorageMode::Local, &p, &mut |_, _| {}).unwrap();
            p
        })
        .collect();
    (hub, replicas)
}

fn sync(replica: &Path, hub: &Path, now: i64) -> desk::store::sync::SyncReport {
    let mut r = open(replica, "li");
    let mut h = open(hub, "li");
    r.sync_with(&mut h, Direction::Both, now).unwrap()
}

fn priority(s: &Store, number: i64) -> Priority {
    s.ticket_detail(number).unwrap().unwrap().row.priority
}

#[test]
fn offline_edits_meet_at_the_hub_and_every_side_ends_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (hub, r) = team(dir.path(), 2);
    // Replica 0 (li): a new ticket and a priority change; replica 1 (wang): another priority, later.
    let mut a = open(&r[0], "li");
    let created = a
        .create_ticket(
            &NewTicket {
                subject: "离线创建 made on the train".into(),
                kind: Kind::Question,
                channel: Channel::Phone,
                priority: Priority::Normal,
                customer_id: "C1".into(),
                product_id: None,
                body: "电话里说的".into(),
            },
            NOW + 10,
        )
        .unwrap();
    assert!(
        created.number < 0,
        "a replica numbers provisionally: {}",
        created.number
    );
    a.set_ticket(1001, &[TicketEdit::Priority(Priority::Low)], None, NOW + 20)
        .unwrap();
    drop(a);
    let mut b = open(&r[1], "wang");
    b.set_ticket(
        1001,
        &[TicketEdit::Priority(Priority::Urgent)],
        None,
        NOW + 30,
    )
    .unwrap();
    b.add_message(
        1002,
        Writer::Agent,
        Some("A2"),
        false,
        "回复 from B",
        NOW + 31,
    )
    .unwrap();
    drop(b);

    let first = sync(&r[0], &hub, NOW + 40);
    assert_eq!(first.sent.numbered.len(), 1, "{first:?}");
    let final_number = first.sent.numbered[0].1;
    assert_eq!(first.sent.numbered[0].0, created.number);
    sync(&r[1], &hub, NOW + 50);
    sync(&r[0], &hub, NOW + 60);

    for path in [&hub, &r[0], &r[1]] {
        let s = open(path, "li");
        assert_eq!(priority(&s, 1001), Priority::Urgent, "{}", path.display());
        let t = s.ticket_detail(final_number).unwrap().unwrap();
        assert_eq!(t.row.subject.to_string(), "离线创建 made on the train");
        assert!(s.ticket_detail(created.number).unwrap().is_none());
        let thread = s.ticket_detail(1002).unwrap().unwrap();
        assert!(
            thread
                .messages
                .iter()
                .any(|m| m.body.to_string() == "回复 from B"),
            "{}",
            path.display()
        );
    }
    // The provisional number still finds the ticket where it was made.
    let a = open(&r[0], "li");
    assert_eq!(a.resolve_number(created.number).unwrap(), final_number);
    // Li's High lost to Wang's Urgent: listed for li, kept in history.
    let lost = a.conflicts(Some("li")).unwrap();
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert_eq!(lost[0].field, "priority");
    assert_eq!(lost[0].mine.as_deref(), Some("low"));
    assert_eq!(lost[0].theirs.as_deref(), Some("urgent"));
    assert_eq!(lost[0].number, Some(1001));
    assert!(a.conflicts(Some("wang")).unwrap().is_empty());
    let history = a.history("ticket", "T00000001").unwrap();
    assert!(history.iter().any(|c| c.new.as_deref() == Some("low")));
}

#[test]
fn syncing_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (hub, r) = team(dir.path(), 1);
    let mut a = open(&r[0], "li");
    a.set_ticket(
        1003,
        &[
            TicketEdit::AddTag("回访".into()),
            TicketEdit::Status(Status::Pending),
        ],
        None,
        NOW + 5,
    )
    .unwrap();
    drop(a);
    let once = sync(&r[0], &hub, NOW + 10);
    assert!(once.sent.changes > 0 && once.sent.rows > 0, "{once:?}");
    let twice = sync(&r[0], &hub, NOW + 20);
    assert_eq!(twice.sent.changes + twice.sent.rows, 0, "{twice:?}");
    assert_eq!(twice.received.changes, 0, "{twice:?}");
    let h = open(&hub, "li");
    let t = h.ticket_detail(1003).unwrap().unwrap();
    assert_eq!(t.row.status, Status::Pending);
    assert!(t.tags.iter().any(|x| x.to_string() == "回访"));
}
