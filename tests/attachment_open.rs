//! `o` in the ticket pane opens an attachment with the system opener: the whole app on a TestBackend (the picker,
//! the effect it asks for, the toasts), and the runtime side with `$DESK_OPENER` pointing at a script that records
//! what it was given.

mod common;

use common::NOW;
use common::harness::Harness;
use desk::app::msg::{OpenOutcome, Opened};
use desk::app::{Effect, Msg, Overlay, Pane};
use desk::domain::intake::{Attachment, Identity, Inbound, IntakeRules};
use desk::domain::ticket::Channel;
use desk::store::intake::Ingested;
use desk::store::{OpenMode, Store};

macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

const PDF: &[u8] = b"%PDF-1.4 fake invoice\n";

fn file(name: &str, content_type: &str, bytes: &[u8]) -> Attachment {
    Attachment {
        name: name.into(),
        content_type: content_type.into(),
        bytes: bytes.to_vec(),
    }
}

/// A mail from a customer with these files; the ticket's number.
fn mail(store: &mut Store, n: u32, subject: &str, attachments: Vec<Attachment>) -> i64 {
    let m = Inbound {
        channel: Some(Channel::Email),
        external_id: format!("<m{n}@customer.example>"),
        sender: Identity {
            name: Some("Zhao Lei".into()),
            email: Some("zhao.lei@customer.example".into()),
            ..Default::default()
        },
        subject: subject.into(),
        body: "Please see the attached file.".into(),
        at: Some(NOW - 3600 + i64::from(n)),
        attachments,
        ..Default::default()
    };
    match store
        .ingest("mail", &m, &IntakeRules::default(), NOW - 3600)
        .unwrap()
    {
        Ingested::Created { number } => number,
        other => panic!("no new ticket: {other:?}"),
    }
}

/// Three tickets: without files, with one invoice, with an invoice and a program.
fn app(w: u16, h: u16) -> (tempfile::TempDir, Harness, [i64; 3]) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.db"), OpenMode::Create).unwrap();
    let none = mail(&mut store, 1, "no files", Vec::new());
    let one = mail(
        &mut store,
        2,
        "invoice",
        vec![file("发票.pdf", "application/pdf", PDF)],
    );
    let two = mail(
        &mut store,
        3,
        "installer",
        vec![
            file("report.pdf", "application/pdf", PDF),
            file("setup.exe", "application/octet-stream", b"MZ\x90\x00"),
        ],
    );
    (dir, Harness::new(store, None, w, h, NOW), [none, one, two])
}

fn open_ticket(a: &mut Harness, number: i64) {
    a.keys("#").type_text(&number.to_string()).keys("enter");
    assert_eq!(a.model.pane, Pane::Ticket);
    assert_eq!(
        a.model.ticket.detail.as_ref().map(|d| d.row.number),
        Some(number)
    );
}

fn toast(a: &Harness) -> String {
    a.model
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

#[test]
fn no_attachments_is_a_toast() {
    let (_dir, mut a, [none, ..]) = app(80, 24);
    open_ticket(&mut a, none);
    a.keys("o");
    assert!(a.opened.is_empty());
    assert!(a.model.overlay.is_none());
    assert_eq!(toast(&a), format!("#{none} has no attachments"));
}

#[test]
fn the_only_attachment_opens_at_once_with_its_bytes() {
    let (_dir, mut a, [_, one, _]) = app(80, 24);
    open_ticket(&mut a, one);
    assert!(
        a.screen().contains("[attachment] 发票.pdf"),
        "{}",
        a.screen()
    );
    a.keys("o");
    assert!(a.model.overlay.is_none());
    assert_eq!(
        a.opened,
        [Effect::Open {
            name: "发票.pdf".into(),
            bytes: PDF.to_vec(),
            refuse: None,
        }]
    );
    // The runtime answers; the toast says what was opened and where it is.
    a.send(Msg::Opened(Opened {
        name: "发票.pdf".into(),
        outcome: OpenOutcome::Launched {
            opener: "xdg-open".into(),
            path: "/tmp/desk-attachments-x/发票.pdf".into(),
        },
    }));
    assert_eq!(
        toast(&a),
        "opened 发票.pdf (saved at /tmp/desk-attachments-x/发票.pdf)"
    );
    assert!(!a.model.toast.as_ref().unwrap().error);
}

#[test]
fn several_attachments_are_picked_and_a_program_is_only_saved() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_dir, mut a, [.., two]) = app(w, h);
        open_ticket(&mut a, two);
        a.keys("o");
        assert!(matches!(a.model.overlay, Some(Overlay::Picker { .. })));
        assert!(a.opened.is_empty());
        let screen = a.screen();
        assert!(
            screen.contains("report.pdf") && screen.contains("setup.exe"),
            "{screen}"
        );
        assert_screen!(format!("picker_{w}x{h}"), screen);
        // The picker filters as you type.
        a.type_text("setup").keys("enter");
        assert!(a.model.overlay.is_none());
        assert_eq!(
            a.opened,
            [Effect::Open {
                name: "setup.exe".into(),
                bytes: b"MZ\x90\x00".to_vec(),
                refuse: Some(".exe files are programs".into()),
            }]
        );
        a.send(Msg::Opened(Opened {
            name: "setup.exe".into(),
            outcome: OpenOutcome::Kept {
                path: "/tmp/d/setup.exe".into(),
                why: ".exe files are programs".into(),
            },
        }));
        let t = a.model.toast.clone().unwrap();
        assert!(t.error);
        assert_eq!(
            t.text,
            "saved /tmp/d/setup.exe — not opened: .exe files are programs; open it yourself only if you trust it"
        );
        assert_screen!(format!("kept_{w}x{h}"), a.screen());
    }
}

#[test]
fn a_failed_opener_is_named_and_nothing_raw_reaches_the_screen() {
    let (_dir, mut a, [_, one, _]) = app(80, 24);
    open_ticket(&mut a, one);
    a.send(Msg::Opened(Opened {
        name: "evil\u{1b}[2J.pdf".into(),
        outcome: OpenOutcome::OpenerFailed {
            opener: "xdg-open".into(),
            path: "/tmp/d/evil\u{1b}[2J.pdf".into(),
            reason: "No such file or directory".into(),
        },
    }));
    let t = a.model.toast.clone().unwrap();
    assert!(t.error);
    assert!(!t.text.contains('\u{1b}'), "{:?}", t.text);
    assert!(
        t.text.starts_with("saved /tmp/d/evil")
            && t.text
                .contains("— `xdg-open` could not open it (No such file or directory)"),
        "{}",
        t.text
    );
}

#[cfg(unix)]
mod runtime {
    use super::*;
    use desk::runtime::open::{opener_command, private_dir, save_and_open};
    use std::os::unix::fs::PermissionsExt;
    use std::path::{Path, PathBuf};

    /// A script that writes the argument it was given to `record` (and exits with `code`).
    fn opener_script(dir: &Path, record: &Path, code: i32) -> PathBuf {
        let path = dir.join("opener.sh");
        std::fs::write(
            &path,
            format!(
                "#!/bin/sh\nprintf '%s' \"$1\" > '{}'\nexit {code}\n",
                record.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    fn run(dir: &Path, name: &str, refuse: Option<String>, opener: &Path) -> Vec<Opened> {
        let mut got = Vec::new();
        // Run through `sh` rather than exec'ing the script: another test thread forking while the script was being
        // written holds its write descriptor until that child execs, and exec'ing it then fails with ETXTBSY.
        let cmd = opener_command(Some(&format!("sh {}", opener.display())));
        save_and_open(dir, name, PDF, refuse, &cmd, &mut |o| got.push(o));
        got
    }

    #[test]
    fn the_opener_gets_a_private_copy_that_never_replaces_a_file() {
        let scratch = tempfile::tempdir().unwrap();
        let record = scratch.path().join("argument");
        let opener = opener_script(scratch.path(), &record, 0);
        let files = private_dir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(files.path()), 0o700);

        let got = run(files.path(), "发票.pdf", None, &opener);
        let [
            Opened {
                name,
                outcome: OpenOutcome::Launched { opener: used, path },
            },
        ] = got.as_slice()
        else {
            panic!("{got:?}");
        };
        assert_eq!(name, "发票.pdf");
        assert_eq!(*used, format!("sh {}", opener.display()));
        assert_eq!(Path::new(path), files.path().join("发票.pdf"));
        assert_eq!(std::fs::read(path).unwrap(), PDF);
        assert_eq!(mode(Path::new(path)), 0o600);
        // save_and_open returns once the opener has exited, so what it recorded is there.
        assert_eq!(std::fs::read_to_string(&record).unwrap(), *path);

        // The same name again is a second file; the first is untouched.
        std::fs::write(path, b"changed by the viewer").unwrap();
        let got = run(files.path(), "发票.pdf", None, &opener);
        let [
            Opened {
                outcome: OpenOutcome::Launched { path: second, .. },
                ..
            },
        ] = got.as_slice()
        else {
            panic!("{got:?}");
        };
        assert_eq!(Path::new(second), files.path().join("发票 (2).pdf"));
        assert_eq!(std::fs::read_to_string(&record).unwrap(), *second);
        assert_eq!(std::fs::read(path).unwrap(), b"changed by the viewer");
    }

    #[test]
    fn a_program_is_saved_and_never_handed_to_the_opener() {
        let scratch = tempfile::tempdir().unwrap();
        let record = scratch.path().join("argument");
        let opener = opener_script(scratch.path(), &record, 0);
        let files = private_dir().unwrap();
        let got = run(
            files.path(),
            "setup.exe",
            Some(".exe files are programs".into()),
            &opener,
        );
        let [
            Opened {
                outcome: OpenOutcome::Kept { path, why },
                ..
            },
        ] = got.as_slice()
        else {
            panic!("{got:?}");
        };
        assert_eq!(why, ".exe files are programs");
        assert_eq!(std::fs::read(path).unwrap(), PDF);
        assert!(!record.exists(), "the opener ran");
    }

    #[test]
    fn an_opener_that_fails_at_once_is_reported_after_the_launch() {
        let scratch = tempfile::tempdir().unwrap();
        let record = scratch.path().join("argument");
        let opener = opener_script(scratch.path(), &record, 3);
        let files = private_dir().unwrap();
        let got = run(files.path(), "a.pdf", None, &opener);
        let [
            Opened {
                outcome: OpenOutcome::Launched { .. },
                ..
            },
            Opened {
                outcome: OpenOutcome::OpenerFailed { path, reason, .. },
                ..
            },
        ] = got.as_slice()
        else {
            panic!("{got:?}");
        };
        assert!(reason.contains('3'), "{reason}");
        assert_eq!(std::fs::read(path).unwrap(), PDF);
    }
}
