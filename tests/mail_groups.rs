//! Per-group mail (issue 18): a group's From and signature on the mail of its tickets, fixed when queued; the
//! customer's latest message quoted under a mailed reply; and "send by email" for a ticket that did not come by
//! mail — in the store, and end to end over a real SMTP server (aiosmtpd, see tests/common/smtp.rs).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BY_MAIL: desk::store::ticket_write::ReplyHow = desk::store::ticket_write::ReplyHow {
    by_mail: true,
    solution: false,
};

mod common;

use common::smtp::smtp;
use common::*;
use desk::domain::lifecycle::Writer;
use desk::domain::mail_out::GroupMail;
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::store::outbox::MailOut;
use desk::store::records::GroupRec;
use desk::store::sla::ServiceRules;
use desk::store::ticket_write::{NewTicket, TicketEdit};
use desk::store::{Store, StoreError};

const GROUP_FROM: &str = "售后服务 <aftersales@after.example>";

fn mail_out(quote: bool) -> MailOut {
    let mut out = MailOut {
        domain: "desk.example".into(),
        acknowledge: true,
        survey: true,
        signature: Some("客服中心".into()),
        quote_history: quote,
        utc_offset: 8 * 3600,
        ..MailOut::default()
    };
    out.groups.insert(
        "售后".into(),
        GroupMail {
            from: Some(GROUP_FROM.into()),
            domain: Some("after.example".into()),
            signature: Some("售后服务部\n电话 400-800-1234".into()),
        },
    );
    out
}

fn store(out: Option<MailOut>) -> Store {
    let mut s = store_with_tickets(0);
    let mut w = s.bulk().unwrap();
    w.group(&GroupRec {
        id: "G1".into(),
        name: "售后".into(),
        members: Vec::new(),
        created_at: NOW,
    })
    .unwrap();
    w.commit("test groups", NOW).unwrap();
    s.set_actor(Some("li".into()));
    s.set_service_rules(ServiceRules::default().with_mail_out(out));
    s
}

fn open(s: &mut Store, channel: Channel, customer: &str, body: &str) -> i64 {
    s.create_ticket(
        &NewTicket {
            subject: "洗衣机漏水".into(),
            kind: Kind::ServiceRequest,
            channel,
            priority: Priority::High,
            customer_id: customer.into(),
            product_id: None,
            body: body.into(),
        },
        NOW,
    )
    .unwrap()
    .number
}

#[test]
fn a_groups_mail_goes_from_its_address_signed_and_quoting_and_keeps_its_from_once_queued() {
    let mut s = store(Some(mail_out(true)));
    let n = open(&mut s, Channel::Email, "C1", "洗衣机漏水了\n\n-- \n王芳");
    s.set_ticket(n, &[TicketEdit::Group(Some("售后".into()))], None, NOW + 10)
        .unwrap();
    s.add_message(
        n,
        Writer::Agent,
        Some("A1"),
        false,
        "您好，师傅明天上午到。",
        NOW + 20,
    )
    .unwrap();
    // Moved to no group: mail already queued keeps the group's From; the next reply gets [mail] from.
    s.set_ticket(n, &[TicketEdit::Group(None)], None, NOW + 30)
        .unwrap();
    s.add_message(
        n,
        Writer::Agent,
        Some("A1"),
        false,
        "补充：请先关水阀。",
        NOW + 40,
    )
    .unwrap();
    let mails = s.claim_outbox(NOW + 50, 10).unwrap();
    assert_eq!(mails.len(), 2, "{mails:?}");
    let (first, second) = (&mails[0], &mails[1]);
    assert_eq!(first.from.as_deref(), Some(GROUP_FROM));
    assert!(first.message_id.ends_with("@after.example"), "{first:?}");
    // NOW is 2026-11-18 11:06 UTC: 19:06 in Beijing.
    assert_eq!(
        first.body,
        "您好，师傅明天上午到。\n\n-- \n售后服务部\n电话 400-800-1234\n\n在 2026年11月18日 19:06，王芳 写道：\n> 洗衣机漏水了"
    );
    assert_eq!(second.from, None);
    assert!(second.message_id.ends_with("@desk.example"), "{second:?}");
    assert!(
        second
            .body
            .starts_with("补充：请先关水阀。\n\n-- \n客服中心\n\n在 "),
        "{}",
        second.body
    );
    // The thread keeps the agent's words only.
    let t = s.ticket_detail(n).unwrap().unwrap();
    let bodies: Vec<&str> = t.messages.iter().map(|m| m.body.as_str()).collect();
    assert!(bodies.contains(&"您好，师傅明天上午到。"), "{bodies:?}");
    assert!(
        !bodies.iter().any(|b| b.contains("售后服务部")),
        "{bodies:?}"
    );
    // Back in the group and solved: the survey goes from the group's address too.
    s.set_ticket(
        n,
        &[
            TicketEdit::Group(Some("售后".into())),
            TicketEdit::Status(Status::Solved),
        ],
        None,
        NOW + 60,
    )
    .unwrap();
    let survey = s.claim_outbox(NOW + 70, 10).unwrap();
    assert_eq!(survey.len(), 1);
    assert_eq!(
        (survey[0].kind.as_str(), survey[0].from.as_deref()),
        ("survey", Some(GROUP_FROM))
    );
    // What desk mails on its own is signed by the group as a reply is.
    assert!(
        survey[0]
            .body
            .ends_with("\n\n-- \n售后服务部\n电话 400-800-1234"),
        "{}",
        survey[0].body
    );
}

#[test]
fn without_quote_history_only_the_reply_and_its_signature_are_mailed() {
    let mut s = store(Some(mail_out(false)));
    let n = open(&mut s, Channel::Email, "C2", "It leaks.");
    s.add_message(
        n,
        Writer::Agent,
        Some("A1"),
        false,
        "We will call you.",
        NOW + 20,
    )
    .unwrap();
    let mails = s.claim_outbox(NOW + 50, 10).unwrap();
    assert_eq!(mails[0].body, "We will call you.\n\n-- \n客服中心");
}

#[test]
fn a_phone_tickets_reply_is_mailed_only_when_asked_and_the_ticket_stays_a_phone_ticket() {
    let mut s = store(Some(mail_out(true)));
    let n = open(&mut s, Channel::Phone, "C1", "电话：洗衣机漏水");
    s.add_message(n, Writer::Agent, Some("A1"), false, "已登记。", NOW + 10)
        .unwrap();
    assert!(s.claim_outbox(NOW + 20, 10).unwrap().is_empty());
    s.reply(n, Some("A1"), "师傅明天上午到。", &[], BY_MAIL, NOW + 30)
        .unwrap();
    let mails = s.claim_outbox(NOW + 40, 10).unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "C1@example.com");
    assert!(mails[0].body.starts_with("师傅明天上午到。"));
    let t = s.ticket_detail(n).unwrap().unwrap();
    assert_eq!(t.row.channel, Channel::Phone, "the ticket's channel stays");
    let last = t.messages.last().unwrap();
    assert_eq!(
        (last.body.as_str(), last.channel),
        ("师傅明天上午到。", Some(Channel::Email))
    );

    // A customer without an address: refused, and nothing is written.
    let nobody = s
        .create_customer(
            &[desk::store::customer_write::CustomerEdit::Name(
                "无邮箱".into(),
            )],
            NOW,
        )
        .unwrap();
    let m = open(&mut s, Channel::Phone, &nobody, "电话");
    let err = s
        .reply(m, Some("A1"), "您好", &[], BY_MAIL, NOW + 50)
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Refused(e) if e.contains("no email address")),
        "{err}"
    );
    assert_eq!(s.ticket_detail(m).unwrap().unwrap().messages.len(), 1);

    // No mail set up: refused with what to do.
    let mut off = store(None);
    let p = open(&mut off, Channel::Phone, "C1", "电话");
    let err = off
        .reply(p, Some("A1"), "您好", &[], BY_MAIL, NOW + 50)
        .unwrap_err();
    assert!(err.to_string().contains("[mail] from"), "{err}");
}

fn desk(home: &Path, cfg: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("USER", "li")
        .env("DESK_DB", home.join("desk.db"))
        .env("DESK_CONFIG", cfg)
        .env("TZ", "Asia/Shanghai")
        .output()
        .unwrap()
}

fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn delivered(maildir: &Path) -> Vec<Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(maildir.join("new")) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn over_smtp_a_phone_tickets_reply_asked_for_by_email_arrives_from_its_group_signed_and_quoting() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let Some(server) = smtp(h) else { return };
    let cfg = h.join("config.toml");
    std::fs::write(
        &cfg,
        format!(
            "[mail]\nfrom = \"客服中心 <service@desk.example>\"\nsignature = \"客服中心\"\n\
             [mail.groups.\"售后\"]\nfrom = \"{GROUP_FROM}\"\nsignature = \"售后服务部\\n电话 400-800-1234\"\n\
             [mail.groups.\"售前\"]\nsignature = \"售前\"\n[mail.smtp]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\n",
            server.port
        ),
    )
    .unwrap();
    ok(desk(h, &cfg, &["init"]));
    {
        let mut s = Store::open(&h.join("desk.db"), desk::store::OpenMode::Existing).unwrap();
        let mut w = s.bulk().unwrap();
        w.group(&GroupRec {
            id: "G1".into(),
            name: "售后".into(),
            members: Vec::new(),
            created_at: NOW,
        })
        .unwrap();
        w.customer(&customer("C9", "王芳", desk::domain::customer::Tier::Gold))
            .unwrap();
        w.commit("test", NOW).unwrap();
    }
    let number = ok(desk(
        h,
        &cfg,
        &[
            "ticket",
            "new",
            "--customer",
            "C9@example.com",
            "--channel",
            "phone",
            "--subject",
            "洗衣机漏水",
            "--body",
            "洗衣机漏水了，型号 XQG80",
        ],
    ));
    let number = number.trim();
    ok(desk(h, &cfg, &["ticket", "set", number, "group=售后"]));
    ok(desk(
        h,
        &cfg,
        &["ticket", "reply", number, "--body", "已登记，稍后回电。"],
    ));
    assert!(
        ok(desk(h, &cfg, &["mail", "send"])).contains("0 due"),
        "a phone ticket's reply is not mailed unless asked"
    );
    ok(desk(
        h,
        &cfg,
        &[
            "ticket",
            "reply",
            number,
            "--body",
            "您好，师傅明天上午九点上门。",
            "--email",
        ],
    ));
    let sent = ok(desk(h, &cfg, &["mail", "send"]));
    assert!(sent.contains("1 due: 1 sent"), "{sent}");
    assert!(
        sent.contains("note: [mail.groups.\"售前\"] names no group in desk"),
        "a group name desk does not have is pointed out: {sent}"
    );
    let mails = delivered(&server.maildir);
    assert_eq!(mails.len(), 1);
    let m = mail_parser::MessageParser::default()
        .parse(&mails[0])
        .unwrap();
    let from = m.from().and_then(|a| a.first()).unwrap();
    assert_eq!(from.address(), Some("aftersales@after.example"));
    assert_eq!(from.name(), Some("售后服务"));
    assert_eq!(
        m.to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some("C9@example.com")
    );
    assert!(
        m.message_id()
            .is_some_and(|id| id.ends_with("@after.example")),
        "{:?}",
        m.message_id()
    );
    let text = m.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(
        text.starts_with(
            "您好，师傅明天上午九点上门。\n\n-- \n售后服务部\n电话 400-800-1234\n\n在 "
        ),
        "{text}"
    );
    assert!(
        text.contains("，王芳 写道：\n> 洗衣机漏水了，型号 XQG80"),
        "{text}"
    );
    assert!(
        !text.contains("客服中心") && !text.contains("已登记"),
        "{text}"
    );
    let listed = ok(desk(
        h,
        &cfg,
        &["mail", "outbox", "--all", "--format", "json"],
    ));
    assert!(
        listed.contains(r#""from":"售后服务 <aftersales@after.example>""#),
        "{listed}"
    );
    let show = ok(desk(h, &cfg, &["ticket", "show", number]));
    assert!(
        !show.contains("售后服务部"),
        "the thread keeps the reply only: {show}"
    );
}

#[test]
fn the_review_screen_offers_mail_for_a_phone_ticket_and_names_the_groups_from() {
    let mut s = store(None);
    let n = open(&mut s, Channel::Phone, "C1", "电话：洗衣机漏水");
    s.set_ticket(n, &[TicketEdit::Group(Some("售后".into()))], None, NOW)
        .unwrap();
    let mut a = harness::Harness::new(s, Some("li"), 120, 40, NOW);
    a.store
        .set_service_rules(ServiceRules::default().with_mail_out(Some(mail_out(true))));
    a.model.mail_out = Some(mail_out(true));
    a.keys("J J enter");
    assert_eq!(a.model.ticket.detail.as_ref().unwrap().row.number, n);
    a.editor = Some(Box::new(|t: &str| Some(format!("师傅明天上午到。\n{t}"))));
    a.keys("r");
    let screen = a.screen();
    assert!(
        screen.contains("not mailed (phone ticket) — m sends it to C1@example.com"),
        "{screen}"
    );
    assert!(
        !screen.contains("Adds "),
        "nothing is added to what is not mailed"
    );
    a.keys("m");
    let screen = a.screen();
    // The whole From is shown: the line wraps rather than cutting the address.
    assert!(
        screen.contains("phone ticket, mailed as asked (m: don't) to C1@example.com from 售后服务")
            && screen.contains("         <aftersales@after.example>"),
        "{screen}"
    );
    assert!(
        screen.contains("Adds     signature “售后服务部 …” · the customer's last message, quoted"),
        "{screen}"
    );
    // Back to the editor and out again: the choice stays with the reply.
    a.editor = Some(Box::new(|t: &str| Some(t.to_string())));
    a.keys("e");
    assert!(
        a.screen()
            .contains("mailed as asked (m: don't) to C1@example.com"),
        "{}",
        a.screen()
    );
    a.keys("m");
    assert!(
        a.screen().contains("not mailed (phone ticket)"),
        "m again: don't"
    );
    // Postponed and resumed, the reply keeps the choice (it is kept with the draft).
    a.keys("m p");
    assert!(
        a.model
            .ticket
            .detail
            .as_ref()
            .unwrap()
            .draft
            .as_ref()
            .unwrap()
            .by_mail
    );
    a.keys("r");
    assert!(
        a.screen()
            .contains("mailed as asked (m: don't) to C1@example.com"),
        "{}",
        a.screen()
    );
    a.keys("y");
    let mails = a.store.claim_outbox(NOW + 10, 10).unwrap();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].from.as_deref(), Some(GROUP_FROM));
    assert!(
        mails[0]
            .body
            .starts_with("师傅明天上午到。\n\n-- \n售后服务部")
    );
    let t = a.model.ticket.detail.as_ref().unwrap();
    assert_eq!(t.row.channel, Channel::Phone);
}
