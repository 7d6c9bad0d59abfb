//! Quality inspection in a real terminal (tmux, issue 23 item 9): on `desk --demo` the lead li opens `g q`, samples
//! last week into the QA queue with `s`, scores one of the tickets just sampled with the form, and the agent whose
//! work it was — desk started again as that agent — sees the review with every criterion under `g q`, Tab.

mod common;

use common::tmux::{Tmux, clean_env, desk_as_agent};

/// The selected row of the queue (`▶ #1162   wang     random    2026-W46 …`): its ticket and agent.
fn selected(screen: &str) -> (i64, String) {
    let row = screen
        .lines()
        .find_map(|l| l.split_once("▶ #").map(|(_, r)| r.to_string()))
        .unwrap_or_else(|| panic!("no selected row:\n{screen}"));
    let mut words = row.split_whitespace();
    let ticket = words
        .next()
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("no ticket number in {row}"));
    let agent = words.next().unwrap_or_default().to_string();
    (ticket, agent)
}

/// The number before `what` in the screen's toast (`2026-W46: 6 tickets sampled` → 6).
fn count_before(screen: &str, what: &str) -> usize {
    let line = screen
        .lines()
        .find(|l| l.contains(what))
        .unwrap_or_else(|| panic!("no `{what}`:\n{screen}"));
    let (head, _) = line.split_once(what).unwrap_or_default();
    head.split_whitespace()
        .last()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count before `{what}` in {line}"))
}

#[test]
fn a_lead_samples_and_scores_a_ticket_and_the_agent_sees_the_review() {
    let home = tempfile::tempdir().unwrap();
    let env = clean_env(home.path());
    let t = Tmux::start("qa-lead", 120, 40, home.path(), &env);
    let bin = env!("CARGO_BIN_EXE_desk");
    t.type_text(&format!("{bin} --demo; echo \"exit=$?\""));
    t.keys(&["Enter"]);
    t.wait_until("the queue", |s| s.contains("My open") && s.contains(" #1"));
    let db = home.path().join("data/desk/demo.db").display().to_string();

    t.keys(&["g", "q"]);
    let screen = t.wait_until("the QA queue read", |s| {
        s.contains("Quality inspection 质检 · [queue ") && s.contains("▶ #")
    });
    let waiting = count_before(&screen.replace(']', " ]"), " ] · mine");
    assert!(
        screen.contains("s sample last week"),
        "li may sample:\n{screen}"
    );

    t.keys(&["s"]);
    let screen = t.wait_for("tickets sampled into the QA queue");
    let added = count_before(&screen, "tickets sampled into the QA queue");
    let week = screen
        .split_whitespace()
        .find(|w| w.len() == 9 && w.ends_with(':') && w.contains("-W"))
        .map(|w| w.trim_end_matches(':').to_string())
        .unwrap_or_else(|| panic!("the week in the toast:\n{screen}"));
    assert!(added > 0, "last week had solved tickets:\n{screen}");
    let total = waiting + added;
    t.wait_for(&format!("[queue {total}]"));

    // The samples just made come after the demo's older ones; take the first that is not li's own work.
    for _ in 0..waiting {
        t.keys(&["j"]);
    }
    let mut screen = t.wait_until("a sample of last week selected", |s| {
        s.lines().any(|l| l.contains("▶ #") && l.contains(&week))
    });
    let mut pick = selected(&screen);
    for _ in 0..added {
        if pick.1 != "li" {
            break;
        }
        t.keys(&["j"]);
        let before = pick.0;
        screen = t.wait_until("the next row", |s| selected(s).0 != before);
        pick = selected(&screen);
    }
    let (ticket, agent) = pick;
    assert_ne!(agent, "li", "a sample of someone else's work:\n{screen}");

    t.keys(&["Enter"]);
    t.wait_for(&format!("QA review · #{ticket}"));
    for k in [
        "5", "Tab", "4", "Tab", "4", "Tab", "3", "Tab", "5", "Tab", "2", "Tab",
    ] {
        t.keys(&[k]);
    }
    t.type_text("greeting fine, notes thin");
    t.keys(&["Enter"]);
    t.wait_until("the review recorded", |s| {
        s.contains(&format!("QA review of #{ticket}: 79/100"))
            && s.contains(&format!("[queue {}]", total - 1))
    });

    // The CLI, another process on the same file, has it.
    let shown = common::desk_ok(
        home.path(),
        "li",
        &[
            "qa",
            "show",
            &ticket.to_string(),
            "--format",
            "json",
            "--db",
            &db,
        ],
    );
    let doc: serde_json::Value = serde_json::from_str(&shown).expect("JSON");
    assert_eq!(doc["reviews"][0]["total"], 79.0, "{shown}");
    assert_eq!(doc["sample"]["agent"], agent.as_str(), "{shown}");

    t.keys(&["q"]);
    t.wait_until("the pane closed", |s| !s.contains("Quality inspection"));
    t.keys(&["q"]);
    t.wait_for("exit=0");

    // The agent starts desk on the same file and reads the review of their work.
    let a = desk_as_agent("qa-agent", &agent, home.path(), &db, "true");
    a.wait_until("the agent's queue", |s| s.contains("My open"));
    a.keys(&["g", "q"]);
    let screen = a.wait_until("the QA pane read", |s| {
        s.contains("Quality inspection 质检") && !s.contains("loading…")
    });
    // The pane's own line offers an agent no sampling or scoring.
    assert!(
        screen.contains("│Tab queue / mine · Esc close")
            && !screen.contains("Enter score · s sample"),
        "an agent is not offered sampling:\n{screen}"
    );
    a.keys(&["Tab"]);
    let screen = a.wait_until("the agent's reviews", |s| {
        s.contains("[mine ") && s.contains(&format!("#{ticket}"))
    });
    // Newest first: the review just made is selected, its criteria beside the list.
    assert!(screen.contains("79/100 · by li"), "{screen}");
    for line in [
        "Accuracy 准确性 !",
        "Documentation 记录规范",
        "greeting fine, notes thin",
    ] {
        assert!(screen.contains(line), "{line}:\n{screen}");
    }
    a.keys(&["Escape"]);
    a.wait_until("the pane closed", |s| !s.contains("Quality inspection"));
}
