//! Rebuilding the daily roll-ups from every ticket at once (`desk check --repair`, the demo, the first report
//! after a bulk load). SQL computes each ticket's contribution from the same definitions the triggers use
//! (`rollups::COUNTERS`, `rollups::cell_measures`); the sums per dimension are made here, in one pass over the
//! tickets. The same sums as one `INSERT … SELECT` over `tickets CROSS JOIN metric_dims` sorted six rows per
//! ticket and side, and cost 25 s at a million tickets.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Transaction, params_from_iter};

use super::Result;
use super::rollups::{COUNTERS, DIM_KEYS, Side, cell_measures, side_cond, side_day};

/// Strings (dimension keys) numbered as they are first seen, so the sums are keyed by numbers.
#[derive(Default)]
struct Interned {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interned {
    fn id(&mut self, s: String) -> u32 {
        if let Some(&id) = self.ids.get(&s) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(s.clone());
        self.ids.insert(s, id);
        id
    }

    fn name(&self, id: u32) -> &str {
        usize::try_from(id)
            .ok()
            .and_then(|i| self.names.get(i))
            .map_or("", String::as_str)
    }
}

/// For each dimension of `metric_dims`, the index in [`DIM_KEYS`] of the column it keys by (`None`: the `''`
/// dimension, keyed by `''`).
fn dimensions(tx: &Transaction<'_>) -> Result<Vec<(String, Option<usize>)>> {
    let mut stmt = tx.prepare("SELECT dim FROM metric_dims ORDER BY dim")?;
    let dims = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(dims
        .into_iter()
        .map(|d| {
            let col = DIM_KEYS.iter().position(|(name, _)| *name == d);
            (d, col)
        })
        .collect())
}

fn key_columns() -> String {
    DIM_KEYS
        .iter()
        .map(|(_, col)| format!("coalesce(t.{col}, '')"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads the dimension keys at columns `from..from + DIM_KEYS.len()` of `row`, interned.
fn row_keys(row: &rusqlite::Row<'_>, from: usize, keys: &mut Interned) -> Result<Vec<u32>> {
    (0..DIM_KEYS.len())
        .map(|i| Ok(keys.id(row.get::<_, String>(from + i)?)))
        .collect()
}

/// Fills `metric_days` and `metric_day_cells` (emptied by the caller) with the sums of every ticket.
pub(super) fn sum_tickets(tx: &Transaction<'_>, offset: i64) -> Result<()> {
    let dims = dimensions(tx)?;
    let mut keys = Interned::default();
    let empty = keys.id(String::new());
    let key_of = |row_keys: &[u32], col: Option<usize>| {
        col.and_then(|c| row_keys.get(c).copied()).unwrap_or(empty)
    };

    // (dimension, day, key) → one sum per counter.
    let mut days: HashMap<(usize, i64, u32), Vec<i64>> = HashMap::new();
    for side in [Side::Created, Side::Solved] {
        let counters: Vec<usize> = (0..COUNTERS.len())
            .filter(|&i| COUNTERS.get(i).is_some_and(|c| c.1 == side))
            .collect();
        let exprs: Vec<String> = counters
            .iter()
            .filter_map(|&i| COUNTERS.get(i))
            .map(|(_, _, expr)| format!("({})", expr.replace("{t}", "t")))
            .collect();
        let sql = format!(
            "SELECT {}, {}, {} FROM tickets t WHERE {}",
            side_day("t", side, offset),
            key_columns(),
            exprs.join(", "),
            side_cond("t", side)
        );
        let mut stmt = tx.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let day: i64 = row.get(0)?;
            let ticket_keys = row_keys(row, 1, &mut keys)?;
            let first = 1 + DIM_KEYS.len();
            let values: Vec<i64> = (0..counters.len())
                .map(|i| row.get::<_, i64>(first + i))
                .collect::<rusqlite::Result<_>>()?;
            for (d, (_, col)) in dims.iter().enumerate() {
                let sums = days
                    .entry((d, day, key_of(&ticket_keys, *col)))
                    .or_insert_with(|| vec![0; COUNTERS.len()]);
                for (&counter, value) in counters.iter().zip(&values) {
                    if let Some(sum) = sums.get_mut(counter) {
                        *sum += value;
                    }
                }
            }
        }
    }

    // (dimension, day, key, measure, cell) → tickets.
    let measures = cell_measures("t", offset);
    let mut cells: HashMap<(usize, i64, u32, usize, i64), i64> = HashMap::new();
    for (m, (_, day, cell, cond)) in measures.iter().enumerate() {
        let sql = format!(
            "SELECT {day}, {}, {cell} FROM tickets t WHERE {cond}",
            key_columns()
        );
        let mut stmt = tx.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let day: i64 = row.get(0)?;
            let ticket_keys = row_keys(row, 1, &mut keys)?;
            let cell: i64 = row.get(1 + DIM_KEYS.len())?;
            for (d, (_, col)) in dims.iter().enumerate() {
                *cells
                    .entry((d, day, key_of(&ticket_keys, *col), m, cell))
                    .or_insert(0) += 1;
            }
        }
    }

    // Written in primary-key order (so each insert appends), leaving out rows that sum to nothing as the
    // triggers' HAVING does.
    let names: Vec<&str> = COUNTERS.iter().map(|c| c.0).collect();
    let placeholders: Vec<String> = (4..4 + names.len()).map(|i| format!("?{i}")).collect();
    let mut insert_day = tx.prepare(&format!(
        "INSERT INTO metric_days(dim, day, key, {}) VALUES (?1, ?2, ?3, {})",
        names.join(", "),
        placeholders.join(", ")
    ))?;
    let ordered: BTreeMap<(&str, i64, &str), &Vec<i64>> = days
        .iter()
        .filter(|(_, sums)| sums.iter().any(|&v| v != 0))
        .map(|((d, day, key), sums)| {
            let dim = dims.get(*d).map_or("", |(name, _)| name.as_str());
            ((dim, *day, keys.name(*key)), sums)
        })
        .collect();
    for ((dim, day, key), sums) in ordered {
        let head: [rusqlite::types::Value; 3] =
            [dim.to_string().into(), day.into(), key.to_string().into()];
        insert_day.execute(params_from_iter(
            head.into_iter()
                .chain(sums.iter().map(|&v| rusqlite::types::Value::from(v))),
        ))?;
    }
    let mut insert_cell = tx.prepare(
        "INSERT INTO metric_day_cells(dim, day, key, measure, cell, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let ordered: BTreeMap<(&str, i64, &str, &str, i64), i64> = cells
        .iter()
        .filter(|(_, n)| **n != 0)
        .map(|((d, day, key, m, cell), n)| {
            let dim = dims.get(*d).map_or("", |(name, _)| name.as_str());
            let measure = measures.get(*m).map_or("", |x| x.0);
            ((dim, *day, keys.name(*key), measure, *cell), *n)
        })
        .collect();
    for ((dim, day, key, measure, cell), n) in ordered {
        insert_cell.execute(rusqlite::params![dim, day, key, measure, cell, n])?;
    }
    Ok(())
}
