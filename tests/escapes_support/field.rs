//! `desk visit`, `desk part` and `desk return` on the poisoned database: what [`super`]'s `cli_escapes` test runs
//! for the field-service commands, in order (a visit is made, parts are moved to it, a return is asked for).

use super::p;

pub fn invocations() -> Vec<(&'static str, Vec<Vec<String>>)> {
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
    vec![
        (
            "visit new",
            vec![
                a(&[
                    "visit",
                    "new",
                    "1001",
                    "--service",
                    "repair",
                    "--engineer",
                    "li",
                    "--window",
                    "2026-12-07 09:00-11:00",
                    "--address",
                    &ps("Road"),
                ]),
                a(&["visit", "new", "1001", "--service", &ps("x")]),
                a(&["visit", "new", "1001", "--window", &ps("x")]),
            ],
        ),
        ("visit list", {
            let mut v = fmt(&["visit", "list", "--date", "2026-12-07"], &["csv", "json"]);
            v.push(a(&["visit", "list", "--waiting"]));
            v.push(a(&[
                "visit", "list", "--ticket", "1001", "--format", "json",
            ]));
            v.push(a(&["visit", "list", "--date", &ps("x")]));
            v
        }),
        (
            "visit set",
            vec![
                a(&["visit", "set", "V1", &format!("notes={}", ps("fixed"))]),
                a(&["visit", "set", "V1", &format!("status={}", ps("x"))]),
                a(&["visit", "set", &ps("V1"), "notes=x"]),
                a(&["visit", "set", "V1", &format!("part={}", ps("P"))]),
            ],
        ),
        ("visit report", fmt(&["visit", "report", "V1"], &["json"])),
        (
            "part add",
            vec![
                a(&["part", "add", "FLT-1", &ps("Filter"), "--price", "89"]),
                a(&["part", "add", &ps("x"), "y"]),
            ],
        ),
        (
            "part receive",
            vec![
                a(&["part", "receive", "FLT-1", "5", "--at", &ps("Depot")]),
                a(&["part", "receive", &ps("x"), "5", "--at", "y"]),
            ],
        ),
        (
            "part transfer",
            vec![a(&[
                "part",
                "transfer",
                "FLT-1",
                "9",
                "--from",
                &ps("Depot"),
                "--to",
                "van:li",
            ])],
        ),
        (
            "part count",
            vec![a(&["part", "count", "FLT-1", "4", "--at", &ps("Depot")])],
        ),
        ("part list", fmt(&["part", "list"], &["csv", "json"])),
        ("part stock", fmt(&["part", "stock"], &["csv", "json"])),
        (
            "return new",
            vec![
                a(&[
                    "return",
                    "new",
                    "1001",
                    "--kind",
                    "return",
                    "--reason",
                    "other",
                    "--note",
                    &ps("Box"),
                ]),
                a(&[
                    "return",
                    "new",
                    "1001",
                    "--kind",
                    &ps("x"),
                    "--reason",
                    "other",
                ]),
            ],
        ),
        ("return list", fmt(&["return", "list"], &["csv", "json"])),
        (
            "return set",
            vec![
                a(&[
                    "return",
                    "set",
                    "R1",
                    &format!("note={}", ps("n")),
                    "status=approved",
                ]),
                a(&[
                    "return",
                    "set",
                    "R1",
                    &format!("exception={}", ps("e")),
                    "status=approved",
                ]),
            ],
        ),
    ]
}
