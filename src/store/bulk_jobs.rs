//! Bulk jobs: imports that write for minutes into a file the whole team shares (issue 17). A job commits in
//! batches sized to hold the write lock about [`BATCH_TARGET`] (well under the 250 ms the team may wait), pauses
//! after each so waiting desks get in, and hides every row it creates until one short transaction publishes
//! them all (migration 13). Changes to records others can already see wait for that publishing transaction, so
//! nobody sees half an import, and a job killed on the way leaves nothing visible: the next job removes its rows.

use super::busy::unix_ms;
use super::changes::ChangeLog;
use super::sla::ServiceRules;
use super::{Result, Store, StoreError, new_id};
use rusqlite::{OptionalExtension, Transaction, params};
use std::time::{Duration, Instant};

/// Tables whose new rows a job hides until it publishes.
const TABLES: [&str; 6] = [
    "customers",
    "organizations",
    "products",
    "orders",
    "articles",
    "categories",
];

/// The lock time a batch aims at; with a cold cache a batch can take a few times its estimate, still < 250 ms.
pub(super) const BATCH_TARGET: Duration = Duration::from_millis(100);
/// The pause after each batch: several of a waiting desk's retries (store::busy), so it gets the lock.
const YIELD: Duration = Duration::from_millis(8);
const MAX_BATCH: usize = 5_000;
/// A job whose process cannot be checked (it ran on another machine) counts as abandoned after this long
/// without a heartbeat; each batch beats.
const ABANDONED_AFTER_MS: i64 = 120_000;

/// SQL that holds for the rows of `alias` that no unpublished job is hiding.
pub(super) fn visible(alias: &str) -> String {
    format!(
        "({alias}.job_id IS NULL OR {alias}.job_id NOT IN (SELECT id FROM bulk_jobs WHERE published_at IS NULL))"
    )
}

/// What writing one item did. A change to a record others can already see is `Deferred` (not written) while the
/// job runs, and written in the publishing transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Wrote {
    Created,
    Updated,
    Unchanged,
    Deferred,
}

/// Writes one item of a job tentatively when it turns out to touch a visible record: a savepoint before the
/// first write, rolled back if anything changed. Most rows of a first import create records and need none (a
/// savepoint per row also makes FTS5 flush a tiny segment per row).
pub(super) struct Tentative<'t> {
    tx: &'t Transaction<'t>,
    publishing: bool,
    open: bool,
}

impl<'t> Tentative<'t> {
    pub(super) fn new(tx: &'t Transaction<'t>, publishing: bool) -> Self {
        Tentative {
            tx,
            publishing,
            open: false,
        }
    }

    /// Call once the item's existing record (`id` in `table`) is known, before writing to it.
    pub(super) fn found(&mut self, table: &str, id: &str) -> Result<()> {
        if !self.publishing && !self.open && is_visible(self.tx, table, id)? {
            self.tx.prepare_cached("SAVEPOINT bulk_row")?.execute([])?;
            self.open = true;
        }
        Ok(())
    }

    /// What the item did: `Deferred` (and undone) when it changed a visible record outside publishing.
    pub(super) fn settle(self, wrote: Wrote) -> Result<Wrote> {
        if !self.open {
            return Ok(wrote);
        }
        let deferred = wrote == Wrote::Updated;
        if deferred {
            self.tx
                .prepare_cached("ROLLBACK TO bulk_row")?
                .execute([])?;
        }
        self.tx.prepare_cached("RELEASE bulk_row")?.execute([])?;
        Ok(if deferred { Wrote::Deferred } else { wrote })
    }
}

/// (created, updated, unchanged) of what a job wrote; a deferred item was written at publishing and counts as
/// what that write did, so one left here changed nothing.
pub(super) fn tally<'w>(wrote: impl IntoIterator<Item = &'w Wrote>) -> (usize, usize, usize) {
    wrote.into_iter().fold((0, 0, 0), |(c, u, n), w| match w {
        Wrote::Created => (c + 1, u, n),
        Wrote::Updated => (c, u + 1, n),
        Wrote::Unchanged | Wrote::Deferred => (c, u, n + 1),
    })
}

/// Writes one item of a job inside the batch's transaction; the last argument is true in the publishing
/// transaction (nothing may be deferred then).
pub(super) type JobWrite<'w, I> =
    dyn FnMut(&Transaction<'_>, &mut ChangeLog, &ServiceRules, &I, bool) -> Result<Wrote> + 'w;

/// Batch sizes that follow the measured cost per row.
#[derive(Debug)]
pub(super) struct Pacer {
    size: usize,
}

impl Pacer {
    pub(super) fn new(first: usize) -> Pacer {
        Pacer {
            size: first.clamp(1, MAX_BATCH),
        }
    }

    pub(super) fn size(&self) -> usize {
        self.size
    }

    /// Sizes the next batch from this one (`rows` rows holding the lock for `took`), then yields the lock.
    pub(super) fn done(&mut self, rows: usize, took: Duration) {
        self.size = next_size(self.size, rows, took);
        std::thread::sleep(YIELD);
    }
}

/// The batch size that should take [`BATCH_TARGET`] at the cost per row just seen: at most twice the last size
/// (the first batches run on a cold cache), at once smaller when a batch ran long.
pub(super) fn next_size(current: usize, rows: usize, took: Duration) -> usize {
    let per_row = took.as_secs_f64() / rows.max(1) as f64;
    let ideal = if per_row > 0.0 {
        (BATCH_TARGET.as_secs_f64() / per_row) as usize
    } else {
        MAX_BATCH
    };
    ideal.clamp(1, current.saturating_mul(2).clamp(1, MAX_BATCH))
}

fn host_name() -> String {
    #[cfg(unix)]
    if let Ok(h) = nix::unistd::gethostname() {
        return h.to_string_lossy().into_owned();
    }
    std::env::var("COMPUTERNAME").unwrap_or_default()
}

/// Whether the process that started a job is certainly gone (only knowable on this machine).
fn process_gone(pid: i64) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = i32::try_from(pid) else {
            return false;
        };
        matches!(
            nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None),
            Err(nix::errno::Errno::ESRCH)
        )
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false
    }
}

/// An unpublished job found when starting one.
struct Pending {
    id: String,
    kind: String,
    action: String,
    actor: Option<String>,
    host: String,
    pid: i64,
    heartbeat_at: i64,
}

impl Pending {
    fn abandoned(&self, host: &str, now_ms: i64) -> bool {
        (self.host == host && process_gone(self.pid))
            || now_ms - self.heartbeat_at > ABANDONED_AFTER_MS
    }
}

/// A running job; [`Store::finish_job`] or [`Store::discard_job`] ends it.
pub(super) struct Job {
    id: String,
    action: String,
    outer_action: Option<String>,
}

/// Per table, the rows of a job to remove, a few hundred at a time (children before parents).
const DISCARD: [&str; 8] = [
    "DELETE FROM tasks WHERE rowid IN (SELECT t.rowid FROM tasks t JOIN customers c ON c.id = t.customer_id
     WHERE c.job_id = ?1 LIMIT ?2)",
    "DELETE FROM tags WHERE entity = 'article' AND entity_id IN (SELECT a.id FROM articles a WHERE a.job_id = ?1
     AND EXISTS (SELECT 1 FROM tags g WHERE g.entity = 'article' AND g.entity_id = a.id) LIMIT ?2)",
    "DELETE FROM orders WHERE rowid IN (SELECT rowid FROM orders WHERE job_id = ?1 LIMIT ?2)",
    "DELETE FROM products WHERE rowid IN (SELECT rowid FROM products WHERE job_id = ?1 LIMIT ?2)",
    "DELETE FROM customers WHERE rowid IN (SELECT rowid FROM customers WHERE job_id = ?1 LIMIT ?2)",
    "DELETE FROM organizations WHERE rowid IN (SELECT rowid FROM organizations WHERE job_id = ?1 LIMIT ?2)",
    "DELETE FROM articles WHERE rowid IN (SELECT rowid FROM articles WHERE job_id = ?1 LIMIT ?2)",
    "DELETE FROM categories WHERE rowid IN (SELECT rowid FROM categories WHERE job_id = ?1 LIMIT ?2)",
];
/// The job's change-log entries go last: they are what `desk check` compares the rows against.
const DISCARD_CHANGES: &str =
    "DELETE FROM changes WHERE seq IN (SELECT seq FROM changes WHERE action = ?1 LIMIT ?2)";

impl Store {
    /// Runs `write` over `items` as one bulk job of `kind` and returns what each item did. `progress(done,
    /// total)` after each batch. On an error the job's rows are removed and nothing of it is ever visible.
    /// Publishing logs one `import_published` change on `entity`, so other desks' live refresh reloads.
    pub(super) fn run_job<I>(
        &mut self,
        kind: &str,
        entity: &str,
        items: &[I],
        write: &mut JobWrite<'_, I>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Vec<Wrote>> {
        let job = self.start_job(kind)?;
        match self.job_batches(&job, entity, items, write, progress) {
            Ok(out) => {
                self.end_job(job);
                Ok(out)
            }
            Err(e) => {
                let (id, action) = (job.id.clone(), job.action.clone());
                self.end_job(job);
                // Best effort: what is left is hidden, and the next job removes it.
                let _ = self.discard_job(&id, &action);
                Err(e)
            }
        }
    }

    fn job_batches<I>(
        &mut self,
        job: &Job,
        entity: &str,
        items: &[I],
        write: &mut JobWrite<'_, I>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Vec<Wrote>> {
        let mut out = Vec::with_capacity(items.len());
        let mut deferred: Vec<usize> = Vec::new();
        let mut pacer = Pacer::new(50);
        let (mut batches, mut longest) = (0_usize, Duration::ZERO);
        while out.len() < items.len() {
            let from = out.len();
            let batch: Vec<&I> = items.iter().skip(from).take(pacer.size()).collect();
            let started = Instant::now();
            let wrote = self.write(|tx, log, rules| {
                tx.execute(
                    "UPDATE bulk_jobs SET heartbeat_at = ?2 WHERE id = ?1",
                    params![job.id, unix_ms()],
                )?;
                batch
                    .iter()
                    .map(|item| write(tx, log, rules, item, false))
                    .collect::<Result<Vec<Wrote>>>()
            })?;
            let took = started.elapsed();
            (batches, longest) = (batches + 1, longest.max(took));
            pacer.done(batch.len(), took);
            for (k, w) in wrote.into_iter().enumerate() {
                if w == Wrote::Deferred {
                    deferred.push(from + k);
                }
                out.push(w);
            }
            progress(out.len(), items.len());
        }
        // One short transaction makes everything visible: the changes to records others could see, then the flag.
        let started = Instant::now();
        let appearing = out.iter().filter(|w| **w == Wrote::Created).count() + deferred.len();
        let published = self.write(|tx, log, rules| {
            let mut again = Vec::with_capacity(deferred.len());
            for &i in &deferred {
                if let Some(item) = items.get(i) {
                    again.push((i, write(tx, log, rules, item, true)?));
                }
            }
            tx.execute(
                "UPDATE bulk_jobs SET published_at = ?2, heartbeat_at = ?2 WHERE id = ?1",
                params![job.id, unix_ms()],
            )?;
            // The rows' own entries were logged while hidden: other desks need one that says "look now" (an
            // import that changed nothing says nothing).
            if appearing > 0 {
                let count = appearing.to_string();
                log.append(
                    tx,
                    entity,
                    &job.id,
                    "import_published",
                    None,
                    Some(&count),
                    unix_ms() / 1000,
                )?;
            }
            Ok(again)
        })?;
        // The lock times this job held, for whoever wonders why a desk waited.
        tracing::info!(
            "bulk job: {} items in {batches} batches (longest {} ms), {} held back and published in {} ms",
            items.len(),
            longest.as_millis(),
            deferred.len(),
            started.elapsed().as_millis()
        );
        for (i, w) in published {
            if let Some(slot) = out.get_mut(i) {
                *slot = w;
            }
        }
        Ok(out)
    }

    /// Registers a job (refused while another one runs), after removing what killed ones left; tags every row
    /// this connection inserts into [`TABLES`] with the job's id until [`Store::end_job`].
    fn start_job(&mut self, kind: &str) -> Result<Job> {
        let host = host_name();
        let pid = i64::from(std::process::id());
        let id = new_id();
        let action = new_id();
        loop {
            let actor = self.actor.clone();
            let abandoned = self.write(|tx, _, _| {
                let pending = pending_jobs(tx)?;
                let now = unix_ms();
                if let Some(live) = pending.iter().find(|p| !p.abandoned(&host, now)) {
                    return Err(StoreError::Refused(format!(
                        "another {} is running on this database ({} on {}, process {}); wait for it to \
                         finish — or, if that process is gone, try again in {} minutes",
                        live.kind,
                        live.actor.as_deref().unwrap_or("someone"),
                        live.host,
                        live.pid,
                        ABANDONED_AFTER_MS / 60_000
                    )));
                }
                if pending.is_empty() {
                    tx.execute(
                        "INSERT INTO bulk_jobs(id, kind, action, actor, host, pid, started_at, heartbeat_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                        params![id, kind, action, actor, host, pid, now],
                    )?;
                }
                Ok(pending)
            })?;
            if abandoned.is_empty() {
                break;
            }
            for p in abandoned {
                self.discard_job(&p.id, &p.action)?;
            }
        }
        self.conn
            .execute_batch("CREATE TEMP TABLE IF NOT EXISTS bulk_job_now(id TEXT NOT NULL)")?;
        self.conn.execute("DELETE FROM temp.bulk_job_now", [])?;
        self.conn
            .execute("INSERT INTO temp.bulk_job_now(id) VALUES (?1)", params![id])?;
        for table in TABLES {
            self.conn.execute_batch(&format!(
                "CREATE TEMP TRIGGER IF NOT EXISTS bulk_tag_{table} AFTER INSERT ON main.{table} BEGIN
                     UPDATE {table} SET job_id = (SELECT id FROM bulk_job_now) WHERE rowid = new.rowid;
                 END"
            ))?;
        }
        let outer_action = self.action.replace(action.clone());
        Ok(Job {
            id,
            action,
            outer_action,
        })
    }

    /// Stops tagging new rows; the job's row stays (published, or for the next job to clean up).
    fn end_job(&mut self, job: Job) {
        for table in TABLES {
            // Dropping a temp trigger cannot fail for a reason worth reporting after the job itself.
            let _ = self
                .conn
                .execute_batch(&format!("DROP TRIGGER IF EXISTS temp.bulk_tag_{table}"));
        }
        self.action = job.outer_action;
    }

    /// Removes an unpublished job's rows and change-log entries in short batches, then the job itself.
    fn discard_job(&mut self, id: &str, action: &str) -> Result<()> {
        let mut pacer = Pacer::new(200);
        let steps = DISCARD
            .iter()
            .map(|sql| (*sql, id))
            .chain([(DISCARD_CHANGES, action)]);
        for (sql, key) in steps {
            loop {
                let started = Instant::now();
                let limit = i64::try_from(pacer.size()).unwrap_or(200);
                let removed = self.write(|tx, _, _| {
                    Ok(tx.prepare_cached(sql)?.execute(params![key, limit])?)
                })?;
                pacer.done(removed.max(1), started.elapsed());
                if removed == 0 {
                    break;
                }
            }
        }
        self.write(|tx, _, _| {
            tx.execute("DELETE FROM bulk_jobs WHERE id = ?1", params![id])?;
            Ok(())
        })
    }

    /// Unpublished jobs and the rows they hide, for `desk check`.
    pub fn unpublished_jobs(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT j.kind || ' started ' || datetime(j.started_at / 1000, 'unixepoch') || ' UTC on ' || j.host,
                    (SELECT count(*) FROM customers c WHERE c.job_id = j.id)
                  + (SELECT count(*) FROM articles a WHERE a.job_id = j.id)
             FROM bulk_jobs j WHERE j.published_at IS NULL",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

fn pending_jobs(tx: &Transaction<'_>) -> Result<Vec<Pending>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, kind, action, actor, host, pid, heartbeat_at FROM bulk_jobs WHERE published_at IS NULL",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Pending {
                id: r.get(0)?,
                kind: r.get(1)?,
                action: r.get(2)?,
                actor: r.get(3)?,
                host: r.get(4)?,
                pid: r.get(5)?,
                heartbeat_at: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Whether the row `id` of `table` is one others can see (not hidden by an unpublished job).
pub(super) fn is_visible(tx: &rusqlite::Connection, table: &str, id: &str) -> Result<bool> {
    let sql = format!("SELECT {} FROM {table} WHERE id = ?1", visible(table));
    Ok(tx
        .prepare_cached(&sql)?
        .query_row(params![id], |r| r.get::<_, bool>(0))
        .optional()?
        .unwrap_or(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_grow_towards_the_target_and_shrink_at_once() {
        // 0.1 ms a row: 100 ms is 1 000 rows, reached by doubling from 50.
        let per = |rows: usize| Duration::from_micros(100 * rows as u64);
        assert_eq!(next_size(50, 50, per(50)), 100);
        assert_eq!(next_size(800, 800, per(800)), 1_000);
        // A slow batch (10 ms a row) cuts the next to what fits the target.
        assert_eq!(next_size(1_000, 1_000, Duration::from_secs(10)), 10);
        // Never zero, never past the ceiling, a zero-time batch only doubles.
        assert_eq!(next_size(1, 1, Duration::from_secs(10)), 1);
        assert_eq!(next_size(4_000, 4_000, Duration::ZERO), MAX_BATCH);
        assert_eq!(next_size(10, 10, Duration::ZERO), 20);
    }

    #[test]
    fn a_job_on_this_machine_is_abandoned_when_its_process_is_gone() {
        let mut p = Pending {
            id: "j".into(),
            kind: "customer import".into(),
            action: "a".into(),
            actor: None,
            host: "here".into(),
            pid: i64::from(std::process::id()),
            heartbeat_at: 1_000_000,
        };
        // Alive and beating.
        assert!(!p.abandoned("here", 1_000_000 + 1_000));
        // Another machine's job: only the heartbeat tells.
        assert!(!p.abandoned("elsewhere", 1_000_000 + ABANDONED_AFTER_MS));
        assert!(p.abandoned("elsewhere", 1_000_000 + ABANDONED_AFTER_MS + 1));
        // A process id no process has.
        p.pid = i64::from(i32::MAX);
        assert_eq!(p.abandoned("here", 1_000_000), cfg!(unix));
    }
}
