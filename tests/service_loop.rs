//! The service loop as the guides run it (issue 23), against a real database under the shipped rules: the 3-5-7
//! clocks on a live channel, the closed loop and the complaint procedure.

mod common;

use common::*;
use desk::domain::complaint::ComplaintSeverity;
use desk::domain::lifecycle::Writer;
use desk::domain::service_loop::{ComplaintStage, FollowUpOutcome, SurveyResponse};
use desk::domain::sla::{ClockState, Target};
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::domain::ticket_fields::TicketField;
use desk::domain::view::PageRequest;
use desk::store::Store;
use desk::store::ticket_write::{NewTicket, ReplyHow, TicketEdit};

fn store() -> Store {
    let mut store = store_with_tickets(0);
    apply_rules(&mut store, "");
    store
}

fn chat_ticket(store: &mut Store, at: i64) -> i64 {
    let t = NewTicket {
        subject: "扫地机器人不回充 robot will not dock".into(),
        kind: Kind::Question,
        channel: Channel::Chat,
        priority: Priority::Normal,
        customer_id: "C2".into(),
        product_id: None,
        body: "在线吗？".into(),
    };
    store.create_ticket(&t, at).unwrap().number
}

/// The ticket with its clocks as they stand at `now`.
fn detail(store: &Store, number: i64, now: i64) -> desk::store::tickets::TicketDetail {
    let mut d = store.ticket_detail(number).unwrap().unwrap();
    store.fill_clocks(&mut d, now).unwrap();
    d
}

fn clock(store: &Store, number: i64, target: Target, now: i64) -> (i64, ClockState) {
    let d = detail(store, number, now);
    let c = d.clocks.iter().find(|c| c.target == target).unwrap();
    (c.elapsed, c.state)
}

#[test]
fn a_live_chat_runs_the_3_5_7_clocks_and_only_a_reply_marked_as_a_solution_stops_the_5() {
    let mut s = store();
    // 2026-11-18 19:06 in Shanghai: inside the live channel's hours.
    let n = chat_ticket(&mut s, NOW);
    let d = s.ticket_detail(n).unwrap().unwrap();
    assert_eq!(d.sla_policy.as_deref(), Some("live-chat"));
    s.reply(
        n,
        Some("A1"),
        "您好，我看一下。",
        &[],
        ReplyHow::default(),
        NOW + 120,
    )
    .unwrap();
    assert_eq!(
        clock(&s, n, Target::FirstResponse, NOW + 200),
        (120, ClockState::Met)
    );
    // Past 3 of its 5 minutes (the at-risk share): no solution proposed yet.
    assert_eq!(
        clock(&s, n, Target::FirstSolution, NOW + 240),
        (240, ClockState::AtRisk)
    );
    let solution = ReplyHow {
        solution: true,
        ..ReplyHow::default()
    };
    s.reply(
        n,
        Some("A1"),
        "请长按回充键 3 秒。",
        &[],
        solution,
        NOW + 270,
    )
    .unwrap();
    assert_eq!(
        clock(&s, n, Target::FirstSolution, NOW + 300),
        (270, ClockState::Met)
    );
    // The resolution clock still runs: 7 minutes from the start.
    let d = detail(&s, n, NOW + 300);
    let res = d
        .clocks
        .iter()
        .find(|c| c.target == Target::Resolution)
        .unwrap();
    assert_eq!(res.due_at, Some(NOW + 420));
    let words: Vec<String> = s
        .history("ticket", &d.row.id)
        .unwrap()
        .iter()
        .map(|c| c.field.clone())
        .collect();
    assert_eq!(
        words.iter().filter(|f| *f == "solution").count(),
        1,
        "{words:?}"
    );
}

fn ticket(store: &mut Store, kind: Kind, at: i64) -> i64 {
    let t = NewTicket {
        subject: "洗衣机漏水 washing machine leaks".into(),
        kind,
        channel: Channel::Phone,
        priority: Priority::Normal,
        customer_id: "C2".into(),
        product_id: None,
        body: "It leaks.".into(),
    };
    store.create_ticket(&t, at).unwrap().number
}

fn set(store: &mut Store, n: i64, edits: &[TicketEdit], at: i64) -> Result<(), String> {
    store
        .set_ticket(n, edits, None, at)
        .map(drop)
        .map_err(|e| e.to_string())
}

fn status(store: &Store, n: i64) -> Status {
    store.ticket_detail(n).unwrap().unwrap().row.status
}

fn open_tasks(store: &Store, kind: &str) -> Vec<desk::store::service_loop::TaskRow> {
    store
        .tasks_due(None, PageRequest::First, 50)
        .unwrap()
        .rows
        .into_iter()
        .filter(|t| t.kind == kind)
        .collect()
}

#[test]
fn a_csat_of_1_creates_a_recovery_task_for_the_owner_and_reopens_the_ticket() {
    let mut s = store();
    let n = ticket(&mut s, Kind::Question, NOW);
    set(&mut s, n, &[TicketEdit::Assignee(Some("li".into()))], NOW).unwrap();
    set(&mut s, n, &[TicketEdit::Status(Status::Solved)], NOW + 60).unwrap();
    // A fair score changes nothing.
    let fair = SurveyResponse {
        csat: Some(3),
        nps: Some(7),
        ..Default::default()
    };
    s.record_survey(n, &fair, NOW + 120).unwrap();
    assert!(open_tasks(&s, "recovery").is_empty());
    assert_eq!(status(&s, n), Status::Solved);
    let angry = SurveyResponse {
        csat: Some(1),
        comment: Some("还是漏水".into()),
        ..Default::default()
    };
    s.record_survey(n, &angry, NOW + 180).unwrap();
    let tasks = open_tasks(&s, "recovery");
    assert_eq!(tasks.len(), 1, "one recovery task");
    assert_eq!(tasks[0].ticket, Some(n));
    assert_eq!(
        tasks[0].assignee.as_deref(),
        Some("li"),
        "the ticket's owner"
    );
    assert_eq!(
        tasks[0].due_at,
        NOW + 180 + 4 * 3600,
        "[loop] recovery_after"
    );
    assert!(
        tasks[0].note.to_string().contains("CSAT 1"),
        "{}",
        tasks[0].note
    );
    assert!(tasks[0].note.to_string().contains("还是漏水"));
    assert_eq!(
        status(&s, n),
        Status::Open,
        "reopened: the loop is not closed"
    );
    // Reopening cancelled the follow-up call that solving had scheduled.
    assert!(open_tasks(&s, "follow_up").is_empty());
}

#[test]
fn a_detractor_on_a_closed_ticket_gets_a_recovery_task_and_the_ticket_stays_closed() {
    let mut s = store();
    let n = ticket(&mut s, Kind::Question, NOW);
    set(&mut s, n, &[TicketEdit::Status(Status::Solved)], NOW + 60).unwrap();
    s.record_follow_up(n, FollowUpOutcome::Confirmed, "", NOW + 120)
        .unwrap();
    set(&mut s, n, &[TicketEdit::Status(Status::Closed)], NOW + 180).unwrap();
    let detractor = SurveyResponse {
        nps: Some(2),
        ..Default::default()
    };
    s.record_survey(n, &detractor, NOW + 240).unwrap();
    let tasks = open_tasks(&s, "recovery");
    assert_eq!(tasks.len(), 1);
    assert!(tasks[0].note.to_string().contains("NPS 2 (detractor)"));
    assert_eq!(status(&s, n), Status::Closed);
}

#[test]
fn auto_close_waits_while_the_follow_up_call_is_pending_or_overdue() {
    let mut s = store();
    let n = ticket(&mut s, Kind::Question, NOW);
    set(&mut s, n, &[TicketEdit::Status(Status::Solved)], NOW + 60).unwrap();
    // Eight days on, the follow-up (due after a day) is a week overdue: the ticket waits for it.
    let report = s.sla_run(NOW + 8 * 86_400).unwrap();
    assert!(report.closed.is_empty(), "{report:?}");
    assert_eq!(report.follow_ups_waiting, 1);
    assert_eq!(status(&s, n), Status::Solved);
    s.record_follow_up(n, FollowUpOutcome::Confirmed, "已确认", NOW + 8 * 86_400)
        .unwrap();
    let report = s.sla_run(NOW + 8 * 86_400 + 60).unwrap();
    assert_eq!(report.closed, [n]);
    assert_eq!(report.follow_ups_waiting, 0);
}

#[test]
fn an_open_ticket_closes_only_with_a_reason_that_skips_the_loop() {
    let mut s = store();
    let n = ticket(&mut s, Kind::Question, NOW);
    let close = TicketEdit::Status(Status::Closed);
    let err = set(&mut s, n, std::slice::from_ref(&close), NOW + 60).unwrap_err();
    assert!(
        err.contains("closes only once solved and followed up")
            && err.contains("close_reason=spam|duplicate"),
        "{err}"
    );
    let err = set(
        &mut s,
        n,
        &[
            close.clone(),
            TicketEdit::CloseReason("customer is happy".into()),
        ],
        NOW + 60,
    )
    .unwrap_err();
    assert!(err.contains("does not skip the closed loop"), "{err}");
    assert_eq!(status(&s, n), Status::New, "nothing half-written");
    set(
        &mut s,
        n,
        &[close, TicketEdit::CloseReason("duplicate".into())],
        NOW + 60,
    )
    .unwrap();
    let d = s.ticket_detail(n).unwrap().unwrap();
    assert_eq!(d.row.status, Status::Closed);
    assert_eq!(
        d.details.text(TicketField::CloseReason).as_deref(),
        Some("duplicate")
    );
    assert!(
        open_tasks(&s, "follow_up").is_empty(),
        "no call for a duplicate"
    );
}

#[test]
fn a_complaint_walks_every_stage_only_with_what_each_needs() {
    let mut s = store();
    let n = ticket(&mut s, Kind::Complaint, NOW);
    let stage = |st| TicketEdit::ComplaintStage(st);
    let at = |k: i64| NOW + k * 60;
    // 登记: a category and a severity.
    let err = set(&mut s, n, &[stage(ComplaintStage::Registered)], at(1)).unwrap_err();
    assert!(
        err.contains("complaint category") && err.contains("severity"),
        "{err}"
    );
    set(
        &mut s,
        n,
        &[
            TicketEdit::ComplaintCategory("售后服务".into()),
            TicketEdit::ComplaintSeverity(ComplaintSeverity::Major),
            stage(ComplaintStage::Registered),
        ],
        at(2),
    )
    .unwrap();
    // No skipping ahead: resolving needs everything investigating needs, and more.
    let err = set(&mut s, n, &[stage(ComplaintStage::Resolved)], at(3)).unwrap_err();
    assert!(
        err.contains("responsible person") && err.contains("root cause"),
        "{err}"
    );
    // 调查: a responsible person.
    let err = set(&mut s, n, &[stage(ComplaintStage::Investigating)], at(4)).unwrap_err();
    assert!(err.contains("responsible person"), "{err}");
    set(
        &mut s,
        n,
        &[
            TicketEdit::ComplaintOwner(Some("li".into())),
            stage(ComplaintStage::Investigating),
        ],
        at(5),
    )
    .unwrap();
    // 处理: a root cause from the list and a resolution note, once the ticket is solved.
    let err = set(&mut s, n, &[TicketEdit::RootCause("weather".into())], at(6)).unwrap_err();
    assert!(err.contains("not one of product_quality"), "{err}");
    let handled = [
        TicketEdit::RootCause("service_attitude".into()),
        TicketEdit::ComplaintResolution("道歉并上门重新安装".into()),
        stage(ComplaintStage::Resolved),
    ];
    let err = set(&mut s, n, &handled, at(7)).unwrap_err();
    assert!(err.contains("once the ticket is solved"), "{err}");
    let mut solved = handled.to_vec();
    solved.push(TicketEdit::Status(Status::Solved));
    set(&mut s, n, &solved, at(8)).unwrap();
    // 回访: only with the follow-up's outcome; recording the call is the revisit.
    let err = set(&mut s, n, &[stage(ComplaintStage::Revisited)], at(9)).unwrap_err();
    assert!(err.contains("follow-up call"), "{err}");
    let err = set(&mut s, n, &[TicketEdit::Status(Status::Closed)], at(9)).unwrap_err();
    assert!(err.contains("closes only once revisited"), "{err}");
    s.record_follow_up(n, FollowUpOutcome::Confirmed, "客户满意", at(10))
        .unwrap();
    let d = s.ticket_detail(n).unwrap().unwrap();
    assert_eq!(d.complaint_stage, Some(ComplaintStage::Revisited));
    set(&mut s, n, &[TicketEdit::Status(Status::Closed)], at(11)).unwrap();
    let d = s.ticket_detail(n).unwrap().unwrap();
    let f = |k| d.details.text(k);
    assert_eq!(
        f(TicketField::RootCause).as_deref(),
        Some("service_attitude")
    );
    assert_eq!(
        f(TicketField::ComplaintCategory).as_deref(),
        Some("售后服务")
    );
    assert_eq!(f(TicketField::ComplaintOwner).as_deref(), Some("Li Na"));
}

#[test]
fn a_reopened_complaint_goes_back_to_investigating() {
    let mut s = store();
    let n = ticket(&mut s, Kind::Complaint, NOW);
    set(
        &mut s,
        n,
        &[
            TicketEdit::ComplaintCategory("物流".into()),
            TicketEdit::ComplaintSeverity(ComplaintSeverity::Minor),
            TicketEdit::ComplaintOwner(Some("li".into())),
            TicketEdit::RootCause("delivery".into()),
            TicketEdit::ComplaintResolution("补发".into()),
            TicketEdit::Status(Status::Solved),
            TicketEdit::ComplaintStage(ComplaintStage::Resolved),
        ],
        NOW + 60,
    )
    .unwrap();
    s.add_message(
        n,
        Writer::Customer,
        Some("C2"),
        false,
        "还没收到",
        NOW + 120,
    )
    .unwrap();
    let d = s.ticket_detail(n).unwrap().unwrap();
    assert_eq!(d.row.status, Status::Open);
    assert_eq!(d.complaint_stage, Some(ComplaintStage::Investigating));
}

/// Resolves complaint `n` under `cause` (registered, investigated, handled and solved in one write each).
fn resolve_complaint(s: &mut Store, n: i64, cause: &str, at: i64) {
    let records = [
        TicketEdit::ComplaintCategory("售后".into()),
        TicketEdit::ComplaintSeverity(ComplaintSeverity::Minor),
        TicketEdit::ComplaintOwner(Some("li".into())),
        TicketEdit::RootCause(cause.into()),
        TicketEdit::ComplaintResolution("处理完毕".into()),
        TicketEdit::Status(Status::Solved),
        TicketEdit::ComplaintStage(ComplaintStage::Resolved),
    ];
    set(s, n, &records, at).unwrap();
}

#[test]
fn the_report_counts_complaints_by_root_cause_beside_the_previous_period() {
    use desk::domain::metrics::{Dimension, MetricsRules};
    use desk::domain::metrics_report::{self, Window};
    use desk::store::metrics::MetricsQuery;
    let mut s = store();
    let day = 86_400;
    let d0 = metrics_report::midnight(metrics_report::local_date(NOW, 0), 0);
    // The day before: one delivery complaint. This day: two delivery, one price, one not analysed yet.
    let before = ticket(&mut s, Kind::Complaint, d0 - day + 3600);
    resolve_complaint(&mut s, before, "delivery", d0 - day + 7200);
    for (h, cause) in [
        (1, Some("delivery")),
        (2, Some("delivery")),
        (3, Some("price")),
        (4, None),
    ] {
        let n = ticket(&mut s, Kind::Complaint, d0 + h * 3600);
        if let Some(c) = cause {
            resolve_complaint(&mut s, n, c, d0 + h * 3600 + 600);
        }
    }
    ticket(&mut s, Kind::Question, d0 + 5 * 3600);
    let input = s
        .metrics(&MetricsQuery {
            window: Window {
                from: d0,
                to: d0 + day,
            },
            as_of: d0 + day,
            offset: 0,
            dims: vec![Dimension::Group],
            group_by: None,
            extras: true,
        })
        .unwrap();
    let r = desk::i18n::metrics_advice::with_suggestions(metrics_report::build(
        input,
        &MetricsRules::default(),
    ));
    let causes: Vec<(&str, u64, u64)> = r
        .complaint_causes
        .root_cause
        .iter()
        .map(|c| (c.name.as_str(), c.count, c.previous))
        .collect();
    assert_eq!(causes, [("delivery", 2, 1), ("", 1, 0), ("price", 1, 0)]);
    assert!(r.complaint_causes.analysed());
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(
        json["complaint_causes"]["root_cause"][0]["name"],
        "delivery"
    );
    assert_eq!(json["complaint_causes"]["root_cause"][0]["previous"], 1);
    // Complaints are 4 of 5 new tickets: the suggestion names the top root causes, not tags.
    let advice = r
        .suggestions
        .iter()
        .find(|s| s.rule == "complaints")
        .expect("the complaint rate misses its ceiling");
    assert!(
        advice
            .text
            .contains("Top root causes: delivery (2), price (1)."),
        "{}",
        advice.text
    );
}
