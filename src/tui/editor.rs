//! `$VISUAL` / `$EDITOR` for long text: the terminal is handed over (raw mode off, main screen) and taken back.

use std::io::Write;
use std::process::Command;

/// The editor command: `$VISUAL`, then `$EDITOR`, then `vi`. May carry arguments (`code -w`).
pub fn editor_command() -> Vec<String> {
    let spec = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    spec.split_whitespace().map(String::from).collect()
}

/// Writes `template` to a temporary file, runs the editor on it and returns what was saved. `None` when the
/// editor could not be started or failed; the file is removed either way.
pub fn edit(template: &str) -> Option<String> {
    let result = (|| -> std::io::Result<Option<String>> {
        let path = template_file(template)?;
        let cmd = editor_command();
        let Some((program, args)) = cmd.split_first() else {
            return Ok(None);
        };
        let status = Command::new(program).args(args).arg(&*path).status()?;
        if !status.success() {
            tracing::warn!("editor {program} exited with {status}");
            return Ok(None);
        }
        Ok(Some(std::fs::read_to_string(&*path)?))
    })();
    match result {
        Ok(text) => text,
        Err(e) => {
            tracing::warn!("running the editor failed: {e}");
            None
        }
    }
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
