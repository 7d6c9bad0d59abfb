//! Mail out against a real SMTP server: aiosmtpd (Python's asyncio SMTP server, from the package index), started
//! on a free loopback port for each test and stopped after it, storing what it receives in a Maildir. A customer's
//! mail becomes a ticket, the agent's reply is delivered with threading headers, and the customer's answer — built
//! from the delivered message — threads back onto the ticket and reopens it. `.ci/run` installs aiosmtpd; without
//! it (a developer machine) these tests say so and pass without running, except under CI where they fail.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use common::smtp::{free_port, smtp};

fn config(home: &Path, port: u16) -> PathBuf {
    let path = home.join(format!("config-{port}.toml"));
    std::fs::write(
        &path,
        format!(
            "[mail]\nfrom = \"售后服务 <service@desk.example>\"\n[mail.smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n"
        ),
    )
    .unwrap();
    path
}

fn desk(home: &Path, cfg: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("USER", "li")
        .env("DESK_DB", home.join("desk.db"))
        .env("DESK_CONFIG", cfg)
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

fn header<'a>(m: &'a mail_parser::Message<'a>, name: &str) -> String {
    m.header_raw(name).unwrap_or("").trim().to_string()
}

#[test]
fn a_conversation_round_trip_over_smtp_threads_back_and_reopens() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let Some(server) = smtp(h) else { return };
    let cfg = config(h, server.port);
    ok(desk(h, &cfg, &["init"]));
    // The corpus mail without its Date: written now, so the acknowledgement can promise the SLA's response time.
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mail/corpus/01-utf8.eml");
    let text = String::from_utf8(std::fs::read(corpus).unwrap()).unwrap();
    let undated: String = text
        .split_inclusive('\n')
        .filter(|l| !l.starts_with("Date:"))
        .collect();
    let first = h.join("first.eml");
    std::fs::write(&first, undated).unwrap();
    ok(desk(h, &cfg, &["mail", "import", first.to_str().unwrap()]));
    ok(desk(
        h,
        &cfg,
        &["ticket", "note", "1001", "--body", "内部：先查滤网"],
    ));
    ok(desk(
        h,
        &cfg,
        &[
            "ticket",
            "reply",
            "1001",
            "--body",
            "您好，请先清洗滤网，再试一次。",
        ],
    ));
    let waiting = ok(desk(h, &cfg, &["mail", "outbox"]));
    assert!(
        waiting.contains("#1001 reply to zhang.yitian@example.cn") && waiting.contains("next try"),
        "{waiting}"
    );

    let sent = ok(desk(h, &cfg, &["mail", "send"]));
    assert!(
        sent.contains("2 due: 2 sent"),
        "the acknowledgement and the reply, not the note: {sent}"
    );
    let mails = delivered(&server.maildir);
    assert_eq!(mails.len(), 2);
    let parsed: Vec<_> = mails
        .iter()
        .map(|m| mail_parser::MessageParser::default().parse(m).unwrap())
        .collect();
    let ack = parsed
        .iter()
        .find(|m| header(m, "Auto-Submitted") == "auto-replied")
        .expect("an acknowledgement");
    assert_eq!(
        ack.subject(),
        Some("[#1001] 已收到：空调不制冷 - 订单 DD202611290001")
    );
    let ack_text = ack.body_text(0).unwrap();
    assert!(
        ack_text.contains("工单号为 #1001") && ack_text.contains("3 天内回复"),
        "{ack_text}"
    );
    assert_eq!(header(ack, "In-Reply-To"), "<c1@mail.example.cn>");
    let m = parsed
        .iter()
        .find(|m| header(m, "Auto-Submitted").is_empty())
        .expect("the reply");
    assert_eq!(
        m.subject(),
        Some("Re: [#1001] 空调不制冷 - 订单 DD202611290001")
    );
    assert_eq!(
        m.from().and_then(|a| a.first()).and_then(|a| a.address()),
        Some("service@desk.example")
    );
    assert_eq!(
        m.to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some("zhang.yitian@example.cn")
    );
    assert_eq!(header(m, "In-Reply-To"), "<c1@mail.example.cn>");
    assert!(header(m, "References").contains("<c1@mail.example.cn>"));
    assert!(m.body_text(0).unwrap().contains("请先清洗滤网"));
    let reply_id = m.message_id().unwrap().to_string();
    assert!(
        reply_id.starts_with("desk.") && reply_id.ends_with("@desk.example"),
        "{reply_id}"
    );
    let outbox = ok(desk(
        h,
        &cfg,
        &["mail", "outbox", "--all", "--format", "json"],
    ));
    assert_eq!(outbox.matches("\"state\":\"sent\"").count(), 2, "{outbox}");
    // Sent once: a second run finds nothing due.
    assert!(ok(desk(h, &cfg, &["mail", "send"])).contains("0 due"));
    // desk's own reply coming back into the inbox it reads (the customer Cc'd the support address) is no message.
    let echo = h.join("echo.eml");
    let raw = mails
        .iter()
        .find(|raw| String::from_utf8_lossy(raw).contains(&reply_id))
        .unwrap();
    std::fs::write(&echo, raw).unwrap();
    let got = ok(desk(h, &cfg, &["mail", "import", echo.to_str().unwrap()]));
    assert!(got.contains("ignored: mail desk sent itself"), "{got}");

    // The agent solves it; the customer answers the delivered mail from their client.
    ok(desk(h, &cfg, &["ticket", "set", "1001", "status=solved"]));
    let answer = format!(
        "From: zhang.yitian@example.cn\r\nTo: service@desk.example\r\nSubject: Re: {}\r\nMessage-ID: <answer1@mail.example.cn>\r\n\
         In-Reply-To: <{reply_id}>\r\nReferences: {} <{reply_id}>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         洗了滤网还是不制冷。\r\n",
        m.header_raw("Subject").unwrap().trim(),
        header(m, "References")
    );
    let file = h.join("answer.eml");
    std::fs::write(&file, answer).unwrap();
    let got = ok(desk(h, &cfg, &["mail", "import", file.to_str().unwrap()]));
    assert!(got.contains("#1001 answer, reopened"), "{got}");
    let show = ok(desk(
        h,
        &cfg,
        &["ticket", "show", "1001", "--format", "json"],
    ));
    let t: serde_json::Value = serde_json::from_str(&show).unwrap();
    assert_eq!(t["status"], "open");
    let last = t["messages"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["body"], "洗了滤网还是不制冷。");
    assert_eq!(last["author_kind"], "customer");
}

#[test]
fn a_server_that_is_down_means_retry_with_backoff_and_nothing_lost() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let Some(server) = smtp(h) else { return };
    let down = config(h, free_port());
    ok(desk(h, &down, &["init"]));
    let first = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mail/corpus/02-gb2312.eml");
    ok(desk(h, &down, &["mail", "import", first.to_str().unwrap()]));
    ok(desk(
        h,
        &down,
        &["ticket", "reply", "1001", "--body", "已安排师傅上门。"],
    ));
    let o = desk(h, &down, &["mail", "send"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a run that delivered nothing says so"
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("not sent #1001 to wang.fang@example.cn") && text.contains("attempt 1"),
        "{text}"
    );
    assert!(text.contains("2 due: 0 sent, 2 to retry"), "{text}");
    // Backoff: the next run a moment later does not hammer the server.
    assert!(ok(desk(h, &down, &["mail", "send"])).contains("0 due"));
    let rows = ok(desk(h, &down, &["mail", "outbox", "--format", "json"]));
    let row: serde_json::Value = serde_json::from_str(rows.lines().next().unwrap()).unwrap();
    assert_eq!(row["kind"], "reply", "newest first");
    assert_eq!(row["state"], "queued");
    assert_eq!(row["attempts"], 1);
    assert!(row["last_error"].as_str().unwrap().len() > 5, "{row}");
    assert!(delivered(&server.maildir).is_empty());
}

#[test]
fn the_survey_goes_out_on_solve_and_the_score_comes_back_by_reply() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let Some(server) = smtp(h) else { return };
    let cfg = config(h, server.port);
    ok(desk(h, &cfg, &["init"]));
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mail/corpus");
    for f in ["07-latin1.eml", "09-cp1252.eml"] {
        ok(desk(
            h,
            &cfg,
            &["mail", "import", corpus.join(f).to_str().unwrap()],
        ));
    }
    for n in ["1001", "1002"] {
        ok(desk(h, &cfg, &["ticket", "reply", n, "--body", "Fixed."]));
        ok(desk(h, &cfg, &["ticket", "set", n, "status=solved"]));
    }
    let sent = ok(desk(h, &cfg, &["mail", "send"]));
    assert!(
        sent.contains("6 due: 6 sent"),
        "two acknowledgements, two replies, two surveys: {sent}"
    );
    let surveys: Vec<(String, String, String)> = delivered(&server.maildir)
        .into_iter()
        .filter_map(|raw| {
            let m = mail_parser::MessageParser::default().parse(&raw)?;
            let survey = header(&m, "Auto-Submitted") == "auto-generated";
            survey.then(|| {
                (
                    m.subject().unwrap_or("").to_string(),
                    m.message_id().unwrap_or("").to_string(),
                    m.body_text(0).unwrap_or_default().to_string(),
                )
            })
        })
        .collect();
    assert_eq!(surveys.len(), 2);
    let (subject, id, body) = surveys
        .iter()
        .find(|(s, ..)| s.starts_with("[#1001]"))
        .unwrap();
    assert!(
        subject.contains("How did we do?")
            && body.contains("score from 1 to 5")
            && body.contains(
                "rate each of these from 1 to 5 on its line:\nProduct quality: \nService: "
            ),
        "{subject}\n{body}"
    );
    let answer = |n: &str, id: &str, text: &str, from: &str| {
        let file = h.join(format!("answer-{n}.eml"));
        std::fs::write(
            &file,
            format!(
                "From: {from}\r\nSubject: Re: survey\r\nMessage-ID: <survey-answer-{n}@x>\r\nIn-Reply-To: <{id}>\r\n\
                 Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n\r\n> How satisfied are you? 1 to 5\r\n"
            ),
        )
        .unwrap();
        ok(desk(h, &cfg, &["mail", "import", file.to_str().unwrap()]))
    };
    // The CSAT on the first line, two questionnaire items on theirs (one in Chinese), then a comment.
    let got = answer(
        "1001",
        id,
        "4\r\nProduct quality: 5\r\n售后：4\r\nQuick and friendly.",
        "mueller@example.de",
    );
    assert!(
        got.contains("#1001 survey answer: CSAT 4 · product 5 · after_sales 4")
            && !got.contains("reopened"),
        "{got}"
    );
    let (_, id2, _) = surveys
        .iter()
        .find(|(s, ..)| s.starts_with("[#1002]"))
        .unwrap();
    let got = answer(
        "1002",
        id2,
        "2 still waiting for the refund",
        "smith@example.com",
    );
    assert!(
        got.contains("#1002 survey answer: CSAT 2, reopened"),
        "{got}"
    );

    let db = desk::store::Store::open(&h.join("desk.db"), desk::store::OpenMode::Existing).unwrap();
    let scores: Vec<(i64, i64, Option<String>)> = db
        .conn()
        .prepare(
            "SELECT t.number, s.score, s.comment FROM surveys s JOIN tickets t ON t.id = s.ticket_id
             WHERE s.kind = 'csat' ORDER BY t.number",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let items: Vec<(String, i64)> = db
        .conn()
        .prepare("SELECT item, score FROM survey_items ORDER BY item")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(items, [("after_sales".into(), 4), ("product".into(), 5)]);
    let comment = |s: &str| Some(s.to_string());
    assert_eq!(
        scores,
        [
            (1001, 4, comment("Quick and friendly.")),
            (1002, 2, comment("still waiting for the refund"))
        ]
    );
    let t1 = db.ticket_detail(1001).unwrap().unwrap();
    assert_eq!(
        t1.row.status,
        desk::domain::ticket::Status::Solved,
        "a good score leaves it solved"
    );
    let mailed = "Satisfaction survey mailed to mueller@example.de";
    assert!(t1.messages.iter().any(|m| m.body.as_str().contains(mailed)));
    // The follow-up call (回访) task says the survey went out and what came back.
    let tasks: serde_json::Value = serde_json::from_str(&ok(desk(
        h,
        &cfg,
        &["task", "list", "--due", "all", "--format", "json"],
    )))
    .unwrap();
    let task = tasks
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["ticket"] == 1001 && t["kind"] == "follow_up")
        .expect("#1001's follow-up task");
    assert_eq!(
        task["note"],
        format!(
            "{mailed}.\nSurvey answered by mail: CSAT 4 · product 5 · after_sales 4: “Quick and friendly.”"
        ),
    );
    let listed = ok(desk(h, &cfg, &["task", "list", "--due", "all"]));
    assert!(
        listed.contains("NOTE") && listed.contains(mailed),
        "{listed}"
    );
    let t2 = db.ticket_detail(1002).unwrap().unwrap();
    assert_eq!(
        t2.row.status,
        desk::domain::ticket::Status::Open,
        "a low score reopens it"
    );
    let low = |m: &&desk::store::tickets::MessageRow| {
        m.body.as_str().contains("CSAT 2")
            && m.body
                .as_str()
                .contains("recovery task calls the customer back")
    };
    assert!(t2.messages.iter().any(|m| low(&m)));
    // The closed loop's recovery task (回访 until solved) goes with every low score.
    let recovery = tasks
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["ticket"] == 1002 && t["kind"] == "recovery")
        .expect("#1002's recovery task");
    assert!(
        recovery["note"]
            .as_str()
            .unwrap()
            .contains("Low score (CSAT 2)"),
        "{recovery}"
    );
}
