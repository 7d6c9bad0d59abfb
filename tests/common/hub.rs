//! Teams on a PostgreSQL hub for the hub tests: a seed database moved in with `desk hub push`'s code, and replicas
//! bootstrapped from it.

use desk::store::sync::pg::{HubConfig, PgHub, create_from_hub};
use desk::store::{OpenMode, StorageMode, Store};
use std::path::{Path, PathBuf};

/// An existing database, acting as agent `actor`.
pub fn open_as(path: &Path, actor: &str) -> Store {
    let mut s = Store::open_with(path, OpenMode::Existing, StorageMode::Local).unwrap();
    s.set_actor(Some(actor.into()));
    s
}

/// Makes the database at `url` a hub holding what `seed` writes into a new team file (`dir/team.db`), and `n`
/// replicas of it (`dir/r0.db` …), made at `now`.
pub fn team_on_hub(
    dir: &Path,
    url: &str,
    n: usize,
    now: i64,
    seed: impl FnOnce(&mut Store),
) -> Vec<PathBuf> {
    let mut s =
        Store::open_with(&dir.join("team.db"), OpenMode::Create, StorageMode::Local).unwrap();
    seed(&mut s);
    let cfg = HubConfig::new(url);
    let (mut hub, fresh) = PgHub::init(&cfg).unwrap();
    assert!(fresh, "{url} was a hub already");
    hub.move_up(&mut s, &mut |_, _| {}).unwrap();
    (0..n)
        .map(|i| {
            let p = dir.join(format!("r{i}.db"));
            create_from_hub(&cfg, &p, now, &mut |_, _| {}).unwrap();
            p
        })
        .collect()
}

/// With the desk binary, as the README tells a team: the 60-ticket demo in `home/team.db` moved into the hub at
/// `url`, replicas `home/r1.db` and `home/r2.db` made from it, and a config whose periodic look comes every
/// `every_secs` (long, so what shows sooner came through the hub's NOTIFY). Returns the replicas' paths.
pub fn demo_on_hub(home: &Path, url: &str, every_secs: u32) -> (String, String) {
    let path = |name: &str| home.join(name).display().to_string();
    let (team, r1, r2) = (path("team.db"), path("r1.db"), path("r2.db"));
    super::desk_ok(home, "li", &["demo", "--db", &team, "--tickets", "60"]);
    super::desk_ok(home, "li", &["hub", "init", url]);
    super::desk_ok(home, "li", &["hub", "push", &team, url]);
    for r in [&r1, &r2] {
        super::desk_ok(home, "li", &["replica", "create", "--from", url, r]);
    }
    std::fs::create_dir_all(home.join("config/desk")).unwrap();
    std::fs::write(
        home.join("config/desk/config.toml"),
        format!("[sync]\nauto = true\nevery_secs = {every_secs}\n"),
    )
    .unwrap();
    (r1, r2)
}
