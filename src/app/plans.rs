//! The improvement-plans pane (PDCA, 计划-执行-检查-处理; `g i`, `:plans`): every action soonest due first, in
//! keyset pages, with its indicator's baseline, value now and target; `a` moves the selected action one step
//! forward round the cycle, `d` sends a check that showed no effect back to do, Enter shows its fields and history.
//! The domain rule decides which moves are open, so a refused one is explained before anything is written.

use std::collections::BTreeMap;

use super::msg::Effect;
use super::paged::{PAGE_SIZE, PagedList};
use super::protocol::{PlanRequest, PlanResponse};
use super::update::toast;
use super::update_lists::body;
use super::{Model, Overlay, layout};
use crate::domain::metrics::Indicator;
use crate::domain::metrics_report::{self, Period};
use crate::domain::plan::PlanStatus;
use crate::domain::view::PageRequest;
use crate::store::ChangeRow;
use crate::store::metrics::MetricsQuery;
use crate::store::plans::PlanRow;

/// The pane on screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlansState {
    pub list: PagedList<PlanRow>,
    /// Each indicator's value over the last 30 days (what a new action's baseline is); `None` until measured.
    pub now_values: Option<BTreeMap<Indicator, Option<f64>>>,
    /// The selected action's details (Enter), with its history once read.
    pub detail: Option<PlanDetail>,
    /// A move is being written: moving keys wait for its answer.
    pub writing: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanDetail {
    pub number: i64,
    /// `None` until the worker answers.
    pub history: Option<Vec<ChangeRow>>,
}

impl PlansState {
    pub fn selected(&self) -> Option<&PlanRow> {
        self.list.selected_row()
    }

    /// The current value of `ind`: outer `None` while not yet measured.
    pub fn now_value(&self, ind: Indicator) -> Option<Option<f64>> {
        self.now_values
            .as_ref()
            .map(|m| m.get(&ind).copied().flatten())
    }
}

fn state(model: &mut Model) -> Option<&mut PlansState> {
    match model.overlay.as_mut() {
        Some(Overlay::Plans(s)) => Some(s),
        _ => None,
    }
}

fn viewport(model: &Model) -> usize {
    usize::from(layout::plan_rows(body(model)).height)
}

fn page(generation: u64, req: PageRequest) -> Effect {
    Effect::load(PlanRequest::Page {
        generation,
        req,
        limit: PAGE_SIZE,
    })
}

/// The indicators over the same window `desk plan add` takes a baseline from.
fn indicators(model: &Model) -> Effect {
    let offset = i64::from(model.utc_offset);
    let window = metrics_report::window(Period::Month, model.now, offset);
    Effect::load(PlanRequest::Indicators {
        query: Box::new(MetricsQuery::dashboard(window, model.now, offset)),
        rules: Box::new(model.metrics_rules.clone()),
    })
}

fn history(number: i64) -> Effect {
    Effect::load(PlanRequest::History { number })
}

pub(super) fn open(model: &mut Model) -> Vec<Effect> {
    let mut s = PlansState::default();
    let req = s.list.reset();
    let generation = s.list.generation;
    model.overlay = Some(Overlay::Plans(Box::new(s)));
    vec![page(generation, req), indicators(model)]
}

/// Esc / q: out of the details, else close the pane.
pub(super) fn back(model: &mut Model) -> Vec<Effect> {
    match state(model) {
        Some(s) if s.detail.is_some() => s.detail = None,
        _ => model.overlay = None,
    }
    Vec::new()
}

/// Reads the actions and the indicators afresh (Ctrl-R).
pub(super) fn reload(model: &mut Model) -> Vec<Effect> {
    let Some(s) = state(model) else {
        return Vec::new();
    };
    let req = s.list.refresh_first();
    let mut fx = vec![page(s.list.generation, req)];
    if let Some(d) = &s.detail {
        fx.push(history(d.number));
    }
    fx.push(indicators(model));
    fx
}

/// Follows the selection with the details, when they are open.
fn follow(model: &mut Model, more: Option<PageRequest>) -> Vec<Effect> {
    let Some(s) = state(model) else {
        return Vec::new();
    };
    let mut fx: Vec<Effect> = more
        .map(|req| page(s.list.generation, req))
        .into_iter()
        .collect();
    let selected = s.selected().map(|p| p.number);
    if let (Some(d), Some(n)) = (s.detail.as_mut(), selected)
        && d.number != n
    {
        *d = PlanDetail {
            number: n,
            history: None,
        };
        fx.push(history(n));
    }
    fx
}

pub(super) fn move_by(model: &mut Model, step: isize) -> Vec<Effect> {
    let rows = viewport(model);
    let more = state(model).and_then(|s| s.list.move_by(step, rows));
    follow(model, more)
}

pub(super) fn top(model: &mut Model) -> Vec<Effect> {
    let rows = viewport(model);
    let more = state(model).and_then(|s| s.list.top(rows));
    follow(model, more)
}

pub(super) fn bottom(model: &mut Model) -> Vec<Effect> {
    let rows = viewport(model);
    let more = state(model).and_then(|s| s.list.bottom(rows));
    follow(model, more)
}

/// Enter: the selected action's fields and history, or back to the list.
pub(super) fn toggle_detail(model: &mut Model) -> Vec<Effect> {
    let Some(s) = state(model) else {
        return Vec::new();
    };
    if s.detail.take().is_some() {
        return Vec::new();
    }
    let Some(number) = s.selected().map(|p| p.number) else {
        return Vec::new();
    };
    s.detail = Some(PlanDetail {
        number,
        history: None,
    });
    vec![history(number)]
}

/// `a`: one step forward round the cycle.
pub(super) fn advance(model: &mut Model) -> Vec<Effect> {
    move_to(model, PlanStatus::forward)
}

/// `d`: a check that showed no effect goes back to do.
pub(super) fn back_to_do(model: &mut Model) -> Vec<Effect> {
    move_to(model, |_| PlanStatus::Do)
}

/// Moves the selected action to `to(its stage)` if the cycle allows it; otherwise says which moves it allows.
fn move_to(model: &mut Model, to: fn(PlanStatus) -> PlanStatus) -> Vec<Effect> {
    let at = model.now;
    let Some(s) = state(model) else {
        return Vec::new();
    };
    if s.writing {
        return Vec::new();
    }
    let Some((number, from)) = s.selected().map(|p| (p.number, p.status)) else {
        return Vec::new();
    };
    let to = to(from);
    if let Some(why) = from.refusal(number, to) {
        toast(model, why, true);
        return Vec::new();
    }
    s.writing = true;
    vec![Effect::load(PlanRequest::Move { number, to, at })]
}

pub(super) fn on_response(model: &mut Model, r: PlanResponse) -> Vec<Effect> {
    let rows = viewport(model);
    let l = model.locale;
    let Some(s) = state(model) else {
        return Vec::new();
    };
    match r {
        PlanResponse::Page {
            generation,
            req,
            page: p,
        } => {
            let more = s.list.receive(generation, req, p, rows);
            more.map(|req| page(s.list.generation, req))
                .into_iter()
                .collect()
        }
        PlanResponse::Indicators(values) => {
            s.now_values = Some(values);
            Vec::new()
        }
        PlanResponse::History { number, rows } => {
            if let Some(d) = s.detail.as_mut().filter(|d| d.number == number) {
                d.history = Some(rows.unwrap_or_default());
            }
            Vec::new()
        }
        PlanResponse::Moved { number, outcome } => {
            s.writing = false;
            match outcome {
                Ok(row) => {
                    let stage = crate::i18n::tr_of(
                        l,
                        "plans-stage-",
                        &[row.status.as_str(), "-long"].concat(),
                    );
                    let text = format!("P{number} → {stage}: {}", row.title);
                    // Its due date (the list's order) is unchanged: the row is replaced where it is.
                    if let Some(slot) = s.list.rows.iter_mut().find(|p| p.number == number) {
                        *slot = row;
                    }
                    let fx = match &s.detail {
                        Some(d) if d.number == number => vec![history(number)],
                        _ => Vec::new(),
                    };
                    toast(model, text, false);
                    fx
                }
                Err(e) => {
                    let args = [
                        ("number", number.into()),
                        ("error", e.said(model.locale).into()),
                    ];
                    let msg = crate::i18n::tr_args(model.locale, "plans-not-moved", &args);
                    toast(model, msg, true);
                    Vec::new()
                }
            }
        }
    }
}

/// A failed page read: the list may ask again.
pub(super) fn page_failed(model: &mut Model, generation: u64) {
    if let Some(s) = state(model) {
        s.list.fail(generation);
    }
}
