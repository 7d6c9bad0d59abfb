//! Output for people (aligned tables, CJK-aware) and for pipes (JSON, CSV), all through [`Out`], the one way CLI
//! code writes: nothing stored or imported reaches a terminal with a control character or an escape sequence in it.

use crate::domain::text::{fit, is_invisible, sanitize, strip_controls, width};
use std::io::Write;

/// Where CLI commands write. It has no raw `write`: `write!`/`writeln!` format into text that is sanitised as a
/// whole ([`sanitize`]: escape sequences, C0/C1 controls, zero-width and bidi characters out) before it reaches
/// the stream, so no value interpolated into a line can act on the terminal, whatever its type. Data formats take
/// their own writers: [`Out::json`] escapes what a terminal would act on (losslessly: a JSON reader gets the
/// characters back), [`Out::csv`] drops it (CSV has no escapes).
///
/// `tests/cli_output.rs` keeps `print!`, `eprintln!`, `std::io::stdout()` and raw writers out of `src/cli` and
/// `main.rs` except here.
pub struct Out<'w> {
    w: &'w mut dyn Write,
}

impl<'w> Out<'w> {
    pub fn new(w: &'w mut dyn Write) -> Self {
        Out { w }
    }

    /// What `write!(out, …)` calls: the formatted text, sanitised.
    pub fn write_fmt(&mut self, args: std::fmt::Arguments<'_>) -> std::io::Result<()> {
        let text = match args.as_str() {
            Some(s) => sanitize(s),
            None => sanitize(&args.to_string()),
        };
        self.w.write_all(text.as_bytes())
    }

    /// A writer for JSON (serde_json's output): control, C1, zero-width and bidi characters become `\uXXXX`.
    pub fn json(&mut self) -> Guarded<&mut dyn Write> {
        Guarded::new(&mut *self.w, Guard::Json)
    }

    /// A writer for CSV: control and C1 characters are dropped (tab, newline and carriage return stay).
    pub fn csv(&mut self) -> Guarded<&mut dyn Write> {
        Guarded::new(&mut *self.w, Guard::Plain)
    }
}

/// Runs `f` with standard output as an [`Out`].
pub fn stdout<T>(f: impl FnOnce(&mut Out<'_>) -> T) -> T {
    let mut lock = std::io::stdout().lock();
    f(&mut Out::new(&mut lock))
}

/// One line on standard error, sanitised like [`Out`]'s text: warnings and `main`'s error line, which may quote
/// stored or imported values.
pub fn err_line(args: std::fmt::Arguments<'_>) {
    let mut line = sanitize(&args.to_string());
    line.push('\n');
    // Nothing sensible is left to do when standard error itself is gone.
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Whether standard error is a terminal (progress bars go there only then).
pub fn stderr_is_terminal() -> bool {
    std::io::IsTerminal::is_terminal(&std::io::stderr())
}

/// What a [`Guarded`] writer does with characters a terminal would act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// Inside JSON strings: write them as `\uXXXX` escapes (serde_json leaves C1 and bidi characters raw).
    Json,
    /// Drop C0 controls other than tab, newline and carriage return, DEL and C1 controls (ESC among them).
    Plain,
}

/// A byte stream filtered character by character as [`Guard`] says; a character split across two writes is held
/// until it is whole, and bytes that are not UTF-8 become U+FFFD.
pub struct Guarded<W: Write> {
    w: W,
    guard: Guard,
    pending: Vec<u8>,
}

impl<W: Write> Guarded<W> {
    pub fn new(w: W, guard: Guard) -> Self {
        Guarded {
            w,
            guard,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, text: &str) -> std::io::Result<()> {
        let risky = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
        let json = self.guard == Guard::Json;
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if risky(c) || (json && is_invisible(c)) {
                self.w
                    .write_all(text.get(start..i).unwrap_or_default().as_bytes())?;
                if json {
                    write!(self.w, "\\u{:04x}", c as u32)?;
                }
                start = i + c.len_utf8();
            }
        }
        self.w
            .write_all(text.get(start..).unwrap_or_default().as_bytes())
    }
}

impl<W: Write> Write for Guarded<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let mut rest: &[u8] = &bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.emit(text)?;
                    break;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    let (good, bad) = (
                        rest.get(..valid).unwrap_or_default(),
                        rest.get(valid..).unwrap_or_default(),
                    );
                    self.emit(std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        Some(n) => {
                            self.emit("\u{fffd}")?;
                            rest = bad.get(n..).unwrap_or_default();
                        }
                        // An incomplete character at the end: the next write completes it.
                        None => {
                            self.pending = bad.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

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
pub fn row_count(s: &str) -> Result<usize, NotARowCount> {
    s.trim().parse().map_err(|_| NotARowCount(s.to_string()))
}

/// A `--limit` that is not a whole number of rows; worded in the CLI's language by `clap_words`.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not a number of rows (a whole number, 0 or more)")]
pub struct NotARowCount(pub String);

/// A ticket number as a cell: `#1042` in a table, a bare `1042` in CSV, so spreadsheets and scripts read a number.
pub fn number_cell(n: i64, format: ListFormat) -> String {
    match format {
        ListFormat::Csv => crate::domain::ticket::shown_number(n),
        ListFormat::Table | ListFormat::Json => {
            format!("#{}", crate::domain::ticket::shown_number(n))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

/// Writes a list as it is fetched, page by page, so `--limit 0` on a million tickets never holds them all.
/// Table column widths come from the first page. Table cells are sanitised before they are measured; CSV cells
/// lose control characters ([`strip_controls`]); JSON goes through [`Out::json`].
pub struct Sink<'o, 'w> {
    out: &'o mut Out<'w>,
    format: ListFormat,
    header: Vec<&'static str>,
    widths: Option<Vec<usize>>,
    written: usize,
    /// The CSV header is out (an empty first page must not write it twice).
    csv_started: bool,
}

impl<'o, 'w> Sink<'o, 'w> {
    pub fn new(out: &'o mut Out<'w>, format: ListFormat, header: &[&'static str]) -> Self {
        Sink {
            out,
            format,
            header: header.to_vec(),
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
                    json(r, &mut self.out.json())?;
                    self.written += 1;
                }
            }
            ListFormat::Csv => {
                let mut w = ::csv::Writer::from_writer(self.out.csv());
                if !self.csv_started {
                    w.write_record(&self.header)?;
                    self.csv_started = true;
                }
                for r in rows {
                    w.write_record(cells(r).iter().map(|c| strip_controls(c)))?;
                    self.written += 1;
                }
                w.flush()?;
            }
            ListFormat::Table => {
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        cells(r)
                            .iter()
                            .map(|c| sanitize(c).replace('\n', " "))
                            .collect()
                    })
                    .collect();
                if self.widths.is_none() {
                    let locale = super::locale::get();
                    let head: Vec<String> = self
                        .header
                        .iter()
                        .map(|h| super::locale::column_title(locale, h))
                        .collect();
                    let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
                    for r in &cells {
                        for (i, c) in r.iter().enumerate().take(widths.len()) {
                            widths[i] = widths[i].max(width(c)).min(60);
                        }
                    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOAD: &str = "Ann\x1b[2J\x1b]52;c;aGk=\x07\u{9b}2J\u{202e}\u{200b}\x07!";

    /// No control character but newline and tab; with `strict`, no zero-width or bidi character either.
    fn safe(text: &str, strict: bool) -> bool {
        !text.contains(|c: char| {
            (c.is_control() && c != '\n' && c != '\t') || (strict && is_invisible(c))
        })
    }

    #[test]
    fn text_is_sanitised_whatever_is_interpolated() {
        let mut buf = Vec::new();
        writeln!(Out::new(&mut buf), "name {PAYLOAD} · {}", 3).unwrap();
        assert_eq!(String::from_utf8(buf).unwrap(), "name Ann! · 3\n");
    }

    #[test]
    fn json_escapes_what_a_terminal_acts_on_and_reads_back_the_same() {
        let mut buf = Vec::new();
        let doc = serde_json::json!({ "v": PAYLOAD });
        serde_json::to_writer_pretty(Out::new(&mut buf).json(), &doc).unwrap();
        let text = String::from_utf8(buf.clone()).unwrap();
        assert!(safe(&text, true), "{text:?}");
        assert!(
            text.contains("\\u009b") && text.contains("\\u202e"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(back["v"], PAYLOAD, "lossless for a JSON reader");
    }

    #[test]
    fn a_character_split_across_writes_is_kept_whole() {
        let mut buf = Vec::new();
        {
            let mut g = Guarded::new(&mut buf, Guard::Plain);
            for b in "王\u{9b}芳\x1b".as_bytes() {
                g.write_all(&[*b]).unwrap();
            }
            g.write_all(b"\xff!").unwrap();
        }
        assert_eq!(String::from_utf8(buf).unwrap(), "王芳\u{fffd}!");
    }

    #[test]
    fn list_cells_are_safe_in_every_format() {
        let rows = vec![PAYLOAD.to_string()];
        for format in [ListFormat::Table, ListFormat::Csv, ListFormat::Json] {
            let mut buf = Vec::new();
            let mut out = Out::new(&mut buf);
            let mut sink = Sink::new(&mut out, format, &["name"]);
            sink.batch(
                &rows,
                |r| vec![r.clone()],
                |r, w| serde_json::to_writer(w, r),
            )
            .unwrap();
            assert_eq!(sink.finish().unwrap(), 1);
            let text = String::from_utf8(buf).unwrap();
            // CSV keeps zero-width and bidi characters: they are data (an emoji's ZWJ) and act on no terminal.
            assert!(
                safe(&text, format != ListFormat::Csv),
                "{format:?}: {text:?}"
            );
            assert!(text.contains("Ann"), "{format:?}: {text:?}");
        }
    }
}
