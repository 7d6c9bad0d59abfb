//! The command line in the interface's language (issue 24): tables' column titles and `ticket show` follow
//! `ui.locale` or the environment; CSV and JSON keep English keys and stable values in every locale.

mod common;

use std::path::Path;

/// desk with `args` on the demo in `home`, under `lang` (LANG; LC_ALL and LC_MESSAGES unset); stdout.
fn desk_in(home: &Path, lang: &str, args: &[&str]) -> String {
    let db = home.join("demo.db");
    let args = [args, &["--db", db.to_str().unwrap()]].concat();
    let out = common::desk_in_locale(home, "li", lang, &args);
    assert!(
        out.status.success(),
        "desk {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn demo() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    desk_in(home.path(), "C.UTF-8", &["demo"]);
    home
}

#[test]
fn a_ticket_table_speaks_the_locale_and_csv_and_json_stay_english() {
    let home = demo();
    let h = home.path();
    let list = ["ticket", "list", "--view", "all", "--limit", "20"];
    let english = desk_in(h, "C.UTF-8", &list);
    assert!(english.starts_with("NUMBER  PRIORITY  STATUS"), "{english}");
    let chinese = desk_in(h, "zh_CN.UTF-8", &list);
    let head = chinese.lines().next().unwrap();
    for title in ["编号", "优先级", "状态", "主题", "客户", "处理人"] {
        assert!(head.contains(title), "{head}");
    }
    // The same rows, statuses and priorities in their Chinese names.
    assert_eq!(chinese.lines().count(), english.lines().count());
    assert!(
        chinese.contains("处理中") || chinese.contains("等待客户"),
        "{chinese}"
    );
    assert!(
        !chinese.contains(" open ") && !chinese.contains(" pending "),
        "{chinese}"
    );

    let csv = |lang| {
        desk_in(
            h,
            lang,
            &[
                "ticket", "list", "--view", "all", "--limit", "20", "--format", "csv",
            ],
        )
    };
    assert_eq!(
        csv("zh_TW.UTF-8"),
        csv("C.UTF-8"),
        "CSV is the same in every locale"
    );
    assert!(csv("zh_TW.UTF-8").starts_with("number,priority,status,"));
    let json = |lang| {
        desk_in(
            h,
            lang,
            &[
                "ticket", "list", "--view", "all", "--limit", "5", "--format", "json",
            ],
        )
    };
    assert_eq!(
        json("zh_CN.UTF-8"),
        json("C.UTF-8"),
        "JSON is the same in every locale"
    );
}

#[test]
fn ticket_show_labels_follow_the_locale() {
    let home = demo();
    let h = home.path();
    let english = desk_in(h, "C.UTF-8", &["ticket", "show", "1001"]);
    assert!(
        english.contains("status ") && english.contains(" · priority "),
        "{english}"
    );
    let tw = desk_in(h, "zh_TW.UTF-8", &["ticket", "show", "1001"]);
    for label in [
        "狀態 ",
        " · 優先級 ",
        " · 類型 ",
        "客戶 ",
        " · 處理人 ",
        "建立 ",
    ] {
        assert!(tw.contains(label), "{label}: {tw}");
    }
    assert!(!tw.contains("cli-show"), "a key with no message: {tw}");
    // The subject line and the thread are the ticket's own text in any locale.
    assert_eq!(english.lines().next(), tw.lines().next());
}

#[test]
fn ui_locale_in_the_config_wins_over_the_environment() {
    let home = demo();
    let h = home.path();
    std::fs::create_dir_all(h.join("config/desk")).unwrap();
    std::fs::write(
        h.join("config/desk/config.toml"),
        "[ui]\nlocale = \"zh-CN\"\n",
    )
    .unwrap();
    let out = desk_in(h, "en_US.UTF-8", &["customer", "list", "--limit", "3"]);
    let head = out.lines().next().unwrap();
    assert!(head.contains("名称") && head.contains("等级"), "{head}");
    // Tiers and stages in their Chinese names, as the Customers pane shows them.
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert!(
        rows.iter().all(|r| ["钻石", "黄金", "白银", "青铜"]
            .iter()
            .any(|t| r.contains(t))),
        "{out}"
    );
    let csv = desk_in(
        h,
        "en_US.UTF-8",
        &["customer", "list", "--limit", "3", "--format", "csv"],
    );
    assert!(csv.starts_with("id,name,tier,stage,risk,"), "{csv}");
    assert!(
        !csv.contains("黄金") && !csv.contains("钻石"),
        "CSV keeps the stable names: {csv}"
    );
}

/// A ticket write says what it did in the locale: `#1001：已添加内部备注`, and a change list in the locale's words.
#[test]
fn a_ticket_write_says_what_it_did_in_the_locale() {
    let home = demo();
    let h = home.path();
    let open = desk_in(
        h,
        "C.UTF-8",
        &[
            "ticket", "list", "--view", "all-open", "--limit", "1", "--format", "csv",
        ],
    );
    let number = open
        .lines()
        .nth(1)
        .and_then(|l| l.split(',').next())
        .unwrap()
        .to_string();
    let note = desk_in(
        h,
        "zh_CN.UTF-8",
        &["ticket", "note", &number, "--body", "已检查纸盒"],
    );
    assert_eq!(note.trim(), format!("#{number}：已添加内部备注"));
    desk_in(h, "C.UTF-8", &["ticket", "set", &number, "priority=normal"]);
    let zh_tw_set = ["ticket", "set", &number, "status=pending", "priority=low"];
    let set = desk_in(h, "zh_TW.UTF-8", &zh_tw_set);
    let line = set.trim();
    assert!(line.starts_with(&format!("#{number}：版本 ")), "{line}");
    assert!(line.contains("→ 等待客戶") && line.contains("，"), "{line}");
    assert!(line.contains("優先級 綠 → 藍"), "{line}");
    let english = desk_in(h, "C.UTF-8", &["ticket", "set", &number, "priority=urgent"]);
    assert!(
        english.trim().starts_with(&format!("#{number}: version ")),
        "{english}"
    );
    assert!(english.contains("; priority Low → Urgent"), "{english}");
}
