//! `desk agent` and roles from the command line: the first person on a new database is its admin, later ones are
//! agents; admins manage the team; refusals say who you are and what to do, with exit code 2.

mod common;

use common::desk_as;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn the_first_user_administers_and_roles_are_enforced() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("team.db").display().to_string();
    let run = |user: &str, args: &[&str]| {
        let mut all = vec!["--db", db.as_str()];
        all.extend_from_slice(args);
        desk_as(home.path(), user, &all)
    };

    let init = run("boss", &["init"]);
    assert!(init.status.success(), "{}", text(&init.stderr));
    assert!(
        text(&init.stdout).contains("you (boss) are registered as its admin"),
        "{}",
        text(&init.stdout)
    );

    // Tom's first command registers him, as an agent.
    let list = run("tom", &["agent", "list", "--format", "json"]);
    assert!(list.status.success(), "{}", text(&list.stderr));
    let agents: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let roles: Vec<(String, String)> = agents
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["handle"].as_str().unwrap().to_string(),
                a["role"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        vec![
            ("boss".into(), "admin".into()),
            ("tom".into(), "agent".into())
        ]
    );

    let refused = run("tom", &["agent", "add", "amy"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr)
            .contains("Managing agents and roles needs the admin role (tom is an agent)"),
        "{}",
        text(&refused.stderr)
    );

    let added = run(
        "boss",
        &[
            "agent",
            "add",
            "Amy",
            "--name",
            "Amy Lin 林安美",
            "--role",
            "lead",
        ],
    );
    assert!(added.status.success(), "{}", text(&added.stderr));
    assert_eq!(text(&added.stdout).trim(), "added amy as lead");

    let bad = run("boss", &["agent", "set-role", "amy", "boss"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("`boss` is not a role; use one of: agent, lead, admin"));

    let last = run("boss", &["agent", "set-role", "boss", "agent"]);
    assert_eq!(last.status.code(), Some(2));
    assert!(text(&last.stderr).contains("last active admin"));

    let off = run("boss", &["agent", "deactivate", "tom"]);
    assert!(off.status.success(), "{}", text(&off.stderr));
    let table = text(&run("boss", &["agent", "list"]).stdout);
    let tom = table.lines().find(|l| l.starts_with("tom ")).unwrap();
    assert!(tom.contains(" no "), "{table}");

    let missing = run("boss", &["agent", "set-role", "nobody", "lead"]);
    assert_eq!(missing.status.code(), Some(3));
}

#[test]
fn an_agent_cannot_take_someone_elses_ticket_but_a_lead_can() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("demo.db").display().to_string();
    let made = desk_as(home.path(), "li", &["demo", "--db", &db]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let run = |user: &str, args: &[&str]| {
        let mut all = vec!["--db", db.as_str()];
        all.extend_from_slice(args);
        desk_as(home.path(), user, &all)
    };
    // One of li's open tickets (li is the demo's admin; wang is an agent, zhang a lead).
    let mine = run(
        "li",
        &[
            "ticket", "list", "--view", "my-open", "--limit", "1", "--format", "json",
        ],
    );
    let rows: serde_json::Value = serde_json::from_slice(&mine.stdout).unwrap();
    let number = rows[0]["number"].as_i64().unwrap().to_string();

    let refused = run("wang", &["ticket", "set", &number, "assignee=wang"]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stderr).contains("needs the lead role (wang is an agent)"),
        "{}",
        text(&refused.stderr)
    );
    let taken = run("zhang", &["ticket", "set", &number, "assignee=zhang"]);
    assert!(taken.status.success(), "{}", text(&taken.stderr));
    let history = text(&run("li", &["ticket", "history", &number]).stdout);
    assert!(
        history
            .lines()
            .any(|l| l.contains(" 张伟 Zhang Wei assignee ")),
        "the change log names the actor by name: {history}"
    );
}
