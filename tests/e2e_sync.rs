//! Two replicas of one team file, each edited offline with the desk binary, then the TUI on replica 1 in a real
//! terminal (tmux, 120×40): before the sync the status bar says what waits each way and the new ticket shows its
//! provisional number; `:sync` brings the final number, the winning priority and the notice of Li's lost edit,
//! which `:conflicts` lists.

mod common;

use common::tmux::{Tmux, clean_env};
use common::{desk_ok, status_bar as bar};
use std::path::Path;

fn json(home: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&desk_ok(home, "li", args)).expect("JSON output")
}

/// Returns once the wall clock has moved on to the next whole second.
fn next_second() {
    let secs = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    };
    let start = secs();
    while secs() == start {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_replica_syncs_from_the_tui_and_shows_what_the_hub_decided() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // Absolute paths: the CLI runs in the test's directory, the TUI in the home.
    let path = |name: &str| h.join(name).display().to_string();
    let (team, r1, r2) = (path("team.db"), path("r1.db"), path("r2.db"));
    desk_ok(h, "li", &["demo", "--db", &team]);
    for r in [&r1, &r2] {
        desk_ok(h, "li", &["replica", "create", "--from", &team, r]);
    }
    // A ticket whose SLA clock is paused (no escalation rule touches it) at Normal priority: both replicas change it.
    let tickets = json(
        h,
        &[
            "--db", &r1, "ticket", "list", "--view", "all-open", "--limit", "0", "--format", "json",
        ],
    );
    let number = tickets
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["priority"] == "normal" && t["sla_paused"] == true)
        .and_then(|t| t["number"].as_i64())
        .expect("a paused ticket at normal priority in the demo");
    let customers = json(h, &["--db", &r1, "customer", "list", "--format", "json"]);
    let customer = customers[0]["id"].as_str().unwrap().to_string();

    // Replica 1, offline: Li creates a ticket (a provisional number) and raises the priority to High.
    let made = desk_ok(
        h,
        "li",
        &[
            "--db",
            &r1,
            "ticket",
            "new",
            "--customer",
            &customer,
            "--subject",
            "离线 made on the train",
            "--body",
            "电话里说的",
        ],
    );
    assert_eq!(made.trim(), "-1", "a replica numbers provisionally");
    let n = number.to_string();
    desk_ok(
        h,
        "li",
        &["--db", &r1, "ticket", "set", &n, "priority=high"],
    );
    // Replica 2: Wang sets Urgent, later, and syncs first. Later by the clock: change stamps carry desk's clock in
    // whole seconds, and within one second the counter decides (Li's replica has counted two changes).
    next_second();
    desk_ok(
        h,
        "wang",
        &["--db", &r2, "ticket", "set", &n, "priority=urgent"],
    );
    desk_ok(h, "wang", &["--db", &r2, "sync"]);

    // Auto sync off, so the screen before `:sync` can be seen.
    std::fs::create_dir_all(h.join("config/desk")).unwrap();
    std::fs::write(
        h.join("config/desk/config.toml"),
        "[sync]\nauto = false\nevery_secs = 1\n",
    )
    .unwrap();
    let t = Tmux::start("sync-li", 120, 40, h, &clean_env(h));
    t.type_text(&format!("{} --db r1.db", env!("CARGO_BIN_EXE_desk")));
    t.keys(&["Enter"]);
    let screen = t.wait_until("the replica's standing in the status bar", |s| {
        bar(s).contains("hub ✓") && bar(s).contains("↓1")
    });
    assert!(
        !bar(&screen).contains("↑0"),
        "Li's edits wait to be sent:\n{screen}"
    );
    t.keys(&["J", "J"]);
    t.wait_until("the provisional number in All open", |s| {
        s.contains("┌ All open") && s.contains("#L-1")
    });

    t.type_text(":sync");
    t.keys(&["Enter"]);
    let notice = format!(
        "your change of priority to High on #{number} was superseded by 王芳 Wang Fang's Urgent"
    );
    let screen = t.wait_until("the conflict notice", |s| s.contains(&notice));
    assert!(bar(&screen).contains(":conflicts"), "{screen}");

    let final_number = json(
        h,
        &[
            "--db", &team, "ticket", "list", "--view", "all", "--limit", "0", "--format", "json",
        ],
    )
    .as_array()
    .unwrap()
    .iter()
    .find(|t| t["subject"] == "离线 made on the train")
    .and_then(|t| t["number"].as_i64())
    .expect("the hub numbered the ticket");
    assert!(final_number > 0);
    let screen = t.wait_until("the final number in the list", |s| {
        s.contains(&format!("#{final_number} ")) && !s.contains("#L-1")
    });
    assert!(screen.contains("离线 made on the train"), "{screen}");
    t.wait_until("in step with the hub", |s| {
        bar(s).contains("hub ✓") && bar(s).contains("↓0")
    });

    // What the sync did is kept in :messages.
    t.keys(&["g", "m"]);
    t.wait_until("the sync's result in :messages", |s| {
        s.contains("synced: sent") && s.contains(&format!("#L-1 is now #{final_number}"))
    });
    t.keys(&["Escape"]);

    // The ticket shows the winning priority.
    t.type_text("#");
    t.wait_for("Go to ticket #");
    t.type_text(&n);
    t.keys(&["Enter"]);
    t.wait_until("the winning priority on the ticket", |s| {
        s.contains(&format!("#{number} ")) && s.contains("Priority U!! Urgent")
    });

    // :conflicts lists Li's lost edit; `a` keeps Wang's value and the list empties.
    t.type_text(":conflicts");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Your edits that lost at sync · 1");
    assert!(
        screen.contains(&format!("on #{number} was superseded")),
        "{screen}"
    );
    t.keys(&["a"]);
    t.wait_until("the conflict settled", |s| {
        s.contains("Your edits that lost at sync · 0") && s.contains("No conflicts")
    });
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    t.wait_until("desk to quit", |_| !t.alternate_on());
    let left = desk_ok(
        h,
        "li",
        &["--db", &r1, "conflicts", "list", "--format", "json"],
    );
    assert!(
        !left.contains("priority"),
        "settled in the database too: {left}"
    );
}
