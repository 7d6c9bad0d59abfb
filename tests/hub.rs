//! The PostgreSQL hub (issue 20) against a real PostgreSQL server (tests/common/postgres.rs): the hub commands,
//! a hub killed in the middle of a sync, role refusals and clashes decided at the hub, compaction, TLS modes.

mod common;

use common::hub::{open_as as open, team_on_hub};
use common::postgres::Postgres;
use common::*;
use desk::domain::ticket::Priority;
use desk::store::sync::pg::{HubConfig, PgHub, create_from_hub};
use desk::store::sync::{Direction, Hub};
use desk::store::ticket_write::TicketEdit;
use std::path::{Path, PathBuf};

/// A hub holding the 4-ticket fixture team (li a lead, boss the admin), and `n` replicas of it.
fn team(dir: &Path, url: &str, n: usize) -> Vec<PathBuf> {
    team_on_hub(dir, url, n, NOW, |s| fill_with_roles(s, 4))
}

fn sync(replica: &Path, url: &str, now: i64) -> desk::store::Result<desk::store::sync::FileSync> {
    open(replica, "li").sync_with_hub(Some(url), None, Direction::Both, now)
}

fn priority(path: &Path, number: i64) -> String {
    open(path, "li")
        .conn()
        .query_row(
            "SELECT priority FROM tickets WHERE number = ?1",
            [number],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn the_hub_commands_say_what_they_did_and_what_to_do() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = desk_as(home.path(), "li", args);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, _, err) = run(&["hub", "status", &url]);
    assert_ne!(code, Some(0));
    assert!(
        err.contains("is not a desk hub") && err.contains("desk hub init"),
        "{err}"
    );
    let (code, out, _) = run(&["hub", "init", &url]);
    assert_eq!(code, Some(0));
    assert!(out.contains("is a desk hub now"), "{out}");
    let (_, out, _) = run(&["hub", "init", &url]);
    assert!(out.contains("schema is up to date"), "{out}");
    let team = home.path().join("team.db");
    let team_s = team.display().to_string();
    let (code, _, err) = run(&["--db", &team_s, "demo", "--tickets", "40"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, out, err) = run(&["hub", "push", &team_s, &url]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("40 tickets") && out.contains("the next ticket is #1041"),
        "{out}"
    );
    // A hub holds one team: a second push is refused and changes nothing.
    let (code, _, err) = run(&["hub", "push", &team_s, &url]);
    assert_ne!(code, Some(0));
    assert!(err.contains("already holds a team's data"), "{err}");
    let a = home.path().join("a.db").display().to_string();
    let (code, out, err) = run(&["replica", "create", "--from", &url, &a]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("40 tickets"), "{out}");
    let (code, out, _) = run(&["hub", "status", &url, "--format", "json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["replicas"].as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(v["replicas"][0]["lag"], 0, "{v}");
    let (code, _, err) = run(&["hub", "status", "/not/a/url"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("not a PostgreSQL URL"), "{err}");
}

#[test]
fn a_replica_works_on_while_the_hub_is_down_and_converges_when_it_is_back() {
    let Some(mut pg) = Postgres::start_own() else {
        return;
    };
    let url = pg.create_database();
    let dir = tempfile::tempdir().unwrap();
    let r = team(dir.path(), &url, 2);
    // A backlog big enough that the sync is still running when the server dies.
    let mut a = open(&r[0], "li");
    for i in 0..400 {
        let p = [Priority::Low, Priority::High][i % 2];
        a.set_ticket(
            1000 + (i as i64 % 4),
            &[TicketEdit::Priority(p)],
            None,
            NOW + 1 + i as i64,
        )
        .unwrap();
    }
    drop(a);
    let syncing = {
        let (path, url) = (r[0].clone(), url.clone());
        std::thread::spawn(move || sync(&path, &url, NOW + 500))
    };
    pg.kill();
    let during = syncing.join().unwrap();
    // Whatever the moment of the kill, nothing is half-taken: either the whole batch made it or none of it.
    let err = sync(&r[0], &url, NOW + 501).unwrap_err().to_string();
    assert!(err.contains("cannot be reached"), "{err}");
    assert!(err.contains("your changes are kept here"), "{err}");
    // Offline, work goes on and is recorded for `desk replica status`.
    let mut a = open(&r[0], "li");
    a.set_ticket(
        1001,
        &[TicketEdit::Priority(Priority::Urgent)],
        None,
        NOW + 600,
    )
    .unwrap();
    let status = a.replica_status(None).unwrap().unwrap();
    assert!(
        status
            .error
            .unwrap_or_default()
            .contains("cannot be reached")
    );
    assert!(status.to_send.changes > 0);
    drop(a);
    pg.restart();
    sync(&r[0], &url, NOW + 700).unwrap();
    sync(&r[1], &url, NOW + 700).unwrap();
    for n in 1000..=1003 {
        assert_eq!(
            priority(&r[0], n),
            priority(&r[1], n),
            "#{n} (the first sync {during:?})"
        );
    }
    assert_eq!(priority(&r[1], 1001), "urgent");
    let again = sync(&r[0], &url, NOW + 800).unwrap().report;
    assert_eq!(
        (again.sent.changes, again.received.changes),
        (0, 0),
        "{again:?}"
    );
}

#[test]
fn the_hub_refuses_what_the_authors_role_no_longer_allows_and_says_why() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let dir = tempfile::tempdir().unwrap();
    let r = team(dir.path(), &url, 2);
    // On r1 boss makes li an agent again; meanwhile li, offline on r0, publishes the draft R3.
    let mut b = open(&r[1], "boss");
    b.set_agent_role("li", Some(desk::domain::team::Role::Agent), NOW + 5)
        .unwrap();
    drop(b);
    sync(&r[1], &url, NOW + 6).unwrap();
    let mut a = open(&r[0], "li");
    a.set_article_status("R3", desk::domain::kb::ArticleStatus::Published, NOW + 10)
        .unwrap();
    drop(a);
    let done = sync(&r[0], &url, NOW + 20).unwrap();
    assert_eq!(done.report.sent.refused, 1, "{done:?}");
    sync(&r[1], &url, NOW + 21).unwrap();
    for p in &r {
        let status: String = open(p, "li")
            .conn()
            .query_row("SELECT status FROM articles WHERE id = 'R3'", [], |x| {
                x.get(0)
            })
            .unwrap();
        assert_eq!(status, "draft", "{}", p.display());
    }
    let lost = open(&r[0], "li").conflicts(Some("li")).unwrap();
    assert_eq!(lost.len(), 1, "{lost:?}");
    let why = lost[0].reason.clone().unwrap_or_default();
    assert!(
        why.starts_with("refused by the hub:") && why.contains("li"),
        "{why}"
    );
}

#[test]
fn one_handle_given_on_two_replicas_is_refused_with_the_batch() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let dir = tempfile::tempdir().unwrap();
    let r = team(dir.path(), &url, 2);
    for (p, id) in [(&r[0], "Z1"), (&r[1], "Z2")] {
        open(p, "boss")
            .conn()
            .execute(
                "INSERT INTO agents(id, handle, name, role, created_at, updated_at) VALUES (?1, 'zhao', 'Zhao', 'agent', 0, 0)",
                [id],
            )
            .unwrap();
    }
    sync(&r[0], &url, NOW + 10).unwrap();
    let err = sync(&r[1], &url, NOW + 11).unwrap_err().to_string();
    assert!(
        err.contains("the handle \"zhao\"") && err.contains("nothing was taken"),
        "{err}"
    );
    let mut c = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
    let n: i64 = c
        .query_one(
            "SELECT count(*) FROM desk_agents WHERE handle = 'zhao'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
}

#[test]
fn a_batch_stamped_in_the_future_is_refused_by_the_servers_clock() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let dir = tempfile::tempdir().unwrap();
    let r = team(dir.path(), &url, 1);
    let mut hub = PgHub::connect(&HubConfig::new(&url)).unwrap();
    let ahead = chrono::Utc::now().timestamp_millis() + 2 * 3_600_000;
    let mut batch = open(&r[0], "li")
        .export_since("x", Default::default())
        .unwrap();
    batch.changes.truncate(1);
    batch.changes[0].hlc = format!("{ahead:013}-00000");
    batch.changes[0].id = "FUTURE".into();
    let err = hub.push(&batch, NOW).unwrap_err().to_string();
    assert!(
        // Two hours less the moments between reading this clock and the server's.
        (err.contains("120 minutes ahead") || err.contains("119 minutes ahead"))
            && err.contains("nothing was taken"),
        "{err}"
    );
}

#[test]
fn compaction_keeps_the_history_and_new_replicas_still_get_all_of_it() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let dir = tempfile::tempdir().unwrap();
    let r = team(dir.path(), &url, 2);
    let mut a = open(&r[0], "li");
    a.set_ticket(
        1002,
        &[TicketEdit::Priority(Priority::Urgent)],
        None,
        NOW + 5,
    )
    .unwrap();
    drop(a);
    sync(&r[0], &url, NOW + 6).unwrap();
    let mut hub = PgHub::connect(&HubConfig::new(&url)).unwrap();
    // r1 has not pulled since it was made: the new entry stays in the log.
    let before = hub.status().unwrap();
    hub.compact().unwrap();
    let mid = hub.status().unwrap();
    assert!(mid.log_entries >= 1, "{mid:?}");
    assert_eq!(
        mid.log_entries + mid.history_entries,
        before.log_entries + before.history_entries
    );
    sync(&r[1], &url, NOW + 7).unwrap();
    sync(&r[0], &url, NOW + 8).unwrap();
    hub.compact().unwrap();
    let after = hub.status().unwrap();
    assert_eq!(after.log_entries, 0, "{after:?}");
    assert_eq!(
        after.history_entries,
        before.log_entries + before.history_entries
    );
    let late = dir.path().join("late.db");
    create_from_hub(&HubConfig::new(&url), &late, NOW + 9, &mut |_, _| {}).unwrap();
    let ids = |p: &Path| -> std::collections::BTreeSet<String> {
        let s = open(p, "li");
        let mut st = s.conn().prepare("SELECT id FROM changes").unwrap();
        st.query_map([], |x| x.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(ids(&late), ids(&r[1]));
    assert_eq!(priority(&late, 1002), "urgent");
}

#[test]
fn tls_follows_sslmode_and_the_password_comes_from_the_environment() {
    let Some(pg) = Postgres::start_own() else {
        return;
    };
    let Some(ca) = pg.ca_pem.clone() else { return };
    let db = common::postgres::database_name(&pg.create_database());
    let base = pg.password_url(&db);
    let (head, tail) = base.split_once('@').unwrap();
    let user_only = format!("{}@{tail}", head.rsplit_once(':').unwrap().0);
    // The password from the URL; TLS required; the certificate checked against the CA and the host name.
    for mode in [
        "require",
        &format!("verify-full&sslrootcert={}", ca.display()),
    ] {
        let url = format!("{base}?sslmode={mode}");
        PgHub::init(&HubConfig::new(&url)).unwrap();
    }
    // Checking against the public roots only: the test CA is not one of them.
    let err = PgHub::connect(&HubConfig::new(&format!("{base}?sslmode=verify-full")))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("cannot be reached") || err.contains("certificate"),
        "{err}"
    );
    // No password anywhere: refused by the server; from a command: in.
    let err = PgHub::connect(&HubConfig::new(&user_only))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("password"), "{err}");
    let cfg = HubConfig {
        url: user_only.clone(),
        password_command: Some(format!("printf %s {}", pg.password)),
    };
    let hub = PgHub::connect(&cfg).unwrap();
    assert!(!hub.shown().contains(&pg.password));
}

#[test]
fn one_replica_holds_the_hubs_duties_and_hands_them_on() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let dir = tempfile::tempdir().unwrap();
    let r = team(dir.path(), &url, 2);
    let duty = |p: &Path| open(p, "li").mail_is_the_hubs("sends the outbox").is_ok();
    assert!(
        !duty(&r[0]) && !duty(&r[1]),
        "no replica has the duties until one takes them"
    );
    let err = open(&r[0], "li").sla_run(NOW).unwrap();
    assert!(err.replica, "{err:?}");
    open(&r[0], "li").take_hub_duties(None).unwrap();
    assert!(duty(&r[0]));
    sync(&r[1], &url, NOW + 1).unwrap();
    assert!(!duty(&r[1]));
    // r1 takes them over; r0 learns it at its next sync and stops.
    open(&r[1], "li").take_hub_duties(None).unwrap();
    assert!(duty(&r[1]));
    sync(&r[0], &url, NOW + 2).unwrap();
    assert!(!duty(&r[0]));
    let mut hub = PgHub::connect(&HubConfig::new(&url)).unwrap();
    let r1_id = open(&r[1], "li").replica().to_string();
    assert_eq!(hub.status().unwrap().duties, Some(r1_id));
}

#[test]
fn status_and_check_against_read_a_postgresql_hub() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let home = tempfile::tempdir().unwrap();
    let r = team(home.path(), &url, 2);
    let mut b = open(&r[1], "li");
    b.set_ticket(
        1001,
        &[TicketEdit::Priority(Priority::Urgent)],
        None,
        NOW + 5,
    )
    .unwrap();
    drop(b);
    sync(&r[1], &url, NOW + 6).unwrap();
    let r0 = r[0].display().to_string();
    let out = desk_as(
        home.path(),
        "li",
        &["replica", "status", "--db", &r0, "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["to_receive"]["changes"].as_i64().unwrap_or(0) >= 1, "{v}");
    // Before the sync r0 differs with something waiting; after it, the same as the hub.
    let out = desk_as(home.path(), "li", &["check", "--db", &r0, "--against"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    sync(&r[0], &url, NOW + 7).unwrap();
    let out = desk_as(home.path(), "li", &["check", "--db", &r0, "--against"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("against its hub postgres://") && !text.contains("DIFFERS"),
        "{text}"
    );
}

#[test]
fn presence_travels_through_the_hub_and_expires() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let dir = tempfile::tempdir().unwrap();
    let r = team(dir.path(), &url, 2);
    let mut hub = PgHub::connect(&HubConfig::new(&url)).unwrap();
    let mut li = open(&r[0], "li");
    li.set_presence(1001, Some(desk::domain::team::Activity::Replying), NOW)
        .unwrap();
    let mine = li.own_presence(NOW).unwrap();
    assert_eq!(mine.len(), 1);
    let li_id = li.replica().to_string();
    // Li's replica publishes; it does not get its own back.
    assert!(
        hub.exchange_presence(&li_id, &mine, true, true, NOW)
            .unwrap()
            .is_empty()
    );
    let mut wang = open(&r[1], "wang");
    let wang_id = wang.replica().to_string();
    let others = hub
        .exchange_presence(&wang_id, &[], true, true, NOW + 1)
        .unwrap();
    wang.take_presence(&others).unwrap();
    let seen = wang.presence_on(1001, NOW + 1).unwrap();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].handle, "li");
    assert_eq!(seen[0].activity, desk::domain::team::Activity::Replying);
    // Li stops replying: the next exchange takes it away everywhere.
    hub.exchange_presence(&li_id, &[], true, true, NOW + 2)
        .unwrap();
    let others = hub
        .exchange_presence(&wang_id, &[], false, false, NOW + 3)
        .unwrap();
    wang.take_presence(&others).unwrap();
    assert!(wang.presence_on(1001, NOW + 3).unwrap().is_empty());
    // An expired row is not handed out, whoever forgot to take it away.
    let stale = vec![desk::store::sync::pg::PresenceRow {
        expires_at: NOW + 10,
        ..mine[0].clone()
    }];
    hub.exchange_presence(&li_id, &stale, true, false, NOW + 4)
        .unwrap();
    assert_eq!(
        hub.exchange_presence(&wang_id, &[], false, false, NOW + 5)
            .unwrap()
            .len(),
        1
    );
    assert!(
        hub.exchange_presence(&wang_id, &[], false, false, NOW + 11)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_replica_made_where_a_deleted_one_left_its_wal_is_not_corrupted_by_it() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let dir = tempfile::tempdir().unwrap();
    let r = team(dir.path(), &url, 1);
    // A desk killed while working on r0 leaves frames in r0.db-wal; then the agent deletes r0.db only.
    let mut a = open(&r[0], "li");
    a.conn()
        .execute_batch("PRAGMA wal_autocheckpoint = 0")
        .unwrap();
    for i in 0..20 {
        a.set_ticket(
            1000,
            &[TicketEdit::Priority([Priority::Low, Priority::High][i % 2])],
            None,
            NOW + i as i64,
        )
        .unwrap();
    }
    let wal = format!("{}-wal", r[0].display());
    let kept = std::fs::read(&wal).unwrap();
    assert!(kept.len() > 32, "the WAL holds frames");
    drop(a);
    std::fs::remove_file(&r[0]).unwrap();
    std::fs::write(&wal, &kept).unwrap();
    create_from_hub(&HubConfig::new(&url), &r[0], NOW + 50, &mut |_, _| {}).unwrap();
    let report = desk::store::check::check_file(&r[0], true).unwrap();
    assert!(
        report.healthy(),
        "{:?}",
        report
            .checks
            .iter()
            .filter(|c| !c.ok())
            .map(|c| &c.details)
            .collect::<Vec<_>>()
    );
    let priority: String = open(&r[0], "li")
        .conn()
        .query_row(
            "SELECT priority FROM tickets WHERE number = 1000",
            [],
            |x| x.get(0),
        )
        .unwrap();
    assert_eq!(priority, priority_at_hub(&url, 1000));
}

/// A ticket's priority in the hub's current state.
fn priority_at_hub(url: &str, number: i64) -> String {
    let mut c = ::postgres::Client::connect(url, ::postgres::NoTls).unwrap();
    c.query_one(
        "SELECT row->>'priority' FROM desk_rows WHERE tbl = 'tickets' AND (row->>'number')::bigint = $1",
        &[&number],
    )
    .unwrap()
    .get(0)
}

#[test]
fn a_reply_to_a_ticket_merged_on_another_replica_lands_in_the_ticket_it_was_merged_into() {
    use desk::domain::lifecycle::Writer;
    use desk::domain::ticket::Status;
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let dir = tempfile::tempdir().unwrap();
    let r = team(dir.path(), &url, 2);
    // Wang merges #1001 into #1002 on his replica and syncs.
    open(&r[1], "wang")
        .merge_ticket(1001, 1002, NOW + 5)
        .unwrap();
    sync(&r[1], &url, NOW + 6).unwrap();
    // Offline, li answers #1001 and solves it.
    let mut a = open(&r[0], "li");
    a.add_message(
        1001,
        Writer::Agent,
        Some("A1"),
        false,
        "late answer 迟到的回复",
        NOW + 10,
    )
    .unwrap();
    a.set_ticket(1001, &[TicketEdit::Status(Status::Solved)], None, NOW + 11)
        .unwrap();
    drop(a);
    sync(&r[0], &url, NOW + 20).unwrap();
    sync(&r[1], &url, NOW + 21).unwrap();
    for p in &r {
        let s = open(p, "li");
        let merged = s.ticket_detail(1001).unwrap().unwrap();
        assert_eq!(merged.row.status, Status::Merged, "{}", p.display());
        let into = s.ticket_detail(1002).unwrap().unwrap();
        assert!(
            into.messages
                .iter()
                .any(|m| m.body.to_string() == "late answer 迟到的回复"),
            "{}",
            p.display()
        );
        let report = desk::store::check::check_file(p, false).unwrap();
        assert!(report.healthy(), "{}: {:?}", p.display(), report.checks);
    }
    let lost = open(&r[0], "li").conflicts(Some("li")).unwrap();
    assert_eq!(lost.len(), 1, "{lost:?}");
    let why = lost[0].reason.clone().unwrap_or_default();
    assert!(why.contains("#1001 had been merged into #1002"), "{why}");
}
