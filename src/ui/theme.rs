//! Styles the renderer uses. Built from config (`config::ThemeConfig::resolve`); NO_COLOR gives a monochrome theme
//! where selection and priority stay visible through modifiers alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub base: Style,
    pub muted: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub selection: Style,
    pub tab_active: Style,
    pub tab_inactive: Style,
    pub status_bar: Style,
    pub hint_key: Style,
    pub error: Style,
    pub ok: Style,
    pub priority_urgent: Style,
    pub priority_high: Style,
    pub priority_normal: Style,
    pub priority_low: Style,
    pub internal_note: Style,
    pub customer_message: Style,
    pub agent_message: Style,
    pub heading: Style,
    pub code: Style,
    pub quote: Style,
    pub link: Style,
    pub highlight: Style,
}

impl Theme {
    pub fn colored() -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        Theme {
            base: Style::new(),
            muted: fg(Color::DarkGray),
            border: fg(Color::DarkGray),
            border_focused: fg(Color::Cyan),
            title: Style::new().add_modifier(Modifier::BOLD),
            selection: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            tab_inactive: fg(Color::Gray),
            status_bar: fg(Color::Gray),
            hint_key: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            error: fg(Color::LightRed).add_modifier(Modifier::BOLD),
            ok: fg(Color::Green),
            priority_urgent: fg(Color::LightRed).add_modifier(Modifier::BOLD),
            priority_high: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            priority_normal: fg(Color::Green),
            priority_low: fg(Color::Blue),
            internal_note: fg(Color::Yellow),
            customer_message: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            agent_message: fg(Color::Green).add_modifier(Modifier::BOLD),
            heading: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            code: fg(Color::LightYellow),
            quote: fg(Color::Gray).add_modifier(Modifier::ITALIC),
            link: fg(Color::LightBlue).add_modifier(Modifier::UNDERLINED),
            highlight: fg(Color::Black).bg(Color::Yellow),
        }
    }

    /// Modifiers only: for NO_COLOR and monochrome terminals.
    pub fn mono() -> Theme {
        let m = |m: Modifier| Style::new().add_modifier(m);
        Theme {
            base: Style::new(),
            muted: m(Modifier::DIM),
            border: Style::new(),
            border_focused: m(Modifier::BOLD),
            title: m(Modifier::BOLD),
            selection: m(Modifier::REVERSED),
            tab_active: m(Modifier::REVERSED | Modifier::BOLD),
            tab_inactive: Style::new(),
            status_bar: Style::new(),
            hint_key: m(Modifier::BOLD),
            error: m(Modifier::BOLD | Modifier::REVERSED),
            ok: Style::new(),
            priority_urgent: m(Modifier::BOLD | Modifier::UNDERLINED),
            priority_high: m(Modifier::BOLD),
            priority_normal: Style::new(),
            priority_low: m(Modifier::DIM),
            internal_note: m(Modifier::ITALIC),
            customer_message: m(Modifier::BOLD),
            agent_message: m(Modifier::BOLD),
            heading: m(Modifier::BOLD | Modifier::UNDERLINED),
            code: Style::new(),
            quote: m(Modifier::ITALIC),
            link: m(Modifier::UNDERLINED),
            highlight: m(Modifier::REVERSED),
        }
    }

    pub fn priority(&self, p: crate::domain::ticket::Priority) -> Style {
        use crate::domain::ticket::Priority::*;
        match p {
            Urgent => self.priority_urgent,
            High => self.priority_high,
            Normal => self.priority_normal,
            Low => self.priority_low,
        }
    }
}
