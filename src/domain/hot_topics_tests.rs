use super::*;
use proptest::prelude::*;

fn pairs(v: &[(&str, u64)]) -> Vec<(String, u64)> {
    v.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

fn keys(list: &[Topic]) -> Vec<&str> {
    list.iter().map(|t| t.key.as_str()).collect()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_month_so_far_is_compared_with_the_same_days_of_the_month_before() {
    let m = months(date(2026, 11, 15), 8 * 3600);
    assert_eq!((m.from, m.to), (date(2026, 11, 1), date(2026, 11, 15)));
    assert_eq!(
        (m.previous_from, m.previous_to),
        (date(2026, 10, 1), date(2026, 10, 15))
    );
    assert_eq!(m.current.from, midnight(date(2026, 11, 1), 8 * 3600));
    assert_eq!(m.current.to, midnight(date(2026, 11, 16), 8 * 3600));
    assert_eq!(m.previous.to, midnight(date(2026, 10, 16), 8 * 3600));
}

#[test]
fn a_whole_month_is_compared_with_the_whole_month_before_and_short_months_clamp() {
    let m = months(date(2026, 3, 31), 0);
    assert_eq!(
        (m.previous_from, m.previous_to),
        (date(2026, 2, 1), date(2026, 2, 28))
    );
    let m = months(date(2026, 3, 30), 0);
    assert_eq!(m.previous_to, date(2026, 2, 28), "no 30 February");
    let m = months(date(2026, 1, 10), 0);
    assert_eq!(
        (m.previous_from, m.previous_to),
        (date(2025, 12, 1), date(2025, 12, 10))
    );
    let m = months(date(2026, 4, 30), 0);
    assert_eq!(m.previous_to, date(2026, 3, 31), "April ends, all of March");
}

#[test]
fn top_topics_and_movers_with_new_ones_flagged() {
    let r = rank(
        TopicDim::Tag,
        &pairs(&[("漏水", 7), ("noise", 3), ("refund", 3), ("door", 1)]),
        &pairs(&[("noise", 6), ("refund", 2), ("door", 1), ("gone", 2)]),
        3,
        str::to_string,
    );
    assert_eq!((r.total, r.previous_total), (14, 11));
    assert_eq!(keys(&r.top), ["漏水", "noise", "refund"], "ties by key");
    // 漏水 +7 (new), noise -3 (-50%), gone -2 (-100%), refund +1 (+50%); door did not move.
    assert_eq!(keys(&r.movers), ["漏水", "noise", "gone"]);
    let leak = &r.movers[0];
    assert!(leak.new && leak.relative.is_none() && leak.delta == 7);
    assert_eq!(r.movers[1].relative, Some(-50.0));
    assert!(!r.movers[2].new && r.movers[2].count == 0);
    assert_eq!(describe(leak), "▲ +7 new");
    assert_eq!(describe(&r.movers[1]), "▼ -3 (-50%)");
    let door = r.top.iter().chain(&r.movers).find(|t| t.key == "door");
    assert!(door.is_none(), "door is neither top 3 nor a mover");
    let all = rank(
        TopicDim::Tag,
        &pairs(&[("door", 1)]),
        &pairs(&[("door", 1)]),
        3,
        str::to_string,
    );
    assert_eq!(describe(&all.top[0]), "=");
}

#[test]
fn equal_changes_rank_new_topics_first_then_by_relative_change() {
    let r = rank(
        TopicDim::Product,
        &pairs(&[("a", 12), ("b", 2), ("c", 4)]),
        &pairs(&[("a", 10), ("c", 2)]),
        5,
        str::to_string,
    );
    // All three rose by 2: b is new, then c (+100%), then a (+20%).
    assert_eq!(keys(&r.movers), ["b", "c", "a"]);
}

#[test]
fn categories_take_their_labels() {
    let mut counts = TopicCounts::default();
    counts
        .current
        .insert(TopicDim::Category, pairs(&[("complaint", 2)]));
    let h = build(months(date(2026, 11, 2), 0), &counts, &|k| k.to_uppercase());
    let cat = h.ranking(TopicDim::Category).unwrap();
    assert_eq!(cat.top[0].label, "COMPLAINT");
    assert_eq!(cat.top[0].key, "complaint");
    assert!(!h.is_empty());
    assert!(h.ranking(TopicDim::Tag).unwrap().top.is_empty());
    assert!(
        build(
            months(date(2026, 11, 2), 0),
            &TopicCounts::default(),
            &|k| k.into()
        )
        .is_empty()
    );
}

fn arb_counts() -> impl Strategy<Value = Vec<(String, u64)>> {
    proptest::collection::vec(("[a-e]", 0..20u64), 0..12)
        .prop_map(|v| v.into_iter().map(|(k, n)| (k.to_string(), n)).collect())
}

proptest! {
    #[test]
    fn rankings_keep_the_sums_and_ignore_the_input_order(
        cur in arb_counts(),
        prev in arb_counts(),
        limit in 0..8usize,
        seed in any::<u64>(),
    ) {
        let r = rank(TopicDim::Tag, &cur, &prev, limit, str::to_string);
        prop_assert_eq!(r.total, cur.iter().map(|c| c.1).sum::<u64>());
        prop_assert_eq!(r.previous_total, prev.iter().map(|c| c.1).sum::<u64>());
        // Unlimited, the movers' changes add up to the change of the total, and every topic is in the top.
        let all = rank(TopicDim::Tag, &cur, &prev, usize::MAX, str::to_string);
        prop_assert_eq!(
            all.movers.iter().map(|t| t.delta).sum::<i64>(),
            all.total as i64 - all.previous_total as i64
        );
        prop_assert_eq!(all.top.iter().map(|t| t.count).sum::<u64>(), all.total);
        // The limited lists are the head of the unlimited ones.
        prop_assert_eq!(Some(r.top.as_slice()), all.top.get(..r.top.len()));
        prop_assert_eq!(Some(r.movers.as_slice()), all.movers.get(..r.movers.len()));
        prop_assert!(r.top.windows(2).all(|w| w[0].count >= w[1].count));
        prop_assert!(r.movers.windows(2).all(|w| w[0].delta.unsigned_abs() >= w[1].delta.unsigned_abs()));
        prop_assert!(r.movers.iter().all(|t| t.delta != 0 && t.new == (t.previous == 0)));
        // Any permutation of the input gives the same ranking.
        let mut shuffled_cur = cur.clone();
        let mut shuffled_prev = prev.clone();
        let n = shuffled_cur.len().max(1);
        shuffled_cur.rotate_left((seed as usize) % n);
        shuffled_cur.reverse();
        let n = shuffled_prev.len().max(1);
        shuffled_prev.rotate_right((seed as usize / 7) % n);
        prop_assert_eq!(rank(TopicDim::Tag, &shuffled_cur, &shuffled_prev, limit, str::to_string), r);
    }
}
