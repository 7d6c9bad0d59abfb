//! The triggers against a rebuild, at the level of SQL: whatever a write path does to a ticket row (any measured
//! column or dimension, merging, un-solving, deleting), the maintained roll-ups equal the ones rebuilt from the
//! tickets. The report-level comparison with the scan is tests/rollups.rs.

use super::*;
use crate::domain::ticket::{Channel, Kind, Priority};
use crate::store::ticket_write::NewTicket;
use proptest::prelude::*;

const NOW: i64 = 1_795_000_000;

/// Column, and the values a random write may give it (SQL literals).
const COLUMNS: &[(&str, &[&str])] = &[
    ("created_at", &["1794000000", "1794950000", "1795000000"]),
    (
        "first_response_at",
        &["NULL", "1794000600", "1794960000", "1795003600"],
    ),
    ("solved_at", &["NULL", "1794990000", "1795040000"]),
    ("status", &["'open'", "'solved'", "'merged'", "'closed'"]),
    ("assignee_id", &["NULL", "'A1'", "'A2'"]),
    ("group_id", &["NULL", "'G1'"]),
    ("channel", &["'email'", "'phone'"]),
    ("kind", &["'question'", "'complaint'"]),
    ("priority", &["'normal'", "'urgent'"]),
    ("frt_secs", &["NULL", "0", "61", "3601", "99999999999"]),
    ("frt_late", &["NULL", "0", "1"]),
    ("resolution_secs", &["NULL", "-5", "7200", "90000"]),
    ("resolution_late", &["NULL", "0", "1"]),
    ("next_reply_late", &["NULL", "0", "1"]),
    ("agent_replies", &["0", "1", "3"]),
    ("reopens", &["0", "2"]),
    ("csat", &["NULL", "1", "4", "5"]),
    ("nps", &["NULL", "0", "7", "10"]),
    ("ces", &["NULL", "2", "6"]),
    (
        "loop_stage",
        &["NULL", "'solved'", "'followed_up'", "'surveyed'"],
    ),
    ("follow_up_due_at", &["NULL", "1795000000", "1795090000"]),
];

#[derive(Debug, Clone)]
enum Write {
    Set {
        ticket: usize,
        column: usize,
        value: usize,
    },
    Delete {
        ticket: usize,
    },
    Tag {
        ticket: usize,
        tag: usize,
        add: bool,
    },
}

fn arb_write() -> impl Strategy<Value = Write> {
    prop_oneof![
        8 => (0..6usize, 0..COLUMNS.len(), 0..5usize)
            .prop_map(|(ticket, column, value)| Write::Set { ticket, column, value }),
        1 => (0..6usize).prop_map(|ticket| Write::Delete { ticket }),
        3 => (0..6usize, 0..3usize, any::<bool>()).prop_map(|(ticket, tag, add)| Write::Tag { ticket, tag, add }),
    ]
}

fn store(tickets: usize) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .conn
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO customers(id, name, created_at, updated_at) VALUES ('C1', 'Wang Fang', 0, 0);",
        )
        .unwrap();
    for i in 0..tickets {
        store
            .create_ticket(
                &NewTicket {
                    subject: format!("ticket {i}"),
                    kind: Kind::Question,
                    channel: Channel::Email,
                    priority: Priority::Normal,
                    customer_id: "C1".into(),
                    product_id: None,
                    body: "body".into(),
                },
                NOW - 3600 * i as i64,
            )
            .unwrap();
    }
    store
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn triggers_keep_what_a_rebuild_makes(
        offset in prop_oneof![Just(0i64), Just(28_800), Just(-18_000)],
        writes in proptest::collection::vec(arb_write(), 1..40),
    ) {
        let mut store = store(6);
        store.ensure_rollups(offset).unwrap();
        let ids: Vec<String> = store
            .conn
            .prepare("SELECT id FROM tickets ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for w in &writes {
            match w {
                Write::Set { ticket, column, value } => {
                    let (col, values) = COLUMNS[*column];
                    let v = values[value % values.len()];
                    // Column and value come from the constants above.
                    store
                        .conn
                        .execute(&format!("UPDATE tickets SET {col} = {v} WHERE id = ?1"), params![ids[*ticket]])
                        .unwrap();
                }
                Write::Tag { ticket, tag, add } => {
                    let tag = ["refund", "repeat", "漏水"][*tag];
                    let sql = if *add {
                        "INSERT OR IGNORE INTO tags(entity, entity_id, tag) VALUES ('ticket', ?1, ?2)"
                    } else {
                        "DELETE FROM tags WHERE entity = 'ticket' AND entity_id = ?1 AND tag = ?2"
                    };
                    store.conn.execute(sql, params![ids[*ticket], tag]).unwrap();
                }
                Write::Delete { ticket } => {
                    store.conn.execute("DELETE FROM tickets WHERE id = ?1", params![ids[*ticket]]).unwrap();
                }
            }
            let c = check(&store.conn).unwrap();
            prop_assert!(c.ok(), "after {:?}: {:?}", w, c.details);
        }
    }
}

#[test]
fn a_check_finds_a_tampered_rollup_and_a_rebuild_mends_it() {
    let mut store = store(3);
    store.ensure_rollups(0).unwrap();
    let c = check(&store.conn).unwrap();
    assert!(c.ok() && c.examined > 0, "{c:?}");
    store
        .conn
        .execute(
            "UPDATE metric_days SET created = created + 1 WHERE dim = 'channel'",
            [],
        )
        .unwrap();
    store
        .conn
        .execute_batch("DROP TRIGGER metric_rollups_au")
        .unwrap();
    let c = check(&store.conn).unwrap();
    assert_eq!(
        c.problems, 3,
        "two rows (wrong, unexpected) and the trigger: {:?}",
        c.details
    );
    assert!(
        store.ensure_rollups(0).unwrap(),
        "a missing trigger makes the next report rebuild"
    );
    assert!(check(&store.conn).unwrap().ok());
}

#[test]
fn not_built_is_not_a_problem_and_a_bulk_load_forgets_them() {
    let mut store = store(1);
    assert!(check(&store.conn).unwrap().ok());
    store.ensure_rollups(0).unwrap();
    assert_eq!(store.rollups_offset().unwrap(), Some(0));
    let w = store.bulk().unwrap();
    w.commit("test", NOW).unwrap();
    assert_eq!(store.rollups_offset().unwrap(), None);
    assert!(!triggers_present(&store.conn).unwrap());
}
