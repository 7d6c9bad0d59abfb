//! What `?` shows: every context of the command registry with its commands and keys as bound, so help cannot
//! fall behind the commands.

use super::commands::{COMMANDS, Context, Keymap};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    pub context: Context,
    pub rows: Vec<HelpRow>,
    /// Keys that are not commands here (typing, digits).
    pub note: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// The bound keys, space-separated (empty: unbound, run it from the palette).
    pub keys: String,
    pub description: &'static str,
    pub name: &'static str,
}

pub fn sections(keymap: &Keymap) -> Vec<HelpSection> {
    Context::ALL
        .iter()
        .map(|&context| HelpSection {
            context,
            rows: COMMANDS
                .iter()
                .filter(|c| c.context == context)
                .map(|c| HelpRow {
                    keys: keymap.keys_for(c.id).join(" "),
                    description: c.description,
                    name: c.name,
                })
                .collect(),
            note: context.note(),
        })
        .filter(|s| !s.rows.is_empty() || s.note.is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_context_with_commands_has_a_section_listing_all_of_them() {
        let keymap = Keymap::defaults();
        let shown = sections(&keymap);
        for ctx in Context::ALL {
            let commands: Vec<&str> = COMMANDS
                .iter()
                .filter(|c| c.context == ctx)
                .map(|c| c.name)
                .collect();
            if commands.is_empty() {
                continue;
            }
            let section = shown
                .iter()
                .find(|s| s.context == ctx)
                .unwrap_or_else(|| panic!("help has no section for {}", ctx.title()));
            let names: Vec<&str> = section.rows.iter().map(|r| r.name).collect();
            assert_eq!(names, commands, "{}", ctx.title());
            assert!(
                section.rows.iter().all(|r| !r.keys.is_empty()),
                "{}: a default command without keys",
                ctx.title()
            );
        }
    }
}
