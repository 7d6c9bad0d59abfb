//! The poisoned database and files of `tests/cli_escapes.rs`: every text field, file name and import cell carries
//! the payload set.
#![allow(dead_code)]

use desk::domain::customer::{Tier, TierSource};
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::store::records::*;
use desk::store::ticket_write::TicketEdit;
use desk::store::{OpenMode, Store};
use std::path::{Path, PathBuf};
use std::process::Output;

pub mod customer;
pub mod field;
pub mod plan;
pub mod qa;

/// What a terminal acts on, or draws in a way that moves what follows.
pub const P: &str = "\x1b[2J\x1b]52;c;aGk=\x07\x1b]0;pwned\x07\x07\x1b[5A\x1b[3;1H\u{9b}31m\u{202e}\u{200b}\u{200d}\u{feff}";

/// `label` followed by the payload: the label is what must still show.
pub fn p(label: &str) -> String {
    format!("{label}{P}")
}

/// Arguments as the process takes them.
pub fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

/// `base` as it is, then once with each `--format`.
pub fn with_formats(base: &[&str], formats: &[&str]) -> Vec<Vec<String>> {
    let mut all = vec![args(base)];
    for f in formats {
        let mut v = args(base);
        v.extend(["--format".to_string(), f.to_string()]);
        all.push(v);
    }
    all
}

pub const ARTICLE: &str = "01J0000000000000000000ART1";

pub fn desk(home: &Path, args: &[String]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "li")
        .env_remove("DESK_DB")
        .env_remove("DESK_CONFIG")
        .output()
        .unwrap()
}

fn customer(id: &str, name: &str, email: &str, now: i64) -> CustomerRec {
    CustomerRec {
        id: id.into(),
        name: p(name),
        email: Some(email.into()),
        phone: Some(p("138 0000 0000")),
        org_id: Some("O1".into()),
        tier: Tier::Gold,
        tier_source: TierSource::Manual,
        birthday: None,
        city: Some(p("Shanghai")),
        notes: p("Prefers email"),
        created_at: now - 90 * 86_400,
    }
}

fn ticket(n: i64, status: Status, subject: &str, now: i64) -> TicketRec {
    TicketRec {
        id: format!("T{n}"),
        number: Some(n),
        subject: p(subject),
        status,
        priority: Priority::High,
        kind: Kind::Complaint,
        channel: Channel::Email,
        customer_id: Some("C1".into()),
        product_id: Some("P1".into()),
        assignee_id: Some("A2".into()),
        group_id: Some("G1".into()),
        created_at: now - 5 * 86_400,
        updated_at: now - 3600 * n.rem_euclid(7),
        first_response_at: Some(now - 4 * 86_400),
        solved_at: (status == Status::Solved).then_some(now - 86_400),
        closed_at: None,
        merged_into: None,
    }
}

/// The poisoned database in `home`, with `li` (the user the commands run as) its admin.
pub fn poisoned(home: &Path) -> PathBuf {
    let db = home.join("desk.db");
    let o = desk(
        home,
        &["init".into(), "--db".into(), db.display().to_string()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let now = desk::runtime::now();
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let mut w = store.bulk().unwrap();
    w.agent(&AgentRec {
        id: "A2".into(),
        handle: "wang".into(),
        name: p("Wang Fang"),
        email: Some(p("wang@example.com")),
        role: "agent".into(),
        created_at: now - 100 * 86_400,
    })
    .unwrap();
    // A handle from before handles were checked.
    w.agent(&AgentRec {
        id: "A3".into(),
        handle: p("zhao"),
        name: p("Zhao Lei"),
        email: None,
        role: "agent".into(),
        created_at: now - 100 * 86_400,
    })
    .unwrap();
    w.group(&GroupRec {
        id: "G1".into(),
        name: p("Billing"),
        members: vec!["A2".into()],
        created_at: now - 100 * 86_400,
    })
    .unwrap();
    w.organization(&OrgRec {
        id: "O1".into(),
        name: p("Acme"),
        tier: None,
        created_at: now - 100 * 86_400,
    })
    .unwrap();
    w.customer(&customer("C1", "Ann", &format!("ann{P}@example.com"), now))
        .unwrap();
    w.customer(&customer("C2", "Ann", "ann2@example.com", now))
        .unwrap();
    w.product(&ProductRec {
        id: "P1".into(),
        customer_id: "C1".into(),
        name: p("Printer"),
        serial: Some(p("SN-1")),
        purchased_at: Some(now - 60 * 86_400),
        warranty_until: Some(now + 300 * 86_400),
    })
    .unwrap();
    w.order(&OrderRec {
        id: "R1".into(),
        customer_id: "C1".into(),
        at: now - 10 * 86_400,
        amount_cents: 129_900,
        delivered_at: Some(now - 8 * 86_400),
    })
    .unwrap();
    for (n, status) in [
        (1001, Status::Open),
        (1002, Status::Pending),
        (1003, Status::Solved),
        (1004, Status::New),
    ] {
        w.ticket(&ticket(n, status, "Printer jam", now)).unwrap();
        for (i, (author, internal)) in [(AuthorKind::Customer, false), (AuthorKind::Agent, true)]
            .into_iter()
            .enumerate()
        {
            w.message(&MessageRec {
                id: format!("M{n}{i}"),
                ticket_id: format!("T{n}"),
                author_kind: author,
                author_id: (author == AuthorKind::Agent).then(|| "A2".into()),
                internal,
                body: p("Printer jam: the paper tray\nsecond line"),
                created_at: now - 5 * 86_400 + i as i64,
                channel: Some(Channel::Email),
            })
            .unwrap();
        }
        w.tag("ticket", &format!("T{n}"), &p("vip")).unwrap();
    }
    w.tag("customer", "C1", &p("vip")).unwrap();
    w.category(&CategoryRec {
        id: "K1".into(),
        name: p("Accounts"),
        position: 1,
    })
    .unwrap();
    w.article(&ArticleRec {
        id: ARTICLE.into(),
        title: p("Printer jam fix"),
        body_md: p("## Steps\n\n1. Open the printer jam tray."),
        category_id: Some("K1".into()),
        status: "published".into(),
        author_id: Some("A2".into()),
        views: 3,
        uses: 1,
        helpful_up: 1,
        helpful_down: 0,
        created_at: now - 50 * 86_400,
        updated_at: now - 50 * 86_400,
    })
    .unwrap();
    w.tag("article", ARTICLE, &p("printer")).unwrap();
    w.survey(&SurveyRec {
        id: "S1".into(),
        ticket_id: Some("T1003".into()),
        customer_id: Some("C1".into()),
        kind: "csat",
        score: 2,
        comment: Some(p("Too slow")),
        at: now - 86_400,
    })
    .unwrap();
    w.task(&TaskRec {
        id: "K2".into(),
        kind: "follow_up".into(),
        ticket_id: Some("T1003".into()),
        customer_id: Some("C1".into()),
        due_at: now - 3600,
        done_at: None,
        assignee_id: Some("A2".into()),
        note: p("Call back"),
        created_at: now - 86_400,
    })
    .unwrap();
    w.commit(&p("fixture"), now).unwrap();
    // History with the payload on both sides of a change.
    store
        .set_ticket(
            1001,
            &[TicketEdit::Subject(p("Printer jam again"))],
            None,
            now,
        )
        .unwrap();
    drop(store);
    db
}

/// Import files and folders whose names and contents carry the payload.
pub struct Files {
    pub customers_csv: String,
    pub rejects_csv: String,
    pub kb_dir: String,
    pub kb_bad_dir: String,
    pub kb_export: String,
    pub backup: String,
    pub restore_target: String,
    pub convert_target: String,
    pub demo_db: String,
    /// A database `init` makes (with the starter articles).
    pub fresh_db: String,
    pub mail_dir: String,
    pub ingest_file: String,
    pub save_to: String,
    pub tickets_jsonl: String,
    /// A replica of the poisoned database, made by the `replica create` run.
    pub replica: String,
    /// The poisoned database itself, as the replica's hub.
    pub hub: String,
}

pub fn files(home: &Path, db: &Path) -> Files {
    let s = |p: PathBuf| p.display().to_string();
    let csv = home.join(format!("customers{P}.csv"));
    let mut rows = String::from("external_id,name,email,tier,city,notes\n");
    rows.push_str(&format!(
        "X1,{},x1@example.com,,{},{}\n",
        p("Xu"),
        p("Xian"),
        p("n")
    ));
    rows.push_str(&format!("X2,{},{},,,\n", p("Bad Mail"), p("not-an-email")));
    rows.push_str(&format!(
        "X3,{},x3@example.com,{},,\n",
        p("Bad Tier"),
        p("platinum")
    ));
    std::fs::write(&csv, rows).unwrap();
    let kb = home.join(format!("kb{P}"));
    std::fs::create_dir_all(&kb).unwrap();
    // TOML strings hold control characters only as escapes.
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let article = |title: &str, status: &str| {
        format!(
            "+++\ntitle = {}\ncategory = {}\ntags = [\"printer\"]\nstatus = {}\n+++\n\n{}\n",
            quoted(title),
            quoted(&p("Hardware")),
            quoted(status),
            p("Body")
        )
    };
    std::fs::write(
        kb.join(format!("good{P}.md")),
        article(&p("Toner"), "draft"),
    )
    .unwrap();
    // The fixture's article retitled: `kb history` then shows a title change with the payload on both sides.
    std::fs::write(
        kb.join("revised.md"),
        format!(
            "+++\nid = \"{ARTICLE}\"\n{}",
            article(&p("Printer jam fix, revised"), "published").trim_start_matches("+++\n")
        ),
    )
    .unwrap();
    let bad = home.join(format!("kb-bad{P}"));
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(
        bad.join(format!("bad{P}.md")),
        article(&p("Bad"), &p("live")),
    )
    .unwrap();
    std::fs::write(
        bad.join(format!("tags{P}.md")),
        format!(
            "+++\ntitle = \"T\"\ntags = [{}]\n+++\n\nBody\n",
            quoted(&p("a b"))
        ),
    )
    .unwrap();
    // A mail whose sender name, subject, body and attachment name carry the payload, RFC 2047-encoded as a mail
    // client would send it; and intake records, one good and one whose bad field echoes the payload.
    let mail = home.join(format!("mail{P}"));
    std::fs::create_dir_all(&mail).unwrap();
    let word = |s: &str| {
        use base64::Engine;
        format!(
            "=?UTF-8?B?{}?=",
            base64::engine::general_purpose::STANDARD.encode(s)
        )
    };
    let eml = format!(
        "From: {} <mallory@example.com>\r\nSubject: {}\r\nMessage-ID: <poison@example.com>\r\n\
         Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         {}\r\n--B\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"{}\"\r\n\r\nx\r\n--B--\r\n",
        word(&p("Wang Fang")),
        word(&p("Printer jam by mail")),
        p("Printer jam body"),
        word(&p("photo.png"))
    );
    std::fs::write(mail.join(format!("m{P}.eml")), eml).unwrap();
    let record = serde_json::json!({
        "channel": "wechat", "external_id": p("wx1"),
        "customer": {"name": p("Wang Fang"), "wechat_openid": p("openid")},
        "subject": p("Printer jam by WeChat"), "body": p("Printer jam"),
        "attachments": [{"name": p("scan.pdf"), "content_base64": "eA=="}]
    });
    let bad_record = serde_json::json!({
        "channel": p("pager"), "external_id": "x", "customer": {"email": "a@example.com"}, "body": "Printer jam"
    });
    let ticket_record = serde_json::json!({
        "external_id": p("zd-1"), "subject": p("Printer jam moved"), "status": "open", "priority": "normal",
        "kind": "question", "channel": "web", "customer": {"name": p("Wang Fang"), "email": "wf@example.com"},
        "created_at": "2026-11-01T09:00:00+08:00",
        "messages": [{"author_kind": "customer", "body": p("Printer jam"), "created_at": "2026-11-01T09:00:00+08:00"}]
    });
    let bad_ticket = ticket_record
        .to_string()
        .replace("\"open\"", &serde_json::to_string(&p("stuck")).unwrap());
    let tickets = home.join(format!("tickets{P}.jsonl"));
    std::fs::write(&tickets, format!("{ticket_record}\n{bad_ticket}\n")).unwrap();
    let ingest = home.join(format!("ingest{P}.ndjson"));
    std::fs::write(&ingest, format!("{record}\n{bad_record}\n")).unwrap();
    let copy = |name: &str| {
        let to = home.join(name);
        std::fs::copy(db, &to).unwrap();
        s(to)
    };
    Files {
        customers_csv: s(csv),
        rejects_csv: s(home.join(format!("rejects{P}.csv"))),
        kb_dir: s(kb),
        kb_bad_dir: s(bad),
        kb_export: s(home.join(format!("export{P}"))),
        backup: s(home.join(format!("backup{P}.db"))),
        restore_target: copy("restore-target.db"),
        convert_target: copy("convert-target.db"),
        demo_db: s(home.join(format!("demo{P}.db"))),
        fresh_db: s(home.join(format!("fresh{P}.db"))),
        mail_dir: s(mail),
        ingest_file: s(ingest),
        save_to: s(home.join(format!("saved{P}"))),
        tickets_jsonl: s(tickets),
        replica: s(home.join(format!("replica{P}.db"))),
        hub: s(db.to_path_buf()),
    }
}

/// What in `bytes` a terminal would act on (or, with `strict`, draw unevenly), as a description.
pub fn unsafe_in(bytes: &[u8], strict: bool) -> Option<String> {
    if let Some(b) = bytes
        .iter()
        .find(|b| **b < 0x20 && **b != b'\n' && **b != b'\t')
    {
        return Some(format!("control byte 0x{b:02x}"));
    }
    let text = String::from_utf8_lossy(bytes);
    if let Some(c) = text.chars().find(|c| ('\u{80}'..='\u{9f}').contains(c)) {
        return Some(format!("C1 character U+{:04X}", c as u32));
    }
    if strict && let Some(c) = text.chars().find(|c| desk::domain::text::is_invisible(*c)) {
        return Some(format!("zero-width or bidi character U+{:04X}", c as u32));
    }
    None
}
