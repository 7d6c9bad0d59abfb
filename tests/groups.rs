//! `desk group` (issue 22, item 1): departments made, renamed and staffed from the CLI on a fresh database, by
//! leads and admins only, and tickets routed to them by name.

mod common;

use common::{desk_as, desk_ok};
use std::path::Path;

/// `desk --db HOME/t.db ARGS…` as `user`.
fn desk_on(home: &Path, user: &str, args: &[&str]) -> std::process::Output {
    let db = home.join("t.db").display().to_string();
    let mut all = vec!["--db", db.as_str()];
    all.extend_from_slice(args);
    desk_as(home, user, &all)
}

fn ok(home: &Path, user: &str, args: &[&str]) -> String {
    let db = home.join("t.db").display().to_string();
    let mut all = vec!["--db", db.as_str()];
    all.extend_from_slice(args);
    desk_ok(home, user, &all)
}

fn refused(o: std::process::Output) -> String {
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
    ok(h, "boss", &["init"]);
    assert!(ok(h, "boss", &["group", "add", " 售后  服务部 "]).contains("售后 服务部"));
    let taken = refused(desk_on(h, "boss", &["group", "add", "售后 服务部"]));
    assert!(taken.contains("exists"), "{taken}");
    ok(h, "boss", &["group", "add", "Billing"]);
    ok(h, "boss", &["agent", "add", "li", "--role", "agent"]);
    ok(h, "boss", &["agent", "add", "zhou", "--role", "lead"]);

    // Staffing: members listed by handle; an unknown handle changes nothing.
    let members = ok(
        h,
        "zhou",
        &["group", "members", "billing", "--add", "li,zhou"],
    );
    assert_eq!(members.lines().collect::<Vec<_>>(), ["li", "zhou"]);
    let unknown = refused(desk_on(
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
    ));
    assert!(unknown.contains("nobody"), "{unknown}");
    let members = ok(h, "li", &["group", "members", "Billing"]);
    assert_eq!(members.lines().collect::<Vec<_>>(), ["li", "zhou"]);

    // An agent may list but not change groups.
    let denied = refused(desk_on(h, "li", &["group", "add", "Sales"]));
    assert!(denied.contains("lead"), "{denied}");
    let denied = refused(desk_on(
        h,
        "li",
        &["group", "members", "Billing", "--remove", "zhou"],
    ));
    assert!(denied.contains("lead"), "{denied}");

    // Renaming keeps the members; an unknown field is named.
    ok(h, "zhou", &["group", "set", "billing", "name=账务"]);
    let bad = refused(desk_on(h, "zhou", &["group", "set", "账务", "colour=red"]));
    assert!(bad.contains("colour"), "{bad}");
    let list: serde_json::Value =
        serde_json::from_str(&ok(h, "li", &["group", "list", "--format", "json"])).unwrap();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["售后 服务部", "账务"]);
    assert_eq!(list[1]["members"], serde_json::json!(["li", "zhou"]));

    // A ticket routed to the renamed group by its name (this failed on a fresh database before groups).
    let intake = h.join("in.json");
    std::fs::write(
        &intake,
        r#"{"channel":"web","external_id":"f-1","customer":{"email":"chen@example.com"},"subject":"发票","body":"请开发票"}"#,
    )
    .unwrap();
    ok(h, "boss", &["ingest", &intake.display().to_string()]);
    ok(h, "li", &["ticket", "set", "1001", "group=账务"]);
    let shown: serde_json::Value = serde_json::from_str(&ok(
        h,
        "li",
        &["ticket", "show", "1001", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(shown["group"], "账务", "{shown}");
}
