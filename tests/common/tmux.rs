//! A real terminal for end-to-end tests: a detached tmux session of a fixed size, keys sent with `send-keys`,
//! the screen read with `capture-pane`, and waiting done by polling the screen (never by sleeping blind).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The environment of a newcomer's first start: a fresh home and XDG directories, user `li`, a plain prompt,
/// an English locale.
pub fn clean_env(home: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("HOME", home.display().to_string()),
        ("XDG_DATA_HOME", home.join("data").display().to_string()),
        ("XDG_CONFIG_HOME", home.join("config").display().to_string()),
        ("XDG_STATE_HOME", home.join("state").display().to_string()),
        ("USER", "li".to_string()),
        ("TERM", "xterm-256color".to_string()),
        ("PS1", "$ ".to_string()),
        // English unless a test asks otherwise, whatever locale the machine running the tests has.
        ("LC_ALL", String::new()),
        ("LC_MESSAGES", String::new()),
        ("LANG", "C.UTF-8".to_string()),
    ]
}

pub struct Tmux {
    pub name: String,
    socket: String,
}

const POLL: Duration = Duration::from_millis(50);
/// How long a wait may take before the test fails. Waits poll and return as soon as the screen matches, so this
/// only bounds a failure; it is generous because CI runs the tmux tests beside compiles and other test binaries
/// on two cores, where a release start-up plus a first query has been seen to take over 20 s.
pub const TIMEOUT: Duration = Duration::from_secs(60);

impl Tmux {
    /// Starts an interactive shell in a new session of `width`×`height` with `env` set, in `dir`.
    pub fn start(name: &str, width: u16, height: u16, dir: &Path, env: &[(&str, String)]) -> Tmux {
        let socket = format!("desk-test-{name}-{}", std::process::id());
        let t = Tmux {
            name: name.to_string(),
            socket,
        };
        let mut cmd = t.cmd();
        cmd.args([
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
        cmd.args(["-c", &dir.display().to_string()]);
        for (k, v) in env {
            cmd.args(["-e", &format!("{k}={v}")]);
        }
        cmd.args(["bash", "--norc", "--noprofile", "-i"]);
        let out = cmd
            .output()
            .expect("tmux must be installed for end-to-end tests (.ci/run installs it)");
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t.run(&["set-option", "-t", name, "status", "off"]);
        t
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("running tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Types literal text (no key-name interpretation).
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", &self.name, "-l", text]);
    }

    /// Sends tmux key names: `Enter`, `Escape`, `Tab`, `C-d`, `j`.
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", self.name.as_str()];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", &self.name])
    }

    /// Whether the pane is showing the alternate screen (a full-screen program is running).
    pub fn alternate_on(&self) -> bool {
        self.run(&["display-message", "-p", "-t", &self.name, "#{alternate_on}"])
            .trim()
            == "1"
    }

    /// Polls until `pred` holds for the screen; panics with the last screen after `TIMEOUT`.
    pub fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; screen was:\n{screen}");
            }
            std::thread::sleep(POLL);
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("`{text}`"), |s| s.contains(text))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().args(["kill-server"]).output();
    }
}

/// desk on database `db` in a new 120×40 session `name`, as OS user `user` with `editor` as EDITOR and VISUAL.
pub fn desk_as_agent(name: &str, user: &str, home: &Path, db: &str, editor: &str) -> Tmux {
    let mut env = clean_env(home);
    for (k, v) in env.iter_mut() {
        if *k == "USER" {
            *v = user.to_string();
        }
    }
    env.push(("EDITOR", editor.to_string()));
    env.push(("VISUAL", editor.to_string()));
    let t = Tmux::start(name, 120, 40, home, &env);
    t.type_text(&format!("{} --db {db}", env!("CARGO_BIN_EXE_desk")));
    t.keys(&["Enter"]);
    t
}
