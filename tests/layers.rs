//! The module graph of DESIGN.md: `ui → app → store → domain`, with `cli`, `runtime`, `config`, `channels` and the
//! terminal above them. A `use` or path that points the other way (app reaching into ui, store into app, domain into
//! anything) fails here with the file and line, so no cycle can come back unnoticed.

mod common;

use common::rust_files;
use std::path::Path;

/// Which top-level modules each one may name (itself included).
const ALLOWED: &[(&str, &[&str])] = &[
    ("domain", &["domain"]),
    // The interface's languages: words for what the domain decided, for app, ui and the edges to show.
    ("i18n", &["domain", "i18n"]),
    ("store", &["domain", "store"]),
    ("app", &["domain", "i18n", "store", "app"]),
    ("ui", &["domain", "i18n", "store", "app", "ui"]),
    ("tui", &["app", "tui"]),
    ("demo", &["domain", "store", "demo"]),
    ("config", &["domain", "i18n", "app", "ui", "config"]),
    // Outside messages in and out (mail files, the JSON intake, SMTP): the edge between the world and the store.
    ("channels", &["domain", "store", "config", "channels"]),
    (
        "cli",
        &[
            "domain", "i18n", "store", "app", "ui", "demo", "config", "channels", "cli",
        ],
    ),
    (
        "runtime",
        &[
            "domain", "i18n", "store", "app", "ui", "tui", "config", "channels", "runtime",
        ],
    ),
];

/// Crate-root macros (`#[macro_export]`) are named `crate::x` but belong to no layer.
const ROOT_MACROS: &[&str] = &["str_enum"];

/// The crate-level modules a line names: `crate::x`, and `super::x` in a module's root file (where `super` is the
/// crate).
fn named(line: &str, at_module_root: bool) -> Vec<String> {
    let mut out = Vec::new();
    let prefixes: &[&str] = if at_module_root {
        &["crate::", "super::"]
    } else {
        &["crate::"]
    };
    for prefix in prefixes {
        for (i, _) in line.match_indices(prefix) {
            // `super::super::` and `self::super::` stay inside; only a bare `super::` at a root leaves.
            let before = line.get(..i).unwrap_or_default();
            if *prefix == "super::" && (before.ends_with("super::") || before.ends_with("self::")) {
                continue;
            }
            let rest = line.get(i + prefix.len()..).unwrap_or_default();
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != "super" && name != "self" {
                out.push(name);
            }
        }
    }
    out
}

#[test]
fn modules_only_name_the_layers_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (module, allowed) in ALLOWED {
        let mut files = Vec::new();
        rust_files(&src.join(module), &mut files);
        assert!(!files.is_empty(), "src/{module} has no files");
        for file in files {
            let at_root = file.file_name().is_some_and(|n| n == "mod.rs")
                && file.parent() == Some(&src.join(module));
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                for target in named(code, at_root) {
                    let known = ALLOWED.iter().any(|(m, _)| *m == target);
                    if known && !allowed.contains(&target.as_str())
                        || !known && !ROOT_MACROS.contains(&target.as_str()) && target != "Result"
                    {
                        wrong.push(format!(
                            "{}:{}: {module} names {target}",
                            file.strip_prefix(&src).unwrap().display(),
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "layer violations (see DESIGN.md §1):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_sees_a_violation() {
    assert_eq!(named("use crate::ui::markdown;", false), vec!["ui"]);
    assert_eq!(named("pub use super::store::X;", true), vec!["store"]);
    assert!(named("use super::super::keys::Key;", true).is_empty());
    assert!(named("use super::keys::Key;", false).is_empty());
}
