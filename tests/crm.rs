//! Customer CRM in the store: recompute, incremental refresh, pinning, merging, care, and the customer views.

mod common;

use common::*;
use desk::domain::crm::{RiskLevel, Stage};
use desk::domain::crm_why::{CareNote, TaskNote};
use desk::domain::customer::{Tier, TierSource};
use desk::domain::customer_view::{CustomerFilter, CustomerView, parse};
use desk::domain::service_loop::SurveyResponse;
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::domain::view::PageRequest;
use desk::i18n::{Locale, crm_words};
use desk::store::Store;
use desk::store::customer_write::CustomerEdit;
use desk::store::customers::CustomerDetail;
use desk::store::records::*;
use desk::store::ticket_write::NewTicket;

const DAY: i64 = 86_400;

fn rules_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let cfg = desk::config::Config::default();
    let l = cfg.loop_rules();
    store.set_service_rules(
        desk::store::sla::ServiceRules::new(cfg.sla_rules(), l.follow_up_after, l.auto_close_after)
            .with_crm(cfg.crm.clone()),
    );
    store.set_actor(Some("li".into()));
    store
}

fn order(id: &str, customer: &str, days_ago: i64, yuan: i64) -> OrderRec {
    OrderRec {
        id: id.into(),
        customer_id: customer.into(),
        at: NOW - days_ago * DAY,
        amount_cents: yuan * 100,
        delivered_at: None,
    }
}

fn computed(id: &str, name: &str) -> CustomerRec {
    CustomerRec {
        created_at: NOW - 900 * DAY,
        ..customer(id, name, Tier::Bronze)
    }
}

/// Four customers with orders spread so each lands in a different quartile, plus one without orders.
/// C1 best (recent, frequent, big) … C4 worst; C5 never bought.
fn crm_fixture() -> Store {
    let mut store = rules_store();
    let mut w = store.bulk().unwrap();
    w.agent(&agent("A1", "li", "Li Na")).unwrap();
    for (id, name) in [
        ("C1", "王芳"),
        ("C2", "John Smith"),
        ("C3", "陈静"),
        ("C4", "Old Timer"),
        ("C5", "Prospect"),
    ] {
        w.customer(&computed(id, name)).unwrap();
    }
    // C1: 8 orders of ¥8,000 every 60 days, the last 2 days ago (7 inside the 365-day window).
    // C2: 4 orders of ¥2,000, last 20 d. C3: 2 orders of ¥500, last 45 d. C4: 1 order 700 days ago.
    for k in 0..8 {
        w.order(&order(&format!("O1{k}"), "C1", 2 + k * 60, 8_000))
            .unwrap();
    }
    for k in 0..4 {
        w.order(&order(&format!("O2{k}"), "C2", 20 + k * 60, 2_000))
            .unwrap();
    }
    for k in 0..2 {
        w.order(&order(&format!("O3{k}"), "C3", 45 + k * 100, 500))
            .unwrap();
    }
    w.order(&order("O40", "C4", 700, 300)).unwrap();
    w.commit("crm fixture", NOW).unwrap();
    store
}

fn detail(store: &Store, id: &str) -> desk::store::customers::CustomerDetail {
    store.customer_detail(id).unwrap().expect(id)
}

/// The profile's reasons as an English screen shows them.
fn said_tier(d: &CustomerDetail) -> String {
    let names = desk::domain::crm::CrmRules::default().tier_names;
    crm_words::tier_why(Locale::En, &d.tier_reason, &names)
}

fn said_stage(d: &CustomerDetail) -> String {
    crm_words::stage_why(Locale::En, &d.stage_reason)
}

fn said_signals(d: &CustomerDetail) -> Vec<String> {
    let en = |s| crm_words::weighted_signal(Locale::En, s);
    d.risk_signals.iter().map(en).collect()
}

#[test]
fn recompute_scores_tiers_stages_and_risk() {
    let mut store = crm_fixture();
    let mut calls = Vec::new();
    let sum = store
        .recompute_customers(NOW, &mut |done, total| calls.push((done, total)))
        .unwrap();
    assert_eq!(sum.customers, 5);
    assert_eq!(calls.last(), Some(&(5, 5)));
    // By hand, over the four customers with orders (nearest-rank quartiles of 4 values: the 1st, 2nd, 3rd):
    //   recency  2, 20, 45, 700         → cuts 2, 20, 45       (a score counts the cuts it is strictly below)
    //   orders   7, 4, 2, 0 (in window) → cuts 0, 2, 4         (… strictly above)
    //   spend    ¥56,000 ¥8,000 ¥1,000 0 → cuts 0, ¥1,000, ¥8,000
    // C1 = 3+4+4 = 11 diamond · C2 = 2+3+3 = 8 silver · C3 = 1+2+2 = 5 bronze · C4 = 1+1+1 = 3 bronze.
    let c1 = detail(&store, "C1");
    assert_eq!(c1.rfm.as_deref(), Some("3-4-4"));
    assert_eq!(c1.row.tier, Tier::Diamond);
    assert!(
        said_tier(&c1).contains("RFM 3·4·4 = 11"),
        "{}",
        said_tier(&c1)
    );
    assert_eq!(
        (c1.row.stage, said_stage(&c1).as_str()),
        (Stage::Mature, "8 orders over 422 d")
    );
    assert_eq!(detail(&store, "C2").rfm.as_deref(), Some("2-3-3"));
    assert_eq!(detail(&store, "C2").row.tier, Tier::Silver);
    assert_eq!(detail(&store, "C2").row.stage, Stage::Growing);
    assert_eq!(detail(&store, "C3").rfm.as_deref(), Some("1-2-2"));
    assert_eq!(detail(&store, "C3").row.tier, Tier::Bronze);
    let c4 = detail(&store, "C4");
    assert_eq!((c4.row.tier, c4.row.stage), (Tier::Bronze, Stage::Churned));
    assert_eq!(c4.row.risk_level, RiskLevel::Low);
    assert_eq!(said_signals(&c4)[0], "no order or contact for 700 d (+2)");
    let c5 = detail(&store, "C5");
    assert_eq!(
        (c5.row.stage, said_stage(&c5).as_str()),
        (Stage::Potential, "no orders yet")
    );
    // A prospect cannot lapse: no inactivity signal without a first order.
    assert_eq!(c5.row.risk_level, RiskLevel::None);
    // Nothing changed since: a second run writes nothing, not even a change-log row.
    let changes = |s: &Store| -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
            .unwrap()
    };
    let before = changes(&store);
    let again = store.recompute_customers(NOW, &mut |_, _| {}).unwrap();
    assert_eq!(
        (again.upgraded, again.downgraded, again.stage_changes),
        (0, 0, 0)
    );
    assert_eq!(changes(&store), before);
}

#[test]
fn writes_refresh_the_customer_at_once_and_high_risk_schedules_a_win_back() {
    let mut store = crm_fixture();
    store.recompute_customers(NOW, &mut |_, _| {}).unwrap();
    assert_eq!(detail(&store, "C3").row.risk_level, RiskLevel::Low);
    // C3 (idle 45 d: +1) complains (+2) — no recompute needed.
    let created = store
        .create_ticket(
            &NewTicket {
                subject: "Heater leaks again".into(),
                kind: Kind::Complaint,
                channel: Channel::Phone,
                priority: Priority::High,
                customer_id: "C3".into(),
                product_id: None,
                body: "Third time this month.".into(),
            },
            NOW,
        )
        .unwrap();
    let c3 = detail(&store, "C3");
    // The ticket is a contact, so the customer is no longer idle: only the complaint counts.
    assert_eq!(
        (c3.row.risk_level, c3.row.risk_score),
        (RiskLevel::Low, 2),
        "{:?}",
        c3.risk_signals
    );
    assert_eq!(said_signals(&c3), ["an open complaint (+2)"]);
    // A poor survey on that ticket: CSAT 1 (+2) and NPS 2 (+1) → 5, high.
    store
        .record_survey(
            created.number,
            &SurveyResponse {
                csat: Some(1),
                nps: Some(2),
                ces: None,
                comment: Some("Nobody listens".into()),
                items: Vec::new(),
            },
            NOW + 60,
        )
        .unwrap();
    let c3 = detail(&store, "C3");
    assert_eq!(
        (c3.row.risk_level, c3.row.stage),
        (RiskLevel::High, Stage::AtRisk)
    );
    assert_eq!(c3.care.len(), 1);
    assert_eq!(c3.care[0].kind, "win_back");
    assert_eq!(c3.care[0].due_at, NOW + 60 + 2 * DAY);
    // The change log says what moved, as the rules (actor "crm").
    let history = store.history("customer", "C3").unwrap();
    assert!(
        history.iter().any(|c| c.field == "risk"
            && c.new.as_deref() == Some("high")
            && c.actor.as_deref() == Some("crm")),
        "{history:?}"
    );
    // The timeline has the ticket, the customer's message and the survey, newest first.
    let texts: Vec<String> = c3
        .timeline
        .iter()
        .map(|e| e.words(desk::i18n::Locale::En))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t == &format!("CSAT 1/5 on #{}: Nobody listens", created.number)),
        "{texts:#?}"
    );
    assert!(
        texts.iter().any(|t| t == "risk low → high by crm"),
        "{texts:#?}"
    );
    assert!(
        c3.timeline.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("opened: Heater leaks again (new)")),
        "{texts:#?}"
    );
}

#[test]
fn a_manual_tier_is_pinned_until_handed_back() {
    let mut store = crm_fixture();
    store.recompute_customers(NOW, &mut |_, _| {}).unwrap();
    let c4 = detail(&store, "C4");
    store
        .edit_customer(
            "C4",
            Some(c4.version),
            &[CustomerEdit::Tier(Some(Tier::Gold))],
            NOW,
        )
        .unwrap();
    store
        .recompute_customers(NOW + DAY, &mut |_, _| {})
        .unwrap();
    let c4 = detail(&store, "C4");
    assert_eq!(
        (c4.row.tier, c4.tier_source),
        (Tier::Gold, TierSource::Manual)
    );
    assert_eq!(said_tier(&c4), "pinned by hand");
    store
        .edit_customer("C4", None, &[CustomerEdit::Tier(None)], NOW + DAY)
        .unwrap();
    let c4 = detail(&store, "C4");
    assert_eq!(
        (c4.row.tier, c4.tier_source),
        (Tier::Bronze, TierSource::Computed)
    );
    // A stale version is refused, not applied.
    let err = store
        .edit_customer(
            "C4",
            Some(c4.version - 1),
            &[CustomerEdit::Notes("x".into())],
            NOW,
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("changed since you loaded it"),
        "{err}"
    );
}

#[test]
fn merging_a_duplicate_moves_everything_and_keeps_its_id_resolvable() {
    let mut store = crm_fixture();
    let dup = store
        .create_customer(
            &[
                CustomerEdit::Name("王芳 (phone)".into()),
                CustomerEdit::Phone(Some("+86 138 0000 0001".into())),
                CustomerEdit::Notes("Prefers calls after 6pm".into()),
            ],
            NOW,
        )
        .unwrap();
    store
        .edit_customer(
            "C1",
            None,
            &[CustomerEdit::Phone(Some("+86 138 0000 0001".into()))],
            NOW,
        )
        .unwrap();
    let dups = store.duplicate_customers("C1").unwrap();
    assert_eq!(
        dups.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        vec![dup.as_str()]
    );
    let mut w = store.bulk().unwrap();
    w.order(&order("OD1", &dup, 1, 100)).unwrap();
    w.ticket(&ticket(90, Status::Open, &dup, None, NOW))
        .unwrap();
    w.commit("dup data", NOW).unwrap();
    let sum = store.merge_customers(&dup, "C1", NOW).unwrap();
    assert_eq!((sum.tickets, sum.orders), (1, 1));
    let c1 = detail(&store, "C1");
    assert_eq!(c1.orders.count, 9);
    assert_eq!(c1.merged, vec![dup.clone()]);
    assert_eq!(c1.notes.as_str(), "Prefers calls after 6pm");
    // The duplicate's id still finds the survivor; lists no longer show the duplicate.
    assert_eq!(detail(&store, &dup).row.id, "C1");
    let all = store
        .customer_page(&Default::default(), PageRequest::First, 50)
        .unwrap();
    assert!(all.rows.iter().all(|r| r.id != dup));
    assert!(
        store
            .merge_customers(&dup, "C1", NOW)
            .unwrap_err()
            .to_string()
            .contains("already merged")
    );
    assert!(store.merge_customers("C1", "C1", NOW).is_err());
}

#[test]
fn care_reminders_are_scheduled_once_and_completed() {
    let mut store = crm_fixture();
    let today = desk::domain::crm::CrmRules::default().local_date(NOW);
    let soon = today + chrono::Duration::days(3);
    store
        .edit_customer(
            "C2",
            None,
            &[CustomerEdit::Birthday(Some(
                soon.format("1988-%m-%d").to_string(),
            ))],
            NOW,
        )
        .unwrap();
    assert_eq!(store.schedule_care(NOW).unwrap(), 1);
    assert_eq!(store.schedule_care(NOW + 3600).unwrap(), 0, "idempotent");
    let due = store.care_due(Some(NOW + 7 * DAY), 10).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].customer.as_str(), "John Smith");
    // Stored as a code: English where text is wanted, the reader's language on screen.
    let note = &due[0].note;
    assert_eq!(note, &TaskNote::Care(CareNote::Birthday { on: soon }));
    assert_eq!(note.to_string(), soon.format("birthday %b %-d").to_string());
    assert_eq!(
        crm_words::task_note(Locale::ZhCn, note),
        soon.format("生日 %-m月%-d日").to_string()
    );
    // The "Care due" view finds the customer.
    let f = CustomerView::CareDue.filter("", NOW).unwrap();
    let rows = store
        .customer_page(&f, PageRequest::First, 10)
        .unwrap()
        .rows;
    assert_eq!(
        rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        vec!["C2"]
    );
    store
        .complete_care(&due[0].task_id, Some("called"), NOW)
        .unwrap();
    assert!(store.care_due(None, 10).unwrap().is_empty());
    assert!(store.complete_care(&due[0].task_id, None, NOW).is_err());
}

#[test]
fn customer_views_select_what_they_say() {
    let mut store = crm_fixture();
    let mut w = store.bulk().unwrap();
    w.product(&ProductRec {
        id: "P9".into(),
        customer_id: "C2".into(),
        name: "Air Purifier".into(),
        serial: None,
        purchased_at: Some(NOW - 340 * DAY),
        warranty_until: Some(NOW + 10 * DAY),
    })
    .unwrap();
    w.commit("product", NOW).unwrap();
    store.recompute_customers(NOW, &mut |_, _| {}).unwrap();
    let ids = |q: &str| -> Vec<String> {
        let f = parse(q, NOW).unwrap();
        let mut v: Vec<String> = store
            .customer_page(&f, PageRequest::First, 50)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.id)
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids("tier:diamond,gold"), vec!["C1"]);
    assert_eq!(ids("tier:silver"), vec!["C2"]);
    assert_eq!(ids("stage:churned"), vec!["C4"]);
    assert_eq!(ids("stage:potential"), vec!["C5"]);
    assert_eq!(ids("warranty:<30d"), vec!["C2"]);
    assert_eq!(ids("risk:low"), vec!["C3", "C4"]);
    assert_eq!(ids("tier:bronze 陈静"), vec!["C3"]);
    assert_eq!(
        store
            .customer_count(&parse("tier:bronze", NOW).unwrap())
            .unwrap(),
        3
    );
    // Sorted by risk, highest first, and paged by keyset without repeats.
    let f = parse("sort:risk", NOW).unwrap();
    let first = store.customer_page(&f, PageRequest::First, 2).unwrap();
    let next = store
        .customer_page(&f, PageRequest::After(first.rows[1].cursor()), 2)
        .unwrap();
    assert!(first.rows[0].risk_score >= first.rows[1].risk_score);
    assert!(
        next.rows
            .iter()
            .all(|r| first.rows.iter().all(|f| f.id != r.id))
    );
}

#[test]
fn every_customer_view_uses_an_index() {
    let store = crm_fixture();
    for v in CustomerView::ALL {
        let f = v.filter("", NOW).unwrap();
        let plan = store.customer_query_plan(&f).unwrap();
        // A scan of customers is fine only in the list's own order: an index walk that stops at the page. No view
        // sorts (a sort reads every match before the first row: VIP's 37 000 at scale); the warranty and care
        // views walk the products' and tasks' date indexes.
        let sorts = plan.iter().any(|l| l.contains("TEMP B-TREE"));
        let walks = match v {
            CustomerView::WarrantyExpiring => Some("products_warranty"),
            CustomerView::CareDue => Some("tasks_open_kind_due"),
            _ => None,
        };
        assert!(
            walks.is_none_or(|index| plan.iter().any(|l| l.contains(index))),
            "{} does not walk its index: {plan:#?}",
            v.title()
        );
        assert!(
            !sorts
                && plan
                    .iter()
                    .all(|l| !l.starts_with("SCAN c") || l.contains("INDEX")),
            "{} scans customers: {plan:#?}",
            v.title()
        );
    }
}

/// Every row of `f`, page by page of `limit` forward, and the same backward from the last page.
fn both_ways(
    store: &Store,
    f: &CustomerFilter,
    limit: usize,
) -> (Vec<(String, Option<i64>)>, Vec<String>) {
    let mut forward = Vec::new();
    let mut page = store.customer_page(f, PageRequest::First, limit).unwrap();
    loop {
        forward.extend(page.rows.iter().map(|r| (r.id.clone(), r.view_date)));
        let Some(last) = page.rows.last().filter(|_| !page.at_end) else {
            break;
        };
        page = store
            .customer_page(f, PageRequest::After(last.cursor()), limit)
            .unwrap();
    }
    let mut backward = Vec::new();
    let mut page = store.customer_page(f, PageRequest::Last, limit).unwrap();
    loop {
        backward.splice(0..0, page.rows.iter().map(|r| r.id.clone()));
        let Some(first) = page.rows.first().filter(|_| !page.at_start) else {
            break;
        };
        page = store
            .customer_page(f, PageRequest::Before(first.cursor()), limit)
            .unwrap();
    }
    (forward, backward)
}

#[test]
fn date_ordered_views_list_each_customer_once_at_its_soonest_date() {
    let mut store = crm_fixture();
    let mut w = store.bulk().unwrap();
    // C2 has two products running out (day 20 and day 5), C3 one (day 10), C4 one long expired, C1 one out of the
    // 30-day window.
    for (id, customer, until) in [
        ("P1", "C2", NOW + 20 * DAY),
        ("P2", "C2", NOW + 5 * DAY),
        ("P3", "C3", NOW + 10 * DAY),
        ("P4", "C4", NOW - 400 * DAY),
        ("P5", "C1", NOW + 90 * DAY),
        ("P6", "C5", NOW - 2 * DAY),
    ] {
        w.product(&ProductRec {
            id: id.into(),
            customer_id: customer.into(),
            name: "Water Heater".into(),
            serial: None,
            purchased_at: Some(until - 365 * DAY),
            warranty_until: Some(until),
        })
        .unwrap();
    }
    // Care and win-back tasks interleave by due date; C1 has one of each, C3's is done, C4's is overdue.
    for (id, kind, customer, due, done) in [
        ("T1", "care", "C1", NOW + 3 * DAY, None),
        ("T2", "win_back", "C1", NOW + DAY, None),
        ("T3", "win_back", "C2", NOW + 2 * DAY, None),
        ("T4", "care", "C3", NOW + DAY, Some(NOW)),
        ("T5", "care", "C4", NOW - DAY, None),
        ("T6", "care", "C5", NOW + 30 * DAY, None),
    ] {
        w.task(&TaskRec {
            id: id.into(),
            kind: kind.into(),
            ticket_id: None,
            customer_id: Some(customer.into()),
            due_at: due,
            done_at: done,
            assignee_id: None,
            note: String::new(),
            created_at: NOW - DAY,
        })
        .unwrap();
    }
    w.commit("dates", NOW).unwrap();
    let f = CustomerView::WarrantyExpiring.filter("", NOW).unwrap();
    for limit in [1, 2, 10] {
        let (forward, backward) = both_ways(&store, &f, limit);
        assert_eq!(
            forward,
            vec![
                ("C2".into(), Some(NOW + 5 * DAY)),
                ("C3".into(), Some(NOW + 10 * DAY))
            ],
            "pages of {limit}"
        );
        assert_eq!(backward, vec!["C2", "C3"], "pages of {limit} backward");
    }
    assert_eq!(store.customer_count(&f).unwrap(), 2);
    // Expired: the warranty that ran out last first.
    let f = parse("warranty:expired sort:expiry", NOW).unwrap();
    let (forward, _) = both_ways(&store, &f, 1);
    assert_eq!(
        forward,
        vec![
            ("C5".into(), Some(NOW - 2 * DAY)),
            ("C4".into(), Some(NOW - 400 * DAY))
        ]
    );
    let f = CustomerView::CareDue.filter("", NOW).unwrap();
    for limit in [1, 2, 10] {
        let (forward, backward) = both_ways(&store, &f, limit);
        assert_eq!(
            forward,
            vec![
                ("C4".into(), Some(NOW - DAY)),
                ("C1".into(), Some(NOW + DAY)),
                ("C2".into(), Some(NOW + 2 * DAY)),
            ],
            "pages of {limit}: overdue first, C1 once at its win-back"
        );
        assert_eq!(
            backward,
            vec!["C4", "C1", "C2"],
            "pages of {limit} backward"
        );
    }
    assert_eq!(store.customer_count(&f).unwrap(), 3);
    // Narrowed by tier, the walk keeps its order.
    let f = CustomerView::CareDue
        .filter("tier:bronze,silver,gold,diamond", NOW)
        .unwrap();
    assert_eq!(both_ways(&store, &f, 1).0.len(), 3);
}
