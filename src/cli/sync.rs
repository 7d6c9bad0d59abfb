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
    writeln!(
        out,
        "{} is a replica of {} ({} tickets, {:.1} MB); work in it with `--db {}` (or DESK_DB) and run `desk sync` when the \
         hub can be reached",
        made.path.display(),
        pg::shown_url(from),
        made.tickets,
        made.bytes as f64 / 1_048_576.0,
        made.path.display()
    )?;
    if !made.registered {
        writeln!(
            out,
            "note: {from} could not be written to note the new replica; the first sync reads this replica's whole log",
        )?;
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
    writeln!(
        out,
        "{} now fetches and sends the team's mail and makes escalations and auto-closes (replica {me}){}; keep a \
         desk running on it (or `desk mail fetch`, `desk mail send` and `desk sla run` from cron)",
        store.path().display(),
        if before.is_empty() || before == me {
            String::new()
        } else {
            format!("; replica {before} stops at its next sync")
        }
    )?;
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
    writeln!(out, "replica {} of hub {} at {location}", s.replica, s.hub)?;
    match s.synced_at {
        Some(t) => writeln!(
            out,
            "last sync: {} ({})",
            rfc3339(t),
            crate::domain::ticket::ago(now - t)
        )?,
        None => writeln!(out, "last sync: never")?,
    }
    if let (Some(t), Some(e)) = (s.failed_at, &s.error)
        && s.synced_at.is_none_or(|ok| t > ok)
    {
        writeln!(out, "last attempt failed {}: {e}", rfc3339(t))?;
    }
    writeln!(
        out,
        "to send: {} changes, {} rows",
        s.to_send.changes, s.to_send.rows
    )?;
    match &s.to_receive {
        Some(p) => writeln!(out, "to receive: {} changes, {} rows", p.changes, p.rows)?,
        None => writeln!(out, "to receive: unknown (the hub cannot be reached)")?,
    }
    writeln!(out, "open conflicts: {}", s.open_conflicts)
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
            writeln!(out, "synced with {}", done.hub)?;
            writeln!(out, "sent: {}", applied(&r.sent))?;
            writeln!(out, "received: {}", applied(&r.received))?;
            for (p, f) in &r.sent.numbered {
                writeln!(out, "#{} is now #{f}", shown_number(*p))?;
            }
            let mine = store.conflicts(store.actor())?;
            if !mine.is_empty() {
                writeln!(
                    out,
                    "{} of your edits lost to concurrent ones; see `desk conflicts list`",
                    mine.len()
                )?;
            }
        }
    }
    Ok(())
}

fn applied(a: &Applied) -> String {
    let mut s = format!("{} changes, {} rows", a.changes, a.rows);
    if a.conflicts > 0 {
        s.push_str(&format!(", {} conflicts", a.conflicts));
    }
    if a.refused > 0 {
        s.push_str(&format!(", {} refused", a.refused));
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
            writeln!(out, "kept the winning value; {id} is settled")?;
        }
        ConflictsCmd::Reapply { id } => {
            store.settle_conflict(&id, true, now)?;
            writeln!(out, "wrote your value again; {id} is settled")?;
        }
    }
    Ok(())
}
