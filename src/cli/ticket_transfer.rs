//! `desk ticket export` and `desk ticket import`: whole tickets as JSON lines, out and back in.

use anyhow::{Context, Result};
use clap::Args;
use std::io::BufRead;
use std::path::PathBuf;

use super::UsageError;
use super::locale::say;
use super::output::Out;
use super::ticket::{for_each_page, view_filter};
use crate::domain::ticket_record::TicketRecord;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A view: all (default), all-open, unassigned, … or one from config
    #[arg(long, default_value = "all")]
    pub view: String,
    /// Narrow it with the view language, e.g. 'created:>=2026-01-01 channel:email'
    #[arg(long)]
    pub filter: Option<String>,
    /// JSON lines, one ticket a line (the format `ticket import` reads)
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// Report bad lines on standard error and import the good ones (default: nothing unless every line is good)
    #[arg(long)]
    pub skip_bad: bool,
}

pub fn export(
    store: &Store,
    views: &[crate::domain::view::View],
    me: Option<&str>,
    a: &ExportArgs,
    now: i64,
    out: &mut Out<'_>,
) -> Result<()> {
    let filter = view_filter(store, views, &a.view, a.filter.as_deref(), now)?;
    for_each_page(
        0,
        |req, n| store.ticket_page(&filter, me, req, n),
        |rows| {
            for row in rows {
                if let Some(record) = store.ticket_record(row.number)? {
                    serde_json::to_writer(out.json(), &record)?;
                    writeln!(out)?;
                }
            }
            Ok(())
        },
    )
}

pub fn import(store: &mut Store, a: &ImportArgs, now: i64, out: &mut Out<'_>) -> Result<()> {
    let name = a.file.display().to_string();
    // First pass: check every line, keep none (a large file is read twice rather than held).
    let (mut good, mut bad) = (0usize, Vec::new());
    for (place, line) in lines(&a.file, &name)? {
        match TicketRecord::parse(&line?) {
            Ok(_) => good += 1,
            Err(e) => bad.push(format!("{place}: {e}")),
        }
    }
    for b in &bad {
        super::output::err_line(format_args!("{b}"));
    }
    if !bad.is_empty() && !a.skip_bad {
        return Err(UsageError(say(
            "usage-ticket-import-bad-lines",
            &[("n", &bad.len()), ("good", &good)],
        ))
        .into());
    }
    // Second pass: the good records, written in one transaction.
    let records = || {
        lines(&a.file, &name)
            .into_iter()
            .flatten()
            .map_while(|(place, line)| line.ok().map(|l| (place, l)))
            .filter_map(|(place, line)| TicketRecord::parse(&line).ok().map(|r| (place, r)))
    };
    let done = store.import_tickets(records, good, now)?;
    writeln!(
        out,
        "{} tickets imported, {} already in desk{}",
        done.created,
        done.skipped,
        if bad.is_empty() {
            String::new()
        } else {
            format!(", {} bad lines skipped", bad.len())
        }
    )?;
    Ok(())
}

/// The file's non-empty lines with their `FILE:LINE`.
fn lines(
    path: &std::path::Path,
    name: &str,
) -> Result<impl Iterator<Item = (String, Result<String>)> + use<>> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?;
    let name = name.to_string();
    Ok(std::io::BufReader::new(file)
        .lines()
        .enumerate()
        .map(move |(i, l)| {
            let place = format!("{name}:{}", i + 1);
            let l = l.with_context(|| format!("{place}: cannot read the line (UTF-8 JSON lines)"));
            (place, l)
        })
        .filter(|(_, l)| l.as_ref().is_ok_and(|l| !l.trim().is_empty()) || l.is_err()))
}
