//! `desk report` on the demo database (seed 42, frozen `NOW`, Shanghai time): the Markdown report is snapshotted,
//! and the CSV and JSON forms parse and carry the same headline numbers as the Markdown table.

mod common;

use common::NOW;
use desk::cli::report::{ReportArgs, ReportFormat};
use desk::domain::metrics::{Indicator, MetricsRules};
use desk::store::{OpenMode, Store};

const SHANGHAI: i64 = 8 * 3600;

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let cfg = desk::config::parse("", "test").unwrap();
    let l = cfg.loop_rules();
    let rules =
        desk::store::sla::ServiceRules::new(cfg.sla_rules(), l.follow_up_after, l.auto_close_after)
            .with_crm(cfg.crm.clone());
    let args = desk::cli::demo::DemoArgs {
        tickets: 200,
        customers: None,
        articles: 33,
        seed: 42,
        force: false,
        locale: None,
    };
    desk::cli::demo::generate(&path, &args, rules.clone(), NOW, false, false).unwrap();
    let mut store = Store::open(&path, OpenMode::Existing).unwrap();
    store.set_service_rules(rules);
    (dir, store)
}

fn report(store: &mut Store, format: ReportFormat, extra: &[(&str, &str)]) -> String {
    let mut args = ReportArgs {
        from: None,
        to: None,
        period: "30d".into(),
        group_by: None,
        format,
    };
    for (k, v) in extra {
        match *k {
            "from" => args.from = Some(v.to_string()),
            "to" => args.to = Some(v.to_string()),
            "group_by" => args.group_by = Some(v.to_string()),
            "period" => args.period = v.to_string(),
            _ => unreachable!(),
        }
    }
    let mut out = Vec::new();
    desk::cli::report::run(
        store,
        &args,
        &MetricsRules::default(),
        NOW,
        SHANGHAI,
        &mut desk::cli::output::Out::new(&mut out),
        false,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

/// The "This period" cell of an indicator's row in the Markdown table.
fn md_value(md: &str, label: &str) -> String {
    let row = md
        .lines()
        .find(|l| l.starts_with(&format!("| {label} |")))
        .unwrap_or_else(|| panic!("no row {label}"));
    row.split('|').nth(2).unwrap().trim().to_string()
}

#[test]
fn markdown_report_of_the_demo() {
    let (_dir, mut store) = demo();
    let md = report(&mut store, ReportFormat::Md, &[]);
    insta::assert_snapshot!("report_demo_30d", md);
    // The four sections of a quality report, in order.
    let at = |h: &str| md.find(h).unwrap_or_else(|| panic!("missing {h}"));
    assert!(at("## 1. Current state") < at("## 2. Problems"));
    assert!(at("## 2. Problems") < at("## 3. Improvement suggestions"));
    assert!(at("## 3. Improvement suggestions") < at("## 4. Appendix"));
    assert!(
        md.contains("### By agent"),
        "Markdown groups by agent unless told otherwise"
    );
}

#[test]
fn csv_and_json_agree_with_markdown_on_the_headline_numbers() {
    let (_dir, mut store) = demo();
    let md = report(&mut store, ReportFormat::Md, &[]);
    let json: serde_json::Value =
        serde_json::from_str(&report(&mut store, ReportFormat::Json, &[])).unwrap();
    assert_eq!(json["schema"], 1);
    let csv_text = report(&mut store, ReportFormat::Csv, &[]);
    let mut csv = csv::Reader::from_reader(csv_text.as_bytes());
    let head = csv.headers().unwrap().clone();
    let current = csv.records().next().unwrap().unwrap();
    assert_eq!(&current[0], "current");
    let from_csv = |ind: Indicator| -> Option<f64> {
        let i = head.iter().position(|h| h == ind.as_str()).unwrap();
        current[i].parse().ok()
    };
    let from_json = |ind: Indicator| -> Option<f64> {
        json["report"]["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["indicator"] == ind.as_str())
            .unwrap()["current"]
            .as_f64()
    };
    let mut checked = 0;
    for ind in [
        Indicator::Created,
        Indicator::Solved,
        Indicator::Backlog,
        Indicator::FrtMean,
        Indicator::FrtMedian,
        Indicator::FrtWallMean,
        Indicator::ResolutionMean,
        Indicator::ResolutionWallP90,
        Indicator::FrtSla,
        Indicator::ResolutionSla,
        Indicator::Fcr,
        Indicator::ComplaintRate,
        Indicator::Csat,
        Indicator::Nps,
        Indicator::Ces,
        Indicator::Csi,
        Indicator::Sqi,
    ] {
        let j = from_json(ind).unwrap_or_else(|| panic!("{ind} has no value in the demo"));
        let c = from_csv(ind).unwrap();
        assert!((j - c).abs() < 0.01, "{ind}: json {j} csv {c}");
        assert_eq!(md_value(&md, ind.label()), ind.format(j), "{ind}");
        checked += 1;
    }
    assert_eq!(checked, 17);
    assert!(
        from_json(Indicator::Created).unwrap() > 20.0,
        "30 days of the demo hold tickets"
    );
    // Hot topics: this month (2026-11-01 to the report's last day) counts every ticket created in it once by
    // category, as the daily rows do; the Markdown section lists the same top category.
    let topics = &json["report"]["hot_topics"];
    assert_eq!(topics["months"]["from"], "2026-11-01");
    assert_eq!(topics["months"]["previous_from"], "2026-10-01");
    let category = &topics["rankings"][0];
    assert_eq!(category["dim"], "category");
    let november: u64 = json["report"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["date"].as_str().unwrap() >= "2026-11-01")
        .map(|d| d["created"].as_u64().unwrap())
        .sum();
    assert_eq!(category["total"].as_u64(), Some(november));
    let top = category["top"][0]["label"].as_str().unwrap();
    assert!(md.contains("### Hot topics 热点问题"), "{md}");
    assert!(md.contains(&format!("| {top} | {} |", category["top"][0]["count"])));
    for dim in ["tag", "product"] {
        let r = topics["rankings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["dim"] == dim)
            .unwrap();
        assert!(
            !r["top"].as_array().unwrap().is_empty(),
            "the demo has {dim} topics"
        );
    }
}

#[test]
fn group_by_and_dates_choose_the_rows_and_bad_arguments_say_what_to_write() {
    let (_dir, mut store) = demo();
    let csv_text = report(
        &mut store,
        ReportFormat::Csv,
        &[
            ("group_by", "channel"),
            ("from", "2026-11-01"),
            ("to", "2026-11-18"),
        ],
    );
    let mut csv = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][2], "2026-11-01 – 2026-11-18");
    let channels: Vec<&str> = rows[2..].iter().map(|r| &r[0]).collect();
    assert!(
        !channels.is_empty() && channels.iter().all(|c| *c == "channel"),
        "{channels:?}"
    );
    // The groups add up to the whole period's volume.
    let created = |r: &csv::StringRecord| r[3].parse::<f64>().unwrap();
    let sum: f64 = rows[2..].iter().map(created).sum();
    assert_eq!(sum, created(&rows[0]));

    let args = ReportArgs {
        from: None,
        to: None,
        period: "fortnight".into(),
        group_by: None,
        format: ReportFormat::Md,
    };
    let err = desk::cli::report::run(
        &mut store,
        &args,
        &MetricsRules::default(),
        NOW,
        SHANGHAI,
        &mut desk::cli::output::Out::new(&mut Vec::new()),
        false,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("--period `fortnight`") && err.contains("7d, 30d or quarter"),
        "{err}"
    );
    let args = ReportArgs {
        from: Some("2026-13-01".into()),
        period: "30d".into(),
        ..args
    };
    let err = desk::cli::report::run(
        &mut store,
        &args,
        &MetricsRules::default(),
        NOW,
        SHANGHAI,
        &mut desk::cli::output::Out::new(&mut Vec::new()),
        false,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("--from `2026-13-01` is not a date"), "{err}");
}
