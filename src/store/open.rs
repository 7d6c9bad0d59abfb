//! Opening a database: refuse what is not ours or too new without writing a byte, then set pragmas and migrate.

use super::{Result, Store, StoreError, hlc::HlcClock, migrate};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// Whether a missing database file may be created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file (not its directory) when missing.
    Create,
    /// The file must exist.
    Existing,
}

/// How the file is shared. Local disks use WAL; network shares need a rollback journal (DESIGN.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StorageMode {
    #[default]
    Local,
    Shared,
}

const BUSY_TIMEOUT_LOCAL: Duration = Duration::from_secs(5);
const BUSY_TIMEOUT_SHARED: Duration = Duration::from_secs(15);

impl Store {
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        Self::open_with(path, mode, StorageMode::Local)
    }

    pub fn open_with(path: &Path, mode: OpenMode, storage: StorageMode) -> Result<Store> {
        require_directory(path)?;
        if path.is_dir() {
            return Err(StoreError::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        let exists = path.exists();
        // A missing right is named before SQLite turns it into "unable to open" or "readonly database".
        require_access(path, exists)?;
        if !exists && mode == OpenMode::Existing {
            return Err(StoreError::MissingDatabase {
                path: path.to_path_buf(),
            });
        }
        // Checked on the bytes, before SQLite opens it: replaying or converting a WAL over a share is the damage.
        if exists && storage == StorageMode::Shared && super::convert::uses_wal(path) {
            return Err(StoreError::WalOnShare {
                path: path.to_path_buf(),
            });
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if mode == OpenMode::Create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let mut conn = Connection::open_with_flags(path, flags)?;
        // A file another program holds locked is busy, not broken: say which.
        let not_ours = |e: rusqlite::Error| {
            if StoreError::is_busy(&e) {
                StoreError::Busy {
                    path: path.to_path_buf(),
                }
            } else if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) {
                // Rights that changed after the check above, or a read-only mount.
                StoreError::Permission {
                    path: path.to_path_buf(),
                    need: "desk cannot write the file".into(),
                }
            } else {
                StoreError::NotADatabase {
                    path: path.to_path_buf(),
                    detail: e.to_string(),
                }
            }
        };

        keep_statements_compiled(&conn)?;
        // Read-only probes first: a corrupt or foreign file fails here before anything is written.
        conn.busy_handler(Some(super::busy::handler(match storage {
            StorageMode::Local => BUSY_TIMEOUT_LOCAL,
            StorageMode::Shared => BUSY_TIMEOUT_SHARED,
        })))?;
        let user_version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(not_ours)?;
        let table_count: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(not_ours)?;
        if user_version > migrate::LATEST_SCHEMA {
            return Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                found: user_version,
                known: migrate::LATEST_SCHEMA,
            });
        }
        if user_version == 0 && table_count > 0 {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
                detail: "it holds tables but no desk schema version".into(),
            });
        }

        match storage {
            StorageMode::Local => {
                set_journal_mode(&conn, "WAL", BUSY_TIMEOUT_LOCAL).map_err(not_ours)?;
                conn.pragma_update(None, "synchronous", "NORMAL")?;
            }
            StorageMode::Shared => {
                set_journal_mode(&conn, "DELETE", BUSY_TIMEOUT_SHARED).map_err(not_ours)?;
                conn.pragma_update(None, "synchronous", "FULL")?;
                conn.pragma_update(None, "mmap_size", 0)?;
            }
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // A bigger page cache than the 2 MB default keeps index pages hot while paging, within the memory budget.
        conn.pragma_update(None, "cache_size", PAGE_CACHE_KIB)?;

        migrate::migrate(&mut conn, path).map_err(|e| match e {
            StoreError::Sqlite(ref inner) if StoreError::is_busy(inner) => StoreError::Busy {
                path: path.to_path_buf(),
            },
            other => other,
        })?;
        let replica = migrate::replica_id(&conn)?;
        let hlc = HlcClock::resume(&conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            replica,
            actor: None,
            hlc,
            action: None,
            own_actions: Default::default(),
            rules: Default::default(),
        })
    }

    /// Writes without a journal, for a file nobody else opens and whose loss in a crash costs nothing: the demo's
    /// `.partial` file, renamed into place only once complete. In WAL mode every page is written twice (to the log,
    /// then to the file at a checkpoint) and a transaction's undo is kept; here each page is written once and
    /// nothing waits for the disk. There is no rollback: a failed write leaves the file half-written, so the caller
    /// must discard the file on any error. [`Store::end_scratch_writes`] returns to WAL.
    pub fn begin_scratch_writes(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "journal_mode", "OFF")?;
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        Ok(())
    }

    /// Back to WAL with `synchronous = NORMAL` (local mode) after [`Store::begin_scratch_writes`].
    pub fn end_scratch_writes(&mut self) -> Result<()> {
        set_journal_mode(&self.conn, "WAL", BUSY_TIMEOUT_LOCAL)?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(())
    }

    /// Closes the connection and opens the file again with the same settings: after another connection wrote
    /// what SQLite caches per connection and cannot see changed (an FTS5 index copied in, store::side_index).
    pub(super) fn reconnect(&mut self) -> Result<()> {
        let fresh = Store::open(&self.path, OpenMode::Existing)?;
        self.conn = fresh.conn;
        self.replica = fresh.replica;
        self.hlc = fresh.hlc;
        Ok(())
    }

    /// An in-memory store for tests.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        keep_statements_compiled(&conn)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate::migrate(&mut conn, Path::new(":memory:"))?;
        let replica = migrate::replica_id(&conn)?;
        let hlc = HlcClock::resume(&conn)?;
        Ok(Store {
            conn,
            path: ":memory:".into(),
            replica,
            actor: None,
            hlc,
            action: None,
            own_actions: Default::default(),
            rules: Default::default(),
        })
    }
}

fn keep_statements_compiled(conn: &Connection) -> rusqlite::Result<()> {
    // A ticket write runs some forty distinct statements (the ticket, its messages, the change log, SLA clocks,
    // the customer's CRM state); rusqlite's default cache of 16 would prepare most of them again every time.
    conn.set_prepared_statement_cache_capacity(256);
    // Plans that do not depend on bound values. Without this, a statement whose parameter SQLite compared against
    // a literal in a partial index's WHERE (tickets have a dozen such indexes) is compiled again every time it is
    // re-bound, which defeats the cache: re-parsing was a fifth of the CPU of the demo's SLA settle. Views that
    // need a partial index name its condition in their SQL text (see store::ticket_filter).
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

/// The page cache (`cache_size`, negative: KiB) of every connection.
const PAGE_CACHE_KIB: i64 = -16_000;

/// `PRAGMA journal_mode = mode`. Changing the mode needs the file to itself for a moment, and SQLite answers BUSY
/// at once (its busy handler is not asked) while another connection reads — as when several desks open a new or
/// older file together. So retry, with jittered waits, for as long as the busy timeout.
fn set_journal_mode(conn: &Connection, mode: &str, patience: Duration) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    let mut wait = Duration::from_millis(2);
    loop {
        match conn.pragma_update(None, "journal_mode", mode) {
            Err(e) if StoreError::is_busy(&e) && started.elapsed() < patience => {
                let jitter = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.subsec_micros() % 1000);
                std::thread::sleep(wait + Duration::from_micros(u64::from(jitter)));
                wait = (wait * 2).min(Duration::from_millis(100));
            }
            other => return other,
        }
    }
}

/// Refuses a database path whose directory does not exist (SQLite would only say "unable to open").
/// Refuses a database this user cannot read and write, or whose directory they cannot create the journal in.
#[cfg(unix)]
fn require_access(path: &Path, exists: bool) -> Result<()> {
    use rustix::fs::{Access, access};
    // "Permission denied" is what the message already says; other reasons (a read-only mount) are worth naming.
    let why = |e: rustix::io::Errno| {
        if e == rustix::io::Errno::ACCESS {
            String::new()
        } else {
            format!(" ({e})")
        }
    };
    let denied = |need: String| {
        Err(StoreError::Permission {
            path: path.to_path_buf(),
            need,
        })
    };
    if exists {
        if let Err(e) = access(path, Access::READ_OK) {
            return denied(format!("desk cannot read the file{}", why(e)));
        }
        if let Err(e) = access(path, Access::WRITE_OK) {
            return denied(format!("desk cannot write the file{}", why(e)));
        }
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Err(e) = access(dir, Access::WRITE_OK | Access::EXEC_OK) {
        return denied(format!(
            "desk cannot create files in {}{}, where SQLite keeps the file's journal",
            dir.display(),
            why(e)
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn require_access(_path: &Path, _exists: bool) -> Result<()> {
    Ok(())
}

pub(super) fn require_directory(path: &Path) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(StoreError::MissingDirectory {
            dir: dir.to_path_buf(),
        });
    }
    Ok(())
}
