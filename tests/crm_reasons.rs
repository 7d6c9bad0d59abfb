//! The profile's reasons are stored as codes and worded when shown: the same stored row reads in English, zh-CN and
//! zh-TW; a reason an older desk stored as English text shows as that text (made safe) until the next sweep
//! rewrites it as a code.

mod common;

use common::*;
use desk::domain::crm::{Coded, CrmRules, StageWhy};
use desk::domain::customer::Tier;
use desk::i18n::{Locale, crm_words};
use desk::store::Store;
use desk::store::records::*;

const DAY: i64 = 86_400;

/// Two customers, one with three orders over 117 days (growing), one with none, after a sweep.
fn swept() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    // The shipped rules, CRM's included.
    apply_rules(&mut store, "");
    let mut w = store.bulk().unwrap();
    for id in ["C1", "C2"] {
        w.customer(&CustomerRec {
            created_at: NOW - 400 * DAY,
            ..customer(id, id, Tier::Bronze)
        })
        .unwrap();
    }
    for (k, days) in [117, 60, 10].into_iter().enumerate() {
        w.order(&OrderRec {
            id: format!("O{k}"),
            customer_id: "C1".into(),
            at: NOW - days * DAY,
            amount_cents: 100_000,
            delivered_at: None,
        })
        .unwrap();
    }
    w.commit("fixture", NOW).unwrap();
    store.recompute_customers(NOW, &mut |_, _| {}).unwrap();
    store
}

fn stored(store: &Store, id: &str) -> (String, String) {
    store
        .conn()
        .query_row(
            "SELECT tier_reason, stage_reason FROM customers WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn one_stored_reason_reads_in_every_language() {
    let store = swept();
    let (_, stage) = stored(&store, "C1");
    assert_eq!(stage, r#"{"why":"orders_in","orders":3,"days":117}"#);
    let d = store.customer_detail("C1").unwrap().unwrap();
    assert_eq!(
        d.stage_reason,
        Coded::Code(StageWhy::OrdersIn {
            orders: 3,
            days: 117
        })
    );
    let said = |l| crm_words::stage_why(l, &d.stage_reason);
    assert_eq!(said(Locale::En), "3 orders in 117 d");
    assert_eq!(said(Locale::ZhCn), "117 天内 3 单");
    assert_eq!(said(Locale::ZhTw), "117 天內 3 筆訂單");
    let names = CrmRules::default().tier_names;
    let d2 = store.customer_detail("C2").unwrap().unwrap();
    assert_eq!(
        crm_words::tier_why(Locale::En, &d2.tier_reason, &names),
        "no orders yet"
    );
    assert_eq!(
        crm_words::tier_why(Locale::ZhCn, &d2.tier_reason, &names),
        "尚无订单"
    );
}

#[test]
fn an_older_english_reason_shows_as_text_until_the_next_sweep() {
    let store = swept();
    let code = stored(&store, "C1");
    store
        .conn()
        .execute(
            "UPDATE customers SET tier_reason = 'kept by \u{1b}[2Jhand', stage_reason = '3 orders in 117 d',
                                  risk_signals = 'last CSAT 2/5 (+2)' WHERE id = 'C1'",
            [],
        )
        .unwrap();
    let d = store.customer_detail("C1").unwrap().unwrap();
    let names = CrmRules::default().tier_names;
    // As it was, in any language; the escape sequence never reaches the screen.
    let tier = crm_words::tier_why(Locale::ZhCn, &d.tier_reason, &names);
    assert!(
        tier.starts_with("kept by") && tier.ends_with("hand"),
        "{tier}"
    );
    assert!(!tier.contains('\u{1b}'), "{tier:?}");
    assert_eq!(
        crm_words::stage_why(Locale::ZhCn, &d.stage_reason),
        "3 orders in 117 d"
    );
    let signals: Vec<String> = d
        .risk_signals
        .iter()
        .map(|s| crm_words::weighted_signal(Locale::ZhTw, s))
        .collect();
    assert_eq!(signals, ["last CSAT 2/5 (+2)"]);
    // The next sweep writes the codes again.
    let mut store = store;
    store.recompute_customers(NOW + 60, &mut |_, _| {}).unwrap();
    assert_eq!(stored(&store, "C1"), code);
}
