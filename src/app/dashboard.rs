//! The dashboard pane (5): a period with its comparison, KPI tiles, one chart or table at a time, and drilling
//! from a day, a bar or a row into the matching tickets as a queue view.

use chrono::NaiveDate;

use super::commands::CommandId;
use super::msg::Effect;
use super::protocol::ServiceRequest;
use super::update::toast;
use super::{Model, Pane};
use crate::domain::metrics::Dimension;
use crate::domain::metrics_report::{self, Period, Report, Window};
use crate::domain::query::{Age, Clause, Query, Who};
use crate::domain::view::View;
use crate::i18n::{Locale, tr, tr_args, tr_of};
use crate::store::metrics::MetricsQuery;

/// What the area under the tiles shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    #[default]
    Volume,
    Backlog,
    Times,
    Sla,
    Satisfaction,
    Breakdown,
    Agents,
    /// Field service: visits, first-time fix, on-time arrival, parts, warranty and returns.
    Field,
    /// Hot topics 热点问题: this month's top categories, tags and products and what moved.
    Topics,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Volume,
        Section::Backlog,
        Section::Times,
        Section::Sla,
        Section::Satisfaction,
        Section::Breakdown,
        Section::Agents,
        Section::Field,
        Section::Topics,
    ];

    /// The section's name in the locale; `short` when the full row of names does not fit (80 columns). The
    /// breakdown names its dimension: `Breakdown: channel`, `By channel`.
    pub fn title(self, locale: Locale, short: bool, breakdown: Dimension) -> String {
        let key = match self {
            Section::Volume => "dashboard-section-volume",
            Section::Backlog => "dashboard-section-backlog",
            Section::Times => "dashboard-section-times",
            Section::Sla => "dashboard-section-sla",
            Section::Satisfaction if short => "dashboard-section-satisfaction-short",
            Section::Satisfaction => "dashboard-section-satisfaction",
            Section::Breakdown => {
                let key = if short {
                    "dashboard-breakdown-short"
                } else {
                    "dashboard-breakdown"
                };
                let dimension = dimension_name(locale, breakdown);
                return tr_args(locale, key, &[("dimension", dimension.into())]);
            }
            Section::Agents => "dashboard-section-agents",
            Section::Field => "dashboard-section-field",
            Section::Topics => "dashboard-section-topics",
        };
        tr(locale, key)
    }

    /// Sections whose selection is a day of the period.
    pub fn per_day(self) -> bool {
        !matches!(
            self,
            Section::Breakdown | Section::Agents | Section::Field | Section::Topics
        )
    }
}

/// A breakdown's dimension in the locale (`channel`, `渠道`).
pub fn dimension_name(locale: Locale, d: Dimension) -> String {
    tr_of(locale, "dashboard-dimension-", d.as_str())
}

/// A period's name in the locale (`30 days`, `近 30 天`).
pub fn period_name(locale: Locale, p: Period) -> String {
    tr_of(locale, "dashboard-period-", p.as_str())
}

/// The dimensions the breakdown cycles through (tier would cost a join to customers on every load).
pub const BREAKDOWNS: [Dimension; 4] = [
    Dimension::Channel,
    Dimension::Kind,
    Dimension::Priority,
    Dimension::Group,
];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dashboard {
    pub period: Period,
    /// First and last day of a custom period.
    pub custom: Option<(NaiveDate, NaiveDate)>,
    pub section: Section,
    pub breakdown: Dimension,
    /// The selected day, bar or row of the section.
    pub selected: usize,
    pub report: Option<Box<Report>>,
    /// The period's field service (visits, parts, returns), read with the report.
    pub field: Option<Box<crate::domain::field_report::FieldReport>>,
    pub loading: bool,
}

impl Dashboard {
    /// How many things the section can select.
    pub fn choices(&self) -> usize {
        let Some(r) = &self.report else { return 0 };
        match self.section {
            Section::Breakdown => r.breakdown(self.breakdown).len(),
            Section::Agents => r.breakdown(Dimension::Agent).len(),
            Section::Field => self.field.as_ref().map_or(0, |f| f.engineers.len()),
            Section::Topics => 0,
            _ => r.days.len(),
        }
    }
}

fn window(model: &Model) -> Window {
    let offset = i64::from(model.utc_offset);
    match (model.dashboard.period, model.dashboard.custom) {
        (Period::Custom, Some((a, b))) => metrics_report::dates_window(a, b, offset)
            .unwrap_or_else(|_| metrics_report::window(Period::Today, model.now, offset)),
        (p, _) => metrics_report::window(p, model.now, offset),
    }
}

/// Asks the worker for the dashboard of the current period.
pub(super) fn load(model: &mut Model) -> Effect {
    model.dashboard.loading = true;
    Effect::load(ServiceRequest::Dashboard {
        query: Box::new(MetricsQuery::dashboard(
            window(model),
            model.now,
            i64::from(model.utc_offset),
        )),
        rules: Box::new(model.metrics_rules.clone()),
    })
}

/// Entering the pane loads it the first time.
pub(super) fn on_enter(model: &mut Model) -> Vec<Effect> {
    if model.dashboard.report.is_none() && !model.dashboard.loading {
        vec![load(model)]
    } else {
        Vec::new()
    }
}

pub(super) fn on_report(
    model: &mut Model,
    report: Box<Report>,
    field: Box<crate::domain::field_report::FieldReport>,
) {
    let d = &mut model.dashboard;
    d.loading = false;
    d.field = Some(field);
    // A new period starts on its last day; the same period keeps the selection where it was.
    let same = d
        .report
        .as_ref()
        .is_some_and(|old| old.window == report.window);
    d.report = Some(report);
    let n = d.choices();
    d.selected = if same {
        d.selected.min(n.saturating_sub(1))
    } else {
        n.saturating_sub(1)
    };
    if !d.section.per_day() && !same {
        d.selected = 0;
    }
}

pub(super) fn set_period(
    model: &mut Model,
    period: Period,
    custom: Option<(NaiveDate, NaiveDate)>,
) -> Vec<Effect> {
    model.dashboard.period = period;
    model.dashboard.custom = custom;
    vec![load(model)]
}

/// `p`: the period picker.
pub(super) fn period_picker(model: &mut Model) -> Vec<Effect> {
    model.overlay = Some(super::Overlay::Picker {
        filter: Default::default(),
        title: tr(model.locale, "dashboard-period-picker"),
        options: Period::ALL
            .iter()
            .map(|p| {
                (
                    period_name(model.locale, *p),
                    super::PickAction::DashboardPeriod(*p),
                )
            })
            .collect(),
        selected: Period::ALL
            .iter()
            .position(|p| *p == model.dashboard.period)
            .unwrap_or(0),
        targets: None,
    });
    Vec::new()
}

/// A period chosen in the picker; custom asks for its dates.
pub(super) fn picked_period(model: &mut Model, period: Period) -> Vec<Effect> {
    if period != Period::Custom {
        return set_period(model, period, None);
    }
    let last = model
        .dashboard
        .report
        .as_ref()
        .map(|r| format!("{}..{}", r.from, r.to));
    model.overlay = Some(super::Overlay::prompt(
        super::PromptKind::DashboardDates,
        &last.unwrap_or_default(),
        None,
    ));
    Vec::new()
}

/// Dates typed for a custom period: `2026-11-01..2026-11-30` (or one day).
pub(super) fn custom_dates(model: &mut Model, text: &str) -> Vec<Effect> {
    match crate::domain::query::age(text.trim(), 1) {
        Ok(Age::Dates(a, b)) => set_period(model, Period::Custom, Some((a, b))),
        _ => {
            let text = text.trim().to_string();
            let msg = tr_args(
                model.locale,
                "dashboard-not-a-period",
                &[("text", text.into())],
            );
            toast(model, msg, true);
            Vec::new()
        }
    }
}

pub(super) fn cycle_section(model: &mut Model, step: isize) -> Vec<Effect> {
    let n = Section::ALL.len() as isize;
    let at = Section::ALL
        .iter()
        .position(|s| *s == model.dashboard.section)
        .unwrap_or(0) as isize;
    let next = Section::ALL[(at + step).rem_euclid(n) as usize];
    let was_per_day = model.dashboard.section.per_day();
    model.dashboard.section = next;
    if next.per_day() != was_per_day || !next.per_day() {
        let n = model.dashboard.choices();
        model.dashboard.selected = if next.per_day() {
            n.saturating_sub(1)
        } else {
            0
        };
    }
    Vec::new()
}

/// `d`: the next dimension of the breakdown (and shows the breakdown).
pub(super) fn cycle_breakdown(model: &mut Model) -> Vec<Effect> {
    let d = &mut model.dashboard;
    if d.section == Section::Breakdown {
        let at = BREAKDOWNS
            .iter()
            .position(|x| *x == d.breakdown)
            .unwrap_or(0);
        d.breakdown = BREAKDOWNS[(at + 1) % BREAKDOWNS.len()];
    }
    d.section = Section::Breakdown;
    d.selected = 0;
    Vec::new()
}

pub(super) fn navigate(model: &mut Model, nav: CommandId) -> Vec<Effect> {
    let n = model.dashboard.choices();
    let nav = match nav {
        CommandId::FocusRight => CommandId::Down,
        CommandId::FocusLeft => CommandId::Up,
        CommandId::Open => return drill(model),
        other => other,
    };
    model.dashboard.selected = super::navigate::select_index(model.dashboard.selected, nav, n, 10);
    Vec::new()
}

/// The ticket query behind the selection: a day's tickets, a bar's tickets in the period, an agent's tickets.
pub fn drill_query(model: &Model) -> Option<(String, Query)> {
    let d = &model.dashboard;
    let r = d.report.as_ref()?;
    let period = Age::Dates(r.from, r.to);
    let (title, clauses) = match d.section {
        s if s.per_day() => {
            let day = r.days.get(d.selected)?.date;
            let on = Age::Dates(day, day);
            let title = |key: &str| tr_args(model.locale, key, &[("day", day.to_string().into())]);
            match s {
                Section::Satisfaction => {
                    (title("dashboard-drill-solved"), vec![Clause::Solved(on)])
                }
                Section::Backlog => (
                    title("dashboard-drill-backlog"),
                    vec![
                        Clause::Status(crate::domain::ticket::Status::OPEN_SET.to_vec()),
                        Clause::Created(Age::Dates(r.days.first()?.date.min(day), day)),
                    ],
                ),
                _ => (title("dashboard-drill-created"), vec![Clause::Created(on)]),
            }
        }
        // Field service is about visits, not a list of tickets; topics select nothing.
        Section::Field | Section::Topics => return None,
        Section::Agents => {
            let row = r.breakdown(Dimension::Agent).get(d.selected)?;
            let who = if row.key.is_empty() {
                Who::Nobody
            } else {
                Who::Handle(
                    model
                        .agents
                        .iter()
                        .find(|a| a.id == row.key)?
                        .handle
                        .clone(),
                )
            };
            (
                format!("{} · {} – {}", row.label, r.from, r.to),
                vec![Clause::Assignee(vec![who]), Clause::Created(period)],
            )
        }
        _ => {
            let row = r.breakdown(d.breakdown).get(d.selected)?;
            let key = row.key.as_str();
            let clause = match d.breakdown {
                Dimension::Channel => Clause::Channel(vec![key.parse().ok()?]),
                Dimension::Kind => Clause::Kind(vec![key.parse().ok()?]),
                Dimension::Priority => Clause::Priority(vec![key.parse().ok()?]),
                Dimension::Tier => Clause::Tier(vec![key.parse().ok()?]),
                Dimension::Group if key.is_empty() => Clause::Group("none".into()),
                Dimension::Group => Clause::Group(row.label.clone()),
                Dimension::Agent => return None,
            };
            (
                format!(
                    "{} {} · {} – {}",
                    dimension_name(model.locale, d.breakdown),
                    row.label,
                    r.from,
                    r.to
                ),
                vec![clause, Clause::Created(period)],
            )
        }
    };
    let query = Query {
        clauses,
        text: Vec::new(),
        sort: Some(crate::domain::query::Sort {
            key: crate::domain::view::SortKey::Created,
            descending: true,
        }),
    };
    Some((title, query))
}

/// The name of the queue view a drill-down adds (one at a time: a new drill replaces it).
pub const DRILL_VIEW: &str = "dashboard";

fn drill(model: &mut Model) -> Vec<Effect> {
    let Some((title, query)) = drill_query(model) else {
        let msg = tr(model.locale, "dashboard-nothing-selected");
        toast(model, msg, false);
        return Vec::new();
    };
    let view = View {
        name: DRILL_VIEW.into(),
        title: crate::domain::text::sanitize(&title),
        query,
    };
    let views = &mut model.queues.views;
    views.retain(|v| v.name != DRILL_VIEW);
    views.push(view);
    model.queues.counts.resize(views.len(), None);
    model.queues.selected_view = views.len() - 1;
    model.queues.filter.clear();
    model.queues.query = Query::default();
    model.queues.search = None;
    model.queues.focus = super::QueueFocus::List;
    let mut fx = super::nav::go(model, Pane::Queues);
    fx.push(super::update_lists::reload_queue(model));
    fx.push(super::update_lists::view_counts(model));
    fx
}
