//! Storage modes (DESIGN.md §4): shared mode refuses a WAL file without writing, `desk convert` switches the
//! journal mode only when no one else has the file open, and `auto` stays local on a local disk.

mod common;

use common::desk_as;
use desk::store::StorageMode;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::Output;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A home with a config file whose `[storage] mode` is `mode`; returns the config's path.
fn config(home: &Path, mode: &str) -> String {
    let path = home.join(format!("{mode}.toml"));
    std::fs::write(&path, format!("[storage]\nmode = \"{mode}\"\n")).expect("write config");
    path.display().to_string()
}

/// `desk init` on a local temp dir in the default (auto) mode: a WAL database.
fn local_db(home: &Path) -> PathBuf {
    let db = home.join("desk.db");
    let o = desk_as(home, "li", &["init", "--db", &db.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

fn journal_mode(db: &Path) -> String {
    let conn = Connection::open(db).expect("open");
    conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal_mode")
}

fn side_files(db: &Path) -> Vec<String> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| format!("{}{s}", db.display()))
        .filter(|p| Path::new(p).exists())
        .collect()
}

#[test]
fn auto_mode_on_a_local_temp_dir_is_local_and_uses_wal() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = home.path().join("desk.db");
    let kind = desk::store::fs_kind::detect(&db);
    assert_eq!(
        kind.auto_mode(),
        StorageMode::Local,
        "temp dir is on {kind}"
    );
    let db = local_db(home.path());
    assert_eq!(journal_mode(&db), "wal");
}

#[test]
fn shared_mode_refuses_a_wal_database_and_leaves_it_untouched() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = local_db(home.path());
    let before = std::fs::read(&db).expect("read db");
    assert_eq!(before[18..20], [2, 2], "desk init leaves a WAL header");
    let cfg = config(home.path(), "shared");
    let db_arg = db.display().to_string();

    let o = desk_as(
        home.path(),
        "li",
        &["--config", &cfg, "--db", &db_arg, "ticket", "list"],
    );
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("{db_arg} is in WAL mode")), "{err}");
    assert!(err.contains("corrupts over a network share"), "{err}");
    assert!(
        err.contains(&format!("desk convert --shared --db {db_arg}")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(std::fs::read(&db).expect("read db"), before);
    assert!(side_files(&db).is_empty(), "{:?}", side_files(&db));

    // The TUI path opens through the same check (no terminal needed: it fails before drawing).
    let o = desk_as(home.path(), "li", &["--config", &cfg, "--db", &db_arg]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert_eq!(std::fs::read(&db).expect("read db"), before);
}

#[test]
fn convert_shared_makes_it_open_in_shared_mode_and_is_idempotent() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = local_db(home.path());
    let cfg = config(home.path(), "shared");
    let db_arg = db.display().to_string();

    let o = desk_as(home.path(), "li", &["convert", "--shared", "--db", &db_arg]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("switched from WAL to a rollback journal"),
        "{out}"
    );
    // Converted on a local disk in auto mode: it says local mode would switch it back.
    assert!(out.contains("switches it back to WAL"), "{out}");
    assert_eq!(std::fs::read(&db).expect("read db")[18..20], [1, 1]);
    assert!(side_files(&db).is_empty(), "{:?}", side_files(&db));

    // A new agent's first command registers them: a write, in shared mode.
    let o = desk_as(
        home.path(),
        "wang",
        &["--config", &cfg, "--db", &db_arg, "ticket", "list"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let agents: i64 = Connection::open(&db)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM agents WHERE handle = 'wang'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(agents, 1);
    assert_eq!(journal_mode(&db), "delete");

    let o = desk_as(
        home.path(),
        "li",
        &["--config", &cfg, "convert", "--shared", "--db", &db_arg],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("already uses a rollback journal"), "{out}");
    assert!(!out.contains("note:"), "{out}");

    // And back again for a local disk.
    let o = desk_as(home.path(), "li", &["convert", "--local", "--db", &db_arg]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("switched from a rollback journal to WAL"));
    assert_eq!(journal_mode(&db), "wal");
}

#[test]
fn convert_refuses_while_another_connection_holds_the_file() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = local_db(home.path());
    let db_arg = db.display().to_string();

    // Another desk, mid-read, in WAL mode.
    let other = Connection::open(&db).expect("open");
    other
        .execute_batch("BEGIN; SELECT count(*) FROM tickets;")
        .expect("read transaction");
    let o = desk_as(home.path(), "li", &["convert", "--shared", "--db", &db_arg]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("is open in another desk or program"), "{err}");
    assert!(
        err.contains(&format!("desk convert --shared --db {db_arg}")),
        "{err}"
    );
    other.execute_batch("COMMIT;").expect("commit");
    drop(other);
    assert_eq!(journal_mode(&db), "wal", "nothing was changed");

    let o = desk_as(home.path(), "li", &["convert", "--shared", "--db", &db_arg]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(journal_mode(&db), "delete");
}

#[test]
fn shared_mode_creates_a_rollback_journal_database() {
    let home = tempfile::tempdir().expect("temp dir");
    let cfg = config(home.path(), "shared");
    let db = home.path().join("team.db");
    let db_arg = db.display().to_string();
    let o = desk_as(
        home.path(),
        "li",
        &["--config", &cfg, "init", "--db", &db_arg],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(journal_mode(&db), "delete");
    assert!(side_files(&db).is_empty(), "{:?}", side_files(&db));
}

#[test]
fn convert_needs_exactly_one_mode() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = local_db(home.path());
    let db_arg = db.display().to_string();
    let none = desk_as(home.path(), "li", &["convert", "--db", &db_arg]);
    assert_eq!(none.status.code(), Some(2), "{}", stderr(&none));
    let both = desk_as(
        home.path(),
        "li",
        &["convert", "--shared", "--local", "--db", &db_arg],
    );
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
    assert_eq!(journal_mode(&db), "wal");
}

#[test]
fn the_tab_bar_names_shared_mode_and_not_local() {
    let store = common::store_with_tickets(3);
    let mut h = common::harness::Harness::new(store, Some("li"), 100, 20, common::NOW);
    let first =
        |h: &common::harness::Harness| h.screen().lines().next().unwrap_or_default().to_string();
    assert!(first(&h).ends_with("li · test.db"), "{}", first(&h));
    h.model.storage = StorageMode::Shared;
    assert!(
        first(&h).ends_with("li · test.db · shared"),
        "{}",
        first(&h)
    );
}
