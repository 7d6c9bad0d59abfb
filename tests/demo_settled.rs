//! The demo is generated settled (issue 16): escalated, closed and measured as of its `now`, so the first SLA
//! check of a desk opened on it changes nothing and nothing re-sorts under the cursor.

mod common;

use common::*;
use desk::app::Msg;
use desk::domain::view::{BuiltinView, PageRequest};
use desk::store::Store;

fn max_seq(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
            r.get(0)
        })
        .unwrap()
}

/// Numbers of a built-in view's first page, in its order.
fn order(store: &Store, view: BuiltinView) -> Vec<i64> {
    store
        .ticket_page(&view.filter(NOW), None, PageRequest::First, 100)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.number)
        .collect()
}

#[test]
fn one_sla_pass_at_the_demos_now_changes_nothing() {
    let (_dir, a) = demo_app(120, 40);
    let mut store = a.store;
    // Settled, not merely loaded: the rules escalated and closed tickets, and every ticket is measured.
    let by_rules: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE actor = 'sla' AND field IN ('priority', 'status')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        by_rules > 0,
        "the demo has overdue tickets the rules acted on"
    );
    assert_eq!(store.unmeasured().unwrap(), 0);
    let due: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM tickets WHERE sla_escalate_at <= ?1",
            [NOW],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(due, 0, "no escalation is left due at the demo's now");
    let seq = max_seq(&store);
    let views = [
        BuiltinView::AllOpen,
        BuiltinView::AtRisk,
        BuiltinView::Unassigned,
    ];
    let before: Vec<Vec<i64>> = views.iter().map(|v| order(&store, *v)).collect();
    let report = store.sla_run(NOW).unwrap();
    assert_eq!(report.recomputed, 0, "{report:?}");
    assert!(!report.changed_anything(), "{report:?}");
    assert_eq!(max_seq(&store), seq, "no new change-log rows");
    let after: Vec<Vec<i64>> = views.iter().map(|v| order(&store, *v)).collect();
    assert_eq!(after, before);
}

#[test]
fn the_first_check_of_a_desk_opened_on_the_demo_keeps_the_queue_still() {
    let (_dir, mut a) = demo_app(120, 40);
    a.keys("j j j");
    let rows: Vec<i64> = a.model.queues.list.rows.iter().map(|r| r.number).collect();
    let selected = a.model.queues.list.selected_row().unwrap().number;
    let seq = max_seq(&a.store);
    // The periodic check, as a running desk makes it.
    a.model.escalations.every = 60;
    a.send(Msg::Tick(NOW));
    assert_eq!(max_seq(&a.store), seq);
    let now: Vec<i64> = a.model.queues.list.rows.iter().map(|r| r.number).collect();
    assert_eq!(now, rows);
    assert_eq!(a.model.queues.list.selected_row().unwrap().number, selected);
}

/// The settling writes its escalation notes with full-text indexing suspended (indexed row by row they were most
/// of the sweep) and indexes them in one pass: every index agrees with its text, and a note is found by search.
#[test]
fn the_notes_the_settling_wrote_are_indexed_for_search() {
    let (dir, a) = demo_app(120, 40);
    let conn = a.store.conn();
    for index in [
        "tickets_fts",
        "messages_fts",
        "tickets_words_fts",
        "messages_words_fts",
        "customers_fts",
        "articles_fts",
    ] {
        conn.execute(
            &format!("INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)"),
            [],
        )
        .unwrap_or_else(|e| panic!("{index} disagrees with its text: {e}"));
    }
    // The tickets' and messages' indexes were built beside the load (store::side_index) and copied in: they hold
    // every row, the scratch file is gone, and indexing goes on row by row.
    for (index, table) in [
        ("tickets_fts", "tickets"),
        ("tickets_words_fts", "tickets"),
        ("messages_fts", "messages"),
        ("messages_words_fts", "messages"),
    ] {
        let (rows, indexed): (i64, i64) = conn
            .query_row(
                &format!(
                    "SELECT (SELECT count(*) FROM {table}), (SELECT count(*) FROM {index}_docsize)"
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(indexed, rows, "{index}");
        let trigger: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                [format!("{index}_ai")],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(trigger, 1, "{index}_ai");
    }
    assert!(
        !desk::store::side_index::scratch_path(&dir.path().join("demo.db")).exists(),
        "the side index's scratch file is removed"
    );
    // The newest escalation note, found by its own text.
    let (rid, body): (i64, String) = conn
        .query_row(
            "SELECT m.rid, m.body FROM changes c JOIN messages m ON m.id = c.new
              WHERE c.actor = 'sla' AND c.field = 'note' ORDER BY c.seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let found: i64 = conn
        .query_row(
            "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?1 AND rowid = ?2",
            rusqlite::params![format!("\"{}\"", body.replace('"', "")), rid],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(found, 1, "the note {body:?} is not in the index");
}
