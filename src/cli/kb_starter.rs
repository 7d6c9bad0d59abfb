//! The starter knowledge base desk ships: six after-sales articles (returns, warranty, delivery, a damaged
//! package, passwords, invoices) written for each locale, in the file form `desk kb export` writes.

use crate::i18n::Locale;

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
