//! Physical line numbers for CSV records. The csv crate's own count treats a CRLF file's `\r` as the end of a
//! record and counts its `\n` only when the next record starts, so every record after the header of a CRLF file
//! came out one line early. Counting the newlines that pass through the reader and placing each record by its
//! byte offset gives the line an editor shows, for LF and CRLF files alike (quoted multi-line cells included).

use std::cell::RefCell;
use std::io::Read;
use std::rc::Rc;

/// Byte offsets of every `\n` read so far, shared with the reader that records them.
#[derive(Debug, Clone, Default)]
pub struct Newlines(Rc<RefCell<Vec<u64>>>);

impl Newlines {
    /// The 1-based line of the record whose first byte is at `byte`. A record position that points at the `\n`
    /// of the previous record's CRLF belongs to the line after it.
    pub fn line_at(&self, byte: u64) -> u64 {
        let seen = self.0.borrow();
        let before = seen.partition_point(|&at| at < byte) as u64;
        let on_newline = seen.binary_search(&byte).is_ok();
        1 + before + u64::from(on_newline)
    }
}

/// A reader that notes where each `\n` is as bytes pass through.
pub struct CountingReader<R> {
    inner: R,
    offset: u64,
    newlines: Newlines,
}

impl<R: Read> CountingReader<R> {
    pub fn new(inner: R) -> (CountingReader<R>, Newlines) {
        let newlines = Newlines::default();
        (
            CountingReader {
                inner,
                offset: 0,
                newlines: newlines.clone(),
            },
            newlines,
        )
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut seen = self.newlines.0.borrow_mut();
        for (i, b) in buf.iter().take(n).enumerate() {
            if *b == b'\n' {
                seen.push(self.offset + i as u64);
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line each record of `text` starts on, as the import reports it.
    fn lines(text: &str) -> Vec<u64> {
        let (input, newlines) = CountingReader::new(text.as_bytes());
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        reader
            .records()
            .map(|r| newlines.line_at(r.unwrap().position().unwrap().byte()))
            .collect()
    }

    #[test]
    fn records_are_on_the_lines_an_editor_shows_for_lf_and_crlf() {
        assert_eq!(lines("h1,h2\na,b\nc,d\n"), vec![2, 3]);
        assert_eq!(lines("h1,h2\r\na,b\r\nc,d\r\n"), vec![2, 3]);
        assert_eq!(lines("h1,h2\r\na,b\r\nc,d"), vec![2, 3]);
        // A quoted cell over two lines pushes the next record down by one.
        assert_eq!(lines("h1,h2\n\"x\ny\",b\nc,d\n"), vec![2, 4]);
        assert_eq!(lines("h1,h2\r\n\"x\r\ny\",b\r\nc,d\r\n"), vec![2, 4]);
        // Blank lines are skipped by the reader but still counted.
        assert_eq!(lines("h1,h2\n\na,b\n"), vec![3]);
    }
}
