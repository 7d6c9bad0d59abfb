//! A real SMTP server for tests: aiosmtpd (Python's asyncio SMTP server, from the package index), started on a
//! free loopback port and stopped when dropped, storing what it receives in a Maildir. `.ci/run` installs it;
//! without it (a developer machine) `smtp` says so and returns None, except under CI where it fails.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Smtp {
    child: Child,
    pub port: u16,
    pub maildir: PathBuf,
    // One server at a time: two tests picking the same free port would share (and then lose) one server.
    _serial: std::sync::MutexGuard<'static, ()>,
}

static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running aiosmtpd, or `None` (with a note) where it is not installed and this is not CI.
pub fn smtp(dir: &Path) -> Option<Smtp> {
    let have = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .status()
        .is_ok_and(|s| s.success());
    if !have {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install aiosmtpd (pip install aiosmtpd): .ci/run does"
        );
        eprintln!("aiosmtpd is not installed (pip install aiosmtpd): mail-out tests not run");
        return None;
    }
    let serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let maildir = dir.join("delivered");
    let port = free_port();
    let child = Command::new("python3")
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
        .args(["-c", "aiosmtpd.handlers.Mailbox", maildir.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut smtp = Smtp {
        child,
        port,
        maildir,
        _serial: serial,
    };
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "aiosmtpd did not start on port {port}"
        );
        assert!(
            smtp.child.try_wait().unwrap().is_none(),
            "aiosmtpd exited: port {port} taken?"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(smtp)
}
