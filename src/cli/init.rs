//! `desk init`: a new database (or an existing one brought to the current schema), the agent at the keyboard
//! registered, and on a new database the starter knowledge base in the interface's language, as drafts.

use super::locale::say;
use super::output::Out;
use crate::store::Store;
use crate::store::roles::Registration;

#[derive(Debug, Clone, Default, clap::Args)]
pub struct InitArgs {
    /// Leave the knowledge base empty: no starter articles (a new database otherwise gets six, as drafts)
    #[arg(long)]
    pub no_starter_articles: bool,
}

/// Says what `main` did (the database, the registration), then adds the starter articles when `created` (this
/// run made the database) unless `--no-starter-articles`. An existing database is left as it was:
/// `desk kb starter` adds them there.
pub fn run(
    store: &mut Store,
    args: &InitArgs,
    created: bool,
    registered: Registration,
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    writeln!(
        out,
        "{}",
        say(
            "said-init-ready",
            &[
                ("path", &store.path().display()),
                ("schema", &crate::store::LATEST_SCHEMA),
            ],
        )
    )?;
    if let Registration::Added(role) = registered {
        writeln!(
            out,
            "{}",
            say(
                "said-init-registered",
                &[
                    ("handle", &store.actor().unwrap_or_default()),
                    ("role", &role),
                    ("add", &"`desk agent add HANDLE`"),
                ],
            )
        )?;
    }
    if created && !args.no_starter_articles {
        let locale = super::locale::get();
        let report = super::kb_starter::add(store, locale, now)?;
        super::kb_starter::init_lines(&report, locale, out)?;
    }
    Ok(())
}
