//! The view language: any text either fails to parse with a column inside it or parses to a query that prints back as itself, narrows a
//! filter and compiles to SQL whose only literals are enum names and whose placeholders match its parameters.
#![no_main]

use desk::domain::phone::{GENERIC, Region};
use desk::domain::query::parse;
use desk::domain::view::{Cursor, PageRequest, TicketFilter};
use desk::store::tickets::{ticket_count_sql, ticket_page_sql};
use libfuzzer_sys::fuzz_target;

/// 2026-01-02 00:00 UTC, and a UTC+8 local day.
const NOW: i64 = 1_767_312_000;
const OFFSET: i64 = 8 * 3600;

/// The largest `?N` in `sql`, and whether every single-quoted literal is an enum name or the LIKE escape `\`.
fn check_sql(sql: &str, params: usize) {
    let mut max = 0;
    let mut rest = sql;
    while let Some(i) = rest.find('?') {
        rest = &rest[i + 1..];
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let n: usize = digits.parse().unwrap_or_else(|_| panic!("bare ? in {sql}"));
        assert!(n >= 1, "?0 in {sql}");
        max = max.max(n);
    }
    assert_eq!(max, params, "placeholders vs {params} parameters: {sql}");
    for (i, lit) in sql.split('\'').enumerate() {
        if i % 2 == 1 {
            assert!(
                lit == "\\"
                    || (!lit.is_empty() && lit.chars().all(|c| c.is_ascii_lowercase() || c == '_')),
                "literal '{lit}' in {sql}"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let q = match parse(text) {
        Ok(q) => q,
        Err(e) => {
            let chars = text.chars().count();
            assert!(
                e.column >= 1 && e.column <= chars + 1,
                "column {} for {text:?}",
                e.column
            );
            return;
        }
    };
    let printed = q.to_string();
    match parse(&printed) {
        Ok(back) => assert_eq!(
            back, q,
            "{text:?} prints as {printed:?}, which reads back differently"
        ),
        Err(e) => panic!("{text:?} prints as {printed:?}, which does not parse: {e}"),
    }
    let filter = TicketFilter::default().refine(&q, NOW, OFFSET);
    let cursor = Cursor { key: NOW, rid: 42 };
    // China's rule turns a phone-like customer term into a key; the generic one keeps digits.
    let china = Region::parse("CN").unwrap_or(GENERIC);
    for (me, region) in [(None, china), (Some("01JAGENT"), GENERIC)] {
        for req in [
            PageRequest::First,
            PageRequest::Last,
            PageRequest::After(cursor),
            PageRequest::Before(cursor),
        ] {
            let (sql, params) = ticket_page_sql(&filter, me, req, 100, region);
            check_sql(&sql, params.len());
        }
        let (sql, params) = ticket_count_sql(&filter, me, region);
        if params.is_empty() {
            assert!(!sql.contains('?'), "{sql}");
        } else {
            check_sql(&sql, params.len());
        }
    }
});
