//! `desk restore` and `desk convert` on a team's database: only an admin may, and a restore refuses a file of
//! another database unless forced, saying which database each file is.

use desk::store::customer_write::CustomerEdit;
use desk::store::{OpenMode, Store};
use std::path::Path;
use std::process::{Command, Output};

fn desk(home: &Path, user: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", user)
        .output()
        .unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// A team file: `boss` registered first (admin), then `w0` (agent), and `tickets` tickets.
fn team(path: &Path, tickets: usize) {
    let mut store = Store::open(path, OpenMode::Create).unwrap();
    for who in ["boss", "w0"] {
        store.set_actor(Some(who.into()));
        store.register_actor(None, 1_767_312_000).unwrap();
    }
    let customer = store
        .create_customer(
            &[
                CustomerEdit::Name("王芳".into()),
                CustomerEdit::Email(Some("wang@example.com".into())),
            ],
            1_767_312_000,
        )
        .unwrap();
    for n in 0..tickets {
        store
            .create_ticket(
                &desk::store::ticket_write::NewTicket {
                    subject: format!("ticket {n}"),
                    kind: desk::domain::ticket::Kind::Question,
                    channel: desk::domain::ticket::Channel::Email,
                    priority: desk::domain::ticket::Priority::Normal,
                    customer_id: customer.clone(),
                    product_id: None,
                    body: "x".into(),
                },
                1_767_312_000 + n as i64,
            )
            .unwrap();
    }
}

fn tickets(path: &Path) -> i64 {
    Store::open(path, OpenMode::Existing)
        .unwrap()
        .counts()
        .unwrap()
        .tickets
}

#[test]
fn only_an_admin_restores_a_team_database_and_only_from_its_own_backups() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let db = dir.join("team.db");
    team(&db, 3);
    let backup = dir.join("monday.db");
    let o = desk(dir, "w0", &["backup", &s(&backup), "--db", &s(&db)]);
    assert!(o.status.success(), "{}", err(&o));
    let other = dir.join("other-team.db");
    team(&other, 7);

    // A plain agent, and a user the team does not know, are refused; nothing is touched.
    for user in ["w0", "stranger"] {
        let o = desk(dir, user, &["restore", &s(&backup), "--db", &s(&db)]);
        assert_eq!(o.status.code(), Some(2), "{}", err(&o));
        assert!(
            err(&o).contains("Replacing the database with a backup needs the admin role"),
            "{}",
            err(&o)
        );
        assert!(!dir.join("team.db.before-restore").exists());
    }

    // Another database's file: refused with both named, then accepted with --force.
    let o = desk(dir, "boss", &["restore", &s(&other), "--db", &s(&db)]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    let e = err(&o);
    assert!(e.contains("belongs to another database"), "{e}");
    assert!(e.contains("7 tickets") && e.contains("3 tickets"), "{e}");
    assert!(e.contains("--force"), "{e}");
    assert_eq!(tickets(&db), 3, "nothing was changed");
    assert!(!dir.join("team.db.before-restore").exists());

    // Its own backup: the admin restores it.
    let o = desk(dir, "boss", &["restore", &s(&backup), "--db", &s(&db)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(dir.join("team.db.before-restore").exists());

    let o = desk(
        dir,
        "boss",
        &["restore", &s(&other), "--db", &s(&db), "--force"],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(tickets(&db), 7);
}

#[test]
fn only_an_admin_converts_a_team_database() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let db = dir.join("team.db");
    team(&db, 1);
    let o = desk(dir, "w0", &["convert", "--shared", "--db", &s(&db)]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        err(&o).contains("Switching the database's journal mode needs the admin role"),
        "{}",
        err(&o)
    );
    assert!(desk::store::convert::uses_wal(&db), "still WAL");
    let o = desk(dir, "boss", &["convert", "--shared", "--db", &s(&db)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(!desk::store::convert::uses_wal(&db));
}
