//! [`Effect::Open`](crate::app::Effect::Open) carried out: the attachment is written to a private folder that
//! lives as long as desk runs (0700, removed on exit), as a new file readable by this user only (0600) that never
//! replaces another, and handed to the system opener — `$DESK_OPENER`, else `xdg-open` / `open` / `cmd /c start` —
//! detached from the terminal (no stdin, stdout or stderr, its own process group), without waiting for it.

use crate::app::msg::{OpenOutcome, Opened};
use crate::domain::attachment::{cmd_safe_name, numbered_name};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// An opener that exits unsuccessfully this soon failed to open the file (no program for the type, no display);
/// a later exit is the viewer closing, whatever it says.
const FAILS_WITHIN: Duration = Duration::from_secs(10);

/// The opener command: `$DESK_OPENER` (may carry arguments, `open -a Preview`) when set, else the platform's.
pub fn opener_command(desk_opener: Option<&str>) -> Vec<String> {
    if let Some(spec) = desk_opener.filter(|s| !s.trim().is_empty()) {
        return spec.split_whitespace().map(String::from).collect();
    }
    let platform: &[&str] = if cfg!(windows) {
        // `start`'s first quoted argument is a window title: an empty one keeps the file name from being taken
        // for it.
        &["cmd", "/c", "start", ""]
    } else if cfg!(target_os = "macos") {
        &["open"]
    } else {
        &["xdg-open"]
    };
    platform.iter().map(|s| s.to_string()).collect()
}

/// The opener as configured for this process.
pub fn opener_from_env() -> Vec<String> {
    opener_command(std::env::var("DESK_OPENER").ok().as_deref())
}

/// A new private folder for this run's opened attachments; removed when the returned value is dropped.
pub fn private_dir() -> std::io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("desk-attachments-");
    // Made 0700 as it is created: other users cannot list or read what was opened.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o700));
    }
    builder.tempdir()
}

/// Writes `bytes` into `dir` as a new file named `name` — `name (2)`, `name (3)` … when that is taken — readable
/// and writable by this user only, and returns its path. Nothing is ever overwritten.
pub fn save_new(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let mut n = 1;
    loop {
        let path = dir.join(numbered_name(name, n));
        match create_private(&path) {
            Ok(mut f) => {
                f.write_all(bytes)?;
                f.flush()?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Starts `opener` on `path` detached from the terminal: it cannot read keys or draw over desk, and a signal to
/// desk's process group does not reach it.
pub fn launch(opener: &[String], path: &Path) -> std::io::Result<std::process::Child> {
    let Some((program, args)) = opener.split_first() else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "no opener command",
        ));
    };
    let mut cmd = Command::new(program);
    cmd.args(args)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    cmd.spawn()
}

/// Saves the file and, unless `refuse` says why not, opens it; `report` gets the outcome at once and, if the
/// opener then fails quickly, a second outcome saying so. Blocks until the opener exits (run it on its own
/// thread): that is what reaps the opener's process.
pub fn save_and_open(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    refuse: Option<String>,
    opener: &[String],
    report: &mut dyn FnMut(Opened),
) {
    let mut say = |outcome: OpenOutcome| {
        // desk.log keeps the whole path, however narrow the toast.
        match &outcome {
            OpenOutcome::Launched { .. } => tracing::info!("attachment {name}: {outcome:?}"),
            _ => tracing::warn!("attachment {name}: {outcome:?}"),
        }
        report(Opened {
            name: name.to_string(),
            outcome,
        })
    };
    // cmd re-reads the command line: the copy it gets has a name that means nothing to it but a file.
    let cmd_name;
    let name_on_disk = if opener.first().is_some_and(|p| is_cmd(p)) {
        cmd_name = cmd_safe_name(name);
        cmd_name.as_str()
    } else {
        name
    };
    let path = match save_new(dir, name_on_disk, bytes) {
        Ok(p) => p,
        Err(e) => return say(OpenOutcome::NotSaved { reason: reason(&e) }),
    };
    let shown = path.display().to_string();
    if let Some(why) = refuse {
        return say(OpenOutcome::Kept { path: shown, why });
    }
    let program = opener.join(" ");
    let started = Instant::now();
    let mut child = match launch(opener, &path) {
        Ok(c) => c,
        Err(e) => {
            return say(OpenOutcome::OpenerFailed {
                opener: program,
                path: shown,
                reason: reason(&e),
            });
        }
    };
    say(OpenOutcome::Launched {
        opener: program.clone(),
        path: shown.clone(),
    });
    match child.wait() {
        Ok(status) if !status.success() && started.elapsed() < FAILS_WITHIN => {
            say(OpenOutcome::OpenerFailed {
                opener: program,
                path: shown,
                reason: format!("it exited with {status}"),
            })
        }
        Ok(_) => {}
        Err(e) => tracing::warn!("waiting for the opener `{program}`: {e}"),
    }
}

/// Whether the opener's program is Windows' command interpreter (`cmd`, `cmd.exe`, a path to it).
fn is_cmd(program: &str) -> bool {
    let file = program.rsplit(['/', '\\']).next().unwrap_or(program);
    file.eq_ignore_ascii_case("cmd") || file.eq_ignore_ascii_case("cmd.exe")
}

/// An OS error without its number: `No such file or directory`.
fn reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.split_once(" (os error") {
        Some((reason, _)) => reason.to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn desk_opener_wins_and_may_carry_arguments() {
        assert_eq!(
            opener_command(Some("open -a Preview")),
            ["open", "-a", "Preview"]
        );
        let platform = opener_command(None);
        assert_eq!(opener_command(Some("  ")), platform);
        #[cfg(target_os = "linux")]
        assert_eq!(platform, ["xdg-open"]);
    }

    #[test]
    fn a_copy_for_cmd_has_no_command_characters_in_its_name() {
        assert!(is_cmd("cmd") && is_cmd("C:\\Windows\\System32\\CMD.EXE") && !is_cmd("xdg-open"));
        let dir = tempfile::tempdir().unwrap();
        let mut got = Vec::new();
        let cmd = ["cmd".into(), "/c".into(), "start".into(), "".into()];
        // Kept, so nothing is launched here: only the name is looked at.
        save_and_open(
            dir.path(),
            "a&calc.pdf",
            b"x",
            Some("test".into()),
            &cmd,
            &mut |o| got.push(o),
        );
        let [
            Opened {
                outcome: OpenOutcome::Kept { path, .. },
                ..
            },
        ] = got.as_slice()
        else {
            panic!("{got:?}");
        };
        assert!(path.ends_with("a_calc.pdf"), "{path}");
    }

    #[test]
    fn a_saved_copy_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = save_new(dir.path(), "r.pdf", b"one").unwrap();
        let b = save_new(dir.path(), "r.pdf", b"two").unwrap();
        assert_eq!(a.file_name().unwrap(), "r.pdf");
        assert_eq!(b.file_name().unwrap(), "r (2).pdf");
        assert_eq!(std::fs::read(&a).unwrap(), b"one");
        assert_eq!(std::fs::read(&b).unwrap(), b"two");
    }

    #[test]
    fn a_missing_opener_is_named_with_the_saved_path() {
        let dir = tempfile::tempdir().unwrap();
        let mut got = Vec::new();
        save_and_open(
            dir.path(),
            "a.txt",
            b"x",
            None,
            &["desk-no-such-opener".into()],
            &mut |o| got.push(o),
        );
        let [
            Opened {
                outcome:
                    OpenOutcome::OpenerFailed {
                        opener,
                        path,
                        reason,
                    },
                ..
            },
        ] = got.as_slice()
        else {
            panic!("{got:?}");
        };
        assert_eq!(opener, "desk-no-such-opener");
        assert!(path.ends_with("a.txt"), "{path}");
        assert!(reason.contains("No such file"), "{reason}");
        assert_eq!(std::fs::read(path).unwrap(), b"x");
    }
}
