//! README.md's key tables are `desk keys --markdown` for the default keymap, which is what `?` shows: a command,
//! key or description changed in the registry fails here until README follows. `UPDATE_README=1 cargo test
//! --test readme_keys` rewrites the section.

use desk::app::commands::{COMMANDS, Keymap};
use desk::cli::keys::markdown;

const BEGIN: &str = "<!-- keys:begin -->\n";
const END: &str = "<!-- keys:end -->";

fn readme_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

#[test]
fn readme_key_tables_are_what_help_shows() {
    let path = readme_path();
    let readme = std::fs::read_to_string(&path).expect("README.md is readable");
    let start = readme
        .find(BEGIN)
        .expect("README has the keys:begin marker")
        + BEGIN.len();
    let end = readme.find(END).expect("README has the keys:end marker");
    let expected = markdown(&Keymap::defaults());
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("README.md is writable");
        return;
    }
    assert!(
        readme[start..end] == expected,
        "README.md's key tables differ from the command registry; run `UPDATE_README=1 cargo test --test \
         readme_keys` and review the diff"
    );
}

#[test]
fn every_command_appears_in_the_generated_tables_with_its_keys() {
    let tables = markdown(&Keymap::defaults());
    let keymap = Keymap::defaults();
    for c in COMMANDS {
        let row = tables
            .lines()
            .find(|l| l.ends_with(&format!("| `{}` |", c.name)))
            .unwrap_or_else(|| panic!("{} has no row", c.name));
        for key in keymap.keys_for(c.id) {
            for part in key.split(' ') {
                assert!(row.contains(&format!("`{part}`")), "{row} lacks {part}");
            }
        }
    }
}
