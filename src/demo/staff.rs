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
    pub routing: Routing,
}

/// Which group takes which work, found from the group names (English or Chinese). A desk without, say, a billing
/// group sends that work to the first group, the front line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Routing {
    pub front_line: usize,
    pub complaints: usize,
    pub after_sales: usize,
    pub billing: usize,
    pub vip: usize,
}

impl Routing {
    fn from_names(names: &[String]) -> Routing {
        let find = |keys: &[&str]| {
            names
                .iter()
                .position(|n| {
                    let n = n.to_lowercase();
                    keys.iter().any(|k| n.contains(k))
                })
                .unwrap_or(0)
        };
        Routing {
            front_line: 0,
            complaints: find(&["complaint", "投诉"]),
            after_sales: find(&["after-sales", "after sales", "售后", "repair", "维修"]),
            billing: find(&["billing", "账务", "账单", "财务"]),
            vip: find(&["vip", "贵宾"]),
        }
    }
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
    write_dispatch(w, &agents, &group_ids)?;
    Ok(Staff {
        agents,
        group_ids,
        members,
        routing: Routing::from_names(&corpus.groups),
    })
}

/// Dispatch settings for every view to show something: each group assigns its own way, agents carry skills and a
/// capacity, one is away and one off. Derived from positions, not drawn: the random streams (and so every other
/// part of the demo) stay as they were.
fn write_dispatch(w: &mut BulkWriter<'_>, agents: &[AgentRec], group_ids: &[String]) -> Result<()> {
    use crate::domain::dispatch::{Availability, Strategy};
    const CITIES: [&str; 5] = ["上海", "北京", "广州", "深圳", "成都"];
    for (g, id) in group_ids.iter().enumerate() {
        let how = [
            Strategy::RoundRobin,
            Strategy::Skills,
            Strategy::LeastLoad,
            Strategy::Manual,
        ][g % 4];
        w.group_assignment(id, how)?;
    }
    for (i, a) in agents.iter().enumerate() {
        // li (the demo user) stays on duty; two others are not.
        let availability = match i {
            3 => Availability::Away,
            5 => Availability::Off,
            _ => Availability::OnDuty,
        };
        let mut skills = vec![format!("city:{}", CITIES[i % CITIES.len()])];
        skills.push(if i % 2 == 0 { "lang:zh" } else { "lang:en" }.to_string());
        if i % 3 == 0 {
            skills.push("kind:complaint".into());
        }
        w.dispatch(
            &a.id,
            availability,
            (i > 0).then_some(40 + 10 * (i as u32 % 4)),
            &skills,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routing_reads_english_or_chinese_group_names_and_falls_back_to_the_first() {
        let names: Vec<String> = [
            "Front line 一线",
            "After-sales 售后",
            "Billing 账务",
            "VIP desk 贵宾",
            "Complaints 投诉",
        ]
        .map(String::from)
        .to_vec();
        let r = Routing::from_names(&names);
        assert_eq!(
            (r.front_line, r.after_sales, r.billing, r.vip, r.complaints),
            (0, 1, 2, 3, 4)
        );
        let r = Routing::from_names(&["一线支持".to_string(), "投诉处理".to_string()]);
        assert_eq!(
            (r.complaints, r.after_sales, r.billing, r.vip),
            (1, 0, 0, 0)
        );
    }
}
