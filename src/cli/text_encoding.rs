//! A CSV file's bytes as text. Excel on Chinese Windows saves "CSV" in the system code page (GBK/GB18030 on the
//! mainland, Big5 in Taiwan and Hong Kong), so a file that is not UTF-8 gets one line naming the likely
//! encoding and the option that reads it, instead of a parser error about a byte.

use super::UsageError;
use super::locale::say;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextEncoding {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK is read as GB18030, its superset.
    Gbk,
    Gb18030,
    Big5,
}

impl TextEncoding {
    fn codec(self) -> &'static encoding_rs::Encoding {
        match self {
            TextEncoding::Utf8 => encoding_rs::UTF_8,
            TextEncoding::Gbk | TextEncoding::Gb18030 => encoding_rs::GB18030,
            TextEncoding::Big5 => encoding_rs::BIG5,
        }
    }

    fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Gbk => "GBK",
            TextEncoding::Gb18030 => "GB18030",
            TextEncoding::Big5 => "Big5",
        }
    }
}

/// The line (1-based) of the first byte that is not valid UTF-8.
fn first_bad_line(bytes: &[u8]) -> usize {
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| bytes.len());
    bytes.iter().take(valid).filter(|b| **b == b'\n').count() + 1
}

/// Decodes `bytes` of `file`: as `encoding` when given (refusing bytes that are not valid in it), else as UTF-8
/// (a BOM is fine), refusing anything else with the encoding it most likely is.
pub fn decode(
    file: &str,
    bytes: &[u8],
    encoding: Option<TextEncoding>,
) -> Result<String, UsageError> {
    if let Some(enc) = encoding {
        let (text, had_errors) = enc
            .codec()
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map_or((None, true), |t| (Some(t), false));
        return match (text, had_errors) {
            (Some(t), false) => Ok(t.trim_start_matches('\u{feff}').to_string()),
            _ => Err(UsageError(say(
                "usage-csv-not-encoding",
                &[
                    ("file", &file),
                    ("encoding", &enc.name()),
                    ("line", &first_bad_line_in(enc, bytes)),
                ],
            ))),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.trim_start_matches('\u{feff}').to_string());
    }
    let line = first_bad_line(bytes);
    let likely = [TextEncoding::Gbk, TextEncoding::Big5]
        .into_iter()
        .find(|e| {
            e.codec()
                .decode_without_bom_handling_and_without_replacement(bytes)
                .is_some()
        });
    Err(UsageError(match likely {
        Some(e) => say(
            "usage-csv-looks-like",
            &[
                ("file", &file),
                ("line", &line),
                ("encoding", &e.name()),
                ("flag", &e.name().to_lowercase()),
            ],
        ),
        None => say("usage-csv-not-utf8", &[("file", &file), ("line", &line)]),
    }))
}

/// The line of the first byte `enc` cannot decode.
fn first_bad_line_in(enc: TextEncoding, bytes: &[u8]) -> usize {
    let mut decoder = enc.codec().new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3);
    let (_, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    bytes.iter().take(read).filter(|b| **b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "姓名,邮箱\n王芳,wang@example.com\n李娜,li@example.com\n";

    #[test]
    fn utf8_passes_with_or_without_a_bom() {
        assert_eq!(decode("f.csv", TEXT.as_bytes(), None).unwrap(), TEXT);
        let bom = [b"\xef\xbb\xbf".as_slice(), TEXT.as_bytes()].concat();
        assert_eq!(decode("f.csv", &bom, None).unwrap(), TEXT);
    }

    #[test]
    fn gbk_is_named_without_the_option_and_read_with_it() {
        let (gbk, _, _) = encoding_rs::GB18030.encode(TEXT);
        let e = decode("f.csv", &gbk, None).unwrap_err().0;
        assert_eq!(
            e,
            "f.csv is not UTF-8 (from line 1); it looks like GBK — pass --encoding gbk, or save it as “CSV UTF-8”"
        );
        assert_eq!(
            decode("f.csv", &gbk, Some(TextEncoding::Gbk)).unwrap(),
            TEXT
        );
    }

    #[test]
    fn big5_is_read_with_the_option_and_a_wrong_one_names_the_line() {
        let trad = "姓名,城市\n陳大文,臺北\n";
        let (big5, _, _) = encoding_rs::BIG5.encode(trad);
        assert_eq!(
            decode("f.csv", &big5, Some(TextEncoding::Big5)).unwrap(),
            trad
        );
        // UTF-8 text with a stray Latin-1 byte on line 3.
        let mut mixed = TEXT.as_bytes().to_vec();
        mixed.splice(41..41, [0xff]);
        let e = decode("f.csv", &mixed, Some(TextEncoding::Utf8))
            .unwrap_err()
            .0;
        assert!(e.starts_with("f.csv is not valid UTF-8 (line 3"), "{e}");
    }
}
