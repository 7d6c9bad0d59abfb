//! `update(model, msg, now) -> effects`: the only place the Model changes. No I/O: reads are returned as effects.

use super::commands::Lookup;
use super::keys::{Key, KeyCode};
use super::msg::{Effect, Msg};
use super::protocol::{KbRequest, TeamRequest, TicketRequest};
use super::{Model, Pane, Queues, Settings, Toast, update_lists};
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
        tier_names: settings.tier_names.clone(),
        root_causes: settings.root_causes.clone(),
        close_reasons: settings.close_reasons.clone(),
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
        locale: settings.locale,
        date_format: settings.date_format,
        utc_offset: settings.utc_offset,
        macros: settings.macros,
        counts: None,
        agents: Vec::new(),
        groups: Vec::new(),
        data_version: None,
        store_waiting: false,
        mail: Default::default(),
        sync: Default::default(),
        live: super::team::Live {
            // The first tick polls.
            ticks_since_poll: settings.refresh_secs,
            ..Default::default()
        },
        refresh_secs: settings.refresh_secs,
        review_notes: settings.review_notes,
        mail_out: settings.mail_out,
        undo_window: settings.undo_window,
        postponed: None,
        trail: Vec::new(),
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
        schedule: Default::default(),
        overlay: None,
        prompt_history: Default::default(),
        toast: None,
        messages: std::collections::VecDeque::new(),
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
        Msg::Paste(text) => super::overlay_keys::paste(model, &text),
        Msg::Mouse(m) if model.mouse => super::mouse::on_mouse(model, m),
        Msg::Mouse(_) => Vec::new(),
        Msg::Resize(w, h) => {
            model.width = w;
            model.height = h;
            super::navigate::fit_viewports(model);
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
        Msg::StoreWaiting(waiting) => {
            model.store_waiting = waiting;
            Vec::new()
        }
        Msg::Mail(event) => {
            super::mail::on_event(model, event);
            Vec::new()
        }
        Msg::Sync(event) => super::sync::on_event(model, event),
        Msg::Loaded(response) => super::answers::on_response(model, response),
        Msg::Opened(opened) => super::attachments::on_opened(model, opened),
        // One answer for every editor purpose when no editor could run: which editor, and why.
        Msg::Edited { text: Err(why), .. } => {
            toast(model, why, true);
            Vec::new()
        }
        Msg::Edited {
            purpose,
            text: Ok(text),
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
            _ => super::compose::on_edited(model, purpose, text),
        },
    }
}

fn on_key(model: &mut Model, key: Key) -> Vec<Effect> {
    // Ctrl-C always quits, whatever is open or rebound.
    if key == Key::ctrl('c') {
        return quit(model);
    }
    let context = model.context();
    let mut keys = std::mem::take(&mut model.pending);
    keys.push(key);
    match model.keymap.lookup(context, &keys) {
        Lookup::Command(id) => super::commands::run(model, id),
        Lookup::Prefix => {
            model.pending = keys;
            Vec::new()
        }
        // A failed sequence (`g x`): try the last key on its own.
        Lookup::None if keys.len() > 1 => on_key(model, key),
        // In an overlay a key that is no command is typed, or picks by digit.
        Lookup::None if model.overlay.is_some() => super::overlay_keys::on_unbound(model, key),
        Lookup::None => {
            if !matches!(key.code, KeyCode::Char(_)) || key.ctrl || key.alt {
                return Vec::new();
            }
            let text = crate::i18n::tr_args(
                model.locale,
                "chrome-not-bound",
                &[("key", key.to_string().into())],
            );
            toast(model, text, false);
            Vec::new()
        }
    }
}

pub(super) fn quit(model: &mut Model) -> Vec<Effect> {
    model.quit = true;
    vec![Effect::Quit]
}

pub(super) fn cycle_pane(model: &mut Model, step: isize) -> Vec<Effect> {
    let i = Pane::ALL.iter().position(|p| *p == model.pane).unwrap_or(0) as isize;
    let next = Pane::ALL[(i + step).rem_euclid(Pane::ALL.len() as isize) as usize];
    switch(model, next)
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

/// A toast of the message `key` in the interface's locale, with its variables.
pub(super) fn say(
    model: &mut Model,
    key: &str,
    args: &[(&str, crate::i18n::Arg<'_>)],
    error: bool,
) {
    let text = crate::i18n::tr_args(model.locale, key, args);
    toast(model, text, error);
}

pub(super) fn toast(model: &mut Model, text: String, error: bool) {
    super::messages::record(&mut model.messages, model.now, &text, error);
    model.toast = Some(Toast {
        text,
        error,
        until: model.now + TOAST_SECONDS,
    });
}
