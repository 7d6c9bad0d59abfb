//! Pinyin matching at scale (issue 24): the customer search an agent types into (the list's filter and the
//! new-ticket picker) over 100 000 customers by initials, full pinyin and two letters, beside the raw FTS5 query it
//! runs and a plain trigram search; a queue filter naming a customer by pinyin; the knowledge base's filter by
//! the pinyin of titles; and the in-memory matchers of the palette and a picker. In-process (criterion);
//! DESK_BENCH_CUSTOMERS sets the size (default 100 000).

use criterion::{Criterion, criterion_group, criterion_main};
use desk::domain::customer_view::CustomerFilter;
use desk::domain::view::PageRequest;
use desk::store::{OpenMode, Store};
use std::hint::black_box;

const NOW: i64 = 1_795_000_000;

fn search(c: &mut Criterion) {
    let customers: u64 = std::env::var("DESK_BENCH_CUSTOMERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pinyin.db");
    let mut store = Store::open(&path, OpenMode::Create).expect("create");
    let opts = desk::demo::DemoOptions {
        tickets: 2_000,
        customers,
        articles: 30,
        seed: 7,
        now: NOW,
        chinese: false,
    };
    desk::demo::generate(&mut store, &opts, &mut |_, _| {}).expect("generate");
    let mut g = c.benchmark_group("customer_search");
    // What the customer list and the new-ticket picker run for each keypress: the first page of matches.
    for q in ["zyt", "zhangyitian", "wf", "zh", "张一", "smith"] {
        let f = CustomerFilter {
            text: Some(q.into()),
            ..Default::default()
        };
        g.bench_function(q, |b| {
            b.iter(|| {
                black_box(
                    store
                        .customer_page(&f, PageRequest::First, 100)
                        .expect("page"),
                )
            })
        });
    }
    // The floor: the pinyin index's prefix query alone.
    g.bench_function("floor: MATCH '\"zyt\"*'", |b| {
        b.iter(|| {
            let n: i64 = store
                .conn()
                .query_row(
                    "SELECT count(*) FROM customers_pinyin_fts WHERE customers_pinyin_fts MATCH '\"zyt\"*'",
                    [],
                    |r| r.get(0),
                )
                .expect("count");
            black_box(n)
        })
    });
    g.finish();
    // The queue's filter naming a customer (`/customer:zyt`): tickets whose customer the text finds, first page.
    let mut t = c.benchmark_group("ticket_filter");
    let all = desk::domain::view::BuiltinView::All.filter(NOW);
    for q in ["customer:zyt", "customer:wf", "customer:张一"] {
        let f = all
            .clone()
            .refine(&desk::domain::query::parse(q).expect("query"), NOW, 0);
        t.bench_function(q, |b| {
            b.iter(|| {
                black_box(
                    store
                        .ticket_page(&f, Some("li"), PageRequest::First, 100)
                        .expect("page"),
                )
            })
        });
    }
    t.finish();
    // The knowledge base's filter by the pinyin of titles (`tk` → 退款).
    let mut k = c.benchmark_group("kb_filter");
    for q in ["tk", "tuikuan"] {
        let f = desk::store::kb::ArticleFilter {
            text: Some(q.into()),
            ..Default::default()
        };
        k.bench_function(q, |b| {
            b.iter(|| {
                black_box(
                    store
                        .article_page(&f, PageRequest::First, 100)
                        .expect("page"),
                )
            })
        });
    }
    k.finish();
    let mut m = c.benchmark_group("in_memory");
    let names: Vec<String> = store
        .conn()
        .prepare("SELECT name FROM customers LIMIT 1000")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("names")
        .map(|r| r.expect("name"))
        .collect();
    m.bench_function("pinyin::matches over 1000 names", |b| {
        b.iter(|| {
            names
                .iter()
                .filter(|n| desk::domain::pinyin::matches("zyt", n))
                .count()
        })
    });
    m.bench_function("palette_matches(\"reply\")", |b| {
        b.iter(|| black_box(desk::app::palette_matches("reply", desk::i18n::Locale::En).len()))
    });
    // A Chinese palette also matches the English descriptions and the pinyin of its own.
    m.bench_function("palette_matches(\"hfkh\", zh-CN)", |b| {
        b.iter(|| black_box(desk::app::palette_matches("hfkh", desk::i18n::Locale::ZhCn).len()))
    });
    m.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = search
}
criterion_main!(benches);
