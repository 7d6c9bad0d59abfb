//! No byte-index slicing in src/: `&s[a..b]` on a `String` or `&str` panics when an index falls inside a
//! character, and most text here comes from customers, imports, config or the database. Text is cut with
//! `split_once`, `strip_prefix`, `char_indices`, `get(..)`, `split_at_checked` or `domain::text::split_floor`.
//!
//! This test reads every `src/**/*.rs`, blanks comments, string and char literals, and flags
//! - an index expression holding a range (`x[..n]`, `x[a..]`, `x[a..b]`),
//! - `.split_at(`, `.split_at_mut(`, `.split_off(`, `.replace_range(`, `.insert_str(`,
//! - `.drain(` with anything but the full range `..`.
//!
//! `String::truncate(n)` is not flagged: `Vec::truncate` is everywhere and looks the same (the audit of issue 15
//! checked the string ones by hand: each cuts at an offset the same string gave).
//!
//! It cannot tell a `str` from a `Vec`, so slices that are safe are listed in [`ALLOWED`] with the reason, matched
//! by file and trimmed line text (line numbers may move). An entry that no longer matches anything fails too, so
//! the list stays honest.

use std::path::{Path, PathBuf};

/// (file under src/, trimmed line, why the slice cannot panic on text).
const ALLOWED: &[(&str, &str, &str)] = &[
    // Slices of vectors and arrays, not of text.
    (
        "src/app/paged.rs",
        "self.rows.drain(..excess);",
        "a Vec of rows; excess < len",
    ),
    (
        "src/ui/dashboard.rs",
        "let shown = &values[skip..];",
        "a Vec of numbers; skip = len - cols, saturating",
    ),
    (
        "src/ui/customers.rs",
        "let tail = &scores[scores.len().saturating_sub(12)..];",
        "a Vec of scores",
    ),
    (
        "src/domain/sla_tests.rs",
        "let paused = clocks(0, &events[..2], &T, &c24, 10 * H, 0.75);",
        "a fixed array of test events",
    ),
    (
        "src/domain/sla_tests.rs",
        "&clocks(0, &events[..2], &T, &c24, 2 * H, 0.75),",
        "a fixed array of test events",
    ),
    // Text sliced at a boundary the same string gave.
    (
        "src/app/keys.rs",
        "rest = &rest[5..];",
        "after checking its ASCII lowercase starts with `ctrl-`: five ASCII bytes",
    ),
    (
        "src/app/keys.rs",
        "rest = &rest[4..];",
        "after checking its ASCII lowercase starts with `alt-`: four ASCII bytes",
    ),
    (
        "src/app/keys.rs",
        "&& f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>",
        "f starts with the ASCII `f`",
    ),
    (
        "src/app/keys.rs",
        "KeyCode::F(f[1..].parse().unwrap_or(1))",
        "f starts with the ASCII `f`",
    ),
    (
        "src/domain/query.rs",
        "Some('<') => (true, &value[1..]),",
        "value starts with the ASCII `<`",
    ),
    (
        "src/domain/query.rs",
        "Some('>') => (false, &value[1..]),",
        "value starts with the ASCII `>`",
    ),
    (
        "src/domain/query.rs",
        "let n: i64 = s[..s.len() - unit.len_utf8()]",
        "cuts off the last character, measured by its own UTF-8 length",
    ),
    (
        "src/domain/query.rs",
        "field_end.filter(|i| *i > 0 && t.text[..*i].chars().all(|c| c.is_ascii_alphabetic()))",
        "i comes from t.text.find(':')",
    ),
    (
        "src/domain/query.rs",
        "let field = t.text[..colon].to_ascii_lowercase();",
        "colon comes from t.text.find(':')",
    ),
    (
        "src/domain/query.rs",
        "let value = &t.text[colon + 1..];",
        "colon comes from t.text.find(':') and `:` is one byte",
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src/") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source with comments and the contents of string and char literals replaced by spaces; line breaks stay,
/// so line `n` of the result is line `n` of the source.
fn code_only(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    // `br"…"`: the `b` of a raw byte string, not the end of a name.
    let byte_prefix = |i: usize| i >= 1 && chars[i - 1] == 'b' && (i < 2 || !ident(chars[i - 2]));
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev_ident = i > 0 && ident(chars[i - 1]);
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (!prev_ident || byte_prefix(i))
            && matches!(next, Some('"') | Some('#'))
            && {
                let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
                chars.get(i + 1 + hashes) == Some(&'"')
            }
        {
            // A raw string: r"…", r#"…"#, br"…".
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            out.push('r');
            out.extend(std::iter::repeat_n(' ', hashes + 1));
            i += hashes + 2;
            while i < chars.len() {
                let closes = chars[i] == '"'
                    && chars[i + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|c| **c == '#')
                        .count()
                        == hashes;
                if closes {
                    out.extend(std::iter::repeat_n(' ', hashes + 1));
                    i += hashes + 1;
                    break;
                }
                out.push(blank(chars[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c == '\'' && next == Some('\\') {
            // An escaped char literal: '\n', '\'', '\u{7}'.
            out.push_str("'  ");
            // The backslash and the character it escapes, then the rest up to the closing quote.
            i += 3;
            while i < chars.len() && chars[i] != '\'' {
                out.push(' ');
                i += 1;
            }
            out.push('\'');
            i += 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3;
        } else {
            // Code, including lifetimes ('a).
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether a line of code (literals and comments blanked) slices by index.
fn slices(line: &str) -> bool {
    const CALLS: &[&str] = &[
        ".split_at(",
        ".split_at_mut(",
        ".split_off(",
        ".replace_range(",
        ".insert_str(",
    ];
    if CALLS.iter().any(|c| line.contains(c)) {
        return true;
    }
    if line
        .match_indices(".drain(")
        .any(|(at, m)| !line[at + m.len()..].trim_start().starts_with("..)"))
    {
        return true;
    }
    // An index expression: `[` right after an expression (a name, `)`, `]` or `?`), holding `..` at its own
    // bracket depth. Attributes (`#[`), macros (`vec![`), array types and slice patterns start differently.
    let bytes = line.as_bytes();
    for (at, _) in line.match_indices('[') {
        let Some(&before) = at.checked_sub(1).and_then(|b| bytes.get(b)) else {
            continue;
        };
        if !(before.is_ascii_alphanumeric() || matches!(before, b'_' | b')' | b']' | b'?')) {
            continue;
        }
        let mut depth = 0;
        let mut inner = String::new();
        for c in line[at + 1..].chars() {
            match c {
                '[' => depth += 1,
                ']' if depth == 0 => break,
                ']' => depth -= 1,
                _ => {}
            }
            inner.push(c);
        }
        if inner.contains("..") {
            return true;
        }
    }
    false
}

fn findings() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let src = std::fs::read_to_string(&path).expect("read a source file");
        let rel = path
            .strip_prefix(root)
            .expect("under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        for (n, (code, line)) in code_only(&src).lines().zip(src.lines()).enumerate() {
            if slices(code) {
                out.push((format!("{rel}:{}", n + 1), line.trim().to_string()));
            }
        }
    }
    out
}

#[test]
fn src_has_no_byte_slicing_outside_the_allow_list() {
    let found = findings();
    let allowed = |at: &str, line: &str| {
        ALLOWED
            .iter()
            .any(|(file, text, _)| at.starts_with(&format!("{file}:")) && *text == line)
    };
    let bad: Vec<String> = found
        .iter()
        .filter(|(at, line)| !allowed(at, line))
        .map(|(at, line)| format!("  {at}: {line}"))
        .collect();
    assert!(
        bad.is_empty(),
        "byte-index slicing can panic inside a character; use split_once, strip_prefix, get(..), \
         split_at_checked or domain::text::split_floor, or add the line to ALLOWED in {} with the reason \
         it is safe:\n{}",
        file!(),
        bad.join("\n")
    );
    let stale: Vec<String> = ALLOWED
        .iter()
        .filter(|(file, text, _)| {
            !found
                .iter()
                .any(|(at, line)| at.starts_with(&format!("{file}:")) && line == text)
        })
        .map(|(file, text, _)| format!("  {file}: {text}"))
        .collect();
    assert!(
        stale.is_empty(),
        "ALLOWED entries that match no line any more; remove them:\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_scanner_sees_slices_and_ignores_literals_and_comments() {
    let flagged = |src: &str| code_only(src).lines().any(slices);
    assert!(flagged("let head = &s[..3];"));
    assert!(flagged("let tail = s[i..].to_string();"));
    assert!(flagged("let mid = &text[a + 1..b];"));
    assert!(flagged("let x = names[0][2..];"));
    assert!(flagged("let (a, b) = s.split_at(n);"));
    assert!(flagged("let t = s.split_off(n);"));
    assert!(flagged("s.drain(..n);"));
    assert!(!flagged("let all: Vec<_> = v.drain(..).collect();"));
    assert!(!flagged("let (a, b) = s.split_at_checked(n)?;"));
    assert!(!flagged("let x = s.get(..3);"));
    assert!(!flagged("let x = v[3];"));
    assert!(!flagged("#[derive(Debug)] let a = [0u8; 4];"));
    assert!(!flagged("match v { [first, .., last] => {} }"));
    assert!(!flagged("let v = vec![1..3];"));
    assert!(!flagged("// &s[..3] in a comment"));
    assert!(!flagged("/* &s[..3] */ let x = 1;"));
    assert!(!flagged(r#"let s = "&s[..3]";"#));
    assert!(!flagged(r##"let s = r#"&s[..3]"#;"##));
    assert!(!flagged("let c = '['; let d = '\\''; let e: &'a str = x;"));
    assert!(!flagged(
        "let c = '\\u{5b}'; let d = b'['; let b = br\"&s[..3]\";"
    ));
    // A slice after a lifetime and a char literal is still seen.
    assert!(flagged(
        "fn f<'a>(s: &'a str) -> char { let c = 'x'; &s[1..]; c }"
    ));
}
