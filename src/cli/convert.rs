//! `desk convert --shared | --local`: switch the database file's journal mode for a network share or a local
//! disk (DESIGN.md §4, docs/TEAM.md).

use super::locale::say;
use super::output::Out;
use crate::store::StorageMode;
use crate::store::convert::{ConvertAs, Converted, convert};
use std::path::Path;

#[derive(Debug, Clone, clap::Args)]
#[group(required = true, multiple = false)]
pub struct ConvertArgs {
    /// Rollback journal, for a file on a network share (shared mode)
    #[arg(long)]
    pub shared: bool,
    /// WAL, for a file on a local disk (local mode)
    #[arg(long)]
    pub local: bool,
}

/// Converts `db` and says what it did; `opened_as` is the mode desk resolves for `db` here, for a hint when the
/// two disagree (local mode turns a converted file back to WAL, shared mode refuses a WAL file).
pub fn run(
    db: &Path,
    args: &ConvertArgs,
    opened_as: StorageMode,
    actor: Option<&str>,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let to = if args.shared {
        StorageMode::Shared
    } else {
        StorageMode::Local
    };
    let outcome = convert(db, to, ConvertAs::Agent(actor))?;
    let shown = db.display();
    let key = match (to, outcome) {
        (StorageMode::Shared, Converted::Switched) => "said-convert-to-shared",
        (StorageMode::Shared, Converted::AlreadyThere) => "said-convert-already-shared",
        (StorageMode::Local, Converted::Switched) => "said-convert-to-local",
        (StorageMode::Local, Converted::AlreadyThere) => "said-convert-already-local",
    };
    writeln!(out, "{}", say(key, &[("path", &shown)]))?;
    let note = match (to, opened_as) {
        (StorageMode::Shared, StorageMode::Local) => Some("said-convert-opens-local"),
        (StorageMode::Local, StorageMode::Shared) => Some("said-convert-opens-shared"),
        _ => None,
    };
    if let Some(key) = note {
        writeln!(out, "{}", say(key, &[("path", &shown)]))?;
    }
    Ok(())
}
