//! One line of editable text (prompts, the palette, form fields). `tui-input` keeps the text and the cursor and
//! moves by grapheme, so a CJK character or an emoji with a skin tone is one step; this wraps it so the Model
//! can be compared, and keeps pasted text to one clean line.

use tui_input::{Input, InputRequest};

#[derive(Debug, Clone, Default)]
pub struct TextInput(Input);

impl PartialEq for TextInput {
    fn eq(&self, other: &Self) -> bool {
        self.0.value() == other.0.value() && self.0.cursor() == other.0.cursor()
    }
}

/// An edit a key asks for (the text-editing commands of the registry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextOp {
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    DeleteBack,
    Delete,
    DeleteWordBack,
    DeleteWord,
    /// Everything, as Ctrl-U does in a shell.
    Clear,
    /// From the cursor to the end.
    KillToEnd,
}

impl TextInput {
    /// Text with the cursor at its end.
    pub fn new(text: &str) -> TextInput {
        TextInput(Input::new(text.to_string()))
    }

    pub fn value(&self) -> &str {
        self.0.value()
    }

    pub fn is_empty(&self) -> bool {
        self.0.value().is_empty()
    }

    /// Replaces the text; the cursor goes to its end.
    pub fn set(&mut self, text: &str) {
        *self = TextInput::new(text);
    }

    /// The cursor in display columns from the start.
    pub fn cursor_column(&self) -> usize {
        self.0.visual_cursor()
    }

    /// Display columns scrolled off the left when `width` columns show the text with the cursor in view.
    pub fn scroll(&self, width: usize) -> usize {
        self.0.visual_scroll(width)
    }

    /// Applies an edit; true when the text changed (not only the cursor).
    pub fn edit(&mut self, op: TextOp) -> bool {
        let req = match op {
            TextOp::Left => InputRequest::GoToPrevChar,
            TextOp::Right => InputRequest::GoToNextChar,
            TextOp::WordLeft => InputRequest::GoToPrevWord,
            TextOp::WordRight => InputRequest::GoToNextWord,
            TextOp::Home => InputRequest::GoToStart,
            TextOp::End => InputRequest::GoToEnd,
            TextOp::DeleteBack => InputRequest::DeletePrevChar,
            TextOp::Delete => InputRequest::DeleteNextChar,
            TextOp::DeleteWordBack => InputRequest::DeletePrevWord,
            TextOp::DeleteWord => InputRequest::DeleteNextWord,
            TextOp::Clear => InputRequest::DeleteLine,
            TextOp::KillToEnd => InputRequest::DeleteTillEnd,
        };
        self.0.handle(req).is_some_and(|c| c.value)
    }

    /// Types one character at the cursor; control characters are not text.
    pub fn insert(&mut self, c: char) -> bool {
        if c.is_control() {
            return false;
        }
        self.0
            .handle(InputRequest::InsertChar(c))
            .is_some_and(|s| s.value)
    }

    /// Pastes at the cursor: line breaks and tabs become spaces and other control or escape characters are
    /// dropped, so a paste can neither submit the prompt nor reach the terminal.
    pub fn paste(&mut self, text: &str) -> bool {
        let mut changed = false;
        let mut last_space = false;
        for c in text.chars() {
            let c = if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            };
            // A CRLF or a run of breaks is one space, not several.
            if c == ' ' && last_space {
                continue;
            }
            last_space = c == ' ';
            changed |= self.insert(c);
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_move_by_grapheme_and_word() {
        let mut t = TextInput::new("wang 芳芳");
        assert_eq!(t.cursor_column(), 9, "CJK characters are two columns each");
        assert!(t.edit(TextOp::DeleteBack));
        assert_eq!(t.value(), "wang 芳");
        assert!(!t.edit(TextOp::WordLeft), "moving changes no text");
        t.insert('x');
        assert_eq!(t.value(), "wang x芳");
        t.edit(TextOp::Home);
        assert!(t.edit(TextOp::Delete));
        assert_eq!(t.value(), "ang x芳");
        // A word jump lands on the start of the next word.
        t.edit(TextOp::WordRight);
        assert!(t.edit(TextOp::KillToEnd));
        assert_eq!(t.value(), "ang ");
        assert!(t.edit(TextOp::DeleteWordBack));
        assert!(t.is_empty());
        // A family emoji is several code points but one step.
        let mut e = TextInput::new("a👨‍👩‍👧");
        e.edit(TextOp::DeleteBack);
        assert_eq!(e.value(), "a");
    }

    #[test]
    fn paste_is_one_clean_line() {
        let mut t = TextInput::new("tag:");
        t.paste("vip\r\nrefund\t\u{1b}[2Jok\u{7}");
        assert_eq!(t.value(), "tag:vip refund [2Jok");
        assert!(!t.insert('\u{1b}'));
    }
}
