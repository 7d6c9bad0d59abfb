//! Output for people (aligned tables, CJK-aware) and for pipes (JSON, CSV).

use crate::domain::text::{fit, width};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

/// `--limit` and `--format`, shared by every list command.
#[derive(Debug, Clone, clap::Args)]
pub struct ListArgs {
    /// At most this many rows (0 = all, streamed page by page)
    #[arg(long, default_value_t = 50, allow_negative_numbers = true, value_parser = row_count)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

/// `--limit N`: a whole number of rows, said plainly when it is not one (`-3` reads as a value, not a flag).
pub fn row_count(s: &str) -> Result<usize, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number of rows (a whole number, 0 or more)"))
}

/// A ticket number as a cell: `#1042` in a table, a bare `1042` in CSV, so spreadsheets and scripts read a number.
pub fn number_cell(n: i64, format: ListFormat) -> String {
    match format {
        ListFormat::Csv => n.to_string(),
        ListFormat::Table | ListFormat::Json => format!("#{n}"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

/// Writes a list as it is fetched, page by page, so `--limit 0` on a million tickets never holds them all.
/// Table column widths come from the first page.
pub struct Sink<'w, W: Write> {
    out: &'w mut W,
    format: ListFormat,
    header: &'static [&'static str],
    widths: Option<Vec<usize>>,
    written: usize,
    /// The CSV header is out (an empty first page must not write it twice).
    csv_started: bool,
}

impl<'w, W: Write> Sink<'w, W> {
    pub fn new(out: &'w mut W, format: ListFormat, header: &'static [&'static str]) -> Self {
        Sink {
            out,
            format,
            header,
            widths: None,
            written: 0,
            csv_started: false,
        }
    }

    /// Writes one page. `json` serialises a row (as a closure so row views may borrow from the row).
    pub fn batch<T>(
        &mut self,
        rows: &[T],
        cells: impl Fn(&T) -> Vec<String>,
        json: impl Fn(&T, &mut dyn Write) -> serde_json::Result<()>,
    ) -> anyhow::Result<()> {
        match self.format {
            ListFormat::Json => {
                for r in rows {
                    let sep = if self.written == 0 { "[\n  " } else { ",\n  " };
                    write!(self.out, "{sep}")?;
                    json(r, &mut *self.out)?;
                    self.written += 1;
                }
            }
            ListFormat::Csv => {
                let mut w = ::csv::Writer::from_writer(&mut *self.out);
                if !self.csv_started {
                    w.write_record(self.header)?;
                    self.csv_started = true;
                }
                for r in rows {
                    w.write_record(cells(r))?;
                    self.written += 1;
                }
                w.flush()?;
            }
            ListFormat::Table => {
                let cells: Vec<Vec<String>> = rows.iter().map(&cells).collect();
                if self.widths.is_none() {
                    let mut widths: Vec<usize> = self.header.iter().map(|h| width(h)).collect();
                    for r in &cells {
                        for (i, c) in r.iter().enumerate().take(widths.len()) {
                            widths[i] = widths[i].max(width(c)).min(60);
                        }
                    }
                    let head: Vec<String> = self.header.iter().map(|h| h.to_uppercase()).collect();
                    writeln!(self.out, "{}", table_line(&widths, &head))?;
                    self.widths = Some(widths);
                }
                let widths = self.widths.as_deref().unwrap_or_default();
                for r in &cells {
                    writeln!(self.out, "{}", table_line(widths, r))?;
                }
                self.written += rows.len();
            }
        }
        Ok(())
    }

    /// Closes the output (the JSON array) and returns how many rows were written.
    pub fn finish(self) -> anyhow::Result<usize> {
        match self.format {
            ListFormat::Json if self.written == 0 => writeln!(self.out, "[]")?,
            ListFormat::Json => writeln!(self.out, "\n]")?,
            ListFormat::Csv if !self.csv_started => {
                writeln!(self.out, "{}", self.header.join(","))?
            }
            _ => {}
        }
        Ok(self.written)
    }
}

fn table_line(widths: &[usize], cells: &[String]) -> String {
    let mut s = String::new();
    for (i, cell) in cells.iter().enumerate().take(widths.len()) {
        if i + 1 == widths.len() {
            s.push_str(&crate::domain::text::truncate(cell, 80));
        } else {
            s.push_str(&fit(cell, widths[i]));
            s.push_str("  ");
        }
    }
    s.trim_end().to_string()
}

/// Unix seconds as RFC 3339 UTC, the form JSON and CSV carry.
pub fn rfc3339(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// Unix seconds as local-looking text for tables.
pub fn short_date(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0)
        .map(|d| {
            d.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// Runs `work` with a progress callback `(done, total)` that drives a bar on stderr (`template` in indicatif's
/// syntax) when `show`, cleared when the work ends; without `show` the callback does nothing.
pub fn with_progress<T>(
    show: bool,
    template: &str,
    work: impl FnOnce(&mut dyn FnMut(u64, u64)) -> T,
) -> T {
    let bar = show.then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let out = work(&mut |done, total| {
        if let Some(b) = &bar {
            b.set_length(total);
            b.set_position(done);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    out
}
