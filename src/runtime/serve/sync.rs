//! Answers to sync requests: the conflicts list and settling a conflict.

use crate::app::protocol::{SyncRequest, SyncResponse, outcome};
use crate::store::{Result, Store};

pub fn serve(store: &mut Store, req: SyncRequest) -> Result<SyncResponse> {
    Ok(match req {
        SyncRequest::Conflicts { actor } => {
            SyncResponse::Conflicts(store.conflicts(actor.as_deref())?)
        }
        SyncRequest::Settle { loser, reapply, at } => {
            let done = store.settle_conflict(&loser, reapply, at);
            SyncResponse::Settled {
                loser,
                reapply,
                outcome: outcome(done),
            }
        }
    })
}
