//! Team mode in the store: registration, roles enforced on writes, presence between two connections, and the
//! change feed that live refresh and conflict messages read.

mod common;

use common::{NOW, fill};
use desk::domain::team::{Act, Activity, Denied, Role, describe_changes};
use desk::domain::ticket::Status;
use desk::store::roles::Registration;
use desk::store::ticket_write::TicketEdit;
use desk::store::{OpenMode, Store, StoreError};

/// Two connections to one file with the fixture's agents li and wang (both agents) and 12 tickets.
fn two_agents() -> (tempfile::TempDir, Store, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.db");
    let mut a = Store::open(&path, OpenMode::Create).unwrap();
    fill(&mut a, 12);
    let b = Store::open(&path, OpenMode::Existing).unwrap();
    a.set_actor(Some("li".into()));
    (dir, a, b)
}

fn refused(r: Result<impl std::fmt::Debug, StoreError>) -> String {
    match r {
        Err(StoreError::Refused(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The role check's refusal, as data (it reads the same as the store error that carries it).
fn denied(r: Result<impl std::fmt::Debug, StoreError>) -> Denied {
    match r {
        Err(StoreError::Denied(d)) => d,
        other => panic!("expected a role refusal, got {other:?}"),
    }
}

#[test]
fn the_first_agent_without_an_admin_becomes_admin_and_the_next_an_agent() {
    let (_dir, _a, mut b) = two_agents();
    b.set_actor(Some("zhao".into()));
    assert_eq!(
        b.register_actor(Some("Zhao Min"), NOW).unwrap(),
        Registration::Added(Role::Admin)
    );
    assert_eq!(b.register_actor(None, NOW).unwrap(), Registration::Known);
    b.set_actor(Some("sun".into()));
    assert_eq!(
        b.register_actor(None, NOW).unwrap(),
        Registration::Added(Role::Agent)
    );
    let list = b.agent_list().unwrap();
    let roles: Vec<(&str, &str)> = list
        .iter()
        .map(|a| (a.handle.as_str(), a.role.as_str()))
        .collect();
    assert_eq!(
        roles,
        vec![
            ("li", "agent"),
            ("sun", "agent"),
            ("wang", "agent"),
            ("zhao", "admin")
        ]
    );
    assert_eq!(list[3].name.as_str(), "Zhao Min");
    let logged = b
        .history("agent", &b.agent_id("sun").unwrap().unwrap())
        .unwrap();
    assert_eq!(logged[0].actor.as_deref(), Some("sun"));
    assert_eq!(logged[0].field, "registered");
}

#[test]
fn only_leads_reassign_someone_elses_ticket() {
    let (_dir, mut a, mut b) = two_agents();
    b.set_actor(Some("wang".into()));
    // #1001 is li's. wang may not take it …
    let d = denied(b.set_ticket(
        1001,
        &[TicketEdit::Assignee(Some("wang".into()))],
        None,
        NOW,
    ));
    let e = d.to_string();
    assert_eq!(
        (d.handle.as_str(), d.role, d.act, d.needs()),
        ("wang", Some(Role::Agent), Act::ReassignOthers, Role::Lead)
    );
    assert!(e.contains("needs the lead role (wang is an agent)"), "{e}");
    // … nor unassign it; but li may give her own away, and anyone may take an unassigned ticket.
    denied(b.set_ticket(1001, &[TicketEdit::Assignee(None)], None, NOW));
    a.set_ticket(
        1001,
        &[TicketEdit::Assignee(Some("wang".into()))],
        None,
        NOW,
    )
    .unwrap();
    b.set_ticket(
        1000,
        &[TicketEdit::Assignee(Some("wang".into()))],
        None,
        NOW,
    )
    .unwrap();
    // Made a lead (by a write without an actor: the admin path), li may move wang's ticket back.
    let mut admin = Store::open(a.path(), OpenMode::Existing).unwrap();
    admin.set_agent_role("li", Some(Role::Lead), NOW).unwrap();
    a.set_ticket(1001, &[TicketEdit::Assignee(Some("li".into()))], None, NOW)
        .unwrap();
    let owner = a
        .ticket_detail(1001)
        .unwrap()
        .unwrap()
        .row
        .assignee
        .unwrap();
    assert_eq!(owner.as_str(), "Li Na");
}

#[test]
fn only_admins_manage_agents_and_the_last_admin_stays() {
    let (_dir, mut a, _b) = two_agents();
    let d = denied(a.add_agent("zhou", "Zhou Jie", None, Role::Agent, NOW));
    let e = d.to_string();
    assert_eq!((d.act, d.needs()), (Act::ManageAgents, Role::Admin));
    assert!(e.starts_with("Managing agents and roles needs the admin role (li is an agent)"));
    let mut root = Store::open(a.path(), OpenMode::Existing).unwrap();
    root.set_agent_role("li", Some(Role::Admin), NOW).unwrap();
    a.add_agent(
        "Zhou",
        "Zhou Jie",
        Some("zhou@example.com"),
        Role::Lead,
        NOW,
    )
    .unwrap();
    let e = refused(a.add_agent("zhou", "again", None, Role::Agent, NOW));
    assert!(e.contains("exists"), "{e}");
    let e = refused(a.set_agent_role("li", Some(Role::Agent), NOW));
    assert!(e.contains("last active admin"), "{e}");
    a.set_agent_role("wang", None, NOW).unwrap();
    let wang = a
        .agent_list()
        .unwrap()
        .into_iter()
        .find(|x| x.handle == "wang")
        .unwrap();
    assert!(!wang.active);
    // Deactivated agents cannot be assigned.
    assert!(
        a.set_ticket(
            1000,
            &[TicketEdit::Assignee(Some("wang".into()))],
            None,
            NOW
        )
        .is_err()
    );
    assert!(matches!(
        a.set_agent_role("nobody", Some(Role::Lead), NOW),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn presence_is_seen_by_others_moves_with_the_agent_and_expires() {
    let (_dir, mut a, mut b) = two_agents();
    b.set_actor(Some("wang".into()));
    a.set_presence(1001, Some(Activity::Viewing), NOW).unwrap();
    a.set_presence(1001, Some(Activity::Replying), NOW + 5)
        .unwrap();
    let seen = b.presence_on(1001, NOW + 10).unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].name.as_str(), seen[0].activity, seen[0].since),
        ("Li Na", Activity::Replying, NOW + 5)
    );
    assert!(
        a.presence_on(1001, NOW + 10).unwrap().is_empty(),
        "an agent does not see themself"
    );
    // Opening another ticket ends presence on the first.
    a.set_presence(1002, Some(Activity::Viewing), NOW + 20)
        .unwrap();
    assert!(b.presence_on(1001, NOW + 21).unwrap().is_empty());
    assert_eq!(b.presence_on(1002, NOW + 21).unwrap().len(), 1);
    // Without a heartbeat, viewing lapses after its time to live.
    assert!(b.presence_on(1002, NOW + 20 + 31).unwrap().is_empty());
    a.set_presence(1002, None, NOW + 22).unwrap();
    assert!(b.presence_on(1002, NOW + 23).unwrap().is_empty());
}

#[test]
fn the_change_feed_says_what_changed_and_explains_a_conflict() {
    let (_dir, mut a, b) = two_agents();
    let seen = b.last_change_seq().unwrap();
    let base = b.ticket_change_seq(1001).unwrap();
    let version = b.ticket_detail(1001).unwrap().unwrap().version;
    a.set_ticket(
        1001,
        &[
            TicketEdit::Status(Status::Pending),
            TicketEdit::AddTag("vip".into()),
        ],
        Some(version),
        NOW,
    )
    .unwrap();
    let feed = b.changes_since(seen, 100).unwrap();
    assert!(!feed.truncated);
    assert!(feed.last > seen);
    assert!(
        feed.changes
            .iter()
            .all(|c| c.ticket == Some(1001) && c.actor.as_deref() == Some("li"))
    );
    assert!(feed.changes.iter().any(|c| c.field == "status"));
    assert_eq!(b.changes_since(feed.last, 100).unwrap().changes, Vec::new());
    let small = b.changes_since(seen, 1).unwrap();
    assert!(small.truncated && small.changes.len() == 1);

    // wang's edit was based on the old version: refused, and the explanation names li and the change.
    let mut b = b;
    b.set_actor(Some("wang".into()));
    let stale = b.set_ticket(
        1001,
        &[TicketEdit::Priority(desk::domain::ticket::Priority::High)],
        Some(version),
        NOW + 1,
    );
    assert!(matches!(stale, Err(StoreError::Conflict { .. })));
    let notes = b.ticket_changes_since(1001, base).unwrap();
    let old_status = notes.iter().find(|n| n.field == "status").unwrap();
    let text = describe_changes(1001, &notes, |_| "10:42".into());
    assert!(text.starts_with("#1001 changed by Li Na 10:42: "), "{text}");
    let was = Status::parse(old_status.old.as_deref().unwrap()).unwrap();
    let status = format!("status {} → Pending", was.label());
    assert!(text.contains(&status), "{text}");
    assert!(text.contains("tags +vip"), "{text}");
}

/// An agent quicker than the screen (a priority, then an assignee, before the first write's refresh came back)
/// edits against the ticket as they saw it: their own writes since are no conflict. Anyone else's change is one,
/// including the same agent's in another window, and the explanation names only the others' changes.
#[test]
fn an_edit_applies_over_the_agents_own_quicker_writes_but_not_over_anyone_elses() {
    use desk::domain::lifecycle::Writer;
    use desk::domain::ticket::Priority;
    let (dir, mut a, mut b) = two_agents();
    b.set_actor(Some("wang".into()));
    let seen = |s: &Store| {
        let version = s.ticket_detail(1001).unwrap().unwrap().version;
        (version, s.ticket_change_seq(1001).unwrap())
    };
    let (version, base) = seen(&a);
    assert_ne!(
        a.ticket_detail(1001).unwrap().unwrap().row.priority,
        Priority::Low
    );
    a.set_ticket_seen(
        1001,
        &[TicketEdit::Priority(Priority::Low)],
        version,
        base,
        NOW,
    )
    .unwrap();
    let me = TicketEdit::Assignee(Some("li".into()));
    a.set_ticket_seen(1001, &[me], version, base, NOW + 1)
        .unwrap();
    a.add_message(1001, Writer::Agent, None, true, "checked the tray", NOW + 2)
        .unwrap();
    let pending = TicketEdit::Status(Status::Pending);
    a.set_ticket_seen(1001, &[pending], version, base, NOW + 3)
        .unwrap();
    let d = a.ticket_detail(1001).unwrap().unwrap();
    assert_eq!(d.row.priority, Priority::Low);
    assert!(d.row.assignee.is_some(), "the assignee was not set");
    assert_eq!(d.row.status, Status::Pending);
    assert!(a.ticket_changes_since(1001, base).unwrap().is_empty());

    b.set_ticket(1001, &[TicketEdit::AddTag("vip".into())], None, NOW + 4)
        .unwrap();
    let urgent = [TicketEdit::Priority(Priority::Urgent)];
    let stale = a.set_ticket_seen(1001, &urgent, version, base, NOW + 5);
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    let notes = a.ticket_changes_since(1001, base).unwrap();
    let whose: Vec<(&str, &str)> = notes
        .iter()
        .map(|n| (n.who.as_str(), n.field.as_str()))
        .collect();
    assert!(!whose.is_empty(), "wang's change is missing");
    assert!(whose.iter().all(|(_, field)| *field == "tags"), "{whose:?}");
    assert_eq!(
        a.ticket_detail(1001).unwrap().unwrap().row.priority,
        Priority::Low
    );

    // li in a second window is not this connection.
    let mut window = Store::open(&dir.path().join("team.db"), OpenMode::Existing).unwrap();
    window.set_actor(Some("li".into()));
    let (version, base) = seen(&a);
    window
        .set_ticket(
            1001,
            &[TicketEdit::Priority(Priority::Normal)],
            None,
            NOW + 6,
        )
        .unwrap();
    let stale = a.set_ticket_seen(1001, &urgent, version, base, NOW + 7);
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
}
