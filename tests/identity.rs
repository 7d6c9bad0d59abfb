//! Who desk thinks you are (issue 17): a blank or unset `USER` falls back to the OS account name instead of
//! registering a blank handle; registration checks a handle as `desk agent add` does, so a look-alike of an
//! existing agent (Cyrillic `і`, a zero-width space) is refused or resolves to that agent, never a second one.

use std::path::Path;
use std::process::{Command, Output};

/// Runs desk with `USER` set to `user`, or unset with `None`.
fn desk(home: &Path, user: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_desk"));
    cmd.args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("DESK_DB")
        .env_remove("DESK_CONFIG");
    match user {
        Some(u) => cmd.env("USER", u),
        None => cmd.env_remove("USER"),
    };
    cmd.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn handles(home: &Path, db: &str) -> Vec<String> {
    let o = desk(
        home,
        Some("li"),
        &["agent", "list", "--format", "json", "--db", db],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut h: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["handle"].as_str().unwrap().to_string())
        .collect();
    h.sort();
    h
}

/// The account this test runs as, by getpwuid: what desk should fall back to.
fn os_account() -> String {
    nix::unistd::User::from_uid(nix::unistd::Uid::current())
        .unwrap()
        .unwrap()
        .name
        .to_lowercase()
}

#[test]
fn a_blank_or_missing_user_falls_back_to_the_os_account() {
    let account = os_account();
    assert!(!account.is_empty());
    for user in [Some(""), Some("  "), None] {
        let home = tempfile::tempdir().unwrap();
        let db = home.path().join("d.db").display().to_string();
        let o = desk(home.path(), user, &["init", "--db", &db]);
        assert!(o.status.success(), "{user:?}: {}", text(&o.stderr));
        let out = text(&o.stdout);
        assert!(
            out.contains(&format!("you ({account}) are registered as its admin")),
            "{user:?}: {out}"
        );
        let conn = rusqlite::Connection::open(&db).unwrap();
        let blank: i64 = conn
            .query_row(
                "SELECT count(*) FROM agents WHERE trim(handle) = ''",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(blank, 0, "{user:?}");
    }
}

#[test]
fn registration_refuses_look_alikes_and_folds_invisible_characters() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("d.db").display().to_string();
    let o = desk(home.path(), Some("li"), &["init", "--db", &db]);
    assert!(o.status.success(), "{}", text(&o.stderr));

    // Cyrillic і (U+0456) for Latin i: refused, with the reason and what to do, and nothing registered.
    let o = desk(home.path(), Some("lі"), &["ticket", "list", "--db", &db]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(
        err.contains("looks like the handle of agent li") && err.contains("agent.handle"),
        "{err}"
    );
    // A zero-width space, full-width letters or capitals: the same agent li, not a new one.
    for same in ["l\u{200b}i", "ｌｉ", "LI"] {
        let o = desk(home.path(), Some(same), &["ticket", "list", "--db", &db]);
        assert!(o.status.success(), "{same:?}: {}", text(&o.stderr));
    }
    // An unprintable handle is refused too.
    let o = desk(
        home.path(),
        Some("li\x1b[2J"),
        &["ticket", "list", "--db", &db],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert_eq!(handles(home.path(), &db), ["li"]);
}

#[test]
fn agent_add_applies_the_same_rule() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("d.db").display().to_string();
    assert!(
        desk(home.path(), Some("li"), &["init", "--db", &db])
            .status
            .success()
    );
    let add = |h: &str| desk(home.path(), Some("li"), &["agent", "add", h, "--db", &db]);
    for (bad, why) in [
        ("lі", "looks like the handle of agent li"),
        ("", "cannot be empty"),
        ("\u{200b}", "cannot be empty"),
        ("wang fang", "is not a handle"),
        ("l\u{200b}i", "an agent with handle li exists"),
    ] {
        let o = add(bad);
        assert_eq!(o.status.code(), Some(2), "{bad:?}: {}", text(&o.stderr));
        assert!(
            text(&o.stderr).contains(why),
            "{bad:?}: {}",
            text(&o.stderr)
        );
    }
    let o = add("ｗａｎｇ");
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout).trim(), "added wang as agent");
    assert_eq!(handles(home.path(), &db), ["li", "wang"]);
}
