//! Hot topics (热点问题): what customers asked about most this calendar month, and what moved against the month
//! before, by category (the ticket's kind), tag and product. Pure: the store counts tickets per key and month;
//! this ranks them. Definitions: docs/METRICS.md ("Hot topics").

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::metrics_report::{Window, midnight};
use crate::str_enum;

str_enum!(
    /// What tickets are counted under.
    TopicDim {
        Category = "category",
        Tag = "tag",
        Product = "product",
    }
);

impl TopicDim {
    pub fn label(self) -> &'static str {
        match self {
            TopicDim::Category => "Category",
            TopicDim::Tag => "Tag",
            TopicDim::Product => "Product",
        }
    }
}

/// How many topics of each dimension a report lists, and how many movers.
pub const TOP: usize = 5;

/// The two spans compared: this month from its first day to the report's last day, and the month before over the
/// same days of the month (the whole month when the report's last day ends its month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Months {
    pub current: Window,
    pub previous: Window,
    /// First and last local day of each span.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub previous_from: NaiveDate,
    pub previous_to: NaiveDate,
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    let next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(d)
}

/// The spans for a report whose last local day is `last`, at UTC offset `offset` (seconds east).
pub fn months(last: NaiveDate, offset: i64) -> Months {
    let from = last.with_day(1).unwrap_or(last);
    let previous_from = from.pred_opt().and_then(|d| d.with_day(1)).unwrap_or(from);
    let previous_last = last_of_month(previous_from);
    let previous_to = if last == last_of_month(last) {
        previous_last
    } else {
        previous_from
            .with_day(last.day())
            .unwrap_or(previous_last)
            .min(previous_last)
    };
    let span = |a: NaiveDate, b: NaiveDate| Window {
        from: midnight(a, offset),
        to: midnight(b, offset) + 86_400,
    };
    Months {
        current: span(from, last),
        previous: span(previous_from, previous_to),
        from,
        to: last,
        previous_from,
        previous_to,
    }
}

/// One topic: its count in each span and the change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    /// The stored key (a kind, a tag, a product name); what a drill-down filters on.
    pub key: String,
    pub label: String,
    pub count: u64,
    pub previous: u64,
    /// `count - previous`.
    pub delta: i64,
    /// `100 × delta / previous`; `None` when there were none before.
    pub relative: Option<f64>,
    /// Asked about this month and not the month before.
    pub new: bool,
}

/// One dimension's ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicRanking {
    pub dim: TopicDim,
    /// Tickets counted (a ticket with two tags counts under both), this month and the month before.
    pub total: u64,
    pub previous_total: u64,
    /// Most tickets this month first.
    pub top: Vec<Topic>,
    /// Largest change either way first.
    pub movers: Vec<Topic>,
}

/// The report's hot-topics section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HotTopics {
    pub months: Months,
    pub rankings: Vec<TopicRanking>,
}

impl HotTopics {
    pub fn is_empty(&self) -> bool {
        self.rankings
            .iter()
            .all(|r| r.total == 0 && r.previous_total == 0)
    }

    pub fn ranking(&self, dim: TopicDim) -> Option<&TopicRanking> {
        self.rankings.iter().find(|r| r.dim == dim)
    }
}

/// What the store counted: per dimension, (key, tickets) this month and the month before.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TopicCounts {
    pub current: BTreeMap<TopicDim, Vec<(String, u64)>>,
    pub previous: BTreeMap<TopicDim, Vec<(String, u64)>>,
}

/// Every key of either span with its two counts (repeated keys add up), ordered by key.
fn merged(current: &[(String, u64)], previous: &[(String, u64)]) -> BTreeMap<String, (u64, u64)> {
    let mut out: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for (k, n) in current {
        out.entry(k.clone()).or_default().0 += n;
    }
    for (k, n) in previous {
        out.entry(k.clone()).or_default().1 += n;
    }
    out
}

/// Ranks one dimension: the `limit` topics with most tickets this month (ties by key), and the `limit` biggest
/// movers: largest absolute change first, then new topics before old ones, then the larger relative change, then
/// by key. Topics that did not move are not movers. The result does not depend on the order of the input.
pub fn rank(
    dim: TopicDim,
    current: &[(String, u64)],
    previous: &[(String, u64)],
    limit: usize,
    label: impl Fn(&str) -> String,
) -> TopicRanking {
    let all: Vec<Topic> = merged(current, previous)
        .into_iter()
        .map(|(key, (count, prev))| {
            let delta =
                i64::try_from(count).unwrap_or(i64::MAX) - i64::try_from(prev).unwrap_or(i64::MAX);
            Topic {
                label: label(&key),
                key,
                count,
                previous: prev,
                delta,
                relative: (prev > 0).then(|| 100.0 * delta as f64 / prev as f64),
                new: prev == 0 && count > 0,
            }
        })
        .collect();
    let total = all.iter().map(|t| t.count).sum();
    let previous_total = all.iter().map(|t| t.previous).sum();
    // `all` is ordered by key, and both sorts are stable.
    let mut top: Vec<Topic> = all.iter().filter(|t| t.count > 0).cloned().collect();
    top.sort_by_key(|t| std::cmp::Reverse(t.count));
    top.truncate(limit);
    let mut movers: Vec<Topic> = all.into_iter().filter(|t| t.delta != 0).collect();
    movers.sort_by(|a, b| {
        let rel = |t: &Topic| t.relative.map_or(f64::INFINITY, f64::abs);
        b.delta
            .unsigned_abs()
            .cmp(&a.delta.unsigned_abs())
            .then_with(|| b.new.cmp(&a.new))
            .then_with(|| rel(b).total_cmp(&rel(a)))
    });
    movers.truncate(limit);
    TopicRanking {
        dim,
        total,
        previous_total,
        top,
        movers,
    }
}

/// The section from the store's counts: every dimension, categories labelled by `category_label`.
pub fn build(
    months: Months,
    counts: &TopicCounts,
    category_label: &dyn Fn(&str) -> String,
) -> HotTopics {
    let empty = Vec::new();
    let rankings = TopicDim::ALL
        .iter()
        .map(|&dim| {
            let cur = counts.current.get(&dim).unwrap_or(&empty);
            let prev = counts.previous.get(&dim).unwrap_or(&empty);
            match dim {
                TopicDim::Category => rank(dim, cur, prev, TOP, category_label),
                _ => rank(dim, cur, prev, TOP, str::to_string),
            }
        })
        .collect();
    HotTopics { months, rankings }
}

/// `▲ +3 (+60%)`, `▼ -2 (-50%)`, `▲ +4 new`, `=`: how a topic moved, readable without colour.
pub fn describe(t: &Topic) -> String {
    let arrow = match t.delta {
        d if d > 0 => "▲",
        d if d < 0 => "▼",
        _ => "=",
    };
    match (t.new, t.relative) {
        _ if t.delta == 0 => arrow.to_string(),
        (true, _) => format!("{arrow} {:+} new", t.delta),
        (false, Some(r)) => format!("{arrow} {:+} ({:+}%)", t.delta, r.round() as i64),
        (false, None) => format!("{arrow} {:+}", t.delta),
    }
}

#[cfg(test)]
#[path = "hot_topics_tests.rs"]
mod tests;
