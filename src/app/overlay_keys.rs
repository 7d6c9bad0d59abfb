//! The handlers of the overlay commands (help, the palette, prompts, pickers, text editing), and what a key
//! that is no command does in an overlay: typing, or a digit that picks.

use super::commands::{COMMANDS, Command, Context};
use super::keys::{Key, KeyCode};
use super::msg::Effect;
use super::text_input::{TextInput, TextOp};
use super::update::toast;
use super::update_lists::apply_filter;
use super::{Model, Overlay, Pane, PromptKind};
use crate::domain::pinyin;
use crate::i18n::{Locale, tr_args};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

/// Entries each prompt remembers for ↑/↓.
const HISTORY: usize = 50;

pub(super) fn close(model: &mut Model) -> Vec<Effect> {
    model.overlay = None;
    Vec::new()
}

pub(super) fn open_palette(model: &mut Model) -> Vec<Effect> {
    model.overlay = Some(Overlay::Palette {
        input: TextInput::default(),
        selected: 0,
    });
    Vec::new()
}

/// Commands matching the palette input, best first; all commands, in registry order, for empty input. A command
/// matches by name or by its description in `locale` (fuzzy); in Chinese, then by the English description's words
/// (`reply` finds 回复), then, for letters, by the pinyin of the description, full or initials (`huifu`, `hf` →
/// 回复). Within each of these, those that run from a pane come before those of dialogs and forms, which the
/// palette only lists.
pub fn palette_matches(input: &str, locale: Locale) -> Vec<&'static Command> {
    let mut found = fuzzy(input, locale);
    by_where_it_runs(&mut found);
    if locale == Locale::En || input.trim().is_empty() {
        return found;
    }
    let words: Vec<String> = input.split_whitespace().map(str::to_lowercase).collect();
    also(&mut found, |c| {
        let english = c.description(Locale::En).to_lowercase();
        words.iter().all(|w| english.contains(w.as_str()))
    });
    if pinyin::is_pinyin_query(input) {
        also(&mut found, |c| {
            pinyin::matches(input, &c.description(locale))
        });
    }
    found
}

/// Adds the commands not found yet that `matches` takes, those that run from a pane first.
fn also(found: &mut Vec<&'static Command>, matches: impl Fn(&Command) -> bool) {
    let mut more: Vec<&'static Command> = COMMANDS
        .iter()
        .filter(|c| !found.iter().any(|f| f.id == c.id) && matches(c))
        .collect();
    by_where_it_runs(&mut more);
    found.extend(more);
}

/// Commands that run from a pane first (stable: the order within each kind is kept).
fn by_where_it_runs(commands: &mut [&'static Command]) {
    commands.sort_by_key(|c| c.context != Context::Global && c.context.pane().is_none());
}

fn fuzzy(input: &str, locale: Locale) -> Vec<&'static Command> {
    if input.trim().is_empty() {
        return COMMANDS.iter().collect();
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(input, CaseMatching::Ignore, Normalization::Smart);
    let haystacks: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("{} {}", c.name, c.description(locale)))
        .collect();
    let items = haystacks.iter().enumerate().map(|(i, s)| Indexed(i, s));
    pattern
        .match_list(items, &mut matcher)
        .into_iter()
        .map(|(Indexed(i, _), _)| &COMMANDS[i])
        .collect()
}

/// A haystack that remembers its command's index.
struct Indexed<'a>(usize, &'a str);

impl AsRef<str> for Indexed<'_> {
    fn as_ref(&self) -> &str {
        self.1
    }
}

pub(super) fn palette_move(model: &mut Model, step: isize) -> Vec<Effect> {
    if let Some(Overlay::Palette { input, selected }) = model.overlay.as_mut() {
        let n = palette_matches(input.value(), model.locale).len();
        *selected = selected
            .saturating_add_signed(step)
            .min(n.saturating_sub(1));
    }
    Vec::new()
}

/// Runs the chosen command where it belongs: a pane's command switches to that pane first; an overlay's command
/// only works while that overlay is open, which the palette is not.
pub(super) fn palette_run(model: &mut Model) -> Vec<Effect> {
    let Some(Overlay::Palette { input, selected }) = &model.overlay else {
        return Vec::new();
    };
    // `1042` or `#1042` goes to that ticket.
    if let Some(number) = crate::domain::ticket::number_in(input.value()) {
        model.overlay = None;
        return super::update_lists::go_to_ticket(model, number);
    }
    let chosen = palette_matches(input.value(), model.locale)
        .get(*selected)
        .copied();
    model.overlay = None;
    let Some(c) = chosen else {
        return Vec::new();
    };
    let mut fx = Vec::new();
    match (c.context, c.context.pane()) {
        (Context::Global, _) => {}
        (_, Some(pane)) if pane != model.pane => fx.extend(super::update::switch(model, pane)),
        (_, Some(_)) => {}
        (ctx, None) => {
            let keys = model.keymap.keys_for(c.id).join(" ");
            let text = tr_args(
                model.locale,
                "palette-works-in",
                &[
                    ("command", c.name.into()),
                    ("context", ctx.title(model.locale).into()),
                    ("keys", keys.into()),
                ],
            );
            toast(model, text, false);
            return fx;
        }
    }
    fx.extend(super::commands::run(model, c.id));
    fx
}

/// The list filter for the pane on screen, starting from the one in force.
pub(super) fn open_filter(model: &mut Model) -> Vec<Effect> {
    let current = match model.pane {
        Pane::Queues => model.queues.filter.clone(),
        Pane::Customers => model.customers.filter.clone(),
        Pane::Kb => model
            .kb
            .search
            .as_ref()
            .map(|s| s.query.clone())
            .unwrap_or_default(),
        Pane::Ticket | Pane::Dashboard => {
            let key = if model.pane == Pane::Ticket {
                "chrome-no-filter-ticket"
            } else {
                "chrome-no-filter-dashboard"
            };
            toast(model, crate::i18n::tr(model.locale, key), false);
            return Vec::new();
        }
    };
    model.overlay = Some(Overlay::prompt(PromptKind::Filter, &current, None));
    Vec::new()
}

/// Full-text search over subjects and messages, offering the last query selected: Enter runs it again, typing
/// replaces it, an arrow keeps it to edit. The last query outlives its results (Esc closes those).
pub(super) fn open_search(model: &mut Model) -> Vec<Effect> {
    let last = model
        .queues
        .search
        .as_ref()
        .map(|s| s.query.clone())
        .or_else(|| {
            model
                .prompt_history
                .get(&history_key(PromptKind::Search, model.pane))
                .and_then(|past| past.last().cloned())
        })
        .unwrap_or_default();
    model.overlay = Some(Overlay::Prompt {
        kind: PromptKind::Search,
        input: TextInput::new_selected(&last),
        targets: None,
        recall: None,
    });
    Vec::new()
}

/// An empty prompt of `kind`.
pub(super) fn open_prompt(model: &mut Model, kind: PromptKind) -> Vec<Effect> {
    model.overlay = Some(Overlay::prompt(kind, "", None));
    Vec::new()
}

/// Where a prompt's answers are remembered: filters per pane, the others per kind.
fn history_key(kind: PromptKind, pane: Pane) -> (PromptKind, Option<Pane>) {
    (kind, (kind == PromptKind::Filter).then_some(pane))
}

pub(super) fn prompt_submit(model: &mut Model) -> Vec<Effect> {
    let Some(Overlay::Prompt {
        kind,
        input,
        targets,
        ..
    }) = model.overlay.take()
    else {
        return Vec::new();
    };
    let text = input.value().trim().to_string();
    if !text.is_empty() {
        let past = model
            .prompt_history
            .entry(history_key(kind, model.pane))
            .or_default();
        past.retain(|t| *t != text);
        past.push(text.clone());
        if past.len() > HISTORY {
            past.remove(0);
        }
    }
    match (kind, targets) {
        (PromptKind::Filter, _) => apply_filter(model, text),
        (_, Some(t)) => super::bulk::answer_tags(model, &text, t),
        (_, None) => super::ticket_actions::answer_prompt(model, kind, &text),
    }
}

/// ↑ (`step` 1) recalls an earlier answer, ↓ a later one and finally what was being typed.
pub(super) fn prompt_recall(model: &mut Model, step: isize) -> Vec<Effect> {
    let pane = model.pane;
    let Some(Overlay::Prompt {
        kind,
        input,
        recall,
        ..
    }) = model.overlay.as_mut()
    else {
        return Vec::new();
    };
    let past = model
        .prompt_history
        .get(&history_key(*kind, pane))
        .map(Vec::as_slice)
        .unwrap_or_default();
    // 0 is what was typed; n is the n-th newest entry.
    let at = recall.as_ref().map_or(0, |(at, _)| *at);
    let next = at.saturating_add_signed(step).min(past.len());
    if next == at {
        return Vec::new();
    }
    let draft = match recall.take() {
        Some((_, draft)) => draft,
        None => input.value().to_string(),
    };
    if next == 0 {
        input.set(&draft);
    } else {
        input.set(&past[past.len() - next]);
        *recall = Some((next, draft));
    }
    Vec::new()
}

/// The options a picker's filter leaves, as indices into all of them: each word typed must be in the label as
/// shown or in the option's English name (`resolved` finds 已解决 in Chinese), or spell the label in pinyin
/// (`yjj`, `yijiejue`).
pub fn picker_visible(options: &[(String, super::PickAction)], filter: &str) -> Vec<usize> {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    options
        .iter()
        .enumerate()
        .filter(|(_, (label, action))| {
            let hay = format!("{} {}", label, action.english_name()).to_lowercase();
            words.iter().all(|w| {
                hay.contains(w.as_str())
                    || (crate::domain::pinyin::is_pinyin_query(w)
                        && crate::domain::pinyin::matches(w, label))
            })
        })
        .map(|(i, _)| i)
        .collect()
}

pub(super) fn picker_move(model: &mut Model, step: isize) -> Vec<Effect> {
    if let Some(Overlay::Picker {
        options,
        selected,
        filter,
        ..
    }) = model.overlay.as_mut()
    {
        let n = picker_visible(options, filter.value()).len();
        *selected = selected
            .saturating_add_signed(step)
            .min(n.saturating_sub(1));
    }
    Vec::new()
}

pub(super) fn picker_choose(model: &mut Model) -> Vec<Effect> {
    let selected = match &model.overlay {
        Some(Overlay::Picker { selected, .. }) => *selected,
        _ => return Vec::new(),
    };
    pick_option(model, selected)
}

/// Chooses the `i`-th option the filter leaves and closes the picker.
fn pick_option(model: &mut Model, i: usize) -> Vec<Effect> {
    let Some(Overlay::Picker {
        options,
        targets,
        filter,
        ..
    }) = &model.overlay
    else {
        return Vec::new();
    };
    let visible = picker_visible(options, filter.value());
    let Some((_, action)) = visible.get(i).and_then(|j| options.get(*j)).cloned() else {
        return Vec::new();
    };
    let targets = targets.clone();
    model.overlay = None;
    super::ticket_actions::pick(model, action, targets)
}

/// The text input that has the focus in the open overlay, if it takes typing.
fn focused_input(overlay: &mut Overlay) -> Option<&mut TextInput> {
    match overlay {
        Overlay::Palette { input, .. } | Overlay::Prompt { input, .. } => Some(input),
        Overlay::Picker { filter, .. } => Some(filter),
        Overlay::Help(help) if help.typing => Some(&mut help.search),
        Overlay::NewTicket(form) => form.focused_text(),
        Overlay::Survey(form) => form.focused_text(),
        Overlay::LoopForm(form) => form.focused_text(),
        Overlay::Qa(s) => s.form.as_mut().and_then(|f| f.focused_text()),
        _ => None,
    }
}

/// A text-editing command on the focused input.
pub(super) fn text(model: &mut Model, op: TextOp) -> Vec<Effect> {
    let changed = model
        .overlay
        .as_mut()
        .and_then(focused_input)
        .is_some_and(|input| input.edit(op));
    if changed {
        text_changed(model)
    } else {
        Vec::new()
    }
}

/// Pasted text goes into the focused input as one line; elsewhere it is ignored.
pub(super) fn paste(model: &mut Model, text: &str) -> Vec<Effect> {
    let changed = model
        .overlay
        .as_mut()
        .and_then(focused_input)
        .is_some_and(|input| input.paste(text));
    if changed {
        text_changed(model)
    } else {
        Vec::new()
    }
}

/// What an overlay does when its text changes: the palette starts from its best match, the new-ticket form
/// looks the customer up.
fn text_changed(model: &mut Model) -> Vec<Effect> {
    match model.overlay.as_mut() {
        Some(Overlay::Palette { selected, .. } | Overlay::Picker { selected, .. }) => {
            *selected = 0;
            Vec::new()
        }
        Some(Overlay::Prompt { recall, .. }) => {
            // Editing a recalled entry makes it what is typed.
            *recall = None;
            Vec::new()
        }
        Some(Overlay::NewTicket(_)) => super::new_ticket::text_changed(model),
        Some(Overlay::Help(_)) => {
            super::help::search_changed(model);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// A key that is no command in the overlay's context: typed into its text, or a digit that picks.
pub(super) fn on_unbound(model: &mut Model, key: Key) -> Vec<Effect> {
    let KeyCode::Char(c) = key.code else {
        return Vec::new();
    };
    if key.ctrl || key.alt {
        return Vec::new();
    }
    match model.overlay.as_mut() {
        // Digits choose while nothing is typed; after that they are part of the filter.
        Some(Overlay::Picker { filter, .. }) if filter.is_empty() && matches!(c, '1'..='9') => {
            pick_option(model, c as usize - '1' as usize)
        }
        Some(Overlay::Suggestions { .. }) => match c.to_digit(10) {
            Some(d @ 1..=9) => super::suggestions::select(model, d as usize - 1),
            _ => Vec::new(),
        },
        Some(Overlay::Survey(form)) if form.focus != form.comment_at() => {
            if let Some(d) = c.to_digit(10) {
                form.digit(i64::from(d));
            }
            Vec::new()
        }
        Some(Overlay::Qa(s)) if s.form.as_ref().is_some_and(|f| !f.on_comment()) => {
            if let (Some(f), Some(d)) = (s.form.as_mut(), c.to_digit(10)) {
                f.digit(i64::from(d));
            }
            Vec::new()
        }
        Some(Overlay::NewTicket(form)) if form.field >= 2 => {
            super::new_ticket::choice_key(model, c)
        }
        Some(overlay) => {
            let typed = focused_input(overlay).is_some_and(|input| input.insert(c));
            if typed {
                text_changed(model)
            } else {
                Vec::new()
            }
        }
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::commands::CommandId;

    #[test]
    fn palette_finds_by_name_or_description() {
        assert_eq!(matching("quit", Locale::En).first(), Some(&"app.quit"));
        let found = matching("knowledge", Locale::En);
        assert!(found.contains(&"pane.kb"), "{found:?}");
        assert_eq!(palette_matches("", Locale::En).len(), COMMANDS.len());
        assert!(palette_matches("zzzzqqq", Locale::En).is_empty());
    }

    fn matching(input: &str, locale: Locale) -> Vec<&'static str> {
        palette_matches(input, locale)
            .iter()
            .map(|c| c.name)
            .collect()
    }

    #[test]
    fn a_chinese_palette_finds_a_command_by_english_word() {
        // 回复客户 is "Reply to the customer": the English word finds it, first.
        let found = matching("reply", Locale::ZhCn);
        assert_eq!(found.first(), Some(&"ticket.reply"), "{found:?}");
        assert_eq!(
            matching("knowledge", Locale::ZhTw),
            matching("knowledge", Locale::En)
        );
    }

    #[test]
    fn a_chinese_palette_finds_a_command_by_chinese() {
        let found = matching("回复", Locale::ZhCn);
        assert_eq!(found.first(), Some(&"ticket.reply"), "{found:?}");
        let found = matching("回覆客戶", Locale::ZhTw);
        assert_eq!(found.first(), Some(&"ticket.reply"), "{found:?}");
        assert!(
            matching("回复", Locale::En).is_empty(),
            "English has no Chinese words"
        );
    }

    #[test]
    fn a_chinese_palette_finds_a_command_by_full_pinyin() {
        // 指派给客服: no English description spells these letters, pinyin does.
        let found = matching("zhipai", Locale::ZhCn);
        assert!(found.contains(&"ticket.assign"), "{found:?}");
        assert!(found.contains(&"queue.assign"), "{found:?}");
        assert!(!matching("zhipai", Locale::En).contains(&"ticket.assign"));
        // Syllables ending in the start of the next: huifuk → 回复客(户).
        assert!(matching("huifuk", Locale::ZhCn).contains(&"ticket.reply"));
        // Traditional characters have the same readings: 知識庫.
        assert!(matching("zhishiku", Locale::ZhTw).contains(&"pane.kb"));
    }

    #[test]
    fn a_chinese_palette_finds_a_command_by_initials() {
        // 回复客户 → hfkh; 知识库 → zsk.
        assert!(matching("hfkh", Locale::ZhCn).contains(&"ticket.reply"));
        assert!(matching("zsk", Locale::ZhCn).contains(&"pane.kb"));
        assert!(matching("zsk", Locale::ZhTw).contains(&"pane.kb"));
        // Pinyin comes after what matched otherwise, and nothing twice.
        let found = matching("hf", Locale::ZhCn);
        let mut unique = found.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), found.len(), "{found:?}");
        assert!(found.contains(&"ticket.reply"), "{found:?}");
    }

    #[test]
    fn command_ids_index_the_table() {
        for (i, c) in COMMANDS.iter().enumerate() {
            assert_eq!(c.id as usize, i, "{}", c.name);
            assert_eq!(super::super::commands::command(c.id).name, c.name);
        }
        assert_eq!(
            super::super::commands::by_name("ticket.reply").map(|c| c.id),
            Some(CommandId::TicketReply)
        );
    }
}
