//! `desk group` (issue 22, item 1): departments made, renamed and staffed from the CLI on a fresh database, by
//! leads and admins only, and tickets routed to them by name.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn desk_as(home: &Path, user: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("USER", user)
        .env("DESK_DB", home.join("t.db"))
        .env_remove("DESK_CONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run desk");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait for desk")
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn refused(o: Output) -> String {
    assert!(
        !o.status.success(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_fresh_database_gets_groups_staffs_them_and_routes_tickets_to_them() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // The first person on a new database is its admin.
    ok(desk_as(h, "boss", &["init"], None));
    assert!(
        ok(desk_as(
            h,
            "boss",
            &["group", "add", " 售后  服务部 "],
            None
        ))
        .contains("售后 服务部")
    );
    let taken = refused(desk_as(h, "boss", &["group", "add", "售后 服务部"], None));
    assert!(taken.contains("exists"), "{taken}");
    ok(desk_as(h, "boss", &["group", "add", "Billing"], None));
    ok(desk_as(
        h,
        "boss",
        &["agent", "add", "li", "--role", "agent"],
        None,
    ));
    ok(desk_as(
        h,
        "boss",
        &["agent", "add", "zhou", "--role", "lead"],
        None,
    ));

    // Staffing: members listed by handle; an unknown handle changes nothing.
    let members = ok(desk_as(
        h,
        "zhou",
        &["group", "members", "billing", "--add", "li,zhou"],
        None,
    ));
    assert_eq!(members.lines().collect::<Vec<_>>(), ["li", "zhou"]);
    let unknown = refused(desk_as(
        h,
        "zhou",
        &[
            "group",
            "members",
            "Billing",
            "--add",
            "li,nobody",
            "--remove",
            "zhou",
        ],
        None,
    ));
    assert!(unknown.contains("nobody"), "{unknown}");
    let members = ok(desk_as(h, "li", &["group", "members", "Billing"], None));
    assert_eq!(members.lines().collect::<Vec<_>>(), ["li", "zhou"]);

    // An agent may list but not change groups.
    let denied = refused(desk_as(h, "li", &["group", "add", "Sales"], None));
    assert!(denied.contains("lead"), "{denied}");
    let denied = refused(desk_as(
        h,
        "li",
        &["group", "members", "Billing", "--remove", "zhou"],
        None,
    ));
    assert!(denied.contains("lead"), "{denied}");

    // Renaming keeps the members; an unknown field is named.
    ok(desk_as(
        h,
        "zhou",
        &["group", "set", "billing", "name=账务"],
        None,
    ));
    let bad = refused(desk_as(
        h,
        "zhou",
        &["group", "set", "账务", "colour=red"],
        None,
    ));
    assert!(bad.contains("colour"), "{bad}");
    let list: serde_json::Value = serde_json::from_str(&ok(desk_as(
        h,
        "li",
        &["group", "list", "--format", "json"],
        None,
    )))
    .unwrap();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["售后 服务部", "账务"]);
    assert_eq!(list[1]["members"], serde_json::json!(["li", "zhou"]));

    // A ticket routed to the renamed group by its name (this failed on a fresh database before groups).
    let o = desk_as(
        h,
        "boss",
        &["ingest"],
        Some(
            r#"{"channel":"web","external_id":"f-1","customer":{"email":"chen@example.com"},"subject":"发票","body":"请开发票"}"#,
        ),
    );
    ok(o);
    let number = "1001";
    ok(desk_as(
        h,
        "li",
        &["ticket", "set", number, "group=账务"],
        None,
    ));
    let shown: serde_json::Value = serde_json::from_str(&ok(desk_as(
        h,
        "li",
        &["ticket", "show", number, "--format", "json"],
        None,
    )))
    .unwrap();
    assert_eq!(shown["group"], "账务", "{shown}");
}
