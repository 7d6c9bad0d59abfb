//! The running desk fetches mail by itself (tmux, 120×40, a real Dovecot): a customer's mail delivered while the
//! agent looks at the queue becomes a ticket on screen with no key pressed — the round is said in the status line
//! and the ticket appears in the list. A mailbox that refuses the login shows "mail failed" in the tab bar.
//! Without Dovecot (a developer machine) this passes without running, except under CI.

mod common;

use common::dovecot::{Dovecot, dovecot};
use common::tmux::{Tmux, clean_env};
use std::path::Path;

fn start(name: &str, home: &Path, server: &Dovecot, password: &str) -> Tmux {
    start_every(name, home, server, password, 1)
}

fn start_every(name: &str, home: &Path, server: &Dovecot, password: &str, every: u32) -> Tmux {
    let cfg = home.join("config/desk/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(
        &cfg,
        format!(
            "[log]\nfile = \"{}\"\nlevel = \"debug\"\n\n[mail]\nfetch_every_secs = {every}\n\n[[mail.inbound]]\nname = \"support\"\nhost = \"127.0.0.1\"\n\
             port = {}\nusername = \"{}\"\npassword_env = \"DESK_TEST_IMAP_PASSWORD\"\nca_file = \"{}\"\n",
            home.join("desk.log").display(),
            server.imaps_port,
            server.user,
            server.cert_pem.display()
        ),
    )
    .unwrap();
    let db = home.join("desk.db");
    let init = common::desk_as(home, "li", &["init", "--db", db.to_str().unwrap()]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let mut env = clean_env(home);
    env.push(("DESK_TEST_IMAP_PASSWORD", password.to_string()));
    let t = Tmux::start(name, 120, 40, home, &env);
    t.type_text(&format!(
        "{} --db {}",
        env!("CARGO_BIN_EXE_desk"),
        home.join("desk.db").display()
    ));
    t.keys(&["Enter"]);
    t
}

#[test]
fn mail_delivered_while_desk_runs_becomes_a_ticket_on_screen() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let Some(server) = dovecot(h) else { return };
    let t = start("mail-in", h, &server, &server.password);
    t.wait_until("the empty queue", |s| s.contains("My open"));
    server.deliver(
        "INBOX",
        "From: 张一天 <zhang@example.cn>\r\nTo: service@desk.example\r\nSubject: =?UTF-8?B?5YeA5rC05Zmo5ryP5rC0?=\r\n\
         Message-ID: <e2e1@example.cn>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n净水器漏水了。\r\n"
            .as_bytes(),
    );
    let said = t.wait_for("mail: 1 new ticket");
    assert!(!said.contains("mail failed"), "{said}");
    // The new ticket reaches the list by live refresh, without a key.
    t.keys(&["J"]);
    let list = t.wait_until("the ticket in Unassigned", |s| s.contains("净水器漏水"));
    assert!(list.contains("张一天"), "{list}");
    assert_eq!(server.seen("INBOX"), 1);
}

#[test]
fn a_mailbox_that_refuses_the_login_shows_mail_failed() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let Some(server) = dovecot(h) else { return };
    let t = start("mail-refused", h, &server, "wrong-password");
    let screen = t.wait_for("mail failed");
    assert!(
        screen.lines().next().unwrap_or("").contains("mail failed"),
        "{screen}"
    );
    t.keys(&["g", "m"]);
    t.wait_for("refused the login");
}

#[test]
fn g_f_fetches_now_instead_of_at_the_next_interval() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let Some(server) = dovecot(h) else { return };
    let t = start_every("mail-now", h, &server, &server.password, 3600);
    t.wait_until("the empty queue", |s| s.contains("My open"));
    // The first round (a few seconds after start) has run when the log says so; the next is an hour away.
    let log = h.join("desk.log");
    let started = std::time::Instant::now();
    while !std::fs::read_to_string(&log)
        .unwrap_or_default()
        .contains("background mail round: fetch true")
    {
        assert!(
            started.elapsed() < common::tmux::TIMEOUT,
            "no first round in desk.log"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    server.deliver(
        "INBOX",
        "From: Li <li@example.cn>\r\nTo: service@desk.example\r\nSubject: now\r\n\
         Message-ID: <now1@example.cn>\r\n\r\nplease\r\n"
            .as_bytes(),
    );
    t.keys(&["g", "f"]);
    t.wait_for("mail: 1 new ticket");
    assert_eq!(server.seen("INBOX"), 1);
}
