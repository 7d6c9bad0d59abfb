//! The IMAP test server (tests/common/dovecot.rs) checked with a client that is not desk's: Python's imaplib.
//! Mail delivered into the Maildir is seen over STARTTLS and over implicit TLS with only the harness's CA
//! trusted, the capabilities desk's client relies on are offered, flags and MOVE land back in the Maildir, a
//! wrong password is refused, and dropping the server leaves no Dovecot process running. Without Dovecot (a
//! developer machine) these pass without running, except under CI where they fail.

mod common;

use common::dovecot::{Dovecot, dovecot};
use std::process::Command;
use std::time::Instant;

fn message(n: usize) -> Vec<u8> {
    format!(
        "From: Customer {n} <c{n}@example.com>\r\nTo: service@desk.example\r\nSubject: Question {n}\r\n\
         Message-ID: <q{n}@example.com>\r\nDate: Wed, 18 Nov 2026 10:00:00 +0800\r\n\r\nHello {n}\r\n"
    )
    .into_bytes()
}

/// Runs `script` with `python3 -c`, its arguments the server's ports, user, password and CA file; returns stdout,
/// failing with stderr and Dovecot's log if Python fails.
fn python(server: &Dovecot, script: &str) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args([
            server.imap_port.to_string(),
            server.imaps_port.to_string(),
            server.user.clone(),
            server.password.clone(),
            server.cert_pem.display().to_string(),
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "python failed:\n{stdout}\n{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        server.log()
    );
    stdout
}

/// The value of the line starting `key ` in the script's output.
fn field<'a>(out: &'a str, key: &str) -> &'a str {
    out.lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(' ')))
        .unwrap_or_else(|| panic!("no {key} line in:\n{out}"))
}

const PRELUDE: &str = r#"
import imaplib, ssl, sys
port, tls_port, user, password, ca = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
ctx = ssl.create_default_context(cafile=ca)
"#;

const STARTTLS: &str = r#"
m = imaplib.IMAP4("127.0.0.1", port)
print("BEFORE", " ".join(m.capabilities))
m.starttls(ssl_context=ctx)
print("TLS", m.sock.version())
print("LOGIN", m.login(user, password)[0])
print("CAPS", m.capability()[1][0].decode())
typ, data = m.select("INBOX")
print("EXISTS", data[0].decode())
m.logout()
"#;

const IMPLICIT_TLS: &str = r#"
m = imaplib.IMAP4_SSL("localhost", tls_port, ssl_context=ctx)
print("LOGIN", m.login(user, password)[0])
print("CAPS", m.capability()[1][0].decode())
typ, data = m.select("INBOX")
print("EXISTS", data[0].decode())
print("UIDVALIDITY", m.response("UIDVALIDITY")[1][0].decode())
typ, data = m.uid("SEARCH", None, "ALL")
uids = data[0].decode().split()
print("UIDS", " ".join(uids))
print("STORE", m.uid("STORE", uids[0], "+FLAGS", r"(\Seen)")[0])
typ, data = m.uid("MOVE", uids[1], "Support")
print("MOVE", typ, m.response("COPYUID")[1][0].decode())
print("LIST", " | ".join(l.decode() for l in m.list()[1]))
typ, data = m.select("Support")
print("SUPPORT", data[0].decode())
m.logout()
"#;

const REFUSALS: &str = r#"
m = imaplib.IMAP4_SSL("127.0.0.1", tls_port, ssl_context=ctx)
try:
    m.login(user, password + "x")
    print("WRONG accepted")
except imaplib.IMAP4.error as e:
    print("WRONG refused", e)
try:
    imaplib.IMAP4_SSL("127.0.0.1", tls_port, ssl_context=ssl.create_default_context())
    print("UNTRUSTED accepted")
except ssl.SSLCertVerificationError as e:
    print("UNTRUSTED refused", e.verify_message)
"#;

#[test]
fn starttls_on_the_plain_port_sees_the_delivered_inbox() {
    let dir = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let Some(server) = dovecot(dir.path()) else {
        return;
    };
    eprintln!("dovecot started in {:?}", start.elapsed());
    for n in 1..=3 {
        server.deliver("INBOX", &message(n));
    }
    assert_eq!(server.count("INBOX"), 3);
    let out = python(&server, &format!("{PRELUDE}{STARTTLS}"));
    eprintln!("{out}");
    let before = field(&out, "BEFORE");
    assert!(before.contains("STARTTLS"), "{out}");
    assert!(field(&out, "TLS").starts_with("TLSv1."), "{out}");
    assert_eq!(field(&out, "LOGIN"), "OK", "{out}");
    assert_eq!(field(&out, "EXISTS"), "3", "{out}\n{}", server.log());
    // A read-write SELECT moved the new mail to cur/; none is lost and none is \Seen yet.
    assert_eq!(server.count("INBOX"), 3);
    assert_eq!(server.seen("INBOX"), 0);
}

#[test]
fn implicit_tls_searches_flags_and_moves_with_the_capabilities_desk_needs() {
    let dir = tempfile::tempdir().unwrap();
    let Some(server) = dovecot(dir.path()) else {
        return;
    };
    for n in 1..=3 {
        server.deliver("INBOX", &message(n));
    }
    server.deliver("Support", &message(4));
    server.deliver_with_flags("Support", &message(5), "S");
    assert_eq!((server.count("INBOX"), server.count("Support")), (3, 2));
    assert!(server.maildir.join(".Support/new").is_dir());
    let out = python(&server, &format!("{PRELUDE}{IMPLICIT_TLS}"));
    eprintln!("{out}");
    assert_eq!(field(&out, "LOGIN"), "OK", "{out}");
    let caps: Vec<&str> = field(&out, "CAPS").split(' ').collect();
    for need in ["IMAP4rev1", "IDLE", "MOVE", "UIDPLUS"] {
        assert!(caps.contains(&need), "{need} not offered: {caps:?}");
    }
    assert_eq!(field(&out, "EXISTS"), "3", "{out}");
    assert!(
        field(&out, "UIDVALIDITY").parse::<u32>().unwrap() > 0,
        "{out}"
    );
    assert_eq!(field(&out, "UIDS"), "1 2 3", "{out}");
    assert_eq!(field(&out, "STORE"), "OK", "{out}");
    // UIDPLUS: COPYUID names the moved message's UID validity of Support, old UID and new UID. (Support was never
    // opened, so Dovecot gave the moved message its UID before the two delivered there; the new UID is not 3.)
    let copyuid: Vec<&str> = field(&out, "MOVE").split(' ').collect();
    assert!(
        copyuid.len() == 4
            && copyuid[0] == "OK"
            && copyuid[2] == "2"
            && copyuid[3].parse::<u32>().is_ok(),
        "{out}"
    );
    let list = field(&out, "LIST");
    assert!(
        list.contains("\".\" Support") && list.contains("INBOX"),
        "{list}"
    );
    assert_eq!(field(&out, "SUPPORT"), "3", "{out}");
    // Back in the Maildir: one \Seen in INBOX, the moved message in .Support, the pre-flagged one still \Seen.
    assert_eq!(server.count("INBOX"), 2);
    assert_eq!(server.seen("INBOX"), 1);
    assert_eq!(server.count("Support"), 3);
    assert_eq!(server.seen("Support"), 1);
}

#[test]
fn a_wrong_password_and_an_untrusted_certificate_are_refused_and_nothing_outlives_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let Some(server) = dovecot(dir.path()) else {
        return;
    };
    let out = python(&server, &format!("{PRELUDE}{REFUSALS}"));
    eprintln!("{out}");
    assert!(
        field(&out, "WRONG").starts_with("refused") && out.contains("AUTHENTICATIONFAILED"),
        "{out}"
    );
    assert!(field(&out, "UNTRUSTED").starts_with("refused"), "{out}");
    let services = descendants(server.pid());
    assert!(
        services.len() >= 3,
        "dovecot's services (config, log, anvil…) not found: {services:?}"
    );
    let master = server.pid();
    drop(server);
    // The master has exited when drop returns; a service it stopped may take a moment more to go (a full machine
    // schedules it late), so poll a few seconds before calling it left over.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let left = loop {
        let left: Vec<u32> = std::iter::once(master)
            .chain(services.iter().copied())
            .filter(|&p| alive(p))
            .collect();
        if left.is_empty() || std::time::Instant::now() > deadline {
            break left;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(left.is_empty(), "still running 5 s after drop: {left:?}");
}

/// The processes under `pid` (from /proc), children first.
fn descendants(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|p| Some((p, stat(p)?.1)))
        .collect();
    let mut found = vec![pid];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    found.remove(0);
    found
}

/// A process's state letter and parent pid, from /proc/<pid>/stat.
fn stat(pid: u32) -> Option<(char, u32)> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let mut rest = s.rsplit_once(')')?.1.split_whitespace();
    let state = rest.next()?.chars().next()?;
    Some((state, rest.next()?.parse().ok()?))
}

/// Whether `pid` runs (a zombie has exited).
fn alive(pid: u32) -> bool {
    stat(pid).is_some_and(|(state, _)| state != 'Z' && state != 'X')
}
