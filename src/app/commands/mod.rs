//! The one command registry. Each command is declared once, in `table.rs`: its id, name, context, default keys,
//! hint rank and handler; its description and hint are in the message catalogues (`commands.ftl`). The keymap, the `?` help, the `:` palette and the hint bar all read it, so a
//! command added there is bindable, documented, searchable and runnable at once. Users rebind keys by command
//! name in config. Overlays (pickers, prompts, forms, dialogs) are contexts like the panes.

mod keymap;
mod table;

pub use keymap::{Keymap, KeymapError, Lookup};
pub use table::{COMMANDS, CommandId};

use super::Model;
use super::msg::Effect;
use crate::i18n::{self, Locale};

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

    /// The heading of the context's section in help (and `desk keys`, README in English).
    pub fn title(self, locale: Locale) -> String {
        i18n::tr(locale, self.title_key())
    }

    fn title_key(self) -> &'static str {
        match self {
            Context::Global => "help-context-global",
            Context::Queues => "help-context-queues",
            Context::Ticket => "help-context-ticket",
            Context::Customers => "help-context-customers",
            Context::Kb => "help-context-kb",
            Context::Dashboard => "help-context-dashboard",
            Context::Help => "help-context-help",
            Context::HelpSearch => "help-context-help-search",
            Context::Messages => "help-context-messages",
            Context::Palette => "help-context-palette",
            Context::Prompt => "help-context-prompt",
            Context::Picker => "help-context-picker",
            Context::NewTicket => "help-context-new-ticket",
            Context::Survey => "help-context-survey",
            Context::Escalations => "help-context-escalations",
            Context::Suggestions => "help-context-suggestions",
            Context::Conflict => "help-context-conflict",
            Context::Collision => "help-context-collision",
            Context::Review => "help-context-review",
            Context::Confirm => "help-context-confirm",
            Context::SyncConflicts => "help-context-sync-conflicts",
            Context::Schedule => "help-context-schedule",
            Context::Qa => "help-context-qa",
            Context::QaForm => "help-context-qa-form",
            Context::Plans => "help-context-plans",
            Context::LoopForm => "help-context-loop-form",
            Context::TextInput => "help-context-text-input",
        }
    }

    /// Keys that are not commands but still do something here (typing, digits), for help to say.
    pub fn note(self, locale: Locale) -> Option<String> {
        let key = match self {
            Context::Palette => "help-note-palette",
            Context::HelpSearch => "help-note-help-search",
            Context::Prompt => "help-note-prompt",
            Context::Picker => "help-note-picker",
            Context::NewTicket => "help-note-new-ticket",
            Context::Survey | Context::QaForm => "help-note-scores",
            Context::LoopForm => "help-note-loop-form",
            Context::Suggestions => "help-note-suggestions",
            Context::Schedule => "help-note-schedule",
            _ => return None,
        };
        Some(i18n::tr(locale, key))
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

/// A command the hint bar shows: its rank there (lower shows first when space runs out). Its short word is the
/// catalogue's `-hint` key ([`Command::hint_label`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub rank: u8,
}

pub struct Command {
    pub id: CommandId,
    /// Stable name used in config `[keys]` and the palette.
    pub name: &'static str,
    pub context: Context,
    pub keys: &'static [&'static str],
    pub hint: Option<Hint>,
    pub run: Handler,
}

/// The catalogue keys of the commands' words: the prefix of a description's key, the suffix of a hint's.
const KEY_PREFIX: &str = "commands-";
const HINT_SUFFIX: &str = "-hint";

impl Command {
    /// The catalogue key of the description: `commands-` and the name in kebab case (`queue.next_view` →
    /// `commands-queue-next-view`).
    pub fn key(&self) -> String {
        format!("{KEY_PREFIX}{}", self.name.replace(['.', '_'], "-"))
    }

    /// What the command does, in `locale` (help, the palette; `desk keys` and README in English).
    pub fn description(&self, locale: Locale) -> String {
        i18n::tr(locale, &self.key())
    }

    /// The hint bar's word for the command, in `locale`, if the bar shows it.
    pub fn hint_label(&self, locale: Locale) -> Option<String> {
        self.hint
            .map(|_| i18n::tr(locale, &format!("{}{HINT_SUFFIX}", self.key())))
    }
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
