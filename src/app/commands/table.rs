//! Every command, declared once: id, name, context, default keys, hint rank, handler. The macro makes the
//! `CommandId` enum and the `COMMANDS` table from the same rows, in the same order. A command's description and
//! hint are words of the interface: they live in `assets/locales/<locale>/commands.ftl` under the key its name
//! gives (`queue.next_view` → `commands-queue-next-view`, its hint `commands-queue-next-view-hint`).

use super::{Command, Context, Hint};
use crate::app::help::Step;
use crate::app::text_input::TextOp;
use crate::app::{
    attachments, bulk, compose, confirm, conflicts, customer_actions, dashboard, help, kb_actions,
    loop_form, mail, messages, navigate, new_ticket, overlay_keys, plans, qa, review, schedule,
    search_pane, service_actions, suggestions, sync, team, ticket_actions, update, update_lists,
};

/// The command shows in the hint bar, at this rank (its word is the catalogue's `-hint` key).
const fn hint(rank: u8) -> Option<Hint> {
    Some(Hint { rank })
}

macro_rules! commands {
    ($($id:ident: $name:literal, $ctx:ident, [$($key:literal),*], $hint:expr, $run:expr;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum CommandId { $($id),* }

        pub const COMMANDS: &[Command] = &[$(Command {
            id: CommandId::$id,
            name: $name,
            context: Context::$ctx,
            keys: &[$($key),*],
            hint: $hint,
            run: $run,
        }),*];
    };
}

use CommandId as C;

#[rustfmt::skip] // one command per row reads as the table it is
commands! {
    Quit: "app.quit", Global, ["q"], hint(9), update::quit;
    Help: "app.help", Global, ["?", "f1"], hint(0), help::open;
    Palette: "app.palette", Global, [":", "ctrl-p"], hint(7), overlay_keys::open_palette;
    Refresh: "app.refresh", Global, ["ctrl-r"], None, update_lists::refresh;
    PaneNext: "pane.next", Global, ["tab"], None, |m| update::cycle_pane(m, 1);
    PanePrev: "pane.prev", Global, ["shift-tab"], None, |m| update::cycle_pane(m, -1);
    PaneQueues: "pane.queues", Global, ["1"], None, |m| update::switch(m, crate::app::Pane::Queues);
    PaneTicket: "pane.ticket", Global, ["2"], None, |m| update::switch(m, crate::app::Pane::Ticket);
    PaneCustomers: "pane.customers", Global, ["3"], None, |m| update::switch(m, crate::app::Pane::Customers);
    PaneKb: "pane.kb", Global, ["4"], None, |m| update::switch(m, crate::app::Pane::Kb);
    PaneDashboard: "pane.dashboard", Global, ["5"], None, |m| update::switch(m, crate::app::Pane::Dashboard);
    Down: "nav.down", Global, ["j", "down"], hint(1), |m| navigate::navigate(m, C::Down);
    Up: "nav.up", Global, ["k", "up"], None, |m| navigate::navigate(m, C::Up);
    Top: "nav.top", Global, ["g g", "home"], None, |m| navigate::navigate(m, C::Top);
    Bottom: "nav.bottom", Global, ["G", "end"], None, |m| navigate::navigate(m, C::Bottom);
    HalfDown: "nav.half_down", Global, ["ctrl-d"], None, |m| navigate::navigate(m, C::HalfDown);
    HalfUp: "nav.half_up", Global, ["ctrl-u"], None, |m| navigate::navigate(m, C::HalfUp);
    PageDown: "nav.page_down", Global, ["pgdn", "ctrl-f"], None, |m| navigate::navigate(m, C::PageDown);
    PageUp: "nav.page_up", Global, ["pgup", "ctrl-b"], None, |m| navigate::navigate(m, C::PageUp);
    Open: "nav.open", Global, ["enter"], hint(2), |m| navigate::navigate(m, C::Open);
    Back: "nav.back", Global, ["esc"], hint(3), |m| navigate::navigate(m, C::Back);
    FocusLeft: "nav.left", Global, ["h", "left"], None, |m| navigate::navigate(m, C::FocusLeft);
    FocusRight: "nav.right", Global, ["l", "right"], None, |m| navigate::navigate(m, C::FocusRight);
    Filter: "list.filter", Global, ["/"], hint(4), overlay_keys::open_filter;
    ClearFilter: "list.clear_filter", Global, ["ctrl-l"], None, |m| update_lists::apply_filter(m, String::new());
    GoToTicket: "ticket.go_to", Global, ["#", "g #"], None, |m| overlay_keys::open_prompt(m, crate::app::PromptKind::GoTo);
    NewTicket: "ticket.new", Global, ["n"], hint(5), new_ticket::open;
    Undo: "app.undo", Global, ["u"], hint(6), review::undo;
    Escalations: "sla.escalations", Global, ["!"], None, service_actions::show_escalations;

    NextView: "queue.next_view", Queues, ["J", "]"], hint(0), |m| update_lists::select_view(m, 1);
    PrevView: "queue.prev_view", Queues, ["K", "["], None, |m| update_lists::select_view(m, -1);
    Search: "queue.search", Queues, ["S"], hint(1), overlay_keys::open_search;
    SearchOrder: "queue.search_order", Queues, ["o"], None, search_pane::toggle_order;
    QueueMark: "queue.mark", Queues, ["space"], hint(2), bulk::toggle_mark;
    QueueMarkRange: "queue.mark_range", Queues, ["V"], None, bulk::mark_range;
    QueueStatus: "queue.status", Queues, ["s"], None, |m| bulk::open(m, C::QueueStatus);
    QueuePriority: "queue.priority", Queues, ["p"], None, |m| bulk::open(m, C::QueuePriority);
    QueueAssign: "queue.assign", Queues, ["a"], None, |m| bulk::open(m, C::QueueAssign);
    QueueTags: "queue.tags", Queues, ["t"], None, |m| bulk::open(m, C::QueueTags);
    QueueMacro: "queue.macro", Queues, ["m"], None, |m| bulk::open(m, C::QueueMacro);

    TicketCustomer: "ticket.customer", Ticket, ["c"], hint(0), customer_actions::open_ticket_customer;
    TicketStatus: "ticket.status", Ticket, ["s"], hint(1), |m| ticket_actions::open_picker(m, C::TicketStatus);
    TicketPriority: "ticket.priority", Ticket, ["p"], hint(2), |m| ticket_actions::open_picker(m, C::TicketPriority);
    TicketAssign: "ticket.assign", Ticket, ["a"], hint(3), |m| ticket_actions::open_picker(m, C::TicketAssign);
    TicketReply: "ticket.reply", Ticket, ["r"], hint(4), |m| compose::compose(m, false);
    TicketNote: "ticket.note", Ticket, ["i"], hint(5), |m| compose::compose(m, true);
    TicketMacro: "ticket.macro", Ticket, ["m"], hint(6), compose::open_macros;
    TicketTags: "ticket.tags", Ticket, ["t"], hint(7), |m| ticket_actions::prompt(m, crate::app::PromptKind::Tags);
    TicketQuickNote: "ticket.quick_note", Ticket, ["I"], None, |m| ticket_actions::prompt(m, crate::app::PromptKind::Note);
    TicketTake: "ticket.take", Ticket, ["A"], None, ticket_actions::take;
    TicketMerge: "ticket.merge", Ticket, ["M"], None, |m| ticket_actions::prompt(m, crate::app::PromptKind::MergeInto);
    TicketLink: "ticket.link", Ticket, ["L"], None, |m| ticket_actions::prompt(m, crate::app::PromptKind::LinkTo);
    TicketKind: "ticket.kind", Ticket, ["K"], None, |m| ticket_actions::open_picker(m, C::TicketKind);
    TicketChannel: "ticket.channel", Ticket, ["C"], None, |m| ticket_actions::open_picker(m, C::TicketChannel);
    TicketGroup: "ticket.group", Ticket, ["ctrl-g"], None, |m| ticket_actions::open_picker(m, C::TicketGroup);
    TicketOpenAttachment: "ticket.open_attachment", Ticket, ["o"], None, attachments::open;
    TicketQuoted: "ticket.quoted", Ticket, ["z"], None, ticket_actions::toggle_quoted;
    TicketHistory: "ticket.history", Ticket, ["H"], hint(8), ticket_actions::toggle_history;
    TicketFollowUp: "ticket.follow_up", Ticket, ["F"], None, loop_form::follow_up;
    TicketSurvey: "ticket.survey", Ticket, ["Y"], None, service_actions::survey;
    TicketComplaint: "ticket.complaint_stage", Ticket, ["E"], None, loop_form::advance_complaint;
    TicketVisit: "ticket.visit", Ticket, ["v"], None, schedule::pick_service;
    TicketArticles: "ticket.articles", Ticket, ["b"], hint(9), suggestions::open;

    CustomerNextView: "customer.next_view", Customers, ["J", "]"], hint(0), |m| customer_actions::select_view(m, 1);
    CustomerPrevView: "customer.prev_view", Customers, ["K", "["], None, |m| customer_actions::select_view(m, -1);
    CustomerNotes: "customer.notes", Customers, ["i"], hint(1), customer_actions::edit_notes;
    CustomerEdit: "customer.edit", Customers, ["e"], hint(2), customer_actions::edit_profile;
    CustomerCreate: "customer.create", Customers, ["C"], None, customer_actions::create;
    CustomerMerge: "customer.merge", Customers, ["M"], None, customer_actions::find_duplicates;
    CustomerCare: "customer.care_done", Customers, ["D"], None, customer_actions::care_picker;
    CustomerBackToTicket: "customer.back_to_ticket", Customers, ["c"], None, customer_actions::back_to_ticket;

    KbNextView: "kb.next_view", Kb, ["J", "]"], hint(0), |m| kb_actions::select_view(m, 1);
    KbPrevView: "kb.prev_view", Kb, ["K", "["], None, |m| kb_actions::select_view(m, -1);
    KbNew: "kb.new", Kb, ["n"], hint(1), kb_actions::create;
    KbEdit: "kb.edit", Kb, ["e"], hint(2), kb_actions::edit;
    KbStatus: "kb.status", Kb, ["s"], hint(3), kb_actions::status_picker;
    KbHelpful: "kb.helpful", Kb, ["+"], None, |m| kb_actions::vote_target(m, true);
    KbUnhelpful: "kb.unhelpful", Kb, ["-"], None, |m| kb_actions::vote_target(m, false);
    KbHistory: "kb.history", Kb, ["H"], None, kb_actions::toggle_history;

    DashPeriod: "dashboard.period", Dashboard, ["p"], hint(0), dashboard::period_picker;
    DashNextSection: "dashboard.next_section", Dashboard, ["J", "]"], hint(1), |m| dashboard::cycle_section(m, 1);
    DashPrevSection: "dashboard.prev_section", Dashboard, ["K", "["], None, |m| dashboard::cycle_section(m, -1);
    DashBreakdown: "dashboard.breakdown", Dashboard, ["d"], hint(2), dashboard::cycle_breakdown;

    HelpDown: "help.down", Help, ["j", "down"], hint(0), |m| help::scroll(m, Step::Line(1));
    HelpUp: "help.up", Help, ["k", "up"], None, |m| help::scroll(m, Step::Line(-1));
    HelpHalfDown: "help.half_down", Help, ["ctrl-d"], None, |m| help::scroll(m, Step::HalfPage(1));
    HelpHalfUp: "help.half_up", Help, ["ctrl-u"], None, |m| help::scroll(m, Step::HalfPage(-1));
    HelpPageDown: "help.page_down", Help, ["pgdn", "space", "ctrl-f"], None, |m| help::scroll(m, Step::Page(1));
    HelpPageUp: "help.page_up", Help, ["pgup", "ctrl-b"], None, |m| help::scroll(m, Step::Page(-1));
    HelpTop: "help.top", Help, ["g", "home"], None, |m| help::scroll(m, Step::Top);
    HelpBottom: "help.bottom", Help, ["G", "end"], None, |m| help::scroll(m, Step::Bottom);
    HelpSearch: "help.search", Help, ["/"], hint(1), help::start_search;
    HelpBack: "help.back", Help, ["esc"], None, help::back;
    HelpClose: "help.close", Help, ["q", "?", "enter"], hint(2), overlay_keys::close;
    HelpSearchKeep: "help_search.keep", HelpSearch, ["enter"], hint(0), help::keep_search;
    HelpSearchClear: "help_search.clear", HelpSearch, ["esc"], hint(1), help::clear_search;
    HelpSearchDown: "help_search.down", HelpSearch, ["down", "ctrl-n"], None, |m| help::scroll(m, Step::Line(1));
    HelpSearchUp: "help_search.up", HelpSearch, ["up", "ctrl-p"], None, |m| help::scroll(m, Step::Line(-1));

    MailNow: "mail.now", Global, ["g f"], None, mail::now;
    Availability: "agent.availability", Global, ["g a"], None, team::switch_availability;
    SyncNow: "sync.now", Global, ["g s"], None, sync::now;
    SyncConflicts: "sync.conflicts", Global, ["g c"], None, conflicts::open;
    Messages: "app.messages", Global, ["g m"], None, messages::open;
    Schedule: "field.schedule", Global, ["g v"], None, schedule::open;
    Qa: "qa.open", Global, ["g q"], None, qa::open;
    Plans: "plans.open", Global, ["g i"], None, plans::open;
    MessagesDown: "messages.down", Messages, ["j", "down"], hint(0), |m| messages::scroll(m, Step::Line(1));
    MessagesUp: "messages.up", Messages, ["k", "up"], None, |m| messages::scroll(m, Step::Line(-1));
    MessagesHalfDown: "messages.half_down", Messages, ["ctrl-d"], None, |m| messages::scroll(m, Step::HalfPage(1));
    MessagesHalfUp: "messages.half_up", Messages, ["ctrl-u"], None, |m| messages::scroll(m, Step::HalfPage(-1));
    MessagesTop: "messages.top", Messages, ["g", "home"], None, |m| messages::scroll(m, Step::Top);
    MessagesBottom: "messages.bottom", Messages, ["G", "end"], None, |m| messages::scroll(m, Step::Bottom);
    MessagesClose: "messages.close", Messages, ["esc", "q", "enter"], hint(1), overlay_keys::close;

    PaletteDown: "palette.down", Palette, ["down", "tab", "ctrl-n"], hint(1), |m| overlay_keys::palette_move(m, 1);
    PaletteUp: "palette.up", Palette, ["up", "shift-tab", "ctrl-p"], None, |m| overlay_keys::palette_move(m, -1);
    PaletteRun: "palette.run", Palette, ["enter"], hint(0), overlay_keys::palette_run;
    PaletteClose: "palette.close", Palette, ["esc"], hint(2), overlay_keys::close;

    PromptSubmit: "prompt.submit", Prompt, ["enter"], hint(0), overlay_keys::prompt_submit;
    PromptCancel: "prompt.cancel", Prompt, ["esc"], hint(1), overlay_keys::close;
    PromptOlder: "prompt.older", Prompt, ["up", "ctrl-p"], hint(2), |m| overlay_keys::prompt_recall(m, 1);
    PromptNewer: "prompt.newer", Prompt, ["down", "ctrl-n"], None, |m| overlay_keys::prompt_recall(m, -1);

    PickerDown: "picker.down", Picker, ["down", "tab", "ctrl-n"], hint(2), |m| overlay_keys::picker_move(m, 1);
    PickerUp: "picker.up", Picker, ["up", "shift-tab", "ctrl-p"], None, |m| overlay_keys::picker_move(m, -1);
    PickerChoose: "picker.choose", Picker, ["enter"], hint(0), overlay_keys::picker_choose;
    PickerCancel: "picker.cancel", Picker, ["esc"], hint(1), overlay_keys::close;

    FormNext: "form.next_field", NewTicket, ["tab"], hint(1), |m| new_ticket::move_field(m, 1);
    FormPrev: "form.prev_field", NewTicket, ["shift-tab"], None, |m| new_ticket::move_field(m, -1);
    FormEnter: "form.enter", NewTicket, ["enter"], hint(0), new_ticket::enter;
    FormMatchDown: "form.match_down", NewTicket, ["down"], None, |m| new_ticket::move_match(m, 1);
    FormMatchUp: "form.match_up", NewTicket, ["up"], None, |m| new_ticket::move_match(m, -1);
    FormChoiceNext: "form.choice_next", NewTicket, ["right"], hint(2), |m| new_ticket::step_choice(m, 1);
    FormChoicePrev: "form.choice_prev", NewTicket, ["left"], None, |m| new_ticket::step_choice(m, -1);
    FormCancel: "form.cancel", NewTicket, ["esc"], hint(3), overlay_keys::close;

    SurveyNext: "survey.next", Survey, ["tab", "down"], hint(1), |m| service_actions::survey_focus(m, 1);
    SurveyPrev: "survey.prev", Survey, ["shift-tab", "up"], None, |m| service_actions::survey_focus(m, -1);
    SurveySubmit: "survey.submit", Survey, ["enter"], hint(0), service_actions::survey_submit;
    SurveyClear: "survey.clear", Survey, ["backspace", "delete"], None, service_actions::survey_clear;
    LoopFormNext: "loop_form.next", LoopForm, ["tab", "down"], hint(1), |m| loop_form::focus(m, 1);
    LoopFormPrev: "loop_form.prev", LoopForm, ["shift-tab", "up"], None, |m| loop_form::focus(m, -1);
    LoopFormChoicePrev: "loop_form.choice_prev", LoopForm, ["left"], None, |m| loop_form::step_choice(m, -1);
    LoopFormChoiceNext: "loop_form.choice_next", LoopForm, ["right"], None, |m| loop_form::step_choice(m, 1);
    LoopFormSubmit: "loop_form.submit", LoopForm, ["enter"], hint(0), loop_form::submit;
    LoopFormCancel: "loop_form.cancel", LoopForm, ["esc"], hint(2), overlay_keys::close;
    SurveyCancel: "survey.cancel", Survey, ["esc"], hint(2), overlay_keys::close;

    EscalationDown: "escalations.down", Escalations, ["j", "down"], hint(1), |m| service_actions::escalations_move(m, 1);
    EscalationUp: "escalations.up", Escalations, ["k", "up"], None, |m| service_actions::escalations_move(m, -1);
    EscalationOpen: "escalations.open", Escalations, ["enter"], hint(0), service_actions::escalations_open;
    EscalationClose: "escalations.close", Escalations, ["esc", "q", "!"], hint(2), service_actions::escalations_close;

    SuggestionDown: "suggestions.down", Suggestions, ["j", "down", "tab"], None, |m| suggestions::move_by(m, 1);
    SuggestionUp: "suggestions.up", Suggestions, ["k", "up", "shift-tab"], None, |m| suggestions::move_by(m, -1);
    SuggestionLink: "suggestions.link", Suggestions, ["enter", "l"], hint(0), |m| suggestions::insert_selected(m, crate::domain::kb::Insert::Link);
    SuggestionQuote: "suggestions.quote", Suggestions, ["b"], hint(1), |m| suggestions::insert_selected(m, crate::domain::kb::Insert::Body);
    SuggestionOpen: "suggestions.open", Suggestions, ["o"], hint(2), suggestions::open_selected;
    SuggestionHelpful: "suggestions.helpful", Suggestions, ["+"], hint(3), |m| suggestions::vote_selected(m, true);
    SuggestionUnhelpful: "suggestions.unhelpful", Suggestions, ["-"], None, |m| suggestions::vote_selected(m, false);
    SuggestionClose: "suggestions.close", Suggestions, ["esc", "q"], hint(4), overlay_keys::close;

    ConflictReapply: "conflict.reapply", Conflict, ["r"], hint(0), team::conflict_reapply;
    ConflictDiscard: "conflict.discard", Conflict, ["d", "esc"], hint(1), team::conflict_discard;
    CollisionSend: "collision.send", Collision, ["s"], hint(0), team::collision_send;
    CollisionEdit: "collision.edit", Collision, ["e", "esc"], hint(1), team::collision_edit;
    CollisionDiscard: "collision.discard", Collision, ["d"], hint(2), team::collision_discard;

    ReviewSend: "review.send", Review, ["y"], hint(0), review::review_send;
    ReviewEdit: "review.edit", Review, ["e"], hint(1), review::review_edit;
    ReviewPostpone: "review.postpone", Review, ["p"], hint(2), review::review_postpone;
    ReviewDiscard: "review.discard", Review, ["q", "esc"], hint(3), review::review_discard;
    ReviewMail: "review.mail", Review, ["m"], None, review::review_toggle_mail;
    ReviewSolution: "review.solution", Review, ["s"], None, review::review_toggle_solution;
    ConfirmYes: "confirm.yes", Confirm, ["y"], hint(0), confirm::yes;
    ConfirmNo: "confirm.no", Confirm, ["n", "esc", "q"], hint(1), confirm::no;
    ConflictsDown: "conflicts.down", SyncConflicts, ["j", "down"], hint(2), |m| conflicts::move_by(m, 1);
    ConflictsUp: "conflicts.up", SyncConflicts, ["k", "up"], None, |m| conflicts::move_by(m, -1);
    ConflictsAccept: "conflicts.accept", SyncConflicts, ["a"], hint(0), |m| conflicts::settle(m, false);
    ConflictsReapply: "conflicts.reapply", SyncConflicts, ["r"], hint(1), |m| conflicts::settle(m, true);
    ConflictsClose: "conflicts.close", SyncConflicts, ["esc", "q"], hint(3), overlay_keys::close;

    ScheduleEnter: "schedule.enter", Schedule, ["enter"], hint(0), schedule::enter;
    ScheduleFocus: "schedule.focus", Schedule, ["tab", "shift-tab"], hint(1), schedule::toggle_focus;
    ScheduleView: "schedule.view", Schedule, ["w"], hint(2), schedule::toggle_view;
    ScheduleDown: "schedule.down", Schedule, ["j", "down"], hint(3), |m| schedule::move_by(m, 1);
    ScheduleUp: "schedule.up", Schedule, ["k", "up"], None, |m| schedule::move_by(m, -1);
    ScheduleLeft: "schedule.left", Schedule, ["h", "left"], None, |m| schedule::step(m, -1);
    ScheduleRight: "schedule.right", Schedule, ["l", "right"], hint(4), |m| schedule::step(m, 1);
    SchedulePrev: "schedule.prev", Schedule, ["["], None, |m| schedule::page(m, -1);
    ScheduleNext: "schedule.next", Schedule, ["]"], hint(5), |m| schedule::page(m, 1);
    ScheduleToday: "schedule.today", Schedule, ["t"], None, schedule::today;
    ScheduleReschedule: "schedule.reschedule", Schedule, ["r"], hint(6), schedule::reschedule;
    ScheduleClose: "schedule.close", Schedule, ["esc", "q"], hint(7), schedule::close;
    QaEnter: "qa.score", Qa, ["enter"], hint(0), qa::enter;
    QaTab: "qa.tab", Qa, ["tab", "shift-tab"], hint(1), qa::toggle_tab;
    QaDown: "qa.down", Qa, ["j", "down"], hint(2), |m| qa::move_by(m, 1);
    QaUp: "qa.up", Qa, ["k", "up"], None, |m| qa::move_by(m, -1);
    QaSample: "qa.sample", Qa, ["s"], hint(3), |m| qa::sample(m, 1);
    QaSampleNow: "qa.sample_this_week", Qa, ["S"], None, |m| qa::sample(m, 0);
    QaClose: "qa.close", Qa, ["esc", "q"], hint(4), qa::close;
    PlansAdvance: "plans.advance", Plans, ["a"], hint(0), plans::advance;
    PlansBackToDo: "plans.back_to_do", Plans, ["d"], hint(1), plans::back_to_do;
    PlansDetail: "plans.detail", Plans, ["enter"], hint(2), plans::toggle_detail;
    PlansDown: "plans.down", Plans, ["j", "down"], hint(3), |m| plans::move_by(m, 1);
    PlansUp: "plans.up", Plans, ["k", "up"], None, |m| plans::move_by(m, -1);
    PlansTop: "plans.top", Plans, ["g", "home"], None, plans::top;
    PlansBottom: "plans.bottom", Plans, ["G", "end"], None, plans::bottom;
    PlansReload: "plans.reload", Plans, ["ctrl-r"], None, plans::reload;
    PlansClose: "plans.close", Plans, ["esc", "q"], hint(4), plans::back;
    QaFormNext: "qa_form.next", QaForm, ["tab", "down"], hint(1), |m| qa::form_focus(m, 1);
    QaFormPrev: "qa_form.prev", QaForm, ["shift-tab", "up"], None, |m| qa::form_focus(m, -1);
    QaFormSubmit: "qa_form.submit", QaForm, ["enter"], hint(0), qa::form_submit;
    QaFormClear: "qa_form.clear", QaForm, ["backspace", "delete"], None, qa::form_clear;
    QaFormCancel: "qa_form.cancel", QaForm, ["esc"], hint(2), qa::form_cancel;

    TextLeft: "text.left", TextInput, ["left"], None, |m| overlay_keys::text(m, TextOp::Left);
    TextRight: "text.right", TextInput, ["right"], None, |m| overlay_keys::text(m, TextOp::Right);
    TextWordLeft: "text.word_left", TextInput, ["ctrl-left", "alt-b"], None, |m| overlay_keys::text(m, TextOp::WordLeft);
    TextWordRight: "text.word_right", TextInput, ["ctrl-right", "alt-f"], None, |m| overlay_keys::text(m, TextOp::WordRight);
    TextHome: "text.home", TextInput, ["home", "ctrl-a"], None, |m| overlay_keys::text(m, TextOp::Home);
    TextEnd: "text.end", TextInput, ["end", "ctrl-e"], None, |m| overlay_keys::text(m, TextOp::End);
    TextDeleteBack: "text.delete_back", TextInput, ["backspace"], None, |m| overlay_keys::text(m, TextOp::DeleteBack);
    TextDelete: "text.delete", TextInput, ["delete"], None, |m| overlay_keys::text(m, TextOp::Delete);
    TextDeleteWordBack: "text.delete_word_back", TextInput, ["ctrl-w", "alt-backspace"], None, |m| overlay_keys::text(m, TextOp::DeleteWordBack);
    TextDeleteWord: "text.delete_word", TextInput, ["alt-d"], None, |m| overlay_keys::text(m, TextOp::DeleteWord);
    TextClear: "text.clear", TextInput, ["ctrl-u"], None, |m| overlay_keys::text(m, TextOp::Clear);
    TextKillToEnd: "text.kill_to_end", TextInput, ["ctrl-k"], None, |m| overlay_keys::text(m, TextOp::KillToEnd);
}
