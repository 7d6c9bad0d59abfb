//! `desk mail fetch` against a real Dovecot (tests/common/dovecot.rs: its own config, free loopback ports, a CA
//! of its own) and, for the round trip, a real SMTP server (aiosmtpd). A message is ingested exactly once however
//! often and by however many processes the mailbox is fetched; fetched mail is flagged or moved (to a Chinese
//! folder name, over STARTTLS); a customer's mail, the agent's reply over SMTP and the customer's answer fetched
//! back thread onto one ticket. Without Dovecot (a developer machine) these pass without running, except under CI.

mod common;

use common::dovecot::{Dovecot, dovecot};
use common::smtp::smtp;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn message(n: usize) -> Vec<u8> {
    format!(
        "From: Customer {n} <c{n}@example.com>\r\nTo: service@desk.example\r\nSubject: =?UTF-8?B?{}?= {n}\r\n\
         Message-ID: <q{n}@example.com>\r\nDate: Wed, 18 Nov 2026 10:{:02}:00 +0800\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n热水器第{n}次报修\r\n",
        "5oql5L+u", // 报修
        n % 60
    )
    .into_bytes()
}

/// A config with one mailbox on `server` (extra lines go into its [[mail.inbound]] table).
fn config(home: &Path, server: &Dovecot, extra: &str) -> PathBuf {
    let path = home.join("config.toml");
    std::fs::write(
        &path,
        format!(
            "[log]\nfile = \"{}\"\n\n[[mail.inbound]]\nname = \"support\"\nhost = \"127.0.0.1\"\nport = {}\n\
             username = \"{}\"\npassword_env = \"DESK_TEST_IMAP_PASSWORD\"\nca_file = \"{}\"\ngroup = \"售后\"\n{extra}",
            home.join("desk.log").display(),
            server.imaps_port,
            server.user,
            server.cert_pem.display()
        ),
    )
    .unwrap();
    path
}

fn desk_cmd(home: &Path, cfg: &Path, server: &Dovecot, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_desk"));
    c.args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("USER", "li")
        .env("DESK_DB", home.join("desk.db"))
        .env("DESK_CONFIG", cfg)
        .env("DESK_TEST_IMAP_PASSWORD", &server.password);
    c
}

fn desk(home: &Path, cfg: &Path, server: &Dovecot, args: &[&str]) -> Output {
    desk_cmd(home, cfg, server, args).output().unwrap()
}

fn ok(o: Output, server: &Dovecot) -> String {
    assert!(
        o.status.success(),
        "{}\n{}\n--- dovecot log ---\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
        server.log()
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn sql(home: &Path, q: &str) -> String {
    let out = Command::new("sqlite3")
        .arg(home.join("desk.db"))
        .arg(q)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Groups are made by the demo and by `ticket import` until desk has `group add` (issue 22).
fn add_group(home: &Path, name: &str) {
    let out = Command::new("sqlite3")
        .arg(home.join("desk.db"))
        .arg(format!(
            "INSERT INTO groups(id, name, created_at, updated_at) VALUES ('g-{name}', '{name}', 0, 0)"
        ))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn fetching_twice_ingests_each_message_once_and_flags_it_seen() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let Some(server) = dovecot(h) else { return };
    for n in 1..=5 {
        server.deliver("INBOX", &message(n));
    }
    let cfg = config(h, &server, "");
    ok(desk(h, &cfg, &server, &["init"]), &server);
    // The mailbox's group must exist: said once, before anything is read.
    let o = desk(h, &cfg, &server, &["mail", "fetch"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success()
            && err.contains(
                "group \"售后\" (its new tickets' group) does not exist; groups: none yet"
            ),
        "{err}"
    );
    assert_eq!(server.seen("INBOX"), 0);
    add_group(h, "售后");
    let first = ok(desk(h, &cfg, &server, &["mail", "fetch"]), &server);
    assert!(
        first.contains("support: 5 messages: 5 new tickets"),
        "{first}"
    );
    assert!(
        first.contains("#1001 new ticket · c1@example.com · 报修 1"),
        "{first}"
    );
    assert_eq!(server.seen("INBOX"), 5, "fetched mail is flagged seen");
    // New tickets take the mailbox's group.
    assert_eq!(
        sql(
            h,
            "SELECT count(*) FROM tickets t JOIN groups g ON g.id = t.group_id WHERE g.name = '售后'"
        ),
        "5"
    );

    let again = ok(desk(h, &cfg, &server, &["mail", "fetch"]), &server);
    assert!(
        again.contains("support: 0 messages"),
        "nothing new: {again}"
    );
    // What a fetch from cron did is in desk.log.
    let log = std::fs::read_to_string(h.join("desk.log")).unwrap();
    assert!(
        log.contains("mail fetch support: 5 messages (5 new tickets")
            && log.contains("mail fetch support: 0 messages"),
        "{log}"
    );
    // One more arrives, and the mailbox's mark makes the fetch read only it.
    server.deliver("INBOX", &message(6));
    let third = ok(
        desk(h, &cfg, &server, &["mail", "fetch", "--format", "json"]),
        &server,
    );
    let lines: Vec<serde_json::Value> = third
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{third}");
    assert_eq!(lines[0]["result"]["outcome"], "created");
    assert_eq!(lines[0]["external_id"], "q6@example.com");
    assert_eq!(sql(h, "SELECT count(*) FROM tickets"), "6");
    assert_eq!(sql(h, "SELECT last_uid FROM imap_mailboxes"), "6");

    // Forget the mark (a restored backup, a server that renumbered): everything is read again, nothing doubles.
    sql(h, "DELETE FROM imap_mailboxes");
    let reread = ok(desk(h, &cfg, &server, &["mail", "fetch"]), &server);
    assert!(reread.contains("6 already in desk"), "{reread}");
    assert_eq!(sql(h, "SELECT count(*) FROM tickets"), "6");
}

#[test]
fn two_fetchers_at_once_ingest_each_message_exactly_once() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let Some(server) = dovecot(h) else { return };
    const N: usize = 120;
    for n in 1..=N {
        server.deliver("INBOX", &message(n));
    }
    let cfg = config(h, &server, "");
    ok(desk(h, &cfg, &server, &["init"]), &server);
    add_group(h, "售后");
    let spawn = || {
        desk_cmd(h, &cfg, &server, &["mail", "fetch"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        ok(out, &server);
    }
    assert_eq!(sql(h, "SELECT count(*) FROM tickets"), N.to_string());
    assert_eq!(sql(h, "SELECT count(*) FROM customers"), N.to_string());
    assert_eq!(
        sql(h, "SELECT count(*) FROM inbound WHERE outcome = 'created'"),
        N.to_string()
    );
    assert_eq!(
        sql(h, "SELECT count(DISTINCT ticket_id) FROM messages"),
        N.to_string()
    );
    assert_eq!(sql(h, "SELECT count(*) FROM messages"), N.to_string());
}

#[test]
fn move_after_fetch_over_starttls_into_a_chinese_folder() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let Some(server) = dovecot(h) else { return };
    for n in 1..=3 {
        server.deliver("INBOX", &message(n));
    }
    let path = home.path().join("config.toml");
    std::fs::write(
        &path,
        format!(
            "[[mail.inbound]]\nhost = \"localhost\"\nport = {}\nsecurity = \"starttls\"\nusername = \"{}\"\n\
             password_command = \"printf '%s' \\\"$DESK_TEST_IMAP_PASSWORD\\\"\"\nca_file = \"{}\"\n\
             after_fetch = \"move\"\nmove_to = \"已处理\"\npriority = \"high\"\n",
            server.imap_port,
            server.user,
            server.cert_pem.display()
        ),
    )
    .unwrap();
    ok(desk(h, &path, &server, &["init"]), &server);
    let out = ok(desk(h, &path, &server, &["mail", "fetch"]), &server);
    let label = format!("{}/INBOX", server.user);
    assert!(
        out.contains(&format!("{label}: 3 messages: 3 new tickets")),
        "{out}"
    );
    assert_eq!(server.count("INBOX"), 0, "moved out of the inbox");
    // Maildir++ keeps the folder under its modified UTF-7 name.
    assert_eq!(server.count("&XfJZBHQG-"), 3, "moved into 已处理");
    assert_eq!(
        sql(h, "SELECT count(*) FROM tickets WHERE priority = 'high'"),
        "3"
    );
    // Fetching again finds an empty inbox and changes nothing.
    let again = ok(desk(h, &path, &server, &["mail", "fetch"]), &server);
    assert!(again.contains("0 messages"), "{again}");
}

#[test]
fn a_refused_login_and_an_untrusted_certificate_are_said_plainly() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let Some(server) = dovecot(h) else { return };
    server.deliver("INBOX", &message(1));
    let cfg = config(h, &server, "");
    ok(desk(h, &cfg, &server, &["init"]), &server);
    add_group(h, "售后");
    let wrong = desk_cmd(h, &cfg, &server, &["mail", "fetch"])
        .env("DESK_TEST_IMAP_PASSWORD", "not-the-password")
        .output()
        .unwrap();
    assert!(!wrong.status.success());
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        err.contains("mailbox support:") && err.contains("refused the login of"),
        "{err}"
    );
    let log = std::fs::read_to_string(h.join("desk.log")).unwrap();
    assert!(
        log.contains("WARN")
            && log.contains("mail fetch support:")
            && log.contains("refused the login"),
        "{log}"
    );
    // `[log] level = "error"` keeps warnings out.
    let quiet = h.join("quiet.toml");
    std::fs::write(
        &quiet,
        std::fs::read_to_string(&cfg)
            .unwrap()
            .replace("[log]\n", "[log]\nlevel = \"error\"\n")
            .replace("desk.log", "quiet.log"),
    )
    .unwrap();
    let o = desk_cmd(h, &quiet, &server, &["mail", "fetch"])
        .env("DESK_TEST_IMAP_PASSWORD", "not-the-password")
        .output()
        .unwrap();
    assert!(!o.status.success());
    let quiet_log = std::fs::read_to_string(h.join("quiet.log")).unwrap_or_default();
    assert!(!quiet_log.contains("refused the login"), "{quiet_log}");
    assert_eq!(sql(h, "SELECT count(*) FROM tickets"), "0");

    // Without the CA file the server's certificate is not trusted: said as a certificate problem, nothing read.
    let untrusted = h.join("untrusted.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with("ca_file"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&untrusted, text).unwrap();
    let o = desk(h, &untrusted, &server, &["mail", "fetch"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr).to_lowercase();
    assert!(err.contains("certificate"), "{err}");
    assert_eq!(server.seen("INBOX"), 0);
}

#[test]
fn a_conversation_fetched_answered_over_smtp_and_fetched_back_threads_onto_one_ticket() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let Some(server) = dovecot(h) else { return };
    let Some(relay) = smtp(h) else { return };
    let cfg = h.join("round.toml");
    std::fs::write(
        &cfg,
        format!(
            "[mail]\nfrom = \"售后服务 <service@desk.example>\"\nacknowledge = false\n\
             [mail.smtp]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\n\
             [[mail.inbound]]\nname = \"support\"\nhost = \"127.0.0.1\"\nport = {}\nusername = \"{}\"\n\
             password_env = \"DESK_TEST_IMAP_PASSWORD\"\nca_file = \"{}\"\n",
            relay.port,
            server.imaps_port,
            server.user,
            server.cert_pem.display()
        ),
    )
    .unwrap();
    ok(desk(h, &cfg, &server, &["init"]), &server);
    server.deliver("INBOX", &message(1));
    ok(desk(h, &cfg, &server, &["mail", "fetch"]), &server);
    ok(
        desk(
            h,
            &cfg,
            &server,
            &["ticket", "reply", "1001", "--body", "请先清洗滤网。"],
        ),
        &server,
    );
    ok(
        desk(
            h,
            &cfg,
            &server,
            &["ticket", "set", "1001", "status=solved"],
        ),
        &server,
    );
    let sent = ok(desk(h, &cfg, &server, &["mail", "send"]), &server);
    assert!(sent.contains("sent #1001 reply"), "{sent}");
    // The reply as the customer received it; the answer quotes it and threads by its Message-ID.
    let delivered: Vec<PathBuf> = std::fs::read_dir(relay.maildir.join("new"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let reply_raw = delivered
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .find(|raw| String::from_utf8_lossy(raw).contains("Re: [#1001]"))
        .expect("the reply was delivered");
    let reply = mail_parser::MessageParser::default()
        .parse(&reply_raw)
        .unwrap();
    let reply_id = reply.message_id().unwrap().to_string();
    let answer = format!(
        "From: Customer 1 <c1@example.com>\r\nTo: service@desk.example\r\nSubject: Re: {}\r\n\
         Message-ID: <answer1@example.com>\r\nIn-Reply-To: <{reply_id}>\r\nReferences: <{reply_id}>\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n还是不行，滤网洗过了。\r\n\r\n\
         在 2026年11月18日 10:05，售后服务 写道：\r\n> 请先清洗滤网。\r\n",
        reply.subject().unwrap()
    );
    server.deliver("INBOX", answer.as_bytes());
    let back = ok(desk(h, &cfg, &server, &["mail", "fetch"]), &server);
    assert!(back.contains("#1001 answer, reopened"), "{back}");
    assert_eq!(sql(h, "SELECT count(*) FROM tickets"), "1");
    assert_eq!(
        sql(h, "SELECT status FROM tickets WHERE number = 1001"),
        "open"
    );
}

/// BENCHMARKS.md "Mail fetch": `desk mail fetch` of 1 000 messages (benches/mail/make_maildir.py) from the local
/// Dovecot, whole process, beside what it is made of, measured in the same run: Python's imaplib downloading the
/// same messages over the same TLS port, `desk mail import` of the same Maildir from disk, and `sqlite3` writing
/// 1 000 one-row transactions to a desk database. Run with
/// `cargo test --release --test mail_fetch -- --ignored --nocapture bench_fetch`.
#[test]
#[ignore = "a benchmark: run by hand, see BENCHMARKS.md"]
fn bench_fetch_1000_messages() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let Some(server) = dovecot(h) else { return };
    let md = h.join("generated");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/mail/make_maildir.py");
    let made = Command::new("python3")
        .arg(&script)
        .arg(&md)
        .arg("1000")
        .status()
        .unwrap();
    assert!(made.success());
    let mut files: Vec<PathBuf> = std::fs::read_dir(md.join("new"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in &files {
        server.deliver("INBOX", &std::fs::read(f).unwrap());
    }
    let imap_floor = "import imaplib, ssl, sys, time\n\
        ctx = ssl.create_default_context(cafile=sys.argv[3])\n\
        def run():\n\
        \x20   m = imaplib.IMAP4_SSL('127.0.0.1', int(sys.argv[4]), ssl_context=ctx)\n\
        \x20   m.login(sys.argv[1], sys.argv[2]); m.select('INBOX', readonly=True)\n\
        \x20   t, d = m.uid('FETCH', '1:*', '(BODY.PEEK[])'); m.logout()\n\
        \x20   return sum(len(x[1]) for x in d if isinstance(x, tuple))\n\
        run()\n\
        s = time.time(); n = run(); print(f'{time.time() - s:.3f} {n}')\n";
    let floor = Command::new("python3")
        .args(["-c", imap_floor])
        .args([
            server.user.as_str(),
            server.password.as_str(),
            server.cert_pem.to_str().unwrap(),
            &server.imaps_port.to_string(),
        ])
        .output()
        .unwrap();
    let floor = String::from_utf8_lossy(&floor.stdout).trim().to_string();
    let cfg = config(h, &server, "");
    std::fs::write(
        &cfg,
        std::fs::read_to_string(&cfg)
            .unwrap()
            .replace("group = \"售后\"\n", ""),
    )
    .unwrap();
    ok(desk(h, &cfg, &server, &["init"]), &server);
    // The timed run: /usr/bin/time for the whole process's wall time and peak RSS.
    let cmd = desk_cmd(h, &cfg, &server, &["mail", "fetch"]);
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%e s %M KB"])
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .envs(
            cmd.get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "desk mail fetch, 1000 messages, fresh database: {}\n{}",
        String::from_utf8_lossy(&out.stderr).trim(),
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()
            .unwrap_or("")
    );
    println!("IMAP floor (imaplib, same TLS port, one UID FETCH of all): {floor} (s, bytes)");
    // The same messages from the Maildir on disk: what ingesting them costs without IMAP.
    let from_disk = h.join("from-disk.db");
    let db = from_disk.to_str().unwrap();
    ok(desk(h, &cfg, &server, &["--db", db, "init"]), &server);
    let started = std::time::Instant::now();
    let imported = desk(
        h,
        &cfg,
        &server,
        &["--db", db, "mail", "import", md.to_str().unwrap()],
    );
    let took = started.elapsed().as_secs_f64();
    let said = ok(imported, &server);
    println!(
        "desk mail import of the same Maildir: {took:.2} s ({})",
        said.lines().last().unwrap_or("")
    );
    let mut sqlf = String::from("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;\n");
    for i in 0..1000 {
        sqlf.push_str(&format!(
            "BEGIN IMMEDIATE; INSERT INTO inbound(source, external_id, outcome, at) VALUES ('mail', 'floor{i}', 'ignored', 0); COMMIT;\n"
        ));
    }
    let started = std::time::Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(h.join("desk.db"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(sqlf.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    println!(
        "SQL floor (sqlite3, 1000 one-row transactions): {:.3} s",
        started.elapsed().as_secs_f64()
    );
}
