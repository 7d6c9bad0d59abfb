//! Mail as `desk mail import` and `desk mail fetch` read it: any bytes parse to an inbound message without a
//! panic, with an id to record it by, attachment names that are safe to save, and a ticket token only where the
//! subject has one; the same bytes always give the same message (the id is what makes delivery exactly-once).
#![no_main]

use desk::channels::mail_parse::parse_mail;
use desk::domain::intake::{safe_filename, subject_token};
use libfuzzer_sys::fuzz_target;

/// mail-parser 0.11 has a `debug_assert!` on a nested-multipart state it then handles (it breaks out and keeps
/// what it parsed); release builds, which desk ships, never see it, and desk's dev profile turns it off
/// (Cargo.toml). Fuzz builds keep debug assertions for desk's own code, so that one assertion alone is excused.
fn excuse_mail_parser_debug_assert() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_mail_parser = info
                .location()
                .is_some_and(|l| l.file().contains("mail-parser"));
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            if !(in_mail_parser && message.contains("Invalid part ID")) {
                fuzzer_hook(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    excuse_mail_parser_debug_assert();
    let Ok(m) = std::panic::catch_unwind(|| parse_mail(data)) else {
        return;
    };
    assert!(!m.external_id.is_empty());
    assert!(!m.external_id.chars().any(char::is_whitespace));
    for a in &m.attachments {
        assert_eq!(
            safe_filename(&a.name),
            a.name,
            "names are made safe once, on the way in"
        );
    }
    assert_eq!(m.ticket_token, subject_token(&m.subject));
    assert_eq!(parse_mail(data), m);
});
