//! Hot topics (热点问题): tickets created per category (kind), tag and product in this month and the month before
//! (`domain::hot_topics::months`). Each count is a range of the `tickets_created_facts` index over one month,
//! so its cost grows with that month's tickets, never the table; tags and products are looked up per ticket by
//! their keys.

use rusqlite::params;
use rusqlite::types::Value as SqlValue;

use super::{Result, Store};
use crate::domain::hot_topics::{TopicCounts, TopicDim, months};
use crate::domain::metrics_report::Window;

/// At most this many keys per dimension and month are read (most tickets first): the ranking lists five.
const KEYS: i64 = 500;

/// The count of one dimension over `[?1, ?2)`, most tickets first, at most `?3` keys.
fn sql(dim: TopicDim) -> &'static str {
    match dim {
        TopicDim::Category => {
            "SELECT t.kind, count(*) FROM tickets t INDEXED BY tickets_created_facts
              WHERE t.status <> 'merged' AND t.created_at >= ?1 AND t.created_at < ?2
              GROUP BY t.kind ORDER BY 2 DESC, 1 LIMIT ?3"
        }
        TopicDim::Tag => {
            "SELECT g.tag, count(*) FROM tickets t INDEXED BY tickets_created_facts
               JOIN tags g ON g.entity = 'ticket' AND g.entity_id = t.id
              WHERE t.status <> 'merged' AND t.created_at >= ?1 AND t.created_at < ?2
              GROUP BY g.tag ORDER BY 2 DESC, 1 LIMIT ?3"
        }
        TopicDim::Product => {
            "SELECT p.name, count(*) FROM tickets t INDEXED BY tickets_created_facts
               JOIN products p ON p.id = t.product_id
              WHERE t.status <> 'merged' AND t.created_at >= ?1 AND t.created_at < ?2
              GROUP BY p.name ORDER BY 2 DESC, 1 LIMIT ?3"
        }
    }
}

impl Store {
    /// Tickets per category, tag and product in the month holding `window`'s last day (up to that day) and the
    /// same days of the month before.
    pub fn topic_counts(&self, window: Window, offset: i64) -> Result<TopicCounts> {
        let m = months(window.last_date(offset), offset);
        let mut out = TopicCounts::default();
        for dim in TopicDim::ALL {
            out.current.insert(*dim, self.topic_count(*dim, m.current)?);
            out.previous
                .insert(*dim, self.topic_count(*dim, m.previous)?);
        }
        Ok(out)
    }

    fn topic_count(&self, dim: TopicDim, w: Window) -> Result<Vec<(String, u64)>> {
        let mut stmt = self.conn.prepare_cached(sql(dim))?;
        let rows = stmt.query_map(params![w.from, w.to, KEYS], |r| {
            Ok((
                crate::domain::text::sanitize(&r.get::<_, String>(0)?),
                r.get::<_, i64>(1)?.max(0) as u64,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// `EXPLAIN QUERY PLAN` of each count, for the test that keeps them on their indexes.
    pub fn topic_query_plans(&self) -> Result<Vec<(String, String)>> {
        TopicDim::ALL
            .iter()
            .map(|d| {
                let plan = super::paging::query_plan(
                    &self.conn,
                    sql(*d),
                    &[
                        SqlValue::Integer(0),
                        SqlValue::Integer(1),
                        SqlValue::Integer(KEYS),
                    ],
                )?;
                Ok((d.as_str().to_string(), plan.join(" / ")))
            })
            .collect()
    }
}
