//! What `?` shows: every context of the command registry with its commands and keys as bound, so help cannot
//! fall behind the commands. The context help was opened from comes first; `/` narrows it as you type (k9s,
//! lazygit). The lines are built here, once, for render to draw and for update to bound the scroll.

use super::commands::{COMMANDS, Context, Keymap};
use super::layout;
use super::msg::Effect;
use super::text_input::TextInput;
use super::{Model, Overlay};
use crate::i18n::Locale;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    pub context: Context,
    pub rows: Vec<HelpRow>,
    /// Keys that are not commands here (typing, digits).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// The bound keys, space-separated (empty: unbound, run it from the palette).
    pub keys: String,
    pub description: String,
    pub name: &'static str,
}

/// The help overlay: where it was opened, how far it is scrolled and what narrows it.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpState {
    pub scroll: usize,
    pub search: TextInput,
    /// Typing goes into `search` (after `/`, until Enter or Esc).
    pub typing: bool,
    /// The context help was opened from: its section comes first.
    pub from: Context,
}

impl HelpState {
    pub fn new(from: Context) -> HelpState {
        HelpState {
            scroll: 0,
            search: TextInput::default(),
            typing: false,
            from,
        }
    }

    /// The search line is drawn while typing or while a search narrows the help.
    pub fn shows_search(&self) -> bool {
        self.typing || !self.search.is_empty()
    }
}

/// One line of help, before styling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(Context),
    Row(HelpRow),
    Note(String),
    Blank,
    /// Nothing matched the search.
    NoMatch(String),
}

/// Help's sections in `locale` (`desk keys` and README take them in English).
pub fn sections(keymap: &Keymap, locale: Locale) -> Vec<HelpSection> {
    Context::ALL
        .iter()
        .map(|&context| HelpSection {
            context,
            rows: COMMANDS
                .iter()
                .filter(|c| c.context == context)
                .map(|c| HelpRow {
                    keys: keymap.keys_for(c.id).join(" "),
                    description: c.description(locale),
                    name: c.name,
                })
                .collect(),
            note: context.note(locale),
        })
        .filter(|s| !s.rows.is_empty() || s.note.is_some())
        .collect()
}

/// Every word of `query` (case-insensitive) is in `text`.
fn matches(text: &str, words: &[String]) -> bool {
    let text = text.to_lowercase();
    words.iter().all(|w| text.contains(w.as_str()))
}

/// The help's lines in `locale`: the section of `from` first, then the ones it falls back to, then the rest in
/// registry order; only rows matching `query` (by keys, description, name or section title, in the locale or in
/// English) when it is not empty.
pub fn lines(keymap: &Keymap, locale: Locale, from: Context, query: &str) -> Vec<HelpLine> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut all = sections(keymap, locale);
    // The English words too, so `merge` finds 合并 (nothing to add in English).
    let english = |text: String| {
        if locale == Locale::En {
            String::new()
        } else {
            text
        }
    };
    let rank = |c: Context| {
        if c == from {
            0
        } else if from.parents().contains(&c) {
            1
        } else {
            2
        }
    };
    all.sort_by_key(|s| rank(s.context)); // stable: registry order within a rank
    let mut out = Vec::new();
    for section in all {
        let title = format!(
            "{} {}",
            section.context.title(locale),
            english(section.context.title(Locale::En))
        );
        let whole = words.is_empty() || matches(&title, &words);
        let rows: Vec<HelpRow> = section
            .rows
            .into_iter()
            .filter(|r| {
                let en = super::commands::by_name(r.name)
                    .map(|c| english(c.description(Locale::En)))
                    .unwrap_or_default();
                whole
                    || matches(
                        &format!("{} {} {} {en}", r.keys, r.description, r.name),
                        &words,
                    )
            })
            .collect();
        let note = section
            .note
            .filter(|n| whole || matches(n, &words) || !rows.is_empty());
        if rows.is_empty() && note.is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        out.push(HelpLine::Heading(section.context));
        out.extend(rows.into_iter().map(HelpLine::Row));
        out.extend(note.map(HelpLine::Note));
    }
    if out.is_empty() {
        out.push(HelpLine::NoMatch(query.trim().to_string()));
    }
    out
}

/// Help lines that fit on screen at once: the body inside the popup's border, less the search line.
pub fn viewport(model: &Model, state: &HelpState) -> usize {
    let body = layout::frame(model.width, model.height).body;
    (body.height as usize)
        .saturating_sub(2 + usize::from(state.shows_search()))
        .max(1)
}

fn max_scroll(model: &Model, state: &HelpState) -> usize {
    let n = lines(
        &model.keymap,
        model.locale,
        state.from,
        state.search.value(),
    )
    .len();
    n.saturating_sub(viewport(model, state))
}

fn state(model: &mut Model) -> Option<&mut HelpState> {
    match model.overlay.as_mut() {
        Some(Overlay::Help(state)) => Some(state),
        _ => None,
    }
}

pub(super) fn open(model: &mut Model) -> Vec<Effect> {
    let from = model.context();
    model.overlay = Some(Overlay::Help(Box::new(HelpState::new(from))));
    Vec::new()
}

/// How far a scroll command moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Line(isize),
    HalfPage(isize),
    Page(isize),
    Top,
    Bottom,
}

impl Step {
    /// Where a scroll at `at` lands, `page` lines at a time, never past `max`.
    pub fn apply(self, at: usize, page: usize, max: usize) -> usize {
        let page = page as isize;
        let to = match self {
            Step::Line(d) => at.saturating_add_signed(d),
            Step::HalfPage(d) => at.saturating_add_signed(d * (page / 2).max(1)),
            Step::Page(d) => at.saturating_add_signed(d * page),
            Step::Top => 0,
            Step::Bottom => max,
        };
        to.min(max)
    }
}

/// Scrolls within the help's length: the last line stops at the bottom of the popup.
pub(super) fn scroll(model: &mut Model, step: Step) -> Vec<Effect> {
    let Some(s) = state(model).cloned() else {
        return Vec::new();
    };
    let to = step.apply(s.scroll, viewport(model, &s), max_scroll(model, &s));
    if let Some(s) = state(model) {
        s.scroll = to;
    }
    Vec::new()
}

/// `/`: type to narrow the help.
pub(super) fn start_search(model: &mut Model) -> Vec<Effect> {
    if let Some(s) = state(model) {
        s.typing = true;
    }
    Vec::new()
}

/// Enter: keep the search and scroll the narrowed help with the usual keys.
pub(super) fn keep_search(model: &mut Model) -> Vec<Effect> {
    if let Some(s) = state(model) {
        s.typing = false;
    }
    scroll(model, Step::Line(0))
}

/// Esc while typing, or Esc with a search kept: drop the search and show all of help again.
pub(super) fn clear_search(model: &mut Model) -> Vec<Effect> {
    if let Some(s) = state(model) {
        s.typing = false;
        s.search = TextInput::default();
        s.scroll = 0;
    }
    Vec::new()
}

/// Esc: a kept search is dropped first; without one, help closes.
pub(super) fn back(model: &mut Model) -> Vec<Effect> {
    match state(model) {
        Some(s) if !s.search.is_empty() => clear_search(model),
        _ => {
            model.overlay = None;
            Vec::new()
        }
    }
}

/// The search text changed: show the best matches from the top.
pub(super) fn search_changed(model: &mut Model) {
    if let Some(s) = state(model) {
        s.scroll = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_context_with_commands_has_a_section_listing_all_of_them() {
        let keymap = Keymap::defaults();
        let shown = sections(&keymap, Locale::En);
        for ctx in Context::ALL {
            let commands: Vec<&str> = COMMANDS
                .iter()
                .filter(|c| c.context == ctx)
                .map(|c| c.name)
                .collect();
            if commands.is_empty() {
                continue;
            }
            let section = shown
                .iter()
                .find(|s| s.context == ctx)
                .unwrap_or_else(|| panic!("help has no section for {ctx:?}"));
            let names: Vec<&str> = section.rows.iter().map(|r| r.name).collect();
            assert_eq!(names, commands, "{ctx:?}");
            assert!(
                section.rows.iter().all(|r| !r.keys.is_empty()),
                "{ctx:?}: a default command without keys"
            );
        }
    }

    fn headings(lines: &[HelpLine]) -> Vec<Context> {
        lines
            .iter()
            .filter_map(|l| match l {
                HelpLine::Heading(c) => Some(*c),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_context_help_was_opened_from_comes_first_then_what_it_falls_back_to() {
        let keymap = Keymap::defaults();
        let h = headings(&lines(&keymap, Locale::En, Context::Ticket, ""));
        assert_eq!(
            h.iter().take(2).copied().collect::<Vec<_>>(),
            vec![Context::Ticket, Context::Global]
        );
        assert_eq!(
            h.len(),
            sections(&keymap, Locale::En).len(),
            "nothing is left out"
        );
        let h = headings(&lines(&keymap, Locale::En, Context::Picker, ""));
        assert_eq!(
            h.iter().take(2).copied().collect::<Vec<_>>(),
            vec![Context::Picker, Context::TextInput]
        );
    }

    #[test]
    fn a_search_keeps_only_matching_rows_under_their_headings() {
        let keymap = Keymap::defaults();
        let found = lines(&keymap, Locale::En, Context::Queues, "MERGE");
        let rows: Vec<&str> = found
            .iter()
            .filter_map(|l| match l {
                HelpLine::Row(r) => Some(r.name),
                _ => None,
            })
            .collect();
        assert!(rows.contains(&"ticket.merge"), "{rows:?}");
        assert!(rows.contains(&"customer.merge"), "{rows:?}");
        assert!(
            rows.iter().all(|n| n.contains("merge")
                || COMMANDS
                    .iter()
                    .any(|c| c.name == *n
                        && c.description(Locale::En).to_lowercase().contains("merge"))),
            "{rows:?}"
        );
        // Several words narrow further; a section title matches its whole section.
        let both = lines(&keymap, Locale::En, Context::Queues, "merge customer");
        assert!(both.len() < found.len());
        let dashboard = lines(&keymap, Locale::En, Context::Queues, "dashboard");
        assert!(headings(&dashboard).contains(&Context::Dashboard));
        assert_eq!(
            lines(&keymap, Locale::En, Context::Queues, "zzqx"),
            vec![HelpLine::NoMatch("zzqx".into())]
        );
    }

    #[test]
    fn a_chinese_help_is_searched_in_chinese_and_in_english() {
        let keymap = Keymap::defaults();
        for query in ["合并", "merge"] {
            let found = lines(&keymap, Locale::ZhCn, Context::Queues, query);
            assert!(
                found
                    .iter()
                    .any(|l| matches!(l, HelpLine::Row(r) if r.name == "ticket.merge" && r.description.contains("合并"))),
                "{query}: {found:?}"
            );
        }
        // A section title in the locale or in English keeps its whole section.
        for query in ["知識庫", "knowledge"] {
            let h = headings(&lines(&keymap, Locale::ZhTw, Context::Queues, query));
            assert!(h.contains(&Context::Kb), "{query}: {h:?}");
        }
    }
}
