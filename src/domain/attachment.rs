//! Opening a customer's file from the ticket pane: whether it may be handed to the system opener at all, and the
//! name a saved copy takes when that name is already used. Mail clients keep the same rule: a program that came by
//! mail is saved, never started by a click.

/// Endings of files that run code when opened (Windows, macOS, Linux desktops, scripting hosts, installers). The
/// first fourteen are the ones mail clients warn about first; the rest run just as well.
pub const PROGRAM_ENDINGS: &[&str] = &[
    "exe", "bat", "cmd", "sh", "js", "vbs", "ps1", "jar", "app", "desktop", "lnk", "scr", "msi",
    "com", "hta", "pif", "cpl", "msc", "wsf", "wsh", "vbe", "jse", "reg", "command", "appimage",
    "run", "bash", "zsh", "csh", "psm1", "msp", "gadget", "inf", "url",
];

/// Declared content types of programs and scripts (what the sender's mail program said the file is).
const PROGRAM_TYPES: &[&str] = &[
    "application/x-msdownload",
    "application/x-msdos-program",
    "application/x-ms-installer",
    "application/x-msi",
    "application/x-executable",
    "application/x-sharedlib",
    "application/x-mach-binary",
    "application/x-sh",
    "application/x-shellscript",
    "application/x-csh",
    "application/x-bat",
    "application/java-archive",
    "application/x-java-archive",
    "application/x-desktop",
    "application/hta",
    "application/vnd.microsoft.portable-executable",
    "text/x-shellscript",
];

/// Whether a file may go to the system opener, or is only saved (and why, in words for the agent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenVerdict {
    Open,
    SaveOnly(String),
}

/// The verdict for a file saved as `name` (already made safe by `intake::safe_filename`), declared as
/// `content_type`, whose contents begin with `head`. A program by its ending, by its declared type, or — when the
/// name has no ending for the opener to go by — by its first bytes, is never opened.
pub fn open_verdict(name: &str, content_type: &str, head: &[u8]) -> OpenVerdict {
    if let Some(ending) = ending(name)
        && PROGRAM_ENDINGS.contains(&ending.as_str())
    {
        return OpenVerdict::SaveOnly(format!(".{ending} files are programs"));
    }
    let declared = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if PROGRAM_TYPES.contains(&declared.as_str()) {
        return OpenVerdict::SaveOnly(format!("it is declared as a program ({declared})"));
    }
    if ending(name).is_none() && looks_like_program(head) {
        return OpenVerdict::SaveOnly("it has no file type and its contents are a program".into());
    }
    OpenVerdict::Open
}

/// The name's ending, lower case, as the system sees it: Windows ignores trailing dots and spaces
/// (`invoice.exe.` runs), so they do not hide one. `None` without a dot, or for a dot-file's only dot.
pub fn ending(name: &str) -> Option<String> {
    let name = name.trim_end_matches(['.', ' ']);
    let (stem, ending) = name.rsplit_once('.')?;
    (!stem.is_empty() && !ending.is_empty()).then(|| ending.to_lowercase())
}

/// Executable headers (Windows PE, ELF, Mach-O, fat Mach-O) and scripts (`#!`).
fn looks_like_program(head: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"MZ",
        b"\x7fELF",
        b"#!",
        &[0xcf, 0xfa, 0xed, 0xfe],
        &[0xce, 0xfa, 0xed, 0xfe],
        &[0xca, 0xfe, 0xba, 0xbe],
    ];
    MAGIC.iter().any(|m| head.starts_with(m))
}

/// The `n`-th name to try for a saved copy of `name` when earlier ones exist: `report.pdf`, `report (2).pdf`,
/// `report (3).pdf` … (the number goes before the ending so the file keeps its type).
pub fn numbered_name(name: &str, n: u32) -> String {
    if n <= 1 {
        return name.to_string();
    }
    match name.rsplit_once('.') {
        Some((stem, ending)) if !stem.is_empty() => format!("{stem} ({n}).{ending}"),
        _ => format!("{name} ({n})"),
    }
}

/// `name` for a file handed to `cmd /c start` (Windows' opener): cmd reads the command line again, so `&`, `|`,
/// `^`, `%`, `!`, brackets and argument separators in a customer's file name would run commands or split the path.
/// Each becomes `_`; what is left means only a file name to cmd.
pub fn cmd_safe_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if matches!(
                c,
                '&' | '|' | '^' | '%' | '!' | '<' | '>' | '(' | ')' | ',' | ';' | '=' | '"' | '`'
            ) {
                '_'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save_only(name: &str) -> bool {
        matches!(open_verdict(name, "", b""), OpenVerdict::SaveOnly(_))
    }

    #[test]
    fn programs_are_never_opened_by_their_ending() {
        for name in [
            "setup.exe",
            "run.bat",
            "x.cmd",
            "install.sh",
            "a.js",
            "b.vbs",
            "c.ps1",
            "d.jar",
            "Tool.app",
            "launcher.desktop",
            "shortcut.lnk",
            "screensaver.scr",
            "package.msi",
            "old.com",
        ] {
            assert!(save_only(name), "{name}");
        }
        // Case, trailing dots and spaces and a harmless-looking first ending do not hide one.
        for name in [
            "SETUP.EXE",
            "invoice.pdf.exe",
            "invoice.exe.",
            "invoice.exe . ",
            "发票.Bat",
        ] {
            assert!(save_only(name), "{name}");
        }
        assert_eq!(
            open_verdict("invoice.pdf.exe", "application/pdf", b"%PDF"),
            OpenVerdict::SaveOnly(".exe files are programs".into())
        );
    }

    #[test]
    fn documents_and_pictures_open() {
        for (name, ty) in [
            ("发票.pdf", "application/pdf"),
            ("photo.JPG", "image/jpeg"),
            ("notes.txt", "text/plain; charset=utf-8"),
            ("exe.pdf", "application/pdf"),
            ("my.sh.txt", "text/plain"),
            ("README", "text/plain"),
            ("attachment", ""),
        ] {
            assert_eq!(
                open_verdict(name, ty, b"hello"),
                OpenVerdict::Open,
                "{name}"
            );
        }
        // A document may begin with "MZ" or "#!": with an ending, the ending decides.
        assert_eq!(
            open_verdict("letter.txt", "text/plain", b"#!/bin/sh"),
            OpenVerdict::Open
        );
    }

    #[test]
    fn a_declared_program_type_or_program_contents_without_an_ending_are_saved_only() {
        assert!(matches!(
            open_verdict("update", "application/x-msdownload", b""),
            OpenVerdict::SaveOnly(why) if why.contains("application/x-msdownload")
        ));
        assert!(matches!(
            open_verdict("photo.jpg", "Application/X-Sh; charset=utf-8", b""),
            OpenVerdict::SaveOnly(_)
        ));
        for head in [
            &b"MZ\x90\x00"[..],
            b"\x7fELF\x02",
            b"#!/bin/sh\nrm -rf ~",
            &[0xcf, 0xfa, 0xed, 0xfe, 7],
        ] {
            assert!(
                matches!(
                    open_verdict("update", "application/octet-stream", head),
                    OpenVerdict::SaveOnly(_)
                ),
                "{head:?}"
            );
        }
    }

    #[test]
    fn endings_as_the_system_sees_them() {
        assert_eq!(ending("a.PDF").as_deref(), Some("pdf"));
        assert_eq!(ending("a.tar.gz").as_deref(), Some("gz"));
        assert_eq!(ending("a.exe. .").as_deref(), Some("exe"));
        assert_eq!(ending("README"), None);
        assert_eq!(ending(".bashrc"), None);
        assert_eq!(ending("trailing."), None);
    }

    #[test]
    fn names_for_cmd_carry_no_commands() {
        assert_eq!(cmd_safe_name("a&calc.pdf"), "a_calc.pdf");
        assert_eq!(
            cmd_safe_name("%PATH%^|x (1),y;z=w!.pdf"),
            "_PATH___x _1__y_z_w_.pdf"
        );
        assert_eq!(cmd_safe_name("发票 2026.pdf"), "发票 2026.pdf");
    }

    #[test]
    fn numbered_names_keep_the_ending() {
        assert_eq!(numbered_name("report.pdf", 1), "report.pdf");
        assert_eq!(numbered_name("report.pdf", 2), "report (2).pdf");
        assert_eq!(numbered_name("a.tar.gz", 3), "a.tar (3).gz");
        assert_eq!(numbered_name("README", 2), "README (2)");
        assert_eq!(numbered_name("发票.pdf", 10), "发票 (10).pdf");
    }
}
