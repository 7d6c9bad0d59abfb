//! History reads as people read it (issue 16): agents by name, the rules as `sla`, dates formatted — never raw
//! ids, epoch seconds or `unknown` — in the TUI (`H` on a ticket) and in `desk ticket history` / `ticket show`.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::Msg;
use desk::store::{OpenMode, Store};

macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

/// A token that is an id (a ULID), epoch seconds, or the word for a name nobody knew.
fn raw(text: &str) -> Option<&str> {
    text.split(|c: char| c.is_whitespace() || ",;()[]{}\"'".contains(c))
        .find(|t| {
            let ulid = t.len() == 26
                && t.chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
            let epoch = t.len() >= 9 && t.chars().all(|c| c.is_ascii_digit());
            ulid || epoch || *t == "unknown"
        })
}

/// `YYYY-MM-DD HH:MM` at the start of a line.
fn starts_with_date(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() > 16
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b' '
        && b[13] == b':'
}

fn desk(home: &std::path::Path, args: &[&str]) -> String {
    let o = desk_as(home, "li", args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn ticket_history_names_agents_and_the_rules_and_formats_dates() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("d.db").display().to_string();
    desk(
        home.path(),
        &["demo", "--db", &db, "--tickets", "60", "--seed", "3"],
    );
    desk(home.path(), &["sla", "run", "--db", &db]);
    // A ticket the rules escalated, with a note of theirs.
    let number: i64 = Store::open(std::path::Path::new(&db), OpenMode::Existing)
        .unwrap()
        .conn()
        .query_row(
            "SELECT t.number FROM changes c JOIN tickets t ON t.id = c.entity_id
             WHERE c.actor = 'sla' AND c.field = 'note' ORDER BY t.number LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("the demo has an escalated ticket");
    let n = number.to_string();
    desk(
        home.path(),
        &["ticket", "set", &n, "assignee=wang", "--db", &db],
    );
    let history = desk(home.path(), &["ticket", "history", &n, "--db", &db]);
    let lines: Vec<&str> = history.lines().collect();
    assert!(!lines.is_empty());
    for line in &lines {
        assert!(starts_with_date(line), "{line}");
        assert_eq!(raw(line), None, "{line}");
    }
    assert!(
        lines
            .iter()
            .any(|l| l[17..].starts_with("sla added a note")),
        "{history}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l[17..].starts_with("李娜 Li Na assignee ") && l.ends_with("→ 王芳 Wang Fang")),
        "{history}"
    );
    // The thread names the rules as the author of their note.
    let show = desk(home.path(), &["ticket", "show", &n, "--db", &db]);
    assert!(show.contains("--- sla (internal note)"), "{show}");
    assert!(!show.contains("unknown"), "{show}");
    // JSON keeps the raw entry for scripts and says it in words beside it.
    let json = desk(
        home.path(),
        &["ticket", "history", &n, "--db", &db, "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let note = json
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "note" && e["actor"] == "sla")
        .unwrap();
    assert_eq!(
        (&note["who"], &note["change"]),
        (&"sla".into(), &"added a note".into())
    );
    // A merge logs message ids; history counts them.
    let other = desk(
        home.path(),
        &[
            "ticket", "list", "--db", &db, "--view", "all-open", "--limit", "2", "--format", "json",
        ],
    );
    let other: serde_json::Value = serde_json::from_str(&other).unwrap();
    let source = other
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_i64().unwrap())
        .find(|x| *x != number)
        .unwrap()
        .to_string();
    desk(
        home.path(),
        &["ticket", "merge", &source, "--into", &n, "--db", &db],
    );
    let history = desk(home.path(), &["ticket", "history", &n, "--db", &db]);
    assert!(
        history.contains(&format!("李娜 Li Na #{source} merged into this ticket")),
        "{history}"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let source_id: String = conn
        .query_row(
            "SELECT id FROM tickets WHERE number = ?1",
            [source.parse::<i64>().unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    let store = Store::open(std::path::Path::new(&db), OpenMode::Existing).unwrap();
    let moved = store.history("ticket", &source_id).unwrap();
    assert!(moved.iter().any(|h| h.field == "moved_messages"));
    for line in history.lines() {
        assert_eq!(raw(line), None, "{line}");
    }
}

#[test]
fn the_history_pane_names_agents_and_the_rules_with_dates() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = Harness::new(store_with_tickets(60), Some("li"), w, h, NOW);
        // The periodic check escalates the fixture's breached tickets.
        a.model.escalations.every = 60;
        a.send(Msg::Tick(NOW));
        let number = a.model.escalations.feed.last().unwrap().number;
        a.keys("#").type_text(&number.to_string()).keys("enter");
        a.keys("p 4"); // low, by li
        let thread = a.screen();
        assert!(thread.contains("sla · internal note"), "{thread}");
        assert_eq!(raw(&thread), None, "{thread}");
        a.keys("H");
        let screen = a.screen();
        assert!(screen.contains("History (H shows the thread)"), "{screen}");
        assert!(screen.contains("sla      added a note"), "{screen}");
        assert!(screen.contains("Li Na    priority"), "{screen}");
        assert_eq!(raw(&screen), None, "{screen}");
        assert_screen!(format!("history_{w}x{h}"), screen);
    }
}

#[test]
fn an_imported_history_shows_its_people_sanitised_and_aligned_by_width() {
    let mut store = store_with_tickets(5);
    let record = serde_json::json!({
        "external_id": "zd-7", "subject": "Imported", "status": "open", "priority": "normal", "kind": "question",
        "channel": "web", "customer": {"email": "imp@example.com"}, "created_at": "2026-11-01T09:00:00+08:00",
        "messages": [{"author_kind": "customer", "body": "hi", "created_at": "2026-11-01T09:00:00+08:00"}],
        "history": [{"at": "2026-11-01T10:00:00+08:00", "actor": "王芳\u{1b}]0;pwned\u{7}", "field": "priority",
                     "old": "normal", "new": "high"}]
    });
    let record: desk::domain::ticket_record::TicketRecord = serde_json::from_value(record).unwrap();
    let done = store
        .import_tickets(
            || std::iter::once(("t.jsonl:1".to_string(), record.clone())),
            1,
            NOW,
        )
        .unwrap();
    assert_eq!(done.created, 1);
    let number: i64 = store
        .conn()
        .query_row(
            "SELECT number FROM tickets WHERE external_id = 'zd-7'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut a = Harness::new(store, Some("li"), 120, 40, NOW);
    a.keys("#")
        .type_text(&number.to_string())
        .keys("enter")
        .keys("H");
    let screen = a.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("王芳"))
        .expect("the imported change");
    assert!(
        !screen.contains('\u{1b}') && !screen.contains('\u{7}') && !screen.contains("pwned"),
        "{screen}"
    );
    // Two wide characters are four cells: four spaces pad them to eight, then one separates (not six: chars).
    assert!(
        line.contains("王芳     ") && !line.contains("王芳      "),
        "{line}"
    );
}

#[test]
fn the_history_pane_speaks_chinese_with_fields_and_values_named() {
    for (locale, name, priority, low) in [
        (desk::i18n::Locale::ZhCn, "zh_cn", "优先级", "蓝"),
        (desk::i18n::Locale::ZhTw, "zh_tw", "優先級", "藍"),
    ] {
        let mut a = Harness::in_locale(store_with_tickets(60), Some("li"), (80, 24), NOW, locale);
        a.model.escalations.every = 60;
        a.send(Msg::Tick(NOW));
        let number = a.model.escalations.feed.last().unwrap().number;
        a.keys("#").type_text(&number.to_string()).keys("enter");
        a.keys("p 4").keys("H");
        let screen = a.screen();
        let line = screen
            .lines()
            .find(|l| l.contains(priority) && l.contains('→'))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(line.contains(&format!("→ {low}")), "{line}");
        assert!(!screen.contains("added a note"), "{screen}");
        assert_eq!(raw(&screen), None, "{screen}");
        assert_screen!(format!("history_{name}_80x24"), screen);
    }
}

#[test]
fn ticket_history_speaks_the_cli_locale_and_json_stays_english() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("d.db").display().to_string();
    desk(
        home.path(),
        &["demo", "--db", &db, "--tickets", "20", "--seed", "3"],
    );
    let open = desk(
        home.path(),
        &[
            "ticket", "list", "--db", &db, "--view", "all-open", "--limit", "1", "--format", "json",
        ],
    );
    let open: serde_json::Value = serde_json::from_str(&open).unwrap();
    let n = open[0]["number"].as_i64().unwrap().to_string();
    desk(
        home.path(),
        &["ticket", "set", &n, "status=on_hold", "--db", &db],
    );
    let run = |lang: &str, extra: &[&str]| {
        let mut args = vec!["ticket", "history", n.as_str(), "--db", &db];
        args.extend_from_slice(extra);
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_desk"))
            .args(&args)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("USER", "li")
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let english = run("C.UTF-8", &[]);
    assert!(english.contains("status "), "{english}");
    assert!(english.contains("→ On hold"), "{english}");
    let taiwan = run("zh_TW.UTF-8", &[]);
    assert!(
        taiwan.contains("狀態 ") && taiwan.contains("→ 掛起"),
        "{taiwan}"
    );
    assert!(!taiwan.contains("→ On hold"), "{taiwan}");
    let json = run("zh_CN.UTF-8", &["--format", "json"]);
    assert!(json.contains("→ On hold"), "{json}");
    assert!(!json.contains("挂起"), "{json}");
}
