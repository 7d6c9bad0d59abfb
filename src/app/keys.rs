//! Keys as the app sees them: independent of crossterm so `update` and the keymap stay pure and testable.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// A key spec (in `[keys]`) that names no key desk knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("empty key")]
    Empty,
    /// `spec` as written.
    #[error("unknown key `{spec}`")]
    Unknown { spec: String },
    #[error("`{spec}`: sequences of more than two keys are not supported")]
    TooLong { spec: String },
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Parses one key: `j`, `G`, `?`, `space`, `enter`, `esc`, `tab`, `shift-tab`, `up`, `pgdn`, `f1`, `ctrl-d`, `alt-x`.
    pub fn parse(spec: &str) -> Result<Key, KeyError> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = spec.trim();
        if rest.is_empty() {
            return Err(KeyError::Empty);
        }
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 2
                && (lower.starts_with("ctrl-") || lower.starts_with("ctrl+"))
            {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 2
                && (lower.starts_with("alt-") || lower.starts_with("alt+"))
            {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        let code = match lower.as_str() {
            "enter" | "return" | "cr" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" | "s-tab" => KeyCode::BackTab,
            "backspace" | "bs" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "space" => KeyCode::Char(' '),
            f if f.len() >= 2
                && f.starts_with('f')
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
                    _ => {
                        return Err(KeyError::Unknown {
                            spec: spec.to_string(),
                        });
                    }
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }

    /// A binding: one key or a space-separated sequence (`g g`).
    pub fn parse_seq(spec: &str) -> Result<Vec<Key>, KeyError> {
        let parts: Vec<&str> = spec.split_whitespace().collect();
        if parts.is_empty() {
            return Err(KeyError::Empty);
        }
        if parts.len() > 2 {
            return Err(KeyError::TooLong {
                spec: spec.to_string(),
            });
        }
        parts.into_iter().map(Key::parse).collect()
    }
}

/// A key as help, hints and dialogs show it: `Ctrl-D`, `Enter`, `Esc`, `PgDn`, `↑`. These names are the same in
/// every locale, not words to translate: they are what the keycaps say (Chinese keyboards print them in Latin
/// letters, and Chinese software writes 按 Esc 取消, Ctrl+C), and config takes them in English. The literal ratchet
/// (tests/i18n/literals.rs, `is_key_name`) leaves out exactly the literals this parser reads as keys.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
        }
    }
}

/// Shows a binding the way help and the hint bar print it (`g g` → `gg`).
pub fn seq_label(seq: &[Key]) -> String {
    let plain_chars = seq
        .iter()
        .all(|k| matches!(k.code, KeyCode::Char(c) if c != ' ') && !k.ctrl && !k.alt);
    let parts: Vec<String> = seq.iter().map(ToString::to_string).collect();
    if plain_chars {
        parts.concat()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_config_uses() {
        assert_eq!(Key::parse("j"), Ok(Key::ch('j')));
        assert_eq!(Key::parse("G"), Ok(Key::ch('G')));
        assert_eq!(Key::parse("ctrl-D"), Ok(Key::ctrl('d')));
        assert_eq!(Key::parse("Ctrl+u"), Ok(Key::ctrl('u')));
        assert_eq!(Key::parse("PgDn"), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("shift-tab"), Ok(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("space"), Ok(Key::ch(' ')));
        assert_eq!(Key::parse("f5"), Ok(Key::plain(KeyCode::F(5))));
        assert_eq!(Key::parse("-"), Ok(Key::ch('-')));
        assert!(
            Key::parse("ctrl-").is_ok_and(|k| k == Key::ch('-')) || Key::parse("ctrl-").is_err()
        );
        let e = Key::parse("hyper-x").unwrap_err();
        assert_eq!(
            e,
            KeyError::Unknown {
                spec: "hyper-x".into()
            }
        );
        assert_eq!(e.to_string(), "unknown key `hyper-x`");
        assert_eq!(Key::parse_seq("g g"), Ok(vec![Key::ch('g'), Key::ch('g')]));
        let e = Key::parse_seq("a b c").unwrap_err();
        assert_eq!(
            e,
            KeyError::TooLong {
                spec: "a b c".into()
            }
        );
        assert_eq!(
            e.to_string(),
            "`a b c`: sequences of more than two keys are not supported"
        );
        assert_eq!(Key::parse_seq("  "), Err(KeyError::Empty));
        assert_eq!(KeyError::Empty.to_string(), "empty key");
    }

    #[test]
    fn labels() {
        assert_eq!(seq_label(&[Key::ch('g'), Key::ch('g')]), "gg");
        assert_eq!(seq_label(&[Key::ctrl('d')]), "Ctrl-d");
        assert_eq!(seq_label(&[Key::plain(KeyCode::Down)]), "↓");
    }
}
