//! Makes a sync backlog for benchmarks (BENCHMARKS.md, "Replicas and sync"): at least CHANGES change-log entries
//! written through the library as agent ACTOR — priorities, statuses, tags and replies on random open tickets,
//! one transaction each, as an agent's day would write them.
//!
//! `cargo run --release --example sync_backlog -- DB ACTOR CHANGES [SEED]`

use desk::domain::lifecycle::Writer;
use desk::domain::ticket::{Priority, Status};
use desk::store::ticket_write::TicketEdit;
use desk::store::{OpenMode, StorageMode, Store};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: sync_backlog DB ACTOR CHANGES [SEED]";
    let db = args.next().ok_or_else(|| anyhow::anyhow!(usage))?;
    let actor = args.next().ok_or_else(|| anyhow::anyhow!(usage))?;
    let want: i64 = args.next().ok_or_else(|| anyhow::anyhow!(usage))?.parse()?;
    let mut seed: u64 = args.next().map(|a| a.parse()).transpose()?.unwrap_or(1);
    let mut next = move || {
        // SplitMix64.
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut store = Store::open_with(db.as_ref(), OpenMode::Existing, StorageMode::Local)?;
    store.set_actor(Some(actor.clone()));
    let me_id = store.agent_id(&actor)?;
    let me = store.replica().to_string();
    let tickets: Vec<i64> = store
        .conn()
        .prepare(
            "SELECT number FROM tickets WHERE status IN ('new', 'open', 'pending', 'on_hold')",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    anyhow::ensure!(!tickets.is_empty(), "{db} has no open tickets");
    let count = |s: &Store| -> rusqlite::Result<i64> {
        s.conn().query_row(
            "SELECT count(*) FROM changes WHERE replica = ?1",
            [&me],
            |r| r.get(0),
        )
    };
    let start = count(&store)?;
    let rows_before: i64 =
        store
            .conn()
            .query_row("SELECT coalesce(max(seq), 0) FROM sync_rows", [], |r| {
                r.get(0)
            })?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs() as i64;
    let started = Instant::now();
    let (mut writes, mut skipped, mut last_error) = (0, 0, String::new());
    while count(&store)? - start < want {
        anyhow::ensure!(
            skipped <= 10 * want.max(100),
            "{skipped} writes were refused; the last: {last_error}"
        );
        let number = tickets[(next() % tickets.len() as u64) as usize];
        let r = next() % 8;
        let result = match r {
            0..=3 => {
                let p = [
                    Priority::Urgent,
                    Priority::High,
                    Priority::Normal,
                    Priority::Low,
                ][(next() % 4) as usize];
                store.set_ticket(number, &[TicketEdit::Priority(p)], None, now)
            }
            4 => {
                let s = [Status::Open, Status::Pending, Status::OnHold][(next() % 3) as usize];
                store.set_ticket(number, &[TicketEdit::Status(s)], None, now)
            }
            5 => store.set_ticket(
                number,
                &[TicketEdit::AddTag(format!("b{}", next() % 20))],
                None,
                now,
            ),
            _ => store.add_message(
                number,
                Writer::Agent,
                me_id.as_deref(),
                false,
                &format!("backlog reply {} 已处理", next()),
                now,
            ),
        };
        // A status the ticket already has, or one the rules do not allow from where it is, is simply skipped.
        match result {
            Ok(_) => writes += 1,
            Err(e) => {
                skipped += 1;
                last_error = e.to_string();
            }
        }
    }
    let rows_after: i64 =
        store
            .conn()
            .query_row("SELECT coalesce(max(seq), 0) FROM sync_rows", [], |r| {
                r.get(0)
            })?;
    println!(
        "{writes} writes as {actor}: {} change-log entries, {} tracked row writes, in {:.1} s",
        count(&store)? - start,
        rows_after - rows_before,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
