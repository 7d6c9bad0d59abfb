//! `desk keys`: every key of the terminal interface by where it works, as bound now (defaults and `[keys]`),
//! as text or as the Markdown tables README.md carries (a test keeps README equal to this output).

use super::output::Out;
use crate::app::commands::Keymap;
use crate::app::help::sections;
use crate::i18n::Locale;

#[derive(Debug, clap::Args)]
pub struct KeysArgs {
    /// Markdown tables, one per context (README.md's "Keys" section is this output)
    #[arg(long)]
    pub markdown: bool,
}

/// `|` would end a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// One table per context, in help's order: the keys, what they do, and the command's name for `[keys]`. In
/// English whatever the locale: README carries these tables.
pub fn markdown(keymap: &Keymap) -> String {
    let mut out = String::new();
    for section in sections(keymap, Locale::En) {
        out.push_str(&format!("**{}**\n\n", section.context.title(Locale::En)));
        if !section.rows.is_empty() {
            out.push_str("| keys | what it does | command |\n|---|---|---|\n");
            for row in &section.rows {
                let keys: Vec<String> = row
                    .keys
                    .split(' ')
                    .filter(|k| !k.is_empty())
                    .map(|k| format!("`{}`", cell(k)))
                    .collect();
                out.push_str(&format!(
                    "| {} | {} | `{}` |\n",
                    keys.join(" "),
                    cell(&row.description),
                    row.name
                ));
            }
        }
        if let Some(note) = &section.note {
            if !section.rows.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("{note}\n"));
        }
        out.push('\n');
    }
    out
}

/// Plain text: a heading per context, then `keys  description  (name)` lines, in English like the tables.
fn text(keymap: &Keymap) -> String {
    let mut out = String::new();
    for section in sections(keymap, Locale::En) {
        out.push_str(&format!("{}\n", section.context.title(Locale::En)));
        for row in &section.rows {
            out.push_str(&format!(
                "  {:<16} {}  ({})\n",
                row.keys, row.description, row.name
            ));
        }
        if let Some(note) = section.note {
            out.push_str(&format!("  {note}\n"));
        }
        out.push('\n');
    }
    out
}

pub fn run(keymap: &Keymap, args: &KeysArgs, out: &mut Out<'_>) -> anyhow::Result<()> {
    let body = if args.markdown {
        markdown(keymap)
    } else {
        text(keymap)
    };
    write!(out, "{body}")?;
    Ok(())
}
