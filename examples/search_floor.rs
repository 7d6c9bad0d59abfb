//! The raw SQL floor of `desk search`, in process: runs a statement on a database with SQLite as desk bundles it
//! and prints its query plan and timings. `cargo run --release --example search_floor -- DB 'SQL' [RUNS]`
fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(db), Some(sql)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: search_floor DB SQL [RUNS]");
    };
    let runs: usize = args.get(3).map(|r| r.parse()).transpose()?.unwrap_or(10);
    let conn = rusqlite::Connection::open(db)?;
    desk::store::search_index::register(&conn)?;
    let mut plan = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let rows = plan.query_map([], |r| r.get::<_, String>(3))?;
    for r in rows {
        println!("plan: {}", r?);
    }
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = std::time::Instant::now();
        let mut stmt = conn.prepare(sql)?;
        let n = stmt.query_map([], |_| Ok(()))?.count();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if times.len() == 1 {
            println!("rows: {n}");
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "p50 {:.2} ms, max {:.2} ms ({runs} runs, in process)",
        times[runs / 2],
        times[runs - 1]
    );
    Ok(())
}
