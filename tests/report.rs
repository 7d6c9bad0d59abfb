//! `desk report` on the demo database (seed 42, frozen `NOW`, Shanghai time): the Markdown report is snapshotted,
//! and the CSV and JSON forms parse and carry the same headline numbers as the Markdown table.

mod common;

use common::NOW;
use desk::cli::report::{Headers, ReportArgs, ReportFormat};
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
        locale: None,
        headers: Headers::En,
    };
    for (k, v) in extra {
        match *k {
            "locale" => args.locale = Some(desk::cli::report::parse_locale(v).unwrap()),
            "headers" => args.headers = Headers::Locale,
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
        locale: None,
        headers: Headers::En,
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

/// Every number of a text in order: `5h35m` gives 5 and 35, `51.9%` gives 51.9.
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        let continues = c.is_ascii_digit() || (c == '.' && !current.is_empty());
        if continues {
            current.push(c);
        } else if !current.is_empty() {
            out.push(current.trim_end_matches('.').to_string());
            current.clear();
        }
    }
    if !current.is_empty() {
        out.push(current.trim_end_matches('.').to_string());
    }
    out
}

#[test]
fn the_chinese_markdown_report_of_the_demo_has_the_english_numbers() {
    let (_dir, mut store) = demo();
    let en = report(&mut store, ReportFormat::Md, &[]);
    let zh = report(&mut store, ReportFormat::Md, &[("locale", "zh-CN")]);
    insta::assert_snapshot!("report_demo_30d_zh_cn", zh);
    let at = |h: &str| zh.find(h).unwrap_or_else(|| panic!("missing {h}"));
    assert!(at("# 服务质量评估报告") < at("## 1. 现状"));
    assert!(at("## 1. 现状") < at("## 2. 问题与原因"));
    assert!(at("## 2. 问题与原因") < at("## 3. 改进建议"));
    assert!(at("## 3. 改进建议") < at("## 4. 附录"));
    assert!(zh.contains("### 按客服"), "grouped by agent in Chinese too");
    // Indicator names, statuses, durations and suggestions are Chinese; the English words are gone.
    assert!(
        zh.contains("| 首次响应时间（均值） | 5小时35分 | ≤ 8小时 | 达标 |"),
        "{zh}"
    );
    assert!(zh.contains("（规则 `frt-sla`）"), "{zh}");
    for english in [
        "Current state",
        "This period",
        "missed",
        "Improvement suggestions",
        "First responses met",
        "Daily",
        "Definitions",
    ] {
        assert!(
            !zh.contains(english),
            "`{english}` left in the Chinese report"
        );
    }
    // The same figures in the same order: only the words around them changed.
    let (en_numbers, zh_numbers) = (numbers(&en), numbers(&zh));
    assert!(en_numbers.len() > 500, "{}", en_numbers.len());
    if en_numbers != zh_numbers {
        let first = en_numbers
            .iter()
            .zip(&zh_numbers)
            .position(|(a, b)| a != b)
            .unwrap_or(en_numbers.len().min(zh_numbers.len()));
        panic!(
            "numbers differ from the {first}th on: en {:?}, zh {:?}",
            &en_numbers[first..(first + 8).min(en_numbers.len())],
            &zh_numbers[first..(first + 8).min(zh_numbers.len())],
        );
    }
}

/// Characters only simplified Chinese writes (their traditional forms differ).
const SIMPLIFIED_ONLY: &str =
    "报质满务诉议现问题据时间计划处发员单录细类标签级响应达统态对这数额价货换维检测阅读评论钟";

#[test]
fn the_traditional_chinese_report_uses_taiwan_words() {
    let (_dir, mut store) = demo();
    let en = report(&mut store, ReportFormat::Md, &[]);
    let tw = report(&mut store, ReportFormat::Md, &[("locale", "zh-TW")]);
    for words in [
        "# 服務品質評估報表",
        "## 3. 改善建議",
        "| 客訴率 | 13.8% | ≤ 10.0% | **未達標** | 5.8% | ▲ +8.0 個百分點 |",
        "| 客戶滿意度（CSAT） | 76.9% |",
        "### 依客服",
        "### 到府服務",
    ] {
        assert!(tw.contains(words), "`{words}` not in:\n{tw}");
    }
    // Every heading comes from the catalogue: none is in simplified characters (the demo's names may be).
    for line in tw.lines().filter(|l| l.starts_with('#')) {
        assert!(
            !line.chars().any(|c| SIMPLIFIED_ONLY.contains(c)),
            "simplified in `{line}`"
        );
    }
    assert_eq!(numbers(&en), numbers(&tw));
}

#[test]
fn the_traditional_catalogue_is_written_in_traditional_characters() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/locales/zh-TW/report.ftl"
    ))
    .unwrap();
    let found: Vec<(usize, char)> = text
        .lines()
        .enumerate()
        .flat_map(|(n, l)| l.chars().map(move |c| (n + 1, c)))
        .filter(|(_, c)| SIMPLIFIED_ONLY.contains(*c))
        .collect();
    assert!(found.is_empty(), "simplified characters: {found:?}");
}

#[test]
fn csv_headers_follow_the_locale_on_request_and_the_values_do_not() {
    let (_dir, mut store) = demo();
    let en = report(&mut store, ReportFormat::Csv, &[("locale", "zh-CN")]);
    let zh = report(
        &mut store,
        ReportFormat::Csv,
        &[("locale", "zh-CN"), ("headers", "locale")],
    );
    let (en_head, en_rows) = en.split_once('\n').unwrap();
    let (_, zh_rows) = zh.split_once('\n').unwrap();
    // Without --headers locale the keys stay stable whatever the locale.
    assert!(en_head.starts_with("scope,key,label,created,solved,backlog,frt_mean"));
    let mut csv = csv::Reader::from_reader(zh.as_bytes());
    let head: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(head[..4], ["范围", "键", "名称", "新建工单"]);
    assert!(
        head.contains(&"首次响应 SLA 达标率".to_string()),
        "{head:?}"
    );
    assert_eq!(head.len(), 3 + Indicator::ALL.len());
    assert_eq!(en_rows, zh_rows, "the values are the same in every locale");
    let tw = report(
        &mut store,
        ReportFormat::Csv,
        &[("locale", "zh-TW"), ("headers", "locale")],
    );
    assert!(tw.starts_with("範圍,鍵,名稱,新建工單,已解決工單"), "{tw}");
    // JSON keys never change: the Chinese report's JSON is the English one.
    let json_en = report(&mut store, ReportFormat::Json, &[]);
    let json_zh = report(&mut store, ReportFormat::Json, &[("locale", "zh-CN")]);
    assert_eq!(json_en, json_zh);
}

#[test]
fn a_locale_desk_does_not_have_names_the_ones_it_has() {
    let err = desk::cli::report::parse_locale("fr")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("`fr`") && err.contains("`en`, `zh-CN`, `zh-TW`"),
        "{err}"
    );
    assert_eq!(
        desk::cli::report::parse_locale("zh-TW").ok(),
        Some(desk::i18n::Locale::ZhTw)
    );
    use clap::Parser;
    let err = desk::cli::Cli::try_parse_from(["desk", "report", "--locale", "zh_CN"])
        .unwrap_err()
        .to_string();
    assert!(err.contains("--locale") && err.contains("`zh-CN`"), "{err}");
}

/// `desk report` as a user runs it: `--locale`, else `ui.locale`, else the environment's locale.
#[test]
fn the_command_speaks_the_interfaces_language_unless_told_otherwise() {
    let (dir, _store) = demo();
    let db = dir.path().join("demo.db").display().to_string();
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("desk")).unwrap();
    let run = |lang: &str, ui_locale: Option<&str>, args: &[&str]| {
        let text = ui_locale.map_or(String::new(), |l| format!("[ui]\nlocale = \"{l}\"\n"));
        std::fs::write(config.join("desk/config.toml"), text).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_desk"))
            .args(["report", "--db", &db])
            .args(args)
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", &config)
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let title = |md: &str| md.lines().next().unwrap_or_default().to_string();
    assert_eq!(
        title(&run("C.UTF-8", None, &[]).0),
        "# Service quality report 服务质量评估报告"
    );
    assert_eq!(
        title(&run("zh_CN.UTF-8", None, &[]).0),
        "# 服务质量评估报告"
    );
    assert_eq!(
        title(&run("zh_CN.UTF-8", Some("zh-TW"), &[]).0),
        "# 服務品質評估報表"
    );
    let (md, _) = run("zh_CN.UTF-8", Some("zh-TW"), &["--locale", "en"]);
    assert_eq!(title(&md), "# Service quality report 服务质量评估报告");
    let (csv, _) = run(
        "zh_HK.UTF-8",
        None,
        &["--format", "csv", "--headers", "locale"],
    );
    assert!(csv.starts_with("範圍,鍵,名稱,"), "{csv}");
    let (out, err) = run("C", None, &["--locale", "fr"]);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("--locale") && err.contains("`en`, `zh-CN`, `zh-TW`"),
        "{err}"
    );
}
