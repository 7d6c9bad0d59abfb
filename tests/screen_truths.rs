//! What the screen shows is true and complete (issue 16), tried as key sequences on the whole app: nothing cut
//! silently, lists that say where they are and why they are empty, and nothing that contradicts the data.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::{CustomerFocus, Overlay, Pane};
use desk::domain::customer::Tier;
use desk::domain::ticket::{Channel, Kind, Priority, Status};
use desk::store::records::{AuthorKind, MessageRec};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

const SUBJECT: &str = "Printer 打印机 jams on every second page since the firmware update, and the customer \
                       asks for a replacement unit under warranty";
const CUSTOMER: &str = "Alexandra Konstantinopoulou-Wittgenstein 欧阳娜娜 Trading Company";
const TAGS: [&str; 5] = ["vip", "refund", "warranty", "printer-jam", "repeat-contact"];

/// The 60-ticket fixture, the KB articles, and ticket #1100: a long subject, a customer with a long name, five
/// tags, created a month ago and last updated five minutes ago.
fn app(w: u16, h: u16) -> Harness {
    let mut store = store_with_tickets(60);
    add_kb(&mut store);
    let mut w_ = store.bulk().unwrap();
    w_.customer(&customer("C9", CUSTOMER, Tier::Gold)).unwrap();
    let mut t = ticket(100, Status::Open, "C9", Some("A1"), NOW - 300);
    t.subject = SUBJECT.into();
    t.priority = Priority::High;
    t.kind = Kind::Complaint;
    t.channel = Channel::Phone;
    t.created_at = NOW - 30 * 86_400;
    w_.ticket(&t).unwrap();
    for tag in TAGS {
        w_.tag("ticket", &t.id, tag).unwrap();
    }
    w_.message(&MessageRec {
        id: "M9".into(),
        ticket_id: t.id.clone(),
        author_kind: AuthorKind::Customer,
        author_id: Some("C9".into()),
        internal: false,
        body: "The printer jams again. 又卡纸了。".into(),
        created_at: t.created_at,
        channel: Some(Channel::Phone),
    })
    .unwrap();
    w_.commit("screen truths fixture", NOW).unwrap();
    Harness::new(store, Some("li"), w, h, NOW)
}

#[test]
fn the_queue_time_column_is_the_time_since_the_last_update() {
    let a = app(120, 40);
    let screen = a.screen();
    let header = screen.lines().nth(2).unwrap();
    assert!(
        header.trim_end_matches('│').ends_with("Updated"),
        "{header}"
    );
    assert!(!header.contains(" Age"), "{header}");
    // #1100 was created a month ago and updated five minutes ago: the column says 5m, not 1mo.
    let row = screen.lines().find(|l| l.contains("#1100")).unwrap();
    assert!(row.trim_end_matches('│').ends_with(" 5m"), "{row}");
}

#[test]
fn below_60_by_16_the_screen_asks_for_room() {
    let mut a = app(40, 12);
    let screen = a.screen();
    assert!(
        screen.contains("enlarge the terminal to at least 60×16") && screen.contains("(now 40×12)"),
        "{screen}"
    );
    assert!(!screen.contains("Queues"), "no squashed panes:\n{screen}");
    assert_screen!("too_small_40x12", screen);
    for (w, h) in [(59, 24), (80, 15)] {
        a.resize(w, h);
        assert!(
            a.screen().contains(&format!("(now {w}×{h})")),
            "{}",
            a.screen()
        );
    }
    // Keys still work while the message shows, and the panes come back at 60×16.
    a.keys("j");
    a.resize(60, 16);
    let screen = a.screen();
    assert_eq!(a.model.queues.list.selected, 1);
    assert!(
        screen.contains("My open") && !screen.contains("enlarge"),
        "{screen}"
    );
}

/// The cells of the prompt's text drawn in reverse video (selected).
fn reversed_text(a: &Harness) -> String {
    let mut term = Terminal::new(TestBackend::new(a.model.width, a.model.height)).unwrap();
    term.draw(|f| desk::ui::render(f, &a.model, &a.theme))
        .unwrap();
    let buf = term.backend().buffer();
    let row = a.model.height - 3;
    (0..a.model.width)
        .map(|x| &buf[(x, row)])
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn search_offers_the_last_query_selected_so_typing_replaces_it() {
    let mut a = app(80, 24);
    a.keys("S").type_text("question 17").keys("enter");
    // Esc closes the results; S still offers the query, selected.
    a.keys("esc S");
    let Some(Overlay::Prompt { input, .. }) = &a.model.overlay else {
        panic!("the search prompt is open")
    };
    assert_eq!(input.value(), "question 17");
    assert!(input.is_selected());
    assert_eq!(reversed_text(&a), "question 17", "drawn selected");
    assert_screen!("search_again_80x24", a.screen());
    // Typing replaces it.
    a.type_text("打印").keys("enter");
    assert_eq!(a.model.queues.search.as_ref().unwrap().query, "打印");
    // An arrow keeps it and ends the selection: typing then adds to it.
    a.keys("S right").type_text(" jam");
    let Some(Overlay::Prompt { input, .. }) = &a.model.overlay else {
        panic!("the search prompt is open")
    };
    assert_eq!(input.value(), "打印 jam");
    assert!(!input.is_selected());
    assert_eq!(reversed_text(&a), "");
    // Backspace on the selection empties the prompt.
    a.keys("esc S backspace");
    let Some(Overlay::Prompt { input, .. }) = &a.model.overlay else {
        panic!("the search prompt is open")
    };
    assert!(input.is_empty());
}

#[test]
fn a_profile_form_with_a_mistake_comes_back_with_the_reason() {
    let mut a = app(120, 40);
    a.keys("3");
    let id = a.model.customers.detail.as_ref().unwrap().row.id.clone();
    let forms = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let seen = forms.clone();
    a.editor = Some(Box::new(move |t: &str| {
        seen.borrow_mut().push(t.to_string());
        let fixed = |t: &str| {
            t.lines()
                .map(|l| match l.split_once(':') {
                    Some(("email", _)) => "email: fixed@example.com".to_string(),
                    _ => l.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        Some(match seen.borrow().len() {
            // A typo in the email, and a city worth keeping.
            1 => t
                .replace("\ncity: ", "\ncity: 杭州")
                .lines()
                .map(|l| match l.split_once(':') {
                    Some(("email", _)) => "email: not-an-address".to_string(),
                    _ => l.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
            _ => fixed(t),
        })
    }));
    a.keys("e");
    let forms = forms.borrow();
    assert_eq!(forms.len(), 2, "the editor opened again");
    let again = &forms[1];
    assert!(
        again.contains("city: 杭州"),
        "what was typed is kept:\n{again}"
    );
    assert!(
        again.contains("# desk: not saved: line ")
            && again.contains("`not-an-address` is not an email"),
        "the reason is in the form:\n{again}"
    );
    let d = a.model.customers.detail.as_ref().unwrap();
    assert_eq!(d.row.id, id);
    assert_eq!(
        d.row.email.as_ref().map(|e| e.as_str()),
        Some("fixed@example.com")
    );
    assert_eq!(d.row.city.as_ref().map(|c| c.as_str()), Some("杭州"));
    assert!(a.screen().contains("Saved"), "{}", a.screen());
}

#[test]
fn lists_say_where_the_selection_is_and_how_long_the_filtered_list_is() {
    let mut a = app(120, 40);
    let mine = a.model.queues.counts[0].unwrap();
    assert!(a.screen().contains(&format!("My open [1/{mine}]")));
    a.keys("j j");
    assert!(
        a.screen().contains(&format!("My open [3/{mine}]")),
        "{}",
        a.screen()
    );
    // A filter: the title counts what it leaves.
    a.keys("/").type_text("status:pending").keys("enter");
    let pending = a.model.queues.list.rows.len();
    assert!(pending > 0 && pending < mine as usize);
    assert!(
        a.screen()
            .contains(&format!("My open [1/{pending}] · filter “status:pending”")),
        "{}",
        a.screen()
    );
    // Search results, the customers and the knowledge base count the same way.
    a.keys("esc S").type_text("question 17").keys("enter");
    assert!(
        a.screen().contains("Search “question 17” [1/1]"),
        "{}",
        a.screen()
    );
    a.keys("esc 3");
    assert!(
        a.screen().contains("Customers › All [1/4]"),
        "{}",
        a.screen()
    );
    a.keys("j");
    assert!(
        a.screen().contains("Customers › All [2/4]"),
        "{}",
        a.screen()
    );
    a.keys("4");
    assert!(a.screen().contains("All articles [1/3]"), "{}", a.screen());
    a.keys("/").type_text("password").keys("enter");
    assert!(
        a.screen().contains("Search “password” [1/1]"),
        "{}",
        a.screen()
    );
}

#[test]
fn a_long_filtered_list_is_counted_and_the_end_is_numbered() {
    // 300 tickets: a filter leaves more than a page, so the store counts it.
    let store = store_with_tickets(300);
    let mut a = Harness::new(store, Some("li"), 120, 40, NOW);
    a.keys("J J J");
    assert_eq!(a.model.queues.view().title, "All tickets");
    a.keys("/").type_text("打印机").keys("enter");
    assert!(a.model.queues.list.rows.len() < 300, "one page at a time");
    assert!(
        a.screen().contains("All tickets [1/300] · filter “打印机”"),
        "{}",
        a.screen()
    );
    a.keys("G");
    assert!(
        a.screen().contains("All tickets [300/300]"),
        "{}",
        a.screen()
    );
    a.keys("k");
    assert!(
        a.screen().contains("All tickets [299/300]"),
        "{}",
        a.screen()
    );
}

#[test]
fn empty_lists_say_why() {
    let mut a = app(80, 24);
    a.keys("/").type_text("tag:nosuchtag").keys("enter");
    let screen = a.screen();
    assert!(
        screen.contains("No tickets in My open match") && screen.contains("“tag:nosuchtag”"),
        "{screen}"
    );
    assert!(screen.contains("My open [0/0]"), "{screen}");
    assert_screen!("empty_queue_80x24", screen);
    // The knowledge base search says what found nothing.
    a.keys("esc 4 /").type_text("zzzzqqq").keys("enter");
    assert!(
        a.screen().contains("No article matches “zzzzqqq”"),
        "{}",
        a.screen()
    );
}

#[test]
fn an_empty_customer_filter_says_so_and_clears_the_profile() {
    let mut a = app(80, 24);
    a.keys("3");
    let d = a.model.customers.detail.as_ref().unwrap();
    let shown = d.row.email.as_ref().unwrap().to_string();
    assert!(a.screen().contains(&shown), "{}", a.screen());
    a.keys("/").type_text("nobody-by-this-name").keys("enter");
    assert!(a.model.customers.list.rows.is_empty());
    assert!(a.model.customers.detail.is_none(), "the profile is cleared");
    let screen = a.screen();
    assert!(
        screen.contains("No customers match") && screen.contains("“nobody-by-this-name”"),
        "{screen}"
    );
    assert!(!screen.contains(&shown), "no stale profile:\n{screen}");
    assert_screen!("empty_customers_80x24", screen);
    // Esc clears the filter and the first customer's profile comes back with the selection.
    a.keys("esc");
    assert_eq!(
        a.model.customers.detail.as_ref().map(|d| d.row.id.clone()),
        a.model.customers.list.selected_row().map(|r| r.id.clone())
    );
}

#[test]
fn the_customer_selection_follows_the_profile_shown() {
    let mut a = app(120, 40);
    a.keys("3");
    let selected = |a: &Harness| a.model.customers.list.selected_row().map(|r| r.id.clone());
    let profile = |a: &Harness| a.model.customers.detail.as_ref().map(|d| d.row.id.clone());
    // Moving the selection moves the profile.
    a.keys("j j");
    assert_eq!(profile(&a), selected(&a));
    // Narrow the list to John Smith, then jump to 陈静 from her ticket: the list shows her, selected.
    a.keys("/").type_text("John").keys("enter");
    assert_eq!(a.model.customers.list.rows.len(), 1);
    a.keys("#").type_text("1002").keys("enter c");
    assert_eq!(a.model.pane, Pane::Customers);
    assert_eq!(a.model.customers.focus, CustomerFocus::Profile);
    assert_eq!(profile(&a).as_deref(), Some("C3"));
    assert_eq!(
        selected(&a).as_deref(),
        Some("C3"),
        "the list follows the profile"
    );
    let screen = a.screen();
    assert!(screen.contains("Customers › All ["), "{screen}");
    // Back in the list, moving on shows the next customer's profile, not the one jumped to.
    a.keys("h j");
    assert_eq!(profile(&a), selected(&a));
    assert_ne!(profile(&a).as_deref(), Some("C3"));
}

/// The screen's header block: the lines between the first two top-left corners.
fn header_text(screen: &str) -> String {
    screen
        .lines()
        .skip(2)
        .take_while(|l| !l.starts_with('└'))
        .map(|l| l.trim_matches('│').trim())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_ticket_header_wraps_long_fields_and_shows_every_tag_at_80_columns() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        a.keys("#").type_text("1100").keys("enter");
        assert_eq!(a.model.ticket.detail.as_ref().unwrap().row.number, 1100);
        let screen = a.screen();
        let head = header_text(&screen);
        // Every word of the subject and of the customer's name is there, wrapped rather than cut.
        for word in SUBJECT
            .split_whitespace()
            .chain(CUSTOMER.split_whitespace())
        {
            assert!(head.contains(word), "{word:?} is missing:\n{screen}");
        }
        for tag in TAGS {
            assert!(head.contains(tag), "tag {tag} is missing:\n{screen}");
        }
        // The group after the long customer is still there, and the thread still shows its message.
        assert!(
            head.contains("Assignee Li Na") && head.contains("Group —"),
            "{screen}"
        );
        assert!(screen.contains("The printer jams again."), "{screen}");
        assert_screen!(format!("long_header_{w}x{h}"), screen);
    }
}

#[test]
fn on_a_small_screen_the_header_gives_way_to_the_thread_and_says_so() {
    let mut a = app(60, 16);
    a.keys("#").type_text("1100").keys("enter");
    let screen = a.screen();
    let header: Vec<&str> = screen
        .lines()
        .skip(2)
        .take_while(|l| !l.starts_with('└'))
        .collect();
    assert!(
        header.len() <= 5,
        "the thread keeps half the body:\n{screen}"
    );
    assert!(
        header
            .iter()
            .any(|l| l.trim_end_matches('│').trim_end().ends_with('…')),
        "what is left out is marked:\n{screen}"
    );
    assert!(header.iter().any(|l| l.contains("SLA ")), "{screen}");
    assert!(screen.contains("The printer jams again."), "{screen}");
}

#[test]
fn the_thread_scrolls_to_its_end_below_a_tall_header() {
    let mut a = app(80, 24);
    a.keys("#").type_text("1100").keys("enter G");
    // One message: nothing to scroll, and the message stays in view however tall the header is.
    assert_eq!(a.model.ticket.scroll, 0);
    assert!(a.screen().contains("又卡纸了"), "{}", a.screen());
}

#[test]
fn the_sla_line_wraps_between_clocks_rather_than_ending_in_an_ellipsis() {
    let (_dir, mut a) = demo_app(80, 24);
    a.keys("enter");
    let screen = a.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("│SLA "))
        .unwrap_or_else(|| panic!("no SLA line:\n{screen}"));
    let sla: Vec<&str> = lines
        .iter()
        .skip(at)
        .take_while(|l| l.starts_with("│SLA ") || l.starts_with("│    "))
        .copied()
        .collect();
    assert!(
        sla.len() == 2,
        "two clocks' worth of room is used:\n{screen}"
    );
    assert!(sla.iter().all(|l| !l.contains('…')), "{screen}");
    let all = sla.join(" ");
    for clock in ["first response", "resolution"] {
        assert!(all.contains(clock), "{clock} missing:\n{screen}");
    }
}
