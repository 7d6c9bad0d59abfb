//! Mail stored as files, for `desk mail import`: a Maildir (`cur/` and `new/`), an mbox file, one `.eml` file or
//! a folder of them. Messages are handed over one at a time (nothing holds a whole mailbox), oldest first, so an
//! answer is ingested after the message it answers and threads onto its ticket.

use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Mail larger than this is not read (a mail server's usual limit is 25–50 MB).
pub const MAX_MAIL_BYTES: u64 = 64 * 1024 * 1024;

/// What kind of mail store a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailStore {
    Maildir,
    Mbox,
    EmlFile,
    EmlFolder,
}

impl MailStore {
    /// Tells a path's kind: a folder with `cur/` and `new/` is a Maildir, a file that starts with `From ` is an mbox.
    pub fn of(path: &Path) -> Result<MailStore> {
        let meta = std::fs::metadata(path)
            .with_context(|| format!("cannot read {}: check the path", path.display()))?;
        if meta.is_dir() {
            if path.join("cur").is_dir() && path.join("new").is_dir() {
                return Ok(MailStore::Maildir);
            }
            return Ok(MailStore::EmlFolder);
        }
        let mut head = [0u8; 5];
        let mut f =
            std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let n = f
            .read(&mut head)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Ok(if head.get(..n) == Some(b"From ".as_slice()) {
            MailStore::Mbox
        } else {
            MailStore::EmlFile
        })
    }
}

/// Calls `each(label, bytes)` for every message under `path`, oldest first; `label` says where it is
/// (`FILE` or `MBOX:N`) for error lines. Stops at the first error `each` returns.
pub fn for_each_mail(
    path: &Path,
    mut each: impl FnMut(&str, &[u8]) -> Result<()>,
) -> Result<MailStore> {
    let kind = MailStore::of(path)?;
    match kind {
        MailStore::Mbox => {
            let file = std::fs::File::open(path)
                .with_context(|| format!("cannot open {}", path.display()))?;
            let messages = mail_parser::mailbox::mbox::MessageIterator::new(BufReader::new(file));
            for (i, m) in messages.enumerate() {
                let label = format!("{}:{}", path.display(), i + 1);
                let m = m.with_context(|| format!("cannot read {label}"))?;
                each(&label, m.contents())?;
            }
        }
        MailStore::EmlFile => each(&path.display().to_string(), &read_mail(path)?)?,
        MailStore::Maildir | MailStore::EmlFolder => {
            let dirs = if kind == MailStore::Maildir {
                vec![path.join("cur"), path.join("new")]
            } else {
                vec![path.to_path_buf()]
            };
            for (_, file) in oldest_first(&dirs)? {
                each(&file.display().to_string(), &read_mail(&file)?)?;
            }
        }
    }
    Ok(kind)
}

fn read_mail(path: &Path) -> Result<Vec<u8>> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut bytes = Vec::new();
    f.take(MAX_MAIL_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > MAX_MAIL_BYTES {
        bail!(
            "{} is larger than {} MB: not a mail desk will read",
            path.display(),
            MAX_MAIL_BYTES / (1024 * 1024)
        );
    }
    Ok(bytes)
}

/// The regular files in `dirs` (hidden ones and Maildir's `tmp` left out) by their Date header, then name.
fn oldest_first(dirs: &[PathBuf]) -> Result<Vec<(i64, PathBuf)>> {
    let mut files = Vec::new();
    for dir in dirs {
        let entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
        for e in entries {
            let e = e.with_context(|| format!("cannot list {}", dir.display()))?;
            let name = e.file_name();
            if name.to_string_lossy().starts_with('.') || !e.file_type().is_ok_and(|t| t.is_file())
            {
                continue;
            }
            let p = e.path();
            files.push((date_of(&p), p));
        }
    }
    files.sort();
    Ok(files)
}

/// A mail's Date header as unix seconds, read from its header block only; 0 when it has none.
fn date_of(path: &Path) -> i64 {
    let Ok(f) = std::fs::File::open(path) else {
        return 0;
    };
    let mut head = Vec::new();
    let mut r = BufReader::new(f.take(256 * 1024));
    let mut line = Vec::new();
    while r.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
        let blank = line.iter().all(|b| b.is_ascii_whitespace());
        head.append(&mut line);
        if blank {
            break;
        }
    }
    mail_parser::MessageParser::default()
        .parse_headers(&head)
        .and_then(|m| m.date().map(|d| d.to_timestamp()))
        .unwrap_or(0)
}

/// Writes `bytes` to a file that must not exist yet (a saved attachment never replaces anything).
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
