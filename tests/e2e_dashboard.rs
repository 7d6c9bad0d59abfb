//! The dashboard in a real terminal (tmux, 120×40): open it, switch the period to 7 days, drill into the first
//! bar of the channel breakdown, and land on a queue view holding exactly the tickets the bar counted.

mod common;

use common::tmux::Tmux;
use common::tmux::clean_env;

#[test]
fn switch_period_then_drill_into_a_bar() {
    let home = tempfile::tempdir().unwrap();
    let env = clean_env(home.path());
    let t = Tmux::start("dash", 120, 40, home.path(), &env);
    let bin = env!("CARGO_BIN_EXE_desk");
    t.type_text(&format!("{bin} --demo; echo \"exit=$?\""));
    t.keys(&["Enter"]);
    t.wait_until("the queue", |s| s.contains("My open") && s.contains(" #1"));

    t.keys(&["5"]);
    let loaded = |s: &str| s.contains("SLA FR") && !s.contains("loading…");
    let screen = t.wait_until("the dashboard", |s| {
        s.contains("Dashboard · 30 days · ") && loaded(s)
    });
    assert!(screen.contains("[Volume]"), "{screen}");

    // The period picker: one up from 30 days is 7 days.
    t.keys(&["p"]);
    t.wait_for("Period (compared with the one before)");
    t.keys(&["Up", "Enter"]);
    let screen = t.wait_until("7 days", |s| {
        s.contains("Dashboard · 7 days · ") && loaded(s)
    });
    let title = screen.lines().nth(1).unwrap().to_string();

    // The breakdown by channel; the detail line names the selected bar and its count.
    t.keys(&["J", "J", "J", "J", "J"]);
    // Wait for the whole frame (tab and detail line), not the first capture that shows the tab.
    let screen = t.wait_until("the channel breakdown", |s| {
        s.contains("[Breakdown: channel]")
            && s.lines()
                .any(|l| l.contains(": created ") && l.contains("↵ channel:"))
    });
    let detail = screen
        .lines()
        .find(|l| l.contains(": created ") && l.contains("↵ channel:"))
        .unwrap_or_else(|| panic!("no detail line:\n{screen}"));
    let (channel, rest) = detail
        .trim_start_matches('│')
        .split_once(": created ")
        .unwrap();
    let count: u64 = rest.split_whitespace().next().unwrap().parse().unwrap();
    assert!(count > 0, "{detail}");
    assert!(
        screen.contains(&format!("▶{channel}")),
        "the selected bar is marked:\n{screen}"
    );

    t.keys(&["Enter"]);
    // Loaded and fully drawn, not only titled: the title gets its count when the first page arrives, and a
    // capture can catch a frame half written. A wrong count or row set times out showing the screen.
    let rows_of = |s: &str| s.lines().filter(|l| l.contains("│ #")).count() as u64;
    let screen = t.wait_until("the drilled queue with its rows", |s| {
        s.contains(&format!("channel {channel} · "))
            && !s.contains("Loading…")
            && s.contains(&format!(" [1/{count}]"))
            && rows_of(s) == count.min(36)
    });
    // The list's title ends with the selection's place and its count; the view is selected in the sidebar.
    let list_title = screen
        .lines()
        .nth(1)
        .and_then(|l| l.split(&format!("channel {channel} · ")).nth(1))
        .unwrap()
        .to_string();
    assert!(
        list_title.contains(&format!(" [1/{count}]")),
        "the list holds the {count} tickets the bar counted: {list_title}\n(dashboard was {title})\n{screen}"
    );
    let rows = screen.lines().filter(|l| l.contains("│ #")).count() as u64;
    assert_eq!(rows, count.min(36), "{screen}");

    t.keys(&["q"]);
    t.wait_until("desk to exit", |s| {
        s.lines().any(|l| l.starts_with("exit=0"))
    });
}
