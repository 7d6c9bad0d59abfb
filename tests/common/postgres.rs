//! A real PostgreSQL server for the sync hub's tests (issue 20): never a mock.
//!
//! Two ways to get one:
//! - [`Postgres::start`] uses the server named by `DESK_TEST_PG` when it is set (a superuser URL such as
//!   `postgres://postgres@127.0.0.1:5433/postgres`; `.ci/run` starts one with `.ci/pg` and sets it), otherwise
//!   it starts a throwaway cluster of its own, as [`Postgres::start_own`] always does.
//! - An own cluster lives in a temporary directory (or `dir/postgres` for [`Postgres::start_in`]): `initdb` into
//!   `data/`, listening only on 127.0.0.1 on a free port, its unix socket in `run/`, `fsync = off`, the server's log
//!   in `postgres.log`. Dropping it shuts the server down (fast shutdown, then SIGKILL) and waits for it; dropping
//!   a shared one stops nothing and drops the databases this value created.
//!
//! Binaries: `initdb` and `postgres` from the highest `/usr/lib/postgresql/<version>/bin` (Debian's
//! `postgresql` package), else from PATH. Without them (a developer machine) the constructors say so and return
//! `None`, except under CI (`CI` set) where they panic: `.ci/run` installs the package.
//!
//! Users. The server refuses to run as root, so when the tests run as root (CI, containers) `initdb` and the
//! server run as the OS user `postgres` (the package creates it): the cluster directory is chowned to it, and every
//! directory above it must be searchable by others (`/tmp` is). As any other user they run as that user.
//! Roles: `postgres`, the superuser, trusted from 127.0.0.1 and the socket ([`Postgres::url`]); and
//! [`Postgres::user`], a plain role that logs in with [`Postgres::password`] (scram-sha-256;
//! [`Postgres::password_url`]) and owns every database [`Postgres::create_database`] makes.
//!
//! TLS. An own cluster runs with `ssl = on` and a certificate for `localhost` and `127.0.0.1` signed by a
//! throwaway CA made with the openssl CLI; [`Postgres::ca_pem`] is that CA (for a shared server, the file named
//! by `DESK_TEST_PG_CA`, which `.ci/run` sets). Clients may still connect without TLS.
//!
//! Crashes. [`Postgres::kill`] SIGKILLs the postmaster and every server process (as a killed container or
//! machine would: open connections drop at once, nothing is shut down cleanly) and [`Postgres::restart`] starts
//! the server again on the same port and data directory (crash recovery runs) and waits until it answers a query.
//! Only an own cluster can be killed: a test that does must use [`Postgres::start_own`].

mod os;

use os::{
    AsUser, certificates, check_path, free_port, kill_all, pid, run_as, settings, write_owned,
};
use postgres::{Client, NoTls};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::str::FromStr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long a server may take to accept a query after it is started (it usually takes well under a second).
const START_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a fast shutdown may take before the server is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(10);
/// The plain role with a password that [`Postgres::create_database`]'s databases belong to.
const USER: &str = "desk";
const PASSWORD: &str = "desk-test-secret";

/// A PostgreSQL server for one test: an own throwaway cluster, or the shared one of `DESK_TEST_PG`.
pub struct Postgres {
    /// A role that logs in with [`Postgres::password`] over TCP and owns the databases made here.
    pub user: String,
    pub password: String,
    /// The CA certificate (PEM) that signed the server's certificate, when known: always for an own cluster
    /// (unless openssl is missing), `DESK_TEST_PG_CA` for a shared one.
    pub ca_pem: Option<PathBuf>,
    /// The superuser's URL of database `postgres`; the other URLs are made from it.
    base_url: String,
    /// Set for an own cluster; `None` for the shared server of `DESK_TEST_PG`.
    own: Option<Cluster>,
    /// Databases made by [`Postgres::create_database`], dropped at the end on a shared server.
    created: Mutex<Vec<String>>,
}

/// A cluster this value started.
struct Cluster {
    /// The directory holding everything: `data/`, `run/`, `tls/`, `postgres.log`.
    root: PathBuf,
    bin: PathBuf,
    port: u16,
    /// The postmaster, while it runs.
    child: Option<Child>,
    /// The OS user's uid and gid the server runs as, when the tests run as root.
    run_as: Option<(u32, u32)>,
    /// Removed when the value is dropped, after the server has stopped.
    _tmp: Option<tempfile::TempDir>,
}

impl Postgres {
    /// The server of `DESK_TEST_PG` if set, else an own cluster in a temporary directory ([`Postgres::start_own`]).
    pub fn start() -> Option<Postgres> {
        match std::env::var("DESK_TEST_PG") {
            Ok(url) if !url.trim().is_empty() => Some(Postgres::shared(url.trim())),
            _ => Postgres::start_own(),
        }
    }

    /// A throwaway cluster of this test's own in a temporary directory, whatever `DESK_TEST_PG` says; `None`
    /// (outside CI) when PostgreSQL's server binaries are not installed.
    pub fn start_own() -> Option<Postgres> {
        let bin = server_bin()?;
        let tmp = tempfile::Builder::new()
            .prefix("desk-pg")
            .tempdir()
            .expect("a temporary directory for PostgreSQL");
        let root = tmp.path().to_path_buf();
        Some(Postgres::own(root, bin, Some(tmp)))
    }

    /// A throwaway cluster in `dir/postgres` (made afresh: it must not exist yet), left there after the server
    /// stops; `None` (outside CI) when PostgreSQL's server binaries are not installed.
    pub fn start_in(dir: &Path) -> Option<Postgres> {
        let bin = server_bin()?;
        let root = dir.join("postgres");
        assert!(
            !root.exists(),
            "{} exists: a cluster starts from an empty directory",
            root.display()
        );
        std::fs::create_dir_all(&root).expect("the cluster's directory");
        Some(Postgres::own(root, bin, None))
    }

    /// The superuser's URL of database `db` (no password; 127.0.0.1 trusts `postgres`).
    pub fn url(&self, db: &str) -> String {
        with_db(&self.base_url, None, db)
    }

    /// [`Postgres::user`]'s URL of database `db`, with its password (checked with scram-sha-256).
    pub fn password_url(&self, db: &str) -> String {
        with_db(&self.base_url, Some((&self.user, &self.password)), db)
    }

    /// Makes a new, empty database with a name no other test uses, owned by [`Postgres::user`], and returns the
    /// superuser's URL of it ([`database_name`] gives the name back).
    pub fn create_database(&self) -> String {
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "desk_test_{}_{}_{nanos}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        );
        let mut client = self.superuser();
        client
            .batch_execute(&format!("CREATE DATABASE {name} OWNER {}", self.user))
            .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}{}", self.log_note()));
        self.created.lock().expect("created").push(name.clone());
        self.url(&name)
    }

    /// A connection as the superuser to database `postgres`.
    pub fn superuser(&self) -> Client {
        connect(&self.url("postgres"))
            .unwrap_or_else(|e| panic!("connecting to {}: {e}{}", self.base_url, self.log_note()))
    }

    /// The TCP port on 127.0.0.1 of an own cluster; `None` for a shared server.
    pub fn port(&self) -> Option<u16> {
        self.own.as_ref().map(|c| c.port)
    }

    /// The postmaster's pid while an own cluster runs.
    pub fn pid(&self) -> Option<u32> {
        self.own.as_ref()?.child.as_ref().map(Child::id)
    }

    /// The server's log (an own cluster's; empty for a shared server), for a failing test's message.
    pub fn log(&self) -> String {
        match &self.own {
            Some(c) => std::fs::read_to_string(c.root.join("postgres.log")).unwrap_or_default(),
            None => String::new(),
        }
    }

    /// A crash: SIGKILL for the postmaster and every process of the server, which are gone when this returns.
    /// Panics on a shared server (start the test's server with [`Postgres::start_own`]).
    pub fn kill(&mut self) {
        let cluster = self.own.as_mut().expect(
            "Postgres::kill: the server of DESK_TEST_PG is shared by every test; use Postgres::start_own()",
        );
        if let Some(child) = cluster.child.take() {
            kill_all(child);
        }
    }

    /// Starts the server again on the same port and data directory (stopping it first, fast, if it runs) and
    /// waits until it answers a query; after [`Postgres::kill`] that includes crash recovery. Panics on a shared
    /// server.
    pub fn restart(&mut self) {
        let cluster = self.own.as_mut().expect(
            "Postgres::restart: the server of DESK_TEST_PG is shared by every test; use Postgres::start_own()",
        );
        cluster.stop();
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            cluster.spawn(true);
            match cluster.wait_ready(deadline) {
                Ok(()) => return,
                // Processes of the killed server may still hold its shared memory or lock file for a moment.
                Err(e) if Instant::now() < deadline && e.contains("already") => {
                    std::thread::sleep(Duration::from_millis(100))
                }
                Err(e) => panic!("PostgreSQL did not restart: {e}"),
            }
        }
    }

    fn shared(url: &str) -> Postgres {
        let pg = Postgres {
            user: USER.into(),
            password: PASSWORD.into(),
            ca_pem: std::env::var_os("DESK_TEST_PG_CA")
                .filter(|s| !s.is_empty())
                .map(PathBuf::from),
            base_url: with_db(url, None, "postgres"),
            own: None,
            created: Mutex::new(Vec::new()),
        };
        let mut client = connect(&pg.base_url).unwrap_or_else(|e| {
            panic!("DESK_TEST_PG={url}: cannot connect as a superuser to database postgres: {e}")
        });
        ensure_role(&mut client);
        pg
    }

    fn own(root: PathBuf, bin: PathBuf, tmp: Option<tempfile::TempDir>) -> Postgres {
        check_path(&root);
        let run_as = run_as(&root);
        let data = root.join("data");
        let run = root.join("run");
        std::fs::create_dir_all(&run).expect("the socket directory");
        if let Some((uid, gid)) = run_as {
            std::os::unix::fs::chown(&run, Some(uid), Some(gid))
                .expect("chown of the socket directory");
        }
        let initdb = Command::new(bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args(["-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"])
            .args(["--auth-local=trust", "--auth-host=scram-sha-256"])
            .current_dir(&root)
            .as_user(run_as)
            .output()
            .expect("running initdb");
        assert!(
            initdb.status.success(),
            "initdb -D {} failed:\n{}{}",
            data.display(),
            String::from_utf8_lossy(&initdb.stdout),
            String::from_utf8_lossy(&initdb.stderr)
        );
        let openssl = Command::new("openssl")
            .arg("version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        let ca_pem = openssl.then(|| certificates(&root.join("tls"), run_as));
        if !openssl {
            eprintln!("openssl is not installed: PostgreSQL runs without TLS");
        }
        write_owned(
            &data.join("pg_hba.conf"),
            "# Generated by tests/common/postgres.rs.\n\
             local all all trust\n\
             host all postgres 127.0.0.1/32 trust\n\
             host all all 127.0.0.1/32 scram-sha-256\n",
            run_as,
        );
        let mut conf =
            std::fs::read_to_string(data.join("postgresql.conf")).expect("postgresql.conf");
        conf.push_str("\n# tests/common/postgres.rs\ninclude = 'desk-test.conf'\n");
        write_owned(&data.join("postgresql.conf"), &conf, run_as);
        let mut cluster = Cluster {
            root,
            bin,
            port: 0,
            child: None,
            run_as,
            _tmp: tmp,
        };
        // A port freed here could be taken before the server binds it; then the server exits and another is tried.
        for attempt in 0..3 {
            cluster.port = free_port();
            write_owned(
                &data.join("desk-test.conf"),
                &settings(&cluster.root, cluster.port, ca_pem.is_some()),
                run_as,
            );
            cluster.spawn(false);
            match cluster.wait_ready(Instant::now() + START_TIMEOUT) {
                Ok(()) => break,
                Err(e) if attempt < 2 && e.contains("Address already in use") => {
                    eprintln!("postgres: port {} was taken; trying another", cluster.port)
                }
                Err(e) => panic!("PostgreSQL did not start: {e}"),
            }
        }
        let pg = Postgres {
            user: USER.into(),
            password: PASSWORD.into(),
            ca_pem,
            base_url: format!("postgres://postgres@127.0.0.1:{}/postgres", cluster.port),
            own: Some(cluster),
            created: Mutex::new(Vec::new()),
        };
        ensure_role(&mut pg.superuser());
        pg
    }

    /// The log's end, for a panic's message, when there is one.
    fn log_note(&self) -> String {
        match &self.own {
            Some(c) => format!(
                "\n--- {}:\n{}",
                c.root.join("postgres.log").display(),
                self.log()
            ),
            None => String::new(),
        }
    }
}

impl Drop for Postgres {
    /// On a shared server, drops the databases this value made; an own cluster stops as its [`Cluster`] drops.
    fn drop(&mut self) {
        if self.own.is_some() {
            return;
        }
        let names = std::mem::take(&mut *self.created.lock().unwrap_or_else(|e| e.into_inner()));
        if names.is_empty() {
            return;
        }
        if let Ok(mut client) = connect(&self.base_url) {
            for name in names {
                let _ =
                    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

impl Drop for Cluster {
    /// Stops the server (fast shutdown, SIGKILL after 10 s) and waits for it, also when a start failed part way.
    fn drop(&mut self) {
        self.stop();
    }
}

impl Cluster {
    /// Starts the postmaster in the foreground as a child; its log goes to `postgres.log` (appended to when
    /// `append`, else started afresh).
    fn spawn(&mut self, append: bool) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .truncate(false)
            .open(self.root.join("postgres.log"))
            .expect("postgres.log");
        if !append {
            log.set_len(0).expect("truncating postgres.log");
        }
        let child = Command::new(self.bin.join("postgres"))
            .arg("-D")
            .arg(self.root.join("data"))
            .current_dir(&self.root)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("postgres.log"))
            .stderr(log)
            .as_user(self.run_as)
            .spawn()
            .expect("starting postgres");
        self.child = Some(child);
    }

    /// Polls until the server answers `SELECT 1` as the superuser, it exits (an error with its log), or
    /// `deadline` passes.
    fn wait_ready(&mut self, deadline: Instant) -> Result<(), String> {
        let url = format!("postgres://postgres@127.0.0.1:{}/postgres", self.port);
        let log = || std::fs::read_to_string(self.root.join("postgres.log")).unwrap_or_default();
        loop {
            let child = self.child.as_mut().expect("a started server");
            if let Ok(Some(status)) = child.try_wait() {
                self.child = None;
                return Err(format!("postgres exited at start ({status})\n{}", log()));
            }
            let last = match connect(&url).and_then(|mut c| c.simple_query("SELECT 1")) {
                Ok(_) => return Ok(()),
                Err(e) => e.to_string(),
            };
            if Instant::now() > deadline {
                return Err(format!(
                    "postgres did not answer on 127.0.0.1:{} within {START_TIMEOUT:?} (last: {last})\n{}",
                    self.port,
                    log()
                ));
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Fast shutdown (SIGINT: clients are disconnected, the server checkpoints and exits); every process is
    /// killed if it has not exited within [`STOP_TIMEOUT`].
    fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        if let Ok(None) = child.try_wait() {
            let _ = nix::sys::signal::kill(pid(child.id()), nix::sys::signal::Signal::SIGINT);
            let start = Instant::now();
            while start.elapsed() < STOP_TIMEOUT {
                match child.try_wait() {
                    Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                    _ => return,
                }
            }
            eprintln!("postgres: no fast shutdown within {STOP_TIMEOUT:?}; killing it");
        }
        kill_all(child);
    }
}

/// The directory holding `initdb` and `postgres`: the highest `/usr/lib/postgresql/<version>/bin`, else one on
/// PATH; `None` with a note (a panic under CI) when there is none.
fn server_bin() -> Option<PathBuf> {
    let has = |d: &Path| d.join("initdb").is_file() && d.join("postgres").is_file();
    let debian = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let e = e.ok()?;
            let version: Vec<u32> = e
                .file_name()
                .to_str()?
                .split('.')
                .map(|n| n.parse().ok())
                .collect::<Option<_>>()?;
            let bin = e.path().join("bin");
            has(&bin).then_some((version, bin))
        })
        .max()
        .map(|(_, bin)| bin);
    let found = debian.or_else(|| {
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()).find(|d| has(d))
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install PostgreSQL's server (apt-get install postgresql): .ci/run does"
        );
        eprintln!(
            "PostgreSQL's initdb and postgres are not installed (apt-get install postgresql): hub tests not run"
        );
    }
    found
}

/// Makes role [`USER`] with its password if it does not exist; another test making it at the same time is fine.
fn ensure_role(client: &mut Client) {
    let exists = client
        .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&USER])
        .expect("reading pg_roles");
    if exists.is_some() {
        return;
    }
    if let Err(e) = client.batch_execute(&format!("CREATE ROLE {USER} LOGIN PASSWORD '{PASSWORD}'"))
    {
        let raced = e.code().is_some_and(|c| {
            *c == postgres::error::SqlState::DUPLICATE_OBJECT
                || *c == postgres::error::SqlState::UNIQUE_VIOLATION
        });
        assert!(raced, "CREATE ROLE {USER}: {e}");
    }
}

/// A connection without TLS that gives up after 5 s.
fn connect(url: &str) -> Result<Client, postgres::Error> {
    let mut config = postgres::Config::from_str(url)?;
    config.connect_timeout(Duration::from_secs(5));
    config.connect(NoTls)
}

/// The database name of a URL made by [`Postgres::url`] or [`Postgres::create_database`].
pub fn database_name(url: &str) -> String {
    let (_, rest) = url.split_once("://").expect("a postgres:// URL");
    let path = rest.split_once('?').map_or(rest, |(p, _)| p);
    path.split_once('/').map_or("", |(_, db)| db).to_string()
}

/// `url` (`postgres://[user[:password]@]host[:port][/db][?params]`) for database `db`, as `login` (user and
/// password) when given, else as its own user.
fn with_db(url: &str, login: Option<(&str, &str)>, db: &str) -> String {
    let (scheme, rest) = url
        .split_once("://")
        .unwrap_or_else(|| panic!("{url:?} is not a postgres:// URL"));
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, format!("?{q}")),
        None => (rest, String::new()),
    };
    let authority = rest.split_once('/').map_or(rest, |(a, _)| a);
    let (userinfo, host) = match authority.rsplit_once('@') {
        Some((u, h)) => (format!("{u}@"), h),
        None => (String::new(), authority),
    };
    let userinfo = login.map_or(userinfo, |(u, p)| format!("{u}:{p}@"));
    format!("{scheme}://{userinfo}{host}/{db}{query}")
}
