//! Tickets (工单): status state machine, four-colour priority, kinds and intake channels.

use crate::str_enum;

str_enum!(
    /// Where a ticket is in its life. See DESIGN.md §3 for the flow.
    Status {
        New = "new",
        Open = "open",
        /// Waiting on the customer.
        Pending = "pending",
        /// Waiting on a third party.
        OnHold = "on_hold",
        Solved = "solved",
        /// Final: a follow-up creates a linked ticket instead.
        Closed = "closed",
        /// Folded into another ticket.
        Merged = "merged",
    }
);

str_enum!(
    /// Four-colour priority (四色优先级). Never shown by colour alone: each has a glyph and a letter.
    Priority {
        Urgent = "urgent",
        High = "high",
        Normal = "normal",
        Low = "low",
    }
);

str_enum!(
    /// Ticket classification (咨询 / 投诉 / 售后 / 增值 …).
    Kind {
        Question = "question",
        Complaint = "complaint",
        ServiceRequest = "service_request",
        ValueAdded = "value_added",
        Incident = "incident",
        Task = "task",
    }
);

str_enum!(
    /// Intake channel (渠道).
    Channel {
        Phone = "phone",
        Email = "email",
        Web = "web",
        Chat = "chat",
        Wechat = "wechat",
        Weibo = "weibo",
        OnSite = "on_site",
    }
);

impl Status {
    /// Statuses that still need work: the "open" set used by queues and partial indexes.
    pub const OPEN_SET: &'static [Status] =
        &[Status::New, Status::Open, Status::Pending, Status::OnHold];

    pub fn is_open(self) -> bool {
        Self::OPEN_SET.contains(&self)
    }

    /// Statuses this one may move to by an agent's action.
    pub fn allowed_next(self) -> &'static [Status] {
        use Status::*;
        match self {
            New => &[Open, Pending, OnHold, Solved, Closed, Merged],
            Open => &[Pending, OnHold, Solved, Closed, Merged],
            Pending => &[Open, OnHold, Solved, Closed, Merged],
            OnHold => &[Open, Pending, Solved, Closed, Merged],
            Solved => &[Open, Closed],
            Closed | Merged => &[],
        }
    }

    pub fn transition(self, to: Status) -> Result<Status, TransitionError> {
        if self.allowed_next().contains(&to) {
            Ok(to)
        } else {
            Err(TransitionError { from: self, to })
        }
    }

    /// The status a ticket takes when the customer writes again, if it changes.
    pub fn on_customer_reply(self) -> Option<Status> {
        match self {
            Status::Pending | Status::Solved => Some(Status::Open),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::New => "New",
            Status::Open => "Open",
            Status::Pending => "Pending",
            Status::OnHold => "On hold",
            Status::Solved => "Solved",
            Status::Closed => "Closed",
            Status::Merged => "Merged",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot move a ticket from {from} to {to}; from {from} it can go to: {}", allowed(*from))]
pub struct TransitionError {
    pub from: Status,
    pub to: Status,
}

fn allowed(from: Status) -> String {
    let next = from.allowed_next();
    if next.is_empty() {
        "nothing (it is final)".to_string()
    } else {
        next.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Priority {
    /// Glyph shown next to the colour so priority reads without colour (NO_COLOR, colour-blind users).
    /// ASCII on purpose: geometric glyphs are "ambiguous width" and misalign columns in CJK terminals.
    pub fn glyph(self) -> &'static str {
        match self {
            Priority::Urgent => "!!",
            Priority::High => "!",
            Priority::Normal | Priority::Low => "",
        }
    }

    pub fn letter(self) -> char {
        match self {
            Priority::Urgent => 'U',
            Priority::High => 'H',
            Priority::Normal => 'N',
            Priority::Low => 'L',
        }
    }

    /// The practice's colour name (红黄绿蓝).
    pub fn colour_name(self) -> &'static str {
        match self {
            Priority::Urgent => "red",
            Priority::High => "yellow",
            Priority::Normal => "green",
            Priority::Low => "blue",
        }
    }

    /// Default resolution target in hours (24 h / 48 h / 72 h / 1 week).
    pub fn default_resolution_hours(self) -> i64 {
        match self {
            Priority::Urgent => 24,
            Priority::High => 48,
            Priority::Normal => 72,
            Priority::Low => 168,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Priority::Urgent => "Urgent",
            Priority::High => "High",
            Priority::Normal => "Normal",
            Priority::Low => "Low",
        }
    }
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Question => "Question",
            Kind::Complaint => "Complaint",
            Kind::ServiceRequest => "Service request",
            Kind::ValueAdded => "Value-added",
            Kind::Incident => "Incident",
            Kind::Task => "Task",
        }
    }
}

impl Channel {
    pub fn label(self) -> &'static str {
        match self {
            Channel::Phone => "Phone",
            Channel::Email => "Email",
            Channel::Web => "Web",
            Channel::Chat => "Chat",
            Channel::Wechat => "WeChat",
            Channel::Weibo => "Weibo",
            Channel::OnSite => "On-site",
        }
    }
}

/// Whether `c` separates tags typed together (`+vip -refund`, `tag:vip,refund|repeat`): whitespace (an IME's
/// full-width space too), `,` and `|`.
pub fn is_tag_separator(c: char) -> bool {
    c.is_whitespace() || c == ',' || c == '|'
}

/// A tag desk will not store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TagError {
    #[error("a tag cannot be empty")]
    Empty,
    /// Holds a separator, a quote or a control character; `tag` is the text as given, trimmed and made safe to show.
    #[error(
        "`{tag}` is not one tag: a tag is one word without spaces, control characters, `,`, `|` or `\"` (like vip, out-of-warranty or 退款)"
    )]
    NotOneWord { tag: String },
}

/// A ticket number as people write it: `1042`, `#1042`, `＃１０４２` (full-width, from a Chinese input method).
pub fn number_in(text: &str) -> Option<i64> {
    let t: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '＃' => '#',
            c => c,
        })
        .collect();
    let digits = t.strip_prefix('#').unwrap_or(&t);
    // A replica's provisional number, `L-3` (stored as -3 until the hub gives the final one).
    if let Some(local) = digits
        .strip_prefix("L-")
        .or_else(|| digits.strip_prefix("l-"))
    {
        if local.is_empty() || !local.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        return local.parse::<i64>().ok().filter(|n| *n > 0).map(|n| -n);
    }
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

/// A ticket number as shown (without `#`): `1042`, or `L-3` for a replica's provisional number.
pub fn shown_number(n: i64) -> String {
    if n < 0 {
        format!("L{n}")
    } else {
        n.to_string()
    }
}

/// A tag as it is stored: trimmed, lowercased, zero-width and bidi characters left out (so `vip\u{200b}` is `vip`).
/// One word: a tag holding a separator, a quote or a control character could never be selected with `tag:` (or
/// would act on the terminal that shows it), so it is refused, as is an empty one. Every way a tag comes in (the
/// CLI, the TUI's tag prompt, macros, escalation rules, KB front matter) goes through here.
pub fn tag(raw: &str) -> Result<String, TagError> {
    let t = super::text::strip_invisible(raw).trim().to_lowercase();
    if t.is_empty() {
        return Err(TagError::Empty);
    }
    if t.contains(is_tag_separator) || t.contains('"') || t.contains(char::is_control) {
        return Err(TagError::NotOneWord {
            tag: super::text::sanitize(raw.trim()),
        });
    }
    Ok(t)
}

/// How long ago, said as a phrase: "just now", "5m ago".
pub fn ago(seconds: i64) -> String {
    match compact_age(seconds).as_str() {
        "now" => "just now".to_string(),
        age => format!("{age} ago"),
    }
}

/// "3d", "5h", "12m", "now": compact age for lists.
pub fn compact_age(seconds: i64) -> String {
    match age(seconds) {
        Age::Now => "now".to_string(),
        Age::Minutes(n) => format!("{n}m"),
        Age::Hours(n) => format!("{n}h"),
        Age::Days(n) => format!("{n}d"),
        Age::Months(n) => format!("{n}mo"),
    }
}

/// How long ago, in the one unit lists show it in, before wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    Now,
    Minutes(i64),
    Hours(i64),
    Days(i64),
    /// Of 30 days.
    Months(i64),
}

pub fn age(seconds: i64) -> Age {
    let s = seconds.max(0);
    match s {
        0..=59 => Age::Now,
        60..=3599 => Age::Minutes(s / 60),
        3600..=86_399 => Age::Hours(s / 3600),
        86_400..=2_591_999 => Age::Days(s / 86_400),
        _ => Age::Months(s / 2_592_000),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ago_reads_as_a_phrase() {
        assert_eq!(super::ago(3), "just now");
        assert_eq!(super::ago(300), "5m ago");
        assert_eq!(super::ago(-5), "just now");
    }

    use super::*;

    #[test]
    fn ticket_numbers_as_people_type_them() {
        assert_eq!(number_in("1042"), Some(1042));
        assert_eq!(number_in(" #1042 "), Some(1042));
        assert_eq!(number_in("＃１０４２"), Some(1042));
        assert_eq!(number_in("#"), None);
        assert_eq!(number_in("10 42"), None);
        assert_eq!(number_in("0"), None);
        assert_eq!(number_in("99999999999999999999999"), None);
        assert_eq!(number_in("打印机"), None);
        assert_eq!(number_in("#L-3"), Some(-3));
        assert_eq!(number_in("l-12"), Some(-12));
        assert_eq!(number_in("L-"), None);
        assert_eq!(number_in("L-0"), None);
        assert_eq!(number_in("-3"), None);
        assert_eq!(shown_number(-3), "L-3");
        assert_eq!(shown_number(1042), "1042");
        assert_eq!(number_in(&shown_number(-7)), Some(-7));
    }
    use proptest::prelude::*;

    #[test]
    fn tags_are_one_lowercase_word() {
        assert_eq!(tag(" VIP "), Ok("vip".to_string()));
        assert_eq!(tag("退款"), Ok("退款".to_string()));
        assert_eq!(tag("  "), Err(TagError::Empty));
        let e = tag(" vip refund ").unwrap_err();
        assert_eq!(
            e,
            TagError::NotOneWord {
                tag: "vip refund".into()
            }
        );
        assert_eq!(
            e.to_string(),
            "`vip refund` is not one tag: a tag is one word without spaces, control characters, `,`, `|` or `\"` (like vip, out-of-warranty or 退款)"
        );
        assert!(
            tag("vip\u{3000}refund").is_err(),
            "an IME's full-width space separates too"
        );
        assert!(tag("a,b").is_err() && tag("a|b").is_err() && tag("a\"b").is_err());
    }

    #[test]
    fn tags_refuse_control_characters_and_ignore_invisible_ones() {
        for bad in ["vip\x1b[2J", "vip\u{7}", "re\u{9b}fund", "a\x00b"] {
            let e = tag(bad).unwrap_err();
            assert!(matches!(e, TagError::NotOneWord { .. }), "{bad:?}: {e:?}");
            // The refusal quotes the tag without what could act on a terminal.
            assert!(!e.to_string().contains(char::is_control), "{e}");
        }
        assert_eq!(tag("vi\u{200b}p\u{feff}"), Ok("vip".to_string()));
        assert_eq!(tag("\u{202e}vip"), Ok("vip".to_string()));
        assert_eq!(tag("\u{200b}\u{200d}"), Err(TagError::Empty));
    }

    /// Every pair of statuses, legal or not, against a table written out by hand (rows: from; columns: to, in the
    /// order new, open, pending, on_hold, solved, closed, merged).
    #[test]
    fn every_transition_is_allowed_or_refused_as_the_table_says() {
        const TABLE: [[u8; 7]; 7] = [
            [0, 1, 1, 1, 1, 1, 1], // new
            [0, 0, 1, 1, 1, 1, 1], // open
            [0, 1, 0, 1, 1, 1, 1], // pending
            [0, 1, 1, 0, 1, 1, 1], // on_hold
            [0, 1, 0, 0, 0, 1, 0], // solved
            [0, 0, 0, 0, 0, 0, 0], // closed
            [0, 0, 0, 0, 0, 0, 0], // merged
        ];
        for (i, from) in Status::ALL.iter().enumerate() {
            for (j, to) in Status::ALL.iter().enumerate() {
                let legal = TABLE[i][j] == 1;
                assert_eq!(from.transition(*to).is_ok(), legal, "{from} → {to}");
                if !legal {
                    let msg = from.transition(*to).unwrap_err().to_string();
                    assert!(
                        msg.starts_with(&format!("cannot move a ticket from {from} to {to}")),
                        "{msg}"
                    );
                }
            }
        }
    }

    #[test]
    fn closed_and_merged_are_final() {
        for to in Status::ALL {
            assert!(Status::Closed.transition(*to).is_err());
            assert!(Status::Merged.transition(*to).is_err());
        }
    }

    #[test]
    fn solved_can_only_reopen_or_close() {
        let ok: Vec<_> = Status::ALL
            .iter()
            .filter(|s| Status::Solved.transition(**s).is_ok())
            .collect();
        assert_eq!(ok, vec![&Status::Open, &Status::Closed]);
    }

    #[test]
    fn error_lists_the_allowed_moves() {
        let err = Status::Solved.transition(Status::Pending).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot move a ticket from solved to pending; from solved it can go to: open, closed"
        );
        let err = Status::Closed.transition(Status::Open).unwrap_err();
        assert!(err.to_string().ends_with("nothing (it is final)"), "{err}");
    }

    #[test]
    fn customer_reply_reopens_pending_and_solved_only() {
        assert_eq!(Status::Pending.on_customer_reply(), Some(Status::Open));
        assert_eq!(Status::Solved.on_customer_reply(), Some(Status::Open));
        assert_eq!(Status::OnHold.on_customer_reply(), None);
        assert_eq!(Status::Closed.on_customer_reply(), None);
    }

    #[test]
    fn parse_accepts_dashes_and_case() {
        assert_eq!(Status::parse("On-Hold"), Some(Status::OnHold));
        assert_eq!(Kind::parse("service-request"), Some(Kind::ServiceRequest));
        assert_eq!(Priority::parse("bogus"), None);
        let err = "bogus".parse::<Priority>().unwrap_err();
        assert_eq!(
            err,
            crate::domain::UnknownValue {
                what: "Priority",
                value: "bogus".into(),
                allowed: &["urgent", "high", "normal", "low"],
            }
        );
        assert_eq!(
            err.to_string(),
            "unknown priority `bogus` (expected one of: urgent, high, normal, low)"
        );
        // Types named in camel case read as one lower-case word, as they always have.
        let err = "x"
            .parse::<crate::domain::service_loop::ComplaintStage>()
            .unwrap_err();
        assert!(
            err.to_string().starts_with("unknown complaintstage `x`"),
            "{err}"
        );
    }

    #[test]
    fn compact_age_units() {
        assert_eq!(compact_age(-5), "now");
        assert_eq!(compact_age(59), "now");
        assert_eq!(compact_age(60), "1m");
        assert_eq!(compact_age(7200), "2h");
        assert_eq!(compact_age(86_400 * 3), "3d");
        assert_eq!(compact_age(86_400 * 65), "2mo");
    }

    fn any_status() -> impl Strategy<Value = Status> {
        proptest::sample::select(Status::ALL.to_vec())
    }

    proptest! {
        /// Walking any sequence of requested moves never leaves the state machine's graph and never leaves a
        /// final state once reached.
        #[test]
        fn random_walks_respect_the_graph(start in any_status(), moves in proptest::collection::vec(any_status(), 0..40)) {
            let mut s = start;
            for to in moves {
                let before = s;
                match s.transition(to) {
                    Ok(next) => { prop_assert!(before.allowed_next().contains(&next)); s = next; }
                    Err(e) => { prop_assert_eq!(e.from, before); prop_assert_eq!(s, before); }
                }
                if matches!(before, Status::Closed | Status::Merged) { prop_assert_eq!(s, before); }
            }
        }

        #[test]
        fn every_name_round_trips(s in any_status()) {
            prop_assert_eq!(Status::parse(s.as_str()), Some(s));
        }
    }
}
