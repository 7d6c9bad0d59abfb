//! On-site visits from the command line (issue 22, item 4): `desk visit`, `desk part` and the service report on a
//! fresh database, as an after-sales desk without the TUI uses them.

mod common;

/// The whole flow from the command line on a fresh database: a customer with an address, a visit booked, parts
/// moved to the engineer's van and reserved, the visit done and confirmed, the report printed.
#[test]
fn a_visit_from_the_command_line_ends_in_a_service_report() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = h.join("t.db").display().to_string();
    let ok = |args: &[&str]| {
        let mut all = vec!["--db", db.as_str()];
        all.extend_from_slice(args);
        common::desk_ok(h, "li", &all)
    };
    ok(&["init"]);
    ok(&[
        "customer", "create", "--name", "张三", "--email", "z@x.cn", "--city", "上海",
    ]);
    ok(&[
        "customer",
        "set",
        "z@x.cn",
        "address=上海市浦东新区张杨路 500 号",
    ]);
    ok(&[
        "ticket",
        "new",
        "--customer",
        "z@x.cn",
        "--subject",
        "净水器漏水",
        "--body",
        "漏水了",
    ]);
    let made = ok(&[
        "visit",
        "new",
        "1001",
        "--service",
        "repair",
        "--engineer",
        "li",
        "--window",
        "2030-01-07 09:00-11:00",
    ]);
    assert!(made.starts_with("V1 on #1001: repair scheduled"), "{made}");
    ok(&[
        "part",
        "add",
        "FLT-1",
        "滤芯",
        "--price",
        "89",
        "--reorder",
        "2",
    ]);
    ok(&["part", "receive", "FLT-1", "4", "--at", "上海仓"]);
    ok(&[
        "part",
        "transfer",
        "FLT-1",
        "3",
        "--from",
        "上海仓",
        "--to",
        "van:li",
    ]);
    // A refused step reserves nothing: the parts and the step are one change.
    let db_arg = db.clone();
    let o = common::desk_as(
        h,
        "li",
        &[
            "--db",
            &db_arg,
            "visit",
            "set",
            "V1",
            "part=FLT-1:2",
            "status=completed",
        ],
    );
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cannot become completed"),
        "{o:?}"
    );
    let parts = ok(&["part", "list", "--format", "json"]);
    assert!(
        parts.contains("\"reserved\": 0") || parts.contains("\"reserved\":0"),
        "{parts}"
    );
    ok(&["visit", "set", "V1", "part=FLT-1:2", "status=on_site"]);
    let done = ok(&[
        "visit",
        "set",
        "V1",
        "notes=换滤芯",
        "labour=45",
        "confirmed=张三",
        "status=completed",
    ]);
    assert!(done.contains("V1: completed"), "{done}");
    // One left in the van, one in the warehouse: at the reorder point of 2.
    assert!(
        done.contains("warning: FLT-1 is low: 2 free (reorder at 2)"),
        "{done}"
    );
    let report = ok(&["visit", "report", "V1"]);
    for line in [
        "# Service report 服务报告 V1",
        "| Address 地址 | 上海市浦东新区张杨路 500 号 |",
        "| FLT-1 | 滤芯 | 2 | 178.00 | used |",
        "Labour 工时: 45 min",
        "Confirmed by 张三 at",
    ] {
        assert!(report.contains(line), "{line}: {report}");
    }
    let history = ok(&["ticket", "history", "1001"]);
    assert!(
        history.contains("visit V1: on site → completed"),
        "{history}"
    );
}
