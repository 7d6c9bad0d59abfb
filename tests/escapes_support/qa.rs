//! `desk qa` on the poisoned database: what [`super`]'s `cli_escapes` test runs for quality inspection, in order
//! (a ticket is sampled, scored with a poisoned comment, then listed and shown; the agent reads their reviews).

use super::{args, p, with_formats};

pub fn invocations() -> Vec<(&'static str, Vec<Vec<String>>)> {
    let (a, fmt) = (args, with_formats);
    let scores = [
        "greeting=5",
        "understanding=4",
        "accuracy=4",
        "empathy=3",
        "resolution=5",
        "documentation=2",
    ];
    let mut score = a(&["qa", "score", "1003"]);
    score.extend(a(&scores));
    score.extend(["--comment".to_string(), p("Too slow")]);
    let mut bad = a(&["qa", "score", "1003"]);
    bad.push(format!("{}=3", p("smile")));
    vec![
        (
            "qa sample",
            vec![
                a(&["qa", "sample", "--ticket", "1003"]),
                a(&["qa", "sample", "--week", "2026-W47"]),
                a(&["qa", "sample", "--week", &p("x")]),
            ],
        ),
        ("qa score", vec![score, bad]),
        ("qa list", fmt(&["qa", "list", "--all"], &["csv", "json"])),
        ("qa show", fmt(&["qa", "show", "1003"], &["json"])),
        ("qa mine", {
            let mut v = fmt(&["qa", "mine", "--agent", "wang"], &["csv", "json"]);
            v.push(a(&["qa", "mine", "--agent", &p("x")]));
            v
        }),
        ("qa rubric", vec![a(&["qa", "rubric"])]),
    ]
}
