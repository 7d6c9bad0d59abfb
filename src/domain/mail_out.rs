//! How a mail desk sends reads: which address it comes from (a group's own, else `[mail] from`), the signature
//! under an agent's reply (the group's, else `[mail] signature`), and the customer's latest message quoted under
//! it, introduced the way a mail client would in the customer's language. The thread in desk keeps only the
//! agent's words; these are added to the mail alone.

use chrono::{DateTime, FixedOffset, Offset as _, Utc};

use super::mail_loop::{Lang, MailOut};

/// At most this many lines of the customer's message are quoted.
pub const MAX_QUOTED_LINES: usize = 40;

/// What one group's mail is sent as (`[mail.groups."NAME"]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMail {
    /// The From, as written (`售后服务 <aftersales@example.com>`); `None` keeps `[mail] from`.
    pub from: Option<String>,
    /// The domain of `from`'s address: the right-hand side of the Message-IDs of this group's mail.
    pub domain: Option<String>,
    /// Replaces `[mail] signature` under this group's replies.
    pub signature: Option<String>,
}

/// Who a mail comes from: `from` is `None` for `[mail] from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct From<'a> {
    pub from: Option<&'a str>,
    pub domain: &'a str,
}

impl MailOut {
    /// A group's settings by name: as written, else ignoring case (as desk matches group names).
    fn group(&self, group: Option<&str>) -> Option<&GroupMail> {
        let g = group?.trim();
        self.groups.get(g).or_else(|| {
            let lower = g.to_lowercase();
            self.groups
                .iter()
                .find(|(k, _)| k.to_lowercase() == lower)
                .map(|(_, v)| v)
        })
    }

    /// The From (and Message-ID domain) of mail on a ticket in `group`.
    pub fn from_for(&self, group: Option<&str>) -> From<'_> {
        match self.group(group) {
            Some(GroupMail {
                from: Some(from),
                domain,
                ..
            }) => From {
                from: Some(from),
                domain: domain.as_deref().unwrap_or(&self.domain),
            },
            _ => From {
                from: None,
                domain: &self.domain,
            },
        }
    }

    /// The signature under a reply on a ticket in `group`.
    pub fn signature_for(&self, group: Option<&str>) -> Option<&str> {
        self.group(group)
            .and_then(|g| g.signature.as_deref())
            .or(self.signature.as_deref())
            .filter(|s| !s.trim().is_empty())
    }
}

/// The customer's message a reply quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote<'a> {
    /// When they wrote it (unix seconds).
    pub at: i64,
    pub author: &'a str,
    pub body: &'a str,
}

/// The mailed text of an agent's reply: `text` unchanged, then the signature after RFC 3676's `-- ` line, then
/// the customer's own words (their quoted history and signature left out) quoted under a line saying who wrote
/// them when — in Chinese when they wrote Chinese. `utc_offset` (seconds) is the clock the date is read on.
pub fn reply_body(
    text: &str,
    signature: Option<&str>,
    quote: Option<&Quote<'_>>,
    utc_offset: i32,
) -> String {
    let mut out = text.trim_end().to_string();
    if let Some(sig) = signature
        .map(str::trim_end)
        .filter(|s| !s.trim().is_empty())
    {
        out.push_str("\n\n-- \n");
        out.push_str(sig.trim_start_matches('\n'));
    }
    if let Some(q) = quote {
        let quoted = quote_lines(q.body);
        if !quoted.is_empty() {
            out.push_str("\n\n");
            out.push_str(&attribution(Lang::of(q.body), q.at, q.author, utc_offset));
            for l in quoted {
                out.push('\n');
                out.push_str(&l);
            }
        }
    }
    out
}

/// `在 2026年12月3日 14:05，张三 写道：` (寫道 in traditional) or `On 3 Dec 2026 14:05, Zhang San wrote:`.
pub fn attribution(lang: Lang, at: i64, author: &str, utc_offset: i32) -> String {
    let offset = FixedOffset::east_opt(utc_offset).unwrap_or_else(|| Utc.fix());
    let when = DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .with_timezone(&offset);
    let author: String = author
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string();
    match lang {
        Lang::Zh => {
            let who = if author.is_empty() {
                "客户".into()
            } else {
                author
            };
            format!("在 {}，{who} 写道：", when.format("%Y年%-m月%-d日 %H:%M"))
        }
        Lang::ZhTw => {
            let who = if author.is_empty() {
                "客戶".into()
            } else {
                author
            };
            format!("在 {}，{who} 寫道：", when.format("%Y年%-m月%-d日 %H:%M"))
        }
        Lang::En => {
            let who = if author.is_empty() {
                "the customer".into()
            } else {
                author
            };
            format!("On {}, {who} wrote:", when.format("%-d %b %Y %H:%M"))
        }
    }
}

/// `body`'s own words (without the history and signature it carries), each line behind `> `, at most
/// [`MAX_QUOTED_LINES`] (then `> […]`); nothing for a message with no words.
pub fn quote_lines(body: &str) -> Vec<String> {
    let keep = super::quoted::fold_point(body).unwrap_or(usize::MAX);
    let own: Vec<&str> = body.lines().take(keep).collect();
    let start = own.iter().position(|l| !l.trim().is_empty());
    let end = own.iter().rposition(|l| !l.trim().is_empty());
    let (Some(start), Some(end)) = (start, end) else {
        return Vec::new();
    };
    let words: Vec<&str> = own.into_iter().skip(start).take(end + 1 - start).collect();
    let mut out: Vec<String> = words
        .iter()
        .take(MAX_QUOTED_LINES)
        .map(|l| {
            let l = l.trim_end_matches(['\r', ' ', '\t']);
            if l.is_empty() {
                ">".to_string()
            } else if l.starts_with('>') {
                format!(">{l}")
            } else {
                format!("> {l}")
            }
        })
        .collect();
    if words.len() > MAX_QUOTED_LINES {
        out.push("> […]".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn out() -> MailOut {
        let mut groups = BTreeMap::new();
        groups.insert(
            "售后".to_string(),
            GroupMail {
                from: Some("售后服务 <aftersales@after.example>".into()),
                domain: Some("after.example".into()),
                signature: Some("售后服务部\n电话 400-800-1234".into()),
            },
        );
        groups.insert(
            "VIP".to_string(),
            GroupMail {
                from: None,
                domain: None,
                signature: Some("VIP desk".into()),
            },
        );
        MailOut {
            domain: "desk.example".into(),
            signature: Some("The desk team".into()),
            groups,
            ..MailOut::default()
        }
    }

    #[test]
    fn a_group_with_its_own_from_sends_from_it_and_signs_for_it() {
        let o = out();
        let f = o.from_for(Some("售后"));
        assert_eq!(f.from, Some("售后服务 <aftersales@after.example>"));
        assert_eq!(f.domain, "after.example");
        assert_eq!(
            o.signature_for(Some("售后")),
            Some("售后服务部\n电话 400-800-1234")
        );
        let plain = o.from_for(Some("VIP"));
        assert_eq!((plain.from, plain.domain), (None, "desk.example"));
        assert_eq!(o.signature_for(Some("VIP")), Some("VIP desk"));
        assert_eq!(o.from_for(None).from, None);
        assert_eq!(o.signature_for(Some("other")), Some("The desk team"));
        assert_eq!(o.signature_for(None), Some("The desk team"));
    }

    #[test]
    fn the_reply_is_signed_then_quotes_the_customer_in_their_language() {
        // 2026-12-03 06:05 UTC is 14:05 in Beijing.
        let at = 1_796_277_900;
        let q = Quote {
            at,
            author: "张三",
            body: "空调不制冷\n\n谢谢\n\n-- \n张三\n",
        };
        let body = reply_body(
            "您好，请清洗滤网。\n",
            Some("售后服务部"),
            Some(&q),
            8 * 3600,
        );
        assert_eq!(
            body,
            "您好，请清洗滤网。\n\n-- \n售后服务部\n\n在 2026年12月3日 14:05，张三 写道：\n> 空调不制冷\n>\n> 谢谢"
        );
        let q = Quote {
            at,
            author: "Zhang San",
            body: "It is broken.\n\nOn Mon, someone wrote:\n> old",
        };
        assert_eq!(
            reply_body("Hello", None, Some(&q), 8 * 3600),
            "Hello\n\nOn 3 Dec 2026 14:05, Zhang San wrote:\n> It is broken."
        );
        assert_eq!(reply_body("Hello", None, None, 0), "Hello");
        let empty = Quote {
            at,
            author: "x",
            body: " \n",
        };
        assert_eq!(reply_body("Hello", None, Some(&empty), 0), "Hello");
    }

    #[test]
    fn a_long_message_is_quoted_to_forty_lines() {
        let long: String = (0..100).map(|i| format!("line {i}\n")).collect();
        let lines = quote_lines(&long);
        assert_eq!(lines.len(), MAX_QUOTED_LINES + 1);
        assert_eq!(lines.last().map(String::as_str), Some("> […]"));
    }

    proptest! {
        #[test]
        fn the_agents_text_comes_first_and_every_quoted_line_starts_with_a_chevron(
            text in "[a-z 您好\n]{0,40}[a-z您]",
            customer in "[a-zA-Z0-9 >\\-空调\n\r\t]{0,300}",
            at in 0i64..4_000_000_000,
        ) {
            let q = Quote { at, author: "张三", body: &customer };
            let body = reply_body(&text, None, Some(&q), 8 * 3600);
            let rest = body.strip_prefix(text.trim_end());
            prop_assert!(rest.is_some(), "{body:?}");
            let rest = rest.unwrap_or_default();
            let mut lines = rest.lines().skip_while(|l| l.is_empty());
            if let Some(attribution) = lines.next() {
                prop_assert!(attribution.ends_with("写道：") || attribution.ends_with("wrote:"));
                let quoted: Vec<&str> = lines.collect();
                prop_assert!(quoted.len() <= MAX_QUOTED_LINES + 1);
                for l in quoted {
                    prop_assert!(l.starts_with('>'), "{l:?} in {body:?}");
                }
            }
        }
    }
}
