//! No stray literal: text a person reads on screen comes from the message catalogues (`assets/locales`), not from
//! string literals in `src/ui` and `src/app`. Today's literals not yet converted are listed in
//! `tests/i18n/literals.baseline` (one `path: literal` a line, once per occurrence); this test fails on a literal
//! that is not there (a new one: put its text in the catalogues, `crate::i18n::tr`) and on an entry that is no
//! longer in the code (a converted one: take it out of the baseline, so the list only shrinks).
//!
//! Regenerate the baseline after converting strings (review the diff: it should only lose lines):
//!
//! ```sh
//! UPDATE_I18N_BASELINE=1 cargo test --test i18n
//! ```
//!
//! What counts as user-visible is a heuristic. A literal counts when, with `{…}` placeholders, strftime
//! specifiers (`%H`) and escapes (`\n`) left out, it still has a word: two letters in a row, or two CJK
//! characters. Not counted: identifiers (`app.quit`, `date_format`, `ctrl-d`, i18n keys such as `tabs-queues`),
//! test code (`#[cfg(test)]` onwards, `*tests.rs`), literals on lines that only panic or log (`expect(`,
//! `panic!(`, `unreachable!(`, `tracing::`), the names of a message's variables (`("query", q.into())` passed to
//! `tr_args`, see [`is_variable_name`]) and key names in the files that define keys (see [`is_key_name`]).

use crate::common::rust_files;
use std::collections::BTreeMap;
use std::path::Path;

const SCANNED: [&str; 2] = ["src/app", "src/ui"];
const BASELINE: &str = "tests/i18n/literals.baseline";

/// A message's variable, not a word: a lower-case name (`query`, `n`, `close`) opening a `(name, value)` pair whose
/// value is made an `Arg` on the same line (`.into()`, `Arg::from`), as `tr_args` takes them.
fn is_variable_name(line: &str, literal: &str) -> bool {
    !literal.is_empty()
        && literal
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && line.contains(&format!("(\"{literal}\", "))
        && (line.contains(".into())") || line.contains("Arg::from("))
}

/// The files that name keys: the key parser and its display names, and the registry's default bindings.
const KEY_FILES: [&str; 2] = ["src/app/keys.rs", "src/app/commands/table.rs"];

/// A key name, not a word to translate: in [`KEY_FILES`], a literal desk's own key parser reads as a key
/// sequence (`esc`, `pgdn`, `g g`, `shift-tab`, and the names keys are shown by, `Enter`, `Space`, `PgUp`), or as
/// a modifier before one (`Ctrl-`, `alt+`). Key names stay as they are in every locale: they are what the keycaps
/// say, Chinese keyboards print them in Latin letters, and Chinese software writes them so (按 Esc 取消, Ctrl+C);
/// config takes them in English whatever the interface's language. The files' other literals (errors) still count.
fn is_key_name(path: &str, literal: &str) -> bool {
    use desk::app::keys::Key;
    KEY_FILES.contains(&path)
        && (Key::parse_seq(literal).is_ok()
            || ["-", "+"]
                .iter()
                .any(|m| literal.ends_with(m) && Key::parse(&format!("{literal}x")).is_ok()))
}

/// The string literals of Rust source, as written between the quotes (escapes kept), each with its line. Comments,
/// char literals and lifetimes are skipped; raw strings (`r#"…"#`) are read to their own end.
fn literals(source: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            '/' if at(i + 1) == '/' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if at(i + 1) == '*' => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && at(i + 1) == '/') {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
                i += 2;
            }
            // A char literal ('"', '\'', '\u{2068}'); a lifetime ('a) has no closing quote after one char.
            '\'' => {
                if at(i + 1) == '\\' {
                    i += 2;
                    while i < chars.len() && chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if at(i + 2) == '\'' {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            'r' if (at(i + 1) == '"' || at(i + 1) == '#')
                && !at(i.wrapping_sub(1)).is_alphanumeric()
                && at(i.wrapping_sub(1)) != '_' =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while at(j) == '#' {
                    hashes += 1;
                    j += 1;
                }
                if at(j) != '"' {
                    i += 1;
                    continue;
                }
                let start_line = line;
                let close: String = std::iter::once('"')
                    .chain("#".repeat(hashes).chars())
                    .collect();
                let close: Vec<char> = close.chars().collect();
                j += 1;
                let mut text = String::new();
                while j < chars.len() && chars.get(j..j + close.len()) != Some(close.as_slice()) {
                    line += usize::from(chars[j] == '\n');
                    text.push(chars[j]);
                    j += 1;
                }
                out.push((start_line, text));
                i = j + close.len();
            }
            '"' => {
                let start_line = line;
                let mut j = i + 1;
                let mut text = String::new();
                while j < chars.len() && chars[j] != '"' {
                    if chars[j] == '\\' {
                        text.push('\\');
                        j += 1;
                    }
                    if let Some(&c) = chars.get(j) {
                        line += usize::from(c == '\n');
                        text.push(c);
                    }
                    j += 1;
                }
                out.push((start_line, text));
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

/// What is left of a literal for a reader: no `{…}` placeholders, strftime specifiers or escapes.
fn readable(literal: &str) -> String {
    let mut out = String::new();
    let mut chars = literal.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '{' => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
                out.push(' ');
            }
            '%' => {
                // `%-d`, `%H`, `%%`.
                if chars.peek() == Some(&'-') {
                    chars.next();
                }
                chars.next();
                out.push(' ');
            }
            '\\' => {
                if chars.next() == Some('u') {
                    for c in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                    }
                }
                out.push(' ');
            }
            c => out.push(c),
        }
    }
    out
}

/// An identifier, not words: `app.quit`, `date_format`, `ctrl-d`, `tabs-queues`, `on_hold`.
fn is_identifier(literal: &str) -> bool {
    !literal.is_empty()
        && literal.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-' | ':')
        })
        && literal.contains(['_', '.', '-', ':'])
}

/// Whether a person would read `literal`: a word of two letters or two CJK characters.
fn is_user_visible(literal: &str) -> bool {
    if is_identifier(literal) {
        return false;
    }
    let text = readable(literal);
    let mut run = 0;
    let mut cjk = 0;
    for c in text.chars() {
        if is_cjk(c) {
            cjk += 1;
            run = 0;
        } else if c.is_alphabetic() {
            run += 1;
            if run >= 2 {
                return true;
            }
        } else {
            run = 0;
        }
        if cjk >= 2 {
            return true;
        }
    }
    false
}

/// Lines whose literals a person does not read: panics and logs.
fn is_internal(line: &str) -> bool {
    [
        "expect(",
        "panic!(",
        "unreachable!(",
        "tracing::",
        "debug_assert",
    ]
    .iter()
    .any(|m| line.contains(m))
}

/// `path: literal` for every user-visible literal in the scanned code, once per occurrence, sorted.
fn found() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in SCANNED {
        rust_files(&root.join(dir), &mut files);
    }
    let mut out = Vec::new();
    for file in files {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        // Test modules come last in a file; everything from their attribute on is test code.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let lines: Vec<&str> = code.lines().collect();
        let path = file.strip_prefix(root).unwrap().display().to_string();
        for (line, literal) in literals(code) {
            let text = lines.get(line - 1).unwrap_or(&"");
            if is_internal(text)
                || !is_user_visible(&literal)
                || is_variable_name(text, &literal)
                || is_key_name(&path, &literal)
            {
                continue;
            }
            // One line however the literal is continued in the source.
            let shown = literal
                .split('\n')
                .map(str::trim_start)
                .collect::<Vec<_>>()
                .join(" ");
            out.push(format!("{path}: {shown}"));
        }
    }
    out.sort();
    out
}

fn counts(lines: &[String]) -> BTreeMap<&str, usize> {
    let mut m = BTreeMap::new();
    for l in lines {
        *m.entry(l.as_str()).or_insert(0) += 1;
    }
    m
}

#[test]
fn no_new_user_visible_literal_in_ui_or_app() {
    let found = found();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(BASELINE);
    if std::env::var_os("UPDATE_I18N_BASELINE").is_some() {
        let mut text = found.join("\n");
        text.push('\n');
        std::fs::write(&path, text).unwrap();
        return;
    }
    let baseline: Vec<String> = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let (now, then) = (counts(&found), counts(&baseline));
    let mut new = Vec::new();
    let mut gone = Vec::new();
    for (line, n) in &now {
        let was = then.get(line).copied().unwrap_or(0);
        new.extend(std::iter::repeat_n(*line, n.saturating_sub(was)));
    }
    for (line, n) in &then {
        let is = now.get(line).copied().unwrap_or(0);
        gone.extend(std::iter::repeat_n(*line, n.saturating_sub(is)));
    }
    assert!(
        new.is_empty() && gone.is_empty(),
        "user-visible literals differ from {BASELINE}.\n\
         New (put the text in assets/locales and use crate::i18n::tr):\n  {}\n\
         No longer in the code (take them out of the baseline):\n  {}\n\
         After converting, regenerate with UPDATE_I18N_BASELINE=1 cargo test --test i18n",
        new.join("\n  "),
        gone.join("\n  ")
    );
}

#[test]
fn the_heuristic_tells_words_from_identifiers_and_formats() {
    for visible in [
        "Loading…",
        "Status of #{}",
        "已超时 {}",
        "no agent",
        "{n} marked",
        "Esc",
    ] {
        assert!(is_user_visible(visible), "{visible}");
    }
    for not in [
        "app.quit",
        "date_format",
        "ctrl-d",
        "tabs-queues",
        "{}{} {}",
        "#{}",
        " · ",
        "%Y-%m-%d %H:%M",
        "\\n",
        "[x]",
        "V{}",
    ] {
        assert!(!is_user_visible(not), "{not}");
    }
    for key in [
        "esc",
        "Enter",
        "PgDn",
        "shift-tab",
        "g g",
        "Ctrl-",
        "alt+",
        "ctrl-left",
    ] {
        assert!(is_key_name("src/app/keys.rs", key), "{key}");
    }
    assert!(
        !is_key_name("src/ui/mod.rs", "Enter"),
        "only where keys are defined"
    );
    assert!(!is_key_name("src/app/keys.rs", "unknown key `{spec}`"));
    assert!(is_variable_name(
        "            (\"query\", q.into()),",
        "query"
    ));
    assert!(is_variable_name("&[(\"span\", Arg::from(span))]", "span"));
    assert!(!is_variable_name("(\"Close\", x.into())", "Close"));
    assert!(!is_variable_name("toast(model, \"close\")", "close"));
    let found = literals(
        "let a = \"one\"; // \"not\"\nlet c = '\"'; let r = r#\"raw \"q\"\"#; 'a: loop {}\nf(\"two\\\"x\")",
    );
    let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts, ["one", "raw \"q\"", "two\\\"x"]);
    assert_eq!(found.last().map(|(l, _)| *l), Some(3));
}
