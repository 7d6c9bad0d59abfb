//! `desk demo`: a realistic, deterministic demo database, with a progress bar for big ones.

use crate::i18n::Locale;
use crate::store::{OpenMode, Store};
use anyhow::{Context, bail};
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// How many tickets
    #[arg(long, default_value_t = 200)]
    pub tickets: u64,
    /// How many customers (default: scales with tickets)
    #[arg(long)]
    pub customers: Option<u64>,
    /// How many knowledge-base articles (33: each shipped article once)
    #[arg(long, default_value_t = 33)]
    pub articles: u64,
    /// Seed: the same seed gives the same data
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Replace the database file if it exists
    #[arg(long)]
    pub force: bool,
    /// The team's language: zh-CN makes nearly every customer and ticket write Chinese, en mixes Chinese and
    /// English (default: the interface's language)
    #[arg(long, value_parser = demo_locale)]
    pub locale: Option<Locale>,
}

/// A `--locale` for the demo: `en` or `zh-CN`. Its Chinese is written in simplified characters, so `zh-TW` is refused
/// rather than giving a Taiwan team a simplified demo.
fn demo_locale(text: &str) -> Result<Locale, DemoLocale> {
    match text.trim() {
        "en" => Ok(Locale::En),
        "zh-CN" => Ok(Locale::ZhCn),
        "zh-TW" => Err(DemoLocale::Traditional),
        other => Err(DemoLocale::Unknown(other.to_string())),
    }
}

/// A demo `--locale` desk has no demo in; worded in the CLI's language by `clap_words`.
#[derive(Debug, thiserror::Error)]
pub enum DemoLocale {
    #[error(
        "the demo's Chinese is written in simplified characters; use zh-CN (or en) for the demo, and \
         ui.locale = \"zh-TW\" for the interface"
    )]
    Traditional,
    #[error("`{0}` is not one of en, zh-CN")]
    Unknown(String),
}

/// Customers for a ticket count: 60 for the default 200, about one per ten tickets at scale, at most 100k.
pub fn default_customers(tickets: u64) -> u64 {
    (tickets / 10).clamp(60, 100_000)
}

/// Generates the demo into `path` atomically: everything is written to `PATH.partial` next to it and renamed into
/// place at the end, so a killed run leaves either no database at `path` or the whole demo (converted for
/// shared mode first when `shared`). An existing database is replaced only with `--force`, or when it is empty.
pub fn generate(
    path: &Path,
    args: &DemoArgs,
    rules: crate::store::sla::ServiceRules,
    now: i64,
    progress: bool,
    shared: bool,
) -> anyhow::Result<()> {
    if path.exists() && !args.force {
        let store = Store::open(path, OpenMode::Existing)?;
        let c = store.counts()?;
        if c.tickets + c.customers + c.articles > 0 {
            bail!(super::UsageError(super::locale::say(
                "usage-demo-not-empty",
                &[
                    ("path", &path.display()),
                    ("tickets", &c.tickets),
                    ("customers", &c.customers),
                    ("articles", &c.articles),
                ],
            )));
        }
    }
    let name = path
        .file_name()
        .map_or_else(|| "desk.db".into(), |n| n.to_string_lossy().into_owned());
    let partial = path.with_file_name(format!("{name}.partial"));
    // What a killed run left behind is ours to clear.
    remove_with_side_files(&partial)?;
    let mut store = Store::open(&partial, OpenMode::Create)?;
    // Nobody sees the partial file before it is renamed into place, and a crash only means generating again.
    store.begin_scratch_writes()?;
    let opts = crate::demo::DemoOptions {
        tickets: args.tickets,
        customers: args
            .customers
            .unwrap_or_else(|| default_customers(args.tickets)),
        articles: args.articles,
        seed: args.seed,
        now,
        chinese: args.locale == Some(Locale::ZhCn),
    };
    let bar = progress.then(|| {
        let bar = indicatif::ProgressBar::new(args.tickets);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {bar:40} {pos}/{len} tickets · {per_sec} · eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let started = std::time::Instant::now();
    let elapsed =
        |started: std::time::Instant| i64::try_from(started.elapsed().as_secs()).unwrap_or(0);
    // The closed loop, the SLA clocks and escalations are derived from what was loaded, under the configured rules.
    // The demo's clock runs on while it is generated (minutes at a million tickets): settle as of the moment the
    // settling starts, build the report's roll-ups, then sweep once more as of the end, as the last write, so what
    // fell due meanwhile is not left to the first desk that opens the file. The derived columns are settled while
    // the other core finishes the search index.
    let mut settle_at = now;
    let mut rules = Some(rules);
    let summary = crate::demo::generate_with(
        &mut store,
        &opts,
        &mut |done, _total| {
            if let Some(b) = &bar {
                b.set_position(done);
            }
        },
        &mut |store| {
            settle_at = now + elapsed(started);
            match rules.take() {
                Some(rules) => crate::demo::settle_derived(store, rules, settle_at),
                None => Ok(()),
            }
        },
    )?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // The load's end reconnected (store::side_index), in the file's own journal mode.
    store.begin_scratch_writes()?;
    crate::demo::settle_due(&mut store, settle_at)?;
    // The report's daily roll-ups in one pass (the load left their triggers out), by this machine's local days, so
    // the first report reads them at once; from here on their triggers keep them.
    let offset = i64::from(chrono::Local::now().offset().local_minus_utc());
    let t = std::time::Instant::now();
    store.rebuild_rollups(offset)?;
    tracing::info!(
        "demo: report roll-ups in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let done_at = now + elapsed(started);
    if done_at > settle_at {
        store
            .sla_run(done_at)
            .context("escalating what fell due while the demo settled")?;
        store.measure_pending(done_at, &mut |_, _| {})?;
        tracing::info!("demo: settled again as of the end of generation");
    }
    store.end_scratch_writes()?;
    // Closing the last connection checkpoints the WAL into the file, so the file alone is the whole demo.
    drop(store);
    if shared {
        use crate::store::convert::{ConvertAs, convert};
        convert(
            &partial,
            crate::store::StorageMode::Shared,
            ConvertAs::Generator,
        )?;
    }
    remove_with_side_files(path)?;
    std::fs::rename(&partial, path).with_context(|| {
        format!(
            "moving the finished demo {} to {}",
            partial.display(),
            path.display()
        )
    })?;
    if progress {
        super::output::err_line(format_args!(
            "demo database {}: {} tickets, {} messages, {} customers, {} articles in {:.1}s",
            path.display(),
            summary.tickets,
            summary.messages,
            summary.customers,
            summary.articles,
            started.elapsed().as_secs_f64()
        ));
    }
    Ok(())
}

/// Removes `path` and the files SQLite (and the side index) keep beside it.
fn remove_with_side_files(path: &Path) -> anyhow::Result<()> {
    crate::store::backup::remove_database_files(path)
        .map_err(|(file, e)| anyhow::Error::new(e).context(format!("removing {}", file.display())))
}
