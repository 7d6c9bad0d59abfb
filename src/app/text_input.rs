//! One line of editable text (prompts, the palette, form fields). `tui-input` keeps the text and the cursor and
//! moves by grapheme, so a CJK character or an emoji with a skin tone is one step; this wraps it so the Model
//! can be compared, and keeps pasted text to one clean line.
//!
//! The text can start *selected* (a prompt offering its last answer): typing or pasting replaces it, a deleting
//! key removes it, and a movement keeps it and only ends the selection.

use tui_input::{Input, InputRequest};

#[derive(Debug, Clone, Default)]
pub struct TextInput {
    input: Input,
    /// The whole text is selected: the next typed character replaces it.
    selected: bool,
}

impl PartialEq for TextInput {
    fn eq(&self, other: &Self) -> bool {
        self.input.value() == other.input.value()
            && self.input.cursor() == other.input.cursor()
            && self.selected == other.selected
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
        TextInput {
            input: Input::new(text.to_string()),
            selected: false,
        }
    }

    /// Text with the cursor at its end and all of it selected (nothing to select when it is empty).
    pub fn new_selected(text: &str) -> TextInput {
        TextInput {
            selected: !text.is_empty(),
            ..TextInput::new(text)
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn is_empty(&self) -> bool {
        self.input.value().is_empty()
    }

    /// Whether the whole text is selected (typing replaces it).
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Replaces the text; the cursor goes to its end.
    pub fn set(&mut self, text: &str) {
        *self = TextInput::new(text);
    }

    /// The cursor in display columns from the start.
    pub fn cursor_column(&self) -> usize {
        self.input.visual_cursor()
    }

    /// Display columns scrolled off the left when `width` columns show the text with the cursor in view.
    pub fn scroll(&self, width: usize) -> usize {
        self.input.visual_scroll(width)
    }

    /// Applies an edit; true when the text changed (not only the cursor). On a selected text a deleting edit
    /// removes all of it, and a movement ends the selection at the side it moves to.
    pub fn edit(&mut self, op: TextOp) -> bool {
        if std::mem::take(&mut self.selected) {
            let to_start = match op {
                TextOp::Left | TextOp::WordLeft | TextOp::Home => true,
                TextOp::Right | TextOp::WordRight | TextOp::End => false,
                TextOp::DeleteBack
                | TextOp::Delete
                | TextOp::DeleteWordBack
                | TextOp::DeleteWord
                | TextOp::Clear
                | TextOp::KillToEnd => {
                    let had = !self.is_empty();
                    self.input.reset();
                    return had;
                }
            };
            let req = if to_start {
                InputRequest::GoToStart
            } else {
                InputRequest::GoToEnd
            };
            self.input.handle(req);
            return false;
        }
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
        self.input.handle(req).is_some_and(|c| c.value)
    }

    /// Types one character at the cursor (replacing a selected text); control characters are not text.
    pub fn insert(&mut self, c: char) -> bool {
        if c.is_control() {
            return false;
        }
        self.replace_selection();
        self.input
            .handle(InputRequest::InsertChar(c))
            .is_some_and(|s| s.value)
    }

    /// A selected text goes: what comes next takes its place.
    fn replace_selection(&mut self) {
        if std::mem::take(&mut self.selected) {
            self.input.reset();
        }
    }

    /// Pastes at the cursor: line breaks and tabs become spaces and other control or escape characters are
    /// dropped, so a paste can neither submit the prompt nor reach the terminal.
    pub fn paste(&mut self, text: &str) -> bool {
        let mut changed = self.selected && !self.is_empty();
        self.replace_selection();
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
    fn a_selected_text_is_replaced_by_typing_and_kept_by_moving() {
        let mut t = TextInput::new_selected("打印机 jam");
        assert!(t.is_selected());
        assert!(t.insert('x'));
        assert_eq!((t.value(), t.is_selected()), ("x", false));
        t.insert('y');
        assert_eq!(t.value(), "xy", "only the first key replaces");
        // Left ends the selection at the start, Right and End at the end; the text stays.
        let mut t = TextInput::new_selected("refund");
        assert!(!t.edit(TextOp::Left));
        assert_eq!(
            (t.value(), t.cursor_column(), t.is_selected()),
            ("refund", 0, false)
        );
        t.insert('a');
        assert_eq!(t.value(), "arefund");
        let mut t = TextInput::new_selected("refund");
        assert!(!t.edit(TextOp::End));
        t.insert('s');
        assert_eq!(t.value(), "refunds");
        // A deleting key removes the selection, and only it.
        let mut t = TextInput::new_selected("refund");
        assert!(t.edit(TextOp::DeleteBack));
        assert!(t.is_empty() && !t.is_selected());
        // Pasting replaces it too; an empty text has nothing to select.
        let mut t = TextInput::new_selected("refund");
        assert!(t.paste("printer"));
        assert_eq!(t.value(), "printer");
        assert!(!TextInput::new_selected("").is_selected());
    }

    #[test]
    fn paste_is_one_clean_line() {
        let mut t = TextInput::new("tag:");
        t.paste("vip\r\nrefund\t\u{1b}[2Jok\u{7}");
        assert_eq!(t.value(), "tag:vip refund [2Jok");
        assert!(!t.insert('\u{1b}'));
    }
}
