//! Every command, declared once: id, name, context, default keys, hint, description, handler. The macro makes
//! the `CommandId` enum and the `COMMANDS` table from the same rows, in the same order.

use super::{Command, Context, Hint};
use crate::app::help::Step;
use crate::app::text_input::TextOp;
use crate::app::{
    attachments, bulk, compose, confirm, conflicts, customer_actions, dashboard, help, kb_actions,
    loop_form, mail, messages, navigate, new_ticket, overlay_keys, plans, qa, review, schedule,
    search_pane, service_actions, suggestions, sync, team, ticket_actions, update, update_lists,
};

const fn hint(label: &'static str, rank: u8) -> Option<Hint> {
    Some(Hint { label, rank })
}

macro_rules! commands {
    ($($id:ident: $name:literal, $ctx:ident, [$($key:literal),*], $hint:expr, $desc:literal, $run:expr;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum CommandId { $($id),* }

        pub const COMMANDS: &[Command] = &[$(Command {
            id: CommandId::$id,
            name: $name,
            context: Context::$ctx,
            keys: &[$($key),*],
            hint: $hint,
            description: $desc,
            run: $run,
        }),*];
    };
}

use CommandId as C;

#[rustfmt::skip] // one command per row reads as the table it is
commands! {
    Quit: "app.quit", Global, ["q"], hint("quit", 9), "Quit desk (Ctrl-C always quits)", update::quit;
    Help: "app.help", Global, ["?", "f1"], hint("help", 0), "Show keys and commands (/ searches them)", help::open;
    Palette: "app.palette", Global, [":", "ctrl-p"], hint("commands", 7), "Open the command palette", overlay_keys::open_palette;
    Refresh: "app.refresh", Global, ["ctrl-r"], None, "Reload what is on screen", update_lists::refresh;
    PaneNext: "pane.next", Global, ["tab"], None, "Next pane", |m| update::cycle_pane(m, 1);
    PanePrev: "pane.prev", Global, ["shift-tab"], None, "Previous pane", |m| update::cycle_pane(m, -1);
    PaneQueues: "pane.queues", Global, ["1"], None, "Go to Queues", |m| update::switch(m, crate::app::Pane::Queues);
    PaneTicket: "pane.ticket", Global, ["2"], None, "Go to the open ticket", |m| update::switch(m, crate::app::Pane::Ticket);
    PaneCustomers: "pane.customers", Global, ["3"], None, "Go to Customers", |m| update::switch(m, crate::app::Pane::Customers);
    PaneKb: "pane.kb", Global, ["4"], None, "Go to the knowledge base", |m| update::switch(m, crate::app::Pane::Kb);
    PaneDashboard: "pane.dashboard", Global, ["5"], None, "Go to the dashboard (KPIs and charts)", |m| update::switch(m, crate::app::Pane::Dashboard);
    Down: "nav.down", Global, ["j", "down"], hint("move", 1), "Move down", |m| navigate::navigate(m, C::Down);
    Up: "nav.up", Global, ["k", "up"], None, "Move up", |m| navigate::navigate(m, C::Up);
    Top: "nav.top", Global, ["g g", "home"], None, "Go to the top", |m| navigate::navigate(m, C::Top);
    Bottom: "nav.bottom", Global, ["G", "end"], None, "Go to the bottom", |m| navigate::navigate(m, C::Bottom);
    HalfDown: "nav.half_down", Global, ["ctrl-d"], None, "Half a page down", |m| navigate::navigate(m, C::HalfDown);
    HalfUp: "nav.half_up", Global, ["ctrl-u"], None, "Half a page up", |m| navigate::navigate(m, C::HalfUp);
    PageDown: "nav.page_down", Global, ["pgdn", "ctrl-f"], None, "A page down", |m| navigate::navigate(m, C::PageDown);
    PageUp: "nav.page_up", Global, ["pgup", "ctrl-b"], None, "A page up", |m| navigate::navigate(m, C::PageUp);
    Open: "nav.open", Global, ["enter"], hint("open", 2), "Open the selected item", |m| navigate::navigate(m, C::Open);
    Back: "nav.back", Global, ["esc"], hint("back", 3), "Back out / close", |m| navigate::navigate(m, C::Back);
    FocusLeft: "nav.left", Global, ["h", "left"], None, "Focus the left column", |m| navigate::navigate(m, C::FocusLeft);
    FocusRight: "nav.right", Global, ["l", "right"], None, "Focus the right column", |m| navigate::navigate(m, C::FocusRight);
    Filter: "list.filter", Global, ["/"], hint("filter", 4), "Filter the current list", overlay_keys::open_filter;
    ClearFilter: "list.clear_filter", Global, ["ctrl-l"], None, "Clear the list filter", |m| update_lists::apply_filter(m, String::new());
    GoToTicket: "ticket.go_to", Global, ["#", "g #"], None, "Go to a ticket by number (a merged one shows where it went)", |m| overlay_keys::open_prompt(m, crate::app::PromptKind::GoTo);
    NewTicket: "ticket.new", Global, ["n"], hint("new", 5), "Create a ticket", new_ticket::open;
    Undo: "app.undo", Global, ["u"], hint("undo", 6), "Undo your last change to tickets (fields, tags, merge, link, a bulk change) within ui.undo_minutes", review::undo;
    Escalations: "sla.escalations", Global, ["!"], None, "What escalated (SLA at risk / breached) since you last looked", service_actions::show_escalations;

    NextView: "queue.next_view", Queues, ["J", "]"], hint("view", 0), "Next view", |m| update_lists::select_view(m, 1);
    PrevView: "queue.prev_view", Queues, ["K", "["], None, "Previous view", |m| update_lists::select_view(m, -1);
    Search: "queue.search", Queues, ["S"], hint("search", 1), "Search subjects and every message", overlay_keys::open_search;
    SearchOrder: "queue.search_order", Queues, ["o"], None, "Search results: newest first / best match first", search_pane::toggle_order;
    QueueMark: "queue.mark", Queues, ["space"], hint("mark", 2), "Mark / unmark the ticket for a bulk change", bulk::toggle_mark;
    QueueMarkRange: "queue.mark_range", Queues, ["V"], None, "Start / finish marking a range", bulk::mark_range;
    QueueStatus: "queue.status", Queues, ["s"], None, "Status of the marked tickets (or the selected one)", |m| bulk::open(m, C::QueueStatus);
    QueuePriority: "queue.priority", Queues, ["p"], None, "Priority of the marked tickets", |m| bulk::open(m, C::QueuePriority);
    QueueAssign: "queue.assign", Queues, ["a"], None, "Assign the marked tickets", |m| bulk::open(m, C::QueueAssign);
    QueueTags: "queue.tags", Queues, ["t"], None, "Tags of the marked tickets (+add -remove)", |m| bulk::open(m, C::QueueTags);
    QueueMacro: "queue.macro", Queues, ["m"], None, "Send a macro to the marked tickets", |m| bulk::open(m, C::QueueMacro);

    TicketCustomer: "ticket.customer", Ticket, ["c"], hint("customer", 0), "Open this ticket's customer", customer_actions::open_ticket_customer;
    TicketStatus: "ticket.status", Ticket, ["s"], hint("status", 1), "Change the status", |m| ticket_actions::open_picker(m, C::TicketStatus);
    TicketPriority: "ticket.priority", Ticket, ["p"], hint("priority", 2), "Change the priority", |m| ticket_actions::open_picker(m, C::TicketPriority);
    TicketAssign: "ticket.assign", Ticket, ["a"], hint("assign", 3), "Assign to an agent", |m| ticket_actions::open_picker(m, C::TicketAssign);
    TicketReply: "ticket.reply", Ticket, ["r"], hint("reply", 4), "Reply to the customer (opens $EDITOR)", |m| compose::compose(m, false);
    TicketNote: "ticket.note", Ticket, ["i"], hint("note", 5), "Add an internal note (opens $EDITOR)", |m| compose::compose(m, true);
    TicketMacro: "ticket.macro", Ticket, ["m"], hint("macro", 6), "Reply with a macro (canned reply and its changes)", compose::open_macros;
    TicketTags: "ticket.tags", Ticket, ["t"], hint("tags", 7), "Add or remove tags (+vip -refund)", |m| ticket_actions::prompt(m, crate::app::PromptKind::Tags);
    TicketQuickNote: "ticket.quick_note", Ticket, ["I"], None, "Add a one-line internal note", |m| ticket_actions::prompt(m, crate::app::PromptKind::Note);
    TicketTake: "ticket.take", Ticket, ["A"], None, "Take the ticket if nobody has it", ticket_actions::take;
    TicketMerge: "ticket.merge", Ticket, ["M"], None, "Merge this ticket into another", |m| ticket_actions::prompt(m, crate::app::PromptKind::MergeInto);
    TicketLink: "ticket.link", Ticket, ["L"], None, "Link this ticket to a related one", |m| ticket_actions::prompt(m, crate::app::PromptKind::LinkTo);
    TicketKind: "ticket.kind", Ticket, ["K"], None, "Change the kind (complaint, service request …)", |m| ticket_actions::open_picker(m, C::TicketKind);
    TicketChannel: "ticket.channel", Ticket, ["C"], None, "Change the intake channel", |m| ticket_actions::open_picker(m, C::TicketChannel);
    TicketGroup: "ticket.group", Ticket, ["ctrl-g"], None, "Route to a group (team)", |m| ticket_actions::open_picker(m, C::TicketGroup);
    TicketOpenAttachment: "ticket.open_attachment", Ticket, ["o"], None, "Open an attachment with the system opener ($DESK_OPENER); programs are only saved", attachments::open;
    TicketQuoted: "ticket.quoted", Ticket, ["z"], None, "Show / fold quoted history and signatures in the thread", ticket_actions::toggle_quoted;
    TicketHistory: "ticket.history", Ticket, ["H"], hint("history", 8), "Show the change history / the thread", ticket_actions::toggle_history;
    TicketFollowUp: "ticket.follow_up", Ticket, ["F"], None, "Record the follow-up call (回访) with its call script beside the form, then the survey", loop_form::follow_up;
    TicketSurvey: "ticket.survey", Ticket, ["Y"], None, "Record a satisfaction survey (CSAT, NPS, CES and the questionnaire)", service_actions::survey;
    TicketComplaint: "ticket.complaint_stage", Ticket, ["E"], None, "Advance the complaint: received → registered (category, severity) → investigating (responsible) → resolved (root cause, resolution) → revisited (the call)", loop_form::advance_complaint;
    TicketVisit: "ticket.visit", Ticket, ["v"], None, "Book an on-site visit (上门服务): install, repair, maintenance, inspection or pick-up; g v then gives it an engineer and a time", schedule::pick_service;
    TicketArticles: "ticket.articles", Ticket, ["b"], hint("kb", 9), "Suggested articles: Enter puts a link into a reply, b the article quoted", suggestions::open;

    CustomerNextView: "customer.next_view", Customers, ["J", "]"], hint("view", 0), "Next customer view (VIP, At risk, New, Warranty, Care)", |m| customer_actions::select_view(m, 1);
    CustomerPrevView: "customer.prev_view", Customers, ["K", "["], None, "Previous customer view", |m| customer_actions::select_view(m, -1);
    CustomerNotes: "customer.notes", Customers, ["i"], hint("notes", 1), "Edit the customer's notes (opens $EDITOR)", customer_actions::edit_notes;
    CustomerEdit: "customer.edit", Customers, ["e"], hint("edit", 2), "Edit the profile: name, contacts, org, tier, birthday (opens $EDITOR)", customer_actions::edit_profile;
    CustomerCreate: "customer.create", Customers, ["C"], None, "Add a customer (opens $EDITOR)", |_| customer_actions::create();
    CustomerMerge: "customer.merge", Customers, ["M"], None, "Merge a duplicate (same email or phone) into this customer", customer_actions::find_duplicates;
    CustomerCare: "customer.care_done", Customers, ["D"], None, "Mark a care or win-back task done", customer_actions::care_picker;
    CustomerBackToTicket: "customer.back_to_ticket", Customers, ["c"], None, "Back to the ticket you came from", customer_actions::back_to_ticket;

    KbNextView: "kb.next_view", Kb, ["J", "]"], hint("view", 0), "Next view (drafts, most used, least helpful, stale, archived)", |m| kb_actions::select_view(m, 1);
    KbPrevView: "kb.prev_view", Kb, ["K", "["], None, "Previous knowledge-base view", |m| kb_actions::select_view(m, -1);
    KbNew: "kb.new", Kb, ["n"], hint("new", 1), "Write a new article (opens $EDITOR)", kb_actions::create;
    KbEdit: "kb.edit", Kb, ["e"], hint("edit", 2), "Edit the article: front matter and Markdown (opens $EDITOR)", kb_actions::edit;
    KbStatus: "kb.status", Kb, ["s"], hint("status", 3), "Publish, archive or return the article to draft", kb_actions::status_picker;
    KbHelpful: "kb.helpful", Kb, ["+"], None, "Mark the article helpful", |m| kb_actions::vote_target(m, true);
    KbUnhelpful: "kb.unhelpful", Kb, ["-"], None, "Mark the article not helpful", |m| kb_actions::vote_target(m, false);
    KbHistory: "kb.history", Kb, ["H"], None, "Show the article's change history / its text", kb_actions::toggle_history;

    DashPeriod: "dashboard.period", Dashboard, ["p"], hint("period", 0), "Choose the period: today, 7 days, 30 days, quarter, custom", dashboard::period_picker;
    DashNextSection: "dashboard.next_section", Dashboard, ["J", "]"], hint("chart", 1), "Next chart: volume, backlog, times, SLA, satisfaction, breakdown, agents, field service", |m| dashboard::cycle_section(m, 1);
    DashPrevSection: "dashboard.prev_section", Dashboard, ["K", "["], None, "Previous chart", |m| dashboard::cycle_section(m, -1);
    DashBreakdown: "dashboard.breakdown", Dashboard, ["d"], hint("breakdown", 2), "Break down by channel, kind, priority or group", dashboard::cycle_breakdown;

    HelpDown: "help.down", Help, ["j", "down"], hint("scroll", 0), "Scroll down", |m| help::scroll(m, Step::Line(1));
    HelpUp: "help.up", Help, ["k", "up"], None, "Scroll up", |m| help::scroll(m, Step::Line(-1));
    HelpHalfDown: "help.half_down", Help, ["ctrl-d"], None, "Half a page down", |m| help::scroll(m, Step::HalfPage(1));
    HelpHalfUp: "help.half_up", Help, ["ctrl-u"], None, "Half a page up", |m| help::scroll(m, Step::HalfPage(-1));
    HelpPageDown: "help.page_down", Help, ["pgdn", "space", "ctrl-f"], None, "A page down", |m| help::scroll(m, Step::Page(1));
    HelpPageUp: "help.page_up", Help, ["pgup", "ctrl-b"], None, "A page up", |m| help::scroll(m, Step::Page(-1));
    HelpTop: "help.top", Help, ["g", "home"], None, "To the top", |m| help::scroll(m, Step::Top);
    HelpBottom: "help.bottom", Help, ["G", "end"], None, "To the end", |m| help::scroll(m, Step::Bottom);
    HelpSearch: "help.search", Help, ["/"], hint("search", 1), "Search help as you type", help::start_search;
    HelpBack: "help.back", Help, ["esc"], None, "Drop the search, or close help", help::back;
    HelpClose: "help.close", Help, ["q", "?", "enter"], hint("close", 2), "Close help", overlay_keys::close;
    HelpSearchKeep: "help_search.keep", HelpSearch, ["enter"], hint("keep", 0), "Keep the search and scroll what it found", help::keep_search;
    HelpSearchClear: "help_search.clear", HelpSearch, ["esc"], hint("clear", 1), "Drop the search", help::clear_search;
    HelpSearchDown: "help_search.down", HelpSearch, ["down", "ctrl-n"], None, "Scroll down", |m| help::scroll(m, Step::Line(1));
    HelpSearchUp: "help_search.up", HelpSearch, ["up", "ctrl-p"], None, "Scroll up", |m| help::scroll(m, Step::Line(-1));

    MailNow: "mail.now", Global, ["g f"], None, "Fetch and send mail now (otherwise every [mail] fetch_every_secs)", mail::now;
    Availability: "agent.availability", Global, ["g a"], None, "Switch your availability: on duty → away → off (automatic assignment passes you by unless on duty)", team::switch_availability;
    SyncNow: "sync.now", Global, ["g s"], None, "Sync this replica with its hub now (otherwise every [sync] every_secs)", sync::now;
    SyncConflicts: "sync.conflicts", Global, ["g c"], None, "Your edits that lost at sync (:conflicts): keep the winner's value or re-apply yours", conflicts::open;
    Messages: "app.messages", Global, ["g m"], None, "Show every message since desk started (:messages)", messages::open;
    Schedule: "field.schedule", Global, ["g v"], None, "Engineers' schedule (上门服务): day and week timelines, overlaps and travel gaps, visits waiting for a time (:schedule)", schedule::open;
    Qa: "qa.open", Global, ["g q"], None, "Quality inspection (质检): the QA queue to sample and score, and the reviews of your work (:qa)", qa::open;
    Plans: "plans.open", Global, ["g i"], None, "Improvement plans (PDCA 改进措施): each action's stage, owner, due date and indicator before, now and target (:plans)", plans::open;
    MessagesDown: "messages.down", Messages, ["j", "down"], hint("scroll", 0), "Scroll down", |m| messages::scroll(m, Step::Line(1));
    MessagesUp: "messages.up", Messages, ["k", "up"], None, "Scroll up", |m| messages::scroll(m, Step::Line(-1));
    MessagesHalfDown: "messages.half_down", Messages, ["ctrl-d"], None, "Half a page down", |m| messages::scroll(m, Step::HalfPage(1));
    MessagesHalfUp: "messages.half_up", Messages, ["ctrl-u"], None, "Half a page up", |m| messages::scroll(m, Step::HalfPage(-1));
    MessagesTop: "messages.top", Messages, ["g", "home"], None, "To the oldest", |m| messages::scroll(m, Step::Top);
    MessagesBottom: "messages.bottom", Messages, ["G", "end"], None, "To the newest", |m| messages::scroll(m, Step::Bottom);
    MessagesClose: "messages.close", Messages, ["esc", "q", "enter"], hint("close", 1), "Close the messages", overlay_keys::close;

    PaletteDown: "palette.down", Palette, ["down", "tab", "ctrl-n"], hint("next", 1), "Next match", |m| overlay_keys::palette_move(m, 1);
    PaletteUp: "palette.up", Palette, ["up", "shift-tab", "ctrl-p"], None, "Previous match", |m| overlay_keys::palette_move(m, -1);
    PaletteRun: "palette.run", Palette, ["enter"], hint("run", 0), "Run the selected command", overlay_keys::palette_run;
    PaletteClose: "palette.close", Palette, ["esc"], hint("close", 2), "Close the palette", overlay_keys::close;

    PromptSubmit: "prompt.submit", Prompt, ["enter"], hint("apply", 0), "Apply what was typed", overlay_keys::prompt_submit;
    PromptCancel: "prompt.cancel", Prompt, ["esc"], hint("cancel", 1), "Cancel", overlay_keys::close;
    PromptOlder: "prompt.older", Prompt, ["up", "ctrl-p"], hint("earlier", 2), "Recall an earlier entry of this prompt", |m| overlay_keys::prompt_recall(m, 1);
    PromptNewer: "prompt.newer", Prompt, ["down", "ctrl-n"], None, "Recall a later entry (back to what was typed)", |m| overlay_keys::prompt_recall(m, -1);

    PickerDown: "picker.down", Picker, ["down", "tab", "ctrl-n"], hint("move", 2), "Next option", |m| overlay_keys::picker_move(m, 1);
    PickerUp: "picker.up", Picker, ["up", "shift-tab", "ctrl-p"], None, "Previous option", |m| overlay_keys::picker_move(m, -1);
    PickerChoose: "picker.choose", Picker, ["enter"], hint("pick", 0), "Choose the selected option", overlay_keys::picker_choose;
    PickerCancel: "picker.cancel", Picker, ["esc"], hint("cancel", 1), "Close without choosing", overlay_keys::close;

    FormNext: "form.next_field", NewTicket, ["tab"], hint("next field", 1), "Next field", |m| new_ticket::move_field(m, 1);
    FormPrev: "form.prev_field", NewTicket, ["shift-tab"], None, "Previous field", |m| new_ticket::move_field(m, -1);
    FormEnter: "form.enter", NewTicket, ["enter"], hint("pick / write", 0), "Pick the customer, go on, and finally write the first message", new_ticket::enter;
    FormMatchDown: "form.match_down", NewTicket, ["down"], None, "Next customer match", |m| new_ticket::move_match(m, 1);
    FormMatchUp: "form.match_up", NewTicket, ["up"], None, "Previous customer match", |m| new_ticket::move_match(m, -1);
    FormChoiceNext: "form.choice_next", NewTicket, ["right"], hint("change", 2), "Next choice (kind, channel, priority, product); in a text field, the cursor right", |m| new_ticket::step_choice(m, 1);
    FormChoicePrev: "form.choice_prev", NewTicket, ["left"], None, "Previous choice; in a text field, the cursor left", |m| new_ticket::step_choice(m, -1);
    FormCancel: "form.cancel", NewTicket, ["esc"], hint("cancel", 3), "Close the form", overlay_keys::close;

    SurveyNext: "survey.next", Survey, ["tab", "down"], hint("next", 1), "Next score, questionnaire item or the comment", |m| service_actions::survey_focus(m, 1);
    SurveyPrev: "survey.prev", Survey, ["shift-tab", "up"], None, "Previous score or item", |m| service_actions::survey_focus(m, -1);
    SurveySubmit: "survey.submit", Survey, ["enter"], hint("record", 0), "Record the survey", service_actions::survey_submit;
    SurveyClear: "survey.clear", Survey, ["backspace", "delete"], None, "Clear the score (in the comment, delete a character)", service_actions::survey_clear;
    LoopFormNext: "loop_form.next", LoopForm, ["tab", "down"], hint("next", 1), "Next field", |m| loop_form::focus(m, 1);
    LoopFormPrev: "loop_form.prev", LoopForm, ["shift-tab", "up"], None, "Previous field", |m| loop_form::focus(m, -1);
    LoopFormChoicePrev: "loop_form.choice_prev", LoopForm, ["left"], None, "Previous choice; in a text field, the cursor left", |m| loop_form::step_choice(m, -1);
    LoopFormChoiceNext: "loop_form.choice_next", LoopForm, ["right"], None, "Next choice; in a text field, the cursor right", |m| loop_form::step_choice(m, 1);
    LoopFormSubmit: "loop_form.submit", LoopForm, ["enter"], hint("save", 0), "Record it (the store checks what the stage needs)", loop_form::submit;
    LoopFormCancel: "loop_form.cancel", LoopForm, ["esc"], hint("cancel", 2), "Close without recording", overlay_keys::close;
    SurveyCancel: "survey.cancel", Survey, ["esc"], hint("cancel", 2), "Close without recording", overlay_keys::close;

    EscalationDown: "escalations.down", Escalations, ["j", "down"], hint("move", 1), "Next escalation", |m| service_actions::escalations_move(m, 1);
    EscalationUp: "escalations.up", Escalations, ["k", "up"], None, "Previous escalation", |m| service_actions::escalations_move(m, -1);
    EscalationOpen: "escalations.open", Escalations, ["enter"], hint("open", 0), "Open the escalated ticket", service_actions::escalations_open;
    EscalationClose: "escalations.close", Escalations, ["esc", "q", "!"], hint("close", 2), "Close (the list counts as seen)", service_actions::escalations_close;

    SuggestionDown: "suggestions.down", Suggestions, ["j", "down", "tab"], None, "Next article", |m| suggestions::move_by(m, 1);
    SuggestionUp: "suggestions.up", Suggestions, ["k", "up", "shift-tab"], None, "Previous article", |m| suggestions::move_by(m, -1);
    SuggestionLink: "suggestions.link", Suggestions, ["enter", "l"], hint("link", 0), "Reply with a link to the article", |m| suggestions::insert_selected(m, crate::domain::kb::Insert::Link);
    SuggestionQuote: "suggestions.quote", Suggestions, ["b"], hint("quote", 1), "Reply with the article quoted", |m| suggestions::insert_selected(m, crate::domain::kb::Insert::Body);
    SuggestionOpen: "suggestions.open", Suggestions, ["o"], hint("open", 2), "Open the article in the knowledge base", suggestions::open_selected;
    SuggestionHelpful: "suggestions.helpful", Suggestions, ["+"], hint("rate", 3), "Mark the article helpful", |m| suggestions::vote_selected(m, true);
    SuggestionUnhelpful: "suggestions.unhelpful", Suggestions, ["-"], None, "Mark the article not helpful", |m| suggestions::vote_selected(m, false);
    SuggestionClose: "suggestions.close", Suggestions, ["esc", "q"], hint("close", 4), "Close the suggestions", overlay_keys::close;

    ConflictReapply: "conflict.reapply", Conflict, ["r"], hint("re-apply", 0), "Re-apply my change to the ticket as it is now", team::conflict_reapply;
    ConflictDiscard: "conflict.discard", Conflict, ["d", "esc"], hint("discard", 1), "Discard my change", team::conflict_discard;
    CollisionSend: "collision.send", Collision, ["s"], hint("send", 0), "Send my reply anyway", team::collision_send;
    CollisionEdit: "collision.edit", Collision, ["e", "esc"], hint("edit", 1), "Edit my reply (it reopens under the thread as it is now)", team::collision_edit;
    CollisionDiscard: "collision.discard", Collision, ["d"], hint("discard", 2), "Discard my reply", team::collision_discard;

    ReviewSend: "review.send", Review, ["y"], hint("send", 0), "Send it (with the macro's changes)", review::review_send;
    ReviewEdit: "review.edit", Review, ["e"], hint("edit", 1), "Back to the editor", review::review_edit;
    ReviewPostpone: "review.postpone", Review, ["p"], hint("postpone", 2), "Keep it as a draft on the ticket (r resumes it)", review::review_postpone;
    ReviewDiscard: "review.discard", Review, ["q", "esc"], hint("discard", 3), "Discard it (asks first)", review::review_discard;
    ReviewMail: "review.mail", Review, ["m"], None, "Also send the reply by email (not a mail ticket)", review::review_toggle_mail;
    ReviewSolution: "review.solution", Review, ["s"], None, "Mark the reply as proposing a solution (stops the 3-5-7 first-solution clock)", review::review_toggle_solution;
    ConfirmYes: "confirm.yes", Confirm, ["y"], hint("yes", 0), "Yes, go ahead", confirm::yes;
    ConfirmNo: "confirm.no", Confirm, ["n", "esc", "q"], hint("no", 1), "No, back out", confirm::no;
    ConflictsDown: "conflicts.down", SyncConflicts, ["j", "down"], hint("move", 2), "Next conflict", |m| conflicts::move_by(m, 1);
    ConflictsUp: "conflicts.up", SyncConflicts, ["k", "up"], None, "Previous conflict", |m| conflicts::move_by(m, -1);
    ConflictsAccept: "conflicts.accept", SyncConflicts, ["a"], hint("accept theirs", 0), "Keep the value that won; the conflict leaves the list", |m| conflicts::settle(m, false);
    ConflictsReapply: "conflicts.reapply", SyncConflicts, ["r"], hint("re-apply mine", 1), "Write your value again (a new change, which now wins)", |m| conflicts::settle(m, true);
    ConflictsClose: "conflicts.close", SyncConflicts, ["esc", "q"], hint("close", 3), "Close the conflicts", overlay_keys::close;

    ScheduleEnter: "schedule.enter", Schedule, ["enter"], hint("book / open", 0), "Book the selected waiting visit at the cursor for 2 hours; on a lane, open the ticket of the visit under the cursor", schedule::enter;
    ScheduleFocus: "schedule.focus", Schedule, ["tab", "shift-tab"], hint("waiting", 1), "Switch between the engineers and the visits waiting for a time", schedule::toggle_focus;
    ScheduleView: "schedule.view", Schedule, ["w"], hint("week / day", 2), "Show the week / the day's timeline", schedule::toggle_view;
    ScheduleDown: "schedule.down", Schedule, ["j", "down"], hint("move", 3), "Next engineer (or waiting visit)", |m| schedule::move_by(m, 1);
    ScheduleUp: "schedule.up", Schedule, ["k", "up"], None, "Previous engineer (or waiting visit)", |m| schedule::move_by(m, -1);
    ScheduleLeft: "schedule.left", Schedule, ["h", "left"], None, "An hour earlier (on the week: the day before)", |m| schedule::step(m, -1);
    ScheduleRight: "schedule.right", Schedule, ["l", "right"], hint("hour", 4), "An hour later (on the week: the day after)", |m| schedule::step(m, 1);
    SchedulePrev: "schedule.prev", Schedule, ["["], None, "The day before (on the week: the week before)", |m| schedule::page(m, -1);
    ScheduleNext: "schedule.next", Schedule, ["]"], hint("day", 5), "The day after (on the week: the week after)", |m| schedule::page(m, 1);
    ScheduleToday: "schedule.today", Schedule, ["t"], None, "Go to today and read the schedule afresh", schedule::today;
    ScheduleReschedule: "schedule.reschedule", Schedule, ["r"], hint("reschedule", 6), "Send the visit under the cursor back to the waiting list (rescheduled)", schedule::reschedule;
    ScheduleClose: "schedule.close", Schedule, ["esc", "q"], hint("close", 7), "Close the schedule", schedule::close;
    QaEnter: "qa.score", Qa, ["enter"], hint("score", 0), "Score the selected ticket of the queue on the rubric (leads)", qa::enter;
    QaTab: "qa.tab", Qa, ["tab", "shift-tab"], hint("queue / mine", 1), "Switch between the QA queue and the reviews of your work", qa::toggle_tab;
    QaDown: "qa.down", Qa, ["j", "down"], hint("move", 2), "Next ticket or review", |m| qa::move_by(m, 1);
    QaUp: "qa.up", Qa, ["k", "up"], None, "Previous ticket or review", |m| qa::move_by(m, -1);
    QaSample: "qa.sample", Qa, ["s"], hint("sample last week", 3), "Sample last week's solved tickets into the queue: every complaint and low score, a few at random per agent (leads)", |m| qa::sample(m, 1);
    QaSampleNow: "qa.sample_this_week", Qa, ["S"], None, "Sample this week's solved tickets so far (leads)", |m| qa::sample(m, 0);
    QaClose: "qa.close", Qa, ["esc", "q"], hint("close", 4), "Close quality inspection", qa::close;
    PlansAdvance: "plans.advance", Plans, ["a"], hint("advance", 0), "Move the selected action one step on: plan → do → check → act → plan (the next cycle)", plans::advance;
    PlansBackToDo: "plans.back_to_do", Plans, ["d"], hint("back to do", 1), "A check that showed no effect: back to do", plans::back_to_do;
    PlansDetail: "plans.detail", Plans, ["enter"], hint("details", 2), "Show / hide the selected action's fields and history", plans::toggle_detail;
    PlansDown: "plans.down", Plans, ["j", "down"], hint("move", 3), "Next action", |m| plans::move_by(m, 1);
    PlansUp: "plans.up", Plans, ["k", "up"], None, "Previous action", |m| plans::move_by(m, -1);
    PlansTop: "plans.top", Plans, ["g", "home"], None, "The first action (soonest due)", plans::top;
    PlansBottom: "plans.bottom", Plans, ["G", "end"], None, "The last action (latest due)", plans::bottom;
    PlansReload: "plans.reload", Plans, ["ctrl-r"], None, "Read the actions and the indicators afresh", plans::reload;
    PlansClose: "plans.close", Plans, ["esc", "q"], hint("back / close", 4), "Back from the details, or close the plans", plans::back;
    QaFormNext: "qa_form.next", QaForm, ["tab", "down"], hint("next", 1), "Next criterion or the comment", |m| qa::form_focus(m, 1);
    QaFormPrev: "qa_form.prev", QaForm, ["shift-tab", "up"], None, "Previous criterion", |m| qa::form_focus(m, -1);
    QaFormSubmit: "qa_form.submit", QaForm, ["enter"], hint("save", 0), "Record the review (every criterion scored)", qa::form_submit;
    QaFormClear: "qa_form.clear", QaForm, ["backspace", "delete"], None, "Clear the score (in the comment, delete a character)", qa::form_clear;
    QaFormCancel: "qa_form.cancel", QaForm, ["esc"], hint("cancel", 2), "Close the form without recording", qa::form_cancel;

    TextLeft: "text.left", TextInput, ["left"], None, "Cursor left", |m| overlay_keys::text(m, TextOp::Left);
    TextRight: "text.right", TextInput, ["right"], None, "Cursor right", |m| overlay_keys::text(m, TextOp::Right);
    TextWordLeft: "text.word_left", TextInput, ["ctrl-left", "alt-b"], None, "A word left", |m| overlay_keys::text(m, TextOp::WordLeft);
    TextWordRight: "text.word_right", TextInput, ["ctrl-right", "alt-f"], None, "A word right", |m| overlay_keys::text(m, TextOp::WordRight);
    TextHome: "text.home", TextInput, ["home", "ctrl-a"], None, "To the start", |m| overlay_keys::text(m, TextOp::Home);
    TextEnd: "text.end", TextInput, ["end", "ctrl-e"], None, "To the end", |m| overlay_keys::text(m, TextOp::End);
    TextDeleteBack: "text.delete_back", TextInput, ["backspace"], None, "Delete the character before the cursor", |m| overlay_keys::text(m, TextOp::DeleteBack);
    TextDelete: "text.delete", TextInput, ["delete"], None, "Delete the character under the cursor", |m| overlay_keys::text(m, TextOp::Delete);
    TextDeleteWordBack: "text.delete_word_back", TextInput, ["ctrl-w", "alt-backspace"], None, "Delete the word before the cursor", |m| overlay_keys::text(m, TextOp::DeleteWordBack);
    TextDeleteWord: "text.delete_word", TextInput, ["alt-d"], None, "Delete the word after the cursor", |m| overlay_keys::text(m, TextOp::DeleteWord);
    TextClear: "text.clear", TextInput, ["ctrl-u"], None, "Clear the text", |m| overlay_keys::text(m, TextOp::Clear);
    TextKillToEnd: "text.kill_to_end", TextInput, ["ctrl-k"], None, "Delete to the end", |m| overlay_keys::text(m, TextOp::KillToEnd);
}
