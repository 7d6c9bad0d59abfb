//! The one command registry. Each command is declared once, in `table.rs`: its id, name, context, default keys,
//! hint, description and handler. The keymap, the `?` help, the `:` palette and the hint bar all read it, so a
//! command added there is bindable, documented, searchable and runnable at once. Users rebind keys by command
//! name in config. Overlays (pickers, prompts, forms, dialogs) are contexts like the panes.

mod keymap;
mod table;

pub use keymap::{Keymap, KeymapError, Lookup};
pub use table::{COMMANDS, CommandId};

use super::Model;
use super::msg::Effect;

/// Where a command applies: a pane, an overlay, or everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Queues,
    Ticket,
    Customers,
    Kb,
    Dashboard,
    Help,
    /// Typing a search into help (after `/`).
    HelpSearch,
    Messages,
    Palette,
    Prompt,
    Picker,
    NewTicket,
    Survey,
    Escalations,
    Suggestions,
    Conflict,
    Collision,
    Review,
    Confirm,
    /// This agent's edits that lost at sync (`:conflicts`).
    SyncConflicts,
    /// The engineers' schedule (`g v`).
    Schedule,
    /// Quality inspection (`g q`): the QA queue and your reviews.
    Qa,
    /// Scoring a ticket on the QA rubric.
    QaForm,
    /// Improvement plans (`g i`): the PDCA actions.
    Plans,
    /// A complaint's next stage or the follow-up call (`E`, `F` on a ticket).
    LoopForm,
    /// Editing the text of a prompt, the palette or a form field; shared by every context that takes typing.
    TextInput,
}

impl Context {
    /// Every context, in the order help lists them.
    pub const ALL: [Context; 27] = [
        Context::Global,
        Context::Queues,
        Context::Ticket,
        Context::Customers,
        Context::Kb,
        Context::Dashboard,
        Context::Help,
        Context::HelpSearch,
        Context::Messages,
        Context::Palette,
        Context::Prompt,
        Context::Picker,
        Context::NewTicket,
        Context::Survey,
        Context::Escalations,
        Context::Suggestions,
        Context::Conflict,
        Context::Collision,
        Context::Review,
        Context::Confirm,
        Context::SyncConflicts,
        Context::Schedule,
        Context::Qa,
        Context::QaForm,
        Context::Plans,
        Context::LoopForm,
        Context::TextInput,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Queues => "Queues",
            Context::Ticket => "Ticket",
            Context::Customers => "Customers",
            Context::Kb => "Knowledge base",
            Context::Dashboard => "Dashboard",
            Context::Help => "This help",
            Context::HelpSearch => "Searching this help",
            Context::Messages => "Messages (every toast since desk started)",
            Context::Palette => "Command palette",
            Context::Prompt => "Prompts and filters",
            Context::Picker => "Pickers (status, priority, agent, macro …)",
            Context::NewTicket => "New-ticket form",
            Context::Survey => "Survey form",
            Context::Escalations => "Escalation list",
            Context::Suggestions => "Suggested articles",
            Context::Conflict => "Someone changed the ticket first",
            Context::Collision => "The thread moved on while you wrote",
            Context::Review => "Reviewing a reply or note before it is sent",
            Context::Confirm => "Questions before something irreversible",
            Context::SyncConflicts => "Your edits that lost at sync (:conflicts)",
            Context::Schedule => "Engineers' schedule (上门服务, g v)",
            Context::Qa => "Quality inspection (质检, g q)",
            Context::QaForm => "QA scoring form",
            Context::Plans => "Improvement plans (PDCA 改进措施, g i)",
            Context::LoopForm => "Complaint stage and follow-up call forms (E, F)",
            Context::TextInput => "Editing text (prompts, the palette, form fields)",
        }
    }

    /// Keys that are not commands but still do something here (typing, digits), for help to say.
    pub fn note(self) -> Option<&'static str> {
        match self {
            Context::Palette => Some("Type to search commands by name or description."),
            Context::HelpSearch => {
                Some("Type words to keep only the keys, commands and sections that contain them.")
            }
            Context::Prompt => Some("Type the answer; paste works."),
            Context::Picker => {
                Some("Type to narrow the options; 1–9 choose one directly while nothing is typed.")
            }
            Context::NewTicket => Some(
                "Type in the customer and subject fields; in the other fields h/l or Space also change the choice.",
            ),
            Context::Survey | Context::QaForm => {
                Some("Digits give a score; type in the comment field.")
            }
            Context::LoopForm => Some("Type in the text fields; ←/→ change a choice."),
            Context::Suggestions => Some("1–9 select that article."),
            Context::Schedule => {
                Some("! marks overlapping visits, ~ too little time to travel between places.")
            }
            _ => None,
        }
    }

    /// Contexts whose bindings also apply here, after this context's own (a pane falls back to global keys;
    /// anything that takes typing falls back to the text-editing keys). Overlays never fall back to pane keys.
    pub fn parents(self) -> &'static [Context] {
        match self {
            Context::Queues
            | Context::Ticket
            | Context::Customers
            | Context::Kb
            | Context::Dashboard => &[Context::Global],
            Context::Palette
            | Context::HelpSearch
            | Context::Prompt
            | Context::Picker
            | Context::NewTicket
            | Context::Survey
            | Context::QaForm
            | Context::LoopForm => &[Context::TextInput],
            Context::Global
            | Context::Help
            | Context::Messages
            | Context::Escalations
            | Context::Suggestions
            | Context::Conflict
            | Context::Collision
            | Context::Review
            | Context::Confirm
            | Context::SyncConflicts
            | Context::Schedule
            | Context::Qa
            | Context::Plans
            | Context::TextInput => &[],
        }
    }

    /// Plain characters are typed here, so they cannot be bound.
    pub fn takes_typing(self) -> bool {
        self == Context::TextInput || self.parents().contains(&Context::TextInput)
    }

    /// A pane's own context (commands there switch to the pane when run from the palette).
    pub fn pane(self) -> Option<super::Pane> {
        Some(match self {
            Context::Queues => super::Pane::Queues,
            Context::Ticket => super::Pane::Ticket,
            Context::Customers => super::Pane::Customers,
            Context::Kb => super::Pane::Kb,
            Context::Dashboard => super::Pane::Dashboard,
            _ => return None,
        })
    }
}

/// What a command does: a pure change to the model, and the effects to carry out.
pub type Handler = fn(&mut Model) -> Vec<Effect>;

/// A short word for the hint bar, and its rank there (lower shows first when space runs out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub label: &'static str,
    pub rank: u8,
}

pub struct Command {
    pub id: CommandId,
    /// Stable name used in config `[keys]` and the palette.
    pub name: &'static str,
    pub context: Context,
    pub keys: &'static [&'static str],
    pub hint: Option<Hint>,
    pub description: &'static str,
    pub run: Handler,
}

pub fn command(id: CommandId) -> &'static Command {
    // The table is generated in `CommandId` order, so the id is the index.
    &COMMANDS[id as usize]
}

pub fn by_name(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// Carries out a command (from a key, the palette or the mouse).
pub fn run(model: &mut Model, id: CommandId) -> Vec<Effect> {
    (command(id).run)(model)
}

#[cfg(test)]
mod tests;
