//! `desk customer import`: the summary, each bad row as `FILE:LINE: reason`, and the rejects file.

use super::locale::say;
use super::output::Out;
use crate::store::Store;
use crate::store::csv_import::ImportReport;
use crate::store::csv_rows::ImportKind;
use std::path::{Path, PathBuf};

fn rejects_path(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".into());
    file.with_file_name(format!("{stem}.rejects.csv"))
}

/// The bad rows with the original header, plus the line they were on and why.
fn write_rejects(path: &Path, report: &ImportReport) -> anyhow::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| {
            anyhow::anyhow!(
                "{}",
                say(
                    "usage-csv-rejects-unwritable",
                    &[("path", &path.display()), ("error", &e)],
                )
            )
        })?;
    let mut header = vec!["line".to_string(), "reason".to_string()];
    header.extend(report.header.iter().cloned());
    w.write_record(&header)?;
    for b in &report.rejected {
        let mut rec = vec![b.line.to_string(), b.reason.clone()];
        rec.extend(b.record.iter().cloned());
        w.write_record(&rec)?;
    }
    w.flush()?;
    Ok(())
}

/// What to import from a file and how to read it.
pub struct Rows {
    pub kind: ImportKind,
    pub skip_bad: bool,
    pub rejects: Option<PathBuf>,
    pub encoding: Option<super::text_encoding::TextEncoding>,
}

pub fn import(
    store: &mut Store,
    file: &Path,
    rows: Rows,
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let Rows {
        kind,
        skip_bad,
        rejects,
        encoding,
    } = rows;
    let bytes = std::fs::read(file).map_err(|e| {
        super::UsageError(say(
            "usage-csv-unreadable",
            &[("path", &file.display()), ("error", &e)],
        ))
    })?;
    let text = super::text_encoding::decode(&file.display().to_string(), &bytes, encoding)?;
    drop(bytes);
    // The rows are written in short batches (store::bulk_jobs) and appear together at the end.
    let report = super::output::with_progress(
        super::output::stderr_is_terminal(),
        "{bar:40} {pos}/{len} rows ({per_sec}, {eta} left)",
        |step| {
            store.import_csv_paced(kind, text.as_bytes(), skip_bad, now, &mut |d, t| {
                step(d as u64, t as u64)
            })
        },
    )
    .map_err(|e| match e {
        // The file's fault (its header): a usage error. Anything else is the database's, with its own code.
        crate::store::StoreError::Refused(_) => anyhow::Error::from(super::UsageError(say(
            "usage-csv-refused",
            &[("path", &file.display()), ("problem", &e)],
        ))),
        other => {
            anyhow::Error::from(other).context(format!("{}: nothing was imported", file.display()))
        }
    })?;
    let name = file.display();
    if !report.written {
        for b in &report.rejected {
            super::output::err_line(format_args!("{name}:{}: {}", b.line, b.reason));
        }
        return Err(super::UsageError(say(
            "usage-csv-bad-rows",
            &[("path", &name), ("n", &report.rejected.len())],
        ))
        .into());
    }
    let noun = kind.noun();
    write!(
        out,
        "imported {} {noun}s from {name}: {} new, {} updated, {} unchanged",
        report.created + report.updated + report.unchanged,
        report.created,
        report.updated,
        report.unchanged
    )?;
    if report.rejected.is_empty() {
        writeln!(out)?;
    } else {
        let path = rejects.unwrap_or_else(|| rejects_path(file));
        write_rejects(&path, &report)?;
        writeln!(
            out,
            "; {} bad rows written to {}",
            report.rejected.len(),
            path.display()
        )?;
    }
    Ok(())
}
