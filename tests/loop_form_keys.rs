//! The closed loop's forms in the terminal (issue 23): `E` walks a complaint through 登记 → 调查 → 处理 with a
//! form asking for what each stage needs (the store checks it again), the revisit is the follow-up call, and `F`
//! shows the call script beside the call's outcome and note — at 80×24 and 120×40, on the demo at the frozen NOW.

mod common;

use common::harness::Harness;
use common::{NOW, status_bar};
use desk::app::Overlay;
use desk::domain::ticket::{Channel, Kind, Priority};
use desk::store::ticket_write::NewTicket;
use desk::store::{OpenMode, Store};

/// The demo with one new complaint on top; the harness acts as li. Returns the complaint's number.
fn demo_with_complaint(w: u16, h: u16) -> (tempfile::TempDir, Harness, i64) {
    demo_with_complaint_in(w, h, desk::i18n::Locale::En)
}

fn demo_with_complaint_in(
    w: u16,
    h: u16,
    locale: desk::i18n::Locale,
) -> (tempfile::TempDir, Harness, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db"), OpenMode::Create).unwrap();
    let opts = desk::demo::DemoOptions {
        now: NOW,
        ..desk::demo::DemoOptions::default()
    };
    desk::demo::generate(&mut store, &opts, &mut |_, _| {}).unwrap();
    let cfg = desk::config::Config::default();
    store.set_service_rules(common::service_rules(""));
    store.set_actor(Some("li".into()));
    let customer = store
        .customer_page(
            &Default::default(),
            desk::domain::view::PageRequest::First,
            1,
        )
        .unwrap()
        .rows
        .remove(0)
        .id;
    let t = NewTicket {
        subject: "安装师傅态度差 rude installer".into(),
        kind: Kind::Complaint,
        channel: Channel::Phone,
        priority: Priority::High,
        customer_id: customer,
        product_id: None,
        body: "师傅迟到两小时还不道歉".into(),
    };
    let number = store.create_ticket(&t, NOW).unwrap().number;
    drop(cfg);
    (
        dir,
        Harness::in_locale(store, Some("li"), (w, h), NOW, locale),
        number,
    )
}

fn header_line<'a>(screen: &'a str, word: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(word))
        .unwrap_or_else(|| panic!("no `{word}` line:\n{screen}"))
}

#[test]
fn e_walks_a_complaint_through_its_stages_asking_for_what_each_needs() {
    let (_dir, mut a, n) = demo_with_complaint(80, 24);
    a.keys("#").type_text(&n.to_string()).keys("enter");
    assert!(
        a.screen().contains("Complaint 1/5 received"),
        "{}",
        a.screen()
    );

    // 登记: a category and a severity; nothing is sent without them.
    a.keys("E");
    let screen = a.screen();
    assert!(screen.contains("→ registered 登记"), "{screen}");
    insta::assert_snapshot!("loop_form_registered_80x24", screen);
    insta::assert_snapshot!("loop_form_registered_120x40", a.resize(120, 40).screen());
    a.resize(80, 24);
    a.keys("enter");
    assert!(
        status_bar(&a.screen()).contains("Category is needed for registered 登记"),
        "{}",
        a.screen()
    );
    assert!(
        matches!(a.model.overlay, Some(Overlay::LoopForm(_))),
        "the form stays"
    );
    a.type_text("服务态度").keys("tab right enter");
    let screen = a.screen();
    assert!(screen.contains("Complaint 2/5 registered"), "{screen}");
    assert!(screen.contains("Severity major 严重"), "{screen}");

    // 调查: the responsible person, li (the agent at the keyboard) unless someone else is chosen.
    a.keys("E");
    assert!(a.screen().contains("‹ 李娜 Li Na (li) ›"), "{}", a.screen());
    a.keys("enter");
    assert!(
        a.screen().contains("Complaint 3/5 investigating"),
        "{}",
        a.screen()
    );

    // 处理: a root cause and a resolution note; the ticket is solved with it.
    a.keys("E");
    let screen = a.screen();
    assert!(screen.contains("solves the ticket"), "{screen}");
    a.keys("right enter");
    assert!(status_bar(&a.screen()).contains("Resolution is needed"));
    a.keys("tab").type_text("当面致歉并重新安装").keys("enter");
    let screen = a.screen();
    assert!(screen.contains("Status Solved"), "{screen}");
    assert!(screen.contains("Complaint 4/5 resolved"), "{screen}");
    assert!(screen.contains("Root cause service_attitude"), "{screen}");

    // 回访 is the follow-up call.
    a.keys("E");
    assert!(
        status_bar(&a.screen()).contains("F records it"),
        "{}",
        a.screen()
    );
}

#[test]
fn f_shows_the_call_script_beside_the_form_and_keeps_it_with_the_call() {
    let (_dir, mut a, n) = demo_with_complaint(120, 40);
    a.keys("#").type_text(&n.to_string()).keys("enter");
    // Not before the ticket is solved.
    a.keys("F");
    assert!(status_bar(&a.screen()).contains("comes once it is solved"));
    a.keys("s").type_text("solved").keys("enter");
    assert!(a.screen().contains("Status Solved"), "{}", a.screen());
    a.keys("F");
    let screen = a.screen();
    let row = header_line(&screen, "Outcome");
    assert!(
        row.contains("‹ confirmed solved ›")
            && row.contains("Call script · Follow-up call script 回访话术"),
        "the script beside the form:\n{screen}"
    );
    assert!(screen.contains("做个回访"), "{screen}");
    insta::assert_snapshot!("loop_form_follow_up_120x40", screen);
    insta::assert_snapshot!("loop_form_follow_up_80x24", a.resize(80, 24).screen());
    a.resize(120, 40);
    a.keys("tab").type_text("客户满意").keys("enter");
    assert!(
        matches!(a.model.overlay, Some(Overlay::Survey(_))),
        "the survey follows"
    );
    a.keys("esc");
    let screen = a.screen();
    assert!(screen.contains("[x] followed up"), "{screen}");
    assert!(
        screen.contains("Call script “Follow-up call script 回访话术” read."),
        "the call note says which script was read:\n{screen}"
    );
}

#[test]
fn an_open_ticket_closes_from_the_status_picker_only_with_a_reason_that_skips_the_loop() {
    let (_dir, mut a, n) = demo_with_complaint(120, 40);
    // A question, not the complaint (a complaint closes only once revisited).
    let q = n - 1;
    a.keys("#").type_text(&q.to_string()).keys("enter");
    a.keys("s");
    let screen = a.screen();
    assert!(
        screen.contains("Closed — spam (skips the follow-up)")
            && screen.contains("Closed — duplicate (skips the follow-up)"),
        "{screen}"
    );
    assert!(
        !screen
            .lines()
            .any(|l| l.trim_matches(|c| c == '│' || c == ' ') == "Closed"),
        "no plain Closed for an open ticket:\n{screen}"
    );
    a.type_text("dupl").keys("enter");
    let screen = a.screen();
    assert!(screen.contains("Status Closed"), "{screen}");
    assert!(screen.contains("Close reason duplicate"), "{screen}");
}

#[test]
fn the_complaints_details_read_in_chinese_in_the_header() {
    for (locale, name, severity, owner, cause) in [
        (
            desk::i18n::Locale::ZhCn,
            "zh_cn",
            "严重程度 严重",
            "负责人 李娜 Li Na",
            "根本原因 服务态度",
        ),
        (
            desk::i18n::Locale::ZhTw,
            "zh_tw",
            "嚴重程度 嚴重",
            "客訴負責人 李娜 Li Na",
            "根本原因 服務態度",
        ),
    ] {
        let (_dir, mut a, n) = demo_with_complaint_in(80, 24, locale);
        a.keys("#").type_text(&n.to_string()).keys("enter");
        a.keys("E").type_text("服务态度").keys("tab right enter");
        let screen = a.screen();
        assert!(screen.contains(severity), "{screen}");
        assert!(!screen.contains("Severity"), "{screen}");
        a.keys("E enter");
        a.keys("E right tab").type_text("当面致歉").keys("enter");
        let screen = a.screen();
        assert!(screen.contains(owner), "{screen}");
        assert!(screen.contains(cause), "{screen}");
        insta::assert_snapshot!(format!("complaint_details_{name}_80x24"), screen);
    }
}
