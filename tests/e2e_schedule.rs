//! The engineers' schedule in a real terminal (tmux): `desk --demo` from a clean home, `g v` shows every engineer's
//! day and the visits waiting for a time, a waiting visit is booked for tomorrow with keys, and `desk visit list
//! --waiting` (the CLI, a second process on the same file) no longer lists it. Also the narrow layout under
//! NO_COLOR, where the markers carry the meaning.

mod common;

use common::tmux::{Tmux, clean_env};

/// The visit number after `prefix` on the screen (`Enter books V14 for …` → 14).
fn number_after(screen: &str, prefix: &str) -> i64 {
    let (_, rest) = screen
        .split_once(prefix)
        .unwrap_or_else(|| panic!("no `{prefix}` on the screen:\n{screen}"));
    rest.chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("no number after `{prefix}`:\n{screen}"))
}

fn waiting_numbers(home: &std::path::Path, db: &str) -> Vec<i64> {
    let out = common::desk_ok(
        home,
        "li",
        &["visit", "list", "--waiting", "--format", "json", "--db", db],
    );
    let rows: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    rows.as_array()
        .expect("a list of visits")
        .iter()
        .map(|v| v["number"].as_i64().expect("a visit number"))
        .collect()
}

#[test]
fn a_waiting_visit_booked_with_keys_is_no_longer_waiting() {
    let home = tempfile::tempdir().unwrap();
    let env = clean_env(home.path());
    let t = Tmux::start("schedule", 120, 40, home.path(), &env);
    let bin = env!("CARGO_BIN_EXE_desk");
    t.type_text(&format!("{bin} --demo; echo \"exit=$?\""));
    t.keys(&["Enter"]);
    t.wait_until("the queue", |s| s.contains("My open") && s.contains(" #1"));
    let db = home.path().join("data/desk/demo.db").display().to_string();
    let before = waiting_numbers(home.path(), &db);
    assert!(!before.is_empty(), "the demo has visits waiting for a time");

    t.keys(&["g", "v"]);
    let screen = t.wait_until("the schedule", |s| {
        s.contains("(today)") && s.contains("Waiting for a time (") && !s.contains("loading…")
    });
    for name in ["李娜 Li Na", "王芳 Wang Fang", "张伟 Zhang Wei"] {
        assert!(screen.contains(name), "{name} has a lane:\n{screen}");
    }
    assert!(
        screen.contains(&format!("Waiting for a time ({})", before.len())),
        "{screen}"
    );

    // Tomorrow 09:00 on the first engineer's lane is always ahead; then the waiting list.
    t.keys(&["]"]);
    t.wait_until("tomorrow", |s| {
        !s.contains("(today)") && !s.contains("loading…") && s.contains("Waiting for a time (")
    });
    t.keys(&["Tab"]);
    let screen = t.wait_for("Enter books V");
    let n = number_after(&screen, "Enter books V");
    assert!(before.contains(&n), "V{n} waits: {before:?}");
    assert!(
        screen.contains("Enter books V") && screen.contains("09:00–11:00"),
        "{screen}"
    );
    t.keys(&["Enter"]);
    // The toast comes with the write's answer; the week is read again after it.
    let booked = format!("V{n} scheduled for 李娜 Li Na");
    let screen = t.wait_until("booked and read again", |s| {
        s.contains(&booked) && !s.contains("loading…")
    });
    assert!(
        screen.contains(&format!("Waiting for a time ({})", before.len() - 1)),
        "{screen}"
    );
    // On li's lane: its label there, or (when the demo already has a visit at that hour, which a cell shows
    // one of) the overlap the schedule flags for li.
    let names_it = |l: &str| {
        l.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == format!("V{n}"))
    };
    let lane = screen
        .lines()
        .find(|l| l.contains("▶ 李娜 Li Na"))
        .unwrap_or_default();
    let flagged = screen
        .lines()
        .any(|l| names_it(l) && l.contains("overlap") && l.contains("李娜"));
    assert!(names_it(lane) || flagged, "on li's lane:\n{screen}");

    // The CLI, another process on the same file, agrees.
    let after = waiting_numbers(home.path(), &db);
    assert!(!after.contains(&n), "V{n} still waits: {after:?}");
    assert_eq!(after.len(), before.len() - 1);

    t.keys(&["Escape"]);
    t.wait_until("the schedule closed", |s| {
        !s.contains("Engineers' schedule")
    });
    t.keys(&["q"]);
    t.wait_for("exit=0");
}

#[test]
fn at_80_by_24_without_colour_the_waiting_list_is_below_and_markers_carry_the_meaning() {
    let home = tempfile::tempdir().unwrap();
    let mut env = clean_env(home.path());
    env.push(("NO_COLOR", "1".into()));
    let t = Tmux::start("schedule-mono", 80, 24, home.path(), &env);
    let bin = env!("CARGO_BIN_EXE_desk");
    t.type_text(&format!("{bin} --demo; echo \"exit=$?\""));
    t.keys(&["Enter"]);
    t.wait_until("the queue", |s| s.contains("My open"));
    t.keys(&["g", "v"]);
    let screen = t.wait_until("the schedule", |s| {
        s.contains("(today)") && s.contains("─ Waiting for a time (")
    });
    assert!(
        screen.contains("| visit  ! overlap  ~ under 45 min to travel"),
        "{screen}"
    );
    // Every line of the overlay ends on its border: nothing wide spills past it.
    for line in screen.lines().skip(1).take(22) {
        assert!(
            line.trim_end().ends_with('│')
                || line.trim_end().ends_with('┐')
                || line.trim_end().ends_with('┘'),
            "a line off the border:\n{screen}"
        );
    }
    t.keys(&["w"]);
    let week = t.wait_for("week of Mon");
    assert!(
        week.contains("visits a day, their start hours below"),
        "{week}"
    );
    t.keys(&["Escape"]);
    t.wait_until("the schedule closed", |s| {
        !s.contains("Engineers' schedule")
    });
    t.keys(&["q"]);
    t.wait_for("exit=0");
}
