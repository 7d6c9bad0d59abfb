//! A ticket row holding a status, priority, kind or channel desk does not know (a hand edit with the sqlite3
//! shell, a damaged file): every write that would build on it is refused with `StoreError::BadValue`, which
//! names the ticket and the command that mends it, and nothing is written. Setting that very field mends it.

mod common;

use common::*;
use desk::domain::lifecycle::Writer;
use desk::domain::service_loop::FollowUpOutcome;
use desk::domain::ticket::{Kind, Status};
use desk::store::search::SearchOrder;
use desk::store::ticket_write::TicketEdit;
use desk::store::{OpenMode, Store, StoreError};
use rusqlite::params;

/// A database file made with desk's own API: tickets #1000 (new, unassigned), #1001 (open), #1002 (pending),
/// #1003 (on hold), #1004 (solved), #1005 (closed), #1006 (merged).
fn db() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store =
        Store::open(&dir.path().join("desk.db"), OpenMode::Create).expect("new database");
    fill(&mut store, 7);
    (dir, store)
}

/// Writes `value` into a ticket's `column` behind desk's back, through a connection of its own, with the
/// schema's CHECK constraints switched off as a hand edit or an old tool could.
fn corrupt(store: &Store, number: i64, column: &str, value: &str) {
    let conn = rusqlite::Connection::open(store.path()).expect("second connection");
    conn.execute_batch("PRAGMA ignore_check_constraints = ON")
        .unwrap();
    let n = conn
        .execute(
            &format!("UPDATE tickets SET {column} = ?1 WHERE number = ?2"),
            params![value, number],
        )
        .unwrap();
    assert_eq!(n, 1, "ticket #{number}");
}

/// Everything a refused write must leave as it was: each ticket's version, update time, status, assignee and
/// subject, the change log, messages, tasks and tags.
fn snapshot(store: &Store) -> String {
    store
        .conn()
        .query_row(
            "SELECT (SELECT group_concat(t, ' ') FROM (SELECT number || ':' || version || ':' || updated_at || ':'
                        || status || ':' || coalesce(assignee_id, '-') || ':' || subject AS t
                      FROM tickets ORDER BY number))
                 || ' | changes ' || (SELECT count(*) || '/' || coalesce(max(seq), 0) FROM changes)
                 || ' | messages ' || (SELECT count(*) FROM messages)
                 || ' | tasks ' || (SELECT count(*) FROM tasks)
                 || ' | tags ' || (SELECT count(*) FROM tags)",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// Asserts `err` is the BadValue about `field` of ticket #`number`, with the repair command in its message.
fn assert_bad(err: StoreError, number: i64, field: &str) {
    let text = err.to_string();
    match err {
        StoreError::BadValue {
            entity: "ticket",
            id,
            field: f,
            ..
        } if id == format!("#{number}") && f == field => {}
        other => panic!("expected a bad {field} on #{number}, got {other:?}"),
    }
    assert!(
        text.contains(&format!("fix it with `desk ticket set {number} {field}=")),
        "{text}"
    );
}

#[test]
fn setting_fields_is_refused_on_any_unknown_value_the_write_reads() {
    for (column, value) in [
        ("status", "opne"),
        ("kind", "bogus"),
        ("priority", "extreme"),
        ("channel", "fax"),
    ] {
        let (_dir, mut store) = db();
        corrupt(&store, 1001, column, value);
        let before = snapshot(&store);
        let err = store
            .set_ticket(1001, &[TicketEdit::Subject("changed".into())], None, NOW)
            .unwrap_err();
        assert_bad(err, 1001, column);
        assert_eq!(snapshot(&store), before, "{column}");
    }
}

#[test]
fn messages_are_refused_on_an_unknown_status_or_priority() {
    for (column, value) in [("status", "opne"), ("priority", "extreme")] {
        let (_dir, mut store) = db();
        corrupt(&store, 1001, column, value);
        let before = snapshot(&store);
        let err = store
            .add_message(1001, Writer::Customer, Some("C2"), false, "还是不行", NOW)
            .unwrap_err();
        assert_bad(err, 1001, column);
        assert_eq!(snapshot(&store), before, "{column}");
    }
}

#[test]
fn claiming_is_refused_on_an_unknown_status() {
    let (_dir, mut store) = db();
    corrupt(&store, 1000, "status", "opne");
    let before = snapshot(&store);
    assert_bad(store.claim(1000, "A1", NOW).unwrap_err(), 1000, "status");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn merging_is_refused_when_either_ticket_has_an_unknown_status() {
    let (_dir, mut store) = db();
    corrupt(&store, 1001, "status", "opne");
    let before = snapshot(&store);
    assert_bad(
        store.merge_ticket(1001, 1002, NOW).unwrap_err(),
        1001,
        "status",
    );
    assert_bad(
        store.merge_ticket(1002, 1001, NOW).unwrap_err(),
        1001,
        "status",
    );
    assert_eq!(snapshot(&store), before);
}

#[test]
fn follow_up_calls_are_refused_on_an_unknown_status() {
    let (_dir, mut store) = db();
    corrupt(&store, 1004, "status", "solvd");
    let before = snapshot(&store);
    let err = store
        .record_follow_up(1004, FollowUpOutcome::Confirmed, "客户确认已修好", NOW)
        .unwrap_err();
    assert_bad(err, 1004, "status");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn auto_close_is_refused_on_an_unknown_kind() {
    let (_dir, mut store) = db();
    // A first run settles every clock; nothing is old enough to close yet.
    assert!(store.sla_run(NOW).unwrap().closed.is_empty());
    corrupt(&store, 1004, "kind", "bogus");
    let before = snapshot(&store);
    let err = store.sla_run(NOW + 30 * 86_400).unwrap_err();
    assert_bad(err, 1004, "kind");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn search_names_the_unknown_status_instead_of_showing_open() {
    let (_dir, store) = db();
    corrupt(&store, 1001, "status", "opne");
    for query in ["printer", "打印"] {
        let err = store.search(query, SearchOrder::Newest, 20).unwrap_err();
        assert_bad(err, 1001, "status");
    }
}

#[test]
fn setting_the_damaged_field_mends_it_through_the_change_log() {
    let (_dir, mut store) = db();
    corrupt(&store, 1001, "status", "opne");
    corrupt(&store, 1002, "kind", "bogus");
    let out = store
        .set_ticket(1001, &[TicketEdit::Status(Status::Pending)], None, NOW)
        .unwrap();
    assert!(!out.changed.is_empty());
    store
        .set_ticket(1002, &[TicketEdit::Kind(Kind::Question)], None, NOW)
        .unwrap();
    let d = store.ticket_detail(1001).unwrap().unwrap();
    assert_eq!(d.row.status, Status::Pending);
    assert_eq!(
        store.ticket_detail(1002).unwrap().unwrap().row.kind,
        Kind::Question
    );
    let last = store.history("ticket", &d.row.id).unwrap();
    assert!(
        last.iter().any(|c| c.field == "status"
            && c.old.as_deref() == Some("opne")
            && c.new.as_deref() == Some("pending")),
        "{last:?}"
    );
    // Mended, the ticket takes ordinary writes again.
    store
        .add_message(1001, Writer::Customer, Some("C2"), false, "好的", NOW + 60)
        .unwrap();
}
