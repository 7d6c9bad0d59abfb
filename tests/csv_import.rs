//! CSV import and export through the `desk` binary: every bad row reported by line, all-or-nothing, --skip-bad
//! with a rejects file, idempotent re-import, Chinese headers, products and orders, masking and a round trip.

use std::path::Path;
use std::process::Output;

mod common;

use common::desk_as;

fn desk(home: &Path, args: &[&str]) -> Output {
    desk_as(home, "li", args)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn init(home: &Path, name: &str) -> String {
    let db = home.join(name).display().to_string();
    let o = desk(home, &["init", "--db", &db]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    db
}

fn count(db: &str, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// 1,000 customers; rows on lines 101, 502 and 903 are bad (bad email, unknown tier, a missing field).
fn thousand(dir: &Path) -> std::path::PathBuf {
    let mut csv = String::from("external_id,name,email,phone,tier,city\n");
    for i in 0..1000 {
        let line = i + 2;
        let row = match line {
            101 => format!("X{i},Bad Mail {i},not-an-email,,,Shanghai\n"),
            502 => format!("X{i},Bad Tier {i},c{i}@example.com,,platinum,Beijing\n"),
            903 => format!("X{i},Short {i}\n"),
            _ => format!(
                "X{i},Customer {i} 客户,c{i}@example.com,+86 138 0000 {i:04},,\"Shanghai, PRC\"\n"
            ),
        };
        csv.push_str(&row);
    }
    let path = dir.join("customers.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

#[test]
fn bad_rows_are_reported_by_line_and_nothing_is_imported() {
    let home = tempfile::tempdir().unwrap();
    let db = init(home.path(), "a.db");
    let file = thousand(home.path());
    let f = file.display().to_string();
    let o = desk(home.path(), &["customer", "import", &f, "--db", &db]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with(&f)).collect();
    assert_eq!(
        lines,
        vec![
            format!("{f}:101: email `not-an-email` is not an address (name@example.com)"),
            format!("{f}:502: tier `platinum` is not one of diamond, gold, silver, bronze"),
            format!("{f}:903: 2 fields, the header has 6"),
        ],
        "{err}"
    );
    assert!(err.contains("3 bad rows; nothing was imported"), "{err}");
    assert_eq!(count(&db, "SELECT count(*) FROM customers"), 0);
}

#[test]
fn line_numbers_are_the_file_lines_for_crlf_files_and_quoted_line_breaks() {
    let home = tempfile::tempdir().unwrap();
    let db = init(home.path(), "a.db");
    // The same rows with LF and with CRLF line ends; a quoted cell over two lines before the second bad row.
    let rows = [
        "name,email,tier",
        "Bad First,not-an-email,",
        "\"Two",
        "Lines\",two@example.com,gold",
        "Bad Tier,t@example.com,platinum",
    ];
    for end in ["\n", "\r\n"] {
        let file = home.path().join("rows.csv");
        std::fs::write(&file, rows.join(end) + end).unwrap();
        let f = file.display().to_string();
        let o = desk(home.path(), &["customer", "import", &f, "--db", &db]);
        let err = text(&o.stderr);
        let lines: Vec<&str> = err.lines().filter(|l| l.starts_with(&f)).collect();
        assert_eq!(
            lines,
            vec![
                format!("{f}:2: email `not-an-email` is not an address (name@example.com)"),
                format!("{f}:5: tier `platinum` is not one of diamond, gold, silver, bronze"),
            ],
            "line ends {end:?}: {err}"
        );
    }
}

#[test]
fn skip_bad_imports_the_rest_and_a_second_import_changes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let db = init(home.path(), "a.db");
    let file = thousand(home.path());
    let f = file.display().to_string();
    let o = desk(
        home.path(),
        &["customer", "import", &f, "--skip-bad", "--db", &db],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let rejects = home.path().join("customers.rejects.csv");
    assert_eq!(
        text(&o.stdout).trim(),
        format!(
            "imported 997 customers from {f}: 997 new, 0 updated, 0 unchanged; 3 bad rows written to {}",
            rejects.display()
        )
    );
    assert_eq!(count(&db, "SELECT count(*) FROM customers"), 997);
    // Written as a bulk job: published, nothing left hidden, and one entry that tells other desks to look.
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM customers c JOIN bulk_jobs j ON j.id = c.job_id WHERE j.published_at IS NOT NULL"
        ),
        997
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM changes WHERE entity = 'customer' AND field = 'import_published' AND new = '997'"
        ),
        1
    );
    let r = std::fs::read_to_string(&rejects).unwrap();
    let mut lines = r.lines();
    assert_eq!(
        lines.next(),
        Some("line,reason,external_id,name,email,phone,tier,city")
    );
    assert!(lines.next().unwrap().starts_with("101,"));
    assert_eq!(r.lines().count(), 4);
    // The quoted city with a comma survived; text is stored as given.
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM customers WHERE city = 'Shanghai, PRC'"
        ),
        997
    );
    // Again: no duplicates, nothing changed, no new change-log rows.
    let changes = count(&db, "SELECT count(*) FROM changes");
    let o = desk(
        home.path(),
        &["customer", "import", &f, "--skip-bad", "--db", &db],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("997 customers from"),
        "{}",
        text(&o.stdout)
    );
    assert!(
        text(&o.stdout).contains("0 new, 0 updated, 997 unchanged"),
        "{}",
        text(&o.stdout)
    );
    assert_eq!(count(&db, "SELECT count(*) FROM customers"), 997);
    assert_eq!(count(&db, "SELECT count(*) FROM changes"), changes);
}

#[test]
fn chinese_headers_products_and_orders_and_an_unknown_column() {
    let home = tempfile::tempdir().unwrap();
    let db = init(home.path(), "a.db");
    let dir = home.path();
    std::fs::write(dir.join("c.csv"), "客户编号,姓名,邮箱,手机,等级,生日\nK1,王芳,wang@example.com,13812345678,gold,1990-05-01\nK2,李雷,li@example.com,,,\n").unwrap();
    std::fs::write(dir.join("o.csv"), "订单号,客户,下单时间,金额\nO1,wang@example.com,2026-10-01,\"1,234.50\"\nO2,K2,2026-11-01 10:30,¥12.5\nO3,nobody@example.com,2026-11-01,5\n").unwrap();
    std::fs::write(dir.join("p.csv"), "customer,name,serial,purchased_at,warranty_until\nK1,Robot Vacuum R7,SN-1,2025-12-01,2026-12-01\n").unwrap();
    std::fs::write(dir.join("bad.csv"), "name,shoe size\nx,42\n").unwrap();
    let path = |n: &str| dir.join(n).display().to_string();
    let o = desk(dir, &["customer", "import", &path("c.csv"), "--db", &db]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // One order refers to a customer who does not exist: with --skip-bad the other two go in.
    let o = desk(
        dir,
        &[
            "customer",
            "import",
            &path("o.csv"),
            "--kind",
            "orders",
            "--db",
            &db,
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains(":4: no customer with external id or email `nobody@example.com`"),
        "{}",
        text(&o.stderr)
    );
    let o = desk(
        dir,
        &[
            "customer",
            "import",
            &path("o.csv"),
            "--kind",
            "orders",
            "--skip-bad",
            "--db",
            &db,
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        count(&db, "SELECT sum(amount_cents) FROM orders"),
        123_450 + 1_250
    );
    let o = desk(
        dir,
        &[
            "customer",
            "import",
            &path("p.csv"),
            "--kind",
            "products",
            "--db",
            &db,
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let shown: serde_json::Value = serde_json::from_slice(
        &desk(
            dir,
            &[
                "customer",
                "show",
                "wang@example.com",
                "--format",
                "json",
                "--db",
                &db,
            ],
        )
        .stdout,
    )
    .unwrap();
    assert_eq!(shown["tier"], "gold", "a tier in the file pins it");
    assert_eq!(shown["tier_source"], "manual");
    assert_eq!(shown["orders"]["total_cents"], 123_450);
    assert_eq!(shown["products"][0]["name"], "Robot Vacuum R7");
    assert_eq!(shown["birthday"], "1990-05-01");
    let o = desk(dir, &["customer", "import", &path("bad.csv"), "--db", &db]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("column 2 `shoe size` is not a customer field"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn export_masks_on_request_and_round_trips_into_a_fresh_database() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let db = dir.join("demo.db").display().to_string();
    assert!(
        desk(dir, &["demo", "--db", &db, "--tickets", "60"])
            .status
            .success()
    );
    // wang is an agent, not an admin: unmasked personal data is refused with what to do.
    let o = desk_as(dir, "wang", &["customer", "export", "--db", &db]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("needs the admin role") && text(&o.stderr).contains("--mask"),
        "{}",
        text(&o.stderr)
    );
    let o = desk_as(
        dir,
        "wang",
        &[
            "customer", "export", "--mask", "--format", "json", "--db", &db,
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(
        rows.len() as i64,
        count(&db, "SELECT count(*) FROM customers")
    );
    for r in rows {
        if let Some(e) = r["email"].as_str() {
            let (local, _) = e.split_once('@').unwrap();
            assert!(local.chars().skip(1).all(|c| c == '*'), "{e}");
        }
        if let Some(p) = r["phone"].as_str() {
            assert!(p.contains("****"), "{p}");
        }
    }
    // An admin exports in full; importing that file into a fresh database gives the same customers.
    let o = desk(dir, &["customer", "export", "--db", &db]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let file = dir.join("export.csv");
    std::fs::write(&file, &o.stdout).unwrap();
    let fresh = init(dir, "fresh.db");
    let o = desk(
        dir,
        &[
            "customer",
            "import",
            &file.display().to_string(),
            "--db",
            &fresh,
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    type Row = (String, Option<String>, Option<String>, String, String);
    let snapshot = |db: &str| -> Vec<Row> {
        let c = rusqlite::Connection::open(db).unwrap();
        let mut s = c
            .prepare("SELECT name, email, phone, tier_source, CASE tier_source WHEN 'manual' THEN tier ELSE '' END FROM customers ORDER BY name, email")
            .unwrap();
        s.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    assert_eq!(snapshot(&fresh), snapshot(&db));
}

#[test]
fn recompute_care_and_views_from_the_command_line() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let db = dir.join("demo.db").display().to_string();
    assert!(desk(dir, &["demo", "--db", &db]).status.success());
    let o = desk(
        dir,
        &["customer", "recompute", "--format", "json", "--db", &db],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let sum: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // The demo already computed everything: a second pass finds nothing to change.
    assert_eq!(sum["customers"], 61, "60 and the pinyin example");
    assert_eq!(
        (sum["upgraded"].as_i64(), sum["stage_changes"].as_i64()),
        (Some(0), Some(0))
    );
    let o = desk(
        dir,
        &[
            "customer", "care", "--due", "7d", "--format", "json", "--db", &db,
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let care: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let kinds: Vec<&str> = care
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    assert!(
        kinds.contains(&"care") && kinds.contains(&"win_back"),
        "{care}"
    );
    let task = care[0]["task_id"].as_str().unwrap().to_string();
    let o = desk(dir, &["customer", "care", "--done", &task, "--db", &db]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = desk(
        dir,
        &[
            "customer", "care", "--due", "all", "--format", "json", "--db", &db,
        ],
    );
    let after: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        after.as_array().unwrap().len() + 1,
        care.as_array().unwrap().len()
    );
    // JSON customers carry tier, stage and risk; a bad filter is one line naming the column.
    let o = desk(
        dir,
        &[
            "customer", "list", "--view", "vip", "--format", "json", "--db", &db,
        ],
    );
    let vip: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for c in vip.as_array().unwrap() {
        assert!(
            matches!(c["tier"].as_str(), Some("diamond" | "gold")),
            "{c}"
        );
        assert!(
            c["stage"].is_string() && c["risk_level"].is_string() && c["risk_score"].is_number(),
            "{c}"
        );
    }
    let o = desk(
        dir,
        &[
            "customer",
            "list",
            "--filter",
            "tier:gold mood:happy",
            "--db",
            &db,
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("--filter: column 11: unknown customer field `mood`"),
        "{}",
        text(&o.stderr)
    );
}
