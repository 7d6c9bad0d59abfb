//! `desk ingest`: any channel's messages as JSON through the intake, from the command line as a bridge would run
//! it — new tickets, answers by the bridge's conversation key or the message they reply to, once per external id,
//! and one clear `FILE:LINE: reason` per bad record.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn desk(home: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "li")
        .env("DESK_DB", home.join("desk.db"))
        .env_remove("DESK_CONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(home: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(&desk(home, args, ""))).unwrap()
}

fn setup() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    ok(&desk(home.path(), &["init"], ""));
    home
}

#[test]
fn a_bridge_opens_threads_and_repeats_safely() {
    let home = setup();
    let h = home.path();
    let batch = [
        r#"{"channel":"wechat","external_id":"wx-1","customer":{"name":"王芳","wechat_openid":"o-abc"},"thread":"conv-9","body":"洗衣机漏水了\n型号 XQG80","at":"2026-12-01T09:00:00+08:00","kind":"service_request","priority":"high"}"#,
        r#"{"channel":"wechat","external_id":"wx-2","customer":{"wechat_openid":"o-abc"},"thread":"conv-9","body":"照片发您","attachments":[{"name":"../leak.jpg","content_base64":"/9j/4AAQ","content_type":"image/jpeg"}]}"#,
        r#"{"channel":"web","external_id":"form-7","customer":{"email":"Chen@Example.com","phone":"138 0013 8000"},"subject":"发票","body":"请开发票"}"#,
        r#"{"channel":"web","external_id":"form-8","customer":{"email":"chen@example.com"},"in_reply_to":"form-7","body":"抬头是陈喆"}"#,
    ]
    .join("\n");
    let out = ok(&desk(h, &["ingest"], &batch));
    assert!(
        out.contains("4 messages: 2 new tickets, 2 answers"),
        "{out}"
    );

    let wechat = json(h, &["ticket", "show", "1001", "--format", "json"]);
    assert_eq!(
        wechat["subject"], "洗衣机漏水了",
        "a message without a subject is named by its first line"
    );
    assert_eq!(wechat["channel"], "wechat");
    assert_eq!(wechat["kind"], "service_request");
    assert_eq!(wechat["priority"], "high");
    assert_eq!(wechat["messages"].as_array().unwrap().len(), 2, "{wechat}");
    assert_eq!(wechat["messages"][0]["created_at"], "2026-12-01T01:00:00Z");
    assert_eq!(
        wechat["attachments"][0]["name"], "leak.jpg",
        "no directory survives in a name"
    );
    assert_eq!(wechat["attachments"][0]["size"], 6);

    let web = json(h, &["ticket", "show", "1002", "--format", "json"]);
    assert_eq!(web["customer_email"], "chen@example.com");
    assert_eq!(
        web["messages"][1]["body"], "抬头是陈喆",
        "in_reply_to threads onto the form's ticket"
    );

    // The same batch again (a bridge that retried) writes nothing.
    let again = ok(&desk(h, &["ingest"], &batch));
    assert!(again.contains("4 already in desk"), "{again}");
    let count = json(h, &["ticket", "list", "--view", "all", "--format", "json"]);
    assert_eq!(count.as_array().unwrap().len(), 2);
    // One customer per identity: the WeChat openid and the email matched case-insensitively.
    let customers = json(h, &["customer", "list", "--format", "json"]);
    assert_eq!(customers.as_array().unwrap().len(), 2, "{customers}");
}

#[test]
fn one_pretty_printed_object_is_one_record() {
    let home = setup();
    let record = "{\n  \"channel\": \"phone\",\n  \"external_id\": \"call-1\",\n  \"customer\": {\"phone\": \"+86 138 0000 0001\", \"name\": \"Zhao\"},\n  \"subject\": \"Callback\",\n  \"body\": \"Please call back\"\n}\n";
    let out = ok(&desk(home.path(), &["ingest", "--format", "json"], record));
    let line: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(line["result"]["outcome"], "created");
    assert_eq!(line["result"]["number"], 1001);
    assert_eq!(line["source"], "stdin");
}

#[test]
fn a_bad_record_is_one_line_naming_its_place_and_skip_bad_goes_on() {
    let home = setup();
    let h = home.path();
    let batch = [
        r#"{"channel":"web","external_id":"a","customer":{"email":"a@example.com"},"body":"first"}"#,
        r#"{"channel":"pager","external_id":"b","customer":{"email":"b@example.com"},"body":"x"}"#,
        r#"{"channel":"web","external_id":"c","customer":{"emial":"c@example.com"},"body":"x"}"#,
        r#"{"channel":"web","external_id":"d","customer":{},"body":"x"}"#,
        r#"{"channel":"web","external_id":"e","customer":{"email":"e@example.com"},"body":"last"}"#,
    ]
    .join("\n");
    let o = desk(h, &["ingest"], &batch);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("stdin:2: channel: unknown channel `pager`"),
        "{err}"
    );
    assert!(err.contains("1 records before it were ingested"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    let o = desk(h, &["ingest", "--skip-bad"], &batch);
    assert_eq!(
        o.status.code(),
        Some(2),
        "skipped records still fail the run"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("stdin:3: skipped: unknown field `emial`"),
        "{err}"
    );
    assert!(
        err.contains("stdin:4: skipped: customer needs one of email"),
        "{err}"
    );
    assert!(err.contains("3 bad records skipped"), "{err}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("#1002 new ticket · e@example.com"), "{out}");
}

#[test]
fn a_group_default_must_exist_and_attachments_save_without_overwriting() {
    let home = setup();
    let h = home.path();
    let rec = r#"{"channel":"web","external_id":"g1","customer":{"email":"g@example.com"},"body":"hi","attachments":[{"name":"发票.pdf","content_base64":"JVBERg=="}]}"#;
    let o = desk(h, &["ingest", "--group", "售后"], rec);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("售后"),
        "{:?}",
        o
    );
    let listed = json(h, &["ticket", "list", "--view", "all", "--format", "json"]);
    assert_eq!(listed.as_array().unwrap().len(), 0, "nothing half-written");

    ok(&desk(h, &["ingest"], rec));
    let d = json(h, &["ticket", "show", "1001", "--format", "json"]);
    let id = d["attachments"][0]["id"].as_str().unwrap().to_string();
    let list = ok(&desk(h, &["attachment", "list", "1001"], ""));
    assert!(list.contains("发票.pdf") && list.contains(&id), "{list}");
    let dir = h.join("out");
    std::fs::create_dir_all(&dir).unwrap();
    ok(&desk(
        h,
        &["attachment", "save", &id, dir.to_str().unwrap()],
        "",
    ));
    assert_eq!(std::fs::read(dir.join("发票.pdf")).unwrap(), b"%PDF");
    let o = desk(h, &["attachment", "save", &id, dir.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("does not overwrite"));
}
