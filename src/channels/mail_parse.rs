//! One mail's bytes as an [`Inbound`] message: headers decoded in every charset the practice meets (mail-parser
//! with encoding_rs: GBK/GB18030, Big5, ISO-2022-JP, ISO-8859-x, windows-125x, RFC 2047 words), the text body
//! (HTML-only mail rendered to readable text with html2text), attachments with safe names, a forwarded
//! message/rfc822 kept as an attachment and quoted in the body, and the loop headers. Pure: no I/O, never panics —
//! a mail that does not parse is kept raw with a warning rather than dropped.

use mail_parser::{Address, HeaderValue, Message, MessageParser, MimeHeaders};
use sha2::{Digest, Sha256};

use crate::domain::intake::{self, Attachment, Identity, Inbound, LoopHeaders};
use crate::domain::ticket::Channel;

/// HTML bodies larger than this are rendered by mail-parser's plain converter instead of html2text's layout.
const HTML_LAYOUT_MAX: usize = 2 * 1024 * 1024;

/// Parses one mail. The external id is its Message-ID, or a hash of its bytes when it has none.
pub fn parse_mail(raw: &[u8]) -> Inbound {
    let Some(msg) = MessageParser::default().parse(raw) else {
        return unreadable(
            raw,
            "the message could not be parsed as mail; kept as it arrived",
        );
    };
    if msg.headers().is_empty() {
        return unreadable(raw, "the message has no mail headers; kept as it arrived");
    }
    let mut warnings = Vec::new();
    let sender = sender(&msg);
    if sender.email.is_none() {
        warnings.push("the sender's address is missing or unreadable".to_string());
    }
    let subject = msg.subject().unwrap_or("").trim().to_string();
    let mut body = body_text(&msg);
    let mut attachments = Vec::new();
    for part in msg.attachments() {
        if let Some(inner) = part.message() {
            // A mail forwarded as an attachment: quoted in the body so its sender and words are in the thread.
            body.push_str(&forward_block(inner));
            let name = format!("{}.eml", inner.subject().unwrap_or("message"));
            attachments.push(Attachment {
                name: intake::safe_filename(&name),
                content_type: "message/rfc822".into(),
                bytes: part.contents().to_vec(),
            });
            continue;
        }
        let name = part.attachment_name().unwrap_or("attachment");
        attachments.push(Attachment {
            name: intake::safe_filename(name),
            content_type: content_type(part.content_type()),
            bytes: part.contents().to_vec(),
        });
    }
    let mut replies_to: Vec<String> = Vec::new();
    for header in [msg.in_reply_to(), msg.references()] {
        for id in ids(header).into_iter().rev() {
            if !replies_to.contains(&id) {
                replies_to.push(id);
            }
        }
    }
    let raw_ct = msg.header_raw("Content-Type").map(str::to_ascii_lowercase);
    let loop_headers = LoopHeaders {
        auto_submitted: msg.header_raw("Auto-Submitted"),
        precedence: msg.header_raw("Precedence"),
        x_autoreply: msg.header_raw("X-Autoreply").is_some(),
        x_autorespond: msg.header_raw("X-Autorespond").is_some(),
        auto_response_suppress: msg.header_raw("X-Auto-Response-Suppress"),
        content_type: raw_ct.as_deref(),
        from: sender.email.as_deref(),
    };
    Inbound {
        channel: Some(Channel::Email),
        external_id: msg
            .message_id()
            .and_then(intake::message_id)
            .unwrap_or_else(|| hash_id(raw)),
        cc: addresses(msg.cc()).filter_map(|i| i.email).collect(),
        ticket_token: intake::subject_token(&subject),
        subject,
        body,
        replies_to,
        thread_key: None,
        at: msg.date().map(|d| d.to_timestamp()).filter(|t| *t > 0),
        attachments,
        automatic: intake::loop_reason(&loop_headers),
        warnings,
        sender,
        defaults: Default::default(),
    }
}

fn unreadable(raw: &[u8], why: &str) -> Inbound {
    Inbound {
        channel: Some(Channel::Email),
        external_id: hash_id(raw),
        subject: "(unreadable message)".into(),
        body: String::from_utf8_lossy(raw).into_owned(),
        attachments: vec![Attachment {
            name: "original.eml".into(),
            content_type: "message/rfc822".into(),
            bytes: raw.to_vec(),
        }],
        warnings: vec![why.to_string()],
        ..Inbound::default()
    }
}

fn hash_id(raw: &[u8]) -> String {
    format!("sha256:{:x}", Sha256::digest(raw))
}

fn sender(msg: &Message<'_>) -> Identity {
    addresses(msg.from())
        .next()
        .or_else(|| addresses(msg.sender()).next())
        .unwrap_or_default()
}

fn addresses<'a>(a: Option<&'a Address<'_>>) -> impl Iterator<Item = Identity> + 'a {
    a.into_iter().flat_map(|a| a.iter()).map(|addr| Identity {
        name: addr
            .name()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        email: addr.address().and_then(intake::email),
        ..Identity::default()
    })
}

/// The Message-IDs in In-Reply-To or References, in header order.
fn ids(h: &HeaderValue<'_>) -> Vec<String> {
    match h {
        HeaderValue::Text(t) => t
            .split_whitespace()
            .filter_map(intake::message_id)
            .collect(),
        HeaderValue::TextList(l) => l.iter().filter_map(|t| intake::message_id(t)).collect(),
        _ => Vec::new(),
    }
}

fn content_type(ct: Option<&mail_parser::ContentType<'_>>) -> String {
    match ct {
        Some(ct) => match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub).to_ascii_lowercase(),
            None => ct.ctype().to_ascii_lowercase(),
        },
        None => "application/octet-stream".into(),
    }
}

/// The readable text of a mail: its text/plain parts, else its HTML rendered as text.
fn body_text(msg: &Message<'_>) -> String {
    let mut out = String::new();
    for (i, part) in msg.text_bodies().enumerate() {
        let text = if part.is_text_html() {
            let html = part.text_contents().unwrap_or("");
            html_to_text(html)
                .unwrap_or_else(|| msg.body_text(i).map(|t| t.into_owned()).unwrap_or_default())
        } else {
            part.text_contents().unwrap_or("").to_string()
        };
        if !out.is_empty() && !text.trim().is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(text.trim_end());
    }
    out.replace("\r\n", "\n")
}

fn html_to_text(html: &str) -> Option<String> {
    if html.len() > HTML_LAYOUT_MAX {
        return None;
    }
    html2text::from_read(html.as_bytes(), 200).ok()
}

fn forward_block(inner: &Message<'_>) -> String {
    let from = addresses(inner.from()).next().unwrap_or_default();
    let who = match (&from.name, &from.email) {
        (Some(n), Some(e)) => format!("{n} <{e}>"),
        (None, Some(e)) => e.clone(),
        (Some(n), None) => n.clone(),
        (None, None) => "(unknown sender)".into(),
    };
    format!(
        "\n\n---------- Forwarded message ---------\nFrom: {who}\nSubject: {}\n\n{}",
        inner.subject().unwrap_or(""),
        body_text(inner)
    )
}
