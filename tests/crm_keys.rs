//! Customers from the keyboard on a TestBackend over the demo data (frozen clock): the views, the profile with
//! tier, stage, risk and its signals, notes and the profile form through a fake editor, and merging a duplicate.

mod common;

use common::*;
use desk::app::{CustomerFocus, Overlay, Pane};
use desk::domain::crm::RiskLevel;
use desk::domain::customer_view::CustomerView;

macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

#[test]
fn the_at_risk_view_puts_the_riskiest_customer_first_with_its_signals() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, mut a) = demo_app(w, h);
        a.keys("3 J J");
        assert_eq!(a.model.customers.view, CustomerView::AtRisk);
        let rows = &a.model.customers.list.rows;
        assert!(!rows.is_empty());
        assert!(
            rows.iter()
                .all(|r| matches!(r.risk_level, RiskLevel::Medium | RiskLevel::High)),
            "only medium and high"
        );
        assert!(rows.windows(2).all(|p| p[0].risk_score >= p[1].risk_score));
        a.keys("enter");
        let d = a.model.customers.detail.clone().expect("profile");
        assert_eq!(d.row.risk_level, RiskLevel::High);
        let screen = a.screen();
        assert!(screen.contains("High (5)"), "{screen}");
        assert!(
            screen.contains("- last CSAT ") && screen.contains("- no order or contact for "),
            "{screen}"
        );
        assert_screen!(format!("at_risk_customers_{w}x{h}"), screen);
    }
}

#[test]
fn views_cycle_and_a_filter_narrows_them() {
    let (_dir, mut a) = demo_app(120, 40);
    a.keys("3");
    let titles: Vec<CustomerView> = (0..CustomerView::ALL.len())
        .map(|_| {
            let v = a.model.customers.view;
            a.keys("J");
            v
        })
        .collect();
    assert_eq!(titles, CustomerView::ALL);
    assert_eq!(a.model.customers.view, CustomerView::All, "wraps around");
    a.keys("K"); // back to Care due
    assert_eq!(a.model.customers.view, CustomerView::CareDue);
    assert!(
        !a.model.customers.list.rows.is_empty(),
        "the demo has care due"
    );
    // VIP, narrowed to diamond by the view language.
    a.keys("J J");
    assert_eq!(a.model.customers.view, CustomerView::Vip);
    a.keys("/").type_text("tier:diamond").keys("enter");
    let rows = &a.model.customers.list.rows;
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.tier == desk::domain::customer::Tier::Diamond)
    );
    // The title counts the narrowed list and says where the selection is in it.
    let title = format!("Customers › VIP [1/{}] · “tier:diamond”", rows.len());
    assert!(a.screen().contains(&title), "{}", a.screen());
    // A bad field keeps the prompt open and says what is wrong.
    a.keys("/").type_text(" colour:red").keys("enter");
    assert!(matches!(
        a.model.overlay,
        Some(Overlay::Prompt {
            kind: desk::app::PromptKind::Filter,
            ..
        })
    ));
    assert!(
        a.screen().contains("unknown customer field `colour`"),
        "{}",
        a.screen()
    );
}

#[test]
fn notes_and_the_profile_form_go_through_the_editor() {
    let (_dir, mut a) = demo_app(120, 40);
    a.keys("3 enter");
    let before = a.model.customers.detail.clone().unwrap();
    a.editor = Some(Box::new(|t: &str| {
        Some(format!("{t}\nPrefers WeChat 微信联系"))
    }));
    a.keys("i");
    let after = a.model.customers.detail.clone().unwrap();
    assert_eq!(after.row.id, before.row.id);
    assert!(after.notes.as_str().ends_with("Prefers WeChat 微信联系"));
    assert!(after.version > before.version);
    // The form: pin the tier and set a birthday; the form shows "auto" for a computed tier.
    a.editor = Some(Box::new(|t: &str| {
        assert!(
            t.contains("\ntier: auto\n") || t.contains("\ntier: "),
            "{t}"
        );
        Some(
            t.lines()
                .map(|l| match l.split_once(':') {
                    Some(("tier", _)) => "tier: gold".to_string(),
                    Some(("birthday", _)) => "birthday: 1990-05-01".to_string(),
                    _ => l.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
        )
    }));
    a.keys("e");
    let d = a.model.customers.detail.clone().unwrap();
    assert_eq!(d.row.tier, desk::domain::customer::Tier::Gold);
    assert_eq!(d.tier_source, desk::domain::customer::TierSource::Manual);
    assert_eq!(d.birthday.as_ref().map(|b| b.as_str()), Some("1990-05-01"));
    // A bad line is refused with its line number and the form comes back with the reason (see
    // tests/screen_truths.rs); emptying it cancels, and nothing changes.
    let calls = std::rc::Rc::new(std::cell::Cell::new(0));
    let seen = calls.clone();
    a.editor = Some(Box::new(move |t: &str| {
        seen.set(seen.get() + 1);
        (seen.get() == 1)
            .then(|| format!("{t}\nemail: not-an-address"))
            .or(Some(String::new()))
    }));
    a.keys("e");
    assert_eq!(calls.get(), 2, "the editor reopened once");
    assert!(a.screen().contains("Nothing saved"), "{}", a.screen());
    assert_eq!(
        a.model.customers.detail.as_ref().unwrap().version,
        d.version
    );
}

#[test]
fn a_ticket_jumps_to_its_customer_and_back() {
    let (_dir, mut a) = demo_app(120, 40);
    a.keys("enter");
    let number = a.model.ticket.number.unwrap();
    a.keys("c");
    assert_eq!(a.model.pane, Pane::Customers);
    assert_eq!(a.model.customers.focus, CustomerFocus::Profile);
    assert_eq!(a.model.customers.from_ticket, Some(number));
    assert!(a.screen().contains("Profile · c back to ticket"));
    a.keys("c");
    assert_eq!(a.model.pane, Pane::Ticket);
    assert_eq!(a.model.ticket.number, Some(number));
}

#[test]
fn merging_a_duplicate_from_the_profile() {
    let (_dir, mut a) = demo_app(120, 40);
    a.keys("3 enter");
    let keep = a.model.customers.detail.clone().unwrap();
    // A duplicate with the same email, created through the form.
    let email = keep
        .row
        .email
        .as_ref()
        .expect("demo customer has an email")
        .to_string();
    a.editor = Some(Box::new(move |t: &str| {
        Some(
            t.replace("name: \n", "name: Duplicate 重复\n")
                .replace("email: \n", &format!("email: {email}\n")),
        )
    }));
    a.keys("C");
    assert!(
        a.screen().contains("already exists"),
        "the form refuses a second customer with that email"
    );
    // Made another way (an import, another agent), it is offered for merging.
    let dup = a
        .store
        .create_customer(
            &[
                desk::store::customer_write::CustomerEdit::Name("Duplicate 重复".into()),
                desk::store::customer_write::CustomerEdit::Phone(
                    keep.row.phone.as_ref().map(|p| p.to_string()),
                ),
            ],
            NOW,
        )
        .unwrap();
    a.keys("M");
    let Some(Overlay::Picker { options, .. }) = &a.model.overlay else {
        panic!("no merge picker: {}", a.screen());
    };
    assert!(options[0].0.starts_with("Duplicate 重复"), "{options:?}");
    a.keys("enter");
    // Both profiles before anything moves.
    let screen = a.screen();
    assert!(
        screen.contains("Keep") && screen.contains("Duplicate 重复"),
        "{screen}"
    );
    assert!(a.model.customers.detail.as_ref().unwrap().merged.is_empty());
    a.keys("y");
    let d = a.model.customers.detail.clone().unwrap();
    assert_eq!(d.row.id, keep.row.id);
    assert_eq!(d.merged, vec![dup]);
    assert!(a.screen().contains("Merged: "), "{}", a.screen());
}
