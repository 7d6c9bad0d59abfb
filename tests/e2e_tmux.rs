//! End to end in a real terminal (tmux, 120×40): `desk --demo` from a clean home, every pane, a ticket, an
//! article, and quitting back to a usable shell.

mod common;

use common::tmux::Tmux;

fn env_for(home: &std::path::Path) -> Vec<(&'static str, String)> {
    vec![
        ("HOME", home.display().to_string()),
        ("XDG_DATA_HOME", home.join("data").display().to_string()),
        ("XDG_CONFIG_HOME", home.join("config").display().to_string()),
        ("XDG_STATE_HOME", home.join("state").display().to_string()),
        ("USER", "li".to_string()),
        ("TERM", "xterm-256color".to_string()),
        ("PS1", "$ ".to_string()),
    ]
}

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

    // Help lists commands with their keys.
    t.keys(&["?"]);
    t.wait_until("help", |s| s.contains("Quit desk") && s.contains("Ctrl-d"));
    t.keys(&["Escape"]);
    t.wait_until("help closed", |s| !s.contains("Quit desk"));
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
