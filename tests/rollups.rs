//! Daily roll-ups against the scan they replace: random tickets written through the store (creation, replies,
//! status changes and reopens, reassignment, priority / kind / channel moves, follow-ups, surveys, merges) while
//! the roll-ups' triggers keep them, then every figure of the report for random periods, offsets and *as of*
//! moments read both ways must be equal, and `desk check` must find the roll-ups in agreement.

mod common;

use common::*;
use desk::domain::lifecycle::Writer;
use desk::domain::metrics::{Dimension, MetricsRules};
use desk::domain::metrics_report::{self, Report};
use desk::domain::service_loop::{FollowUpOutcome, SurveyResponse};
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::store::Store;
use desk::store::metrics::MetricsQuery;
use desk::store::records::GroupRec;
use desk::store::sla::ServiceRules;
use desk::store::ticket_write::{NewTicket, TicketEdit};
use proptest::prelude::*;

const H: i64 = 3600;
const DAY: i64 = 86_400;

fn rules() -> ServiceRules {
    service_rules(
        r#"
[[sla.policies]]
name = "test"
calendar = "24x7"
normal = { first_response = "1h", next_reply = "2h", resolution = "1d" }
high = { first_response = "30m", resolution = "8h" }

[loop]
follow_up_after = "1d"
"#,
    )
}

#[derive(Debug, Clone)]
enum Op {
    Create {
        kind: usize,
        channel: usize,
        priority: usize,
    },
    Reply {
        t: usize,
    },
    Customer {
        t: usize,
    },
    Status {
        t: usize,
        status: usize,
    },
    Assign {
        t: usize,
        agent: usize,
    },
    Group {
        t: usize,
        group: usize,
    },
    Priority {
        t: usize,
        priority: usize,
    },
    Kind {
        t: usize,
        kind: usize,
    },
    Channel {
        t: usize,
        channel: usize,
    },
    FollowUp {
        t: usize,
        solved: bool,
    },
    Survey {
        t: usize,
        csat: i64,
        nps: i64,
        ces: Option<i64>,
    },
    Merge {
        from: usize,
        into: usize,
    },
    Tag {
        t: usize,
        tag: usize,
        add: bool,
    },
}

fn arb_op() -> impl Strategy<Value = Op> {
    let t = 0..12usize;
    prop_oneof![
        3 => (0..6usize, 0..4usize, 0..4usize)
            .prop_map(|(kind, channel, priority)| Op::Create { kind, channel, priority }),
        3 => t.clone().prop_map(|t| Op::Reply { t }),
        1 => t.clone().prop_map(|t| Op::Customer { t }),
        4 => (t.clone(), 0..5usize).prop_map(|(t, status)| Op::Status { t, status }),
        1 => (t.clone(), 0..3usize).prop_map(|(t, agent)| Op::Assign { t, agent }),
        1 => (t.clone(), 0..3usize).prop_map(|(t, group)| Op::Group { t, group }),
        1 => (t.clone(), 0..4usize).prop_map(|(t, priority)| Op::Priority { t, priority }),
        1 => (t.clone(), 0..6usize).prop_map(|(t, kind)| Op::Kind { t, kind }),
        1 => (t.clone(), 0..4usize).prop_map(|(t, channel)| Op::Channel { t, channel }),
        1 => (t.clone(), any::<bool>()).prop_map(|(t, solved)| Op::FollowUp { t, solved }),
        2 => (t.clone(), 1..=5i64, 0..=10i64, proptest::option::of(1..=7i64))
            .prop_map(|(t, csat, nps, ces)| Op::Survey { t, csat, nps, ces }),
        2 => (t.clone(), 0..3usize, any::<bool>()).prop_map(|(t, tag, add)| Op::Tag { t, tag, add }),
        1 => (t.clone(), t).prop_map(|(from, into)| Op::Merge { from, into }),
    ]
}

const STATUSES: [Status; 5] = [
    Status::Open,
    Status::Pending,
    Status::OnHold,
    Status::Solved,
    Status::Closed,
];
const CHANNELS: [Channel; 4] = [Channel::Email, Channel::Phone, Channel::Chat, Channel::Web];

fn store() -> Store {
    let mut store = store_with_tickets(0);
    let mut w = store.bulk().unwrap();
    for (id, name) in [("G1", "Repairs"), ("G2", "Billing")] {
        w.group(&GroupRec {
            id: id.into(),
            name: name.into(),
            members: vec!["A1".into(), "A2".into()],
            created_at: 0,
        })
        .unwrap();
    }
    w.commit("test", 0).unwrap();
    store.set_service_rules(rules());
    store.set_actor(Some("li".into()));
    store
}

/// Applies the ops from `start`, each some minutes to hours after the last; refused writes (a transition the
/// workflow forbids, a merge into itself) are part of the fixture too: they must leave the roll-ups alone.
fn apply(store: &mut Store, ops: &[(Op, i64)], start: i64) -> i64 {
    let mut at = start;
    let mut tickets: Vec<i64> = Vec::new();
    let pick = |tickets: &[i64], t: usize| tickets.get(t % tickets.len().max(1)).copied();
    for (op, gap) in ops {
        at += gap;
        let set = |store: &mut Store, t: usize, edit: TicketEdit| {
            if let Some(n) = pick(&tickets, t) {
                let _ = store.set_ticket(n, &[edit], None, at);
            }
        };
        match op {
            Op::Create {
                kind,
                channel,
                priority,
            } => {
                let created = store.create_ticket(
                    &NewTicket {
                        subject: "打印机卡纸 printer jams".into(),
                        kind: Kind::ALL[kind % Kind::ALL.len()],
                        channel: CHANNELS[*channel],
                        priority: Priority::ALL[*priority],
                        customer_id: "C2".into(),
                        product_id: None,
                        body: "It jams.".into(),
                    },
                    at,
                );
                tickets.push(created.unwrap().number);
            }
            Op::Reply { t } => {
                if let Some(n) = pick(&tickets, *t) {
                    let _ = store.add_message(n, Writer::Agent, Some("A1"), false, "Try this.", at);
                }
            }
            Op::Customer { t } => {
                if let Some(n) = pick(&tickets, *t) {
                    let _ =
                        store.add_message(n, Writer::Customer, None, false, "Still broken.", at);
                }
            }
            Op::Status { t, status } => set(store, *t, TicketEdit::Status(STATUSES[*status])),
            Op::Assign { t, agent } => set(
                store,
                *t,
                TicketEdit::Assignee([None, Some("li"), Some("wang")][*agent].map(str::to_string)),
            ),
            Op::Group { t, group } => set(
                store,
                *t,
                TicketEdit::Group(
                    [None, Some("Repairs"), Some("Billing")][*group].map(str::to_string),
                ),
            ),
            Op::Priority { t, priority } => {
                set(store, *t, TicketEdit::Priority(Priority::ALL[*priority]))
            }
            Op::Kind { t, kind } => set(
                store,
                *t,
                TicketEdit::Kind(Kind::ALL[kind % Kind::ALL.len()]),
            ),
            Op::Channel { t, channel } => set(store, *t, TicketEdit::Channel(CHANNELS[*channel])),
            Op::FollowUp { t, solved } => {
                if let Some(n) = pick(&tickets, *t) {
                    let outcome = if *solved {
                        FollowUpOutcome::Confirmed
                    } else {
                        FollowUpOutcome::NotSolved
                    };
                    let _ = store.record_follow_up(n, outcome, "called", at);
                }
            }
            Op::Survey { t, csat, nps, ces } => {
                if let Some(n) = pick(&tickets, *t) {
                    let survey = SurveyResponse {
                        csat: Some(*csat),
                        nps: Some(*nps),
                        ces: *ces,
                        comment: Some("ok".into()),
                        items: Vec::new(),
                    };
                    let _ = store.record_survey(n, &survey, at);
                }
            }
            Op::Tag { t, tag, add } => {
                let tag = ["refund", "repeat", "漏水"][*tag].to_string();
                let edit = if *add {
                    TicketEdit::AddTag(tag)
                } else {
                    TicketEdit::RemoveTag(tag)
                };
                set(store, *t, edit);
            }
            Op::Merge { from, into } => {
                if let (Some(a), Some(b)) = (pick(&tickets, *from), pick(&tickets, *into)) {
                    let _ = store.merge_ticket(a, b, at);
                }
            }
        }
    }
    at
}

fn report(store: &Store, q: &MetricsQuery, rollups: bool) -> Report {
    let input = if rollups {
        store
            .metrics_from_rollups(q)
            .unwrap()
            .expect("the roll-ups answer a whole-day window at their own offset")
    } else {
        store.metrics_scan(q).unwrap()
    };
    metrics_report::build(input, &MetricsRules::default())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_rollup_report_is_the_scan_report(
        ops in proptest::collection::vec((arb_op(), 0..(10 * H)), 1..60),
        offset in prop_oneof![Just(0i64), Just(8 * H), Just(-5 * H), Just(5 * H + 1800)],
        periods in proptest::collection::vec((0..25i64, 0..25i64, 0..(3 * DAY)), 1..4),
    ) {
        let mut store = store();
        // Built before the writes, so what is compared is what the triggers kept.
        store.ensure_rollups(offset).unwrap();
        let start = NOW - 20 * DAY;
        let end = apply(&mut store, &ops, start);
        let first = metrics_report::local_date(start, offset);
        for (a, b, late) in periods {
            let (from, to) = (first + chrono::Duration::days(a.min(b)), first + chrono::Duration::days(a.max(b)));
            let window = metrics_report::dates_window(from, to, offset).unwrap();
            let mut q = MetricsQuery::dashboard(window, end.min(window.to) + late - DAY, offset);
            q.extras = true;
            q.group_by = Some(Dimension::Agent);
            prop_assert_eq!(report(&store, &q, true), report(&store, &q, false));
        }
        let check = store.check(false).unwrap();
        let rollups = check.checks.iter().find(|c| c.name == "rollups").unwrap();
        prop_assert!(rollups.ok(), "{:?}", rollups.details);
    }
}

/// A different UTC offset (daylight saving, another machine) reads the scan until the roll-ups are rebuilt for it,
/// and a tier breakdown always does (tiers live on customers).
#[test]
fn another_offset_or_a_tier_breakdown_is_answered_by_the_scan() {
    let mut store = store();
    store.ensure_rollups(0).unwrap();
    apply(
        &mut store,
        &[
            (
                Op::Create {
                    kind: 0,
                    channel: 0,
                    priority: 0,
                },
                H,
            ),
            (Op::Reply { t: 0 }, H),
        ],
        NOW - 2 * DAY,
    );
    let day = metrics_report::local_date(NOW, 8 * H);
    let window = metrics_report::dates_window(day, day, 8 * H).unwrap();
    let q = MetricsQuery::dashboard(window, NOW, 8 * H);
    assert!(store.metrics_from_rollups(&q).unwrap().is_none());
    assert!(
        store.ensure_rollups(8 * H).unwrap(),
        "rebuilt for the new offset"
    );
    assert!(!store.ensure_rollups(8 * H).unwrap(), "and only once");
    assert!(store.metrics_from_rollups(&q).unwrap().is_some());
    let mut tiers = q.clone();
    tiers.dims.push(Dimension::Tier);
    assert!(store.metrics_from_rollups(&tiers).unwrap().is_none());
}
