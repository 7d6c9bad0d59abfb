//! `$VISUAL` / `$EDITOR` for long text: the terminal is handed over (raw mode off, main screen) and taken back.

use std::io::Write;
use std::path::PathBuf;
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
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let path: PathBuf =
        std::env::temp_dir().join(format!("desk-{}-{nanos}.md", std::process::id()));
    let result = (|| -> std::io::Result<Option<String>> {
        let mut f = std::fs::File::create(&path)?;
        f.write_all(template.as_bytes())?;
        drop(f);
        let cmd = editor_command();
        let Some((program, args)) = cmd.split_first() else {
            return Ok(None);
        };
        let status = Command::new(program).args(args).arg(&path).status()?;
        if !status.success() {
            tracing::warn!("editor {program} exited with {status}");
            return Ok(None);
        }
        Ok(Some(std::fs::read_to_string(&path)?))
    })();
    let _ = std::fs::remove_file(&path);
    match result {
        Ok(text) => text,
        Err(e) => {
            tracing::warn!("running the editor failed: {e}");
            None
        }
    }
}
