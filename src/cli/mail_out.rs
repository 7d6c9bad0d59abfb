//! `desk mail send` and `desk mail outbox`: delivering what the outbox holds, and showing what is waiting or failed.

use anyhow::Result;

use super::locale::say;
use super::output::{Out, short_date};
use crate::channels::mail_send::{Sender, deliver_due};
use crate::config::mail::MailConfig;
use crate::store::Store;
use crate::store::outbox::Delivery;

/// Claims what is due, delivers each, records the outcome. Exits non-zero when anything was not delivered, so cron
/// mails its owner.
pub fn send(
    store: &mut Store,
    cfg: &MailConfig,
    limit: usize,
    now: i64,
    out: &mut Out<'_>,
) -> Result<()> {
    let (sender, from) = Sender::from_config(cfg)?;
    // A misspelt group name would silently send that group's mail as [mail] from.
    let groups = store.groups()?;
    let set = cfg
        .groups
        .iter()
        .filter(|(_, g)| g.from.is_some() || g.signature.is_some());
    for (name, _) in set {
        let known = groups
            .iter()
            .any(|g| g.name.as_str().to_lowercase() == name.trim().to_lowercase());
        if !known {
            let section = format!("[mail.groups.\"{name}\"]");
            let line = say("said-mail-unknown-group", &[("section", &section)]);
            writeln!(out, "{line}")?;
        }
    }
    let sum = deliver_due(
        store,
        &sender,
        &from,
        limit,
        now,
        &mut |mail, result, at| {
            match result {
                Delivery::Sent => {
                    let line = say(
                        "said-mail-sent",
                        &[
                            ("n", &mail.ticket),
                            ("kind", &mail.kind),
                            ("to", &mail.to),
                            ("id", &mail.message_id),
                        ],
                    );
                    writeln!(out, "{line}")?
                }
                Delivery::Transient(e) if mail.attempts < crate::store::outbox::MAX_ATTEMPTS => {
                    tracing::warn!("mail send: #{} to {} not sent: {e}", mail.ticket, mail.to);
                    let next = short_date(at + crate::store::outbox::backoff(mail.attempts));
                    let line = say(
                        "said-mail-not-sent",
                        &[
                            ("n", &mail.ticket),
                            ("to", &mail.to),
                            ("error", &e),
                            ("attempt", &mail.attempts),
                            ("next", &next),
                        ],
                    );
                    writeln!(out, "{line}")?;
                }
                Delivery::Transient(e) | Delivery::Permanent(e) => {
                    tracing::warn!("mail send: #{} to {} failed: {e}", mail.ticket, mail.to);
                    let line = say(
                        "said-mail-failed",
                        &[("n", &mail.ticket), ("to", &mail.to), ("error", &e)],
                    );
                    writeln!(out, "{line}")?;
                }
            }
            Ok(())
        },
    )?;
    let line = say(
        "said-mail-summary",
        &[
            ("due", &sum.due),
            ("sent", &sum.sent),
            ("retry", &sum.retry),
            ("failed", &sum.failed),
        ],
    );
    writeln!(out, "{line}")?;
    tracing::info!(
        "mail send: {} due, {} sent, {} to retry, {} failed",
        sum.due,
        sum.sent,
        sum.retry,
        sum.failed
    );
    if sum.retry + sum.failed > 0 {
        anyhow::bail!(
            "{}",
            say(
                "usage-mail-not-delivered",
                &[("failed", &(sum.retry + sum.failed)), ("due", &sum.due)],
            )
        );
    }
    Ok(())
}

pub fn outbox(store: &Store, all: bool, json: bool, out: &mut Out<'_>) -> Result<()> {
    let rows = store.outbox(all, 500)?;
    if json {
        for r in &rows {
            serde_json::to_writer(out.json(), r)?;
            writeln!(out)?;
        }
        return Ok(());
    }
    if rows.is_empty() {
        let key = if all {
            "said-mail-outbox-empty"
        } else {
            "said-mail-outbox-nothing-waiting"
        };
        writeln!(out, "{}", say(key, &[]))?;
    }
    for r in &rows {
        let when = match (r.state.as_str(), r.sent_at) {
            ("sent", Some(at)) => format!("sent {}", short_date(at)),
            ("failed", _) => "failed".to_string(),
            _ => format!("next try {}", short_date(r.next_attempt_at)),
        };
        let error = r
            .last_error
            .as_ref()
            .map_or(String::new(), |e| format!(" · {e}"));
        writeln!(
            out,
            "#{} {} to {} · {} · {} attempts · {when}{error}",
            r.ticket, r.kind, r.to, r.subject, r.attempts
        )?;
    }
    Ok(())
}
