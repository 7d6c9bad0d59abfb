//! `desk demo --locale zh-CN` (issue 24): a Chinese team's demo, where nearly every customer and ticket writes
//! Chinese; the default demo mixes Chinese and English; `--locale zh-TW` is refused with the reason, since the
//! demo's Chinese is simplified; and `desk --demo` under a zh-CN interface makes the Chinese demo.

mod common;

use common::*;

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The share of `column` values (of `table`) with a Chinese character, in `db`.
fn chinese_share(db: &std::path::Path, sql: &str) -> f64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let values: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!values.is_empty(), "{sql}");
    values.iter().filter(|v| has_han(v)).count() as f64 / values.len() as f64
}

const SUBJECTS: &str = "SELECT subject FROM tickets";
const CUSTOMER_MESSAGES: &str = "SELECT body FROM messages WHERE author_kind = 'customer'";
const NAMES: &str = "SELECT name FROM customers";

#[test]
fn a_zh_cn_demo_is_predominantly_chinese_and_the_default_is_mixed() {
    let home = tempfile::tempdir().unwrap();
    let zh = home.path().join("zh.db");
    let mixed = home.path().join("mixed.db");
    desk_ok(
        home.path(),
        "li",
        &["demo", "--locale", "zh-CN", "--db", zh.to_str().unwrap()],
    );
    desk_ok(
        home.path(),
        "li",
        &["demo", "--db", mixed.to_str().unwrap()],
    );
    for sql in [SUBJECTS, CUSTOMER_MESSAGES, NAMES] {
        let (z, m) = (chinese_share(&zh, sql), chinese_share(&mixed, sql));
        assert!(z >= 0.85, "{sql}: {z:.2} Chinese in the zh-CN demo");
        assert!(
            (0.4..0.75).contains(&m),
            "{sql}: {m:.2} Chinese in the default demo"
        );
    }
}

#[test]
fn a_zh_tw_demo_is_refused_with_the_reason_and_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("tw.db");
    let out = desk_as(
        home.path(),
        "li",
        &["demo", "--locale", "zh-TW", "--db", db.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("simplified characters") && err.contains("zh-CN"),
        "{err}"
    );
    assert!(!db.exists());
}

#[test]
fn desk_demo_under_a_zh_cn_interface_makes_the_chinese_demo() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("demo.db");
    let out = desk_in_locale(
        home.path(),
        "li",
        "zh_CN.UTF-8",
        &["demo", "--db", db.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(chinese_share(&db, SUBJECTS) >= 0.85);
}
