//! Where things live: XDG directories on Linux (through `directories`), and the database path resolution order.

use super::Config;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "desk")
}

pub fn data_dir() -> Option<PathBuf> {
    project().map(|p| p.data_dir().to_path_buf())
}

pub fn config_path() -> Option<PathBuf> {
    project().map(|p| p.config_dir().join("config.toml"))
}

pub fn demo_db_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join("demo.db"))
}

/// desk.log in the state directory (XDG_STATE_HOME), else the data directory.
pub fn log_path() -> Option<PathBuf> {
    project().map(|p| p.state_dir().unwrap_or(p.data_dir()).join("desk.log"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbSource {
    Cli,
    Env,
    Config,
    Default,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbChoice {
    pub path: PathBuf,
    pub source: DbSource,
}

/// `--db`, then `$DESK_DB`, then config `db`, then desk.db in the data directory.
pub fn resolve_db(cli: Option<&Path>, env_db: Option<OsString>, config: &Config) -> DbChoice {
    if let Some(p) = cli {
        return DbChoice {
            path: p.to_path_buf(),
            source: DbSource::Cli,
        };
    }
    if let Some(p) = env_db.filter(|p| !p.is_empty()) {
        return DbChoice {
            path: PathBuf::from(p),
            source: DbSource::Env,
        };
    }
    if let Some(p) = &config.db {
        return DbChoice {
            path: expand_home(p),
            source: DbSource::Config,
        };
    }
    let path = data_dir().map_or_else(|| PathBuf::from("desk.db"), |d| d.join("desk.db"));
    DbChoice {
        path,
        source: DbSource::Default,
    }
}

fn expand_home(p: &Path) -> PathBuf {
    match (p.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(base)) => base.home_dir().join(rest),
        _ => p.to_path_buf(),
    }
}
