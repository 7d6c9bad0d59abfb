//! Coalescing keeps every write and every must-answer read, in order, and drops only reads superseded by a newer
//! read of the same slot.

use super::*;
use crate::domain::kb::{ArticleDoc, ArticleStatus, Insert};
use crate::domain::metrics_report::Window;
use crate::domain::service_loop::{FollowUpOutcome, SurveyResponse};
use crate::domain::team::Activity;
use crate::domain::ticket::{Channel, Kind, Priority, Status};
use crate::domain::view::{Cursor, PageRequest};
use crate::store::customer_write::CustomerEdit;
use crate::store::metrics::MetricsQuery;
use crate::store::ticket_write::TicketEdit;
use proptest::prelude::*;

fn page(i: u64) -> PageRequest {
    match i % 4 {
        0 => PageRequest::First,
        1 => PageRequest::Last,
        2 => PageRequest::After(Cursor { key: 5, rid: 1 }),
        _ => PageRequest::Before(Cursor { key: 5, rid: 1 }),
    }
}

/// One request of every variant (and both classes of the variants whose class depends on a field), with `i`
/// making otherwise equal requests distinguishable.
/// A metrics query over the first day, as of `at`.
fn day_query(at: i64) -> Box<MetricsQuery> {
    Box::new(MetricsQuery::dashboard(
        Window {
            from: 0,
            to: 86_400,
        },
        at,
        0,
    ))
}

fn every_request(i: u64) -> Vec<Request> {
    let n = i as i64;
    let at = 1_000 + n;
    let mut out: Vec<Request> = Vec::new();
    for p in 0..4 {
        out.push(
            TicketRequest::Page {
                generation: i,
                filter: Box::default(),
                me: None,
                req: page(p),
                limit: 50,
            }
            .into(),
        );
        out.push(
            CustomerRequest::Page {
                generation: i,
                filter: Box::default(),
                req: page(p),
                limit: 50,
            }
            .into(),
        );
        out.push(
            KbRequest::Page {
                generation: i,
                filter: Default::default(),
                req: page(p),
                limit: 50,
            }
            .into(),
        );
    }
    let tickets = [
        TicketRequest::Counts,
        TicketRequest::ViewCounts {
            filters: Vec::new(),
            me: None,
        },
        TicketRequest::Count {
            generation: i,
            filter: Box::default(),
            me: None,
        },
        TicketRequest::Detail { number: n, at },
        TicketRequest::History { number: n },
        TicketRequest::Search {
            query: format!("q{i}"),
            relevance: false,
        },
        TicketRequest::Rows { numbers: vec![n] },
        TicketRequest::MergePreview {
            source: n,
            target: n + 1,
        },
        TicketRequest::Set {
            number: n,
            edits: vec![TicketEdit::Priority(Priority::High)],
            expected_version: 1,
            base_seq: 0,
            at,
        },
        TicketRequest::AddMessage(AddMessage {
            by_mail: false,
            solution: false,
            number: n,
            author_id: None,
            internal: false,
            body: format!("reply {i}"),
            edits: Vec::new(),
            since: None,
            at,
        }),
        TicketRequest::Create {
            customer: NewTicketCustomer::Existing(format!("c{i}")),
            product_id: None,
            subject: format!("s{i}"),
            kind: Kind::Question,
            channel: Channel::Email,
            priority: Priority::Normal,
            body: "b".into(),
            at,
        },
        TicketRequest::Merge {
            source: n,
            target: n + 1,
            at,
        },
        TicketRequest::Link { a: n, b: n + 1, at },
        TicketRequest::Take {
            number: n,
            agent_id: "a".into(),
            at,
        },
        TicketRequest::BulkSet {
            numbers: vec![n],
            edits: vec![TicketEdit::Status(Status::Open)],
            at,
        },
        TicketRequest::BulkReply {
            replies: vec![(n, "r".into())],
            author_id: None,
            edits: Vec::new(),
            at,
        },
        TicketRequest::RecordFollowUp {
            number: n,
            outcome: FollowUpOutcome::Confirmed,
            note: format!("call {i}"),
            at,
        },
        TicketRequest::RecordSurvey {
            number: n,
            survey: SurveyResponse::default(),
            at,
        },
        TicketRequest::SaveDraft {
            number: n,
            internal: false,
            body: format!("draft {i}"),
            macro_name: None,
            article: None,
            by_mail: i.is_multiple_of(2),
            at,
        },
        TicketRequest::DeleteDraft { number: n },
        TicketRequest::Undo { window: 600, at },
        TicketRequest::CheckFilter {
            text: format!("assignee:a{i}"),
        },
    ];
    out.extend(tickets.into_iter().map(Request::from));
    let customers = [
        CustomerRequest::Count {
            generation: i,
            filter: Box::default(),
        },
        CustomerRequest::Detail {
            id: format!("c{i}"),
        },
        CustomerRequest::Matches {
            text: format!("t{i}"),
        },
        CustomerRequest::Products {
            customer_id: format!("c{i}"),
        },
        CustomerRequest::Duplicates {
            id: format!("c{i}"),
        },
        CustomerRequest::Edit {
            id: format!("c{i}"),
            expected_version: 1,
            edits: vec![CustomerEdit::Name(format!("n{i}"))],
            at,
        },
        CustomerRequest::Create {
            edits: vec![CustomerEdit::Name(format!("n{i}"))],
            at,
        },
        CustomerRequest::Merge {
            from: "a".into(),
            into: "b".into(),
            at,
        },
        CustomerRequest::CareDone {
            customer_id: "c".into(),
            task_id: format!("t{i}"),
            at,
        },
    ];
    out.extend(customers.into_iter().map(Request::from));
    let kb = [
        KbRequest::Categories,
        KbRequest::Count {
            generation: i,
            filter: Default::default(),
        },
        KbRequest::Article {
            id: format!("a{i}"),
            count_view: true,
        },
        KbRequest::Article {
            id: format!("a{i}"),
            count_view: false,
        },
        KbRequest::Search {
            query: format!("q{i}"),
            statuses: Vec::new(),
        },
        KbRequest::Suggestions {
            number: n,
            limit: 5,
        },
        KbRequest::History {
            id: format!("a{i}"),
        },
        KbRequest::Save {
            doc: Box::new(ArticleDoc {
                id: None,
                title: format!("t{i}"),
                category: None,
                tags: Vec::new(),
                status: ArticleStatus::Draft,
                body: "b".into(),
            }),
            expected_version: None,
            at,
        },
        KbRequest::SetStatus {
            id: format!("a{i}"),
            status: ArticleStatus::Published,
            at,
        },
        KbRequest::Vote {
            id: format!("a{i}"),
            helpful: true,
            at,
        },
        KbRequest::Used {
            id: format!("a{i}"),
            number: n,
            how: Insert::Link,
            at,
        },
    ];
    out.extend(kb.into_iter().map(Request::from));
    let team = [
        TeamRequest::DataVersion,
        TeamRequest::ChangesSince { seq: Some(n) },
        TeamRequest::Heartbeat {
            number: n,
            activity: Some(Activity::Viewing),
            at,
        },
        TeamRequest::PresenceOn { number: n, at },
        TeamRequest::Agents,
        TeamRequest::Groups,
    ];
    out.extend(team.into_iter().map(Request::from));
    let service = [
        ServiceRequest::SlaCheck { handle: None, at },
        ServiceRequest::EscalationsSeen { handle: None, at },
        ServiceRequest::Dashboard {
            query: day_query(at),
            rules: Box::default(),
        },
    ];
    out.extend(service.into_iter().map(Request::from));
    let sync = [
        SyncRequest::Conflicts { actor: None },
        SyncRequest::Settle {
            loser: format!("c{i}"),
            reapply: i.is_multiple_of(2),
            at,
        },
    ];
    out.extend(sync.into_iter().map(Request::from));
    let field = [
        FieldRequest::Week { at },
        FieldRequest::SetVisit {
            number: n,
            edits: vec![crate::store::visits::VisitEdit::Engineer(Some("li".into()))],
            at,
        },
    ];
    out.extend(field.into_iter().map(Request::from));
    let qa = [
        QaRequest::Load { me: None },
        QaRequest::Sample {
            week_of: at,
            offset: 0,
            at,
        },
        QaRequest::Score {
            ticket: n,
            scored: Box::new(crate::domain::qa::Scored::of(Vec::new())),
            comment: format!("c{i}"),
            offset: 0,
            at,
        },
    ];
    out.extend(qa.into_iter().map(Request::from));
    let plans = [
        PlanRequest::Page {
            generation: i,
            req: page(i),
            limit: 100,
        },
        PlanRequest::Indicators {
            query: day_query(at),
            rules: Box::default(),
        },
        PlanRequest::History { number: n },
        PlanRequest::Move {
            number: n,
            to: crate::domain::plan::PlanStatus::Do,
            at,
        },
    ];
    out.extend(plans.into_iter().map(Request::from));
    out
}

/// The writes this protocol has, by name: a write classified as a read would fail here.
fn is_write(r: &Request) -> bool {
    matches!(
        r,
        Request::Tickets(
            TicketRequest::Set { .. }
                | TicketRequest::AddMessage(_)
                | TicketRequest::Create { .. }
                | TicketRequest::Merge { .. }
                | TicketRequest::Link { .. }
                | TicketRequest::Take { .. }
                | TicketRequest::BulkSet { .. }
                | TicketRequest::BulkReply { .. }
                | TicketRequest::RecordFollowUp { .. }
                | TicketRequest::RecordSurvey { .. }
                | TicketRequest::SaveDraft { .. }
                | TicketRequest::DeleteDraft { .. }
                | TicketRequest::Undo { .. }
        ) | Request::Customers(
            CustomerRequest::Edit { .. }
                | CustomerRequest::Create { .. }
                | CustomerRequest::Merge { .. }
                | CustomerRequest::CareDone { .. }
        ) | Request::Kb(
            KbRequest::Article {
                count_view: true,
                ..
            } | KbRequest::Save { .. }
                | KbRequest::SetStatus { .. }
                | KbRequest::Vote { .. }
                | KbRequest::Used { .. }
        ) | Request::Team(TeamRequest::Heartbeat { .. })
            | Request::Service(
                ServiceRequest::SlaCheck { .. } | ServiceRequest::EscalationsSeen { .. }
            )
            | Request::Sync(SyncRequest::Settle { .. })
            | Request::Field(FieldRequest::SetVisit { .. })
            | Request::Qa(QaRequest::Sample { .. } | QaRequest::Score { .. })
            | Request::Plans(PlanRequest::Move { .. })
    )
}

#[test]
fn every_write_is_classified_as_a_write_and_survives_a_duplicate() {
    for req in every_request(1) {
        assert_eq!(
            is_write(&req),
            req.class() == Class::Write,
            "{req:?} is classified {:?}",
            req.class()
        );
        if req.class() != Class::Write {
            continue;
        }
        let twice = vec![req.clone(), req.clone()];
        assert_eq!(coalesce(twice.clone()), twice, "a write was dropped");
    }
}

#[test]
fn a_newer_read_of_the_same_slot_replaces_an_older_one() {
    let old: Request = TicketRequest::Detail { number: 1, at: 0 }.into();
    let write: Request = TicketRequest::Take {
        number: 1,
        agent_id: "a".into(),
        at: 0,
    }
    .into();
    let new: Request = TicketRequest::Detail { number: 2, at: 0 }.into();
    let other: Request = TicketRequest::Counts.into();
    assert_eq!(
        coalesce(vec![old, write.clone(), other.clone(), new.clone()]),
        vec![write, other, new]
    );
    let next_page: Request = TicketRequest::Page {
        generation: 1,
        filter: Box::default(),
        me: None,
        req: PageRequest::After(Cursor { key: 1, rid: 1 }),
        limit: 10,
    }
    .into();
    assert_eq!(
        coalesce(vec![next_page.clone(), next_page.clone()]).len(),
        2,
        "a page after a cursor is answered, however many are queued"
    );
}

proptest! {
    #[test]
    fn coalescing_keeps_writes_and_the_newest_read_per_slot(
        picks in proptest::collection::vec((0usize..200, 0u64..3), 0..60)
    ) {
        let pools: Vec<Vec<Request>> = (0..3).map(every_request).collect();
        let batch: Vec<Request> = picks
            .iter()
            .map(|(i, v)| {
                let pool = &pools[*v as usize];
                pool[i % pool.len()].clone()
            })
            .collect();
        // Tagged with their place, so equal requests stay distinguishable.
        let tagged: Vec<(usize, Request)> = batch.iter().cloned().enumerate().collect();
        let kept_at: Vec<usize> = coalesce_by(tagged, |(_, r)| r.class())
            .into_iter()
            .map(|(j, _)| j)
            .collect();
        prop_assert!(kept_at.windows(2).all(|w| w[0] < w[1]), "kept in batch order");
        prop_assert_eq!(coalesce(batch.clone()).len(), kept_at.len());
        for (j, req) in batch.iter().enumerate() {
            let is_kept = kept_at.contains(&j);
            match req.class() {
                Class::Write | Class::Keep => prop_assert!(is_kept, "dropped {req:?}"),
                Class::Latest(slot) => {
                    let newer = batch.iter().skip(j + 1).any(|r| r.class() == Class::Latest(slot));
                    prop_assert_eq!(is_kept, !newer, "slot {:?} at {}", slot, j);
                }
            }
        }
    }
}
