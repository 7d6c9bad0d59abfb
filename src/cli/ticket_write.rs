//! `desk ticket new|reply|note|set|history`: ticket writes for scripts, each one transaction through the change log.

use super::UsageError;
use super::locale::{say, unknown};
use super::output::Out;
use crate::domain::UnknownValue;
use crate::domain::complaint::ComplaintSeverity;
use crate::domain::lifecycle::Writer;
use crate::domain::service_loop::ComplaintStage;
use crate::domain::ticket::{Channel, Kind, Priority, Status, TagError};
use crate::domain::ticket_fields::{ChangeWords, Names, is_bookkeeping};
use crate::i18n::{tr, tr_args};
use crate::store::Store;
use crate::store::ticket_write::{NewTicket, ReplyHow, TicketEdit};
use anyhow::Context;
use std::io::{IsTerminal, Read};
use std::path::PathBuf;

/// Where a message body comes from: `--body`, `--body-file`, or standard input when it is piped.
#[derive(Debug, Clone, clap::Args)]
pub struct BodyArgs {
    /// The text itself
    #[arg(long, conflicts_with = "body_file")]
    pub body: Option<String>,
    /// Read the text from a file
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
}

impl BodyArgs {
    fn read(&self) -> anyhow::Result<String> {
        let text = match (&self.body, &self.body_file) {
            (Some(b), _) => b.clone(),
            (None, Some(f)) => {
                std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?
            }
            (None, None) if !std::io::stdin().is_terminal() => {
                let mut s = String::new();
                std::io::stdin()
                    .read_to_string(&mut s)
                    .context("reading the body from standard input")?;
                s
            }
            (None, None) => anyhow::bail!(UsageError(say("usage-ticket-body-missing", &[]))),
        };
        let text = text.trim_end().to_string();
        if text.trim().is_empty() {
            anyhow::bail!(UsageError(say("usage-ticket-body-empty", &[])));
        }
        Ok(text)
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct NewArgs {
    /// The customer's email or id
    #[arg(long)]
    pub customer: String,
    #[arg(long)]
    pub subject: String,
    /// question, complaint, service_request, value_added, incident, task
    #[arg(long, default_value = "question")]
    pub kind: String,
    /// phone, email, web, chat, wechat, weibo, on_site
    #[arg(long, default_value = "email")]
    pub channel: String,
    /// urgent, high, normal, low; default: the customer's tier's default (`crm.default_priority`)
    #[arg(long)]
    pub priority: Option<String>,
    #[command(flatten)]
    pub body: BodyArgs,
}

#[derive(Debug, Clone, clap::Args)]
pub struct MessageArgs {
    pub number: String,
    #[command(flatten)]
    pub body: BodyArgs,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ReplyArgs {
    #[command(flatten)]
    pub message: MessageArgs,
    /// Also mail it to the customer when the ticket did not come by mail (needs [mail] from and their address)
    #[arg(long)]
    pub email: bool,
    /// The reply proposes a solution (stops the first-solution clock of the 3-5-7 rule)
    #[arg(long)]
    pub solution: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct SetArgs {
    pub number: String,
    /// Changes: status=pending priority=high kind=complaint channel=phone subject="…" assignee=li|none group=NAME
    /// tags+=vip tags-=refund; closing an open ticket: status=closed close_reason=spam|duplicate; a complaint:
    /// complaint_stage=registered complaint_category="…" complaint_severity=minor|major|critical
    /// complaint_owner=HANDLE root_cause=delivery complaint_resolution="…"
    #[arg(required = true)]
    pub changes: Vec<String>,
}

pub fn parse_number(s: &str) -> anyhow::Result<i64> {
    crate::domain::ticket::number_in(s)
        .ok_or_else(|| UsageError(say("usage-ticket-number", &[("value", &s)])).into())
}

fn parse<T: std::str::FromStr<Err = UnknownValue>>(what: &str, s: &str) -> anyhow::Result<T> {
    s.parse().map_err(|e: UnknownValue| {
        UsageError(say(
            "usage-labelled",
            &[("label", &what), ("problem", &unknown(&e))],
        ))
        .into()
    })
}

/// Why a tag was refused, in the CLI's language.
fn tag_problem(e: &TagError) -> String {
    match e {
        TagError::Empty => say("usage-tag-empty", &[]),
        TagError::NotOneWord { tag } => say("usage-tag-not-one-word", &[("tag", tag)]),
    }
}

/// Parses `field=value`, `tags+=x`, `tags-=x`.
pub fn parse_edit(spec: &str) -> anyhow::Result<TicketEdit> {
    let usage = |msg: String| -> anyhow::Error { UsageError(msg).into() };
    if let Some(tag) = spec
        .strip_prefix("tags+=")
        .or_else(|| spec.strip_prefix("tag+="))
    {
        return Ok(TicketEdit::AddTag(
            crate::domain::ticket::tag(tag).map_err(|e| usage(tag_problem(&e)))?,
        ));
    }
    if let Some(tag) = spec
        .strip_prefix("tags-=")
        .or_else(|| spec.strip_prefix("tag-="))
    {
        return Ok(TicketEdit::RemoveTag(
            crate::domain::ticket::tag(tag).map_err(|e| usage(tag_problem(&e)))?,
        ));
    }
    let Some((field, value)) = spec.split_once('=') else {
        return Err(usage(say("usage-ticket-not-a-change", &[("spec", &spec)])));
    };
    Ok(match field.trim() {
        "status" => TicketEdit::Status(parse::<Status>("status", value)?),
        "priority" => TicketEdit::Priority(parse::<Priority>("priority", value)?),
        "kind" => TicketEdit::Kind(parse::<Kind>("kind", value)?),
        "channel" => TicketEdit::Channel(parse::<Channel>("channel", value)?),
        "subject" if !value.trim().is_empty() => TicketEdit::Subject(value.trim().to_string()),
        "assignee" if matches!(value, "none" | "") => TicketEdit::Assignee(None),
        "assignee" => TicketEdit::Assignee(Some(crate::domain::handle::normalize(value))),
        "group" if matches!(value, "none" | "") => TicketEdit::Group(None),
        "group" => TicketEdit::Group(Some(value.trim().to_string())),
        "product" if matches!(value, "none" | "") => TicketEdit::Product(None),
        "product" => TicketEdit::Product(Some(value.trim().to_string())),
        "close_reason" => TicketEdit::CloseReason(value.to_string()),
        "complaint_stage" => {
            TicketEdit::ComplaintStage(parse::<ComplaintStage>("complaint_stage", value)?)
        }
        "complaint_category" => TicketEdit::ComplaintCategory(value.to_string()),
        "complaint_severity" | "severity" => {
            TicketEdit::ComplaintSeverity(parse::<ComplaintSeverity>("complaint_severity", value)?)
        }
        "complaint_owner" if matches!(value, "none" | "") => TicketEdit::ComplaintOwner(None),
        "complaint_owner" => {
            TicketEdit::ComplaintOwner(Some(crate::domain::handle::normalize(value)))
        }
        "root_cause" => TicketEdit::RootCause(value.to_string()),
        "complaint_resolution" => TicketEdit::ComplaintResolution(value.to_string()),
        other => {
            return Err(usage(say(
                "usage-cannot-set",
                &[
                    ("field", &other),
                    (
                        "fields",
                        &"status, priority, kind, channel, subject, assignee, group, product, close_reason, \
                          complaint_stage, complaint_category, complaint_severity, complaint_owner, root_cause, \
                          complaint_resolution, tags+=, tags-=",
                    ),
                ],
            )));
        }
    })
}

/// How the CLI words change-log entries: the local zone, names where the store knows them.
pub(super) fn change_words<'a>(names: Names<'a>) -> ChangeWords<'a> {
    ChangeWords {
        names,
        offset: chrono::Local::now().offset().local_minus_utc(),
        date_format: "%Y-%m-%d %H:%M",
    }
}

/// `#1042: version 3; status Open → Pending`: what a write changed, bookkeeping left out.
fn print_changes(
    store: &Store,
    out: &mut Out<'_>,
    number: i64,
    what: &str,
    changed: &[crate::store::FieldChange],
) -> std::io::Result<()> {
    let names = |show, id: &str| store.name_of(show, id).ok().flatten();
    let words = change_words(&names);
    let list: Vec<String> = changed
        .iter()
        .filter(|c| !is_bookkeeping(c.field))
        .map(|c| {
            crate::domain::text::sanitize(&crate::i18n::changes::describe(
                super::locale::get(),
                c.field,
                c.old.as_deref(),
                c.new.as_deref(),
                &words,
            ))
        })
        .collect();
    let l = super::locale::get();
    let number = number.to_string();
    let line = if list.is_empty() {
        tr_args(
            l,
            "cli-wrote",
            &[("number", number.into()), ("what", what.into())],
        )
    } else {
        let changes = list.join(&tr(l, "cli-list-separator"));
        let args = [
            ("number", number.into()),
            ("what", what.into()),
            ("changes", changes.into()),
        ];
        tr_args(l, "cli-wrote-changes", &args)
    };
    writeln!(out, "{line}")
}

pub fn new(store: &mut Store, a: &NewArgs, now: i64, out: &mut Out<'_>) -> anyhow::Result<()> {
    let customer = store
        .customer_detail(&a.customer)?
        .ok_or_else(|| super::error_words::no_customer(&a.customer))?;
    let t = NewTicket {
        subject: a.subject.trim().to_string(),
        kind: parse("--kind", &a.kind)?,
        channel: parse("--channel", &a.channel)?,
        priority: match &a.priority {
            Some(p) => parse("--priority", p)?,
            None => store
                .service_rules()
                .crm
                .default_priority(customer.row.tier),
        },
        customer_id: customer.row.id.clone(),
        product_id: None,
        body: a.body.read()?,
    };
    if t.subject.is_empty() {
        anyhow::bail!(UsageError(say("usage-ticket-subject-empty", &[])));
    }
    let created = store.create_ticket(&t, now)?;
    writeln!(out, "{}", created.number)?;
    Ok(())
}

/// An agent reply (`internal = false`) or note, written as the agent running desk (`me` is its agent id).
pub fn message(
    store: &mut Store,
    a: &MessageArgs,
    me: Option<&str>,
    internal: bool,
    how: ReplyHow,
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let Some(me) = me else {
        anyhow::bail!(UsageError(say("usage-ticket-who-is-writing", &[])));
    };
    let number = parse_number(&a.number)?;
    let body = a.body.read()?;
    let outcome = if !internal {
        store.reply(number, Some(me), &body, &[], how, now)?
    } else {
        store.add_message(number, Writer::Agent, Some(me), internal, &body, now)?
    };
    print_changes(
        store,
        out,
        number,
        &tr(
            super::locale::get(),
            if internal {
                "cli-note-added"
            } else {
                "cli-reply-added"
            },
        ),
        &outcome.changed,
    )?;
    Ok(())
}

pub fn set(store: &mut Store, a: &SetArgs, now: i64, out: &mut Out<'_>) -> anyhow::Result<()> {
    let number = parse_number(&a.number)?;
    let edits: Vec<TicketEdit> = a
        .changes
        .iter()
        .map(|c| parse_edit(c))
        .collect::<anyhow::Result<_>>()?;
    let outcome = store.set_ticket(number, &edits, None, now)?;
    print_changes(
        store,
        out,
        number,
        &tr_args(
            super::locale::get(),
            "cli-version",
            &[("version", outcome.version.to_string().into())],
        ),
        &outcome.changed,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_parse() {
        assert_eq!(
            parse_edit("status=on-hold").unwrap(),
            TicketEdit::Status(Status::OnHold)
        );
        assert_eq!(
            parse_edit("tags+=VIP").unwrap(),
            TicketEdit::AddTag("vip".into())
        );
        assert_eq!(
            parse_edit("tags-=refund").unwrap(),
            TicketEdit::RemoveTag("refund".into())
        );
        assert_eq!(
            parse_edit("assignee=none").unwrap(),
            TicketEdit::Assignee(None)
        );
        assert_eq!(
            parse_edit("assignee=Li").unwrap(),
            TicketEdit::Assignee(Some("li".into()))
        );
        let e = parse_edit("colour=red").unwrap_err().to_string();
        assert!(e.starts_with("cannot set `colour`; fields: status"), "{e}");
        let e = parse_edit("priority=extreme").unwrap_err().to_string();
        assert_eq!(
            e,
            "priority: unknown priority `extreme` (expected one of: urgent, high, normal, low)"
        );
        assert!(parse_edit("status").is_err());
        let e = parse_edit("tags+=").unwrap_err().to_string();
        assert_eq!(e, "a tag cannot be empty");
        let e = parse_edit("tags+=vip refund").unwrap_err().to_string();
        assert!(e.starts_with("`vip refund` is not one tag"), "{e}");
    }
}
