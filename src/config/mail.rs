//! `[mail]`: how the intake treats incoming messages (mail files today; IMAP mailboxes and SMTP next).

use serde::{Deserialize, Serialize};

use crate::domain::intake::TokenTrust;
use crate::store::intake::IntakeRules;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailConfig {
    /// Who may thread a message onto a ticket by the `[#N]` token in its subject.
    pub token_from: TokenFrom,
    /// More messages than this from one sender within an hour are taken for a mail loop.
    pub max_per_sender_per_hour: u32,
    /// Attachments larger than this many MB are not kept; the ticket gets a note.
    pub attachment_max_mb: u32,
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
        }
    }
}

impl MailConfig {
    pub fn intake_rules(&self) -> IntakeRules {
        IntakeRules {
            token_trust: match self.token_from {
                TokenFrom::KnownSenders => TokenTrust::KnownSenders,
                TokenFrom::Anyone => TokenTrust::Anyone,
            },
            max_per_sender_per_hour: self.max_per_sender_per_hour.max(1),
            attachment_max_bytes: u64::from(self.attachment_max_mb) * 1024 * 1024,
        }
    }
}
