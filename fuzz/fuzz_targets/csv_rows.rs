//! CSV import rows, as `Store::import_csv` reads them: the first record is the header, mapped to fields for each
//! kind of import; every later record of the header's length is checked, and a row that passes has the dates and
//! amounts the writer will read.
#![no_main]

use desk::store::csv_rows::{Cells, ImportKind, check, parse_amount, parse_time};
use libfuzzer_sys::fuzz_target;

const KINDS: [ImportKind; 4] = [
    ImportKind::Customers,
    ImportKind::Organizations,
    ImportKind::Products,
    ImportKind::Orders,
];

fuzz_target!(|data: &[u8]| {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(data);
    let Ok(header) = reader.headers() else {
        return;
    };
    let header: Vec<String> = header.iter().map(String::from).collect();
    let records: Vec<csv::StringRecord> =
        reader.records().filter_map(Result::ok).take(64).collect();
    for kind in KINDS {
        let Ok(columns) = kind.columns(&header) else {
            continue;
        };
        assert_eq!(columns.len(), header.len());
        for rec in records.iter().filter(|r| r.len() == columns.len()) {
            let cells = Cells {
                values: columns.iter().copied().zip(rec.iter()).collect(),
            };
            let ok = check(kind, &cells).is_ok();
            for (field, value) in &cells.values {
                let _ = cells.text(field);
                let _ = (parse_time(value), parse_amount(value));
            }
            if ok {
                for f in ["purchased_at", "warranty_until", "at"] {
                    assert!(cells.get(f).is_none_or(|v| parse_time(v).is_some()), "{f}");
                }
                assert!(
                    cells
                        .get("amount")
                        .is_none_or(|a| parse_amount(a).is_some())
                );
                assert!(
                    cells.get("name").is_some() || !cells.has("name") && kind == ImportKind::Orders
                );
            }
        }
    }
});
