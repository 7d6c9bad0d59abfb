//! `desk kb` through the binary: export → import round trip, bad front matter by file and line, idempotent
//! re-import, search and suggestions as JSON, status and votes.

use std::path::Path;
use std::process::Output;

mod common;

fn desk(home: &Path, args: &[&str]) -> Output {
    common::desk_as(home, "li", args)
}

fn ok(home: &Path, args: &[&str]) -> String {
    let o = desk(home, args);
    assert!(
        o.status.success(),
        "desk {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn demo(home: &Path) -> String {
    let db = home.join("demo.db").display().to_string();
    ok(home, &["demo", "--db", &db]);
    db
}

/// Every file under `dir` with its bytes, by name.
fn files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

fn articles_json(home: &Path, db: &str) -> Vec<serde_json::Value> {
    let list: Vec<serde_json::Value> = serde_json::from_str(&ok(
        home,
        &[
            "kb", "list", "--db", db, "--view", "all", "--limit", "0", "--format", "json",
        ],
    ))
    .unwrap();
    let archived: Vec<serde_json::Value> = serde_json::from_str(&ok(
        home,
        &[
            "kb", "list", "--db", db, "--view", "archived", "--limit", "0", "--format", "json",
        ],
    ))
    .unwrap();
    let mut out: Vec<serde_json::Value> = list
        .iter()
        .chain(&archived)
        .map(|a| {
            let id = a["id"].as_str().unwrap();
            let mut full: serde_json::Value = serde_json::from_str(&ok(
                home,
                &["kb", "show", id, "--db", db, "--format", "json"],
            ))
            .unwrap();
            // What an export carries; counters and dates belong to the database, not the article.
            let keep = ["id", "title", "category", "status", "tags", "body_md"];
            full.as_object_mut()
                .unwrap()
                .retain(|k, _| keep.contains(&k.as_str()));
            full
        })
        .collect();
    out.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    out
}

#[test]
fn export_then_import_into_a_fresh_database_gives_the_same_articles() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = demo(h);
    let out = h.join("kb");
    let said = ok(h, &["kb", "export", out.to_str().unwrap(), "--db", &db]);
    assert!(said.starts_with("exported 33 articles"), "{said}");
    let exported = files(&out);
    assert_eq!(exported.len(), 34, "33 articles and categories.toml");
    assert!(
        exported
            .keys()
            .any(|k| k.starts_with("payment-failed-card-declined-or-timed-out-")),
        "{:?}",
        exported.keys()
    );

    let fresh = h.join("fresh.db").display().to_string();
    // No starter articles: the fresh database must hold exactly what the export had.
    ok(h, &["init", "--db", &fresh, "--no-starter-articles"]);
    let said = ok(h, &["kb", "import", out.to_str().unwrap(), "--db", &fresh]);
    assert!(said.contains("33 new, 0 updated, 0 unchanged"), "{said}");
    assert_eq!(articles_json(h, &db), articles_json(h, &fresh));

    let again = h.join("again");
    ok(
        h,
        &["kb", "export", again.to_str().unwrap(), "--db", &fresh],
    );
    assert_eq!(
        files(&again),
        exported,
        "the second export is byte for byte the first"
    );

    let said = ok(h, &["kb", "import", out.to_str().unwrap(), "--db", &fresh]);
    assert!(said.contains("0 new, 0 updated, 33 unchanged"), "{said}");
}

#[test]
fn bad_front_matter_is_reported_by_file_and_line_and_nothing_is_imported() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = h.join("kb.db").display().to_string();
    ok(h, &["init", "--db", &db, "--no-starter-articles"]);
    let dir = h.join("articles");
    std::fs::create_dir_all(dir.join("nested")).unwrap();
    std::fs::write(
        dir.join("good.md"),
        "+++\ntitle = \"Good\"\ncategory = \"Help\"\nstatus = \"published\"\n+++\n\nFine.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("nested/bad-status.md"),
        "+++\ntitle = \"Bad\"\ncategory = \"Help\"\nstatus = \"live\"\n+++\n\nText.\n",
    )
    .unwrap();
    std::fs::write(dir.join("no-header.md"), "# Just Markdown\n").unwrap();
    let o = desk(h, &["kb", "import", dir.to_str().unwrap(), "--db", &db]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!(
            "{}:4: status `live` is not one of draft, published, archived",
            dir.join("nested/bad-status.md").display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}:1: ", dir.join("no-header.md").display())),
        "{err}"
    );
    assert!(err.contains("2 bad files; nothing was imported"), "{err}");
    let list = ok(h, &["kb", "list", "--db", &db, "--format", "csv"]);
    assert_eq!(list.lines().count(), 1, "only the header: {list}");

    let said = ok(
        h,
        &[
            "kb",
            "import",
            dir.to_str().unwrap(),
            "--db",
            &db,
            "--skip-bad",
        ],
    );
    assert!(
        said.contains("1 new") && said.contains("2 bad files skipped"),
        "{said}"
    );
    // A file without an id matches by title on the next import: no duplicate.
    let said = ok(
        h,
        &[
            "kb",
            "import",
            dir.to_str().unwrap(),
            "--db",
            &db,
            "--skip-bad",
        ],
    );
    assert!(said.contains("0 new, 0 updated, 1 unchanged"), "{said}");
}

#[test]
fn two_files_with_one_title_and_a_made_up_id_are_refused_by_name() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = h.join("kb.db").display().to_string();
    ok(h, &["init", "--db", &db, "--no-starter-articles"]);
    let dir = h.join("articles");
    std::fs::create_dir_all(&dir).unwrap();
    let article = |title: &str, body: &str| format!("+++\ntitle = \"{title}\"\n+++\n\n{body}\n");
    std::fs::write(dir.join("a.md"), article("退货流程", "第一版")).unwrap();
    std::fs::write(dir.join("b.md"), article("退货流程", "第二版")).unwrap();
    std::fs::write(
        dir.join("c.md"),
        "+++\nid = \"article-7\"\ntitle = \"Other\"\n+++\n\nText.\n",
    )
    .unwrap();
    let o = desk(h, &["kb", "import", dir.to_str().unwrap(), "--db", &db]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!(
            "{}: the title “退货流程” is also the title of {}",
            dir.join("b.md").display(),
            dir.join("a.md").display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{}:2: id \"article-7\" is not an article id",
            dir.join("c.md").display()
        )),
        "{err}"
    );
    let list = ok(h, &["kb", "list", "--db", &db, "--format", "csv"]);
    assert_eq!(list.lines().count(), 1, "nothing imported: {list}");
}

#[test]
fn search_suggest_status_vote_and_history() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = demo(h);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&ok(
        h,
        &["kb", "search", "重置密码", "--db", &db, "--format", "json"],
    ))
    .unwrap();
    assert_eq!(hits[0]["title"], "忘记密码？如何重置密码");
    assert!(
        hits[0]["snippet"]
            .as_str()
            .unwrap()
            .contains("**重置密码**"),
        "{}",
        hits[0]
    );

    let payment: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT number FROM tickets WHERE subject LIKE 'Payment failed%' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let s: Vec<serde_json::Value> = serde_json::from_str(&ok(
        h,
        &[
            "kb",
            "suggest",
            &payment.to_string(),
            "--db",
            &db,
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert_eq!(s[0]["title"], "Payment failed: card declined or timed out");
    let id = s[0]["id"].as_str().unwrap().to_string();

    assert!(ok(h, &["kb", "status", &id, "draft", "--db", &db]).contains("now draft"));
    assert!(ok(h, &["kb", "status", &id, "draft", "--db", &db]).contains("already draft"));
    let s: Vec<serde_json::Value> = serde_json::from_str(&ok(
        h,
        &[
            "kb",
            "suggest",
            &payment.to_string(),
            "--db",
            &db,
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert!(
        s.iter().all(|a| a["id"] != id.as_str()),
        "a draft is not suggested"
    );
    let before: serde_json::Value = serde_json::from_str(&ok(
        h,
        &["kb", "show", &id, "--db", &db, "--format", "json"],
    ))
    .unwrap();
    let said = ok(h, &["kb", "vote", &id, "down", "--db", &db]);
    assert!(
        said.contains(&format!(
            "{} not helpful",
            before["helpful_down"].as_i64().unwrap() + 1
        )),
        "{said}"
    );
    let history = ok(h, &["kb", "history", &id, "--db", &db]);
    assert!(
        history.contains("status") && history.contains("published → draft"),
        "{history}"
    );
    assert!(
        history.contains("vote") && history.contains("not helpful"),
        "{history}"
    );
    let o = desk(h, &["kb", "list", "--view", "popular", "--db", &db]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("most_used"));
}
