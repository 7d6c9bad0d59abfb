//! `desk plan` on the poisoned database: what [`super`]'s `cli_escapes` test runs for improvement actions, in
//! order (an action with a poisoned title is made and moved, then listed and shown).

use super::{args, p, with_formats};

pub fn invocations() -> Vec<(&'static str, Vec<Vec<String>>)> {
    let (a, fmt) = (args, with_formats);
    vec![
        (
            "plan add",
            vec![
                a(&[
                    "plan",
                    "add",
                    "--title",
                    &p("Answer chats faster"),
                    "--indicator",
                    "frt_sla",
                    "--due",
                    "2026-12-31",
                ]),
                a(&["plan", "add", "--title", "x", "--indicator", &p("x")]),
                a(&["plan", "add", "--from-suggestion", "99"]),
            ],
        ),
        (
            "plan set",
            vec![
                a(&[
                    "plan",
                    "set",
                    "1",
                    "status=do",
                    &format!("note={}", p("on it")),
                ]),
                a(&["plan", "set", "1", &format!("status={}", p("x"))]),
                a(&["plan", "set", "1", "status=act"]),
            ],
        ),
        (
            "plan list",
            fmt(&["plan", "list", "--all"], &["csv", "json"]),
        ),
        ("plan show", fmt(&["plan", "show", "1"], &["json"])),
    ]
}
