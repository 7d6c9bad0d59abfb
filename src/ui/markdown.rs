//! Markdown on screen: the layout (`app::markdown`) styled by the theme.

use super::theme::Theme;
pub use crate::app::markdown::{Kind, MdLine, line_count, lines, plain};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

pub fn style(kind: Kind, theme: &Theme) -> Style {
    match kind {
        Kind::Plain => theme.base,
        Kind::Strong => theme.base.add_modifier(Modifier::BOLD),
        Kind::Emph => theme.base.add_modifier(Modifier::ITALIC),
        Kind::StrongEmph => theme.base.add_modifier(Modifier::BOLD | Modifier::ITALIC),
        Kind::Code | Kind::CodeBlock => theme.code,
        Kind::Link => theme.link,
        Kind::Url | Kind::Rule | Kind::Marker => theme.muted,
        Kind::Heading => theme.heading,
        Kind::Quote => theme.quote,
        Kind::TableHead => theme.title,
    }
}

pub fn render_lines<'a>(md: &str, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    lines(md, width)
        .into_iter()
        .map(|l| {
            Line::from(
                l.into_iter()
                    .map(|(t, k)| Span::styled(t, style(k, theme)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}
