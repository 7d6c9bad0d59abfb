//! The demo's full-text indexes (a bulk load suspends their triggers and indexes at commit): every index matches
//! its rows, and every trigger the load suspended, full-text and sync, is back afterwards.

use desk::demo::{DemoOptions, generate};
use desk::store::{OpenMode, Store};

/// 2026-05-28 20:26:40 UTC: a fixed "now" so runs are reproducible.
const NOW: i64 = 1_780_000_000;

fn demo(tickets: u64, seed: u64) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db"), OpenMode::Create).unwrap();
    let opts = DemoOptions {
        tickets,
        seed,
        now: NOW,
        ..DemoOptions::default()
    };
    generate(&mut store, &opts, &mut |_, _| {}).unwrap();
    (dir, store)
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn full_text_indexes_match_the_rows_and_triggers_are_restored() {
    let (_dir, store) = demo(300, 5);
    // With rank = 1 the check compares the index with the content table, not only with itself.
    for fts in [
        "tickets_fts",
        "messages_fts",
        "customers_fts",
        "articles_fts",
        "tickets_words_fts",
        "messages_words_fts",
        "customers_pinyin_fts",
        "articles_pinyin_fts",
    ] {
        store
            .conn()
            .execute(
                &format!("INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"),
                [],
            )
            .unwrap_or_else(|e| panic!("{fts}: {e}"));
    }
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name NOT LIKE 'sync!_%' ESCAPE '!'"
        ),
        24,
        "insert, update and delete triggers of eight full-text indexes"
    );
    // The sync triggers a bulk load suspends are back too, every one of them.
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sync!_%' ESCAPE '!'"
        ) as usize,
        [
            include_str!("../assets/migrations/0020_sync.sql"),
            include_str!("../assets/migrations/0024_dispatch.sql"),
            include_str!("../assets/migrations/0025_field_service.sql"),
            include_str!("../assets/migrations/0026_quality_reviews.sql"),
            include_str!("../assets/migrations/0029_improvement_plans.sql"),
            include_str!("../assets/migrations/0030_customer_profile.sql"),
            include_str!("../assets/migrations/0031_questionnaires.sql"),
        ]
        .iter()
        .map(|sql| sql.matches("CREATE TRIGGER").count())
        .sum::<usize>()
    );
    assert_eq!(
        count(&store, "PRAGMA temp_store"),
        0,
        "bulk load restores the default temp store"
    );
    // A subject found through the index is the ticket's own.
    let subject: String = store
        .conn()
        .query_row("SELECT subject FROM tickets WHERE number = 1100", [], |r| {
            r.get(0)
        })
        .unwrap();
    let phrase = format!("\"{}\"", subject.replace('"', "\"\""));
    let hits = count(
        &store,
        &format!(
            "SELECT count(*) FROM tickets_fts f JOIN tickets t ON t.rid = f.rowid
             WHERE tickets_fts MATCH '{}' AND t.number = 1100",
            phrase.replace('\'', "''")
        ),
    );
    assert_eq!(hits, 1, "{subject}");
}
