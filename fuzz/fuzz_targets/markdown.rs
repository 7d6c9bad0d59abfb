//! Article Markdown laid out for the terminal. Bodies reach the layout as `SafeText` (control characters and escape
//! sequences removed, tabs expanded), so the input is sanitized the same way first. Any such text lays out without
//! panicking, `line_count` agrees with `lines`, no line holds a control character (a newline included), and every
//! line fits the width in display columns (tests/markdown_render.rs asserts the same on hand-written articles) —
//! except where the layout deliberately gives up: widths under 8 are laid out at 8, nesting whose prefixes leave
//! fewer than 4 columns for text, and tables with more columns than fit at 3 each.
#![no_main]

use desk::domain::text::{SafeText, width};
use desk::ui::markdown::{line_count, lines};
use libfuzzer_sys::fuzz_target;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The widest quote-and-list prefix any line can get (a continuation line's: `│ ` per quote, two spaces per outer
/// list, then the item marker's width), and the most columns of any table.
fn layout_limits(md: &str) -> (usize, usize) {
    let mut quote = 0usize;
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut marker = 2usize;
    let (mut prefix, mut cols, mut row) = (0usize, 0usize, 0usize);
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match ev {
            Event::Start(Tag::BlockQuote(_)) => quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote = quote.saturating_sub(1),
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1).len()
                    }
                    _ => 2,
                };
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => row = 0,
            Event::End(TagEnd::TableCell) => {
                row += 1;
                cols = cols.max(row);
            }
            _ => {}
        }
        let list = if lists.is_empty() {
            0
        } else {
            2 * (lists.len() - 1) + marker.max(2)
        };
        prefix = prefix.max(2 * quote + list);
    }
    (prefix, cols)
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(raw) = std::str::from_utf8(rest) else {
        return;
    };
    let safe = SafeText::new(raw);
    let md = safe.as_str();
    let (prefix, cols) = layout_limits(md);
    // The first byte picks a width (0–255: the 1, 33, 120 … of a terminal); 20 and 80 are always laid out.
    let picked = usize::from(first);
    assert_eq!(line_count(md, picked), lines(md, picked).len());
    for w in [picked, 20, 80] {
        let laid = lines(md, w);
        for l in &laid {
            assert!(
                l.iter().all(|(t, _)| !t.contains(char::is_control)),
                "a control character in a line: {l:?}"
            );
        }
        let w = w.max(8);
        if prefix + 4 > w || 6 * cols > w + 3 {
            continue;
        }
        for l in &laid {
            let text: String = l.iter().map(|(t, _)| t.as_str()).collect();
            assert!(width(&text) <= w, "a line is wider than {w}: {text:?}");
        }
    }
});
