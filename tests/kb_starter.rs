//! The starter knowledge base: the same six articles in en, zh-CN and zh-TW, in the file form `kb export` writes,
//! each script kept apart; `desk init` adds the interface's set as drafts (not with `--no-starter-articles`, not to
//! a database that was already there), and `desk kb starter` adds a set once, leaving what a team edited alone.

use desk::cli::kb_starter::{ARTICLES, TAG, articles};
use desk::domain::kb::{ArticleDoc, ArticleStatus};
use desk::i18n::Locale;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Output;

mod common;

/// Simplified forms and their traditional forms, where the two differ and neither is a character of the other
/// script in its own right.
const PAIRS: &[(char, char)] = &[
    ('这', '這'),
    ('发', '發'),
    ('帐', '帳'),
    ('账', '帳'),
    ('号', '號'),
    ('码', '碼'),
    ('货', '貨'),
    ('机', '機'),
    ('单', '單'),
    ('门', '門'),
    ('时', '時'),
    ('间', '間'),
    ('户', '戶'),
    ('请', '請'),
    ('运', '運'),
    ('费', '費'),
    ('们', '們'),
    ('维', '維'),
    ('确', '確'),
    ('说', '說'),
    ('后', '後'),
    ('里', '裡'),
];

fn parsed(locale: Locale) -> Vec<(&'static str, ArticleDoc)> {
    articles(locale)
        .map(|(name, text)| {
            let doc = ArticleDoc::parse(text).unwrap_or_else(|e| panic!("{locale}/{name}: {e}"));
            (name, doc)
        })
        .collect()
}

/// File name → category, and the file names grouped by category: the shape a locale's set has.
fn categories(docs: &[(&'static str, ArticleDoc)]) -> BTreeSet<BTreeSet<&'static str>> {
    let mut by: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
    for (name, doc) in docs {
        let category = doc
            .category
            .clone()
            .expect("a starter article has a category");
        by.entry(category).or_default().insert(name);
    }
    by.into_values().collect()
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[test]
fn every_locale_ships_the_same_six_articles_in_the_export_form() {
    let en = parsed(Locale::En);
    assert_eq!(en.len(), 6);
    let names: Vec<&str> = en.iter().map(|(n, _)| *n).collect();
    for locale in Locale::ALL {
        let docs = parsed(locale);
        let here: Vec<&str> = docs.iter().map(|(n, _)| *n).collect();
        assert_eq!(here, names, "{locale}: the same files, in the same order");
        assert_eq!(
            categories(&docs),
            categories(&en),
            "{locale}: the articles share categories as the English ones do"
        );
        let titles: BTreeSet<&str> = docs.iter().map(|(_, d)| d.title.as_str()).collect();
        assert_eq!(titles.len(), 6, "{locale}: six titles");
        for ((name, doc), (_, english)) in docs.iter().zip(&en) {
            let text = articles(locale)
                .find(|(n, _)| n == name)
                .map(|(_, t)| t)
                .unwrap();
            // Byte for byte what `desk kb export` would write for this article (without an id: a new one).
            assert_eq!(
                doc.render(),
                text,
                "{locale}/{name} is not in the export form"
            );
            assert_eq!(doc.id, None, "{locale}/{name}");
            assert_eq!(doc.status, ArticleStatus::Draft, "{locale}/{name}");
            assert!(
                doc.tags.iter().any(|t| t == TAG),
                "{locale}/{name}: {:?}",
                doc.tags
            );
            assert_eq!(
                doc.tags.len(),
                english.tags.len(),
                "{locale}/{name}: {:?} against {:?}",
                doc.tags,
                english.tags
            );
            let size = match locale {
                Locale::En => doc.body.split_whitespace().count(),
                _ => doc
                    .body
                    .chars()
                    .filter(|c| !c.is_whitespace() && !"#*-".contains(*c))
                    .count(),
            };
            let (least, most) = if locale == Locale::En {
                (120, 300)
            } else {
                (200, 500)
            };
            assert!(
                (least..=most).contains(&size),
                "{locale}/{name}: {size} words or characters, not {least}–{most}"
            );
            if locale == Locale::En {
                assert!(!doc.title.chars().any(is_han), "{name}: {}", doc.title);
            } else {
                assert!(
                    doc.title.chars().any(is_han),
                    "{locale}/{name}: {}",
                    doc.title
                );
            }
        }
    }
}

#[test]
fn the_table_holds_every_file_under_assets_kb_starter() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/kb-starter");
    let on_disk: BTreeSet<(String, String)> = std::fs::read_dir(&root)
        .unwrap()
        .flat_map(|d| {
            let dir = d.unwrap().path();
            let locale = dir.file_name().unwrap().to_string_lossy().into_owned();
            std::fs::read_dir(&dir).unwrap().map(move |f| {
                let name = f.unwrap().file_name().to_string_lossy().into_owned();
                (locale.clone(), name)
            })
        })
        .collect();
    let table: BTreeSet<(String, String)> = ARTICLES
        .iter()
        .map(|(l, n, _)| (l.tag().to_string(), n.to_string()))
        .collect();
    assert_eq!(on_disk, table);
    assert_eq!(table.len(), ARTICLES.len(), "no file twice");
}

#[test]
fn traditional_and_simplified_articles_stay_in_their_own_script() {
    for (name, text) in articles(Locale::ZhTw) {
        let simplified: String = PAIRS
            .iter()
            .map(|(s, _)| *s)
            .filter(|s| text.contains(*s))
            .collect();
        assert!(
            simplified.is_empty(),
            "zh-TW/{name} has simplified {simplified}"
        );
        assert!(
            desk::domain::han_script::is_traditional(text),
            "zh-TW/{name}"
        );
    }
    for (name, text) in articles(Locale::ZhCn) {
        let traditional: String = PAIRS
            .iter()
            .map(|(_, t)| *t)
            .filter(|t| text.contains(*t))
            .collect();
        assert!(
            traditional.is_empty(),
            "zh-CN/{name} has traditional {traditional}"
        );
        assert!(
            !desk::domain::han_script::is_traditional(text),
            "zh-CN/{name}"
        );
    }
    // Taiwan's words, not the mainland's in other characters.
    let tw: String = articles(Locale::ZhTw).map(|(_, t)| t).collect();
    for word in ["保固", "發票", "到府", "帳號", "密碼", "訊息", "簡訊"] {
        assert!(tw.contains(word), "zh-TW never says {word}");
    }
    for word in ["保修", "帳户", "账户", "短信", "视频", "信息"] {
        assert!(!tw.contains(word), "zh-TW says {word}");
    }
}

fn desk(home: &Path, lang: &str, args: &[&str]) -> Output {
    common::desk_in_locale(home, "li", lang, args)
}

fn ok(home: &Path, lang: &str, args: &[&str]) -> String {
    let o = desk(home, lang, args);
    assert!(
        o.status.success(),
        "desk {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every article (drafts included) as `kb list` gives it in JSON.
fn listed(home: &Path, db: &str) -> Vec<serde_json::Value> {
    let text = ok(
        home,
        "C.UTF-8",
        &[
            "kb", "list", "--db", db, "--view", "all", "--limit", "0", "--format", "json",
        ],
    );
    serde_json::from_str(&text).unwrap()
}

#[test]
fn init_adds_the_interface_languages_starter_articles_as_drafts() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = h.join("team.db").display().to_string();
    let said = ok(h, "zh_CN.UTF-8", &["init", "--db", &db]);
    assert!(said.starts_with("数据库已就绪："), "{said}");
    assert!(said.contains("已在知识库中添加 6 篇入门文章"), "{said}");
    assert!(said.contains("desk kb list --view drafts"), "{said}");
    let all = listed(h, &db);
    assert_eq!(all.len(), 6, "{all:?}");
    let shipped: BTreeSet<String> = parsed(Locale::ZhCn)
        .into_iter()
        .map(|(_, d)| d.title)
        .collect();
    for a in &all {
        assert_eq!(a["status"], "draft", "{a}");
        let title = a["title"].as_str().unwrap();
        assert!(
            shipped.contains(title),
            "{title} is not a zh-CN starter title"
        );
    }
    let drafts: Vec<serde_json::Value> = serde_json::from_str(&ok(
        h,
        "C.UTF-8",
        &[
            "kb", "list", "--db", &db, "--view", "drafts", "--format", "json",
        ],
    ))
    .unwrap();
    assert_eq!(drafts.len(), 6);
    let one: serde_json::Value = serde_json::from_str(&ok(
        h,
        "C.UTF-8",
        &[
            "kb",
            "show",
            all[0]["id"].as_str().unwrap(),
            "--db",
            &db,
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert!(
        one["tags"].as_array().unwrap().iter().any(|t| t == TAG),
        "{one}"
    );
    // Not published by anyone: nothing reaches a customer until the team says so.
    let published = desk(
        h,
        "C.UTF-8",
        &["kb", "search", "发票", "--db", &db, "--format", "json"],
    );
    assert_eq!(String::from_utf8_lossy(&published.stdout).trim(), "[]");

    // A second init finds the database there: it adds nothing.
    let again = ok(h, "zh_CN.UTF-8", &["init", "--db", &db]);
    assert!(!again.contains("入门文章"), "{again}");
    assert_eq!(listed(h, &db).len(), 6);

    // English and Taiwan interfaces get their own sets.
    let en = h.join("en.db").display().to_string();
    let said = ok(h, "C.UTF-8", &["init", "--db", &en]);
    assert!(said.contains("added 6 starter articles"), "{said}");
    assert!(
        listed(h, &en)
            .iter()
            .any(|a| a["title"] == "My package arrived damaged")
    );
    let tw = h.join("tw.db").display().to_string();
    ok(h, "zh_TW.UTF-8", &["init", "--db", &tw]);
    assert!(
        listed(h, &tw)
            .iter()
            .any(|a| a["title"] == "重設密碼與帳號解鎖")
    );
}

#[test]
fn init_without_starter_articles_leaves_the_knowledge_base_empty() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = h.join("team.db").display().to_string();
    let said = ok(
        h,
        "zh_CN.UTF-8",
        &["init", "--db", &db, "--no-starter-articles"],
    );
    assert!(!said.contains("入门文章"), "{said}");
    assert!(listed(h, &db).is_empty());
}

#[test]
fn kb_starter_adds_a_set_once_and_keeps_what_the_team_changed() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = h.join("team.db").display().to_string();
    ok(
        h,
        "C.UTF-8",
        &["init", "--db", &db, "--no-starter-articles"],
    );
    let said = ok(h, "C.UTF-8", &["kb", "starter", "--db", &db]);
    assert!(
        said.starts_with("starter articles (en): 6 added as drafts, 0 skipped"),
        "{said}"
    );
    assert!(said.contains("desk kb list --view drafts"), "{said}");
    let first = listed(h, &db);
    assert_eq!(first.len(), 6);

    // The team publishes one; a second run skips all six and leaves that one published.
    let id = first[0]["id"].as_str().unwrap();
    ok(
        h,
        "C.UTF-8",
        &["kb", "status", id, "published", "--db", &db],
    );
    let said = ok(h, "C.UTF-8", &["kb", "starter", "--db", &db]);
    assert!(
        said.starts_with("starter articles (en): 0 added as drafts, 6 skipped"),
        "{said}"
    );
    assert!(
        !said.contains("--view drafts"),
        "nothing new to review: {said}"
    );
    let second = listed(h, &db);
    assert_eq!(second.len(), 6);
    let status = |list: &[serde_json::Value]| {
        list.iter()
            .find(|a| a["id"] == id)
            .map(|a| a["status"].clone())
    };
    assert_eq!(status(&second), Some("published".into()));

    // Another language is another set; in the interface's words.
    let said = ok(
        h,
        "zh_TW.UTF-8",
        &["kb", "starter", "--db", &db, "--locale", "zh-TW"],
    );
    assert!(said.contains("新增 6 篇草稿，略過 0 篇"), "{said}");
    assert_eq!(listed(h, &db).len(), 12);
}

#[test]
fn kb_starter_refuses_an_unknown_locale_in_one_line() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = h.join("team.db").display().to_string();
    ok(
        h,
        "C.UTF-8",
        &["init", "--db", &db, "--no-starter-articles"],
    );
    for lang in ["C.UTF-8", "zh_CN.UTF-8"] {
        let o = desk(h, lang, &["kb", "starter", "--db", &db, "--locale", "xx"]);
        assert_eq!(o.status.code(), Some(2), "{lang}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("`xx`") && err.contains("en, zh-CN, zh-TW"),
            "{err}"
        );
        assert!(o.stdout.is_empty());
    }
    let o = desk(
        h,
        "zh_CN.UTF-8",
        &["kb", "starter", "--db", &db, "--locale", "xx"],
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("不是入门文章的语言"));
    assert!(listed(h, &db).is_empty(), "nothing added");
}
