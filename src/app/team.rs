//! Team mode in the app (issue 8): live refresh from the change log, presence on the open ticket, and the choice a
//! conflicting edit or a reply overtaken by the thread asks of the agent. Nothing is overwritten silently.

use super::commands::CommandId;
use super::msg::{EditPurpose, Effect};
use super::protocol::{
    AddMessage, CustomerRequest, KbRequest, TeamRequest, TeamResponse, TicketRequest,
};
use super::update::toast;
use super::{Model, Overlay, Pane};
use crate::domain::team::{Activity, ChangeNote, Presence, describe_changes};
use crate::i18n::{tr, tr_args, tr_of};
use crate::store::sla_run::SLA_ACTOR;
use crate::store::team::{ChangeFeed, NewMessage};
use crate::store::ticket_write::TicketEdit;
use crate::store::tickets::TicketRow;

/// Seconds between presence heartbeats while a ticket is open (its time to live is three of these).
pub const HEARTBEAT_EVERY: i64 = 10;
/// Change-log entries read per refresh; more means "reload everything" rather than patch.
const FEED_LIMIT: usize = 500;

/// What live refresh keeps between polls.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Live {
    /// The change log position already seen (`None` until the first answer).
    pub change_seq: Option<i64>,
    /// Tickets others created since the agent last looked at the queues: the tab bar's badge.
    pub new_tickets: usize,
    /// Others on the open ticket: (ticket number, who).
    pub presence: Option<(i64, Vec<Presence>)>,
    /// The last heartbeat: (ticket number, activity, when).
    pub heartbeat: Option<(i64, Activity, i64)>,
    /// Ticks (one a second) since `PRAGMA data_version` was last asked.
    pub ticks_since_poll: i64,
}

/// A choice the agent must make before anything is written.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// The agent's edit met a newer version of the ticket.
    Conflict {
        number: i64,
        message: String,
        edits: Vec<TicketEdit>,
    },
    /// The thread moved on while the agent wrote a reply.
    Collision {
        number: i64,
        news: Vec<NewMessage>,
        /// The ticket's change-log position the news brings the agent up to.
        seen: i64,
        retry: Box<AddMessage>,
    },
}

impl Decision {
    /// The choices, as the commands that make them.
    pub fn options(&self) -> &'static [CommandId] {
        match self {
            Decision::Conflict { .. } => &[CommandId::ConflictReapply, CommandId::ConflictDiscard],
            Decision::Collision { .. } => &[
                CommandId::CollisionSend,
                CommandId::CollisionEdit,
                CommandId::CollisionDiscard,
            ],
        }
    }
}

/// Every tick: poll for other writers at the configured interval, and keep presence on the open ticket alive.
pub(super) fn on_tick(model: &mut Model, refresh_every: i64) -> Vec<Effect> {
    let mut fx = Vec::new();
    // Counted in ticks rather than clock time, so a frozen clock (tests) still polls.
    model.live.ticks_since_poll += 1;
    if model.live.ticks_since_poll >= refresh_every.max(1) {
        model.live.ticks_since_poll = 0;
        fx.push(Effect::load(TeamRequest::DataVersion));
    }
    fx.extend(heartbeat(model));
    fx
}

/// The presence this agent should have now: viewing the ticket on screen, else nothing.
fn wanted_presence(model: &Model) -> Option<(i64, Activity)> {
    let number = model.ticket.number?;
    (model.pane == Pane::Ticket).then_some((number, Activity::Viewing))
}

/// A heartbeat when the presence changed or is due; clearing it when the agent left the ticket.
pub(super) fn heartbeat(model: &mut Model) -> Vec<Effect> {
    let (number, activity) = match (wanted_presence(model), model.live.heartbeat) {
        (Some((n, a)), Some((hn, ha, at)))
            if n == hn && a == ha && model.now - at < HEARTBEAT_EVERY =>
        {
            return Vec::new();
        }
        (Some((n, a)), _) => (n, Some(a)),
        (None, Some((n, _, _))) => (n, None),
        (None, None) => return Vec::new(),
    };
    model.live.heartbeat = activity.map(|a| (number, a, model.now));
    if activity.is_none() {
        model.live.presence = None;
    }
    vec![Effect::load(TeamRequest::Heartbeat {
        number,
        activity,
        at: model.now,
    })]
}

/// Presence while the reply editor is open (the editor runs outside desk, so this one lasts longer).
pub(super) fn replying(model: &mut Model, number: i64) -> Effect {
    model.live.heartbeat = Some((number, Activity::Replying, model.now));
    Effect::load(TeamRequest::Heartbeat {
        number,
        activity: Some(Activity::Replying),
        at: model.now,
    })
}

/// A reply's editor is opening on the open ticket: remember how far the agent has read the thread (a message
/// logged after it holds the reply back) and tell the others.
pub(super) fn start_reply(model: &mut Model, number: i64) -> Effect {
    model.ticket.compose_seq = model
        .ticket
        .detail
        .as_ref()
        .filter(|d| d.row.number == number)
        .map(|d| d.change_seq);
    replying(model, number)
}

/// Someone else wrote: read what changed, and who is on the open ticket now.
pub(super) fn on_data_changed(model: &Model) -> Vec<Effect> {
    let mut fx = vec![Effect::load(TeamRequest::ChangesSince {
        seq: model.live.change_seq,
    })];
    if let (Some(number), Pane::Ticket) = (model.ticket.number, model.pane) {
        fx.push(Effect::load(TeamRequest::PresenceOn {
            number,
            at: model.now,
        }));
    }
    fx
}

/// The first request of a session: where the change log ends now.
pub(super) fn start() -> Effect {
    Effect::load(TeamRequest::ChangesSince { seq: None })
}

pub fn limit() -> usize {
    FEED_LIMIT
}

/// `g a`: on duty → away → off → on duty, for the signed-in agent. Automatic assignment (store::routing) gives
/// tickets only to agents on duty.
pub(crate) fn switch_availability(model: &mut Model) -> Vec<Effect> {
    let Some(current) = model.my_availability() else {
        let text = tr(model.locale, "team-no-agent");
        super::update::toast(model, text, true);
        return Vec::new();
    };
    let next = current.next();
    let state = tr_of(model.locale, "team-availability-", next.as_str());
    let text = tr_args(model.locale, "team-you-are", &[("state", state.into())]);
    super::update::toast(model, text, false);
    vec![Effect::load(TeamRequest::SetAvailability(next))]
}

/// Answers for team mode: who wrote, who is here, and the desk's people and groups.
pub(super) fn on_response(model: &mut Model, r: TeamResponse) -> Vec<Effect> {
    match r {
        TeamResponse::DataVersion(v) => on_data_version(model, v),
        TeamResponse::Changes(feed) => on_changes(model, feed),
        TeamResponse::Presence { number, others } => {
            if model.ticket.number == Some(number) {
                model.live.presence = Some((number, others));
            }
            Vec::new()
        }
        TeamResponse::Agents(agents) => {
            model.agents = agents;
            Vec::new()
        }
        TeamResponse::Groups(groups) => {
            model.groups = groups;
            Vec::new()
        }
    }
}

/// `PRAGMA data_version` answered: a change means another connection committed.
fn on_data_version(model: &mut Model, v: i64) -> Vec<Effect> {
    let first = model.data_version.is_none();
    let changed = model.data_version.is_some_and(|old| old != v);
    model.data_version = Some(v);
    if changed {
        let mut fx = vec![
            super::update_lists::view_counts(model),
            Effect::load(TicketRequest::Counts),
        ];
        fx.extend(on_data_changed(model));
        // Another desk booked or moved a visit, perhaps: the schedule on screen is read again.
        if model.overlay == Some(super::Overlay::Schedule) {
            fx.extend(super::schedule::reload(model));
        }
        fx
    } else if first {
        // The first poll sets the baseline; what was written between start-up and now is in the log.
        on_data_changed(model)
    } else {
        Vec::new()
    }
}

/// Fresh list rows of tickets others changed, patched into the visible queue in place.
pub(super) fn patch_rows(model: &mut Model, rows: Vec<TicketRow>) {
    for fresh in rows {
        if let Some(row) = model
            .queues
            .list
            .rows
            .iter_mut()
            .find(|r| r.number == fresh.number)
        {
            // Keep the row's sort key: the keyset cursor of the loaded window depends on it.
            let sort_key = row.sort_key;
            *row = fresh;
            row.sort_key = sort_key;
        }
    }
}

/// A reply was held back because the thread moved on: show what is new and let the agent choose.
pub(super) fn on_collision(
    model: &mut Model,
    number: i64,
    news: Vec<NewMessage>,
    seen: i64,
    retry: Box<AddMessage>,
) -> Vec<Effect> {
    model.overlay = Some(Overlay::Decide(Box::new(Decision::Collision {
        number,
        news,
        seen,
        retry,
    })));
    vec![Effect::load(TicketRequest::Detail {
        number,
        at: model.now,
    })]
}

fn on_changes(model: &mut Model, mut feed: ChangeFeed) -> Vec<Effect> {
    let Some(seen) = model.live.change_seq else {
        model.live.change_seq = Some(feed.last);
        return Vec::new();
    };
    // Two polls can ask from the same place before the first answer lands: count each change once.
    feed.changes.retain(|c| c.seq > seen);
    model.live.change_seq = Some(seen.max(feed.last));
    let me = model.identity.handle.clone();
    let by_others = |c: &&crate::store::team::LiveChange| c.actor != me;
    let mut fx = Vec::new();
    let created = feed
        .changes
        .iter()
        .filter(by_others)
        .filter(|c| c.entity == "ticket" && c.field == "created")
        .count();
    if created > 0 && model.pane != Pane::Queues {
        model.live.new_tickets += created;
    }
    // A queue showing its top takes new and re-sorted tickets in place; deeper down, rows are only patched.
    let list_changed = feed.changes.iter().any(|c| c.ticket.is_some());
    let q = &model.queues;
    if list_changed && q.search.is_none() && q.anchor.is_none() && q.list.at_top() {
        let req = model.queues.list.refresh_first();
        fx.push(super::update_lists::ticket_page(model, req));
    }
    // The open ticket, reloaded in place (the pane keeps its scroll), with a word on who changed it.
    if let Some(open) = model.ticket.number
        && feed.changes.iter().any(|c| c.ticket == Some(open))
    {
        fx.push(Effect::load(TicketRequest::Detail {
            number: open,
            at: model.now,
        }));
        // Named when a person did it; the SLA pass (any desk's, this one's included) is not news.
        let person = feed
            .changes
            .iter()
            .filter(by_others)
            .filter(|c| c.ticket == Some(open))
            .find_map(|c| c.actor.clone().filter(|a| a != SLA_ACTOR));
        if let (Some(who), None) = (person, &model.overlay) {
            let who = name_of(model, &who);
            let args = [("number", open.to_string().into()), ("who", who.into())];
            let text = tr_args(model.locale, "team-updated-by", &args);
            toast(model, text, false);
        }
    }
    // Customers others created or changed: a customer list showing its top takes them in place (never counted as
    // new tickets).
    let customers_changed = feed
        .changes
        .iter()
        .filter(by_others)
        .any(|c| c.entity == "customer");
    if customers_changed && model.customers.list.at_top() {
        let req = model.customers.list.refresh_first();
        fx.push(super::update_lists::customer_page(model, req));
    }
    // The customer profile and the article on screen follow too (reloading an article does not count a view).
    let changed = |entity: &str, id: &str| {
        feed.changes
            .iter()
            .any(|c| c.entity == entity && c.entity_id == id)
    };
    if let Some(id) = model.customers.detail.as_ref().map(|d| d.row.id.clone())
        && changed("customer", &id)
    {
        fx.push(Effect::load(CustomerRequest::Detail { id }));
    }
    if let Some(id) = model.kb.article.as_ref().map(|a| a.row.id.clone())
        && changed("article", &id)
    {
        fx.push(Effect::load(KbRequest::Article {
            id,
            count_view: false,
        }));
    }
    // Visible queue rows that changed are patched; the list is not re-sorted under the agent's cursor.
    let mut numbers: Vec<i64> = feed.changes.iter().filter_map(|c| c.ticket).collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers.retain(|n| model.queues.list.rows.iter().any(|r| r.number == *n));
    if feed.truncated {
        fx.push(Effect::load(TeamRequest::ChangesSince {
            seq: Some(feed.last),
        }));
    }
    if !numbers.is_empty() {
        fx.push(Effect::load(TicketRequest::Rows { numbers }));
    }
    fx
}

fn name_of(model: &Model, handle: &str) -> String {
    model
        .agents
        .iter()
        .find(|a| a.handle == handle)
        .map_or_else(|| handle.to_string(), |a| a.name.to_string())
}

pub(super) fn on_conflict(
    model: &mut Model,
    number: i64,
    notes: &[ChangeNote],
    edits: Vec<TicketEdit>,
) -> Vec<Effect> {
    let offset = i64::from(model.utc_offset);
    let message = describe_changes(number, notes, |t| {
        chrono::DateTime::from_timestamp(t + offset, 0)
            .map(|d| d.format("%H:%M").to_string())
            .unwrap_or_default()
    });
    model.overlay = Some(Overlay::Decide(Box::new(Decision::Conflict {
        number,
        message,
        edits,
    })));
    vec![
        Effect::load(TicketRequest::Detail {
            number,
            at: model.now,
        }),
        super::update_lists::view_counts(model),
    ]
}

/// The decision on screen, taken off it (each choice closes the dialog).
fn take_decision(model: &mut Model) -> Option<Decision> {
    match model.overlay.take() {
        Some(Overlay::Decide(d)) => Some(*d),
        other => {
            model.overlay = other;
            None
        }
    }
}

/// Re-applies the agent's change against the ticket as it is now: what the agent has just been shown.
pub(super) fn conflict_reapply(model: &mut Model) -> Vec<Effect> {
    let Some(Decision::Conflict { number, edits, .. }) = take_decision(model) else {
        return Vec::new();
    };
    let (version, base_seq) = model
        .ticket
        .detail
        .as_ref()
        .filter(|d| d.row.number == number)
        .map_or((0, 0), |d| (d.version, d.change_seq));
    vec![Effect::load(TicketRequest::Set {
        number,
        edits,
        expected_version: version,
        base_seq,
        at: model.now,
    })]
}

pub(super) fn conflict_discard(model: &mut Model) -> Vec<Effect> {
    if let Some(Decision::Conflict { number, .. }) = take_decision(model) {
        let args = [("number", number.to_string().into())];
        let text = tr_args(model.locale, "team-change-discarded", &args);
        toast(model, text, false);
    }
    Vec::new()
}

pub(super) fn collision_send(model: &mut Model) -> Vec<Effect> {
    match take_decision(model) {
        Some(Decision::Collision { retry, .. }) => {
            vec![Effect::load(TicketRequest::AddMessage(*retry))]
        }
        _ => Vec::new(),
    }
}

/// Back to the editor: typed text is never thrown away by Esc.
pub(super) fn collision_edit(model: &mut Model) -> Vec<Effect> {
    match take_decision(model) {
        Some(Decision::Collision {
            number,
            seen,
            retry,
            ..
        }) => edit_again(model, number, seen, *retry),
        _ => Vec::new(),
    }
}

pub(super) fn collision_discard(model: &mut Model) -> Vec<Effect> {
    if let Some(Decision::Collision { number, .. }) = take_decision(model) {
        let args = [("number", number.to_string().into())];
        let text = tr_args(model.locale, "team-reply-discarded", &args);
        toast(model, text, false);
    }
    Vec::new()
}

/// Reopens the held-back reply in the editor, under the thread as it is now; a macro's changes and the choice to
/// mail it stay with it.
fn edit_again(model: &mut Model, number: i64, seen: i64, retry: AddMessage) -> Vec<Effect> {
    let AddMessage {
        body,
        edits,
        by_mail,
        solution,
        ..
    } = retry;
    model.ticket.carry_edits = edits;
    model.ticket.carry_how = Some((
        number,
        crate::store::ticket_write::ReplyHow { by_mail, solution },
    ));
    let footer = model
        .ticket
        .detail
        .as_ref()
        .map(|d| super::compose::reply_footer(model.locale, d, false))
        .unwrap_or_default();
    model.ticket.compose_seq = Some(seen);
    vec![
        replying(model, number),
        Effect::Edit {
            purpose: EditPurpose::Reply { number },
            template: format!("{body}\n{footer}"),
        },
    ]
}
