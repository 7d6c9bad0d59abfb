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

#[test]
fn a_replica_whose_clock_runs_ahead_is_refused_and_nothing_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    let (hub, r) = team(dir.path(), 1);
    let mut a = open(&r[0], "li");
    // This machine's clock is an hour fast.
    a.set_ticket(
        1001,
        &[TicketEdit::Priority(Priority::Low)],
        None,
        NOW + 3600,
    )
    .unwrap();
    let before: i64 = open(&hub, "li")
        .conn()
        .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
        .unwrap();
    let mut h = open(&hub, "li");
    let err = a
        .sync_with(&mut h, Direction::Both, NOW)
        .unwrap_err()
        .to_string();
    assert!(err.contains("60 minutes ahead"), "{err}");
    assert!(err.contains("nothing was taken"), "{err}");
    let after: i64 = h
        .conn()
        .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(before, after);
    assert_ne!(priority(&h, 1001), Priority::Low);
}

#[test]
fn a_change_the_hub_no_longer_allows_is_refused_put_back_and_listed_for_its_author() {
    let dir = tempfile::tempdir().unwrap();
    let hub = dir.path().join("team.db");
    let mut s = Store::open_with(&hub, OpenMode::Create, StorageMode::Local).unwrap();
    fill_with_roles(&mut s, 4);
    drop(s);
    let r = dir.path().join("r.db");
    replica::create(&hub, StorageMode::Local, &r, &mut |_, _| {}).unwrap();
    // At the hub li is made an agent again while li, offline, publishes the draft R3.
    let mut h = open(&hub, "boss");
    h.set_agent_role("li", Some(desk::domain::team::Role::Agent), NOW + 5)
        .unwrap();
    drop(h);
    let mut a = open(&r, "li");
    a.set_article_status("R3", desk::domain::kb::ArticleStatus::Published, NOW + 10)
        .unwrap();
    let report = sync(&r, &hub, NOW + 20);
    assert_eq!(report.sent.refused, 1, "{report:?}");
    for path in [&hub, &r] {
        let s = open(path, "li");
        let status: String = s
            .conn()
            .query_row("SELECT status FROM articles WHERE id = 'R3'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(status, "draft", "{}", path.display());
    }
    let a = open(&r, "li");
    let lost = a.conflicts(Some("li")).unwrap();
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert_eq!(lost[0].field, "status");
    assert_eq!(lost[0].mine.as_deref(), Some("published"));
    let why = lost[0].reason.clone().unwrap_or_default();
    assert!(
        why.starts_with("refused by the hub:") && why.contains("li"),
        "{why}"
    );
}

#[test]
fn a_reply_to_a_ticket_the_team_merged_meanwhile_lands_in_the_ticket_it_was_merged_into() {
    let dir = tempfile::tempdir().unwrap();
    let (hub, r) = team(dir.path(), 1);
    let mut h = open(&hub, "wang");
    h.merge_ticket(1002, 1003, NOW + 5).unwrap();
    drop(h);
    // Offline, li answers #1002 (pending) and solves it.
    let mut a = open(&r[0], "li");
    a.add_message(
        1002,
        Writer::Agent,
        Some("A1"),
        false,
        "late answer 迟到的回复",
        NOW + 10,
    )
    .unwrap();
    a.set_ticket(1002, &[TicketEdit::Status(Status::Solved)], None, NOW + 11)
        .unwrap();
    drop(a);
    sync(&r[0], &hub, NOW + 20);
    sync(&r[0], &hub, NOW + 30);
    for path in [&hub, &r[0]] {
        let s = open(path, "li");
        let merged = s.ticket_detail(1002).unwrap().unwrap();
        assert_eq!(merged.row.status, Status::Merged, "{}", path.display());
        let into = s.ticket_detail(1003).unwrap().unwrap();
        assert!(
            into.messages
                .iter()
                .any(|m| m.body.to_string() == "late answer 迟到的回复"),
            "{}",
            path.display()
        );
    }
    let lost = open(&r[0], "li").conflicts(Some("li")).unwrap();
    assert_eq!(lost.len(), 1, "{lost:?}");
    let why = lost[0].reason.clone().unwrap_or_default();
    assert!(why.contains("#1002 had been merged into #1003"), "{why}");
    // Wang's merge stands: it is nobody's loss, on either side.
    for path in [&hub, &r[0]] {
        let all = open(path, "li").conflicts(None).unwrap();
        assert!(
            all.iter().all(|c| c.actor.as_deref() == Some("li")),
            "{}: {all:?}",
            path.display()
        );
    }
    for path in [&hub, &r[0]] {
        let report = desk::store::check::check_file(path, false).unwrap();
        assert!(report.healthy(), "{}: {:?}", path.display(), report.checks);
    }
}

#[test]
fn a_replica_leaves_escalations_and_mail_to_its_hub() {
    let dir = tempfile::tempdir().unwrap();
    let (_hub, r) = team(dir.path(), 1);
    let mut a = open(&r[0], "li");
    let run = a.sla_run(NOW + 86_400 * 30).unwrap();
    assert!(
        run.replica && run.escalated.is_empty() && run.closed.is_empty(),
        "{run:?}"
    );
    let err = a.claim_outbox(NOW, 10).unwrap_err().to_string();
    assert!(err.contains("is a replica"), "{err}");
    let err = a.mailbox_mark("INBOX").unwrap_err().to_string();
    assert!(err.contains("fetches the mailboxes"), "{err}");
    // A replica is not made from a replica.
    let err = replica::create(
        &r[0],
        StorageMode::Local,
        &dir.path().join("again.db"),
        &mut |_, _| {},
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("is itself a replica"), "{err}");
    assert!(!dir.path().join("again.db").exists());
}

#[test]
fn settling_a_conflict_on_one_replica_settles_it_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let (hub, r) = team(dir.path(), 2);
    // #1004 starts urgent.
    let mut a = open(&r[0], "li");
    a.set_ticket(1004, &[TicketEdit::Priority(Priority::Low)], None, NOW + 10)
        .unwrap();
    drop(a);
    let mut b = open(&r[1], "wang");
    b.set_ticket(
        1004,
        &[TicketEdit::Priority(Priority::Normal)],
        None,
        NOW + 20,
    )
    .unwrap();
    drop(b);
    sync(&r[0], &hub, NOW + 30);
    sync(&r[1], &hub, NOW + 40);
    sync(&r[0], &hub, NOW + 50);
    let mut a = open(&r[0], "li");
    let lost = a.conflicts(Some("li")).unwrap();
    assert_eq!(lost.len(), 1, "{lost:?}");
    // Li puts Low back: a new change, which now wins everywhere, and the conflict leaves every list.
    a.settle_conflict(&lost[0].loser, true, NOW + 60).unwrap();
    assert!(a.conflicts(Some("li")).unwrap().is_empty());
    drop(a);
    sync(&r[0], &hub, NOW + 70);
    sync(&r[1], &hub, NOW + 80);
    for path in [&hub, &r[0], &r[1]] {
        let s = open(path, "li");
        assert_eq!(priority(&s, 1004), Priority::Low, "{}", path.display());
        assert!(
            s.conflicts(None).unwrap().is_empty(),
            "{}: {:?}",
            path.display(),
            s.conflicts(None).unwrap()
        );
    }
}

#[test]
fn check_against_the_hub_says_same_after_a_sync_and_names_a_row_that_differs() {
    let dir = tempfile::tempdir().unwrap();
    let (hub, r) = team(dir.path(), 1);
    let mut a = open(&r[0], "li");
    a.set_ticket(1003, &[TicketEdit::AddTag("退款".into())], None, NOW + 5)
        .unwrap();
    drop(a);
    let db = r[0].display().to_string();
    let waiting = desk_as(dir.path(), "li", &["check", "--db", &db, "--against"]);
    assert_eq!(waiting.status.code(), Some(2), "{waiting:?}");
    let err = String::from_utf8_lossy(&waiting.stderr);
    assert!(err.contains("wait to sync; run `desk sync`"), "{err}");
    sync(&r[0], &hub, NOW + 10);
    let same = desk_as(dir.path(), "li", &["check", "--db", &db, "--against"]);
    let text = String::from_utf8_lossy(&same.stdout);
    assert!(same.status.success(), "{same:?}");
    assert!(
        text.contains("same     tickets") && !text.contains("DIFFERS"),
        "{text}"
    );
    // A row changed behind desk's back is named.
    open(&r[0], "li")
        .conn()
        .execute(
            "UPDATE tickets SET subject = 'tampered' WHERE number = 1004",
            [],
        )
        .unwrap();
    let differs = desk_as(
        dir.path(),
        "li",
        &[
            "check",
            "--db",
            &db,
            "--against",
            &hub.display().to_string(),
        ],
    );
    assert_eq!(differs.status.code(), Some(4), "{differs:?}");
    let text = String::from_utf8_lossy(&differs.stdout);
    assert!(
        text.contains("DIFFERS  tickets") && text.contains("T00000004 differs"),
        "{text}"
    );
}

#[test]
fn a_hub_restored_from_a_backup_still_sends_everything_it_writes_after() {
    let dir = tempfile::tempdir().unwrap();
    let (hub, r) = team(dir.path(), 1);
    let backup = dir.path().join("hub-backup.db");
    desk::store::backup::backup(&hub, &backup, false, &mut |_, _| {}).unwrap();
    // Written after the backup and taken by the replica …
    let mut h = open(&hub, "wang");
    for n in 1000..=1002 {
        h.set_ticket(
            n,
            &[TicketEdit::AddTag("lost-in-restore".into())],
            None,
            NOW + 5,
        )
        .unwrap();
    }
    drop(h);
    sync(&r[0], &hub, NOW + 10);
    // … then the hub file is restored from the backup, and writes on: its new entries take the same log positions.
    std::fs::copy(&backup, &hub).unwrap();
    let mut h = open(&hub, "wang");
    for n in 1003..=1005 {
        h.set_ticket(
            n,
            &[
                TicketEdit::AddTag("after-restore".into()),
                TicketEdit::Priority(Priority::Low),
            ],
            None,
            NOW + 20,
        )
        .unwrap();
    }
    drop(h);
    sync(&r[0], &hub, NOW + 30);
    let a = open(&r[0], "li");
    for n in 1003..=1005 {
        let t = a.ticket_detail(n).unwrap().unwrap();
        assert!(
            t.tags.iter().any(|x| x.to_string() == "after-restore"),
            "#{n} lacks the hub's tag written after the restore: {:?}",
            t.tags
        );
    }
}

#[test]
fn a_team_file_kept_in_shared_mode_stays_so_through_replica_create_and_sync() {
    let dir = tempfile::tempdir().unwrap();
    let hub = dir.path().join("team.db");
    let mut s = Store::open_with(&hub, OpenMode::Create, StorageMode::Shared).unwrap();
    fill(&mut s, 3);
    drop(s);
    assert!(!desk::store::convert::uses_wal(&hub));
    let r = dir.path().join("r.db");
    replica::create(
        &hub,
        desk::store::sync::hub_storage(&hub),
        &r,
        &mut |_, _| {},
    )
    .unwrap();
    let mut a = open(&r, "li");
    a.set_ticket(1001, &[TicketEdit::Priority(Priority::Low)], None, NOW + 5)
        .unwrap();
    a.sync_with_file(None, Direction::Both, NOW + 10).unwrap();
    assert!(
        !desk::store::convert::uses_wal(&hub),
        "the team's file was switched to WAL"
    );
    let h = Store::open_with(&hub, OpenMode::Existing, StorageMode::Shared).unwrap();
    assert_eq!(priority(&h, 1001), Priority::Low);
}

/// Field service (issue 22) travels too: a visit made on one replica reaches the other, and stock received at one
/// location on two replicas at once adds up everywhere, since stock is the sum of movements, never an overwritten
/// count.
#[test]
fn visits_and_stock_movements_from_two_replicas_add_up_everywhere() {
    use desk::domain::visit::Service;
    use desk::store::parts::NewPart;
    use desk::store::visits::NewVisit;
    let dir = tempfile::tempdir().unwrap();
    let hub = dir.path().join("team.db");
    let mut s = Store::open_with(&hub, OpenMode::Create, StorageMode::Local).unwrap();
    fill(&mut s, 6);
    let part = NewPart {
        code: "FLT-200".into(),
        name: "滤芯".into(),
        ..NewPart::default()
    };
    s.add_part(&part, NOW).unwrap();
    drop(s);
    let r: Vec<std::path::PathBuf> = (0..2)
        .map(|i| {
            let p = dir.path().join(format!("r{i}.db"));
            replica::create(&hub, StorageMode::Local, &p, &mut |_, _| {}).unwrap();
            p
        })
        .collect();
    let mut a = open(&r[0], "li");
    a.receive_part("FLT-200", "上海仓", 5, "", NOW + 10)
        .unwrap();
    let v = a
        .new_visit(
            &NewVisit {
                ticket: 1001,
                service: Service::Install,
                address: Some("人民路 1 号".into()),
                engineer: Some("wang".into()),
                window: Some((NOW + 86_400, NOW + 90_000)),
            },
            NOW + 20,
        )
        .unwrap();
    drop(a);
    let mut b = open(&r[1], "wang");
    b.receive_part("FLT-200", "上海仓", 3, "", NOW + 15)
        .unwrap();
    drop(b);
    for _ in 0..2 {
        for p in &r {
            sync(p, &hub, NOW + 100);
        }
    }
    for path in [&hub, &r[0], &r[1]] {
        let s = open(path, "li");
        let stock = s.part_stock(Some("FLT-200")).unwrap();
        assert_eq!(stock.len(), 1, "{}", path.display());
        assert_eq!(
            stock[0].on_hand,
            8,
            "both receipts count at {}",
            path.display()
        );
        let visits = s.ticket_visits(1001).unwrap();
        assert_eq!(visits.len(), 1, "{}", path.display());
        assert_eq!(
            (
                visits[0].number,
                visits[0].engineer.as_deref(),
                visits[0].address.as_str()
            ),
            (v.number, Some("wang"), "人民路 1 号")
        );
    }
}
