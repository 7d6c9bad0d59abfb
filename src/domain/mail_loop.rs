//! The mails that close the loop with a customer who wrote in: the acknowledgement of a new ticket (with the
//! response time the SLA promises) and the satisfaction survey sent when it is solved — their texts in the
//! customer's language, and the score read back from a reply ("4", "5 9", "评分：4分", "４", "Price: 3").

use super::questionnaire::{Item, mail_lines, reply_line};
use super::service_loop::SurveyResponse;

/// What queueing needs to know of the outgoing mail setup.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MailOut {
    /// The right-hand side of the Message-IDs desk makes (the From address's domain).
    pub domain: String,
    /// Under every mailed reply (after `-- `) unless its ticket's group has its own.
    pub signature: Option<String>,
    /// Groups that mail as themselves (`[mail.groups."NAME"]`), by group name.
    pub groups: std::collections::BTreeMap<String, super::mail_out::GroupMail>,
    /// A mailed reply quotes the customer's latest message under it.
    pub quote_history: bool,
    /// The clock (seconds east of UTC) a quoted message's date is given in.
    pub utc_offset: i32,
    /// Acknowledge a new ticket that came by mail.
    pub acknowledge: bool,
    /// Mail the satisfaction survey when a ticket is solved.
    pub survey: bool,
    /// What a low score (`[loop]` thresholds) answered by mail does besides its recovery task.
    pub low_score: LowScore,
}

/// What a low score answered by mail does to its ticket (the recovery task comes with every low score).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LowScore {
    /// Back to open when `[loop] reopen_on_low_score` says so, with a note: someone has to call the customer.
    #[default]
    Reopen,
    /// Reopened and raised to urgent.
    Escalate,
    /// Only the note (and the recovery task); never reopened.
    Note,
}

/// Which template language a customer gets: Chinese when they wrote Chinese, in the script they wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese (简体).
    Zh,
    /// Traditional Chinese (繁體), for customers who write it (Taiwan, Hong Kong, Macau).
    ZhTw,
    En,
}

impl Lang {
    /// Chinese when `text` has a CJK ideograph: traditional when its characters are
    /// ([`super::han_script::is_traditional`]), else simplified.
    pub fn of(text: &str) -> Lang {
        if !text.chars().any(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
        }) {
            Lang::En
        } else if super::han_script::is_traditional(text) {
            Lang::ZhTw
        } else {
            Lang::Zh
        }
    }

    /// Either script of Chinese.
    pub fn is_chinese(self) -> bool {
        matches!(self, Lang::Zh | Lang::ZhTw)
    }
}

const ACK_ZH: &str = include_str!("../../assets/mail/acknowledgement.zh.txt");
const ACK_EN: &str = include_str!("../../assets/mail/acknowledgement.en.txt");
const SURVEY_ZH: &str = include_str!("../../assets/mail/survey.zh.txt");
const SURVEY_EN: &str = include_str!("../../assets/mail/survey.en.txt");
const ACK_ZH_TW: &str = include_str!("../../assets/mail/acknowledgement.zh-TW.txt");
const SURVEY_ZH_TW: &str = include_str!("../../assets/mail/survey.zh-TW.txt");

/// What the first-response target promises, as a sentence; `None` without a running clock.
fn promise(lang: Lang, seconds: Option<i64>) -> String {
    let Some(s) = seconds.filter(|s| *s > 0) else {
        return match lang {
            Lang::Zh => "我们会尽快回复您。".into(),
            Lang::ZhTw => "我們會盡快回覆您。".into(),
            Lang::En => "We will answer as soon as we can.".into(),
        };
    };
    let hours = (s + 3599) / 3600;
    match (lang, hours) {
        (Lang::Zh, h) if h <= 48 => format!("我们将在 {h} 小时内回复您。"),
        (Lang::Zh, h) => format!("我们将在 {} 天内回复您。", (h + 23) / 24),
        (Lang::ZhTw, h) if h <= 48 => format!("我們將在 {h} 小時內回覆您。"),
        (Lang::ZhTw, h) => format!("我們將在 {} 天內回覆您。", (h + 23) / 24),
        (Lang::En, 1) => "We will answer within an hour.".into(),
        (Lang::En, h) if h <= 48 => format!("We will answer within {h} hours."),
        (Lang::En, h) => format!("We will answer within {} days.", (h + 23) / 24),
    }
}

fn fill(template: &str, number: i64, subject: &str, promise: &str) -> String {
    template
        .replace("{number}", &number.to_string())
        .replace("{subject}", subject)
        .replace("{promise}", promise)
}

/// The acknowledgement of new ticket `number`: subject and body. `first_response_in` is the time to the
/// first-response deadline the SLA policy set, if any.
pub fn acknowledgement(
    lang: Lang,
    number: i64,
    subject: &str,
    first_response_in: Option<i64>,
) -> (String, String) {
    let template = match lang {
        Lang::Zh => ACK_ZH,
        Lang::ZhTw => ACK_ZH_TW,
        Lang::En => ACK_EN,
    };
    let body = fill(template, number, subject, &promise(lang, first_response_in));
    let title = match lang {
        Lang::Zh | Lang::ZhTw => format!("[#{number}] 已收到：{subject}"),
        Lang::En => format!("[#{number}] Received: {subject}"),
    };
    (title, body)
}

/// The survey for solved ticket `number`: subject and body, with the questionnaire's items to score when there are
/// any.
pub fn survey(lang: Lang, number: i64, subject: &str, items: &[Item]) -> (String, String) {
    let questionnaire = if items.is_empty() {
        String::new()
    } else {
        let intro = match lang {
            Lang::Zh => "如方便，请在下面每一项后填写 1–5 的分数：",
            Lang::ZhTw => "如方便，請在下面每一項後填寫 1–5 的分數：",
            Lang::En => "If you have a moment more, rate each of these from 1 to 5 on its line:",
        };
        format!("\n{intro}\n{}\n", mail_lines(items, lang))
    };
    let (title, template) = match lang {
        Lang::Zh => (format!("[#{number}] 满意度调查：{subject}"), SURVEY_ZH),
        Lang::ZhTw => (format!("[#{number}] 滿意度調查：{subject}"), SURVEY_ZH_TW),
        Lang::En => (format!("[#{number}] How did we do? {subject}"), SURVEY_EN),
    };
    let body = fill(template, number, subject, "").replace("{questionnaire}", &questionnaire);
    (title, body)
}

/// A reply to the survey: the CSAT (and NPS) line [`survey_scores`] reads, and any questionnaire items answered
/// one per line. `None` when it holds neither, so the reply is treated as an ordinary answer.
pub fn survey_reply(body: &str, items: &[Item]) -> Option<SurveyResponse> {
    let mut answers: Vec<(String, i64)> = Vec::new();
    let mut rest = String::new();
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with('>') {
            continue; // the survey quoted back, blanks and all
        }
        // A mail client's attribution line ("On 3 Dec … wrote:") holds numbers that are no score.
        if (t.starts_with("On ") && t.ends_with("wrote:"))
            || t.ends_with("写道：")
            || t.ends_with("寫道：")
        {
            break;
        }
        if let Some(a) = reply_line(t, items) {
            if !answers.iter().any(|(k, _)| *k == a.0) {
                answers.push(a);
            }
            continue;
        }
        rest.push_str(line);
        rest.push('\n');
    }
    let scores = survey_scores(&rest);
    if scores.is_none() && answers.is_empty() {
        return None;
    }
    let (csat, nps, comment) = match scores {
        Some((c, n, comment)) => (Some(c), n, comment),
        None => (None, None, None),
    };
    // Keep the questionnaire's order, whatever order the customer answered in.
    answers.sort_by_key(|(k, _)| items.iter().position(|it| it.key == *k));
    Some(SurveyResponse {
        csat,
        nps,
        ces: None,
        comment,
        items: answers,
    })
}

/// The scores in a survey reply: a CSAT 1–5 and optionally an NPS 0–10, as the first numbers of the first line
/// the customer wrote (quoted lines and the survey's own text ignored); `None` when it holds no CSAT score, so
/// the reply is treated as an ordinary answer.
pub fn survey_scores(body: &str) -> Option<(i64, Option<i64>, Option<String>)> {
    let mut lines = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('>'));
    let first = lines.next()?;
    let numbers = numbers_in(first);
    let csat = *numbers.first()?;
    if !(1..=5).contains(&csat) {
        return None;
    }
    let nps = numbers.get(1).copied().filter(|n| (0..=10).contains(n));
    // The words around the scores on the first line, else the next line, are the customer's comment.
    let mut rest: String = first
        .chars()
        .filter(|c| !c.is_ascii_digit() && !('０'..='９').contains(c))
        .collect();
    for word in ["评分", "評分", "分数", "分數", "分", "score", "Score"] {
        rest = rest.replace(word, "");
    }
    let rest = rest.trim_matches(|c: char| !c.is_alphabetic()).to_string();
    let comment = if rest.is_empty() {
        lines
            .next()
            .filter(|l| !l.starts_with("On ") && !l.ends_with("wrote:"))
            .map(String::from)
    } else {
        Some(rest)
    };
    Some((csat, nps, comment))
}

/// The whole numbers in `s` (full-width digits too), in order, at most three.
fn numbers_in(s: &str) -> Vec<i64> {
    let mut out = Vec::new();
    let mut cur: Option<i64> = None;
    for c in s.chars().chain(std::iter::once(' ')) {
        let digit = match c {
            '0'..='9' => Some(c as i64 - '0' as i64),
            '０'..='９' => Some(c as i64 - '０' as i64),
            _ => None,
        };
        match (digit, cur) {
            (Some(d), Some(n)) => cur = Some((n * 10 + d).min(1_000)),
            (Some(d), None) => cur = Some(d),
            (None, Some(n)) => {
                out.push(n);
                cur = None;
                if out.len() == 3 {
                    break;
                }
            }
            (None, None) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_score_is_read_in_the_ways_customers_write_it() {
        assert_eq!(survey_scores("4").map(|s| (s.0, s.1)), Some((4, None)));
        assert_eq!(
            survey_scores("5 9\n\n> Your ticket #1042").map(|s| (s.0, s.1)),
            Some((5, Some(9)))
        );
        assert_eq!(survey_scores("评分：４分").map(|s| s.0), Some(4));
        assert_eq!(
            survey_scores("2\n师傅迟到了两个小时")
                .and_then(|s| s.2)
                .as_deref(),
            Some("师傅迟到了两个小时")
        );
        assert_eq!(
            survey_scores("3 很好").and_then(|s| s.2).as_deref(),
            Some("很好")
        );
        assert_eq!(
            survey_scores("> 5\n\n7"),
            None,
            "7 is no CSAT score; quoted text is not the answer"
        );
        assert_eq!(survey_scores("the machine broke again"), None);
        assert_eq!(survey_scores(""), None);
        assert_eq!(
            survey_scores("5 42").map(|s| s.1),
            Some(None),
            "an NPS past 10 is not an NPS"
        );
    }

    #[test]
    fn the_language_follows_the_customer_and_the_promise_follows_the_sla() {
        assert_eq!(Lang::of("空调不制冷"), Lang::Zh);
        assert_eq!(Lang::of("Refund"), Lang::En);
        let (title, body) = acknowledgement(Lang::Zh, 1042, "空调不制冷", Some(4 * 3600 - 30));
        assert_eq!(title, "[#1042] 已收到：空调不制冷");
        assert!(
            body.contains("工单号为 #1042") && body.contains("4 小时内"),
            "{body}"
        );
        let (_, body) = acknowledgement(Lang::En, 7, "Refund", Some(72 * 3600));
        assert!(body.contains("within 3 days"), "{body}");
        let (_, body) = acknowledgement(Lang::En, 7, "Refund", None);
        assert!(
            body.contains("as soon as we can") && !body.contains('{'),
            "{body}"
        );
        let (title, body) = survey(Lang::En, 9, "Printer", &[]);
        assert!(
            title.starts_with("[#9]") && body.contains("score from 1 to 5") && !body.contains('{')
        );
        assert!(!body.contains("each of these"), "no questionnaire: {body}");
    }

    #[test]
    fn a_customer_who_writes_traditional_characters_gets_traditional_mail() {
        assert_eq!(Lang::of("冷氣不冷，請幫忙處理"), Lang::ZhTw);
        assert_eq!(Lang::of("空调不制冷，请帮忙处理"), Lang::Zh);
        let (title, body) = acknowledgement(Lang::ZhTw, 1042, "冷氣不冷", Some(4 * 3600));
        assert_eq!(title, "[#1042] 已收到：冷氣不冷");
        assert!(
            body.contains("工單號碼為 #1042")
                && body.contains("4 小時內回覆")
                && !body.contains('{'),
            "{body}"
        );
        assert!(
            !body.contains("工单") && !body.contains("邮件"),
            "no simplified form: {body}"
        );
        let items = crate::domain::questionnaire::items(
            &crate::domain::metrics::MetricsRules::default().csi_items,
        );
        let (title, body) = survey(Lang::ZhTw, 9, "冷氣", &items);
        assert_eq!(title, "[#9] 滿意度調查：冷氣");
        assert!(
            body.contains("1–5 的分數") && body.contains("\n售後：") && !body.contains('{'),
            "{body}"
        );
        // The customer's answer to it reads back, traditional item names and all.
        let reply = survey_reply(
            "4 8\n價格：3\n售後：5\n\n在 2026年12月3日 14:05，客戶 寫道：\n> 2",
            &items,
        )
        .unwrap();
        assert_eq!((reply.csat, reply.nps), (Some(4), Some(8)));
        assert_eq!(
            reply.items,
            [("price".to_string(), 3), ("after_sales".to_string(), 5)]
        );
    }

    fn items() -> Vec<Item> {
        crate::domain::questionnaire::items(
            &crate::domain::metrics::MetricsRules::default().csi_items,
        )
    }

    #[test]
    fn the_survey_mail_lists_the_questionnaire_and_a_reply_answers_it() {
        let (_, body) = survey(Lang::Zh, 9, "空调", &items());
        assert!(
            body.contains("填写 1–5 的分数：\n产品质量：\n服务：\n价格：\n交付：\n售后：\n")
                && !body.contains('{'),
            "{body}"
        );
        // The customer fills in the lines they care about, out of order, above the quoted mail.
        let reply = "4 8\n售后：5\n产品质量：3\n师傅很专业\n\n> 产品质量：\n> 价格：";
        let r = survey_reply(reply, &items()).unwrap();
        assert_eq!((r.csat, r.nps), (Some(4), Some(8)));
        assert_eq!(
            r.items,
            [("product".to_string(), 3), ("after_sales".to_string(), 5)]
        );
        assert_eq!(r.comment.as_deref(), Some("师傅很专业"));
        // Items alone are an answer; the attribution line's date is no CSAT.
        let reply = "Price: 2\nDelivery: 4\n\nOn Thu, 3 Dec 2026 at 10:00, Support wrote:\n> How did we do?";
        let r = survey_reply(reply, &items()).unwrap();
        assert_eq!(r.csat, None);
        assert_eq!(
            r.items,
            [("price".to_string(), 2), ("delivery".to_string(), 4)]
        );
        assert_eq!(survey_reply("the machine broke again", &items()), None);
    }
}
