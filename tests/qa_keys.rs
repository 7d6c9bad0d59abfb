//! Quality inspection in the terminal (issue 23 item 9): `g q` shows a lead the QA queue, `s` samples last week,
//! Enter scores the selected ticket with a form (a field per criterion and a comment), and an agent sees the
//! reviews of their work with every criterion. The demo at the frozen NOW (Wed 2026-11-18, week 2026-W47): weeks
//! W43–W45 are sampled and mostly scored by zhang, three samples wait, and W46 is not sampled yet.

mod common;

use common::harness::Harness;
use common::{demo_app, demo_app_as, status_bar};
use desk::app::Overlay;
use desk::app::qa::QaTab;

fn qa(a: &Harness) -> &desk::app::qa::QaState {
    match &a.model.overlay {
        Some(Overlay::Qa(s)) => s,
        other => panic!("the QA pane is not open: {other:?}"),
    }
}

/// The ticket number of the selected queue row (`▶ #1162 …`).
fn selected_ticket(screen: &str) -> i64 {
    let row = screen
        .lines()
        .find_map(|l| l.split_once("▶ #").map(|(_, r)| r.to_string()))
        .unwrap_or_else(|| panic!("no selected row:\n{screen}"));
    row.chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("no number in {row}"))
}

#[test]
fn g_q_shows_a_lead_the_queue_and_s_samples_last_week() {
    let (_dir, mut a) = demo_app(80, 24);
    a.keys("g q");
    let s = qa(&a);
    assert_eq!(s.tab, QaTab::Queue);
    let view = s.view.as_ref().expect("the worker answered");
    assert!(view.lead, "li is the demo's admin");
    assert_eq!(view.queue.len(), 3, "three samples wait for a review");
    let screen = a.screen();
    assert!(
        screen.contains("Quality inspection 质检 · [queue 3]"),
        "{screen}"
    );
    assert!(screen.contains("2026-W45"), "{screen}");
    assert!(
        screen.contains("Enter score · s sample last week"),
        "{screen}"
    );
    insta::assert_snapshot!("qa_keys_queue_80x24", screen);
    insta::assert_snapshot!("qa_keys_queue_120x40", a.resize(120, 40).screen());
    a.resize(80, 24);

    a.keys("s");
    let toast = status_bar(&a.screen()).to_string();
    assert!(
        toast.contains("2026-W46:") && toast.contains("tickets sampled into the QA queue"),
        "{toast}"
    );
    let n: usize = toast
        .split("2026-W46: ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count in {toast}"));
    assert!(n > 0, "last week had solved tickets: {toast}");
    let queue = &qa(&a).view.as_ref().unwrap().queue;
    assert_eq!(queue.len(), 3 + n, "the queue is read again");
    assert!(queue.iter().filter(|x| x.week == "2026-W46").count() == n);
    // Sampling the week again adds nothing.
    a.keys("s");
    assert!(
        status_bar(&a.screen()).contains("2026-W46: 0 tickets sampled"),
        "{}",
        a.screen()
    );
    a.keys("esc");
    assert_eq!(a.model.overlay, None);
}

#[test]
fn enter_scores_the_selected_ticket_and_a_failed_critical_item_fails_the_review() {
    let (_dir, mut a) = demo_app(80, 24);
    a.keys("g q j");
    let ticket = selected_ticket(&a.screen());
    a.keys("enter");
    let form = qa(&a).form.as_ref().expect("the form is open");
    assert_eq!(form.ticket, ticket);
    assert_eq!(form.criteria.len(), 6);
    // 5 for greeting, 4 for understanding; 7 is off the 0–5 scale and ignored.
    a.keys("5 tab 7 4 tab");
    let screen = a.screen();
    assert!(
        screen.contains(&format!("QA review · #{ticket}")),
        "{screen}"
    );
    assert!(
        screen.contains("[ 5]") && screen.contains("[ 4]"),
        "{screen}"
    );
    insta::assert_snapshot!("qa_keys_form_80x24", screen);
    insta::assert_snapshot!("qa_keys_form_120x40", a.resize(120, 40).screen());
    a.resize(80, 24);
    // Not every criterion scored: the form stays, and says which are missing.
    a.keys("enter");
    assert!(qa(&a).form.is_some());
    assert!(
        status_bar(&a.screen()).contains("no score for accuracy"),
        "{}",
        a.screen()
    );
    // Accuracy 0 on the critical item, then the rest and a comment.
    a.keys("0 tab 3 tab 5 tab 2 tab");
    assert!(a.screen().contains("fails the review"), "{}", a.screen());
    a.type_text("期限说错 wrong period");
    a.keys("enter");
    assert!(qa(&a).form.is_none());
    let toast = status_bar(&a.screen()).to_string();
    assert!(
        toast.contains(&format!(
            "QA review of #{ticket}: 0/100 — failed on a critical item"
        )),
        "{toast}"
    );
    let reviews = a.store.qa_ticket_reviews(ticket).unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].reviewer, "li");
    assert!(reviews[0].failed_critical);
    assert_eq!(reviews[0].comment.to_string(), "期限说错 wrong period");
    let scores: Vec<i64> = reviews[0].items.iter().map(|i| i.score).collect();
    assert_eq!(scores, [5, 4, 0, 3, 5, 2]);
    // Reviewed, it leaves the queue.
    assert!(
        qa(&a)
            .view
            .as_ref()
            .unwrap()
            .queue
            .iter()
            .all(|x| x.ticket != ticket)
    );
}

#[test]
fn an_agent_sees_the_reviews_of_their_work_and_may_not_score() {
    let (_dir, mut a) = demo_app_as(80, 24, "zhou");
    a.keys("g q");
    assert!(!qa(&a).view.as_ref().unwrap().lead);
    a.keys("enter");
    assert!(qa(&a).form.is_none());
    assert!(
        status_bar(&a.screen()).contains("Scoring a ticket needs the lead role"),
        "{}",
        a.screen()
    );
    a.keys("tab");
    let s = qa(&a);
    assert_eq!(s.tab, QaTab::Mine);
    let mine = &s.view.as_ref().unwrap().mine;
    assert!(!mine.is_empty(), "zhou's work was reviewed in the demo");
    assert!(mine.iter().all(|r| r.agent.as_deref() == Some("zhou")));
    let first = mine[0].clone();
    let screen = a.screen();
    assert!(screen.contains(&format!("#{}", first.ticket)), "{screen}");
    assert!(screen.contains("Accuracy 准确性 !"), "{screen}");
    assert!(
        screen.contains(&format!("{}/100 · by {}", first.total, first.reviewer)),
        "{screen}"
    );
    assert!(!screen.contains("s sample last week"), "{screen}");
    insta::assert_snapshot!("qa_keys_mine_80x24", screen);
    insta::assert_snapshot!("qa_keys_mine_120x40", a.resize(120, 40).screen());
    // The smallest terminal desk draws in, and a large one: nothing panics, the review still shows.
    for (w, h) in [(60, 16), (200, 60)] {
        let screen = a.resize(w, h).screen();
        assert!(
            screen.contains(&format!("#{}", first.ticket)),
            "{w}×{h}: {screen}"
        );
    }
}
