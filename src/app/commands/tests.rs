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
                "{spec} in {:?}",
                c.context
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

#[test]
fn every_command_has_its_words_in_every_locale() {
    let mut keys = std::collections::BTreeSet::new();
    for c in COMMANDS {
        let key = c.key();
        let hint = format!("{key}-hint");
        assert!(keys.insert(key.clone()), "{}: `{key}` is taken", c.name);
        assert!(keys.insert(hint.clone()), "{}: `{hint}` is taken", c.name);
        for locale in Locale::ALL {
            assert!(i18n::has(locale, &key), "{locale}: no `{key}`");
            // A hint word exactly for the commands the hint bar shows.
            assert_eq!(
                i18n::has(locale, &hint),
                c.hint.is_some(),
                "{locale}: `{hint}`"
            );
        }
    }
    assert_eq!(
        command(CommandId::NextView).key(),
        "commands-queue-next-view"
    );
    assert_eq!(
        command(CommandId::TicketReply).description(Locale::ZhCn),
        "回复客户（打开 $EDITOR）"
    );
    assert_eq!(
        command(CommandId::TicketReply).hint_label(Locale::ZhTw),
        Some("回覆".to_string())
    );
    assert_eq!(command(CommandId::Refresh).hint_label(Locale::En), None);
}

#[test]
fn every_context_has_a_title_in_every_locale() {
    for ctx in Context::ALL {
        for locale in Locale::ALL {
            assert!(i18n::has(locale, ctx.title_key()), "{locale}: {ctx:?}");
            assert!(ctx.note(locale).is_none_or(|n| !n.starts_with("help-")));
        }
    }
    assert_eq!(Context::Global.title(Locale::En), "Everywhere");
    assert_eq!(Context::Kb.title(Locale::ZhTw), "知識庫");
}
