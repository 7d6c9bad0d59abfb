//! `desk check`, `desk backup` and `desk restore` as a user runs them: what they report, their exit codes, and
//! that they never damage or silently replace a file.

mod team_support;

use desk::domain::ticket::Priority;
use desk::store::ticket_write::TicketEdit;
use desk::store::{LATEST_SCHEMA, OpenMode, StorageMode, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use team_support::{BASE_NOW, team_db};

fn desk(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "operator")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// A team database with a few logged changes (priority, tags, a reply, a claim) on its first tickets.
fn worked_db(dir: &Path, name: &str) -> (PathBuf, Vec<i64>) {
    let db = dir.join(name);
    let numbers = team_db(&db, false, 4);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    store.set_actor(Some("w0".into()));
    store
        .set_ticket(
            numbers[0],
            &[
                TicketEdit::Priority(Priority::Urgent),
                TicketEdit::AddTag("vip".into()),
            ],
            None,
            BASE_NOW,
        )
        .unwrap();
    store
        .set_ticket(
            numbers[0],
            &[TicketEdit::RemoveTag("vip".into())],
            None,
            BASE_NOW + 1,
        )
        .unwrap();
    store
        .add_message(
            numbers[1],
            desk::domain::lifecycle::Writer::Agent,
            Some("AG0"),
            false,
            "On it",
            BASE_NOW + 2,
        )
        .unwrap();
    assert!(store.claim(numbers[2], "AG0", BASE_NOW + 3).unwrap());
    (db, numbers)
}

fn ticket_count(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn check_passes_a_sound_database_without_writing_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = worked_db(dir.path(), "desk.db");
    let before = std::fs::read(&db).unwrap();
    let o = desk(dir.path(), &["check", "--db", &s(&db)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    for name in [
        "integrity",
        "foreign_keys",
        "log_targets",
        "log_messages",
        "ticket_versions",
        "ticket_fields",
        "ticket_tags",
        "log_clock",
        "rollups",
        "default_address",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with("ok") && l.contains(name)),
            "{name} in:\n{out}"
        );
    }
    assert!(out.contains("healthy: all 10 checks passed"), "{out}");
    let o = desk(
        dir.path(),
        &["check", "--full", "--format", "json", "--db", &s(&db)],
    );
    assert_eq!(o.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["healthy"], true);
    assert_eq!(json["full"], true);
    assert_eq!(json["schema_version"], LATEST_SCHEMA);
    let fields = json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "ticket_fields")
        .unwrap();
    // Priority of #1, assignee of #3, status of #2 (the reply opened it): three newest values compared.
    assert_eq!(fields["examined"], 3, "{fields}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "checking never writes the database"
    );
}

#[test]
fn check_finds_rows_that_disagree_with_the_change_log() {
    let dir = tempfile::tempdir().unwrap();
    let (db, numbers) = worked_db(dir.path(), "desk.db");
    {
        // What a buggy write path or a hand edit would leave: changes on one side only.
        let c = rusqlite::Connection::open(&db).unwrap();
        // Removing a message feeds the word index, whose text desk's own function makes (migration 22).
        desk::store::search_index::register(&c).unwrap();
        c.execute(
            "UPDATE tickets SET priority = 'low' WHERE number = ?1",
            [numbers[0]],
        )
        .unwrap();
        c.execute(
            "UPDATE tickets SET version = version + 5 WHERE number = ?1",
            [numbers[3]],
        )
        .unwrap();
        c.execute(
            "INSERT INTO tags(entity, entity_id, tag) SELECT 'ticket', id, 'vip' FROM tickets WHERE number = ?1",
            [numbers[0]],
        )
        .unwrap();
        c.execute("DELETE FROM messages WHERE body = 'On it'", [])
            .unwrap();
    }
    let o = desk(dir.path(), &["check", "--db", &s(&db)]);
    assert_eq!(o.status.code(), Some(4), "{}", stdout(&o));
    let out = stdout(&o);
    let problem = |name: &str| {
        out.lines()
            .any(|l| l.starts_with("PROBLEM") && l.contains(name))
    };
    assert!(
        problem("ticket_fields")
            && problem("ticket_versions")
            && problem("ticket_tags")
            && problem("log_messages"),
        "{out}"
    );
    assert!(!problem("integrity") && !problem("log_clock"), "{out}");
    assert!(
        out.contains(&format!(
            "ticket #{} priority is Some(\"low\") but its newest change",
            numbers[0]
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "ticket #{} tag \"vip\" is there but its newest change",
            numbers[0]
        )),
        "{out}"
    );
    let err = stderr(&o);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("4 problem(s)") && err.contains("desk restore"),
        "{err}"
    );
}

#[test]
fn check_refuses_what_it_cannot_read_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![7u8; 8192]).unwrap();
    let o = desk(dir.path(), &["check", "--db", &s(&junk)]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("not a desk database"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&junk).unwrap(), vec![7u8; 8192]);

    let (future, _) = worked_db(dir.path(), "future.db");
    rusqlite::Connection::open(&future)
        .unwrap()
        .pragma_update(None, "user_version", LATEST_SCHEMA + 1)
        .unwrap();
    let before = std::fs::read(&future).unwrap();
    for args in [
        vec!["check", "--db", &s(&future)],
        vec![
            "backup",
            &s(&dir.path().join("copy.db")),
            "--db",
            &s(&future),
        ],
        vec![
            "restore",
            &s(&future),
            "--db",
            &s(&dir.path().join("target.db")),
        ],
    ] {
        let o = desk(dir.path(), &args);
        assert_eq!(o.status.code(), Some(4), "{args:?}");
        assert!(
            stderr(&o).contains("upgrade desk"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    assert_eq!(std::fs::read(&future).unwrap(), before);
    assert!(!dir.path().join("copy.db").exists() && !dir.path().join("target.db").exists());
}

#[test]
fn backup_copies_even_what_is_still_in_the_wal_and_never_overwrites_by_accident() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = worked_db(dir.path(), "desk.db");
    // A desk still open: its last writes sit in the WAL, not yet in the main file.
    let mut open = Store::open(&db, OpenMode::Existing).unwrap();
    open.set_ticket(
        1003,
        &[TicketEdit::AddTag("late".into())],
        None,
        BASE_NOW + 9,
    )
    .unwrap();
    assert!(dir.path().join("desk.db-wal").metadata().unwrap().len() > 0);
    let dest = dir.path().join("backup.db");
    // A crash of an earlier backup left a partial file: it is replaced, never renamed into place as it was.
    std::fs::write(dir.path().join("backup.db.partial"), b"half a backup").unwrap();
    let o = desk(dir.path(), &["backup", &s(&dest), "--db", &s(&db)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("quick_check ok") && stdout(&o).contains(&s(&dest)),
        "{}",
        stdout(&o)
    );
    assert!(!dir.path().join("backup.db.partial").exists());
    let copy = Store::open_with(&dest, OpenMode::Existing, StorageMode::Shared).unwrap();
    assert!(
        copy.tags("ticket", &copy.ticket_detail(1003).unwrap().unwrap().row.id)
            .unwrap()
            .iter()
            .any(|t| t.as_str() == "late")
    );
    drop(copy);

    let before = std::fs::read(&dest).unwrap();
    let o = desk(dir.path(), &["backup", &s(&dest), "--db", &s(&db)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("already exists") && stderr(&o).contains("--force"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&dest).unwrap(), before);
    open.set_ticket(
        1003,
        &[TicketEdit::AddTag("later".into())],
        None,
        BASE_NOW + 10,
    )
    .unwrap();
    let o = desk(
        dir.path(),
        &["backup", &s(&dest), "--force", "--db", &s(&db)],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let tags: i64 = rusqlite::Connection::open(&dest)
        .unwrap()
        .query_row("SELECT count(*) FROM tags WHERE tag = 'later'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(tags, 1, "--force replaced the old backup with a new one");
    let o = desk(dir.path(), &["backup", &s(&db), "--force", "--db", &s(&db)]);
    assert_eq!(o.status.code(), Some(2), "never onto itself");
}

#[test]
fn restore_keeps_what_it_replaces_and_refuses_a_database_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = worked_db(dir.path(), "desk.db");
    let backup = dir.path().join("monday.db");
    assert!(
        desk(dir.path(), &["backup", &s(&backup), "--db", &s(&db)])
            .status
            .success()
    );
    // After the backup, the live database moves on: two more tickets.
    {
        let mut store = Store::open(&db, OpenMode::Existing).unwrap();
        for n in 0..2 {
            store
                .create_ticket(
                    &desk::store::ticket_write::NewTicket {
                        subject: format!("after backup {n}"),
                        kind: desk::domain::ticket::Kind::Question,
                        channel: desk::domain::ticket::Channel::Email,
                        priority: Priority::Normal,
                        customer_id: "C1".into(),
                        product_id: None,
                        body: "x".into(),
                    },
                    BASE_NOW + 20,
                )
                .unwrap();
        }
    }
    assert_eq!(ticket_count(&db), 6);

    // In use by a desk (WAL: an open connection, even idle): refused, nothing touched.
    let holder = Store::open(&db, OpenMode::Existing).unwrap();
    let o = desk(dir.path(), &["restore", &s(&backup), "--db", &s(&db)]);
    assert_eq!(o.status.code(), Some(4));
    assert!(
        stderr(&o).contains("in use") && stderr(&o).contains("close it"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("desk.db.before-restore").exists());
    drop(holder);
    assert_eq!(ticket_count(&db), 6);

    let o = desk(dir.path(), &["restore", &s(&backup), "--db", &s(&db)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let kept = dir.path().join("desk.db.before-restore");
    assert!(stdout(&o).contains(&s(&kept)), "{}", stdout(&o));
    assert_eq!(ticket_count(&db), 4, "the backup's tickets");
    assert_eq!(ticket_count(&kept), 6, "what was replaced is kept");
    let o = desk(dir.path(), &["check", "--db", &s(&db)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // A second restore keeps the first one's copy too.
    assert!(
        desk(dir.path(), &["restore", &s(&backup), "--db", &s(&db)])
            .status
            .success()
    );
    assert!(dir.path().join("desk.db.before-restore.2").exists());
    assert_eq!(ticket_count(&kept), 6);
    // Into a path with no database yet.
    let fresh = dir.path().join("fresh.db");
    let o = desk(dir.path(), &["restore", &s(&backup), "--db", &s(&fresh)]);
    assert!(
        o.status.success() && stdout(&o).contains("no database"),
        "{}",
        stdout(&o)
    );
    assert_eq!(ticket_count(&fresh), 4);
}

#[test]
fn restore_refuses_a_damaged_backup_and_foreign_targets() {
    let dir = tempfile::tempdir().unwrap();
    let (db, numbers) = worked_db(dir.path(), "desk.db");
    let bad = dir.path().join("bad.db");
    assert!(
        desk(dir.path(), &["backup", &s(&bad), "--db", &s(&db)])
            .status
            .success()
    );
    rusqlite::Connection::open(&bad)
        .unwrap()
        .execute(
            "UPDATE tickets SET priority = 'low' WHERE number = ?1",
            [numbers[0]],
        )
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    let o = desk(dir.path(), &["restore", &s(&bad), "--db", &s(&db)]);
    assert_eq!(o.status.code(), Some(4));
    assert!(
        stderr(&o).contains("did not pass `desk check`") && stderr(&o).contains("ticket_fields"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);

    let good = dir.path().join("good.db");
    assert!(
        desk(dir.path(), &["backup", &s(&good), "--db", &s(&db)])
            .status
            .success()
    );
    let foreign = dir.path().join("notes.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes(x); INSERT INTO notes VALUES (1);")
        .unwrap();
    let before = std::fs::read(&foreign).unwrap();
    let o = desk(dir.path(), &["restore", &s(&good), "--db", &s(&foreign)]);
    assert_eq!(o.status.code(), Some(4));
    assert!(
        stderr(&o).contains("not a desk database") && stderr(&o).contains("move it aside"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&foreign).unwrap(), before);
    let o = desk(dir.path(), &["restore", &s(&db), "--db", &s(&db)]);
    assert_eq!(o.status.code(), Some(2), "never onto itself");
}

#[test]
fn change_log_clocks_follow_log_order_across_processes_sharing_a_file() {
    // Two stores on one file stand for two desks: each has its own clock, and they write in the same second.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let numbers = team_db(&db, false, 2);
    let mut one = Store::open(&db, OpenMode::Existing).unwrap();
    let mut two = Store::open(&db, OpenMode::Existing).unwrap();
    for i in 0..5 {
        one.set_ticket(
            numbers[0],
            &[TicketEdit::AddTag(format!("a{i}"))],
            None,
            BASE_NOW,
        )
        .unwrap();
        two.set_ticket(
            numbers[1],
            &[TicketEdit::AddTag(format!("b{i}"))],
            None,
            BASE_NOW,
        )
        .unwrap();
    }
    let stamps: Vec<String> = one
        .conn()
        .prepare("SELECT hlc FROM changes ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(stamps.windows(2).all(|w| w[0] < w[1]), "{stamps:#?}");
    assert!(one.check(false).unwrap().healthy());
}

#[test]
fn merging_tickets_logs_the_tags_the_target_gains() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let numbers = team_db(&db, false, 2);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let (target, source) = (numbers[0], numbers[1]);
    store
        .set_ticket(
            target,
            &[TicketEdit::AddTag("printer".into())],
            None,
            BASE_NOW,
        )
        .unwrap();
    store
        .set_ticket(
            target,
            &[TicketEdit::RemoveTag("printer".into())],
            None,
            BASE_NOW + 1,
        )
        .unwrap();
    store
        .set_ticket(
            source,
            &[TicketEdit::AddTag("printer".into())],
            None,
            BASE_NOW + 2,
        )
        .unwrap();
    store.merge_ticket(source, target, BASE_NOW + 3).unwrap();
    let id = store.ticket_detail(target).unwrap().unwrap().row.id;
    let history = store.history("ticket", &id).unwrap();
    let newest_tag = history.iter().rev().find(|h| h.field == "tags");
    assert_eq!(
        newest_tag.and_then(|h| h.new.as_deref()),
        Some("+printer"),
        "{history:#?}"
    );
    let report = store.check(false).unwrap();
    assert!(report.healthy(), "{report:#?}");
}

#[test]
fn restoring_a_wal_database_onto_a_share_keeps_the_rollback_journal() {
    let dir = tempfile::tempdir().unwrap();
    // The source is a live local-mode (WAL) database, not a backup file.
    let (src, _) = worked_db(dir.path(), "laptop.db");
    let share = dir.path().join("share.db");
    drop(team_db(&share, true, 1));
    let header = |p: &Path| std::fs::read(p).unwrap()[18..20].to_vec();
    assert_eq!(header(&src), vec![2, 2], "the source is in WAL mode");
    // The laptop's file is another database than the share's: refused unless forced.
    let o = desk(dir.path(), &["restore", &s(&src), "--db", &s(&share)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("belongs to another database") && stderr(&o).contains("--force"),
        "{}",
        stderr(&o)
    );
    let o = desk(
        dir.path(),
        &["restore", &s(&src), "--db", &s(&share), "--force"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(header(&share), vec![1, 1], "still a rollback-journal file");
    let store = Store::open_with(&share, OpenMode::Existing, StorageMode::Shared).unwrap();
    assert_eq!(store.counts().unwrap().tickets, 4);
    assert!(store.check(true).unwrap().healthy());

    let o = desk(
        dir.path(),
        &[
            "restore",
            &s(&src),
            "--db",
            &s(&dir.path().join("no/such/dir/desk.db")),
        ],
    );
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
}
