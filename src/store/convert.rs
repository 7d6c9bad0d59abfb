//! Switching a database file between WAL (local mode) and a rollback journal (shared mode), and the check that
//! keeps shared mode away from a WAL file (DESIGN.md §4).

use super::{Result, StorageMode, StoreError};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long `convert` waits for others to let go before saying the file is in use.
const IN_USE_WAIT: Duration = Duration::from_secs(2);

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Whether `path` is in WAL mode, from the file itself and without SQLite (opening a WAL file through SQLite on
/// a share is what must not happen): header bytes 18/19 (write/read format) are 2, or a `-wal` file sits beside
/// it, which SQLite would replay. A file that cannot be read says no here; SQLite reports it when opening.
pub fn uses_wal(path: &Path) -> bool {
    if wal_file(path).exists() {
        return true;
    }
    header(path).is_some_and(|h| h.starts_with(SQLITE_MAGIC) && (h[18] == 2 || h[19] == 2))
}

/// The first bytes of the file up to the format versions; None when it is shorter (a new, empty database) or
/// cannot be read.
fn header(path: &Path) -> Option<[u8; 20]> {
    let mut header = [0u8; 20];
    let mut file = std::fs::File::open(path).ok()?;
    file.read_exact(&mut header).ok()?;
    Some(header)
}

fn wal_file(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// What [`convert`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Converted {
    /// The journal mode was switched.
    Switched,
    /// The file already had the asked-for journal mode; nothing was written.
    AlreadyThere,
}

/// Switches `path` to the journal mode of `to`: a rollback journal (`DELETE`) for shared mode, WAL for local
/// mode. Holds the file's exclusive lock throughout, so it refuses with [`StoreError::InUse`] while anyone else
/// has the file open in WAL mode or is inside a transaction.
/// Who converts: on a team database only an admin may.
#[derive(Debug, Clone, Copy)]
pub enum ConvertAs<'a> {
    /// A person (`desk convert`): the acting agent's handle.
    Agent(Option<&'a str>),
    /// desk itself, on a file it has just generated (the demo) and nobody else has used.
    Generator,
}

pub fn convert(path: &Path, to: StorageMode, who: ConvertAs<'_>) -> Result<Converted> {
    if !path.is_file() {
        return Err(StoreError::MissingDatabase {
            path: path.to_path_buf(),
        });
    }
    if header(path).is_some_and(|h| !h.starts_with(SQLITE_MAGIC)) {
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
            detail: "it does not start with the SQLite header".into(),
        });
    }
    let want_wal = to == StorageMode::Local;
    if uses_wal(path) == want_wal {
        return Ok(Converted::AlreadyThere);
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let in_use = || StoreError::InUse {
        path: path.to_path_buf(),
        to: mode_flag(to),
    };
    let failed = |e: rusqlite::Error| {
        if StoreError::is_busy(&e) {
            in_use()
        } else if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) {
            StoreError::NotADatabase {
                path: path.to_path_buf(),
                detail: e.to_string(),
            }
        } else {
            e.into()
        }
    };
    conn.busy_timeout(IN_USE_WAIT)?;
    // Set before the first read: SQLite then keeps a WAL's index in heap memory rather than the shared-memory file
    // (which a share cannot provide), and holds the exclusive lock it takes below until the connection closes.
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
        .map_err(failed)?;
    conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")
        .map_err(failed)?;
    if let ConvertAs::Agent(actor) = who {
        super::roles::require_named_on(&conn, actor, crate::domain::team::Act::ConvertDatabase)?;
    }
    let target = if want_wal { "wal" } else { "delete" };
    // Leaving WAL checkpoints it into the file and deletes it; SQLite answers with the mode it ended up in.
    let now: String = conn
        .pragma_update_and_check(None, "journal_mode", target, |r| r.get(0))
        .map_err(failed)?;
    if !now.eq_ignore_ascii_case(target) {
        return Err(in_use());
    }
    drop(conn);
    Ok(Converted::Switched)
}

fn mode_flag(mode: StorageMode) -> &'static str {
    match mode {
        StorageMode::Local => "local",
        StorageMode::Shared => "shared",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journal_mode(path: &Path) -> String {
        let conn = Connection::open(path).expect("open");
        conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("journal_mode")
    }

    fn wal_db(dir: &Path) -> PathBuf {
        let path = dir.join("desk.db");
        let conn = Connection::open(&path).expect("create");
        conn.pragma_update(None, "journal_mode", "WAL")
            .expect("wal");
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .expect("write");
        path
    }

    #[test]
    fn the_header_tells_wal_from_a_rollback_journal() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = wal_db(dir.path());
        assert!(uses_wal(&path));
        assert!(!uses_wal(&dir.path().join("missing.db")));
        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, b"").expect("write");
        assert!(!uses_wal(&empty));
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, [2u8; 100]).expect("write");
        assert!(!uses_wal(&text));
    }

    #[test]
    fn a_wal_file_beside_a_rollback_database_counts_as_wal() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("desk.db");
        Connection::open(&path)
            .expect("create")
            .execute_batch("CREATE TABLE t(x);")
            .expect("write");
        assert!(!uses_wal(&path));
        std::fs::write(wal_file(&path), b"").expect("write");
        assert!(uses_wal(&path));
    }

    #[test]
    fn converting_there_and_back_keeps_the_rows_and_is_idempotent() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = wal_db(dir.path());
        assert_eq!(
            convert(&path, StorageMode::Shared, ConvertAs::Generator).expect("to shared"),
            Converted::Switched
        );
        assert!(!uses_wal(&path));
        assert!(!wal_file(&path).exists());
        assert_eq!(journal_mode(&path), "delete");
        assert_eq!(
            convert(&path, StorageMode::Shared, ConvertAs::Generator).expect("again"),
            Converted::AlreadyThere
        );
        assert_eq!(
            convert(&path, StorageMode::Local, ConvertAs::Generator).expect("to local"),
            Converted::Switched
        );
        assert!(uses_wal(&path));
        let conn = Connection::open(&path).expect("open");
        let n: i64 = conn
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .expect("count");
        assert_eq!(n, 1);
    }

    #[test]
    fn a_file_that_is_not_sqlite_is_refused_untouched() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "not a database at all, just text").expect("write");
        assert!(matches!(
            convert(&path, StorageMode::Shared, ConvertAs::Generator),
            Err(StoreError::NotADatabase { .. })
        ));
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "not a database at all, just text"
        );
    }

    #[test]
    fn a_missing_file_is_not_created() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("desk.db");
        assert!(matches!(
            convert(&path, StorageMode::Shared, ConvertAs::Generator),
            Err(StoreError::MissingDatabase { .. })
        ));
        assert!(!path.exists());
    }
}
