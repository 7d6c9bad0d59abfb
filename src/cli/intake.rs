//! `desk mail import`, `desk ingest` and `desk attachment`: outside messages in through the one intake path, one
//! line per message saying what became of it, and stored files back out.

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use std::io::BufRead;
use std::path::{Path, PathBuf};

use super::UsageError;
use super::locale::say;
use super::output::Out;
use crate::channels::{imap_fetch, ingest_json, mail_files, mail_parse};
use crate::domain::intake::IntakeRules;
use crate::domain::intake::human_size;
use crate::domain::intake::{Inbound, TicketDefaults};
use crate::domain::ticket::{Kind, Priority};
use crate::store::Store;
use crate::store::intake::Ingested;

#[derive(Debug, Subcommand)]
pub enum MailCmd {
    /// Ingest mail from a Maildir, an mbox file, an .eml file or a folder of .eml files (oldest first); mail
    /// already in desk is skipped, so running it again is safe
    Import {
        path: PathBuf,
        #[command(flatten)]
        defaults: DefaultsArgs,
        #[arg(long, value_enum, default_value = "text")]
        format: IntakeFormat,
    },
    /// Fetch new mail from the [[mail.inbound]] IMAP mailboxes (safe from cron on several machines at once: each
    /// message becomes one ticket or answer, however often it is fetched)
    Fetch {
        /// Only the mailbox of this name (default: every configured mailbox)
        #[arg(long)]
        mailbox: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: IntakeFormat,
    },
    /// Deliver queued mail (replies to mail tickets) by SMTP or sendmail; failures retry with backoff (for cron)
    Send {
        /// At most this many mails in one run
        #[arg(long, default_value_t = 200)]
        limit: usize,
    },
    /// What is waiting to be delivered, or failed (--all: what was sent too)
    Outbox {
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: IntakeFormat,
    },
}

/// What a new ticket gets when a message does not say.
#[derive(Debug, Args)]
pub struct DefaultsArgs {
    /// Group for new tickets (by name)
    #[arg(long)]
    pub group: Option<String>,
    /// Kind for new tickets (question, complaint, service_request, …)
    #[arg(long)]
    pub kind: Option<Kind>,
    /// Priority for new tickets (urgent, high, normal, low)
    #[arg(long)]
    pub priority: Option<Priority>,
}

impl DefaultsArgs {
    fn defaults(&self) -> TicketDefaults {
        TicketDefaults {
            kind: self.kind,
            priority: self.priority,
            group: self.group.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IntakeFormat {
    /// One line per message, then a summary
    Text,
    /// One JSON object per message (NDJSON)
    Json,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// A JSON or NDJSON file to read instead of standard input
    pub file: Option<PathBuf>,
    /// Report a bad record on standard error and go on with the next (NDJSON batches)
    #[arg(long)]
    pub skip_bad: bool,
    #[command(flatten)]
    pub defaults: DefaultsArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: IntakeFormat,
}

#[derive(Debug, Subcommand)]
pub enum AttachmentCmd {
    /// List a ticket's attachments
    List { ticket: i64 },
    /// Write an attachment's contents to PATH (a folder keeps the attachment's own name); refuses to overwrite
    Save { id: String, path: PathBuf },
}

/// Counts for the closing line.
#[derive(Default)]
struct Tally {
    created: usize,
    threaded: usize,
    noted: usize,
    ignored: usize,
    duplicate: usize,
}

impl Tally {
    fn add(&mut self, o: &Ingested) {
        match o {
            Ingested::Created { .. } | Ingested::FollowUp { .. } => self.created += 1,
            Ingested::Threaded { .. } | Ingested::Surveyed { .. } => self.threaded += 1,
            Ingested::Noted { .. } => self.noted += 1,
            Ingested::Ignored { .. } => self.ignored += 1,
            Ingested::Duplicate { .. } => self.duplicate += 1,
        }
    }

    fn total(&self) -> usize {
        self.created + self.threaded + self.noted + self.ignored + self.duplicate
    }
}

/// One message's line.
fn report(
    out: &mut Out<'_>,
    format: IntakeFormat,
    place: &str,
    m: &Inbound,
    o: &Ingested,
) -> Result<()> {
    if format == IntakeFormat::Json {
        let line = serde_json::json!({
            "source": place,
            "external_id": m.external_id,
            "from": m.sender.email.as_deref().or(m.sender.phone.as_deref()),
            "subject": m.subject,
            "result": o,
        });
        serde_json::to_writer(out.json(), &line)?;
        writeln!(out)?;
        return Ok(());
    }
    let from = m
        .sender
        .email
        .as_deref()
        .or(m.sender.phone.as_deref())
        .unwrap_or("?");
    let what = match o {
        Ingested::Created { number } => say("said-intake-created", &[("n", number)]),
        Ingested::FollowUp { number, of } => {
            say("said-intake-follow-up", &[("n", number), ("of", of)])
        }
        Ingested::Threaded {
            number,
            reopened: true,
        } => say("said-intake-answer-reopened", &[("n", number)]),
        Ingested::Threaded { number, .. } => say("said-intake-answer", &[("n", number)]),
        Ingested::Surveyed {
            number,
            scores,
            reopened,
        } => {
            let scores = crate::domain::text::sanitize(scores);
            let key = if *reopened {
                "said-intake-survey-reopened"
            } else {
                "said-intake-survey"
            };
            say(key, &[("n", number), ("scores", &scores)])
        }
        Ingested::Noted { number, reason } => {
            say("said-intake-noted", &[("n", number), ("reason", reason)])
        }
        Ingested::Ignored { reason } => say("said-intake-ignored", &[("reason", reason)]),
        Ingested::Duplicate { number: Some(n) } => say("said-intake-duplicate", &[("n", n)]),
        Ingested::Duplicate { number: None } => say("said-intake-duplicate-unknown", &[]),
    };
    writeln!(
        out,
        "{what} · {from} · {}",
        crate::domain::text::one_line(&m.subject)
    )?;
    Ok(())
}

fn summary(out: &mut Out<'_>, format: IntakeFormat, t: &Tally) -> Result<()> {
    if format == IntakeFormat::Text {
        let line = say(
            "said-intake-summary",
            &[
                ("n", &t.total()),
                ("created", &t.created),
                ("answers", &t.threaded),
                ("notes", &t.noted),
                ("ignored", &t.ignored),
                ("duplicates", &t.duplicate),
            ],
        );
        writeln!(out, "{line}")?;
    }
    Ok(())
}

pub fn mail(
    store: &mut Store,
    cmd: MailCmd,
    cfg: &crate::config::mail::MailConfig,
    now: i64,
    out: &mut Out<'_>,
) -> Result<()> {
    let rules = &cfg.intake_rules();
    match cmd {
        MailCmd::Fetch { mailbox, format } => {
            fetch(store, cfg, mailbox.as_deref(), format, now, out)
        }
        MailCmd::Send { limit } => super::mail_out::send(store, cfg, limit, now, out),
        MailCmd::Outbox { all, format } => {
            super::mail_out::outbox(store, all, format == IntakeFormat::Json, out)
        }
        MailCmd::Import {
            path,
            defaults,
            format,
        } => {
            let defaults = defaults.defaults();
            let mut tally = Tally::default();
            mail_files::for_each_mail(&path, |place, raw| {
                let mut m = mail_parse::parse_mail(raw);
                m.defaults = defaults.clone();
                let o = store
                    .ingest("mail", &m, rules, now)
                    .with_context(|| format!("{place}: cannot ingest the message"))?;
                tally.add(&o);
                report(out, format, place, &m, &o)
            })?;
            summary(out, format, &tally)
        }
    }
}

/// `desk mail fetch`: every configured mailbox (or the one named), a line per message; a mailbox that fails is
/// said and the others are still fetched.
fn fetch(
    store: &mut Store,
    cfg: &crate::config::mail::MailConfig,
    only: Option<&str>,
    format: IntakeFormat,
    now: i64,
    out: &mut Out<'_>,
) -> Result<()> {
    let rules = cfg.intake_rules();
    let mailboxes: Vec<_> = cfg
        .inbound
        .iter()
        .filter(|m| only.is_none_or(|name| m.label() == name))
        .collect();
    if mailboxes.is_empty() {
        let known: Vec<String> = cfg.inbound.iter().map(|m| m.label()).collect();
        return Err(UsageError(match only {
            Some(name) if !known.is_empty() => say(
                "usage-mail-no-mailbox-called",
                &[("name", &name), ("known", &known.join(", "))],
            ),
            _ => say("usage-mail-no-mailbox", &[]),
        })
        .into());
    }
    let mut failed = Vec::new();
    for m in mailboxes {
        let label = m.label();
        let mut tally = Tally::default();
        let fetched = imap_fetch::fetch(m, store, &rules, now, &mut |f| {
            tally.add(f.outcome);
            report(
                out,
                format,
                &format!("{label} UID {}", f.uid),
                f.message,
                f.outcome,
            )
        });
        match fetched {
            Ok(s) => {
                tracing::info!(
                    "mail fetch {label}: {} messages ({} new tickets, {} answers, {} notes, {} ignored, {} already in desk), last UID {}",
                    tally.total(),
                    tally.created,
                    tally.threaded,
                    tally.noted,
                    tally.ignored,
                    tally.duplicate,
                    s.last_uid
                );
                if format == IntakeFormat::Text {
                    write!(out, "{label}: ")?;
                }
                summary(out, format, &tally)?;
            }
            Err(e) => {
                let line = super::one_line(&e, None);
                tracing::warn!("mail fetch {label}: {line}");
                let line = say(
                    "said-intake-mailbox-failed",
                    &[("mailbox", &label), ("error", &line)],
                );
                super::output::err_line(format_args!("{line}"));
                failed.push(label);
            }
        }
    }
    if !failed.is_empty() {
        anyhow::bail!(
            "{}",
            say(
                "usage-mail-not-fetched",
                &[("mailboxes", &failed.join(", "))]
            )
        );
    }
    Ok(())
}

pub fn ingest(
    store: &mut Store,
    args: &IngestArgs,
    stdin: &mut dyn BufRead,
    rules: &IntakeRules,
    now: i64,
    out: &mut Out<'_>,
) -> Result<()> {
    let (name, mut text) = match &args.file {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| {
                format!("cannot read {} (JSON or NDJSON, UTF-8)", path.display())
            })?;
            (path.display().to_string(), text)
        }
        None => ("stdin".to_string(), String::new()),
    };
    if args.file.is_none() {
        stdin
            .read_to_string(&mut text)
            .context("cannot read standard input")?;
    }
    let read = |p: &Path| std::fs::read(p);
    let defaults = args.defaults.defaults();
    let mut tally = Tally::default();
    let mut bad = 0usize;
    let mut one = |place: &str, json: &str, tally: &mut Tally, out: &mut Out<'_>| -> Result<()> {
        let mut m = match ingest_json::parse_record(json, &read) {
            Ok(m) => m,
            Err(e) if args.skip_bad => {
                bad += 1;
                let line = say("said-intake-skipped", &[("place", &place), ("error", &e)]);
                super::output::err_line(format_args!("{line}"));
                return Ok(());
            }
            Err(e) => {
                let before = tally.total();
                let line = if before == 0 {
                    say("usage-labelled", &[("label", &place), ("problem", &e)])
                } else {
                    say(
                        "usage-ingest-bad-record-after",
                        &[("place", &place), ("problem", &e), ("before", &before)],
                    )
                };
                return Err(UsageError(line).into());
            }
        };
        merge_defaults(&mut m.defaults, &defaults);
        let o = store.ingest(m.channel.map_or("web", |c| c.as_str()), &m, rules, now)?;
        tally.add(&o);
        report(out, args.format, place, &m, &o)
    };
    // NDJSON, one record a line; a first record that does not parse alone is read as one pretty-printed object.
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let whole = lines
        .first()
        .is_some_and(|(_, l)| serde_json::from_str::<serde_json::Value>(l).is_err());
    if whole {
        one(&name, &text, &mut tally, out)?;
    } else {
        for (i, line) in lines {
            one(&format!("{name}:{}", i + 1), line, &mut tally, out)?;
        }
    }
    summary(out, args.format, &tally)?;
    if bad > 0 {
        return Err(UsageError(say("usage-ingest-skipped", &[("n", &bad)])).into());
    }
    Ok(())
}

/// The command line's defaults fill what a record leaves out.
fn merge_defaults(d: &mut TicketDefaults, cli: &TicketDefaults) {
    d.kind = d.kind.or(cli.kind);
    d.priority = d.priority.or(cli.priority);
    if d.group.is_none() {
        d.group.clone_from(&cli.group);
    }
}

pub fn attachment(store: &Store, cmd: AttachmentCmd, out: &mut Out<'_>) -> Result<()> {
    match cmd {
        AttachmentCmd::List { ticket } => {
            let detail = store
                .ticket_detail(ticket)?
                .ok_or_else(|| super::error_words::no_ticket(ticket))?;
            if detail.attachments.is_empty() {
                writeln!(
                    out,
                    "{}",
                    say("said-intake-no-attachments", &[("n", &ticket)])
                )?;
            }
            for a in &detail.attachments {
                writeln!(
                    out,
                    "{}  {}  {}  {}",
                    a.id,
                    human_size(a.size.max(0) as u64),
                    a.content_type,
                    a.name
                )?;
            }
            Ok(())
        }
        AttachmentCmd::Save { id, path } => {
            let (a, bytes) = store
                .attachment_content(&id)?
                .ok_or_else(|| super::error_words::no_attachment(&id))?;
            let target = if path.is_dir() {
                path.join(a.name.as_str())
            } else {
                path
            };
            mail_files::write_new(&target, &bytes).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => {
                    UsageError(say("usage-file-exists", &[("path", &target.display())])).into()
                }
                _ => anyhow::Error::from(e).context(format!("cannot write {}", target.display())),
            })?;
            let line = say(
                "said-intake-saved",
                &[
                    ("name", &a.name),
                    ("size", &human_size(bytes.len() as u64)),
                    ("path", &target.display()),
                ],
            );
            writeln!(out, "{line}")?;
            Ok(())
        }
    }
}
