//! `[theme]`: a base theme and colour overrides, resolved to the renderer's `Theme`. NO_COLOR wins over both.

use crate::ui::Theme;
use ratatui::style::Color;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    #[default]
    Default,
    /// Monochrome: modifiers only.
    Mono,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThemeConfig {
    pub name: ThemeName,
    pub colors: ThemeColors,
}

/// Optional colour overrides on the default theme.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThemeColors {
    pub accent: Option<ColorSpec>,
    pub selection_bg: Option<ColorSpec>,
    pub selection_fg: Option<ColorSpec>,
    pub muted: Option<ColorSpec>,
    pub urgent: Option<ColorSpec>,
    pub high: Option<ColorSpec>,
    pub normal: Option<ColorSpec>,
    pub low: Option<ColorSpec>,
    pub internal_note: Option<ColorSpec>,
    pub link: Option<ColorSpec>,
}

/// A colour: a name (`red`, `lightblue`, `darkgray`…), `#rrggbb`, or an index `"0"`–`"255"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColorSpec(pub Color);

const NAMES: &[(&str, Color)] = &[
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("darkgray", Color::DarkGray),
    ("lightred", Color::LightRed),
    ("lightgreen", Color::LightGreen),
    ("lightyellow", Color::LightYellow),
    ("lightblue", Color::LightBlue),
    ("lightmagenta", Color::LightMagenta),
    ("lightcyan", Color::LightCyan),
    ("white", Color::White),
];

/// Text that names no colour.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a colour (use a name like red or lightblue, #rrggbb, or 0–255)")]
pub struct ColorError {
    /// The text as given.
    pub text: String,
}

impl ColorSpec {
    pub fn parse(s: &str) -> Result<ColorSpec, ColorError> {
        let t = s.trim().to_ascii_lowercase();
        if let Some((_, c)) = NAMES.iter().find(|(n, _)| *n == t) {
            return Ok(ColorSpec(*c));
        }
        if let Some(hex) = t.strip_prefix('#')
            && hex.len() == 6
            && let Ok(v) = u32::from_str_radix(hex, 16)
        {
            return Ok(ColorSpec(Color::Rgb(
                (v >> 16) as u8,
                (v >> 8) as u8,
                v as u8,
            )));
        }
        if let Ok(i) = t.parse::<u8>() {
            return Ok(ColorSpec(Color::Indexed(i)));
        }
        Err(ColorError {
            text: s.to_string(),
        })
    }

    fn text(&self) -> String {
        match self.0 {
            Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
            Color::Indexed(i) => i.to_string(),
            c => NAMES
                .iter()
                .find(|(_, n)| *n == c)
                .map_or("reset", |(n, _)| n)
                .to_string(),
        }
    }
}

impl Serialize for ColorSpec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text())
    }
}

impl<'de> Deserialize<'de> for ColorSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ColorSpec::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl ThemeConfig {
    /// The renderer's theme. `no_color` (NO_COLOR set) forces monochrome whatever the config says.
    pub fn resolve(&self, no_color: bool) -> Theme {
        if no_color || self.name == ThemeName::Mono {
            return Theme::mono();
        }
        let mut t = Theme::colored();
        let c = &self.colors;
        let fg = |style: &mut ratatui::style::Style, spec: &Option<ColorSpec>| {
            if let Some(ColorSpec(col)) = spec {
                *style = style.fg(*col);
            }
        };
        fg(&mut t.border_focused, &c.accent);
        fg(&mut t.hint_key, &c.accent);
        fg(&mut t.heading, &c.accent);
        fg(&mut t.selection, &c.selection_fg);
        if let Some(ColorSpec(col)) = c.selection_bg {
            t.selection = t.selection.bg(col);
        }
        fg(&mut t.muted, &c.muted);
        fg(&mut t.border, &c.muted);
        fg(&mut t.priority_urgent, &c.urgent);
        fg(&mut t.priority_high, &c.high);
        fg(&mut t.priority_normal, &c.normal);
        fg(&mut t.priority_low, &c.low);
        fg(&mut t.internal_note, &c.internal_note);
        fg(&mut t.link, &c.link);
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_by_name_hex_and_index_or_say_what_was_given() {
        assert_eq!(
            ColorSpec::parse(" LightBlue "),
            Ok(ColorSpec(Color::LightBlue))
        );
        assert_eq!(
            ColorSpec::parse("#ff8000"),
            Ok(ColorSpec(Color::Rgb(255, 128, 0)))
        );
        assert_eq!(ColorSpec::parse("42"), Ok(ColorSpec(Color::Indexed(42))));
        let e = ColorSpec::parse("reddish").unwrap_err();
        assert_eq!(e.text, "reddish");
        assert_eq!(
            e.to_string(),
            "`reddish` is not a colour (use a name like red or lightblue, #rrggbb, or 0–255)"
        );
    }
}
