//! No terminal escape through any CLI output (issue 17). A database whose every text field carries the payload
//! set (clear screen, OSC 52 clipboard write, OSC 0 retitle, BEL, cursor moves, C1 CSI, a bidi override and
//! zero-width characters), import files and folders whose names and cells carry it too, and every leaf subcommand
//! of the clap definition run against them: stdout and stderr may hold no control byte but newline and tab, no C1
//! character and no ESC; outside CSV, no zero-width or bidi character either.
//!
//! The subcommands come from `Cli::command()`, so a new one fails [`every_subcommand_prints_no_escape`] until
//! [`invocations`] says how to make it print on this database.

mod common;
mod escapes_support;

use clap::CommandFactory;
use escapes_support::{ARTICLE, Files, desk, files, p, poisoned, unsafe_in};

/// For each leaf subcommand (`ticket list`), the argument lists that make it print on the poisoned database, in
/// the order they run (writes that change what later ones read come late). Arguments are after `--db DB`.
/// `hub` is a new PostgreSQL database (or, without a server here, a URL that cannot be reached: the commands
/// then print their error).
fn invocations(f: &Files, hub: &str) -> Vec<(&'static str, Vec<Vec<String>>)> {
    let pg_replica = format!("{}-pg.db", f.replica);
    let a = |args: &[&str]| args.iter().map(|s| s.to_string()).collect::<Vec<String>>();
    let fmt = |base: &[&str], formats: &[&str]| {
        let mut all = vec![a(base)];
        for f in formats {
            let mut v = a(base);
            v.extend(["--format".to_string(), f.to_string()]);
            all.push(v);
        }
        all
    };
    let ps = |label: &str| p(label);
    let mut all = vec![
        (
            "init",
            vec![
                a(&["init"]),
                a(&["init", "--no-starter-articles"]),
                // A new file: the starter articles are added and said.
                a(&["init", "--db", &f.fresh_db]),
            ],
        ),
        ("keys", vec![a(&["keys"]), a(&["keys", "--markdown"])]),
        ("check", fmt(&["check"], &["json"])),
        ("ticket list", {
            let mut v = fmt(&["ticket", "list", "--view", "all"], &["csv", "json"]);
            v.push(a(&["ticket", "list", "--view", &ps("mine")]));
            v.push(a(&["ticket", "list", "--filter", &ps("assignee:")]));
            v
        }),
        ("ticket show", {
            let mut v = fmt(&["ticket", "show", "1001"], &["json"]);
            v.push(a(&["ticket", "show", &ps("10")]));
            v
        }),
        (
            "ticket history",
            fmt(&["ticket", "history", "1001"], &["json"]),
        ),
        ("search", {
            let mut v = fmt(&["search", "printer jam"], &["csv", "json"]);
            v.push(a(&["search", "pr"]));
            v
        }),
        ("customer list", {
            let mut v = fmt(&["customer", "list"], &["csv", "json"]);
            v.push(a(&["customer", "list", "--search", "Ann"]));
            v.push(a(&["customer", "list", "--view", &ps("x")]));
            v
        }),
        ("customer show", {
            let mut v = fmt(&["customer", "show", "C1"], &["json"]);
            v.push(a(&["customer", "show", &ps("nobody")]));
            v
        }),
        (
            "customer duplicates",
            fmt(&["customer", "duplicates", "C1"], &["json"]),
        ),
        (
            "customer export",
            vec![
                a(&["customer", "export", "--format", "csv"]),
                a(&["customer", "export", "--format", "json"]),
            ],
        ),
        ("customer care", {
            let mut v = fmt(&["customer", "care", "--due", "all"], &["csv", "json"]);
            v.push(a(&["customer", "care", "--done", &ps("task")]));
            v
        }),
        (
            "customer recompute",
            fmt(&["customer", "recompute"], &["json"]),
        ),
        ("kb list", fmt(&["kb", "list"], &["csv", "json"])),
        ("kb show", {
            let mut v = fmt(&["kb", "show", ARTICLE], &["text", "json"]);
            v.push(a(&["kb", "show", &ps("nothing")]));
            v
        }),
        (
            "kb search",
            fmt(&["kb", "search", "printer jam", "--all"], &["csv", "json"]),
        ),
        ("kb suggest", fmt(&["kb", "suggest", "1001"], &["json"])),
        (
            "task list",
            fmt(&["task", "list", "--due", "all"], &["csv", "json"]),
        ),
        ("report", {
            let mut v = fmt(&["report", "--group-by", "agent"], &["csv", "json"]);
            v.push(a(&["report", "--group-by", &ps("x")]));
            // The report in Chinese (its words and the poisoned names), CSV headers in the locale, a bad locale.
            v.push(a(&["report", "--locale", "zh-CN"]));
            v.push(a(&["report", "--locale", "zh-TW", "--group-by", "channel"]));
            v.push(a(&[
                "report",
                "--format",
                "csv",
                "--headers",
                "locale",
                "--locale",
                "zh-TW",
            ]));
            v.push(a(&["report", "--locale", &ps("zh")]));
            v
        }),
        ("agent list", fmt(&["agent", "list"], &["csv", "json"])),
        (
            "agent add",
            vec![
                a(&["agent", "add", "sun", "--name", &ps("Sun Li")]),
                a(&["agent", "add", &ps("zhou")]),
                a(&["agent", "add", "wаng"]),
            ],
        ),
        (
            "agent set-role",
            vec![
                a(&["agent", "set-role", "sun", "lead"]),
                a(&["agent", "set-role", &ps("nobody"), "lead"]),
            ],
        ),
        (
            "agent deactivate",
            vec![
                a(&["agent", "deactivate", "sun"]),
                a(&["agent", "deactivate", &ps("nobody")]),
            ],
        ),
        (
            "agent set",
            vec![
                a(&["agent", "set", "sun", "capacity=8", "availability=away"]),
                a(&["agent", "set", "sun", &ps("calendar=x")]),
                a(&["agent", "set", &ps("nobody"), "capacity=1"]),
                a(&["agent", "set", "sun", &ps("colour=red")]),
            ],
        ),
        (
            "agent skills",
            vec![
                a(&["agent", "skills", "sun", "--add", &ps("city:上海")]),
                a(&["agent", "skills", "sun", "--add", &ps("x")]),
                a(&["agent", "skills", &ps("nobody")]),
            ],
        ),
        (
            "group add",
            vec![
                a(&["group", "add", "Sales"]),
                a(&["group", "add", &ps("x")]),
            ],
        ),
        ("group list", fmt(&["group", "list"], &["csv", "json"])),
        (
            "group members",
            vec![
                a(&["group", "members", "sales", "--add", "sun"]),
                a(&["group", "members", &ps("x")]),
                a(&["group", "members", "Sales", "--add", &ps("nobody")]),
            ],
        ),
        (
            "group set",
            vec![
                a(&["group", "set", "Sales", "name=Sales East"]),
                a(&["group", "set", "Sales East", &ps("name=x")]),
                a(&["group", "set", &ps("x"), "name=y"]),
                a(&[
                    "group",
                    "set",
                    "Sales East",
                    "assignment=skills",
                    "archived=no",
                ]),
                a(&["group", "set", "Sales East", &ps("assignment=x")]),
            ],
        ),
        ("route run", fmt(&["route", "run"], &["json"])),
    ];
    all.extend(escapes_support::customer::invocations());
    all.extend(escapes_support::field::invocations());
    all.extend(escapes_support::qa::invocations());
    all.extend(escapes_support::plan::invocations());
    all.extend(vec![
        (
            "ticket new",
            vec![
                a(&[
                    "ticket",
                    "new",
                    "--customer",
                    "C1",
                    "--subject",
                    &ps("Fax"),
                    "--body",
                    &ps("Hi"),
                ]),
                a(&[
                    "ticket",
                    "new",
                    "--customer",
                    &ps("nobody"),
                    "--subject",
                    "x",
                    "--body",
                    "y",
                ]),
            ],
        ),
        (
            "ticket reply",
            vec![a(&["ticket", "reply", "1001", "--body", &ps("Reply")])],
        ),
        (
            "ticket note",
            vec![a(&["ticket", "note", "1001", "--body", &ps("Note")])],
        ),
        (
            "ticket set",
            vec![
                a(&[
                    "ticket",
                    "set",
                    "1001",
                    "subject=Printer fixed",
                    "assignee=li",
                ]),
                a(&["ticket", "set", "1002", "assignee=wang", "group=none"]),
                a(&["ticket", "set", "1001", &format!("tags+={}", ps("x"))]),
                a(&["ticket", "set", "1001", &format!("group={}", ps("x"))]),
            ],
        ),
        ("ticket link", vec![a(&["ticket", "link", "1001", "1002"])]),
        (
            "ticket merge",
            vec![a(&["ticket", "merge", "1004", "--into", "1002"])],
        ),
        (
            "customer create",
            vec![a(&[
                "customer",
                "create",
                "--name",
                &ps("Bob"),
                "--city",
                &ps("Xi'an"),
            ])],
        ),
        (
            "customer set",
            vec![
                a(&[
                    "customer",
                    "set",
                    "C1",
                    "name=Ann Lee",
                    "notes=plain",
                    "city=Beijing",
                ]),
                a(&["customer", "set", "C1", &format!("tier={}", ps("x"))]),
            ],
        ),
        (
            "customer import",
            vec![
                a(&["customer", "import", &f.customers_csv]),
                a(&[
                    "customer",
                    "import",
                    &f.customers_csv,
                    "--skip-bad",
                    "--rejects",
                    &f.rejects_csv,
                ]),
            ],
        ),
        (
            "mail import",
            fmt(&["mail", "import", &f.mail_dir], &["json"]),
        ),
        (
            "ingest",
            vec![
                a(&["ingest", &f.ingest_file]),
                a(&["ingest", &f.ingest_file, "--skip-bad", "--format", "json"]),
            ],
        ),
        // The mail and the record above opened the tickets after the fixture's four and `ticket new`'s one.
        ("ticket export", vec![a(&["ticket", "export"])]),
        (
            "ticket import",
            vec![
                a(&["ticket", "import", &f.tickets_jsonl]),
                a(&["ticket", "import", &f.tickets_jsonl, "--skip-bad"]),
            ],
        ),
        // No mailbox configured here: the error line is what prints (tests/mail_fetch.rs fetches for real).
        ("mail fetch", vec![a(&["mail", "fetch"])]),
        // No mail is configured on the poisoned database: send says so; the outbox is empty.
        ("mail send", vec![a(&["mail", "send"])]),
        ("mail outbox", vec![a(&["mail", "outbox", "--all"])]),
        (
            "attachment list",
            (1005..=1008)
                .map(|n| a(&["attachment", "list", &n.to_string()]))
                .collect(),
        ),
        (
            "attachment save",
            vec![a(&["attachment", "save", &ps("01ABCDEF"), &f.save_to])],
        ),
        (
            "customer merge",
            vec![a(&["customer", "merge", "C2", "--into", "C1"])],
        ),
        (
            "kb import",
            vec![
                a(&["kb", "import", &f.kb_dir]),
                a(&["kb", "import", &f.kb_bad_dir]),
                a(&["kb", "import", &f.kb_bad_dir, "--skip-bad"]),
            ],
        ),
        ("kb export", vec![a(&["kb", "export", &f.kb_export])]),
        (
            "kb starter",
            vec![
                a(&["kb", "starter"]),
                a(&["kb", "starter", "--locale", "zh-TW"]),
                a(&["kb", "starter", "--locale", "zh-TW"]),
                a(&["kb", "starter", "--locale", &ps("xx")]),
            ],
        ),
        (
            "kb status",
            vec![
                a(&["kb", "status", ARTICLE, "draft"]),
                a(&["kb", "status", &ps("x"), "draft"]),
            ],
        ),
        ("kb vote", vec![a(&["kb", "vote", ARTICLE, "up"])]),
        ("kb history", vec![a(&["kb", "history", ARTICLE])]),
        (
            "survey record",
            vec![
                a(&[
                    "survey",
                    "record",
                    "1003",
                    "--csat",
                    "2",
                    "--comment",
                    &ps("Slow"),
                ]),
                a(&[
                    "survey",
                    "record",
                    "--ticket",
                    "1003",
                    "--item",
                    "price=2",
                    "--comment",
                    &ps("Slow"),
                ]),
                a(&[
                    "survey",
                    "record",
                    "--ticket",
                    "1003",
                    "--item",
                    &format!("{}=2", ps("price")),
                ]),
            ],
        ),
        ("survey items", vec![a(&["survey", "items"])]),
        (
            "task done",
            vec![a(&[
                "task",
                "done",
                "--ticket",
                "1003",
                "--outcome",
                "not_solved",
                "--note",
                &ps("Still jams"),
            ])],
        ),
        ("sla run", fmt(&["sla", "run"], &["json"])),
        ("backup", vec![a(&["backup", &f.backup])]),
        (
            "restore",
            vec![a(&["restore", "--db", &f.restore_target, &f.backup])],
        ),
        (
            "convert",
            vec![a(&["convert", "--db", &f.convert_target, "--shared"])],
        ),
        (
            "demo",
            vec![
                a(&[
                    "demo",
                    "--db",
                    &f.demo_db,
                    "--tickets",
                    "20",
                    "--articles",
                    "3",
                ]),
                a(&["demo", "--db", &f.demo_db, "--tickets", "20"]),
            ],
        ),
        // The poisoned team moved into a PostgreSQL hub, and a replica of that.
        ("hub init", vec![a(&["hub", "init", hub])]),
        ("hub push", vec![a(&["hub", "push", &f.hub, hub])]),
        ("hub status", fmt(&["hub", "status", hub], &["json"])),
        ("hub compact", vec![a(&["hub", "compact", hub])]),
        // In this order: the replica is made first, then changed so the hub has something to take.
        (
            "replica create",
            vec![
                a(&["replica", "create", "--from", &f.hub, &f.replica]),
                a(&["replica", "create", "--from", hub, &pg_replica]),
            ],
        ),
        (
            "replica duties",
            vec![
                a(&["replica", "duties", "--db", &pg_replica]),
                a(&["replica", "duties", "--db", &f.replica]),
            ],
        ),
        (
            "replica status",
            fmt(&["replica", "status", "--db", &f.replica], &["json"]),
        ),
        (
            "sync",
            vec![
                a(&[
                    "ticket",
                    "note",
                    "1001",
                    "--body",
                    &p("offline note"),
                    "--db",
                    &f.replica,
                ]),
                a(&["sync", "--db", &f.replica]),
                a(&["sync", "--db", &pg_replica]),
                a(&["sync", "--db", &f.replica, "--format", "json"]),
                a(&["sync", "--db", &f.replica, &f.hub]),
                // `check --against` belongs with the sync runs: it needs the replica.
                a(&["check", "--db", &f.replica, "--against"]),
                a(&["check", "--db", &f.replica, "--against", "--format", "json"]),
            ],
        ),
        (
            "conflicts list",
            fmt(
                &["conflicts", "list", "--all", "--db", &f.replica],
                &["csv", "json"],
            ),
        ),
        (
            "conflicts accept",
            vec![a(&["conflicts", "accept", &p("nope"), "--db", &f.replica])],
        ),
        (
            "conflicts reapply",
            vec![a(&["conflicts", "reapply", &p("nope"), "--db", &f.replica])],
        ),
    ]);
    all
}

/// Every leaf subcommand of the CLI definition, as its path (`ticket list`).
fn leaves(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let path = format!("{prefix}{}", sub.get_name());
        if sub.get_subcommands().next().is_none() {
            out.push(path);
        } else {
            leaves(sub, &format!("{path} "), out);
        }
    }
}

#[test]
fn every_subcommand_prints_no_escape() {
    let home = tempfile::tempdir().unwrap();
    let db = poisoned(home.path());
    let f = files(home.path(), &db);
    let pg = common::postgres::Postgres::start();
    let hub = pg.as_ref().map_or_else(
        || "postgres://desk@127.0.0.1:1/no_server_here".to_string(),
        common::postgres::Postgres::create_database,
    );
    let table = invocations(&f, &hub);

    let mut all = Vec::new();
    leaves(&desk::cli::Cli::command(), "", &mut all);
    assert!(all.len() > 40, "{all:?}");
    let missing: Vec<&String> = all
        .iter()
        .filter(|l| !table.iter().any(|(k, _)| k == l))
        .collect();
    assert!(
        missing.is_empty(),
        "subcommands with no entry in `invocations` (add the arguments that make each print on the poisoned \
         database): {missing:?}"
    );
    let stale: Vec<&str> = table
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| !all.iter().any(|l| l == k))
        .collect();
    assert!(stale.is_empty(), "entries for no subcommand: {stale:?}");

    let mut problems = Vec::new();
    let mut shown = 0;
    for (leaf, runs) in &table {
        assert!(!runs.is_empty(), "{leaf}");
        for args in runs {
            let mut full = args.clone();
            if !full.iter().any(|a| a == "--db") {
                full.extend(["--db".to_string(), db.display().to_string()]);
            }
            let o = desk(home.path(), &full);
            // CSV keeps zero-width and bidi characters as data (they act on no terminal); everything else drops
            // or escapes them.
            let strict = !full.iter().any(|a| a == "csv");
            for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
                if let Some(what) = unsafe_in(bytes, strict) {
                    problems.push(format!(
                        "{leaf} {:?}: {what} in {stream}: {:?}",
                        args,
                        String::from_utf8_lossy(bytes)
                    ));
                }
            }
            let printed = format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            );
            assert!(
                !printed.trim().is_empty(),
                "{leaf} {args:?} printed nothing (exit {:?}): it tests nothing",
                o.status.code()
            );
            // The text around the payload is still there: the sanitiser removed the payload, not the line.
            if [
                "Printer jam",
                "Ann",
                "Wang Fang",
                "Too slow",
                "Prefers email",
            ]
            .iter()
            .any(|w| printed.contains(w))
            {
                shown += 1;
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(shown >= 25, "only {shown} runs showed poisoned text");
}
