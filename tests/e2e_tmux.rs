//! End to end in a real terminal (tmux, 120×40): `desk --demo` from a clean home, every pane, a ticket, an
//! article, and quitting back to a usable shell.

mod common;

use common::tmux::Tmux;

use common::tmux::clean_env as env_for;

#[test]
fn demo_visits_every_pane_opens_a_ticket_and_an_article_and_quits_cleanly() {
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start("demo", 120, 40, home.path(), &env_for(home.path()));
    let bin = env!("CARGO_BIN_EXE_desk");
    t.type_text(&format!("{bin} --demo; echo \"exit=$?\""));
    t.keys(&["Enter"]);

    // Queues with demo tickets and live counts.
    let screen = t.wait_until("the queue with tickets", |s| {
        s.contains("My open") && s.contains(" #1")
    });
    assert!(
        screen.contains("1 Queues") && screen.contains("Unassigned"),
        "{screen}"
    );
    assert!(
        home.path().join("data/desk/demo.db").exists(),
        "demo database created in the data dir"
    );

    // Open the selected ticket: its thread shows.
    t.keys(&["Enter"]);
    let screen = t.wait_for("Thread ·");
    assert!(
        screen.contains("Status") && screen.contains("Customer"),
        "{screen}"
    );

    // Customers pane with a profile.
    t.keys(&["3"]);
    t.wait_until("a customer profile", |s| {
        s.contains("Profile") && s.contains("Tier") && s.contains("Products (")
    });

    // Knowledge base: open the first article.
    t.keys(&["4"]);
    t.wait_for("Categories");
    t.keys(&["Enter"]);
    t.wait_until("an article in the reader", |s| {
        s.contains("views ·") && s.contains(" of ")
    });
    // Keys after Esc are sent once the screen has answered it: ESC followed at once by a key reads as Alt-key.
    t.keys(&["Escape"]);
    t.wait_for("Categories");
    t.keys(&["2"]);
    t.wait_for("Thread ·");

    // Help lists commands with their keys, the ticket's first; `/` narrows it as you type.
    t.keys(&["?"]);
    t.wait_until("help", |s| {
        s.contains("Open this ticket's customer") && s.contains("Quit desk")
    });
    t.keys(&["/"]);
    t.type_text("half page");
    t.wait_until("help narrowed", |s| {
        s.contains("Ctrl-d") && s.contains("Half a page down") && !s.contains("Quit desk")
    });
    // Two Escapes at once would read as Alt-Escape: one, then the other once the first has shown.
    t.keys(&["Escape"]);
    t.wait_until("the search dropped", |s| s.contains("Quit desk"));
    t.keys(&["Escape"]);
    t.wait_until("help closed", |s| !s.contains("Keys —"));
    t.keys(&["q"]);
    let screen = t.wait_until("desk to exit", |s| {
        s.lines().any(|l| l.starts_with("exit="))
    });
    assert!(screen.lines().any(|l| l == "exit=0"), "{screen}");
    assert!(!t.alternate_on(), "the terminal left the alternate screen");
    assert!(
        !screen.contains("Thread ·"),
        "the TUI is gone from the screen:\n{screen}"
    );
}

#[test]
fn a_bad_config_is_one_clear_line_before_the_terminal_is_touched() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("config/desk")).unwrap();
    std::fs::write(
        home.path().join("config/desk/config.toml"),
        "[ui]\nmouse = true\ncolour = \"red\"\n",
    )
    .unwrap();
    let t = Tmux::start("badcfg", 120, 40, home.path(), &env_for(home.path()));
    let bin = env!("CARGO_BIN_EXE_desk");
    t.type_text(&format!("{bin} --demo; echo \"exit=$?\""));
    t.keys(&["Enter"]);
    // The typed command line contains `exit=$?` too: wait for the line the shell prints.
    let screen = t.wait_until("desk to exit", |s| {
        s.lines().any(|l| l.starts_with("exit="))
    });
    assert!(
        screen.contains("config.toml:3"),
        "names file and line:\n{screen}"
    );
    assert!(screen.contains("colour"), "names the key:\n{screen}");
    assert!(screen.contains("exit=5"), "{screen}");
    assert!(!t.alternate_on());
    assert!(
        !home.path().join("data/desk/demo.db").exists(),
        "nothing was created"
    );
}

/// A fake `$EDITOR`: appends a fixed reply above the template it was given.
fn fake_editor(dir: &std::path::Path) -> std::path::PathBuf {
    let script = dir.join("fake-editor.sh");
    std::fs::write(&script, "#!/bin/sh\nprintf '%s\\n' '您好，已为您重新发货。Thanks for waiting.' | cat - \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

#[test]
fn reply_through_the_editor_and_change_status_then_the_cli_agrees() {
    let home = tempfile::tempdir().unwrap();
    let mut env = env_for(home.path());
    env.push(("EDITOR", fake_editor(home.path()).display().to_string()));
    env.push(("VISUAL", String::new()));
    let t = Tmux::start("reply", 120, 40, home.path(), &env);
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
    t.keys(&["r"]);
    t.wait_for("Review reply");
    t.keys(&["y"]);
    t.wait_for("Reply sent");
    let screen = t.wait_for("已为您重新发货");
    assert!(screen.contains("reply"), "{screen}");
    // Solve it with the status picker.
    t.keys(&["s"]);
    t.wait_for(&format!("Status of #{number}"));
    let picker = t.screen();
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
    t.wait_until("the solved status", |s| s.contains("Status Solved"));
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
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["status"], "solved");
    let last = json["messages"].as_array().unwrap().last().unwrap();
    assert_eq!(last["body"], "您好，已为您重新发货。Thanks for waiting.");
    assert_eq!(
        (last["author_kind"].as_str(), last["visibility"].as_str()),
        (Some("agent"), Some("public"))
    );
}

fn desk_json(home: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .env("HOME", home)
        .env("USER", "li")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// Issue 3's walk through a shift: create a ticket, reply through $EDITOR, add a note, change status, priority and
/// assignee, merge it into another ticket — then the CLI's JSON must say what the screen said.
#[test]
fn work_a_ticket_end_to_end_and_the_cli_agrees() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("shift.db").display().to_string();
    let bin = env!("CARGO_BIN_EXE_desk");
    let out = std::process::Command::new(bin)
        .args(["demo", "--db", &db, "--tickets", "80"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let customers = desk_json(
        home.path(),
        &[
            "customer", "list", "--db", &db, "--limit", "1", "--format", "json",
        ],
    );
    let email = customers[0]["email"].as_str().unwrap().to_string();
    let open = desk_json(
        home.path(),
        &[
            "ticket", "list", "--db", &db, "--view", "all-open", "--limit", "1", "--format", "json",
        ],
    );
    let target = open[0]["number"].as_i64().unwrap();

    let mut env = env_for(home.path());
    env.push(("EDITOR", fake_editor(home.path()).display().to_string()));
    env.push(("VISUAL", String::new()));
    let t = Tmux::start("shift", 120, 40, home.path(), &env);
    t.type_text(&format!("{bin} --db {db}; echo \"exit=$?\""));
    t.keys(&["Enter"]);
    t.wait_until("the queue", |s| s.contains("My open") && s.contains(" #1"));

    // Create: customer by email, subject, then the first message in the editor.
    t.keys(&["n"]);
    t.wait_for("New ticket");
    t.type_text(&email);
    // The match row itself ("name · email · tier"): the "+ New customer … <email>" offer shows the email
    // before the search answers, and Enter on it would make a new customer.
    let match_row = format!("· {email} ·");
    t.wait_until("the customer match", |s| s.contains(&match_row));
    t.keys(&["Enter"]);
    t.type_text("打印机卡纸 from tmux");
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    let screen = t.wait_until("the new ticket", |s| {
        s.contains("打印机卡纸 from tmux") && s.contains("Thread ·")
    });
    let number: i64 = screen
        .lines()
        .find_map(|l| {
            l.strip_prefix("│#").map(|r| {
                r.chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect::<String>()
            })
        })
        .and_then(|n| n.parse().ok())
        .expect("the number in the header");

    t.keys(&["r"]);
    t.wait_for("Review reply");
    t.keys(&["y"]);
    t.wait_for("Reply sent");
    t.keys(&["I"]);
    t.wait_for("Internal note");
    t.type_text("checked the paper tray");
    t.keys(&["Enter"]);
    t.wait_for("Note added");
    t.keys(&["s"]);
    let picker = t.wait_for(&format!("Status of #{number}"));
    let pending = picker
        .lines()
        .find(|l| l.contains(" Pending"))
        .and_then(|l| {
            l.split_whitespace()
                .find(|w| w.len() == 1 && w.chars().all(|c| c.is_ascii_digit()))
        })
        .expect("Pending is offered")
        .to_string();
    t.keys(&[&pending]);
    t.wait_for("Status Pending");
    t.keys(&["p"]);
    t.wait_for("Priority of");
    t.keys(&["1"]);
    // The header, not the picker row of the same words.
    t.wait_for("Priority U!! Urgent");
    t.keys(&["a"]);
    t.wait_for("Me (li)");
    t.keys(&["1"]);
    t.wait_for("Assignee 李娜 Li Na");
    t.keys(&["M"]);
    t.wait_for("Merge this ticket into");
    t.type_text(&target.to_string());
    t.keys(&["Enter"]);
    t.wait_for(&format!("into #{target}?"));
    t.keys(&["y"]);
    let after = t.wait_until("the merge or its second question", |s| {
        s.contains(&format!("Merged into #{target}")) || s.contains("two different customers")
    });
    if after.contains("two different customers") {
        t.keys(&["y"]);
        t.wait_for(&format!("Merged into #{target}"));
    }
    t.keys(&["q"]);
    t.wait_until("desk to exit", |s| {
        s.lines().any(|l| l.starts_with("exit="))
    });

    // What the CLI says about the merged ticket and its target.
    let history = desk_json(
        home.path(),
        &[
            "ticket",
            "history",
            &number.to_string(),
            "--db",
            &db,
            "--format",
            "json",
        ],
    );
    let changes: Vec<(String, Option<String>)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["field"].as_str().unwrap().to_string(),
                c["new"].as_str().map(String::from),
            )
        })
        .collect();
    for expected in [
        ("status", "pending"),
        ("priority", "urgent"),
        ("status", "merged"),
    ] {
        assert!(
            changes.contains(&(expected.0.to_string(), Some(expected.1.to_string()))),
            "{expected:?} in {changes:?}"
        );
    }
    assert!(
        changes.iter().any(|(f, _)| f == "assignee_id"),
        "{changes:?}"
    );
    let shown = desk_json(
        home.path(),
        &[
            "ticket",
            "show",
            &number.to_string(),
            "--db",
            &db,
            "--format",
            "json",
        ],
    );
    assert_eq!(
        shown["number"].as_i64(),
        Some(target),
        "the merged number resolves to the target"
    );
    let bodies: Vec<&str> = shown["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["body"].as_str())
        .collect();
    assert!(
        bodies
            .iter()
            .filter(|b| b.starts_with("您好，已为您重新发货。"))
            .count()
            >= 2,
        "first message and reply: {bodies:?}"
    );
    assert!(bodies.contains(&"checked the paper tray"), "{bodies:?}");
}
