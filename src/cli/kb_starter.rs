//! The starter knowledge base desk ships: six after-sales articles (returns, warranty, delivery, a damaged
//! package, passwords, invoices) written for each locale, in the file form `desk kb export` writes. `desk init`
//! adds the interface's set to a new database and `desk kb starter` to an existing one, always as drafts, through
//! the import's own parsing and writing.

use super::locale::say;
use super::output::Out;
use crate::i18n::{Arg, Locale, tr_args};
use crate::store::Store;
use crate::store::kb_files::KbImportReport;

/// One shipped article: `(locale, file name, text)`, the text from `assets/kb-starter/<locale>/<file name>`.
macro_rules! starter {
    ($locale:ident, $dir:literal, $file:literal) => {
        (
            Locale::$locale,
            $file,
            include_str!(concat!("../../assets/kb-starter/", $dir, "/", $file)),
        )
    };
}

/// Every starter article, `(locale, file name, text)`: the same file names, one topic each, in every locale.
pub const ARTICLES: &[(Locale, &str, &str)] = &[
    starter!(En, "en", "returns-and-refunds.md"),
    starter!(En, "en", "warranty-and-repair.md"),
    starter!(En, "en", "tracking-and-delayed-delivery.md"),
    starter!(En, "en", "damaged-package.md"),
    starter!(En, "en", "password-and-account-lock.md"),
    starter!(En, "en", "invoices.md"),
    starter!(ZhCn, "zh-CN", "returns-and-refunds.md"),
    starter!(ZhCn, "zh-CN", "warranty-and-repair.md"),
    starter!(ZhCn, "zh-CN", "tracking-and-delayed-delivery.md"),
    starter!(ZhCn, "zh-CN", "damaged-package.md"),
    starter!(ZhCn, "zh-CN", "password-and-account-lock.md"),
    starter!(ZhCn, "zh-CN", "invoices.md"),
    starter!(ZhTw, "zh-TW", "returns-and-refunds.md"),
    starter!(ZhTw, "zh-TW", "warranty-and-repair.md"),
    starter!(ZhTw, "zh-TW", "tracking-and-delayed-delivery.md"),
    starter!(ZhTw, "zh-TW", "damaged-package.md"),
    starter!(ZhTw, "zh-TW", "password-and-account-lock.md"),
    starter!(ZhTw, "zh-TW", "invoices.md"),
];

/// The tag every starter article carries, so a team can find (and replace) them.
pub const TAG: &str = "starter";

/// `locale`'s starter articles, `(file name, text)`, in the table's order.
pub fn articles(locale: Locale) -> impl Iterator<Item = (&'static str, &'static str)> {
    ARTICLES
        .iter()
        .filter(move |(l, _, _)| *l == locale)
        .map(|(_, name, text)| (*name, *text))
}

/// Adds `locale`'s starter articles as drafts, by the import's code path; an article whose title is already in
/// the knowledge base is skipped (counted in `skipped`), so running it again adds nothing and changes nothing.
pub fn add(store: &mut Store, locale: Locale, now: i64) -> anyhow::Result<KbImportReport> {
    let files: Vec<(String, &str)> = articles(locale)
        .map(|(name, text)| (format!("assets/kb-starter/{locale}/{name}"), text))
        .collect();
    let report = store.import_article_texts(&files, now)?;
    // The shipped files are checked by tests; one that does not parse is desk's bug, said as such.
    if let Some(first) = report.errors.first() {
        anyhow::bail!(
            "a starter article desk ships does not read ({} bad): {first}",
            report.errors.len()
        );
    }
    Ok(report)
}

/// A `--locale` for the starter articles: `en`, `zh-CN` or `zh-TW`, as `ui.locale` names them. Read after the
/// interface's language is settled, so the refusal speaks it.
pub fn parse_locale(text: &str) -> anyhow::Result<Locale> {
    let text = text.trim();
    Locale::ALL
        .into_iter()
        .find(|l| l.tag() == text)
        .ok_or_else(|| {
            let allowed = Locale::ALL.map(Locale::tag).join(", ");
            super::UsageError(say(
                "cli-kb-starter-unknown-locale",
                &[("given", &text), ("allowed", &allowed)],
            ))
            .into()
        })
}

/// `desk kb starter [--locale L]`: adds the set in `locale` (default: the interface's) and says how many were
/// added and skipped, and where to review them.
pub fn run(
    store: &mut Store,
    locale: Option<&str>,
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let ui = super::locale::get();
    let locale = match locale {
        Some(text) => parse_locale(text)?,
        None => ui,
    };
    let report = add(store, locale, now)?;
    writeln!(
        out,
        "{}",
        tr_args(
            ui,
            "cli-kb-starter-done",
            &[
                ("added", report.created.into()),
                ("skipped", report.skipped.into()),
                ("locale", Arg::from(locale.tag())),
            ],
        )
    )?;
    if report.created > 0 {
        writeln!(out, "{}", review_hint())?;
    }
    Ok(())
}

/// What `desk init` says after adding the set: how many drafts, in which language, and where to see them.
pub fn init_lines(
    report: &KbImportReport,
    locale: Locale,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let ui = super::locale::get();
    writeln!(
        out,
        "{}",
        tr_args(
            ui,
            "cli-init-starter-added",
            &[
                ("count", report.created.into()),
                ("locale", Arg::from(locale.tag())),
            ],
        )
    )?;
    writeln!(out, "{}", review_hint())?;
    Ok(())
}

fn review_hint() -> String {
    say(
        "cli-kb-starter-review",
        &[
            ("list", &"desk kb list --view drafts"),
            ("publish", &"desk kb status ID published"),
        ],
    )
}
