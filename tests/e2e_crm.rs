//! The customer as the unit of value, in a real terminal (tmux, 120×40): from a ticket to its customer's
//! profile (tier, stage, risk, warranty) and back, the "At risk" view, and a note edited through `$EDITOR`.

mod common;

use common::tmux::Tmux;

use common::tmux::clean_env as env_for;

const NOTE: &str = "Call before 10am 上午联系";

/// A fake `$EDITOR` that appends a line to the notes it is given.
fn note_editor(dir: &std::path::Path) -> std::path::PathBuf {
    let script = dir.join("note-editor.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s\\n' '{NOTE}' >> \"$1\"\n"),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// The value after a profile label (`Tier     Gold (computed) · …` → `Gold (computed) · …`).
fn field<'a>(screen: &'a str, label: &str) -> &'a str {
    screen
        .lines()
        .find_map(|l| {
            let (_, right) = l.split_once("││")?;
            right
                .strip_prefix(label)
                .map(|v| v.trim_start().trim_end_matches('│').trim())
        })
        .unwrap_or_else(|| panic!("no {label} line in:\n{screen}"))
}

fn desk_json(home: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = common::desk_as(home, "li", args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn from_a_ticket_to_its_customer_the_at_risk_view_and_a_note() {
    let home = tempfile::tempdir().unwrap();
    let mut env = env_for(home.path());
    env.push(("EDITOR", note_editor(home.path()).display().to_string()));
    env.push(("VISUAL", String::new()));
    let t = Tmux::start("crm", 120, 40, home.path(), &env);
    let bin = env!("CARGO_BIN_EXE_desk");
    t.type_text(&format!("{bin} --demo; echo \"exit=$?\""));
    t.keys(&["Enter"]);
    t.wait_until("the queue", |s| s.contains("My open") && s.contains(" #1"));

    // A ticket, then its customer with `c`.
    t.keys(&["Enter"]);
    t.wait_for("Thread ·");
    t.keys(&["c"]);
    let screen = t.wait_until("the ticket's customer", |s| {
        s.contains("Profile · c back to ticket") && s.contains("Timeline (")
    });
    let tier = field(&screen, "Tier").to_string();
    let stage = field(&screen, "Stage").to_string();
    let risk = field(&screen, "Risk").to_string();
    assert!(
        tier.contains("(computed)") || tier.contains("(manual)"),
        "{tier}"
    );
    assert!(stage.contains(" · "), "the stage says why: {stage}");
    assert!(risk.contains('('), "the risk shows its score: {risk}");
    assert!(
        ["in warranty", "expires in", "expired", "no warranty"]
            .iter()
            .any(|w| screen.contains(w)),
        "a product's warranty state: {screen}"
    );
    // `c` again goes back to the ticket.
    t.keys(&["c"]);
    t.wait_for("Thread ·");

    // The "At risk" view: the riskiest customer first, with its signals named.
    t.keys(&["3"]);
    t.wait_for("Customers › All");
    t.keys(&["J", "J"]);
    let screen = t.wait_until("the At risk view", |s| {
        s.contains("Customers › At risk") && s.contains("high")
    });
    assert!(!screen.contains("No customers in At risk"), "{screen}");
    t.keys(&["Enter"]);
    let screen = t.wait_until("the riskiest profile", |s| s.contains("High (5)"));
    assert!(screen.contains("no order or contact for"), "{screen}");
    let name = screen
        .lines()
        .find_map(|l| {
            l.split_once("││")
                .map(|(_, r)| r.trim_end_matches('│').trim().to_string())
        })
        .expect("the profile's first line is the name");

    // A note through $EDITOR.
    t.keys(&["i"]);
    t.wait_until("the note saved", |s| {
        s.contains("Saved: notes") && s.contains(NOTE)
    });
    t.keys(&["q"]);
    t.wait_until("desk to exit", |s| {
        s.lines().any(|l| l.starts_with("exit=0"))
    });

    // The CLI agrees: the customer is in the at-risk view, high, with the note.
    let db = home.path().join("data/desk/demo.db").display().to_string();
    let list = desk_json(
        home.path(),
        &[
            "customer", "list", "--view", "at-risk", "--format", "json", "--db", &db,
        ],
    );
    let me = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name.as_str())
        .unwrap_or_else(|| panic!("{name} in {list}"));
    assert_eq!(me["risk_level"], "high");
    assert_eq!(me["stage"], "at_risk");
    let id = me["id"].as_str().unwrap().to_string();
    let shown = desk_json(
        home.path(),
        &["customer", "show", &id, "--format", "json", "--db", &db],
    );
    assert!(
        shown["notes"].as_str().unwrap().ends_with(NOTE),
        "{}",
        shown["notes"]
    );
    assert!(
        shown["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["text"] == "notes edited by li"),
        "{}",
        shown["timeline"]
    );
}
