//! Live across the team through a PostgreSQL hub (issue 20), in a real terminal (tmux, 120×40): the TUI on one
//! agent's replica, with its periodic look set to a minute, shows a ticket another agent made on another replica
//! as soon as that replica syncs — the hub's NOTIFY wakes it — and says when the hub cannot be reached.

mod common;

use common::postgres::Postgres;
use common::tmux::{Tmux, clean_env};
use common::{desk_ok, status_bar as bar};

#[test]
fn a_change_on_one_replica_reaches_another_running_desk_through_the_hubs_notify() {
    let Some(mut pg) = Postgres::start_own() else {
        return;
    };
    let url = pg.create_database();
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // A minute between looks: only the hub's NOTIFY can bring the change within the wait below.
    let (_, r2) = common::hub::demo_on_hub(h, &url, 60);
    let t = Tmux::start("hub-li", 120, 40, h, &clean_env(h));
    t.type_text(&format!("{} --db r1.db", env!("CARGO_BIN_EXE_desk")));
    t.keys(&["Enter"]);
    t.wait_until("the hub reached", |s| bar(s).contains("hub ✓"));
    t.keys(&["J", "J"]);
    t.wait_for("┌ All open");

    // Wang, on replica 2, makes a ticket and syncs.
    let customers: serde_json::Value = serde_json::from_str(&desk_ok(
        h,
        "wang",
        &["--db", &r2, "customer", "list", "--format", "json"],
    ))
    .unwrap();
    let customer = customers[0]["id"].as_str().unwrap().to_string();
    desk_ok(
        h,
        "wang",
        &[
            "--db",
            &r2,
            "ticket",
            "new",
            "--customer",
            &customer,
            "--subject",
            "热水器漏水 from replica two",
            "--body",
            "上门",
        ],
    );
    desk_ok(h, "wang", &["--db", &r2, "sync"]);
    let screen = t.wait_until("Wang's ticket on Li's screen", |s| {
        s.contains("热水器漏水 from replica two")
    });
    assert!(
        !screen.contains("#L-"),
        "the hub's final number is shown:\n{screen}"
    );

    // The hub goes away: Li's desk says so and keeps working.
    pg.kill();
    t.type_text(":sync");
    t.keys(&["Enter"]);
    t.wait_until("the hub unreachable in the status bar", |s| {
        bar(s).contains("hub unreachable")
    });
    pg.restart();
    t.type_text(":sync");
    t.keys(&["Enter"]);
    t.wait_until("the hub back", |s| bar(s).contains("hub ✓"));
    t.keys(&["q"]);
    t.wait_until("desk to quit", |_| !t.alternate_on());
}
