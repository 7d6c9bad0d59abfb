//! Store behaviour: migrations, the change-log write path, keyset paging, filters, query plans, bad files.

mod common;

use common::*;
use desk::domain::ticket::Status;
use desk::domain::view::{BuiltinView, PageRequest, TicketFilter};
use desk::store::tickets::ticket_page_sql;
use desk::store::{LATEST_SCHEMA, Mutable, OpenMode, Store, StoreError, Value};
use proptest::prelude::*;
use std::collections::HashSet;

#[test]
fn migrates_an_empty_file_to_the_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let store = Store::open(&path, OpenMode::Create).unwrap();
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, LATEST_SCHEMA);
    let mode: String = store
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    for table in [
        "agents",
        "groups",
        "organizations",
        "customers",
        "products",
        "orders",
        "tickets",
        "messages",
        "tags",
        "articles",
        "categories",
        "surveys",
        "tasks",
        "changes",
        "meta",
        "tickets_fts",
        "messages_fts",
    ] {
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "table {table} missing");
    }
    assert_eq!(store.counts().unwrap().tickets, 0);
    drop(store);
    // Reopening does not migrate again and keeps the replica id.
    let a = Store::open(&path, OpenMode::Existing)
        .unwrap()
        .replica()
        .to_string();
    let b = Store::open(&path, OpenMode::Existing)
        .unwrap()
        .replica()
        .to_string();
    assert_eq!(a, b);
}

#[test]
fn each_changed_field_writes_exactly_one_change() {
    let mut store = store_with_tickets(3);
    store.set_actor(Some("li".into()));
    let before: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
        .unwrap();
    let out = store
        .update(
            Mutable::Ticket,
            "T00000001",
            1,
            &[
                ("status", Value::from("pending")),
                ("priority", Value::from("urgent")),
                ("subject", Value::from("Ticket 1 about printer 打印机")),
            ],
            NOW,
        )
        .unwrap();
    // The subject was set to its current value: not a change.
    let fields: Vec<_> = out.changed.iter().map(|c| c.field).collect();
    assert_eq!(fields, vec!["status", "priority"]);
    assert_eq!(out.version, 2);
    let after: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after - before, 2);
    let hist = store.history("ticket", "T00000001").unwrap();
    assert_eq!(hist.len(), 2);
    assert_eq!(
        (
            hist[0].field.as_str(),
            hist[0].old.as_deref(),
            hist[0].new.as_deref()
        ),
        ("status", Some("open"), Some("pending"))
    );
    assert_eq!(hist[1].old.as_deref(), Some("high"));
    assert!(
        hist.iter()
            .all(|h| h.actor.as_deref() == Some("li") && h.at == NOW)
    );
    let (status, version, updated): (String, i64, i64) = store
        .conn()
        .query_row(
            "SELECT status, version, updated_at FROM tickets WHERE id = 'T00000001'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((status.as_str(), version, updated), ("pending", 2, NOW));

    // Nothing different: no change, no version bump.
    let same = store
        .update(
            Mutable::Ticket,
            "T00000001",
            2,
            &[("status", Value::from("pending"))],
            NOW,
        )
        .unwrap();
    assert!(same.changed.is_empty());
    assert_eq!(same.version, 2);
    // NULL to a value and back are changes too.
    let set = store
        .update(
            Mutable::Ticket,
            "T00000001",
            2,
            &[("assignee_id", Value::Null)],
            NOW,
        )
        .unwrap();
    assert_eq!(set.changed[0].old.as_deref(), Some("A1"));
    assert_eq!(set.changed[0].new, None);
}

#[test]
fn a_stale_version_is_rejected_and_nothing_is_written() {
    let mut store = store_with_tickets(2);
    store
        .update(
            Mutable::Ticket,
            "T00000001",
            1,
            &[("status", Value::from("pending"))],
            NOW,
        )
        .unwrap();
    let changes_before: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
        .unwrap();
    let err = store
        .update(
            Mutable::Ticket,
            "T00000001",
            1,
            &[("priority", Value::from("low"))],
            NOW,
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Conflict {
                expected: 1,
                found: 2,
                ..
            }
        ),
        "{err}"
    );
    let priority: String = store
        .conn()
        .query_row(
            "SELECT priority FROM tickets WHERE id = 'T00000001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(priority, "high");
    let changes_after: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(changes_before, changes_after);
}

#[test]
fn unknown_fields_and_rows_are_refused() {
    let mut store = store_with_tickets(1);
    let err = store
        .update(
            Mutable::Ticket,
            "T00000000",
            1,
            &[("version", Value::Int(9))],
            NOW,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "`version` is not a field of ticket that can be changed"
    );
    let err = store
        .update(
            Mutable::Ticket,
            "nope",
            1,
            &[("status", Value::from("open"))],
            NOW,
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }));
}

/// Walks a view to the end by keyset and returns the ticket numbers seen.
fn walk(store: &Store, filter: &TicketFilter, me: Option<&str>, page: usize) -> Vec<i64> {
    let mut seen = Vec::new();
    let mut req = PageRequest::First;
    loop {
        let p = store.ticket_page(filter, me, req, page).unwrap();
        seen.extend(p.rows.iter().map(|r| r.number));
        if p.at_end {
            return seen;
        }
        req = PageRequest::After(p.rows.last().unwrap().cursor());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Keyset paging forwards returns every matching row exactly once, in order; backwards from the end returns the
    /// same rows. For every view, with ascending and descending sorts.
    #[test]
    fn keyset_paging_returns_every_row_once(
        n in 0i64..260,
        page in 1usize..40,
        view in 0usize..6,
        sort in proptest::sample::select(vec!["", "sort:number", "sort:-number", "sort:created", "sort:updated", "tag:vip", "sort:priority", "sort:-priority"]),
    ) {
        let store = store_with_tickets(n);
        let filter = BuiltinView::ALL[view].filter(NOW).refine(&desk::domain::query::parse(sort).unwrap(), NOW, 0);
        let forward = walk(&store, &filter, Some("A1"), page);
        let unique: HashSet<_> = forward.iter().collect();
        prop_assert_eq!(unique.len(), forward.len());
        prop_assert_eq!(forward.len() as i64, store.ticket_count(&filter, Some("A1")).unwrap());

        let mut backward = Vec::new();
        let mut req = PageRequest::Last;
        loop {
            let p = store.ticket_page(&filter, Some("A1"), req, page).unwrap();
            let mut nums: Vec<i64> = p.rows.iter().map(|r| r.number).collect();
            nums.extend(backward);
            backward = nums;
            if p.at_start || p.rows.is_empty() { break; }
            req = PageRequest::Before(p.rows[0].cursor());
        }
        prop_assert_eq!(backward, forward);
    }
}

#[test]
fn views_select_what_they_say() {
    let store = store_with_tickets(70);
    let all_open = walk(&store, &BuiltinView::AllOpen.filter(NOW), None, 25);
    let mine = walk(&store, &BuiltinView::MyOpen.filter(NOW), Some("A1"), 25);
    let unassigned = walk(&store, &BuiltinView::Unassigned.filter(NOW), None, 25);
    let vip = walk(&store, &BuiltinView::Vip.filter(NOW), None, 25);
    let status = |n: i64| Status::ALL[((n - 1000) % 7) as usize];
    assert!(all_open.iter().all(|n| status(*n).is_open()));
    assert_eq!(all_open.len(), 40); // 4 open statuses of 7, 70 tickets
    assert!(mine.iter().all(|n| matches!((n - 1000) % 5, 1 | 2)) && !mine.is_empty());
    assert!(unassigned.iter().all(|n| (n - 1000) % 5 == 0) && !unassigned.is_empty());
    assert!(vip.iter().all(|n| (n - 1000) % 3 == 0) && !vip.is_empty());
    // No identity: "My open" is empty, not everything.
    assert!(walk(&store, &BuiltinView::MyOpen.filter(NOW), None, 25).is_empty());
    // Recently solved: solved within 7 days, newest solved first.
    let solved = store
        .ticket_page(
            &BuiltinView::RecentlySolved.filter(NOW),
            None,
            PageRequest::First,
            100,
        )
        .unwrap();
    assert!(
        solved
            .rows
            .iter()
            .all(|r| r.solved_at.is_some_and(|s| s >= NOW - 7 * 86_400))
    );
    assert!(
        solved
            .rows
            .windows(2)
            .all(|w| w[0].solved_at >= w[1].solved_at)
    );
}

#[test]
fn filter_in_list_matches_subject_and_customer_in_both_paths() {
    let store = store_with_tickets(30);
    let base = BuiltinView::AllOpen.filter(NOW);
    // FTS path (3+ characters), Chinese and Latin.
    let by_customer = walk(&store, &base.clone().with_text("王芳"), None, 10);
    assert!(!by_customer.is_empty() && by_customer.iter().all(|n| (n - 1000) % 3 == 0));
    let smith = walk(&store, &base.clone().with_text("Smith"), None, 10);
    assert!(!smith.is_empty() && smith.iter().all(|n| (n - 1000) % 3 == 1));
    let exact = walk(&store, &base.clone().with_text("Ticket 14 "), None, 10);
    assert_eq!(exact, vec![1014]);
    // LIKE path (under 3 characters), including a 2-character Chinese word.
    let short = walk(&store, &base.clone().with_text("打印"), None, 10);
    assert_eq!(short.len(), walk(&store, &base, None, 10).len());
    let chen = walk(&store, &base.clone().with_text("陈静"), None, 10);
    assert!(!chen.is_empty() && chen.iter().all(|n| (n - 1000) % 3 == 2));
    // FTS operators in user text are taken literally.
    assert!(walk(&store, &base.clone().with_text("\"OR* NEAR("), None, 10).is_empty());
    assert!(walk(&store, &base.with_text("50%_"), None, 10).is_empty());
}

#[test]
fn every_builtin_view_walks_an_index_without_sorting() {
    let store = store_with_tickets(50);
    store.conn().execute_batch("ANALYZE").unwrap();
    for view in BuiltinView::ALL {
        for req in [
            PageRequest::First,
            PageRequest::After(desk::domain::view::Cursor { key: NOW, rid: 5 }),
        ] {
            let (sql, params) =
                ticket_page_sql(&view.filter(NOW), Some("A1"), req, 100, Default::default());
            let mut stmt = store
                .conn()
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let plan: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                    r.get::<_, String>(3)
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let text = plan.join(" | ");
            assert!(
                !plan
                    .iter()
                    .any(|l| l.starts_with("SCAN t") && !l.contains("INDEX")),
                "{} scans tickets: {text}",
                view.name()
            );
            assert!(
                !text.contains("TEMP B-TREE"),
                "{} sorts instead of walking an index: {text}",
                view.name()
            );
        }
    }
}

/// `sort:priority` on the open queues and on All tickets walks the rank indexes (migration 9), both ways and from a
/// cursor, instead of sorting every ticket.
#[test]
fn views_sorted_by_priority_walk_the_rank_indexes() {
    let store = store_with_tickets(50);
    store.conn().execute_batch("ANALYZE").unwrap();
    for (view, index) in [
        (BuiltinView::AllOpen, "tickets_open_priority"),
        (BuiltinView::All, "tickets_priority"),
    ] {
        for sort in ["sort:priority", "sort:-priority"] {
            let filter =
                view.filter(NOW)
                    .refine(&desk::domain::query::parse(sort).unwrap(), NOW, 0);
            for req in [
                PageRequest::First,
                PageRequest::After(desk::domain::view::Cursor { key: 1, rid: 5 }),
            ] {
                let (sql, params) =
                    ticket_page_sql(&filter, Some("A1"), req, 100, Default::default());
                let plan: Vec<String> = store
                    .conn()
                    .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                    .unwrap()
                    .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                        r.get::<_, String>(3)
                    })
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                let text = plan.join(" | ");
                assert!(
                    text.contains(index) && !text.contains("TEMP B-TREE"),
                    "{} {sort}: {text}",
                    view.name()
                );
            }
        }
    }
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::open(&path, OpenMode::Create).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", LATEST_SCHEMA + 1)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, OpenMode::Existing).err().unwrap();
    assert!(matches!(err, StoreError::NewerSchema { found, .. } if found == LATEST_SCHEMA + 1));
    let msg = err.to_string();
    assert!(
        msg.contains("future.db") && msg.contains("upgrade desk"),
        "{msg}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_corrupt_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.db");
    let junk: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&path, &junk).unwrap();
    let err = Store::open(&path, OpenMode::Existing).err().unwrap();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert!(err.to_string().contains("broken.db") && err.to_string().contains("left untouched"));
    assert_eq!(std::fs::read(&path).unwrap(), junk);
    assert!(!dir.path().join("broken.db-wal").exists());
}

#[test]
fn a_foreign_sqlite_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE x(a)")
        .unwrap();
    let err = Store::open(&path, OpenMode::Existing).err().unwrap();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
}

#[test]
fn missing_directory_and_missing_file_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/dir/desk.db");
    let err = Store::open(&path, OpenMode::Create).err().unwrap();
    assert!(matches!(err, StoreError::MissingDirectory { .. }));
    assert!(err.to_string().contains("does not exist"));
    assert!(!dir.path().join("no").exists());
    let err = Store::open(&dir.path().join("absent.db"), OpenMode::Existing)
        .err()
        .unwrap();
    assert!(err.to_string().contains("desk init"), "{err}");
    assert!(!dir.path().join("absent.db").exists());
}

#[test]
fn a_file_locked_by_another_program_is_busy_not_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.db");
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder
        .execute_batch("CREATE TABLE other(x); BEGIN EXCLUSIVE; INSERT INTO other VALUES (1);")
        .unwrap();
    // Waits out the busy timeout (5 s), then gives up with a message that says what is going on.
    let err = Store::open(&path, OpenMode::Existing).err().unwrap();
    assert!(matches!(err, StoreError::Busy { .. }), "{err}");
    assert!(
        err.to_string().contains("locked by another program"),
        "{err}"
    );
    holder.execute_batch("ROLLBACK").unwrap();
}

/// The view language's clauses compile to SQL that selects exactly what they say.
#[test]
fn view_language_clauses_select_what_they_say() {
    use desk::domain::query::parse;
    use desk::domain::ticket::Priority;
    let store = store_with_tickets(80);
    let all = BuiltinView::AllOpen.filter(NOW);
    let run = |q: &str| -> Vec<desk::store::tickets::TicketRow> {
        let f = all.clone().refine(&parse(q).unwrap(), NOW, 0);
        let mut rows = Vec::new();
        let mut req = PageRequest::First;
        loop {
            let p = store.ticket_page(&f, Some("A1"), req, 7).unwrap();
            rows.extend(p.rows.iter().cloned());
            if p.at_end {
                break;
            }
            req = PageRequest::After(p.rows.last().unwrap().cursor());
        }
        assert_eq!(
            rows.len() as i64,
            store.ticket_count(&f, Some("A1")).unwrap(),
            "count agrees for {q}"
        );
        rows
    };
    let open = run("");
    assert_eq!(open.len(), 47); // statuses cycle through 7; 4 of them are open
    let high = run("priority:>=high");
    assert!(
        !high.is_empty()
            && high
                .iter()
                .all(|r| matches!(r.priority, Priority::Urgent | Priority::High))
    );
    assert_eq!(
        high.len(),
        open.iter()
            .filter(|r| matches!(r.priority, Priority::Urgent | Priority::High))
            .count()
    );
    // Statuses in the filter replace the view's: closed tickets are listed from the open view.
    let pending = run("status:pending,closed");
    assert!(
        pending.iter().any(|r| r.status == Status::Closed)
            && pending
                .iter()
                .all(|r| matches!(r.status, Status::Pending | Status::Closed)),
        "statuses in a filter widen the view"
    );
    let by_priority = run("sort:priority");
    assert_eq!(by_priority.len(), open.len());
    assert!(
        by_priority
            .windows(2)
            .all(|w| w[0].priority <= w[1].priority)
    );
    let least_urgent = run("sort:-priority");
    assert!(
        least_urgent
            .windows(2)
            .all(|w| w[0].priority >= w[1].priority)
    );
    let tagged = run("tag:vip");
    assert!(!tagged.is_empty() && tagged.iter().all(|r| (r.number - 1000) % 4 == 0));
    let wang = run("assignee:wang");
    assert!(
        !wang.is_empty()
            && wang.iter().all(|r| r
                .assignee
                .as_ref()
                .is_some_and(|a| a.as_str() == "Wang Wei"))
    );
    let mine_or_nobody = run("assignee:me|none");
    assert!(
        mine_or_nobody
            .iter()
            .all(|r| r.assignee.as_ref().is_none_or(|a| a.as_str() == "Li Na"))
    );
    assert_eq!(
        mine_or_nobody.len(),
        open.iter()
            .filter(|r| r.assignee.as_ref().is_none_or(|a| a.as_str() == "Li Na"))
            .count()
    );
    let customer = run("customer:王芳");
    assert!(
        !customer.is_empty()
            && customer
                .iter()
                .all(|r| r.customer.as_ref().is_some_and(|c| c.as_str() == "王芳"))
    );
    let by_email = run("customer:C2@exa");
    assert!(
        !by_email.is_empty()
            && by_email.iter().all(|r| r
                .customer
                .as_ref()
                .is_some_and(|c| c.as_str() == "John Smith"))
    );
    let recent = run("updated:<30m");
    assert!(!recent.is_empty() && recent.iter().all(|r| r.updated_at >= NOW - 1800));
    let older = run("updated:>30m");
    assert_eq!(recent.len() + older.len(), open.len());
    assert!(run("kind:complaint").is_empty() && run("channel:email").len() == open.len());
    // Sorts: ascending keys and number order, each still paged by keyset without repeats.
    let by_number = run("sort:number");
    assert!(by_number.windows(2).all(|w| w[0].number < w[1].number));
    let newest_created = run("sort:-created");
    assert!(
        newest_created
            .windows(2)
            .all(|w| w[0].created_at >= w[1].created_at)
    );
    let oldest_updated = run("sort:updated");
    assert!(
        oldest_updated
            .windows(2)
            .all(|w| w[0].updated_at <= w[1].updated_at)
    );
    assert_eq!(oldest_updated.len(), open.len());
    // Free text and fields together.
    let both = run("priority:urgent \"Ticket 1\"");
    assert!(
        both.iter()
            .all(|r| r.priority == Priority::Urgent && r.subject.as_str().contains("Ticket 1"))
    );
}

#[test]
fn an_older_schema_is_migrated_forward_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    // A version-1 database, as a desk of the first schema left it, with three tickets (one a complaint).
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(include_str!("../assets/migrations/0001_init.sql"))
            .unwrap();
        c.execute_batch(
            "INSERT INTO tickets(id, number, subject, status, priority, kind, channel, created_at, updated_at)
             VALUES ('T1', 1, 'a', 'open', 'high', 'question', 'email', 1, 1),
                    ('T2', 2, 'b', 'solved', 'low', 'complaint', 'phone', 1, 2),
                    ('T3', 3, 'c', 'new', 'normal', 'complaint', 'web', 1, 1);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let store = Store::open(&path, OpenMode::Existing).unwrap();
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, LATEST_SCHEMA);
    assert_eq!(store.counts().unwrap().tickets, 3, "data kept");
    let links: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM ticket_links", [], |r| r.get(0))
        .unwrap();
    assert_eq!(links, 0);
    // Migration 3 starts complaints in the procedure where their status puts them.
    let stages: Vec<Option<String>> = store
        .conn()
        .prepare("SELECT complaint_stage FROM tickets ORDER BY number")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        stages,
        [None, Some("resolved".into()), Some("received".into())]
    );
}

/// An agent or group a filter names that nobody has is an error at its column (for the CLI now, the queue's `/`
/// later), not an empty list; `me`, `none` and names that exist pass.
#[test]
fn filter_names_nobody_has_are_errors_with_their_column() {
    let store = store_with_tickets(3);
    let check = |q: &str| store.check_filter_names(q).unwrap();
    assert_eq!(check("assignee:li|wang|me|none group:none"), Ok(()));
    let e = check("status:open assignee:wang,lii").unwrap_err();
    assert_eq!(e.column, 27);
    assert_eq!(e.problem.to_string(), "no agent `lii` (agents: li, wang)");
    let e = check(r#"group:"L2 支持""#).unwrap_err();
    assert_eq!(
        (e.column, e.problem.to_string().as_str()),
        (7, "no group `L2 支持` (there are no groups yet)")
    );
    // A parse error comes back the same way.
    assert_eq!(check("status:opn").unwrap_err().column, 8);
}
