//! What is on screen (the Model), what happens to it (`update`), and the command registry. No I/O here.

mod answers;
mod attachments;
mod bulk;
pub mod commands;
mod compose;
pub mod confirm;
pub mod conflicts;
mod customer_actions;
pub mod dashboard;
pub mod geometry;
pub mod help;
mod kb_actions;
mod kb_state;
pub mod keys;
pub mod layout;
pub mod loop_form;
pub mod mail;
pub mod markdown;
mod merge;
pub mod messages;
mod mouse;
pub mod msg;
mod nav;
mod navigate;
pub mod new_ticket;
mod overlay_keys;
pub mod paged;
pub use kb_state::{Kb, KbFocus, KbSearch};
mod pick;
pub use pick::PickAction;
pub mod plans;
pub mod protocol;
pub mod qa;
pub mod review;
pub mod schedule;
mod search_pane;
pub mod service_actions;
pub mod sla_header;
pub mod store_words;
mod suggestions;
pub mod sync;
mod tag_prompt;
pub mod team;
pub mod text_input;
mod ticket_actions;
pub mod ticket_header;
mod update;
mod update_lists;

pub use msg::EditPurpose;
pub use msg::{Effect, Mouse, MouseKind, Msg, Request, Response};
pub use overlay_keys::{palette_matches, picker_visible};
pub use suggestions::current as suggestions_for;
pub use team::limit as team_feed_limit;
pub use update::{init, update};

use crate::domain::view::{BuiltinView, View};
use crate::store::Counts;
use crate::store::customers::{CustomerDetail, CustomerRow};
use crate::store::tickets::{TicketDetail, TicketRow};
use commands::Keymap;
use keys::Key;
use paged::PagedList;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pane {
    Queues,
    Ticket,
    Customers,
    Kb,
    Dashboard,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::Queues,
        Pane::Ticket,
        Pane::Customers,
        Pane::Kb,
        Pane::Dashboard,
    ];

    /// The pane's name in the tab bar, in `locale`; `short` where the full names do not fit.
    pub fn title(self, locale: crate::i18n::Locale, short: bool) -> String {
        let key = match (self, short) {
            (Pane::Queues, _) => "tabs-queues",
            (Pane::Ticket, _) => "tabs-ticket",
            (Pane::Customers, _) => "tabs-customers",
            (Pane::Kb, false) => "tabs-kb",
            (Pane::Kb, true) => "tabs-kb-short",
            (Pane::Dashboard, false) => "tabs-dashboard",
            (Pane::Dashboard, true) => "tabs-dashboard-short",
        };
        crate::i18n::tr(locale, key)
    }

    pub fn context(self) -> commands::Context {
        match self {
            Pane::Queues => commands::Context::Queues,
            Pane::Ticket => commands::Context::Ticket,
            Pane::Customers => commands::Context::Customers,
            Pane::Kb => commands::Context::Kb,
            Pane::Dashboard => commands::Context::Dashboard,
        }
    }
}

/// Who is using desk: the change-log actor and the meaning of "mine".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    pub handle: Option<String>,
    pub agent_id: Option<String>,
}

/// Settings the model starts with (from config and the command line).
#[derive(Debug, Clone)]
pub struct Settings {
    pub keymap: Keymap,
    pub mouse: bool,
    pub identity: Identity,
    /// Shown in the status bar: which database is open.
    pub db_label: String,
    /// How the file is opened; the status bar says so when it is shared.
    pub storage: crate::store::StorageMode,
    /// The interface's language (`ui.locale`, else the environment's).
    pub locale: crate::i18n::Locale,
    /// `ui.date_format`; `None`: the locale's own.
    pub date_format: Option<String>,
    pub macros: Vec<crate::domain::macros::Macro>,
    /// Queues in sidebar order: the built-in ones, then the config's.
    pub views: Vec<View>,
    /// The agent's zone as seconds east of UTC, fixed at start so rendering stays pure.
    pub utc_offset: i32,
    /// Seconds between SLA checks (escalations, auto-close); 0 turns them off.
    pub sla_check_every: i64,
    /// Default priority of a new ticket by customer tier, highest tier first (`crm.default_priority`).
    pub tier_priority: [crate::domain::ticket::Priority; 4],
    /// The tiers' display names, highest first (`crm.tier_names`).
    pub tier_names: [String; 4],
    /// The root causes a complaint is resolved under (`[loop] complaint_root_causes`).
    pub root_causes: Vec<String>,
    /// Closing reasons that let an open ticket close without the loop (`[loop] skip_loop_reasons`).
    pub close_reasons: Vec<String>,
    /// Knowledge-base thresholds, reply links and how many suggestions a ticket gets (`[kb]`).
    pub kb_rules: crate::domain::kb::KbRules,
    /// Report targets and index weights (`[metrics]`).
    pub metrics_rules: crate::domain::metrics::MetricsRules,
    /// Seconds between polls for other writers (live refresh).
    pub refresh_secs: i64,
    /// Review internal notes before they are added (`ui.review_notes`).
    pub review_notes: bool,
    /// How far back undo reaches, in seconds (`ui.undo_minutes`).
    pub undo_window: i64,
    /// How replies are mailed (`[mail]` with a From); `None`: replies stay on the ticket.
    pub mail_out: Option<crate::domain::mail_loop::MailOut>,
}

/// Settings for the app's unit tests: the default keymap and rules, no identity, refresh every second.
#[cfg(test)]
pub(crate) fn test_settings(locale: crate::i18n::Locale) -> Settings {
    let crm = crate::domain::crm::CrmRules::default();
    let policy = crate::domain::loop_rules::LoopPolicy::default();
    Settings {
        keymap: Keymap::defaults(),
        mouse: false,
        identity: Default::default(),
        db_label: String::new(),
        storage: crate::store::StorageMode::Local,
        locale,
        date_format: None,
        macros: Vec::new(),
        views: Vec::new(),
        utc_offset: 0,
        sla_check_every: 0,
        tier_priority: crm.default_priority,
        tier_names: crm.tier_names,
        root_causes: policy.root_causes,
        close_reasons: policy.skip_loop_reasons,
        kb_rules: Default::default(),
        metrics_rules: Default::default(),
        refresh_secs: 1,
        review_notes: false,
        undo_window: 0,
        mail_out: None,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub tier_priority: [crate::domain::ticket::Priority; 4],
    pub tier_names: [String; 4],
    pub root_causes: Vec<String>,
    pub close_reasons: Vec<String>,
    pub kb_rules: crate::domain::kb::KbRules,
    pub metrics_rules: crate::domain::metrics::MetricsRules,
    pub pane: Pane,
    pub width: u16,
    pub height: u16,
    pub now: i64,
    pub keymap: Keymap,
    pub mouse: bool,
    pub identity: Identity,
    pub db_label: String,
    pub storage: crate::store::StorageMode,
    /// The interface's language: render words everything it shows in it.
    pub locale: crate::i18n::Locale,
    /// `ui.date_format`; `None`: the locale's own (see [`Model::date`]).
    pub date_format: Option<String>,
    pub utc_offset: i32,
    pub macros: Vec<crate::domain::macros::Macro>,
    pub counts: Option<Counts>,
    /// Active agents, for the assignee picker.
    pub agents: Vec<crate::store::agents::AgentRow>,
    pub groups: Vec<crate::store::agents::GroupRow>,
    /// Last `PRAGMA data_version` seen; a change means another agent or script wrote.
    pub data_version: Option<i64>,
    /// The store has been waiting a moment for another desk's write (a bulk import's batch, a long write).
    pub store_waiting: bool,
    /// The background mail round (fetch and delivery), for the tab bar.
    pub mail: mail::MailStatus,
    /// Where this replica stands with its hub (nothing when the database is no replica), for the status bar.
    pub sync: sync::SyncStatus,
    /// Live refresh and presence (team mode).
    pub live: team::Live,
    /// Seconds between polls for other writers (`ui.refresh_secs`).
    pub refresh_secs: i64,
    /// Review internal notes before they are added, as replies are (`ui.review_notes`).
    pub review_notes: bool,
    /// How far back undo reaches, in seconds (`ui.undo_minutes`).
    pub undo_window: i64,
    /// How replies are mailed (`[mail]` with a From); `None`: replies stay on the ticket.
    pub mail_out: Option<crate::domain::mail_loop::MailOut>,
    /// A draft postponed a moment ago: `u` brings its review back.
    pub postponed: Option<review::Draft>,
    /// The panes Esc goes back through, newest last (see `nav`).
    pub trail: Vec<Pane>,
    pub queues: Queues,
    pub ticket: TicketPane,
    pub customers: Customers,
    pub kb: Kb,
    pub dashboard: dashboard::Dashboard,
    /// The engineers' schedule (`g v`); kept while it is closed, so it opens where it was left.
    pub schedule: schedule::ScheduleState,
    pub overlay: Option<Overlay>,
    /// What each prompt was answered with this session, oldest first (↑ recalls them).
    pub prompt_history: std::collections::BTreeMap<(PromptKind, Option<Pane>), Vec<String>>,
    pub toast: Option<Toast>,
    /// Every toast shown since start, for `:messages`.
    pub messages: std::collections::VecDeque<messages::Logged>,
    pub escalations: service_actions::Escalations,
    /// Keys typed so far of a multi-key binding (`g` of `gg`).
    pub pending: Vec<Key>,
    pub quit: bool,
}

impl Model {
    /// A date and time as this agent reads it: in their zone, by `ui.date_format` when set, else the locale's way.
    pub fn date(&self, ts: i64) -> String {
        crate::i18n::date(
            self.locale,
            ts,
            self.utc_offset,
            self.now,
            self.date_format.as_deref(),
        )
    }

    /// The strftime pattern for dates inside sentences the domain words (history, field values).
    pub fn date_pattern(&self) -> &str {
        self.date_format
            .as_deref()
            .unwrap_or(crate::i18n::DEFAULT_DATE_FORMAT)
    }

    /// A tier as the team names it (`crm.tier_names`); names the team left at the shipped English default read in the interface's locale (钻石, 黃金 …).
    pub fn tier_name(&self, t: crate::domain::customer::Tier) -> String {
        crate::i18n::crm_words::tier_name(self.locale, &self.tier_names, t)
    }

    /// The name of an agent or group by id, as the desk has them loaded (`None` for another kind of value or an
    /// id it does not know): how ids in the history and the conflicts list read.
    pub fn loaded_name(
        &self,
        show: crate::domain::ticket_fields::Show,
        id: &str,
    ) -> Option<String> {
        use crate::domain::ticket_fields::Show;
        match show {
            Show::Agent => self
                .agents
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.name.to_string()),
            Show::Group => self
                .groups
                .iter()
                .find(|g| g.id == id)
                .map(|g| g.name.to_string()),
            _ => None,
        }
    }

    /// Where keys go now: the open overlay, else the pane.
    pub fn context(&self) -> commands::Context {
        match &self.overlay {
            Some(o) => o.context(),
            None => self.pane.context(),
        }
    }

    /// The running agent's display name (for macros), else the handle.
    pub fn my_name(&self) -> String {
        let handle = self.identity.handle.clone().unwrap_or_default();
        self.agents
            .iter()
            .find(|a| a.handle == handle)
            .map_or(handle, |a| a.name.to_string())
    }

    /// The running agent's availability for automatic assignment, once the agents are loaded.
    pub fn my_availability(&self) -> Option<crate::domain::dispatch::Availability> {
        let me = self.identity.handle.as_deref()?;
        self.agents
            .iter()
            .find(|a| a.handle == me)
            .map(|a| a.availability)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueueFocus {
    Views,
    #[default]
    List,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Queues {
    pub views: Vec<View>,
    pub counts: Vec<Option<i64>>,
    pub selected_view: usize,
    pub focus: QueueFocus,
    pub list: PagedList<TicketRow>,
    /// Filter typed with `/`, in the view language (empty: none), and its parsed form.
    pub filter: String,
    pub query: crate::domain::query::Query,
    /// A typed filter naming agents or groups, waiting for the worker to say they exist before it applies.
    pub checking_filter: Option<String>,
    /// Tickets marked for a bulk change (number → customer name and subject, for macros).
    pub marked: std::collections::BTreeMap<i64, (String, String)>,
    /// Where a `V` range started (index in the loaded rows).
    pub anchor: Option<usize>,
    /// Full-text search results shown instead of the view, while set.
    pub search: Option<SearchState>,
}

/// A full-text search over subjects and messages, shown in the queue pane.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchState {
    pub query: String,
    pub relevance: bool,
    pub hits: Vec<crate::store::search::SearchHit>,
    pub selected: usize,
    pub loading: bool,
}

impl Queues {
    /// A view's title as the interface shows it: a built-in view's in the locale (我的未结), one from config (or a
    /// dashboard drill-down) as written. The view's name, which config and the view language use, stays English.
    pub fn view_title(view: &View, l: crate::i18n::Locale) -> String {
        match BuiltinView::parse(&view.name).filter(|b| b.title() == view.title) {
            Some(b) => crate::i18n::tr_of(l, "views-title-", b.name()),
            None => view.title.clone(),
        }
    }

    /// The selected view (the shipped "All open" if the list were ever empty).
    pub fn view(&self) -> View {
        self.views
            .get(self.selected_view)
            .cloned()
            .unwrap_or_else(|| BuiltinView::AllOpen.view())
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TicketPane {
    /// The ticket asked for; `detail` arrives later.
    pub number: Option<i64>,
    pub detail: Option<Box<TicketDetail>>,
    pub scroll: usize,
    pub loading: bool,
    /// A merged ticket opened by number shows the ticket it was merged into.
    pub follow_merge: bool,
    /// Show the change log instead of the thread.
    pub show_history: bool,
    /// Show quoted history and signatures in the thread instead of one folded line each (`z`).
    pub show_quoted: bool,
    pub history: Option<Vec<crate::store::ChangeRow>>,
    /// Published articles like this ticket: (ticket number, best first).
    pub suggestions: Option<(i64, Vec<crate::store::kb_search::Suggestion>)>,
    /// The article going into the reply open in the editor, and how.
    pub inserting: Option<(String, crate::domain::kb::Insert)>,
    /// (version, change-log position) of the ticket when a picker or prompt for it opened: the edit's base.
    pub edit_base: Option<(i64, i64)>,
    /// The ticket's change-log position when the reply editor opened.
    pub compose_seq: Option<i64>,
    /// A macro's changes kept with a reply sent back to the editor.
    pub carry_edits: Vec<crate::store::ticket_write::TicketEdit>,
    /// "Also send by email" and "proposes a solution", kept with a reply to this ticket sent back to the editor.
    pub carry_how: Option<(i64, crate::store::ticket_write::ReplyHow)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CustomerFocus {
    #[default]
    List,
    Profile,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Customers {
    pub list: PagedList<CustomerRow>,
    pub view: crate::domain::customer_view::CustomerView,
    /// Typed text narrowing the view (view language or words).
    pub filter: String,
    pub focus: CustomerFocus,
    pub detail: Option<Box<CustomerDetail>>,
    /// Selected entry of the profile's timeline.
    pub timeline_selected: usize,
    /// The ticket the agent jumped here from (`c` or Esc goes back to it).
    pub from_ticket: Option<i64>,
    /// (id, version) of the customer whose notes or profile are open in the editor.
    pub editing: Option<(String, i64)>,
    /// The profile was opened from elsewhere (a ticket): Esc goes back there.
    pub jumped: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help(Box<help::HelpState>),
    /// Every toast since desk started (`:messages`).
    Messages {
        scroll: usize,
    },
    Palette {
        input: text_input::TextInput,
        selected: usize,
    },
    /// The new-ticket form.
    NewTicket(Box<new_ticket::NewTicketForm>),
    /// A one-line answer: a list filter, a search, or something about the open ticket.
    Prompt {
        kind: PromptKind,
        input: text_input::TextInput,
        /// Tickets a bulk change applies to; `None` is the open ticket.
        targets: Option<Vec<i64>>,
        /// Browsing earlier answers: how far back, and what was typed before.
        recall: Option<(usize, String)>,
    },
    /// Choosing one change for the open ticket (status, priority, assignee).
    Picker {
        title: String,
        options: Vec<(String, PickAction)>,
        /// Index into the options `filter` leaves.
        selected: usize,
        /// Typed text narrowing the options (every agent is a few letters away).
        filter: text_input::TextInput,
        /// Tickets a bulk change applies to; `None` is the open ticket.
        targets: Option<Vec<i64>>,
    },
    /// CSAT / NPS / CES and a comment for a ticket.
    Survey(service_actions::SurveyForm),
    /// A complaint's next stage or the follow-up call (`E`, `F`).
    LoopForm(Box<loop_form::LoopForm>),
    /// What escalated since the agent last looked.
    Escalations {
        selected: usize,
    },
    /// Articles suggested for the open ticket: insert a link or the body into a reply, open, or vote.
    Suggestions {
        selected: usize,
    },
    /// A conflicting edit or an overtaken reply: the agent chooses before anything is written.
    Decide(Box<team::Decision>),
    /// A reply or note back from the editor, shown before it is sent.
    Review(Box<review::Draft>),
    /// A question before something irreversible.
    Confirm(Box<confirm::Confirm>),
    /// This agent's edits that lost at sync (`:conflicts`).
    Conflicts(Box<conflicts::ConflictList>),
    /// The engineers' schedule (its state is `Model::schedule`).
    Schedule,
    /// Quality inspection: the QA queue, the agent's reviews and the scoring form.
    Qa(Box<qa::QaState>),
    /// Improvement plans (PDCA): the actions, their stage and indicators, one's details.
    Plans(Box<plans::PlansState>),
}

impl Overlay {
    /// A prompt of `kind` starting with `text`.
    pub fn prompt(kind: PromptKind, text: &str, targets: Option<Vec<i64>>) -> Overlay {
        Overlay::Prompt {
            kind,
            input: text_input::TextInput::new(text),
            targets,
            recall: None,
        }
    }

    /// The keymap context of this overlay.
    pub fn context(&self) -> commands::Context {
        use commands::Context;
        match self {
            Overlay::Help(h) if h.typing => Context::HelpSearch,
            Overlay::Help(_) => Context::Help,
            Overlay::Messages { .. } => Context::Messages,
            Overlay::Palette { .. } => Context::Palette,
            Overlay::NewTicket(_) => Context::NewTicket,
            Overlay::Prompt { .. } => Context::Prompt,
            Overlay::Picker { .. } => Context::Picker,
            Overlay::Survey(_) => Context::Survey,
            Overlay::LoopForm(_) => Context::LoopForm,
            Overlay::Escalations { .. } => Context::Escalations,
            Overlay::Suggestions { .. } => Context::Suggestions,
            Overlay::Review(_) => Context::Review,
            Overlay::Confirm(_) => Context::Confirm,
            Overlay::Conflicts(_) => Context::SyncConflicts,
            Overlay::Schedule => Context::Schedule,
            Overlay::Qa(s) if s.form.is_some() => Context::QaForm,
            Overlay::Qa(_) => Context::Qa,
            Overlay::Plans(_) => Context::Plans,
            Overlay::Decide(d) => match **d {
                team::Decision::Conflict { .. } => Context::Conflict,
                team::Decision::Collision { .. } => Context::Collision,
            },
        }
    }
}

/// What a one-line prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PromptKind {
    /// The list filter of the pane on screen (the view language for tickets and customers).
    Filter,
    /// `+vip -refund`: tags to add and remove.
    Tags,
    /// A short internal note without opening the editor.
    Note,
    /// The number of the ticket to merge this one into.
    MergeInto,
    /// The number of a related ticket.
    LinkTo,
    /// Words to search for in subjects and messages.
    Search,
    /// First and last day of a custom dashboard period.
    DashboardDates,
    /// A ticket number to open.
    GoTo,
}

impl PromptKind {
    pub fn title(self, l: crate::i18n::Locale) -> String {
        let key = match self {
            PromptKind::Filter => "overlay-prompt-filter",
            PromptKind::Tags => "overlay-prompt-tags",
            PromptKind::Note => "overlay-prompt-note",
            PromptKind::MergeInto => "overlay-prompt-merge-into",
            PromptKind::LinkTo => "overlay-prompt-link-to",
            PromptKind::Search => "overlay-prompt-search",
            PromptKind::DashboardDates => "overlay-prompt-dashboard-dates",
            PromptKind::GoTo => "overlay-prompt-go-to",
        };
        crate::i18n::tr(l, key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub error: bool,
    /// Unix seconds after which it disappears.
    pub until: i64,
}
