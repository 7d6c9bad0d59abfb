use super::*;
use crate::domain::sla_policy::format_countdown;
use crate::domain::ticket::compact_age as english_age;

#[test]
fn the_environment_picks_the_locale_in_posix_order() {
    let l = |all, messages, lang| Locale::from_env(all, messages, lang);
    assert_eq!(l(None, None, None), Locale::En);
    assert_eq!(l(None, None, Some("zh_CN.UTF-8")), Locale::ZhCn);
    assert_eq!(
        l(None, Some("zh_TW.UTF-8"), Some("zh_CN.UTF-8")),
        Locale::ZhTw
    );
    assert_eq!(
        l(Some("en_US.UTF-8"), Some("zh_TW"), Some("zh_CN")),
        Locale::En
    );
    // Empty variables are unset.
    assert_eq!(l(Some(""), Some(" "), Some("zh_HK.Big5")), Locale::ZhTw);
    assert_eq!(l(Some("C"), None, Some("zh_CN.UTF-8")), Locale::En);
}

#[test]
fn posix_names_map_to_scripts_by_region() {
    for (name, want) in [
        ("zh_CN.UTF-8", Locale::ZhCn),
        ("zh_SG", Locale::ZhCn),
        ("zh", Locale::ZhCn),
        ("zh.GB18030", Locale::ZhCn),
        ("zh_TW.UTF-8", Locale::ZhTw),
        ("zh_HK.UTF-8", Locale::ZhTw),
        ("zh_MO", Locale::ZhTw),
        ("zh_TW.UTF-8@stroke", Locale::ZhTw),
        ("zh-Hant", Locale::ZhTw),
        ("zh-Hans-HK", Locale::ZhCn),
        ("en_GB.UTF-8", Locale::En),
        ("fr_FR", Locale::En),
        ("POSIX", Locale::En),
        ("zhx_CN", Locale::En),
    ] {
        assert_eq!(Locale::from_posix(name), want, "{name}");
    }
}

#[test]
fn a_missing_key_falls_back_to_english_then_to_the_key() {
    assert_eq!(tr(Locale::ZhCn, "tabs-queues"), "工单队列");
    assert_eq!(tr(Locale::En, "tabs-queues"), "Queues");
    assert_eq!(tr(Locale::ZhTw, "no-such-key"), "no-such-key");
    // A variable not given shows as its name instead of failing.
    assert_eq!(tr(Locale::En, "time-ago"), "{$age} ago");
}

#[test]
fn variables_carry_no_isolation_marks() {
    let text = tr_args(Locale::ZhCn, "time-ago", &[("age", "5分钟".into())]);
    assert_eq!(text, "5分钟前");
    assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text:?}");
}

#[test]
fn plural_selectors_follow_the_locales_rules() {
    let source = "n = { $n ->\n    [one] one item\n   *[other] { $n } items\n}\n";
    for (locale, one) in [(Locale::En, "one item"), (Locale::ZhCn, "1 items")] {
        let mut bundle = catalog::new_bundle(locale);
        let resource =
            fluent_bundle::FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        bundle.add_resource(resource).expect("test resource");
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("n", 1);
        assert_eq!(
            catalog::format(&bundle, "n", Some(&args)).as_deref(),
            Some(one)
        );
    }
}

#[test]
fn english_countdowns_and_ages_read_as_before() {
    for secs in [
        0,
        60,
        59 * 60,
        3600,
        7 * 3600 + 300,
        10 * 3600,
        86_400,
        3 * 86_400 + 4 * 3600,
        82 * 86_400 + 3600,
        -35 * 60,
        -(2 * 3600 + 13 * 60),
    ] {
        assert_eq!(
            countdown(Locale::En, secs),
            format_countdown(secs),
            "{secs}"
        );
        assert_eq!(compact_age(Locale::En, secs), english_age(secs), "{secs}");
        assert_eq!(
            countdown_compact(Locale::En, secs),
            format_countdown(secs),
            "English is short already: {secs}"
        );
    }
    assert_eq!(ago(Locale::En, 300), "5m ago");
    assert_eq!(ago(Locale::En, 3), "just now");
}

#[test]
fn chinese_countdowns_and_ages() {
    assert_eq!(countdown(Locale::ZhCn, 2 * 3600 + 13 * 60), "2小时13分");
    assert_eq!(countdown(Locale::ZhCn, -35 * 60), "已超时 35分");
    assert_eq!(countdown(Locale::ZhCn, 3 * 86_400 + 4 * 3600), "3天4小时");
    assert_eq!(countdown(Locale::ZhTw, -(2 * 3600)), "已逾時 2小時");
    assert_eq!(ago(Locale::ZhCn, 180), "3分钟前");
    assert_eq!(ago(Locale::ZhTw, 10), "剛剛");
    assert_eq!(compact_age(Locale::ZhTw, 2 * 86_400), "2天");
    // A narrow column's form: short units, one character for overdue.
    assert_eq!(
        countdown_compact(Locale::ZhCn, 2 * 3600 + 13 * 60),
        "2时13分"
    );
    assert_eq!(
        countdown_compact(Locale::ZhCn, -(8 * 86_400 + 23 * 3600)),
        "超8天23时"
    );
    assert_eq!(countdown_compact(Locale::ZhTw, -35 * 60), "逾35分");
}

#[test]
fn dates_follow_the_locale_unless_a_format_is_set() {
    // Thursday 2026-12-03 14:05 UTC; `now` a day later, then a year later.
    let at = 1_796_306_700;
    let now = at + 86_400;
    assert_eq!(date(Locale::En, at, 0, now, None), "2026-12-03 14:05");
    assert_eq!(date(Locale::ZhCn, at, 0, now, None), "12月3日 周四 14:05");
    assert_eq!(date(Locale::ZhTw, at, 0, now, None), "12月3日 週四 14:05");
    assert_eq!(
        date(Locale::ZhCn, at, 0, now + 365 * 86_400, None),
        "2026年12月3日 周四 14:05"
    );
    // Beijing time is the next calendar day at 22:05.
    assert_eq!(
        date(Locale::ZhCn, at + 8 * 3600, 8 * 3600, now, None),
        "12月4日 周五 06:05"
    );
    assert_eq!(
        date(Locale::ZhCn, at, 0, now, Some("%d/%m %a")),
        "03/12 周四"
    );
    assert_eq!(date(Locale::En, at, 0, now, Some("%a %%a")), "Thu %a");
    // A format chrono cannot read shows the default instead of panicking.
    assert_eq!(date(Locale::En, at, 0, now, Some("%Q")), "2026-12-03 14:05");
}

#[test]
fn statuses_and_priorities_have_names_in_every_locale() {
    use crate::domain::ticket::{Priority, Status};
    assert_eq!(status(Locale::ZhCn, Status::OnHold), "挂起");
    assert_eq!(status(Locale::ZhTw, Status::Solved), "已解決");
    assert_eq!(status(Locale::En, Status::Pending), Status::Pending.label());
    assert_eq!(priority(Locale::ZhCn, Priority::Urgent), "红");
    assert_eq!(priority(Locale::ZhTw, Priority::Low), "藍");
    assert_eq!(priority(Locale::En, Priority::High), Priority::High.label());
}

#[test]
fn contact_times_read_in_the_locale() {
    use crate::domain::customer_profile::ContactTime;
    let weekdays = ContactTime::parse("weekdays 18:00-21:00").unwrap();
    assert_eq!(
        super::time::contact_time(Locale::En, &weekdays),
        "weekdays 18:00-21:00"
    );
    assert_eq!(
        super::time::contact_time(Locale::ZhCn, &weekdays),
        "工作日 18:00-21:00"
    );
    assert_eq!(
        super::time::contact_time(Locale::ZhTw, &weekdays),
        "平日 18:00-21:00"
    );
    let some = ContactTime::parse("sat,sun 09:00-12:00").unwrap();
    assert_eq!(
        super::time::contact_time(Locale::ZhTw, &some),
        "週末 09:00-12:00"
    );
    let two = ContactTime::parse("mon,wed 09:00-12:00").unwrap();
    assert_eq!(
        super::time::contact_time(Locale::ZhCn, &two),
        "周一、周三 09:00-12:00"
    );
}
