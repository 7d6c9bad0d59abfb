//! The store's errors and the CLI's "not found" answers in the CLI's language: English reads exactly as each
//! error's own text, Chinese says the same facts with the paths, ids and commands kept as they are.

mod common;

use common::desk_in_locale;
use desk::cli::error_words::{denied, store_error};
use desk::domain::team::{Act, Denied, Role};
use desk::i18n::Locale;
use desk::store::StoreError;
use std::path::PathBuf;

/// One of every error the store words, with values a reader can find again in the sentence.
fn every_error() -> Vec<StoreError> {
    let path = || PathBuf::from("/srv/share/desk.db");
    vec![
        StoreError::MissingDirectory {
            dir: PathBuf::from("/srv/share"),
        },
        StoreError::IsDirectory { path: path() },
        StoreError::Permission {
            path: path(),
            need: "desk cannot write the file".into(),
        },
        StoreError::MissingDatabase { path: path() },
        StoreError::NotADatabase {
            path: path(),
            detail: "file is not a database".into(),
        },
        StoreError::NewerSchema {
            path: path(),
            found: 1041,
            known: 33,
        },
        StoreError::Busy { path: path() },
        StoreError::WalOnShare { path: path() },
        StoreError::InUse {
            path: path(),
            to: "shared",
        },
        StoreError::Conflict {
            entity: "ticket",
            id: "T00000001".into(),
            expected: 3,
            found: 4,
        },
        StoreError::BadValue {
            entity: "ticket",
            id: "T00000007".into(),
            field: "status",
            value: "stalled".into(),
            fix: "desk ticket set 1007 status=open".into(),
        },
        StoreError::NotFound {
            entity: "customer",
            id: "C00000042".into(),
        },
        StoreError::UnknownField {
            entity: "article",
            field: "colour".into(),
        },
        StoreError::Io {
            path: path(),
            source: std::io::Error::other("no space left"),
        },
    ]
}

fn every_denial() -> Vec<Denied> {
    let acts = [
        Act::ManageAgents,
        Act::ManageGroups,
        Act::ReassignOthers,
        Act::PublishArticle,
        Act::ExportPersonalData,
        Act::ReplaceDatabase,
        Act::ConvertDatabase,
        Act::ReviewQuality,
    ];
    let mut out = Vec::new();
    for act in acts {
        for role in [None, Some(Role::Agent), Some(Role::Lead)] {
            out.push(Denied {
                handle: "wang".into(),
                role,
                act,
            });
        }
    }
    out
}

#[test]
fn english_reads_exactly_as_the_errors_own_text() {
    for e in every_error() {
        assert_eq!(
            store_error(Locale::En, &e).as_deref(),
            Some(e.to_string().as_str())
        );
    }
    for d in every_denial() {
        assert_eq!(denied(Locale::En, &d), d.to_string());
        let wrapped = StoreError::Denied(d.clone());
        assert_eq!(store_error(Locale::En, &wrapped), Some(d.to_string()));
    }
    // A domain rule's refusal and SQLite's own words are not the store's to word.
    assert_eq!(
        store_error(Locale::ZhCn, &StoreError::Refused("closed".into())),
        None
    );
}

/// Characters whose simplified and traditional forms differ, as they appear in these messages.
const SIMPLIFIED: &[char] = &[
    '数', '据', '库', '单', '户', '录', '删', '权', '应', '请', '运', '执', '这',
];
const TRADITIONAL: &[char] = &[
    '數', '據', '庫', '單', '戶', '錄', '權', '應', '請', '運', '執', '這',
];

#[test]
fn chinese_says_the_same_facts_in_each_script_with_the_machine_words_kept() {
    for (locale, foreign) in [(Locale::ZhCn, TRADITIONAL), (Locale::ZhTw, SIMPLIFIED)] {
        for e in every_error() {
            let english = e.to_string();
            let text = store_error(locale, &e).unwrap();
            assert_ne!(text, english, "{locale:?} left {english} in English");
            assert!(!text.starts_with("errors-"), "{text}: a missing key");
            assert!(
                text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{text}"
            );
            assert!(
                !text.chars().any(|c| foreign.contains(&c)),
                "{locale:?}: {text}"
            );
            // Paths, ids, numbers and commands the English names are named in Chinese too.
            for token in english.split([' ', ';', '(', ')', ',']).filter(|t| {
                t.starts_with('/') || t.starts_with("--") || t.chars().any(|c| c.is_ascii_digit())
            }) {
                let token = token
                    .trim_end_matches([':', '.', '`'])
                    .trim_start_matches('`');
                assert!(
                    text.contains(token),
                    "{locale:?}: `{token}` missing from {text}"
                );
            }
        }
        for d in every_denial() {
            let text = denied(locale, &d);
            let command = format!("`desk agent set-role wang {}`", d.needs());
            assert!(text.contains(&command), "{text}");
            assert!(
                !text.chars().any(|c| foreign.contains(&c)),
                "{locale:?}: {text}"
            );
        }
    }
    let conflict = store_error(Locale::ZhCn, &every_error()[9]).unwrap();
    assert!(
        conflict.starts_with("工单 T00000001 在你读取后已被更改"),
        "{conflict}"
    );
}

#[test]
fn the_command_line_answers_in_the_locale_with_the_same_exit_codes() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("desk.db").display().to_string();
    let init = desk_in_locale(home.path(), "li", "C.UTF-8", &["init", "--db", &db]);
    assert!(init.status.success(), "{init:?}");
    let run = |lang: &str, user: &str, args: &[&str]| {
        let out = desk_in_locale(home.path(), user, lang, args);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        )
    };
    let show = ["ticket", "show", "99999", "--db", &db];
    assert_eq!(
        run("C.UTF-8", "li", &show),
        (Some(3), "desk: no ticket #99999".into())
    );
    assert_eq!(
        run("zh_CN.UTF-8", "li", &show),
        (Some(3), "desk: 没有工单 #99999".into())
    );
    assert_eq!(
        run("zh_TW.UTF-8", "li", &show),
        (Some(3), "desk: 沒有工單 #99999".into())
    );

    let customer = ["customer", "show", "nobody@example.com", "--db", &db];
    let (code, text) = run("zh_CN.UTF-8", "li", &customer);
    assert_eq!(
        (code, text.as_str()),
        (
            Some(3),
            "desk: 没有 id 或邮箱为 `nobody@example.com` 的客户"
        )
    );

    let missing = home
        .path()
        .join("nowhere")
        .join("desk.db")
        .display()
        .to_string();
    let (english_code, english) = run("C.UTF-8", "li", &["ticket", "list", "--db", &missing]);
    let (code, text) = run("zh_TW.UTF-8", "li", &["ticket", "list", "--db", &missing]);
    assert_eq!(code, english_code);
    assert!(english.contains("does not exist"), "{english}");
    assert!(
        text.starts_with("desk: 資料庫目錄 ") && text.contains("不存在"),
        "{text}"
    );

    // wang is registered as an agent on first use; adding agents is an admin's.
    let (code, text) = run(
        "zh_CN.UTF-8",
        "wang",
        &["agent", "add", "zhao", "--db", &db],
    );
    let (english_code, english) = run("C.UTF-8", "wang", &["agent", "add", "zhao", "--db", &db]);
    assert_eq!(code, english_code);
    assert!(english.contains("needs the admin role"), "{english}");
    assert!(text.contains("管理客服和角色需要 admin 角色"), "{text}");
    assert!(text.contains("`desk agent set-role wang admin`"), "{text}");
}
