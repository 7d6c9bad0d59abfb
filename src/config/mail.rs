//! `[mail]`: how the intake treats incoming messages, and how replies leave (SMTP or a local sendmail).

use serde::{Deserialize, Serialize};

use crate::domain::intake::IntakeRules;
use crate::domain::intake::TokenTrust;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailConfig {
    /// Who may thread a message onto a ticket by the `[#N]` token in its subject.
    pub token_from: TokenFrom,
    /// More messages than this from one sender within an hour are taken for a mail loop.
    pub max_per_sender_per_hour: u32,
    /// Attachments larger than this many MB are not kept; the ticket gets a note.
    pub attachment_max_mb: u32,
    /// The From of every mail desk sends (`售后服务 <service@example.com>`). Unset: replies are not mailed.
    pub from: Option<String>,
    /// Acknowledge a new ticket that came by mail (number and promised response time).
    pub acknowledge: bool,
    /// Mail the satisfaction survey when a ticket is solved; the customer answers with a score.
    pub survey: bool,
    /// What a CSAT of 1–2 answered by mail does: reopen (default), escalate (reopen, urgent) or note.
    pub low_score: crate::domain::mail_loop::LowScore,
    /// Under every mailed reply, after the `-- ` line, unless the ticket's group has its own.
    pub signature: Option<String>,
    /// A mailed reply quotes the customer's latest message under it (the thread keeps only the reply).
    pub quote_history: bool,
    /// Group name → the From and signature of mail on that group's tickets.
    pub groups: std::collections::BTreeMap<String, GroupMailConfig>,
    /// How mail leaves: over SMTP (`[mail.smtp]`) or through a local sendmail.
    pub transport: Transport,
    /// The sendmail program for `transport = "sendmail"`.
    pub sendmail_command: String,
    pub smtp: SmtpConfig,
    /// A running desk fetches the `[[mail.inbound]]` mailboxes this often (seconds; 0: only `desk mail fetch`).
    pub fetch_every_secs: u32,
    /// A running desk delivers the outbox this often (seconds; 0: only `desk mail send`).
    pub send_every_secs: u32,
    /// Mail domain → organisation: a new customer writing from it (or a subdomain) joins that organisation.
    pub organizations: std::collections::BTreeMap<String, String>,
    /// The IMAP mailboxes `desk mail fetch` reads.
    pub inbound: Vec<super::mail_inbound::InboundConfig>,
}

/// `[mail.groups."NAME"]`: how one group's mail is sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GroupMailConfig {
    /// The From of mail on the group's tickets (`售后服务 <aftersales@example.com>`). Unset: `[mail] from`.
    pub from: Option<String>,
    /// Under the group's replies instead of `[mail] signature`.
    pub signature: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transport {
    #[default]
    Smtp,
    Sendmail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (port 587); refuses a server that cannot.
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on this machine (127.0.0.1).
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: Option<String>,
    /// The environment variable that holds the password (never the password itself: config files get shared).
    pub password_env: Option<String>,
    /// A command whose first line of output is the password (`pass show desk/smtp`), when `password_env` is unset.
    pub password_command: Option<String>,
}

impl Default for SmtpConfig {
    fn default() -> Self {
        SmtpConfig {
            host: "localhost".into(),
            port: 587,
            security: Security::Starttls,
            username: None,
            password_env: None,
            password_command: None,
        }
    }
}

/// The config spelling of [`TokenTrust`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenFrom {
    #[default]
    KnownSenders,
    Anyone,
}

impl Default for MailConfig {
    fn default() -> Self {
        let rules = IntakeRules::default();
        MailConfig {
            token_from: TokenFrom::KnownSenders,
            max_per_sender_per_hour: rules.max_per_sender_per_hour,
            attachment_max_mb: (rules.attachment_max_bytes / (1024 * 1024)) as u32,
            from: None,
            acknowledge: true,
            survey: true,
            low_score: Default::default(),
            signature: None,
            quote_history: true,
            groups: Default::default(),
            transport: Transport::Smtp,
            sendmail_command: "/usr/sbin/sendmail".into(),
            smtp: SmtpConfig::default(),
            fetch_every_secs: 60,
            send_every_secs: 60,
            organizations: Default::default(),
            inbound: Vec::new(),
        }
    }
}

impl MailConfig {
    /// What is wrong with the settings, said so the user can fix it.
    pub fn check(&self) -> Option<String> {
        if let Some(from) = &self.from
            && !is_address(from)
        {
            return Some(format!(
                "[mail] from = \"{from}\" is not an address (write \"Name <service@example.com>\" or \"service@example.com\")"
            ));
        }
        for (name, g) in &self.groups {
            if name.trim().is_empty() {
                return Some("[mail.groups.\"\"]: a group needs a name".into());
            }
            if let Some(from) = &g.from
                && !is_address(from)
            {
                return Some(format!(
                    "[mail.groups.\"{name}\"] from = \"{from}\" is not an address (write \"Name <aftersales@example.com>\" or \"aftersales@example.com\")"
                ));
            }
            if self.from.is_none() && (g.from.is_some() || g.signature.is_some()) {
                return Some(format!(
                    "[mail.groups.\"{name}\"] is set but [mail] from is not: desk mails nothing until [mail] from names an address"
                ));
            }
        }
        super::mail_inbound::check_all(&self.inbound)
    }

    /// What the store needs to queue replies: set when `from` names an address with a domain.
    pub fn mail_out(&self) -> Option<crate::domain::mail_loop::MailOut> {
        let domain = address_domain(self.from.as_deref()?)?;
        let text = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
        let groups = self
            .groups
            .iter()
            .map(|(name, g)| {
                let from = text(&g.from).filter(|f| address_domain(f).is_some());
                let group = crate::domain::mail_out::GroupMail {
                    domain: from.as_deref().and_then(address_domain),
                    from: from.map(|f| f.trim().to_string()),
                    signature: text(&g.signature),
                };
                (name.trim().to_string(), group)
            })
            .collect();
        Some(crate::domain::mail_loop::MailOut {
            domain,
            acknowledge: self.acknowledge,
            survey: self.survey,
            low_score: self.low_score,
            signature: text(&self.signature),
            groups,
            quote_history: self.quote_history,
            utc_offset: 0,
        })
    }

    pub fn intake_rules(&self) -> IntakeRules {
        IntakeRules {
            token_trust: match self.token_from {
                TokenFrom::KnownSenders => TokenTrust::KnownSenders,
                TokenFrom::Anyone => TokenTrust::Anyone,
            },
            max_per_sender_per_hour: self.max_per_sender_per_hour.max(1),
            attachment_max_bytes: u64::from(self.attachment_max_mb) * 1024 * 1024,
            organizations: self
                .organizations
                .iter()
                .map(|(d, o)| {
                    (
                        d.trim().trim_start_matches('@').to_lowercase(),
                        o.trim().to_string(),
                    )
                })
                .collect(),
        }
    }
}

/// The domain of the address `from` names (`Name <a@b.example>` or `a@b.example`), lower-cased.
fn address_domain(from: &str) -> Option<String> {
    let address = crate::domain::intake::parse_address(from)?.email?;
    let domain = address.rsplit_once('@')?.1.trim();
    (!domain.is_empty()).then(|| domain.to_string())
}

/// Whether `from` is an address both desk (threading) and the mail builder (the From header) can read.
fn is_address(from: &str) -> bool {
    address_domain(from).is_some() && from.trim().parse::<lettre::message::Mailbox>().is_ok()
}
