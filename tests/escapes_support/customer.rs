//! `desk customer address` on the poisoned database: what [`super`]'s `cli_escapes` test runs for a customer's
//! addresses, in order (poisoned addresses are added, made default and listed, the profile shown with them and
//! with poisoned tags refused, then one removed).

use super::{args, p, with_formats};

pub fn invocations() -> Vec<(&'static str, Vec<Vec<String>>)> {
    let (a, fmt) = (args, with_formats);
    vec![
        (
            "customer address add",
            vec![
                a(&["customer", "address", "add", "C1", &p("上海 人民路 1 号")]),
                a(&[
                    "customer",
                    "address",
                    "add",
                    "C1",
                    &p("北京 长安街 1 号"),
                    "--label",
                    &p("公司"),
                ]),
                a(&["customer", "address", "add", "C1", " "]),
                a(&[
                    "customer",
                    "set",
                    "C1",
                    "tags+=vip-care",
                    "gender=female",
                    "contact_channel=wechat",
                    "contact_time=weekdays 18:00-21:00",
                ]),
                a(&["customer", "set", "C1", &format!("tags+={}", p("x"))]),
                a(&["customer", "set", "C1", &format!("contact_time={}", p("x"))]),
                a(&["customer", "set", "C1", &format!("gender={}", p("x"))]),
            ],
        ),
        (
            "customer address default",
            vec![
                a(&["customer", "address", "default", "C1", &p("公司")]),
                a(&["customer", "address", "default", "C1", &p("nowhere")]),
            ],
        ),
        ("customer address list", {
            let mut v = fmt(&["customer", "address", "list", "C1"], &["csv", "json"]);
            v.extend(fmt(&["customer", "show", "C1"], &["json"]));
            v.push(a(&["customer", "list", "--filter", "tag:vip-care"]));
            v
        }),
        (
            "customer address remove",
            vec![
                a(&["customer", "address", "remove", "C1", &p("公司")]),
                a(&["customer", "address", "remove", &p("nobody"), "x"]),
            ],
        ),
    ]
}
