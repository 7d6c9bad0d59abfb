//! The interface in Chinese in a real terminal (issue 24, tmux 120×40): the demo under `LANG=zh_CN.UTF-8` speaks
//! 简体中文, and under `ui.locale = "zh-TW"` in the config (the environment saying English) 繁體中文 — the tabs,
//! the help and an opened ticket.

mod common;

use common::tmux::{Tmux, clean_env};
use desk::domain::ticket::Status;
use desk::i18n::{Locale, tr};

/// Starts `desk --demo` in a fresh home with `env` added (and `config`, when given, as its config file).
fn demo(
    name: &str,
    home: &std::path::Path,
    env: &[(&'static str, &str)],
    config: Option<&str>,
) -> Tmux {
    if let Some(text) = config {
        let dir = home.join("config/desk");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.toml"), text).unwrap();
    }
    let mut vars = clean_env(home);
    for (k, v) in env {
        vars.retain(|(name, _)| name != k);
        vars.push((k, v.to_string()));
    }
    let t = Tmux::start(name, 120, 40, home, &vars);
    t.type_text(&format!("{} --demo", env!("CARGO_BIN_EXE_desk")));
    t.keys(&["Enter"]);
    t
}

/// The text of a message up to its first variable: what shows whatever the variables are.
fn head(locale: Locale, key: &str) -> String {
    let text = tr(locale, key);
    text.split('{')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Tabs, help and a ticket in `locale`, and no English tab or help title left.
fn speaks(t: &Tmux, locale: Locale, queues_tab: &str, help: &str) {
    assert_eq!(
        tr(locale, "tabs-queues"),
        queues_tab,
        "the catalogue's tab name"
    );
    let screen = t.wait_until("the queue in the locale", |s| {
        s.contains(queues_tab) && s.contains(" #1")
    });
    for key in ["tabs-ticket", "tabs-customers", "tabs-kb"] {
        assert!(screen.contains(&tr(locale, key)), "{key}:\n{screen}");
    }
    assert!(!screen.contains("Queues"), "an English tab:\n{screen}");

    t.keys(&["?"]);
    let screen = t.wait_until("the help", |s| s.contains(help));
    assert!(screen.contains(&head(locale, "help-title")), "{screen}");
    assert!(
        !screen.contains("Keys —"),
        "the English help title:\n{screen}"
    );
    t.keys(&["Escape"]);
    t.wait_until("the help closed", |s| !s.contains(help));

    // The first ticket of the queue: its number heads the pane, and its status reads in the locale.
    t.keys(&["Enter"]);
    let statuses: Vec<String> = Status::ALL
        .iter()
        .map(|s| desk::i18n::status(locale, *s))
        .collect();
    let screen = t.wait_until("the ticket in the locale", |s| {
        s.lines().any(|l| l.starts_with("│#1"))
            && statuses.iter().any(|name| s.contains(name.as_str()))
    });
    let header: Vec<&str> = screen.lines().skip(1).take(8).collect();
    assert!(
        header
            .iter()
            .any(|l| statuses.iter().any(|name| l.contains(name.as_str()))),
        "the status in the header:\n{screen}"
    );
    t.keys(&["q"]);
    t.wait_until("desk gone", |_| !t.alternate_on());
}

#[test]
fn lang_zh_cn_gives_simplified_chinese_tabs_help_and_tickets() {
    let home = tempfile::tempdir().unwrap();
    let t = demo("zh-cn", home.path(), &[("LANG", "zh_CN.UTF-8")], None);
    speaks(&t, Locale::ZhCn, "工单队列", "按键 —");
}

#[test]
fn ui_locale_zh_tw_in_the_config_wins_over_an_english_environment() {
    let home = tempfile::tempdir().unwrap();
    let t = demo(
        "zh-tw",
        home.path(),
        &[("LANG", "en_US.UTF-8")],
        Some("[ui]\nlocale = \"zh-TW\"\n"),
    );
    speaks(&t, Locale::ZhTw, "工單佇列", "按鍵 —");
}

/// A newcomer's first `desk` (no database anywhere yet) under `LANG=zh_TW.UTF-8`: the knowledge base it makes
/// holds the starter articles in traditional characters, as drafts, as `desk init` would have made it.
#[test]
fn a_first_start_in_traditional_chinese_has_the_starter_articles_as_drafts() {
    let home = tempfile::tempdir().unwrap();
    let mut vars = clean_env(home.path());
    vars.retain(|(name, _)| *name != "LANG");
    vars.push(("LANG", "zh_TW.UTF-8".to_string()));
    let t = Tmux::start("first-start", 120, 40, home.path(), &vars);
    t.type_text(env!("CARGO_BIN_EXE_desk"));
    t.keys(&["Enter"]);
    t.wait_for("工單佇列");
    t.keys(&["4"]);
    let starter = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/kb-starter/zh-TW/returns-and-refunds.md"
    ))
    .unwrap();
    let title = starter
        .lines()
        .find_map(|l| l.strip_prefix("title = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("the article's title")
        .to_string();
    let screen = t.wait_for(&title);
    let row = screen.lines().find(|l| l.contains(&title)).unwrap();
    assert!(row.contains("草稿"), "a draft, not published:\n{screen}");
    assert!(screen.contains("[1/6]"), "six articles:\n{screen}");
    t.keys(&["q"]);
    t.wait_until("desk gone", |_| !t.alternate_on());
}
