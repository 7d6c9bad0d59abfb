//! Dispatch (issue 22, items 1–3): on a fresh database, groups and agents with skills set up from the CLI, two
//! routing rules in the config, and tickets created by the CLI routed and assigned with the reason in each
//! ticket's history; and two `desk route run` at once on one file assign every ticket exactly once.

mod common;

use common::{agent, customer, desk_as, desk_ok};
use desk::domain::customer::Tier;
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::store::records::{GroupRec, TicketRec};
use desk::store::{OpenMode, Store};
use std::path::Path;

const RULES: &str = r#"
[[routing.rules]]
name = "vip-complaints"
when = "tier:gold kind:complaint"
group = "客户关系"
priority = "+1"
tags = ["vip"]

[[routing.rules]]
name = "after-sales"
when = "kind:service_request"
group = "售后"
"#;

fn ok(home: &Path, user: &str, args: &[&str]) -> String {
    let db = home.join("t.db").display().to_string();
    let mut all = vec!["--db", db.as_str()];
    all.extend_from_slice(args);
    desk_ok(home, user, &all)
}

fn config(home: &Path, text: &str) {
    let dir = home.join("config/desk");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), text).unwrap();
}

/// Creates a ticket by the CLI; returns its number.
fn ticket(home: &Path, customer: &str, kind: &str, subject: &str, body: &str) -> String {
    let out = ok(
        home,
        "boss",
        &[
            "ticket",
            "new",
            "--customer",
            customer,
            "--kind",
            kind,
            "--subject",
            subject,
            "--body",
            body,
        ],
    );
    out.split(|c: char| !c.is_ascii_digit())
        .find(|s| s.len() >= 4)
        .unwrap_or_else(|| panic!("no ticket number in {out:?}"))
        .to_string()
}

fn history(home: &Path, number: &str) -> String {
    ok(home, "boss", &["ticket", "history", number])
}

fn assignee(home: &Path, number: &str) -> Option<String> {
    let json = ok(
        home,
        "boss",
        &["ticket", "show", number, "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["assignee"]
        .as_str()
        .map(str::to_string)
        .or_else(|| v["row"]["assignee"].as_str().map(str::to_string))
}

#[test]
fn a_fresh_database_routes_by_rule_and_assigns_by_group_with_reasons() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    config(h, RULES);
    ok(h, "boss", &["init"]);
    ok(h, "boss", &["group", "add", "客户关系"]);
    ok(h, "boss", &["group", "add", "售后"]);
    for a in ["li", "wang", "zhao", "qian"] {
        ok(h, "boss", &["agent", "add", a]);
    }
    ok(
        h,
        "boss",
        &["group", "members", "客户关系", "--add", "li,wang"],
    );
    ok(
        h,
        "boss",
        &["group", "members", "售后", "--add", "zhao,qian"],
    );
    ok(
        h,
        "boss",
        &["group", "set", "客户关系", "assignment=round-robin"],
    );
    ok(h, "boss", &["group", "set", "售后", "assignment=skills"]);
    ok(
        h,
        "boss",
        &["agent", "skills", "zhao", "--add", "City:上海"],
    );
    let skills = ok(
        h,
        "boss",
        &["agent", "skills", "qian", "--add", "city:北京,lang:en"],
    );
    assert_eq!(skills.lines().collect::<Vec<_>>(), ["city:北京", "lang:en"]);
    let groups = ok(h, "boss", &["group", "list"]);
    assert!(
        groups.contains("round-robin") && groups.contains("skills"),
        "{groups}"
    );
    ok(
        h,
        "boss",
        &[
            "customer",
            "create",
            "--name",
            "王芳",
            "--email",
            "wf@example.cn",
            "--tier",
            "gold",
            "--city",
            "上海",
        ],
    );
    ok(
        h,
        "boss",
        &[
            "customer",
            "create",
            "--name",
            "Tom Reed",
            "--email",
            "tom@example.com",
            "--city",
            "北京",
        ],
    );

    // A gold customer's complaint (gold tickets start high): the first rule, then round-robin in handle order.
    let t1 = ticket(
        h,
        "wf@example.cn",
        "complaint",
        "安装师傅迟到",
        "约好上午，下午才来。",
    );
    let t2 = ticket(h, "wf@example.cn", "complaint", "又一次迟到", "第二次了。");
    assert_eq!(assignee(h, &t1).as_deref(), Some("li"));
    assert_eq!(
        assignee(h, &t2).as_deref(),
        Some("wang"),
        "round-robin: wang's turn"
    );
    let h1 = history(h, &t1);
    assert!(
        h1.contains("routed by rule `vip-complaints`: group 客户关系 · priority urgent · tags vip"),
        "{h1}"
    );
    assert!(
        h1.contains("assigned automatically — round-robin: li's turn (0 open)"),
        "{h1}"
    );
    let shown = ok(h, "boss", &["ticket", "show", &t1, "--format", "json"]);
    assert!(
        shown.contains("\"urgent\"") && shown.contains("vip"),
        "{shown}"
    );

    // Service requests: the second rule, then the member whose skills match most.
    let t3 = ticket(
        h,
        "tom@example.com",
        "service_request",
        "Dishwasher install",
        "Please install it on Friday.",
    );
    let t4 = ticket(
        h,
        "wf@example.cn",
        "service_request",
        "洗碗机安装",
        "周五上门安装。",
    );
    assert_eq!(assignee(h, &t3).as_deref(), Some("qian"));
    assert_eq!(assignee(h, &t4).as_deref(), Some("zhao"));
    let h3 = history(h, &t3);
    assert!(
        h3.contains("routed by rule `after-sales`: group 售后"),
        "{h3}"
    );
    assert!(
        h3.contains("skills city:北京, lang:en (2 of 3); qian has 0 open"),
        "{h3}"
    );

    // No rule matches a question: no group, nobody assigned, nothing said.
    let t5 = ticket(
        h,
        "tom@example.com",
        "question",
        "Warranty length?",
        "How long is it?",
    );
    assert_eq!(assignee(h, &t5), None);
    assert!(!history(h, &t5).contains("routed"));

    // Nobody able: the ticket waits and says why; once someone is back, `route run` assigns it.
    ok(h, "zhao", &["agent", "set", "zhao", "availability=away"]);
    ok(h, "boss", &["agent", "set", "qian", "capacity=1"]);
    let t6 = ticket(
        h,
        "wf@example.cn",
        "service_request",
        "热水器维修",
        "不出热水。",
    );
    assert_eq!(assignee(h, &t6), None);
    let h6 = history(h, &t6);
    assert!(
        h6.contains(
            "waits in its group's queue — nobody can take it: qian at capacity (1/1), zhao away"
        ),
        "{h6}"
    );
    let refused = desk_as(
        h,
        "li",
        &[
            "--db",
            &h.join("t.db").display().to_string(),
            "agent",
            "set",
            "zhao",
            "availability=on_duty",
        ],
    );
    assert!(
        !refused.status.success(),
        "an agent sets only their own availability"
    );
    ok(h, "zhao", &["agent", "set", "zhao", "availability=on_duty"]);
    let run = ok(h, "boss", &["route", "run"]);
    assert!(run.contains("1 assigned"), "{run}");
    assert_eq!(assignee(h, &t6).as_deref(), Some("zhao"));
    let again = ok(h, "boss", &["route", "run"]);
    assert!(again.contains("0 assigned"), "nothing left to do: {again}");
    let agents = ok(h, "boss", &["agent", "list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&agents).unwrap();
    let zhao = v
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["handle"] == "zhao")
        .unwrap();
    assert_eq!(zhao["dispatch"]["open"], 2);
    assert_eq!(zhao["dispatch"]["availability"], "on_duty");
}

#[test]
fn a_bad_routing_rule_is_one_clear_error_at_start() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    config(
        h,
        "[[routing.rules]]\nname = \"x\"\nwhen = \"colour:red\"\ngroup = \"售后\"\n",
    );
    let o = desk_as(
        h,
        "boss",
        &["--db", &h.join("t.db").display().to_string(), "init"],
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("[[routing.rules]] #1 `x`") && err.contains("colour"),
        "{err}"
    );
}

#[test]
fn two_route_runs_at_once_assign_each_ticket_exactly_once() {
    const N: usize = 1500;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let path = h.join("t.db");
    {
        let mut store = Store::open(&path, OpenMode::Create).unwrap();
        let mut w = store.bulk().unwrap();
        let handles = ["a1", "a2", "a3", "a4"];
        for a in handles {
            w.agent(&agent(a, a, a)).unwrap();
        }
        w.group(&GroupRec {
            id: "G1".into(),
            name: "售后".into(),
            members: handles.iter().map(|a| a.to_string()).collect(),
            created_at: 0,
        })
        .unwrap();
        w.customer(&customer("C1", "王芳", Tier::Silver)).unwrap();
        for i in 0..N {
            w.ticket(&TicketRec {
                id: format!("T{i:05}"),
                number: None,
                subject: format!("报修 {i}"),
                status: Status::New,
                priority: Priority::Normal,
                kind: Kind::ServiceRequest,
                channel: Channel::Phone,
                customer_id: Some("C1".into()),
                product_id: None,
                assignee_id: None,
                group_id: Some("G1".into()),
                created_at: 1_000 + i as i64,
                updated_at: 1_000 + i as i64,
                first_response_at: None,
                solved_at: None,
                closed_at: None,
                merged_into: None,
            })
            .unwrap();
        }
        w.commit("fixture", 2_000).unwrap();
    }
    let db = path.display().to_string();
    desk_ok(
        h,
        "boss",
        &["--db", &db, "group", "set", "售后", "assignment=least-load"],
    );
    let runs: Vec<_> = (0..2)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_desk"))
                .args(["--db", &db, "route", "run", "--format", "json"])
                .env("HOME", h)
                .env("XDG_DATA_HOME", h.join("data"))
                .env("XDG_CONFIG_HOME", h.join("config"))
                .env("USER", "boss")
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = runs
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    assert!(outputs.iter().all(|o| o.status.success()));
    let assigned: u64 = outputs
        .iter()
        .map(|o| {
            serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()["assigned"]
                .as_u64()
                .unwrap()
        })
        .sum();
    assert_eq!(
        assigned, N as u64,
        "the two runs' reports add up to every ticket once"
    );
    let store = Store::open(&path, OpenMode::Existing).unwrap();
    let conn = store.conn();
    let unassigned: i64 = conn
        .query_row(
            "SELECT count(*) FROM tickets WHERE assignee_id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unassigned, 0);
    // One assignment entry per ticket, whichever desk made it.
    let twice: i64 = conn
        .query_row(
            "SELECT count(*) FROM (SELECT entity_id FROM changes WHERE field = 'auto_assigned'
              GROUP BY entity_id HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let once: i64 = conn
        .query_row(
            "SELECT count(DISTINCT entity_id) FROM changes WHERE field = 'auto_assigned'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!((once, twice), (N as i64, 0));
    // Least load kept the four even.
    let loads: Vec<i64> = conn
        .prepare("SELECT count(*) FROM tickets GROUP BY assignee_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(loads.len(), 4);
    assert!(
        loads.iter().max().unwrap() - loads.iter().min().unwrap() <= 1,
        "{loads:?}"
    );
}

/// A rule's `when` may name the customer's city (`city:`), so a city's tickets go to its own service station.
#[test]
fn a_rule_routes_by_the_customers_city() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    config(
        h,
        "[[routing.rules]]\nname = \"beijing-station\"\nwhen = \"city:北京\"\ngroup = \"北京服务站\"\n",
    );
    ok(h, "boss", &["init"]);
    ok(h, "boss", &["group", "add", "北京服务站"]);
    for (name, email, city) in [
        ("Tom Reed", "tom@example.com", "北京"),
        ("王芳", "wf@example.cn", "上海"),
    ] {
        ok(
            h,
            "boss",
            &[
                "customer", "create", "--name", name, "--email", email, "--city", city,
            ],
        );
    }
    let beijing = ticket(h, "tom@example.com", "question", "净水器漏水", "滴水");
    let shanghai = ticket(h, "wf@example.cn", "question", "净水器漏水", "滴水");
    assert!(
        history(h, &beijing).contains("routed by rule `beijing-station`"),
        "{}",
        history(h, &beijing)
    );
    assert!(!history(h, &shanghai).contains("routed by rule"));
    let listed = ok(
        h,
        "boss",
        &["ticket", "list", "--view", "all", "--filter", "city:北京"],
    );
    assert!(
        listed.contains(&beijing) && !listed.contains(&shanghai),
        "{listed}"
    );
}

/// `[routing] reassign_on_away`: an agent who goes away hands their new and open tickets back to the group, which
/// gives them to someone on duty; pending tickets stay. Without the setting nothing moves.
#[test]
fn going_away_hands_open_tickets_back_when_the_config_says_so() {
    for reassign in [true, false] {
        let home = tempfile::tempdir().unwrap();
        let h = home.path();
        config(
            h,
            &format!(
                "[routing]\nreassign_on_away = {reassign}\n\n[[routing.rules]]\nname = \"all\"\nwhen = \"status:new\"\ngroup = \"售后\"\n"
            ),
        );
        ok(h, "boss", &["init"]);
        ok(h, "boss", &["group", "add", "售后"]);
        for a in ["li", "wang"] {
            ok(h, "boss", &["agent", "add", a]);
        }
        ok(h, "boss", &["group", "members", "售后", "--add", "li,wang"]);
        ok(
            h,
            "boss",
            &["group", "set", "售后", "assignment=round-robin"],
        );
        ok(
            h,
            "boss",
            &[
                "customer",
                "create",
                "--name",
                "Tom",
                "--email",
                "tom@example.com",
            ],
        );
        // Round-robin in handle order: li, wang, li.
        let t: Vec<String> = (0..3)
            .map(|i| ticket(h, "tom@example.com", "question", &format!("问题 {i}"), "x"))
            .collect();
        assert_eq!(assignee(h, &t[2]).as_deref(), Some("li"));
        ok(h, "li", &["ticket", "set", &t[2], "status=pending"]);
        ok(h, "li", &["agent", "set", "li", "availability=away"]);
        let first = history(h, &t[0]);
        if reassign {
            assert_eq!(assignee(h, &t[0]).as_deref(), Some("wang"), "{first}");
            assert!(
                first.contains("handed back to its group — li is away"),
                "{first}"
            );
            assert_eq!(assignee(h, &t[2]).as_deref(), Some("li"), "pending stays");
        } else {
            assert_eq!(assignee(h, &t[0]).as_deref(), Some("li"));
            assert!(!first.contains("handed back"), "{first}");
        }
    }
}
