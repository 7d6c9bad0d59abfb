//! A complaint walks the whole procedure in a real terminal (tmux, issue 23): 接收 → 登记 → 调查 → 处理 → 回访 with
//! `E` and `F`, each form refusing to send until its stage has what it needs, and the CLI (another process on the
//! same file) reads every record back.

mod common;

use common::tmux::{Tmux, clean_env};
use common::{desk_as, desk_ok};

#[test]
fn a_complaint_walks_every_stage_with_its_guards() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("data")).unwrap();
    let db = home.path().join("data/desk.db").display().to_string();
    desk_ok(home.path(), "li", &["demo", "--db", &db]);
    let customers = desk_ok(
        home.path(),
        "li",
        &[
            "customer", "list", "--db", &db, "--limit", "1", "--format", "json",
        ],
    );
    let customers: serde_json::Value = serde_json::from_str(&customers).unwrap();
    let email = customers[0]["email"]
        .as_str()
        .expect("a customer email")
        .to_string();
    let number = desk_ok(
        home.path(),
        "li",
        &[
            "ticket",
            "new",
            "--db",
            &db,
            "--customer",
            &email,
            "--kind",
            "complaint",
            "--channel",
            "phone",
            "--subject",
            "安装师傅态度差",
            "--body",
            "师傅迟到两小时还不道歉",
        ],
    )
    .trim()
    .to_string();

    let t = Tmux::start("complaint", 120, 40, home.path(), &clean_env(home.path()));
    let bin = env!("CARGO_BIN_EXE_desk");
    t.type_text(&format!("{bin} --db {db}; echo \"exit=$?\""));
    t.keys(&["Enter"]);
    t.wait_until("the queue", |s| s.contains("My open"));
    t.keys(&["#"]);
    t.type_text(&number);
    t.keys(&["Enter"]);
    t.wait_for("Complaint 1/5 received");

    // 登记 refuses an empty category, then takes one with a severity.
    t.keys(&["E"]);
    t.wait_for("→ registered 登记");
    t.keys(&["Enter"]);
    t.wait_for("Category is needed for registered 登记");
    t.type_text("服务态度");
    t.keys(&["Tab", "Right", "Enter"]);
    t.wait_for("Complaint 2/5 registered");

    // 调查: the responsible person.
    t.keys(&["E"]);
    t.wait_for("‹ 李娜 Li Na (li) ›");
    t.keys(&["Enter"]);
    t.wait_for("Complaint 3/5 investigating");

    // 处理 needs a resolution note as well as a root cause, and solves the ticket.
    t.keys(&["E"]);
    t.wait_for("solves the ticket");
    t.keys(&["Right", "Enter"]);
    t.wait_for("Resolution is needed for resolved 处理");
    t.keys(&["Tab"]);
    t.type_text("当面致歉并重新安装");
    t.keys(&["Enter"]);
    t.wait_until("resolved and solved", |s| {
        s.contains("Complaint 4/5 resolved") && s.contains("Status Solved")
    });

    // 回访 is the follow-up call, with the call script beside its form.
    t.keys(&["E"]);
    t.wait_for("F records it");
    t.keys(&["F"]);
    t.wait_for("Call script · Follow-up call script 回访话术");
    t.keys(&["Tab"]);
    t.type_text("客户接受致歉");
    t.keys(&["Enter"]);
    t.wait_for("Survey 满意度");
    t.keys(&["Escape"]);
    t.wait_for("Complaint 5/5 revisited");
    t.keys(&["q"]);
    t.wait_for("exit=0");

    let shown = desk_ok(
        home.path(),
        "li",
        &["ticket", "show", &number, "--db", &db, "--format", "json"],
    );
    let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["complaint_stage"], "revisited", "{shown}");
    assert_eq!(shown["complaint_category"], "服务态度");
    assert_eq!(shown["complaint_severity"], "major");
    assert_eq!(shown["root_cause"], "service_attitude");
    assert_eq!(shown["complaint_resolution"], "当面致歉并重新安装");
    // The store holds the same line: a revisited complaint may close now, and only now.
    let closed = desk_as(
        home.path(),
        "li",
        &["ticket", "set", &number, "--db", &db, "status=closed"],
    );
    assert!(
        closed.status.success(),
        "{}",
        String::from_utf8_lossy(&closed.stderr)
    );
}
