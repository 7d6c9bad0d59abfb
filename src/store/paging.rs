//! Keyset paging shared by every list: WHERE clauses with bound parameters, the cursor condition, and turning the
//! fetched rows (one extra, to know whether more exist) into a [`Page`].

use super::Page;
use crate::domain::view::{Cursor, PageRequest};
use rusqlite::types::Value as SqlValue;

/// WHERE clauses and their bound parameters, built up by a query compiler.
#[derive(Default)]
pub(super) struct Clauses {
    pub clauses: Vec<String>,
    pub params: Vec<SqlValue>,
}

impl Clauses {
    /// Adds a bound parameter and returns its placeholder.
    pub fn bind(&mut self, v: impl Into<SqlValue>) -> String {
        self.params.push(v.into());
        format!("?{}", self.params.len())
    }

    pub fn push(&mut self, clause: impl Into<String>) {
        self.clauses.push(clause.into());
    }

    pub fn where_sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    /// Adds the keyset condition for `req` on (`key`, `rid`) and returns the `ORDER BY … LIMIT …` tail.
    /// `descending` lists run largest key first. Pages before a cursor, and the last page, are fetched in the
    /// opposite order and reversed by [`finish`].
    pub fn keyset(
        &mut self,
        req: PageRequest,
        key: &str,
        rid: &str,
        limit: usize,
        descending: bool,
    ) -> String {
        self.keyset_ordered_by(req, (key, rid), (key, rid), limit, descending)
    }

    /// [`keyset`](Self::keyset) whose `ORDER BY` names the key and row id as `order` (the output columns'
    /// names, which a compound SELECT must order by).
    pub fn keyset_ordered_by(
        &mut self,
        req: PageRequest,
        (key, rid): (&str, &str),
        order: (&str, &str),
        limit: usize,
        descending: bool,
    ) -> String {
        let (forward, backward) = if descending {
            ("DESC", "ASC")
        } else {
            ("ASC", "DESC")
        };
        let (after, before) = if descending { ("<", ">") } else { (">", "<") };
        let (cmp, dir) = match req {
            PageRequest::First => (None, forward),
            PageRequest::Last => (None, backward),
            PageRequest::After(cur) => (Some((after, cur)), forward),
            PageRequest::Before(cur) => (Some((before, cur)), backward),
        };
        if let Some((op, Cursor { key: k, rid: r })) = cmp {
            let pk = self.bind(k);
            let pr = self.bind(r);
            self.push(format!("({key}, {rid}) {op} ({pk}, {pr})"));
        }
        let lim = self.bind(limit as i64 + 1);
        format!(" ORDER BY {} {dir}, {} {dir} LIMIT {lim}", order.0, order.1)
    }
}

/// `EXPLAIN QUERY PLAN` of `sql`, one line per step: tests check that every built-in view walks an index.
pub(super) fn query_plan(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &[SqlValue],
) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
        r.get::<_, String>(3)
    })?
    .collect()
}

/// Turns `limit + 1` fetched rows into a page in list order.
pub(super) fn finish<T>(mut rows: Vec<T>, req: PageRequest, limit: usize) -> Page<T> {
    let more = rows.len() > limit;
    rows.truncate(limit);
    match req {
        PageRequest::First => Page {
            rows,
            at_start: true,
            at_end: !more,
        },
        PageRequest::After(_) => Page {
            rows,
            at_start: false,
            at_end: !more,
        },
        PageRequest::Before(_) => {
            rows.reverse();
            Page {
                rows,
                at_start: !more,
                at_end: false,
            }
        }
        PageRequest::Last => {
            rows.reverse();
            Page {
                rows,
                at_start: !more,
                at_end: true,
            }
        }
    }
}
