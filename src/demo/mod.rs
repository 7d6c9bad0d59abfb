//! Deterministic demo data: a realistic help desk (agents, customers with products and orders, tickets with
//! threads, surveys, follow-up tasks and a knowledge base) drawn from the content embedded from assets/demo.
//!
//! Same seed and same `now` give byte-identical rows, ids included: every random choice comes from our own PRNG
//! and every id is a ULID built from the row's timestamp and that PRNG. Tickets are streamed (written as they are
//! made, committed in batches) so a million of them fit in little memory.

mod aftercare;
mod corpus;
mod field;
mod kb;
mod people;
mod profiles;
mod qa;
mod rng;
mod service_loop;
mod staff;
mod template;
mod thread;
mod tickets;
mod time;

use crate::store::Store;
use anyhow::{Context, Result, bail};
use rng::Rng;

/// Tickets per transaction: big enough to amortise commits, small enough that progress is durable.
const BATCH: u64 = 50_000;
/// `progress` is called every this many tickets (and once at the end).
const PROGRESS_EVERY: u64 = 1_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub tickets: u64,
    pub customers: u64,
    pub articles: u64,
    pub seed: u64,
    /// The instant the demo is generated for (unix seconds); all activity lies in the 120 days before it.
    /// [`Default`] leaves it 0, which [`generate`] rejects: the caller passes the current time, tests a fixed one.
    pub now: i64,
    /// A Chinese team's demo (`desk demo --locale zh-CN`): nearly every customer and ticket writes Chinese, rather
    /// than three in five.
    pub chinese: bool,
}

/// Shares of the demo that write Chinese.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mix {
    /// Customers with a Chinese name (who mostly write Chinese).
    pub customers: f64,
    /// Tickets in Chinese from those customers (the rest write English, e.g. an expatriate's household).
    pub tickets: f64,
}

impl Mix {
    fn of(chinese: bool) -> Mix {
        if chinese {
            Mix {
                customers: 0.95,
                tickets: 0.98,
            }
        } else {
            Mix {
                customers: 0.6,
                tickets: 0.93,
            }
        }
    }
}

impl Default for DemoOptions {
    /// 200 tickets, 60 customers, 33 articles, seed 42 — and `now: 0`, which the caller must set.
    fn default() -> Self {
        DemoOptions {
            tickets: 200,
            customers: 60,
            articles: 33,
            seed: 42,
            now: 0,
            chinese: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoSummary {
    pub tickets: u64,
    pub messages: u64,
    pub customers: u64,
    pub articles: u64,
    pub agents: u64,
}

// Independent PRNG streams per phase: asking for more tickets leaves people and articles unchanged.
const STREAM_PEOPLE: u64 = 1;
const STREAM_KB: u64 = 2;
const STREAM_TICKETS: u64 = 3;

/// Fills an empty database with demo data. `progress(done, total)` is called every 1000 tickets and at the end.
pub fn generate(
    store: &mut Store,
    opts: &DemoOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<DemoSummary> {
    generate_with(store, opts, progress, &mut |_| Ok(()))
}

/// [`generate`], running `meanwhile` once the tickets are loaded and indexed while the search index is still
/// being built on the other core: work that reads no search index and writes no subject or message (the derived
/// columns of [`settle_derived`]) is done in time that was spent waiting.
pub fn generate_with(
    store: &mut Store,
    opts: &DemoOptions,
    progress: &mut dyn FnMut(u64, u64),
    meanwhile: &mut dyn FnMut(&mut Store) -> Result<()>,
) -> Result<DemoSummary> {
    let now = opts.now;
    // Purchases reach three years back, customers five: refuse instants that would predate 1970.
    if now < 6 * 365 * time::DAY {
        bail!(
            "demo data needs the current time: DemoOptions::now is {now}, set it to the unix time to generate for"
        );
    }
    if opts.tickets > 0 && opts.customers == 0 {
        bail!("demo tickets need customers: pass at least one customer");
    }
    let counts = store.counts()?;
    if counts.tickets + counts.customers + counts.articles > 0 || store.agent_id("li")?.is_some() {
        bail!(
            "{} already holds data; demo data goes into a new, empty database (pass another --db path)",
            store.path().display()
        );
    }
    let content = corpus::load()?;

    let mut w = store.bulk()?;
    let mut people_rng = Rng::stream(opts.seed, STREAM_PEOPLE);
    let staff = staff::write_staff(&mut w, &content, now, &mut people_rng)?;
    let mix = Mix::of(opts.chinese);
    let clients = people::write_customers(
        &mut w,
        &content,
        opts.customers,
        now,
        mix.customers,
        &mut people_rng,
    )?;
    let mut kb_rng = Rng::stream(opts.seed, STREAM_KB);
    let articles = kb::write_kb(&mut w, &content, &staff, opts.articles, now, &mut kb_rng)?;
    w.commit("demo", now)
        .context("saving demo people and articles")?;

    // Tickets' and messages' search indexes are built on another core as the batches are committed, and their
    // other indexes once at the end.
    let side = store.start_side_index()?;
    let indexes = store.suspend_secondary_indexes()?;
    let mut rng = Rng::stream(opts.seed, STREAM_TICKETS);
    let mut planner = tickets::Planner::new(
        opts.tickets,
        clients.customers.len(),
        now,
        mix.tickets,
        &mut rng,
    );
    let mut prev: Option<tickets::Previous> = None;
    let mut messages = 0;
    let mut w = store.bulk()?;
    w.tap(side.as_ref());
    progress(0, opts.tickets);
    for i in 0..opts.tickets {
        let plan = planner.plan(i, prev.as_ref(), &content, &clients, &staff, &mut rng);
        let (written, n) =
            thread::write_ticket(&mut w, &plan, &content, &clients, &staff, now, &mut rng)?;
        prev = Some(written);
        messages += n;
        let done = i + 1;
        if done % BATCH == 0 && done < opts.tickets {
            w.commit("demo", now).context("saving demo tickets")?;
            w = store.bulk()?;
            w.tap(side.as_ref());
        }
        if done % PROGRESS_EVERY == 0 && done < opts.tickets {
            progress(done, opts.tickets);
        }
    }
    w.commit("demo", now).context("saving demo tickets")?;
    tracing::info!("demo: tickets loaded");
    store
        .resume_secondary_indexes(indexes)
        .context("indexing the demo's tickets")?;
    tracing::info!("demo: indexes built");
    meanwhile(store)?;
    if let Some(side) = side {
        store
            .finish_side_index(side)
            .context("indexing the demo's tickets and messages for search")?;
    }
    progress(opts.tickets, opts.tickets);

    Ok(DemoSummary {
        tickets: opts.tickets,
        messages,
        // And 张一天, the pinyin search's example, who has no tickets.
        customers: clients.customers.len() as u64 + 1,
        articles,
        agents: staff.agents.len() as u64,
    })
}

/// Derives everything desk keeps from what [`generate`] loaded, under `rules` and as of the demo's `now`: loop
/// columns, customer tiers and care tasks, SLA clocks, then one SLA pass (escalations and auto-close) and the
/// report measures. A demo opened at `now` is therefore settled: the first periodic check finds nothing to do,
/// so nothing re-sorts under the cursor.
pub fn settle(store: &mut Store, rules: crate::store::sla::ServiceRules, now: i64) -> Result<()> {
    settle_derived(store, rules, now)?;
    settle_due(store, now)
}

/// Each phase is logged with its time: at a million tickets this is most of the generation.
fn phase(name: &str, started: std::time::Instant) -> std::time::Instant {
    tracing::info!(
        "demo settle: {name} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    std::time::Instant::now()
}

/// The first part of [`settle`]: loop columns, customer tiers and care tasks, SLA clocks. It writes neither a
/// subject nor a message, so it may run before the search index is in place ([`generate_with`]).
pub fn settle_derived(
    store: &mut Store,
    rules: crate::store::sla::ServiceRules,
    now: i64,
) -> Result<()> {
    let t = std::time::Instant::now();
    // Settling writes rows a new database's peers never lack, as the load did: not recorded for sync.
    let untracked = store.suspend_sync_tracking()?;
    store.set_service_rules(rules);
    store.sync_phone_region()?;
    store.backfill_loop_columns()?;
    let t = phase("loop columns", t);
    // Complaint records are written as of each complaint's last update: before the customers' stages and the
    // clocks are brought to `now` below, and before the SLA pass.
    service_loop::write(store, now)
        .context("writing the demo's complaint records and improvement plans")?;
    let t = phase("complaints and plans", t);
    // Tiers first: they pick the SLA policy of each customer's tickets.
    store.recompute_customers(now, &mut |_, _| {})?;
    let t = phase("customer tiers", t);
    store.schedule_care(now)?;
    store.recompute_stale_clocks(now, usize::MAX)?;
    phase("SLA clocks", t);
    store.resume_sync_tracking(untracked)?;
    Ok(())
}

/// The rest of [`settle`], under the rules [`settle_derived`] set: the SLA pass and the report measures.
pub fn settle_due(store: &mut Store, now: i64) -> Result<()> {
    let t = std::time::Instant::now();
    let untracked = store.suspend_sync_tracking()?;
    // What a running desk's check would do first, done here: escalate what is due, close what waited long enough.
    // The escalation notes are indexed for search in one pass afterwards: row by row was most of the sweep.
    let suspended = store.suspend_search_index()?;
    store
        .sla_run(now)
        .context("escalating the demo's overdue tickets")?;
    store.resume_search_index(suspended)?;
    let t = phase("escalations and auto-close", t);
    // Report measures (business times, SLA outcomes, scores) of every answered or solved ticket.
    store.measure_pending(now, &mut |_, _| {})?;
    let t = phase("report measures", t);
    // Visits, parts and returns go through the store's rules (and into history) like an agent's would.
    field::write(store, now).context("writing the demo's visits, parts and returns")?;
    let t = phase("field service", t);
    qa::write(store, now).context("writing the demo's quality reviews")?;
    phase("quality inspection", t);
    store.resume_sync_tracking(untracked)?;
    Ok(())
}
