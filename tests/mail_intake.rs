//! Mail in through the intake: the committed corpus (tests/mail/corpus, made by make_corpus.py) covers every
//! charset the practice meets, HTML-only and alternative bodies, a forwarded message/rfc822, encoded attachment
//! names, auto-replies, bounces, bulk mail and a message that is not mail at all. Each file's subject, body,
//! sender and threading outcome is asserted; then exactly-once delivery, reopening, tokens and follow-ups.

mod common;

use desk::channels::{mail_files, mail_parse};
use desk::domain::intake::Inbound;
use desk::domain::intake::IntakeRules;
use desk::domain::team::Role;
use desk::domain::ticket::Status;
use desk::store::intake::Ingested;
use desk::store::ticket_write::TicketEdit;
use desk::store::{OpenMode, Store};
use std::path::{Path, PathBuf};

const NOW: i64 = common::NOW + 30 * 86_400; // after every Date in the corpus

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mail/corpus")
}

fn mail(name: &str) -> Inbound {
    mail_parse::parse_mail(&std::fs::read(corpus().join(name)).unwrap())
}

fn store(dir: &Path) -> Store {
    let mut s = Store::open(&dir.join("desk.db"), OpenMode::Create).unwrap();
    s.set_actor(Some("li".into()));
    s.register_actor(Some("Li"), NOW).unwrap();
    s.add_agent(
        "lina",
        "Li Na",
        Some("li.na@desk.example"),
        Role::Agent,
        NOW,
    )
    .unwrap();
    s
}

fn ingest(s: &mut Store, name: &str) -> Ingested {
    s.ingest("mail", &mail(name), &IntakeRules::default(), NOW)
        .unwrap()
}

fn number(o: &Ingested) -> i64 {
    match o {
        Ingested::Created { number }
        | Ingested::Threaded { number, .. }
        | Ingested::FollowUp { number, .. }
        | Ingested::Noted { number, .. } => *number,
        other => panic!("no ticket: {other:?}"),
    }
}

#[test]
fn every_charset_decodes_subject_body_and_sender() {
    let cases = [
        (
            "01-utf8.eml",
            "空调不制冷 - 订单 DD202611290001",
            "空调不制冷了，型号 KFR-35GW",
            "zhang.yitian@example.cn",
            Some("张一天"),
        ),
        (
            "02-gb2312.eml",
            "洗衣机漏水",
            "请派人上门维修",
            "wang.fang@example.cn",
            Some("王芳"),
        ),
        (
            "03-gbk.eml",
            "陈喆的发票",
            "抬头：陈喆",
            "chen.zhe@example.cn",
            None,
        ),
        (
            "04-gb18030.eml",
            "冰箱噪音",
            "生僻字测试：䶮",
            "liu.yan@example.cn",
            None,
        ),
        (
            "05-big5.eml",
            "您好，洗衣機漏水",
            "請盡快處理",
            "lin.meiling@example.tw",
            None,
        ),
        (
            "06-iso2022jp.eml",
            "お問い合わせ",
            "製品の保証について",
            "tanaka@example.jp",
            None,
        ),
        (
            "07-latin1.eml",
            "Grüße aus München",
            "Café!",
            "mueller@example.de",
            None,
        ),
        (
            "08-latin2.eml",
            "Zażółć gęślą jaźń",
            "proszę o pomoc",
            "kowalski@example.pl",
            None,
        ),
        (
            "09-cp1252.eml",
            "“Refund” of €120",
            "I paid €120 – please refund “soon”",
            "smith@example.com",
            None,
        ),
        (
            "10-cp1251.eml",
            "Здравствуйте",
            "не работает пылесос",
            "ivanov@example.ru",
            None,
        ),
    ];
    for (file, subject, body, from, name) in cases {
        let m = mail(file);
        assert_eq!(m.subject, subject, "{file}");
        assert!(m.body.contains(body), "{file}: {:?}", m.body);
        assert_eq!(m.sender.email.as_deref(), Some(from), "{file}");
        assert_eq!(m.sender.name.as_deref(), name, "{file}");
        assert!(
            m.automatic.is_none() && m.warnings.is_empty(),
            "{file}: {m:?}"
        );
        assert!(
            m.at.is_some_and(|t| t > 1_700_000_000),
            "{file}: date {:?}",
            m.at
        );
    }
}

#[test]
fn html_alternative_and_attachments_become_readable_text_and_files() {
    let html = mail("11-html-only.eml");
    assert_eq!(html.subject, "滚筒洗衣机报错 E3");
    for part in ["您好", "型号 XQG80", "故障 E3", "说明"] {
        assert!(html.body.contains(part), "{part} in {:?}", html.body);
    }
    assert!(
        !html.body.contains('<') && !html.body.contains("</"),
        "{:?}",
        html.body
    );

    let alt = mail("12-alternative.eml");
    assert_eq!(
        alt.body.trim(),
        "电视没有声音。",
        "the HTML twin is not added again"
    );

    let att = mail("14-attachments.eml");
    let names: Vec<&str> = att.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["发票.pdf", "照片.png"]);
    assert_eq!(att.attachments[0].bytes, b"%PDF-1.4 fake invoice\n");
    assert_eq!(att.attachments[1].bytes, (0..=255u8).collect::<Vec<_>>());
    assert_eq!(att.attachments[1].content_type, "image/png");
    assert_eq!(att.cc, ["boss.sun@example.cn", "li.na@desk.example"]);
}

#[test]
fn the_corpus_threads_notes_and_ignores_as_a_help_desk_should() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let first = ingest(&mut s, "01-utf8.eml");
    assert!(matches!(first, Ingested::Created { .. }), "{first:?}");
    let n = number(&first);

    // An out-of-office answer is a note on the ticket, and does not touch its status.
    s.set_ticket(n, &[TicketEdit::Status(Status::Solved)], None, NOW)
        .unwrap();
    let auto = ingest(&mut s, "15-autoreply.eml");
    assert!(
        matches!(&auto, Ingested::Noted { number, .. } if *number == n),
        "{auto:?}"
    );
    let d = s.ticket_detail(n).unwrap().unwrap();
    assert_eq!(d.row.status, Status::Solved);
    assert!(d.messages.last().unwrap().internal);
    assert!(
        d.messages
            .last()
            .unwrap()
            .body
            .as_str()
            .contains("Auto-Submitted: auto-replied")
    );

    // The customer's real answer threads by In-Reply-To and reopens the solved ticket.
    let reply = ingest(&mut s, "17-reply.eml");
    assert_eq!(
        reply,
        Ingested::Threaded {
            number: n,
            reopened: true
        }
    );
    let d = s.ticket_detail(n).unwrap().unwrap();
    assert_eq!(d.row.status, Status::Open);
    assert!(
        d.messages
            .iter()
            .any(|m| m.body.as_str().contains("室外机也不转"))
    );

    // A bounce and list mail that answer nothing make nothing.
    let tickets_before = s.counts().unwrap();
    for file in ["16-bounce.eml", "18-bulk.eml"] {
        let o = ingest(&mut s, file);
        assert!(matches!(o, Ingested::Ignored { .. }), "{file}: {o:?}");
    }
    assert_eq!(s.counts().unwrap(), tickets_before);

    // An agent's forward (message/rfc822 attached) is a ticket for the customer inside it.
    let fwd = ingest(&mut s, "13-forwarded-rfc822.eml");
    let d = s.ticket_detail(number(&fwd)).unwrap().unwrap();
    assert_eq!(
        d.customer_email.as_ref().map(|e| e.as_str()),
        Some("zhao.lei@example.cn")
    );
    assert_eq!(d.row.subject.as_str(), "water heater");
    assert!(
        d.messages[0]
            .body
            .as_str()
            .contains("热水器不出热水，已经三天了")
    );
    assert_eq!(d.attachments.len(), 1);
    assert_eq!(d.attachments[0].content_type.as_str(), "message/rfc822");

    // Attachments are stored once by content and listed; Cc'd people (not agents) become collaborators.
    let att = ingest(&mut s, "14-attachments.eml");
    let d = s.ticket_detail(number(&att)).unwrap().unwrap();
    assert_eq!(d.attachments.len(), 2);
    let (row, bytes) = s.attachment_content(&d.attachments[0].id).unwrap().unwrap();
    assert_eq!(row.name.as_str(), "发票.pdf");
    assert_eq!(bytes, b"%PDF-1.4 fake invoice\n");
    let cc: Vec<&str> = d.collaborators.iter().map(|c| c.as_str()).collect();
    assert_eq!(cc, ["boss.sun@example.cn"]);

    // Not mail at all: a ticket with the raw text, the original kept, and a visible warning.
    let bad = ingest(&mut s, "19-malformed.eml");
    let d = s.ticket_detail(number(&bad)).unwrap().unwrap();
    assert!(
        d.messages[0]
            .body
            .as_str()
            .contains("garbage without headers")
    );
    assert!(
        d.messages
            .iter()
            .any(|m| m.internal && m.body.as_str().contains("Parse warning"))
    );
    assert_eq!(d.attachments[0].name.as_str(), "original.eml");
}

#[test]
fn the_same_mail_is_ingested_once_however_often_it_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let o = ingest(&mut s, "02-gb2312.eml");
    let again = ingest(&mut s, "02-gb2312.eml");
    assert_eq!(
        again,
        Ingested::Duplicate {
            number: Some(number(&o))
        }
    );
    // A malformed message has no Message-ID: its bytes' hash is its id.
    ingest(&mut s, "19-malformed.eml");
    assert!(matches!(
        ingest(&mut s, "19-malformed.eml"),
        Ingested::Duplicate { .. }
    ));
}

#[test]
fn two_imports_of_one_maildir_at_once_make_each_ticket_once() {
    let dir = tempfile::tempdir().unwrap();
    drop(store(dir.path()));
    let maildir = dir.path().join("Maildir");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    for (i, e) in std::fs::read_dir(corpus()).unwrap().enumerate() {
        let e = e.unwrap();
        std::fs::copy(e.path(), maildir.join("new").join(format!("{i}.host:2,"))).unwrap();
    }
    assert_eq!(
        mail_files::MailStore::of(&maildir).unwrap(),
        mail_files::MailStore::Maildir
    );
    let db = dir.path().join("desk.db");
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_desk"))
            .args([
                "--db",
                db.to_str().unwrap(),
                "mail",
                "import",
                maildir.to_str().unwrap(),
            ])
            .env("HOME", dir.path())
            .env("USER", "li")
            .output()
            .unwrap()
    };
    let (a, b) = std::thread::scope(|t| {
        let a = t.spawn(run);
        let b = t.spawn(run);
        (a.join().unwrap(), b.join().unwrap())
    });
    for o in [&a, &b] {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let s = Store::open(&db, OpenMode::Existing).unwrap();
    let inbound: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM inbound", [], |r| r.get(0))
        .unwrap();
    let files = std::fs::read_dir(corpus()).unwrap().count() as i64;
    assert_eq!(inbound, files, "one record per message");
    let threaded_reply: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM messages WHERE body LIKE '%室外机也不转%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        threaded_reply, 1,
        "the answer is recorded once, whoever got it first"
    );
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&a.stdout),
        String::from_utf8_lossy(&b.stdout)
    );
    let new_tickets = out.lines().filter(|l| l.contains("new ticket ·")).count();
    let first = s.ticket_detail(1001).unwrap();
    assert!(first.is_some());
    assert_eq!(new_tickets, 15, "{out}");
    assert!(
        out.contains("already in desk"),
        "the second run skipped what the first took: {out}"
    );
}

#[test]
fn a_token_threads_only_for_the_tickets_people_and_a_closed_ticket_gets_a_follow_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let n = number(&ingest(&mut s, "01-utf8.eml"));
    let answer = |from: &str, id: &str| Inbound {
        external_id: id.into(),
        sender: desk::domain::intake::parse_address(from).unwrap(),
        subject: format!("Re: [#{n}] 空调"),
        ticket_token: Some(n),
        body: "还是不行".into(),
        ..Inbound::default()
    };
    let rules = IntakeRules::default();
    let o = s
        .ingest(
            "mail",
            &answer("zhang.yitian@example.cn", "t1@x"),
            &rules,
            NOW,
        )
        .unwrap();
    assert_eq!(
        o,
        Ingested::Threaded {
            number: n,
            reopened: false
        }
    );
    let o = s
        .ingest(
            "mail",
            &answer("stranger@evil.example", "t2@x"),
            &rules,
            NOW,
        )
        .unwrap();
    assert!(
        matches!(o, Ingested::Created { number } if number != n),
        "{o:?}"
    );

    s.set_ticket(n, &[TicketEdit::Status(Status::Solved)], None, NOW)
        .unwrap();
    s.set_ticket(n, &[TicketEdit::Status(Status::Closed)], None, NOW)
        .unwrap();
    let o = s
        .ingest(
            "mail",
            &answer("zhang.yitian@example.cn", "t3@x"),
            &rules,
            NOW,
        )
        .unwrap();
    let Ingested::FollowUp { number: new, of } = o else {
        panic!("{o:?}")
    };
    assert_eq!(of, n);
    let d = s.ticket_detail(new).unwrap().unwrap();
    assert_eq!(d.links, [n], "the follow-up is linked to the closed ticket");
    assert_eq!(d.row.subject.as_str(), "空调");
}

#[test]
fn a_sender_in_a_loop_is_noted_not_ticketed_and_big_files_are_refused_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let rules = IntakeRules {
        max_per_sender_per_hour: 3,
        attachment_max_bytes: 100,
        ..IntakeRules::default()
    };
    let mut outcomes = Vec::new();
    for i in 0..5 {
        let m = Inbound {
            external_id: format!("loop{i}@x"),
            sender: desk::domain::intake::parse_address("robot@example.com").unwrap(),
            subject: format!("Ticket received {i}"),
            body: "We got your message".into(),
            ..Inbound::default()
        };
        outcomes.push(s.ingest("mail", &m, &rules, NOW + i).unwrap());
    }
    let created = outcomes
        .iter()
        .filter(|o| matches!(o, Ingested::Created { .. }))
        .count();
    assert_eq!(created, 3, "{outcomes:?}");
    assert!(matches!(&outcomes[4], Ingested::Ignored { reason } if reason.contains("more than 3")));

    let mut m = mail("14-attachments.eml");
    m.external_id = "big@x".into();
    let n = number(&s.ingest("mail", &m, &rules, NOW + 7200).unwrap());
    let d = s.ticket_detail(n).unwrap().unwrap();
    let names: Vec<&str> = d.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        ["发票.pdf"],
        "the 256-byte photo is over the 100-byte limit"
    );
    assert!(d.messages.iter().any(|m| m.internal
        && m.body.as_str().contains("照片.png")
        && m.body.as_str().contains("not kept")));
}

#[test]
fn a_malformed_nested_multipart_found_by_fuzzing_parses_in_debug_builds_too() {
    // mail-parser debug-asserts on this message; Cargo.toml turns that off for it in dev builds.
    let raw = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mail/nested-multipart-debug-assert.eml"),
    )
    .unwrap();
    let m = mail_parse::parse_mail(&raw);
    assert_eq!(m.sender.email.as_deref(), Some("li.na@desk.example"));
    assert_eq!(m.external_id, "c13@desk.example");
}

#[test]
fn acknowledgements_go_to_real_mail_only_and_at_most_three_an_hour_to_one_address() {
    use desk::store::outbox::{LowScore, MailOut};
    use desk::store::sla::ServiceRules;
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let out = MailOut {
        domain: "desk.example".into(),
        acknowledge: true,
        survey: true,
        low_score: LowScore::Reopen,
        ..MailOut::default()
    };
    s.set_service_rules(ServiceRules::default().with_mail_out(Some(out)));
    let rules = IntakeRules::default();
    for i in 0..5 {
        let m = Inbound {
            channel: Some(desk::domain::ticket::Channel::Email),
            external_id: format!("new{i}@x"),
            sender: desk::domain::intake::parse_address("wu@example.cn").unwrap(),
            subject: format!("问题 {i}"),
            body: "你好".into(),
            ..Inbound::default()
        };
        assert!(matches!(
            s.ingest("mail", &m, &rules, NOW + i).unwrap(),
            Ingested::Created { .. }
        ));
    }
    // An auto-reply that opens nothing is acknowledged by nothing.
    let mut auto = mail("15-autoreply.eml");
    auto.replies_to.clear();
    assert!(matches!(
        s.ingest("mail", &auto, &rules, NOW).unwrap(),
        Ingested::Ignored { .. }
    ));
    let acks: Vec<(String, String)> = s
        .conn()
        .prepare("SELECT to_addr, subject FROM outbox WHERE kind = 'acknowledgement' ORDER BY rid")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(acks.len(), 3, "{acks:?}");
    assert!(
        acks.iter()
            .all(|(to, subject)| to == "wu@example.cn" && subject.contains("已收到"))
    );
}

#[test]
fn a_new_customer_joins_the_organisation_of_its_mail_domain() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let rules = IntakeRules {
        organizations: vec![("acme.com.cn".into(), "ACME 集团".into())],
        ..IntakeRules::default()
    };
    let from = |addr: &str, id: &str| Inbound {
        external_id: id.into(),
        sender: desk::domain::intake::parse_address(addr).unwrap(),
        subject: "报修".into(),
        body: "热水器不出热水".into(),
        ..Inbound::default()
    };
    s.ingest(
        "mail",
        &from("Wang <wang@sh.acme.com.cn>", "o1@x"),
        &rules,
        NOW,
    )
    .unwrap();
    s.ingest("mail", &from("zhao@elsewhere.cn", "o2@x"), &rules, NOW)
        .unwrap();
    let org = |s: &Store, email: &str| {
        s.customer_detail(email)
            .unwrap()
            .unwrap()
            .row
            .organization
            .map(|o| o.as_str().to_string())
    };
    assert_eq!(org(&s, "wang@sh.acme.com.cn").as_deref(), Some("ACME 集团"));
    assert_eq!(org(&s, "zhao@elsewhere.cn"), None);
    // A second customer of the domain joins the same organisation rather than a new one of the same name.
    s.ingest("mail", &from("li@acme.com.cn", "o3@x"), &rules, NOW)
        .unwrap();
    assert_eq!(org(&s, "li@acme.com.cn").as_deref(), Some("ACME 集团"));
    let orgs: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM organizations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(orgs, 1);
}

#[test]
fn an_answer_to_a_merged_ticket_goes_to_the_ticket_it_was_merged_into_through_a_chain() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let rules = IntakeRules::default();
    let first = |id: &str, from: &str| Inbound {
        external_id: id.into(),
        sender: desk::domain::intake::parse_address(from).unwrap(),
        subject: format!("报修 {id}"),
        body: "热水器不出热水".into(),
        ..Inbound::default()
    };
    let mut numbers = Vec::new();
    for (id, from) in [
        ("a@x", "wang@example.cn"),
        ("b@x", "wang@example.cn"),
        ("c@x", "wang@example.cn"),
    ] {
        numbers.push(number(
            &s.ingest("mail", &first(id, from), &rules, NOW).unwrap(),
        ));
    }
    // #1 into #2, then #2 into #3: the chain ends at #3.
    s.merge_ticket(numbers[0], numbers[1], NOW).unwrap();
    s.merge_ticket(numbers[1], numbers[2], NOW).unwrap();
    let answer = Inbound {
        external_id: "answer@x".into(),
        replies_to: vec!["a@x".into()],
        body: "还是不行".into(),
        ..first("answer@x", "wang@example.cn")
    };
    let o = s.ingest("mail", &answer, &rules, NOW + 60).unwrap();
    assert!(
        matches!(o, Ingested::Threaded { number, .. } if number == numbers[2]),
        "{o:?}"
    );
}
