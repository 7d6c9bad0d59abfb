//! Pinyin search against a real database (issue 24): customers found by the pinyin of their names, in full, by
//! initials and by any reading of a polyphonic character, through the list's search, a ticket filter, renames
//! and bulk loads; and `desk customer list --search zyt` finds 张一天 in the demo.

mod common;

use common::*;
use desk::domain::customer::Tier;
use desk::domain::customer_view::CustomerFilter;
use desk::domain::view::PageRequest;
use desk::store::Store;
use desk::store::customer_write::CustomerEdit;

fn store() -> Store {
    let mut store = store_with_tickets(3);
    let mut w = store.bulk().unwrap();
    for (id, name) in [
        ("P1", "张一天"),
        ("P2", "单田芳"),
        ("P3", "重庆商贸"),
        ("P4", "張一峰"),
        ("P5", "Zoe Yates"),
    ] {
        w.customer(&customer(id, name, Tier::Bronze)).unwrap();
    }
    w.commit("pinyin", NOW).unwrap();
    store
}

fn search(store: &Store, text: &str) -> Vec<String> {
    let f = CustomerFilter {
        text: Some(text.into()),
        ..Default::default()
    };
    let mut names: Vec<String> = store
        .customer_page(&f, PageRequest::First, 50)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name.as_str().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn customers_are_found_by_full_pinyin_initials_and_any_reading() {
    let store = store();
    assert_eq!(search(&store, "zyt"), ["张一天"]);
    assert_eq!(search(&store, "zhangyitian"), ["张一天"]);
    assert_eq!(
        search(&store, "Zhang Yi"),
        ["张一天", "張一峰"],
        "traditional 張 too"
    );
    assert_eq!(
        search(&store, "yitian"),
        ["张一天"],
        "from any character on"
    );
    assert_eq!(
        search(&store, "zy"),
        ["张一天", "張一峰"],
        "two letters: initials"
    );
    // 单 reads dān and shàn (as a surname); 重 zhòng and chóng.
    assert_eq!(search(&store, "shantianfang"), ["单田芳"]);
    assert_eq!(search(&store, "dtf"), ["单田芳"]);
    assert_eq!(search(&store, "chongqing"), ["重庆商贸"]);
    assert_eq!(search(&store, "cqsm"), ["重庆商贸"]);
    assert_eq!(search(&store, "zq"), ["重庆商贸"]);
    // One or two Latin letters are a word prefix of a name or an email (no scan of every name).
    assert_eq!(search(&store, "jo"), ["John Smith"]);
    assert_eq!(search(&store, "ya"), ["Zoe Yates"]);
    assert_eq!(
        search(&store, "ex"),
        search(&store, "example"),
        "the email's domain word"
    );
    // Characters still match as characters, and a name that is no pinyin of anyone finds nobody.
    assert_eq!(search(&store, "一天"), ["张一天"]);
    assert!(search(&store, "xyz").is_empty());
}

#[test]
fn a_rename_moves_the_pinyin_with_the_name() {
    let mut store = store();
    store
        .edit_customer("P1", None, &[CustomerEdit::Name("李四".into())], NOW)
        .unwrap();
    assert!(search(&store, "zyt").is_empty());
    assert_eq!(search(&store, "lisi"), ["李四"]);
}

#[test]
fn the_pinyin_search_reads_its_index() {
    let store = store();
    let plan: Vec<String> = store
        .conn()
        .prepare(
            "EXPLAIN QUERY PLAN SELECT rowid FROM customers_pinyin_fts WHERE customers_pinyin_fts MATCH '\"zyt\"*'",
        )
        .unwrap()
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        plan.iter().any(|p| p.contains("VIRTUAL TABLE INDEX")),
        "{plan:?}"
    );
}

#[test]
fn desk_customer_list_finds_zhang_yitian_in_the_demo_by_initials() {
    let home = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_desk");
    let db = home.path().join("demo.db");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin)
            .args(args)
            .args(["--db", db.to_str().unwrap()])
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["demo"]);
    for q in ["zyt", "zhangyitian"] {
        let out = run(&["customer", "list", "--search", q]);
        assert!(out.contains("张一天"), "{q}: {out}");
    }
}
