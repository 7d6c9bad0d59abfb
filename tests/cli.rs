//! The command line as scripts use it: JSON/CSV output, exit codes and one-line errors.

use std::path::Path;
use std::process::{Command, Output};

fn desk(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("USER", "li")
        .env_remove("DESK_DB")
        .env_remove("DESK_CONFIG")
        .output()
        .expect("run desk")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A temp home with a 60-ticket demo database at `home/d.db`.
fn demo_home() -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("d.db").display().to_string();
    let o = desk(
        home.path(),
        &["demo", "--db", &db, "--tickets", "60", "--seed", "3"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    (home, db)
}

#[test]
fn ticket_list_and_show_as_json() {
    let (home, db) = demo_home();
    let o = desk(
        home.path(),
        &[
            "ticket", "list", "--db", &db, "--view", "all-open", "--limit", "0", "--format", "json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let list = list.as_array().unwrap();
    assert!(!list.is_empty());
    for key in [
        "number",
        "subject",
        "status",
        "priority",
        "kind",
        "channel",
        "customer",
        "assignee",
        "created_at",
        "updated_at",
    ] {
        assert!(list[0].get(key).is_some(), "missing {key} in {}", list[0]);
    }
    assert!(list.iter().all(|t| ["new", "open", "pending", "on_hold"].contains(&t["status"].as_str().unwrap())));
    let number = list[0]["number"].as_i64().unwrap().to_string();
    let o = desk(
        home.path(),
        &["ticket", "show", &number, "--db", &db, "--format", "json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let t: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(t["number"].to_string(), number);
    let messages = t["messages"].as_array().unwrap();
    assert!(!messages.is_empty() && messages[0]["body"].as_str().is_some_and(|b| !b.is_empty()));
    assert_eq!(messages[0]["author_kind"], "customer");
    // `#` prefix and text output work too.
    let o = desk(
        home.path(),
        &["ticket", "show", &format!("#{number}"), "--db", &db],
    );
    assert!(stdout(&o).starts_with(&format!("#{number} ")));
}

#[test]
fn limit_zero_streams_every_row_once_in_csv() {
    let (home, db) = demo_home();
    let o = desk(
        home.path(),
        &[
            "ticket", "list", "--db", &db, "--view", "all-open", "--limit", "0", "--format", "csv",
        ],
    );
    assert!(o.status.success());
    let mut rdr = csv::Reader::from_reader(o.stdout.as_slice());
    let numbers: Vec<String> = rdr.records().map(|r| r.unwrap()[0].to_string()).collect();
    assert!(numbers.len() > 3, "{numbers:?}");
    let mut unique = numbers.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), numbers.len());
    let o = desk(
        home.path(),
        &[
            "ticket", "list", "--db", &db, "--view", "all-open", "--limit", "3",
        ],
    );
    assert_eq!(stdout(&o).lines().count(), 4, "header and three rows");
}

#[test]
fn customers_and_articles() {
    let (home, db) = demo_home();
    let o = desk(
        home.path(),
        &[
            "customer", "list", "--db", &db, "--format", "json", "--limit", "5",
        ],
    );
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 5);
    let email = list[0]["email"].as_str().unwrap().to_string();
    let o = desk(
        home.path(),
        &["customer", "show", &email, "--db", &db, "--format", "json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let c: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(c["email"], email.as_str());
    assert!(c["tier"].is_string() && c["products"].is_array());
    let o = desk(
        home.path(),
        &[
            "kb", "list", "--db", &db, "--format", "json", "--limit", "0",
        ],
    );
    let arts: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(arts.as_array().unwrap().len() >= 30);
    let id = arts[0]["id"].as_str().unwrap();
    let o = desk(
        home.path(),
        &["kb", "show", id, "--db", &db, "--format", "text"],
    );
    assert!(o.status.success() && stdout(&o).lines().count() > 2);
}

#[test]
fn exit_codes_and_one_line_errors() {
    let (home, db) = demo_home();
    let one_line = |o: &Output| {
        let e = stderr(o);
        assert_eq!(e.trim_end().lines().count(), 1, "one line: {e}");
        assert!(e.starts_with("desk: "), "{e}");
        e
    };
    let o = desk(home.path(), &["ticket", "show", "999999", "--db", &db]);
    assert_eq!(o.status.code(), Some(3));
    assert!(one_line(&o).contains("no ticket #999999"));
    let o = desk(
        home.path(),
        &["ticket", "list", "--db", &db, "--view", "mine"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(one_line(&o).contains("views: my-open"));
    let o = desk(
        home.path(),
        &[
            "ticket",
            "list",
            "--db",
            &home.path().join("missing/x.db").display().to_string(),
        ],
    );
    assert_eq!(o.status.code(), Some(4));
    assert!(one_line(&o).contains("does not exist"));
    let o = desk(
        home.path(),
        &[
            "ticket",
            "list",
            "--db",
            &db,
            "--filter",
            "priority:>=high sort:size",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        one_line(&o).contains("--filter: column 22: cannot sort by `size`"),
        "{}",
        stderr(&o)
    );
    let o = desk(
        home.path(),
        &[
            "ticket",
            "list",
            "--db",
            &db,
            "--filter",
            "priority:urgent,high sort:number",
            "--format",
            "json",
            "--limit",
            "0",
        ],
    );
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let numbers: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_i64().unwrap())
        .collect();
    assert!(!numbers.is_empty() && numbers.windows(2).all(|w| w[0] < w[1]));
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|t| t["priority"] == "urgent" || t["priority"] == "high")
    );
    let o = desk(home.path(), &["demo", "--db", &db]);
    assert_eq!(o.status.code(), Some(2));
    assert!(one_line(&o).contains("--force"));
}

#[test]
fn bad_files_are_refused_and_left_as_they_were() {
    let home = tempfile::tempdir().unwrap();
    // Corrupt database.
    let junk = home.path().join("junk.db");
    std::fs::write(
        &junk,
        b"this is not sqlite at all, just text pretending to be a database file..........",
    )
    .unwrap();
    let before = std::fs::read(&junk).unwrap();
    let o = desk(
        home.path(),
        &["ticket", "list", "--db", &junk.display().to_string()],
    );
    assert_eq!(o.status.code(), Some(4));
    assert!(
        stderr(&o).contains("junk.db") && stderr(&o).contains("not a desk database"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&junk).unwrap(), before);
    // Newer schema.
    let future = home.path().join("future.db");
    assert!(
        desk(
            home.path(),
            &["init", "--db", &future.display().to_string()]
        )
        .status
        .success()
    );
    rusqlite::Connection::open(&future)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let before = std::fs::read(&future).unwrap();
    let o = desk(
        home.path(),
        &["ticket", "list", "--db", &future.display().to_string()],
    );
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("schema version 999"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&future).unwrap(), before);
    // Bad config: file, line and key, exit 5.
    let cfg = home.path().join("bad.toml");
    std::fs::write(&cfg, "[ui]\nmouse = \"yes\"\n").unwrap();
    let o = desk(
        home.path(),
        &["--config", &cfg.display().to_string(), "ticket", "list"],
    );
    assert_eq!(o.status.code(), Some(5));
    let e = stderr(&o);
    assert!(
        e.contains("bad.toml:2:") && e.contains("mouse") || e.contains("bad.toml:2:9"),
        "{e}"
    );
}

#[test]
fn create_reply_note_set_and_history_from_the_command_line() {
    let (home, db) = demo_home();
    let list = desk(
        home.path(),
        &[
            "customer", "list", "--db", &db, "--format", "json", "--limit", "1",
        ],
    );
    let customers: serde_json::Value = serde_json::from_str(&stdout(&list)).unwrap();
    let email = customers[0]["email"].as_str().unwrap().to_string();
    let o = desk(
        home.path(),
        &[
            "ticket",
            "new",
            "--db",
            &db,
            "--customer",
            &email,
            "--subject",
            "打印机离线",
            "--channel",
            "wechat",
            "--body",
            "打印机显示离线。",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let number = stdout(&o).trim().to_string();
    assert!(number.parse::<i64>().unwrap() > 1000);
    // Body from standard input.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(["ticket", "reply", &number, "--db", &db])
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("USER", "li")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("您好，请重启打印机。\n".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert_eq!(
        stdout(&o).trim(),
        format!("#{number}: reply added; status New → Open")
    );
    let o = desk(
        home.path(),
        &[
            "ticket",
            "note",
            &number,
            "--db",
            &db,
            "--body",
            "checked the logs",
        ],
    );
    assert_eq!(stdout(&o).trim(), format!("#{number}: note added"));
    let o = desk(
        home.path(),
        &[
            "ticket",
            "set",
            &number,
            "--db",
            &db,
            "status=pending",
            "priority=high",
            "assignee=zhang",
            "tags+=vip",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = desk(
        home.path(),
        &["ticket", "set", &number, "--db", &db, "status=merged"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("merged is set by merging"),
        "{}",
        stderr(&o)
    );
    let o = desk(
        home.path(),
        &[
            "ticket",
            "set",
            &number,
            "--db",
            &db,
            "status=closed",
            "priority=low",
        ],
    );
    // An open ticket closes only once solved and followed up, or with a reason that skips the loop.
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("close_reason=spam|duplicate"),
        "{}",
        stderr(&o)
    );
    let o = desk(
        home.path(),
        &[
            "ticket",
            "set",
            &number,
            "--db",
            &db,
            "status=closed",
            "close_reason=duplicate",
            "priority=low",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = desk(
        home.path(),
        &["ticket", "set", &number, "--db", &db, "status=open"],
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "a refused move is the request's fault"
    );
    assert!(
        stderr(&o).contains("cannot move a ticket from closed to open"),
        "{}",
        stderr(&o)
    );
    let o = desk(
        home.path(),
        &["ticket", "set", &number, "--db", &db, "colour=red"],
    );
    assert_eq!(o.status.code(), Some(2));
    // The JSON view and the history agree with what was done.
    let o = desk(
        home.path(),
        &["ticket", "show", &number, "--db", &db, "--format", "json"],
    );
    let t: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (
            t["status"].as_str(),
            t["priority"].as_str(),
            t["channel"].as_str()
        ),
        (Some("closed"), Some("low"), Some("wechat"))
    );
    assert_eq!(t["tags"], serde_json::json!(["vip"]));
    let bodies: Vec<&str> = t["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        vec![
            "打印机显示离线。",
            "您好，请重启打印机。",
            "checked the logs"
        ]
    );
    assert_eq!(t["messages"][2]["visibility"], "internal");
    let o = desk(
        home.path(),
        &[
            "ticket", "history", &number, "--db", &db, "--format", "json",
        ],
    );
    let h: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let fields: Vec<&str> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields[..4],
        ["created", "reply", "status", "first_response_at"]
    );
    assert!(h.as_array().unwrap().iter().all(|c| c["actor"] == "li"));
    assert!(
        fields.contains(&"tags") && fields.contains(&"assignee_id") && fields.contains(&"priority")
    );
}

#[test]
fn search_from_the_command_line() {
    let (home, db) = demo_home();
    let o = desk(
        home.path(),
        &[
            "search",
            "支付失败",
            "--db",
            &db,
            "--format",
            "json",
            "--limit",
            "50",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let hits: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| h["snippet"].as_str().unwrap().contains("**支付失败**")),
        "{hits:?}"
    );
    let o = desk(
        home.path(),
        &["search", "退款", "--db", &db, "--limit", "3"],
    );
    let text = stdout(&o);
    assert!(
        text.starts_with("NUMBER") && text.contains("[退款]"),
        "{text}"
    );
    let o = desk(
        home.path(),
        &[
            "search",
            "no-such-words-anywhere",
            "--db",
            &db,
            "--format",
            "json",
        ],
    );
    assert_eq!(stdout(&o).trim(), "[]");
}

#[test]
fn merge_and_link_from_the_command_line() {
    let (home, db) = demo_home();
    let list = desk(
        home.path(),
        &[
            "ticket", "list", "--db", &db, "--view", "all-open", "--limit", "3", "--format", "json",
        ],
    );
    let open: serde_json::Value = serde_json::from_str(&stdout(&list)).unwrap();
    let n: Vec<String> = open
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].to_string())
        .collect();
    let o = desk(
        home.path(),
        &["ticket", "merge", &n[0], "--into", &n[1], "--db", &db],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        format!("#{} merged into #{}", n[0], n[1])
    );
    let o = desk(home.path(), &["ticket", "link", &n[1], &n[2], "--db", &db]);
    assert_eq!(stdout(&o).trim(), format!("#{} ↔ #{} linked", n[1], n[2]));
    // The merged number still finds the thread: it shows the target and says so.
    let o = desk(
        home.path(),
        &["ticket", "show", &n[0], "--db", &db, "--format", "json"],
    );
    assert!(stderr(&o).contains(&format!("#{} was merged into #{}", n[0], n[1])));
    let t: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(t["number"].to_string(), n[1]);
    assert_eq!(
        t["links"],
        serde_json::json!([n[2].parse::<i64>().unwrap()])
    );
    assert!(
        t["messages"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["author_kind"] == "system")
    );
    let o = desk(
        home.path(),
        &["ticket", "merge", &n[1], "--into", &n[1], "--db", &db],
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn views_from_config_are_listed_like_built_in_ones() {
    let (home, db) = demo_home();
    let cfg = home.path().join("views.toml");
    std::fs::write(&cfg, "[[views]]\nname = \"hot\"\nfilter = \"status:new,open,pending,on_hold priority:urgent,high\"\n").unwrap();
    let cfg = cfg.display().to_string();
    let o = desk(
        home.path(),
        &[
            "--config", &cfg, "ticket", "list", "--db", &db, "--view", "hot", "--limit", "0",
            "--format", "json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|t| matches!(t["priority"].as_str(), Some("urgent" | "high")))
    );
    let o = desk(
        home.path(),
        &[
            "--config", &cfg, "ticket", "list", "--db", &db, "--view", "cold",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("views: my-open, unassigned, all-open, all, pending, recently-solved, vip, at-risk, follow-ups, hot"),
        "{}",
        stderr(&o)
    );
}

/// `desk sla run` twice at once on one file: every escalation happens exactly once, and a later run finds nothing.
#[test]
fn sla_run_from_two_processes_escalates_each_clock_once() {
    let (home, db) = demo_home();
    // The demo is generated with the shipped rules already applied; a rule of this team's has work to do.
    let config = home.path().join("team.toml");
    std::fs::write(
        &config,
        "[[sla.escalations]]\nname = \"team-risk\"\nwhen = \"at-risk\"\nadd_tag = \"watch\"\nnote = \"Watch this one.\"\n",
    )
    .unwrap();
    let config = config.display().to_string();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_desk"))
            .args([
                "sla", "run", "--format", "json", "--db", &db, "--config", &config,
            ])
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("USER", "li")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn desk")
    };
    let (a, b) = (run(), run());
    let mut seen = std::collections::BTreeSet::new();
    let mut total = 0;
    for child in [a, b] {
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        for e in report["escalated"].as_array().unwrap() {
            total += 1;
            let key = (
                e["number"].as_i64(),
                e["rule"].to_string(),
                e["target"].to_string(),
            );
            assert!(seen.insert(key.clone()), "escalated twice: {key:?}");
        }
    }
    assert!(total > 0, "the demo has tickets at risk for the new rule");
    let o = desk(
        home.path(),
        &[
            "sla", "run", "--format", "json", "--db", &db, "--config", &config,
        ],
    );
    let again: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(again["escalated"].as_array().unwrap().len(), 0, "{again}");
    assert_eq!(again["closed"].as_array().unwrap().len(), 0, "{again}");
    // The table agrees with what the two runs reported.
    let o = Command::new("sqlite3")
        .args([
            &db,
            "SELECT count(*) FROM escalations WHERE rule = 'team-risk'",
        ])
        .output()
        .expect("sqlite3");
    assert_eq!(stdout(&o).trim(), total.to_string());
}
