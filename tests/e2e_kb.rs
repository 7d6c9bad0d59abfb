//! Suggested articles in a real terminal (tmux, 120×40): open a ticket about a failed payment, put the top
//! suggestion into a reply through a fake `$EDITOR`, and check the reply and the article's use count with the CLI.

mod common;

use common::tmux::Tmux;
use common::tmux::clean_env as env_for;

/// A fake `$EDITOR` that keeps what desk put in the file and adds a greeting above it.
fn greeting_editor(dir: &std::path::Path) -> std::path::PathBuf {
    let script = dir.join("greeting-editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\n{ printf 'Hello, sorry for the trouble.\\n\\n'; cat \"$1\"; } > \"$1.new\" && mv \"$1.new\" \"$1\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

fn desk(home: &std::path::Path, args: &[&str]) -> String {
    let out = common::desk_as(home, "li", args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_top_suggestion_goes_into_a_reply_and_counts_as_used() {
    let home = tempfile::tempdir().unwrap();
    let mut env = env_for(home.path());
    env.push(("EDITOR", greeting_editor(home.path()).display().to_string()));
    env.push(("VISUAL", String::new()));
    // The demo `desk --demo` makes, made first (it opens an existing one) so the test can pick a topic: which of
    // the demo's tickets are still open follows the clock it is made at.
    let dir = home.path().join("data/desk");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("demo.db").display().to_string();
    desk(home.path(), &["demo", "--db", &db]);
    let open = |word: &str| {
        let args = ["ticket", "list", "--view", "all-open", "--filter", word];
        let csv = desk(
            home.path(),
            &[&args[..], &["--format", "csv", "--db", &db]].concat(),
        );
        csv.lines().count() > 1
    };
    let topic = ["支付失败", "退款", "发票", "密码", "保修"]
        .into_iter()
        .find(|w| open(w))
        .expect("an open demo ticket about a common topic");
    let t = Tmux::start("kb", 120, 40, home.path(), &env);
    let bin = env!("CARGO_BIN_EXE_desk");
    t.type_text(&format!("{bin} --demo; echo \"exit=$?\""));
    t.keys(&["Enter"]);
    t.wait_until("the queue", |s| s.contains("My open") && s.contains(" #1"));

    // All open, narrowed to the topic; open the first.
    t.keys(&["J", "J", "/"]);
    t.type_text(topic);
    t.keys(&["Enter"]);
    t.wait_until("the filtered queue", |s| {
        s.contains(&format!("filter “{topic}”")) && s.contains(" #1")
    });
    t.keys(&["Enter"]);
    let screen = t.wait_for("b articles: 1 ");
    let number: String = screen
        .lines()
        .find_map(|l| l.strip_prefix("│#"))
        .and_then(|l| l.split_whitespace().next())
        .expect("the ticket number")
        .to_string();

    // `b` lists the suggestions; Enter puts the first one's link into a reply.
    t.keys(&["b"]);
    let screen = t.wait_for("Suggested articles");
    let title = screen
        .lines()
        .find_map(|l| {
            l.split_once("│ 1 ")
                .map(|(_, r)| r.split("  ").next().unwrap_or("").trim().to_string())
        })
        .expect("the first suggestion");
    let before: serde_json::Value = serde_json::from_str(&desk(
        home.path(),
        &["kb", "show", &title, "--format", "json", "--db", &db],
    ))
    .unwrap();
    t.keys(&["Enter"]);
    t.wait_for("Review reply");
    t.keys(&["y"]);
    t.wait_until("the reply sent", |s| s.contains("Reply sent"));
    t.keys(&["q"]);
    t.wait_until("desk to exit", |s| {
        s.lines().any(|l| l.starts_with("exit=0"))
    });

    let id = before["id"].as_str().unwrap();
    let shown = desk(home.path(), &["ticket", "show", &number, "--db", &db]);
    let link = format!("[{title}](kb:{id})");
    assert!(shown.contains("Hello, sorry for the trouble."), "{shown}");
    assert!(
        shown.contains(&link),
        "the reply has the article link {link}:\n{shown}"
    );
    let after: serde_json::Value = serde_json::from_str(&desk(
        home.path(),
        &["kb", "show", id, "--format", "json", "--db", &db],
    ))
    .unwrap();
    assert_eq!(
        after["uses"].as_i64().unwrap(),
        before["uses"].as_i64().unwrap() + 1,
        "the use was counted"
    );
}
