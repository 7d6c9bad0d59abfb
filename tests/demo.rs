//! Demo data generator: determinism, coverage of every value at small sizes, and consistent timestamps.

use desk::demo::{DemoOptions, DemoSummary, generate};
use desk::domain::customer::Tier;
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::store::{OpenMode, Store};
use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};

/// 2026-05-28 20:26:40 UTC: a fixed "now" so runs are reproducible.
const NOW: i64 = 1_780_000_000;
const DAY: i64 = 86_400;

struct Demo {
    _dir: tempfile::TempDir,
    store: Store,
    summary: DemoSummary,
}

fn demo_with(opts: DemoOptions) -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db"), OpenMode::Create).unwrap();
    let summary = generate(&mut store, &opts, &mut |_, _| {}).unwrap();
    Demo {
        _dir: dir,
        store,
        summary,
    }
}

fn demo(tickets: u64, seed: u64) -> Demo {
    demo_with(DemoOptions {
        tickets,
        seed,
        now: NOW,
        ..DemoOptions::default()
    })
}

fn strings(store: &Store, sql: &str) -> Vec<String> {
    let mut stmt = store.conn().prepare(sql).unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn distinct(store: &Store, column: &str) -> BTreeSet<String> {
    strings(store, &format!("SELECT DISTINCT {column} FROM tickets"))
        .into_iter()
        .collect()
}

fn names<T: ToString>(all: &[T]) -> BTreeSet<String> {
    all.iter().map(|v| v.to_string()).collect()
}

/// A digest of every ticket row and its thread, in ticket-number order.
fn digest(store: &Store) -> u64 {
    let rows = strings(
        store,
        "SELECT t.number || '|' || t.id || '|' || t.subject || '|' || t.status || '|' || t.priority || '|' || t.kind
                || '|' || t.channel || '|' || coalesce(t.customer_id, '') || '|' || coalesce(t.product_id, '')
                || '|' || coalesce(t.assignee_id, '') || '|' || coalesce(t.group_id, '') || '|' || t.created_at
                || '|' || t.updated_at || '|' || coalesce(t.first_response_at, '') || '|' || coalesce(t.solved_at, '')
                || '|' || coalesce(t.closed_at, '') || '|' || coalesce(t.merged_into, '')
                || '|' || (SELECT group_concat(m.id || m.body || m.created_at, '/') FROM
                           (SELECT * FROM messages m WHERE m.ticket_id = t.id ORDER BY m.created_at, m.id) m)
         FROM tickets t ORDER BY t.number",
    );
    assert!(!rows.is_empty());
    let mut h = DefaultHasher::new();
    rows.hash(&mut h);
    h.finish()
}

#[test]
fn same_seed_gives_identical_rows_and_another_seed_differs() {
    let a = demo(120, 7);
    let b = demo(120, 7);
    let c = demo(120, 8);
    assert_eq!(digest(&a.store), digest(&b.store));
    assert_ne!(digest(&a.store), digest(&c.store));
    let customers = "SELECT id || name || coalesce(email, '') || coalesce(phone, '') || tier FROM customers ORDER BY id";
    assert_eq!(strings(&a.store, customers), strings(&b.store, customers));
    assert_eq!(a.summary, b.summary);
}

#[test]
fn every_status_priority_kind_and_channel_appears() {
    for tickets in [200, 50] {
        let d = demo(tickets, 42);
        assert_eq!(
            distinct(&d.store, "status"),
            names(Status::ALL),
            "{tickets} tickets"
        );
        assert_eq!(
            distinct(&d.store, "priority"),
            names(Priority::ALL),
            "{tickets} tickets"
        );
        assert_eq!(
            distinct(&d.store, "kind"),
            names(Kind::ALL),
            "{tickets} tickets"
        );
        assert_eq!(
            distinct(&d.store, "channel"),
            names(Channel::ALL),
            "{tickets} tickets"
        );
    }
}

#[test]
fn summary_matches_the_database_and_numbers_start_at_1001() {
    let d = demo(200, 42);
    let s = d.summary;
    assert_eq!(
        s.tickets as i64,
        count(&d.store, "SELECT count(*) FROM tickets")
    );
    assert_eq!(
        s.messages as i64,
        count(&d.store, "SELECT count(*) FROM messages")
    );
    assert_eq!(
        s.customers as i64,
        count(&d.store, "SELECT count(*) FROM customers")
    );
    assert_eq!(
        s.articles as i64,
        count(&d.store, "SELECT count(*) FROM articles")
    );
    assert_eq!(
        s.agents as i64,
        count(&d.store, "SELECT count(*) FROM agents")
    );
    assert_eq!(
        (s.tickets, s.customers),
        (200, 61),
        "60 and the pinyin example"
    );
    assert_eq!(count(&d.store, "SELECT min(number) FROM tickets"), 1001);
    assert_eq!(count(&d.store, "SELECT max(number) FROM tickets"), 1200);
    // The next ticket created by hand continues the sequence.
    assert_eq!(
        count(
            &d.store,
            "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'ticket_number_seq'"
        ),
        1200
    );
    // Numbers follow creation time.
    assert_eq!(
        count(
            &d.store,
            "SELECT count(*) FROM tickets a JOIN tickets b ON b.number = a.number + 1 WHERE b.created_at < a.created_at"
        ),
        0
    );
}

#[test]
fn customers_cover_every_tier_and_both_scripts() {
    let d = demo(200, 42);
    let tiers: BTreeSet<String> = strings(&d.store, "SELECT DISTINCT tier FROM customers")
        .into_iter()
        .collect();
    assert_eq!(tiers, names(Tier::ALL));
    let names = strings(&d.store, "SELECT name FROM customers");
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    assert!(names.iter().any(|n| cjk(n)), "no Chinese names");
    assert!(
        names
            .iter()
            .any(|n| n.chars().any(|c| c.is_ascii_alphabetic()) && !cjk(n)),
        "no Latin names"
    );
    let phones = strings(
        &d.store,
        "SELECT phone FROM customers WHERE phone IS NOT NULL",
    );
    assert!(!phones.is_empty());
    for p in phones {
        let digits: String = p.chars().filter(|c| c.is_ascii_digit()).collect();
        assert!(p.starts_with("+86 1") && digits.len() == 13, "{p}");
    }
    assert!(
        count(
            &d.store,
            "SELECT count(*) FROM customers WHERE tier_source = 'manual'"
        ) >= 1
    );
    assert!(
        count(
            &d.store,
            "SELECT count(*) FROM customers WHERE org_id IS NOT NULL"
        ) >= 1
    );
    assert_eq!(
        count(&d.store, "SELECT count(*) FROM organizations"),
        10,
        "about one per six customers"
    );
    let orders = "SELECT max(n) FROM (SELECT count(o.id) AS n FROM customers c
                  LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id)";
    assert!(count(&d.store, orders) <= 12);
    assert_eq!(
        count(
            &d.store,
            "SELECT count(*) FROM orders WHERE amount_cents <= 0"
        ),
        0
    );
}

#[test]
fn threads_have_notes_and_new_tickets_only_the_customer_message() {
    let d = demo(200, 42);
    let tickets = count(&d.store, "SELECT count(*) FROM tickets");
    let messages = count(&d.store, "SELECT count(*) FROM messages");
    assert!(
        messages >= tickets,
        "{messages} messages for {tickets} tickets"
    );
    assert!(
        count(
            &d.store,
            "SELECT count(*) FROM messages WHERE visibility = 'internal' AND author_kind = 'agent'"
        ) > 0
    );
    let new_threads = strings(
        &d.store,
        "SELECT (SELECT count(*) || ':' || min(author_kind) FROM messages m WHERE m.ticket_id = t.id)
         FROM tickets t WHERE status = 'new'",
    );
    assert!(!new_threads.is_empty());
    assert!(
        new_threads.iter().all(|n| n == "1:customer"),
        "{new_threads:?}"
    );
    // Every thread opens with the customer, on the ticket's channel.
    assert_eq!(
        count(
            &d.store,
            "SELECT count(*) FROM tickets t JOIN messages m ON m.id =
                 (SELECT id FROM messages WHERE ticket_id = t.id ORDER BY created_at, rid LIMIT 1)
             WHERE m.author_kind <> 'customer' OR m.channel <> t.channel"
        ),
        0
    );
    // Pending tickets wait on the customer: an agent spoke last.
    assert_eq!(
        count(
            &d.store,
            "SELECT count(*) FROM tickets t WHERE status = 'pending' AND
                 (SELECT author_kind FROM messages WHERE ticket_id = t.id AND visibility = 'public'
                  ORDER BY created_at DESC, rid DESC LIMIT 1) <> 'agent'"
        ),
        0
    );
    assert!(
        strings(&d.store, "SELECT body FROM messages")
            .iter()
            .all(|b| !b.contains('{'))
    );
}

#[test]
fn knowledge_base_spans_categories_with_drafts() {
    let d = demo(200, 42);
    assert!(count(&d.store, "SELECT count(*) FROM articles") >= 30);
    assert!(count(&d.store, "SELECT count(DISTINCT category_id) FROM articles") >= 5);
    assert!(
        count(
            &d.store,
            "SELECT count(*) FROM articles WHERE status = 'draft'"
        ) >= 1
    );
    assert!(
        count(
            &d.store,
            "SELECT count(*) FROM articles WHERE status = 'published'"
        ) >= 1
    );
    assert_eq!(
        count(
            &d.store,
            "SELECT count(*) FROM articles WHERE helpful_up > views"
        ),
        0
    );
}

#[test]
fn products_exist_in_every_warranty_state() {
    let d = demo(200, 42);
    let valid = count(
        &d.store,
        &format!(
            "SELECT count(*) FROM products WHERE warranty_until > {}",
            NOW + 30 * DAY
        ),
    );
    let expiring = count(
        &d.store,
        &format!(
            "SELECT count(*) FROM products WHERE warranty_until >= {NOW} AND warranty_until <= {}",
            NOW + 30 * DAY
        ),
    );
    let expired = count(
        &d.store,
        &format!("SELECT count(*) FROM products WHERE warranty_until < {NOW}"),
    );
    assert!(
        valid > 0 && expiring > 0 && expired > 0,
        "{valid} {expiring} {expired}"
    );
    assert_eq!(
        count(
            &d.store,
            &format!(
                "SELECT count(*) FROM products WHERE purchased_at > {NOW} OR purchased_at < {} OR warranty_until <= purchased_at",
                NOW - 3 * 366 * DAY
            )
        ),
        0
    );
}

#[test]
fn the_demo_user_li_owns_open_tickets() {
    let d = demo(200, 42);
    let li_open = count(
        &d.store,
        "SELECT count(*) FROM tickets t JOIN agents a ON a.id = t.assignee_id
         WHERE a.handle = 'li' AND t.status IN ('new', 'open', 'pending', 'on_hold')",
    );
    assert!(li_open >= 3, "li owns {li_open} open tickets");
    assert!(
        count(
            &d.store,
            "SELECT count(*) FROM tickets WHERE assignee_id IS NULL AND status IN ('new', 'open', 'pending', 'on_hold')"
        ) > 0
    );
    assert_eq!(
        count(
            &d.store,
            "SELECT count(*) FROM tickets WHERE group_id IS NULL"
        ),
        0
    );
    let roles = strings(&d.store, "SELECT role FROM agents ORDER BY created_at");
    assert_eq!(roles[..2], ["admin".to_string(), "lead".to_string()]);
    assert!(roles[2..].iter().all(|r| r == "agent"));
}

#[test]
fn timestamps_are_in_the_window_and_ordered() {
    let d = demo(200, 42);
    let bad = |sql: &str| {
        count(
            &d.store,
            &format!("SELECT count(*) FROM tickets WHERE {sql}"),
        )
    };
    assert_eq!(
        bad(&format!(
            "created_at < {} OR created_at > {NOW}",
            NOW - 120 * DAY
        )),
        0
    );
    assert_eq!(
        bad("first_response_at < created_at OR solved_at < coalesce(first_response_at, created_at)
             OR closed_at < solved_at OR updated_at < max(created_at, coalesce(first_response_at, 0),
                coalesce(solved_at, 0), coalesce(closed_at, 0))"),
        0
    );
    assert_eq!(bad(&format!("updated_at > {NOW}")), 0);
    assert_eq!(
        bad("status IN ('solved', 'closed') AND (solved_at IS NULL OR first_response_at IS NULL)"),
        0
    );
    assert_eq!(bad("status = 'closed' AND closed_at IS NULL"), 0);
    assert_eq!(
        bad("status NOT IN ('solved', 'closed') AND solved_at IS NOT NULL"),
        0
    );
    assert_eq!(bad("status = 'merged' AND merged_into IS NULL"), 0);
    assert_eq!(
        bad("merged_into IS NOT NULL AND (status <> 'merged' OR merged_into NOT IN (SELECT id FROM tickets)
             OR (SELECT number FROM tickets o WHERE o.id = tickets.merged_into) >= number)"),
        0
    );
    // Messages lie inside their ticket's life; the latest one is the ticket's last update unless it was closed.
    assert_eq!(
        count(
            &d.store,
            "SELECT count(*) FROM messages m JOIN tickets t ON t.id = m.ticket_id
             WHERE m.created_at < t.created_at OR m.created_at > t.updated_at"
        ),
        0
    );
    assert_eq!(
        bad(
            "closed_at IS NULL AND updated_at <> (SELECT max(created_at) FROM messages m WHERE m.ticket_id = tickets.id)"
        ),
        0
    );
    // Old tickets are mostly finished.
    let old = count(
        &d.store,
        &format!(
            "SELECT count(*) FROM tickets WHERE created_at < {}",
            NOW - 10 * DAY
        ),
    );
    let old_done = count(
        &d.store,
        &format!(
            "SELECT count(*) FROM tickets WHERE created_at < {} AND status IN ('solved', 'closed', 'merged')",
            NOW - 10 * DAY
        ),
    );
    assert!(
        old_done * 10 >= old * 8,
        "{old_done} of {old} old tickets finished"
    );
}

#[test]
fn solved_work_has_surveys_and_follow_ups() {
    let d = demo(200, 42);
    let kinds: BTreeSet<String> = strings(&d.store, "SELECT DISTINCT kind FROM surveys")
        .into_iter()
        .collect();
    assert_eq!(kinds, names(&["ces", "csat", "nps"]));
    assert_eq!(
        count(
            &d.store,
            &format!(
                "SELECT count(*) FROM surveys s JOIN tickets t ON t.id = s.ticket_id
                 WHERE t.solved_at IS NULL OR s.at < t.solved_at OR s.at > {NOW}
                    OR NOT (s.kind = 'csat' AND s.score BETWEEN 1 AND 5 OR s.kind = 'nps' AND s.score BETWEEN 0 AND 10
                            OR s.kind = 'ces' AND s.score BETWEEN 1 AND 7)"
            )
        ),
        0
    );
    assert!(
        count(
            &d.store,
            "SELECT count(*) FROM surveys WHERE kind = 'csat' AND score <= 2"
        ) > 0
    );
    assert!(
        count(
            &d.store,
            "SELECT count(*) FROM surveys WHERE comment IS NOT NULL"
        ) > 0
    );
    assert!(
        count(
            &d.store,
            "SELECT count(*) FROM tasks WHERE kind = 'follow_up' AND done_at IS NOT NULL"
        ) > 0
    );
    assert_eq!(
        count(
            &d.store,
            "SELECT count(*) FROM tasks k JOIN tickets t ON t.id = k.ticket_id
             WHERE t.solved_at IS NULL OR k.due_at <= t.solved_at OR k.done_at < t.solved_at"
        ),
        0
    );
    assert!(
        count(
            &d.store,
            "SELECT count(*) FROM tags WHERE entity = 'ticket' AND tag = 'vip'"
        ) > 0
    );
}

#[test]
fn refuses_a_database_with_data_and_a_missing_now() {
    let mut d = demo(10, 1);
    let again = generate(
        &mut d.store,
        &DemoOptions {
            now: NOW,
            ..DemoOptions::default()
        },
        &mut |_, _| {},
    );
    assert!(
        again
            .unwrap_err()
            .to_string()
            .contains("already holds data")
    );

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("x.db"), OpenMode::Create).unwrap();
    let err = generate(&mut store, &DemoOptions::default(), &mut |_, _| {}).unwrap_err();
    assert!(err.to_string().contains("DemoOptions::now"), "{err}");
    assert_eq!(count(&store, "SELECT count(*) FROM agents"), 0);
}

#[test]
fn progress_reports_every_thousand_and_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("p.db"), OpenMode::Create).unwrap();
    let mut calls = Vec::new();
    let opts = DemoOptions {
        tickets: 2500,
        customers: 300,
        now: NOW,
        ..DemoOptions::default()
    };
    generate(&mut store, &opts, &mut |done, total| {
        calls.push((done, total))
    })
    .unwrap();
    assert_eq!(
        calls,
        vec![(0, 2500), (1000, 2500), (2000, 2500), (2500, 2500)]
    );
}

/// The demo as `desk --demo` leaves it: loop columns derived and clocks computed under the shipped rules.
#[test]
fn the_demo_has_tickets_in_every_sla_state_and_loop_stage() {
    let mut d = demo(200, 42);
    let cfg = desk::config::Config::default();
    let l = cfg.loop_rules();
    d.store
        .set_service_rules(desk::store::sla::ServiceRules::new(
            cfg.sla_rules(),
            l.follow_up_after,
            l.auto_close_after,
        ));
    d.store.backfill_loop_columns().unwrap();
    d.store.recompute_customers(NOW, &mut |_, _| {}).unwrap();
    d.store.recompute_stale_clocks(NOW, usize::MAX).unwrap();
    // Every tier, lifecycle stage and churn-risk level appears among the customers.
    let customers = |col: &str| -> BTreeSet<String> {
        strings(&d.store, &format!("SELECT DISTINCT {col} FROM customers"))
            .into_iter()
            .collect()
    };
    assert_eq!(
        customers("tier"),
        names(&["bronze", "diamond", "gold", "silver"])
    );
    assert_eq!(
        customers("stage"),
        names(&[
            "at_risk",
            "churned",
            "growing",
            "mature",
            "new",
            "potential"
        ])
    );
    assert_eq!(
        customers("risk_level"),
        names(&["high", "low", "medium", "none"])
    );
    for state in ["ok", "at-risk", "breached", "paused"] {
        let q = desk::domain::query::parse(&format!("sla:{state}")).unwrap();
        let f = desk::domain::view::TicketFilter::default().refine(&q, NOW, 0);
        let n = d.store.ticket_count(&f, None).unwrap();
        assert!(n > 0, "no demo ticket is {state}");
    }
    let set = |col: &str| -> BTreeSet<String> {
        let sql = format!("SELECT DISTINCT {col} FROM tickets WHERE {col} IS NOT NULL");
        strings(&d.store, &sql).into_iter().collect()
    };
    assert_eq!(
        set("loop_stage"),
        names(&["followed_up", "solved", "surveyed"])
    );
    let complaint = set("complaint_stage");
    assert!(
        complaint.len() >= 3 && complaint.contains("revisited"),
        "{complaint:?}"
    );
    let due = desk::domain::view::BuiltinView::FollowUpsDue.filter(NOW);
    assert!(
        d.store.ticket_count(&due, None).unwrap() > 0,
        "follow-ups due"
    );
}
