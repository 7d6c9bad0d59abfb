use super::*;
use crate::domain::mail_loop::Lang;
use proptest::prelude::*;

fn shipped() -> Vec<Item> {
    items(&crate::domain::metrics::MetricsRules::default().csi_items)
}

#[test]
fn items_come_in_the_guides_order_then_by_key() {
    let mut w: BTreeMap<String, f64> = shipped().into_iter().map(|i| (i.key, i.weight)).collect();
    w.insert("installation".into(), 0.1);
    let keys: Vec<String> = items(&w).into_iter().map(|i| i.key).collect();
    assert_eq!(
        keys,
        [
            "product",
            "service",
            "price",
            "delivery",
            "after_sales",
            "installation"
        ]
    );
    assert_eq!(items(&w)[5].label(), "installation");
    assert_eq!(items(&w)[4].zh_label(), "售后");
}

#[test]
fn an_item_score_maps_the_five_point_scale_onto_0_to_100() {
    let s = |scores: &[i64]| {
        let mut sum = ItemSum::default();
        scores.iter().for_each(|v| sum.add(*v));
        sum.score()
    };
    assert_eq!(s(&[1]), Some(0.0));
    assert_eq!(s(&[3]), Some(50.0));
    assert_eq!(s(&[5]), Some(100.0));
    assert_eq!(s(&[4, 5]), Some(87.5));
    assert_eq!(s(&[]), None);
}

#[test]
fn csi_weighs_the_answered_items_only() {
    let mut sums = BTreeMap::new();
    let mut add = |k: &str, v: &[i64]| {
        let e: &mut ItemSum = sums.entry(k.to_string()).or_default();
        v.iter().for_each(|s| e.add(*s));
    };
    add("product", &[5, 4]); // 87.5
    add("price", &[2]); // 25
    let w: BTreeMap<String, f64> = [("product", 0.3), ("price", 0.15), ("service", 0.25)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    // (87.5 × 0.3 + 25 × 0.15) / 0.45 = 66.67; service was not answered, so its weight drops out.
    let v = csi(&sums, &w).unwrap();
    assert!((v - 200.0 / 3.0).abs() < 1e-9, "{v}");
    assert_eq!(csi(&BTreeMap::new(), &w), None);
}

#[test]
fn answers_are_checked_against_the_scale_and_the_items() {
    let it = shipped();
    let a = |k: &str, v: i64| (k.to_string(), v);
    assert_eq!(check(&[a("product", 4), a("price", 1)], Some(&it)), Ok(()));
    assert_eq!(
        check(&[a("product", 6)], Some(&it)),
        Err(ItemError::OffScale {
            item: "product".into(),
            score: 6
        })
    );
    let unknown = check(&[a("quality", 4)], Some(&it)).unwrap_err();
    assert!(
        unknown
            .to_string()
            .contains("expected one of: product, service, price, delivery, after_sales"),
        "{unknown}"
    );
    assert_eq!(
        check(&[a("price", 4), a("price", 2)], Some(&it)),
        Err(ItemError::Twice("price".into()))
    );
    assert_eq!(parse_answer("After-Sales=5"), Ok(("after_sales".into(), 5)));
    assert_eq!(parse_answer("price: 3"), Ok(("price".into(), 3)));
    assert!(matches!(
        parse_answer("price"),
        Err(ItemError::Malformed(_))
    ));
    assert!(matches!(
        parse_answer("price=good"),
        Err(ItemError::Malformed(_))
    ));
}

#[test]
fn a_reply_line_names_an_item_in_either_language() {
    let it = shipped();
    let r = |l: &str| reply_line(l, &it);
    assert_eq!(r("Product quality: 4"), Some(("product".into(), 4)));
    assert_eq!(r("产品质量：４"), Some(("product".into(), 4)));
    assert_eq!(r("- after-sales 5"), Some(("after_sales".into(), 5)));
    assert_eq!(r("售后: 2 还可以"), Some(("after_sales".into(), 2)));
    assert_eq!(r("Price: 10"), None, "off the 1–5 scale");
    assert_eq!(r("Price: 0"), None);
    assert_eq!(r("5 9"), None, "the CSAT line is no item");
    assert_eq!(r("Quality 4"), None, "not an item");
    assert_eq!(r("Price:"), None, "left blank");
}

#[test]
fn the_mail_lists_every_item_to_fill_in() {
    let it = shipped();
    assert_eq!(
        mail_lines(&it, Lang::En),
        "Product quality: \nService: \nPrice: \nDelivery: \nAfter-sales: "
    );
    assert!(mail_lines(&it, Lang::Zh).starts_with("产品质量：\n服务："));
    assert!(mail_lines(&it, Lang::ZhTw).starts_with("產品品質：\n服務："));
}

#[test]
fn a_traditional_reply_line_names_its_item() {
    let it = shipped();
    assert_eq!(reply_line("售後：5", &it), Some(("after_sales".into(), 5)));
    assert_eq!(reply_line("價格：3", &it), Some(("price".into(), 3)));
    assert_eq!(reply_line("產品品質：4", &it), Some(("product".into(), 4)));
}

#[test]
fn report_rows_keep_an_answered_item_that_left_the_config() {
    let mut cur = BTreeMap::new();
    cur.insert("legacy".to_string(), ItemSum { n: 2, sum: 8 });
    cur.insert("price".to_string(), ItemSum { n: 1, sum: 3 });
    let mut prev = BTreeMap::new();
    prev.insert("price".to_string(), ItemSum { n: 1, sum: 5 });
    let w: BTreeMap<String, f64> = [("price".to_string(), 0.5)].into_iter().collect();
    let rows = report_rows(&cur, &prev, &w);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0].item.as_str(), rows[0].score, rows[0].previous_score),
        ("price", Some(50.0), Some(100.0))
    );
    assert_eq!(
        (rows[1].item.as_str(), rows[1].weight, rows[1].answers),
        ("legacy", 0.0, 2)
    );
}

proptest! {
    /// With every item answered by every respondent, CSI over item means equals the mean of each respondent's
    /// own weighted score: the guides' formula does not depend on the order it is summed in.
    #[test]
    fn csi_of_means_is_the_mean_of_respondents(
        answers in prop::collection::vec(prop::collection::vec(1i64..=5, 5), 1..20),
        weights in prop::collection::vec(0.05f64..1.0, 5),
    ) {
        let keys = ["product", "service", "price", "delivery", "after_sales"];
        let w: BTreeMap<String, f64> = keys.iter().zip(&weights).map(|(k, v)| (k.to_string(), *v)).collect();
        let mut sums: BTreeMap<String, ItemSum> = BTreeMap::new();
        let mut per_respondent = 0.0;
        for a in &answers {
            let mut one: BTreeMap<String, ItemSum> = BTreeMap::new();
            for (k, s) in keys.iter().zip(a) {
                sums.entry(k.to_string()).or_default().add(*s);
                one.entry(k.to_string()).or_default().add(*s);
            }
            per_respondent += csi(&one, &w).unwrap();
        }
        let total = csi(&sums, &w).unwrap();
        prop_assert!((total - per_respondent / answers.len() as f64).abs() < 1e-6);
        prop_assert!((0.0..=100.0).contains(&total));
    }

    /// Any line with a digit between 1 and 5 after an item's name reads back as that answer.
    #[test]
    fn written_answers_read_back(i in 0usize..5, score in 1i64..=5, zh in any::<bool>()) {
        let it = shipped();
        let line = if zh {
            format!("{}：{score}", it[i].zh_label())
        } else {
            format!("{}: {score}", it[i].label())
        };
        prop_assert_eq!(reply_line(&line, &it), Some((it[i].key.clone(), score)));
    }
}
