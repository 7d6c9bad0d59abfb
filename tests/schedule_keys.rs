//! The engineers' schedule (issue 22 item 4): `g v` opens each engineer's day as a timeline and the week as day
//! cells, flags overlaps and tight travel gaps in words, lists the visits waiting for a time, and schedules with
//! keys — Enter books the selected waiting visit at the cursor, `r` sends the visit under the cursor back to wait.
//! The demo at the frozen NOW (Wed 2026-11-18 19:06 in Asia/Shanghai): li has V18 10:00–12:00, V19 11:00–12:30 and
//! V20 13:00–14:00 at three addresses on Fri 11-20; V14 and V7 wait for a time. `v` on a ticket books a visit.

mod common;

use common::harness::Harness;
use common::{NOW, demo_app, status_bar};
use desk::app::Overlay;
use desk::app::schedule::ScheduleView;
use desk::domain::visit::VisitStatus;

/// Fri 2026-11-20 00:00 in Shanghai: the day of li's visits V18, V19 and V20.
const FRIDAY: i64 = 1_795_104_000;

fn open(w: u16, h: u16) -> (tempfile::TempDir, Harness) {
    let (dir, mut a) = demo_app(w, h);
    a.keys("g v");
    (dir, a)
}

/// The screen from the waiting list's title on (below the lanes, or beside them where the terminal is wide).
fn waiting_part(screen: &str) -> String {
    let at = screen
        .find("Waiting for a time")
        .expect("the waiting list shows");
    screen.get(at..).unwrap_or_default().to_string()
}

#[test]
fn g_v_opens_today_with_every_engineer_and_the_waiting_visits() {
    let (_dir, mut a) = open(80, 24);
    assert_eq!(a.model.overlay, Some(Overlay::Schedule));
    let screen = a.screen();
    assert!(
        screen.contains("Wed 2026-11-18 (today)"),
        "the day holding now: {screen}"
    );
    for name in ["李娜 Li Na", "王芳 Wang Fang", "张伟 Zhang Wei"] {
        assert!(screen.contains(name), "{name} has a lane: {screen}");
    }
    // Today wang has V11 at 16:00 and zhang V12, drawn on their lanes from their start.
    assert!(screen.contains("|V11 保养"), "{screen}");
    assert!(screen.contains("|V12 检测"), "{screen}");
    let waiting = waiting_part(&screen);
    assert!(waiting.contains("Waiting for a time (2)"), "{screen}");
    assert!(waiting.contains("V14 #1173 install 蒋芳"), "{screen}");
    assert!(
        waiting.contains("V7 #1194 maintenance Ruby Jones"),
        "{screen}"
    );
    insta::assert_snapshot!("schedule_keys_day_80x24", screen);
    insta::assert_snapshot!("schedule_keys_day_120x40", a.resize(120, 40).screen());
    // The smallest terminal desk draws in, and a large one: nothing panics, the lanes and the list still show.
    for (w, h) in [(60, 16), (200, 60)] {
        let screen = a.resize(w, h).screen();
        assert!(
            screen.contains("李娜") && screen.contains("Waiting for a time (2)"),
            "{w}×{h}: {screen}"
        );
    }
    a.keys("w");
    let screen = a.resize(60, 16).screen();
    assert!(screen.contains("李娜"), "{screen}");
    a.keys("esc");
    assert_eq!(a.model.overlay, None);
}

#[test]
fn w_shows_the_week_with_a_cell_per_engineer_and_day() {
    let (_dir, mut a) = open(80, 24);
    a.keys("w");
    assert_eq!(a.model.schedule.view, ScheduleView::Week);
    let screen = a.screen();
    assert!(screen.contains("week of Mon 2026-11-16"), "{screen}");
    for day in ["Mon 16", "Wed 18", "Fri 20", "Sun 22"] {
        assert!(screen.contains(day), "{day}: {screen}");
    }
    // li's Friday: V18, V19 and V20, starting at 10, 11 and 13.
    let li = screen
        .lines()
        .skip_while(|l| !l.contains("李娜 Li Na"))
        .nth(1)
        .unwrap_or_default();
    assert!(li.contains("10 11"), "{screen}");
    insta::assert_snapshot!("schedule_keys_week_80x24", screen);
    insta::assert_snapshot!("schedule_keys_week_120x40", a.resize(120, 40).screen());
    // `]` is the next week there, and `[` comes back.
    a.keys("]");
    assert!(
        a.screen().contains("week of Mon 2026-11-23"),
        "{}",
        a.screen()
    );
    a.keys("[");
    assert!(
        a.screen().contains("week of Mon 2026-11-16"),
        "{}",
        a.screen()
    );
    // Enter on a lane opens the cursor's day.
    a.keys("l l enter");
    assert_eq!(a.model.schedule.view, ScheduleView::Day);
    assert!(a.screen().contains("Fri 2026-11-20"), "{}", a.screen());
}

#[test]
fn enter_books_a_waiting_visit_at_the_cursor_and_an_overlap_is_flagged() {
    let (_dir, mut a) = open(80, 24);
    // Friday 11:00 on li's lane, over V18 (10:00–12:00); then the waiting list, where V14 is selected.
    a.keys("] ] l l tab");
    let screen = a.screen();
    assert!(
        screen.contains("Enter books V14 for 李娜 Li Na, Fri 2026-11-20 11:00–13:00"),
        "{screen}"
    );
    // The demo's Friday for li: V19 starts inside V18, and V20 is across town 30 minutes after V19 ends.
    assert!(
        screen.contains("! V18 and V19 overlap — 李娜 Li Na"),
        "{screen}"
    );
    assert!(screen.contains("~ 30 min between V19 and V20"), "{screen}");
    a.keys("enter");
    let v = a.store.visit(14).unwrap();
    assert_eq!(v.status, VisitStatus::Scheduled);
    assert_eq!(v.engineer.as_deref(), Some("li"));
    assert_eq!(
        (v.window_start, v.window_end),
        (Some(FRIDAY + 11 * 3600), Some(FRIDAY + 13 * 3600))
    );
    assert_eq!(
        status_bar(&a.screen()).trim(),
        "V14 scheduled for 李娜 Li Na, Fri 2026-11-20 11:00–13:00"
    );
    let screen = a.screen();
    // It left the waiting list and is on li's lane, flagged with V18, in words below the lanes.
    let waiting = waiting_part(&screen);
    assert!(waiting.contains("Waiting for a time (1)"), "{screen}");
    assert!(!waiting.contains("V14 #"), "{screen}");
    let li = screen
        .lines()
        .find(|l| l.contains("李娜 Li Na"))
        .unwrap_or_default();
    // Three visits share 11:00 on the lane: the first ones drawn carry the `!`; the words below name all.
    assert!(li.contains("!V18") && li.contains("!V19"), "{screen}");
    assert!(
        screen.contains("! V18 and V14 overlap — 李娜 Li Na"),
        "{screen}"
    );
    insta::assert_snapshot!("schedule_keys_overlap_80x24", screen);
    // The week says which day has the overlap.
    a.keys("w");
    let week = a.screen();
    assert!(week.contains("4 !"), "{week}");
    assert!(week.contains("Fri 11-20 ! V18 and V19 overlap"), "{week}");
    // At 120×40 every flag of the week has room, the new one too.
    let tall = a.resize(120, 40).screen();
    assert!(tall.contains("Fri 11-20 ! V18 and V14 overlap"), "{tall}");
}

#[test]
fn a_time_that_has_passed_is_not_booked() {
    let (_dir, mut a) = open(80, 24);
    // Today 09:00 is this morning.
    a.keys("tab enter");
    assert_eq!(
        status_bar(&a.screen()).trim(),
        "Wed 2026-11-18 09:00 has passed: choose a later hour (l) or day (]) for V14"
    );
    assert_eq!(a.store.visit(14).unwrap().status, VisitStatus::Unscheduled);
    assert!(waiting_part(&a.screen()).contains("Waiting for a time (2)"));
}

#[test]
fn r_sends_the_visit_under_the_cursor_back_to_the_waiting_list() {
    let (_dir, mut a) = open(120, 40);
    // Friday 10:00 on li's lane: V18.
    a.keys("] ] l");
    a.keys("r");
    let v = a.store.visit(18).unwrap();
    assert_eq!(v.status, VisitStatus::Rescheduled);
    assert_eq!(v.window_start, None);
    assert_eq!(
        status_bar(&a.screen()).trim(),
        "V18 is back on the waiting list for a new time"
    );
    let screen = a.screen();
    assert!(screen.contains("Waiting for a time (3)"), "{screen}");
    assert!(
        screen.contains("V18 #1179 maintenance (rescheduled)"),
        "{screen}"
    );
    let li = screen
        .lines()
        .find(|l| l.contains("李娜 Li Na"))
        .unwrap_or_default();
    assert!(!li.contains("V18") && li.contains("V19"), "{screen}");
    // Nothing is under the cursor now: r says so and writes nothing.
    a.keys("r");
    assert_eq!(
        status_bar(&a.screen()).trim(),
        "No visit at 10:00 on 李娜 Li Na's day"
    );
    // A finished visit is not sent back: the store's refusal is the toast. Tue 11-17 09:00: li's V1, completed.
    a.keys("[ [ [ h");
    a.keys("r");
    let bar = a.screen();
    assert!(
        status_bar(&bar).contains("V1 not rescheduled: the visit is completed"),
        "{bar}"
    );
    assert_eq!(a.store.visit(1).unwrap().status, VisitStatus::Completed);
}

#[test]
fn enter_on_a_visit_opens_its_ticket_and_g_v_comes_back_to_the_same_day() {
    let (_dir, mut a) = open(80, 24);
    a.keys("] ] l enter");
    assert_eq!(a.model.overlay, None);
    assert_eq!(a.model.ticket.number, Some(1179));
    let screen = a.screen();
    assert!(screen.contains("#1179"), "{screen}");
    // The ticket's header says the product's warranty state by date, and its visits, newest first.
    let d = a.model.ticket.detail.as_ref().unwrap();
    let until = d.warranty_until.expect("the product has a warranty date");
    let state = if until >= a.now {
        "Warranty in 保内 until"
    } else {
        "Warranty out 保外 since"
    };
    assert!(screen.contains(state), "{screen}");
    assert_eq!(d.visits.len(), 4, "V1 done earlier, V18–V20 on Friday");
    assert!(screen.contains("Visits V20 scheduled"), "{screen}");
    a.keys("g v");
    assert_eq!(a.model.overlay, Some(Overlay::Schedule));
    assert!(a.screen().contains("Fri 2026-11-20"), "{}", a.screen());
    // `t` is today again.
    a.keys("t");
    assert!(a.screen().contains("Wed 2026-11-18 (today)"));
}

#[test]
fn the_palette_finds_the_schedule() {
    let (_dir, mut a) = demo_app(80, 24);
    a.keys(":");
    a.type_text("schedule");
    a.keys("enter");
    assert_eq!(a.model.overlay, Some(Overlay::Schedule));
}

#[test]
fn markers_carry_the_meaning_without_colour() {
    let (_dir, mut a) = open(80, 24);
    a.theme = desk::ui::Theme::mono();
    a.keys("] ] l l tab enter");
    let screen = a.screen();
    assert!(screen.contains("!V18"), "{screen}");
    assert!(screen.contains("! V18 and V14 overlap"), "{screen}");
    assert!(
        screen.contains("| visit  ! overlap  ~ under 45 min"),
        "{screen}"
    );
}

#[test]
fn without_engineers_or_waiting_visits_the_schedule_says_what_to_do() {
    let store = common::store_with_tickets(3);
    let mut a = Harness::new(store, Some("li"), 80, 24, NOW);
    a.keys("g v");
    let screen = a.screen();
    assert!(
        screen.contains("No engineers: give an agent a service skill"),
        "{screen}"
    );
    assert!(
        screen.contains("desk agent skills li --add service:repair"),
        "{screen}"
    );
    assert!(screen.contains("Nothing waits for a time"), "{screen}");
    // Keys that would write say why not instead.
    a.keys("enter");
    assert!(status_bar(&a.screen()).contains("No engineers"), "{screen}");
}

#[test]
fn a_visit_booked_at_another_desk_shows_on_the_open_schedule() {
    let (dir, mut a) = open(80, 24);
    a.send(desk::app::Msg::Tick(NOW));
    let mut other =
        desk::store::Store::open(&dir.path().join("demo.db"), desk::store::OpenMode::Existing)
            .unwrap();
    other.set_actor(Some("wang".into()));
    use desk::store::visits::VisitEdit;
    let window = (FRIDAY + 14 * 3600, FRIDAY + 16 * 3600);
    other
        .set_visit(
            7,
            &[
                VisitEdit::Engineer(Some("wang".into())),
                VisitEdit::Window(Some(window)),
            ],
            NOW,
        )
        .unwrap();
    a.send(desk::app::Msg::Tick(NOW));
    let screen = a.screen();
    assert!(
        waiting_part(&screen).contains("Waiting for a time (1)"),
        "{screen}"
    );
    a.keys("] ]");
    let wang = a
        .screen()
        .lines()
        .find(|l| l.contains("王芳 Wang Fang"))
        .unwrap_or_default()
        .to_string();
    assert!(wang.contains("|V7 保养"), "{}", a.screen());
}

#[test]
fn v_on_a_ticket_books_a_visit_that_waits_in_the_schedule() {
    let (_dir, mut a) = demo_app(120, 40);
    a.keys("enter");
    let number = a.model.ticket.number.expect("a ticket is open");
    let before = a.store.ticket_visits(number).unwrap().len();
    a.keys("v");
    assert!(
        matches!(&a.model.overlay, Some(Overlay::Picker { title, .. }) if title.contains("On-site visit")),
        "{}",
        a.screen()
    );
    // The second choice: repair (letters typed in a picker filter it).
    a.keys("down enter");
    let visits = a.store.ticket_visits(number).unwrap();
    assert_eq!(visits.len(), before + 1);
    let v = visits.last().unwrap();
    assert_eq!(
        (v.service, v.status),
        (
            desk::domain::visit::Service::Repair,
            VisitStatus::Unscheduled
        )
    );
    assert_eq!(
        status_bar(&a.screen()).trim(),
        format!(
            "V{} repair on #{number} waits for a time: g v, Tab, Enter books it",
            v.number
        )
    );
    assert!(
        a.screen()
            .contains(&format!("Visits V{} unscheduled", v.number)),
        "{}",
        a.screen()
    );
    a.keys("g v");
    let waiting = waiting_part(&a.screen());
    assert!(waiting.contains("Waiting for a time (3)"), "{waiting}");
    assert!(
        waiting.contains(&format!("V{} #{number} repair", v.number)),
        "{waiting}"
    );
}

#[test]
fn the_day_and_the_waiting_list_name_services_in_chinese() {
    for (locale, name, maintenance, install) in [
        (
            desk::i18n::Locale::ZhCn,
            "zh_cn",
            "|V11 保养",
            "V14 #1173 安装",
        ),
        (
            desk::i18n::Locale::ZhTw,
            "zh_tw",
            "|V11 保養",
            "V14 #1173 安裝",
        ),
    ] {
        let (_dir, mut a) = demo_app(80, 24);
        a.model.locale = locale;
        a.keys("g v");
        let screen = a.screen();
        assert!(screen.contains(maintenance), "{screen}");
        assert!(screen.contains(install), "{screen}");
        for english in ["maintenance", "install", "inspection"] {
            assert!(!screen.contains(english), "{english}:\n{screen}");
        }
        insta::assert_snapshot!(format!("schedule_keys_day_{name}_80x24"), screen);
    }
}
