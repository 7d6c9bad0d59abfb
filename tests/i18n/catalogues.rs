//! The message catalogues (`assets/locales/<locale>/<area>.ftl`) are complete: every locale has the same files,
//! each file parses, every key is `<area>-…` and is defined once, every key of one locale is in every other with
//! the same variables, and every key the code names literally exists.

use crate::common::rust_files;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LOCALES: [&str; 3] = ["en", "zh-CN", "zh-TW"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/locales")
}

/// Key → variables, for one locale; every problem found on the way goes to `problems`.
type Catalogue = BTreeMap<String, BTreeSet<String>>;

fn variables_in(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            variables_in_expression(expression, out);
        }
    }
}

fn variables_in_expression(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            variables_in_inline(selector, out);
            for v in variants {
                variables_in(&v.value, out);
            }
        }
        Expression::Inline(inline) => variables_in_inline(inline, out),
    }
}

fn variables_in_inline(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                variables_in_inline(a, out);
            }
            for a in &arguments.named {
                variables_in_inline(&a.value, out);
            }
        }
        InlineExpression::Placeable { expression } => variables_in_expression(expression, out),
        _ => {}
    }
}

fn files(locale: &str) -> BTreeSet<String> {
    std::fs::read_dir(root().join(locale))
        .unwrap_or_else(|e| panic!("assets/locales/{locale}: {e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

fn catalogue(locale: &str, problems: &mut Vec<String>) -> Catalogue {
    let mut keys = Catalogue::new();
    for file in files(locale) {
        let at = format!("{locale}/{file}");
        let Some(area) = file.strip_suffix(".ftl") else {
            problems.push(format!("{at}: not an .ftl file"));
            continue;
        };
        let text = std::fs::read_to_string(root().join(locale).join(&file)).unwrap();
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(r) => r,
            Err((r, errors)) => {
                for e in errors {
                    problems.push(format!("{at}: does not parse: {e:?}"));
                }
                r
            }
        };
        for entry in &resource.body {
            let message = match entry {
                Entry::Message(m) => m,
                Entry::Junk { content } => {
                    problems.push(format!("{at}: cannot read {content:?}"));
                    continue;
                }
                _ => continue,
            };
            let key = message.id.name.to_string();
            if !key.starts_with(&format!("{area}-")) {
                problems.push(format!(
                    "{at}: `{key}` belongs in its area's file: keys here start with `{area}-`"
                ));
            }
            let Some(value) = &message.value else {
                problems.push(format!("{at}: `{key}` has no value"));
                continue;
            };
            let mut vars = BTreeSet::new();
            variables_in(value, &mut vars);
            for a in &message.attributes {
                variables_in(&a.value, &mut vars);
            }
            if keys.insert(key.clone(), vars).is_some() {
                problems.push(format!("{at}: `{key}` is defined twice"));
            }
        }
    }
    keys
}

#[test]
fn every_key_is_in_every_locale_with_the_same_variables() {
    let mut problems = Vec::new();
    let english_files = files("en");
    assert!(!english_files.is_empty(), "no English catalogue");
    let english = catalogue("en", &mut problems);
    for locale in LOCALES.iter().skip(1) {
        for f in english_files.symmetric_difference(&files(locale)) {
            problems.push(format!("{f}: in one of en and {locale} only"));
        }
        let other = catalogue(locale, &mut problems);
        for (key, vars) in &english {
            match other.get(key) {
                None => problems.push(format!("{locale}: `{key}` is missing")),
                Some(v) if v != vars => problems.push(format!(
                    "{locale}: `{key}` uses variables {v:?}, English {vars:?}"
                )),
                Some(_) => {}
            }
        }
        for key in other.keys().filter(|k| !english.contains_key(*k)) {
            problems.push(format!(
                "{locale}: `{key}` is not in English (the fallback)"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "catalogue problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_locale_folder_is_a_locale_desk_has() {
    let folders: BTreeSet<String> = std::fs::read_dir(root())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let known: BTreeSet<String> = desk::i18n::Locale::ALL
        .iter()
        .map(|l| l.tag().to_string())
        .collect();
    assert_eq!(folders, known);
}

/// A literal such as `"tabs-queues"` in the code names a key: it must exist (keys built with `format!` are checked
/// by the unit tests of `i18n`).
#[test]
fn every_key_the_code_names_exists() {
    let mut problems = Vec::new();
    let english = catalogue("en", &mut problems);
    let areas: BTreeSet<String> = files("en")
        .iter()
        .filter_map(|f| f.strip_suffix(".ftl").map(|a| format!("{a}-")))
        .collect();
    let mut sources = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut sources,
    );
    for file in sources {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for literal in line.split('"').skip(1).step_by(2) {
                let looks_like_key = areas.iter().any(|a| literal.starts_with(a.as_str()))
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && !literal.ends_with('-');
                if looks_like_key && !english.contains_key(literal) {
                    problems.push(format!("{}:{}: `{literal}`", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "keys not in the catalogues:\n{}",
        problems.join("\n")
    );
}

/// The view language's Chinese names for statuses and priorities (`domain::query`) are exactly what the interface
/// shows in zh-CN and zh-TW: an agent types the word they read.
#[test]
fn the_view_language_takes_the_names_the_interface_shows() {
    use desk::domain::query::{PRIORITY_NAMES_ZH, STATUS_NAMES_ZH};
    use desk::domain::ticket::{Priority, Status};
    use desk::i18n::{Locale, priority, status};
    let zh = [Locale::ZhCn, Locale::ZhTw];
    for s in Status::ALL {
        for l in zh {
            let shown = status(l, *s);
            assert!(
                STATUS_NAMES_ZH.contains(&(shown.as_str(), *s)),
                "{shown} ({l:?}) is not a name of {s}"
            );
        }
    }
    for (name, s) in STATUS_NAMES_ZH {
        assert!(zh.iter().any(|l| status(*l, s) == name), "{name}");
    }
    for p in Priority::ALL {
        for l in zh {
            let shown = priority(l, *p);
            assert!(
                PRIORITY_NAMES_ZH.contains(&(shown.as_str(), *p)),
                "{shown} ({l:?}) is not a name of {p}"
            );
        }
    }
    for (name, p) in PRIORITY_NAMES_ZH {
        assert!(zh.iter().any(|l| priority(*l, p) == name), "{name}");
    }
}

/// Every column a CLI list writes (its `HEADER` constant or the names given to `Sink::new`) has a title in the
/// catalogues (`cli-column-<name>`), so a table in Chinese never shows an English column name.
#[test]
fn every_cli_list_column_has_a_title() {
    let mut problems = Vec::new();
    let english = catalogue("en", &mut problems);
    let mut sources = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli"),
        &mut sources,
    );
    let mut columns = BTreeSet::new();
    for file in sources {
        let text = std::fs::read_to_string(&file).unwrap();
        // A header's list runs from its opening to the first `]` after it.
        let openings = text
            .match_indices("HEADER: &[&str] = &[")
            .chain(text.match_indices("Sink::new(out, format, &["))
            .chain(text.match_indices("Sink::new(out, list.format, &["))
            .map(|(at, m)| at + m.len());
        for start in openings {
            let list = text.get(start..).unwrap_or_default();
            let list = list.split(']').next().unwrap_or_default();
            for name in list.split('"').skip(1).step_by(2) {
                columns.insert((name.to_string(), file.display().to_string()));
            }
        }
    }
    assert!(columns.len() > 50, "the scan finds the lists: {columns:?}");
    for (name, file) in &columns {
        let key = format!("cli-column-{}", name.replace('_', "-"));
        if !english.contains_key(&key) {
            problems.push(format!("{file}: column `{name}` has no `{key}`"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
