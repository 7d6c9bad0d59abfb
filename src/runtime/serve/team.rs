//! Answers to team requests: the change feed, presence, agents and groups.

use crate::app::protocol::{TeamRequest, TeamResponse};
use crate::store::team::ChangeFeed;
use crate::store::{Result, Store};

pub fn serve(store: &mut Store, req: TeamRequest) -> Result<TeamResponse> {
    Ok(match req {
        TeamRequest::DataVersion => TeamResponse::DataVersion(store.data_version()?),
        TeamRequest::ChangesSince { seq: None } => TeamResponse::Changes(ChangeFeed {
            last: store.last_change_seq()?,
            ..Default::default()
        }),
        TeamRequest::ChangesSince { seq: Some(seq) } => {
            TeamResponse::Changes(store.changes_since(seq, crate::app::team_feed_limit())?)
        }
        TeamRequest::Heartbeat {
            number,
            activity,
            at,
        } => {
            store.set_presence(number, activity, at)?;
            TeamResponse::Presence {
                number,
                others: store.presence_on(number, at)?,
            }
        }
        TeamRequest::PresenceOn { number, at } => TeamResponse::Presence {
            number,
            others: store.presence_on(number, at)?,
        },
        TeamRequest::Agents => TeamResponse::Agents(store.agents()?),
        TeamRequest::SetAvailability(a) => {
            store.set_availability(None, a, crate::runtime::now())?;
            TeamResponse::Agents(store.agents()?)
        }
        TeamRequest::Groups => TeamResponse::Groups(store.groups()?),
    })
}
