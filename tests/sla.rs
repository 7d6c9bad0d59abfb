//! SLA clocks on tickets, the at-risk/breached and follow-up views, escalations (idempotent, exactly once across
//! processes), auto-close, the closed loop and complaint stages — against a real database.

mod common;

use common::*;
use desk::domain::complaint::ComplaintSeverity;
use desk::domain::lifecycle::Writer;
use desk::domain::service_loop::{ComplaintStage, FollowUpOutcome, LoopStage, SurveyResponse};
use desk::domain::sla::ClockState;
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::domain::view::{BuiltinView, PageRequest};
use desk::store::sla::ServiceRules;
use desk::store::ticket_write::{NewTicket, TicketEdit};
use desk::store::{Store, StoreError};

const RULES: &str = r#"
[sla]
at_risk_share = 0.75

[[sla.policies]]
name = "test"
calendar = "24x7"
urgent = { first_response = "1h", next_reply = "30m", resolution = "4h" }
high = { first_response = "4h", resolution = "2d" }
normal = { first_response = "8h", resolution = "3d" }
low = { first_response = "1d", resolution = "1w" }

[[sla.escalations]]
name = "risk-tag"
when = "at-risk"
add_tag = "sla-risk"

[[sla.escalations]]
name = "breach-raise"
when = "breached"
targets = ["first_response"]
raise_priority = true
note = "First response overdue."

[loop]
follow_up_after = "1d"
auto_close_after = "7d"
"#;

fn rules() -> ServiceRules {
    let cfg = desk::config::parse(RULES, "test").unwrap();
    let l = cfg.loop_rules();
    ServiceRules::new(cfg.sla_rules(), l.follow_up_after, l.auto_close_after)
}

fn store() -> Store {
    let mut store = store_with_tickets(0);
    store.set_service_rules(rules());
    store.set_actor(Some("li".into()));
    store
}

fn new_ticket(priority: Priority, kind: Kind) -> NewTicket {
    NewTicket {
        subject: "洗衣机漏水 washing machine leaks".into(),
        kind,
        channel: Channel::Phone,
        priority,
        customer_id: "C2".into(),
        product_id: None,
        body: "It leaks.".into(),
    }
}

fn view_numbers(store: &Store, view: BuiltinView, now: i64) -> Vec<i64> {
    let f = view.filter(now);
    let page = store.ticket_page(&f, None, PageRequest::First, 50).unwrap();
    assert_eq!(
        store.ticket_count(&f, None).unwrap() as usize,
        page.rows.len()
    );
    page.rows.iter().map(|r| r.number).collect()
}

#[test]
fn a_new_ticket_counts_down_and_shows_up_at_risk_then_breached() {
    let mut store = store();
    let t = store
        .create_ticket(&new_ticket(Priority::Urgent, Kind::Question), NOW)
        .unwrap();
    let row = |store: &Store| store.ticket_detail(t.number).unwrap().unwrap().row;
    // First response 1 h on 24×7: due at +60 min, at risk from +45 min.
    let sla = row(&store).sla;
    assert_eq!(
        (sla.due_at, sla.risk_at),
        (Some(NOW + 3600), Some(NOW + 2700))
    );
    assert_eq!(
        sla.countdown(NOW + 13 * 60),
        Some(("47m".into(), ClockState::Ok))
    );
    assert_eq!(
        sla.countdown(NOW + 50 * 60),
        Some(("10m".into(), ClockState::AtRisk))
    );
    assert_eq!(
        sla.countdown(NOW + 95 * 60),
        Some(("-35m".into(), ClockState::Breached))
    );
    assert!(view_numbers(&store, BuiltinView::AtRisk, NOW + 10 * 60).is_empty());
    assert_eq!(
        view_numbers(&store, BuiltinView::AtRisk, NOW + 50 * 60),
        [t.number]
    );
    assert_eq!(
        view_numbers(&store, BuiltinView::AtRisk, NOW + 95 * 60),
        [t.number]
    );
    let breached = desk::domain::query::parse("sla:breached").unwrap();
    let f = desk::domain::view::TicketFilter::default().refine(&breached, NOW + 50 * 60, 0);
    assert_eq!(store.ticket_count(&f, None).unwrap(), 0);

    // The reply meets first response; resolution (4 h) is what counts down now.
    store
        .add_message(
            t.number,
            Writer::Agent,
            Some("A1"),
            false,
            "On it.",
            NOW + 20 * 60,
        )
        .unwrap();
    let sla = row(&store).sla;
    assert_eq!(sla.target.map(|t| t.as_str()), Some("resolution"));
    assert_eq!(sla.due_at, Some(NOW + 4 * 3600));
    // Pending pauses: no due time, the remaining business time is kept.
    store
        .set_ticket(
            t.number,
            &[TicketEdit::Status(Status::Pending)],
            None,
            NOW + 3600,
        )
        .unwrap();
    let sla = row(&store).sla;
    assert!(sla.paused && sla.due_at.is_none());
    assert_eq!(sla.remaining, Some(3 * 3600));
    assert_eq!(
        sla.countdown(NOW + 10 * 3600),
        Some(("3h".into(), ClockState::Paused))
    );
    // The customer answers two hours later: the ticket reopens, the next-reply clock (30 min) runs from the
    // message, and resolution resumes with its 3 h left (due 3 h after the message).
    store
        .add_message(
            t.number,
            Writer::Customer,
            None,
            false,
            "Still leaking",
            NOW + 3 * 3600,
        )
        .unwrap();
    let d = store.ticket_detail(t.number).unwrap().unwrap();
    assert_eq!(d.row.status, Status::Open);
    assert_eq!(d.row.sla.due_at, Some(NOW + 3 * 3600 + 1800));
    let mut d = d;
    store.fill_clocks(&mut d, NOW + 3 * 3600).unwrap();
    let res = d
        .clocks
        .iter()
        .find(|c| c.target.as_str() == "resolution")
        .unwrap();
    assert_eq!((res.elapsed, res.due_at), (3600, Some(NOW + 6 * 3600)));
    assert_eq!(d.sla_policy.as_deref(), Some("test"));
    // Solving stops every clock.
    store
        .set_ticket(
            t.number,
            &[TicketEdit::Status(Status::Solved)],
            None,
            NOW + 4 * 3600,
        )
        .unwrap();
    assert_eq!(row(&store).sla, Default::default());
}

#[test]
fn sla_run_escalates_once_and_a_second_run_changes_nothing() {
    let mut store = store();
    let t = store
        .create_ticket(&new_ticket(Priority::Normal, Kind::Question), NOW)
        .unwrap();
    let quiet = store
        .create_ticket(
            &new_ticket(Priority::Normal, Kind::Question),
            NOW + 9 * 3600,
        )
        .unwrap();
    // Normal first response is 8 h: at +9 h the first ticket is breached (its 3-day resolution is not even at
    // risk), the second just started.
    let report = store.sla_run(NOW + 9 * 3600 + 60).unwrap();
    let mut fired: Vec<(i64, &str, &str)> = report
        .escalated
        .iter()
        .map(|e| (e.number, e.rule.as_str(), e.target.as_str()))
        .collect();
    fired.sort();
    assert_eq!(
        fired,
        [
            (t.number, "breach-raise", "first_response"),
            (t.number, "risk-tag", "first_response"),
        ]
    );
    let d = store.ticket_detail(t.number).unwrap().unwrap();
    assert_eq!(d.row.priority, Priority::High, "raised one step");
    assert_eq!(
        d.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        ["sla-risk"]
    );
    assert!(
        d.messages
            .iter()
            .any(|m| m.internal && m.body.as_str() == "First response overdue.")
    );
    let h = store.history("ticket", &t.id).unwrap();
    let by_sla: Vec<_> = h
        .iter()
        .filter(|c| c.actor.as_deref() == Some("sla"))
        .map(|c| c.field.as_str())
        .collect();
    assert!(
        by_sla.contains(&"priority") && by_sla.contains(&"tags") && by_sla.contains(&"note"),
        "{by_sla:?}"
    );
    let version = d.version;

    let again = store.sla_run(NOW + 9 * 3600 + 120).unwrap();
    assert!(!again.changed_anything(), "{again:?}");
    assert_eq!(
        store.ticket_detail(t.number).unwrap().unwrap().version,
        version
    );
    let quiet_d = store.ticket_detail(quiet.number).unwrap().unwrap();
    assert_eq!(quiet_d.row.priority, Priority::Normal);
    let feed = store.escalations_since(NOW - 1, 10).unwrap();
    assert_eq!(feed.len(), 2);
    assert!(
        feed.iter()
            .any(|e| e.actions == "priority normal → high; note"),
        "{feed:?}"
    );
}

#[test]
fn solving_schedules_the_follow_up_and_the_loop_closes_with_a_survey() {
    let mut store = store();
    let t = store
        .create_ticket(&new_ticket(Priority::Normal, Kind::Question), NOW)
        .unwrap();
    store
        .add_message(
            t.number,
            Writer::Agent,
            Some("A1"),
            false,
            "Fixed.",
            NOW + 60,
        )
        .unwrap();
    store
        .set_ticket(
            t.number,
            &[TicketEdit::Status(Status::Solved)],
            None,
            NOW + 120,
        )
        .unwrap();
    let d = store.ticket_detail(t.number).unwrap().unwrap();
    assert_eq!(d.row.loop_stage, Some(LoopStage::Solved));
    assert_eq!(d.row.follow_up_due_at, Some(NOW + 120 + 86_400));
    let tasks = store.tasks_due(None, PageRequest::First, 10).unwrap().rows;
    assert_eq!(tasks.len(), 1);
    assert_eq!(
        (
            tasks[0].kind.as_str(),
            tasks[0].ticket,
            tasks[0].assignee.as_deref()
        ),
        ("follow_up", Some(t.number), Some("li"))
    );
    // Not due yet, then due.
    assert!(view_numbers(&store, BuiltinView::FollowUpsDue, NOW + 3600).is_empty());
    assert_eq!(
        view_numbers(&store, BuiltinView::FollowUpsDue, NOW + 2 * 86_400),
        [t.number]
    );

    let done = store
        .record_follow_up(
            t.number,
            FollowUpOutcome::Confirmed,
            "客户确认已修好",
            NOW + 2 * 86_400,
        )
        .unwrap();
    assert_eq!(
        done,
        desk::store::service_loop::FollowUpRecorded {
            reopened: false,
            stage: Some(LoopStage::FollowedUp)
        }
    );
    assert!(view_numbers(&store, BuiltinView::FollowUpsDue, NOW + 3 * 86_400).is_empty());
    assert!(
        store
            .tasks_due(None, PageRequest::First, 10)
            .unwrap()
            .rows
            .is_empty()
    );
    let survey = SurveyResponse {
        csat: Some(5),
        nps: Some(9),
        ces: Some(2),
        comment: Some("很满意".into()),
        items: Vec::new(),
    };
    store
        .record_survey(t.number, &survey, NOW + 2 * 86_400 + 60)
        .unwrap();
    let d = store.ticket_detail(t.number).unwrap().unwrap();
    assert_eq!(d.row.loop_stage, Some(LoopStage::Surveyed));
    let stages: Vec<_> = store
        .history("ticket", &t.id)
        .unwrap()
        .into_iter()
        .filter(|c| c.field == "loop_stage")
        .map(|c| c.new.unwrap_or_default())
        .collect();
    assert_eq!(stages, ["solved", "followed_up", "surveyed"]);
    let bad = SurveyResponse {
        csat: Some(6),
        ..Default::default()
    };
    assert!(
        matches!(store.record_survey(t.number, &bad, NOW), Err(StoreError::Refused(m)) if m.contains("CSAT is 6"))
    );
}

#[test]
fn not_solved_on_the_follow_up_reopens_and_clears_the_loop() {
    let mut store = store();
    let t = store
        .create_ticket(&new_ticket(Priority::Normal, Kind::Question), NOW)
        .unwrap();
    store
        .set_ticket(
            t.number,
            &[TicketEdit::Status(Status::Solved)],
            None,
            NOW + 60,
        )
        .unwrap();
    let done = store
        .record_follow_up(
            t.number,
            FollowUpOutcome::NotSolved,
            "still leaks",
            NOW + 86_400,
        )
        .unwrap();
    assert!(done.reopened);
    let d = store.ticket_detail(t.number).unwrap().unwrap();
    assert_eq!(
        (d.row.status, d.row.loop_stage, d.row.solved_at),
        (Status::Open, None, None)
    );
    assert!(
        d.messages
            .iter()
            .any(|m| m.internal && m.body.as_str().contains("not solved"))
    );
    // Solving again schedules a new call.
    store
        .set_ticket(
            t.number,
            &[TicketEdit::Status(Status::Solved)],
            None,
            NOW + 2 * 86_400,
        )
        .unwrap();
    assert_eq!(
        store
            .tasks_due(None, PageRequest::First, 10)
            .unwrap()
            .rows
            .len(),
        1
    );
    // A customer reply reopening a solved ticket cancels the scheduled call.
    store
        .add_message(
            t.number,
            Writer::Customer,
            None,
            false,
            "again",
            NOW + 2 * 86_400 + 60,
        )
        .unwrap();
    assert!(
        store
            .tasks_due(None, PageRequest::First, 10)
            .unwrap()
            .rows
            .is_empty()
    );
    let open = store.record_follow_up(t.number, FollowUpOutcome::Confirmed, "", NOW + 3 * 86_400);
    assert!(matches!(open, Err(StoreError::Refused(m)) if m.contains("once it is solved")));
}

#[test]
fn auto_close_skips_complaints_until_revisited() {
    let mut store = store();
    let q = store
        .create_ticket(&new_ticket(Priority::Low, Kind::Question), NOW)
        .unwrap();
    let c = store
        .create_ticket(&new_ticket(Priority::Low, Kind::Complaint), NOW)
        .unwrap();
    for n in [q.number, c.number] {
        store
            .set_ticket(n, &[TicketEdit::Status(Status::Solved)], None, NOW + 60)
            .unwrap();
    }
    // The question's follow-up call is made (a pending one would hold its auto-close too).
    store
        .record_follow_up(q.number, FollowUpOutcome::Confirmed, "", NOW + 86_400)
        .unwrap();
    assert_eq!(
        store
            .ticket_detail(c.number)
            .unwrap()
            .unwrap()
            .complaint_stage,
        Some(ComplaintStage::Received)
    );
    let report = store.sla_run(NOW + 8 * 86_400).unwrap();
    assert_eq!(report.closed, [q.number]);
    assert_eq!(report.complaints_waiting, 1);
    assert_eq!(
        store.ticket_detail(q.number).unwrap().unwrap().row.status,
        Status::Closed
    );
    // Closing by hand is refused too, naming the stage; the stages advance one by one.
    let err = store
        .set_ticket(c.number, &[TicketEdit::Status(Status::Closed)], None, NOW)
        .unwrap_err();
    assert!(
        err.to_string().contains("closes only once revisited"),
        "{err}"
    );
    let records = [
        vec![
            TicketEdit::ComplaintCategory("服务态度".into()),
            TicketEdit::ComplaintSeverity(ComplaintSeverity::Minor),
        ],
        vec![TicketEdit::ComplaintOwner(Some("li".into()))],
        vec![
            TicketEdit::RootCause("service_attitude".into()),
            TicketEdit::ComplaintResolution("致歉".into()),
        ],
    ];
    for (stage, mut edits) in [
        ComplaintStage::Registered,
        ComplaintStage::Investigating,
        ComplaintStage::Resolved,
    ]
    .into_iter()
    .zip(records)
    {
        edits.push(TicketEdit::ComplaintStage(stage));
        store.set_ticket(c.number, &edits, None, NOW + 100).unwrap();
    }
    // The follow-up call on a resolved complaint is its revisit (回访).
    store
        .record_follow_up(c.number, FollowUpOutcome::Confirmed, "", NOW + 2 * 86_400)
        .unwrap();
    assert_eq!(
        store
            .ticket_detail(c.number)
            .unwrap()
            .unwrap()
            .complaint_stage,
        Some(ComplaintStage::Revisited)
    );
    assert_eq!(store.sla_run(NOW + 9 * 86_400).unwrap().closed, [c.number]);
    let err = store
        .set_ticket(
            q.number,
            &[TicketEdit::ComplaintStage(ComplaintStage::Registered)],
            None,
            NOW,
        )
        .unwrap_err();
    assert!(err.to_string().contains("not a complaint"), "{err}");
}

#[test]
fn changed_rules_recompute_the_clocks_of_open_tickets() {
    let mut store = store();
    let t = store
        .create_ticket(&new_ticket(Priority::Urgent, Kind::Question), NOW)
        .unwrap();
    assert_eq!(
        store.recompute_stale_clocks(NOW, usize::MAX).unwrap(),
        1,
        "first run records the stamp"
    );
    assert_eq!(store.recompute_stale_clocks(NOW, usize::MAX).unwrap(), 0);
    let stricter = RULES.replace(r#"first_response = "1h""#, r#"first_response = "30m""#);
    let cfg = desk::config::parse(&stricter, "test").unwrap();
    store.set_service_rules(ServiceRules::new(cfg.sla_rules(), 86_400, 7 * 86_400));
    assert_eq!(
        store.recompute_stale_clocks(NOW + 60, usize::MAX).unwrap(),
        1
    );
    let sla = store.ticket_detail(t.number).unwrap().unwrap().row.sla;
    assert_eq!(sla.due_at, Some(NOW + 1800));
}
