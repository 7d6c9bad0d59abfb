//! Field-service benchmarks (issue 22): the engineers' schedule (what the schedule pane loads for a day and a
//! week), the waiting list and the report's field-service section, on 50 engineers with four visits a day for
//! 30 days (6 000 visits, a third of them done with parts used) beside 2 000 demo tickets. Each sits beside its
//! raw-SQL floor: the same index ranges read with `rusqlite` straight, no rows built.

use criterion::{Criterion, criterion_group, criterion_main};
use desk::domain::visit::{Service, VisitStatus};
use desk::domain::warranty::{Coverage, QuoteState};
use desk::store::parts::NewPart;
use desk::store::visits::{NewVisit, VisitEdit};
use desk::store::{OpenMode, Store};
use std::hint::black_box;

const NOW: i64 = 1_795_000_000;
const DAY: i64 = 86_400;
const ENGINEERS: usize = 50;
const DAYS: i64 = 30;

fn fixture(dir: &std::path::Path) -> (Store, i64) {
    let mut store = Store::open(&dir.join("field.db"), OpenMode::Create).expect("create");
    let opts = desk::demo::DemoOptions {
        tickets: 2_000,
        customers: 200,
        articles: 10,
        seed: 7,
        now: NOW,
        chinese: false,
    };
    desk::demo::generate(&mut store, &opts, &mut |_, _| {}).expect("demo");
    let tickets: Vec<i64> = (1001..3001).collect();
    let handles: Vec<String> = (0..ENGINEERS).map(|i| format!("eng{i:02}")).collect();
    for h in &handles {
        store
            .add_agent(h, h, None, desk::domain::team::Role::Agent, NOW)
            .expect("agent");
        store
            .set_agent_skills(h, &["service:repair".into()], &[], NOW)
            .expect("skills");
    }
    store
        .add_part(
            &NewPart {
                code: "FLT-1".into(),
                name: "filter".into(),
                price_cents: 8_900,
                unit_cost_cents: 3_500,
                ..NewPart::default()
            },
            NOW,
        )
        .expect("part");
    store
        .receive_part("FLT-1", "上海仓", 100_000, "", NOW)
        .expect("stock");
    // 30 days from a Monday: four two-hour visits a day per engineer, the past ones done with a part used.
    let start = NOW - NOW.rem_euclid(DAY) - 15 * DAY;
    let mut n = 0usize;
    store.as_one_action(|s| {
        for day in 0..DAYS {
            for (e, h) in handles.iter().enumerate() {
                for slot in 0..4 {
                    let at = start + day * DAY + (9 + 2 * slot) * 3600;
                    let v = s
                        .new_visit(
                            &NewVisit {
                                ticket: tickets[n % tickets.len()],
                                service: Service::Repair,
                                address: Some(format!("人民路 {e} 号")),
                                engineer: Some(h.clone()),
                                window: Some((at, at + 2 * 3600)),
                            },
                            at - DAY,
                        )
                        .expect("visit");
                    n += 1;
                    if at < NOW && n.is_multiple_of(3) {
                        s.reserve_part(v.number, "FLT-1", "上海仓", 1, at - DAY)
                            .expect("reserve");
                        let mut done = vec![
                            VisitEdit::Status(VisitStatus::OnSite),
                            VisitEdit::Notes("换滤芯".into()),
                        ];
                        if v.coverage == Coverage::Out {
                            done.push(VisitEdit::Quote(QuoteState::Accepted));
                        }
                        done.push(VisitEdit::Status(VisitStatus::Completed));
                        for e in done {
                            s.set_visit(v.number, &[e], at + 3600).expect("done");
                        }
                    }
                }
            }
        }
        for i in 0..200 {
            s.new_visit(
                &NewVisit {
                    ticket: tickets[i % tickets.len()],
                    service: Service::Install,
                    address: None,
                    engineer: None,
                    window: None,
                },
                NOW,
            )
            .expect("waiting");
        }
    });
    (store, start + 15 * DAY)
}

/// The floor of a schedule: each engineer's index range read, every column stepped, nothing built.
fn floor(store: &Store, from: i64, to: i64) -> usize {
    let conn = store.conn();
    let mut stmt = conn
        .prepare_cached(
            "SELECT v.id, v.number, t.number, t.subject, v.service, v.status, v.address, v.window_start,
                    v.window_end, v.notes
               FROM visits v JOIN tickets t ON t.id = v.ticket_id
              WHERE v.engineer_id = ?1 AND v.window_start >= ?2 AND v.window_start < ?3
              ORDER BY v.window_start, v.rowid",
        )
        .expect("floor");
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM agents WHERE handle LIKE 'eng%' ORDER BY handle")
        .expect("agents")
        .query_map([], |r| r.get(0))
        .expect("agents")
        .collect::<Result<_, _>>()
        .expect("agents");
    let mut rows = 0;
    for id in ids {
        let mut q = stmt.query(rusqlite::params![id, from, to]).expect("query");
        while let Some(r) = q.next().expect("row") {
            black_box(r.get_ref(3).expect("col"));
            rows += 1;
        }
    }
    rows
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, monday) = fixture(dir.path());
    let mut g = c.benchmark_group("field");
    g.bench_function("schedule/day (50 engineers)", |b| {
        b.iter(|| black_box(store.schedule(monday, monday + DAY, 45).expect("day")))
    });
    g.bench_function("schedule/day floor", |b| {
        b.iter(|| black_box(floor(&store, monday, monday + DAY)))
    });
    g.bench_function("schedule/week (50 engineers)", |b| {
        b.iter(|| black_box(store.schedule(monday, monday + 7 * DAY, 45).expect("week")))
    });
    g.bench_function("schedule/week floor", |b| {
        b.iter(|| black_box(floor(&store, monday, monday + 7 * DAY)))
    });
    g.bench_function("field_report/30 days", |b| {
        b.iter(|| {
            black_box(
                store
                    .field_report(monday - 15 * DAY, monday + 15 * DAY)
                    .expect("report"),
            )
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
