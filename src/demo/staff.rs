//! The support team: agents from the corpus (the first is `li`, the demo user) and their groups.

use super::corpus::Content;
use super::rng::Rng;
use super::time::{DAY, WINDOW_DAYS};
use crate::store::bulk::BulkWriter;
use crate::store::records::{AgentRec, GroupRec};
use anyhow::Result;

pub(super) struct Staff {
    /// Corpus order: index 0 is `li`, the demo user.
    pub agents: Vec<AgentRec>,
    pub group_ids: Vec<String>,
    /// Agent indexes per group.
    pub members: Vec<Vec<usize>>,
}

pub(super) fn write_staff(
    w: &mut BulkWriter<'_>,
    content: &Content,
    now: i64,
    rng: &mut Rng,
) -> Result<Staff> {
    let corpus = &content.corpus;
    // The team existed before the data window.
    let hired = now - (WINDOW_DAYS + 90) * DAY;
    let mut agents = Vec::with_capacity(corpus.agents.len());
    for (i, a) in corpus.agents.iter().enumerate() {
        let created_at = hired + i as i64 * DAY;
        let rec = AgentRec {
            id: rng.ulid(created_at),
            handle: a.handle.clone(),
            name: a.name.clone(),
            email: Some(a.email.clone()),
            role: match i {
                0 => "admin",
                1 => "lead",
                _ => "agent",
            }
            .to_string(),
            created_at,
        };
        w.agent(&rec)?;
        agents.push(rec);
    }
    // `li` works every queue so the demo user sees tickets of each kind; others sit in one or two groups.
    let n_groups = corpus.groups.len();
    let mut members: Vec<Vec<usize>> = vec![vec![0]; n_groups];
    for a in 1..agents.len() {
        let first = (a - 1) % n_groups;
        members[first].push(a);
        let second = rng.index(n_groups);
        if second != first && rng.chance(0.4) {
            members[second].push(a);
        }
    }
    let mut group_ids = Vec::with_capacity(n_groups);
    for (g, name) in corpus.groups.iter().enumerate() {
        let created_at = hired - DAY;
        let rec = GroupRec {
            id: rng.ulid(created_at),
            name: name.clone(),
            members: members[g].iter().map(|&a| agents[a].id.clone()).collect(),
            created_at,
        };
        w.group(&rec)?;
        group_ids.push(rec.id);
    }
    Ok(Staff {
        agents,
        group_ids,
        members,
    })
}
