//! The declarative ticket fields (`domain::ticket_fields` + `store::ticket_columns`): a field with a generic
//! filter is filterable in the view language and in the CLI, and a detail field reaches the ticket's JSON by its
//! key — with nothing but its declaration.

mod common;

use common::*;
use desk::domain::query;
use desk::domain::ticket_fields::{Place, TICKET_FIELDS, def};
use desk::domain::view::{PageRequest, TicketFilter};
use desk::store::Store;

/// The 200-ticket demo (seed 42) in a file the CLI can open too.
fn demo() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let mut store = Store::open(&path, desk::store::OpenMode::Create).unwrap();
    let opts = desk::demo::DemoOptions {
        now: NOW,
        ..desk::demo::DemoOptions::default()
    };
    desk::demo::generate(&mut store, &opts, &mut |_, _| {}).unwrap();
    (dir, path, store)
}

/// The tickets a view-language filter selects (first page), by number.
fn select(store: &Store, text: &str) -> Vec<i64> {
    let q = query::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    let f = TicketFilter::default().refine(&q, NOW, 0);
    store
        .ticket_page(&f, None, PageRequest::First, 500)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.number)
        .collect()
}

#[test]
fn a_generic_filter_field_selects_by_its_column() {
    let (_dir, _path, store) = demo();
    // A product some tickets are about, by part of its name.
    let with_product = select(&store, "sort:number")
        .into_iter()
        .filter_map(|n| store.ticket_detail(n).unwrap())
        .find_map(|d| d.product.map(|p| p.to_string()))
        .expect("the demo has tickets about a product");
    let part: String = with_product.chars().take(4).collect();
    let hits = select(&store, &format!("product:\"{part}\""));
    assert!(!hits.is_empty());
    for n in &hits {
        let d = store.ticket_detail(*n).unwrap().unwrap();
        let name = d.product.map(|p| p.to_string()).unwrap_or_default();
        assert!(name.contains(&part), "#{n}: {name} lacks {part}");
    }
    assert!(select(&store, "product:no-such-product-anywhere").is_empty());
    // The clause prints back as typed, and unknown fields list the generic ones too.
    let q = query::parse("product:\"HP 打印机\"").unwrap();
    assert_eq!(q.to_string(), "product:\"HP 打印机\"");
    let e = query::parse("colour:red").unwrap_err();
    assert!(e.problem.to_string().contains("product"), "{e}");
}

#[test]
fn every_filterable_field_compiles_and_every_detail_field_reaches_json() {
    let (_dir, path, store) = demo();
    for d in TICKET_FIELDS.iter().filter(|d| d.filter.is_some()) {
        // Any text at all: the clause must compile to SQL that runs.
        let text = format!("{}:zz", d.key);
        assert!(select(&store, &text).is_empty(), "{text}");
    }
    // `desk ticket show --format json` carries each detail field under its key.
    let number = select(&store, "sort:number")[0].to_string();
    let home = tempfile::tempdir().unwrap();
    let db = path.to_string_lossy().to_string();
    let o = desk_as(
        home.path(),
        "li",
        &["ticket", "show", &number, "--db", &db, "--format", "json"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for d in TICKET_FIELDS.iter().filter(|d| d.place == Place::Details) {
        assert!(json.get(d.key).is_some(), "{} missing from {json}", d.key);
    }
    let status = def(desk::domain::ticket_fields::TicketField::Status).key;
    assert!(
        json[status].is_string(),
        "core fields keep their keys: {json}"
    );
    assert_eq!(json["number"].to_string(), number);
}

#[test]
fn the_serial_number_is_shown_filterable_and_in_json() {
    let (_dir, path, store) = demo();
    let (number, serial) = select(&store, "sort:number")
        .into_iter()
        .filter_map(|n| store.ticket_detail(n).unwrap())
        .find_map(|d| {
            let s = d
                .details
                .text(desk::domain::ticket_fields::TicketField::Serial)?;
            Some((d.row.number, s))
        })
        .expect("a demo ticket about a product with a serial number");
    // Filterable: by the whole serial, and by part of it.
    assert!(select(&store, &format!("serial:{serial}")).contains(&number));
    let part: String = serial.chars().skip(2).take(5).collect();
    for n in select(&store, &format!("serial:{part}")) {
        let d = store.ticket_detail(n).unwrap().unwrap();
        let s = d
            .details
            .text(desk::domain::ticket_fields::TicketField::Serial);
        assert!(s.is_some_and(|s| s.contains(&part)), "#{n}");
    }
    // In the JSON of `desk ticket show`, under its key.
    let home = tempfile::tempdir().unwrap();
    let db = path.to_string_lossy().to_string();
    let o = desk_as(
        home.path(),
        "li",
        &[
            "ticket",
            "show",
            &number.to_string(),
            "--db",
            &db,
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["serial"], serial.as_str());
    // On the ticket: the header's details line.
    let (_d, mut app) = demo_app(120, 40);
    app.model.ticket.number = Some(number);
    let detail = desk::runtime::serve(
        &mut app.store,
        desk::app::protocol::TicketRequest::Detail { number, at: NOW }.into(),
    );
    app.send(desk::app::Msg::Loaded(detail));
    app.keys("2");
    assert!(
        app.screen().contains(&format!("Serial {serial}")),
        "{}",
        app.screen()
    );
}
