//! Mail in the running desk: the background fetch and delivery (runtime::mail) report each round here; the tab
//! bar shows a round in progress or a failed one, and what arrived or failed is said once as a toast.

use super::Model;
use super::update::{say, toast};
use crate::i18n::{Locale, tr, tr_args};

/// One round of fetching and delivering, as the background job reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailRound {
    pub new_tickets: usize,
    pub answers: usize,
    pub sent: usize,
    /// Mails that will be tried again or were given up.
    pub not_sent: usize,
    /// What went wrong, one line each ("mailbox support: cannot connect …").
    pub errors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailEvent {
    /// Whether a background mail job runs (mailboxes to fetch or an outbox to deliver), said once at start.
    Ready(bool),
    Started,
    Finished(MailRound),
}

/// What the tab bar shows of mail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailStatus {
    /// A background mail job runs (`[[mail.inbound]]` or `[mail] from` with their intervals).
    pub ready: bool,
    /// A round is running now.
    pub busy: bool,
    /// The last round failed in part: its first error (all of them are in `:messages`).
    pub failed: Option<String>,
    /// The last round's errors: the same errors again are not toasted again (a server down for an hour would
    /// otherwise fill `:messages` once a minute); the tab bar keeps saying so.
    pub errors: Vec<String>,
}

pub(super) fn on_event(model: &mut Model, event: MailEvent) {
    match event {
        MailEvent::Ready(ready) => model.mail.ready = ready,
        MailEvent::Started => model.mail.busy = true,
        MailEvent::Finished(round) => {
            model.mail.busy = false;
            model.mail.failed = round.errors.first().cloned();
            if round.errors != model.mail.errors {
                for e in &round.errors {
                    say(model, "mail-error", &[("error", e.as_str().into())], true);
                }
                model.mail.errors = round.errors.clone();
            }
            if let Some(text) = arrived(model.locale, &round) {
                toast(model, text, round.not_sent > 0);
            }
        }
    }
}

/// `g f`: a round now rather than at the next interval; said when there is nothing to do it with.
pub(super) fn now(model: &mut Model) -> Vec<super::Effect> {
    if !model.mail.ready {
        say(model, "mail-not-set-up", &[], true);
        return Vec::new();
    }
    if model.mail.busy {
        say(model, "mail-busy", &[], false);
        return Vec::new();
    }
    vec![super::Effect::MailNow]
}

/// "mail: 2 new tickets, 1 answer, 3 sent", or nothing when nothing happened.
fn arrived(l: Locale, r: &MailRound) -> Option<String> {
    let counts = [
        ("mail-new-tickets", r.new_tickets),
        ("mail-answers", r.answers),
        ("mail-sent", r.sent),
        ("mail-not-sent", r.not_sent),
    ];
    let parts: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(key, n)| tr_args(l, key, &[("n", (*n).into())]))
        .collect();
    (!parts.is_empty()).then(|| {
        let parts = parts.join(&tr(l, "mail-separator"));
        tr_args(l, "mail-round", &[("parts", parts.into())])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_is_said_once_and_only_when_something_happened() {
        assert_eq!(arrived(Locale::En, &MailRound::default()), None);
        let r = MailRound {
            new_tickets: 2,
            answers: 1,
            sent: 3,
            ..MailRound::default()
        };
        assert_eq!(
            arrived(Locale::En, &r).as_deref(),
            Some("mail: 2 new tickets, 1 answer, 3 sent")
        );
        let r = MailRound {
            not_sent: 1,
            ..MailRound::default()
        };
        assert_eq!(
            arrived(Locale::En, &r).as_deref(),
            Some("mail: 1 not sent (desk mail outbox)")
        );
        let r = MailRound {
            new_tickets: 1,
            answers: 2,
            ..MailRound::default()
        };
        assert_eq!(
            arrived(Locale::ZhCn, &r).as_deref(),
            Some("邮件：1 张新工单，2 条客户回复")
        );
    }
}
