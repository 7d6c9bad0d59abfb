//! `desk hub push` (issue 20): a shared-file team moves into a new PostgreSQL hub with its history, its ticket
//! numbers and its attachments, and a replica made from the hub holds all of it, byte for byte.

mod common;

use common::postgres::Postgres;
use common::*;
use desk::domain::ticket::{Channel, Kind, Priority};
use desk::store::sync::Direction;
use desk::store::sync::pg::{HubConfig, PgHub, create_from_hub};
use desk::store::ticket_write::NewTicket;
use desk::store::{OpenMode, StorageMode, Store};
use std::collections::BTreeSet;
use std::path::Path;

fn ids(p: &Path) -> BTreeSet<String> {
    let s = Store::open_with(p, OpenMode::Existing, StorageMode::Local).unwrap();
    let mut st = s.conn().prepare("SELECT id FROM changes").unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_team_moves_in_with_its_history_numbers_and_attachments() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.create_database();
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team.db");
    let mut s = Store::open_with(&team, OpenMode::Create, StorageMode::Local).unwrap();
    fill(&mut s, 6);
    // An attachment whose bytes are not text: every value a byte can take.
    let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let (ticket, message): (String, String) = s
        .conn()
        .query_row(
            "SELECT ticket_id, id FROM messages ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    s.conn()
        .execute(
            "INSERT INTO attachment_blobs(hash, size, data) VALUES ('h1', ?1, ?2)",
            rusqlite::params![bytes.len() as i64, bytes],
        )
        .unwrap();
    s.conn()
        .execute(
            "INSERT INTO attachments(id, ticket_id, message_id, name, content_type, size, hash, created_at)
             VALUES ('ATTACHMENT01', ?1, ?2, '发票 invoice.pdf', 'application/pdf', ?3, 'h1', ?4)",
            rusqlite::params![ticket, message, bytes.len() as i64, NOW],
        )
        .unwrap();
    let numbers = |s: &Store| -> Vec<i64> {
        let mut st = s
            .conn()
            .prepare("SELECT number FROM tickets ORDER BY number")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let team_numbers = numbers(&s);
    let top = *team_numbers.last().unwrap();
    let mut hub = PgHub::init(&HubConfig::new(&url)).unwrap().0;
    let moved = hub.move_up(&mut s, &mut |_, _| {}).unwrap();
    assert_eq!(moved.tickets, 6);
    assert_eq!(moved.next_number, top + 1);
    drop(s);

    let replica = dir.path().join("r.db");
    create_from_hub(&HubConfig::new(&url), &replica, NOW, &mut |_, _| {}).unwrap();
    let mut r = Store::open_with(&replica, OpenMode::Existing, StorageMode::Local).unwrap();
    r.set_actor(Some("li".into()));
    let (row, got) = r.attachment_content("ATTACHMENT01").unwrap().unwrap();
    assert_eq!(got, bytes, "the attachment's bytes");
    assert_eq!(row.name.to_string(), "发票 invoice.pdf");
    assert_eq!(numbers(&r), team_numbers);
    assert_eq!(
        ids(&replica),
        ids(&team),
        "the whole change log, as history"
    );
    // The next ticket, made on the replica, gets the number after the team's last.
    r.create_ticket(
        &NewTicket {
            subject: "after the move".into(),
            kind: Kind::Question,
            channel: Channel::Phone,
            priority: Priority::Normal,
            customer_id: "C1".into(),
            product_id: None,
            body: "电话".into(),
        },
        NOW + 5,
    )
    .unwrap();
    r.sync_with_hub(None, None, Direction::Both, NOW + 6)
        .unwrap();
    assert_eq!(numbers(&r).last().copied(), Some(top + 1));
    let report = desk::store::check::check_file(&replica, false).unwrap();
    assert!(report.healthy(), "{:?}", report.checks);
}
