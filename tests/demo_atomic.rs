//! `desk demo` is all or nothing: killed at any moment it leaves no database at `--db` (only a `.partial` file,
//! cleared by the next run) or the whole demo; an existing database is kept unless `--force`, and the refusal
//! says so.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn desk(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_desk"));
    c.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "li")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

fn tickets(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))
        .unwrap()
}

const TICKETS: &str = "1500";

#[test]
fn a_killed_demo_leaves_nothing_or_everything() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("demo.db");
    let d = db.display().to_string();
    // How long a whole run takes here, so the kills land across it.
    let started = Instant::now();
    let o = desk(home.path())
        .args(["demo", "--db", &d, "--tickets", TICKETS])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let whole = started.elapsed();
    std::fs::remove_file(&db).unwrap();

    let mut complete = 0;
    for round in 0..8u32 {
        // Spread over the run: from the start to just past its usual end.
        let at = whole.mul_f64(f64::from(round) / 7.0 * 1.1);
        let mut child = desk(home.path())
            .args(["demo", "--db", &d, "--tickets", TICKETS])
            .spawn()
            .unwrap();
        std::thread::sleep(at.max(Duration::from_millis(20)));
        let _ = child.kill();
        let _ = child.wait();
        if db.exists() {
            assert_eq!(
                tickets(&db),
                1500,
                "round {round}: a database at --db is whole"
            );
            let check = Command::new(env!("CARGO_BIN_EXE_desk"))
                .args(["check", "--db", &d])
                .env("HOME", home.path())
                .output()
                .unwrap();
            assert!(check.status.success(), "round {round}: check passes");
            complete += 1;
            std::fs::remove_file(&db).unwrap();
        }
        // Whatever was left, the next run starts clean without --force.
        assert!(!db.exists());
    }
    let o = desk(home.path())
        .args(["demo", "--db", &d, "--tickets", TICKETS])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(tickets(&db), 1500);
    assert!(
        !home.path().join("demo.db.partial").exists(),
        "no partial file is left after a whole run"
    );
    eprintln!("{complete} of 8 killed runs had finished");
}

#[test]
fn an_existing_database_is_kept_unless_forced_and_the_refusal_says_how() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("demo.db");
    let d = db.display().to_string();
    let run = |extra: &[&str]| {
        desk(home.path())
            .args(["demo", "--db", &d, "--tickets", "50"])
            .args(extra)
            .output()
            .unwrap()
    };
    assert!(run(&[]).status.success());
    let o = run(&["--seed", "7"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("already holds 50 tickets") && err.contains("pass --force"),
        "{err}"
    );
    assert!(run(&["--seed", "7", "--force"]).status.success());
    assert_eq!(tickets(&db), 50);
}
