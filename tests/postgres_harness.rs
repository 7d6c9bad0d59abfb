//! The PostgreSQL test server (tests/common/postgres.rs) checked on its own, before any hub test relies on it:
//! databases made for two tests are separate, the password role logs in and owns them, a killed server comes
//! back with what was committed, TLS works with only the harness's CA trusted, and dropping an own cluster leaves
//! no server process. Without PostgreSQL's server binaries (a developer machine) these pass without running,
//! except under CI where they fail.

mod common;

use common::postgres::{Postgres, database_name};
use postgres::{Client, NoTls};
use std::time::Instant;

fn client(url: &str) -> Client {
    Client::connect(url, NoTls).unwrap_or_else(|e| panic!("connecting to {url}: {e}"))
}

#[test]
fn two_databases_are_separate() {
    let started = Instant::now();
    let Some(pg) = Postgres::start() else {
        return;
    };
    eprintln!("server ready in {:?}", started.elapsed());
    let (a, b) = (pg.create_database(), pg.create_database());
    assert_ne!(a, b);
    for (url, word) in [(&a, "甲 first"), (&b, "乙 second")] {
        let mut c = client(url);
        c.batch_execute("CREATE TABLE t (id int PRIMARY KEY, word text NOT NULL)")
            .unwrap();
        c.execute("INSERT INTO t VALUES (1, $1)", &[&word]).unwrap();
    }
    for (url, word) in [(&a, "甲 first"), (&b, "乙 second")] {
        let mut c = client(url);
        let rows = c.query("SELECT word FROM t", &[]).unwrap();
        let words: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
        assert_eq!(words, [word.to_string()], "{url}");
        let db: String = c
            .query_one("SELECT current_database()", &[])
            .unwrap()
            .get(0);
        assert_eq!(db, database_name(url));
    }
    // The password role logs in over TCP, owns the database and may create tables in it.
    let mut owner = client(&pg.password_url(&database_name(&a)));
    owner
        .batch_execute("CREATE TABLE mine (x int); INSERT INTO mine VALUES (7)")
        .unwrap();
    let x: i32 = owner.query_one("SELECT x FROM mine", &[]).unwrap().get(0);
    assert_eq!(x, 7);
    let wrong = pg
        .password_url(&database_name(&a))
        .replace(&pg.password, "not-the-password");
    let refused = Client::connect(&wrong, NoTls)
        .err()
        .expect("a wrong password is refused");
    assert_eq!(
        refused.code(),
        Some(&postgres::error::SqlState::INVALID_PASSWORD),
        "refused for another reason: {refused:?}"
    );
}

#[test]
fn a_killed_server_restarts_with_what_was_committed() {
    let Some(mut pg) = Postgres::start_own() else {
        return;
    };
    let url = pg.create_database();
    let mut c = client(&url);
    c.batch_execute("CREATE TABLE t (n int); INSERT INTO t SELECT generate_series(1, 1000)")
        .unwrap();
    // A transaction left open when the server dies is lost.
    c.batch_execute("BEGIN; INSERT INTO t VALUES (-1)").unwrap();
    let pid = pg.pid().expect("the postmaster's pid");
    let killed = Instant::now();
    pg.kill();
    assert!(pg.pid().is_none());
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists(),
        "the postmaster {pid} survived SIGKILL"
    );
    assert!(
        c.batch_execute("COMMIT").is_err(),
        "the connection outlived the server"
    );
    pg.restart();
    eprintln!("killed and restarted in {:?}", killed.elapsed());
    assert_ne!(pg.pid(), Some(pid));
    let mut c = client(&url);
    let (count, min): (i64, i32) = {
        let r = c.query_one("SELECT count(*), min(n) FROM t", &[]).unwrap();
        (r.get(0), r.get(1))
    };
    assert_eq!((count, min), (1000, 1));
    assert!(
        pg.log().contains("automatic recovery in progress"),
        "no crash recovery in the log:\n{}",
        pg.log()
    );
    // Restarting a running server stops it first.
    pg.restart();
    let n: i64 = client(&url)
        .query_one("SELECT count(*) FROM t", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 1000);
}

#[test]
fn tls_with_the_harness_ca() {
    let Some(pg) = Postgres::start() else {
        return;
    };
    let Some(ca) = pg.ca_pem.clone() else {
        eprintln!(
            "no CA for this server (openssl missing, or DESK_TEST_PG_CA unset): TLS not checked"
        );
        return;
    };
    let url = format!("{}?sslmode=require", pg.url("postgres"));
    let trusting = desk::channels::tls::client_config(Some(&ca)).unwrap();
    let tls = tokio_postgres_rustls::MakeRustlsConnect::new((*trusting).clone());
    let mut c = Client::connect(&url, tls).unwrap_or_else(|e| panic!("{url} with the CA: {e}"));
    let ssl: bool = c
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(ssl, "connected without TLS");
    // Public roots only: the certificate is refused.
    let public = desk::channels::tls::client_config(None).unwrap();
    let tls = tokio_postgres_rustls::MakeRustlsConnect::new((*public).clone());
    let refused = Client::connect(&url, tls)
        .err()
        .expect("an unknown CA is refused");
    assert!(
        format!("{refused:?}").contains("UnknownIssuer"),
        "refused for another reason: {refused:?}"
    );
}

#[test]
fn dropping_an_own_cluster_stops_it() {
    let started = Instant::now();
    let Some(pg) = Postgres::start_own() else {
        return;
    };
    eprintln!("own cluster ready in {:?}", started.elapsed());
    let pid = pg.pid().expect("the postmaster's pid");
    let port = pg.port().expect("an own cluster's port");
    let stopping = Instant::now();
    drop(pg);
    eprintln!("stopped in {:?}", stopping.elapsed());
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists(),
        "the postmaster {pid} still runs"
    );
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "something still listens on {port}"
    );
}
