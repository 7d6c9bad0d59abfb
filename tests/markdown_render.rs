//! Article Markdown as the reader lays it out, one snapshot per element at 80 and 120 columns (the reader's width
//! inside its border is two less). Each snapshot shows the lines as drawn, then the same lines with every styled
//! piece marked `‹Kind:text›`, so a lost emphasis or a wrong kind shows up as a diff too.

use desk::ui::markdown::{Kind, lines};

const ELEMENTS: &[(&str, &str)] = &[
    (
        "headings",
        "# Payment failed 支付失败\n\nIntro paragraph.\n\n## Before you call the bank\n\n### 第三级标题：检查银行卡\n\nText under the third level.",
    ),
    (
        "emphasis",
        "If your **card was declined**, try *another card* or ***both at once***. Run `desk kb search` for more; \
         the **银行卡余额不足** case is the most common, and *请稍后重试* usually works after ten minutes.",
    ),
    (
        "lists",
        "Steps:\n\n1. Check the card number and the expiry date printed on the front of the card\n2. Ask your bank \
         whether online payments are enabled\n   - daily limits\n   - 境外支付限制与风控拦截（常见于首次大额支付）\n3. Try again\n\n\
         - one bullet\n- 两个要点",
    ),
    (
        "quotes",
        "> Most declines are resolved by the bank within a few minutes; if not, call the number on the back of \
         your card.\n>\n> 温馨提示：请勿向任何人透露验证码。\n\nAfter the quote.",
    ),
    (
        "code",
        "Run this:\n\n```\ndesk kb export ./kb\nerror: 05 do not honour — 银行拒绝交易\n```\n\nInline `code` too.",
    ),
    (
        "links",
        "See [payment help](https://help.desk.example/pay) or [保修期查询页面](https://help.desk.example/zh/warranty/check) \
         for the full list, and the article [Reset your password](kb:01JABCDEF) in this knowledge base.",
    ),
    (
        "tables",
        "| Code | Meaning | What to do |\n|---|---|---|\n| 05 | Do not honour | Call the bank |\n\
         | 51 | Insufficient funds 余额不足 | 充值后重新支付，或换一张银行卡 |\n| 54 | Expired card | Use another card |",
    ),
    (
        "chinese",
        "您好！本文介绍我们产品的**保修**政策，以及如何查询您设备的保修期。设备在保修期内出现非人为故障的，可享受免费维修；\
         超出保修期的，我们提供有偿维修服务，费用以维修师傅检测后的报价为准。English words mixed in: warranty, invoice.",
    ),
];

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Plain => "",
        Kind::Strong => "Strong",
        Kind::Emph => "Emph",
        Kind::StrongEmph => "StrongEmph",
        Kind::Code => "Code",
        Kind::Link => "Link",
        Kind::Url => "Url",
        Kind::Heading => "Heading",
        Kind::Marker => "Marker",
        Kind::Quote => "Quote",
        Kind::CodeBlock => "CodeBlock",
        Kind::Rule => "Rule",
        Kind::TableHead => "TableHead",
    }
}

fn layout(md: &str, width: usize) -> String {
    let laid = lines(md, width);
    let mut out = String::new();
    for l in &laid {
        let text: String = l.iter().map(|(t, _)| t.as_str()).collect();
        assert!(
            desk::domain::text::width(&text) <= width,
            "a line is wider than {width}: {text:?}"
        );
        out.push('|');
        out.push_str(&text);
        out.push_str("|\n");
    }
    out.push_str("---\n");
    for l in &laid {
        for (t, k) in l {
            match kind_name(*k) {
                "" => out.push_str(t),
                name => out.push_str(&format!("‹{name}:{t}›")),
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn each_element_at_80_and_120_columns() {
    for (name, md) in ELEMENTS {
        for cols in [80usize, 120] {
            // The reader draws inside a border: two columns less than the terminal.
            insta::assert_snapshot!(format!("{name}_{cols}"), layout(md, cols - 2));
        }
    }
}

#[test]
fn narrow_terminals_still_fit() {
    for (_, md) in ELEMENTS {
        for w in [20usize, 33, 41] {
            let _ = layout(md, w); // asserts every line fits
        }
    }
}
