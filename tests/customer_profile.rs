//! Customer profile completeness (issue 23, item 13): tags, several addresses with one default (used by visits),
//! gender and preferred contact, lifetime value and the repurchase rate in the profile and the report.

mod common;

use common::*;
use desk::domain::customer::Tier;
use desk::domain::customer_view::parse;
use desk::domain::ticket::Status;
use desk::domain::visit::Service;
use desk::store::Store;
use desk::store::customer_write::CustomerEdit;
use desk::store::records::*;
use desk::store::visits::NewVisit;
use proptest::prelude::*;

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let mut w = s.bulk().unwrap();
    w.agent(&agent("A1", "li", "Li Na")).unwrap();
    for (id, name) in [("C1", "王芳"), ("C2", "John Smith"), ("C3", "陈静")] {
        w.customer(&CustomerRec {
            city: Some("上海".into()),
            ..customer(id, name, Tier::Bronze)
        })
        .unwrap();
    }
    w.ticket(&ticket(1, Status::Open, "C1", Some("A1"), NOW - 3600))
        .unwrap();
    w.commit("test", NOW).unwrap();
    s.set_actor(Some("li".into()));
    s
}

fn set(s: &mut Store, id: &str, changes: &[(&str, &str)]) -> Vec<String> {
    let edits: Vec<CustomerEdit> = changes
        .iter()
        .map(|(f, v)| CustomerEdit::parse(f, v).unwrap())
        .collect();
    let out = s.edit_customer(id, None, &edits, NOW).unwrap();
    out.changed
        .iter()
        .map(|c| format!("{} {}", c.field, c.new.as_deref().unwrap_or("-")))
        .collect()
}

fn ids(s: &Store, query: &str) -> Vec<String> {
    let f = parse(query, NOW).unwrap();
    let page = s
        .customer_page(&f, desk::domain::view::PageRequest::First, 50)
        .unwrap();
    let mut ids: Vec<String> = page.rows.into_iter().map(|r| r.id).collect();
    ids.sort();
    ids
}

#[test]
fn tags_are_set_shown_filtered_and_logged() {
    let mut s = store();
    let changed = set(
        &mut s,
        "C1",
        &[
            ("tags+", "VIP-care"),
            ("tags+", "回头客"),
            ("tags+", "vip-care"),
        ],
    );
    assert_eq!(
        changed,
        ["tags +vip-care", "tags +回头客"],
        "a tag already there is no change"
    );
    set(&mut s, "C2", &[("tags+", "回头客")]);
    let d = s.customer_detail("C1").unwrap().unwrap();
    let tags: Vec<&str> = d.tags.iter().map(|t| t.as_str()).collect();
    assert_eq!(tags, ["vip-care", "回头客"]);
    assert_eq!(ids(&s, "tag:vip-care"), ["C1"]);
    assert_eq!(ids(&s, "tag:回头客"), ["C1", "C2"]);
    assert_eq!(ids(&s, "tag:nobody"), Vec::<String>::new());
    assert!(
        d.timeline
            .iter()
            .any(|e| e.words(desk::i18n::Locale::En).as_str() == "tags +vip-care by li"),
        "{:?}",
        d.timeline
    );
    assert_eq!(set(&mut s, "C1", &[("tags-", "回头客")]), ["tags -回头客"]);
    assert_eq!(ids(&s, "tag:回头客"), ["C2"]);
    // The filter reads the tag index, not every customer.
    let plan = s
        .customer_query_plan(&parse("tag:vip-care", NOW).unwrap())
        .unwrap();
    assert!(plan.iter().any(|l| l.contains("tags_tag")), "{plan:#?}");
    assert!(CustomerEdit::parse("tags+", "two words").is_err());
}

#[test]
fn gender_and_preferred_contact_are_checked_and_stored() {
    let mut s = store();
    let changed = set(
        &mut s,
        "C1",
        &[
            ("gender", "Female"),
            ("contact_channel", "WeChat"),
            ("contact_time", "工作日 18:00-21:00"),
        ],
    );
    assert_eq!(
        changed,
        [
            "gender female",
            "contact_channel wechat",
            "contact_time weekdays 18:00-21:00"
        ]
    );
    let d = s.customer_detail("C1").unwrap().unwrap();
    assert_eq!(d.gender.unwrap().as_str(), "female");
    assert_eq!(d.contact_channel.unwrap().as_str(), "wechat");
    assert_eq!(d.contact_time.unwrap().as_str(), "weekdays 18:00-21:00");
    for (field, value) in [
        ("gender", "robot"),
        ("contact_channel", "fax"),
        ("contact_time", "evenings"),
    ] {
        assert!(
            CustomerEdit::parse(field, value).is_err(),
            "{field}={value}"
        );
    }
    assert_eq!(
        set(&mut s, "C1", &[("contact_time", "-")]),
        ["contact_time -"]
    );
}

/// The default addresses and `customers.address` of C1: (label, is default) in list order, and the mirror.
fn addresses(s: &Store) -> (Vec<(String, bool)>, Option<String>) {
    let rows = s.customer_addresses("C1").unwrap();
    let d = s.customer_detail("C1").unwrap().unwrap();
    let defaults: Vec<_> = rows.iter().filter(|a| a.is_default).collect();
    let mirror = d.address.map(|a| a.to_string());
    match defaults.as_slice() {
        [] => assert!(rows.is_empty() && mirror.is_none(), "{rows:?} {mirror:?}"),
        [one] => assert_eq!(Some(one.address.to_string()), mirror),
        _ => panic!("several defaults: {rows:?}"),
    }
    (
        rows.iter()
            .map(|a| (a.label.to_string(), a.is_default))
            .collect(),
        mirror,
    )
}

#[test]
fn one_address_is_the_default_and_a_new_visit_goes_there() {
    let mut s = store();
    let home = s
        .add_customer_address("C1", "家", "上海 人民路 1 号", false, NOW)
        .unwrap();
    s.add_customer_address("C1", "公司", "上海 长江路 9 号", false, NOW)
        .unwrap();
    assert_eq!(
        addresses(&s).0,
        [("家".to_string(), true), ("公司".to_string(), false)],
        "the first address is the default"
    );
    let visit = |s: &mut Store| {
        let v = NewVisit {
            ticket: 1001,
            service: Service::Repair,
            address: None,
            engineer: None,
            window: None,
        };
        s.new_visit(&v, NOW).unwrap().address.to_string()
    };
    assert_eq!(visit(&mut s), "上海 人民路 1 号");
    s.set_default_address("C1", "公司", NOW).unwrap();
    assert_eq!(addresses(&s).1.as_deref(), Some("上海 长江路 9 号"));
    assert_eq!(visit(&mut s), "上海 长江路 9 号");
    // Removing the default hands it to the other address; removing the last leaves none.
    s.remove_customer_address("C1", "公司", NOW).unwrap();
    assert_eq!(addresses(&s).0, [("家".to_string(), true)]);
    s.remove_customer_address("C1", &home, NOW).unwrap();
    assert_eq!(addresses(&s), (vec![], None));
    let e = s.remove_customer_address("C1", "家", NOW).unwrap_err();
    assert!(e.to_string().contains("has no address `家`"), "{e}");
    // `address=` on the customer edits the default's text, adding one when there is none.
    set(&mut s, "C1", &[("address", "杭州 建设路 3 号")]);
    assert_eq!(
        addresses(&s),
        (vec![(String::new(), true)], Some("杭州 建设路 3 号".into()))
    );
    let d = s.customer_detail("C1").unwrap().unwrap();
    assert!(
        d.timeline
            .iter()
            .any(|e| e.words(desk::i18n::Locale::En).as_str()
                == "addresses -公司: 上海 长江路 9 号 by li"),
        "{:?}",
        d.timeline
    );
}

#[test]
fn a_merge_keeps_the_survivors_default() {
    let mut s = store();
    s.add_customer_address("C1", "家", "上海 人民路 1 号", false, NOW)
        .unwrap();
    s.add_customer_address("C2", "公司", "北京 长安街 1 号", false, NOW)
        .unwrap();
    s.merge_customers("C2", "C1", NOW).unwrap();
    assert_eq!(
        addresses(&s),
        (
            vec![("家".to_string(), true), ("公司".to_string(), false)],
            Some("上海 人民路 1 号".into())
        )
    );
}

#[derive(Debug, Clone)]
enum Op {
    Add(bool),
    Default(usize),
    Remove(usize),
    Edit(Option<u8>),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<bool>().prop_map(Op::Add),
        (0usize..4).prop_map(Op::Default),
        (0usize..4).prop_map(Op::Remove),
        proptest::option::of(0u8..3).prop_map(Op::Edit),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever is added, made default, removed or edited, a customer with any address has exactly one default,
    /// and `customers.address` is its text (checked by `addresses`).
    #[test]
    fn exactly_one_default_whatever_the_order(ops in proptest::collection::vec(op(), 1..12)) {
        let mut s = store();
        for (n, op) in ops.iter().enumerate() {
            let ids: Vec<String> = s.customer_addresses("C1").unwrap().into_iter().map(|a| a.id).collect();
            match op {
                Op::Add(default) => {
                    s.add_customer_address("C1", "", &format!("地址 {n}"), *default, NOW + n as i64).unwrap();
                }
                Op::Default(i) => if let Some(id) = ids.get(*i) {
                    s.set_default_address("C1", id, NOW + n as i64).unwrap();
                },
                Op::Remove(i) => if let Some(id) = ids.get(*i) {
                    s.remove_customer_address("C1", id, NOW + n as i64).unwrap();
                },
                Op::Edit(v) => {
                    let text = v.map_or("-".to_string(), |v| format!("编辑 {v}"));
                    set(&mut s, "C1", &[("address", &text)]);
                }
            }
            addresses(&s);
        }
    }
}

/// 30 days of November: C1 ordered ¥100 and ¥200 (and ¥1,000 in October), C2 ¥300, C3 only in October.
fn order(id: &str, customer: &str, at: i64, yuan: i64) -> OrderRec {
    OrderRec {
        id: id.into(),
        customer_id: customer.into(),
        at,
        amount_cents: yuan * 100,
        delivered_at: None,
    }
}

const OCT_10: i64 = 1_791_633_600;
const NOV_05: i64 = 1_793_880_000;
const NOV_10: i64 = 1_794_312_000;
const NOV_15: i64 = 1_794_744_000;

fn orders(s: &mut Store) {
    let mut w = s.bulk().unwrap();
    for o in [
        order("O1", "C1", OCT_10, 1_000),
        order("O2", "C1", NOV_05, 100),
        order("O3", "C1", NOV_15, 200),
        order("O4", "C2", NOV_10, 300),
        order("O5", "C3", OCT_10, 50),
    ] {
        w.order(&o).unwrap();
    }
    w.commit("orders", NOW).unwrap();
}

#[test]
fn the_profile_shows_lifetime_value_from_orders_to_date() {
    let mut s = store();
    orders(&mut s);
    // C1: ¥1,300 in 3 orders over 36 days, read over the minimum year: 3 a year × ¥433.33 × 3 years = ¥3,900.
    let v = s.customer_detail("C1").unwrap().unwrap().value;
    assert_eq!(v.clv_cents, Some(390_000));
    assert_eq!(v.orders_per_year, Some(3.0));
    assert!(v.repeat_buyer);
    let v = s.customer_detail("C3").unwrap().unwrap().value;
    assert_eq!((v.clv_cents, v.repeat_buyer), (Some(15_000), false));
    let plan = s.customer_section_plan().unwrap().join("\n");
    assert!(plan.contains("USING COVERING INDEX orders_at"), "{plan}");
    assert!(
        !plan.lines().any(|l| l.starts_with("SCAN orders")),
        "{plan}"
    );
}

#[test]
fn desk_report_has_the_hand_computed_customer_section() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("c.db");
    {
        let mut s = Store::open(&db, desk::store::OpenMode::Create).unwrap();
        let mut w = s.bulk().unwrap();
        for id in ["C1", "C2", "C3"] {
            w.customer(&customer(id, id, Tier::Bronze)).unwrap();
        }
        w.commit("test", NOW).unwrap();
        orders(&mut s);
    }
    let db = db.display().to_string();
    let args = |format: &'static str| {
        [
            "report",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--format",
            format,
            "--db",
            &db,
        ]
        .map(String::from)
    };
    let run = |format| {
        let a = args(format);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        desk_ok(home.path(), "li", &a)
    };
    let doc: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let c = &doc["customers"];
    // 2 buyers (C1, C2), 1 of them twice: 50 %. ¥600 in 3 orders: ¥200 a time; 1.5 orders a buyer in 30 days is
    // 18.25 a year; × 3 years × ¥200 = ¥10,950.
    assert_eq!(c["buyers"], 2);
    assert_eq!(c["repeat_buyers"], 1);
    assert_eq!(c["repurchase_rate"], 50.0);
    assert_eq!(c["orders"], 3);
    assert_eq!(c["revenue_cents"], 60_000);
    assert_eq!(c["average_order_cents"], 20_000);
    assert_eq!(c["orders_per_year"], 18.25);
    assert_eq!(c["clv_cents"], 1_095_000);
    assert!(
        doc["report"]["indicators"].is_array(),
        "the rest is as before"
    );
    let md = run("md");
    assert!(md.contains("| Repurchase rate 复购率 | 50 % |"), "{md}");
    assert!(
        md.contains("| Customer lifetime value 客户终身价值 | ¥10950.00 (over 3 years) |"),
        "{md}"
    );
}

#[test]
fn migration_30_makes_each_address_a_default() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    {
        let mut s = Store::open(&db, desk::store::OpenMode::Create).unwrap();
        let mut w = s.bulk().unwrap();
        w.customer(&customer("C1", "王芳", Tier::Bronze)).unwrap();
        w.customer(&customer("C2", "Li", Tier::Bronze)).unwrap();
        w.commit("test", NOW).unwrap();
    }
    // Back to schema 29, with an address as desk 29 kept it.
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(
        "DROP TRIGGER sync_customer_addresses_ai; DROP TRIGGER sync_customer_addresses_au;
         DROP TRIGGER sync_customer_addresses_ad; DROP TABLE customer_addresses; DROP INDEX orders_at;
         ALTER TABLE customers DROP COLUMN gender; ALTER TABLE customers DROP COLUMN contact_channel;
         ALTER TABLE customers DROP COLUMN contact_time;
         DROP TRIGGER sync_survey_items_ai; DROP TRIGGER sync_survey_items_au; DROP TABLE survey_items;
         DROP TRIGGER customers_pinyin_fts_ai; DROP TRIGGER customers_pinyin_fts_ad; DROP TRIGGER customers_pinyin_fts_au;
         DROP TABLE customers_pinyin_fts; DROP VIEW customers_pinyin_fts_text;
         DROP TRIGGER articles_pinyin_fts_ai; DROP TRIGGER articles_pinyin_fts_ad; DROP TRIGGER articles_pinyin_fts_au;
         DROP TABLE articles_pinyin_fts; DROP VIEW articles_pinyin_fts_text;
         UPDATE customers SET address = ' 上海 人民路 1 号 ' WHERE id = 'C1'; PRAGMA user_version = 29;",
    )
    .unwrap();
    drop(c);
    let s = Store::open(&db, desk::store::OpenMode::Existing).unwrap();
    let rows = s.customer_addresses("C1").unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].is_default);
    assert_eq!(rows[0].address.as_str(), "上海 人民路 1 号");
    assert_eq!(
        rows[0].id, "C1-A0",
        "the same id on every replica that migrates"
    );
    assert!(s.customer_addresses("C2").unwrap().is_empty());
}

#[test]
fn addresses_tags_and_contact_travel_between_replicas() {
    use desk::store::StorageMode;
    use desk::store::sync::{Direction, replica};
    let dir = tempfile::tempdir().unwrap();
    let hub = dir.path().join("team.db");
    let mut s = Store::open_with(&hub, desk::store::OpenMode::Create, StorageMode::Local).unwrap();
    fill(&mut s, 2);
    drop(s);
    let r: Vec<_> = (0..2)
        .map(|i| {
            let p = dir.path().join(format!("r{i}.db"));
            replica::create(&hub, StorageMode::Local, &p, &mut |_, _| {}).unwrap();
            p
        })
        .collect();
    let open = |p: &std::path::Path| {
        let mut s =
            Store::open_with(p, desk::store::OpenMode::Existing, StorageMode::Local).unwrap();
        s.set_actor(Some("li".into()));
        s
    };
    let sync = |p: &std::path::Path, now: i64| {
        open(p)
            .sync_with(&mut open(&hub), Direction::Both, now)
            .unwrap();
    };
    let mut a = open(&r[0]);
    a.add_customer_address("C1", "家", "上海 人民路 1 号", false, NOW)
        .unwrap();
    a.add_customer_address("C1", "公司", "上海 长江路 9 号", true, NOW)
        .unwrap();
    set(&mut a, "C1", &[("gender", "male"), ("tags+", "vip-care")]);
    drop(a);
    sync(&r[0], NOW + 10);
    sync(&r[1], NOW + 20);
    let mut b = open(&r[1]);
    let d = b.customer_detail("C1").unwrap().unwrap();
    assert_eq!(
        d.address.map(|a| a.to_string()).as_deref(),
        Some("上海 长江路 9 号")
    );
    assert_eq!(d.addresses.len(), 2);
    assert_eq!(d.gender.map(|g| g.to_string()).as_deref(), Some("male"));
    assert_eq!(
        d.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        ["vip-care"]
    );
    b.remove_customer_address("C1", "公司", NOW + 30).unwrap();
    drop(b);
    sync(&r[1], NOW + 40);
    sync(&r[0], NOW + 50);
    let a = open(&r[0]);
    let rows = a.customer_addresses("C1").unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].is_default);
    let d = a.customer_detail("C1").unwrap().unwrap();
    assert_eq!(
        d.address.map(|a| a.to_string()).as_deref(),
        Some("上海 人民路 1 号")
    );
}

#[test]
fn desk_check_reports_a_customer_whose_addresses_lost_their_one_default() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("desk.db");
    {
        let mut s = Store::open(&db, desk::store::OpenMode::Create).unwrap();
        let mut w = s.bulk().unwrap();
        w.customer(&customer("C1", "王芳", Tier::Bronze)).unwrap();
        w.commit("test", NOW).unwrap();
        s.add_customer_address("C1", "家", "上海 人民路 1 号", false, NOW)
            .unwrap();
        s.add_customer_address("C1", "公司", "上海 长江路 9 号", false, NOW)
            .unwrap();
    }
    let path = db.display().to_string();
    let check = || desk_as(home.path(), "li", &["check", "--db", &path]);
    let sound = check();
    assert_eq!(sound.status.code(), Some(0), "{sound:?}");
    let out = String::from_utf8_lossy(&sound.stdout).into_owned();
    assert!(
        out.lines()
            .any(|l| l.starts_with("ok") && l.contains("default_address")),
        "{out}"
    );

    // A hand edit (or half a sync) marks both addresses default.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE customer_addresses SET is_default = 1 WHERE customer_id = 'C1'",
            [],
        )
        .unwrap();
    let broken = check();
    assert_ne!(broken.status.code(), Some(0), "a problem fails the check");
    let out = String::from_utf8_lossy(&broken.stdout).into_owned();
    let line = out
        .lines()
        .find(|l| l.contains("default_address"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.starts_with("PROBLEM") && line.contains("1 problem(s) in 1 customers"),
        "{line}"
    );
    // What (two defaults), where (the customer) and what to do (the command that settles it).
    assert!(
        out.contains(
            "customer 王芳 (C1) has 2 address(es) and 2 are marked default; make one the default: \
             desk customer address default C1 <address id or label>"
        ),
        "{out}"
    );
    // Doing what it says mends it.
    desk_ok(
        home.path(),
        "li",
        &[
            "customer", "address", "default", "C1", "公司", "--db", &path,
        ],
    );
    let mended = check();
    assert_eq!(mended.status.code(), Some(0), "{mended:?}");

    // None marked default is reported too.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("UPDATE customer_addresses SET is_default = 0", [])
        .unwrap();
    let out = String::from_utf8_lossy(&check().stdout).into_owned();
    assert!(
        out.contains("customer 王芳 (C1) has 2 address(es) and none is the default"),
        "{out}"
    );
}
