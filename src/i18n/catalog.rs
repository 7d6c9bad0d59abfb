//! The Fluent bundles, one per locale, built once from the embedded `.ftl` files.

use super::Locale;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use include_dir::{Dir, include_dir};
use std::sync::LazyLock;

/// A message's variable: a string or a number (numbers select plural forms).
pub type Arg<'a> = fluent_bundle::FluentValue<'a>;

/// Every catalogue file, `<locale>/<area>.ftl`, as shipped.
pub static FILES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/locales");

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<Vec<(Locale, Bundle)>> =
    LazyLock::new(|| Locale::ALL.iter().map(|l| (*l, bundle(*l))).collect());

/// The locale's bundle from its folder's files. A file that does not parse keeps the messages that did (the
/// completeness test fails on it), so the interface still speaks.
fn bundle(locale: Locale) -> Bundle {
    let mut bundle = new_bundle(locale);
    let files = FILES
        .get_dir(locale.tag())
        .map(|d| d.files().collect::<Vec<_>>())
        .unwrap_or_default();
    for file in files {
        let Some(text) = file.contents_utf8() else {
            continue;
        };
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
        // A key defined twice keeps its first definition; the completeness test names the duplicate.
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// An empty bundle for `locale` with desk's settings: the locale's plural rules, and no Unicode isolation marks
/// around variables (FSI/PDI would reach the terminal as characters of their own).
pub(super) fn new_bundle(locale: Locale) -> Bundle {
    let id = locale
        .tag()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    bundle
}

fn bundle_of(locale: Locale) -> Option<&'static Bundle> {
    BUNDLES.iter().find(|(l, _)| *l == locale).map(|(_, b)| b)
}

/// Whether `locale`'s own catalogue has `key` (no fallback).
pub fn has(locale: Locale, key: &str) -> bool {
    bundle_of(locale).is_some_and(|b| b.has_message(key))
}

/// The message `key` in `locale`.
pub fn tr(locale: Locale, key: &str) -> String {
    tr_args(locale, key, &[])
}

/// The message `key` in `locale` with its variables: `tr_args(l, "time-ago", &[("age", "5m".into())])`. Falls back
/// to English, then to the key itself; a missing variable shows as `{$name}` rather than failing.
pub fn tr_args(locale: Locale, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    let fluent_args = (!args.is_empty()).then(|| {
        let mut a = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            a.set(*name, value.clone());
        }
        a
    });
    [locale, Locale::En]
        .into_iter()
        .filter_map(bundle_of)
        .find_map(|b| format(b, key, fluent_args.as_ref()))
        .unwrap_or_else(|| key.to_string())
}

pub(super) fn format(bundle: &Bundle, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}
