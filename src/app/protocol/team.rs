//! Team requests: who else wrote (live refresh), presence on a ticket, and the people and groups of the desk.

use super::{Class, Slot};
use crate::domain::team::{Activity, Presence};
use crate::store::agents::{AgentRow, GroupRow};
use crate::store::team::ChangeFeed;

#[derive(Debug, Clone, PartialEq)]
pub enum TeamRequest {
    /// `PRAGMA data_version`: cheap; changes when another connection commits.
    DataVersion,
    /// Change-log entries after `seq` (`None`: only where the log ends now), for live refresh.
    ChangesSince {
        seq: Option<i64>,
    },
    /// The agent's presence: viewing or replying on ticket `number`, or gone (`None`). Answered with the others
    /// on that ticket.
    Heartbeat {
        number: i64,
        activity: Option<Activity>,
        at: i64,
    },
    /// Who else is on ticket `number` (read only: a write here would echo between agents).
    PresenceOn {
        number: i64,
        at: i64,
    },
    /// Active agents, for the assignee picker.
    Agents,
    /// Switches the signed-in agent's availability; answered with the agents.
    SetAvailability(crate::domain::dispatch::Availability),
    Groups,
}

impl TeamRequest {
    pub fn class(&self) -> Class {
        match self {
            TeamRequest::DataVersion => Class::Latest(Slot::DataVersion),
            // A newer ask starts where the model has read up to, which is never before an older ask's start.
            TeamRequest::ChangesSince { .. } => Class::Latest(Slot::Changes),
            TeamRequest::Heartbeat { .. } => Class::Write,
            TeamRequest::PresenceOn { .. } => Class::Latest(Slot::Presence),
            TeamRequest::Agents => Class::Latest(Slot::Agents),
            TeamRequest::SetAvailability(_) => Class::Write,
            TeamRequest::Groups => Class::Latest(Slot::Groups),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TeamResponse {
    DataVersion(i64),
    Changes(ChangeFeed),
    Presence { number: i64, others: Vec<Presence> },
    Agents(Vec<AgentRow>),
    Groups(Vec<GroupRow>),
}
