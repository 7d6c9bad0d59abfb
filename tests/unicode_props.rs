//! Property tests over random Unicode for everything that parses text people type, import or configure: dates
//! (birthdays, import times, view ages), phone and email masking, tags, placeholders, snippets and the view
//! language. Each property checks what the function promises, not only that it does not panic.

use chrono::{Datelike, NaiveDate, TimeZone};
use desk::domain::care::{month_day, next_on, occasions};
use desk::domain::mask::{mask_email, mask_phone};
use desk::domain::query::{self, Clause};
use desk::domain::ticket::{is_tag_separator, tag};
use desk::store::csv_rows::{parse_amount, parse_time};
use proptest::prelude::*;

/// Pieces that break byte-minded code: CJK, emoji with modifiers and flags, combining marks, right-to-left
/// scripts, zero-width and bidi controls, full-width forms, characters whose lowercase changes length, and the
/// ASCII punctuation the parsers split on.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9]{1,4}",
        "[-:,|<>.+#=*@/ ]{1,3}",
        "[\"{}]{1,2}",
        "[支付失败王芳退款年月日号]{1,3}",
        "[😀👋🏽🇨🇳👨‍👩‍👧]{1,2}",
        "[\u{0300}-\u{036F}]{1,2}",
        "[\u{05D0}-\u{05EA}\u{0627}-\u{064A}]{1,3}",
        "[\u{200B}-\u{200F}\u{2066}-\u{2069}\u{FEFF}\u{00A0}\u{3000}]{1,2}",
        "[０-９－：，]{1,3}",
        "[İẞΣσςﬁ]{1,2}",
    ]
}

fn mixed() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..8).prop_map(|v| v.concat())
}

/// Any text: arbitrary, printable, or built from the troublesome pieces above.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "\\PC{0,40}", mixed()]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1000i32..=9999, 1u32..=366).prop_filter_map("a real day of the year", |(y, o)| {
        NaiveDate::from_yo_opt(y, o)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A birthday is accepted only as a real month/day, spelled as that month/day.
    #[test]
    fn accepted_birthdays_are_real_dates(s in text()) {
        if let Some((m, d)) = month_day(&s) {
            prop_assert!(NaiveDate::from_ymd_opt(2024, m, d).is_some(), "{:?} -> {}-{}", s, m, d);
            let t = s.trim();
            prop_assert!(t.ends_with(&format!("{m:02}-{d:02}")), "{:?}", s);
            prop_assert!(t.len() == 5 || t.len() == 10, "{:?}", s);
            if t.len() == 10 {
                prop_assert!(NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok(), "{:?}", s);
            }
        }
    }

    /// Every real date is read back in both spellings; anything glued to the front makes it not a date.
    #[test]
    fn birthdays_round_trip_and_garbage_is_refused(d in date(), prefix in text()) {
        let md = Some((d.month(), d.day()));
        prop_assert_eq!(month_day(&d.format("%Y-%m-%d").to_string()), md);
        prop_assert_eq!(month_day(&format!(" {} ", d.format("%m-%d"))), md);
        if !prefix.trim_start().is_empty() {
            let glued = format!("{prefix}{}", d.format("%Y-%m-%d"));
            prop_assert_eq!(month_day(&glued), None, "{:?}", glued);
        }
    }

    /// The next occasion of a month/day is on that day (or 28 February for a leap day), within a year.
    #[test]
    fn next_on_is_the_next_matching_day(md in date(), today in date()) {
        let md = (md.month(), md.day());
        let on = next_on(md, today).expect("every year has the day or 28 February");
        prop_assert!(on >= today && (on - today).num_days() < 366, "{} from {}", on, today);
        let leap_day_moved = md == (2, 29) && (on.month(), on.day()) == (2, 28);
        prop_assert!((on.month(), on.day()) == md || leap_day_moved, "{:?} -> {}", md, on);
    }

    /// Occasions fall inside the window, soonest first, and a birthday shows up exactly when it parses and is due.
    #[test]
    fn occasions_stay_inside_the_window(
        birthday in text(), first in proptest::option::of(date()), today in date(), ahead in 0i64..60
    ) {
        let got = occasions(Some(&birthday), first, today, ahead);
        let last = today + chrono::Duration::days(ahead);
        prop_assert!(got.iter().all(|(on, _)| *on >= today && *on <= last), "{:?}", got);
        prop_assert!(got.windows(2).all(|w| w[0].0 <= w[1].0), "{:?}", got);
        let due = month_day(&birthday).and_then(|md| next_on(md, today)).filter(|on| *on <= last);
        let has_birthday = got.iter().any(|(_, o)| o.kind() == "birthday");
        prop_assert_eq!(has_birthday, due.is_some());
    }

    /// Import times: every accepted spelling reads as the moment written, garbage after it is refused, and
    /// whatever is accepted is a real moment.
    #[test]
    fn import_times_read_the_moment_written(
        d in date(), h in 0u32..24, mi in 0u32..60, s in 0u32..60, offset_h in -12i32..=14, junk in text()
    ) {
        let at = d.and_hms_opt(h, mi, s).unwrap();
        let utc = at.and_utc().timestamp();
        prop_assert_eq!(parse_time(&at.format("%Y-%m-%d %H:%M:%S").to_string()), Some(utc));
        prop_assert_eq!(parse_time(&at.format("%Y-%m-%d %H:%M").to_string()), Some(utc - i64::from(s)));
        let midnight = d.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp();
        prop_assert_eq!(parse_time(&format!(" {} ", d.format("%Y-%m-%d"))), Some(midnight));
        let tz = chrono::FixedOffset::east_opt(offset_h * 3600).unwrap();
        let local = tz.from_local_datetime(&at).unwrap();
        prop_assert_eq!(parse_time(&local.to_rfc3339()), Some(local.timestamp()));
        let junk = junk.trim();
        if junk.chars().next().is_some_and(|c| !c.is_ascii_digit() && c != ':' && c != '.') {
            let glued = format!("{}{junk}", d.format("%Y-%m-%d"));
            prop_assert_eq!(parse_time(&glued), None, "{:?}", glued);
        }
    }

    #[test]
    fn accepted_import_times_are_real(s in text()) {
        if let Some(t) = parse_time(&s) {
            prop_assert!(chrono::DateTime::from_timestamp(t, 0).is_some(), "{:?} -> {}", s, t);
        }
    }

    /// Amounts: what is accepted is a non-negative number of cents that prints and reads back the same.
    #[test]
    fn accepted_amounts_round_trip(s in text()) {
        if let Some(cents) = parse_amount(&s) {
            prop_assert!(cents >= 0);
            prop_assert_eq!(parse_amount(&format!("{}.{:02}", cents / 100, cents % 100)), Some(cents));
        }
    }

    /// Masking a phone keeps its length and every non-digit in place, the first three and last four digits of a
    /// long number (the last two of a short one), and hides every other digit.
    #[test]
    fn masked_phones_keep_shape_and_the_documented_digits(phone in prop_oneof![text(), "[+0-9０-９ ()-]{0,20}"]) {
        let out = mask_phone(&phone);
        let (inp, outp): (Vec<char>, Vec<char>) = (phone.chars().collect(), out.chars().collect());
        prop_assert_eq!(inp.len(), outp.len());
        let digits = inp.iter().filter(|c| c.is_numeric()).count();
        let (head, tail) = if digits >= 8 { (3, 4) } else { (0, 2) };
        let mut seen = 0;
        for (a, b) in inp.iter().zip(&outp) {
            if !a.is_numeric() {
                prop_assert_eq!(a, b);
                continue;
            }
            seen += 1;
            let kept = seen <= head || seen + tail > digits;
            prop_assert_eq!(*b, if kept { *a } else { '*' }, "{:?} -> {:?}", phone, out);
        }
    }

    /// Masking an email keeps its length, its first character and everything from the `@` on.
    #[test]
    fn masked_emails_keep_the_first_character_and_the_domain(email in text()) {
        let out = mask_email(&email);
        prop_assert_eq!(out.chars().count(), email.chars().count());
        prop_assert_eq!(out.chars().next(), email.chars().next());
        if let Some((_, domain)) = email.split_once('@') {
            prop_assert!(out.ends_with(&format!("@{domain}")), "{:?} -> {:?}", email, out);
        }
    }

    /// A tag is the trimmed, lowercased word without zero-width or bidi characters, or refused when empty or
    /// holding a separator, quote or control character; every accepted tag can be selected again with `tag:`.
    #[test]
    fn tags_are_single_selectable_words(raw in text()) {
        use desk::domain::text::{is_invisible, strip_invisible};
        let want = strip_invisible(&raw).trim().to_lowercase();
        match tag(&raw) {
            Ok(t) => {
                prop_assert_eq!(&t, &want);
                prop_assert!(!t.is_empty() && !t.contains(is_tag_separator) && !t.contains('"'));
                prop_assert!(!t.contains(char::is_control) && !t.contains(is_invisible));
                let q = query::parse(&format!("tag:{t}"))
                    .map_err(|e| TestCaseError::fail(format!("tag:{t}: {e}")))?;
                prop_assert_eq!(q.clauses, vec![Clause::Tag(vec![t.clone()])]);
            }
            Err(_) => prop_assert!(
                want.is_empty()
                    || want.contains(is_tag_separator)
                    || want.contains('"')
                    || want.contains(char::is_control),
                "{:?} refused", raw
            ),
        }
    }

    /// `desk ticket set N tags+=X` adds exactly the tag the domain makes of X, and refuses what it refuses.
    #[test]
    fn cli_tag_edits_follow_the_domain(raw in text()) {
        use desk::store::ticket_write::TicketEdit;
        let add = desk::cli::ticket_write::parse_edit(&format!("tags+={raw}"));
        let remove = desk::cli::ticket_write::parse_edit(&format!("tag-={raw}"));
        match tag(&raw) {
            Ok(t) => {
                prop_assert_eq!(add.ok(), Some(TicketEdit::AddTag(t.clone())));
                prop_assert_eq!(remove.ok(), Some(TicketEdit::RemoveTag(t)));
            }
            Err(_) => prop_assert!(add.is_err() && remove.is_err()),
        }
    }

    /// The view language: an error points inside the input, and a query prints as text that parses back to it.
    #[test]
    fn view_filters_point_inside_and_round_trip(s in prop_oneof![text(), filter_like()]) {
        match query::parse(&s) {
            Err(e) => prop_assert!(
                e.column >= 1 && e.column <= s.chars().count() + 1,
                "column {} for {:?}", e.column, s
            ),
            Ok(q) => {
                let printed = q.to_string();
                let back = query::parse(&printed)
                    .map_err(|e| TestCaseError::fail(format!("{s:?} printed as {printed:?}: {e}")))?;
                prop_assert_eq!(back, q, "{:?} printed as {:?}", s, printed);
            }
        }
    }

    /// Customer views use the same tokens: errors point inside the input, whatever is typed.
    #[test]
    fn customer_filters_point_inside(s in prop_oneof![text(), filter_like()]) {
        if let Err(e) = desk::domain::customer_view::parse(&s, 1_795_000_000) {
            prop_assert!(e.column >= 1 && e.column <= s.chars().count() + 1, "column {} for {:?}", e.column, s);
        }
    }

    /// Durations are whole minutes, never negative.
    #[test]
    fn durations_are_whole_minutes(s in prop_oneof![text(), "[0-9]{1,20}[mhdw]"]) {
        if let Some(secs) = query::duration(&s) {
            prop_assert!(secs >= 0 && secs % 60 == 0, "{:?} -> {}", s, secs);
        }
    }

    /// Placeholders: text around them is kept as is, known ones are filled, and an unclosed `{{` is reported at
    /// a character position inside the body.
    #[test]
    fn macro_placeholders_fill_and_report_inside(a in text(), b in text()) {
        use desk::domain::macros::{MacroContext, MacroError, placeholders, render};
        prop_assume!(!a.contains("{{") && !a.contains("}}") && !b.contains("{{") && !b.contains("}}"));
        prop_assume!(!a.ends_with('{') && !b.starts_with('}') && !b.ends_with('{'));
        let ctx = MacroContext {
            customer_name: "王芳".into(),
            ticket_number: 1042,
            ticket_subject: "支付失败".into(),
            agent_name: "李娜".into(),
        };
        prop_assert_eq!(render(&format!("{a}{{{{ customer.name }}}}{b}"), &ctx), format!("{a}王芳{b}"));
        prop_assert_eq!(render(&format!("{a}{b}"), &ctx), format!("{a}{b}"));
        let body = format!("{a}{{{{{b}");
        let err = placeholders(&body).unwrap_err();
        let at = a.chars().count() + 1;
        prop_assert_eq!(&err, &MacroError::Unclosed { at });
        prop_assert!(err.to_string().contains(&format!("at character {at} ")), "{}", err);
    }

    /// KB snippets mark exactly a case-insensitive match of the needle, or fall back to the text's start.
    #[test]
    fn snippets_mark_a_match_of_the_needle(text in text(), needle in prop_oneof![text(), "[a-zİß支付]{1,3}"], n in 0usize..12) {
        use desk::domain::kb::{HIT_END, HIT_START, snippet_around, tidy_snippet};
        let out = snippet_around(&text, &needle, n);
        let fold = |s: &str| s.chars().flat_map(char::to_lowercase).collect::<String>();
        match out.split_once(HIT_START) {
            Some((_, rest)) => {
                let hit = rest.split_once(HIT_END).map(|(h, _)| h).unwrap_or("");
                prop_assert_eq!(fold(hit), fold(&needle));
            }
            None => {
                let flat = tidy_snippet(&text);
                prop_assert_eq!(out, flat.chars().take(n * 2).collect::<String>());
            }
        }
    }

    /// Key specs in config never panic; one character is that key.
    #[test]
    fn key_specs_parse_or_say_why(s in text()) {
        use desk::app::keys::Key;
        if let Ok(k) = Key::parse(&s) {
            let t = s.trim();
            let mut chars = t.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                prop_assert_eq!(k.code, desk::app::keys::KeyCode::Char(c));
            }
        }
    }
}

/// Text shaped like filters: mostly clauses that parse (so printing them back is exercised), with free words,
/// quoted phrases and troublesome pieces between them, and now and then a stray quote.
fn filter_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        6 => clause(),
        1 => piece(),
        1 => "\"[a-z支:,| ]{0,5}\"",
        1 => Just("\"".to_string()),
    ];
    proptest::collection::vec(token, 0..6).prop_map(|v| v.join(" "))
}

/// One `field:value` clause, usually with a value that field takes.
fn clause() -> impl Strategy<Value = String> {
    let words = |w: &'static [&'static str]| {
        proptest::sample::subsequence(w.to_vec(), 1..=2.min(w.len())).prop_map(|v| v.join(","))
    };
    let age = prop_oneof![
        "[<>][0-9]{1,4}[mhdw]",
        "20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])(\\.\\.2099-12-31)?",
    ];
    // Free text for customer, group and tag values: plain, quoted with spaces, or troublesome.
    let free = prop_oneof!["\"[a-zA-Z王芳:,| ]{1,6}\"", mixed(), "[a-z支付]{1,4}"];
    prop_oneof![
        words(&["new", "open", "pending", "on_hold", "solved"]).prop_map(|v| format!("status:{v}")),
        "(>=|<=|<|>)?(urgent|high|normal|low)".prop_map(|v| format!("priority:{v}")),
        "(me|none|li|wang|[a-zé支]{1,3})([,|](me|none|[a-z]{1,3}))?"
            .prop_map(|v| format!("assignee:{v}")),
        words(&["question", "complaint", "incident"]).prop_map(|v| format!("kind:{v}")),
        words(&["email", "phone", "wechat"]).prop_map(|v| format!("channel:{v}")),
        words(&["diamond", "gold", "bronze"]).prop_map(|v| format!("tier:{v}")),
        free.clone().prop_map(|v| format!("tag:{v}")),
        free.clone().prop_map(|v| format!("customer:{v}")),
        free.prop_map(|v| format!("group:{v}")),
        age.clone().prop_map(|v| format!("created:{v}")),
        age.clone().prop_map(|v| format!("updated:{v}")),
        age.prop_map(|v| format!("due:{v}")),
        words(&["ok", "at-risk", "breached", "paused"]).prop_map(|v| format!("sla:{v}")),
        "(due|open)".prop_map(|v| format!("followup:{v}")),
        "-?(updated|created|number|solved|due|followup|priority)".prop_map(|v| format!("sort:{v}")),
    ]
}

/// Filters found by the properties above, kept as plain cases.
#[test]
fn filters_that_once_failed_to_round_trip() {
    for s in [
        r#"tag:"a b""#,
        r#"tag:"vip 客户",x"#,
        "created:10000-01-01",
        "customer:\"王 芳\" 付款",
    ] {
        let Ok(q) = query::parse(s) else { continue };
        let printed = q.to_string();
        assert_eq!(
            query::parse(&printed),
            Ok(q),
            "{s:?} printed as {printed:?}"
        );
    }
}
