use std::path::PathBuf;

/// Errors callers branch on. Each message says what failed, where, and what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "database directory {dir} does not exist; create it, or pass --db with a path in an existing directory"
    )]
    MissingDirectory { dir: PathBuf },

    #[error(
        "{path} is a directory, not a database file; pass --db with a file in it, such as {path}/desk.db"
    )]
    IsDirectory { path: PathBuf },

    /// The file is fine; this user lacks a right on it or its directory.
    #[error(
        "permission denied on {path}: {need}; ask its owner or an admin for that right (a team shares it through a \
         group: `chmod g+rw` on the file, `g+rwx` on its directory) — the database itself is not damaged"
    )]
    Permission { path: PathBuf, need: String },

    #[error(
        "no database at {path}; run `desk init --db {path}` to create one, or `desk demo --db {path}` for demo data"
    )]
    MissingDatabase { path: PathBuf },

    #[error(
        "{path} is not a desk database or is corrupt ({detail}); it was left untouched — restore it from a backup or point --db elsewhere"
    )]
    NotADatabase { path: PathBuf, detail: String },

    #[error(
        "{path} has schema version {found}, newer than this desk understands ({known}); it was left untouched — upgrade desk to open it"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error(
        "{path} is locked by another program and stayed busy; try again, or check who holds it"
    )]
    Busy { path: PathBuf },

    #[error(
        "{path} is in WAL mode, which needs shared memory on one host and corrupts over a network share, so shared \
         mode will not open it; it was left untouched — when no one else has it open, run \
         `desk convert --shared --db {path}`, then open it again"
    )]
    WalOnShare { path: PathBuf },

    #[error(
        "{path} is open in another desk or program, so its journal mode was not changed; ask everyone to close desk \
         on it (and pause cron jobs using it), then run `desk convert --{to} --db {path}` again"
    )]
    InUse { path: PathBuf, to: &'static str },

    #[error(
        "{entity} {id} changed since you loaded it (version {expected}, now {found}); reload and re-apply"
    )]
    Conflict {
        entity: &'static str,
        id: String,
        expected: i64,
        found: i64,
    },

    /// A domain rule said no (an invalid status move, a reply to a closed ticket); the text says what is allowed.
    #[error("{0}")]
    Refused(String),

    /// The actor's role does not allow the act; the data says who, with which role, and what was asked.
    #[error(transparent)]
    Denied(#[from] crate::domain::team::Denied),

    /// A stored value desk does not know (a hand edit, a damaged file): the write that would build on it is
    /// refused rather than guessing a default.
    #[error("{entity} {id}: {field} `{value}` is not a known {field}; fix it with `{fix}`")]
    BadValue {
        entity: &'static str,
        id: String,
        field: &'static str,
        value: String,
        /// A command that mends it.
        fix: String,
    },

    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: String },

    #[error("`{field}` is not a field of {entity} that can be changed")]
    UnknownField { entity: &'static str, field: String },

    /// A file desk keeps beside the database (a scratch file, a worker thread's) could not be made or removed.
    #[error("{}: {source}; check the directory's free space and permissions", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    pub fn is_busy(err: &rusqlite::Error) -> bool {
        matches!(
            err.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked)
        )
    }
}
