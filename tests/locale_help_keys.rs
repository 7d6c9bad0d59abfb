//! Help (`?`), the hint bar and the command palette (`:`) in Chinese (issue 24): snapshots in zh-CN and zh-TW, each at
//! 80×24 and 120×40 (English keeps its own in help_keys and keyflows), and checks that double-width descriptions are
//! cut whole and leave the popup's right border in its column.

mod common;

use common::harness::Harness;
use common::*;
use desk::app::commands::{CommandId, command};
use desk::i18n::{Locale, tr};
use unicode_width::UnicodeWidthChar;

/// A screen snapshot with ids redacted, as tests/keyflows.rs takes them.
macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[id]")] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

/// Each Chinese locale at the smallest supported terminal and at a roomy one.
const SCREENS: [(Locale, &str, (u16, u16)); 4] = [
    (Locale::ZhCn, "zh_cn", (80, 24)),
    (Locale::ZhCn, "zh_cn", (120, 40)),
    (Locale::ZhTw, "zh_tw", (80, 24)),
    (Locale::ZhTw, "zh_tw", (120, 40)),
];

fn app(locale: Locale, (w, h): (u16, u16)) -> Harness {
    let mut store = store_with_tickets(30);
    add_kb(&mut store);
    Harness::in_locale(store, Some("li"), (w, h), NOW, locale)
}

/// The characters of `line` with the display column each starts at (a wide character covers two).
fn columns(line: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    line.chars().scan(0, |at, c| {
        let here = *at;
        *at += c.width().unwrap_or(0);
        Some((here, c))
    })
}

/// The character starting at display column `col` of `line`.
fn char_at(line: &str, col: usize) -> Option<char> {
    columns(line).find(|(at, _)| *at == col).map(|(_, c)| c)
}

/// The popup whose top border carries `title` has its right border in one column on every row down to its
/// bottom, and no line is wider than the screen.
fn assert_popup_whole(screen: &str, title: &str, width: usize) {
    let lines: Vec<&str> = screen.lines().collect();
    for l in &lines {
        let w: usize = l.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert!(w <= width, "wider than the screen:\n{l}");
    }
    let top = lines
        .iter()
        .position(|l| l.contains(title))
        .unwrap_or_else(|| panic!("no popup titled {title}:\n{screen}"));
    let corner = |c: char, after: usize| {
        columns(lines[top])
            .find(|(at, x)| *x == c && *at >= after)
            .map(|(at, _)| at)
    };
    let left = corner('┌', 0).expect("a top-left corner");
    let right = corner('┐', left).expect("a top-right corner");
    let mut row = top + 1;
    while row < lines.len() && char_at(lines[row], left) != Some('└') {
        assert_eq!(
            char_at(lines[row], right),
            Some('│'),
            "the right border moved on row {row}:\n{screen}"
        );
        row += 1;
    }
    assert!(row < lines.len(), "no bottom border:\n{screen}");
}

/// The screen shows the popup titled `title` whole, with `id`'s description in the locale in it; snapshotted as
/// `snapshot`.
fn shows(a: &Harness, title: &str, id: CommandId, snapshot: String) -> String {
    let screen = a.screen();
    let description = command(id).description(a.model.locale);
    assert!(screen.contains(&description), "{description}:\n{screen}");
    assert_popup_whole(&screen, title, a.model.width as usize);
    assert_screen!(snapshot, screen.clone());
    screen
}

#[test]
fn help_in_chinese() {
    for (locale, name, (w, h)) in SCREENS {
        let mut a = app(locale, (w, h));
        a.keys("?");
        // Opened on the queue: its section first, under the locale's heading, with the locale's descriptions.
        let title = tr(locale, "help-title").chars().take(2).collect::<String>();
        let screen = shows(
            &a,
            &title,
            CommandId::NextView,
            format!("help_{name}_{w}x{h}"),
        );
        let queues = tr(locale, "help-context-queues");
        assert!(
            screen.lines().nth(2).is_some_and(|l| l.contains(&queues)),
            "{screen}"
        );
        assert!(!screen.contains("Next view"), "{screen}");

        // A search in English finds the Chinese rows.
        a.keys("/").type_text("merge");
        let snapshot = format!("help_search_merge_{name}_{w}x{h}");
        shows(&a, &title, CommandId::TicketMerge, snapshot);

        // Nothing found says so in the locale.
        a.keys("ctrl-u").type_text("zzqx");
        let none = a.screen();
        assert!(none.contains("zzqx") && none.contains("Esc"), "{none}");
        assert!(!none.contains("Nothing in help"), "{none}");
    }
}

#[test]
fn the_palette_in_chinese() {
    for (locale, name, (w, h)) in SCREENS {
        let mut a = app(locale, (w, h));
        a.keys(":");
        let title = tr(locale, "palette-title");
        shows(
            &a,
            &title,
            CommandId::Quit,
            format!("palette_{name}_{w}x{h}"),
        );

        // Initials of 回复客户 / 回覆客戶.
        a.type_text("hfkh");
        let snapshot = format!("palette_hfkh_{name}_{w}x{h}");
        shows(&a, &title, CommandId::TicketReply, snapshot);

        // Nothing matches: said in the locale.
        a.keys("ctrl-u").type_text("zzzzqqq");
        let screen = a.screen();
        assert!(screen.contains(&tr(locale, "palette-no-match")), "{screen}");
    }
}

#[test]
fn the_hint_bar_in_chinese() {
    for (locale, _, (w, h)) in SCREENS {
        let a = app(locale, (w, h));
        let screen = a.screen();
        let bar = screen.lines().last().unwrap_or_default();
        for id in [CommandId::NextView, CommandId::Search, CommandId::Help] {
            let word = command(id).hint_label(locale).expect("a hint");
            assert!(bar.contains(&format!(" {word}")), "{word}: {bar}");
        }
        assert!(!bar.contains("help"), "{bar}");
    }
}
