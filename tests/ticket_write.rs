//! Ticket writes through the change log: create, messages with their status rules, setting fields and tags.

mod common;

use common::*;
use desk::domain::lifecycle::Writer;
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::store::StoreError;
use desk::store::ticket_write::{NewTicket, TicketEdit};

fn new_ticket(customer: &str) -> NewTicket {
    NewTicket {
        subject: "打印机无法连接 Wi-Fi".into(),
        kind: Kind::Question,
        channel: Channel::Wechat,
        priority: Priority::High,
        customer_id: customer.into(),
        product_id: None,
        body: "您好，打印机连不上网。".into(),
    }
}

#[test]
fn create_numbers_after_the_highest_and_logs_it() {
    let mut store = store_with_tickets(5); // #1000..#1004
    store.set_actor(Some("li".into()));
    let a = store.create_ticket(&new_ticket("C1"), NOW).unwrap();
    let b = store.create_ticket(&new_ticket("C2"), NOW + 1).unwrap();
    assert_eq!((a.number, b.number), (1005, 1006));
    let d = store.ticket_detail(a.number).unwrap().unwrap();
    assert_eq!(
        (d.row.status, d.row.priority, d.row.channel),
        (Status::New, Priority::High, Channel::Wechat)
    );
    assert_eq!(d.messages.len(), 1);
    assert_eq!(d.messages[0].body.as_str(), "您好，打印机连不上网。");
    let h = store.history("ticket", &a.id).unwrap();
    assert_eq!(
        (
            h[0].field.as_str(),
            h[0].new.as_deref(),
            h[0].actor.as_deref()
        ),
        ("created", Some("1005"), Some("li"))
    );
    let err = store.create_ticket(&new_ticket("nobody"), NOW).unwrap_err();
    assert!(matches!(
        err,
        StoreError::NotFound {
            entity: "customer",
            ..
        }
    ));
}

#[test]
fn replies_stamp_first_response_and_customers_reopen() {
    let mut store = store_with_tickets(0);
    let t = store.create_ticket(&new_ticket("C1"), NOW).unwrap();
    store
        .add_message(
            t.number,
            Writer::Agent,
            Some("A1"),
            true,
            "checking logs",
            NOW + 10,
        )
        .unwrap();
    let d = store.ticket_detail(t.number).unwrap().unwrap();
    assert_eq!(
        (d.row.status, d.first_response_at),
        (Status::New, None),
        "a note is not a response"
    );
    let out = store
        .add_message(
            t.number,
            Writer::Agent,
            Some("A1"),
            false,
            "请重启路由器",
            NOW + 60,
        )
        .unwrap();
    let fields: Vec<_> = out.changed.iter().map(|c| c.field).collect();
    assert_eq!(fields, vec!["status", "first_response_at"]);
    store
        .set_ticket(
            t.number,
            &[TicketEdit::Status(Status::Solved)],
            None,
            NOW + 120,
        )
        .unwrap();
    store
        .add_message(
            t.number,
            Writer::Customer,
            Some("C1"),
            false,
            "还是不行",
            NOW + 180,
        )
        .unwrap();
    let d = store.ticket_detail(t.number).unwrap().unwrap();
    assert_eq!(
        (d.row.status, d.row.solved_at, d.first_response_at),
        (Status::Open, None, Some(NOW + 60))
    );
    assert_eq!(d.messages.len(), 4);
    assert!(d.messages[1].internal && !d.messages[2].internal);
    assert_eq!(d.row.updated_at, NOW + 180);
    let history: Vec<String> = store
        .history("ticket", &t.id)
        .unwrap()
        .iter()
        .map(|h| h.field.clone())
        .collect();
    assert_eq!(
        history,
        vec![
            "created",
            "note",
            "reply",
            "status",
            "first_response_at",
            "status",
            "solved_at",
            // Solving starts the closed loop; the customer's reply reopens the ticket and clears it.
            "loop_stage",
            "customer_message",
            "status",
            "solved_at",
            "loop_stage",
        ]
    );
}

#[test]
fn invalid_moves_and_replies_to_closed_tickets_are_refused_whole() {
    let mut store = store_with_tickets(0);
    let t = store.create_ticket(&new_ticket("C1"), NOW).unwrap();
    let spam = [
        TicketEdit::Status(Status::Closed),
        TicketEdit::CloseReason("spam".into()),
    ];
    store.set_ticket(t.number, &spam, None, NOW).unwrap();
    let before = store.history("ticket", &t.id).unwrap().len();
    let err = store
        .set_ticket(
            t.number,
            &[
                TicketEdit::Priority(Priority::Low),
                TicketEdit::Status(Status::Open),
            ],
            None,
            NOW,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot move a ticket from closed to open; from closed it can go to: nothing (it is final)"
    );
    let err = store
        .add_message(t.number, Writer::Customer, Some("C1"), false, "hello?", NOW)
        .unwrap_err();
    assert!(err.to_string().contains("open a follow-up ticket"), "{err}");
    assert_eq!(
        store.history("ticket", &t.id).unwrap().len(),
        before,
        "nothing half-applied"
    );
    assert_eq!(
        store.ticket_detail(t.number).unwrap().unwrap().row.priority,
        Priority::High
    );
    store
        .add_message(
            t.number,
            Writer::Agent,
            Some("A1"),
            true,
            "note on a closed ticket is fine",
            NOW,
        )
        .unwrap();
}

#[test]
fn fields_assignee_and_tags_with_versions() {
    let mut store = store_with_tickets(0);
    let t = store.create_ticket(&new_ticket("C1"), NOW).unwrap();
    let out = store
        .set_ticket(
            t.number,
            &[
                TicketEdit::Assignee(Some("wang".into())),
                TicketEdit::Priority(Priority::Urgent),
                TicketEdit::AddTag("vip".into()),
                TicketEdit::AddTag("vip".into()),
            ],
            Some(1),
            NOW,
        )
        .unwrap();
    assert_eq!(out.version, 2);
    let d = store.ticket_detail(t.number).unwrap().unwrap();
    assert_eq!(
        d.row.assignee.as_ref().map(|a| a.as_str()),
        Some("Wang Wei")
    );
    assert_eq!(
        d.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        vec!["vip"]
    );
    // A stale version is refused, and so is the whole edit.
    let err = store
        .set_ticket(
            t.number,
            &[TicketEdit::RemoveTag("vip".into())],
            Some(1),
            NOW,
        )
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { found: 2, .. }),
        "{err}"
    );
    assert_eq!(
        store.ticket_detail(t.number).unwrap().unwrap().tags.len(),
        1
    );
    // Tags alone still move the version.
    let out = store
        .set_ticket(
            t.number,
            &[TicketEdit::RemoveTag("vip".into())],
            Some(2),
            NOW,
        )
        .unwrap();
    assert_eq!(out.version, 3);
    let tags: Vec<_> = store
        .history("ticket", &t.id)
        .unwrap()
        .into_iter()
        .filter(|h| h.field == "tags")
        .map(|h| h.new)
        .collect();
    assert_eq!(
        tags,
        vec![Some("+vip".to_string()), Some("-vip".to_string())]
    );
    let err = store
        .set_ticket(
            t.number,
            &[TicketEdit::Assignee(Some("ghost".into()))],
            None,
            NOW,
        )
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::NotFound {
            entity: "agent",
            ..
        }
    ));
    store
        .set_ticket(t.number, &[TicketEdit::Assignee(None)], None, NOW)
        .unwrap();
    assert!(
        store
            .ticket_detail(t.number)
            .unwrap()
            .unwrap()
            .row
            .assignee
            .is_none()
    );
}

#[test]
fn merging_moves_the_thread_in_order_and_the_number_still_resolves() {
    let mut store = store_with_tickets(0);
    let a = store.create_ticket(&new_ticket("C1"), NOW).unwrap();
    let b = store.create_ticket(&new_ticket("C1"), NOW + 10).unwrap();
    store
        .set_ticket(a.number, &[TicketEdit::AddTag("printer".into())], None, NOW)
        .unwrap();
    store
        .add_message(
            b.number,
            Writer::Customer,
            Some("C1"),
            false,
            "second report",
            NOW + 20,
        )
        .unwrap();
    store
        .add_message(
            a.number,
            Writer::Agent,
            Some("A1"),
            false,
            "looking into it",
            NOW + 30,
        )
        .unwrap();
    store.merge_ticket(b.number, a.number, NOW + 40).unwrap();

    let target = store.ticket_detail(a.number).unwrap().unwrap();
    let bodies: Vec<&str> = target.messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(
        bodies,
        vec![
            "您好，打印机连不上网。",
            "您好，打印机连不上网。",
            "second report",
            "looking into it",
            &*format!(
                "#{} was merged into this ticket (2 messages moved).",
                b.number
            )
        ]
    );
    let source = store.ticket_detail(b.number).unwrap().unwrap();
    assert_eq!(
        (source.row.status, source.merged_into),
        (Status::Merged, Some(a.number))
    );
    assert!(source.messages.is_empty());
    assert_eq!(store.resolve_number(b.number).unwrap(), a.number);
    assert_eq!(store.resolve_number(a.number).unwrap(), a.number);
    let history: Vec<(String, Option<String>)> = store
        .history("ticket", &a.id)
        .unwrap()
        .into_iter()
        .map(|h| (h.field, h.new))
        .collect();
    assert!(history.contains(&("merged_from".into(), Some(b.number.to_string()))));
    // Merging into a merged ticket, or a ticket into itself, is refused.
    let c = store.create_ticket(&new_ticket("C2"), NOW).unwrap();
    assert!(
        store
            .merge_ticket(c.number, b.number, NOW)
            .unwrap_err()
            .to_string()
            .contains("merge into an active ticket")
    );
    assert!(store.merge_ticket(c.number, c.number, NOW).is_err());
}

#[test]
fn links_are_mutual_and_idempotent() {
    let mut store = store_with_tickets(0);
    let a = store.create_ticket(&new_ticket("C1"), NOW).unwrap();
    let b = store.create_ticket(&new_ticket("C2"), NOW).unwrap();
    assert!(store.link_tickets(b.number, a.number, NOW).unwrap());
    assert!(
        !store.link_tickets(a.number, b.number, NOW).unwrap(),
        "the same pair again adds nothing"
    );
    assert_eq!(
        store.ticket_detail(a.number).unwrap().unwrap().links,
        vec![b.number]
    );
    assert_eq!(
        store.ticket_detail(b.number).unwrap().unwrap().links,
        vec![a.number]
    );
    assert_eq!(
        store
            .history("ticket", &a.id)
            .unwrap()
            .iter()
            .filter(|h| h.field == "linked")
            .count(),
        1
    );
}

#[test]
fn claiming_is_atomic_across_connections() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claim.db");
    let mut one = desk::store::Store::open(&path, desk::store::OpenMode::Create).unwrap();
    fill(&mut one, 0);
    let t = one.create_ticket(&new_ticket("C1"), NOW).unwrap();
    let mut two = desk::store::Store::open(&path, desk::store::OpenMode::Existing).unwrap();
    assert!(one.claim(t.number, "A1", NOW).unwrap());
    assert!(
        !two.claim(t.number, "A2", NOW).unwrap(),
        "the second claim finds it taken"
    );
    let d = two.ticket_detail(t.number).unwrap().unwrap();
    assert_eq!(d.row.assignee.as_ref().map(|a| a.as_str()), Some("Li Na"));
    assert_eq!(
        two.history("ticket", &t.id)
            .unwrap()
            .iter()
            .filter(|h| h.field == "assignee_id")
            .count(),
        1
    );
}

#[test]
fn routing_to_a_group_by_name() {
    let mut store = store_with_tickets(0);
    {
        let mut w = store.bulk().unwrap();
        w.group(&desk::store::records::GroupRec {
            id: "G1".into(),
            name: "Billing 账务".into(),
            members: vec![],
            created_at: 0,
        })
        .unwrap();
        w.commit("groups", NOW).unwrap();
    }
    let t = store.create_ticket(&new_ticket("C1"), NOW).unwrap();
    store
        .set_ticket(
            t.number,
            &[TicketEdit::Group(Some("billing 账务".into()))],
            None,
            NOW,
        )
        .unwrap();
    assert_eq!(
        store
            .ticket_detail(t.number)
            .unwrap()
            .unwrap()
            .group
            .as_ref()
            .map(|g| g.as_str()),
        Some("Billing 账务")
    );
    let err = store
        .set_ticket(
            t.number,
            &[TicketEdit::Group(Some("Nowhere".into()))],
            None,
            NOW,
        )
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::NotFound {
            entity: "group",
            ..
        }
    ));
    store
        .set_ticket(t.number, &[TicketEdit::Group(None)], None, NOW)
        .unwrap();
    assert!(
        store
            .ticket_detail(t.number)
            .unwrap()
            .unwrap()
            .group
            .is_none()
    );
}

/// How many rows a table has: what a failed write must leave unchanged.
fn rows(store: &desk::store::Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_new_customer_and_their_ticket_commit_together_or_not_at_all() {
    use desk::store::customer_write::CustomerEdit;
    let mut store = store_with_tickets(1);
    let customer = [
        CustomerEdit::Name("赵六 Zhao Liu".into()),
        CustomerEdit::Email(Some("zhao.liu@example.cn".into())),
    ];
    // The ticket half fails (no such product): the customer must not be left behind.
    let (customers, changes) = (rows(&store, "customers"), rows(&store, "changes"));
    let mut bad = new_ticket("");
    bad.product_id = Some("no-such-product".into());
    assert!(
        store
            .create_ticket_with_customer(&customer, &bad, NOW)
            .is_err()
    );
    assert_eq!(rows(&store, "customers"), customers);
    assert_eq!(rows(&store, "changes"), changes);
    // Both halves good: one ticket of one new customer.
    let created = store
        .create_ticket_with_customer(&customer, &new_ticket(""), NOW)
        .unwrap();
    assert_eq!(rows(&store, "customers"), customers + 1);
    let d = store.ticket_detail(created.number).unwrap().unwrap();
    assert_eq!(
        d.customer_email.as_ref().map(|e| e.as_str()),
        Some("zhao.liu@example.cn")
    );
}

#[test]
fn a_reply_whose_changes_are_refused_is_not_sent() {
    let mut store = store_with_tickets(0);
    let t = store.create_ticket(&new_ticket("C1"), NOW).unwrap();
    let messages = rows(&store, "messages");
    let version = store.ticket_detail(t.number).unwrap().unwrap().version;
    let err = store
        .add_message_with_edits(
            t.number,
            Writer::Agent,
            None,
            false,
            "已为您处理。",
            &[TicketEdit::Status(Status::Merged)],
            NOW + 60,
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::Refused(_)), "{err}");
    assert_eq!(
        rows(&store, "messages"),
        messages,
        "the reply stayed unsent"
    );
    let d = store.ticket_detail(t.number).unwrap().unwrap();
    assert_eq!((d.version, d.first_response_at), (version, None));
    // With changes the ticket can take, reply and changes land together.
    store
        .add_message_with_edits(
            t.number,
            Writer::Agent,
            None,
            false,
            "已为您处理。",
            &[
                TicketEdit::Status(Status::Pending),
                TicketEdit::AddTag("wifi".into()),
            ],
            NOW + 60,
        )
        .unwrap();
    let d = store.ticket_detail(t.number).unwrap().unwrap();
    assert_eq!(d.row.status, Status::Pending);
    assert_eq!(d.messages.len(), 2);
    assert_eq!(d.tags.len(), 1);
}
