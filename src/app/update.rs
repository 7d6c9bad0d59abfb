//! `update(model, msg, now) -> effects`: the only place the Model changes. No I/O: reads are returned as effects.

use super::commands::{CommandId, Lookup};
use super::keys::{Key, KeyCode};
use super::msg::{Effect, Msg};
use super::protocol::{KbRequest, TeamRequest, TicketRequest};
use super::{Model, Overlay, Pane, Queues, Settings, Toast, update_lists, update_overlay};
use crate::domain::view::BuiltinView;

/// Seconds a toast stays on screen.
const TOAST_SECONDS: i64 = 5;

/// The first model and the loads that fill it.
pub fn init(settings: Settings, width: u16, height: u16, now: i64) -> (Model, Vec<Effect>) {
    let views = settings.views.clone();
    // Agents land on their own queue; without an identity "My open" is empty, so start on "All open".
    let start = if settings.identity.agent_id.is_some() {
        BuiltinView::MyOpen
    } else {
        BuiltinView::AllOpen
    };
    let mut model = Model {
        tier_priority: settings.tier_priority,
        kb_rules: settings.kb_rules,
        metrics_rules: settings.metrics_rules,
        dashboard: Default::default(),
        pane: Pane::Queues,
        width,
        height,
        now,
        keymap: settings.keymap,
        mouse: settings.mouse,
        identity: settings.identity,
        db_label: settings.db_label,
        storage: settings.storage,
        date_format: settings.date_format,
        utc_offset: settings.utc_offset,
        macros: settings.macros,
        counts: None,
        agents: Vec::new(),
        groups: Vec::new(),
        data_version: None,
        live: super::team::Live {
            // The first tick polls.
            ticks_since_poll: settings.refresh_secs,
            ..Default::default()
        },
        refresh_secs: settings.refresh_secs,
        queues: Queues {
            counts: vec![None; views.len()],
            selected_view: views
                .iter()
                .position(|v| v.name == start.name())
                .unwrap_or(0),
            views,
            ..Queues::default()
        },
        ticket: Default::default(),
        customers: Default::default(),
        kb: Default::default(),
        overlay: None,
        toast: None,
        escalations: super::service_actions::Escalations {
            feed: Vec::new(),
            next_check: now,
            every: settings.sla_check_every,
        },
        pending: Vec::new(),
        quit: false,
    };
    // Where the change log ends, before anything is read: a write after this point reaches the screen by live
    // refresh. Then the queue page: it is what the first frame shows. Counts fill in after it.
    let mut effects = vec![super::team::start(), update_lists::reload_queue(&mut model)];
    effects.push(update_lists::view_counts(&model));
    effects.push(Effect::load(TicketRequest::Counts));
    effects.push(update_lists::reload_customers(&mut model));
    effects.push(Effect::load(KbRequest::Categories));
    effects.push(Effect::load(TeamRequest::Agents));
    effects.push(Effect::load(TeamRequest::Groups));
    effects.push(super::kb_actions::reload_articles(&mut model));
    (model, effects)
}

pub fn update(model: &mut Model, msg: Msg, now: i64) -> Vec<Effect> {
    model.now = now;
    match msg {
        Msg::Key(key) => on_key(model, key),
        Msg::Mouse(m) if model.mouse => super::mouse::on_mouse(model, m),
        Msg::Mouse(_) => Vec::new(),
        Msg::Resize(w, h) => {
            model.width = w;
            model.height = h;
            update_lists::fit_viewports(model);
            Vec::new()
        }
        Msg::Tick(_) => {
            if model.toast.as_ref().is_some_and(|t| t.until <= now) {
                model.toast = None;
            }
            // Keep everything on screen live: ask whether anyone wrote, keep presence alive.
            let mut fx = super::team::on_tick(model, model.refresh_secs);
            fx.extend(super::service_actions::on_tick(model));
            fx
        }
        Msg::Loaded(response) => super::answers::on_response(model, response),
        // One answer for every editor purpose when no editor could run.
        Msg::Edited { text: None, .. } => {
            toast(
                model,
                "The editor could not be started: set $VISUAL or $EDITOR".into(),
                true,
            );
            Vec::new()
        }
        Msg::Edited {
            purpose,
            text: Some(text),
        } => match purpose {
            super::msg::EditPurpose::CustomerNotes
            | super::msg::EditPurpose::CustomerProfile
            | super::msg::EditPurpose::NewCustomer => {
                super::customer_actions::on_edited(model, purpose, text)
            }
            super::msg::EditPurpose::ArticleEdit | super::msg::EditPurpose::NewArticle => {
                super::kb_actions::on_edited(model, purpose, text)
            }
            super::msg::EditPurpose::KbReply { number } => {
                super::suggestions::on_edited(model, number, text)
            }
            _ => super::ticket_actions::on_edited(model, purpose, text),
        },
    }
}

fn on_key(model: &mut Model, key: Key) -> Vec<Effect> {
    // Ctrl-C always quits, whatever is open or rebound.
    if key == Key::ctrl('c') {
        model.quit = true;
        return vec![Effect::Quit];
    }
    if model.overlay.is_some() {
        return update_overlay::on_key(model, key);
    }
    let mut keys = std::mem::take(&mut model.pending);
    keys.push(key);
    match model.keymap.lookup(model.pane.context(), &keys) {
        Lookup::Command(id) => run(model, id),
        Lookup::Prefix => {
            model.pending = keys;
            Vec::new()
        }
        // A failed sequence (`g x`): try the last key on its own.
        Lookup::None if keys.len() > 1 => on_key(model, key),
        Lookup::None => {
            if !matches!(key.code, KeyCode::Char(_)) || key.ctrl || key.alt {
                return Vec::new();
            }
            toast(
                model,
                format!("{key} is not bound here — ? shows the keys"),
                false,
            );
            Vec::new()
        }
    }
}

/// Carries out a command (from a key, the palette or the mouse).
pub(super) fn run(model: &mut Model, id: CommandId) -> Vec<Effect> {
    match id {
        CommandId::Quit => {
            model.quit = true;
            vec![Effect::Quit]
        }
        CommandId::Help => {
            model.overlay = Some(Overlay::Help { scroll: 0 });
            Vec::new()
        }
        CommandId::Palette => {
            model.overlay = Some(Overlay::Palette {
                input: String::new(),
                selected: 0,
            });
            Vec::new()
        }
        CommandId::Refresh => update_lists::refresh(model),
        CommandId::PaneNext => switch(model, cycle(model.pane, 1)),
        CommandId::PanePrev => switch(model, cycle(model.pane, -1)),
        CommandId::PaneQueues => switch(model, Pane::Queues),
        CommandId::PaneTicket => switch(model, Pane::Ticket),
        CommandId::PaneCustomers => switch(model, Pane::Customers),
        CommandId::PaneKb => switch(model, Pane::Kb),
        CommandId::PaneDashboard => switch(model, Pane::Dashboard),
        CommandId::DashPeriod => super::dashboard::period_picker(model),
        CommandId::DashNextSection => super::dashboard::cycle_section(model, 1),
        CommandId::DashPrevSection => super::dashboard::cycle_section(model, -1),
        CommandId::DashBreakdown => super::dashboard::cycle_breakdown(model),
        CommandId::Filter => {
            let current = match model.pane {
                Pane::Queues => model.queues.filter.clone(),
                Pane::Customers => model.customers.filter.clone(),
                Pane::Kb => model
                    .kb
                    .search
                    .as_ref()
                    .map(|s| s.query.clone())
                    .unwrap_or_default(),
                Pane::Ticket | Pane::Dashboard => {
                    let what = if model.pane == Pane::Ticket {
                        "ticket pane"
                    } else {
                        "dashboard"
                    };
                    toast(model, format!("The {what} has no list to filter"), false);
                    return Vec::new();
                }
            };
            model.overlay = Some(Overlay::Filter { input: current });
            Vec::new()
        }
        CommandId::ClearFilter => update_lists::apply_filter(model, String::new()),
        CommandId::NextView => update_lists::select_view(model, 1),
        CommandId::PrevView => update_lists::select_view(model, -1),
        CommandId::TicketCustomer => super::customer_actions::open_ticket_customer(model),
        CommandId::TicketStatus | CommandId::TicketPriority | CommandId::TicketAssign => {
            super::ticket_actions::open_picker(model, id)
        }
        CommandId::TicketHistory => super::ticket_actions::toggle_history(model),
        CommandId::TicketReply => super::ticket_actions::compose(model, false),
        CommandId::TicketNote => super::ticket_actions::compose(model, true),
        CommandId::TicketMacro => super::ticket_actions::open_macros(model),
        CommandId::TicketTags => super::ticket_actions::prompt(model, super::PromptKind::Tags),
        CommandId::TicketQuickNote => super::ticket_actions::prompt(model, super::PromptKind::Note),
        CommandId::TicketMerge => {
            super::ticket_actions::prompt(model, super::PromptKind::MergeInto)
        }
        CommandId::TicketLink => super::ticket_actions::prompt(model, super::PromptKind::LinkTo),
        CommandId::TicketTake => super::ticket_actions::take(model),
        CommandId::TicketKind | CommandId::TicketChannel | CommandId::TicketGroup => {
            super::ticket_actions::open_picker(model, id)
        }
        CommandId::NewTicket => super::new_ticket::open(model),
        CommandId::TicketFollowUp => super::service_actions::follow_up(model),
        CommandId::TicketSurvey => super::service_actions::survey(model),
        CommandId::TicketComplaint => super::service_actions::advance_complaint(model),
        CommandId::Escalations => super::service_actions::show_escalations(model),
        CommandId::CustomerNextView => super::customer_actions::select_view(model, 1),
        CommandId::CustomerPrevView => super::customer_actions::select_view(model, -1),
        CommandId::CustomerNotes => super::customer_actions::edit_notes(model),
        CommandId::CustomerEdit => super::customer_actions::edit_profile(model),
        CommandId::CustomerCreate => super::customer_actions::create(),
        CommandId::CustomerMerge => super::customer_actions::find_duplicates(model),
        CommandId::CustomerCare => super::customer_actions::care_picker(model),
        CommandId::CustomerBackToTicket => super::customer_actions::back_to_ticket(model),
        CommandId::TicketArticles => super::suggestions::open(model),
        CommandId::KbNextView => super::kb_actions::select_view(model, 1),
        CommandId::KbPrevView => super::kb_actions::select_view(model, -1),
        CommandId::KbNew => super::kb_actions::create(model),
        CommandId::KbEdit => super::kb_actions::edit(model),
        CommandId::KbStatus => super::kb_actions::status_picker(model),
        CommandId::KbHelpful | CommandId::KbUnhelpful => {
            let target = model.kb.target_id();
            super::kb_actions::vote(model, target, id == CommandId::KbHelpful)
        }
        CommandId::KbHistory => super::kb_actions::toggle_history(model),
        CommandId::Search => {
            let input = model
                .queues
                .search
                .as_ref()
                .map(|s| s.query.clone())
                .unwrap_or_default();
            model.overlay = Some(Overlay::Prompt {
                kind: super::PromptKind::Search,
                input,
                targets: None,
            });
            Vec::new()
        }
        CommandId::SearchOrder => super::search_pane::toggle_order(model),
        CommandId::QueueMark => super::bulk::toggle_mark(model),
        CommandId::QueueMarkRange => super::bulk::mark_range(model),
        CommandId::QueueStatus
        | CommandId::QueuePriority
        | CommandId::QueueAssign
        | CommandId::QueueTags
        | CommandId::QueueMacro => super::bulk::open(model, id),
        nav => update_lists::navigate(model, nav),
    }
}

fn cycle(pane: Pane, step: isize) -> Pane {
    let i = Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0) as isize;
    Pane::ALL[(i + step).rem_euclid(Pane::ALL.len() as isize) as usize]
}

pub(super) fn switch(model: &mut Model, pane: Pane) -> Vec<Effect> {
    model.pane = pane;
    if pane == Pane::Queues {
        // The agent is looking at the queues: what arrived is seen.
        model.live.new_tickets = 0;
    }
    if pane == Pane::Dashboard {
        return super::dashboard::on_enter(model);
    }
    Vec::new()
}

pub(super) fn toast(model: &mut Model, text: String, error: bool) {
    model.toast = Some(Toast {
        text,
        error,
        until: model.now + TOAST_SECONDS,
    });
}
