//! Two agents on one database file, each in a real terminal (tmux, 120×40): Li's change shows on Wang's screen
//! without a key press, Wang's edit based on what he saw before is caught and explained rather than applied, and
//! Wang sees "Li Na is replying" while Li's editor is open.

mod common;

use common::desk_as;
use common::tmux::{Tmux, desk_as_agent};
use std::time::Instant;

/// Both agents open the first ticket of "All open" (the same list, so the same ticket).
fn open_first_of_all_open(t: &Tmux) -> String {
    t.wait_until("the queue", |s| s.contains("My open") && s.contains(" #1"));
    t.keys(&["J", "J"]);
    // The title's position `[1/…]` shows once the view's rows are loaded: Enter before that opens nothing.
    t.wait_until("All open", |s| s.contains("┌ All open [1/"));
    t.keys(&["Enter"]);
    let screen = t.wait_for("Thread ·");
    screen
        .lines()
        .find_map(|l| {
            l.strip_prefix("│#")
                .map(|rest| rest.chars().take_while(|c| c.is_ascii_digit()).collect())
        })
        .expect("ticket number in the header")
}

fn status_of(home: &std::path::Path, db: &str, number: &str) -> serde_json::Value {
    let out = desk_as(
        home,
        "li",
        &["--db", db, "ticket", "show", number, "--format", "json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn two_agents_see_each_other_and_never_overwrite_silently() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("team.db").display().to_string();
    let made = desk_as(home.path(), "li", &["demo", "--db", &db]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    // Li's editor waits for the test's go-ahead, so "replying" lasts as long as the test needs.
    let go = home.path().join("go");
    let editor = home.path().join("slow-editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nwhile [ ! -f '{}' ]; do sleep 0.05; done\nprintf 'Checked it, a technician comes tomorrow.\\n' > \"$1\"\n",
            go.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let editor = editor.display().to_string();

    let li = desk_as_agent("team-li", "li", home.path(), &db, &editor);
    let wang = desk_as_agent("team-wang", "wang", home.path(), &db, &editor);
    let number = open_first_of_all_open(&li);
    assert_eq!(open_first_of_all_open(&wang), number, "both on one ticket");
    let before = status_of(home.path(), &db, &number);
    let priority_before = before["priority"].as_str().unwrap().to_string();

    // Wang starts choosing a priority; meanwhile Li puts the ticket on hold.
    wang.keys(&["p"]);
    wang.wait_for(&format!("Priority of #{number}"));
    li.keys(&["s"]);
    let picker = li.wait_for(&format!("Status of #{number}"));
    let on_hold = picker
        .lines()
        .find(|l| l.contains(" On hold"))
        .and_then(|l| {
            l.split_whitespace()
                .find(|w| w.len() == 1 && w.chars().all(|c| c.is_ascii_digit()))
        })
        .expect("On hold is offered")
        .to_string();
    let changed = Instant::now();
    li.keys(&[&on_hold]);
    li.wait_for(&format!("#{number}: Saved"));

    // Wang's screen follows without a key press: the header behind his picker says On hold.
    wang.wait_until("Li's change on Wang's screen", |s| {
        s.lines().any(|l| l.contains("Status On hold"))
    });
    eprintln!(
        "live refresh: Li's change on Wang's screen after {} ms",
        changed.elapsed().as_millis()
    );

    // His choice was made on what he saw before: caught, explained, not applied.
    wang.keys(&["1"]);
    let screen = wang.wait_for("changed while you were deciding");
    assert!(
        screen.contains(&format!("#{number} changed by 李娜 Li Na ")),
        "{screen}"
    );
    assert!(screen.contains("→ On hold"), "{screen}");
    assert!(screen.contains("r  Re-apply my change"), "{screen}");
    wang.keys(&["d"]);
    wang.wait_for("your change was discarded");
    let after = status_of(home.path(), &db, &number);
    assert_eq!(after["status"], "on_hold");
    assert_eq!(
        after["priority"].as_str().unwrap(),
        priority_before,
        "Wang's stale priority was not written"
    );

    // Li starts a reply; Wang sees it.
    li.keys(&["r"]);
    let started = Instant::now();
    wang.wait_until("Li replying, on Wang's screen", |s| {
        s.contains("李娜 Li Na is replying")
    });
    eprintln!(
        "presence: \"is replying\" on Wang's screen after {} ms",
        started.elapsed().as_millis()
    );
    std::fs::write(&go, "").unwrap();
    li.wait_for("Review reply");
    li.keys(&["y"]);
    li.wait_for(&format!("#{number}: Reply sent"));
    wang.wait_until("the reply on Wang's screen", |s| {
        s.contains("a technician comes tomorrow") && !s.contains("is replying")
    });
}
