//! The command line's errors about its input speak the interface's language: English exactly as before (scripts
//! match it), zh-CN in simplified and zh-TW in traditional Chinese, the machine words — flags, field names, allowed
//! values, paths — kept as they are, and the exit code the same (usage: 2) in every language.

mod common;

use desk::cli::exit;
use std::path::Path;

/// A fresh, empty database in `home` (made in English).
fn empty_db(home: &Path) -> String {
    let db = home.join("desk.db");
    let db = db.to_str().unwrap().to_string();
    let out = common::desk_in_locale(home, "li", "C.UTF-8", &["--db", &db, "init"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

/// desk with `args` on `db` under LANG `lang`: its exit code and its one line on stderr.
fn fails(home: &Path, db: &str, lang: &str, args: &[&str]) -> (i32, String) {
    let args = [&["--db", db], args].concat();
    let out = common::desk_in_locale(home, "li", lang, &args);
    assert!(out.stdout.is_empty(), "desk {args:?} wrote to stdout");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

struct Case {
    args: &'static [&'static str],
    /// The whole English line, as desk wrote it before the messages came from the catalogues.
    english: &'static str,
    /// Words each Chinese line has: its machine words, then its prose in zh-CN and in zh-TW.
    kept: &'static [&'static str],
    zh_cn: &'static [&'static str],
    zh_tw: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        args: &["ticket", "set", "1", "bogus=1"],
        english: "desk: cannot set `bogus`; fields: status, priority, kind, channel, subject, assignee, group, \
                  product, close_reason, complaint_stage, complaint_category, complaint_severity, complaint_owner, \
                  root_cause, complaint_resolution, tags+=, tags-=\n",
        kept: &["`bogus`", "status, priority, kind", "tags+=, tags-="],
        zh_cn: &["不能设置", "字段"],
        zh_tw: &["無法設定", "欄位"],
    },
    Case {
        args: &["ticket", "set", "1", "status=bogus"],
        english: "desk: status: unknown status `bogus` (expected one of: new, open, pending, on_hold, solved, closed, \
                  merged)\n",
        kept: &[
            "status",
            "`bogus`",
            "new, open, pending, on_hold, solved, closed, merged",
        ],
        zh_cn: &["未知的", "可选值"],
        zh_tw: &["未知的", "可選值"],
    },
    Case {
        args: &["ticket", "set", "abc", "status=open"],
        english: "desk: `abc` is not a ticket number (like 1042 or #1042)\n",
        kept: &["`abc`", "1042", "#1042"],
        zh_cn: &["不是工单号"],
        zh_tw: &["不是工單編號"],
    },
    Case {
        args: &["ticket", "set", "1", "tags+=a,b"],
        english: "desk: `a,b` is not one tag: a tag is one word without spaces, control characters, `,`, `|` or `\"` \
                  (like vip, out-of-warranty or 退款)\n",
        kept: &["`a,b`", "vip", "out-of-warranty"],
        zh_cn: &["不是一个标签", "控制字符"],
        zh_tw: &["不是一個標籤", "控制字元"],
    },
    Case {
        args: &["ticket", "list", "--view", "nope"],
        english: "desk: unknown view `nope`; views: my-open, unassigned, all-open, all, pending, recently-solved, vip, \
                  at-risk, follow-ups\n",
        kept: &["`nope`", "my-open, unassigned, all-open"],
        zh_cn: &["未知的视图"],
        zh_tw: &["未知的檢視"],
    },
    Case {
        args: &["report", "--period", "5y"],
        english: "desk: --period `5y` is not a period; use today, 7d, 30d or quarter, or give --from and --to\n",
        kept: &["--period", "`5y`", "today", "quarter", "--from", "--to"],
        zh_cn: &["不是有效的时段", "请使用"],
        zh_tw: &["不是有效的期間", "請使用"],
    },
    Case {
        args: &["report", "--to", "2026-01-01"],
        english: "desk: --to needs --from (the first day of the report)\n",
        kept: &["--to", "--from"],
        zh_cn: &["报告的第一天"],
        zh_tw: &["報告的第一天"],
    },
    Case {
        args: &["visit", "set", "V1", "foo=bar"],
        english: "desk: `foo` is not a field of a visit; fields: status, engineer, window, address, service, notes, \
                  labour, cause, quote, confirmed, part\n",
        kept: &["`foo`", "status, engineer, window"],
        zh_cn: &["上门服务的字段"],
        zh_tw: &["到府服務的欄位"],
    },
    Case {
        args: &["visit", "set", "V1", "labour=zz"],
        english: "desk: labour `zz`: use minutes (45) or a duration (1h30m)\n",
        kept: &["labour `zz`", "45", "1h30m"],
        zh_cn: &["分钟数"],
        zh_tw: &["分鐘數"],
    },
    Case {
        args: &["group", "set", "售后服务部", "archived=maybe"],
        english: "desk: archived `maybe`: use yes or no\n",
        kept: &["archived `maybe`", "yes", "no"],
        zh_cn: &["请使用"],
        zh_tw: &["請使用"],
    },
    Case {
        args: &["plan", "set", "1", "due=tomorrow"],
        english: "desk: due `tomorrow` is not a date; write it as YYYY-MM-DD, like 2026-12-31\n",
        kept: &["due `tomorrow`", "YYYY-MM-DD", "2026-12-31"],
        zh_cn: &["不是日期", "请写成"],
        zh_tw: &["不是日期", "請寫成"],
    },
    Case {
        args: &["customer", "care", "--due", "soon"],
        english: "desk: --due soon: use today, 7d, overdue or all\n",
        kept: &["--due soon", "today", "overdue"],
        zh_cn: &["请使用"],
        zh_tw: &["請使用"],
    },
    // clap's own errors: a mistyped flag with its suggestion, a missing argument, a refused value with desk's reason.
    Case {
        args: &["ticket", "list", "--frmat", "csv"],
        english: "desk: unexpected argument '--frmat' found; tip: a similar argument exists: '--format'; see `desk ticket \
                  list --help`\n",
        kept: &["'--frmat'", "'--format'", "`desk ticket list --help`"],
        zh_cn: &["无法识别的参数", "是否想用", "参见"],
        zh_tw: &["無法辨識的參數", "是否要用", "請參閱"],
    },
    Case {
        args: &["customer", "show"],
        english: "desk: the following required arguments were not provided: <ID_OR_EMAIL>; see `desk customer show \
                  --help`\n",
        kept: &["<ID_OR_EMAIL>", "`desk customer show --help`"],
        zh_cn: &["缺少必需的参数"],
        zh_tw: &["缺少必要的參數"],
    },
    Case {
        args: &["ticket", "list", "--limit", "-3"],
        english: "desk: invalid value '-3' for '--limit <LIMIT>': `-3` is not a number of rows (a whole number, 0 or \
                  more); see `desk ticket list --help`\n",
        kept: &["'--limit <LIMIT>'", "'-3'"],
        zh_cn: &["无效", "不是行数"],
        zh_tw: &["無效", "不是列數"],
    },
    // The view language's errors: the column and the problem worded, the typed words and accepted ones kept.
    Case {
        args: &["ticket", "list", "--filter", "status:open sort:size"],
        english: "desk: --filter: column 18: cannot sort by `size` (sort by updated, created, solved, number, due, \
                  followup or priority; - for newest / largest first)\n",
        kept: &["--filter", "`size`", "updated、created"],
        zh_cn: &["第 18 列", "不能按", "排序"],
        zh_tw: &["第 18 欄", "不能依", "排序"],
    },
    Case {
        args: &["customer", "list", "--filter", "tier:gold warranty:>3d"],
        english: "desk: --filter: column 20: `warranty:>3d`: use warranty:<30d (expiring) or warranty:expired\n",
        kept: &[
            "--filter",
            "`warranty:>3d`",
            "warranty:<30d",
            "warranty:expired",
        ],
        zh_cn: &["第 20 列", "请用", "即将到期"],
        zh_tw: &["第 20 欄", "請用", "即將到期"],
    },
];

#[test]
fn usage_errors_speak_the_locale_and_keep_english_and_the_exit_code() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = empty_db(h);
    for case in CASES {
        let (code, english) = fails(h, &db, "C.UTF-8", case.args);
        assert_eq!(english, case.english, "{:?}", case.args);
        assert_eq!(code, exit::USAGE, "{:?}: {english}", case.args);
        for (lang, words, other) in [
            ("zh_CN.UTF-8", case.zh_cn, case.zh_tw),
            ("zh_TW.UTF-8", case.zh_tw, case.zh_cn),
        ] {
            let (code, line) = fails(h, &db, lang, case.args);
            assert_eq!(code, exit::USAGE, "{lang} {:?}: {line}", case.args);
            assert!(line.starts_with("desk: ") && line.ends_with('\n'), "{line}");
            assert_eq!(line.lines().count(), 1, "{line}");
            assert_ne!(line, english, "{lang} {:?} is still English", case.args);
            for w in case.kept.iter().chain(words) {
                assert!(
                    line.contains(w),
                    "{lang} {:?}: no `{w}` in {line}",
                    case.args
                );
            }
            // Simplified is not traditional, nor the other way round, where the two are written differently.
            for w in other.iter().filter(|w| !words.contains(w)) {
                assert!(!line.contains(w), "{lang} {:?}: `{w}` in {line}", case.args);
            }
        }
    }
}

/// A path prints as given, in English and in Chinese.
#[test]
fn paths_print_as_written() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = empty_db(h);
    let (code, english) = fails(h, &db, "C.UTF-8", &["backup", &db]);
    assert_eq!(code, exit::USAGE);
    assert_eq!(
        english,
        format!("desk: {db} is the database being copied; choose a different file\n")
    );
    let (code, chinese) = fails(h, &db, "zh_TW.UTF-8", &["backup", &db]);
    assert_eq!(code, exit::USAGE);
    assert_eq!(
        chinese,
        format!("desk: {db} 就是正在複製的資料庫；請選擇另一個檔案\n")
    );
}

/// A command line clap refuses speaks the config's language too, from `--config` or the usual place.
#[test]
fn a_parse_error_follows_the_config_s_locale() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let given = h.join("given.toml");
    std::fs::write(&given, "[ui]\nlocale = \"zh-TW\"\n").unwrap();
    let given = given.to_str().unwrap();
    let args = ["--config", given, "ticket", "lst"];
    let out = common::desk_in_locale(h, "li", "C.UTF-8", &args);
    let line = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(exit::USAGE));
    assert!(line.starts_with("desk: 無法辨識的子命令 'lst'"), "{line}");
    // The usual place: $XDG_CONFIG_HOME/desk/config.toml.
    let usual = h.join("config").join("desk");
    std::fs::create_dir_all(&usual).unwrap();
    std::fs::write(usual.join("config.toml"), "[ui]\nlocale = \"zh-CN\"\n").unwrap();
    let out = common::desk_in_locale(h, "li", "C.UTF-8", &["ticket", "lst"]);
    let line = String::from_utf8(out.stderr).unwrap();
    assert!(line.starts_with("desk: 无法识别的子命令 'lst'"), "{line}");
}
