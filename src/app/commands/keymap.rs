//! Key sequences bound to commands, per context: the registry's defaults with the user's `[keys]` overrides.

use super::{COMMANDS, CommandId, Context, by_name, command};
use crate::app::keys::{Key, KeyCode, KeyError, seq_label};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Context, Vec<Key>, CommandId)>,
}

/// What a key press (with any pending prefix) resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Command(CommandId),
    /// The keys so far start a longer binding: wait for the next key.
    Prefix,
    None,
}

/// A `[keys]` override the keymap cannot take. Config validation adds the file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    /// No command has this name.
    #[error("unknown command `{name}` in [keys]")]
    UnknownCommand { name: String },
    /// One of `command`'s keys does not parse.
    #[error("[keys] {}: {problem}", super::command(*.command).name)]
    BadKey {
        command: CommandId,
        problem: KeyError,
    },
    /// A key that types a character, bound in a context that takes typing.
    #[error(
        "[keys] {}: `{spec}` is typed as text in {}; bind a key with Ctrl or Alt, or a special key",
        super::command(*.command).name,
        .context.title(crate::i18n::Locale::En)
    )]
    TypedAsText {
        command: CommandId,
        spec: String,
        context: Context,
    },
    /// The same keys run two commands in one context: `first` and `second` in table order.
    #[error(
        "key `{}` is bound to both {} and {}; give one of them other keys in [keys]",
        seq_label(.keys),
        command(*.first).name,
        command(*.second).name
    )]
    BoundTwice {
        keys: Vec<Key>,
        context: Context,
        first: CommandId,
        second: CommandId,
    },
}

/// A key that types a character (no Ctrl or Alt): where text is typed it cannot also be a command.
fn types_text(seq: &[Key]) -> bool {
    seq.first()
        .is_some_and(|k| matches!(k.code, KeyCode::Char(_)) && !k.ctrl && !k.alt)
}

impl Keymap {
    /// The registry's defaults with `overrides` (command name → key specs) replacing a command's keys.
    /// Unknown names and bad keys are errors naming them; config validation reports them with file and line.
    pub fn build(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, KeymapError> {
        if let Some(name) = overrides.keys().find(|name| by_name(name).is_none()) {
            return Err(KeymapError::UnknownCommand { name: name.clone() });
        }
        let mut bindings = Vec::new();
        for c in COMMANDS {
            let specs: Vec<&str> = match overrides.get(c.name) {
                Some(keys) => keys.iter().map(String::as_str).collect(),
                None => c.keys.to_vec(),
            };
            for spec in specs {
                let seq = Key::parse_seq(spec).map_err(|problem| KeymapError::BadKey {
                    command: c.id,
                    problem,
                })?;
                if c.context.takes_typing() && types_text(&seq) {
                    return Err(KeymapError::TypedAsText {
                        command: c.id,
                        spec: spec.to_string(),
                        context: c.context,
                    });
                }
                bindings.push((c.context, seq, c.id));
            }
        }
        // A key bound twice in one context would silently do only one thing: say which two collide.
        for (i, (ctx, seq, id)) in bindings.iter().enumerate() {
            if let Some((_, _, other)) = bindings
                .iter()
                .skip(i + 1)
                .find(|(c, s, o)| c == ctx && s == seq && o != id)
            {
                return Err(KeymapError::BoundTwice {
                    keys: seq.clone(),
                    context: *ctx,
                    first: *id,
                    second: *other,
                });
            }
        }
        Ok(Keymap { bindings })
    }

    pub fn defaults() -> Keymap {
        // The registry's own specs are tested to build, so this cannot fail.
        Keymap::build(&BTreeMap::new()).unwrap_or(Keymap {
            bindings: Vec::new(),
        })
    }

    /// Resolves `keys` (pending prefix + the new key) in `context`, then in the contexts it falls back to.
    pub fn lookup(&self, context: Context, keys: &[Key]) -> Lookup {
        let mut prefix = false;
        for ctx in std::iter::once(context).chain(context.parents().iter().copied()) {
            for (c, seq, id) in &self.bindings {
                if *c != ctx {
                    continue;
                }
                if seq.as_slice() == keys {
                    return Lookup::Command(*id);
                }
                if seq.len() > keys.len() && seq.starts_with(keys) {
                    prefix = true;
                }
            }
        }
        if prefix { Lookup::Prefix } else { Lookup::None }
    }

    /// Keys that run `id` in `context`: a global key the pane binds to something else does not count.
    pub fn keys_in(&self, context: Context, id: CommandId) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|(_, seq, c)| *c == id && self.lookup(context, seq) == Lookup::Command(id))
            .map(|(_, seq, _)| seq_label(seq))
            .collect()
    }

    /// Every key bound to a command, as help prints them.
    pub fn keys_for(&self, id: CommandId) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|(_, _, c)| *c == id)
            .map(|(_, seq, _)| seq_label(seq))
            .collect()
    }

    /// The first key of a command, for prompts and dialogs that name it ("Enter saves").
    pub fn first_key(&self, id: CommandId) -> String {
        self.keys_for(id).into_iter().next().unwrap_or_default()
    }
}
