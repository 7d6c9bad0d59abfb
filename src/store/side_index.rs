//! Full-text indexes of tickets and messages built on a second core while a bulk load writes everything else
//! (the demo). Indexing was half of a load's time and SQLite has one writer per file, so the load hands each
//! committed batch's subjects and bodies to a worker thread, which indexes them in a scratch file of its own; the
//! finished index pages are copied into the database at the end.
//!
//! The scratch file's index tables and the views they read through are created from the database's own schema
//! text, by the same SQLite, so their shadow tables (`*_data`, `*_idx`, `*_docsize`, `*_config`) hold exactly what
//! indexing in place would have written; a copied index passes FTS5's `integrity-check` against the database's
//! text (tests/demo_settled.rs).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;

use rusqlite::{Connection, params};

use super::deferred_fts::{DEFAULT_AUTOMERGE, DeferredFts, LOAD_AUTOMERGE};
use super::{Result, Store, StoreError};

/// An index being built beside a load; end it with [`Store::finish_side_index`].
#[must_use = "the tickets' and messages' search index is incomplete until the side index is finished"]
pub struct SideIndex {
    rows: Option<mpsc::SyncSender<Vec<SideRow>>>,
    /// Set when the load failed: the worker stops without indexing what is left.
    abandoned: Arc<AtomicBool>,
    worker: Option<JoinHandle<Result<()>>>,
    deferred: Vec<DeferredFts>,
    scratch: PathBuf,
}

/// A row whose text the side index needs: its table (`tickets` or `messages`), rowid and subject or body.
pub(super) struct SideRow {
    table: &'static str,
    rid: i64,
    text: String,
}

/// What one bulk writer hands the side index, sent when its batch is committed.
pub(super) struct SideTap {
    rows: mpsc::SyncSender<Vec<SideRow>>,
    pending: Vec<SideRow>,
}

impl SideTap {
    pub(super) fn push(&mut self, table: &'static str, rid: i64, text: &str) {
        self.pending.push(SideRow {
            table,
            rid,
            text: text.to_owned(),
        });
    }

    /// After the batch's commit.
    pub(super) fn committed(self) {
        // A worker that stopped reports why at the finish.
        let _ = self.rows.send(self.pending);
    }
}

impl SideIndex {
    pub(super) fn tap(&self) -> Option<SideTap> {
        self.rows.as_ref().map(|rows| SideTap {
            rows: rows.clone(),
            pending: Vec::new(),
        })
    }
}

/// The scratch file beside the database `path`.
pub fn scratch_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-fts");
    PathBuf::from(name)
}

/// Committed batches the load may be ahead of the worker by.
const BATCHES_AHEAD: usize = 8;

/// What the worker needs of each index, owned.
struct Job {
    view: &'static str,
    fts: &'static str,
    columns: &'static str,
}

/// The schema text the worker builds its scratch file from: the index tables and the views they read.
fn scratch_schema(conn: &Connection, deferred: &[DeferredFts]) -> Result<Vec<String>> {
    let mut out = vec![
        "CREATE TABLE tickets(rid INTEGER PRIMARY KEY, subject TEXT)".to_string(),
        "CREATE TABLE messages(rid INTEGER PRIMARY KEY, body TEXT)".to_string(),
    ];
    for d in deferred {
        for name in [d.table, d.fts] {
            out.push(conn.query_row(
                "SELECT sql FROM sqlite_schema WHERE name = ?1",
                params![name],
                |r| r.get(0),
            )?);
        }
    }
    Ok(out)
}

impl Store {
    /// Suspends the tickets' and messages' full-text triggers and starts indexing on another thread what bulk
    /// writers tapped with it ([`super::bulk::BulkWriter::tap`]) commit; `None` for an in-memory database (its bulk
    /// loads index at commit). Only for a load into a file nobody else has open (see
    /// [`Store::suspend_search_index`]), and every ticket and message must reach the index through a tapped writer.
    pub fn start_side_index(&mut self) -> Result<Option<SideIndex>> {
        if self.path.as_os_str() == ":memory:" {
            return Ok(None);
        }
        let tx = self.begin_write()?;
        let deferred = super::deferred_fts::suspend_where(&tx, |view| {
            view.starts_with("tickets_") || view.starts_with("messages_")
        })?;
        tx.commit()?;
        let scratch = scratch_path(&self.path);
        remove_scratch(&scratch)?;
        let schema = scratch_schema(&self.conn, &deferred)?;
        let jobs: Vec<Job> = deferred
            .iter()
            .map(|d| Job {
                view: d.table,
                fts: d.fts,
                columns: d.columns,
            })
            .collect();
        // A load that outruns the worker waits for it rather than holding every batch's text in memory.
        let (rows, batches) = mpsc::sync_channel(BATCHES_AHEAD);
        let abandoned = Arc::new(AtomicBool::new(false));
        let (file, stop) = (scratch.clone(), abandoned.clone());
        let worker = std::thread::Builder::new()
            .name("desk-side-index".into())
            .spawn(move || index_beside(&file, &schema, &jobs, &batches, &stop))
            .map_err(|e| StoreError::Io {
                path: scratch.clone(),
                source: e,
            })?;
        Ok(Some(SideIndex {
            rows: Some(rows),
            abandoned,
            worker: Some(worker),
            deferred,
            scratch,
        }))
    }

    /// Waits for the worker to index the last batch, copies its index into the database, restores the triggers
    /// and reconnects (this connection's FTS5 tables cached the empty index). Call with no transaction open.
    pub fn finish_side_index(&mut self, mut side: SideIndex) -> Result<()> {
        let waited = std::time::Instant::now();
        drop(side.rows.take());
        let worker = side.worker.take();
        match worker.map(JoinHandle::join) {
            Some(Ok(result)) => result?,
            Some(Err(_)) => {
                return Err(StoreError::Refused(
                    "the search-index worker stopped unexpectedly; generate again".into(),
                ));
            }
            None => {}
        }
        let copying = std::time::Instant::now();
        let scratch = side.scratch.to_string_lossy().into_owned();
        self.conn.execute("ATTACH ?1 AS side", params![scratch])?;
        let copied = self.copy_side_tables(&side.deferred);
        self.conn.execute_batch("DETACH side")?;
        copied?;
        self.reconnect()?;
        tracing::info!(
            "side index: waited {:.1} s for the last batch's indexing, copied in {:.1} s",
            (copying - waited).as_secs_f64(),
            copying.elapsed().as_secs_f64()
        );
        remove_scratch(&side.scratch)
    }

    fn copy_side_tables(&mut self, deferred: &[DeferredFts]) -> Result<()> {
        let tx = self.begin_write()?;
        for d in deferred {
            let shadows: Vec<String> = tx
                .prepare(
                    "SELECT name FROM side.sqlite_schema
                      WHERE type = 'table' AND substr(name, 1, length(?1) + 1) = ?1 || '_'",
                )?
                .query_map(params![d.fts], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for shadow in shadows {
                // Names read from our own scratch schema, each the index's name and a suffix.
                tx.execute_batch(&format!(
                    "DELETE FROM main.\"{shadow}\"; INSERT INTO main.\"{shadow}\" SELECT * FROM side.\"{shadow}\";"
                ))?;
            }
            tx.execute_batch(&d.trigger_sql)?;
        }
        tx.commit()?;
        Ok(())
    }
}

impl Drop for SideIndex {
    /// Not finished (the load failed): stop the worker; the scratch file is cleared by the next start.
    fn drop(&mut self) {
        self.abandoned.store(true, Ordering::Relaxed);
        drop(self.rows.take());
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

fn remove_scratch(path: &Path) -> Result<()> {
    super::backup::remove_database_files(path)
        .map_err(|(path, source)| StoreError::Io { path, source })
}

/// The worker: indexes each batch's rows into `scratch` until the load is done.
fn index_beside(
    scratch: &Path,
    schema: &[String],
    jobs: &[Job],
    batches: &mpsc::Receiver<Vec<SideRow>>,
    abandoned: &AtomicBool,
) -> Result<()> {
    let mut conn = Connection::open(scratch)?;
    // Scratch: nobody reads it but us, and a crash means generating again.
    conn.pragma_update(None, "journal_mode", "OFF")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    super::search_index::register(&conn)?;
    for sql in schema {
        conn.execute_batch(sql)?;
    }
    set_automerge(&conn, jobs, LOAD_AUTOMERGE)?;
    for rows in batches {
        if abandoned.load(Ordering::Relaxed) {
            return Ok(());
        }
        let tx = conn.transaction()?;
        for row in &rows {
            let sql = match row.table {
                "tickets" => "INSERT INTO tickets(rid, subject) VALUES (?1, ?2)",
                _ => "INSERT INTO messages(rid, body) VALUES (?1, ?2)",
            };
            tx.prepare_cached(sql)?
                .execute(params![row.rid, row.text])?;
        }
        for job in jobs {
            // Names come from deferred_fts's constant, never from input.
            tx.execute_batch(&format!(
                "INSERT INTO {fts}(rowid, {cols}) SELECT rid, {cols} FROM {view}",
                fts = job.fts,
                cols = job.columns,
                view = job.view
            ))?;
        }
        tx.execute_batch("DELETE FROM tickets; DELETE FROM messages;")?;
        tx.commit()?;
    }
    set_automerge(&conn, jobs, DEFAULT_AUTOMERGE)
}

fn set_automerge(conn: &Connection, jobs: &[Job], value: i64) -> Result<()> {
    for job in jobs {
        conn.execute(
            &format!(
                "INSERT INTO {fts}({fts}, rank) VALUES ('automerge', ?1)",
                fts = job.fts
            ),
            params![value],
        )?;
    }
    Ok(())
}
