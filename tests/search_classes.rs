//! Each search class (domain::search_class) against a plain scan of the same text, on random fixtures: the word
//! index and the CJK pairs find what LIKE finds, whichever way the rows got there (bulk load, trigger, update,
//! delete).

mod common;

use common::*;
use desk::domain::lifecycle::Writer;
use desk::domain::search_class::{SearchClass, classify, word_index_text};
use desk::domain::ticket::Status;
use desk::store::Store;
use desk::store::records::{AuthorKind, MessageRec};
use desk::store::search::SearchOrder;
use std::collections::BTreeSet;

const LATIN: &[&str] = &[
    "printer",
    "Printer",
    "jam",
    "password",
    "Password",
    "word",
    "sword",
    "reset",
    "refund",
    "order",
    "DD2026102938",
    "dd2026",
    "2026",
    "10293886",
    "warranty",
    "passport",
    "pass",
];
const CJK: &[&str] = &[
    "漏水",
    "洗衣机",
    "打印机",
    "密码",
    "重置",
    "退款",
    "发票",
    "水管",
    "漏电",
    "修理",
    "了",
    "ー",
    "カメラ",
];
const GLUE: &[&str] = &[" ", " ", ", ", "：", "，", "", "-", "#"];

/// A small deterministic generator (xorshift), so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }

    fn text(&mut self, words: usize) -> String {
        let mut s = String::new();
        for _ in 0..words {
            let word = if self.next().is_multiple_of(2) {
                self.pick(LATIN)
            } else {
                self.pick(CJK)
            };
            s.push_str(word);
            s.push_str(self.pick(GLUE));
        }
        s
    }
}

/// Every (number, text) pair searched: subjects and message bodies.
fn texts(store: &Store) -> Vec<(i64, String)> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT number, subject FROM tickets
             UNION ALL SELECT t.number, m.body FROM messages m JOIN tickets t ON t.id = m.ticket_id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Tickets whose text contains `q` (ASCII case ignored, as LIKE does): the trigram and CJK classes' promise.
fn like(texts: &[(i64, String)], q: &str) -> BTreeSet<i64> {
    let q = q.trim().to_ascii_lowercase();
    texts
        .iter()
        .filter(|(_, t)| t.to_ascii_lowercase().contains(&q))
        .map(|(n, _)| *n)
        .collect()
}

/// Tickets where the query's words appear in a row, the last as the start of a word: the word class's promise.
fn word_starts(texts: &[(i64, String)], q: &str) -> BTreeSet<i64> {
    let words = |t: &str| -> Vec<String> {
        word_index_text(t)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let query = words(q);
    let Some((last, whole)) = query.split_last() else {
        return BTreeSet::new();
    };
    texts
        .iter()
        .filter(|(_, t)| {
            let have = words(t);
            have.windows(query.len())
                .any(|w| w[..whole.len()] == *whole && w[whole.len()].starts_with(last.as_str()))
        })
        .map(|(n, _)| *n)
        .collect()
}

fn found(store: &Store, q: &str) -> BTreeSet<i64> {
    store
        .search(q, SearchOrder::Newest, 100_000)
        .unwrap()
        .iter()
        .map(|h| h.number)
        .collect()
}

/// Random queries of every class: pieces of the fixture's text, and pieces that occur nowhere.
fn queries(rng: &mut Rng, texts: &[(i64, String)]) -> Vec<String> {
    let mut out: Vec<String> = LATIN.iter().map(|s| s.to_string()).collect();
    out.extend(
        [
            "printer jam",
            "word reset",
            "漏修",
            "机洗",
            "zzz",
            "DD2027",
            "999999",
            "漏水a",
            "a漏",
        ]
        .map(String::from),
    );
    for _ in 0..300 {
        let (_, text) = &texts[(rng.next() % texts.len() as u64) as usize];
        let chars: Vec<char> = text.chars().collect();
        let len = 1 + (rng.next() % 6) as usize;
        if chars.len() < len {
            continue;
        }
        let at = (rng.next() % (chars.len() - len + 1) as u64) as usize;
        out.push(chars[at..at + len].iter().collect());
    }
    for _ in 0..60 {
        // One or two CJK characters drawn from the vocabulary, often a pair that never touches.
        let a: Vec<char> = rng.pick(CJK).chars().collect();
        let b: Vec<char> = rng.pick(CJK).chars().collect();
        let mut q = String::from(a[(rng.next() % a.len() as u64) as usize]);
        if !rng.next().is_multiple_of(3) {
            q.push(b[(rng.next() % b.len() as u64) as usize]);
        }
        out.push(q);
    }
    out
}

#[test]
fn every_class_finds_what_a_scan_finds() {
    let mut store = store_with_tickets(0);
    let mut rng = Rng(0x2026_1029_3886);
    // Bulk-loaded rows: indexed at commit, not by the triggers.
    let mut w = store.bulk().unwrap();
    for i in 1..=150 {
        let mut t = ticket(i, Status::Open, "C1", None, NOW - i * 60);
        let words = 1 + (rng.next() % 5) as usize;
        t.subject = rng.text(words);
        w.ticket(&t).unwrap();
        for j in 0..(rng.next() % 3) {
            let words = 3 + (rng.next() % 12) as usize;
            w.message(&MessageRec {
                id: format!("M{i:05}{j}"),
                ticket_id: t.id.clone(),
                author_kind: AuthorKind::Customer,
                author_id: Some("C1".into()),
                internal: false,
                body: rng.text(words),
                created_at: t.created_at,
                channel: None,
            })
            .unwrap();
        }
    }
    w.commit("test", NOW).unwrap();
    // Rows written one by one go through the triggers: new messages, changed subjects, a removed message.
    for n in (1001..=1150).step_by(7) {
        let body = rng.text(6);
        store
            .add_message(n, Writer::Agent, None, true, &body, NOW)
            .unwrap();
    }
    for n in (1003..=1150).step_by(11) {
        let subject = rng.text(3);
        store
            .set_ticket(
                n,
                &[desk::store::ticket_write::TicketEdit::Subject(subject)],
                None,
                NOW,
            )
            .unwrap();
    }
    let removed = store
        .conn()
        .execute(
            "DELETE FROM messages WHERE rid IN (SELECT rid FROM messages ORDER BY rid LIMIT 5)",
            [],
        )
        .unwrap();
    assert_eq!(removed, 5);
    // Both indexes agree with the text they read.
    store
        .conn()
        .execute_batch(
            "INSERT INTO tickets_words_fts(tickets_words_fts) VALUES ('integrity-check');
             INSERT INTO messages_words_fts(messages_words_fts) VALUES ('integrity-check');",
        )
        .unwrap();

    let texts = texts(&store);
    let mut seen = BTreeSet::new();
    let mut empty = 0;
    for q in queries(&mut rng, &texts) {
        let class = classify(&q);
        let expected = match class {
            SearchClass::Words => {
                let starts = word_starts(&texts, &q);
                // Nothing from the start of a word: the trigram index finds pieces inside words.
                if starts.is_empty() {
                    like(&texts, &q)
                } else {
                    starts
                }
            }
            SearchClass::Empty => BTreeSet::new(),
            _ => like(&texts, &q),
        };
        let mut got = found(&store, &q);
        // A query that is a number also finds the ticket with that number first.
        if let Some(n) = desk::domain::ticket::number_in(&q)
            && !expected.contains(&n)
        {
            got.remove(&n);
        }
        assert_eq!(got, expected, "{q:?} ({class:?})");
        empty += usize::from(expected.is_empty());
        seen.insert(format!("{class:?}"));
    }
    for class in ["Words", "CjkShort", "Trigram", "Scan"] {
        assert!(seen.contains(class), "no {class} query was tried");
    }
    assert!(empty > 5, "some queries match nothing");
}

#[test]
fn a_word_index_row_follows_its_ticket_through_update_and_delete() {
    let mut store = store_with_tickets(2);
    store
        .set_ticket(
            1001,
            &[desk::store::ticket_write::TicketEdit::Subject(
                "厨房漏水 order DD202610293886".into(),
            )],
            None,
            NOW,
        )
        .unwrap();
    assert_eq!(found(&store, "漏水"), BTreeSet::from([1001]));
    assert_eq!(found(&store, "dd202610293886"), BTreeSet::from([1001]));
    assert_eq!(found(&store, "水"), BTreeSet::from([1001]));
    // The old subject's words are gone from the index.
    assert!(found(&store, "Ticket 1 about").is_empty());
    store
        .set_ticket(
            1001,
            &[desk::store::ticket_write::TicketEdit::Subject(
                "Printer offline".into(),
            )],
            None,
            NOW,
        )
        .unwrap();
    assert!(found(&store, "漏水").is_empty());
    assert!(found(&store, "DD202610293886").is_empty());
}

#[test]
fn other_programs_read_the_indexes_without_desk_but_writing_text_needs_its_function() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path, desk::store::OpenMode::Create).unwrap();
    fill(&mut store, 3);
    drop(store);
    let plain = rusqlite::Connection::open(&path).unwrap();
    let check: String = plain
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let hits: i64 = plain
        .query_row(
            "SELECT count(*) FROM tickets_words_fts WHERE tickets_words_fts MATCH '\"打印\"'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hits, 3);
    let insert = "INSERT INTO messages(id, ticket_id, author_kind, visibility, body, created_at)
                  VALUES ('MX', 'T00000001', 'agent', 'internal', '漏水', 0)";
    let err = plain.execute(insert, []).unwrap_err();
    assert!(err.to_string().contains("desk_word_index_text"), "{err}");
    desk::store::search_index::register(&plain).unwrap();
    plain.execute(insert, []).unwrap();
}
