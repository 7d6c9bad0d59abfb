//! Pinyin search against a real database (issue 24): customers found by the pinyin of their names, in full, by
//! initials and by any reading of a polyphonic character, through the list's search, a ticket filter, renames
//! and bulk loads; knowledge-base articles by the pinyin of their titles (`tk` → 退款); and `desk customer list
//! --search zyt` finds 张一天 in the demo.

mod common;

use common::*;
use desk::domain::customer::Tier;
use desk::domain::customer_view::CustomerFilter;
use desk::domain::kb::{ArticleDoc, ArticleStatus};
use desk::domain::view::PageRequest;
use desk::store::Store;
use desk::store::customer_write::CustomerEdit;
use desk::store::kb::ArticleFilter;

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

/// The numbers of the open tickets whose customer `text` names (`customer:` in the view language).
fn tickets_of(store: &Store, text: &str) -> Vec<i64> {
    let all = desk::domain::view::BuiltinView::AllOpen.filter(NOW);
    let q = desk::domain::query::parse(&format!("customer:{text}")).unwrap();
    let f = all.refine(&q, NOW, 0);
    let mut numbers: Vec<i64> = store
        .ticket_page(&f, None, PageRequest::First, 500)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.number)
        .collect();
    numbers.sort();
    numbers
}

#[test]
fn a_ticket_filter_names_the_customer_by_pinyin_or_by_one_or_two_characters() {
    let store = store_with_tickets(12);
    let wang = tickets_of(&store, "王芳");
    assert!(!wang.is_empty(), "the fixture gives 王芳 tickets");
    // Short queries read the name index (word prefixes), longer ones the trigram index too: the same tickets.
    assert_eq!(tickets_of(&store, "wf"), wang);
    assert_eq!(tickets_of(&store, "wangfang"), wang);
    assert_eq!(tickets_of(&store, "王"), wang);
    assert_eq!(tickets_of(&store, "芳"), wang, "from any character on");
    assert!(tickets_of(&store, "zq").is_empty());
}

fn kb_store() -> Store {
    let mut store = store_with_tickets(1);
    // Saving articles takes an agent; li leads the knowledge base here.
    store
        .set_agent_role("li", Some(desk::domain::team::Role::Lead), NOW)
        .unwrap();
    store.set_actor(Some("li".into()));
    for title in [
        "退款流程说明",
        "重新绑定银行卡",
        "路由器无法联网",
        "Reset the router",
    ] {
        let doc = ArticleDoc {
            id: None,
            title: title.into(),
            category: Some("售后".into()),
            tags: Vec::new(),
            status: ArticleStatus::Draft,
            body: "正文。Body text.".into(),
        };
        store.save_article(&doc, None, NOW).unwrap();
    }
    store
}

/// Titles of the articles the knowledge-base pane's filter keeps for `text`.
fn kb_filter(store: &Store, text: &str) -> Vec<String> {
    let f = ArticleFilter {
        text: Some(text.into()),
        ..ArticleFilter::default()
    };
    let mut titles: Vec<String> = store
        .article_page(&f, PageRequest::First, 50)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.title.to_string())
        .collect();
    titles.sort();
    titles
}

fn kb_search(store: &Store, text: &str) -> Vec<String> {
    let mut titles: Vec<String> = store
        .search_articles(text, &[ArticleStatus::Draft], 20)
        .unwrap()
        .into_iter()
        .map(|h| h.row.title.to_string())
        .collect();
    titles.sort();
    titles
}

#[test]
fn articles_are_found_by_the_pinyin_of_their_titles_in_the_filter_and_the_search() {
    let store = kb_store();
    for find in [kb_filter, kb_search] {
        assert_eq!(find(&store, "tk"), ["退款流程说明"], "initials");
        assert_eq!(find(&store, "tuikuan"), ["退款流程说明"], "full pinyin");
        assert_eq!(
            find(&store, "lcsm"),
            ["退款流程说明"],
            "from any character on"
        );
        // 重 reads chóng and zhòng, 行 háng and xíng: either reading finds the title.
        assert_eq!(find(&store, "cxbd"), ["重新绑定银行卡"]);
        assert_eq!(find(&store, "zxbd"), ["重新绑定银行卡"]);
        assert_eq!(find(&store, "yhk"), ["重新绑定银行卡"]);
        assert_eq!(find(&store, "yxk"), ["重新绑定银行卡"]);
        assert_eq!(find(&store, "lyq"), ["路由器无法联网"]);
        // Words still match as words, and letters that spell no title find nothing.
        assert_eq!(find(&store, "router"), ["Reset the router"]);
        assert_eq!(find(&store, "退款"), ["退款流程说明"]);
        assert!(find(&store, "qwx").is_empty());
    }
}

#[test]
fn a_retitled_article_is_found_by_its_new_pinyin_only() {
    let mut store = kb_store();
    let hit = store
        .search_articles("tk", &[ArticleStatus::Draft], 5)
        .unwrap()
        .remove(0);
    let mut doc = store.article(&hit.row.id).unwrap().unwrap().to_doc();
    doc.title = "换货政策".into();
    store.save_article(&doc, Some(1), NOW + 60).unwrap();
    assert!(kb_filter(&store, "tk").is_empty());
    assert_eq!(kb_filter(&store, "hhzc"), ["换货政策"]);
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
    let db = home.path().join("demo.db");
    let db = db.to_str().unwrap();
    let run = |args: &[&str]| desk_ok(home.path(), "li", &[args, &["--db", db]].concat());
    run(&["demo"]);
    for q in ["zyt", "zhangyitian"] {
        let out = run(&["customer", "list", "--search", q]);
        assert!(out.contains("张一天"), "{q}: {out}");
    }
}
