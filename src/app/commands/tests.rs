//! The registry's own rules: unique names, keys that parse, no collisions, precedence and overrides.

use super::*;
use crate::app::keys::{Key, KeyCode, KeyError};
use std::collections::BTreeMap;

#[test]
fn registry_names_are_unique_and_default_keys_parse() {
    let mut names: Vec<_> = COMMANDS.iter().map(|c| c.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), COMMANDS.len());
    assert!(Keymap::build(&BTreeMap::new()).is_ok());
}

#[test]
fn every_default_key_reaches_its_command_in_its_context() {
    let km = Keymap::defaults();
    for c in COMMANDS {
        for spec in c.keys {
            let seq = Key::parse_seq(spec).unwrap();
            assert_eq!(
                km.lookup(c.context, &seq),
                Lookup::Command(c.id),
                "{spec} in {}",
                c.context.title()
            );
        }
    }
}

#[test]
fn overlays_do_not_fall_through_to_pane_keys_and_typing_is_not_bindable() {
    let km = Keymap::defaults();
    assert_eq!(km.lookup(Context::Picker, &[Key::ch('n')]), Lookup::None);
    assert_eq!(km.lookup(Context::Prompt, &[Key::ch('q')]), Lookup::None);
    assert_eq!(
        km.lookup(Context::Prompt, &[Key::ctrl('w')]),
        Lookup::Command(CommandId::TextDeleteWordBack),
        "prompts edit text with the shared text keys"
    );
    let mut o = BTreeMap::new();
    o.insert("prompt.submit".to_string(), vec!["x".to_string()]);
    let e = Keymap::build(&o).unwrap_err();
    assert_eq!(
        e,
        KeymapError::TypedAsText {
            command: CommandId::PromptSubmit,
            spec: "x".into(),
            context: Context::Prompt
        }
    );
    assert!(e.to_string().contains("`x` is typed as text"), "{e}");
    o.insert("prompt.submit".to_string(), vec!["ctrl-j".to_string()]);
    let km = Keymap::build(&o).unwrap();
    assert_eq!(
        km.lookup(Context::Prompt, &[Key::ctrl('j')]),
        Lookup::Command(CommandId::PromptSubmit)
    );
    o.clear();
    o.insert("escalations.open".to_string(), vec!["space".to_string()]);
    assert!(
        Keymap::build(&o).is_ok(),
        "the escalation list takes no typing"
    );
    o.clear();
    o.insert("picker.choose".to_string(), vec!["space".to_string()]);
    assert!(Keymap::build(&o).is_err(), "pickers filter as you type");
}

#[test]
fn sequences_and_context_precedence() {
    let km = Keymap::defaults();
    assert_eq!(km.lookup(Context::Queues, &[Key::ch('g')]), Lookup::Prefix);
    assert_eq!(
        km.lookup(Context::Queues, &[Key::ch('g'), Key::ch('g')]),
        Lookup::Command(CommandId::Top)
    );
    assert_eq!(
        km.lookup(Context::Queues, &[Key::ch('J')]),
        Lookup::Command(CommandId::NextView)
    );
    assert_eq!(
        km.lookup(Context::Kb, &[Key::ch('J')]),
        Lookup::Command(CommandId::KbNextView)
    );
    assert_eq!(
        km.lookup(Context::Kb, &[Key::ch('n')]),
        Lookup::Command(CommandId::KbNew),
        "the pane's `n` wins over the global new ticket"
    );
    assert_eq!(km.lookup(Context::Customers, &[Key::ch('+')]), Lookup::None);
    assert_eq!(
        km.lookup(Context::Ticket, &[Key::plain(KeyCode::Down)]),
        Lookup::Command(CommandId::Down)
    );
}

#[test]
fn overrides_replace_only_that_command() {
    let mut o = BTreeMap::new();
    o.insert("nav.down".to_string(), vec!["ctrl-n".to_string()]);
    let km = Keymap::build(&o).unwrap();
    assert_eq!(
        km.lookup(Context::Global, &[Key::ctrl('n')]),
        Lookup::Command(CommandId::Down)
    );
    assert_eq!(km.lookup(Context::Global, &[Key::ch('j')]), Lookup::None);
    assert_eq!(
        km.lookup(Context::Global, &[Key::ch('k')]),
        Lookup::Command(CommandId::Up)
    );
    o.insert("nav.up".to_string(), vec!["ctrl-p".to_string()]);
    let e = Keymap::build(&o).unwrap_err();
    assert_eq!(
        e,
        KeymapError::BoundTwice {
            keys: vec![Key::ctrl('p')],
            context: Context::Global,
            first: CommandId::Palette,
            second: CommandId::Up
        }
    );
    assert_eq!(
        e.to_string(),
        "key `Ctrl-p` is bound to both app.palette and nav.up; give one of them other keys in [keys]"
    );
    o.insert("nav.up".to_string(), vec!["hyper-k".to_string()]);
    let e = Keymap::build(&o).unwrap_err();
    assert_eq!(
        e,
        KeymapError::BadKey {
            command: CommandId::Up,
            problem: KeyError::Unknown {
                spec: "hyper-k".into()
            }
        }
    );
    assert_eq!(e.to_string(), "[keys] nav.up: unknown key `hyper-k`");
    o.remove("nav.up");
    o.insert("nav.sideways".to_string(), vec!["x".to_string()]);
    let e = Keymap::build(&o).unwrap_err();
    assert_eq!(
        e,
        KeymapError::UnknownCommand {
            name: "nav.sideways".into()
        }
    );
    assert_eq!(e.to_string(), "unknown command `nav.sideways` in [keys]");
}
