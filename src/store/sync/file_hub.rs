//! The hub as a desk database file (the team's shared file, or any other): found where the replica was made from,
//! or where the caller says it is now (a share mounted elsewhere).

use super::super::{OpenMode, Result, StorageMode, Store, StoreError, fs_kind};
use super::{Direction, SyncReport};
use std::path::Path;

/// How to open a hub file: as it is kept. A team file in the rollback journal (shared mode, on a share or forced by
/// its team's config) stays so — opening it in local mode would switch it to WAL under the team's feet — and one on
/// a network filesystem is never opened in local mode.
pub fn hub_storage(path: &Path) -> StorageMode {
    let network = fs_kind::detect(path).auto_mode() == StorageMode::Shared;
    if network || !super::super::convert::uses_wal(path) {
        StorageMode::Shared
    } else {
        StorageMode::Local
    }
}

/// What one sync did, and where the hub was (a file's path, or a PostgreSQL hub's URL without its password).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileSync {
    pub hub: String,
    pub report: SyncReport,
}

impl Store {
    /// Syncs this replica with its hub file (`at`, else where it was made from). A failure is recorded for
    /// `desk replica status` and the status bar; nothing is half-applied on either side.
    pub fn sync_with_file(
        &mut self,
        at: Option<&Path>,
        dir: Direction,
        now: i64,
    ) -> Result<FileSync> {
        let at = at.map(|p| p.display().to_string());
        self.sync_with_hub(at.as_deref(), None, dir, now)
    }

    /// Syncs this replica with its hub — a desk file, or a PostgreSQL hub when the replica was made from one (or
    /// `at` is a `postgres://` URL); `password_command` is `[hub] password_command`.
    pub fn sync_with_hub(
        &mut self,
        at: Option<&str>,
        password_command: Option<&str>,
        dir: Direction,
        now: i64,
    ) -> Result<FileSync> {
        let Some((hub_id, location)) = self.sync_hub()? else {
            return Err(StoreError::Refused(format!(
                "{} is not a replica; make one with `desk replica create --from TEAM.db LOCAL.db` and work in that",
                self.path.display()
            )));
        };
        let target = at.map_or(location, str::to_string);
        let result = if super::pg::is_hub_url(&target) {
            let cfg = super::pg::HubConfig {
                url: target.clone(),
                password_command: password_command.map(str::to_string),
            };
            self.sync_pg(&cfg, &hub_id, dir, now)
        } else {
            self.sync_file_at(Path::new(&target), &hub_id, dir, now)
        };
        if let Err(e) = &result {
            let _ = self.note_sync_failure(&hub_id, &e.to_string(), now);
        }
        let hub = super::pg::shown_url(&target);
        result.map(|report| FileSync { hub, report })
    }

    /// Syncs over a connection the caller keeps (the running desk's background job); a failure is recorded.
    pub fn sync_with_pg_hub(
        &mut self,
        hub: &mut super::pg::PgHub,
        dir: Direction,
        now: i64,
    ) -> Result<SyncReport> {
        let Some((hub_id, _)) = self.sync_hub()? else {
            return Err(StoreError::Refused(format!(
                "{} is not a replica",
                self.path.display()
            )));
        };
        let result = if super::Hub::hub_id(hub) == hub_id {
            self.sync_with(hub, dir, now)
        } else {
            Err(StoreError::Refused(format!(
                "{} is not this replica's hub",
                hub.shown()
            )))
        };
        if let Err(e) = &result {
            let _ = self.note_sync_failure(&hub_id, &e.to_string(), now);
        }
        result
    }

    fn sync_pg(
        &mut self,
        cfg: &super::pg::HubConfig,
        hub_id: &str,
        dir: Direction,
        now: i64,
    ) -> Result<SyncReport> {
        let mut hub = super::pg::PgHub::connect(cfg)?;
        if super::Hub::hub_id(&hub) != hub_id {
            return Err(StoreError::Refused(format!(
                "{} is not this replica's hub: it is hub {}, and this replica was made from {hub_id}",
                cfg.shown(),
                super::Hub::hub_id(&hub)
            )));
        }
        self.sync_with(&mut hub, dir, now)
    }

    fn sync_file_at(
        &mut self,
        path: &Path,
        hub_id: &str,
        dir: Direction,
        now: i64,
    ) -> Result<SyncReport> {
        if !path.exists() {
            return Err(StoreError::Refused(format!(
                "the hub {} cannot be reached (is the share mounted?); your changes are kept here and go with the \
                 next sync",
                path.display()
            )));
        }
        let mut hub = Store::open_with(path, OpenMode::Existing, hub_storage(path))?;
        if hub.replica() != hub_id {
            return Err(StoreError::Refused(format!(
                "{} is not this replica's hub: it is database {}, and this replica was made from {hub_id}; pass the \
                 team's database to `desk sync`",
                path.display(),
                hub.replica()
            )));
        }
        hub.set_service_rules(self.service_rules().clone());
        self.sync_with(&mut hub, dir, now)
    }
}
