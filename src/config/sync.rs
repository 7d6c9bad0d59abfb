//! `[sync]`: how a running desk keeps a replica in step with its hub (store::sync, runtime::sync).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SyncConfig {
    /// On a replica, sync with the hub in the background whenever it can be reached.
    pub auto: bool,
    /// Seconds between looks at the hub (what waits each way, whether it can be reached); at least 1.
    pub every_secs: u32,
}

impl Default for SyncConfig {
    fn default() -> Self {
        SyncConfig {
            auto: true,
            every_secs: 5,
        }
    }
}
