//! Improvement plans (PDCA, issue 23) from the command line on the demo: a report's suggestion becomes an action
//! whose baseline is the report's own number, the cycle moves only as PDCA allows, and the next report shows the
//! indicator before and after.

mod common;

use common::{desk_as, desk_ok};

fn json(home: &std::path::Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&desk_ok(home, "li", args)).expect("JSON")
}

#[test]
fn a_suggestion_becomes_an_action_and_the_next_report_shows_before_and_after() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("data")).unwrap();
    let db = home.path().join("data/desk.db").display().to_string();
    desk_ok(home.path(), "li", &["demo", "--db", &db]);
    let h = home.path();
    let report = json(h, &["report", "--db", &db, "--format", "json"]);
    let suggestions = report["report"]["suggestions"].as_array().unwrap();
    let (n, rule, indicator) = suggestions
        .iter()
        .enumerate()
        .find_map(|(i, s)| {
            let rule = s["rule"].as_str()?;
            let indicator = s["indicator"].as_str()?;
            (rule != "on-target").then(|| (i + 1, rule.to_string(), indicator.to_string()))
        })
        .expect("the demo misses some target");
    let current = report["report"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"] == indicator.as_str())
        .map(|r| r["current"].clone())
        .expect("the indicator in the report");

    let made = desk_ok(
        h,
        "li",
        &[
            "plan",
            "add",
            "--db",
            &db,
            "--from-suggestion",
            &n.to_string(),
        ],
    );
    // After the demo's own three actions.
    assert!(made.starts_with("P4: "), "{made}");
    let shown = json(h, &["plan", "show", "4", "--db", &db, "--format", "json"]);
    assert_eq!(shown["indicator"], indicator.as_str());
    assert_eq!(
        shown["baseline"], current,
        "the baseline is the report's number"
    );
    assert_eq!(shown["status"], "plan");
    assert_eq!(shown["owner"], "li", "the agent at the keyboard");
    assert_eq!(shown["rule"], rule.as_str());

    // The cycle: plan → do → check, a failed check back to do, never a skipped step.
    let skip = desk_as(h, "li", &["plan", "set", "4", "--db", &db, "status=act"]);
    assert!(!skip.status.success());
    let err = String::from_utf8_lossy(&skip.stderr);
    assert!(err.contains("P4 is at plan; it moves to do"), "{err}");
    for step in ["do", "check", "do", "check", "act"] {
        let out = desk_ok(
            h,
            "li",
            &["plan", "set", "4", "--db", &db, &format!("status={step}")],
        );
        assert!(out.contains(step), "{out}");
    }

    // The next report lists the action with its indicator before and now.
    let again = json(h, &["report", "--db", &db, "--format", "json"]);
    let plan = again["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["number"] == 4)
        .expect("P4 in the report");
    assert_eq!(plan["status"], "act");
    assert_eq!(plan["baseline"], current);
    assert_eq!(plan["current"], current, "nothing changed in between");
    assert_eq!(plan["effect"], "unchanged");
    let md = desk_ok(h, "li", &["report", "--db", &db, "--locale", "en"]);
    assert!(
        md.contains("### Improvement actions 改进措施 (PDCA)"),
        "{md}"
    );
    assert!(md.contains("| P4 "), "{md}");
}

#[test]
fn an_action_on_csat_improves_when_better_scores_come_in() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("data")).unwrap();
    let db = home.path().join("data/desk.db").display().to_string();
    let h = home.path();
    desk_ok(h, "li", &["demo", "--db", &db]);
    desk_ok(
        h,
        "li",
        &[
            "plan",
            "add",
            "--db",
            &db,
            "--title",
            "回访话术培训 call-script training",
            "--indicator",
            "csat",
            "--target",
            "99",
            "--due",
            "2027-01-31",
        ],
    );
    let before = json(h, &["plan", "show", "4", "--db", &db, "--format", "json"]);
    let baseline = before["baseline"]
        .as_f64()
        .expect("the demo has CSAT scores");
    assert!(baseline < 100.0, "{baseline}");
    // Every ticket solved in the window now says 5.
    let solved = json(
        h,
        &[
            "ticket",
            "list",
            "--db",
            &db,
            "--view",
            "recently-solved",
            "--format",
            "json",
        ],
    );
    for t in solved.as_array().unwrap() {
        let n = t["number"].as_i64().unwrap().to_string();
        desk_ok(
            h,
            "li",
            &[
                "survey", "record", "--ticket", &n, "--db", &db, "--csat", "5",
            ],
        );
    }
    let report = json(h, &["report", "--db", &db, "--format", "json"]);
    let plan = report["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["number"] == 4)
        .expect("P4 in the report");
    let now = plan["current"].as_f64().unwrap();
    assert!(now > baseline, "{baseline} → {now}");
    assert_eq!(plan["effect"], "improved");
    assert_eq!(plan["reaches_target"], now >= 99.0);
}

#[test]
fn the_demo_has_complaints_in_the_stages_its_clock_allows_with_causes_and_plans_through_the_cycle()
{
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("data")).unwrap();
    let db = home.path().join("data/desk.db");
    desk_ok(
        home.path(),
        "li",
        &["demo", "--db", &db.display().to_string()],
    );
    let store = desk::store::Store::open(&db, desk::store::OpenMode::Existing).unwrap();
    let stages: Vec<(String, i64, i64)> = store
        .conn()
        .prepare(
            "SELECT complaint_stage, count(*), count(root_cause) FROM tickets
             WHERE kind = 'complaint' AND status <> 'merged' GROUP BY 1 ORDER BY 1",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // Which complaints are still open, and whether a solved one still awaits its follow-up call (处理, resolved),
    // follows the clock the demo is made at: the open stages and 回访 are always there, 处理 when such a one is.
    let awaiting: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM tickets WHERE kind = 'complaint' AND status = 'solved'
               AND loop_stage = 'solved'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let names: Vec<&str> = stages.iter().map(|s| s.0.as_str()).collect();
    let mut want = vec!["investigating", "received", "registered"];
    if awaiting > 0 {
        want.push("resolved");
    }
    want.push("revisited");
    assert_eq!(names, want, "{stages:?}");
    for (stage, n, causes) in &stages {
        let handled = matches!(stage.as_str(), "resolved" | "revisited");
        assert_eq!(
            *causes == *n,
            handled,
            "{stage}: {causes} of {n} have a root cause"
        );
    }
    let plans = json(
        home.path(),
        &[
            "plan",
            "list",
            "--all",
            "--db",
            &db.display().to_string(),
            "--format",
            "json",
        ],
    );
    let statuses: Vec<&str> = plans
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["status"].as_str())
        .collect();
    assert_eq!(statuses, ["do", "check", "act"]);
}
