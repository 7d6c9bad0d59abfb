//! `desk convert --shared | --local`: switch the database file's journal mode for a network share or a local
//! disk (DESIGN.md §4, docs/TEAM.md).

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
    match (to, outcome) {
        (StorageMode::Shared, Converted::Switched) => writeln!(
            out,
            "{shown}: switched from WAL to a rollback journal (journal_mode=delete); it is ready for shared mode"
        )?,
        (StorageMode::Shared, Converted::AlreadyThere) => writeln!(
            out,
            "{shown} already uses a rollback journal (shared mode); nothing was changed"
        )?,
        (StorageMode::Local, Converted::Switched) => writeln!(
            out,
            "{shown}: switched from a rollback journal to WAL (journal_mode=wal); keep it on a local disk"
        )?,
        (StorageMode::Local, Converted::AlreadyThere) => writeln!(
            out,
            "{shown} already uses WAL (local mode); nothing was changed"
        )?,
    }
    match (to, opened_as) {
        (StorageMode::Shared, StorageMode::Local) => writeln!(
            out,
            "note: desk opens {shown} in local mode from here (no network share detected, or [storage] mode = \
             \"local\"), which switches it back to WAL; move it to the share, or set [storage] mode = \"shared\""
        )?,
        (StorageMode::Local, StorageMode::Shared) => writeln!(
            out,
            "note: desk opens {shown} in shared mode from here (a network share, or [storage] mode = \"shared\"), \
             which refuses a WAL file; move it to a local disk, or set [storage] mode = \"local\""
        )?,
        _ => {}
    }
    Ok(())
}
