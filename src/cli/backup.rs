//! `desk backup DEST` and `desk restore SRC`: online copies through SQLite's backup API (see store::backup).

use super::locale::say;
use super::output::Out;
use super::output::with_progress;
use super::{DatabaseProblem, UsageError};
use crate::store::backup::{self, BackupError, CopyReport};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, clap::Args)]
pub struct BackupArgs {
    /// The backup file to write (written as DEST.partial, renamed when complete and checked)
    pub dest: PathBuf,
    /// Replace DEST if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct RestoreArgs {
    /// The backup to restore into --db (checked first; the database it replaces is kept as DB.before-restore)
    pub src: PathBuf,
    /// Restore even a file that belongs to another database than --db
    #[arg(long)]
    pub force: bool,
}

/// Copies the database `db` to `args.dest` while others may keep working.
pub fn backup(
    db: &Path,
    args: &BackupArgs,
    progress: bool,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let report = with_progress(progress, &template("copying"), |step| {
        backup::backup(db, &args.dest, args.force, step)
    })
    .map_err(cli_error)?;
    let args: [(&str, &dyn std::fmt::Display); 4] = [
        ("db", &db.display()),
        ("path", &report.path.display()),
        ("size", &size(&report)),
        ("n", &report.restarts),
    ];
    let line = match report.restarts {
        0 => say("said-backup-done", &args),
        _ => say("said-backup-done-restarted", &args),
    };
    writeln!(out, "{line}")?;
    Ok(())
}

/// Replaces the database `db` with the backup `args.src`.
pub fn restore(
    db: &Path,
    args: &RestoreArgs,
    actor: Option<&str>,
    progress: bool,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let report = with_progress(progress, &template("restoring"), |step| {
        let who = backup::RestoreAs {
            actor,
            force: args.force,
        };
        backup::restore(&args.src, db, who, step)
    })
    .map_err(cli_error)?;
    let line = say(
        "said-backup-restored",
        &[
            ("backup", &args.src.display()),
            ("path", &report.path.display()),
            ("schema", &report.schema_version),
            ("size", &size(&report)),
        ],
    );
    writeln!(out, "{line}")?;
    let line = match &report.kept {
        Some(kept) => say("said-backup-kept", &[("path", &kept.display())]),
        None => say("said-backup-none-before", &[("path", &db.display())]),
    };
    writeln!(out, "{line}")?;
    Ok(())
}

fn template(what: &str) -> String {
    format!("{{spinner}} {what} {{bar:40}} {{pos}}/{{len}} pages · eta {{eta}}")
}

fn size(r: &CopyReport) -> String {
    let mb = r.bytes() as f64 / (1024.0 * 1024.0);
    say(
        "said-backup-size",
        &[
            ("pages", &r.pages),
            ("bytes", &r.page_size),
            ("mb", &format!("{mb:.1}")),
        ],
    )
}

/// Exit codes: store errors keep theirs, a refusal to overwrite is usage (2), the rest is the database (4).
fn cli_error(e: BackupError) -> anyhow::Error {
    match e {
        BackupError::Store(s) => s.into(),
        BackupError::Exists { path } => {
            UsageError(say("usage-backup-exists", &[("path", &path.display())])).into()
        }
        BackupError::SameFile { path } => {
            UsageError(say("usage-backup-same-file", &[("path", &path.display())])).into()
        }
        BackupError::OtherDatabase {
            src,
            target,
            src_is,
            target_is,
        } => UsageError(say(
            "usage-backup-other-database",
            &[
                ("source", &src.display()),
                ("target", &target.display()),
                ("backup", &src_is),
                ("replacing", &target_is),
            ],
        ))
        .into(),
        other => DatabaseProblem(other.to_string()).into(),
    }
}
