//! Whole-app key sequences on a TestBackend, with insta snapshots at 80×24 and 120×40 (frozen clock).

mod common;

use common::harness::Harness;

/// A screen snapshot with ids redacted: ULIDs never belong on screen, and if one leaks it must not make snapshots
/// flaky. A macro so insta names the file after this test module.
macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}
use common::*;
use desk::app::keys::{Key, KeyCode};
use desk::app::{CustomerFocus, KbFocus, Mouse, MouseKind, Msg, Overlay, Pane};

fn app(w: u16, h: u16) -> Harness {
    let mut store = store_with_tickets(60);
    add_kb(&mut store);
    Harness::new(store, Some("li"), w, h, NOW)
}

#[test]
fn starts_on_my_open_queue() {
    for (w, h) in [(80, 24), (120, 40)] {
        let a = app(w, h);
        assert_eq!(a.model.pane, Pane::Queues);
        assert_eq!(a.model.queues.view().title, "My open");
        let screen = a.screen();
        assert!(screen.contains("My open"), "{screen}");
        assert_screen!(format!("queues_{w}x{h}"), screen);
    }
}

#[test]
fn open_a_ticket_and_back() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        let second = a.model.queues.list.rows[1].number;
        a.keys("j enter");
        assert_eq!(a.model.pane, Pane::Ticket);
        assert_eq!(
            a.model.ticket.detail.as_ref().map(|d| d.row.number),
            Some(second)
        );
        let screen = a.screen();
        assert!(
            screen.contains(&format!("#{second}")) && screen.contains("Hello, question"),
            "{screen}"
        );
        assert_screen!(format!("ticket_{w}x{h}"), screen);
        a.keys("esc");
        assert_eq!(a.model.pane, Pane::Queues);
    }
}

#[test]
fn every_pane_by_number_tab_and_mouse() {
    let mut a = app(120, 40);
    a.keys("3");
    assert_eq!(a.model.pane, Pane::Customers);
    assert_screen!("customers_120x40", a.screen());
    a.keys("4");
    assert_eq!(a.model.pane, Pane::Kb);
    assert_screen!("kb_120x40", a.screen());
    a.keys("tab");
    assert_eq!(a.model.pane, Pane::Dashboard);
    a.keys("tab");
    assert_eq!(a.model.pane, Pane::Queues);
    a.keys("shift-tab shift-tab");
    assert_eq!(a.model.pane, Pane::Kb);
    a.keys("2");
    assert_eq!(a.model.pane, Pane::Ticket);
    assert!(a.screen().contains("No ticket open"));
    // Click the "3 Customers" tab.
    let col = a
        .screen()
        .lines()
        .next()
        .unwrap()
        .find("3 Customers")
        .unwrap() as u16;
    a.send(Msg::Mouse(Mouse {
        kind: MouseKind::Click,
        column: col + 2,
        row: 0,
    }));
    assert_eq!(a.model.pane, Pane::Customers);
}

#[test]
fn help_lists_commands_with_keys() {
    let mut a = app(80, 24);
    a.keys("?");
    assert!(matches!(a.model.overlay, Some(Overlay::Help(_))));
    let screen = a.screen();
    // Opened from the queues: their keys first, then the ones that work everywhere.
    assert!(
        screen.lines().nth(2).is_some_and(|l| l.contains("Queues")) && screen.contains("Next view"),
        "{screen}"
    );
    assert_screen!("help_80x24", screen);
    a.keys("esc");
    assert!(a.model.overlay.is_none());
}

#[test]
fn palette_runs_a_command_by_fuzzy_name() {
    let mut a = app(80, 24);
    a.keys(":");
    a.type_text("go custmrs");
    assert_screen!("palette_80x24", a.screen());
    a.keys("enter");
    assert_eq!(a.model.pane, Pane::Customers);
    assert!(a.model.overlay.is_none());
}

#[test]
fn filter_narrows_the_queue_and_esc_clears_it() {
    let mut a = app(120, 40);
    a.keys("J J");
    assert_eq!(a.model.queues.view().title, "All open");
    let all = a.model.queues.counts[a.model.queues.selected_view].unwrap();
    a.keys("/").type_text("王芳").keys("enter");
    let rows = &a.model.queues.list.rows;
    assert!(!rows.is_empty() && (rows.len() as i64) < all);
    assert!(
        rows.iter()
            .all(|r| r.customer.as_ref().is_some_and(|c| c.as_str() == "王芳"))
    );
    assert!(a.screen().contains("filter “王芳”"));
    a.keys("esc");
    assert!(a.model.queues.filter.is_empty());
    assert_eq!(a.model.queues.list.rows.len() as i64, all.min(100));
}

#[test]
fn list_motions() {
    let mut a = app(80, 24);
    a.keys("J J"); // All open: 35 tickets of 60
    let n = a.model.queues.list.rows.len();
    a.keys("G");
    assert_eq!(a.model.queues.list.selected, n - 1);
    a.keys("g g");
    assert_eq!(a.model.queues.list.selected, 0);
    a.keys("ctrl-d");
    let half = a.model.queues.list.selected;
    assert!(half > 0);
    a.keys("ctrl-u");
    assert_eq!(a.model.queues.list.selected, 0);
    a.keys("pgdn");
    assert!(a.model.queues.list.selected > half);
    // Wheel scrolls the list under the pointer.
    a.keys("g g");
    a.send(Msg::Mouse(Mouse {
        kind: MouseKind::ScrollDown,
        column: 40,
        row: 10,
    }));
    assert_eq!(a.model.queues.list.selected, 3);
}

#[test]
fn customers_profile_and_ticket_history() {
    let mut a = app(120, 40);
    a.keys("3 enter");
    assert_eq!(a.model.customers.focus, CustomerFocus::Profile);
    let detail = a.model.customers.detail.clone().expect("profile loaded");
    let screen = a.screen();
    assert!(
        screen.contains(detail.row.name.as_str()) && screen.contains("Timeline ("),
        "{screen}"
    );
    // The second timeline entry that belongs to a ticket opens that ticket.
    let (at, number) = detail
        .timeline
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.ticket.map(|n| (i, n)))
        .nth(1)
        .expect("a timeline with tickets");
    for _ in 0..at {
        a.keys("j");
    }
    a.keys("enter");
    assert_eq!(a.model.pane, Pane::Ticket);
    assert_eq!(a.model.ticket.detail.as_ref().unwrap().row.number, number);
    // From the ticket, `c` jumps to its customer.
    a.keys("c");
    assert_eq!(a.model.pane, Pane::Customers);
    assert_eq!(
        a.model.customers.detail.as_ref().unwrap().row.id,
        detail.row.id
    );
}

#[test]
fn kb_categories_articles_and_reader() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        a.keys("4 h j");
        assert_eq!(a.model.kb.focus, KbFocus::Categories);
        assert_eq!(a.model.kb.list.rows.len(), 2, "Payments has two articles");
        a.keys("l");
        let title = a.model.kb.list.selected_row().unwrap().title.to_string();
        assert_eq!(title, "Payment failed: card declined");
        a.keys("enter");
        assert_eq!(a.model.kb.focus, KbFocus::Reader);
        let screen = a.screen();
        assert!(
            screen.contains("card was declined") && screen.contains("Insufficient funds"),
            "{screen}"
        );
        assert_screen!(format!("article_{w}x{h}"), screen);
        // The end of the article is reachable: its last line shows after G.
        a.keys("G");
        assert!(
            a.screen()
                .contains("See payment help (https://help.desk.example/pay)."),
            "{}",
            a.screen()
        );
        a.keys("esc");
        assert_eq!(a.model.kb.focus, KbFocus::Articles);
    }
}

#[test]
fn quit_with_q_and_ctrl_c_from_an_overlay() {
    let mut a = app(80, 24);
    a.keys("q");
    assert!(a.quit);
    let mut a = app(80, 24);
    a.keys(": ctrl-c");
    assert!(a.quit);
}

#[test]
fn unknown_keys_say_how_to_get_help() {
    let mut a = app(80, 24);
    a.send(Msg::Key(Key::ch('Z')));
    assert!(
        a.screen()
            .lines()
            .last()
            .unwrap()
            .contains("Z is not bound here")
    );
    a.send(Msg::Key(Key::plain(KeyCode::F(9))));
}

#[test]
fn resize_keeps_the_selection_visible() {
    let mut a = app(120, 40);
    a.keys("J J G");
    let sel = a.model.queues.list.selected;
    a.resize(80, 24);
    let off = a.model.queues.list.offset;
    assert!(sel >= off && sel < off + 19, "selected {sel} offset {off}");
}

#[test]
fn no_color_keeps_selection_and_priority_visible() {
    use ratatui::style::Modifier;
    let mut a = app(80, 24);
    a.theme = desk::config::ThemeConfig::default().resolve(true);
    a.keys("J J"); // All open, first row selected
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    term.draw(|f| desk::ui::render(f, &a.model, &a.theme))
        .unwrap();
    let buf = term.backend().buffer();
    let row_y = 3; // tabs, border, header, then the first row
    let cell = &buf[(30, row_y)];
    assert!(
        cell.modifier.contains(Modifier::REVERSED),
        "selected row is reverse video"
    );
    assert_eq!(cell.fg, ratatui::style::Color::Reset);
    assert_eq!(cell.bg, ratatui::style::Color::Reset);
    // Every cell on screen is colourless.
    for y in 0..24 {
        for x in 0..80 {
            let c = &buf[(x, y)];
            assert!(
                c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset,
                "colour at {x},{y}"
            );
        }
    }
    // Priority reads as a letter: the screen shows U/H/N/L in the priority column.
    let screen = a.screen();
    assert!(
        screen
            .lines()
            .skip(3)
            .take(5)
            .any(|l| l.contains(" U!! ") || l.contains(" H!  ") || l.contains(" N   ")),
        "{screen}"
    );
}

#[test]
fn failed_loads_show_an_error_toast_and_allow_retry() {
    use desk::app::Response;
    let mut a = app(80, 24);
    let generation = a.model.queues.list.generation;
    a.model.queues.list.loading = Some(desk::domain::view::PageRequest::First);
    a.send(Msg::Loaded(Response::Failed {
        list: Some((desk::app::msg::ListKind::Queue, generation)),
        error: desk::app::protocol::Refusal::new(
            desk::app::protocol::RefusalKind::Busy,
            "database is locked",
        ),
    }));
    assert!(a.model.queues.list.loading.is_none());
    let last = a.screen().lines().last().unwrap().to_string();
    assert!(last.contains("database is locked"), "{last}");
    // Toasts expire with the clock.
    let later = a.now + 10;
    desk::app::update(&mut a.model, Msg::Tick(later), later);
    assert!(a.model.toast.is_none());
}

#[test]
fn view_counts_follow_writes_from_another_connection() {
    use desk::store::{Mutable, OpenMode, Store, Value};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    let mut store = Store::open(&path, OpenMode::Create).unwrap();
    fill(&mut store, 30);
    let mut a = Harness::new(store, Some("li"), 120, 40, NOW);
    let pending = |a: &Harness| a.model.queues.counts[4].unwrap();
    let before = pending(&a);
    a.send(Msg::Tick(NOW)); // first tick: learns the data version
    // Another agent moves an open ticket (#1001, status open) to pending.
    let mut other = Store::open(&path, OpenMode::Existing).unwrap();
    other
        .update(
            Mutable::Ticket,
            "T00000001",
            1,
            &[("status", Value::from("pending"))],
            NOW,
        )
        .unwrap();
    a.send(Msg::Tick(NOW + 1));
    assert_eq!(pending(&a), before + 1);
    let screen = a.screen();
    let sidebar = screen.lines().find(|l| l.starts_with("│ Pending")).unwrap();
    assert!(sidebar.contains(&format!(" {} │", before + 1)), "{sidebar}");
}

#[test]
fn queue_filter_takes_the_view_language_and_points_at_mistakes() {
    let mut a = app(120, 40);
    a.keys("J J"); // All open
    a.keys("/")
        .type_text("priority:>=high tag:vip")
        .keys("enter");
    let rows = &a.model.queues.list.rows;
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| (r.number - 1000) % 4 == 0 && matches!(r.priority.as_str(), "urgent" | "high")));
    // A mistake keeps the prompt open with the text and says where.
    a.keys("/ ctrl-u").type_text("status:opn").keys("enter");
    assert!(
        matches!(&a.model.overlay, Some(Overlay::Prompt { kind: desk::app::PromptKind::Filter, input, .. }) if input.value() == "status:opn")
    );
    let last = a.screen().lines().last().unwrap().to_string();
    assert!(
        last.contains("filter: column 8: unknown status `opn`"),
        "{last}"
    );
    assert_eq!(
        a.model.queues.filter, "priority:>=high tag:vip",
        "the previous filter still applies"
    );
}

#[test]
fn status_priority_and_assignee_pickers_write_through_the_change_log() {
    let mut a = app(120, 40);
    a.keys("j enter"); // #1002, pending, assigned to Li Na
    let number = a.model.ticket.detail.as_ref().unwrap().row.number;
    a.keys("s");
    let screen = a.screen();
    assert!(
        screen.contains(&format!("Status of #{number} (now Pending)")),
        "{screen}"
    );
    assert_screen!("status_picker_120x40", screen);
    // Pending can go to: open, on hold, solved, closed, merged. Pick "Solved" (third).
    a.keys("down down enter");
    let d = a.model.ticket.detail.as_ref().unwrap();
    assert_eq!((d.row.status.as_str(), d.version), ("solved", 2));
    assert!(
        a.screen()
            .lines()
            .last()
            .unwrap()
            .contains(&format!("#{number}: Saved"))
    );
    a.keys("p 1"); // urgent
    assert_eq!(
        a.model
            .ticket
            .detail
            .as_ref()
            .unwrap()
            .row
            .priority
            .as_str(),
        "urgent"
    );
    a.keys("a");
    assert!(a.screen().contains("Me (li)"));
    a.keys("down enter"); // Nobody
    assert!(
        a.model
            .ticket
            .detail
            .as_ref()
            .unwrap()
            .row
            .assignee
            .is_none()
    );
    // The queue row follows the change.
    let row = a
        .model
        .queues
        .list
        .rows
        .iter()
        .find(|r| r.number == number)
        .unwrap();
    assert_eq!(row.status.as_str(), "solved");
    a.keys("H");
    let screen = a.screen();
    assert!(
        screen.contains("History (H shows the thread) · 1–5 of 5"),
        "{screen}"
    );
    assert!(
        screen.contains("Li Na    status Pending → Solved"),
        "{screen}"
    );
    assert!(screen.contains("priority Normal → Urgent"), "{screen}");
    assert!(screen.contains("assignee Li Na → —"), "{screen}");
    a.keys("H");
    assert!(a.screen().contains("Thread ·"));
}

#[test]
fn a_change_made_meanwhile_by_someone_else_is_caught_not_overwritten() {
    use desk::domain::ticket::Priority;
    use desk::store::{OpenMode, Store, ticket_write::TicketEdit};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("race.db");
    let mut store = Store::open(&path, OpenMode::Create).unwrap();
    fill(&mut store, 10);
    let mut a = Harness::new(store, Some("li"), 120, 40, NOW);
    a.keys("enter");
    let number = a.model.ticket.detail.as_ref().unwrap().row.number;
    // Another agent raises the priority while this one looks at the ticket.
    let mut other = Store::open(&path, OpenMode::Existing).unwrap();
    other.set_actor(Some("wang".into()));
    other
        .set_ticket(number, &[TicketEdit::Priority(Priority::Urgent)], None, NOW)
        .unwrap();
    a.keys("p 4"); // low, against the version on screen
    let screen = a.screen();
    assert!(
        screen.contains(&format!("#{number} changed by Wang Wei ")) && screen.contains("→ Urgent"),
        "the agent is told who changed what:\n{screen}"
    );
    assert!(screen.contains("r  Re-apply my change") && screen.contains("d  Discard my change"));
    let d = a.model.ticket.detail.as_ref().unwrap();
    assert_eq!(
        d.row.priority,
        Priority::Urgent,
        "the other agent's change stands and is shown"
    );
    a.keys("r");
    assert!(a.model.overlay.is_none());
    assert_eq!(
        a.model.ticket.detail.as_ref().unwrap().row.priority,
        Priority::Low,
        "re-applied on the new version"
    );
    // Discarding writes nothing.
    other
        .set_ticket(number, &[TicketEdit::Priority(Priority::High)], None, NOW)
        .unwrap();
    a.keys("p 1");
    assert!(matches!(
        a.model.overlay,
        Some(desk::app::Overlay::Decide(_))
    ));
    a.keys("d");
    assert!(a.model.overlay.is_none());
    assert_eq!(
        a.model.ticket.detail.as_ref().unwrap().row.priority,
        Priority::High
    );
}

#[test]
fn reply_and_note_through_the_editor() {
    use std::sync::{Arc, Mutex};
    let mut a = app(120, 40);
    a.keys("J J enter"); // All open: first ticket
    let number = a.model.ticket.detail.as_ref().unwrap().row.number;
    let seen = Arc::new(Mutex::new(String::new()));
    let seen_by_editor = seen.clone();
    a.editor = Some(Box::new(move |template: &str| {
        *seen_by_editor.lock().unwrap() = template.to_string();
        Some(format!("您好，已为您处理。\n{template}"))
    }));
    a.keys("r");
    let template = seen.lock().unwrap().clone();
    assert!(
        template.contains(&format!("# Reply to #{number}")),
        "{template}"
    );
    assert!(
        template.contains("# > Hello, question"),
        "the customer's message is quoted: {template}"
    );
    // Nothing is sent before the review says so.
    let count = a.model.ticket.detail.as_ref().unwrap().messages.len();
    let review = a.screen();
    assert!(
        review.contains("Review reply") && review.contains("您好，已为您处理。"),
        "{review}"
    );
    assert_eq!(
        a.model.ticket.detail.as_ref().unwrap().messages.len(),
        count
    );
    a.keys("y");
    let d = a.model.ticket.detail.as_ref().unwrap();
    let last = d.messages.last().unwrap();
    assert_eq!(
        (last.body.as_str(), last.internal),
        ("您好，已为您处理。", false)
    );
    assert_eq!(d.first_response_at, Some(NOW));
    assert!(
        a.screen()
            .lines()
            .last()
            .unwrap()
            .contains(&format!("#{number}: Reply sent"))
    );
    // A note, and a cancelled reply (only comments left) that sends nothing.
    a.editor = Some(Box::new(|_: &str| {
        Some("checked with the courier".to_string())
    }));
    a.keys("i y");
    assert!(
        a.model
            .ticket
            .detail
            .as_ref()
            .unwrap()
            .messages
            .last()
            .unwrap()
            .internal
    );
    let count = a.model.ticket.detail.as_ref().unwrap().messages.len();
    a.editor = Some(Box::new(|t: &str| Some(t.to_string())));
    a.keys("r");
    assert_eq!(
        a.model.ticket.detail.as_ref().unwrap().messages.len(),
        count
    );
    assert!(
        a.screen()
            .lines()
            .last()
            .unwrap()
            .contains("Empty message: nothing was sent")
    );
    a.editor = None;
    a.keys("r");
    assert!(
        a.screen()
            .lines()
            .last()
            .unwrap()
            .contains("set $VISUAL or $EDITOR")
    );
}

#[test]
fn a_macro_fills_the_reply_and_applies_its_changes_when_sent() {
    let mut a = app(120, 40);
    a.keys("J J enter");
    let (number, customer) = {
        let d = a.model.ticket.detail.as_ref().unwrap();
        (d.row.number, d.row.customer.as_ref().unwrap().to_string())
    };
    a.editor = Some(Box::new(|t: &str| Some(t.to_string()))); // send the macro as it is
    a.keys("m");
    assert!(a.screen().contains("Need more information 需要补充信息"));
    a.keys("2");
    // The review lists what the macro will change before anything is sent.
    let review = a.screen();
    assert!(
        review.contains("Changes  status Pending, tag +need-info"),
        "{review}"
    );
    a.keys("y");
    let d = a.model.ticket.detail.as_ref().unwrap();
    let reply = d.messages.last().unwrap().body.as_str().to_string();
    assert!(
        reply.starts_with(&format!("{customer}您好，为了尽快帮您解决")),
        "{reply}"
    );
    assert!(
        reply.ends_with("Li Na"),
        "signed with the agent's name: {reply}"
    );
    assert!(!reply.contains('#') && !reply.contains("{{"), "{reply}");
    assert_eq!(d.row.status.as_str(), "pending");
    assert!(
        d.tags.iter().any(|t| t.as_str() == "need-info"),
        "{:?}",
        d.tags
    );
    assert!(
        a.screen()
            .lines()
            .last()
            .unwrap()
            .contains(&format!("#{number}: Reply sent"))
    );
}

#[test]
fn tags_quick_note_take_merge_and_link_from_the_ticket_pane() {
    let mut a = app(120, 40);
    a.keys("J enter"); // Unassigned: first ticket
    let number = a.model.ticket.detail.as_ref().unwrap().row.number;
    assert!(
        a.model
            .ticket
            .detail
            .as_ref()
            .unwrap()
            .row
            .assignee
            .is_none()
    );
    a.keys("t").type_text("+Refund +urgent-care").keys("enter");
    let tags: Vec<String> = a
        .model
        .ticket
        .detail
        .as_ref()
        .unwrap()
        .tags
        .iter()
        .map(|t| t.to_string())
        .collect();
    assert!(
        tags.contains(&"refund".to_string()) && tags.contains(&"urgent-care".to_string()),
        "{tags:?}"
    );
    a.keys("t").type_text("-refund").keys("enter");
    assert!(
        !a.model
            .ticket
            .detail
            .as_ref()
            .unwrap()
            .tags
            .iter()
            .any(|t| t.as_str() == "refund")
    );
    a.keys("I").type_text("客户来电催促").keys("enter");
    let last = a
        .model
        .ticket
        .detail
        .as_ref()
        .unwrap()
        .messages
        .last()
        .unwrap()
        .clone();
    assert!(last.internal && last.body.as_str() == "客户来电催促");
    a.keys("A");
    assert_eq!(
        a.model
            .ticket
            .detail
            .as_ref()
            .unwrap()
            .row
            .assignee
            .as_ref()
            .map(|s| s.as_str()),
        Some("Li Na")
    );
    a.keys("A");
    assert!(
        a.screen()
            .lines()
            .last()
            .unwrap()
            .contains("someone already has this ticket")
    );
    // Kind from its picker.
    a.keys("K");
    assert!(a.screen().contains(&format!("Kind of #{number}")));
    a.keys("2"); // Complaint
    assert_eq!(
        a.model.ticket.detail.as_ref().unwrap().row.kind.as_str(),
        "complaint"
    );
    // Link, then merge into another open ticket.
    let other = a
        .model
        .queues
        .list
        .rows
        .iter()
        .map(|r| r.number)
        .find(|n| *n != number)
        .unwrap();
    a.keys("L").type_text(&other.to_string()).keys("enter");
    assert_eq!(a.model.ticket.detail.as_ref().unwrap().links, vec![other]);
    a.keys("M").type_text(&format!("#{other}")).keys("enter");
    // Both tickets are shown, and nothing moves before `y` (twice when two customers' tickets meet).
    assert!(
        a.screen()
            .contains(&format!("Merge #{number} into #{other}?")),
        "{}",
        a.screen()
    );
    assert_ne!(
        a.model.ticket.detail.as_ref().unwrap().row.status.as_str(),
        "merged"
    );
    a.keys("y");
    if a.screen().contains("two different customers") {
        a.keys("y");
    }
    let d = a.model.ticket.detail.as_ref().unwrap();
    assert_eq!(
        (d.row.status.as_str(), d.merged_into),
        ("merged", Some(other))
    );
    assert!(a.screen().contains(&format!("Merged into #{other}")));
    a.keys("M").type_text("abc").keys("enter");
    assert!(
        a.screen()
            .lines()
            .last()
            .unwrap()
            .contains("`abc` is not a ticket number")
    );
}

#[test]
fn bulk_changes_from_the_queue_log_one_change_per_ticket_and_field() {
    let mut a = app(120, 40);
    a.keys("J J"); // All open
    let first3: Vec<i64> = a
        .model
        .queues
        .list
        .rows
        .iter()
        .take(3)
        .map(|r| r.number)
        .collect();
    let was_urgent: Vec<bool> = a
        .model
        .queues
        .list
        .rows
        .iter()
        .take(3)
        .map(|r| r.priority.as_str() == "urgent")
        .collect();
    a.keys("space space space");
    assert_eq!(a.model.queues.marked.keys().copied().collect::<Vec<_>>(), {
        let mut v = first3.clone();
        v.sort();
        v
    });
    let screen = a.screen();
    assert!(
        screen.contains("3 marked") && screen.contains(&format!("*#{}", first3[0])),
        "{screen}"
    );
    a.keys("p 1"); // urgent
    assert!(
        a.screen()
            .lines()
            .last()
            .unwrap()
            .contains("Changed 3 tickets")
    );
    assert!(
        a.model.queues.marked.is_empty(),
        "marks clear after a bulk change"
    );
    for (n, was) in first3.iter().zip(&was_urgent) {
        let d = a.store.ticket_detail(*n).unwrap().unwrap();
        assert_eq!(d.row.priority.as_str(), "urgent");
        let h = a.store.history("ticket", &d.row.id).unwrap();
        // One entry per ticket whose priority really changed; none where it already was urgent.
        assert_eq!(
            h.iter().filter(|c| c.field == "priority").count(),
            usize::from(!was),
            "#{n}"
        );
    }
    // A range with V, then tags; Esc clears marks.
    a.keys("g g V j j V");
    assert_eq!(a.model.queues.marked.len(), 3);
    a.keys("t").type_text("+bulk").keys("enter");
    let tagged = first3
        .iter()
        .filter(|n| {
            a.store
                .ticket_detail(**n)
                .unwrap()
                .unwrap()
                .tags
                .iter()
                .any(|t| t.as_str() == "bulk")
        })
        .count();
    assert_eq!(tagged, 3);
    a.keys("space esc");
    assert!(a.model.queues.marked.is_empty());
    // A macro to two tickets: each gets its own filled-in reply.
    a.keys("g g");
    let two: Vec<i64> = a
        .model
        .queues
        .list
        .rows
        .iter()
        .take(2)
        .map(|r| r.number)
        .collect();
    a.keys("space space m 1 y");
    assert!(
        a.screen()
            .lines()
            .last()
            .unwrap()
            .contains("Changed 2 tickets"),
        "{}",
        a.screen()
    );
    for n in &two {
        let d = a.store.ticket_detail(*n).unwrap().unwrap();
        let last = d.messages.last().unwrap();
        assert!(
            last.body.as_str().contains(&format!("#{n}")),
            "{}",
            last.body
        );
    }
}

#[test]
fn create_a_ticket_from_the_form() {
    let mut a = app(120, 40);
    a.editor = Some(Box::new(|t: &str| {
        Some(format!("打印机卡纸了，怎么办？\n{t}"))
    }));
    a.keys("n");
    a.type_text("王芳");
    let screen = a.screen();
    assert!(
        screen.contains("New ticket") && screen.contains("C1@example.com"),
        "{screen}"
    );
    assert_screen!("new_ticket_120x40", screen);
    a.keys("enter"); // pick 王芳, on to the subject
    a.keys("enter"); // empty subject: refused on submit later
    a.keys("right enter"); // kind: complaint, then submit
    assert!(
        a.screen()
            .lines()
            .last()
            .unwrap()
            .contains("the subject is empty")
    );
    a.keys("shift-tab")
        .type_text("打印机卡纸")
        .keys("tab tab tab right enter"); // back to the subject; priority normal → low
    let d = a
        .model
        .ticket
        .detail
        .as_ref()
        .expect("the new ticket is open");
    assert_eq!(d.row.subject.as_str(), "打印机卡纸");
    assert_eq!(d.row.kind.as_str(), "complaint");
    assert_eq!(d.row.customer.as_ref().unwrap().as_str(), "王芳");
    assert_eq!(d.messages[0].body.as_str(), "打印机卡纸了，怎么办？");
    assert_eq!(d.row.status.as_str(), "new");
    assert!(a.model.overlay.is_none());
    assert!(
        a.screen()
            .contains(&format!("#{} 打印机卡纸", d.row.number))
    );
}

#[test]
fn search_from_the_queue_finds_messages_and_opens_a_hit() {
    let mut a = app(120, 40);
    a.keys("S").type_text("question 17").keys("enter");
    let s = a.model.queues.search.as_ref().expect("search results");
    assert_eq!(
        s.hits.iter().map(|h| h.number).collect::<Vec<_>>(),
        vec![1017],
        "matched in the message body"
    );
    let screen = a.screen();
    assert!(
        screen.contains("Search “question 17” [1/1] ·") && screen.contains("Hello, question 17"),
        "{screen}"
    );
    assert_screen!("search_120x40", screen);
    a.keys("o");
    assert!(a.model.queues.search.as_ref().unwrap().relevance);
    a.keys("enter");
    assert_eq!(a.model.ticket.detail.as_ref().unwrap().row.number, 1017);
    a.keys("1 esc");
    assert!(a.model.queues.search.is_none(), "Esc goes back to the view");
    // Two Chinese characters take the LIKE path and still find every ticket.
    a.keys("S").type_text("打印").keys("enter");
    assert_eq!(a.model.queues.search.as_ref().unwrap().hits.len(), 60);
}

#[test]
fn the_form_takes_a_product_and_can_create_the_customer() {
    let mut a = app(120, 40);
    a.editor = Some(Box::new(|_: &str| Some("扫地机器人不工作了".to_string())));
    a.keys("n").type_text("陈静").keys("enter");
    let Some(Overlay::NewTicket(form)) = &a.model.overlay else {
        panic!("form open")
    };
    assert_eq!(form.products.len(), 2, "陈静 owns two products");
    assert_eq!(
        form.product_label(desk::i18n::Locale::En),
        "Robot Vacuum R7 扫地机器人",
        "the newest purchase is preselected"
    );
    a.type_text("不工作").keys("tab tab tab tab enter");
    let d = a.model.ticket.detail.as_ref().unwrap();
    assert_eq!(
        d.product.as_ref().map(|p| p.as_str()),
        Some("Robot Vacuum R7 扫地机器人")
    );

    // Someone not in the database yet: the last entry creates them with the ticket.
    a.keys("n").type_text("new.person@example.com");
    let Some(Overlay::NewTicket(form)) = &a.model.overlay else {
        panic!("form open")
    };
    assert!(form.matches.is_empty() && form.offers_new());
    assert!(
        a.screen()
            .contains("+ New customer “new.person” <new.person@example.com>")
    );
    a.keys("enter")
        .type_text("First contact")
        .keys("enter enter");
    let d = a.model.ticket.detail.as_ref().unwrap();
    assert_eq!(
        d.row.customer.as_ref().map(|c| c.as_str()),
        Some("new.person")
    );
    assert_eq!(
        d.customer_email.as_ref().map(|c| c.as_str()),
        Some("new.person@example.com")
    );
}

#[test]
fn prompts_edit_anywhere_in_the_line_take_pastes_and_recall_earlier_answers() {
    let mut a = app(120, 40);
    let filter_text = |a: &Harness| match &a.model.overlay {
        Some(Overlay::Prompt { input, .. }) => input.value().to_string(),
        other => panic!("no prompt: {other:?}"),
    };
    a.keys("/").type_text("tag:vip");
    // To the start, type there; the rest of the line stays.
    a.keys("home").type_text("status:open ");
    assert_eq!(filter_text(&a), "status:open tag:vip");
    // A word left of the cursor (before `tag`) is `status:open`.
    a.keys("ctrl-left delete");
    assert_eq!(filter_text(&a), "tatus:open tag:vip");
    a.keys("alt-f right ctrl-k");
    assert_eq!(filter_text(&a), "tatus:open t");
    a.keys("end ctrl-u");
    assert_eq!(filter_text(&a), "");
    // A paste is one line of text: its line break neither submits nor reaches the screen raw.
    a.send(Msg::Paste("王芳\r\n\u{1b}[2J".into()));
    assert_eq!(filter_text(&a), "王芳 [2J");
    assert!(a.model.overlay.is_some(), "the paste did not submit");
    a.keys("esc");
    // Answers are remembered per prompt: ↑ brings back the last, ↓ returns to what was being typed.
    a.keys("J J enter");
    a.keys("t").type_text("+vip").keys("enter");
    a.keys("t").type_text("+ne");
    a.keys("up");
    assert_eq!(filter_text(&a), "+vip");
    a.keys("down");
    assert_eq!(filter_text(&a), "+ne");
}
