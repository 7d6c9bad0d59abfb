//! Where a mail's own words end: the quoted history a mail client appends to a reply ("On … wrote:", "在 …
//! 写道：", Outlook's "-----Original Message-----" or its From:/Sent: block, a trailing run of `>` lines) and the
//! signature after a `-- ` line. The thread folds what follows that point, so a long conversation reads as its
//! answers; a key shows it. Forwarded messages are never folded: what was forwarded is the point of the mail.

/// What a fold hides.
/// What the one folded line says: "··· signature (z shows)", "··· quoted history, 5 lines (z shows)". `quoted` is
/// the folded part, its marker line first; `key` the key that shows it.
pub fn fold_label(quoted: &[&str], key: &str) -> String {
    let signature = quoted
        .first()
        .is_some_and(|l| l.trim_end_matches('\r') == "-- ")
        && !quoted.iter().any(|l| l.trim_start().starts_with('>'));
    // The marker ("On … wrote:", "-- ") is not a line of what was said.
    let skip = usize::from(
        quoted
            .first()
            .is_some_and(|l| !l.trim_start().starts_with('>')),
    );
    let n = quoted
        .iter()
        .skip(skip)
        .filter(|l| !l.trim().is_empty())
        .count();
    let lines = format!("{n} line{}", if n == 1 { "" } else { "s" });
    if signature {
        format!("··· signature, {lines} ({key} shows)")
    } else {
        format!("··· quoted history, {lines} ({key} shows)")
    }
}

/// The line index at which `body`'s trailing quoted history or signature starts, if it has one and it is not the
/// whole message.
pub fn fold_point(body: &str) -> Option<usize> {
    let lines: Vec<&str> = body.lines().collect();
    // Nothing from a forward down is folded, however much it looks like history.
    let forward = lines
        .iter()
        .position(|l| is_forward_marker(l))
        .unwrap_or(lines.len());
    let at = lines
        .iter()
        .take(forward)
        .enumerate()
        .find(|(i, line)| starts_history(&lines, *i, line))
        .map(|(i, _)| i)?;
    // Never fold a message away entirely: something of its own must stay on screen.
    let own = lines.iter().take(at).any(|l| !l.trim().is_empty());
    own.then_some(at)
}

/// Whether the history or signature starts at line `i`.
fn starts_history(lines: &[&str], i: usize, line: &str) -> bool {
    let t = line.trim();
    // RFC 3676's delimiter is "-- " exactly (trailing space kept by most clients, dropped by a few editors that
    // trim; "--" alone is too common in text to trust).
    if line.trim_end_matches('\r') == "-- " {
        return true;
    }
    if is_reply_header(t) || is_separator(t) {
        return true;
    }
    if header_block(lines, i) {
        return true;
    }
    // A run of `>` lines that goes to the end (blank lines and a signature may follow): quoted history at the
    // bottom. `>` lines with answers between them are an inline reply and stay.
    t.starts_with('>')
        && lines.iter().skip(i).all(|l| {
            let l = l.trim();
            l.is_empty() || l.starts_with('>')
        })
}

fn is_forward_marker(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    [
        "forwarded message",
        "begin forwarded message",
        "转发的邮件",
        "轉寄的郵件",
        "转发邮件",
    ]
    .iter()
    .any(|m| l.contains(m))
}

/// "On Tue, 3 Dec 2026 at 10:02, Li Na <li@example.com> wrote:", "在 2026年12月3日 10:02，李娜 写道：", and the same
/// in traditional characters.
fn is_reply_header(t: &str) -> bool {
    let ends = |s: &str| t.ends_with(s);
    (t.starts_with("On ") && (ends("wrote:") || ends("writes:")))
        || ends("写道：")
        || ends("写道:")
        || ends("寫道：")
        || ends("寫道:")
}

fn is_separator(t: &str) -> bool {
    const SEPARATORS: [&str; 4] = [
        "-----Original Message-----",
        "-----原始邮件-----",
        "-----原始郵件-----",
        "----- Original Message -----",
    ];
    SEPARATORS.iter().any(|s| t.eq_ignore_ascii_case(s))
        || (t.len() >= 20 && t.chars().all(|c| c == '_'))
}

/// Outlook's quoted header block: a From line followed within three lines by a Sent/Date and a To or Subject.
fn header_block(lines: &[&str], i: usize) -> bool {
    let field = |l: &str, names: &[&str]| {
        let l = l.trim_start_matches(['*', ' ']);
        names.iter().any(|n| {
            l.strip_prefix(n)
                .is_some_and(|rest| rest.starts_with(':') || rest.starts_with('：'))
        })
    };
    let Some(first) = lines.get(i) else {
        return false;
    };
    if !field(first, &["From", "发件人", "寄件者", "寄件人"]) {
        return false;
    }
    let next: Vec<&str> = lines.iter().skip(i + 1).take(3).copied().collect();
    let sent = next
        .iter()
        .any(|l| field(l, &["Sent", "Date", "发送时间", "日期", "傳送時間", "時間"]));
    let to = next
        .iter()
        .any(|l| field(l, &["To", "Subject", "收件人", "主题", "主旨", "收件者"]));
    sent && to
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_reply_header_and_quote() {
        let body = "Thanks, that fixed it.\n\nOn Tue, 3 Dec 2026 at 10:02, Li Na <li@example.com> wrote:\n> Please restart the pump.\n> Li Na";
        assert_eq!(fold_point(body), Some(2));
    }

    #[test]
    fn chinese_reply_headers_in_both_scripts() {
        let s = "已经好了，谢谢。\n在 2026年12月3日 10:02，李娜 写道：\n> 请重启水泵。";
        assert_eq!(fold_point(s), Some(1));
        let t = "已經好了，謝謝。\n\n於 2026年12月3日 李娜 寫道：\n> 請重啟水泵。";
        assert_eq!(fold_point(t), Some(2));
    }

    #[test]
    fn outlook_separator_and_header_block() {
        let sep = "好的\n-----原始邮件-----\n发件人: 售后服务\n发送时间: 2026年12月3日\n主题: 维修";
        assert_eq!(fold_point(sep), Some(1));
        let block = "Noted.\n\n________________________________\nFrom: Service <s@example.com>\nSent: Thursday\nTo: Wang";
        assert_eq!(fold_point(block), Some(2));
        let bare =
            "Noted.\n\nFrom: Service <s@example.com>\nSent: Thursday\nSubject: Repair\n\nold text";
        assert_eq!(fold_point(bare), Some(2));
        // A From line alone is the customer's words, not a header block.
        assert_eq!(
            fold_point("Hi\nFrom: my shop in Hangzhou I ordered two"),
            None
        );
    }

    #[test]
    fn signature_after_the_delimiter() {
        assert_eq!(
            fold_point("See you.\n-- \nWang Fang\n138 0013 8000"),
            Some(1)
        );
        // "--" without the space is often just a dash in text; it is not RFC 3676's delimiter.
        assert_eq!(fold_point("a -- b\n--\nnot a signature"), None);
    }

    #[test]
    fn inline_replies_and_whole_quotes_stay() {
        let inline = "> Is it under warranty?\nYes, bought in March.\n> Which model?\nKF-35";
        assert_eq!(fold_point(inline), None);
        assert_eq!(fold_point("> only a quote\n> nothing else"), None);
        assert_eq!(
            fold_point("On Monday, you wrote:\n> a"),
            None,
            "nothing of its own above the header"
        );
    }

    #[test]
    fn the_folded_line_says_what_it_hides() {
        assert_eq!(
            fold_label(&["-- ", "Wang Fang", "", "138"], "z"),
            "··· signature, 2 lines (z shows)"
        );
        assert_eq!(
            fold_label(&["On Mon, Li wrote:", "> a", ">", "> b"], "z"),
            "··· quoted history, 3 lines (z shows)"
        );
        assert_eq!(
            fold_label(&["> only"], "z"),
            "··· quoted history, 1 line (z shows)"
        );
    }

    #[test]
    fn forwarded_messages_are_never_folded() {
        let fwd = "FYI\n---------- Forwarded message ---------\nFrom: Zhang <z@example.com>\nDate: Mon\nSubject: broken\nTo: us\n\nIt leaks.";
        // The forwarded block's header lines look like Outlook's history, but they are what was forwarded.
        assert_eq!(fold_point(fwd), None);
        // History above a forward still folds; the forward below it is part of that history then.
        let above = "ok\nOn Mon, Li wrote:\n> see below\n---------- Forwarded message ---------\nFrom: a@b.c";
        assert_eq!(fold_point(above), Some(1));
    }

    proptest::proptest! {
        /// Any text: the fold never hides everything, never starts past the end, and its label always says a count.
        #[test]
        fn any_text_folds_within_itself(body in "(\\PC{0,12}|> [a-z]{0,6}|-- |On x wrote:|\n){0,30}") {
            let lines: Vec<&str> = body.lines().collect();
            if let Some(at) = fold_point(&body) {
                proptest::prop_assert!(at > 0 && at < lines.len());
                proptest::prop_assert!(lines.iter().take(at).any(|l| !l.trim().is_empty()));
                let label = fold_label(lines.get(at..).unwrap_or_default(), "z");
                proptest::prop_assert!(label.ends_with("(z shows)"));
            }
        }
    }
}
