//! Errors that say what is really wrong: a directory is a directory, a missing right is a permission problem
//! naming the path and the right (never "corrupt"), and a non-UTF-8 CSV names its likely encoding.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs desk as an unprivileged user: as `nobody` through setpriv when the tests run as root (root passes every
/// permission check), else as the current user.
fn desk_unprivileged(home: &Path, args: &[&str]) -> Output {
    let bin = env!("CARGO_BIN_EXE_desk");
    let uid = Command::new("id").arg("-u").output().unwrap().stdout;
    let root = String::from_utf8_lossy(&uid).trim() == "0";
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "li")
        .output()
        .unwrap()
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_directory_given_as_the_database_is_called_a_directory() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().display().to_string();
    let o = common::desk_as(home.path(), "li", &["ticket", "list", "--db", &dir]);
    assert_eq!(o.status.code(), Some(4));
    assert_eq!(
        text(&o).trim(),
        format!(
            "desk: {dir} is a directory, not a database file; pass --db with a file in it, such as {dir}/desk.db"
        )
    );
}

#[test]
fn a_missing_right_is_a_permission_problem_naming_the_path_and_the_right() {
    let home = tempfile::tempdir().unwrap();
    chmod(home.path(), 0o755);
    let team = home.path().join("team");
    std::fs::create_dir(&team).unwrap();
    chmod(&team, 0o777);
    let db = team.join("desk.db");
    let d = db.display().to_string();
    let o = common::desk_as(home.path(), "li", &["init", "--db", &d]);
    assert!(o.status.success(), "{}", text(&o));

    let cases = [
        (0o000, 0o777, "desk cannot read the file".to_string()),
        (0o444, 0o777, "desk cannot write the file".to_string()),
        (
            0o666,
            0o555,
            format!(
                "desk cannot create files in {}, where SQLite keeps the file's journal",
                team.display()
            ),
        ),
    ];
    for (file_mode, dir_mode, need) in cases {
        chmod(&db, file_mode);
        chmod(&team, dir_mode);
        let o = desk_unprivileged(home.path(), &["ticket", "list", "--db", &d]);
        chmod(&team, 0o777);
        let err = text(&o);
        assert_eq!(o.status.code(), Some(4), "{err}");
        assert!(
            err.starts_with(&format!("desk: permission denied on {d}: {need};")),
            "{err}"
        );
        assert!(
            !err.contains("corrupt") && !err.contains("restore"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    chmod(&db, 0o666);
    let o = desk_unprivileged(home.path(), &["ticket", "list", "--db", &d]);
    assert!(
        o.status.success(),
        "with the rights back it opens: {}",
        text(&o)
    );
}

#[test]
fn a_gbk_csv_names_its_encoding_and_imports_with_it() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("a.db").display().to_string();
    assert!(
        common::desk_as(home.path(), "li", &["init", "--db", &db])
            .status
            .success()
    );
    let file = home.path().join("客户.csv");
    let (gbk, _, _) = encoding_rs::GB18030
        .encode("姓名,邮箱,等级\n王芳,wang@example.com,gold\n李娜,li@example.com,silver\n");
    std::fs::write(&file, gbk).unwrap();
    let f = file.display().to_string();
    let o = common::desk_as(home.path(), "li", &["customer", "import", &f, "--db", &db]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o).trim(),
        format!(
            "desk: {f} is not UTF-8 (from line 1); it looks like GBK — pass --encoding gbk, or save it as “CSV UTF-8”"
        )
    );
    let o = common::desk_as(
        home.path(),
        "li",
        &["customer", "import", &f, "--db", &db, "--encoding", "gbk"],
    );
    assert!(o.status.success(), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("2 new"), "{out}");
}
