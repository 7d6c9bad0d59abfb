//! Quality inspection (质检, issue 23) through the store and `desk report`: sampling is for leads and never takes a
//! ticket twice, a review is one write with a line in the ticket's history, agents read their reviews, the queue
//! pages by keyset on indexes, and the report's QA numbers are exactly the worked example of docs/METRICS.md.

mod common;

use common::{NOW, agent, customer, ticket};
use desk::domain::customer::Tier;
use desk::domain::qa::{Rubric, SampleReason, iso_week};
use desk::domain::ticket::{Kind, Status};
use desk::domain::view::PageRequest;
use desk::store::{Store, StoreError};

const SHANGHAI: i64 = 8 * 3600;
const DAY: i64 = 86_400;

/// li (lead), wang and zhou (agents), boss (admin); tickets 1001–1008 solved by wang (odd) and zhou (even) over
/// the last two weeks, #1005 a complaint.
fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    fill(&mut s);
    s
}

fn fill(s: &mut Store) {
    {
        let mut w = s.bulk().unwrap();
        let mut lead = agent("A1", "li", "Li Na");
        lead.role = "lead".into();
        w.agent(&lead).unwrap();
        w.agent(&agent("A2", "wang", "Wang Fang")).unwrap();
        w.agent(&agent("A3", "zhou", "Zhou Jie")).unwrap();
        let mut boss = agent("A9", "boss", "Boss");
        boss.role = "admin".into();
        w.agent(&boss).unwrap();
        w.customer(&customer("C1", "王芳", Tier::Gold)).unwrap();
        for i in 1..=8 {
            let who = if i % 2 == 1 { "A2" } else { "A3" };
            let solved = if i <= 2 { NOW - 7 * DAY } else { NOW - DAY };
            let mut t = ticket(i, Status::Solved, "C1", Some(who), solved);
            if i == 5 {
                t.kind = Kind::Complaint;
            }
            w.ticket(&t).unwrap();
        }
        w.commit("qa fixture", NOW).unwrap();
    }
    s.set_actor(Some("li".into()));
}

fn review(s: &mut Store, ticket: i64, scores: [i64; 6], at: i64) {
    let words: Vec<String> = Rubric::default()
        .criteria
        .iter()
        .zip(scores)
        .map(|(c, v)| format!("{}={v}", c.key))
        .collect();
    let scored = Rubric::default().parse(&words).unwrap();
    s.qa_review(ticket, &scored, "", SHANGHAI, at).unwrap();
}

#[test]
fn only_leads_and_admins_sample_and_score() {
    let mut s = store();
    s.set_actor(Some("wang".into()));
    let e = s.qa_sample_ticket(1001, SHANGHAI, NOW).unwrap_err();
    assert!(matches!(e, StoreError::Denied(_)), "{e}");
    assert!(
        e.to_string().contains("needs the lead role") && e.to_string().contains("wang is an agent"),
        "{e}"
    );
    let scored = Rubric::default().parse(&["greeting=1".into()]).unwrap_err();
    assert!(scored.to_string().contains("no score for understanding"));
    assert!(
        s.qa_queue(PageRequest::First, 10, false)
            .unwrap()
            .rows
            .is_empty()
    );
    s.set_actor(Some("boss".into()));
    assert!(s.qa_sample_ticket(1001, SHANGHAI, NOW).unwrap());
}

#[test]
fn a_week_is_sampled_once_with_every_complaint_and_n_random_per_agent() {
    let mut s = store();
    let week = iso_week(NOW - DAY, SHANGHAI);
    let first = s.qa_sample_week(&week, SHANGHAI, NOW).unwrap();
    // Tickets 3–8 were solved this week: the complaint #1005, and two random of each agent's others.
    assert!(
        first
            .iter()
            .any(|x| x.ticket == 1005 && x.reason == SampleReason::Complaint)
    );
    for a in ["wang", "zhou"] {
        let random = first
            .iter()
            .filter(|x| x.agent == a && x.reason == SampleReason::Random)
            .count();
        assert_eq!(random, 2, "{a}: {first:?}");
    }
    assert_eq!(first.len(), 5);
    assert!(first.iter().all(|x| x.ticket >= 1003));
    assert!(s.qa_sample_week(&week, SHANGHAI, NOW).unwrap().is_empty());
    // The queue pages by keyset, oldest first, without repeating a row.
    let p1 = s.qa_queue(PageRequest::First, 3, true).unwrap();
    assert_eq!(p1.rows.len(), 3);
    assert!(!p1.at_end);
    let last = p1.rows.last().unwrap().cursor;
    let p2 = s.qa_queue(PageRequest::After(last), 3, true).unwrap();
    assert_eq!(p2.rows.len(), 2);
    assert!(p2.at_end);
    let mut all: Vec<i64> = p1.rows.iter().chain(&p2.rows).map(|r| r.ticket).collect();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), 5);
    let e = s.qa_sample_week("week 47", SHANGHAI, NOW).unwrap_err();
    assert!(e.to_string().contains("write it as 2026-W47"), "{e}");
}

#[test]
fn a_review_is_logged_on_the_ticket_and_the_agent_sees_it() {
    let mut s = store();
    assert!(s.qa_sample_ticket(1002, SHANGHAI, NOW).unwrap());
    assert!(!s.qa_sample_ticket(1002, SHANGHAI, NOW).unwrap());
    review(&mut s, 1002, [5, 4, 4, 3, 5, 2], NOW);
    let history = s.history("ticket", "T00000002").unwrap();
    let said: Vec<String> = history.iter().filter_map(|c| c.new.clone()).collect();
    assert!(
        said.iter().any(|t| t == "sampled into QA (manual)"),
        "{said:?}"
    );
    assert!(
        said.iter().any(|t| t == "QA review by li: 79/100"),
        "{said:?}"
    );
    let mine = s.qa_agent_reviews("zhou", 10).unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!((mine[0].ticket, mine[0].total), (1002, 79.0));
    assert_eq!(mine[0].items[2].key, "accuracy");
    assert!(s.qa_agent_reviews("wang", 10).unwrap().is_empty());
    // Reviewed: out of the pending queue, still in the whole list with its score.
    assert!(
        s.qa_queue(PageRequest::First, 10, true)
            .unwrap()
            .rows
            .is_empty()
    );
    let all = s.qa_queue(PageRequest::First, 10, false).unwrap().rows;
    assert_eq!((all[0].reviews, all[0].score), (1, Some(79.0)));
    // Scoring again replaces li's review instead of adding a second one.
    review(&mut s, 1002, [5, 5, 5, 5, 5, 5], NOW + 60);
    let again = s.qa_ticket_reviews(1002).unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].total, 100.0);
}

#[test]
fn qa_reads_walk_indexes() {
    let s = store();
    for (name, plan) in s.qa_query_plans().unwrap() {
        assert!(plan.contains("INDEX"), "{name}: {plan}");
        for line in plan.lines() {
            let scans_table = line.starts_with("SCAN ") && !line.contains("INDEX");
            assert!(!scans_table, "{name} scans a table: {plan}");
        }
        assert!(!plan.contains("TEMP B-TREE"), "{name} sorts: {plan}");
    }
}

/// The worked example of docs/METRICS.md, "Quality inspection".
fn worked_example(s: &mut Store) {
    let w46 = NOW - 7 * DAY;
    let w47 = NOW - DAY;
    review(s, 1001, [5, 4, 4, 3, 5, 2], w46); // wang, 79
    review(s, 1003, [5, 5, 5, 4, 5, 4], w47); // wang, 95
    review(s, 1002, [4, 4, 0, 4, 4, 4], w47); // zhou, accuracy failed: 0
    review(s, 1004, [3, 3, 4, 3, 4, 3], w47); // zhou, 69
    s.set_actor(Some("boss".into()));
    review(s, 1001, [5, 3, 4, 2, 5, 2], w46 + 3600); // calibration: 72
}

/// `fields` of each row of a JSON list, space-separated (text bare, numbers as JSON writes them).
fn rows(list: &serde_json::Value, fields: &[&str]) -> Vec<String> {
    let cell = |v: &serde_json::Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|r| {
            fields
                .iter()
                .map(|f| cell(&r[*f]))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn desk_report_json_has_the_hand_computed_qa_scores() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("qa.db");
    {
        let mut s = Store::open(&db, desk::store::OpenMode::Create).unwrap();
        fill(&mut s);
        worked_example(&mut s);
    }
    let db = db.display().to_string();
    let args = [
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-18",
        "--format",
        "json",
        "--db",
        &db,
    ];
    let out = common::desk_ok(home.path(), "li", &args);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let qa = &doc["qa"];
    assert_eq!(qa["reviews"], 4);
    assert_eq!(qa["mean_score"], 60.8);
    assert_eq!(qa["failed_critical"], 1);
    assert_eq!(
        rows(
            &qa["agents"],
            &["agent", "reviews", "mean_score", "failed_critical"]
        ),
        ["wang 2 87.0 0", "zhou 2 34.5 1"]
    );
    assert_eq!(
        rows(&qa["agents"][0]["weeks"], &["week", "mean_score"]),
        ["2026-W46 79.0", "2026-W47 95.0"]
    );
    assert_eq!(
        rows(&qa["criteria"], &["key", "mean_percent"]),
        [
            "greeting 85.0",
            "understanding 80.0",
            "accuracy 65.0",
            "empathy 70.0",
            "resolution 90.0",
            "documentation 65.0"
        ]
    );
    assert_eq!(
        rows(
            &qa["criteria"][2]["weeks"],
            &["week", "reviews", "mean_percent"]
        ),
        ["2026-W46 1 80.0", "2026-W47 3 60.0"]
    );
    assert_eq!(
        rows(&qa["weeks"], &["week", "reviews", "mean_score"]),
        ["2026-W46 1 79.0", "2026-W47 3 54.7"]
    );
    assert_eq!(
        rows(
            &qa["calibration"],
            &[
                "ticket",
                "first",
                "second",
                "first_total",
                "second_total",
                "total_diff"
            ]
        ),
        ["1001 li boss 79.0 72.0 -7.0"]
    );
    assert_eq!(
        rows(&qa["calibration"][0]["criteria"], &["key", "diff"]),
        [
            "greeting 0",
            "understanding -1",
            "accuracy 0",
            "empathy -1",
            "resolution 0",
            "documentation 0"
        ]
    );
    assert_eq!(qa["calibration_mean_abs_diff"], 7.0);
}

#[test]
fn the_demo_has_reviews_of_several_agents_over_weeks_a_critical_failure_and_a_calibration_pair() {
    let (_dir, a) = common::demo_app(80, 24);
    let r = a
        .store
        .qa_report(NOW - 40 * DAY, NOW + DAY, SHANGHAI)
        .unwrap();
    assert!(r.agents.len() >= 3, "{:?}", r.agents);
    assert!(r.weeks.len() >= 3, "{:?}", r.weeks);
    assert_eq!(r.failed_critical, 1);
    assert_eq!(r.calibration.len(), 1);
    assert_ne!(r.calibration[0].total_diff, 0.0);
    // Some samples still wait for a lead.
    let waiting = a.store.qa_queue(PageRequest::First, 50, true).unwrap();
    assert_eq!(waiting.rows.len(), 3);
}

/// Two leads score the same ticket on two replicas, offline: after a sync each side has both reviews, one sample.
#[test]
fn reviews_made_on_two_replicas_meet_at_the_hub_as_a_calibration_pair() {
    use desk::store::sync::{Direction, replica};
    use desk::store::{OpenMode, StorageMode};
    let dir = tempfile::tempdir().unwrap();
    let hub = dir.path().join("team.db");
    let mut s = Store::open_with(&hub, OpenMode::Create, StorageMode::Local).unwrap();
    fill(&mut s);
    drop(s);
    let open = |p: &std::path::Path, actor: &str| {
        let mut s = Store::open_with(p, OpenMode::Existing, StorageMode::Local).unwrap();
        s.set_actor(Some(actor.into()));
        s
    };
    let mut replicas = Vec::new();
    for (i, lead) in ["li", "boss"].iter().enumerate() {
        let p = dir.path().join(format!("r{i}.db"));
        replica::create(&hub, StorageMode::Local, &p, &mut |_, _| {}).unwrap();
        let mut r = open(&p, lead);
        let scores = if i == 0 {
            [5, 4, 4, 3, 5, 2]
        } else {
            [5, 3, 4, 2, 5, 2]
        };
        review(&mut r, 1001, scores, NOW + i as i64 * 60);
        replicas.push(p);
    }
    for _ in 0..2 {
        for p in &replicas {
            let mut r = open(p, "li");
            let mut h = open(&hub, "li");
            r.sync_with(&mut h, Direction::Both, NOW + 600).unwrap();
        }
    }
    for p in replicas.iter().chain([&hub]) {
        let s = open(p, "li");
        let reviews = s.qa_ticket_reviews(1001).unwrap();
        let who: Vec<(&str, f64)> = reviews
            .iter()
            .map(|r| (r.reviewer.as_str(), r.total))
            .collect();
        assert_eq!(who, [("li", 79.0), ("boss", 72.0)], "{}", p.display());
        let queue = s.qa_queue(PageRequest::First, 10, false).unwrap().rows;
        assert_eq!(queue.len(), 1, "one sample of #1001 in {}", p.display());
        let r = s.qa_report(NOW - DAY, NOW + DAY, SHANGHAI).unwrap();
        assert_eq!(r.calibration.len(), 1);
        assert_eq!(r.calibration[0].total_diff, -7.0);
    }
}
