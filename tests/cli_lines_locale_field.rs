//! More of the command line's result lines speak the interface's language (see `cli_lines_locale.rs` for the
//! first ones): groups, customer addresses, ticket merge and link, plans, returns, visits, the service report and
//! the field-service section of `ticket show`. English is exactly as before (tests and scripts match it), zh-CN is
//! in simplified and zh-TW in traditional Chinese, the machine words — ids (`#1042`, `P3`, `R6`, `V8`), handles,
//! part codes, locations, `field=value` words and commands — are kept as they are, and the exit codes are the same
//! in every language. (`desk hub status` needs a PostgreSQL server: its wording is unit-tested in `src/cli/hub.rs`.)

mod common;

use std::path::{Path, PathBuf};

use common::locale_cli::{LANGS, ok, run};

/// The expected text in each of en, zh-CN, zh-TW, owned (these tests fill in its ids).
fn pick(lang: &str, lines: [&str; 3]) -> String {
    common::locale_cli::pick(lang, lines).to_string()
}

/// The line of `text` that starts with `start`.
fn line<'a>(text: &'a str, start: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting `{start}` in\n{text}"))
}

/// The number after `prefix` at the start of `text` (`P3：…` → 3).
fn number_after(text: &str, prefix: &str) -> String {
    text.strip_prefix(prefix)
        .unwrap_or_else(|| panic!("`{text}` does not start with {prefix}"))
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

/// A demo database in `home`, and a copy of it per language (so each language starts from the same data).
fn demo(home: &Path) -> (PathBuf, impl Fn(&str) -> String) {
    let made = home.join("demo.db");
    ok(home, "C.UTF-8", &["--db", made.to_str().unwrap(), "demo"]);
    let source = made.clone();
    let dir = home.to_path_buf();
    let copy = move |lang: &str| {
        let db = dir.join(format!("{lang}.db"));
        std::fs::copy(&source, &db).unwrap();
        db.to_str().unwrap().to_string()
    };
    (made, copy)
}

/// The first column of a listing's rows, in English as CSV: `desk --db DB ARGS --format csv`.
fn first_column(home: &Path, db: &str, args: &[&str]) -> Vec<String> {
    let csv = ok(
        home,
        "C.UTF-8",
        &[&["--db", db], args, &["--format", "csv"]].concat(),
    );
    csv.lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(|c| c.trim_start_matches('#').to_string())
        .collect()
}

#[test]
fn group_lines_follow_the_locale() {
    for lang in LANGS {
        let home = tempfile::tempdir().unwrap();
        let h = home.path();
        let db = h.join("desk.db");
        let db = db.to_str().unwrap();
        ok(h, "C.UTF-8", &["--db", db, "init", "--no-starter-articles"]);
        ok(h, "C.UTF-8", &["--db", db, "agent", "add", "wang"]);
        let cases: &[(&[&str], [&str; 3])] = &[
            (
                &["group", "add", "售后服务部"],
                [
                    "added group 售后服务部",
                    "已添加分组 售后服务部",
                    "已新增群組 售后服务部",
                ],
            ),
            (
                &["group", "members", "售后服务部"],
                ["no members", "没有成员", "沒有成員"],
            ),
            (
                &["group", "members", "售后服务部", "--add", "wang"],
                ["wang", "wang", "wang"],
            ),
            (
                &["group", "members", "售后服务部", "--remove", "wang"],
                ["no members", "没有成员", "沒有成員"],
            ),
            (
                &[
                    "group",
                    "set",
                    "售后服务部",
                    "name=After-sales",
                    "assignment=round-robin",
                    "archived=yes",
                ],
                [
                    "renamed group 售后服务部 to After-sales\nAfter-sales assigns round-robin\n\
                     After-sales is archived",
                    "已将分组 售后服务部 改名为 After-sales\nAfter-sales 的指派方式：round-robin\n\
                     After-sales 已归档",
                    "已將群組 售后服务部 更名為 After-sales\nAfter-sales 的指派方式：round-robin\n\
                     After-sales 已封存",
                ],
            ),
            (
                &["group", "set", "After-sales", "archived=no"],
                [
                    "After-sales is open again",
                    "After-sales 已重新启用",
                    "After-sales 已重新啟用",
                ],
            ),
        ];
        for (args, lines) in cases {
            let args = [&["--db", db], *args].concat();
            assert_eq!(ok(h, lang, &args), format!("{}\n", pick(lang, *lines)));
        }
        // A bad value is the same usage error in every language, with nothing on stdout.
        let (code, out, _) = run(
            h,
            lang,
            &[
                "--db",
                db,
                "group",
                "set",
                "After-sales",
                "assignment=bogus",
            ],
        );
        assert_eq!((code, out.as_str()), (2, ""), "{lang}");
    }
}

#[test]
fn address_merge_and_link_lines_follow_the_locale() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let (demo_db, copy) = demo(h);
    let demo_db = demo_db.to_str().unwrap();
    let customer = first_column(h, demo_db, &["customer", "list", "--limit", "1"]).remove(0);
    let open = ["ticket", "list", "--filter", "status:open", "--limit", "4"];
    let open = first_column(h, demo_db, &open);
    let [a, b, c, d] = [&open[0], &open[1], &open[2], &open[3]];
    let mut codes = Vec::new();
    for lang in LANGS {
        let db = copy(lang);
        let db = db.as_str();
        let address = |args: &[&str]| {
            let args = [&["--db", db, "customer", "address"], args].concat();
            ok(h, lang, &args)
        };
        address(&["add", &customer, "北京 测试路 1 号", "--label", "老家"]);
        address(&["add", &customer, "上海 公司路 2 号", "--label", "分公司"]);
        let expected = pick(
            lang,
            [
                "{id}: default address is 分公司",
                "{id}：默认地址为 分公司",
                "{id}：預設地址為 分公司",
            ],
        )
        .replace("{id}", &customer);
        assert_eq!(address(&["default", &customer, "分公司"]), expected + "\n");
        let expected = pick(
            lang,
            [
                "{id}: address 老家 removed",
                "{id}：已删除地址 老家",
                "{id}：已移除地址 老家",
            ],
        )
        .replace("{id}", &customer);
        assert_eq!(address(&["remove", &customer, "老家"]), expected + "\n");
        let (code, out, _) = run(
            h,
            lang,
            &[
                "--db", db, "customer", "address", "remove", &customer, "老家",
            ],
        );
        assert!(out.is_empty());
        codes.push(code);

        let merged = ok(h, lang, &["--db", db, "ticket", "merge", a, "--into", b]);
        let expected = pick(
            lang,
            [
                "#{a} merged into #{b}",
                "#{a} 已合并到 #{b}",
                "#{a} 已合併至 #{b}",
            ],
        );
        assert_eq!(merged, expected.replace("{a}", a).replace("{b}", b) + "\n");
        // The merged ticket's number shows the ticket it went into, saying so on stderr.
        let (code, out, err) = run(h, lang, &["--db", db, "ticket", "show", a]);
        assert_eq!(code, 0);
        assert!(out.starts_with(&format!("#{b} ")), "{out}");
        let expected = pick(
            lang,
            [
                "#{a} was merged into #{b}; showing #{b}",
                "#{a} 已合并到 #{b}；显示 #{b}",
                "#{a} 已合併至 #{b}；顯示 #{b}",
            ],
        );
        assert_eq!(err, expected.replace("{a}", a).replace("{b}", b) + "\n");
        let (code, out, _) = run(h, lang, &["--db", db, "ticket", "merge", a, "--into", b]);
        assert!(out.is_empty());
        codes.push(code);

        let link = || ok(h, lang, &["--db", db, "ticket", "link", c, d]);
        let linked = [
            pick(
                lang,
                [
                    "#{c} ↔ #{d} linked",
                    "#{c} ↔ #{d} 已关联",
                    "#{c} ↔ #{d} 已關聯",
                ],
            ),
            pick(
                lang,
                [
                    "#{c} ↔ #{d} were already linked",
                    "#{c} ↔ #{d} 早已关联",
                    "#{c} ↔ #{d} 早已關聯",
                ],
            ),
        ];
        for expected in linked {
            assert_eq!(link(), expected.replace("{c}", c).replace("{d}", d) + "\n");
        }
    }
    // The failures: an address that is gone and a second merge, the same codes in every language.
    assert!(codes.iter().all(|c| *c != 0), "{codes:?}");
    assert_eq!(codes[0..2], codes[2..4]);
    assert_eq!(codes[0..2], codes[4..6]);
}

#[test]
fn plan_lines_follow_the_locale() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let (_, copy) = demo(h);
    let title = "回访话术 Follow-up script";
    for lang in LANGS {
        let db = copy(lang);
        let db = db.as_str();
        let added = ok(
            h,
            lang,
            &[
                "--db",
                db,
                "plan",
                "add",
                "--title",
                title,
                "--indicator",
                "csat",
                "--due",
                "2026-12-31",
            ],
        );
        let n = number_after(&added, "P");
        let set = ok(h, lang, &["--db", db, "plan", "set", &n, "status=do"]);
        let expected = pick(
            lang,
            [
                "P{n}: do 执行 · {t}",
                "P{n}：执行 · {t}",
                "P{n}：執行 · {t}",
            ],
        );
        assert_eq!(
            set,
            expected.replace("{n}", &n).replace("{t}", title) + "\n"
        );
        let show = ok(h, lang, &["--db", db, "plan", "show", &n]);
        let mut lines = show.lines();
        assert_eq!(lines.next(), Some(format!("P{n} {title}").as_str()));
        let status = pick(
            lang,
            [
                "status do 执行 · due 2026-12-31 ",
                "状态 执行 · 截止 2026-12-31 ",
                "狀態 執行 · 期限 2026-12-31 ",
            ],
        );
        assert!(lines.next().unwrap().starts_with(&status), "{show}");
        // A status the cycle does not allow fails alike.
        let (code, out, _) = run(h, lang, &["--db", db, "plan", "set", &n, "status=bogus"]);
        assert_eq!((code, out.as_str()), (2, ""), "{lang}");
    }
}

/// An open ticket of the demo that takes a return request, and a part with free stock: (ticket, code, location).
fn field_subjects(h: &Path, db: &str) -> (String, String, String) {
    let scratch = h.join("scratch.db");
    std::fs::copy(db, &scratch).unwrap();
    let scratch = scratch.to_str().unwrap();
    let open = first_column(h, scratch, &["ticket", "list", "--filter", "status:open"]);
    let ticket = open
        .iter()
        .find(|t| {
            let args = [
                "--db", scratch, "return", "new", t, "--kind", "repair", "--reason", "other",
            ];
            run(h, "C.UTF-8", &args).0 == 0
        })
        .expect("an open ticket takes a return request")
        .clone();
    let stock = ok(
        h,
        "C.UTF-8",
        &["--db", scratch, "part", "stock", "--format", "csv"],
    );
    let header: Vec<&str> = stock.lines().next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (code, location, free) = (column("code"), column("location"), column("free"));
    let part = stock
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|r| r[free].parse::<i64>().unwrap_or(0) > 0)
        .expect("a part in stock");
    (ticket, part[code].to_string(), part[location].to_string())
}

#[test]
fn return_visit_and_ticket_show_lines_follow_the_locale() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let (demo_db, copy) = demo(h);
    let (t, part, location) = field_subjects(h, demo_db.to_str().unwrap());
    let mut shows = Vec::new();
    for lang in LANGS {
        let db = copy(lang);
        let db = db.as_str();
        let desk = |args: &[&str]| ok(h, lang, &[&["--db", db], args].concat());

        let made = desk(&["return", "new", &t, "--kind", "repair", "--reason", "other"]);
        let r = number_after(&made[made.find('R').unwrap()..], "R");
        let expected = pick(
            lang,
            [
                "R{r} on #{t}: repair (other) requested\nrules: repairs are taken at any time; the warranty \
                 decides who pays",
                "工单 #{t} 的 R{r}：返修（其他）已申请\n规则：",
                "工單 #{t} 的 R{r}：送修（其他）已申請\n規則：",
            ],
        )
        .replace("{r}", &r)
        .replace("{t}", &t);
        assert!(made.starts_with(&expected), "{made}");
        let set = desk(&["return", "set", &format!("R{r}"), "status=approved"]);
        let expected = pick(
            lang,
            [
                "R{r}: repair approved",
                "R{r}：返修 已批准",
                "R{r}：送修 已核准",
            ],
        );
        assert_eq!(set, expected.replace("{r}", &r) + "\n");
        let (code, out, _) = run(
            h,
            lang,
            &[
                "--db",
                db,
                "return",
                "set",
                &format!("R{r}"),
                "status=bogus",
            ],
        );
        assert_eq!((code, out.as_str()), (2, ""), "{lang}");

        // A visit waiting for a time: its line, a part reserved for it, its service report.
        let made = desk(&["visit", "new", &t, "--service", "install"]);
        let start = pick(
            lang,
            [
                "V{v} on #{t}: install unscheduled (",
                "工单 #{t} 的 V{v}：安装 未排期（",
                "工單 #{t} 的 V{v}：安裝 未排程（",
            ],
        );
        let v = number_after(&made[made.find('V').unwrap()..], "V");
        let start = start.replace("{v}", &v).replace("{t}", &t);
        assert!(made.starts_with(&start), "{made}");
        let coverage = made.lines().next().unwrap().trim_start_matches(&start);
        if lang == "C.UTF-8" {
            assert!(
                [
                    "in warranty 保内)",
                    "out of warranty 保外)",
                    "warranty unknown)"
                ]
                .contains(&coverage),
                "{made}"
            );
        } else {
            assert!(
                !coverage.contains(|c: char| c.is_ascii_alphabetic()),
                "{made}"
            );
        }
        let arrive = pick(lang, ["arrive by ", "最晚到达 ", "最晚抵達 "]);
        assert!(made.lines().nth(1).unwrap().starts_with(&arrive), "{made}");

        let reserved = desk(&[
            "visit",
            "set",
            &format!("V{v}"),
            &format!("part={part}:1@{location}"),
        ]);
        let expected = pick(
            lang,
            [
                "V{v}: 1 × {code} reserved at {at}",
                "V{v}：已在 {at} 预留 1 × {code}",
                "V{v}：已在 {at} 保留 1 × {code}",
            ],
        )
        .replace("{v}", &v)
        .replace("{code}", &part)
        .replace("{at}", &location);
        assert_eq!(
            reserved.lines().next(),
            Some(expected.as_str()),
            "{reserved}"
        );
        let after = pick(
            lang,
            [
                "V{v}: unscheduled · — · ",
                "V{v}：未排期 · — · ",
                "V{v}：未排程 · — · ",
            ],
        )
        .replace("{v}", &v);
        assert!(
            reserved.lines().any(|l| l.starts_with(&after)),
            "{reserved}"
        );

        let report = desk(&["visit", "report", &format!("V{v}")]);
        let expected = pick(
            lang,
            [
                "# Service report 服务报告 V{v}",
                "# 服务报告 V{v}",
                "# 服務報告 V{v}",
            ],
        )
        .replace("{v}", &v);
        assert_eq!(report.lines().next(), Some(expected.as_str()));
        let rows = [
            pick(
                lang,
                [
                    "| Service 服务 | install 安装 |",
                    "| 服务 | 安装 |",
                    "| 服務 | 安裝 |",
                ],
            ),
            pick(
                lang,
                [
                    "| Status 状态 | unscheduled |",
                    "| 状态 | 未排期 |",
                    "| 狀態 | 未排程 |",
                ],
            ),
            pick(
                lang,
                [
                    "Not confirmed yet. Signature 签字: ____________  Date 日期: ____________",
                    "尚未确认。签字：____________  日期：____________",
                    "尚未確認。簽名：____________  日期：____________",
                ],
            ),
        ];
        for row in rows {
            assert!(report.lines().any(|l| l == row), "{row}\n{report}");
        }
        let state = pick(lang, ["reserved |", "已预留 |", "已保留 |"]);
        let part_row = line(&report, &format!("| {part} |"));
        assert!(part_row.ends_with(&state), "{report}");

        // A visit whose window ends after the arrival target warns so.
        let late = desk(&[
            "visit",
            "new",
            &t,
            "--engineer",
            "li",
            "--window",
            "2099-01-05 09:00-10:00",
        ]);
        let warning = pick(
            lang,
            [
                "warning: the window ends after the arrival target (",
                "警告：预约时段结束晚于到达时限（",
                "警告：預約時段結束晚於抵達時限（",
            ],
        );
        assert!(late.lines().any(|l| l.starts_with(&warning)), "{late}");

        // ticket show's field-service section.
        let show = desk(&["ticket", "show", &t]);
        let visit = pick(
            lang,
            [
                "visit V{v} install unscheduled · no engineer · — · ",
                "上门 V{v} 安装 未排期 · 未指派工程师 · — · ",
                "到府 V{v} 安裝 未排程 · 未指派工程師 · — · ",
            ],
        )
        .replace("{v}", &v);
        line(&show, &visit);
        let ret = pick(
            lang,
            [
                "return R{r} repair (other) approved · ",
                "退换货 R{r} 返修（其他）已批准 · ",
                "退換貨 R{r} 送修（其他）已核准 · ",
            ],
        )
        .replace("{r}", &r);
        line(&show, &ret);
        shows.push(show);
    }
    // The same lines in every language; the warranty line when the ticket has a product, in its words.
    let [en, cn, tw] = [&shows[0], &shows[1], &shows[2]];
    assert_eq!(en.lines().count(), cn.lines().count(), "{en}\n{cn}");
    assert_eq!(en.lines().count(), tw.lines().count(), "{en}\n{tw}");
    if let Some(w) = en.lines().find(|l| l.starts_with("warranty: ")) {
        assert!(
            [
                "warranty: in warranty 保内 — ",
                "warranty: out of warranty 保外 — ",
                "warranty: warranty unknown — "
            ]
            .iter()
            .any(|s| w.starts_with(s)),
            "{w}"
        );
        for (zh, head) in [(cn, "保修："), (tw, "保固：")] {
            let w = line(zh, head);
            // The coverage and why, both in Chinese; only the field to set (`product=`) stays as typed.
            let said = w.trim_start_matches(head).replace("product=", "");
            assert!(!said.contains(|c: char| c.is_ascii_alphabetic()), "{w}");
        }
    }
}
