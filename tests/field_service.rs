//! Field service (issue 22, items 4–6) through the store: visits move by their rules and leave a log, parts are
//! reserved, consumed and released without going below zero, the warranty decides who pays, return requests are
//! judged by the seven- and fifteen-day rules, and the schedule flags overlaps.

mod common;

use common::{agent, customer, ticket};
use desk::domain::customer::Tier;
use desk::domain::returns::{RmaKind, RmaReason, RmaStatus};
use desk::domain::ticket::Status;
use desk::domain::visit::{Flag, Service, VisitStatus};
use desk::domain::warranty::{Cause, Coverage, QuoteState};
use desk::store::Store;
use desk::store::parts::NewPart;
use desk::store::records::{OrderRec, ProductRec};
use desk::store::returns::{NewReturn, ReturnStep};
use desk::store::visits::{NewVisit, VisitEdit};

const DAY: i64 = 86_400;
/// 2026-12-07 00:00 in Shanghai.
const MONDAY: i64 = 1_796_572_800;
const NOW: i64 = MONDAY - 2 * DAY;

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let mut w = s.bulk().unwrap();
    w.agent(&agent("A1", "li", "Li Na")).unwrap();
    w.agent(&agent("A2", "wang", "Wang Wei")).unwrap();
    w.customer(&customer("C1", "张三", Tier::Gold)).unwrap();
    w.product(&ProductRec {
        id: "P1".into(),
        customer_id: "C1".into(),
        name: "净水器 S9".into(),
        serial: Some("SN1".into()),
        purchased_at: Some(NOW - 200 * DAY),
        warranty_until: Some(NOW + 165 * DAY),
    })
    .unwrap();
    w.order(&OrderRec {
        id: "O1".into(),
        customer_id: "C1".into(),
        at: NOW - 9 * DAY,
        amount_cents: 199_900,
        delivered_at: Some(NOW - 6 * DAY),
    })
    .unwrap();
    let mut t = ticket(1, Status::Open, "C1", Some("A1"), NOW - 3600);
    t.product_id = Some("P1".into());
    w.ticket(&t).unwrap();
    w.commit("test", NOW).unwrap();
    s.set_actor(Some("li".into()));
    s.add_part(
        &NewPart {
            code: "flt-200".into(),
            name: "滤芯".into(),
            price_cents: 8_900,
            unit_cost_cents: 3_500,
            reorder_at: 2,
            ..NewPart::default()
        },
        NOW,
    )
    .unwrap();
    s
}

fn window(hour: i64, hours: i64) -> Option<(i64, i64)> {
    let start = MONDAY + hour * 3600;
    Some((start, start + hours * 3600))
}

fn visit(s: &mut Store, engineer: Option<&str>, w: Option<(i64, i64)>) -> i64 {
    s.new_visit(
        &NewVisit {
            ticket: 1001,
            service: Service::Repair,
            address: Some("浦东新区张杨路 500 号".into()),
            engineer: engineer.map(Into::into),
            window: w,
        },
        NOW,
    )
    .unwrap()
    .number
}

fn refused(r: desk::store::Result<impl std::fmt::Debug>) -> String {
    r.expect_err("refused").to_string()
}

#[test]
fn a_visit_moves_through_its_steps_and_each_is_logged() {
    let mut s = store();
    let waiting = visit(&mut s, None, None);
    assert_eq!(s.visit(waiting).unwrap().status, VisitStatus::Unscheduled);
    // Giving it an engineer and a window schedules it.
    let v = s
        .set_visit(
            waiting,
            &[
                VisitEdit::Engineer(Some("li".into())),
                VisitEdit::Window(window(9, 2)),
            ],
            NOW,
        )
        .unwrap();
    assert_eq!(v.status, VisitStatus::Scheduled);
    assert_eq!(v.coverage, Coverage::In, "{}", v.coverage_reason);
    assert!(v.arrive_by.is_some());
    let v = s
        .set_visit(waiting, &[VisitEdit::Status(VisitStatus::OnSite)], NOW + 60)
        .unwrap();
    assert_eq!(v.arrived_at, Some(NOW + 60));
    let e = refused(s.set_visit(
        waiting,
        &[VisitEdit::Status(VisitStatus::Completed)],
        NOW + 120,
    ));
    assert!(e.contains("work notes"), "{e}");
    let v = s
        .set_visit(
            waiting,
            &[
                VisitEdit::Notes("换滤芯".into()),
                VisitEdit::Status(VisitStatus::Completed),
                VisitEdit::ConfirmedBy("张三".into()),
            ],
            NOW + 180,
        )
        .unwrap();
    assert_eq!(
        (v.status, v.finished_at, v.confirmed_at),
        (VisitStatus::Completed, Some(NOW + 180), Some(NOW + 180))
    );
    // Finished: the plan stays, the notes may still be completed.
    let e = refused(s.set_visit(waiting, &[VisitEdit::Window(window(13, 1))], NOW + 200));
    assert!(e.contains("stay as they were"), "{e}");
    s.set_visit(
        waiting,
        &[VisitEdit::Notes("换滤芯, 测试水压正常".into())],
        NOW + 200,
    )
    .unwrap();
    let e = refused(s.set_visit(
        waiting,
        &[VisitEdit::Status(VisitStatus::Cancelled)],
        NOW + 300,
    ));
    assert!(e.contains("finished"), "{e}");

    let id = s.visit(waiting).unwrap().id;
    let log: Vec<(String, Option<String>)> = s
        .history("visit", &id)
        .unwrap()
        .into_iter()
        .map(|c| (c.field, c.new))
        .collect();
    for (field, value) in [
        ("status", "scheduled"),
        ("status", "on_site"),
        ("status", "completed"),
        ("engineer", "li"),
        ("confirmed_by", "张三"),
        ("notes", "换滤芯, 测试水压正常"),
    ] {
        assert!(
            log.contains(&(field.into(), Some(value.into()))),
            "{field}={value} missing from {log:?}"
        );
    }
    let ticket_id = s.ticket_detail(1001).unwrap().unwrap().row.id.clone();
    let on_ticket: Vec<String> = s
        .history("ticket", &ticket_id)
        .unwrap()
        .into_iter()
        .filter_map(|c| c.new)
        .collect();
    assert!(
        on_ticket
            .iter()
            .any(|n| n == &format!("V{waiting} completed")),
        "{on_ticket:?}"
    );
}

#[test]
fn rescheduling_clears_the_window_and_a_new_one_schedules_again() {
    let mut s = store();
    let n = visit(&mut s, Some("li"), window(9, 2));
    let v = s
        .set_visit(n, &[VisitEdit::Status(VisitStatus::Rescheduled)], NOW)
        .unwrap();
    assert_eq!((v.status, v.window_start), (VisitStatus::Rescheduled, None));
    let e = refused(s.set_visit(n, &[VisitEdit::Status(VisitStatus::OnSite)], NOW));
    assert!(e.contains("can become: scheduled, cancelled"), "{e}");
    let v = s
        .set_visit(n, &[VisitEdit::Window(window(14, 2))], NOW)
        .unwrap();
    assert_eq!(v.status, VisitStatus::Scheduled);
    assert_eq!(v.window_start, window(14, 2).map(|w| w.0));
}

#[test]
fn out_of_warranty_work_waits_for_an_accepted_quote_and_uses_its_parts() {
    let mut s = store();
    s.receive_part("FLT-200", "上海仓", 5, "", NOW).unwrap();
    s.transfer_part("FLT-200", "上海仓", "van:li", 3, NOW)
        .unwrap();
    let n = visit(&mut s, Some("li"), window(9, 2));
    s.reserve_part(n, "FLT-200", "van:li", 2, NOW).unwrap();
    let e = refused(s.reserve_part(n, "FLT-200", "上海仓", 3, NOW));
    assert!(
        e.contains("2 free"),
        "only 2 free at the warehouse after the transfer: {e}"
    );
    let v = s
        .set_visit(
            n,
            &[
                VisitEdit::Cause(Cause::UserDamage),
                VisitEdit::Status(VisitStatus::OnSite),
            ],
            NOW,
        )
        .unwrap();
    assert_eq!(v.coverage, Coverage::Out);
    assert_eq!(v.quote_state, QuoteState::Pending);
    // Two filters at 89 + one hour at 120 + the 50 call-out fee.
    assert_eq!(v.quote_cents, Some(2 * 8_900 + 12_000 + 5_000));
    let e = refused(s.set_visit(
        n,
        &[
            VisitEdit::Notes("换".into()),
            VisitEdit::Status(VisitStatus::Completed),
        ],
        NOW,
    ));
    assert!(e.contains("accept the quote"), "{e}");
    let parts = s.part_list(false).unwrap();
    assert_eq!((parts[0].on_hand, parts[0].reserved), (5, 2));
    s.set_visit(
        n,
        &[
            VisitEdit::Notes("换".into()),
            VisitEdit::Quote(QuoteState::Accepted),
            VisitEdit::Status(VisitStatus::Completed),
        ],
        NOW,
    )
    .unwrap();
    let parts = s.part_list(false).unwrap();
    assert_eq!(
        (parts[0].on_hand, parts[0].reserved),
        (3, 0),
        "two consumed from the van"
    );
    let van: Vec<_> = s
        .part_stock(Some("flt-200"))
        .unwrap()
        .into_iter()
        .filter(|r| r.location.as_str() == "van:li")
        .collect();
    assert_eq!(van[0].on_hand, 1);
    let used = s.visit_parts(n).unwrap();
    assert_eq!((used.len(), used[0].qty, used[0].used), (1, 2, true));
    let log: Vec<String> = s
        .history("part", "FLT-200")
        .unwrap()
        .into_iter()
        .filter_map(|c| c.new)
        .collect();
    assert!(
        log.iter()
            .any(|l| l == &format!("1 (consume: used on V{n})")),
        "{log:?}"
    );
    assert!(log.iter().any(|l| l == "5 (receive)"), "{log:?}");
}

#[test]
fn stock_never_goes_below_zero_and_cancelled_visits_give_parts_back() {
    let mut s = store();
    s.receive_part("FLT-200", "上海仓", 2, "PO-7", NOW).unwrap();
    let e = refused(s.transfer_part("FLT-200", "上海仓", "van:li", 3, NOW));
    assert!(e.contains("2 free"), "{e}");
    let n = visit(&mut s, Some("li"), window(9, 2));
    s.reserve_part(n, "FLT-200", "上海仓", 2, NOW).unwrap();
    // Everything is reserved: nothing may move, and the part is low (free 0 ≤ reorder point 2).
    assert!(refused(s.transfer_part("FLT-200", "上海仓", "van:li", 1, NOW)).contains("0 free"));
    assert_eq!(s.part_list(true).unwrap().len(), 1);
    s.set_visit(n, &[VisitEdit::Status(VisitStatus::Cancelled)], NOW)
        .unwrap();
    let p = &s.part_list(false).unwrap()[0];
    assert_eq!((p.on_hand, p.reserved), (2, 0));
    assert!(refused(s.reserve_part(n, "FLT-200", "上海仓", 1, NOW)).contains("cancelled"));
    // A stocktake can set any count; the difference is logged as an adjustment.
    assert_eq!(s.count_part("FLT-200", "上海仓", 0, NOW).unwrap(), 0);
    let log: Vec<String> = s
        .history("part", "FLT-200")
        .unwrap()
        .into_iter()
        .filter_map(|c| c.new)
        .collect();
    assert!(log.iter().any(|l| l == "0 (adjust: stocktake)"), "{log:?}");
}

#[test]
fn return_requests_follow_the_seven_and_fifteen_day_rules() {
    let mut s = store();
    let new = |s: &mut Store, kind, reason, delivered| {
        s.new_return(
            &NewReturn {
                ticket: 1001,
                kind,
                reason,
                order: None,
                delivered_at: delivered,
                note: String::new(),
            },
            NOW,
        )
        .unwrap()
    };
    // Delivered six days ago (the order's date): a no-reason return is still allowed.
    let r = new(&mut s, RmaKind::Return, RmaReason::NoReason, None);
    assert!(
        r.eligibility
            .as_str()
            .starts_with("day 6 after delivery, within"),
        "{}",
        r.eligibility
    );
    assert_eq!(r.order.as_ref().map(|o| o.as_str()), Some("O1"));
    let approved = ReturnStep {
        status: Some(RmaStatus::Approved),
        ..ReturnStep::default()
    };
    s.set_return(r.number, &approved, NOW).unwrap();
    let e = refused(s.set_return(
        r.number,
        &ReturnStep {
            status: Some(RmaStatus::Exchanged),
            ..ReturnStep::default()
        },
        NOW,
    ));
    assert!(e.contains("can become: collected, received"), "{e}");
    for step in [RmaStatus::Received, RmaStatus::Inspected] {
        s.set_return(
            r.number,
            &ReturnStep {
                status: Some(step),
                ..ReturnStep::default()
            },
            NOW,
        )
        .unwrap();
    }
    let e = refused(s.set_return(
        r.number,
        &ReturnStep {
            status: Some(RmaStatus::Refunded),
            ..ReturnStep::default()
        },
        NOW,
    ));
    assert!(e.contains("refund needs its amount"), "{e}");
    let done = s
        .set_return(
            r.number,
            &ReturnStep {
                status: Some(RmaStatus::Refunded),
                refund_cents: Some(199_900),
                ..ReturnStep::default()
            },
            NOW,
        )
        .unwrap();
    assert_eq!(
        (done.status, done.refund_cents),
        (RmaStatus::Refunded, Some(199_900))
    );

    // Twenty days after delivery an exchange is past its fifteen days: approving needs a stated exception.
    let late = new(
        &mut s,
        RmaKind::Exchange,
        RmaReason::Quality,
        Some(NOW - 20 * DAY),
    );
    assert!(
        late.eligibility
            .as_str()
            .contains("past the 15-day exchange"),
        "{}",
        late.eligibility
    );
    let e = refused(s.set_return(late.number, &approved, NOW));
    assert!(e.contains("exception="), "{e}");
    let ok = s
        .set_return(
            late.number,
            &ReturnStep {
                exception: Some("经理批准".into()),
                ..approved.clone()
            },
            NOW,
        )
        .unwrap();
    assert_eq!(ok.exception.as_ref().map(|e| e.as_str()), Some("经理批准"));
    let ticket_id = s.ticket_detail(1001).unwrap().unwrap().row.id.clone();
    let on_ticket: Vec<String> = s
        .history("ticket", &ticket_id)
        .unwrap()
        .into_iter()
        .filter_map(|c| c.new)
        .collect();
    assert!(
        on_ticket
            .iter()
            .any(|n| n == &format!("R{} approved", late.number)),
        "{on_ticket:?}"
    );
    let mine = s
        .return_list(desk::store::returns::ReturnsOf::Customer("C1"), 10)
        .unwrap();
    assert_eq!(mine.len(), 2);
}

#[test]
fn the_schedule_shows_engineers_and_flags_overlaps_and_tight_travel() {
    let mut s = store();
    s.set_actor(None);
    s.set_agent_skills("wang", &["service:install".into()], &[], NOW)
        .unwrap();
    s.set_actor(Some("li".into()));
    let a = visit(&mut s, Some("li"), window(9, 2));
    let b = visit(&mut s, Some("li"), window(10, 2));
    let waiting = visit(&mut s, None, None);
    let day = s.schedule(MONDAY, MONDAY + DAY, 45).unwrap();
    let handles: Vec<&str> = day.lanes.iter().map(|l| l.handle.as_str()).collect();
    assert_eq!(
        handles,
        ["li", "wang"],
        "li has visits, wang a service skill"
    );
    assert_eq!(day.lanes[0].flags, vec![Flag::Conflict { a, b }]);
    assert!(day.lanes[1].visits.is_empty());
    assert_eq!(
        day.waiting.iter().map(|v| v.number).collect::<Vec<_>>(),
        [waiting]
    );
    // The next day is empty.
    let next = s.schedule(MONDAY + DAY, MONDAY + 2 * DAY, 45).unwrap();
    assert!(next.lanes.iter().all(|l| l.visits.is_empty()));
}

/// `[routing] unassigned_after`: a ticket waiting in a group with nobody assigned is escalated once per stretch
/// of waiting — not again at the next pass, but again after it was assigned and handed back.
#[test]
fn a_ticket_waiting_unassigned_in_its_group_is_escalated_once_per_wait() {
    use desk::store::ticket_write::TicketEdit;
    let mut s = store();
    // No SLA escalation rules: only the unassigned one acts on the ticket.
    common::apply_rules(
        &mut s,
        "[routing]\nunassigned_after = \"30m\"\n\n[sla]\nescalations = []\n",
    );
    s.set_actor(None);
    s.add_group("售后", NOW).unwrap();
    s.set_ticket(
        1001,
        &[
            TicketEdit::Assignee(None),
            TicketEdit::Group(Some("售后".into())),
        ],
        None,
        NOW,
    )
    .unwrap();
    let escalated = |s: &mut Store, at: i64| {
        s.sla_run(at)
            .unwrap()
            .escalated
            .into_iter()
            .filter(|e| e.rule == "unassigned-in-group")
            .count()
    };
    assert_eq!(escalated(&mut s, NOW + 29 * 60), 0, "not yet");
    assert_eq!(escalated(&mut s, NOW + 31 * 60), 1);
    let d = s.ticket_detail(1001).unwrap().unwrap();
    assert!(d.tags.iter().any(|t| t.as_str() == "unassigned"));
    let said: Vec<String> = s
        .history("ticket", &d.row.id)
        .unwrap()
        .into_iter()
        .filter_map(|c| c.new)
        .collect();
    assert!(
        said.iter()
            .any(|l| l.starts_with("waited 31m in 售后 with nobody assigned")),
        "{said:?}"
    );
    // Still waiting, an hour and more later: no second escalation for the same wait.
    assert_eq!(escalated(&mut s, NOW + 90 * 60), 0);
    assert_eq!(escalated(&mut s, NOW + 200 * 60), 0);
    // Taken and handed back: a new wait, escalated again once it is long enough.
    s.set_ticket(
        1001,
        &[TicketEdit::Assignee(Some("li".into()))],
        None,
        NOW + 210 * 60,
    )
    .unwrap();
    s.set_ticket(1001, &[TicketEdit::Assignee(None)], None, NOW + 211 * 60)
        .unwrap();
    assert_eq!(escalated(&mut s, NOW + 230 * 60), 0);
    assert_eq!(escalated(&mut s, NOW + 245 * 60), 1);
    let listed = s.escalations_since(NOW, 10).unwrap();
    assert_eq!(
        listed
            .iter()
            .filter(|e| e.rule == "unassigned-in-group")
            .count(),
        2
    );
}

/// Every schedule and field-report query reads an index range: none scans a table, none sorts in a temp B-tree.
#[test]
fn schedule_and_report_queries_read_index_ranges() {
    let s = store();
    for (name, plan) in s.field_query_plans().unwrap() {
        assert!(
            plan.contains("USING INDEX") || plan.contains("USING COVERING INDEX"),
            "{name}: {plan}"
        );
        for line in plan.lines() {
            let scans_table = line.starts_with("SCAN ") && !line.contains("INDEX");
            assert!(!scans_table, "{name} scans a table: {plan}");
        }
        if name != "parts consumed" {
            assert!(!plan.contains("TEMP B-TREE"), "{name} sorts: {plan}");
        }
    }
}

#[test]
fn a_part_listed_for_another_product_is_reserved_with_a_warning() {
    let mut s = store();
    s.add_part(
        &NewPart {
            code: "HEPA-X3".into(),
            name: "滤网".into(),
            compatible: vec!["X3".into()],
            ..NewPart::default()
        },
        NOW,
    )
    .unwrap();
    s.receive_part("HEPA-X3", "上海仓", 2, "", NOW).unwrap();
    s.receive_part("FLT-200", "上海仓", 2, "", NOW).unwrap();
    let n = visit(&mut s, Some("li"), window(9, 2));
    let warned = s.reserve_part(n, "HEPA-X3", "上海仓", 1, NOW).unwrap();
    assert_eq!(
        warned.as_deref(),
        Some("HEPA-X3 is listed for X3; the ticket's product is 净水器 S9")
    );
    // A part listed for nothing in particular fits anything.
    assert_eq!(
        s.reserve_part(n, "FLT-200", "上海仓", 1, NOW).unwrap(),
        None
    );
}

#[test]
fn a_changed_quote_waits_for_the_customer_again() {
    let mut s = store();
    let n = visit(&mut s, Some("li"), window(9, 2));
    let v = s
        .set_visit(
            n,
            &[
                VisitEdit::Cause(Cause::UserDamage),
                VisitEdit::QuoteCents(30_000),
                VisitEdit::Quote(QuoteState::Accepted),
            ],
            NOW,
        )
        .unwrap();
    assert_eq!(
        (v.quote_cents, v.quote_state),
        (Some(30_000), QuoteState::Accepted)
    );
    // The same amount again changes nothing; a new one needs a new yes.
    let v = s
        .set_visit(n, &[VisitEdit::QuoteCents(30_000)], NOW)
        .unwrap();
    assert_eq!(v.quote_state, QuoteState::Accepted);
    let v = s
        .set_visit(n, &[VisitEdit::QuoteCents(45_000)], NOW)
        .unwrap();
    assert_eq!(
        (v.quote_cents, v.quote_state),
        (Some(45_000), QuoteState::Pending)
    );
}
