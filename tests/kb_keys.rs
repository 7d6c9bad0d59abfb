//! The knowledge base from the keyboard on a TestBackend over the demo data (frozen clock): suggestions on a
//! ticket and inserting one into a reply, search with snippets, the views, writing and editing an article through
//! a fake editor, status, votes and history.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::{KbFocus, Overlay, Pane};
use desk::domain::kb::{ArticleStatus, KbView};
use desk::store::Store;
use std::cell::RefCell;
use std::rc::Rc;

macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

/// Opens the most recently active open ticket whose subject contains `words` (through the queue filter, as an agent would).
fn open_ticket(a: &mut Harness, words: &str) {
    a.keys("1 J J /")
        .type_text(&format!("\"{words}\""))
        .keys("enter enter");
    assert_eq!(a.model.pane, Pane::Ticket, "{}", a.screen());
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_ticket_suggests_articles_and_enter_puts_the_link_into_a_reply() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, mut a) = demo_app(w, h);
        open_ticket(&mut a, "支付失败");
        let screen = a.screen();
        assert!(screen.contains("b articles: 1 支付失败怎么办"), "{screen}");
        a.keys("b");
        assert!(matches!(a.model.overlay, Some(Overlay::Suggestions { .. })));
        assert_screen!(format!("suggestions_{w}x{h}"), a.screen());

        let top = desk::app::suggestions_for(&a.model)[0].row.clone();
        let seen = Rc::new(RefCell::new(String::new()));
        let keep = seen.clone();
        a.editor = Some(Box::new(move |template: &str| {
            *keep.borrow_mut() = template.to_string();
            Some(format!("Hello,\n\n{template}"))
        }));
        let uses_before = count(
            &a.store,
            &format!("SELECT uses FROM articles WHERE id = '{}'", top.id),
        );
        a.keys("enter");
        // The review names the article the reply carries; sending counts its use.
        let review = a.screen();
        assert!(
            review.contains("Article") && review.contains("linked"),
            "{review}"
        );
        a.keys("y");
        let template = seen.borrow().clone();
        let link = format!("[{}](kb:{})", top.title, top.id);
        assert!(
            template.starts_with(&format!("This article should help: {link}")),
            "{template}"
        );
        assert!(
            template.contains("# Reply to #"),
            "the usual reply comments follow: {template}"
        );
        let number = a.model.ticket.number.unwrap();
        let last: String = a
            .store
            .conn()
            .query_row(
                "SELECT m.body FROM messages m JOIN tickets t ON t.id = m.ticket_id
                 WHERE t.number = ?1 ORDER BY m.rid DESC LIMIT 1",
                [number],
                |r| r.get(0),
            )
            .unwrap();
        assert!(last.contains(&link), "{last}");
        assert!(
            !last.contains("# Reply to"),
            "comment lines are removed: {last}"
        );
        let uses = count(
            &a.store,
            &format!("SELECT uses FROM articles WHERE id = '{}'", top.id),
        );
        assert_eq!(uses, uses_before + 1);
        assert_eq!(
            count(
                &a.store,
                "SELECT count(*) FROM article_uses WHERE how = 'link'"
            ),
            1
        );
    }
}

#[test]
fn b_quotes_the_article_and_an_empty_reply_counts_no_use() {
    let (_dir, mut a) = demo_app(120, 40);
    open_ticket(&mut a, "Password reset code");
    a.editor = Some(Box::new(|_| Some(String::new())));
    a.keys("b b");
    assert_eq!(
        count(&a.store, "SELECT count(*) FROM article_uses"),
        0,
        "nothing sent, nothing counted"
    );
    assert!(
        a.model
            .toast
            .as_ref()
            .unwrap()
            .text
            .contains("nothing was sent")
    );
    a.editor = Some(Box::new(|t: &str| Some(t.to_string())));
    a.keys("b b y");
    let body: String = a
        .store
        .conn()
        .query_row(
            "SELECT body FROM messages ORDER BY rid DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        body.starts_with("> **Reset your password**\n>\n> "),
        "{body}"
    );
    assert!(
        body.contains("Full article: [Reset your password](kb:"),
        "{body}"
    );
    assert_eq!(
        count(
            &a.store,
            "SELECT count(*) FROM article_uses WHERE how = 'body'"
        ),
        1
    );
    // From the list, `o` opens the article in the knowledge base and `+` rates it.
    a.keys("b +");
    assert!(
        a.model
            .toast
            .as_ref()
            .unwrap()
            .text
            .starts_with("Marked helpful")
    );
    assert!(
        a.model.overlay.is_some(),
        "the list stays open after a rating"
    );
    a.keys("o");
    assert_eq!(
        (a.model.pane, a.model.kb.focus),
        (Pane::Kb, KbFocus::Reader)
    );
}

#[test]
fn search_shows_ranked_hits_with_highlighted_snippets() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, mut a) = demo_app(w, h);
        a.keys("4 /").type_text("重置密码").keys("enter");
        let s = a.model.kb.search.clone().expect("search");
        assert_eq!(s.hits[0].row.title.as_str(), "忘记密码？如何重置密码");
        let screen = a.screen();
        assert!(screen.contains("Search “重置密码”"), "{screen}");
        assert_screen!(format!("kb_search_{w}x{h}"), screen);
        a.keys("enter");
        assert_eq!(a.model.kb.focus, KbFocus::Reader);
        assert_eq!(
            a.model.kb.article.as_ref().unwrap().row.title.as_str(),
            "忘记密码？如何重置密码"
        );
        a.keys("esc esc");
        assert!(
            a.model.kb.search.is_none(),
            "Esc in the list clears the search"
        );
    }
}

#[test]
fn views_cycle_through_the_curation_lists() {
    let (_dir, mut a) = demo_app(120, 40);
    a.keys("4");
    let mut seen = Vec::new();
    for _ in 0..KbView::ALL.len() {
        seen.push(a.model.kb.view);
        a.keys("J");
    }
    assert_eq!(seen, KbView::ALL);
    a.keys("J"); // Drafts
    assert!(a.screen().contains("┌ Drafts"), "{}", a.screen());
    let rows = &a.model.kb.list.rows;
    assert!(!rows.is_empty() && rows.iter().all(|r| r.status == ArticleStatus::Draft));
    a.keys("J"); // Most used
    let uses: Vec<i64> = a.model.kb.list.rows.iter().map(|r| r.uses).collect();
    assert!(uses.windows(2).all(|p| p[0] >= p[1]), "{uses:?}");
}

#[test]
fn write_edit_publish_rate_and_read_the_history() {
    let (_dir, mut a) = demo_app(120, 40);
    a.keys("4 h j l"); // the Payments category, back to its articles
    let template = Rc::new(RefCell::new(String::new()));
    let keep = template.clone();
    a.editor = Some(Box::new(move |t: &str| {
        *keep.borrow_mut() = t.to_string();
        Some(
            t.replace("title = \"\"", "title = \"Pay with Alipay 支付宝\"")
                .replace(
                    "Write the article here in Markdown. Save an empty file to cancel.",
                    "## Steps\n\n1. Open Alipay.",
                ),
        )
    }));
    a.keys("n");
    assert!(
        template
            .borrow()
            .contains("category = \"Payments & billing 支付与账单\""),
        "a new article starts in the selected category: {}",
        template.borrow()
    );
    let art = a.model.kb.article.clone().expect("the new article is open");
    assert_eq!(art.row.title.as_str(), "Pay with Alipay 支付宝");
    assert_eq!(art.row.status, ArticleStatus::Draft);
    assert!(
        a.screen().contains("Pay with Alipay 支付宝 · DRAFT"),
        "{}",
        a.screen()
    );

    // A bad edit comes back with the reason, and nothing typed is lost.
    let rounds = Rc::new(RefCell::new(Vec::<String>::new()));
    let keep = rounds.clone();
    a.editor = Some(Box::new(move |t: &str| {
        keep.borrow_mut().push(t.to_string());
        if keep.borrow().len() == 1 {
            Some(t.replace("status = \"draft\"", "status = \"live\""))
        } else {
            Some(
                t.replace("status = \"live\"", "status = \"draft\"")
                    .replace("Open Alipay.", "Open Alipay and pay."),
            )
        }
    }));
    a.keys("e");
    let rounds = rounds.borrow();
    assert_eq!(rounds.len(), 2, "the editor opened again");
    assert!(
        rounds[1].contains("status = \"live\""),
        "the bad text came back"
    );
    assert!(
        rounds[1].contains("<!-- desk: not saved: line 6: status `live`"),
        "{}",
        rounds[1]
    );
    let art = a.model.kb.article.clone().unwrap();
    assert!(art.body_md.as_str().contains("Open Alipay and pay."));
    assert!(!art.body_md.as_str().contains("desk: not saved"));

    a.keys("s 1"); // Publish
    assert_eq!(
        a.model.kb.article.as_ref().unwrap().row.status,
        ArticleStatus::Published
    );
    a.keys("+");
    assert_eq!(a.model.kb.article.as_ref().unwrap().row.helpful_up, 1);
    a.keys("H");
    let screen = a.screen();
    assert!(screen.contains("History · Pay with Alipay"), "{screen}");
    assert!(screen.contains("status     draft → published"), "{screen}");
    assert!(screen.contains("vote       — → helpful"), "{screen}");
}
