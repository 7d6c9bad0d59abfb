//! The closed loop's two forms on a ticket. `E` on a complaint asks for what its next stage needs (登记: category
//! and severity; 调查: the responsible person; 处理: root cause and resolution note, solving the ticket with it)
//! and sends it as one write the store's guards check again. `F` records the follow-up call (回访): the call
//! script (a `call_script` macro) beside the outcome and the call's note.

use super::msg::Effect;
use super::text_input::{TextInput, TextOp};
use super::update::{say, toast};
use super::{Model, Overlay};
use crate::domain::complaint::ComplaintSeverity;
use crate::domain::macros::{MacroKind, render};
use crate::domain::service_loop::{ComplaintStage, FollowUpOutcome};
use crate::domain::ticket::Kind;
use crate::domain::ticket_fields::TicketField;
use crate::i18n::{Locale, tr, tr_args, tr_of};
use crate::store::ticket_write::TicketEdit;

/// One field of a form.
#[derive(Debug, Clone, PartialEq)]
/// A field's label is its message key (`loopform-category`): render shows it in the locale.
pub enum Field {
    Text {
        label: &'static str,
        input: TextInput,
    },
    /// (value, shown) pairs; one is chosen.
    Choice {
        label: &'static str,
        options: Vec<(String, String)>,
        selected: usize,
    },
}

impl Field {
    pub fn label(&self) -> &'static str {
        match self {
            Field::Text { label, .. } | Field::Choice { label, .. } => label,
        }
    }

    fn text(&self) -> &str {
        match self {
            Field::Text { input, .. } => input.value().trim(),
            Field::Choice {
                options, selected, ..
            } => options.get(*selected).map_or("", |o| o.0.as_str()),
        }
    }
}

/// What the form records when sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// The complaint's next stage; `solves` when the ticket is solved in the same write (处理 on an open ticket).
    Complaint { stage: ComplaintStage, solves: bool },
    /// The follow-up call, with the call script read to the customer (its name and text, filled in).
    FollowUp { script: Option<(String, String)> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoopForm {
    pub number: i64,
    pub purpose: Purpose,
    pub fields: Vec<Field>,
    pub focus: usize,
}

impl LoopForm {
    /// The text input under the focus, when the focused field is text.
    pub fn focused_text(&mut self) -> Option<&mut TextInput> {
        match self.fields.get_mut(self.focus) {
            Some(Field::Text { input, .. }) => Some(input),
            _ => None,
        }
    }

    pub fn title(&self, l: Locale) -> String {
        let number = ("number", self.number.into());
        match &self.purpose {
            Purpose::Complaint { stage, solves } => {
                let stage = ("stage", stage_name(l, *stage).into());
                let title = tr_args(l, "loopform-complaint-title", &[number, stage]);
                if *solves {
                    format!("{title} · {}", tr(l, "loopform-solves"))
                } else {
                    title
                }
            }
            Purpose::FollowUp { .. } => tr_args(l, "loopform-follow-up-title", &[number]),
        }
    }

    /// The ticket changes a complaint form makes, or why it cannot yet.
    fn complaint_edits(
        &self,
        l: Locale,
        stage: ComplaintStage,
        solves: bool,
    ) -> Result<Vec<TicketEdit>, String> {
        let mut edits = Vec::new();
        for f in &self.fields {
            let v = f.text().to_string();
            if v.is_empty() {
                let args = [
                    ("field", tr(l, f.label()).into()),
                    ("stage", stage_name(l, stage).into()),
                ];
                return Err(tr_args(l, "loopform-needed", &args));
            }
            edits.push(match f.label() {
                CATEGORY => TicketEdit::ComplaintCategory(v),
                SEVERITY => TicketEdit::ComplaintSeverity(
                    ComplaintSeverity::parse(&v).unwrap_or(ComplaintSeverity::Minor),
                ),
                OWNER => TicketEdit::ComplaintOwner(Some(v)),
                ROOT_CAUSE => TicketEdit::RootCause(v),
                _ => TicketEdit::ComplaintResolution(v),
            });
        }
        if solves {
            edits.push(TicketEdit::Status(crate::domain::ticket::Status::Solved));
        }
        edits.push(TicketEdit::ComplaintStage(stage));
        Ok(edits)
    }
}

const CATEGORY: &str = "loopform-category";
const SEVERITY: &str = "loopform-severity";
const OWNER: &str = "loopform-responsible";
const ROOT_CAUSE: &str = "loopform-root-cause";
const RESOLUTION: &str = "loopform-resolution";
const OUTCOME: &str = "loopform-outcome";
const NOTE: &str = "loopform-call-note";

/// A complaint stage as the interface names it (`登记`).
pub fn stage_name(l: Locale, s: ComplaintStage) -> String {
    tr_of(l, "loopform-stage-", s.as_str())
}

fn text(label: &'static str, value: Option<String>) -> Field {
    let mut input = TextInput::default();
    if let Some(v) = value {
        input.set(&v);
    }
    Field::Text { label, input }
}

fn choice(label: &'static str, options: Vec<(String, String)>, current: Option<&str>) -> Field {
    let selected = current
        .and_then(|c| options.iter().position(|o| o.0 == c || o.1 == c))
        .unwrap_or(0);
    Field::Choice {
        label,
        options,
        selected,
    }
}

/// `E`: the form for the complaint's next stage (the first stage is set at once; the revisit is the call, `F`).
pub(super) fn advance_complaint(model: &mut Model) -> Vec<Effect> {
    let Some(d) = model.ticket.detail.as_ref() else {
        return Vec::new();
    };
    let (number, status) = (d.row.number, d.row.status);
    let l = model.locale;
    if d.row.kind != Kind::Complaint {
        say(
            model,
            "loopform-not-a-complaint",
            &[("number", number.into())],
            false,
        );
        return Vec::new();
    }
    let next = match d.complaint_stage {
        None => Some(ComplaintStage::Received),
        Some(s) => s.next(),
    };
    let known = |f| d.details.text(f);
    let fields = match next {
        None => {
            say(
                model,
                "loopform-already-revisited",
                &[("number", number.into())],
                false,
            );
            return Vec::new();
        }
        Some(ComplaintStage::Received) => {
            return super::ticket_actions::apply_edits(
                model,
                vec![TicketEdit::ComplaintStage(ComplaintStage::Received)],
            );
        }
        Some(ComplaintStage::Revisited) => {
            let status = crate::i18n::status(l, status);
            let args = [("number", number.into()), ("status", status.into())];
            let key = if d.row.status.is_open() {
                "loopform-solve-first"
            } else {
                "loopform-revisit-is-call"
            };
            say(model, key, &args, false);
            return Vec::new();
        }
        Some(ComplaintStage::Registered) => {
            let severities = ComplaintSeverity::ALL
                .iter()
                .map(|s| {
                    (
                        s.as_str().to_string(),
                        tr_of(l, "loopform-severity-", s.as_str()),
                    )
                })
                .collect();
            vec![
                text(CATEGORY, known(TicketField::ComplaintCategory)),
                choice(
                    SEVERITY,
                    severities,
                    known(TicketField::ComplaintSeverity).as_deref(),
                ),
            ]
        }
        Some(ComplaintStage::Investigating) => {
            // Whoever is responsible already, else the assignee, else the agent at the keyboard.
            let names = [
                known(TicketField::ComplaintOwner),
                d.row.assignee.as_ref().map(|a| a.to_string()),
                model.identity.handle.clone(),
            ];
            let current = names.iter().flatten().find_map(|n| {
                model
                    .agents
                    .iter()
                    .find(|a| a.name.as_str() == n || &a.handle == n)
                    .map(|a| a.handle.clone())
            });
            let agents: Vec<(String, String)> = model
                .agents
                .iter()
                .map(|a| (a.handle.clone(), format!("{} ({})", a.name, a.handle)))
                .collect();
            vec![choice(OWNER, agents, current.as_deref())]
        }
        Some(ComplaintStage::Resolved) => {
            let causes = model
                .root_causes
                .iter()
                .map(|c| (c.clone(), c.replace('_', " ")))
                .collect();
            vec![
                choice(ROOT_CAUSE, causes, known(TicketField::RootCause).as_deref()),
                text(RESOLUTION, known(TicketField::ComplaintResolution)),
            ]
        }
    };
    let stage = next.unwrap_or(ComplaintStage::Received);
    model.overlay = Some(Overlay::LoopForm(Box::new(LoopForm {
        number,
        purpose: Purpose::Complaint {
            stage,
            solves: stage == ComplaintStage::Resolved && status.is_open(),
        },
        fields,
        focus: 0,
    })));
    Vec::new()
}

/// `F`: the follow-up call's form, with the first call script filled in for this ticket beside it.
pub(super) fn follow_up(model: &mut Model) -> Vec<Effect> {
    let Some(d) = model.ticket.detail.as_ref() else {
        return Vec::new();
    };
    let number = d.row.number;
    // The call comes after the solution: say so rather than offer outcomes the store would refuse.
    let l = model.locale;
    if d.row.status.is_open() {
        let status = crate::i18n::status(l, d.row.status);
        let args = [("number", number.into()), ("status", status.into())];
        say(model, "loopform-call-after-solved", &args, false);
        return Vec::new();
    }
    let ctx = super::compose::macro_context(d, model.my_name());
    let script = model
        .macros
        .iter()
        .find(|m| m.kind == MacroKind::CallScript)
        .map(|m| (m.name.clone(), render(&m.body, &ctx)));
    let outcomes = FollowUpOutcome::ALL
        .iter()
        .map(|o| {
            (
                o.as_str().to_string(),
                tr_of(l, "loopform-outcome-", o.as_str()),
            )
        })
        .collect();
    model.overlay = Some(Overlay::LoopForm(Box::new(LoopForm {
        number,
        purpose: Purpose::FollowUp { script },
        fields: vec![choice(OUTCOME, outcomes, None), text(NOTE, None)],
        focus: 0,
    })));
    Vec::new()
}

fn form(model: &mut Model) -> Option<&mut LoopForm> {
    match model.overlay.as_mut() {
        Some(Overlay::LoopForm(f)) => Some(f),
        _ => None,
    }
}

pub(super) fn focus(model: &mut Model, step: isize) -> Vec<Effect> {
    if let Some(f) = form(model) {
        let n = f.fields.len().max(1) as isize;
        f.focus = (f.focus as isize + step).rem_euclid(n) as usize;
    }
    Vec::new()
}

/// ←/→: the next or previous choice; in a text field, the cursor.
pub(super) fn step_choice(model: &mut Model, step: isize) -> Vec<Effect> {
    let Some(f) = form(model) else {
        return Vec::new();
    };
    match f.fields.get_mut(f.focus) {
        Some(Field::Choice {
            options, selected, ..
        }) => {
            let n = options.len().max(1) as isize;
            *selected = (*selected as isize + step).rem_euclid(n) as usize;
            Vec::new()
        }
        _ => {
            let op = if step < 0 {
                TextOp::Left
            } else {
                TextOp::Right
            };
            super::overlay_keys::text(model, op)
        }
    }
}

/// Enter: the complaint's stage with what it needs, or the call with its outcome and note.
pub(super) fn submit(model: &mut Model) -> Vec<Effect> {
    let l = model.locale;
    let Some(f) = form(model) else {
        return Vec::new();
    };
    match f.purpose.clone() {
        Purpose::Complaint { stage, solves } => match f.complaint_edits(l, stage, solves) {
            Ok(edits) => {
                model.overlay = None;
                super::ticket_actions::apply_edits(model, edits)
            }
            Err(why) => {
                toast(model, why, true);
                Vec::new()
            }
        },
        Purpose::FollowUp { script } => {
            let outcome = f
                .fields
                .first()
                .and_then(|o| FollowUpOutcome::parse(o.text()))
                .unwrap_or(FollowUpOutcome::Confirmed);
            let typed = f.fields.get(1).map_or("", Field::text);
            let read = |name: String| tr_args(l, "loopform-script-read", &[("name", name.into())]);
            let note = match (script, typed) {
                (Some((name, _)), "") => read(name),
                (Some((name, _)), t) => format!("{}\n{t}", read(name)),
                (None, t) => t.to_string(),
            };
            let number = f.number;
            super::service_actions::record_follow_up(model, number, outcome, note)
        }
    }
}

#[cfg(test)]
#[path = "loop_form_tests.rs"]
mod tests;
