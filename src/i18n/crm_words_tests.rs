use super::*;
use crate::domain::crm::{CrmRules, decide_tier};
use crate::domain::customer::TierSource;
use crate::domain::text::SafeText;

fn names() -> [String; 4] {
    CrmRules::default().tier_names
}

fn score(r: u8, f: u8, m: u8) -> Option<RfmScore> {
    Some(RfmScore { r, f, m })
}

fn tier(locale: Locale, current: Tier, source: TierSource, s: Option<RfmScore>) -> String {
    let d = decide_tier(current, source, s, &CrmRules::default());
    tier_why(locale, &Coded::Code(d.why), &names())
}

/// English reads exactly as the sweep used to store it.
#[test]
fn english_tier_reasons_are_the_old_words() {
    let en = |cur, s| tier(Locale::En, cur, TierSource::Computed, s);
    assert_eq!(
        en(Tier::Silver, score(3, 4, 4)),
        "RFM 3·4·4 = 11: up from Silver"
    );
    assert_eq!(
        en(Tier::Bronze, score(1, 1, 1)),
        "RFM 1·1·1 = 3, below 6 for Silver"
    );
    assert_eq!(en(Tier::Gold, None), "no orders yet");
    assert_eq!(
        en(Tier::Gold, score(3, 3, 2)),
        "RFM 3·3·2 = 8: kept Gold (downgrade below 8)"
    );
    assert_eq!(
        en(Tier::Gold, score(3, 2, 2)),
        "RFM 3·2·2 = 7: down from Gold"
    );
    assert_eq!(
        en(Tier::Diamond, score(4, 4, 4)),
        "RFM 4·4·4 = 12 ≥ 11 for Diamond"
    );
    assert_eq!(
        tier(
            Locale::En,
            Tier::Diamond,
            TierSource::Manual,
            score(1, 1, 1)
        ),
        "pinned by hand"
    );
    // A team's own tier names are used as written, in every language.
    let mut own = names();
    own[1] = "金卡".into();
    let d = decide_tier(
        Tier::Gold,
        TierSource::Computed,
        score(3, 2, 2),
        &CrmRules::default(),
    );
    assert_eq!(
        tier_why(Locale::En, &Coded::Code(d.why), &own),
        "RFM 3·2·2 = 7: down from 金卡"
    );
}

#[test]
fn english_stage_reasons_and_signals_are_the_old_words() {
    let en = |w| stage_why(Locale::En, &Coded::Code(w));
    assert_eq!(en(StageWhy::NoOrders), "no orders yet");
    assert_eq!(
        en(StageWhy::Idle { days: 400 }),
        "no order or contact for 400 d"
    );
    assert_eq!(
        en(StageWhy::Idle { days: 800 }),
        "no order or contact for 2 y"
    );
    assert_eq!(en(StageWhy::RiskHigh { score: 5 }), "churn risk high (5)");
    assert_eq!(
        en(StageWhy::FirstOrder { days: 12 }),
        "first order 12 d ago"
    );
    assert_eq!(
        en(StageWhy::OrdersOver {
            orders: 8,
            days: 700
        }),
        "8 orders over 700 d"
    );
    assert_eq!(
        en(StageWhy::OrdersIn {
            orders: 1,
            days: 117
        }),
        "1 order in 117 d"
    );
    assert_eq!(
        en(StageWhy::OrdersIn {
            orders: 1234,
            days: 60
        }),
        "1234 orders in 60 d",
        "digits are not grouped"
    );
    for s in [
        Signal::Inactive { days: 45 },
        Signal::LowCsat { score: 2 },
        Signal::Detractor { score: 4 },
        Signal::ContactDrop {
            recent: 1,
            previous: 6,
        },
        Signal::OpenComplaint { count: 1 },
        Signal::OpenComplaint { count: 3 },
    ] {
        // The win-back task's note is written with the domain's English: the two agree.
        assert_eq!(signal(Locale::En, s), s.describe());
    }
    let w = Coded::Code(WeightedSignal {
        signal: Signal::OpenComplaint { count: 1 },
        weight: 2,
    });
    assert_eq!(weighted_signal(Locale::En, &w), "an open complaint (+2)");
}

#[test]
fn chinese_reads_in_its_own_script() {
    let zh = |locale, s| tier(locale, Tier::Bronze, TierSource::Computed, s);
    assert_eq!(
        zh(Locale::ZhCn, score(4, 3, 2)),
        "RFM 4·3·2 = 9：由青铜升级"
    );
    assert_eq!(
        zh(Locale::ZhTw, score(4, 3, 2)),
        "RFM 4·3·2 = 9：由青銅升級"
    );
    let grow = Coded::Code(StageWhy::OrdersIn {
        orders: 3,
        days: 117,
    });
    assert_eq!(stage_why(Locale::ZhCn, &grow), "117 天内 3 单");
    assert_eq!(stage_why(Locale::ZhTw, &grow), "117 天內 3 筆訂單");
    let idle = Coded::Code(StageWhy::Idle { days: 800 });
    assert_eq!(stage_why(Locale::ZhCn, &idle), "2 年没有下单或联系");
    let w = Coded::Code(WeightedSignal {
        signal: Signal::LowCsat { score: 2 },
        weight: 2,
    });
    assert_eq!(
        weighted_signal(Locale::ZhCn, &w),
        "最近一次满意度 2/5（+2）"
    );
}

/// A reason an older desk stored as English text shows as that text, in every language.
#[test]
fn older_text_shows_as_it_is() {
    let text = Coded::Text(SafeText::new("3 orders in 117 d"));
    assert_eq!(stage_why(Locale::ZhCn, &text), "3 orders in 117 d");
    let t: Coded<TierWhy> = Coded::Text(SafeText::new("pinned by hand"));
    assert_eq!(tier_why(Locale::ZhTw, &t, &names()), "pinned by hand");
}

/// The notes desk writes on care and win-back tasks: English as the domain writes them, Chinese in its own words;
/// a person's note as they wrote it.
#[test]
fn task_notes_in_every_language() {
    use crate::domain::crm_why::{CareNote, TaskNote};
    let on = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
    let notes = [
        CareNote::Birthday { on },
        CareNote::Anniversary { years: 1, on },
        CareNote::Anniversary { years: 3, on },
        CareNote::WinBack {
            signals: vec![
                Signal::LowCsat { score: 1 },
                Signal::OpenComplaint { count: 2 },
            ],
        },
    ];
    for n in &notes {
        let note = TaskNote::Care(n.clone());
        assert_eq!(task_note(Locale::En, &note), note.to_string());
    }
    let said = |l, i: usize| task_note(l, &TaskNote::Care(notes[i].clone()));
    assert_eq!(said(Locale::ZhCn, 0), "生日 12月3日");
    assert_eq!(said(Locale::ZhCn, 2), "成为客户 3 周年 12月3日");
    assert_eq!(said(Locale::ZhTw, 2), "成為客戶 3 週年 12月3日");
    assert_eq!(said(Locale::ZhCn, 3), "最近一次满意度 1/5；2 个未结投诉");
    let own = TaskNote::Text(SafeText::new("客户说周五再联系"));
    assert_eq!(task_note(Locale::En, &own), "客户说周五再联系");
}

#[test]
fn warranty_states_in_english_and_chinese() {
    use crate::domain::customer::Warranty;
    let said = |l, w| warranty(l, w);
    assert_eq!(
        said(Locale::En, Warranty::Valid { days_left: 100 }),
        "in warranty"
    );
    assert_eq!(
        said(Locale::En, Warranty::Valid { days_left: 12 }),
        "expires in 12 d"
    );
    assert_eq!(
        said(Locale::En, Warranty::Expired { days_ago: 1200 }),
        "expired 1200 d ago"
    );
    assert_eq!(said(Locale::En, Warranty::None), "no warranty");
    assert_eq!(
        said(Locale::ZhCn, Warranty::Valid { days_left: 12 }),
        "12 天后保修到期"
    );
    assert_eq!(
        said(Locale::ZhTw, Warranty::Valid { days_left: 100 }),
        "保固期內"
    );
}
