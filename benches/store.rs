//! Store benchmarks on a generated demo database. Size with DESK_BENCH_TICKETS (default 100 000) or point
//! DESK_BENCH_DB at an existing database (e.g. the 1M-ticket demo) to measure it as is.

use criterion::{Criterion, criterion_group, criterion_main};
use desk::domain::view::{BuiltinView, PageRequest};
use desk::store::kb::ArticleFilter;
use desk::store::{OpenMode, Store};
use std::hint::black_box;
use std::path::PathBuf;

const NOW: i64 = 1_795_000_000;

fn database() -> (PathBuf, Option<tempfile::TempDir>) {
    if let Some(p) = std::env::var_os("DESK_BENCH_DB") {
        return (PathBuf::from(p), None);
    }
    let tickets: u64 = std::env::var("DESK_BENCH_TICKETS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let mut store = Store::open(&path, OpenMode::Create).expect("create bench db");
    let opts = desk::demo::DemoOptions {
        tickets,
        customers: (tickets / 10).max(60),
        articles: 30,
        seed: 7,
        now: NOW,
        chinese: false,
    };
    desk::demo::generate(&mut store, &opts, &mut |_, _| {}).expect("generate");
    (path, Some(dir))
}

fn now_of(store: &Store) -> i64 {
    // Views are relative to the newest activity in the database, so an old demo database still has "recent" rows.
    store
        .conn()
        .query_row(
            "SELECT coalesce(max(updated_at), 0) FROM tickets",
            [],
            |r| r.get(0),
        )
        .unwrap_or(NOW)
}

fn bench(c: &mut Criterion) {
    let (path, _keep) = database();
    let store = Store::open(&path, OpenMode::Existing).expect("open bench db");
    let now = now_of(&store);
    let me = store.agent_id("li").ok().flatten();
    let mut g = c.benchmark_group("queue");
    for view in BuiltinView::ALL {
        let filter = view.filter(now);
        g.bench_function(format!("first_page/{}", view.name()), |b| {
            b.iter(|| {
                black_box(
                    store
                        .ticket_page(&filter, me.as_deref(), PageRequest::First, 100)
                        .expect("page"),
                )
            })
        });
    }
    // A page deep in the list: keyset makes it cost the same as the first.
    let filter = BuiltinView::AllOpen.filter(now);
    let mut cursor = None;
    let mut req = PageRequest::First;
    for _ in 0..50 {
        let p = store
            .ticket_page(&filter, me.as_deref(), req, 100)
            .expect("page");
        match p.rows.last() {
            Some(r) if !p.at_end => {
                cursor = Some(r.cursor());
                req = PageRequest::After(r.cursor());
            }
            _ => break,
        }
    }
    if let Some(cur) = cursor {
        g.bench_function("page_after_5000_rows/all-open", |b| {
            b.iter(|| {
                black_box(
                    store
                        .ticket_page(&filter, me.as_deref(), PageRequest::After(cur), 100)
                        .expect("page"),
                )
            })
        });
    }
    g.bench_function("last_page/all-open", |b| {
        b.iter(|| {
            black_box(
                store
                    .ticket_page(&filter, me.as_deref(), PageRequest::Last, 100)
                    .expect("page"),
            )
        })
    });
    g.bench_function("view_counts/all", |b| {
        b.iter(|| {
            for v in BuiltinView::ALL {
                black_box(
                    store
                        .ticket_count(&v.filter(now), me.as_deref())
                        .expect("count"),
                );
            }
        })
    });
    g.finish();

    let number: i64 = store
        .conn()
        .query_row("SELECT max(number) FROM tickets", [], |r| r.get(0))
        .expect("a ticket");
    c.bench_function("open_ticket", |b| {
        b.iter(|| black_box(store.ticket_detail(number).expect("detail")))
    });
    let customer: String = store
        .conn()
        .query_row("SELECT id FROM customers LIMIT 1", [], |r| r.get(0))
        .expect("a customer");
    c.bench_function("customer_profile", |b| {
        b.iter(|| black_box(store.customer_detail(&customer).expect("profile")))
    });
    c.bench_function("customer_first_page", |b| {
        b.iter(|| {
            black_box(
                store
                    .customer_page(&Default::default(), PageRequest::First, 100)
                    .expect("page"),
            )
        })
    });
    c.bench_function("kb_first_page", |b| {
        b.iter(|| {
            black_box(
                store
                    .article_page(&ArticleFilter::default(), PageRequest::First, 100)
                    .expect("page"),
            )
        })
    });
    let search = BuiltinView::AllOpen.filter(now).with_text("打印机");
    c.bench_function("queue_filter_fts/all-open", |b| {
        b.iter(|| {
            black_box(
                store
                    .ticket_page(&search, me.as_deref(), PageRequest::First, 100)
                    .expect("page"),
            )
        })
    });
}

/// What the dashboard pane asks the worker for: aggregate the period and the one before, then build the report.
fn dashboard(c: &mut Criterion) {
    use desk::domain::metrics::MetricsRules;
    use desk::domain::metrics_report::{self, Period};
    let (path, _keep) = database();
    let mut store = Store::open(&path, OpenMode::Existing).expect("open bench db");
    let now = now_of(&store);
    // A generated database is loaded in bulk: measure it once, as the first dashboard would.
    store.measure_pending(now, &mut |_, _| {}).expect("measure");
    let rules = MetricsRules::default();
    let mut g = c.benchmark_group("dashboard");
    g.sample_size(10);
    for period in [Period::Week, Period::Month, Period::Quarter] {
        // Exactly what the pane asks for.
        let query = desk::store::metrics::MetricsQuery::dashboard(
            metrics_report::window(period, now, 8 * 3600),
            now,
            8 * 3600,
        );
        g.bench_function(period.as_str(), |b| {
            b.iter(|| {
                let input = store.metrics(&query).expect("metrics");
                black_box(metrics_report::build(input, &rules))
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = bench, dashboard
}
criterion_main!(benches);
