//! `desk backup` and `desk restore`: SQLite's online backup API, so a copy is consistent while others write.
//!
//! A backup is written to `DEST.partial` and renamed into place only after it passed `quick_check`, so a crash
//! never leaves half a backup under the real name. A restore first checks the source, then takes the target's
//! exclusive lock (refusing while anyone uses it), keeps what it replaces as `DB.before-restore`, and copies the
//! source into the target file itself, so a desk that opens the file afterwards sees the restored data.

use super::check::{self, CheckReport};
use super::{Result as StoreResult, StoreError};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Pages copied per step: a few MB, then writers get a turn.
const STEP_PAGES: i32 = 256;
/// The pause between steps, during which other processes may write.
const STEP_PAUSE: Duration = Duration::from_millis(2);
/// A write by another process restarts a stepped copy; after this many restarts the rest is copied in one step
/// (one read transaction: in WAL mode writers go on, in rollback mode they wait out their busy timeout).
const MAX_RESTARTS: u32 = 3;
/// How long a copy may wait for a lock before giving up.
const LOCK_PATIENCE: Duration = Duration::from_secs(60);
/// How long a restore waits for the target's exclusive lock before saying it is in use.
const IN_USE_WAIT: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{path} already exists; pass --force to replace it, or choose another name")]
    Exists { path: PathBuf },

    #[error("{path} is the database being copied; choose a different file")]
    SameFile { path: PathBuf },

    #[error(
        "{path} is in use by another desk or program; close it everywhere (TUI sessions too) and try again"
    )]
    InUse { path: PathBuf },

    #[error("{what} {path}: {source}; check that the directory exists and is writable")]
    Io {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    #[error(
        "{path} failed its check after copying ({detail}); the source may be damaged — run `desk check --full` on it"
    )]
    BadCopy { path: PathBuf, detail: String },

    #[error(
        "{path} did not pass `desk check` ({problems} problem(s), first: {first}); it was not restored — pick another backup"
    )]
    BadSource {
        path: PathBuf,
        problems: i64,
        first: String,
    },

    #[error(
        "could not keep a copy of {path} before replacing it ({detail}); nothing was changed — move it aside yourself (e.g. `mv {path} {path}.broken`) and restore again"
    )]
    CannotKeep { path: PathBuf, detail: String },

    #[error(
        "{src} belongs to another database than {target}:\n  the backup: {src_is}\n  replacing:  {target_is}\nnothing was changed; if you mean to replace it with a different database, restore again with --force"
    )]
    OtherDatabase {
        src: PathBuf,
        target: PathBuf,
        src_is: String,
        target_is: String,
    },

    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Who asks for a restore, and whether they accept a backup of another database.
#[derive(Debug, Clone, Copy, Default)]
pub struct RestoreAs<'a> {
    /// The acting agent's handle; on a team database only an admin may replace it.
    pub actor: Option<&'a str>,
    /// Replace it even with a file of another database.
    pub force: bool,
}

impl From<rusqlite::Error> for BackupError {
    fn from(e: rusqlite::Error) -> Self {
        BackupError::Store(StoreError::Sqlite(e))
    }
}

pub type Result<T> = std::result::Result<T, BackupError>;

fn io(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> BackupError {
    let path = path.to_path_buf();
    move |source| BackupError::Io { what, path, source }
}

/// What a finished backup or restore copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    /// Where the copy is now (the backup file, or the restored database).
    pub path: PathBuf,
    pub pages: i64,
    pub page_size: i64,
    /// Times a write by another process restarted the copy.
    pub restarts: u32,
    pub schema_version: i64,
    /// The database a restore replaced, kept under this name.
    pub kept: Option<PathBuf>,
}

impl CopyReport {
    pub fn bytes(&self) -> i64 {
        self.pages * self.page_size
    }
}

/// `name` with `suffix` appended to its file name (`desk.db` → `desk.db.partial`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Removes the database file at `path` and what is kept beside it: SQLite's `-wal`, `-shm` and `-journal`, and a
/// side index's scratch file (`-fts`, store::side_index). Files that are not there are fine; the first that cannot
/// be removed is the error, with its path.
pub fn remove_database_files(path: &Path) -> std::result::Result<(), (PathBuf, std::io::Error)> {
    for suffix in ["", "-wal", "-shm", "-journal", "-fts"] {
        let file = with_suffix(path, suffix);
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err((file, e)),
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Copies the database `src` into `dest` while others may go on writing to it. `progress(done, total)` in pages.
pub fn backup(
    src: &Path,
    dest: &Path,
    force: bool,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<CopyReport> {
    if same_file(src, dest) {
        return Err(BackupError::SameFile {
            path: dest.to_path_buf(),
        });
    }
    let source = check::open_read_only(src)?;
    let schema_version = check::schema_version(&source, src)?;
    if dest.exists() && !force {
        return Err(BackupError::Exists {
            path: dest.to_path_buf(),
        });
    }
    if dest.exists() {
        // Only reached with --force. A journal or WAL left next to the old file would be applied to the new one.
        release_side_files(dest)?;
    }
    let partial = with_suffix(dest, ".partial");
    let (pages, page_size, restarts) = copy_to_new_file(&source, &partial, progress)?;
    drop(source);
    std::fs::rename(&partial, dest).map_err(io("renaming the finished copy to", dest))?;
    sync_dir(dest);
    Ok(CopyReport {
        path: dest.to_path_buf(),
        pages,
        page_size,
        restarts,
        schema_version,
        kept: None,
    })
}

/// Replaces the database `target` with the desk database `src`, keeping the old one as `target.before-restore`.
/// A team's database is replaced only by an admin, and only by a backup of itself unless `who.force`.
pub fn restore(
    src: &Path,
    target: &Path,
    who: RestoreAs<'_>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<CopyReport> {
    if same_file(src, target) {
        return Err(BackupError::SameFile {
            path: target.to_path_buf(),
        });
    }
    let source = check::open_read_only(src)?;
    let report: CheckReport = check::run(&source, false)?;
    if !report.healthy() {
        let first = report
            .checks
            .iter()
            .find(|c| !c.ok())
            .map(|c| {
                let what = c.details.first().cloned().unwrap_or_default();
                format!("{}: {what}", c.name)
            })
            .unwrap_or_default();
        return Err(BackupError::BadSource {
            path: src.to_path_buf(),
            problems: report.problems(),
            first,
        });
    }
    super::open::require_directory(target)?;
    let had_data = std::fs::metadata(target).is_ok_and(|m| m.len() > 0);
    let mut dest = lock_exclusively(target)?;
    let kept = if had_data {
        // The target must be ours (or at least a database) before anything replaces it.
        check::schema_version(&dest, target).map_err(|e| match e {
            StoreError::NotADatabase { detail, .. } => BackupError::CannotKeep {
                path: target.to_path_buf(),
                detail: format!("it is not a desk database: {detail}"),
            },
            other => other.into(),
        })?;
        super::roles::require_named_on(
            &dest,
            who.actor,
            crate::domain::team::Act::ReplaceDatabase,
        )?;
        same_database(&source, src, &dest, target, who.force)?;
        let kept = free_name(target)?;
        copy_to_new_file(&dest, &kept, &mut |_, _| {}).map_err(|e| BackupError::CannotKeep {
            path: target.to_path_buf(),
            detail: e.to_string(),
        })?;
        Some(kept)
    } else {
        None
    };
    let journal: String = dest.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    let restarts = copy(&source, &mut dest, progress)?;
    if !journal.eq_ignore_ascii_case("wal") {
        // The copied header carries the source's mode; a rollback-journal target (a share) must stay one.
        dest.pragma_update(None, "journal_mode", "DELETE")?;
    }
    let (pages, page_size) = sizes(&dest)?;
    quick_check(&dest, target)?;
    Ok(CopyReport {
        path: target.to_path_buf(),
        pages,
        page_size,
        restarts,
        schema_version: report.schema_version,
        kept,
    })
}

/// A read-write connection holding `path`'s exclusive lock until it is dropped; InUse while anyone else has the
/// file open in WAL mode, or is in a transaction in rollback-journal mode.
/// Refuses a backup of another database unless forced, naming what each file is.
fn same_database(
    source: &Connection,
    src: &Path,
    dest: &Connection,
    target: &Path,
    force: bool,
) -> Result<()> {
    use super::identity::summary;
    let (Some(from), Some(into)) = (summary(source)?, summary(dest)?) else {
        return Ok(());
    };
    if from.id == into.id || force {
        return Ok(());
    }
    Err(BackupError::OtherDatabase {
        src: src.to_path_buf(),
        target: target.to_path_buf(),
        src_is: from.to_string(),
        target_is: into.to_string(),
    })
}

fn lock_exclusively(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(IN_USE_WAIT)?;
    // Exclusive locking mode keeps the lock after the transaction; in WAL mode it also needs every other
    // connection gone, since each holds a shared lock for as long as it is open.
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    match conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;") {
        Ok(()) => Ok(conn),
        Err(e) if StoreError::is_busy(&e) => Err(BackupError::InUse {
            path: path.to_path_buf(),
        }),
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => {
            Err(BackupError::CannotKeep {
                path: path.to_path_buf(),
                detail: e.to_string(),
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// Before a backup replaces `path`: make sure no one uses it and no journal or WAL of the old file is left.
fn release_side_files(path: &Path) -> Result<()> {
    match lock_exclusively(path) {
        // Taking the lock rolls back a hot journal; closing in exclusive mode checkpoints and removes the WAL.
        Ok(conn) => drop(conn),
        Err(BackupError::InUse { path }) => return Err(BackupError::InUse { path }),
        Err(_) => {} // Not a database: nothing of it can be applied to the new file once its side files go.
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = with_suffix(path, suffix);
        if side.exists() {
            std::fs::remove_file(&side).map_err(io("removing the old", &side))?;
        }
    }
    Ok(())
}

/// Removes the side files (`-wal`, `-shm`, `-journal`) at `path` when no database is there: a deleted file's
/// leftovers. A new database made at `path` would have them applied to it on open — a WAL's frames carry no mark of
/// the file they belong to — and be corrupt.
pub(crate) fn remove_orphan_side_files(path: &Path) -> std::io::Result<()> {
    if path.exists() {
        return Ok(());
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = with_suffix(path, suffix);
        if side.exists() {
            std::fs::remove_file(&side)?;
        }
    }
    Ok(())
}

/// `path.before-restore`, or `.before-restore.2`, `.3` … the first name not taken.
fn free_name(path: &Path) -> Result<PathBuf> {
    let first = with_suffix(path, ".before-restore");
    if !first.exists() {
        return Ok(first);
    }
    (2..1000)
        .map(|n| with_suffix(path, &format!(".before-restore.{n}")))
        .find(|p| !p.exists())
        .ok_or_else(|| BackupError::Io {
            what: "finding a free name next to",
            path: path.to_path_buf(),
            source: std::io::Error::other("999 earlier .before-restore copies; remove old ones"),
        })
}

/// Copies `source` into a new file at `path` (replacing a stale one), as a self-contained rollback-journal
/// database, checks it and syncs it to disk. Returns (pages, page size, restarts).
fn copy_to_new_file(
    source: &Connection,
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(i64, i64, u32)> {
    for stale in [path.to_path_buf(), with_suffix(path, "-journal")] {
        if stale.exists() {
            std::fs::remove_file(&stale).map_err(io("removing the unfinished copy", &stale))?;
        }
    }
    let result = (|| {
        let mut out = Connection::open(path)?;
        let restarts = copy(source, &mut out, progress)?;
        // The copied header may say WAL (the source's mode); a backup is one file that opens anywhere.
        out.pragma_update(None, "journal_mode", "DELETE")?;
        quick_check(&out, path)?;
        let (pages, page_size) = sizes(&out)?;
        drop(out);
        std::fs::File::open(path)
            .and_then(|f| f.sync_all())
            .map_err(io("syncing", path))?;
        Ok((pages, page_size, restarts))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(path);
        let _ = std::fs::remove_file(with_suffix(path, "-journal"));
    }
    result
}

/// Steps the backup API from `source` into `dest`, a few hundred pages at a time so other processes can write in
/// between; returns how many times their writes restarted it.
fn copy(
    source: &Connection,
    dest: &mut Connection,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<u32> {
    let backup = Backup::new(source, dest)?;
    let mut restarts = 0;
    let mut remaining: Option<i32> = None;
    let mut waiting_since: Option<Instant> = None;
    loop {
        let pages = if restarts >= MAX_RESTARTS {
            -1
        } else {
            STEP_PAGES
        };
        match backup.step(pages)? {
            StepResult::Done => {
                let p = backup.progress();
                progress(p.pagecount as u64, p.pagecount as u64);
                return Ok(restarts);
            }
            StepResult::More => waiting_since = None,
            // Busy, Locked: someone holds a lock the step needs.
            _ => {
                let since = *waiting_since.get_or_insert_with(Instant::now);
                if since.elapsed() > LOCK_PATIENCE {
                    return Err(StoreError::Busy {
                        path: PathBuf::from(source.path().unwrap_or("the database")),
                    }
                    .into());
                }
                std::thread::sleep(STEP_PAUSE * 5);
                continue;
            }
        }
        let p = backup.progress();
        if remaining.is_some_and(|r| p.remaining >= r) {
            restarts += 1;
        }
        remaining = Some(p.remaining);
        progress(
            (p.pagecount - p.remaining).max(0) as u64,
            p.pagecount.max(0) as u64,
        );
        std::thread::sleep(STEP_PAUSE);
    }
}

fn sizes(conn: &Connection) -> StoreResult<(i64, i64)> {
    let pages = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let size = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    Ok((pages, size))
}

fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let first: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
    if first == "ok" {
        Ok(())
    } else {
        Err(BackupError::BadCopy {
            path: path.to_path_buf(),
            detail: first,
        })
    }
}

/// Makes a rename durable (Unix: the directory entry is data too). Best effort: the copy itself is synced.
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    #[cfg(not(unix))]
    let _ = path;
}
