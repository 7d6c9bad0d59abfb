//! Issue 17, item 5: a bulk import on a shared file must not stall the team and must never be half-visible.
//! The import runs as the real `desk` binary; this process is the other desk, replying and listing every
//! 100 ms. Rows: 20 000 under `cargo test`; `.ci/run` runs it again in release with DESK_BULK_ROWS=200000.

mod team_support;

use desk::domain::customer_view::CustomerFilter;
use desk::domain::lifecycle::Writer;
use desk::domain::view::PageRequest;
use desk::store::{OpenMode, Store};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use team_support::{BASE_NOW, Rng, RunDir, agent_id, handle, storage, team_db};

/// A customer CSV of `rows` rows whose external ids, emails and phones start at `first`.
fn customers_csv(path: &Path, first: usize, rows: usize) {
    let mut text = String::from("external_id,name,email,phone,city,notes\n");
    for i in first..first + rows {
        text.push_str(&format!(
            "BULK{i:07},客户{i},bulk{i}@example.cn,139{i:08},上海,imported row {i}\n"
        ));
    }
    std::fs::write(path, text).unwrap();
}

fn config(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("shared.toml");
    std::fs::write(&path, "[storage]\nmode = \"shared\"\n").unwrap();
    path
}

/// `desk customer import` of `csv` into `db`, as agent 0, not yet waited for.
fn import(db: &Path, csv: &Path, cfg: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(["--db"])
        .arg(db)
        .args(["customer", "import"])
        .arg(csv)
        .env("DESK_CONFIG", cfg)
        .env("USER", handle(0))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn visible_customers(store: &Store) -> i64 {
    store.customer_count(&CustomerFilter::default()).unwrap()
}

#[test]
fn a_big_import_never_stalls_another_desk_and_appears_at_once() {
    let rows: usize = std::env::var("DESK_BULK_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let dir = RunDir::new("bulk-stall");
    let db = dir.path.join("team.db");
    let tickets = team_db(&db, true, 20);
    let csv = dir.path.join("customers.csv");
    customers_csv(&csv, 0, rows);
    let cfg = config(&dir.path);

    let mut me = Store::open_with(&db, OpenMode::Existing, storage(true)).unwrap();
    me.set_actor(Some(handle(1)));
    let before = visible_customers(&me);
    let mut child = import(&db, &csv, &cfg);
    let started = Instant::now();
    let (mut replies, mut lists, mut errors) = (0_usize, 0_usize, Vec::new());
    let mut longest_reply = Duration::ZERO;
    let mut seen_counts = std::collections::BTreeSet::new();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        let tick = Instant::now();
        let ticket = tickets[replies % tickets.len()];
        let body = format!("reply {replies} while importing");
        match me.add_message(
            ticket,
            Writer::Agent,
            Some(&agent_id(1)),
            false,
            &body,
            BASE_NOW + replies as i64,
        ) {
            Ok(_) => replies += 1,
            Err(e) => errors.push(format!("reply: {e}")),
        }
        longest_reply = longest_reply.max(tick.elapsed());
        match me.ticket_page(&Default::default(), None, PageRequest::First, 50) {
            Ok(page) if !page.rows.is_empty() => lists += 1,
            Ok(_) => errors.push("list: an empty ticket page".into()),
            Err(e) => errors.push(format!("list: {e}")),
        }
        match me.customer_count(&CustomerFilter::default()) {
            Ok(n) => {
                seen_counts.insert(n);
            }
            Err(e) => errors.push(format!("customers: {e}")),
        }
        std::thread::sleep(Duration::from_millis(100).saturating_sub(tick.elapsed()));
    };
    let took = started.elapsed();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "the import failed: {stderr}");
    report!(
        "bulk import of {rows} rows on a shared file: {:.1} s; meanwhile {replies} replies and {lists} lists, \
         longest reply {} ms, {} errors",
        took.as_secs_f64(),
        longest_reply.as_millis(),
        errors.len()
    );
    assert!(errors.is_empty(), "another desk saw errors: {errors:?}");
    assert!(
        longest_reply <= Duration::from_secs(1),
        "a reply waited {longest_reply:?} behind the import"
    );
    // Sampled about ten times a second: only the count before and the count after, never a part.
    let after = before + rows as i64;
    assert!(
        seen_counts.iter().all(|n| *n == before || *n == after),
        "half an import was visible: {seen_counts:?} (before {before}, after {after})"
    );
    assert_eq!(visible_customers(&me), after);
    assert!(replies >= 5, "only {replies} replies in {took:?}");
}

#[test]
fn a_killed_import_leaves_all_or_nothing_and_the_next_one_cleans_up() {
    const ROUNDS: usize = 20;
    const ROWS: usize = 3_000;
    let dir = RunDir::new("bulk-kill");
    let db = dir.path.join("team.db");
    team_db(&db, true, 3);
    let cfg = config(&dir.path);
    // One uninterrupted import first: how long one takes, to spread the kills over it.
    let csv = dir.path.join("round-0.csv");
    customers_csv(&csv, 0, ROWS);
    let started = Instant::now();
    let out = import(&db, &csv, &cfg).wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let full = started.elapsed();

    let mut rng = Rng::new(17);
    let (mut published, mut hidden) = (0, 0);
    for round in 1..=ROUNDS {
        let store = Store::open_with(&db, OpenMode::Existing, storage(true)).unwrap();
        let before = visible_customers(&store);
        drop(store);
        let csv = dir.path.join(format!("round-{round}.csv"));
        customers_csv(&csv, round * ROWS, ROWS);
        let mut child = import(&db, &csv, &cfg);
        // Up to three whole imports: a round also removes what the previous killed one left.
        let wait = full.mul_f64(rng.below(300) as f64 / 100.0);
        let deadline = Instant::now() + wait;
        while Instant::now() < deadline && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        let store = Store::open_with(&db, OpenMode::Existing, storage(true)).unwrap();
        let now = visible_customers(&store);
        assert!(
            now == before || now == before + ROWS as i64,
            "round {round}: {} of {ROWS} rows visible after kill -9 at {wait:?}",
            now - before
        );
        if now == before {
            hidden += 1;
        } else {
            published += 1;
        }
        team_support::assert_healthy(&store, false, &format!("round {round}"));
    }
    report!(
        "bulk import kill -9: {ROUNDS} rounds of {ROWS} rows (a whole import {} ms): {published} complete, \
         {hidden} invisible, none partial",
        full.as_millis()
    );
    // The next import removes what the killed ones left, and then nothing is hidden any more.
    let csv = dir.path.join("last.csv");
    customers_csv(&csv, (ROUNDS + 1) * ROWS, 10);
    let out = import(&db, &csv, &cfg).wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open_with(&db, OpenMode::Existing, storage(true)).unwrap();
    assert_eq!(store.unpublished_jobs().unwrap(), Vec::new());
    let expected = 1 + ROWS as i64 * (1 + published) + 10;
    assert_eq!(visible_customers(&store), expected);
    team_support::assert_healthy(&store, true, "after the clean-up");
}
