//! The command line: clap definitions and one module per command group.

pub mod agent;
pub mod backup;
pub mod check;
pub mod clap_words;
pub mod convert;
pub mod customer;
pub mod customer_address;
pub mod customer_csv;
pub mod customer_edit;
pub mod demo;
pub mod error_words;
pub mod group;
pub mod hub;
pub mod init;
pub mod intake;
pub mod kb;
pub mod kb_starter;
pub mod keys;
pub mod locale;
pub mod mail_out;
pub mod output;
pub mod part;
pub mod plan;
pub mod qa;
pub mod report;
mod report_customers;
mod report_field;
mod report_md;
mod report_plans;
mod report_qa;
mod report_topics;
pub mod rma;
pub mod route;
pub mod search;
pub mod service;
pub mod sync;
pub mod text_encoding;
pub mod ticket;
mod ticket_field;
pub mod ticket_transfer;
pub mod ticket_write;
pub mod visit;
mod visit_report;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Exit codes scripts can branch on.
pub mod exit {
    pub const ERROR: i32 = 1;
    pub const USAGE: i32 = 2;
    pub const NOT_FOUND: i32 = 3;
    pub const DATABASE: i32 = 4;
    pub const CONFIG: i32 = 5;
    /// Someone else changed the record first: reload and re-apply.
    pub const CONFLICT: i32 = 6;
}

#[derive(Debug, Parser)]
#[command(
    name = "desk",
    version,
    about = "A terminal help desk: ticket queues, customers and a knowledge base in one SQLite file"
)]
pub struct Cli {
    /// Database file (else DESK_DB, then config `db`, then the data directory's desk.db)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Config file (else DESK_CONFIG, then the config directory's config.toml)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Open the TUI on the demo database, generating it first if missing
    #[arg(long)]
    pub demo: bool,

    /// Measure start-up: time from start to the first frame with its queue page loaded, then exit
    #[arg(long, hide = true)]
    pub bench_first_frame: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a database, with six starter knowledge-base articles as drafts (or bring an existing one to the
    /// current schema)
    Init(init::InitArgs),
    /// Generate a realistic, deterministic demo database
    Demo(demo::DemoArgs),
    /// List, show, create and change tickets
    #[command(subcommand)]
    Ticket(ticket::TicketCmd),
    /// List and show customers
    #[command(subcommand)]
    Customer(customer::CustomerCmd),
    /// Knowledge base: list, search, suggest for a ticket, publish, vote, history, import and export
    #[command(subcommand)]
    Kb(kb::KbCmd),
    /// Mail in: import a Maildir, mbox or .eml files through the intake (threads answers, skips what is in desk)
    #[command(subcommand)]
    Mail(intake::MailCmd),
    /// Messages from any channel as JSON (one object, or NDJSON) on standard input: new tickets or answers
    Ingest(intake::IngestArgs),
    /// Files that came with messages: list a ticket's, save one
    #[command(subcommand)]
    Attachment(intake::AttachmentCmd),
    /// Search ticket subjects and messages (newest first; --relevance for best match)
    Search(search::SearchArgs),
    /// SLA clocks: escalations and auto-close (run from cron)
    #[command(subcommand)]
    Sla(service::SlaCmd),
    /// Tasks such as follow-up calls (回访)
    #[command(subcommand)]
    Task(service::TaskCmd),
    /// Satisfaction surveys (CSAT, NPS, CES)
    #[command(subcommand)]
    Survey(service::SurveyCmd),
    /// Service-quality report (KPIs, SLA, CSAT/NPS/CES, CSI/SQI) as Markdown, CSV or JSON
    Report(report::ReportArgs),
    /// The team's agents: add, list, set-role, deactivate, and dispatch settings: set, skills
    #[command(subcommand)]
    Agent(agent::AgentCmd),
    /// Groups (departments) tickets are routed to: add, list, members, set
    #[command(subcommand)]
    Group(group::GroupCmd),
    /// Routing and automatic assignment of the backlog: run
    #[command(subcommand)]
    Route(route::RouteCmd),
    /// On-site visits (上门服务): new, list, set, report
    #[command(subcommand)]
    Visit(visit::VisitCmd),
    /// Quality inspection (质检): sample, list, score, show, mine, rubric
    #[command(subcommand)]
    Qa(qa::QaCmd),
    /// Improvement actions (PDCA 计划-执行-检查-处理): from the report's suggestions to before-and-after
    #[command(subcommand)]
    Plan(plan::PlanCmd),
    /// Spare parts (备件) and their stock: add, list, stock, receive, transfer, count
    #[command(subcommand)]
    Part(part::PartCmd),
    /// Returns and exchanges (退换货): new, list, set
    #[command(subcommand)]
    Return(rma::ReturnCmd),
    /// Every key of the terminal interface by where it works, as bound by defaults and config `[keys]`
    Keys(keys::KeysArgs),
    /// Check the database: integrity, foreign keys, rows against the change log (read-only; exit 4 on problems)
    Check(check::CheckArgs),
    /// Copy the database to DEST while others keep working (SQLite online backup)
    Backup(backup::BackupArgs),
    /// Replace the database (--db) with a backup, keeping the old one as DB.before-restore
    Restore(backup::RestoreArgs),
    /// Switch the file's journal mode: --shared for a network share, --local for a local disk (when no one has it open)
    Convert(convert::ConvertArgs),
    /// Replicas: a full local copy of the team's database to work in offline (create, status)
    #[command(subcommand)]
    Replica(sync::ReplicaCmd),
    /// Sync this replica with its hub: send what it lacks, take what it has (safe to run from cron)
    Sync(sync::SyncArgs),
    /// Your edits that lost to a concurrent edit on another replica: list, accept, re-apply
    #[command(subcommand)]
    Conflicts(sync::ConflictsCmd),
    /// A team's PostgreSQL hub: init, status, compact, push (move a shared-file team in)
    #[command(subcommand)]
    Hub(hub::HubCmd),
}

/// An error that is the caller's input: exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Something asked for does not exist: exit code 3.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NotFound(pub String);

/// The database itself is damaged, in use or cannot be copied: exit code 4.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct DatabaseProblem(pub String);

/// True when `e` is stdout closed under desk (`desk ticket list | head -1`): the reader has what it wanted, so desk
/// ends quietly and successfully, as git and ls do. Write errors come as `io::Error`, or inside the JSON and CSV
/// writers' errors.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
            || cause.downcast_ref::<::csv::Error>().is_some_and(
                |c| matches!(c.kind(), ::csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
    })
}

/// An error as one line: the outermost message and its causes joined by `: `, leaving out a cause whose text
/// the line already holds (a wrapper that prints its source, as `database error: {0}` does, would otherwise
/// repeat it), and the disk-full case said as such.
pub fn one_line(e: &anyhow::Error, db: Option<&std::path::Path>) -> String {
    if let Some(full) = disk_full(e, db) {
        return full;
    }
    let mut line = String::new();
    let locale = locale::get();
    for cause in e.chain() {
        let worded = match cause.downcast_ref::<crate::store::StoreError>() {
            Some(store) => error_words::store_error(locale, store),
            None => cause
                .downcast_ref::<crate::domain::team::Denied>()
                .map(|d| error_words::denied(locale, d)),
        };
        let text = worded.unwrap_or_else(|| cause.to_string());
        // SQLite's innermost error is its code and the words its message already began with.
        let words = match cause.downcast_ref::<rusqlite::ffi::Error>() {
            Some(_) => text.split_once(": ").map_or(text.as_str(), |(_, w)| w),
            None => text.as_str(),
        };
        if line.contains(words) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// SQLite's "database or disk is full" anywhere in the chain, said as a full disk with the space left where the
/// database lives — never as damage, since SQLite rolled the write back.
fn disk_full(e: &anyhow::Error, db: Option<&std::path::Path>) -> Option<String> {
    let full = e.chain().any(|c| {
        c.downcast_ref::<rusqlite::Error>()
            .or_else(|| match c.downcast_ref::<crate::store::StoreError>() {
                Some(crate::store::StoreError::Sqlite(inner)) => Some(inner),
                _ => None,
            })
            .is_some_and(|s| s.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull))
    });
    if !full {
        return None;
    }
    let l = locale::get();
    let place = db.map_or_else(
        || crate::i18n::tr(l, "errors-the-database"),
        |p| p.display().to_string(),
    );
    let left = db.and_then(free_space).map_or(String::new(), |bytes| {
        let megabytes = format!("{:.1}", bytes as f64 / 1_048_576.0);
        crate::i18n::tr_args(l, "errors-disk-left", &[("megabytes", megabytes.into())])
    });
    Some(crate::i18n::tr_args(
        l,
        "errors-disk-full",
        &[("place", place.into()), ("left", left.into())],
    ))
}

#[cfg(unix)]
fn free_space(db: &std::path::Path) -> Option<u64> {
    let dir = db
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    rustix::fs::statvfs(dir)
        .ok()
        .map(|s| s.f_bavail.saturating_mul(s.f_frsize))
}

#[cfg(not(unix))]
fn free_space(_db: &std::path::Path) -> Option<u64> {
    None
}

/// A command-line mistake as one line, with where to read more: `unexpected argument '--bogus' found; see
/// `desk ticket list --help``. `args` are the process arguments, to name the subcommand whose help fits.
pub fn usage_line(e: &clap::Error, args: &[String]) -> String {
    let rendered = e.render().to_string();
    let mut line = String::new();
    for part in rendered
        .lines()
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let part = part.strip_prefix("error: ").unwrap_or(part);
        let part = part
            .strip_prefix('[')
            .and_then(|p| p.strip_suffix(']'))
            .unwrap_or(part);
        if !line.is_empty() {
            line.push_str(if line.ends_with(':') { " " } else { "; " });
        }
        line.push_str(part);
    }
    format!("{line}; see `{} --help`", command_path(args))
}

/// The subcommands named in `args` (`desk ticket list`), options and their values skipped.
pub(crate) fn command_path(args: &[String]) -> String {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let mut path = vec!["desk".to_string()];
    for a in args.iter().skip(1) {
        if a == "--" {
            break;
        }
        let sub = cmd
            .get_subcommands()
            .find(|s| s.get_name() == a || s.get_all_aliases().any(|x| x == a))
            .cloned();
        if let Some(sub) = sub {
            path.push(sub.get_name().to_string());
            cmd = sub;
        }
    }
    path.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn line(args: &[&str]) -> String {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let e = Cli::try_parse_from(&args).unwrap_err();
        usage_line(&e, &args)
    }

    #[test]
    fn an_error_line_says_each_cause_once() {
        let sqlite = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(14),
            Some("unable to open database file: /x/desk.db".into()),
        );
        let e = anyhow::Error::from(crate::store::StoreError::Sqlite(sqlite));
        let line = one_line(&e, None);
        assert_eq!(
            line.matches("unable to open database file").count(),
            1,
            "{line}"
        );
        let e = anyhow::anyhow!("inner cause").context("outer step");
        assert_eq!(one_line(&e, None), "outer step: inner cause");
    }

    #[test]
    fn a_full_disk_is_said_as_such_with_the_code_for_the_database() {
        let full = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(13), None);
        let e = anyhow::Error::from(crate::store::StoreError::Sqlite(full))
            .context("adding the reply to #1042");
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.db");
        let line = one_line(&e, Some(&db));
        assert!(
            line.starts_with("the disk is full: desk could not write"),
            "{line}"
        );
        assert!(
            line.contains(&db.display().to_string()) && line.contains("MB left"),
            "{line}"
        );
        assert!(
            !line.contains("corrupt") && !line.contains("restore"),
            "{line}"
        );
    }

    #[test]
    fn usage_errors_are_one_line_with_the_help_of_their_command() {
        let cases = [
            (
                &["desk", "ticket", "list", "--bogus"] as &[&str],
                "unexpected argument '--bogus' found",
                "see `desk ticket list --help`",
            ),
            (
                &["desk", "ticket", "list", "--limit", "-3"],
                "invalid value '-3' for '--limit <LIMIT>': `-3` is not a number of rows",
                "see `desk ticket list --help`",
            ),
            (
                &["desk", "ticket", "list", "--format", "xml"],
                "invalid value 'xml' for '--format <FORMAT>'; possible values: table, json, csv",
                "see `desk ticket list --help`",
            ),
            (
                &["desk", "ticket", "lst"],
                "unrecognized subcommand 'lst'",
                "see `desk ticket --help`",
            ),
            (
                &["desk", "frob"],
                "unrecognized subcommand 'frob'",
                "see `desk --help`",
            ),
            (
                &["desk", "--db", "x.db", "ticket", "show"],
                "the following required arguments were not provided: <NUMBER>",
                "see `desk ticket show --help`",
            ),
        ];
        for (args, what, hint) in cases {
            let l = line(args);
            assert!(!l.contains('\n'), "{l}");
            assert!(l.contains(what) && l.ends_with(hint), "{args:?}: {l}");
            assert!(!l.contains("error:") && !l.contains("Usage:"), "{l}");
        }
    }

    #[test]
    fn a_closed_pipe_is_recognised_through_every_writer() {
        let pipe = || std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert!(is_broken_pipe(&anyhow::Error::from(pipe())));
        assert!(is_broken_pipe(
            &anyhow::Error::from(pipe()).context("writing the ticket")
        ));
        let json = serde_json::to_writer(Closed, &[1, 2]).unwrap_err();
        assert!(is_broken_pipe(&json.into()));
        let mut csv = ::csv::WriterBuilder::new()
            .buffer_capacity(1)
            .from_writer(Closed);
        let e = csv.write_record(["1042", "urgent"]).unwrap_err();
        assert!(is_broken_pipe(&e.into()));
        let other = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(!is_broken_pipe(&anyhow::Error::from(other)));
        assert!(!is_broken_pipe(&anyhow::anyhow!("broken pipe")));
    }

    /// A writer whose reader has gone.
    struct Closed;

    impl std::io::Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
    }
}
