//! The closed loop end to end in a real terminal (tmux, 120×40): solve a ticket, find it in "Follow-ups due",
//! record the follow-up call and a survey, see the loop stage on the ticket — and the CLI agrees.

mod common;

use common::tmux::Tmux;

#[test]
fn solve_follow_up_and_survey_in_a_real_terminal() {
    let home = tempfile::tempdir().unwrap();
    // The follow-up falls due a second after solving, so the test need not wait a day.
    let config_dir = home.path().join("config/desk");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(
        config_dir.join("config.toml"),
        "[loop]\nfollow_up_after = \"1s\"\n",
    )
    .unwrap();
    let env = vec![
        ("HOME", home.path().display().to_string()),
        (
            "XDG_DATA_HOME",
            home.path().join("data").display().to_string(),
        ),
        (
            "XDG_CONFIG_HOME",
            home.path().join("config").display().to_string(),
        ),
        (
            "XDG_STATE_HOME",
            home.path().join("state").display().to_string(),
        ),
        ("USER", "li".to_string()),
        ("TERM", "xterm-256color".to_string()),
        ("PS1", "$ ".to_string()),
    ];
    let t = Tmux::start("loop", 120, 40, home.path(), &env);
    let bin = env!("CARGO_BIN_EXE_desk");
    t.type_text(&format!("{bin} --demo; echo \"exit=$?\""));
    t.keys(&["Enter"]);
    t.wait_until("the queue", |s| s.contains("My open") && s.contains(" #1"));
    t.keys(&["Enter"]);
    let screen = t.wait_for("Thread ·");
    let number: String = screen
        .lines()
        .find_map(|l| {
            l.strip_prefix("│#")
                .map(|rest| rest.chars().take_while(|c| c.is_ascii_digit()).collect())
        })
        .expect("ticket number in the header");
    assert!(
        screen.contains("SLA "),
        "the clocks are on the ticket: {screen}"
    );
    t.keys(&["s"]);
    let picker = t.wait_for(&format!("Status of #{number}"));
    let solved = picker
        .lines()
        .find(|l| l.contains(" Solved"))
        .and_then(|l| {
            l.split_whitespace()
                .find(|w| w.len() == 1 && w.chars().all(|c| c.is_ascii_digit()))
        })
        .expect("Solved is offered")
        .to_string();
    t.keys(&[&solved]);
    t.wait_for("Loop [x] solved › [ ] followed up › [ ] surveyed");
    // To the Follow-ups due view; reload until the call falls due (one second after solving).
    t.keys(&["1"]);
    t.wait_for("Follow-ups due");
    // One view at a time: wait for each J to land before judging where it went.
    let title = |s: &str| {
        s.lines()
            .nth(1)
            .and_then(|l| l.split("┐┌ ").nth(1))
            // The view's name, before its `[n/m]` and any filter.
            .and_then(|t| t.split(" · ").next()?.split(" [").next())
            .map(str::to_string)
            .unwrap_or_default()
    };
    for _ in 0..12 {
        let before = title(&t.screen());
        if before == "Follow-ups due" {
            break;
        }
        t.keys(&["J"]);
        t.wait_until("the next view", |s| title(s) != before);
    }
    let row = format!("#{number} ");
    let mut found = false;
    for _ in 0..30 {
        t.keys(&["C-r"]);
        let s = t.wait_for("Reloaded");
        if s.contains("┌ Follow-ups due") && s.contains(&row) {
            found = true;
            break;
        }
        t.wait_until("the toast to clear", |s| !s.contains("Reloaded"));
    }
    assert!(
        found,
        "#{number} never showed up in Follow-ups due:\n{}",
        t.screen()
    );
    // The list runs soonest due first; this call fell due last.
    t.keys(&["G", "Enter"]);
    t.wait_for(&format!("│#{number} "));
    t.keys(&["F"]);
    t.wait_for("Follow-up call 回访");
    t.keys(&["Enter"]);
    t.wait_for("Survey 满意度");
    t.keys(&["5", "Tab", "9", "Tab", "2"]);
    t.wait_for("low effort");
    // The questionnaire's first two items: product quality 4, service 3.
    t.keys(&["Tab", "4", "Tab", "3"]);
    t.wait_for("[ 3] neutral");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Loop [x] solved › [x] followed up › [x] surveyed");
    assert!(
        screen.contains("Follow-up call 回访: confirmed solved"),
        "{screen}"
    );
    t.keys(&["q"]);
    t.wait_until("desk to exit", |s| {
        s.lines().any(|l| l.starts_with("exit="))
    });

    let db = home.path().join("data/desk/demo.db");
    let out = std::process::Command::new(bin)
        .args([
            "ticket",
            "show",
            &number,
            "--format",
            "json",
            "--db",
            &db.display().to_string(),
        ])
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["loop_stage"], "surveyed", "{json}");
    let out = std::process::Command::new(bin)
        .args([
            "task",
            "list",
            "--due",
            "all",
            "--format",
            "json",
            "--db",
            &db.display().to_string(),
        ])
        .env("HOME", home.path())
        .output()
        .unwrap();
    let tasks: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let n: i64 = number.parse().unwrap();
    assert!(
        tasks
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["ticket"].as_i64() != Some(n)),
        "the call is done: {tasks}"
    );
}
