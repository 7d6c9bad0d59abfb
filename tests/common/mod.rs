//! Fixtures shared by integration tests: small hand-built databases.
#![allow(dead_code)]

use desk::domain::customer::{Tier, TierSource};
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::store::Store;
use desk::store::records::*;

/// Every `.rs` file under `dir`, for the tests that read the source (layers, literals, catalogue keys).
pub fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

pub const NOW: i64 = 1_795_000_000; // 2026-11-18, a fixed "now" for tests

/// The SLA and loop rules of config text `toml`, as desk reads them from a config file.
pub fn service_rules(toml: &str) -> desk::store::sla::ServiceRules {
    let cfg = desk::config::parse(toml, "test").expect("the test's rules parse");
    let l = cfg.loop_rules();
    desk::store::sla::ServiceRules::new(cfg.sla_rules(), l.follow_up_after, l.auto_close_after)
        .with_routing(cfg.routing_rules())
        .with_dispatch(cfg.dispatch_rules())
        .with_field(cfg.field_rules())
        .with_qa(cfg.qa_rules())
        .with_loop(cfg.loop_policy())
        .with_questionnaire(desk::domain::questionnaire::items(&cfg.metrics.csi_items))
}

/// Puts `store` under the SLA and loop rules of config text `toml`, acting as li.
pub fn apply_rules(store: &mut Store, toml: &str) {
    store.set_service_rules(service_rules(toml));
    store.set_actor(Some("li".into()));
}

/// Runs the `desk` binary as OS user `user` (the agent handle defaults to it), with HOME and the XDG directories
/// under `home` so no real config or data is touched.
pub fn desk_as(home: &std::path::Path, user: &str, args: &[&str]) -> std::process::Output {
    // English, whatever locale the machine running the tests has.
    desk_in_locale(home, user, "C.UTF-8", args)
}

/// [`desk_as`] under the POSIX locale `lang` (`LANG`; `LC_ALL` and `LC_MESSAGES` unset).
pub fn desk_in_locale(
    home: &std::path::Path,
    user: &str,
    lang: &str,
    args: &[&str],
) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", user)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

/// Like [`desk_as`], failing the test (with stderr) unless desk succeeds; returns stdout.
pub fn desk_ok(home: &std::path::Path, user: &str, args: &[&str]) -> String {
    let out = desk_as(home, user, args);
    assert!(
        out.status.success(),
        "desk {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A screen's status bar: its last line.
pub fn status_bar(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

/// The display column where `needle` starts on `line`, if it is there (CJK characters count two).
pub fn column_of(line: &str, needle: &str) -> Option<usize> {
    line.find(needle)
        .and_then(|i| line.get(..i))
        .map(unicode_width::UnicodeWidthStr::width)
}

/// The team of [`fill`] with li made a lead (who may publish) and an admin, boss (A9), added: for role rules.
pub fn fill_with_roles(store: &mut Store, n: i64) {
    fill(store, n);
    add_kb(store);
    store
        .conn()
        .execute_batch(
            "UPDATE agents SET role = 'lead' WHERE handle = 'li';
             INSERT INTO agents(id, handle, name, role, created_at, updated_at) VALUES ('A9', 'boss', 'Boss', 'admin', 0, 0);",
        )
        .unwrap();
}

/// The 200-ticket demo (seed 42) at the frozen `NOW`, settled as `desk demo` leaves it, in a TestBackend app of
/// `w`×`h`, as agent li; the directory lives as long as the harness needs it.
pub fn demo_app(w: u16, h: u16) -> (tempfile::TempDir, harness::Harness) {
    demo_app_as(w, h, "li")
}

/// [`demo_app`] acting as the demo agent `handle`.
pub fn demo_app_as(w: u16, h: u16, handle: &str) -> (tempfile::TempDir, harness::Harness) {
    let dir = tempfile::tempdir().unwrap();
    let mut store =
        Store::open(&dir.path().join("demo.db"), desk::store::OpenMode::Create).unwrap();
    let opts = desk::demo::DemoOptions {
        now: NOW,
        ..desk::demo::DemoOptions::default()
    };
    desk::demo::generate(&mut store, &opts, &mut |_, _| {}).unwrap();
    // Settled as `desk demo` leaves it, under the rules the harness runs with.
    let cfg = desk::config::Config::default();
    let l = cfg.loop_rules();
    let rules =
        desk::store::sla::ServiceRules::new(cfg.sla_rules(), l.follow_up_after, l.auto_close_after);
    desk::demo::settle(&mut store, rules, NOW).unwrap();
    (dir, harness::Harness::new(store, Some(handle), w, h, NOW))
}

pub fn agent(id: &str, handle: &str, name: &str) -> AgentRec {
    AgentRec {
        id: id.into(),
        handle: handle.into(),
        name: name.into(),
        email: None,
        role: "agent".into(),
        created_at: 0,
    }
}

pub fn customer(id: &str, name: &str, tier: Tier) -> CustomerRec {
    CustomerRec {
        id: id.into(),
        name: name.into(),
        email: Some(format!("{id}@example.com")),
        phone: None,
        org_id: None,
        tier,
        // The fixture has no orders: a tier other than the default is one an agent set, or recomputing (which
        // the harness does, as `desk --demo` does) would take it back to bronze.
        tier_source: if tier == Tier::Bronze {
            TierSource::Computed
        } else {
            TierSource::Manual
        },
        birthday: None,
        city: None,
        notes: String::new(),
        created_at: 0,
    }
}

pub fn ticket(
    i: i64,
    status: Status,
    customer: &str,
    assignee: Option<&str>,
    updated_at: i64,
) -> TicketRec {
    TicketRec {
        id: format!("T{i:08}"),
        number: Some(1000 + i),
        subject: format!("Ticket {i} about printer 打印机"),
        status,
        priority: Priority::ALL[(i % 4) as usize],
        kind: Kind::Question,
        channel: Channel::Email,
        customer_id: Some(customer.into()),
        product_id: None,
        assignee_id: assignee.map(Into::into),
        group_id: None,
        created_at: updated_at - 100,
        updated_at,
        first_response_at: None,
        solved_at: matches!(status, Status::Solved | Status::Closed).then_some(updated_at),
        closed_at: None,
        merged_into: None,
    }
}

/// A store with two agents, three customers (one VIP) and `n` tickets whose statuses and update times vary;
/// several tickets share an update time so keyset ties are exercised.
pub fn store_with_tickets(n: i64) -> Store {
    let mut store = Store::open_in_memory().expect("in-memory store");
    fill(&mut store, n);
    store
}

/// Writes the fixture of [`store_with_tickets`] into `store`.
pub fn fill(store: &mut Store, n: i64) {
    let mut w = store.bulk().expect("bulk");
    w.agent(&agent("A1", "li", "Li Na")).unwrap();
    w.agent(&agent("A2", "wang", "Wang Wei")).unwrap();
    w.customer(&customer("C1", "王芳", Tier::Diamond)).unwrap();
    w.customer(&customer("C2", "John Smith", Tier::Bronze))
        .unwrap();
    w.customer(&customer("C3", "陈静", Tier::Silver)).unwrap();
    let product = |id: &str, name: &str, bought_days_ago: i64, warranty_days: i64| ProductRec {
        id: id.into(),
        customer_id: "C3".into(),
        name: name.into(),
        serial: Some(format!("SN-{id}")),
        purchased_at: Some(NOW - bought_days_ago * 86_400),
        warranty_until: Some(NOW - bought_days_ago * 86_400 + warranty_days * 86_400),
    };
    w.product(&product("P1", "Robot Vacuum R7 扫地机器人", 345, 365))
        .unwrap();
    w.product(&product("P2", "Water Heater H5", 800, 730))
        .unwrap();
    for i in 0..n {
        let status = Status::ALL[(i % 7) as usize];
        let customer = ["C1", "C2", "C3"][(i % 3) as usize];
        let assignee = match i % 5 {
            0 => None,
            1 | 2 => Some("A1"),
            _ => Some("A2"),
        };
        // Every third ticket shares its update time with the previous one.
        let updated = NOW - (i - i / 3) * 60;
        let t = ticket(i, status, customer, assignee, updated);
        w.ticket(&t).unwrap();
        if i % 4 == 0 {
            w.tag("ticket", &t.id, "vip").unwrap();
        }
        w.message(&MessageRec {
            id: format!("M{i:08}"),
            ticket_id: t.id.clone(),
            author_kind: AuthorKind::Customer,
            author_id: Some(customer.into()),
            internal: false,
            body: format!("Hello, question {i}"),
            created_at: t.created_at,
            channel: Some(Channel::Email),
        })
        .unwrap();
    }
    w.commit("test fixture", NOW).unwrap();
}

pub mod dovecot;
pub mod harness;
pub mod hub;
pub mod locale_cli;
pub mod postgres;
pub mod smtp;
pub mod tmux;

/// Adds two categories and three articles (one draft) with Markdown bodies.
pub fn add_kb(store: &mut Store) {
    let mut w = store.bulk().unwrap();
    w.category(&CategoryRec {
        id: "K1".into(),
        name: "Payments 支付".into(),
        position: 0,
    })
    .unwrap();
    w.category(&CategoryRec {
        id: "K2".into(),
        name: "Accounts 账户".into(),
        position: 1,
    })
    .unwrap();
    let article = |id: &str, title: &str, cat: &str, status: &str, body: &str, t: i64| ArticleRec {
        id: id.into(),
        title: title.into(),
        body_md: body.into(),
        category_id: Some(cat.into()),
        status: status.into(),
        author_id: Some("A1".into()),
        views: 12,
        uses: 0,
        helpful_up: 3,
        helpful_down: 1,
        created_at: t,
        updated_at: t,
    };
    w.article(&article(
        "R1",
        "Payment failed: card declined",
        "K1",
        "published",
        "# Payment failed\n\nIf your **card was declined**, try these steps:\n\n1. Check the card number\n2. Ask your bank\n   - limits\n   - blocks\n\n> Most declines are resolved by the bank.\n\n```\nerror: 05 do not honour\n```\n\n| Code | Meaning |\n|---|---|\n| 05 | Do not honour |\n| 51 | Insufficient funds 余额不足 |\n\nSee [payment help](https://help.desk.example/pay).",
        NOW - 86_400,
    ))
    .unwrap();
    w.article(&article(
        "R2",
        "支付失败怎么办",
        "K1",
        "published",
        "## 支付失败\n\n请先检查银行卡余额，然后*重新支付*。",
        NOW - 2 * 86_400,
    ))
    .unwrap();
    w.article(&article(
        "R3",
        "Reset your password",
        "K2",
        "draft",
        "Use the **Forgot password** link.",
        NOW - 3 * 86_400,
    ))
    .unwrap();
    w.commit("kb fixture", NOW).unwrap();
}
