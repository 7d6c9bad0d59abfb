//! Ticket planning: when each ticket arrives, from whom, about what, through which channel, how urgent, where it
//! stands now and who owns it. The thread and timestamps follow from the plan (see thread.rs).

use super::corpus::Content;
use super::people::People;
use super::rng::Rng;
use super::staff::Staff;
use super::time::{DAY, IntakeCurve};
use crate::domain::ticket::{Channel, Kind, Priority, Status};

/// One ticket's decided attributes.
pub(super) struct Plan {
    pub created_at: i64,
    pub customer: usize,
    pub topic: usize,
    pub kind: Kind,
    pub status: Status,
    pub priority: Priority,
    pub channel: Channel,
    /// Index into the customer's products.
    pub product: Option<usize>,
    pub assignee: Option<usize>,
    pub group: usize,
    /// The ticket writes in Chinese.
    pub zh: bool,
    /// Earlier ticket this duplicate was folded into: (id, number).
    pub merged_into: Option<(String, i64)>,
    /// The customer already had two or more tickets.
    pub repeat: bool,
}

/// What the next ticket may need of the previous one (duplicates are merged into it).
pub(super) struct Previous {
    pub id: String,
    pub number: i64,
    pub customer: usize,
    pub topic: usize,
    pub product: Option<usize>,
    pub assignee: Option<usize>,
    pub merged: bool,
}

/// Statuses pinned on the newest tickets, oldest first, so a small demo still shows every open state.
const RECENT_STATUSES: [Status; 5] = [
    Status::Solved,
    Status::OnHold,
    Status::Pending,
    Status::Open,
    Status::New,
];
/// Index of the pinned merged ticket: right after the coverage window of kinds and channels.
const PINNED_MERGED: u64 = 7;
/// The demo user should have a queue of their own however small the demo.
const LI_MIN_OPEN: u32 = 4;

pub(super) struct Planner {
    total: u64,
    curve: IntakeCurve,
    now: i64,
    kind_order: Vec<usize>,
    channel_order: Vec<usize>,
    priority_order: Vec<usize>,
    /// Tickets per customer so far, for the "repeat" signal.
    per_customer: Vec<u32>,
    li_open: u32,
    /// Share of a Chinese-named customer's tickets written in Chinese.
    chinese_tickets: f64,
}

impl Planner {
    pub(super) fn new(
        total: u64,
        customers: usize,
        now: i64,
        chinese_tickets: f64,
        rng: &mut Rng,
    ) -> Planner {
        let order = |n: usize, rng: &mut Rng| {
            let mut v: Vec<usize> = (0..n).collect();
            rng.shuffle(&mut v);
            v
        };
        Planner {
            total,
            curve: IntakeCurve::new(now),
            now,
            kind_order: order(Kind::ALL.len(), rng),
            channel_order: order(Channel::ALL.len(), rng),
            priority_order: order(Priority::ALL.len(), rng),
            per_customer: vec![0; customers],
            li_open: 0,
            chinese_tickets,
        }
    }

    pub(super) fn plan(
        &mut self,
        i: u64,
        prev: Option<&Previous>,
        content: &Content,
        people: &People,
        staff: &Staff,
        rng: &mut Rng,
    ) -> Plan {
        // Slot i of the intake curve, jittered inside the slot: numbers stay in creation order.
        let created_at = self.curve.at((i as f64 + rng.f64()) / self.total as f64);
        let age_days = (self.now - created_at) / DAY;
        let from_end = self.total - 1 - i;

        let mut status = if from_end < RECENT_STATUSES.len() as u64 {
            RECENT_STATUSES[RECENT_STATUSES.len() - 1 - from_end as usize]
        } else if i == 0 {
            Status::Closed
        } else if i == PINNED_MERGED {
            Status::Merged
        } else {
            status_by_age(age_days, rng)
        };
        // A duplicate needs an earlier, unmerged ticket to fold into, and must not disturb the coverage window.
        let merge_target = prev.filter(|p| !p.merged && i >= PINNED_MERGED);
        if status == Status::Merged && merge_target.is_none() {
            status = Status::Closed;
        }

        let (customer, topic, kind, product, merged_into) = match (status, merge_target) {
            (Status::Merged, Some(p)) => {
                let topic = p.topic;
                let kind = content.corpus.topics[topic].kind;
                (
                    p.customer,
                    topic,
                    kind,
                    p.product,
                    Some((p.id.clone(), p.number)),
                )
            }
            _ => {
                let kind = match cover(&self.kind_order, i) {
                    Some(k) => Kind::ALL[k],
                    None => Kind::ALL[rng.weighted(&[34, 15, 26, 9, 9, 7])],
                };
                let topics = &content.topics_by_kind[kind_index(kind)];
                let topic = *rng.pick(topics);
                // A skewed pick: some customers call often, many only once.
                let n = people.customers.len();
                // u^1.5 via sqrt: IEEE-exact on every platform, unlike libm's powf, so the data stays identical.
                let u = rng.f64();
                let mut customer = ((u * u.sqrt() * n as f64) as usize).min(n - 1);
                // The pinned lapsed customer has stopped contacting us.
                if customer as u64 == super::people::LAPSED_CUSTOMER && n > customer + 1 {
                    customer += 1;
                }
                // The newest ticket is tuned to its SLA policy below: give it the customer whose tier is pinned
                // by hand (diamond), so recomputing tiers cannot move it to another policy.
                if from_end == 0 {
                    customer = 0;
                }
                let with_product = match kind {
                    Kind::ServiceRequest => 0.92,
                    Kind::Complaint => 0.5,
                    Kind::Question | Kind::Incident => 0.35,
                    Kind::ValueAdded | Kind::Task => 0.1,
                };
                let owned = people.products(&people.customers[customer]).len();
                let product = (owned > 0 && rng.chance(with_product)).then(|| rng.index(owned));
                (customer, topic, kind, product, None)
            }
        };
        let cust = &people.customers[customer];
        let repeat = self.per_customer[customer] >= 2;
        self.per_customer[customer] += 1;

        let zh = if cust.zh {
            rng.chance(self.chinese_tickets)
        } else {
            rng.chance(0.04)
        };
        let channel = match cover(&self.channel_order, i) {
            Some(c) => Channel::ALL[c],
            // phone, email, web, chat, wechat, weibo, on_site — WeChat and Weibo are Chinese-speaking channels.
            None if zh => Channel::ALL[rng.weighted(&[22, 12, 14, 14, 26, 5, 7])],
            None => Channel::ALL[rng.weighted(&[18, 38, 20, 16, 4, 1, 3])],
        };
        let channel =
            if kind == Kind::ServiceRequest && channel == Channel::Weibo && rng.chance(0.5) {
                Channel::OnSite
            } else {
                channel
            };
        let mut priority = match cover(&self.priority_order, i) {
            Some(p) => Priority::ALL[p],
            None => priority_for(kind, cust.tier.is_vip(), rng),
        };
        let (mut channel, mut created_at) = (channel, created_at);
        if from_end == 1 && status == Status::Open {
            // An open high-priority ticket, so the urgent/high queues are never empty however small the demo.
            priority = Priority::High;
        }
        if from_end == 0 && status == Status::New {
            // The newest ticket waits for its first answer with most of the time used, so the demo's "At risk"
            // view is never empty: tuned to the shipped policies (low: 24 h standard, 2 h VIP).
            priority = Priority::Low;
            channel = Channel::Email;
            let waited = if cust.tier.is_vip() {
                100 * 60
            } else {
                20 * 3600
            };
            created_at = created_at.max(self.now - waited);
        }

        let group = route(
            kind,
            &content.corpus.topics[topic].category,
            cust.tier.is_vip(),
            staff,
            rng,
        );
        let assignee = match (status, merged_into.as_ref(), prev) {
            (Status::Merged, Some(_), Some(p)) => p.assignee,
            _ => self.assignee(i, status, group, staff, rng),
        };
        Plan {
            created_at,
            customer,
            topic,
            kind,
            status,
            priority,
            channel,
            product,
            assignee,
            group,
            zh,
            merged_into,
            repeat,
        }
    }

    fn assignee(
        &mut self,
        i: u64,
        status: Status,
        group: usize,
        staff: &Staff,
        rng: &mut Rng,
    ) -> Option<usize> {
        // The newest ticket has just arrived: nobody has picked it up yet (the unassigned view is never empty).
        if i + 1 == self.total {
            return None;
        }
        let working = matches!(status, Status::Open | Status::Pending | Status::OnHold);
        if working && self.li_open < LI_MIN_OPEN {
            self.li_open += 1;
            return Some(0);
        }
        let unassigned = match status {
            Status::New => 0.6,
            Status::Open | Status::Pending | Status::OnHold => 0.1,
            _ => 0.0,
        };
        if rng.chance(unassigned) {
            return None;
        }
        let mut who = *rng.pick(&staff.members[group]);
        // `li` sits in every group; as its lead she takes about half an agent's share.
        if who == 0 && rng.chance(0.5) {
            who = *rng.pick(&staff.members[group]);
        }
        if who == 0 && status.is_open() {
            self.li_open += 1;
        }
        Some(who)
    }
}

/// The group that takes a ticket: complaints to the complaints desk, repairs and returns to after-sales, money to
/// billing, VIPs (half of their non-complaint work) to the VIP desk, the rest to the front line.
fn route(kind: Kind, category: &str, vip: bool, staff: &Staff, rng: &mut Rng) -> usize {
    let r = staff.routing;
    match (kind, category) {
        (Kind::Complaint, _) => r.complaints,
        (Kind::ValueAdded, _) | (_, "vip") => r.vip,
        _ if vip && rng.chance(0.5) => r.vip,
        (Kind::ServiceRequest, _) | (_, "warranty" | "returns") => r.after_sales,
        (_, "payments" | "billing") => r.billing,
        _ => r.front_line,
    }
}

/// The i-th value of a shuffled order while i is inside it: the first tickets cover every value.
fn cover(order: &[usize], i: u64) -> Option<usize> {
    order.get(i as usize).copied()
}

pub(super) fn kind_index(kind: Kind) -> usize {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// Old tickets are mostly done; recent ones are spread over the working states.
fn status_by_age(age_days: i64, rng: &mut Rng) -> Status {
    use Status::*;
    // new, open, pending, on_hold, solved, closed, merged
    // A working team carries a backlog: the last two weeks are mostly still in progress, and a tail of older
    // tickets waits on customers and third parties.
    let weights: [u32; 7] = match age_days {
        0..=2 => [26, 30, 16, 8, 18, 0, 2],
        3..=14 => [5, 26, 20, 12, 25, 10, 2],
        15..=45 => [0, 6, 7, 6, 12, 67, 2],
        _ => [0, 1, 1, 2, 4, 90, 2],
    };
    [New, Open, Pending, OnHold, Solved, Closed, Merged][rng.weighted(&weights)]
}

/// Four-colour mix (≈7 % urgent, 20 % high, 55 % normal, 18 % low); incidents skew urgent, VIPs rarely low.
fn priority_for(kind: Kind, vip: bool, rng: &mut Rng) -> Priority {
    let weights: [u32; 4] = match kind {
        Kind::Incident => [40, 35, 20, 5],
        Kind::Complaint => [7, 30, 53, 10],
        Kind::Task | Kind::ValueAdded => [1, 12, 55, 32],
        _ => [4, 18, 58, 20],
    };
    let p = Priority::ALL[rng.weighted(&weights)];
    if vip && p == Priority::Low && rng.chance(0.6) {
        Priority::Normal
    } else {
        p
    }
}
