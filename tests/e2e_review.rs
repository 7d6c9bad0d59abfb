//! End to end in a real terminal (tmux, 120×40): a reply reviewed, postponed, kept across a restart, resumed
//! and sent; a status change undone — and the CLI's JSON and change log say what the screen said.

mod common;

use common::tmux::{Tmux, clean_env};
use std::path::Path;

/// An `$EDITOR` that writes a first draft above the template, and on a second run (the draft resumed) adds a
/// second line under it.
fn two_pass_editor(dir: &Path) -> std::path::PathBuf {
    let script = dir.join("two-pass-editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\n\
         if grep -q 'first draft' \"$1\"; then printf '%s\\n' 'second pass 第二稿' >> \"$1\"; \
         else printf '%s\\n' '您好 first draft' | cat - \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"; fi\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

fn desk_json(home: &Path, args: &[&str]) -> serde_json::Value {
    let db = home.join("data/desk/demo.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .args(["--db", &db.display().to_string(), "--format", "json"])
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

fn start_desk(t: &Tmux) {
    t.type_text(&format!(
        "{} --demo; echo \"exit=$?\"",
        env!("CARGO_BIN_EXE_desk")
    ));
    t.keys(&["Enter"]);
    t.wait_until("the queue", |s| s.contains("My open") && s.contains(" #1"));
}

fn quit_desk(t: &Tmux) {
    t.keys(&["q"]);
    t.wait_until("desk to exit", |s| {
        s.lines().any(|l| l.starts_with("exit=0"))
    });
    t.keys(&["C-l"]);
    t.type_text("clear");
    t.keys(&["Enter"]);
    t.wait_until("a clear shell", |s| !s.contains("exit=0"));
}

/// The stored status of the header's first status word (`On` of `On hold` is on_hold).
fn shown_status_key(word: &str) -> String {
    match word {
        "On" => "on_hold".into(),
        w => w.to_lowercase(),
    }
}

/// The header's `Status X` word.
fn status_on(screen: &str) -> String {
    screen
        .split("Status ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the header shows the status")
        .to_string()
}

#[test]
fn reply_review_postpone_restart_resume_send_then_undo_a_status_change() {
    let home = tempfile::tempdir().unwrap();
    let mut env = clean_env(home.path());
    env.push(("EDITOR", two_pass_editor(home.path()).display().to_string()));
    env.push(("VISUAL", String::new()));
    let t = Tmux::start("review", 120, 40, home.path(), &env);
    start_desk(&t);
    t.keys(&["Enter"]);
    let screen = t.wait_for("Thread ·");
    let number: String = screen
        .lines()
        .find_map(|l| {
            l.strip_prefix("│#")
                .map(|rest| rest.chars().take_while(|c| c.is_ascii_digit()).collect())
        })
        .expect("ticket number in the header");
    let before = desk_json(home.path(), &["ticket", "show", &number]);
    let messages_before = before["messages"].as_array().unwrap().len();

    // Write, review, postpone.
    t.keys(&["r"]);
    let review = t.wait_for("Review reply");
    assert!(review.contains("您好 first draft"), "{review}");
    t.keys(&["p"]);
    let kept = t.wait_for("draft is kept");
    assert!(kept.contains("draft kept"), "{kept}");
    quit_desk(&t);
    let shown = desk_json(home.path(), &["ticket", "show", &number]);
    assert_eq!(
        shown["messages"].as_array().unwrap().len(),
        messages_before,
        "a postponed draft is not sent"
    );

    // After a restart the draft is still on the ticket: go to it by number and resume.
    start_desk(&t);
    t.keys(&["#"]);
    t.type_text(&number);
    t.keys(&["Enter"]);
    t.wait_until("the ticket with its draft", |s| {
        s.contains(&format!("#{number}")) && s.contains("draft is kept")
    });
    t.keys(&["r"]);
    let review = t.wait_until("the resumed draft in review", |s| {
        s.contains("Review reply") && s.contains("second pass 第二稿")
    });
    assert!(review.contains("您好 first draft"), "{review}");
    t.keys(&["y"]);
    t.wait_for("Reply sent");
    let thread = t.wait_until("the sent reply and no draft", |s| {
        s.contains("second pass 第二稿") && !s.contains("draft is kept")
    });

    // Change the status with the picker (typing narrows it), then undo it.
    // The picker leaves out the status the ticket has, so a pending one goes on hold instead.
    let was = status_on(&thread);
    let (typed, shown, stored) = if was == "Pending" {
        ("on h", "On", "on_hold")
    } else {
        ("pend", "Pending", "pending")
    };
    t.keys(&["s"]);
    t.wait_for(&format!("Status of #{number}"));
    t.type_text(typed);
    t.keys(&["Enter"]);
    t.wait_until("the new status", |s| status_on(s) == shown);
    t.keys(&["u"]);
    t.wait_until("the status back", |s| status_on(s) == was);
    quit_desk(&t);

    let shown = desk_json(home.path(), &["ticket", "show", &number]);
    assert_eq!(
        shown["status"].as_str().map(str::to_string),
        Some(shown_status_key(&was))
    );
    let messages = shown["messages"].as_array().unwrap();
    assert_eq!(messages.len(), messages_before + 1, "one reply sent");
    let body = messages.last().unwrap()["body"].as_str().unwrap();
    assert!(body.starts_with("您好 first draft"), "{body}");
    assert!(body.contains("second pass 第二稿"), "{body}");
    // The change log kept both the change and its undo: old ← new, nothing deleted.
    let history = desk_json(home.path(), &["ticket", "history", &number]);
    let statuses: Vec<(String, String)> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["field"] == "status")
        .map(|c| {
            (
                c["old"].as_str().unwrap_or("").to_string(),
                c["new"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let w = shown_status_key(&was);
    assert!(
        statuses.ends_with(&[(w.clone(), stored.into()), (stored.into(), w)]),
        "{statuses:?}"
    );
}
