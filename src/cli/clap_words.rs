//! clap's own parse errors — an unknown flag or subcommand, a bad or missing value — in the CLI's language. English
//! is clap's wording on one line ([`super::usage_line`]); Chinese words the kinds a user meets, with the flags,
//! values and allowed values as typed. A kind not worded here keeps clap's English.

use super::locale::say;
use crate::i18n::Locale;
use clap::error::{ContextKind, ErrorKind};

/// The one line a parse error prints after `desk: `, in the CLI's language (`locale::set` it first).
pub fn usage_line_in_locale(e: &clap::Error, args: &[String]) -> String {
    let english = || super::usage_line(e, args);
    if super::locale::get() == Locale::En {
        return english();
    }
    let Some(problem) = problem(e) else {
        return english();
    };
    say(
        "usage-clap-see-help",
        &[
            ("problem", &problem),
            ("command", &super::command_path(args)),
        ],
    )
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    e.get(kind).map(|v| v.to_string()).filter(|v| !v.is_empty())
}

/// Why one of desk's value parsers refused a value, in the CLI's language; a reason it does not know, as given.
fn reason(source: &(dyn std::error::Error + 'static)) -> String {
    use super::demo::DemoLocale;
    if let Some(u) = source.downcast_ref::<crate::domain::UnknownValue>() {
        super::locale::unknown(u)
    } else if let Some(n) = source.downcast_ref::<super::output::NotARowCount>() {
        say("usage-not-a-row-count", &[("value", &n.0)])
    } else if let Some(l) = source.downcast_ref::<super::report::UnknownLocale>() {
        say("usage-not-a-locale", &[("value", &l.value)])
    } else if let Some(d) = source.downcast_ref::<DemoLocale>() {
        match d {
            DemoLocale::Traditional => say("usage-demo-traditional", &[]),
            DemoLocale::Unknown(v) => say("usage-demo-locale", &[("value", v)]),
        }
    } else {
        source.to_string()
    }
}

/// The problem in the CLI's language (set by the caller), or None for a kind worded only in English.
fn problem(e: &clap::Error) -> Option<String> {
    let arg = || context(e, ContextKind::InvalidArg);
    let value = || context(e, ContextKind::InvalidValue).unwrap_or_default();
    let said = match e.kind() {
        ErrorKind::UnknownArgument => say("usage-clap-unknown-argument", &[("arg", &arg()?)]),
        ErrorKind::InvalidSubcommand => {
            let command = context(e, ContextKind::InvalidSubcommand)?;
            say("usage-clap-unknown-subcommand", &[("command", &command)])
        }
        ErrorKind::InvalidValue => match context(e, ContextKind::ValidValue) {
            Some(allowed) => say(
                "usage-clap-invalid-value-allowed",
                &[("arg", &arg()?), ("value", &value()), ("allowed", &allowed)],
            ),
            None => say(
                "usage-clap-invalid-value",
                &[("arg", &arg()?), ("value", &value())],
            ),
        },
        ErrorKind::ValueValidation => {
            let reason = reason(std::error::Error::source(e)?);
            say(
                "usage-clap-invalid-value-because",
                &[("arg", &arg()?), ("value", &value()), ("reason", &reason)],
            )
        }
        ErrorKind::MissingRequiredArgument => say("usage-clap-missing", &[("args", &arg()?)]),
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg)?;
            say(
                "usage-clap-conflict",
                &[("arg", &arg()?), ("prior", &prior)],
            )
        }
        _ => return None,
    };
    let suggested = context(e, ContextKind::SuggestedArg)
        .or_else(|| context(e, ContextKind::SuggestedSubcommand));
    Some(match suggested {
        Some(s) => say(
            "usage-clap-did-you-mean",
            &[("problem", &said), ("suggestion", &s)],
        ),
        None => said,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::tr_args;

    /// The English sentences the catalogue keeps for desk's value parsers are the errors' own.
    #[test]
    fn english_reasons_are_the_errors_own() {
        use super::super::demo::DemoLocale;
        use super::super::output::NotARowCount;
        let en =
            |key: &str, args: &[(&str, crate::i18n::Arg<'static>)]| tr_args(Locale::En, key, args);
        assert_eq!(
            en("usage-not-a-row-count", &[("value", "-3".into())]),
            NotARowCount("-3".into()).to_string()
        );
        assert_eq!(
            en("usage-demo-traditional", &[]),
            DemoLocale::Traditional.to_string()
        );
        assert_eq!(
            en("usage-demo-locale", &[("value", "fr".into())]),
            DemoLocale::Unknown("fr".into()).to_string()
        );
    }

    /// English is clap's line exactly, whatever the catalogue says.
    #[test]
    fn english_is_clap_s_line() {
        use clap::Parser;
        for args in [
            "desk ticket list --frmat csv",
            "desk ticket lst",
            "desk customer show",
        ] {
            let args: Vec<String> = args.split(' ').map(String::from).collect();
            let e = super::super::Cli::try_parse_from(&args).unwrap_err();
            assert_eq!(
                usage_line_in_locale(&e, &args),
                super::super::usage_line(&e, &args)
            );
        }
    }
}
