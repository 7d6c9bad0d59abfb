//! The one command registry. It feeds the keymap, the `?` help, the `:` palette and the hint bar, so a command
//! added here is bindable, documented and searchable at once. Users rebind keys by command name in config.

use super::keys::{Key, seq_label};
use std::collections::BTreeMap;

/// Where a command applies. Pane contexts take precedence over `Global` for the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Queues,
    Ticket,
    Customers,
    Kb,
    Dashboard,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Queues => "Queues",
            Context::Ticket => "Ticket",
            Context::Customers => "Customers",
            Context::Kb => "Knowledge base",
            Context::Dashboard => "Dashboard",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CommandId {
    Quit,
    Help,
    Palette,
    Refresh,
    PaneNext,
    PanePrev,
    PaneQueues,
    PaneTicket,
    PaneCustomers,
    PaneKb,
    PaneDashboard,
    Down,
    Up,
    Top,
    Bottom,
    HalfDown,
    HalfUp,
    PageDown,
    PageUp,
    Open,
    Back,
    FocusLeft,
    FocusRight,
    Filter,
    ClearFilter,
    NextView,
    PrevView,
    TicketCustomer,
    TicketStatus,
    TicketPriority,
    TicketAssign,
    TicketHistory,
    TicketReply,
    TicketNote,
    TicketMacro,
    TicketTags,
    TicketQuickNote,
    TicketMerge,
    TicketLink,
    TicketTake,
    TicketKind,
    TicketChannel,
    TicketGroup,
    NewTicket,
    Search,
    SearchOrder,
    QueueMark,
    QueueMarkRange,
    QueueStatus,
    QueuePriority,
    QueueAssign,
    QueueTags,
    QueueMacro,
    TicketFollowUp,
    TicketSurvey,
    TicketComplaint,
    Escalations,
    CustomerNextView,
    CustomerPrevView,
    CustomerNotes,
    CustomerEdit,
    CustomerCreate,
    CustomerMerge,
    CustomerCare,
    CustomerBackToTicket,
    TicketArticles,
    KbNextView,
    KbPrevView,
    KbNew,
    KbEdit,
    KbStatus,
    KbHelpful,
    KbUnhelpful,
    KbHistory,
    DashPeriod,
    DashNextSection,
    DashPrevSection,
    DashBreakdown,
}

pub struct Command {
    pub id: CommandId,
    /// Stable name used in config `[keys]` and the palette.
    pub name: &'static str,
    pub description: &'static str,
    pub keys: &'static [&'static str],
    pub context: Context,
    /// Shown in the hint bar (in this order) when its context is active.
    pub hint: Option<&'static str>,
}

macro_rules! cmd {
    ($id:ident, $name:literal, $ctx:ident, [$($k:literal),*], $hint:expr, $desc:literal) => {
        Command { id: CommandId::$id, name: $name, description: $desc, keys: &[$($k),*], context: Context::$ctx, hint: $hint }
    };
}

#[rustfmt::skip] // one command per line reads as the table it is
pub const COMMANDS: &[Command] = &[
    cmd!(Quit, "app.quit", Global, ["q"], Some("quit"), "Quit desk (Ctrl-C always quits)"),
    cmd!(Help, "app.help", Global, ["?", "f1"], Some("help"), "Show keys and commands"),
    cmd!(Palette, "app.palette", Global, [":", "ctrl-p"], Some("commands"), "Open the command palette"),
    cmd!(Refresh, "app.refresh", Global, ["ctrl-r"], None, "Reload what is on screen"),
    cmd!(PaneNext, "pane.next", Global, ["tab"], None, "Next pane"),
    cmd!(PanePrev, "pane.prev", Global, ["shift-tab"], None, "Previous pane"),
    cmd!(PaneQueues, "pane.queues", Global, ["1"], None, "Go to Queues"),
    cmd!(PaneTicket, "pane.ticket", Global, ["2"], None, "Go to the open ticket"),
    cmd!(PaneCustomers, "pane.customers", Global, ["3"], None, "Go to Customers"),
    cmd!(PaneKb, "pane.kb", Global, ["4"], None, "Go to the knowledge base"),
    cmd!(PaneDashboard, "pane.dashboard", Global, ["5"], None, "Go to the dashboard (KPIs and charts)"),
    cmd!(Down, "nav.down", Global, ["j", "down"], Some("move"), "Move down"),
    cmd!(Up, "nav.up", Global, ["k", "up"], None, "Move up"),
    cmd!(Top, "nav.top", Global, ["g g", "home"], None, "Go to the top"),
    cmd!(Bottom, "nav.bottom", Global, ["G", "end"], None, "Go to the bottom"),
    cmd!(HalfDown, "nav.half_down", Global, ["ctrl-d"], None, "Half a page down"),
    cmd!(HalfUp, "nav.half_up", Global, ["ctrl-u"], None, "Half a page up"),
    cmd!(PageDown, "nav.page_down", Global, ["pgdn", "ctrl-f"], None, "A page down"),
    cmd!(PageUp, "nav.page_up", Global, ["pgup", "ctrl-b"], None, "A page up"),
    cmd!(Open, "nav.open", Global, ["enter"], Some("open"), "Open the selected item"),
    cmd!(Back, "nav.back", Global, ["esc"], Some("back"), "Back out / close"),
    cmd!(FocusLeft, "nav.left", Global, ["h", "left"], None, "Focus the left column"),
    cmd!(FocusRight, "nav.right", Global, ["l", "right"], None, "Focus the right column"),
    cmd!(Filter, "list.filter", Global, ["/"], Some("filter"), "Filter the current list"),
    cmd!(ClearFilter, "list.clear_filter", Global, ["ctrl-l"], None, "Clear the list filter"),
    cmd!(NewTicket, "ticket.new", Global, ["n"], Some("new"), "Create a ticket"),
    cmd!(Escalations, "sla.escalations", Global, ["!"], None, "What escalated (SLA at risk / breached) since you last looked"),
    cmd!(NextView, "queue.next_view", Queues, ["J", "]"], Some("view"), "Next view"),
    cmd!(PrevView, "queue.prev_view", Queues, ["K", "["], None, "Previous view"),
    cmd!(Search, "queue.search", Queues, ["S"], Some("search"), "Search subjects and every message"),
    cmd!(SearchOrder, "queue.search_order", Queues, ["o"], None, "Search results: newest first / best match first"),
    cmd!(QueueMark, "queue.mark", Queues, ["space"], Some("mark"), "Mark / unmark the ticket for a bulk change"),
    cmd!(QueueMarkRange, "queue.mark_range", Queues, ["V"], None, "Start / finish marking a range"),
    cmd!(QueueStatus, "queue.status", Queues, ["s"], None, "Status of the marked tickets (or the selected one)"),
    cmd!(QueuePriority, "queue.priority", Queues, ["p"], None, "Priority of the marked tickets"),
    cmd!(QueueAssign, "queue.assign", Queues, ["a"], None, "Assign the marked tickets"),
    cmd!(QueueTags, "queue.tags", Queues, ["t"], None, "Tags of the marked tickets (+add -remove)"),
    cmd!(QueueMacro, "queue.macro", Queues, ["m"], None, "Send a macro to the marked tickets"),
    cmd!(TicketCustomer, "ticket.customer", Ticket, ["c"], Some("customer"), "Open this ticket's customer"),
    cmd!(TicketStatus, "ticket.status", Ticket, ["s"], Some("status"), "Change the status"),
    cmd!(TicketPriority, "ticket.priority", Ticket, ["p"], Some("priority"), "Change the priority"),
    cmd!(TicketAssign, "ticket.assign", Ticket, ["a"], Some("assign"), "Assign to an agent"),
    cmd!(TicketReply, "ticket.reply", Ticket, ["r"], Some("reply"), "Reply to the customer (opens $EDITOR)"),
    cmd!(TicketNote, "ticket.note", Ticket, ["i"], Some("note"), "Add an internal note (opens $EDITOR)"),
    cmd!(TicketMacro, "ticket.macro", Ticket, ["m"], Some("macro"), "Reply with a macro (canned reply and its changes)"),
    cmd!(TicketTags, "ticket.tags", Ticket, ["t"], Some("tags"), "Add or remove tags (+vip -refund)"),
    cmd!(TicketQuickNote, "ticket.quick_note", Ticket, ["I"], None, "Add a one-line internal note"),
    cmd!(TicketTake, "ticket.take", Ticket, ["A"], None, "Take the ticket if nobody has it"),
    cmd!(TicketMerge, "ticket.merge", Ticket, ["M"], None, "Merge this ticket into another"),
    cmd!(TicketLink, "ticket.link", Ticket, ["L"], None, "Link this ticket to a related one"),
    cmd!(TicketKind, "ticket.kind", Ticket, ["K"], None, "Change the kind (complaint, service request …)"),
    cmd!(TicketChannel, "ticket.channel", Ticket, ["C"], None, "Change the intake channel"),
    cmd!(TicketGroup, "ticket.group", Ticket, ["ctrl-g"], None, "Route to a group (team)"),
    cmd!(TicketHistory, "ticket.history", Ticket, ["H"], Some("history"), "Show the change history / the thread"),
    cmd!(TicketFollowUp, "ticket.follow_up", Ticket, ["F"], None, "Record the follow-up call (回访), then the survey"),
    cmd!(TicketSurvey, "ticket.survey", Ticket, ["Y"], None, "Record a satisfaction survey (CSAT, NPS, CES)"),
    cmd!(TicketComplaint, "ticket.complaint_stage", Ticket, ["E"], None, "Advance the complaint: received → registered → investigating → resolved → revisited"),
    cmd!(CustomerNextView, "customer.next_view", Customers, ["J", "]"], Some("view"), "Next customer view (VIP, At risk, New, Warranty, Care)"),
    cmd!(CustomerPrevView, "customer.prev_view", Customers, ["K", "["], None, "Previous customer view"),
    cmd!(CustomerNotes, "customer.notes", Customers, ["i"], Some("notes"), "Edit the customer's notes (opens $EDITOR)"),
    cmd!(CustomerEdit, "customer.edit", Customers, ["e"], Some("edit"), "Edit the profile: name, contacts, org, tier, birthday (opens $EDITOR)"),
    cmd!(CustomerCreate, "customer.create", Customers, ["C"], None, "Add a customer (opens $EDITOR)"),
    cmd!(CustomerMerge, "customer.merge", Customers, ["M"], None, "Merge a duplicate (same email or phone) into this customer"),
    cmd!(CustomerCare, "customer.care_done", Customers, ["D"], None, "Mark a care or win-back task done"),
    cmd!(CustomerBackToTicket, "customer.back_to_ticket", Customers, ["c"], None, "Back to the ticket you came from"),
    cmd!(TicketArticles, "ticket.articles", Ticket, ["b"], Some("kb"), "Suggested articles: Enter puts a link into a reply, b the article quoted"),
    cmd!(KbNextView, "kb.next_view", Kb, ["J", "]"], Some("view"), "Next view (drafts, most used, least helpful, stale, archived)"),
    cmd!(KbPrevView, "kb.prev_view", Kb, ["K", "["], None, "Previous knowledge-base view"),
    cmd!(KbNew, "kb.new", Kb, ["n"], Some("new"), "Write a new article (opens $EDITOR)"),
    cmd!(KbEdit, "kb.edit", Kb, ["e"], Some("edit"), "Edit the article: front matter and Markdown (opens $EDITOR)"),
    cmd!(KbStatus, "kb.status", Kb, ["s"], Some("status"), "Publish, archive or return the article to draft"),
    cmd!(KbHelpful, "kb.helpful", Kb, ["+"], None, "Mark the article helpful"),
    cmd!(KbUnhelpful, "kb.unhelpful", Kb, ["-"], None, "Mark the article not helpful"),
    cmd!(KbHistory, "kb.history", Kb, ["H"], None, "Show the article's change history / its text"),
    cmd!(DashPeriod, "dashboard.period", Dashboard, ["p"], Some("period"), "Choose the period: today, 7 days, 30 days, quarter, custom"),
    cmd!(DashNextSection, "dashboard.next_section", Dashboard, ["J", "]"], Some("chart"), "Next chart: volume, backlog, times, SLA, satisfaction, breakdown, agents"),
    cmd!(DashPrevSection, "dashboard.prev_section", Dashboard, ["K", "["], None, "Previous chart"),
    cmd!(DashBreakdown, "dashboard.breakdown", Dashboard, ["d"], Some("breakdown"), "Break down by channel, kind, priority or group"),
];

pub fn command(id: CommandId) -> &'static Command {
    COMMANDS.iter().find(|c| c.id == id).unwrap_or(&COMMANDS[0])
}

pub fn by_name(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// Key sequences bound to commands, per context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Context, Vec<Key>, CommandId)>,
}

/// What a key press (with any pending prefix) resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Command(CommandId),
    /// The keys so far start a longer binding: wait for the next key.
    Prefix,
    None,
}

impl Keymap {
    /// The registry's defaults with `overrides` (command name → key specs) replacing a command's keys.
    /// Unknown names and bad keys are errors naming them; config validation reports them with file and line.
    pub fn build(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, String> {
        for name in overrides.keys() {
            if by_name(name).is_none() {
                return Err(format!("unknown command `{name}` in [keys]"));
            }
        }
        let mut bindings = Vec::new();
        for c in COMMANDS {
            let specs: Vec<&str> = match overrides.get(c.name) {
                Some(keys) => keys.iter().map(String::as_str).collect(),
                None => c.keys.to_vec(),
            };
            for spec in specs {
                let seq = Key::parse_seq(spec).map_err(|e| format!("[keys] {}: {e}", c.name))?;
                bindings.push((c.context, seq, c.id));
            }
        }
        // A key bound twice in one context would silently do only one thing: say which two collide.
        for (i, (ctx, seq, id)) in bindings.iter().enumerate() {
            if let Some((_, _, other)) = bindings[i + 1..]
                .iter()
                .find(|(c, s, o)| c == ctx && s == seq && o != id)
            {
                return Err(format!(
                    "key `{}` is bound to both {} and {}; give one of them other keys in [keys]",
                    seq_label(seq),
                    command(*id).name,
                    command(*other).name
                ));
            }
        }
        Ok(Keymap { bindings })
    }

    pub fn defaults() -> Keymap {
        // The registry's own specs are tested to parse, so this cannot fail.
        Keymap::build(&BTreeMap::new()).unwrap_or(Keymap {
            bindings: Vec::new(),
        })
    }

    /// Resolves `keys` (pending prefix + the new key) in `context`, falling back to global bindings.
    pub fn lookup(&self, context: Context, keys: &[Key]) -> Lookup {
        let mut prefix = false;
        for ctx in [context, Context::Global] {
            for (c, seq, id) in &self.bindings {
                if *c != ctx {
                    continue;
                }
                if seq.as_slice() == keys {
                    return Lookup::Command(*id);
                }
                if seq.len() > keys.len() && seq.starts_with(keys) {
                    prefix = true;
                }
            }
        }
        if prefix { Lookup::Prefix } else { Lookup::None }
    }

    /// The keys bound to a command, as help prints them.
    /// Keys that run `id` in `context`: a global key the pane binds to something else does not count.
    pub fn keys_in(&self, context: Context, id: CommandId) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|(_, seq, c)| *c == id && self.lookup(context, seq) == Lookup::Command(id))
            .map(|(_, seq, _)| seq_label(seq))
            .collect()
    }

    pub fn keys_for(&self, id: CommandId) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|(_, _, c)| *c == id)
            .map(|(_, seq, _)| seq_label(seq))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keys::KeyCode;

    #[test]
    fn registry_names_are_unique_and_default_keys_parse() {
        let mut names: Vec<_> = COMMANDS.iter().map(|c| c.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), COMMANDS.len());
        assert!(Keymap::build(&BTreeMap::new()).is_ok());
    }

    #[test]
    fn no_two_commands_share_a_key_in_one_context() {
        let km = Keymap::defaults();
        for (i, (c1, s1, id1)) in km.bindings.iter().enumerate() {
            for (c2, s2, id2) in &km.bindings[i + 1..] {
                assert!(
                    !(c1 == c2 && s1 == s2 && id1 != id2),
                    "{s1:?} bound to {id1:?} and {id2:?}"
                );
            }
        }
    }

    #[test]
    fn sequences_and_context_precedence() {
        let km = Keymap::defaults();
        assert_eq!(km.lookup(Context::Queues, &[Key::ch('g')]), Lookup::Prefix);
        assert_eq!(
            km.lookup(Context::Queues, &[Key::ch('g'), Key::ch('g')]),
            Lookup::Command(CommandId::Top)
        );
        assert_eq!(
            km.lookup(Context::Queues, &[Key::ch('J')]),
            Lookup::Command(CommandId::NextView)
        );
        assert_eq!(
            km.lookup(Context::Kb, &[Key::ch('J')]),
            Lookup::Command(CommandId::KbNextView)
        );
        assert_eq!(
            km.lookup(Context::Kb, &[Key::ch('n')]),
            Lookup::Command(CommandId::KbNew),
            "the pane's `n` wins over the global new ticket"
        );
        assert_eq!(km.lookup(Context::Customers, &[Key::ch('+')]), Lookup::None);
        assert_eq!(
            km.lookup(Context::Ticket, &[Key::plain(KeyCode::Down)]),
            Lookup::Command(CommandId::Down)
        );
    }

    #[test]
    fn overrides_replace_only_that_command() {
        let mut o = BTreeMap::new();
        o.insert("nav.down".to_string(), vec!["ctrl-n".to_string()]);
        let km = Keymap::build(&o).unwrap();
        assert_eq!(
            km.lookup(Context::Global, &[Key::ctrl('n')]),
            Lookup::Command(CommandId::Down)
        );
        assert_eq!(km.lookup(Context::Global, &[Key::ch('j')]), Lookup::None);
        assert_eq!(
            km.lookup(Context::Global, &[Key::ch('k')]),
            Lookup::Command(CommandId::Up)
        );
        o.insert("nav.up".to_string(), vec!["ctrl-p".to_string()]);
        assert_eq!(
            Keymap::build(&o),
            Err("key `Ctrl-p` is bound to both app.palette and nav.up; give one of them other keys in [keys]".to_string())
        );
        o.remove("nav.up");
        o.insert("nav.sideways".to_string(), vec!["x".to_string()]);
        assert_eq!(
            Keymap::build(&o),
            Err("unknown command `nav.sideways` in [keys]".to_string())
        );
    }
}
