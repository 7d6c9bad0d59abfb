//! Times the demo generator: `cargo run --release --example demo_scale -- [tickets] [customers] [db path]`.
//! Without a path it writes to a temporary file and prints the resulting size.

use desk::demo::{DemoOptions, generate};
use desk::store::{OpenMode, Store};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let tickets: u64 = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(100_000);
    let customers: u64 = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or((tickets / 10).max(60));
    let dir = tempfile::tempdir()?;
    let path = args
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("demo.db"));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs() as i64;
    let opts = DemoOptions {
        tickets,
        customers,
        articles: 30,
        seed: 42,
        now,
        chinese: false,
    };
    let mut store = Store::open(&path, OpenMode::Create)?;
    let started = Instant::now();
    let summary = generate(&mut store, &opts, &mut |done, total| {
        if done % 50_000 == 0 {
            eprintln!(
                "{done}/{total} tickets  {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
    })?;
    let secs = started.elapsed().as_secs_f64();
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    let size = std::fs::metadata(&path)?.len();
    println!("{summary:?}");
    println!(
        "{tickets} tickets, {customers} customers in {secs:.2} s: {:.0} tickets/s, {:.0} messages/s; database {:.1} MB ({path:?})",
        tickets as f64 / secs,
        summary.messages as f64 / secs,
        size as f64 / 1e6
    );
    Ok(())
}
