//! Numbered SQL migrations from assets/migrations, applied in one transaction under `PRAGMA user_version`.

use super::{Result, StoreError};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::Path;

/// Migrations in order; migration N (1-based) brings the schema to version N.
const MIGRATIONS: &[&str] = &[
    include_str!("../../assets/migrations/0001_init.sql"),
    include_str!("../../assets/migrations/0002_ticket_links.sql"),
    include_str!("../../assets/migrations/0003_sla_and_loop.sql"),
    include_str!("../../assets/migrations/0004_crm.sql"),
    include_str!("../../assets/migrations/0005_kb.sql"),
    include_str!("../../assets/migrations/0006_metrics.sql"),
    include_str!("../../assets/migrations/0007_team.sql"),
    include_str!("../../assets/migrations/0008_phone_norm.sql"),
    include_str!("../../assets/migrations/0009_priority_rank.sql"),
    include_str!("../../assets/migrations/0010_undo_and_drafts.sql"),
    include_str!("../../assets/migrations/0011_loaded_at.sql"),
    include_str!("../../assets/migrations/0012_fts_fold.sql"),
    include_str!("../../assets/migrations/0013_bulk_jobs.sql"),
    include_str!("../../assets/migrations/0014_intake.sql"),
    include_str!("../../assets/migrations/0015_outbox.sql"),
    include_str!("../../assets/migrations/0016_ticket_external.sql"),
    include_str!("../../assets/migrations/0017_imap_mailboxes.sql"),
    include_str!("../../assets/migrations/0018_outbox_from.sql"),
    include_str!("../../assets/migrations/0019_draft_by_mail.sql"),
    include_str!("../../assets/migrations/0020_sync.sql"),
    include_str!("../../assets/migrations/0021_sla_escalate_at.sql"),
    include_str!("../../assets/migrations/0022_search_classes.sql"),
    include_str!("../../assets/migrations/0023_daily_rollups.sql"),
    include_str!("../../assets/migrations/0024_dispatch.sql"),
    include_str!("../../assets/migrations/0025_field_service.sql"),
    include_str!("../../assets/migrations/0026_quality_reviews.sql"),
    include_str!("../../assets/migrations/0027_service_loop.sql"),
    include_str!("../../assets/migrations/0028_average_times_and_topics.sql"),
    include_str!("../../assets/migrations/0029_improvement_plans.sql"),
    include_str!("../../assets/migrations/0030_customer_profile.sql"),
    include_str!("../../assets/migrations/0031_questionnaires.sql"),
    include_str!("../../assets/migrations/0032_pinyin.sql"),
    include_str!("../../assets/migrations/0033_kb_pinyin.sql"),
];

pub const LATEST_SCHEMA: i64 = MIGRATIONS.len() as i64;

pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    // Every connection desk writes through is migrated first, so this is where the schema's own function (the
    // word index's text, migration 22) is registered; migration 22 itself needs it for `rebuild`.
    super::search_index::register(conn)?;
    let before: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if before == LATEST_SCHEMA {
        return Ok(()); // Up to date: opening takes no write lock.
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Re-read inside the write lock: another process may have migrated while we waited.
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > LATEST_SCHEMA {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: current,
            known: LATEST_SCHEMA,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    let has_replica: Option<String> = tx
        .query_row("SELECT value FROM meta WHERE key = 'replica_id'", [], |r| {
            r.get(0)
        })
        .optional()?;
    if has_replica.is_none() {
        // A new database: its id (kept by every backup and replica) starts as its first replica's id.
        let id = super::new_id();
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('replica_id', ?1), ('database_id', ?1)",
            params![id],
        )?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('ticket_number_seq', '1000')",
            [],
        )?;
    }
    // Phone keys made under no region yet (migration 8, or a new file): key them under the default one, so a
    // store nobody configures still finds every phone. A configured region re-keys on open (store::phones).
    super::phones::key_unkeyed(&tx)?;
    tx.commit()?;
    Ok(())
}

pub(super) fn replica_id(conn: &Connection) -> Result<String> {
    Ok(
        conn.query_row("SELECT value FROM meta WHERE key = 'replica_id'", [], |r| {
            r.get(0)
        })?,
    )
}
