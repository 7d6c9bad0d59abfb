//! `[hub]`: where a team's PostgreSQL hub is (issue 20; store::sync::pg) and how to log in to it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HubSettings {
    /// The hub for `desk hub …` when none is given (`postgres://USER@HOST:PORT/DATABASE?sslmode=…`); DESK_HUB_URL
    /// overrides it. A replica remembers the hub it was made from, so `desk sync` needs neither.
    pub url: Option<String>,
    /// A command that prints the hub password (a password manager's CLI), used when neither the URL nor
    /// DESK_HUB_PASSWORD / PGPASSWORD holds one.
    pub password_command: Option<String>,
}
