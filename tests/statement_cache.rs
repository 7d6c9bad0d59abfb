//! Cached statements stay compiled across re-binding. SQLite compiles a statement again at every re-bind when its
//! plan looked at a bound value (a parameter it compared with a literal in a partial index's WHERE), which made
//! re-parsing a fifth of a ticket write's CPU; desk turns that off (query planner stability), and this is the
//! guard: a lookup shaped like the SLA refresh's, re-bound between writes, is compiled once.

mod common;

use common::*;
use desk::domain::ticket::Priority;
use desk::store::ticket_write::TicketEdit;
use rusqlite::StatementStatus;

const LOOKUP: &str = "SELECT t.id, t.number, t.status, c.tier
     FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id WHERE t.id = ?1";

#[test]
fn a_cached_lookup_is_not_compiled_again_when_re_bound_between_writes() {
    let mut store = store_with_tickets(40);
    let tickets: Vec<(String, i64)> = store
        .conn()
        .prepare("SELECT id, number FROM tickets ORDER BY number")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(tickets.len(), 40);
    for (i, (id, number)) in tickets.iter().enumerate() {
        let p = if i % 2 == 0 {
            Priority::High
        } else {
            Priority::Low
        };
        store
            .set_ticket(
                *number,
                &[TicketEdit::Priority(p)],
                None,
                1_800_000_000 + i as i64,
            )
            .unwrap();
        let mut stmt = store.conn().prepare_cached(LOOKUP).unwrap();
        let found: i64 = stmt.query_row([id], |r| r.get(1)).unwrap();
        assert_eq!(found, *number);
        assert_eq!(
            stmt.get_status(StatementStatus::RePrepare),
            0,
            "compiled again after {} re-binds",
            i + 1
        );
    }
}
