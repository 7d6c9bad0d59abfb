//! `desk hub init|status|compact|push`: running a team's PostgreSQL hub (store::sync::pg).

use super::locale::say;
use super::output::{Out, ShowFormat};
use super::{DatabaseProblem, UsageError};
use crate::config::hub::HubSettings;
use crate::store::sync::pg::{HubConfig, PgHub, is_hub_url};
use crate::store::{OpenMode, Store};
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum HubCmd {
    /// Make a PostgreSQL database the team's hub (or bring an older hub's schema up to date)
    Init {
        /// postgres://USER@HOST:PORT/DATABASE (default: DESK_HUB_URL, else [hub] url)
        url: Option<String>,
    },
    /// The hub's replicas, how far behind each is, and the size of its log
    Status {
        url: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
    /// Move log entries every replica has into the history (kept as the audit trail)
    Compact { url: Option<String> },
    /// Move a shared-file team (TEAM.db) into a new hub: every row, the whole change log, ticket numbers and
    /// attachments; then each agent makes a replica with `desk replica create --from URL`
    Push { team: PathBuf, url: Option<String> },
}

/// The hub a command works on: its argument, else DESK_HUB_URL, else `[hub] url`.
fn hub_config(url: Option<&str>, settings: &HubSettings) -> anyhow::Result<HubConfig> {
    let from_env = std::env::var("DESK_HUB_URL").ok().filter(|u| !u.is_empty());
    let Some(url) = url
        .map(str::to_string)
        .or(from_env)
        .or_else(|| settings.url.clone())
    else {
        return Err(UsageError(say("usage-hub-which", &[])).into());
    };
    if !is_hub_url(&url) {
        return Err(UsageError(say("usage-hub-not-url", &[("url", &url)])).into());
    }
    Ok(HubConfig {
        url,
        password_command: settings.password_command.clone(),
    })
}

pub fn run(
    cmd: HubCmd,
    settings: &HubSettings,
    progress: bool,
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let problem = |e: crate::store::StoreError| DatabaseProblem(e.to_string());
    match cmd {
        HubCmd::Init { url } => {
            let cfg = hub_config(url.as_deref(), settings)?;
            let (hub, fresh) = PgHub::init(&cfg).map_err(problem)?;
            let id = crate::store::sync::Hub::hub_id(&hub).to_string();
            if fresh {
                writeln!(
                    out,
                    "{} is a desk hub now (hub {id}); move a team in with `desk hub push TEAM.db {}`, or make \
                     replicas with `desk replica create --from {} LOCAL.db`",
                    cfg.shown(),
                    cfg.shown(),
                    cfg.shown()
                )?;
            } else {
                writeln!(
                    out,
                    "{} is a desk hub (hub {id}); its schema is up to date",
                    cfg.shown()
                )?;
            }
        }
        HubCmd::Status { url, format } => {
            let cfg = hub_config(url.as_deref(), settings)?;
            let mut hub = PgHub::connect(&cfg).map_err(problem)?;
            let s = hub.status().map_err(problem)?;
            match format {
                ShowFormat::Json => {
                    serde_json::to_writer_pretty(out.json(), &s)?;
                    writeln!(out)?;
                }
                ShowFormat::Text => {
                    writeln!(out, "hub {} at {}", s.hub, s.url)?;
                    writeln!(
                        out,
                        "log: {} entries to deliver, {} in the history ({:.1} MB); position {}",
                        s.log_entries,
                        s.history_entries,
                        s.log_bytes as f64 / 1_048_576.0,
                        s.last_position
                    )?;
                    writeln!(
                        out,
                        "current state: {} rows ({:.1} MB)",
                        s.rows,
                        s.state_bytes as f64 / 1_048_576.0
                    )?;
                    writeln!(out, "replicas: {}", s.replicas.len())?;
                    for r in &s.replicas {
                        let when = |t: Option<i64>| {
                            t.map_or_else(
                                || "never".to_string(),
                                |t| crate::domain::ticket::ago(now - t),
                            )
                        };
                        writeln!(
                            out,
                            "  {}  behind by {} entries  pushed {}  pulled {}",
                            r.id,
                            r.lag,
                            when(r.pushed_at),
                            when(r.pulled_at),
                        )?;
                    }
                }
            }
        }
        HubCmd::Compact { url } => {
            let cfg = hub_config(url.as_deref(), settings)?;
            let mut hub = PgHub::connect(&cfg).map_err(problem)?;
            let moved = hub.compact().map_err(problem)?;
            writeln!(
                out,
                "{moved} entries every replica has moved to the history; the log keeps what some replica still lacks"
            )?;
        }
        HubCmd::Push { team, url } => {
            let cfg = hub_config(url.as_deref(), settings)?;
            let mode = crate::store::sync::hub_storage(&team);
            let mut store = Store::open_with(&team, OpenMode::Existing, mode)?;
            let mut hub = PgHub::connect(&cfg).map_err(problem)?;
            let moved = super::output::with_progress(
                progress,
                "{spinner} moving {bar:40} {pos}/{len} · eta {eta}",
                |step| hub.move_up(&mut store, step),
            )
            .map_err(problem)?;
            writeln!(
                out,
                "moved {} into {}: {} tickets, {} rows, {} log entries; the next ticket is #{}. Each agent now runs \
                 `desk replica create --from {} LOCAL.db` and works in that",
                team.display(),
                cfg.shown(),
                moved.tickets,
                moved.rows,
                moved.entries,
                moved.next_number,
                cfg.shown()
            )?;
        }
    }
    Ok(())
}
