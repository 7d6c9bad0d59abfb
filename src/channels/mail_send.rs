//! Delivering the outbox: each queued mail built with its recorded Message-ID, In-Reply-To and References (so the
//! customer's answer threads back) and sent over SMTP (STARTTLS, implicit TLS, or plain to a local relay) or through
//! a local sendmail. The password comes from an environment variable or a command, never from the config file.

use anyhow::{Context, Result, anyhow};
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SendmailTransport, SmtpTransport, Transport as _};
use std::time::Duration;

use crate::config::mail::{MailConfig, Security, Transport};
use crate::domain::text::error_chain;
use crate::store::outbox::{Delivery, OutMail};

/// A ready connection setup; built once per `desk mail send` run.
pub enum Sender {
    Smtp(Box<SmtpTransport>),
    Sendmail(SendmailTransport),
}

impl Sender {
    pub fn from_config(cfg: &MailConfig) -> Result<(Sender, Mailbox)> {
        let from = cfg.from.as_deref().ok_or_else(|| {
            anyhow!("[mail] from is not set: desk does not know what address to send from")
        })?;
        let from: Mailbox = from
            .parse()
            .with_context(|| format!("[mail] from = \"{from}\" is not an address"))?;
        let sender = match cfg.transport {
            Transport::Sendmail => {
                Sender::Sendmail(SendmailTransport::new_with_command(&cfg.sendmail_command))
            }
            Transport::Smtp => {
                let s = &cfg.smtp;
                let builder = match s.security {
                    Security::Tls => SmtpTransport::relay(&s.host),
                    Security::Starttls => SmtpTransport::starttls_relay(&s.host),
                    Security::None => Ok(SmtpTransport::builder_dangerous(&s.host)),
                }
                .with_context(|| format!("[mail.smtp] host = \"{}\"", s.host))?;
                let mut builder = builder.port(s.port).timeout(Some(Duration::from_secs(30)));
                if let Some(user) = &s.username {
                    builder = builder.credentials(Credentials::new(user.clone(), password(cfg)?));
                }
                Sender::Smtp(Box::new(builder.build()))
            }
        };
        Ok((sender, from))
    }

    /// Delivers one mail; a refusal the server means for good is permanent, anything else is worth a retry.
    pub fn deliver(&self, from: &Mailbox, mail: &OutMail) -> Delivery {
        let message = match build(from, mail) {
            Ok(m) => m,
            Err(e) => return Delivery::Permanent(e.to_string()),
        };
        match self {
            Sender::Smtp(t) => match t.send(&message) {
                Ok(_) => Delivery::Sent,
                Err(e) if e.is_permanent() => Delivery::Permanent(error_chain(&e)),
                Err(e) => Delivery::Transient(error_chain(&e)),
            },
            Sender::Sendmail(t) => match t.send(&message) {
                Ok(()) => Delivery::Sent,
                Err(e) => Delivery::Transient(error_chain(&e)),
            },
        }
    }
}

/// What one delivery run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SendSummary {
    pub due: usize,
    pub sent: usize,
    /// Will be tried again later.
    pub retry: usize,
    /// Given up (noted on the ticket).
    pub failed: usize,
}

/// Claims what is due in the outbox (at most `limit`), delivers each and records the outcome; `each` hears of
/// every mail with its result and the time it was recorded at.
pub fn deliver_due(
    store: &mut crate::store::Store,
    sender: &Sender,
    from: &Mailbox,
    limit: usize,
    now: i64,
    each: &mut dyn FnMut(&OutMail, &Delivery, i64) -> Result<()>,
) -> Result<SendSummary> {
    let due = store.claim_outbox(now, limit.max(1))?;
    let mut sum = SendSummary {
        due: due.len(),
        ..SendSummary::default()
    };
    for mail in &due {
        let result = sender.deliver(from, mail);
        // Delivery time, not the run's start: a slow server should not make the log lie.
        let at = chrono::Utc::now().timestamp().max(now);
        store.finish_delivery(mail, &result, at)?;
        match &result {
            Delivery::Sent => sum.sent += 1,
            Delivery::Transient(_) if mail.attempts < crate::store::outbox::MAX_ATTEMPTS => {
                sum.retry += 1
            }
            Delivery::Transient(_) | Delivery::Permanent(_) => sum.failed += 1,
        }
        each(mail, &result, at)?;
    }
    Ok(sum)
}

/// The SMTP password from `password_env` or `password_command`.
fn password(cfg: &MailConfig) -> Result<String> {
    let s = &cfg.smtp;
    super::secret::password(
        "[mail.smtp]",
        s.password_env.as_deref(),
        s.password_command.as_deref(),
    )
}

/// The mail as it goes on the wire: From is the address it was queued with (its group's), else `from`.
pub fn build(from: &Mailbox, mail: &OutMail) -> Result<Message> {
    let from: Mailbox = match mail.from.as_deref() {
        Some(own) => own
            .trim()
            .parse()
            .with_context(|| format!("the From it was queued with, `{own}`, is not an address"))?,
        None => from.clone(),
    };
    let to: Mailbox = mail
        .to
        .parse()
        .with_context(|| format!("the customer's address `{}` is not an address", mail.to))?;
    let mut b = Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(format!("<{}>", mail.message_id)))
        .user_agent("desk".into());
    for cc in &mail.cc {
        if let Ok(cc) = cc.parse::<Mailbox>() {
            b = b.cc(cc);
        }
    }
    if let Some(irt) = &mail.in_reply_to {
        b = b.in_reply_to(format!("<{irt}>"));
    }
    if !mail.references.is_empty() {
        let refs: Vec<String> = mail.references.iter().map(|r| format!("<{r}>")).collect();
        b = b.references(refs.join(" "));
    }
    // RFC 3834: what desk sends by itself says so, so the customer's auto-responder does not answer it.
    let auto = match mail.kind.as_str() {
        "acknowledgement" => Some("auto-replied"),
        "survey" => Some("auto-generated"),
        _ => None,
    };
    if let Some(value) = auto {
        b = b.header(AutoSubmitted(value.to_string()));
    }
    Ok(b.header(ContentType::TEXT_PLAIN).body(mail.body.clone())?)
}

/// The `Auto-Submitted` header (RFC 3834).
#[derive(Debug, Clone)]
struct AutoSubmitted(String);

impl lettre::message::header::Header for AutoSubmitted {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(s: &str) -> std::result::Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted(s.trim().to_string()))
    }

    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), self.0.clone())
    }
}
