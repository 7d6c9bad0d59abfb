use super::*;
use proptest::prelude::*;

#[test]
fn a_subject_token_names_the_ticket_in_any_width() {
    assert_eq!(subject_token("Re: [#1042] 空调不制冷"), Some(1042));
    assert_eq!(subject_token("回复：［＃１０４２］空调"), Some(1042));
    assert_eq!(subject_token("Fwd: [#7] then [#1042]"), Some(1042));
    assert_eq!(subject_token("order #1042 [#] [#12a]"), None);
    assert_eq!(subject_token("[#99999999999999999999999]"), None);
}

#[test]
fn a_new_tickets_subject_loses_prefixes_and_tokens() {
    assert_eq!(
        clean_subject("Re: RE: Fwd: [#1042] 空调不制冷"),
        "空调不制冷"
    );
    assert_eq!(clean_subject("回复：转发: 发票"), "发票");
    assert_eq!(
        clean_subject("Regarding the invoice"),
        "Regarding the invoice"
    );
    assert_eq!(clean_subject("  Re:  "), "(no subject)");
}

#[test]
fn machine_made_mail_is_recognised_by_its_headers() {
    let h = |f: &dyn Fn(&mut LoopHeaders<'static>)| {
        let mut h = LoopHeaders::default();
        f(&mut h);
        loop_reason(&h)
    };
    assert_eq!(h(&|_| {}), None);
    assert_eq!(
        h(&|h| h.auto_submitted = Some("auto-replied")),
        Some(LoopReason::AutoSubmitted("auto-replied".into()))
    );
    assert_eq!(h(&|h| h.auto_submitted = Some("no")), None);
    assert_eq!(
        h(&|h| h.precedence = Some("Bulk")),
        Some(LoopReason::Precedence("bulk".into()))
    );
    assert_eq!(h(&|h| h.precedence = Some("first-class")), None);
    assert!(h(&|h| h.x_autoreply = true).is_some());
    assert_eq!(
        h(&|h| h.content_type = Some("multipart/report; report-type=delivery-status")),
        Some(LoopReason::DeliveryReport)
    );
    assert_eq!(h(&|h| h.content_type = Some("multipart/mixed")), None);
    assert_eq!(
        h(&|h| h.from = Some("MAILER-DAEMON@mx.example.com")),
        Some(LoopReason::MailerDaemon)
    );
    assert_eq!(h(&|h| h.from = Some("daemon.fan@example.com")), None);
}

#[test]
fn message_ids_and_emails_compare_without_their_dressing() {
    assert_eq!(message_id(" <abc@x.y> ").as_deref(), Some("abc@x.y"));
    assert_eq!(message_id("<>"), None);
    assert_eq!(message_id("a b@c"), None);
    assert_eq!(
        email(" <Li.Na@Example.COM> ").as_deref(),
        Some("li.na@example.com")
    );
    assert_eq!(email("not-an-address"), None);
    assert_eq!(email("a@localhost"), None);
    assert_eq!(email("a@.com"), None);
}

#[test]
fn a_forward_names_its_original_sender() {
    let body = "FYI, customer called too.\n\n---------- Forwarded message ---------\nFrom: 王芳 <wang.fang@example.cn>\nDate: Mon\nSubject: 洗衣机漏水\n\n你好…";
    let who = forwarded_sender(body).expect("a sender");
    assert_eq!(who.email.as_deref(), Some("wang.fang@example.cn"));
    assert_eq!(who.name.as_deref(), Some("王芳"));
    let outlook = "-----Original Message-----\n发件人: \"Chen\" <chen@example.com>\n";
    assert_eq!(
        forwarded_sender(outlook).and_then(|i| i.email).as_deref(),
        Some("chen@example.com")
    );
    // A From: line outside a forwarded block is the agent's own text, not a forward.
    assert_eq!(forwarded_sender("From: someone@example.com\nhello"), None);
}

#[test]
fn file_names_are_made_safe() {
    assert_eq!(safe_filename("../../etc/passwd"), "passwd");
    assert_eq!(safe_filename("C:\\Users\\x\\发票.pdf"), "发票.pdf");
    assert_eq!(
        safe_filename("\u{1b}[2Jevil\u{202e}fdp.exe"),
        "[2Jevilfdp.exe"
    );
    assert_eq!(safe_filename(".bashrc"), "bashrc");
    assert_eq!(safe_filename("  "), "attachment");
}

#[test]
fn a_token_is_trusted_only_from_the_tickets_people() {
    let collab = vec!["boss@example.com".to_string()];
    let known = Some("li@example.com");
    assert!(token_accepted(
        TokenTrust::KnownSenders,
        Some("LI@example.com"),
        known,
        &collab
    ));
    assert!(token_accepted(
        TokenTrust::KnownSenders,
        Some("boss@example.com"),
        known,
        &collab
    ));
    assert!(!token_accepted(
        TokenTrust::KnownSenders,
        Some("x@evil.com"),
        known,
        &collab
    ));
    assert!(!token_accepted(
        TokenTrust::KnownSenders,
        None,
        known,
        &collab
    ));
    assert!(token_accepted(
        TokenTrust::Anyone,
        Some("x@evil.com"),
        known,
        &collab
    ));
}

#[test]
fn a_new_customers_name_comes_from_what_is_known() {
    let mut who = Identity {
        email: Some("zhang@example.com".into()),
        ..Identity::default()
    };
    assert_eq!(who.display_name(), "zhang");
    who.name = Some(" 张一天 ".into());
    assert_eq!(who.display_name(), "张一天");
    assert!(!who.is_empty());
    assert!(Identity::default().is_empty());
}

proptest! {
    #[test]
    fn subject_rules_never_panic_and_clean_is_stable(s in "\\PC{0,40}") {
        let _ = subject_token(&s);
        let once = clean_subject(&s);
        prop_assert_eq!(clean_subject(&once), once.clone());
        prop_assert!(subject_token(&once).is_none() || once.contains('#'));
    }

    #[test]
    fn a_token_written_into_any_subject_is_found(n in 1i64..10_000_000, pre in "[a-zA-Z 回复:]{0,12}", post in "\\PC{0,12}") {
        let s = format!("{pre}[#{n}]{}", post.replace('[', ""));
        prop_assert_eq!(subject_token(&s), Some(n));
    }

    #[test]
    fn safe_names_have_no_path_or_control(s in "\\PC{0,60}|[\\x00-\\x7f]{0,60}") {
        let n = safe_filename(&s);
        prop_assert!(!n.is_empty());
        prop_assert!(!n.contains('/') && !n.contains('\\'));
        prop_assert!(!n.chars().any(char::is_control));
        prop_assert!(!n.starts_with('.'));
    }
}

#[test]
fn a_sender_joins_the_organisation_of_its_domain_or_nearest_parent() {
    let rules = IntakeRules {
        organizations: vec![
            ("acme.com.cn".into(), "ACME 集团".into()),
            ("sh.acme.com.cn".into(), "ACME 上海".into()),
        ],
        ..IntakeRules::default()
    };
    assert_eq!(
        rules.organization_for("wang@ACME.com.cn"),
        Some("ACME 集团")
    );
    assert_eq!(
        rules.organization_for("li@sh.acme.com.cn"),
        Some("ACME 上海")
    );
    assert_eq!(
        rules.organization_for("zhao@bj.acme.com.cn"),
        Some("ACME 集团")
    );
    assert_eq!(rules.organization_for("x@notacme.com.cn"), None);
    assert_eq!(rules.organization_for("x@com.cn"), None);
    assert_eq!(rules.organization_for("no-at-sign"), None);
}
