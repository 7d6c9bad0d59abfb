//! The rules of the one intake path (mail, `desk ingest`, future bridges) that need no database: what an outside
//! message is, how its subject names a ticket, which mail is machine-made and must never open or reopen a ticket,
//! whose message a forward really is, and which file names are safe to keep.

use super::ticket::{Channel, Kind, Priority};

/// An outside message, channel-neutral: what mail parsing and the JSON intake both produce.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inbound {
    /// Where it came from (`email` for mail); the ticket's channel when it opens one.
    pub channel: Option<Channel>,
    /// The delivery's own id: a mail's Message-ID, or the bridge's message id. One delivery is ingested once.
    pub external_id: String,
    pub sender: Identity,
    /// Other people on the conversation (mail Cc): collaborators on the ticket.
    pub cc: Vec<String>,
    pub subject: String,
    pub body: String,
    /// Message-IDs (mail) or external ids (intake) this message answers, most recent first.
    pub replies_to: Vec<String>,
    /// A ticket number the sender names (`[#1042]` in a subject, `ticket` in JSON); trusted only from its people.
    pub ticket_token: Option<i64>,
    /// A bridge's conversation key: messages with the same key thread onto one open ticket.
    pub thread_key: Option<String>,
    /// When the sender wrote it (unix seconds), if it says.
    pub at: Option<i64>,
    pub attachments: Vec<Attachment>,
    /// Set when the message is machine-made (auto-reply, bounce): it never opens or reopens a ticket.
    pub automatic: Option<LoopReason>,
    /// Parsing trouble worth a note on the ticket (a malformed mail kept raw, a dropped part).
    pub warnings: Vec<String>,
    /// Fields a new ticket takes when the message does not thread (a mailbox's or a record's defaults).
    pub defaults: TicketDefaults,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketDefaults {
    pub kind: Option<Kind>,
    pub priority: Option<Priority>,
    /// A group by name.
    pub group: Option<String>,
}

/// Who sent a message, by whatever the channel knows. The first that names a known customer wins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub wechat_openid: Option<String>,
    /// The customer's id in another system (the CRM import's `external_id`).
    pub external_id: Option<String>,
}

impl Identity {
    pub fn is_empty(&self) -> bool {
        self.email.is_none()
            && self.phone.is_none()
            && self.wechat_openid.is_none()
            && self.external_id.is_none()
    }

    /// A display name for a new customer: the given name, else the email's local part, else the phone.
    pub fn display_name(&self) -> String {
        let given = self
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let local = self.email.as_deref().and_then(|e| e.split('@').next());
        given
            .or(local)
            .or(self.phone.as_deref())
            .or(self.wechat_openid.as_deref())
            .or(self.external_id.as_deref())
            .unwrap_or("unknown sender")
            .to_string()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Already made safe by [`safe_filename`].
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Why a message is taken to be machine-made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoopReason {
    /// `Auto-Submitted: auto-replied` and friends (RFC 3834).
    AutoSubmitted(String),
    /// `Precedence: bulk | junk | list`.
    Precedence(String),
    /// `X-Autoreply`, `X-Autorespond`, `X-Auto-Response-Suppress: All`…
    AutoReplyHeader(&'static str),
    /// A delivery status notification (`multipart/report; report-type=delivery-status`).
    DeliveryReport,
    /// From `mailer-daemon@` or `postmaster@`.
    MailerDaemon,
}

impl std::fmt::Display for LoopReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoopReason::AutoSubmitted(v) => write!(f, "an automatic message (Auto-Submitted: {v})"),
            LoopReason::Precedence(v) => write!(f, "bulk mail (Precedence: {v})"),
            LoopReason::AutoReplyHeader(h) => write!(f, "an auto-reply ({h})"),
            LoopReason::DeliveryReport => write!(f, "a delivery report (bounce)"),
            LoopReason::MailerDaemon => write!(f, "a message from a mailer daemon (bounce)"),
        }
    }
}

/// The headers that tell a machine-made mail, as found (absent ones `None`).
#[derive(Debug, Clone, Default)]
pub struct LoopHeaders<'a> {
    pub auto_submitted: Option<&'a str>,
    pub precedence: Option<&'a str>,
    pub x_autoreply: bool,
    pub x_autorespond: bool,
    pub auto_response_suppress: Option<&'a str>,
    /// The top-level content type with its parameters, lower-cased (`multipart/report; report-type=…`).
    pub content_type: Option<&'a str>,
    pub from: Option<&'a str>,
}

/// Whether mail with these headers is machine-made: such mail never creates or reopens a ticket and never gets an
/// acknowledgement, which is what stops two auto-responders from mailing each other forever.
pub fn loop_reason(h: &LoopHeaders<'_>) -> Option<LoopReason> {
    if let Some(v) = h.auto_submitted.map(|v| v.trim().to_ascii_lowercase())
        && !v.is_empty()
        && !v.starts_with("no")
    {
        return Some(LoopReason::AutoSubmitted(v));
    }
    if let Some(v) = h.precedence.map(|v| v.trim().to_ascii_lowercase())
        && matches!(v.as_str(), "bulk" | "junk" | "list" | "auto_reply")
    {
        return Some(LoopReason::Precedence(v));
    }
    if h.x_autoreply {
        return Some(LoopReason::AutoReplyHeader("X-Autoreply"));
    }
    if h.x_autorespond {
        return Some(LoopReason::AutoReplyHeader("X-Autorespond"));
    }
    if h.auto_response_suppress.is_some_and(|v| {
        v.to_ascii_lowercase()
            .split(',')
            .any(|p| matches!(p.trim(), "all" | "oof" | "autoreply"))
    }) {
        return Some(LoopReason::AutoReplyHeader("X-Auto-Response-Suppress"));
    }
    if h.content_type.is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        c.starts_with("multipart/report") && c.contains("delivery-status")
    }) {
        return Some(LoopReason::DeliveryReport);
    }
    let local = h
        .from
        .and_then(|f| f.rsplit_once('@').map(|(l, _)| l.to_ascii_lowercase()));
    if local.is_some_and(|l| matches!(l.as_str(), "mailer-daemon" | "postmaster")) {
        return Some(LoopReason::MailerDaemon);
    }
    None
}

/// The ticket number in a subject's `[#1042]` token (also full-width `［#1042］` and `#１０４２`), the last one
/// if several: a forward of a reply keeps the newest.
pub fn subject_token(subject: &str) -> Option<i64> {
    let s: String = subject
        .chars()
        .map(|c| match c {
            '［' => '[',
            '］' => ']',
            '＃' => '#',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    let mut found = None;
    let mut rest = s.as_str();
    while let Some(start) = rest.find("[#") {
        let after = rest.get(start + 2..).unwrap_or("");
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty()
            && after
                .get(digits.len()..)
                .is_some_and(|r| r.starts_with(']'))
        {
            found = digits.parse().ok().or(found);
        }
        rest = after;
    }
    found
}

/// A subject fit for a new ticket: reply and forward prefixes (`Re:`, `Fwd:`, `回复：`, `转发:` …) and ticket
/// tokens removed; `(no subject)` when nothing is left.
pub fn clean_subject(subject: &str) -> String {
    const PREFIXES: [&str; 12] = [
        "re:", "fw:", "fwd:", "aw:", "wg:", "sv:", "回复:", "回覆:", "答复:", "转发:", "轉寄:",
        "转寄:",
    ];
    let mut s = subject.trim().to_string();
    if let Some(n) = subject_token(&s) {
        for token in [format!("[#{n}]"), format!("［#{n}］")] {
            s = s.replace(&token, " ");
        }
    }
    loop {
        let t = s.trim_start();
        let lower = t.to_lowercase();
        // Chinese mail clients write the full-width colon as often as the ASCII one.
        let matched = PREFIXES.iter().find_map(|p| {
            let wide = p.replace(':', "：");
            [p.to_string(), wide]
                .into_iter()
                .find(|p| lower.starts_with(p.as_str()))
        });
        let Some(p) = matched else {
            s = t.to_string();
            break;
        };
        s = t.get(p.len()..).unwrap_or("").to_string();
    }
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        "(no subject)".into()
    } else {
        s
    }
}

/// A Message-ID as compared: without angle brackets and surrounding space. `None` for an empty one.
pub fn message_id(raw: &str) -> Option<String> {
    let t = raw
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim();
    (!t.is_empty() && !t.chars().any(char::is_whitespace)).then(|| t.to_string())
}

/// An email address as matched: trimmed, lower-cased; `None` unless it looks like `local@domain`.
pub fn email(raw: &str) -> Option<String> {
    let t = raw
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim();
    let (local, domain) = t.rsplit_once('@')?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !t.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then(|| t.to_lowercase())
}

/// The original sender of a message an agent forwarded: the first `From:` line of a forwarded block
/// (`---------- Forwarded message ---------`, `-----Original Message-----`, `转发的邮件`, `原始邮件`…).
pub fn forwarded_sender(body: &str) -> Option<Identity> {
    const MARKERS: [&str; 6] = [
        "forwarded message",
        "original message",
        "begin forwarded message",
        "转发的邮件",
        "原始邮件",
        "原始郵件",
    ];
    let mut in_block = false;
    for line in body.lines() {
        let l = line.trim().trim_start_matches('>').trim();
        let lower = l.to_lowercase();
        if MARKERS.iter().any(|m| lower.contains(m)) {
            in_block = true;
            continue;
        }
        if !in_block {
            continue;
        }
        let value = ["from:", "发件人:", "发件人：", "寄件者:", "寄件者："]
            .iter()
            .find_map(|p| lower.starts_with(p).then(|| l.get(p.len()..).unwrap_or("")));
        if let Some(v) = value {
            return parse_address(v);
        }
    }
    None
}

/// `Name <a@b.c>`, `"Name" <a@b.c>` or `a@b.c` as an identity.
pub fn parse_address(v: &str) -> Option<Identity> {
    let v = v.trim();
    let (name, addr) = match (v.rfind('<'), v.rfind('>')) {
        (Some(lt), Some(gt)) if lt < gt => (v.get(..lt).unwrap_or(""), v.get(lt + 1..gt)?),
        _ => ("", v.split_whitespace().find(|w| w.contains('@'))?),
    };
    let name = name.trim().trim_matches('"').trim();
    Some(Identity {
        name: (!name.is_empty()).then(|| name.to_string()),
        email: Some(email(addr)?),
        ..Identity::default()
    })
}

/// A file name safe to show and to save: no directories, no control or invisible characters, no leading dots,
/// at most 120 characters; `attachment` when nothing usable is left.
pub fn safe_filename(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = super::text::strip_invisible(base)
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .take(120)
        .collect();
    let t = cleaned.trim().trim_start_matches('.').trim();
    if t.is_empty() {
        "attachment".into()
    } else {
        t.to_string()
    }
}

/// The intake's settings (`[mail]` in the config).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeRules {
    pub token_trust: TokenTrust,
    /// More messages than this from one sender in an hour are taken for a mail loop: noted, never a new ticket.
    pub max_per_sender_per_hour: u32,
    /// Larger attachments are not kept; the ticket gets a note saying so.
    pub attachment_max_bytes: u64,
    /// (mail domain, organisation name): a new customer writing from the domain or a subdomain of it joins the
    /// organisation (`[mail.organizations]`).
    pub organizations: Vec<(String, String)>,
}

impl IntakeRules {
    /// The organisation a new customer at `email` joins: its domain's, else the nearest parent domain's.
    pub fn organization_for(&self, email: &str) -> Option<&str> {
        let domain = email.rsplit_once('@')?.1.to_lowercase();
        let mut d = domain.as_str();
        loop {
            if let Some((_, org)) = self
                .organizations
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(d))
            {
                return Some(org);
            }
            d = d.split_once('.')?.1;
        }
    }
}

impl Default for IntakeRules {
    fn default() -> Self {
        IntakeRules {
            token_trust: TokenTrust::KnownSenders,
            max_per_sender_per_hour: 40,
            attachment_max_bytes: 10 * 1024 * 1024,
            organizations: Vec::new(),
        }
    }
}

/// Who may name a ticket by its `[#N]` token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenTrust {
    /// The ticket's customer or one of its collaborators (default): a stranger quoting `[#1042]` gets a ticket
    /// of their own instead of writing into someone else's.
    #[default]
    KnownSenders,
    Anyone,
}

/// Whether `sender` may thread onto a ticket by its token.
pub fn token_accepted(
    trust: TokenTrust,
    sender: Option<&str>,
    customer_email: Option<&str>,
    collaborators: &[String],
) -> bool {
    match (trust, sender) {
        (TokenTrust::Anyone, _) => true,
        (TokenTrust::KnownSenders, None) => false,
        (TokenTrust::KnownSenders, Some(s)) => {
            customer_email.is_some_and(|c| c.eq_ignore_ascii_case(s))
                || collaborators.iter().any(|c| c.eq_ignore_ascii_case(s))
        }
    }
}

/// `12.3 MB`, `850 KB`, `312 B`.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{b} B"),
    }
}

#[cfg(test)]
#[path = "intake_tests.rs"]
mod tests;
