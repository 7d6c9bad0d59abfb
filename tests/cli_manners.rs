//! The command line's manners (issue 16): a phone number in any spelling finds its customer, the All tickets view,
//! statuses in a filter widening the view, `sort:priority`, unknown agents and groups as errors with their column,
//! a closed pipe ending quietly, one-line usage errors, bare numbers in CSV.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn cmd(home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_desk"));
    c.args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("USER", "li")
        .env_remove("DESK_DB")
        .env_remove("DESK_CONFIG");
    c
}

fn desk(home: &Path, args: &[&str]) -> Output {
    cmd(home, args).output().expect("run desk")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A temp home with a demo database of `tickets` tickets at `home/d.db`.
fn demo_home(tickets: &str) -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("d.db").display().to_string();
    let o = desk(
        home.path(),
        &["demo", "--db", &db, "--tickets", tickets, "--seed", "3"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    (home, db)
}

fn json(o: &Output) -> Vec<serde_json::Value> {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_str::<serde_json::Value>(&stdout(o))
        .expect("JSON")
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn customer_search_finds_one_customer_by_any_spelling_of_the_phone() {
    let (home, db) = demo_home("60");
    let h = home.path();
    // A customer of the demo, given the number of the issue as typed by an agent.
    let first = &json(&desk(
        h,
        &[
            "customer", "list", "--db", &db, "--format", "json", "--limit", "1",
        ],
    ))[0];
    let id = first["id"].as_str().unwrap();
    let o = desk(
        h,
        &["customer", "set", id, "phone=193 3998 1700", "--db", &db],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for spelling in ["/19339981700", "193 3998 1700", "+86 193-3998-1700"] {
        let rows = json(&desk(
            h,
            &[
                "customer", "list", "--db", &db, "--search", spelling, "--format", "json",
            ],
        ));
        let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, [id], "{spelling}");
    }
    // A second customer with another spelling of the number is its duplicate.
    let o = desk(
        h,
        &[
            "customer",
            "create",
            "--db",
            &db,
            "--name",
            "Wang Fang",
            "--phone",
            "+86 193-3998-1700",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = desk(h, &["customer", "duplicates", id, "--db", &db]);
    assert!(
        o.status.success() && stdout(&o).contains("Wang Fang"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
}

#[test]
fn all_tickets_and_statuses_in_a_filter_widen_the_view() {
    let (home, db) = demo_home("60");
    let h = home.path();
    let list = |args: &[&str]| {
        let mut a = vec![
            "ticket", "list", "--db", &db, "--limit", "0", "--format", "json",
        ];
        a.extend_from_slice(args);
        json(&desk(h, &a))
    };
    let all = list(&["--view", "all"]);
    let statuses: std::collections::BTreeSet<&str> =
        all.iter().map(|t| t["status"].as_str().unwrap()).collect();
    assert!(
        statuses.contains("closed") && statuses.contains("open"),
        "{statuses:?}"
    );
    let updated: Vec<&str> = all
        .iter()
        .map(|t| t["updated_at"].as_str().unwrap())
        .collect();
    assert!(updated.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let open = list(&[]);
    let closed = list(&["--filter", "status:closed"]);
    assert!(!closed.is_empty() && closed.iter().all(|t| t["status"] == "closed"));
    assert_eq!(
        closed.len() + open.len(),
        list(&[
            "--view",
            "all",
            "--filter",
            "status:closed,new,open,pending,on_hold"
        ])
        .len()
    );
    // Other fields still narrow the view.
    let urgent = list(&["--filter", "priority:urgent"]);
    assert!(
        urgent
            .iter()
            .all(|t| t["status"] != "closed" && t["priority"] == "urgent")
    );
}

#[test]
fn sort_by_priority_is_most_urgent_first() {
    let (home, db) = demo_home("60");
    let rank = |p: &serde_json::Value| {
        ["urgent", "high", "normal", "low"]
            .iter()
            .position(|x| p == x)
    };
    for (sort, urgent_first) in [("sort:priority", true), ("sort:-priority", false)] {
        for view in ["all-open", "all", "pending"] {
            let rows = json(&desk(
                home.path(),
                &[
                    "ticket", "list", "--db", &db, "--view", view, "--filter", sort, "--limit",
                    "0", "--format", "json",
                ],
            ));
            let ranks: Vec<usize> = rows.iter().map(|t| rank(&t["priority"]).unwrap()).collect();
            assert!(!ranks.is_empty());
            assert!(
                ranks.windows(2).all(|w| if urgent_first {
                    w[0] <= w[1]
                } else {
                    w[0] >= w[1]
                }),
                "{view} {sort}: {ranks:?}"
            );
        }
    }
}

#[test]
fn an_unknown_agent_or_group_in_a_filter_is_an_error_with_its_column() {
    let (home, db) = demo_home("60");
    for (filter, column, what) in [
        (
            "assignee:nosuchagent",
            10,
            "no agent `nosuchagent` (agents: ",
        ),
        ("status:open assignee:li,nobody,zz", 32, "no agent `zz`"),
        (r#"group:"No such""#, 7, "no group `No such` (groups: "),
    ] {
        let o = desk(
            home.path(),
            &["ticket", "list", "--db", &db, "--filter", filter],
        );
        assert_eq!(o.status.code(), Some(2), "{filter}: {}", stderr(&o));
        let e = stderr(&o);
        assert_eq!(e.trim_end().lines().count(), 1, "{e}");
        assert!(
            e.contains(&format!("--filter: column {column}: {what}")),
            "{filter}: {e}"
        );
        assert!(stdout(&o).is_empty());
    }
    // Names that exist, and none/me, are fine.
    let o = desk(
        home.path(),
        &[
            "ticket",
            "list",
            "--db",
            &db,
            "--filter",
            "assignee:li|none|me group:none",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Runs desk with stdout on a pipe, reads one line, closes the pipe and waits: the reader went away, so desk
/// must end quietly and successfully.
fn read_one_line_then_close(home: &Path, args: &[&str]) {
    let mut child = cmd(home, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(!first.is_empty(), "{args:?} wrote nothing");
    drop(out);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{args:?}: {status}: {err}");
    assert_eq!(err, "", "{args:?}");
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    // Enough output to fill a pipe's buffer, so desk is still writing when the reader goes.
    let (home, db) = demo_home("800");
    let h = home.path();
    for format in ["table", "csv", "json"] {
        read_one_line_then_close(
            h,
            &[
                "ticket", "list", "--db", &db, "--view", "all", "--limit", "0", "--format", format,
            ],
        );
    }
    let body = home.path().join("long.txt");
    std::fs::write(&body, "一行很长的备注 a long note line\n".repeat(20_000)).unwrap();
    let o = desk(
        h,
        &[
            "ticket",
            "note",
            "1001",
            "--db",
            &db,
            "--body-file",
            &body.display().to_string(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    read_one_line_then_close(h, &["ticket", "show", "1001", "--db", &db]);
    read_one_line_then_close(
        h,
        &["ticket", "show", "1001", "--db", &db, "--format", "json"],
    );
}

#[test]
fn usage_errors_are_one_line_with_a_help_hint() {
    let home = tempfile::tempdir().unwrap();
    for (args, what, hint) in [
        (
            &["ticket", "list", "--bogus"][..],
            "unexpected argument '--bogus' found",
            "see `desk ticket list --help`",
        ),
        (
            &["ticket", "list", "--limit", "-3"],
            "`-3` is not a number of rows",
            "see `desk ticket list --help`",
        ),
        (
            &["ticket", "lst"],
            "unrecognized subcommand 'lst'",
            "see `desk ticket --help`",
        ),
        (
            &["customer", "list", "--format", "xml"],
            "possible values: table, json, csv",
            "see `desk customer list --help`",
        ),
    ] {
        let o = desk(home.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = stderr(&o);
        assert_eq!(e.lines().count(), 1, "{args:?}: {e}");
        assert!(
            e.starts_with("desk: ") && e.contains(what) && e.trim_end().ends_with(hint),
            "{args:?}: {e}"
        );
    }
    // Help is still help, on stdout, with success.
    let o = desk(home.path(), &["ticket", "list", "--help"]);
    assert!(o.status.success() && stdout(&o).contains("--filter"));
}

#[test]
fn csv_numbers_are_bare_integers() {
    let (home, db) = demo_home("60");
    let o = desk(
        home.path(),
        &[
            "ticket", "list", "--db", &db, "--view", "all", "--limit", "0", "--format", "csv",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(&rdr.headers().unwrap()[0], "number");
    let mut rows = 0;
    for r in rdr.records() {
        let r = r.unwrap();
        assert!(r[0].parse::<i64>().is_ok(), "{:?}", &r[0]);
        rows += 1;
    }
    assert!(rows > 10);
    assert!(
        text.lines()
            .skip(1)
            .all(|l| l.starts_with(|c: char| c.is_ascii_digit()))
    );
    // Tables keep the `#`.
    let o = desk(
        home.path(),
        &[
            "ticket", "list", "--db", &db, "--view", "all", "--limit", "1",
        ],
    );
    assert!(stdout(&o).lines().nth(1).unwrap().starts_with('#'));
    // The ticket column of other lists too.
    let subject = json(&desk(
        home.path(),
        &[
            "ticket", "list", "--db", &db, "--limit", "1", "--format", "json",
        ],
    ))[0]["subject"]
        .as_str()
        .unwrap()
        .chars()
        .take(4)
        .collect::<String>();
    for (args, column) in [
        (&["task", "list", "--due", "all", "--format", "csv"][..], 2),
        (&["search", subject.as_str(), "--format", "csv"], 0),
    ] {
        let mut a = args.to_vec();
        a.extend(["--db", &db]);
        let o = desk(home.path(), &a);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let mut rdr = csv::Reader::from_reader(o.stdout.as_slice());
        let cells: Vec<String> = rdr
            .records()
            .map(|r| r.unwrap()[column].to_string())
            .collect();
        assert!(!cells.is_empty(), "{args:?}");
        assert!(
            cells
                .iter()
                .all(|c| c.is_empty() || c.parse::<i64>().is_ok()),
            "{args:?}: {cells:?}"
        );
    }
}
