//! `desk mail fetch`: reads an IMAP mailbox (implicit TLS or STARTTLS) into the intake. A message counts once
//! however often and from however many machines the mailbox is fetched: the intake records its Message-ID in the
//! same transaction as its ticket. The mailbox's UIDVALIDITY and last UID in the database keep a fetch from
//! downloading what it already read. Each batch is ingested first, then flagged or moved on the server, then
//! marked: a fetch that dies half-way reads that batch again next time and finds it already in desk.

use anyhow::{Context, Result, anyhow, bail};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use super::tls::{self, TlsStream};
use crate::config::mail::Security;
use crate::config::mail_inbound::{AfterFetch, InboundConfig};
use crate::domain::imap_name;
use crate::domain::intake::{Inbound, IntakeRules};
use crate::store::Store;
use crate::store::imap_mailboxes::MailboxMark;
use crate::store::intake::Ingested;

/// Messages fetched per round trip; each batch is ingested, then flagged or moved, then marked.
const BATCH: usize = 50;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(20);
const IO_TIMEOUT: Duration = Duration::from_secs(120);

/// The connection under the IMAP session: TLS, or plain to a server on this machine.
pub enum Conn {
    Plain(TcpStream),
    Tls(Box<TlsStream>),
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Conn::Plain(s) => s.read(buf),
            Conn::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Conn::Plain(s) => s.write(buf),
            Conn::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Conn::Plain(s) => s.flush(),
            Conn::Tls(s) => s.flush(),
        }
    }
}

type Session = imap::Session<Conn>;

/// One message as it went through the intake.
pub struct Fetched<'a> {
    pub uid: u32,
    pub message: &'a Inbound,
    pub outcome: &'a Ingested,
}

/// What one mailbox's fetch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FetchSummary {
    pub messages: usize,
    /// The mark after the fetch.
    pub last_uid: u32,
}

/// Connects and logs in.
pub fn login(cfg: &InboundConfig) -> Result<Session> {
    let at = format!("{}:{}", cfg.host, cfg.port());
    let conn = connect(cfg).with_context(|| format!("cannot connect to {at}"))?;
    let password = super::secret::password(
        &format!("[[mail.inbound]] {}", cfg.label()),
        cfg.password_env.as_deref(),
        cfg.password_command.as_deref(),
    )?;
    let mut client = imap::Client::new(conn);
    if cfg.security != Security::Starttls {
        client
            .read_greeting()
            .with_context(|| format!("{at} did not greet as an IMAP server"))?;
    }
    client.login(&cfg.username, &password).map_err(|(e, _)| {
        anyhow!(
            "{at} refused the login of {}: {} (check the username and the password it points at)",
            cfg.username,
            crate::domain::text::error_chain(&e)
        )
    })
}

fn connect(cfg: &InboundConfig) -> Result<Conn> {
    // Every address the name has, in turn: `localhost` is often ::1 first while the server listens on 127.0.0.1.
    let mut last = None;
    let mut tcp = None;
    for addr in (cfg.host.as_str(), cfg.port())
        .to_socket_addrs()
        .with_context(|| format!("cannot resolve {}", cfg.host))?
    {
        match TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT) {
            Ok(s) => {
                tcp = Some(s);
                break;
            }
            Err(e) => last = Some(e),
        }
    }
    let tcp = match (tcp, last) {
        (Some(t), _) => t,
        (None, Some(e)) => return Err(e.into()),
        (None, None) => bail!("{} has no address", cfg.host),
    };
    tcp.set_read_timeout(Some(IO_TIMEOUT))?;
    tcp.set_write_timeout(Some(IO_TIMEOUT))?;
    let config = || tls::client_config(cfg.ca_file.as_deref());
    Ok(match cfg.security {
        Security::None => Conn::Plain(tcp),
        Security::Tls => Conn::Tls(Box::new(tls::wrap(config()?, &cfg.host, tcp)?)),
        Security::Starttls => {
            let tcp = starttls(tcp)?;
            Conn::Tls(Box::new(tls::wrap(config()?, &cfg.host, tcp)?))
        }
    })
}

/// The plain part of STARTTLS (RFC 3501 §6.2.1): the greeting, then the command and its tagged answer. The
/// socket is read a byte at a time so nothing of the TLS handshake that follows is swallowed by a buffer.
fn starttls(tcp: TcpStream) -> Result<TcpStream> {
    let mut reader = BufReader::with_capacity(1, tcp);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    if !line.starts_with("* OK") && !line.starts_with("* PREAUTH") {
        bail!(
            "the server did not greet as an IMAP server: {}",
            crate::domain::text::one_line(&line)
        );
    }
    let mut tcp = reader.into_inner();
    tcp.write_all(b"s1 STARTTLS\r\n")?;
    let mut reader = BufReader::with_capacity(1, tcp);
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            bail!("the server closed the connection after STARTTLS");
        }
        if let Some(answer) = line.strip_prefix("s1 ") {
            if answer.starts_with("OK") {
                return Ok(reader.into_inner());
            }
            bail!(
                "the server refused STARTTLS: {} (security = \"tls\" on port 993 may work)",
                crate::domain::text::one_line(answer)
            );
        }
    }
}

/// Fetches every message of `cfg`'s folder desk has not read, through the intake; `each` hears of every one.
pub fn fetch(
    cfg: &InboundConfig,
    store: &mut Store,
    rules: &IntakeRules,
    now: i64,
    each: &mut dyn FnMut(Fetched<'_>) -> Result<()>,
) -> Result<FetchSummary> {
    // A group that does not exist would fail every message: said once, before anything is read.
    if let Some(group) = &cfg.group {
        let groups = store.groups()?;
        if !groups.iter().any(|g| g.name.as_str() == group) {
            let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
            bail!(
                "group \"{group}\" (its new tickets' group) does not exist; groups: {}",
                if names.is_empty() {
                    "none yet".to_string()
                } else {
                    names.join(", ")
                }
            );
        }
    }
    let mut session = login(cfg)?;
    let summary = fetch_in(&mut session, cfg, store, rules, now, each);
    // A polite goodbye; the work is already saved whatever the server says to it.
    let _ = session.logout();
    summary
}

fn fetch_in(
    session: &mut Session,
    cfg: &InboundConfig,
    store: &mut Store,
    rules: &IntakeRules,
    now: i64,
    each: &mut dyn FnMut(Fetched<'_>) -> Result<()>,
) -> Result<FetchSummary> {
    let folder = imap_name::encode(&cfg.folder);
    let mailbox = session
        .select(&folder)
        .with_context(|| format!("cannot open folder \"{}\"", cfg.folder))?;
    let validity = mailbox.uid_validity.unwrap_or(0);
    let key = cfg.key();
    let start = match store.mailbox_mark(&key)? {
        Some(m) if m.uid_validity == validity => m.last_uid,
        _ => 0,
    };
    let mut summary = FetchSummary {
        messages: 0,
        last_uid: start,
    };
    if mailbox.exists == 0 {
        return Ok(summary);
    }
    let after = After::prepare(session, cfg)?;
    // `n:*` always names the last message, even below n: keep only what is really new.
    let mut uids: Vec<u32> = session
        .uid_search(format!("UID {}:*", start.saturating_add(1)))
        .context("cannot list the folder's messages")?
        .into_iter()
        .filter(|u| *u > start)
        .collect();
    uids.sort_unstable();
    let defaults = cfg.defaults();
    for batch in uids.chunks(BATCH) {
        let (Some(first), Some(last)) = (batch.first(), batch.last()) else {
            continue;
        };
        let set = format!("{first}:{last}");
        let fetches = session
            .uid_fetch(&set, "(UID BODY.PEEK[])")
            .with_context(|| format!("cannot download messages {set}"))?;
        let mut got: Vec<(u32, &[u8])> = fetches
            .iter()
            .filter_map(|f| Some((f.uid?, f.body()?)))
            .filter(|(uid, _)| *uid > start)
            .collect();
        got.sort_unstable_by_key(|(uid, _)| *uid);
        for (uid, raw) in got {
            let mut m = super::mail_parse::parse_mail(raw);
            m.defaults = defaults.clone();
            let outcome = store
                .ingest("mail", &m, rules, now)
                .with_context(|| format!("message UID {uid}: cannot ingest it"))?;
            summary.messages += 1;
            each(Fetched {
                uid,
                message: &m,
                outcome: &outcome,
            })?;
        }
        after.apply(session, &set)?;
        let mark = store.set_mailbox_mark(
            &key,
            MailboxMark {
                uid_validity: validity,
                last_uid: *last,
            },
            now,
        )?;
        summary.last_uid = mark.last_uid;
    }
    Ok(summary)
}

/// What happens to fetched messages on the server.
enum After {
    Flag,
    /// `to` as configured; `wire` as IMAP spells it (modified UTF-7).
    Move {
        to: String,
        wire: String,
        native: bool,
        uidplus: bool,
    },
}

impl After {
    fn prepare(session: &mut Session, cfg: &InboundConfig) -> Result<After> {
        let (AfterFetch::Move, Some(to)) = (cfg.after_fetch, &cfg.move_to) else {
            return Ok(After::Flag);
        };
        let caps = session
            .capabilities()
            .context("cannot read the server's capabilities")?;
        let wire = imap_name::encode(to);
        let exists = session
            .list(Some(""), Some(&imap_name::quoted(to)))
            .map(|names| !names.is_empty())
            .unwrap_or(false);
        if !exists {
            // Another fetcher may create it at the same moment; a failure here shows up as a failed move.
            let _ = session.create(&wire);
        }
        Ok(After::Move {
            to: to.clone(),
            wire,
            native: caps.has_str("MOVE"),
            uidplus: caps.has_str("UIDPLUS"),
        })
    }

    fn apply(&self, session: &mut Session, set: &str) -> Result<()> {
        match self {
            After::Flag => {
                session
                    .uid_store(set, "+FLAGS.SILENT (\\Seen)")
                    .with_context(|| format!("cannot flag messages {set} as seen"))?;
            }
            After::Move {
                to,
                wire,
                native: true,
                ..
            } => {
                session
                    .uid_mv(set, wire)
                    .with_context(|| format!("cannot move messages {set} to \"{to}\""))?;
            }
            After::Move { to, uidplus, .. } => {
                session
                    .run_command_and_read_response(format!(
                        "UID COPY {set} {}",
                        imap_name::quoted(to)
                    ))
                    .with_context(|| format!("cannot copy messages {set} to \"{to}\""))?;
                session.uid_store(set, "+FLAGS.SILENT (\\Deleted)")?;
                if *uidplus {
                    session.uid_expunge(set)?;
                } else {
                    session.expunge()?;
                }
            }
        }
        Ok(())
    }
}
