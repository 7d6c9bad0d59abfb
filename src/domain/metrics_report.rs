//! Periods, the per-day and per-group aggregation of metric records, and the quality report built from them
//! (服务质量评估报告: current state vs targets and the previous period, problems, suggestions, appendix).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::metrics::{
    Change, CreatedFact, Dimension, Indicator, ItemFact, MetricsRules, SolvedFact, Tally, change,
};
use crate::str_enum;

str_enum!(
    /// The dashboard's period picker.
    #[derive(Default)]
    Period {
        Today = "today",
        Week = "7d",
        #[default]
        Month = "30d",
        Quarter = "quarter",
        Custom = "custom",
    }
);

impl Period {
    pub fn label(self) -> &'static str {
        match self {
            Period::Today => "Today",
            Period::Week => "7 days",
            Period::Month => "30 days",
            Period::Quarter => "Quarter",
            Period::Custom => "Custom",
        }
    }
}

/// A half-open span of unix seconds `[from, to)` starting at a local midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub from: i64,
    pub to: i64,
}

const DAY: i64 = 86_400;

impl Window {
    /// The same length just before this one: what a report compares with.
    pub fn previous(&self) -> Window {
        Window {
            from: self.from - (self.to - self.from),
            to: self.from,
        }
    }

    pub fn days(&self) -> usize {
        ((self.to - self.from) / DAY).max(1) as usize
    }

    pub fn contains(&self, t: i64) -> bool {
        (self.from..self.to).contains(&t)
    }

    /// The local date of the window's day `i`.
    pub fn date(&self, i: usize, offset: i64) -> NaiveDate {
        local_date(self.from + i as i64 * DAY, offset)
    }

    /// The last day in the window (its end is exclusive).
    pub fn last_date(&self, offset: i64) -> NaiveDate {
        local_date(self.to - 1, offset)
    }
}

/// The local calendar date of `t` at a fixed UTC offset (seconds east).
pub fn local_date(t: i64, offset: i64) -> NaiveDate {
    chrono::DateTime::from_timestamp(t + offset, 0)
        .unwrap_or_default()
        .date_naive()
}

/// Local midnight starting `date`.
pub fn midnight(date: NaiveDate, offset: i64) -> i64 {
    date.and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .timestamp()
        - offset
}

/// A period given by its first and last day the wrong way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the period ends ({to}) before it starts ({from})")]
pub struct PeriodError {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Whole local days `from..=to`.
pub fn dates_window(from: NaiveDate, to: NaiveDate, offset: i64) -> Result<Window, PeriodError> {
    if to < from {
        return Err(PeriodError { from, to });
    }
    Ok(Window {
        from: midnight(from, offset),
        to: midnight(to, offset) + DAY,
    })
}

/// A preset period ending with today: today, the last 7 or 30 days, or this calendar quarter (季度) so far.
pub fn window(period: Period, now: i64, offset: i64) -> Window {
    let today = local_date(now, offset);
    let back = |days: i64| today - chrono::Duration::days(days);
    let first = match period {
        Period::Today | Period::Custom => today,
        Period::Week => back(6),
        Period::Month => back(29),
        Period::Quarter => {
            let month = (today.month0() / 3) * 3 + 1;
            NaiveDate::from_ymd_opt(today.year(), month, 1).unwrap_or(today)
        }
    };
    Window {
        from: midnight(first, offset),
        to: midnight(today, offset) + DAY,
    }
}

/// Records summed for a whole window, per local day, and per key of each requested dimension.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aggregate {
    pub window: Option<Window>,
    pub total: Tally,
    /// One per day of the window when days were asked for, else empty.
    pub days: Vec<Tally>,
    /// Dimension → key (agent or group id, channel name …; "" for none) → tally.
    pub by: BTreeMap<Dimension, BTreeMap<String, Tally>>,
}

impl Aggregate {
    pub fn new(window: Window, per_day: bool, dims: &[Dimension]) -> Aggregate {
        Aggregate {
            window: Some(window),
            total: Tally::default(),
            days: if per_day {
                vec![Tally::default(); window.days()]
            } else {
                Vec::new()
            },
            by: dims.iter().map(|d| (*d, BTreeMap::new())).collect(),
        }
    }

    fn slots(&mut self, at: i64, keys: &super::metrics::Keys, mut add: impl FnMut(&mut Tally)) {
        add(&mut self.total);
        if let Some(w) = self.window
            && !self.days.is_empty()
            && w.contains(at)
        {
            let i = ((at - w.from) / DAY) as usize;
            if let Some(day) = self.days.get_mut(i) {
                add(day);
            }
        }
        for (dim, groups) in &mut self.by {
            let key = keys.get(*dim).unwrap_or("");
            // Look up before inserting: a key is new a handful of times, seen hundreds of thousands.
            match groups.get_mut(key) {
                Some(t) => add(t),
                None => add(groups.entry(key.to_string()).or_default()),
            }
        }
    }

    /// Sorts every tally's time samples once, before percentiles are read.
    pub fn sort_samples(&mut self) {
        self.total.sort_samples();
        self.days.iter_mut().for_each(Tally::sort_samples);
        for groups in self.by.values_mut() {
            groups.values_mut().for_each(Tally::sort_samples);
        }
    }

    pub fn add_created(&mut self, f: &CreatedFact) {
        self.slots(f.at, &f.keys, |t| t.add_created(f));
    }

    pub fn add_solved(&mut self, f: &SolvedFact) {
        self.slots(f.at, &f.keys, |t| t.add_solved(f));
    }

    pub fn add_item(&mut self, f: &ItemFact) {
        self.slots(f.at, &f.keys, |t| t.add_item(f));
    }
}

/// One indicator's line: now, before, change, target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorRow {
    pub indicator: Indicator,
    pub label: &'static str,
    pub current: Option<f64>,
    pub previous: Option<f64>,
    #[serde(skip)]
    pub change: Option<Change>,
    pub delta: Option<f64>,
    pub target: Option<f64>,
    pub meets_target: Option<bool>,
}

/// One day of the trend charts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayRow {
    pub date: NaiveDate,
    pub created: u64,
    pub solved: u64,
    /// Open tickets at the end of the day.
    pub backlog: i64,
    pub frt_median: Option<f64>,
    pub resolution_median: Option<f64>,
    pub frt_mean: Option<f64>,
    pub resolution_mean: Option<f64>,
    pub frt_sla: Option<f64>,
    pub csat: Option<f64>,
    pub nps: Option<f64>,
}

/// One key of a breakdown (an agent, a channel …) with every indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRow {
    /// The stored value ("" for none): what a drill-down filters on.
    pub key: String,
    pub label: String,
    pub values: BTreeMap<Indicator, Option<f64>>,
}

/// A count under a name: breaches per queue, complaints per tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub name: String,
    pub count: u64,
}

/// A survey comment kept for the report (detractors and low CSAT).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub ticket: i64,
    pub kind: String,
    pub score: i64,
    pub at: i64,
    pub text: String,
}

/// An improvement suggestion and the rule that produced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub rule: &'static str,
    /// The indicator the rule fired on: an action made from the suggestion is judged by it. `None` when every
    /// target was met.
    pub indicator: Option<Indicator>,
    pub text: String,
}

/// What the store hands over to build a report.
#[derive(Debug, Clone, Default)]
pub struct ReportInput {
    pub as_of: i64,
    pub offset: i64,
    pub current: Aggregate,
    pub previous: Aggregate,
    /// Open tickets now, and tickets created / solved after the window ended (to walk the backlog back).
    pub backlog_now: i64,
    pub created_after: u64,
    pub solved_after: u64,
    /// Agent and group ids → names.
    pub labels: BTreeMap<String, String>,
    pub group_by: Option<Dimension>,
    pub complaint_tags: Vec<Count>,
    /// Complaints by root cause, product and group (the cause analysis).
    pub complaint_causes: super::complaint_causes::ComplaintCauses,
    pub comments: Vec<Comment>,
    /// Tickets per category, tag and product in the months [`super::hot_topics::months`] gives for the window.
    pub topics: super::hot_topics::TopicCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub window: Window,
    pub previous: Window,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub as_of: i64,
    pub group_by: Option<Dimension>,
    pub indicators: Vec<IndicatorRow>,
    pub days: Vec<DayRow>,
    pub groups: Vec<GroupRow>,
    /// Every dimension that was aggregated, each as a breakdown.
    pub breakdowns: BTreeMap<Dimension, Vec<GroupRow>>,
    pub breaches_by_group: Vec<Count>,
    pub breaches_by_priority: Vec<Count>,
    pub slow_channels: Vec<GroupRow>,
    pub complaint_tags: Vec<Count>,
    /// 分类汇总，分析共性原因: complaints by root cause, product and group, beside the previous period.
    pub complaint_causes: super::complaint_causes::ComplaintCauses,
    pub comments: Vec<Comment>,
    pub suggestions: Vec<Suggestion>,
    pub hot_topics: super::hot_topics::HotTopics,
    /// The questionnaire's items (问卷) with their scores now and before.
    pub questionnaire: Vec<super::questionnaire::ItemRow>,
    /// What CSI was computed over this period: `items` (the questionnaire) or `scores` (CSAT, NPS, CES).
    pub csi_basis: &'static str,
}

impl Report {
    /// The rows of one breakdown (empty when that dimension was not aggregated).
    pub fn breakdown(&self, d: Dimension) -> &[GroupRow] {
        self.breakdowns.get(&d).map_or(&[], Vec::as_slice)
    }

    pub fn indicator(&self, ind: Indicator) -> Option<&IndicatorRow> {
        self.indicators.iter().find(|r| r.indicator == ind)
    }

    pub fn value(&self, ind: Indicator) -> Option<f64> {
        self.indicator(ind).and_then(|r| r.current)
    }
}

/// Every indicator of a tally, backlog left out.
pub fn values(t: &Tally, rules: &MetricsRules) -> BTreeMap<Indicator, Option<f64>> {
    Indicator::ALL
        .iter()
        .filter(|i| **i != Indicator::Backlog)
        .map(|i| (*i, t.value(*i, rules)))
        .collect()
}

/// The label of a breakdown's row without a value (other than agent and tier), as stored in the report.
pub const NONE_LABEL: &str = "(none)";

fn label_of(dim: Dimension, key: &str, labels: &BTreeMap<String, String>) -> String {
    match (dim, key) {
        (Dimension::Agent, "") => "(unassigned)".into(),
        (Dimension::Tier, "") => "(no customer)".into(),
        (_, "") => NONE_LABEL.into(),
        (Dimension::Agent | Dimension::Group | Dimension::Tier, k) => {
            labels.get(k).cloned().unwrap_or_else(|| k.into())
        }
        (_, k) => k.into(),
    }
}

/// The rows of one breakdown, largest volume first (created + solved), then by name.
pub fn breakdown(
    agg: &Aggregate,
    dim: Dimension,
    labels: &BTreeMap<String, String>,
    rules: &MetricsRules,
) -> Vec<GroupRow> {
    let mut rows: Vec<(u64, GroupRow)> = agg
        .by
        .get(&dim)
        .into_iter()
        .flatten()
        .map(|(key, t)| {
            (
                t.created + t.solved,
                GroupRow {
                    key: key.clone(),
                    label: label_of(dim, key, labels),
                    values: values(t, rules),
                },
            )
        })
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.label.cmp(&b.1.label)));
    rows.into_iter().map(|(_, r)| r).collect()
}

fn counts(
    agg: &Aggregate,
    dim: Dimension,
    labels: &BTreeMap<String, String>,
    f: impl Fn(&Tally) -> u64,
) -> Vec<Count> {
    let mut out: Vec<Count> = agg
        .by
        .get(&dim)
        .into_iter()
        .flatten()
        .map(|(k, t)| Count {
            name: label_of(dim, k, labels),
            count: f(t),
        })
        .filter(|c| c.count > 0)
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    out
}

/// Backlog at the end of each day, walked back from the backlog at the end of the window.
fn backlog_by_day(input: &ReportInput) -> (i64, Vec<i64>) {
    let end = input.backlog_now - input.created_after as i64 + input.solved_after as i64;
    let mut out = vec![0; input.current.days.len()];
    let mut level = end;
    for (i, day) in input.current.days.iter().enumerate().rev() {
        out[i] = level;
        level = level - day.created as i64 + day.solved as i64;
    }
    (end, out)
}

pub fn build(mut input: ReportInput, rules: &MetricsRules) -> Report {
    input.current.sort_samples();
    input.previous.sort_samples();
    let window = input.current.window.unwrap_or(Window { from: 0, to: DAY });
    let previous = window.previous();
    let (backlog_end, backlog_days) = backlog_by_day(&input);
    let backlog_start =
        backlog_end - input.current.total.created as i64 + input.current.total.solved as i64;
    let indicators = Indicator::ALL
        .iter()
        .map(|&ind| {
            let (cur, prev) = if ind == Indicator::Backlog {
                (Some(backlog_end as f64), Some(backlog_start as f64))
            } else {
                (
                    input.current.total.value(ind, rules),
                    input.previous.total.value(ind, rules),
                )
            };
            let ch = change(ind, cur, prev);
            IndicatorRow {
                indicator: ind,
                label: ind.label(),
                current: cur,
                previous: prev,
                change: ch,
                delta: ch.map(|c| c.delta),
                target: rules.target(ind),
                meets_target: cur.and_then(|v| rules.meets(ind, v)),
            }
        })
        .collect();
    let days = input
        .current
        .days
        .iter()
        .enumerate()
        .map(|(i, t)| DayRow {
            date: window.date(i, input.offset),
            created: t.created,
            solved: t.solved,
            backlog: backlog_days[i],
            frt_median: t.value(Indicator::FrtMedian, rules),
            resolution_median: t.value(Indicator::ResolutionMedian, rules),
            frt_mean: t.value(Indicator::FrtMean, rules),
            resolution_mean: t.value(Indicator::ResolutionMean, rules),
            frt_sla: t.value(Indicator::FrtSla, rules),
            csat: t.value(Indicator::Csat, rules),
            nps: t.value(Indicator::Nps, rules),
        })
        .collect();
    let labels = &input.labels;
    let groups = input
        .group_by
        .map(|d| breakdown(&input.current, d, labels, rules))
        .unwrap_or_default();
    let mut slow_channels = breakdown(&input.current, Dimension::Channel, labels, rules);
    slow_channels.retain(|r| {
        r.values
            .get(&Indicator::FrtMedian)
            .copied()
            .flatten()
            .is_some()
    });
    slow_channels.sort_by(|a, b| {
        let m = |r: &GroupRow| {
            r.values
                .get(&Indicator::FrtMedian)
                .copied()
                .flatten()
                .unwrap_or(0.0)
        };
        m(b).total_cmp(&m(a)).then_with(|| a.label.cmp(&b.label))
    });
    Report {
        window,
        previous,
        from: local_date(window.from, input.offset),
        to: window.last_date(input.offset),
        as_of: input.as_of,
        group_by: input.group_by,
        indicators,
        days,
        groups,
        breakdowns: input
            .current
            .by
            .keys()
            .map(|d| (*d, breakdown(&input.current, *d, labels, rules)))
            .collect(),
        breaches_by_group: counts(&input.current, Dimension::Group, labels, Tally::breaches),
        breaches_by_priority: counts(&input.current, Dimension::Priority, labels, Tally::breaches),
        slow_channels,
        complaint_tags: input.complaint_tags,
        complaint_causes: input.complaint_causes,
        comments: input.comments,
        suggestions: Vec::new(),
        questionnaire: super::questionnaire::report_rows(
            &input.current.total.items,
            &input.previous.total.items,
            &rules.csi_items,
        ),
        csi_basis: if super::questionnaire::csi(&input.current.total.items, &rules.csi_items)
            .is_some()
        {
            "items"
        } else {
            "scores"
        },
        hot_topics: super::hot_topics::build(
            super::hot_topics::months(window.last_date(input.offset), input.offset),
            &input.topics,
            &|k| super::ticket::Kind::parse(k).map_or_else(|| k.to_string(), |k| k.label().into()),
        ),
    }
}
