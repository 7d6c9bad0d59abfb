//! `desk replica create|status`, `desk sync` and `desk conflicts`: working offline on a replica of the team's
//! database, and settling the edits that lost when the two met (store::sync).

use super::locale::say;
use super::output::{ListFormat, Out, ShowFormat, Sink, rfc3339, short_date};
use super::{DatabaseProblem, UsageError};
use crate::domain::ticket::shown_number;
use crate::store::Store;
use crate::store::sync::pg;
use crate::store::sync::replica::{self, Conflict, Status};
use crate::store::sync::{Applied, Direction};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Subcommand)]
pub enum ReplicaCmd {
    /// Make LOCAL a full replica of the team's database: it works with no access to the team's file, and
    /// `desk sync` brings the two together
    Create {
        /// The team's hub: its shared file (or any desk database), or a PostgreSQL hub's postgres:// URL
        #[arg(long = "from")]
        from: String,
        /// The replica to write (must not exist)
        local: PathBuf,
    },
    /// What waits to go each way between this replica (--db) and its hub, and when they last met
    Status {
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
    /// Make this replica (--db) the one that does its PostgreSQL hub's mail (fetch and send), escalations and
    /// auto-closes; the replica that had them stops at its next sync
    Duties,
}

#[derive(Debug, Clone, clap::Args)]
pub struct SyncArgs {
    /// The hub, when it is not where the replica was made from (a share mounted elsewhere, a moved hub's URL)
    pub hub: Option<String>,
    /// Only send this replica's changes
    #[arg(long, conflicts_with = "pull_only")]
    pub push_only: bool,
    /// Only take the hub's changes
    #[arg(long)]
    pub pull_only: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
}

#[derive(Debug, clap::Subcommand)]
pub enum ConflictsCmd {
    /// Your edits that lost to a concurrent one (--all: everyone's)
    List {
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Keep the value that won; the conflict leaves the list
    Accept { id: String },
    /// Write your value again (a new change, which now wins)
    Reapply { id: String },
}

/// `desk replica create` (no database of its own is opened: --db is not involved).
pub fn create(
    from: &str,
    local: &Path,
    hub: &crate::config::hub::HubSettings,
    progress: bool,
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    if local.exists() {
        return Err(UsageError(say("usage-replica-exists", &[("path", &local.display())])).into());
    }
    let made = if pg::is_hub_url(from) {
        let cfg = pg::HubConfig {
            url: from.to_string(),
            password_command: hub.password_command.clone(),
        };
        super::output::with_progress(
            progress,
            "{spinner} fetching {bar:40} {pos}/{len} rows and entries · eta {eta}",
            |step| pg::create_from_hub(&cfg, local, now, step),
        )
        .map_err(|e| DatabaseProblem(e.to_string()))?
    } else {
        let from = Path::new(from);
        // The team's file is opened as it is kept, whatever this user's [storage] says about their own.
        let hub_mode = crate::store::sync::hub_storage(from);
        super::output::with_progress(
            progress,
            "{spinner} copying {bar:40} {pos}/{len} pages · eta {eta}",
            |step| replica::create(from, hub_mode, local, step),
        )
        .map_err(|e| DatabaseProblem(e.to_string()))?
    };
    let line = say(
        "said-sync-replica-made",
        &[
            ("path", &made.path.display()),
            ("hub", &pg::shown_url(from)),
            ("tickets", &made.tickets),
            ("size", &format!("{:.1}", made.bytes as f64 / 1_048_576.0)),
            ("db", &format!("`--db {}`", made.path.display())),
            ("sync", &"`desk sync`"),
        ],
    );
    writeln!(out, "{line}")?;
    if !made.registered {
        let line = say("said-sync-hub-not-noted", &[("hub", &from)]);
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `desk replica duties`.
pub fn duties(
    store: &mut Store,
    password_command: Option<&str>,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let before = store.take_hub_duties(password_command)?;
    let me = store.replica().to_string();
    let args: [(&str, &dyn std::fmt::Display); 3] = [
        ("path", &store.path().display()),
        ("replica", &me),
        ("before", &before),
    ];
    let line = if before.is_empty() || before == me {
        say("said-sync-duties", &args)
    } else {
        say("said-sync-duties-moved", &args)
    };
    writeln!(out, "{line}")?;
    Ok(())
}

pub fn status(
    store: &Store,
    password_command: Option<&str>,
    format: ShowFormat,
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let Some((_, location)) = store.sync_hub()? else {
        return Err(UsageError(say(
            "usage-not-a-replica",
            &[("path", &store.path().display())],
        ))
        .into());
    };
    // The hub is read only when it can be reached; what waits here is known either way.
    if pg::is_hub_url(&location) {
        let cfg = pg::HubConfig {
            url: location.clone(),
            password_command: password_command.map(str::to_string),
        };
        let status = match pg::PgHub::connect(&cfg) {
            Ok(mut hub) => store.replica_status_pg(&mut hub)?,
            Err(_) => store.replica_status(None)?,
        };
        let Some(s) = status else { return Ok(()) };
        return status_out(&s, &location, format, now, out);
    }
    let hub_path = PathBuf::from(&location);
    let hub = hub_path
        .exists()
        .then(|| {
            Store::open_with(
                &hub_path,
                crate::store::OpenMode::Existing,
                crate::store::sync::hub_storage(&hub_path),
            )
            .ok()
        })
        .flatten();
    let Some(s) = store.replica_status(hub.as_ref())? else {
        return Ok(());
    };
    status_out(&s, &location, format, now, out)
}

fn status_out(
    s: &Status,
    location: &str,
    format: ShowFormat,
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    match format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(out.json(), s)?;
            writeln!(out)?;
        }
        ShowFormat::Text => status_text(s, &pg::shown_url(location), now, out)?,
    }
    Ok(())
}

fn status_text(s: &Status, location: &str, now: i64, out: &mut Out<'_>) -> std::io::Result<()> {
    let line = say(
        "said-sync-status-replica",
        &[
            ("replica", &s.replica),
            ("hub", &s.hub),
            ("location", &location),
        ],
    );
    writeln!(out, "{line}")?;
    let line = match s.synced_at {
        Some(t) => say(
            "said-sync-status-last",
            &[("at", &rfc3339(t)), ("ago", &ago(now - t))],
        ),
        None => say("said-sync-status-never", &[]),
    };
    writeln!(out, "{line}")?;
    if let (Some(t), Some(e)) = (s.failed_at, &s.error)
        && s.synced_at.is_none_or(|ok| t > ok)
    {
        let line = say(
            "said-sync-status-failed",
            &[("at", &rfc3339(t)), ("error", e)],
        );
        writeln!(out, "{line}")?;
    }
    let line = say(
        "said-sync-status-to-send",
        &[("changes", &s.to_send.changes), ("rows", &s.to_send.rows)],
    );
    writeln!(out, "{line}")?;
    let line = match &s.to_receive {
        Some(p) => say(
            "said-sync-status-to-receive",
            &[("changes", &p.changes), ("rows", &p.rows)],
        ),
        None => say("said-sync-status-to-receive-unknown", &[]),
    };
    writeln!(out, "{line}")?;
    let line = say("said-sync-status-conflicts", &[("n", &s.open_conflicts)]);
    writeln!(out, "{line}")
}

/// How long ago, in the CLI's language.
fn ago(seconds: i64) -> String {
    super::locale::ago(super::locale::get(), seconds)
}

pub fn sync(
    store: &mut Store,
    args: &SyncArgs,
    password_command: Option<&str>,
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let dir = match (args.push_only, args.pull_only) {
        (true, _) => Direction::PushOnly,
        (_, true) => Direction::PullOnly,
        _ => Direction::Both,
    };
    let done = store.sync_with_hub(args.hub.as_deref(), password_command, dir, now)?;
    match args.format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(out.json(), &done)?;
            writeln!(out)?;
        }
        ShowFormat::Text => {
            let r = &done.report;
            writeln!(out, "{}", say("said-sync-synced", &[("hub", &done.hub)]))?;
            let line = say("said-sync-sent", &[("applied", &applied(&r.sent))]);
            writeln!(out, "{line}")?;
            let line = say("said-sync-received", &[("applied", &applied(&r.received))]);
            writeln!(out, "{line}")?;
            for (p, f) in &r.sent.numbered {
                let line = say(
                    "said-sync-renumbered",
                    &[("was", &shown_number(*p)), ("now", f)],
                );
                writeln!(out, "{line}")?;
            }
            let mine = store.conflicts(store.actor())?;
            if !mine.is_empty() {
                let line = say(
                    "said-sync-edits-lost",
                    &[("n", &mine.len()), ("list", &"`desk conflicts list`")],
                );
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}

fn applied(a: &Applied) -> String {
    let mut s = say(
        "said-sync-applied",
        &[("changes", &a.changes), ("rows", &a.rows)],
    );
    if a.conflicts > 0 {
        s.push_str(&say("said-sync-applied-conflicts", &[("n", &a.conflicts)]));
    }
    if a.refused > 0 {
        s.push_str(&say("said-sync-applied-refused", &[("n", &a.refused)]));
    }
    s
}

const HEADER: &[&str] = &["id", "what", "field", "yours", "kept", "by", "at", "why"];

/// What a conflict is about, as people name it.
pub fn subject(c: &Conflict) -> String {
    match (c.entity.as_str(), c.number) {
        ("ticket", Some(n)) => format!("#{}", shown_number(n)),
        (e, _) => format!("{e} {}", c.entity_id),
    }
}

fn cells(c: &Conflict) -> Vec<String> {
    let v = |x: &Option<String>| crate::domain::text::sanitize(x.as_deref().unwrap_or("(none)"));
    vec![
        c.loser.clone(),
        subject(c),
        c.field.clone(),
        v(&c.mine),
        v(&c.theirs),
        c.by.clone(),
        short_date(c.at),
        c.reason
            .as_deref()
            .map(crate::domain::text::sanitize)
            .unwrap_or_default(),
    ]
}

pub fn conflicts(
    store: &mut Store,
    cmd: ConflictsCmd,
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    match cmd {
        ConflictsCmd::List { all, format } => {
            let who = if all {
                None
            } else {
                store.actor().map(str::to_string)
            };
            let list = store.conflicts(who.as_deref())?;
            let mut sink = Sink::new(out, format, HEADER);
            sink.batch(&list, cells, |c, w| serde_json::to_writer(w, c))?;
            sink.finish()?;
        }
        ConflictsCmd::Accept { id } => {
            store.settle_conflict(&id, false, now)?;
            writeln!(out, "{}", say("said-sync-accepted", &[("id", &id)]))?;
        }
        ConflictsCmd::Reapply { id } => {
            store.settle_conflict(&id, true, now)?;
            writeln!(out, "{}", say("said-sync-reapplied", &[("id", &id)]))?;
        }
    }
    Ok(())
}
