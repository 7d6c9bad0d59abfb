//! Running the `desk` binary under each of the interface's languages, for the tests of the CLI's lines.

use std::path::Path;

/// `LANG` for English, zh-CN and zh-TW.
pub const LANGS: [&str; 3] = ["C.UTF-8", "zh_CN.UTF-8", "zh_TW.UTF-8"];

/// desk with `args` under LANG `lang`: its exit code, stdout and stderr.
pub fn run(home: &Path, lang: &str, args: &[&str]) -> (i32, String, String) {
    let out = super::desk_in_locale(home, "li", lang, args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// desk's stdout, failing the test unless it succeeds.
pub fn ok(home: &Path, lang: &str, args: &[&str]) -> String {
    let (code, out, err) = run(home, lang, args);
    assert_eq!(code, 0, "desk {args:?} under {lang}: {err}");
    out
}

/// The expected text in each of en, zh-CN, zh-TW.
pub fn pick<'a>(lang: &str, lines: [&'a str; 3]) -> &'a str {
    match lang {
        "zh_CN.UTF-8" => lines[1],
        "zh_TW.UTF-8" => lines[2],
        _ => lines[0],
    }
}
