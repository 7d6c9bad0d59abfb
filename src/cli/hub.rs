//! `desk hub init|status|compact|push`: running a team's PostgreSQL hub (store::sync::pg).

use super::locale::{say, say_in};
use super::output::{Out, ShowFormat};
use super::{DatabaseProblem, UsageError};
use crate::config::hub::HubSettings;
use crate::i18n::Locale;
use crate::store::sync::pg::{HubConfig, HubStatus, PgHub, is_hub_url};
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

/// The command that makes a replica of the hub at `url`, as the lines quote it.
fn replica_command(url: &dyn std::fmt::Display) -> String {
    format!("`desk replica create --from {url} LOCAL.db`")
}

/// Megabytes with one decimal, as `hub status` writes sizes.
fn megabytes(bytes: i64) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

/// `desk hub status` in words, in `l`: the hub, its log and state, and a line for each replica.
fn status_lines(l: Locale, s: &HubStatus, now: i64) -> Vec<String> {
    let mut lines = vec![
        say_in(l, "said-hub-status", &[("hub", &s.hub), ("url", &s.url)]),
        say_in(
            l,
            "said-hub-log",
            &[
                ("entries", &s.log_entries),
                ("history", &s.history_entries),
                ("mb", &megabytes(s.log_bytes)),
                ("position", &s.last_position),
            ],
        ),
        say_in(
            l,
            "said-hub-state",
            &[("rows", &s.rows), ("mb", &megabytes(s.state_bytes))],
        ),
        say_in(l, "said-hub-replicas", &[("n", &s.replicas.len())]),
    ];
    let when = |t: Option<i64>| {
        t.map_or_else(
            || say_in(l, "said-hub-never", &[]),
            |t| super::locale::ago(l, now - t),
        )
    };
    for r in &s.replicas {
        let line = say_in(
            l,
            "said-hub-replica",
            &[
                ("replica", &r.id),
                ("lag", &r.lag),
                ("pushed", &when(r.pushed_at)),
                ("pulled", &when(r.pulled_at)),
            ],
        );
        // Indented under `replicas:` (a catalogue's message cannot start with blanks).
        lines.push(format!("  {line}"));
    }
    lines
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
            let url = cfg.shown();
            let line = if fresh {
                say(
                    "said-hub-made",
                    &[
                        ("url", &url),
                        ("hub", &id),
                        ("push", &format!("`desk hub push TEAM.db {url}`")),
                        ("replica", &replica_command(&url)),
                    ],
                )
            } else {
                say("said-hub-up-to-date", &[("url", &url), ("hub", &id)])
            };
            writeln!(out, "{line}")?;
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
                    for line in status_lines(super::locale::get(), &s, now) {
                        writeln!(out, "{line}")?;
                    }
                }
            }
        }
        HubCmd::Compact { url } => {
            let cfg = hub_config(url.as_deref(), settings)?;
            let mut hub = PgHub::connect(&cfg).map_err(problem)?;
            let moved = hub.compact().map_err(problem)?;
            writeln!(out, "{}", say("said-hub-compacted", &[("n", &moved)]))?;
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
            let url = cfg.shown();
            let line = say(
                "said-hub-pushed",
                &[
                    ("team", &team.display()),
                    ("url", &url),
                    ("tickets", &moved.tickets),
                    ("rows", &moved.rows),
                    ("entries", &moved.entries),
                    ("next", &moved.next_number),
                    ("replica", &replica_command(&url)),
                ],
            );
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sync::pg::HubReplica;

    fn status() -> HubStatus {
        HubStatus {
            hub: "01HUB".into(),
            url: "postgres://desk@db.example:5432/desk".into(),
            last_position: 12345,
            log_entries: 1200,
            history_entries: 34000,
            rows: 56789,
            log_bytes: 3 * 1_048_576 / 2,
            state_bytes: 40 * 1_048_576,
            compacted_to: 0,
            duties: None,
            replicas: vec![
                HubReplica {
                    id: "01REPLICA".into(),
                    lag: 7,
                    pushed_at: Some(1_000 - 300),
                    pulled_at: None,
                },
                HubReplica {
                    id: "01OTHER".into(),
                    lag: 0,
                    pushed_at: None,
                    pulled_at: Some(1_000),
                },
            ],
        }
    }

    /// English exactly as `hub status` always wrote it; Chinese with the ids, URL and numbers kept.
    #[test]
    fn status_lines_in_each_language() {
        assert_eq!(
            status_lines(Locale::En, &status(), 1_000),
            [
                "hub 01HUB at postgres://desk@db.example:5432/desk",
                "log: 1200 entries to deliver, 34000 in the history (1.5 MB); position 12345",
                "current state: 56789 rows (40.0 MB)",
                "replicas: 2",
                "  01REPLICA  behind by 7 entries  pushed 5m ago  pulled never",
                "  01OTHER  behind by 0 entries  pushed never  pulled just now",
            ]
        );
        assert_eq!(
            status_lines(Locale::ZhCn, &status(), 1_000),
            [
                "中心库 01HUB，位于 postgres://desk@db.example:5432/desk",
                "日志：1200 条待投递，34000 条在历史中（1.5 MB）；位置 12345",
                "当前状态：56789 行（40.0 MB）",
                "副本：2 个",
                "  01REPLICA  落后 7 条  推送 5分钟前  拉取 从未",
                "  01OTHER  落后 0 条  推送 从未  拉取 刚刚",
            ]
        );
        let tw = status_lines(Locale::ZhTw, &status(), 1_000);
        assert_eq!(
            tw[0],
            "中心資料庫 01HUB，位於 postgres://desk@db.example:5432/desk"
        );
        assert_eq!(tw[4], "  01REPLICA  落後 7 筆  推送 5分鐘前  拉取 從未");
    }

    #[test]
    fn commands_in_the_lines_are_quoted_as_before() {
        assert_eq!(
            say_in(
                Locale::En,
                "said-hub-made",
                &[
                    ("url", &"postgres://h/d"),
                    ("hub", &"01HUB"),
                    ("push", &"`desk hub push TEAM.db postgres://h/d`"),
                    ("replica", &replica_command(&"postgres://h/d")),
                ],
            ),
            "postgres://h/d is a desk hub now (hub 01HUB); move a team in with `desk hub push TEAM.db \
             postgres://h/d`, or make replicas with `desk replica create --from postgres://h/d LOCAL.db`"
        );
    }
}
