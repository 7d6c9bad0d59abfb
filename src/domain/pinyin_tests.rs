use super::*;
use proptest::prelude::*;

#[test]
fn a_name_matches_by_full_pinyin_initials_and_a_mix() {
    for q in [
        "zhangyitian",
        "zyt",
        "ZYT",
        "zhang yi tian",
        "zhangyit",
        "zhyt",
        "yitian",
        "yt",
        "tian",
        "zhang",
    ] {
        assert!(matches(q, "张一天"), "{q}");
    }
    for q in ["zyx", "yitiang", "ztt", "x"] {
        assert!(!matches(q, "张一天"), "{q}");
    }
    assert!(matches("tk", "退款"));
    assert!(matches("tuikuan", "申请退款 refund"));
    assert!(
        matches("ref", "申请退款 refund"),
        "Latin letters match themselves"
    );
    assert!(matches("lina", "李 娜"));
    assert!(!matches("", "张一天"));
}

#[test]
fn a_polyphonic_character_matches_any_reading() {
    // 行 háng / xíng; 重 zhòng / chóng; 单 dān / shàn (a surname).
    assert!(matches("yinhang", "银行"));
    assert!(matches("xinglixiang", "行李箱"));
    assert!(matches("cq", "重庆"));
    assert!(matches("chongqing", "重庆"));
    assert!(matches("shan", "单田芳"));
    assert!(matches("dan", "单田芳"));
    let r = readings('行');
    assert!(
        r.contains(&"hang".to_string()) && r.contains(&"xing".to_string()),
        "{r:?}"
    );
}

#[test]
fn traditional_characters_have_pinyin_too() {
    assert!(matches("tk", "退款"));
    assert!(matches("zyt", "張一天"));
    assert!(matches("lvse", "綠色"), "ü is typed as v");
}

#[test]
fn index_words_cover_every_start_and_both_forms() {
    assert_eq!(
        index_words("张一天"),
        "zhangyitian zyt 张一天 yitian yt 一天 tian t 天"
    );
    assert!(
        is_han_query("一天") && is_han_query("張 一") && !is_han_query("一a") && !is_han_query("")
    );
    assert_eq!(index_words("Ann Smith"), "");
    let w = index_words("重庆");
    assert!(
        w.contains("zhongqing") && w.contains("chongqing") && w.contains("cq") && w.contains("zq"),
        "{w}"
    );
    assert!(is_pinyin_query("zyt") && is_pinyin_query("zhang yi"));
    assert!(!is_pinyin_query("张") && !is_pinyin_query("138") && !is_pinyin_query(" "));
}

proptest! {
    /// Whatever a name, its initials and its full pinyin (first readings) match it, and so does every
    /// index word's prefix — what the prefix search relies on.
    #[test]
    fn initials_and_full_pinyin_of_any_name_match(chars in prop::collection::vec(prop::sample::select(
        vec!['张', '王', '李', '赵', '陈', '一', '天', '娜', '静', '行', '重', '单', '乐', '长', '退', '款'],
    ), 1..6)) {
        let name: String = chars.iter().collect();
        let full: String = chars.iter().map(|c| readings(*c)[0].clone()).collect();
        let initials: String = chars.iter().map(|c| readings(*c)[0].chars().next().unwrap()).collect();
        prop_assert!(matches(&full, &name), "{full} {name}");
        prop_assert!(matches(&initials, &name), "{initials} {name}");
        for w in index_words(&name).split(' ').filter(|w| w.is_ascii()) {
            let prefix: String = w.chars().take(3).collect();
            prop_assert!(matches(&prefix, &name), "{prefix} of {w} {name}");
        }
    }
}
