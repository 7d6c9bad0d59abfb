//! The store's errors and role refusals in any of the interface's languages: the TUI's refusals and the command
//! line's errors say them the same way. English reads exactly as each error's own text (scripts and logs have always
//! read it; `tests/cli_error_words.rs` holds the catalogue to that); Chinese says the same facts. Commands, flags,
//! paths and stored values stay as they are.

use crate::domain::team::{Act, Denied, Role};
use crate::i18n::{Arg, Locale, has, tr, tr_args};
use crate::store::StoreError;

/// `error` in `l`, or `None` when its text is not the store's to word (a domain rule's refusal, SQLite's own).
pub fn store_error(l: Locale, error: &StoreError) -> Option<String> {
    let shown = |p: &std::path::Path| p.display().to_string();
    let say = |key: &str, args: &[(&str, Arg<'_>)]| Some(tr_args(l, key, args));
    match error {
        StoreError::MissingDirectory { dir } => say(
            "errors-missing-directory",
            &[("dir", Arg::from(shown(dir)))],
        ),
        StoreError::IsDirectory { path: p } => {
            say("errors-is-directory", &[("path", Arg::from(shown(p)))])
        }
        StoreError::Permission { path: p, need } => say(
            "errors-permission",
            &[
                ("path", Arg::from(shown(p))),
                ("need", need.as_str().into()),
            ],
        ),
        StoreError::MissingDatabase { path: p } => {
            say("errors-missing-database", &[("path", Arg::from(shown(p)))])
        }
        StoreError::NotADatabase { path: p, detail } => say(
            "errors-not-a-database",
            &[
                ("path", Arg::from(shown(p))),
                ("detail", detail.as_str().into()),
            ],
        ),
        StoreError::NewerSchema {
            path: p,
            found,
            known,
        } => say(
            "errors-newer-schema",
            &[
                ("path", Arg::from(shown(p))),
                ("found", found.to_string().into()),
                ("known", known.to_string().into()),
            ],
        ),
        StoreError::Busy { path: p } => say("errors-busy", &[("path", Arg::from(shown(p)))]),
        StoreError::WalOnShare { path: p } => {
            say("errors-wal-on-share", &[("path", Arg::from(shown(p)))])
        }
        StoreError::InUse { path: p, to } => say(
            "errors-in-use",
            &[("path", Arg::from(shown(p))), ("to", (*to).into())],
        ),
        StoreError::Conflict {
            entity,
            id,
            expected,
            found,
        } => say(
            "errors-conflict",
            &[
                ("entity", entity_name(l, entity).into()),
                ("id", id.as_str().into()),
                ("expected", expected.to_string().into()),
                ("found", found.to_string().into()),
            ],
        ),
        StoreError::BadValue {
            entity,
            id,
            field,
            value,
            fix,
        } => say(
            "errors-bad-value",
            &[
                ("entity", entity_name(l, entity).into()),
                ("id", id.as_str().into()),
                ("field", (*field).into()),
                ("value", value.as_str().into()),
                ("fix", fix.as_str().into()),
            ],
        ),
        StoreError::NotFound { entity, id } => say(
            "errors-not-found",
            &[
                ("entity", entity_name(l, entity).into()),
                ("id", id.as_str().into()),
            ],
        ),
        StoreError::UnknownField { entity, field } => say(
            "errors-unknown-field",
            &[
                ("entity", entity_name(l, entity).into()),
                ("field", field.as_str().into()),
            ],
        ),
        StoreError::Io { path: p, source } => say(
            "errors-io",
            &[
                ("path", Arg::from(shown(p))),
                ("source", source.to_string().into()),
            ],
        ),
        StoreError::Denied(d) => Some(denied(l, d)),
        StoreError::Refused(_) | StoreError::Sqlite(_) => None,
    }
}

/// A role check's refusal: the act, who asked, and who may do it.
pub fn denied(l: Locale, d: &Denied) -> String {
    let need = d.needs();
    let handle = d.handle.as_str();
    let who = match d.role {
        Some(role) => tr_args(
            l,
            "errors-who-has-role",
            &[("handle", handle.into()), ("role", role.as_str().into())],
        ),
        None => tr_args(l, "errors-who-unregistered", &[("handle", handle.into())]),
    };
    let ask = tr(
        l,
        if need == Role::Admin {
            "errors-ask-admin"
        } else {
            "errors-ask-lead"
        },
    );
    tr_args(
        l,
        "errors-denied",
        &[
            ("act", tr(l, act_key(d.act)).into()),
            ("need", need.as_str().into()),
            ("who", who.into()),
            ("ask", ask.into()),
            ("handle", handle.into()),
        ],
    )
}

fn act_key(act: Act) -> &'static str {
    match act {
        Act::ManageAgents => "errors-act-manage-agents",
        Act::ManageGroups => "errors-act-manage-groups",
        Act::ReassignOthers => "errors-act-reassign-others",
        Act::PublishArticle => "errors-act-publish-article",
        Act::ExportPersonalData => "errors-act-export-personal-data",
        Act::ReplaceDatabase => "errors-act-replace-database",
        Act::ConvertDatabase => "errors-act-convert-database",
        Act::ReviewQuality => "errors-act-review-quality",
    }
}

/// The store's name for a kind of record, in `l`; a name the catalogues lack as it is.
fn entity_name(l: Locale, entity: &str) -> String {
    let key = ["errors-entity-", entity].concat();
    if has(l, &key) {
        tr(l, &key)
    } else {
        entity.to_string()
    }
}
