//! Delivering the outbox: each queued mail built with its recorded Message-ID, In-Reply-To and References (so the
//! customer's answer threads back) and sent over SMTP (STARTTLS, implicit TLS, or plain to a local relay) or through
//! a local sendmail. The password comes from an environment variable or a command, never from the config file.

use anyhow::{Context, Result, anyhow, bail};
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SendmailTransport, SmtpTransport, Transport as _};
use std::time::Duration;

use crate::config::mail::{MailConfig, Security, Transport};
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
                Err(e) if e.is_permanent() => Delivery::Permanent(one_line(&e)),
                Err(e) => Delivery::Transient(one_line(&e)),
            },
            Sender::Sendmail(t) => match t.send(&message) {
                Ok(()) => Delivery::Sent,
                Err(e) => Delivery::Transient(one_line(&e)),
            },
        }
    }
}

fn one_line(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        cause = c.source();
    }
    crate::domain::text::one_line(&s)
}

/// The SMTP password from `password_env` or `password_command`.
fn password(cfg: &MailConfig) -> Result<String> {
    let s = &cfg.smtp;
    if let Some(var) = &s.password_env {
        return std::env::var(var)
            .with_context(|| format!("[mail.smtp] password_env: ${var} is not set"));
    }
    if let Some(cmd) = &s.password_command {
        let out = std::process::Command::new("sh")
            .args(["-c", cmd])
            .stderr(std::process::Stdio::inherit())
            .output()
            .with_context(|| format!("[mail.smtp] password_command `{cmd}` could not start"))?;
        if !out.status.success() {
            bail!(
                "[mail.smtp] password_command `{cmd}` failed ({})",
                out.status
            );
        }
        let text = String::from_utf8_lossy(&out.stdout);
        return Ok(text.lines().next().unwrap_or("").to_string());
    }
    bail!(
        "[mail.smtp] username is set but no password_env or password_command says where its password is"
    )
}

/// The mail as it goes on the wire.
pub fn build(from: &Mailbox, mail: &OutMail) -> Result<Message> {
    let to: Mailbox = mail
        .to
        .parse()
        .with_context(|| format!("the customer's address `{}` is not an address", mail.to))?;
    let mut b = Message::builder()
        .from(from.clone())
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
