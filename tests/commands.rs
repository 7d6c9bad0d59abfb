//! Every command of the registry does something in its own context: run on the demo in a state where it
//! applies, its handler changes the model or asks for effects. A declared command with a handler that does
//! nothing (or the wrong context) fails here.

mod common;

use common::*;
use desk::app::commands::{COMMANDS, CommandId, Context, run};
use desk::app::{KbFocus, Model, Overlay, QueueFocus};
use desk::domain::text::SafeText;
use desk::store::sla_run::Escalated;

/// The demo driven into each pane, captured as models (handlers are pure: they run on clones).
struct States {
    queues: Model,
    ticket: Model,
    customers: Model,
    kb: Model,
    dashboard: Model,
}

fn states() -> (tempfile::TempDir, harness::Harness, States) {
    let (dir, mut h) = demo_app(120, 40);
    // All open, a few rows down so moving up and down both move.
    h.keys("J J j j j");
    let queues = h.model.clone();
    h.keys("enter");
    assert!(h.model.ticket.detail.is_some(), "a ticket opened");
    let ticket = h.model.clone();
    h.keys("3 j j");
    let customers = h.model.clone();
    h.keys("4 j j");
    let kb = h.model.clone();
    h.keys("5");
    let dashboard = h.model.clone();
    let s = States {
        queues,
        ticket,
        customers,
        kb,
        dashboard,
    };
    (dir, h, s)
}

fn escalated(number: i64) -> Escalated {
    Escalated {
        number,
        subject: SafeText::new("打印机无法连接"),
        rule: "at-risk".into(),
        target: "resolution".into(),
        state: "at_risk".into(),
        actions: "+escalated".into(),
        at: NOW,
    }
}

/// Text `ab cd` with the cursor before `d`: every editing key has something to do.
fn mid_text(text: &mut desk::app::text_input::TextInput) {
    use desk::app::text_input::TextOp;
    text.set("ab cd");
    text.edit(TextOp::Left);
}

/// The model a command is tried on: its context's state, opened to the right overlay, then adjusted so the
/// command has something to act on.
fn model_for(h: &mut harness::Harness, s: &States, id: CommandId, ctx: Context) -> Model {
    let open = |h: &mut harness::Harness, from: &Model, keys: &str| -> Model {
        h.model = from.clone();
        h.keys(keys);
        h.model.clone()
    };
    let mut m = match ctx {
        // Global commands from the ticket pane: switching to Queues or backing out has somewhere to go.
        Context::Global => s.ticket.clone(),
        Context::Queues => s.queues.clone(),
        Context::Ticket => s.ticket.clone(),
        Context::Customers => s.customers.clone(),
        Context::Kb => s.kb.clone(),
        Context::Dashboard => s.dashboard.clone(),
        Context::Help => open(h, &s.queues, "?"),
        Context::HelpSearch => open(h, &s.queues, "? /"),
        Context::Messages => {
            let mut m = s.queues.clone();
            for i in 0..100 {
                m.messages.push_back(desk::app::messages::Logged {
                    at: NOW - 100 + i,
                    text: format!("message {i}"),
                    error: i % 7 == 0,
                });
            }
            run(&mut m, CommandId::Messages);
            if let Some(Overlay::Messages { scroll }) = m.overlay.as_mut() {
                *scroll = 20;
            }
            m
        }
        Context::Palette => open(h, &s.queues, ":"),
        Context::Prompt => open(h, &s.ticket, "t"),
        Context::Picker => open(h, &s.ticket, "s"),
        Context::NewTicket => open(h, &s.queues, "n"),
        Context::Survey => open(h, &s.ticket, "Y"),
        Context::LoopForm => {
            use desk::app::loop_form::{Field, LoopForm, Purpose};
            let mut m = s.ticket.clone();
            let number = m.ticket.number.unwrap_or_default();
            let options = vec![
                ("confirmed".to_string(), "confirmed solved".to_string()),
                ("not_solved".to_string(), "not solved".to_string()),
            ];
            m.overlay = Some(Overlay::LoopForm(Box::new(LoopForm {
                number,
                purpose: Purpose::FollowUp {
                    script: Some(("回访话术".into(), "1. 问候".into())),
                },
                fields: vec![
                    Field::Choice {
                        label: "Outcome",
                        options,
                        selected: 0,
                    },
                    Field::Text {
                        label: "Call note",
                        input: Default::default(),
                    },
                ],
                focus: 0,
            })));
            m
        }
        Context::Escalations => {
            let mut m = open(h, &s.queues, "!");
            m.escalations.feed = vec![escalated(1001), escalated(1002), escalated(1003)];
            m
        }
        Context::Suggestions => open(h, &s.ticket, "b"),
        Context::Conflict => {
            let mut m = s.ticket.clone();
            let number = m.ticket.number.unwrap_or_default();
            m.overlay = Some(Overlay::Decide(Box::new(
                desk::app::team::Decision::Conflict {
                    number,
                    message: "changed".into(),
                    edits: Vec::new(),
                },
            )));
            m
        }
        Context::Collision => {
            let mut m = s.ticket.clone();
            let number = m.ticket.number.unwrap_or_default();
            m.overlay = Some(Overlay::Decide(Box::new(
                desk::app::team::Decision::Collision {
                    number,
                    news: Vec::new(),
                    seen: 0,
                    retry: Box::new(desk::app::protocol::AddMessage {
                        number,
                        author_id: None,
                        internal: false,
                        body: "您好".into(),
                        edits: Vec::new(),
                        since: None,
                        by_mail: false,
                        solution: false,
                        at: NOW,
                    }),
                },
            )));
            m
        }
        Context::Review => {
            let mut m = s.ticket.clone();
            let number = m.ticket.number.unwrap_or_default();
            m.overlay = Some(Overlay::Review(Box::new(desk::app::review::Draft {
                number,
                internal: false,
                body: "您好，已为您处理。".into(),
                macro_index: None,
                edits: Vec::new(),
                article: None,
                since: None,
                by_mail: false,
                solution: false,
            })));
            m
        }
        Context::Confirm => {
            let mut m = s.ticket.clone();
            m.overlay = Some(Overlay::Confirm(Box::new(
                desk::app::confirm::Confirm::new(
                    "Merge?".into(),
                    Vec::new(),
                    desk::app::confirm::ConfirmAction::Requests(vec![
                        desk::app::protocol::TicketRequest::Counts.into(),
                    ]),
                ),
            )));
            m
        }
        Context::SyncConflicts => {
            let mut m = s.queues.clone();
            let conflict = |i: usize| desk::store::sync::replica::Conflict {
                loser: format!("L{i}"),
                entity: "ticket".into(),
                entity_id: format!("T{i}"),
                number: Some(1000 + i as i64),
                field: "priority".into(),
                mine: Some("high".into()),
                theirs: Some("urgent".into()),
                by: "Wang Wei".into(),
                at: NOW,
                reason: None,
                actor: Some("li".into()),
            };
            m.overlay = Some(Overlay::Conflicts(Box::new(
                desk::app::conflicts::ConflictList {
                    list: Some((0..3).map(conflict).collect()),
                    selected: 1,
                    settling: None,
                },
            )));
            m
        }
        // On the second engineer, so moving up and down both move.
        Context::Schedule => open(h, &s.queues, "g v j"),
        // On the second ticket of the queue, so moving up and down both move.
        Context::Qa => open(h, &s.queues, "g q j"),
        Context::QaForm => open(h, &s.queues, "g q enter"),
        // On the second action, so moving up and down both move.
        Context::Plans => open(h, &s.queues, "g i j"),
        Context::TextInput => {
            let mut m = open(h, &s.queues, ":");
            if let Some(Overlay::Palette { input, .. }) = m.overlay.as_mut() {
                mid_text(input);
            }
            m
        }
    };
    // Commands that need more than their context's plain state.
    match id {
        CommandId::FocusRight | CommandId::FocusLeft => {
            m = s.queues.clone();
            if id == CommandId::FocusRight {
                m.queues.focus = QueueFocus::Views;
            }
        }
        CommandId::PaneTicket => m = s.queues.clone(),
        CommandId::Top
        | CommandId::Bottom
        | CommandId::Up
        | CommandId::Down
        | CommandId::HalfDown
        | CommandId::HalfUp
        | CommandId::PageDown
        | CommandId::PageUp
        | CommandId::Open
        | CommandId::Filter
        | CommandId::ClearFilter => m = s.queues.clone(),
        CommandId::HelpUp
        | CommandId::HelpPageUp
        | CommandId::HelpHalfUp
        | CommandId::HelpTop
        | CommandId::HelpSearchUp => {
            if let Some(Overlay::Help(help)) = m.overlay.as_mut() {
                help.scroll = 20;
            }
        }
        CommandId::PaletteUp => {
            if let Some(Overlay::Palette { selected, .. }) = m.overlay.as_mut() {
                *selected = 3;
            }
        }
        CommandId::PromptOlder => {
            m.prompt_history
                .insert((desk::app::PromptKind::Tags, None), vec!["+vip".into()]);
        }
        CommandId::PromptNewer => {
            m.prompt_history
                .insert((desk::app::PromptKind::Tags, None), vec!["+vip".into()]);
            run(&mut m, CommandId::PromptOlder);
        }
        CommandId::PickerUp => {
            run(&mut m, CommandId::PickerDown);
        }
        CommandId::FormMatchDown | CommandId::FormMatchUp => {
            h.model = m.clone();
            h.type_text("an");
            m = h.model.clone();
            if id == CommandId::FormMatchUp {
                run(&mut m, CommandId::FormMatchDown);
            }
        }
        CommandId::FormChoiceNext | CommandId::FormChoicePrev => {
            if let Some(Overlay::NewTicket(form)) = m.overlay.as_mut() {
                form.field = 2;
            }
        }
        CommandId::SurveyClear => {
            if let Some(Overlay::Survey(form)) = m.overlay.as_mut() {
                form.scores[0] = Some(4);
            }
        }
        CommandId::QaFormClear => {
            if let Some(Overlay::Qa(qa)) = m.overlay.as_mut()
                && let Some(form) = qa.form.as_mut()
            {
                form.scores[0] = Some(4);
            }
        }
        CommandId::EscalationUp => {
            run(&mut m, CommandId::EscalationDown);
        }
        CommandId::SuggestionUp => {
            run(&mut m, CommandId::SuggestionDown);
        }
        CommandId::KbHistory
        | CommandId::KbEdit
        | CommandId::KbHelpful
        | CommandId::KbUnhelpful => {
            m.kb.focus = KbFocus::Articles;
        }
        _ => {}
    }
    m
}

#[test]
fn every_command_does_something_in_its_context() {
    let (_dir, mut h, s) = states();
    let mut idle = Vec::new();
    for c in COMMANDS {
        let before = model_for(&mut h, &s, c.id, c.context);
        let mut after = before.clone();
        let effects = run(&mut after, c.id);
        if after == before && effects.is_empty() {
            idle.push(c.name);
        }
    }
    assert!(idle.is_empty(), "commands that did nothing: {idle:?}");
}

#[test]
fn suggestions_exist_for_the_opened_ticket() {
    // The suggestion commands above are only meaningful with articles to act on.
    let (_dir, _h, s) = states();
    let rows = desk::app::suggestions_for(&s.ticket);
    assert!(!rows.is_empty(), "the demo ticket has suggested articles");
}
