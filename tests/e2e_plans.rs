//! Improvement plans in a real terminal (tmux): on `desk --demo` the agent opens `g i`, sees the demo's three actions
//! at do, check and act, moves the first (at do) a step on with `a` and sees it at check — on screen and in the file,
//! read by the CLI as another process.

mod common;

use common::tmux::{Tmux, clean_env};

/// The stage column of the row of action `number` (`│P1   … do    41.0% → …`).
fn stage_of(screen: &str, number: i64) -> Option<String> {
    let row = screen
        .lines()
        .find(|l| l.starts_with(&format!("│P{number} ")))?;
    ["plan", "do", "check", "act"]
        .iter()
        .find(|s| row.contains(&format!(" {s} ")))
        .map(|s| s.to_string())
}

#[test]
fn g_i_opens_the_plans_and_a_moves_the_first_action_from_do_to_check() {
    let home = tempfile::tempdir().unwrap();
    let env = clean_env(home.path());
    let t = Tmux::start("plans", 100, 30, home.path(), &env);
    let bin = env!("CARGO_BIN_EXE_desk");
    t.type_text(&format!("{bin} --demo; echo \"exit=$?\""));
    t.keys(&["Enter"]);
    t.wait_until("the queue", |s| s.contains("My open") && s.contains(" #1"));
    let db = home.path().join("data/desk/demo.db").display().to_string();

    t.keys(&["g", "i"]);
    let screen = t.wait_until("the plans listed", |s| {
        s.contains("Improvement plans 改进措施 (PDCA) [1/3]") && s.contains("│P3 ")
    });
    assert_eq!(stage_of(&screen, 1).as_deref(), Some("do"), "{screen}");
    assert_eq!(stage_of(&screen, 2).as_deref(), Some("check"), "{screen}");
    assert_eq!(stage_of(&screen, 3).as_deref(), Some("act"), "{screen}");

    t.keys(&["a"]);
    let screen = t.wait_until("P1 at check", |s| {
        stage_of(s, 1).as_deref() == Some("check") && s.contains("P1 → check 检查")
    });
    assert_eq!(stage_of(&screen, 2).as_deref(), Some("check"), "{screen}");

    // Another process reads the move from the file.
    let shown = common::desk_ok(
        home.path(),
        "li",
        &["plan", "show", "1", "--format", "json", "--db", &db],
    );
    let doc: serde_json::Value = serde_json::from_str(&shown).expect("JSON");
    assert_eq!(doc["status"], "check", "{shown}");

    // Enter shows the move in the action's history.
    t.keys(&["Enter"]);
    t.wait_until("the history", |s| {
        s.contains("History (newest first)") && s.contains("do → check")
    });
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    t.wait_until("the pane closed", |s| !s.contains("Improvement plans"));
    t.keys(&["q"]);
    t.wait_for("exit=0");
}
