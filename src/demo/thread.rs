//! Writes one planned ticket: its thread (customer message, agent replies, internal notes, follow-ups) with
//! consistent timestamps, and its tags; solved work goes on to aftercare.rs.

use super::aftercare::{Done, write_follow_up, write_surveys};
use super::corpus::{Content, Part, Topic};
use super::people::{Customer, People};
use super::rng::Rng;
use super::staff::Staff;
use super::template::{Vars, fill};
use super::tickets::{Plan, Previous};
use super::time::{DAY, HOUR, MINUTE, local_ymd};
use crate::domain::customer::{Warranty, warranty_state};
use crate::domain::ticket::{Channel, Kind, Priority, Status};
use crate::store::bulk::BulkWriter;
use crate::store::records::{AuthorKind, MessageRec, TicketRec};
use anyhow::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The opening message, or a later one from the customer.
    Customer,
    Agent,
    Note,
    System,
}

/// Picks a topic's lines without repeating one inside a thread (until a part runs out of lines): a random
/// first line, then the following ones.
#[derive(Default)]
struct Lines {
    /// Per part: (first index, lines used).
    state: [Option<(usize, usize)>; 5],
}

impl Lines {
    fn next<'t>(&mut self, topic: &'t Topic, part: Part, zh: bool, rng: &mut Rng) -> &'t str {
        let lines = topic.lines(part, zh);
        let slot = &mut self.state[part as usize];
        let (first, used) = slot.get_or_insert_with(|| (rng.index(lines.len()), 0));
        let line = &lines[(*first + *used) % lines.len()];
        *used += 1;
        line
    }
}

/// Everything a ticket's lines are filled with.
struct Ctx<'a> {
    product: &'a str,
    serial: &'a str,
    order: String,
    name: &'a str,
    agent: &'a str,
}

impl Ctx<'_> {
    fn vars(&self) -> Vars<'_> {
        Vars {
            product: self.product,
            order: &self.order,
            serial: self.serial,
            name: self.name,
            agent: self.agent,
        }
    }
}

/// Writes the ticket and everything hanging off it; returns what the next ticket may refer to and the number of
/// messages written.
pub(super) fn write_ticket(
    w: &mut BulkWriter<'_>,
    plan: &Plan,
    content: &Content,
    people: &People,
    staff: &Staff,
    now: i64,
    rng: &mut Rng,
) -> Result<(Previous, u64)> {
    let corpus = &content.corpus;
    let topic = &corpus.topics[plan.topic];
    let cust = &people.customers[plan.customer];
    let cust_id = cust.id.to_string();
    let owned_products = people.products(cust);
    let name = cust.name(content);
    // Replies come from the owner; on unowned tickets, from whoever in the group picked up the message.
    let writer = plan
        .assignee
        .unwrap_or_else(|| *rng.pick(&staff.members[plan.group]));
    // Customers mention what they own even when the ticket is not filed against a product.
    let owned = plan.product.or((!owned_products.is_empty()).then_some(0));
    let (product, serial) = match owned.map(|p| &owned_products[p]) {
        Some(p) => (
            corpus.products[p.catalog as usize].name.as_str(),
            p.serial(content),
        ),
        None => (corpus.products[0].name.as_str(), "—".to_string()),
    };
    let (y, m, d) = local_ymd(plan.created_at - rng.range(DAY, 40 * DAY));
    let ctx = Ctx {
        product,
        serial: &serial,
        order: format!("DD{y:04}{m:02}{d:02}{:04}", rng.below(10_000)),
        name: &name,
        agent: &staff.agents[writer].name,
    };
    let mut lines = Lines::default();
    let mut subject = String::new();
    fill(
        lines.next(topic, Part::Subject, plan.zh, rng),
        &ctx.vars(),
        &mut subject,
    );

    let roles = shape(plan.status, rng);
    let Timeline {
        times,
        first_response_at,
        solved_at,
        closed_at,
    } = timeline(&roles, plan, now, rng);
    let last = times[times.len() - 1];

    let id = rng.ulid(plan.created_at);
    let number = w.ticket(&TicketRec {
        id: id.clone(),
        number: None,
        subject: subject.clone(),
        status: plan.status,
        priority: plan.priority,
        kind: plan.kind,
        channel: plan.channel,
        customer_id: Some(cust_id.clone()),
        product_id: plan.product.map(|p| owned_products[p].id.to_string()),
        assignee_id: plan.assignee.map(|a| staff.agents[a].id.clone()),
        group_id: Some(staff.group_ids[plan.group].clone()),
        created_at: plan.created_at,
        updated_at: closed_at.unwrap_or(last),
        first_response_at,
        solved_at,
        closed_at,
        merged_into: plan.merged_into.as_ref().map(|(id, _)| id.clone()),
    })?;

    let agent_id = &staff.agents[writer].id;
    let mut body = String::new();
    for (k, (&role, &at)) in roles.iter().zip(&times).enumerate() {
        body.clear();
        let (author_kind, author_id, internal, part) = match role {
            Role::Customer if k == 0 => (
                AuthorKind::Customer,
                Some(&cust_id),
                false,
                Some(Part::Customer),
            ),
            Role::Customer => (
                AuthorKind::Customer,
                Some(&cust_id),
                false,
                Some(Part::Followup),
            ),
            Role::Agent => (AuthorKind::Agent, Some(agent_id), false, Some(Part::Agent)),
            Role::Note => (AuthorKind::Agent, Some(agent_id), true, Some(Part::Note)),
            Role::System => (AuthorKind::System, None, true, None),
        };
        match (part, &plan.merged_into) {
            (Some(part), _) => {
                fill(
                    lines.next(topic, part, plan.zh, rng),
                    &ctx.vars(),
                    &mut body,
                );
                // Agents often answer with the knowledge base (标准话术 + the article).
                if let (Part::Agent, Some(a)) =
                    (part, content.topic_article[plan.topic][plan.zh as usize])
                    && rng.chance(0.25)
                {
                    let title = &content.kb[a].title;
                    body.push_str(&if plan.zh {
                        format!("\n\n参考文章：《{title}》")
                    } else {
                        format!("\n\nSee the article \"{title}\".")
                    });
                }
            }
            (None, Some((_, into))) if plan.zh => {
                body.push_str(&format!("重复工单，已合并到 #{into}"))
            }
            (None, Some((_, into))) => body.push_str(&format!("Duplicate: merged into #{into}")),
            (None, None) => body.push_str("Merged"),
        }
        w.message(&MessageRec {
            id: rng.ulid(at),
            ticket_id: id.clone(),
            author_kind,
            author_id: author_id.cloned(),
            internal,
            body: body.clone(),
            created_at: at,
            channel: matches!(role, Role::Customer | Role::Agent).then_some(plan.channel),
        })?;
    }

    let warranty_until = plan.product.map(|p| owned_products[p].warranty_until);
    write_tags(w, plan, cust, warranty_until, &id, now, rng)?;
    if let Some(at) = solved_at {
        let done = Done {
            ticket_id: &id,
            customer_id: &cust_id,
            subject: &subject,
            at,
        };
        let low = write_surveys(w, plan, &done, now, rng)?;
        write_follow_up(w, plan, staff, &done, low, now, rng)?;
    }
    Ok((
        Previous {
            id,
            number,
            customer: plan.customer,
            topic: plan.topic,
            product: plan.product,
            assignee: plan.assignee,
            merged: plan.status == Status::Merged,
        },
        roles.len() as u64,
    ))
}

/// The thread's roles in order; its shape follows from where the ticket stands now.
fn shape(status: Status, rng: &mut Rng) -> Vec<Role> {
    let rounds = 1 + rng.weighted(&[55, 35, 10]);
    let mut roles = vec![Role::Customer];
    match status {
        Status::New => {}
        Status::Merged => roles.push(Role::System),
        // Open: the customer spoke last (or nobody has answered yet).
        Status::Open => {
            for _ in 0..rng.weighted(&[15, 60, 25]) {
                roles.extend([Role::Agent, Role::Customer]);
            }
        }
        // Waiting on someone else, or done: an agent spoke last.
        _ => {
            for _ in 1..rounds {
                roles.extend([Role::Agent, Role::Customer]);
            }
            roles.push(Role::Agent);
        }
    }
    let note_chance = match status {
        Status::New | Status::Merged => 0.0,
        Status::OnHold => 0.6,
        _ => 0.2,
    };
    if roles.len() < 6 && rng.chance(note_chance) {
        // Triage note between the opening message and the first answer.
        roles.insert(1, Role::Note);
    }
    roles
}

/// When each message was written, and the ticket's milestones.
struct Timeline {
    /// One per role, non-decreasing, the first at the ticket's creation, none after `now`.
    times: Vec<i64>,
    first_response_at: Option<i64>,
    solved_at: Option<i64>,
    closed_at: Option<i64>,
}

fn timeline(roles: &[Role], plan: &Plan, now: i64, rng: &mut Rng) -> Timeline {
    // Gaps before each message (and before closing), squeezed into the time left before `now` if need be.
    let mut first_agent = true;
    // Chat and WeChat run in minutes (the 3-5-7 rule), mostly on time; phone is answered live, then by callback.
    // Chat times are folded from the same draws, so the rest of the demo stays as it was.
    let chat = matches!(plan.channel, Channel::Chat | Channel::Wechat);
    let mut gaps: Vec<i64> = roles
        .iter()
        .skip(1)
        .map(|role| match role {
            Role::Agent => {
                let base = response_delay(plan.priority, rng);
                let gap = match (chat, first_agent) {
                    // One in seven chats waits as long as any other ticket.
                    (true, _) if base % 7 == 0 => base,
                    (true, true) => 20 + base % (4 * MINUTE),
                    (true, false) => MINUTE + base % (5 * MINUTE),
                    (false, true) if plan.channel == Channel::Phone => base / 3,
                    (false, _) => base,
                };
                first_agent = false;
                gap
            }
            Role::Customer if chat => MINUTE + rng.range(20 * MINUTE, 30 * HOUR) % (14 * MINUTE),
            Role::Customer => rng.range(20 * MINUTE, 30 * HOUR),
            Role::Note => rng.range(2 * MINUTE, 90 * MINUTE),
            Role::System => rng.range(5 * MINUTE, 3 * HOUR),
        })
        .collect();
    let close_gap = match plan.status {
        Status::Closed => rng.range(DAY, 6 * DAY),
        _ => 0,
    };
    let total: i64 = gaps.iter().sum::<i64>() + close_gap;
    let room = (now - plan.created_at).max(0);
    let scale = if total > room {
        room as f64 / total as f64
    } else {
        1.0
    };
    gaps.iter_mut()
        .for_each(|g| *g = (*g as f64 * scale) as i64);
    let close_gap = (close_gap as f64 * scale) as i64;

    let mut times = Vec::with_capacity(roles.len());
    let mut t = plan.created_at;
    times.push(t);
    for g in &gaps {
        t += g;
        times.push(t);
    }
    let done = matches!(plan.status, Status::Solved | Status::Closed);
    Timeline {
        first_response_at: roles
            .iter()
            .position(|r| *r == Role::Agent)
            .map(|i| times[i]),
        solved_at: done.then_some(t),
        closed_at: (plan.status == Status::Closed).then_some(t + close_gap),
        times,
    }
}

/// Time to an agent's answer by four-colour priority.
fn response_delay(priority: Priority, rng: &mut Rng) -> i64 {
    match priority {
        Priority::Urgent => rng.range(3 * MINUTE, HOUR),
        Priority::High => rng.range(10 * MINUTE, 4 * HOUR),
        Priority::Normal => rng.range(20 * MINUTE, 14 * HOUR),
        Priority::Low => rng.range(HOUR, 40 * HOUR),
    }
}

fn write_tags(
    w: &mut BulkWriter<'_>,
    plan: &Plan,
    cust: &Customer,
    warranty_until: Option<i64>,
    id: &str,
    now: i64,
    rng: &mut Rng,
) -> Result<()> {
    let mut tag = |t: &str| w.tag("ticket", id, t);
    if cust.tier.is_vip() {
        tag("vip")?;
    }
    let refund = match plan.kind {
        Kind::Complaint => 0.25,
        Kind::ServiceRequest => 0.1,
        _ => 0.0,
    };
    if rng.chance(refund) {
        tag("refund")?;
    }
    if plan.repeat && rng.chance(0.6) {
        tag("repeat")?;
    }
    if plan.priority == Priority::Urgent
        && matches!(plan.kind, Kind::Complaint | Kind::Incident)
        && rng.chance(0.6)
    {
        tag("escalated")?;
    }
    if plan.status == Status::Merged {
        tag("duplicate")?;
    }
    if let (Kind::ServiceRequest, Some(until)) = (plan.kind, warranty_until) {
        match warranty_state(Some(until), plan.created_at.min(now)) {
            Warranty::Valid { .. } => tag("warranty")?,
            _ => tag("out-of-warranty")?,
        }
    }
    Ok(())
}
