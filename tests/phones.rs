//! Phone numbers in any spelling find one customer: the customer filter, the ticket filter's `customer:`, the
//! duplicates, imports; the keys follow every write path, are backfilled by the migration and re-made when the
//! configured region changes; and the searches stay on indexes.

mod common;

use common::*;
use desk::domain::customer::Tier;
use desk::domain::customer_view::CustomerFilter;
use desk::domain::ticket::Status;
use desk::domain::view::{BuiltinView, PageRequest};
use desk::store::customer_write::CustomerEdit;
use desk::store::{OpenMode, Store};

const SPELLINGS: [&str; 6] = [
    "/19339981700",
    "193 3998 1700",
    "+86 193-3998-1700",
    "0086 19339981700",
    "１９３３９９８１７００",
    "193 3998", // a number begun
];

fn phone_key(store: &Store, id: &str) -> Option<String> {
    store
        .conn()
        .query_row(
            "SELECT phone_norm FROM customers WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

fn found(store: &Store, text: &str) -> Vec<String> {
    let f = CustomerFilter {
        text: Some(text.into()),
        ..CustomerFilter::default()
    };
    let mut ids: Vec<String> = store
        .customer_page(&f, PageRequest::First, 50)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name.to_string())
        .collect();
    ids.sort();
    assert_eq!(
        ids.len() as i64,
        store.customer_count(&f).unwrap(),
        "{text}"
    );
    ids
}

/// 王芳 (a mobile, typed with dashes), 陈静 (a Beijing landline) and John Smith (no phone) with a ticket each,
/// loaded the way the demo loads.
fn bulk_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let mut w = store.bulk().unwrap();
    w.agent(&agent("A1", "li", "Li Na")).unwrap();
    for (id, name, phone) in [
        ("C1", "王芳", Some("193-3998-1700")),
        ("C2", "陈静", Some("(010) 1234 5678")),
        ("C3", "John Smith", None),
    ] {
        w.customer(&desk::store::records::CustomerRec {
            phone: phone.map(Into::into),
            ..customer(id, name, Tier::Bronze)
        })
        .unwrap();
    }
    for (i, c) in ["C1", "C2", "C3"].into_iter().enumerate() {
        w.ticket(&ticket(i as i64, Status::Open, c, None, NOW))
            .unwrap();
    }
    w.commit("fixture", NOW).unwrap();
    store
}

#[test]
fn every_spelling_finds_the_customer_in_the_customer_and_ticket_filters() {
    let store = bulk_store();
    assert_eq!(phone_key(&store, "C1").as_deref(), Some("+8619339981700"));
    assert_eq!(phone_key(&store, "C2").as_deref(), Some("+861012345678"));
    assert_eq!(phone_key(&store, "C3"), None);
    for s in SPELLINGS {
        assert_eq!(found(&store, s), ["王芳"], "{s}");
        let q = desk::domain::query::parse(&format!("customer:\"{s}\"")).unwrap();
        let f = BuiltinView::AllOpen.filter(NOW).refine(&q, NOW, 0);
        let page = store.ticket_page(&f, None, PageRequest::First, 10).unwrap();
        let numbers: Vec<i64> = page.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1000], "customer:{s}");
        // Free text in a queue filter matches the customer's phone too.
        let f = BuiltinView::AllOpen.filter(NOW).with_text(s);
        let page = store.ticket_page(&f, None, PageRequest::First, 10).unwrap();
        assert_eq!(page.rows.len(), 1, "text {s}");
    }
    for s in ["010-12345678", "+86 10 1234 5678", "0086 (10) 1234-5678"] {
        assert_eq!(found(&store, s), ["陈静"], "{s}");
    }
    // Text that is not a phone number searches as before; a short number is not a phone.
    assert_eq!(found(&store, "王芳"), ["王芳"]);
    assert_eq!(found(&store, "3998-17"), ["王芳"]);
    assert!(found(&store, "+86 999 9999 9999").is_empty());
}

#[test]
fn create_edit_merge_and_import_keep_the_key_and_duplicates_match_any_spelling() {
    let mut store = bulk_store();
    // Created with another spelling of 王芳's number: a duplicate, whichever way round.
    let dup = store
        .create_customer(
            &[
                CustomerEdit::Name("Wang Fang".into()),
                CustomerEdit::Phone(Some("+86 193 3998 1700".into())),
            ],
            NOW,
        )
        .unwrap();
    assert_eq!(phone_key(&store, &dup).as_deref(), Some("+8619339981700"));
    let names = |rows: Vec<desk::store::customers::CustomerRow>| -> Vec<String> {
        rows.into_iter().map(|r| r.id).collect()
    };
    assert_eq!(
        names(store.duplicate_customers("C1").unwrap()),
        [dup.as_str()]
    );
    assert_eq!(names(store.duplicate_customers(&dup).unwrap()), ["C1"]);
    assert_eq!(found(&store, "19339981700"), ["Wang Fang", "王芳"]);

    // An edit re-keys; clearing the phone clears the key.
    store
        .edit_customer(
            &dup,
            None,
            &[CustomerEdit::Phone(Some("138 0013 8000".into()))],
            NOW,
        )
        .unwrap();
    assert_eq!(phone_key(&store, &dup).as_deref(), Some("+8613800138000"));
    assert!(store.duplicate_customers("C1").unwrap().is_empty());
    store
        .edit_customer(&dup, None, &[CustomerEdit::Phone(None)], NOW)
        .unwrap();
    assert_eq!(phone_key(&store, &dup), None);

    // A merge fills the survivor's missing phone, and its key with it.
    let other = store
        .create_customer(
            &[
                CustomerEdit::Name("Mobile only".into()),
                CustomerEdit::Phone(Some("13700137000".into())),
            ],
            NOW,
        )
        .unwrap();
    store.merge_customers(&other, "C3", NOW).unwrap();
    assert_eq!(phone_key(&store, "C3").as_deref(), Some("+8613700137000"));
    assert_eq!(found(&store, "137 0013 7000"), ["John Smith"]);

    // An import matches an existing customer by phone in any spelling, and keys new ones.
    let csv =
        "name,phone,city\n王芳,+86 193 3998 1700,上海\nNew Person,０２１－６１２３ ４５６７,上海\n";
    let rep = store
        .import_csv(
            desk::store::csv_rows::ImportKind::Customers,
            csv.as_bytes(),
            false,
            NOW,
        )
        .unwrap();
    assert_eq!((rep.created, rep.updated), (1, 1), "{rep:?}");
    assert_eq!(found(&store, "021 6123 4567"), ["New Person"]);
    let city: Option<String> = store
        .conn()
        .query_row("SELECT city FROM customers WHERE id = 'C1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(city.as_deref(), Some("上海"));
}

#[test]
fn the_migration_backfills_keys_and_a_new_region_rekeys_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v7.db");
    // A database at schema 7 (before phone keys) with two phones.
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../assets/migrations/0001_init.sql"),
            include_str!("../assets/migrations/0002_ticket_links.sql"),
            include_str!("../assets/migrations/0003_sla_and_loop.sql"),
            include_str!("../assets/migrations/0004_crm.sql"),
            include_str!("../assets/migrations/0005_kb.sql"),
            include_str!("../assets/migrations/0006_metrics.sql"),
            include_str!("../assets/migrations/0007_team.sql"),
        ] {
            c.execute_batch(sql).unwrap();
        }
        c.execute_batch(
            "INSERT INTO meta(key, value) VALUES ('replica_id', 'R'), ('ticket_number_seq', '1000');
             INSERT INTO customers(id, name, phone, created_at, updated_at)
             VALUES ('C1', 'a', '193 3998 1700', 1, 1), ('C2', 'b', '(415) 555-0100', 1, 1),
                    ('C3', 'c', NULL, 1, 1);
             PRAGMA user_version = 7;",
        )
        .unwrap();
    }
    let mut store = Store::open(&path, OpenMode::Existing).unwrap();
    assert_eq!(phone_key(&store, "C1").as_deref(), Some("+8619339981700"));
    assert_eq!(phone_key(&store, "C2").as_deref(), Some("+864155550100"));
    assert_eq!(phone_key(&store, "C3"), None);
    // Nothing to do while the configured region is the one the keys were made under.
    assert_eq!(store.sync_phone_region().unwrap(), 0);
    // Configured for the United States: every key is re-made, and searches key what is typed the same way.
    let crm = desk::domain::crm::CrmRules {
        default_region: "US".into(),
        ..Default::default()
    };
    store.set_service_rules(desk::store::sla::ServiceRules::default().with_crm(crm));
    assert_eq!(store.sync_phone_region().unwrap(), 2);
    assert_eq!(phone_key(&store, "C1").as_deref(), Some("+19339981700"));
    assert_eq!(phone_key(&store, "C2").as_deref(), Some("+14155550100"));
    assert_eq!(store.sync_phone_region().unwrap(), 0);
    assert_eq!(found(&store, "+1 415 555 0100"), ["b"]);
    assert_eq!(found(&store, "+86 193 3998 1700"), Vec::<String>::new());
    drop(store);
    // The region is the database's: reopening keeps the keys as they are.
    let store = Store::open(&path, OpenMode::Existing).unwrap();
    assert_eq!(found(&store, "415-555-0100"), ["b"]);
}

#[test]
fn phone_searches_and_duplicates_walk_indexes() {
    // Enough customers for the planner's statistics to mean something.
    let mut store = Store::open_in_memory().unwrap();
    let mut w = store.bulk().unwrap();
    for i in 0..3000 {
        w.customer(&desk::store::records::CustomerRec {
            phone: Some(format!("+86 139 {:04} {:04}", i / 100, i % 10_000)),
            created_at: i,
            ..customer(&format!("C{i}"), &format!("客户 {i}"), Tier::Bronze)
        })
        .unwrap();
    }
    w.commit("fixture", NOW).unwrap();
    store.conn().execute_batch("ANALYZE").unwrap();
    assert_eq!(found(&store, "139 0012 1234"), ["客户 1234"]);
    for text in ["139 0012 1234", "+86 139-0012-1234", "1390012"] {
        let f = CustomerFilter {
            text: Some(text.into()),
            ..CustomerFilter::default()
        };
        let plan = store.customer_query_plan(&f).unwrap();
        let all = plan.join(" | ");
        // Matches are found by the phone-key index and the full-text index, then read by rowid.
        assert!(
            all.contains("SEARCH customers USING COVERING INDEX customers_phone_norm (phone_norm>? AND phone_norm<?)")
                && all.contains("SEARCH c USING INTEGER PRIMARY KEY")
                && plan.iter().all(|l| l != "SCAN c" && !l.starts_with("SCAN c ")),
            "{text}: {plan:#?}"
        );
    }
    let plan = store.duplicates_query_plan("C1").unwrap().join(" | ");
    // The only scan allowed is of the unpublished bulk jobs (a partial index, empty but for a running import).
    assert!(
        plan.contains("customers_phone_norm (phone_norm=?)")
            && plan
                .split(" | ")
                .filter(|l| l.starts_with("SCAN"))
                .all(|l| l == "SCAN bulk_jobs USING INDEX bulk_jobs_pending"),
        "{plan}"
    );
}
