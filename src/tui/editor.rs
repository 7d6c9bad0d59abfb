//! `$VISUAL` / `$EDITOR` for long text: the terminal is handed over (raw mode off, main screen) and taken back. An
//! editor that cannot run is named in the error, with the variable it came from.

use std::io::Write;
use std::process::Command;

/// The editor command and where it came from: `$VISUAL`, then `$EDITOR`, then `vi`. May carry arguments
/// (`code -w`).
pub fn editor_command() -> (Vec<String>, &'static str) {
    for var in ["VISUAL", "EDITOR"] {
        if let Some(spec) = std::env::var(var).ok().filter(|v| !v.trim().is_empty()) {
            return (spec.split_whitespace().map(String::from).collect(), var);
        }
    }
    (vec!["vi".to_string()], "")
}

/// Why no text came back from the editor, naming the editor and where desk found it.
#[derive(Debug, thiserror::Error)]
pub enum EditorError {
    #[error("could not start the editor `{program}` ({from}): {reason}; set $VISUAL or $EDITOR")]
    Start {
        program: String,
        /// `$EDITOR`, `$VISUAL`, or that neither is set.
        from: String,
        reason: String,
    },
    #[error("the editor `{program}` exited with {status}; nothing was kept")]
    Failed { program: String, status: String },
    #[error("the editor's file {path}: {reason}")]
    File { path: String, reason: String },
}

/// An OS error without its number: `No such file or directory`.
fn reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.split_once(" (os error") {
        Some((reason, _)) => reason.to_string(),
        None => text,
    }
}

/// Writes `template` to a temporary file, runs the editor on it and returns what was saved; the file is removed
/// either way.
pub fn edit(template: &str) -> Result<String, EditorError> {
    let file_error = |path: &std::path::Path| {
        let path = path.display().to_string();
        move |e: std::io::Error| EditorError::File {
            path,
            reason: reason(&e),
        }
    };
    let path = template_file(template).map_err(file_error(&std::env::temp_dir()))?;
    let (cmd, var) = editor_command();
    run(&cmd, var, &path)?;
    std::fs::read_to_string(&*path).map_err(file_error(&path))
}

/// Runs editor `cmd` (from `$var`) on `path` and waits for it.
fn run(cmd: &[String], var: &str, path: &std::path::Path) -> Result<(), EditorError> {
    let (program, args) = match cmd.split_first() {
        Some((program, args)) => (program.as_str(), args),
        None => ("vi", &[] as &[String]),
    };
    let status = Command::new(program)
        .args(args)
        .arg(path)
        .status()
        .map_err(|e| EditorError::Start {
            program: program.to_string(),
            from: if var.is_empty() {
                "neither $VISUAL nor $EDITOR is set".to_string()
            } else {
                format!("${var}")
            },
            reason: reason(&e),
        })?;
    if !status.success() {
        return Err(EditorError::Failed {
            program: program.to_string(),
            status: status.to_string(),
        });
    }
    Ok(())
}

/// A new file holding `template` for the editor: `desk-XXXXXX.md` in the temp directory with a random name
/// (another user cannot guess it and plant a link there first), created exclusively and readable only by this
/// user (0600 on unix). The handle is closed so any editor can save over it; the file is removed when the
/// returned path is dropped.
fn template_file(template: &str) -> std::io::Result<tempfile::TempPath> {
    let mut file = tempfile::Builder::new()
        .prefix("desk-")
        .suffix(".md")
        .tempfile()?;
    file.write_all(template.as_bytes())?;
    file.flush()?;
    Ok(file.into_temp_path())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn an_editor_that_cannot_start_is_named_with_where_it_came_from() {
        let path = template_file("x").unwrap();
        let e = run(
            &["desk-no-such-editor".into(), "-w".into()],
            "EDITOR",
            &path,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "could not start the editor `desk-no-such-editor` ($EDITOR): No such file or directory; \
             set $VISUAL or $EDITOR"
        );
        let e = run(&["desk-no-such-vi".into()], "", &path).unwrap_err();
        assert!(
            e.to_string()
                .contains("`desk-no-such-vi` (neither $VISUAL nor $EDITOR is set)"),
            "{e}"
        );
        let e = run(&["false".into()], "VISUAL", &path).unwrap_err();
        assert!(
            e.to_string().starts_with("the editor `false` exited with"),
            "{e}"
        );
        assert!(run(&["true".into()], "VISUAL", &path).is_ok());
    }

    #[test]
    fn template_files_are_private_unpredictable_and_removed() {
        let a = template_file("您好，\n").unwrap();
        let b = template_file("").unwrap();
        assert_eq!(std::fs::read_to_string(&*a).unwrap(), "您好，\n");
        let mode = std::fs::metadata(&*a).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        assert_ne!(a.to_path_buf(), b.to_path_buf());
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("desk-") && name.ends_with(".md"), "{name}");
        assert!(!name.contains(&std::process::id().to_string()), "{name}");
        let path = a.to_path_buf();
        drop(a);
        assert!(!path.exists());
    }
}
