//! `desk demo`: a realistic, deterministic demo database, with a progress bar for big ones.

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
}

/// Customers for a ticket count: 60 for the default 200, about one per ten tickets at scale, at most 100k.
pub fn default_customers(tickets: u64) -> u64 {
    (tickets / 10).clamp(60, 100_000)
}

pub fn generate(
    path: &Path,
    args: &DemoArgs,
    rules: crate::store::sla::ServiceRules,
    now: i64,
    progress: bool,
) -> anyhow::Result<()> {
    if path.exists() {
        if !args.force {
            let store = Store::open(path, OpenMode::Existing)?;
            let n = store.counts()?.tickets;
            if n > 0 {
                bail!(super::UsageError(format!(
                    "{} already holds {n} tickets; pass --force to replace it, or choose another --db",
                    path.display()
                )));
            }
        } else {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let p = format!("{}{suffix}", path.display());
                if Path::new(&p).exists() {
                    std::fs::remove_file(&p).with_context(|| format!("removing {p}"))?;
                }
            }
        }
    }
    let mut store = Store::open(path, OpenMode::Create)?;
    let opts = crate::demo::DemoOptions {
        tickets: args.tickets,
        customers: args
            .customers
            .unwrap_or_else(|| default_customers(args.tickets)),
        articles: args.articles,
        seed: args.seed,
        now,
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
    let summary = crate::demo::generate(&mut store, &opts, &mut |done, _total| {
        if let Some(b) = &bar {
            b.set_position(done);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // The closed loop and the SLA clocks are derived from what was loaded, under the configured rules.
    store.set_service_rules(rules);
    store.sync_phone_region()?;
    store.backfill_loop_columns()?;
    // Tiers first: they pick the SLA policy of each customer's tickets.
    store.recompute_customers(now, &mut |_, _| {})?;
    store.schedule_care(now)?;
    store.recompute_stale_clocks(now, usize::MAX)?;
    // Report measures (business times, SLA outcomes, scores) of every answered or solved ticket.
    store.measure_pending(now, &mut |_, _| {})?;
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
