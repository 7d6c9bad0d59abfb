//! Full-text search over subjects and messages: Chinese and English, the short-query fallback, ordering.

mod common;

use common::*;
use desk::domain::lifecycle::Writer;
use desk::store::search::{MARK_END, MARK_START, SearchOrder};
use desk::store::{OpenMode, Store};

fn demo_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db"), OpenMode::Create).unwrap();
    let opts = desk::demo::DemoOptions {
        tickets: 200,
        customers: 60,
        articles: 30,
        seed: 42,
        now: NOW,
        chinese: false,
    };
    desk::demo::generate(&mut store, &opts, &mut |_, _| {}).unwrap();
    (dir, store)
}

/// Ticket numbers whose subject or any message contains `needle`, straight from SQL (the oracle).
fn containing(store: &Store, needle: &str) -> Vec<i64> {
    let like = format!("%{needle}%");
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT DISTINCT t.number FROM tickets t LEFT JOIN messages m ON m.ticket_id = t.id
             WHERE t.subject LIKE ?1 OR m.body LIKE ?1 ORDER BY t.number",
        )
        .unwrap();
    stmt.query_map([like], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn found(store: &Store, q: &str) -> Vec<i64> {
    let mut n: Vec<i64> = store
        .search(q, SearchOrder::Newest, 1000)
        .unwrap()
        .iter()
        .map(|h| h.number)
        .collect();
    n.sort();
    n
}

#[test]
fn chinese_english_and_short_queries_find_exactly_the_tickets_that_contain_them() {
    let (_dir, store) = demo_store();
    for q in [
        "支付失败",
        "重置密码",
        "password",
        "warranty",
        "退款",
        "发票",
    ] {
        let expected = containing(&store, q);
        assert!(!expected.is_empty(), "the demo has tickets about {q}");
        assert_eq!(found(&store, q), expected, "search for {q}");
    }
}

#[test]
fn hits_carry_marked_snippets_and_order_by_time_or_relevance() {
    let (_dir, store) = demo_store();
    let hits = store.search("支付失败", SearchOrder::Newest, 20).unwrap();
    assert!(hits.windows(2).all(|w| w[0].updated_at >= w[1].updated_at));
    for h in &hits {
        let s = h.snippet.as_str();
        assert!(s.contains(MARK_START) && s.contains(MARK_END), "{s}");
        let marked: String = s
            .split(MARK_START)
            .nth(1)
            .unwrap()
            .split(MARK_END)
            .next()
            .unwrap()
            .to_string();
        assert_eq!(marked, "支付失败");
    }
    let rel = store
        .search("payment failed", SearchOrder::Relevance, 20)
        .unwrap();
    assert!(!rel.is_empty());
    let mut by_number: Vec<i64> = rel.iter().map(|h| h.number).collect();
    by_number.sort();
    by_number.dedup();
    assert_eq!(by_number.len(), rel.len(), "one hit per ticket");
    assert!(
        store
            .search("   ", SearchOrder::Newest, 20)
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .search("\"NEAR(", SearchOrder::Newest, 20)
            .unwrap()
            .is_empty(),
        "operators are literal"
    );
}

#[test]
fn new_messages_are_searchable_at_once() {
    let (_dir, mut store) = demo_store();
    assert!(found(&store, "洗碗机漏水严重").is_empty());
    // #1001 is closed in the demo, so an internal note (closed tickets still take notes).
    store
        .add_message(
            1001,
            Writer::Agent,
            None,
            true,
            "客户反映洗碗机漏水严重，已安排上门",
            NOW,
        )
        .unwrap();
    assert_eq!(found(&store, "洗碗机漏水严重"), vec![1001]);
    assert_eq!(
        found(&store, "漏水"),
        containing(&store, "漏水"),
        "two characters: the LIKE path"
    );
}

#[test]
fn zero_width_and_bidi_characters_inside_a_word_do_not_hide_it() {
    let mut store = store_with_tickets(3);
    // Each invisible character inside a word of a message: the word without it finds the ticket.
    for (i, &c) in desk::domain::text::INVISIBLE.iter().enumerate() {
        let body = format!("the sca{c}nner{i:02} broke");
        store
            .add_message(1001, Writer::Agent, None, true, &body, NOW)
            .unwrap();
        assert_eq!(
            found(&store, &format!("scanner{i:02}")),
            vec![1001],
            "U+{:04X}",
            c as u32
        );
    }
    // A subject changed to hold one, and a bulk load (its own indexing path) with another.
    store
        .set_ticket(
            1002,
            &[desk::store::ticket_write::TicketEdit::Subject(
                "Print\u{200b}er offline".into(),
            )],
            None,
            NOW,
        )
        .unwrap();
    let mut w = store.bulk().unwrap();
    let mut t = ticket(9, desk::domain::ticket::Status::Open, "C1", None, NOW);
    t.subject = "Fax\u{200d}machine \u{202e}jammed".into();
    w.ticket(&t).unwrap();
    w.commit("test", NOW).unwrap();
    assert_eq!(found(&store, "printer offline"), vec![1002]);
    assert_eq!(found(&store, "faxmachine"), vec![1009]);
    assert_eq!(found(&store, "machine jammed"), vec![1009]);
    // The query may hold them too; the stored text keeps them.
    assert_eq!(found(&store, "pri\u{feff}nter off"), vec![1002]);
    let subject: String = store
        .conn()
        .query_row("SELECT subject FROM tickets WHERE number = 1002", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(subject, "Print\u{200b}er offline");
    // The index agrees with the text it reads (the views of migration 11).
    store
        .conn()
        .execute_batch(
            "INSERT INTO tickets_fts(tickets_fts) VALUES ('integrity-check');
                        INSERT INTO messages_fts(messages_fts) VALUES ('integrity-check');",
        )
        .unwrap();
}
