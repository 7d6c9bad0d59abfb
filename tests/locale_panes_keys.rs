//! The Customers, knowledge-base and dashboard panes in Chinese (issue 24): the demo in zh-CN and zh-TW, each at
//! 80×24 and 120×40, with snapshots (frozen clock, ids redacted), and checks that double-width words are neither cut nor
//! misaligned in the tables.

mod common;

use common::harness::Harness;
use common::*;
use desk::domain::crm::Stage;
use desk::i18n::{Locale, tr, tr_of};
use unicode_width::UnicodeWidthStr;

macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

/// Each Chinese locale at the smallest supported terminal and at a roomy one.
const CASES: [(Locale, &str, (u16, u16)); 4] = [
    (Locale::ZhCn, "zh_cn", (80, 24)),
    (Locale::ZhCn, "zh_cn", (120, 40)),
    (Locale::ZhTw, "zh_tw", (80, 24)),
    (Locale::ZhTw, "zh_tw", (120, 40)),
];

fn demo_in(locale: Locale, (w, h): (u16, u16)) -> (tempfile::TempDir, Harness) {
    let (dir, mut a) = demo_app(w, h);
    a.model.locale = locale;
    (dir, a)
}

#[test]
fn the_customer_list_and_a_profile_in_chinese() {
    for (locale, name, (w, h)) in CASES {
        let (_dir, mut a) = demo_in(locale, (w, h));
        a.keys("3");
        let screen = a.screen();
        let title = tr(locale, "customers-view-all");
        assert!(screen.contains(&format!("› {title}")), "{screen}");
        assert!(!screen.contains("Customers ›"), "{screen}");
        // Each row's risk sits in the risk header's column (in the list, left of the profile's border).
        let lines: Vec<&str> = screen.lines().collect();
        let risk = tr(locale, "customers-column-risk");
        let header = lines
            .iter()
            .find(|l| l.contains(&tr(locale, "customers-column-name")) && l.contains(&risk))
            .unwrap_or_else(|| panic!("no list header:\n{screen}"));
        let at = column_of(header, &risk);
        let cells = ["high", "medium", "low"].map(|r| tr_of(locale, "customers-risk-cell-", r));
        let mut rows = 0;
        for line in &lines {
            let list = line.split('│').nth(1).unwrap_or_default();
            for cell in &cells {
                if let Some(c) = column_of(list, &format!(" {cell} ")) {
                    assert_eq!(Some(c + 2), at, "risk out of its column:\n{line}\n{header}");
                    rows += 1;
                }
            }
        }
        assert!(rows > 0, "{screen}");
        if w >= 120 {
            // The stage column fits the longest stage whole.
            let longest = Stage::ALL
                .iter()
                .map(|s| tr_of(locale, "customers-stage-", s.as_str()))
                .max_by_key(|s| s.width())
                .unwrap();
            let first: String = longest.chars().take(1).collect();
            assert!(!screen.contains(&format!("{first}…")), "{screen}");
        }
        assert_screen!(format!("customers_{name}_{w}x{h}"), screen);
        a.keys("enter");
        let screen = a.screen();
        assert!(a.model.customers.detail.is_some());
        for key in [
            "customers-label-contact",
            "customers-label-tier",
            "customers-label-orders",
        ] {
            assert!(screen.contains(&tr(locale, key)), "{key}:\n{screen}");
        }
        assert!(!screen.contains("Timeline ("), "{screen}");
        assert_screen!(format!("customer_profile_{name}_{w}x{h}"), screen);
    }
}

#[test]
fn the_knowledge_base_in_chinese() {
    for (locale, name, (w, h)) in CASES {
        let (_dir, mut a) = demo_in(locale, (w, h));
        a.keys("4");
        let screen = a.screen();
        for key in [
            "kb-categories",
            "kb-all-articles",
            "kb-column-title",
            "kb-column-status",
        ] {
            assert!(screen.contains(&tr(locale, key)), "{key}:\n{screen}");
        }
        // Every row's status is a whole status word of the locale.
        let published = tr(locale, "kb-status-published");
        assert!(screen.contains(&format!(" {published} ")), "{screen}");
        assert_screen!(format!("kb_{name}_{w}x{h}"), screen);
    }
}

#[test]
fn the_dashboard_in_chinese() {
    for (locale, name, (w, h)) in CASES {
        let (_dir, mut a) = demo_in(locale, (w, h));
        a.keys("5");
        let screen = a.screen();
        let period = tr(locale, "dashboard-period-30d");
        assert!(screen.contains(&period), "{screen}");
        for key in [
            "dashboard-indicator-created",
            "dashboard-indicator-solved",
            "dashboard-section-volume",
        ] {
            assert!(screen.contains(&tr(locale, key)), "{key}:\n{screen}");
        }
        assert!(!screen.contains("Dashboard"), "{screen}");
        assert_screen!(format!("dashboard_{name}_{w}x{h}"), screen);
        // The agents table: headers in the locale, each whole in its column.
        a.keys("J J J J J J");
        let screen = a.screen();
        assert!(
            screen.contains(&tr(locale, "dashboard-column-agent")),
            "{screen}"
        );
        assert!(
            screen.contains(&tr(locale, "dashboard-indicator-frt-median")),
            "{screen}"
        );
        assert_screen!(format!("dashboard_agents_{name}_{w}x{h}"), screen);
    }
}

#[test]
fn english_panes_stay_as_they_were() {
    let (_dir, mut a) = demo_app(80, 24);
    a.keys("3");
    assert!(a.screen().contains("Customers › All"));
    a.keys("5");
    assert!(a.screen().contains("Dashboard · 30 days"));
}
