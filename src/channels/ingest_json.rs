//! `desk ingest` records: one JSON object per message from any channel (a web form, a WeChat or App bridge, a
//! phone system), read as the intake's [`Inbound`]. The schema is in docs/INTAKE.md; unknown fields are errors so
//! a typo is reported, not dropped.

use base64::Engine;
use serde::Deserialize;
use std::path::Path;

use crate::domain::intake::{self, Attachment, Identity, Inbound, TicketDefaults};
use crate::domain::ticket::{Channel, Kind, Priority};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub channel: String,
    pub external_id: String,
    pub customer: Customer,
    #[serde(default)]
    pub subject: Option<String>,
    pub body: String,
    #[serde(default)]
    pub cc: Vec<String>,
    #[serde(default)]
    pub in_reply_to: OneOrMany,
    #[serde(default)]
    pub thread: Option<String>,
    #[serde(default)]
    pub ticket: Option<i64>,
    #[serde(default)]
    pub at: Option<When>,
    #[serde(default)]
    pub attachments: Vec<RecordAttachment>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub priority: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub wechat_openid: Option<String>,
    pub external_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum When {
    Unix(i64),
    Rfc3339(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordAttachment {
    pub name: String,
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub content_base64: Option<String>,
}

/// Parses one record; the error is one line saying which field is wrong and what it should be.
/// `read` reads an attachment given by path (the CLI passes the filesystem; tests pass a map).
pub fn parse_record(
    json: &str,
    read: &dyn Fn(&Path) -> std::io::Result<Vec<u8>>,
) -> Result<Inbound, String> {
    let r: Record = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let channel = r
        .channel
        .trim()
        .parse::<Channel>()
        .map_err(|e| format!("channel: {e}"))?;
    let external_id = r.external_id.trim().to_string();
    if external_id.is_empty() {
        return Err(
            "external_id is empty: give each message its bridge's id, so a resend is recognised"
                .into(),
        );
    }
    let c = r.customer;
    let email = match c.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        Some(e) => Some(
            intake::email(e)
                .ok_or_else(|| format!("customer.email `{e}` is not an email address"))?,
        ),
        None => None,
    };
    let nonempty = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let sender = Identity {
        name: nonempty(c.name),
        email,
        phone: nonempty(c.phone),
        wechat_openid: nonempty(c.wechat_openid),
        external_id: nonempty(c.external_id),
    };
    if sender.is_empty() {
        return Err("customer needs one of email, phone, wechat_openid or external_id".into());
    }
    if r.body.trim().is_empty() && r.attachments.is_empty() {
        return Err("body is empty and there are no attachments: nothing to record".into());
    }
    let subject = nonempty(r.subject).unwrap_or_else(|| first_line(&r.body));
    let at = match r.at {
        None => None,
        Some(When::Unix(t)) => Some(t),
        Some(When::Rfc3339(s)) => Some(
            chrono::DateTime::parse_from_rfc3339(s.trim())
                .map_err(|_| format!("at `{s}` is not a time (RFC 3339, e.g. 2026-12-03T14:05:00+08:00, or unix seconds)"))?
                .timestamp(),
        ),
    };
    let mut attachments = Vec::new();
    for a in r.attachments {
        let bytes = match (&a.path, &a.content_base64) {
            (Some(p), None) => read(Path::new(p))
                .map_err(|e| format!("attachment `{}`: cannot read {p}: {e}", a.name))?,
            (None, Some(b)) => base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .map_err(|e| {
                    format!("attachment `{}`: content_base64 is not base64: {e}", a.name)
                })?,
            _ => {
                return Err(format!(
                    "attachment `{}` needs exactly one of path or content_base64",
                    a.name
                ));
            }
        };
        attachments.push(Attachment {
            name: intake::safe_filename(&a.name),
            content_type: a
                .content_type
                .unwrap_or_else(|| "application/octet-stream".into()),
            bytes,
        });
    }
    let defaults = TicketDefaults {
        kind: r
            .kind
            .as_deref()
            .map(|k| k.trim().parse::<Kind>().map_err(|e| format!("kind: {e}")))
            .transpose()?,
        priority: r
            .priority
            .as_deref()
            .map(|p| {
                p.trim()
                    .parse::<Priority>()
                    .map_err(|e| format!("priority: {e}"))
            })
            .transpose()?,
        group: nonempty(r.group),
    };
    let replies_to = match r.in_reply_to {
        OneOrMany::None => Vec::new(),
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v.into_iter().rev().collect(),
    };
    Ok(Inbound {
        channel: Some(channel),
        external_id,
        sender,
        cc: r.cc,
        ticket_token: r.ticket.or_else(|| intake::subject_token(&subject)),
        subject,
        body: r.body,
        replies_to,
        thread_key: nonempty(r.thread),
        at,
        attachments,
        automatic: None,
        warnings: Vec::new(),
        defaults,
    })
}

/// A subject from a message that has none: its first non-empty line, at most 60 characters.
fn first_line(body: &str) -> String {
    let line = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut s: String = line.chars().take(60).collect();
    if line.chars().nth(60).is_some() {
        s.push('…');
    }
    s
}
