//! A real IMAP server for the mail-in tests: the Dovecot 2.3 binary (`/usr/sbin/dovecot`, Debian's
//! `dovecot-imapd`) started in the foreground for one test, with everything it writes — configuration, runtime
//! sockets, state, log, certificates, the password file and the user's Maildir — under the test's directory, and
//! listening only on two free loopback ports: plain IMAP offering STARTTLS (`imap_port`) and implicit TLS
//! (`imaps_port`). Dropping it stops Dovecot and every process it started. `.ci/run` installs dovecot-imapd; without
//! it (a developer machine) [`dovecot`] says so and returns `None`, except under CI where it fails.
//!
//! Users and permissions. Dovecot never runs a mail process (`imap`) as root and never runs a login process
//! (`imap-login`) as root, so:
//! - run as root (CI, containers): the master and its internal services run as root, `imap-login` as `dovenull`
//!   (the Debian package creates it) chrooted into the runtime directory, and `imap` as uid/gid 65534
//!   (nobody/nogroup). The Maildir belongs to 65534, so [`Dovecot::deliver`] chowns what it creates, and `dir`
//!   gets `o+x` added so uid 65534 can pass through it to the Maildir (every directory above `dir` must already
//!   allow that; `/tmp` does).
//! - run as an ordinary user: every Dovecot process runs as that user (`default_internal_user` and
//!   `default_login_user` are the user's name, the mail uid is the user's uid) and the chroots Dovecot would need
//!   root for are switched off. Nothing needs installing beyond dovecot-imapd and openssl.
//!
//! TLS. The certificate Dovecot serves is for `localhost` and `127.0.0.1`, signed by a throwaway CA made for the
//! instance; `cert_pem` is that CA, the file a client trusts. (A single self-signed certificate from
//! `openssl req -x509` is marked CA:TRUE, which rustls/webpki refuses as a server certificate:
//! `CaUsedAsEndEntity`.)
//!
//! Mail layout: `mail_location = maildir:~/Maildir` with the default Maildir++ layout, so INBOX is
//! `maildir/{cur,new,tmp}` and folder `Support` is `maildir/.Support/{cur,new,tmp}`. The IMAP hierarchy separator
//! is `.` (LIST says `"."`): the child of Support is `Support.Done` over IMAP (`Support/Done` is refused as an
//! invalid name) and `maildir/.Support.Done` on disk. Names are case-sensitive except INBOX. Mail written into
//! `new/` is seen by the next SELECT, or NOOP in a session that has the folder open; Dovecot moves it to `cur/`
//! (adding `:2,` and flags) when a session opens the folder read-write. A folder created on disk shows in the
//! LIST of the next session, not always in one already logged in: create folders before connecting.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const DOVECOT: &str = "/usr/sbin/dovecot";
/// How long Dovecot may take to listen and greet before the test fails (it usually takes well under a second).
const START_TIMEOUT: Duration = Duration::from_secs(20);
/// The uid and gid of mail processes when the tests run as root: nobody/nogroup.
const MAIL_ID_UNDER_ROOT: u32 = 65534;

/// A running Dovecot; dropping it stops Dovecot and waits for it.
pub struct Dovecot {
    /// Plain IMAP on 127.0.0.1; STARTTLS is offered, and LOGIN works before it too.
    pub imap_port: u16,
    /// IMAP over implicit TLS on 127.0.0.1.
    pub imaps_port: u16,
    pub user: String,
    pub password: String,
    /// The CA certificate to trust (PEM); the server's certificate names `localhost` and `127.0.0.1`.
    pub cert_pem: PathBuf,
    /// The user's Maildir: INBOX is `maildir/{cur,new,tmp}`, folder `Name` is `maildir/.Name`.
    pub maildir: PathBuf,
    /// Dovecot's log (logins, errors); [`Dovecot::log`] reads it with the master's stderr.
    pub log_path: PathBuf,
    child: Child,
    root: PathBuf,
    /// The owner to give what [`Dovecot::deliver`] creates, when running as root.
    chown_to: Option<(u32, u32)>,
}

/// A running Dovecot serving [`Dovecot::user`]'s Maildir under `dir` (in `dir/dovecot`), or `None` (with a note)
/// where Dovecot or openssl is not installed and this is not CI. Panics, with Dovecot's log, if it does not start.
pub fn dovecot(dir: &Path) -> Option<Dovecot> {
    let openssl = Command::new("openssl")
        .arg("version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !Path::new(DOVECOT).exists() || !openssl {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install dovecot-imapd and openssl (apt-get install dovecot-imapd openssl): .ci/run does"
        );
        eprintln!(
            "{DOVECOT} or openssl is not installed (apt-get install dovecot-imapd): IMAP tests not run"
        );
        return None;
    }
    let root = dir.join("dovecot");
    check_path(&root);
    for sub in ["run", "state", "tls"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
    }
    let who = Who::probe(&root);
    if who.root {
        // uid 65534 must pass through `dir` to reach the Maildir; the test's temporary directory is 0700.
        for d in [dir, root.as_path()] {
            let mode = std::fs::metadata(d).unwrap().permissions().mode();
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(mode | 0o001)).unwrap();
        }
        for a in dir.ancestors().skip(1) {
            let mode = std::fs::metadata(a).unwrap().permissions().mode();
            assert!(
                mode & 0o001 != 0,
                "{} is not searchable by others (mode {mode:o}): Dovecot's mail process (uid 65534) could not \
                 reach the Maildir under {}",
                a.display(),
                dir.display()
            );
        }
    }
    let cert_pem = certificates(&root.join("tls"));
    let user = "agent@desk.example".to_string();
    let password = "imap-secret-42".to_string();
    let passwd = root.join("passwd");
    std::fs::write(&passwd, format!("{user}:{{PLAIN}}{password}::::::\n")).unwrap();
    std::fs::set_permissions(&passwd, std::fs::Permissions::from_mode(0o600)).unwrap();
    let home = root.join("home").join(&user);
    let maildir = home.join("Maildir");
    let chown_to = who.root.then_some((MAIL_ID_UNDER_ROOT, MAIL_ID_UNDER_ROOT));
    for d in [root.join("home"), home.clone(), maildir.clone()] {
        make_dir(&d, chown_to);
    }
    for sub in ["cur", "new", "tmp"] {
        make_dir(&maildir.join(sub), chown_to);
    }
    let log_path = root.join("dovecot.log");
    // A port freed here could be taken before Dovecot binds it; then Dovecot exits and one more pair is tried.
    for attempt in 0..2 {
        let (imap_port, imaps_port) = free_ports();
        let conf = root.join("dovecot.conf");
        std::fs::write(&conf, config(&root, &who, imap_port, imaps_port)).unwrap();
        let _ = std::fs::remove_file(&log_path);
        let stderr = std::fs::File::create(root.join("stderr.log")).unwrap();
        let child = Command::new(DOVECOT)
            .arg("-F")
            .arg("-c")
            .arg(&conf)
            .stdin(Stdio::null())
            .stdout(stderr.try_clone().unwrap())
            .stderr(stderr)
            .spawn()
            .unwrap();
        let mut server = Dovecot {
            imap_port,
            imaps_port,
            user: user.clone(),
            password: password.clone(),
            cert_pem: cert_pem.clone(),
            maildir: maildir.clone(),
            log_path: log_path.clone(),
            child,
            root: root.clone(),
            chown_to,
        };
        match server.wait_ready() {
            Ok(()) => return Some(server),
            Err(e) if attempt == 0 && e.contains("Address already in use") => {
                eprintln!("dovecot: a port was taken before it bound it; trying two other ports")
            }
            Err(e) => panic!("{e}"),
        }
    }
    unreachable!()
}

impl Dovecot {
    /// The master's pid (its services are its children).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Dovecot's log file and the master's stderr, for a failing test's message.
    pub fn log(&self) -> String {
        let log = std::fs::read_to_string(&self.log_path).unwrap_or_default();
        let stderr = std::fs::read_to_string(self.root.join("stderr.log")).unwrap_or_default();
        format!(
            "--- {}:\n{log}--- dovecot's stderr:\n{stderr}",
            self.log_path.display()
        )
    }

    /// The directory of `folder`: "INBOX" (in any case) or a folder's IMAP name such as "Support" or
    /// "Support.Done" ("Support/Done" is taken to mean the same). ASCII only: Dovecot stores other names in
    /// modified UTF-7, which this does not encode.
    pub fn folder_dir(&self, folder: &str) -> PathBuf {
        if folder.eq_ignore_ascii_case("INBOX") {
            return self.maildir.clone();
        }
        assert!(
            folder.is_ascii() && !folder.is_empty() && !folder.starts_with(['.', '/']),
            "folder {folder:?}: the harness writes plain ASCII names only"
        );
        self.maildir.join(format!(".{}", folder.replace('/', ".")))
    }

    /// Delivers `raw` (a whole RFC 5322 message, CRLF or LF) to `folder` as a new, unread message, the Maildir
    /// way: written and synced in `tmp/`, then renamed into `new/`. Creates the folder if it does not exist.
    /// Returns the delivered file.
    pub fn deliver(&self, folder: &str, raw: &[u8]) -> PathBuf {
        self.put(folder, raw, None)
    }

    /// Delivers `raw` to `folder` as a message that already has Maildir `flags` (for example "S" for \Seen,
    /// "FS" for \Flagged and \Seen; letters in ASCII order): renamed from `tmp/` into `cur/` as `…:2,<flags>`.
    pub fn deliver_with_flags(&self, folder: &str, raw: &[u8], flags: &str) -> PathBuf {
        self.put(folder, raw, Some(flags))
    }

    fn put(&self, folder: &str, raw: &[u8], flags: Option<&str>) -> PathBuf {
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let dir = self.ensure_folder(folder);
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        let name = format!(
            "{}.M{}P{}Q{}.desk-test",
            now.as_secs(),
            now.subsec_micros(),
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        );
        let tmp = dir.join("tmp").join(&name);
        let mut f = std::fs::File::create_new(&tmp).unwrap();
        f.write_all(raw).unwrap();
        f.sync_all().unwrap();
        drop(f);
        if let Some((uid, gid)) = self.chown_to {
            std::os::unix::fs::chown(&tmp, Some(uid), Some(gid)).unwrap();
        }
        let target = match flags {
            None => dir.join("new").join(&name),
            Some(flags) => dir.join("cur").join(format!("{name}:2,{flags}")),
        };
        std::fs::rename(&tmp, &target).unwrap();
        target
    }

    /// Creates `folder`'s Maildir++ directories (owned by the mail user) if they are missing; returns its
    /// directory. Dovecot lists a folder created this way and SELECT opens it.
    pub fn ensure_folder(&self, folder: &str) -> PathBuf {
        let dir = self.folder_dir(folder);
        make_dir(&dir, self.chown_to);
        for sub in ["cur", "new", "tmp"] {
            make_dir(&dir.join(sub), self.chown_to);
        }
        if dir != self.maildir && !dir.join("maildirfolder").exists() {
            std::fs::write(dir.join("maildirfolder"), b"").unwrap();
            if let Some((uid, gid)) = self.chown_to {
                std::os::unix::fs::chown(dir.join("maildirfolder"), Some(uid), Some(gid)).unwrap();
            }
        }
        dir
    }

    /// The messages in `folder` (files in `cur/` and `new/`, including ones flagged \Deleted but not yet
    /// expunged); 0 for a folder that does not exist.
    pub fn count(&self, folder: &str) -> usize {
        let dir = self.folder_dir(folder);
        files(&dir.join("cur")).len() + files(&dir.join("new")).len()
    }

    /// The messages in `folder`'s `cur/` whose Maildir flags (after `:2,`) include `flag`: 'S' \Seen,
    /// 'T' \Deleted, 'F' \Flagged, 'R' \Answered, 'D' \Draft.
    pub fn with_flag(&self, folder: &str, flag: char) -> usize {
        files(&self.folder_dir(folder).join("cur"))
            .iter()
            .filter(|name| {
                name.rsplit_once(":2,")
                    .is_some_and(|(_, f)| f.contains(flag))
            })
            .count()
    }

    /// The messages in `folder` marked \Seen.
    pub fn seen(&self, folder: &str) -> usize {
        self.with_flag(folder, 'S')
    }

    /// Polls until both ports accept connections and the plain port greets with `* OK`.
    fn wait_ready(&mut self) -> Result<(), String> {
        let start = Instant::now();
        let up = |port: u16| TcpStream::connect(("127.0.0.1", port)).is_ok();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Err(format!(
                    "dovecot exited at start ({status})\n{}",
                    self.log()
                ));
            }
            if up(self.imap_port) && up(self.imaps_port) {
                break;
            }
            if start.elapsed() > START_TIMEOUT {
                return Err(format!(
                    "dovecot did not listen on 127.0.0.1:{} and :{} within {START_TIMEOUT:?}\n{}",
                    self.imap_port,
                    self.imaps_port,
                    self.log()
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        // Listening is the master's doing; a greeting shows a login process starts and can talk.
        let greeting = (|| -> std::io::Result<String> {
            let s = TcpStream::connect(("127.0.0.1", self.imap_port))?;
            s.set_read_timeout(Some(
                START_TIMEOUT
                    .saturating_sub(start.elapsed())
                    .max(Duration::from_secs(1)),
            ))?;
            let mut line = String::new();
            BufReader::new(&s).read_line(&mut line)?;
            let _ = (&s).write_all(b"a LOGOUT\r\n");
            Ok(line)
        })();
        match greeting {
            Ok(line) if line.starts_with("* OK") => Ok(()),
            other => Err(format!(
                "dovecot listens on {} but did not greet: {other:?}\n{}",
                self.imap_port,
                self.log()
            )),
        }
    }
}

impl Drop for Dovecot {
    /// SIGTERM, on which the master stops its services and waits for them; SIGKILL if it has not exited in 10 s.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let termed = Command::new("kill")
                .args(["-TERM", &self.child.id().to_string()])
                .status()
                .is_ok_and(|s| s.success());
            let start = Instant::now();
            while termed && start.elapsed() < Duration::from_secs(10) {
                match self.child.try_wait() {
                    Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                    _ => return,
                }
            }
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// Who the tests run as, and so who Dovecot's processes run as.
struct Who {
    root: bool,
    uid: u32,
    gid: u32,
    /// The user's and group's names (Dovecot's `default_*_user` settings take names), when not root.
    user: String,
    group: String,
}

impl Who {
    fn probe(dir: &Path) -> Who {
        let probe = dir.join(".whoami");
        std::fs::write(&probe, b"").unwrap();
        let meta = std::fs::metadata(&probe).unwrap();
        let _ = std::fs::remove_file(&probe);
        let (uid, gid) = (meta.uid(), meta.gid());
        let id = |flag: &str| {
            let out = Command::new("id").arg(flag).output().unwrap();
            assert!(out.status.success(), "id {flag} failed");
            String::from_utf8(out.stdout).unwrap().trim().to_string()
        };
        if uid == 0 {
            Who {
                root: true,
                uid,
                gid,
                user: "root".into(),
                group: "root".into(),
            }
        } else {
            Who {
                root: false,
                uid,
                gid,
                user: id("-un"),
                group: id("-gn"),
            }
        }
    }
}

/// The configuration: nothing from /etc/dovecot, everything under `root`.
fn config(root: &Path, who: &Who, imap_port: u16, imaps_port: u16) -> String {
    let r = root.display();
    let (mail_uid, mail_gid) = if who.root {
        (MAIL_ID_UNDER_ROOT, MAIL_ID_UNDER_ROOT)
    } else {
        (who.uid, who.gid)
    };
    let users = if who.root {
        // Internal services (auth, config, log, anvil…) as root, so they read the 0600 files under the 0700
        // test directory; imap-login must not be root: dovenull, chrooted into run/login by the root master.
        "default_internal_user = root\ndefault_internal_group = root\ndefault_login_user = dovenull\n".to_string()
    } else {
        format!(
            "default_internal_user = {u}\ndefault_internal_group = {g}\ndefault_login_user = {u}\n",
            u = who.user,
            g = who.group
        )
    };
    // chroot needs root: off for the services that have one by default.
    let no_chroot = if who.root {
        String::new()
    } else {
        [
            "anvil",
            "ipc",
            "old-stats",
            "aggregator",
            "imap-urlauth-login",
        ]
        .iter()
        .map(|s| format!("service {s} {{\n  chroot =\n}}\n"))
        .collect()
    };
    let login_chroot = if who.root { "" } else { "  chroot =\n" };
    let dh = Path::new("/usr/share/dovecot/dh.pem");
    let dh = if dh.exists() {
        format!("ssl_dh = <{}\n", dh.display())
    } else {
        String::new()
    };
    format!(
        "# Generated by tests/common/dovecot.rs for one test; Dovecot 2.3.
instance_name = desk-test-imap-{imap_port}
base_dir = {r}/run
state_dir = {r}/state
log_path = {r}/dovecot.log
protocols = imap
listen = 127.0.0.1
{users}first_valid_uid = 1
first_valid_gid = 1
mail_uid = {mail_uid}
mail_gid = {mail_gid}
mail_location = maildir:~/Maildir
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_max_userip_connections = 50
ssl = yes
ssl_cert = <{r}/tls/cert.pem
ssl_key = <{r}/tls/key.pem
{dh}passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {r}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={r}/home/%u
}}
service imap-login {{
{login_chroot}  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
}}
{no_chroot}"
    )
}

/// A throwaway CA (`ca.pem`, returned) and a certificate it signed for localhost and 127.0.0.1 (`cert.pem`,
/// `key.pem`), in `dir`.
fn certificates(dir: &Path) -> PathBuf {
    // Each command is split on spaces: no argument has one.
    let openssl = |args: &str| {
        let out = Command::new("openssl")
            .args(args.split_whitespace())
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "openssl {args} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    openssl(
        "req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=desk-test-CA \
         -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign",
    );
    openssl("req -new -newkey rsa:2048 -nodes -keyout key.pem -out cert.csr -subj /CN=localhost");
    std::fs::write(
        dir.join("cert.ext"),
        "basicConstraints = critical, CA:FALSE\n\
         keyUsage = critical, digitalSignature, keyEncipherment\n\
         extendedKeyUsage = serverAuth\n\
         subjectAltName = DNS:localhost, IP:127.0.0.1\n\
         subjectKeyIdentifier = hash\n\
         authorityKeyIdentifier = keyid\n",
    )
    .unwrap();
    let serial = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    openssl(&format!(
        "x509 -req -in cert.csr -CA ca.pem -CAkey ca.key -set_serial {serial} -days 2 -extfile cert.ext \
         -out cert.pem"
    ));
    dir.join("ca.pem")
}

/// Two distinct ports that were free a moment ago.
fn free_ports() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").unwrap();
    let b = TcpListener::bind("127.0.0.1:0").unwrap();
    (
        a.local_addr().unwrap().port(),
        b.local_addr().unwrap().port(),
    )
}

/// Dovecot's config takes paths bare, and its sockets live under `run/`: a path with spaces or quotes, or one
/// too long for a unix socket (108 bytes, with `run/token-login/imap-urlauth` after it), cannot be used.
fn check_path(root: &Path) {
    let s = root.to_str().expect("a UTF-8 test directory");
    assert!(
        !s.contains(|c: char| c.is_whitespace() || "\"'<>#{}$%\\".contains(c)),
        "dovecot harness: {s} has characters Dovecot's config would misread"
    );
    assert!(
        s.len() + "/run/token-login/imap-urlauth".len() < 108,
        "dovecot harness: {s} is too long for Dovecot's unix sockets under it"
    );
}

fn make_dir(d: &Path, owner: Option<(u32, u32)>) {
    if !d.exists() {
        std::fs::create_dir_all(d).unwrap();
    }
    if let Some((uid, gid)) = owner {
        std::os::unix::fs::chown(d, Some(uid), Some(gid)).unwrap();
    }
}

/// The message files in a Maildir `cur/` or `new/` (not dot files); none if the directory does not exist.
fn files(d: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(d) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect()
}
