//! Overlays: help, the command palette (fuzzy) and the list-filter prompt.

use super::commands::{COMMANDS, Command, CommandId};
use super::keys::{Key, KeyCode};
use super::msg::Effect;
use super::update::run;
use super::update_lists::apply_filter;
use super::{Model, Overlay};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

/// Commands matching the palette input, best first; all commands, in registry order, for empty input.
pub fn palette_matches(input: &str) -> Vec<&'static Command> {
    if input.trim().is_empty() {
        return COMMANDS.iter().collect();
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(input, CaseMatching::Ignore, Normalization::Smart);
    let haystacks: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("{} {}", c.name, c.description))
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

/// Edits a one-line input; returns false when the key is not an editing key.
pub(super) fn edit(input: &mut String, key: Key) -> bool {
    match key.code {
        KeyCode::Char('u') if key.ctrl => input.clear(),
        KeyCode::Char('w') if key.ctrl => {
            let trimmed = input.trim_end().len();
            input.truncate(trimmed);
            let cut = input.rfind(' ').map_or(0, |i| i + 1);
            input.truncate(cut);
        }
        KeyCode::Char(c) if !key.ctrl && !key.alt => input.push(c),
        KeyCode::Backspace => {
            input.pop();
        }
        _ => return false,
    }
    true
}

pub(super) fn on_key(model: &mut Model, key: Key) -> Vec<Effect> {
    let Some(overlay) = model.overlay.as_mut() else {
        return Vec::new();
    };
    match overlay {
        Overlay::Decide(_) => super::team::on_key(model, key),
        Overlay::Help { scroll } => {
            match key.code {
                KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('?') | KeyCode::Enter => {
                    model.overlay = None
                }
                KeyCode::Down | KeyCode::Char('j') => *scroll += 1,
                KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
                KeyCode::PageDown | KeyCode::Char(' ') => *scroll += 10,
                KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
                KeyCode::Home | KeyCode::Char('g') => *scroll = 0,
                _ => {}
            }
            // Render clamps the scroll to the help's length.
            Vec::new()
        }
        Overlay::Palette { input, selected } => match key.code {
            KeyCode::Esc => {
                model.overlay = None;
                Vec::new()
            }
            KeyCode::Enter => {
                let chosen: Option<CommandId> = palette_matches(input).get(*selected).map(|c| c.id);
                model.overlay = None;
                chosen.map(|id| run(model, id)).unwrap_or_default()
            }
            KeyCode::Down | KeyCode::Tab => {
                let n = palette_matches(input).len();
                *selected = (*selected + 1).min(n.saturating_sub(1));
                Vec::new()
            }
            KeyCode::Char('n') if key.ctrl => {
                let n = palette_matches(input).len();
                *selected = (*selected + 1).min(n.saturating_sub(1));
                Vec::new()
            }
            KeyCode::Up | KeyCode::BackTab => {
                *selected = selected.saturating_sub(1);
                Vec::new()
            }
            _ => {
                if edit(input, key) {
                    *selected = 0;
                }
                Vec::new()
            }
        },
        Overlay::Picker {
            options,
            selected,
            targets,
            ..
        } => match key.code {
            KeyCode::Esc | KeyCode::Char('q') => {
                model.overlay = None;
                Vec::new()
            }
            KeyCode::Enter => {
                let edit = options.get(*selected).map(|(_, e)| e.clone());
                let targets = targets.take();
                model.overlay = None;
                edit.map(|e| super::ticket_actions::pick(model, e, targets))
                    .unwrap_or_default()
            }
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                *selected = (*selected + 1).min(options.len().saturating_sub(1));
                Vec::new()
            }
            KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => {
                *selected = selected.saturating_sub(1);
                Vec::new()
            }
            // Digits pick directly: 1 is the first option.
            KeyCode::Char(c @ '1'..='9') => {
                let i = c as usize - '1' as usize;
                let edit = options.get(i).map(|(_, e)| e.clone());
                let targets = targets.clone();
                if edit.is_some() {
                    model.overlay = None;
                }
                edit.map(|e| super::ticket_actions::pick(model, e, targets))
                    .unwrap_or_default()
            }
            _ => Vec::new(),
        },
        Overlay::NewTicket(_) => super::new_ticket::on_key(model, key),
        Overlay::Survey(_) => super::service_actions::on_survey_key(model, key),
        Overlay::Escalations { .. } => super::service_actions::on_escalations_key(model, key),
        Overlay::Suggestions { .. } => super::suggestions::on_key(model, key),
        Overlay::Prompt {
            kind,
            input,
            targets,
        } => match key.code {
            KeyCode::Esc => {
                model.overlay = None;
                Vec::new()
            }
            KeyCode::Enter => {
                let (kind, text, targets) = (*kind, input.trim().to_string(), targets.take());
                model.overlay = None;
                match targets {
                    Some(t) => super::bulk::answer_tags(model, &text, t),
                    None => super::ticket_actions::answer_prompt(model, kind, &text),
                }
            }
            _ => {
                edit(input, key);
                Vec::new()
            }
        },
        Overlay::Filter { input } => match key.code {
            KeyCode::Esc => {
                model.overlay = None;
                Vec::new()
            }
            KeyCode::Enter => {
                let text = input.trim().to_string();
                model.overlay = None;
                apply_filter(model, text)
            }
            _ => {
                edit(input, key);
                Vec::new()
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_finds_by_name_or_description() {
        let names: Vec<&str> = palette_matches("quit").iter().map(|c| c.name).collect();
        assert_eq!(names.first(), Some(&"app.quit"));
        let names: Vec<&str> = palette_matches("knowledge")
            .iter()
            .map(|c| c.name)
            .collect();
        assert!(names.contains(&"pane.kb"), "{names:?}");
        assert_eq!(palette_matches("").len(), COMMANDS.len());
        assert!(palette_matches("zzzzqqq").is_empty());
    }

    #[test]
    fn line_editing() {
        let mut s = String::from("wang fang");
        assert!(edit(&mut s, Key::ctrl('w')));
        assert_eq!(s, "wang ");
        edit(&mut s, Key::plain(KeyCode::Backspace));
        edit(&mut s, Key::ch('芳'));
        assert_eq!(s, "wang芳");
        edit(&mut s, Key::ctrl('u'));
        assert_eq!(s, "");
        assert!(!edit(&mut s, Key::plain(KeyCode::Up)));
    }
}
