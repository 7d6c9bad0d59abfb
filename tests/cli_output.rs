//! CLI code writes only through `cli::output::Out` (and `err_line`), which sanitise what they are given: no
//! `println!`, `eprintln!`, `std::io::stdout()` or raw `Write` in `src/cli` or `src/main.rs` outside
//! `src/cli/output.rs`. A new command that printed stored text raw would fail here before it could reach a terminal.

use std::path::Path;

/// What only `output.rs` may use: printing macros, the standard streams, and raw writers.
const FORBIDDEN: &[&str] = &[
    "println!",
    "print!",
    "eprintln!",
    "eprint!",
    "dbg!",
    "io::stdout(",
    "io::stderr(",
    "impl Write",
    "dyn Write",
    "io::Write",
    ".write_all(",
];

/// (file, trimmed line, why it is not output).
const ALLOWED: &[(&str, &str, &str)] = &[(
    "src/cli/mod.rs",
    "impl std::io::Write for Closed {",
    "a test's writer whose reader has gone, for the broken-pipe check",
)];

/// Every forbidden use in `text` (comments removed) as `file:line: text`, less the allowed ones.
fn offences(file: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default().trim();
        let allowed = ALLOWED.iter().any(|(f, l, _)| *f == file && *l == code);
        if !allowed && FORBIDDEN.iter().any(|p| code.contains(p)) {
            found.push(format!("{file}:{}: {code}", i + 1));
        }
    }
    found
}

#[test]
fn cli_code_prints_only_through_the_sanitising_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec!["src/main.rs".to_string()];
    for entry in std::fs::read_dir(root.join("src/cli")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".rs") && name != "output.rs" {
            files.push(format!("src/cli/{name}"));
        }
    }
    assert!(files.len() > 10, "{files:?}");
    let mut found = Vec::new();
    let mut used = vec![false; ALLOWED.len()];
    for f in &files {
        let text = std::fs::read_to_string(root.join(f)).unwrap();
        found.extend(offences(f, &text));
        for (k, (af, al, _)) in ALLOWED.iter().enumerate() {
            used[k] |= af == f && text.lines().any(|l| l.trim() == *al);
        }
    }
    assert!(
        found.is_empty(),
        "write through cli::output::Out (write!/writeln!, json(), csv()) or err_line instead:\n{}",
        found.join("\n")
    );
    for (k, u) in used.iter().enumerate() {
        assert!(
            u,
            "allowed entry no longer matches anything: {:?}",
            ALLOWED[k]
        );
    }
}

#[test]
fn the_check_finds_each_forbidden_form() {
    let sample = "fn f() {\n    println!(\"{}\", t.subject);\n    // eprintln!(\"a comment\")\n    let mut e = std::io::stderr();\n    out.write_all(b)?;\n    fn g(w: &mut dyn Write) {}\n}\n";
    let found = offences("src/cli/x.rs", sample);
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(found[0].starts_with("src/cli/x.rs:2: println!"));
}
