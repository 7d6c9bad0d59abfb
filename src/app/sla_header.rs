//! The ticket header's SLA lines before styling: the policy and every clock, wrapped at the header's width between
//! clocks (a clock is never split), so update sizes the thread with the same line count render draws.

use super::Model;
use super::ticket_header::{Piece, Role};
use crate::domain::sla::{Clock, ClockState};
use crate::domain::sla_policy::SlaSnapshot;
use crate::domain::text::{local_date, width};
use crate::i18n::{tr, tr_args, tr_of};
use crate::store::tickets::TicketDetail;

/// Lines the SLA may take; whatever does not fit ends the last one with `…`.
const MAX_LINES: usize = 2;
/// A continuation starts under the policy name.
const INDENT: &str = "    ";

fn piece(text: impl Into<String>, role: Role) -> Piece {
    Piece {
        text: text.into(),
        role,
    }
}

/// One clock as `label text`, its state judged at `now` (running clocks keep their due time).
fn clock(c: &Clock, with_due: bool, model: &Model) -> Vec<Piece> {
    let (text, state) = match (c.stopped_at, c.due_at) {
        (Some(_), _) => {
            let (key, state) = if c.elapsed > c.target_secs {
                ("ticket-sla-late", ClockState::MetLate)
            } else {
                ("ticket-sla-met", ClockState::Met)
            };
            let took = crate::i18n::countdown(model.locale, c.elapsed.div_euclid(60) * 60);
            (tr_args(model.locale, key, &[("took", took.into())]), state)
        }
        (None, Some(due)) => {
            let snap = SlaSnapshot {
                target: Some(c.target),
                due_at: Some(due),
                risk_at: c.risk_at,
                paused: false,
                remaining: None,
            };
            let countdown = snap
                .countdown_secs(model.now)
                .map(|(secs, state)| (crate::i18n::countdown(model.locale, secs), state));
            match countdown {
                Some((left, state)) if with_due => {
                    let when = local_date(due, model.utc_offset, "%m-%d %H:%M");
                    let left = tr_args(
                        model.locale,
                        "ticket-sla-left-due",
                        &[("left", left.into()), ("when", when.into())],
                    );
                    (format!("{}{left}", state.glyph()), state)
                }
                Some((left, state)) => (format!("{}{left}", state.glyph()), state),
                None => ("—".into(), ClockState::Ok),
            }
        }
        (None, None) => {
            let state = if c.remaining < 0 {
                ClockState::Breached
            } else {
                ClockState::Paused
            };
            let left = crate::i18n::countdown(model.locale, c.remaining.div_euclid(60) * 60);
            (format!("{}{left}", state.glyph()), state)
        }
    };
    vec![
        piece(
            format!(
                "{} ",
                tr_of(model.locale, "ticket-sla-target-", c.target.as_str())
            ),
            Role::Muted,
        ),
        piece(text, Role::Clock(state)),
    ]
}

/// The SLA at width `w`: `SLA policy · clock · clock …`, continued on a second line between clocks.
pub fn sla_lines(d: &TicketDetail, model: &Model, w: usize) -> Vec<Vec<Piece>> {
    let l = model.locale;
    let mut first = vec![piece(format!("{} ", tr(l, "ticket-sla")), Role::Muted)];
    let Some(policy) = &d.sla_policy else {
        first.push(piece(tr(l, "ticket-sla-no-policy"), Role::Muted));
        return vec![first];
    };
    first.push(piece(policy.clone(), Role::Strong));
    // The due time is spelled out for the clock that falls due first.
    let due_first = d.clocks.iter().filter_map(|c| c.due_at).min();
    let mut lines = vec![first];
    for c in &d.clocks {
        let with_due = c.stopped_at.is_none() && c.due_at.is_some() && c.due_at == due_first;
        let pieces = clock(c, with_due, model);
        let need: usize = 3 + pieces.iter().map(|p| width(&p.text)).sum::<usize>();
        let count = lines.len();
        let Some(line) = lines.last_mut() else {
            break;
        };
        let used: usize = line.iter().map(|p| width(&p.text)).sum();
        if used + need > w && used > INDENT.len() + 4 && count < MAX_LINES {
            lines.push(vec![piece(INDENT, Role::Muted)]);
        } else {
            line.push(piece(" · ", Role::Muted));
        }
        if let Some(line) = lines.last_mut() {
            line.extend(pieces);
        }
    }
    lines
}
