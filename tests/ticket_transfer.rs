//! `desk ticket export --format jsonl` and `desk ticket import`: a demo database's tickets moved to a new database
//! and back, all or nothing, each once, with `FILE:LINE: reason` for a bad line.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

fn desk(home: &Path, db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "li")
        .env("DESK_DB", db)
        .env_remove("DESK_CONFIG")
        .output()
        .unwrap()
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn records(jsonl: &str) -> Vec<serde_json::Value> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// What must survive a move: the fields people read and the thread, by subject.
fn essence(r: &serde_json::Value) -> String {
    let messages: Vec<String> = r["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{}|{}|{}|{}",
                m["author_kind"], m["internal"], m["created_at"], m["body"]
            )
        })
        .collect();
    format!(
        "{}|{}|{}|{}|{}|{}|{}|{}|{}|{}",
        r["subject"],
        r["status"],
        r["priority"],
        r["kind"],
        r["channel"],
        r["customer"]["email"],
        r["assignee"],
        r["created_at"],
        r["solved_at"],
        messages.join("/")
    )
}

#[test]
fn tickets_move_to_a_new_database_and_back_once() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let old = h.join("old.db");
    ok(desk(
        h,
        &old,
        &[
            "demo",
            "--db",
            old.to_str().unwrap(),
            "--tickets",
            "40",
            "--articles",
            "3",
        ],
    ));
    let exported = ok(desk(h, &old, &["ticket", "export", "--format", "jsonl"]));
    let out = records(&exported);
    assert_eq!(out.len(), 40);
    assert!(
        out.iter()
            .all(|r| r["external_id"].as_str().unwrap().starts_with("desk:"))
    );
    assert!(
        out.iter()
            .any(|r| !r["history"].as_array().unwrap().is_empty()),
        "history travels"
    );
    let file = h.join("tickets.jsonl");
    std::fs::write(&file, &exported).unwrap();

    // The same database already has them all.
    let again = ok(desk(h, &old, &["ticket", "import", file.to_str().unwrap()]));
    assert!(
        again.contains("0 tickets imported, 40 already in desk"),
        "{again}"
    );

    // A new database lacks the agents: nothing is imported, and the line that needs one is named.
    let new = h.join("new.db");
    ok(desk(h, &new, &["init"]));
    let handles: BTreeSet<String> = out
        .iter()
        .flat_map(|r| {
            let mut hs: Vec<String> = r["assignee"]
                .as_str()
                .map(String::from)
                .into_iter()
                .collect();
            for m in r["messages"].as_array().unwrap() {
                if m["author_kind"] == "agent" {
                    hs.extend(m["author"].as_str().map(String::from));
                }
            }
            hs
        })
        .filter(|h| h != "li")
        .collect();
    assert!(!handles.is_empty());
    let o = desk(h, &new, &["ticket", "import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("tickets.jsonl:") && err.contains("no agent `"),
        "{err}"
    );
    assert!(
        ok(desk(
            h,
            &new,
            &["ticket", "list", "--view", "all", "--format", "json"]
        ))
        .trim()
            == "[]"
    );

    for handle in &handles {
        ok(desk(h, &new, &["agent", "add", handle]));
    }
    let done = ok(desk(h, &new, &["ticket", "import", file.to_str().unwrap()]));
    assert!(
        done.contains("40 tickets imported, 0 already in desk"),
        "{done}"
    );
    let back = records(&ok(desk(h, &new, &["ticket", "export"])));
    let before: BTreeSet<String> = out.iter().map(essence).collect();
    let after: BTreeSet<String> = back.iter().map(essence).collect();
    assert_eq!(
        before, after,
        "every ticket and its thread arrive as they left"
    );
    // The groups the file names were made, each once and on the record.
    let groups: BTreeSet<&str> = out.iter().filter_map(|r| r["group"].as_str()).collect();
    assert!(!groups.is_empty());
    let store = desk::store::Store::open(&new, desk::store::OpenMode::Existing).unwrap();
    let logged: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE entity = 'group' AND field = 'created'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged as usize, groups.len());
    drop(store);
    // Moved tickets keep the id they came with, so importing the file again writes nothing.
    assert!(
        back.iter()
            .all(|r| r["external_id"].as_str().unwrap().starts_with("desk:"))
    );
    let again = ok(desk(h, &new, &["ticket", "import", file.to_str().unwrap()]));
    assert!(
        again.contains("0 tickets imported, 40 already in desk"),
        "{again}"
    );
}

#[test]
fn a_bad_line_stops_the_import_unless_skipped() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = h.join("desk.db");
    ok(desk(h, &db, &["init"]));
    let good = |id: &str| {
        format!(
            r#"{{"external_id":"{id}","subject":"发票","status":"open","priority":"normal","kind":"question","channel":"web","customer":{{"email":"chen@example.com"}},"created_at":"2026-11-01T09:00:00+08:00","messages":[{{"author_kind":"customer","body":"请开发票","created_at":"2026-11-01T09:00:00+08:00"}}]}}"#
        )
    };
    let lines = [
        good("zd-1"),
        good("zd-2").replace("\"open\"", "\"stuck\""),
        good("zd-3"),
    ];
    let file = h.join("from-zendesk.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let o = desk(h, &db, &["ticket", "import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("from-zendesk.jsonl:2: unknown status `stuck`"),
        "{err}"
    );
    assert!(err.contains("nothing imported"), "{err}");
    let o = ok(desk(
        h,
        &db,
        &["ticket", "import", file.to_str().unwrap(), "--skip-bad"],
    ));
    assert!(
        o.contains("2 tickets imported, 0 already in desk, 1 bad lines skipped"),
        "{o}"
    );
    let t: serde_json::Value = serde_json::from_str(&ok(desk(
        h,
        &db,
        &["ticket", "show", "1001", "--format", "json"],
    )))
    .unwrap();
    assert_eq!(t["customer_email"], "chen@example.com");
    assert_eq!(
        t["created_at"], "2026-11-01T01:00:00Z",
        "the ticket keeps its own time"
    );
}
