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
    writeln!(
        out,
        "backed up {} to {}: {}, quick_check ok{}",
        db.display(),
        report.path.display(),
        size(&report),
        restarts(&report)
    )?;
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
    writeln!(
        out,
        "restored {} into {} (schema v{}, {}), quick_check ok",
        args.src.display(),
        report.path.display(),
        report.schema_version,
        size(&report)
    )?;
    match &report.kept {
        Some(kept) => writeln!(
            out,
            "the database it replaced is kept as {}; delete it once you are happy",
            kept.display()
        )?,
        None => writeln!(out, "there was no database at {} before", db.display())?,
    }
    Ok(())
}

fn template(what: &str) -> String {
    format!("{{spinner}} {what} {{bar:40}} {{pos}}/{{len}} pages · eta {{eta}}")
}

fn size(r: &CopyReport) -> String {
    let mb = r.bytes() as f64 / (1024.0 * 1024.0);
    format!("{} pages × {} bytes = {mb:.1} MB", r.pages, r.page_size)
}

fn restarts(r: &CopyReport) -> String {
    match r.restarts {
        0 => String::new(),
        n => format!(" (restarted {n}× by writes from other desks)"),
    }
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
