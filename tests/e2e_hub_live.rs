//! Two agents, each in a real terminal (tmux, 120×40) on a replica of their own of one PostgreSQL hub (issue 20),
//! with the periodic look set to an hour: Li's status change shows in Wang's queue without a key press or a
//! `desk sync`, and Wang sees "Li Na is replying" while Li's editor is open — both carried by the running desks
//! through the hub (Li's desk pushes what she did at once, the hub's NOTIFY wakes Wang's).

mod common;

use common::postgres::Postgres;
use common::tmux::{Tmux, desk_as_agent};
use std::time::Instant;

/// Opens the first ticket of "All open" (the same list on both replicas, so the same ticket); its number.
fn open_first_of_all_open(t: &Tmux) -> String {
    t.wait_until("the hub reached", |s| {
        common::status_bar(s).contains("hub ✓")
    });
    t.keys(&["J", "J"]);
    t.wait_until("All open", |s| {
        s.contains("┌ All open") && s.contains(" #1")
    });
    t.keys(&["Enter"]);
    let screen = t.wait_for("Thread ·");
    screen
        .lines()
        .find_map(|l| {
            l.strip_prefix("│#")
                .map(|rest| rest.chars().take_while(|c| c.is_ascii_digit()).collect())
        })
        .expect("ticket number in the header")
}

#[test]
fn two_agents_on_replicas_of_one_hub_see_each_other_live() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // An hour between looks: what shows within the wait below came through the hub's NOTIFY.
    let (r1, r2) = common::hub::demo_on_hub(h, &url, 3600);
    // Li's editor waits for the test's go-ahead, so "replying" lasts as long as the test needs.
    let go = h.join("go");
    let editor = h.join("slow-editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nwhile [ ! -f '{}' ]; do sleep 0.05; done\nprintf 'Checked it, a technician comes tomorrow.\\n' > \"$1\"\n",
            go.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let editor = editor.display().to_string();

    let li = desk_as_agent("hub-live-li", "li", h, &r1, &editor);
    let wang = desk_as_agent("hub-live-wang", "wang", h, &r2, &editor);
    let number = open_first_of_all_open(&li);
    // Wang stays on the queue: no presence of his wakes Li's desk, so only her own desk can send her change.
    wang.wait_until("the hub reached", |s| {
        common::status_bar(s).contains("hub ✓")
    });
    wang.keys(&["J", "J"]);
    wang.wait_until("All open", |s| {
        s.contains("┌ All open") && s.contains(&number)
    });

    // Li puts the ticket on hold; Wang's queue follows without a key press.
    li.keys(&["s"]);
    let picker = li.wait_for(&format!("Status of #{number}"));
    let on_hold = picker
        .lines()
        .find(|l| l.contains(" On hold"))
        .and_then(|l| {
            l.split_whitespace()
                .find(|w| w.len() == 1 && w.chars().all(|c| c.is_ascii_digit()))
        })
        .expect("On hold is offered")
        .to_string();
    let changed = Instant::now();
    li.keys(&[&on_hold]);
    li.wait_for(&format!("#{number}: Saved"));
    wang.wait_until("Li's change on Wang's screen", |s| {
        s.lines()
            .any(|l| l.contains(&format!("#{number} ")) && l.contains("On hold"))
    });
    eprintln!(
        "through the hub: Li's change on Wang's screen after {} ms",
        changed.elapsed().as_millis()
    );
    wang.keys(&["#"]);
    wang.type_text(&number);
    wang.keys(&["Enter"]);
    wang.wait_until("Wang on the ticket", |s| {
        s.contains("Thread ·") && s.lines().any(|l| l.contains("Status On hold"))
    });

    // Li starts a reply; Wang sees it, then the reply itself.
    li.keys(&["r"]);
    let started = Instant::now();
    wang.wait_until("Li replying, on Wang's screen", |s| {
        s.contains("李娜 Li Na is replying")
    });
    eprintln!(
        "through the hub: \"is replying\" on Wang's screen after {} ms",
        started.elapsed().as_millis()
    );
    std::fs::write(&go, "").unwrap();
    li.wait_for("Review reply");
    li.keys(&["y"]);
    li.wait_for(&format!("#{number}:"));
    wang.wait_until("the reply on Wang's screen", |s| {
        s.contains("a technician comes tomorrow") && !s.contains("is replying")
    });
    for t in [&li, &wang] {
        t.keys(&["q"]);
        t.wait_until("desk to quit", |_| !t.alternate_on());
    }
}
