//! `[[mail.inbound]]`: the IMAP mailboxes `desk mail fetch` (and a running desk) reads, each with what its new
//! tickets get by default.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

use super::mail::Security;
use crate::domain::intake::TicketDefaults;
use crate::domain::ticket::{Kind, Priority};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InboundConfig {
    /// What desk calls the mailbox in its output (`desk mail fetch --mailbox NAME`). Default: username/folder.
    pub name: Option<String>,
    pub host: String,
    /// Default: 993 with `security = "tls"`, 143 otherwise.
    pub port: Option<u16>,
    /// "tls" (implicit TLS, the default), "starttls", or "none" (only to a server on this machine).
    #[serde(default = "tls")]
    pub security: Security,
    pub username: String,
    /// The environment variable that holds the password (never the password itself).
    pub password_env: Option<String>,
    /// A command whose first line of output is the password, when `password_env` is unset.
    pub password_command: Option<String>,
    /// The folder to read. Default: "INBOX".
    #[serde(default = "inbox")]
    pub folder: String,
    /// What happens to a message once it is in desk: "flag" it seen (the default) or "move" it to `move_to`.
    #[serde(default)]
    pub after_fetch: AfterFetch,
    /// The folder fetched mail is moved to with `after_fetch = "move"`; created when missing.
    pub move_to: Option<String>,
    /// A PEM file of certificates to trust besides the public roots (a server with the company's own CA).
    pub ca_file: Option<PathBuf>,
    /// New tickets from this mailbox: group (by name), kind, priority.
    pub group: Option<String>,
    pub kind: Option<Kind>,
    pub priority: Option<Priority>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AfterFetch {
    #[default]
    Flag,
    Move,
}

fn tls() -> Security {
    Security::Tls
}

fn inbox() -> String {
    "INBOX".into()
}

impl InboundConfig {
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(match self.security {
            Security::Tls => 993,
            Security::Starttls | Security::None => 143,
        })
    }

    /// The name output uses.
    pub fn label(&self) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| format!("{}/{}", self.username, self.folder))
    }

    /// The mailbox's key in the database: its account and folder, so renaming `name` does not read it again.
    pub fn key(&self) -> String {
        format!(
            "{}@{}:{}/{}",
            self.username,
            self.host,
            self.port(),
            self.folder
        )
    }

    pub fn defaults(&self) -> TicketDefaults {
        TicketDefaults {
            kind: self.kind,
            priority: self.priority,
            group: self.group.clone(),
        }
    }

    /// What is wrong with this mailbox's settings, said so the user can fix it.
    pub fn check(&self) -> Option<String> {
        let at = format!("[[mail.inbound]] {}", self.label());
        if self.host.trim().is_empty() {
            return Some(format!("{at}: host is empty"));
        }
        if self.username.trim().is_empty() {
            return Some(format!("{at}: username is empty"));
        }
        if self.password_env.is_none() && self.password_command.is_none() {
            return Some(format!(
                "{at}: set password_env (an environment variable) or password_command; the password never goes in the config file"
            ));
        }
        if let Some(why) = crate::domain::imap_name::problem(&self.folder) {
            return Some(format!("{at}: folder {why}"));
        }
        match (self.after_fetch, &self.move_to) {
            (AfterFetch::Move, None) => {
                return Some(format!(
                    "{at}: after_fetch = \"move\" needs move_to (the folder fetched mail goes to)"
                ));
            }
            (AfterFetch::Move, Some(to)) if to == &self.folder => {
                return Some(format!(
                    "{at}: move_to is the folder being fetched; name another folder"
                ));
            }
            (_, Some(to)) => {
                if let Some(why) = crate::domain::imap_name::problem(to) {
                    return Some(format!("{at}: move_to {why}"));
                }
            }
            _ => {}
        }
        if self.security == Security::None && !is_loopback(&self.host) {
            return Some(format!(
                "{at}: security = \"none\" would send the password in the clear to {}; use \"tls\" or \"starttls\" (\"none\" is only for a server on this machine)",
                self.host
            ));
        }
        None
    }
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// What is wrong with the list as a whole (two mailboxes of one name).
pub fn check_all(list: &[InboundConfig]) -> Option<String> {
    for (i, m) in list.iter().enumerate() {
        if let Some(problem) = m.check() {
            return Some(problem);
        }
        if list.iter().skip(i + 1).any(|o| o.label() == m.label()) {
            return Some(format!(
                "[[mail.inbound]]: two mailboxes are called \"{}\"; give each a different name",
                m.label()
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<InboundConfig> {
        #[derive(Deserialize)]
        struct W {
            inbound: Vec<InboundConfig>,
        }
        toml::from_str::<W>(text).unwrap().inbound
    }

    #[test]
    fn defaults_are_implicit_tls_on_993_reading_inbox_and_flagging() {
        let m = parse(
            "[[inbound]]\nhost = \"imap.example.com\"\nusername = \"service@example.com\"\npassword_env = \"P\"\n",
        );
        let m = &m[0];
        assert_eq!(
            (m.security, m.port(), m.folder.as_str()),
            (Security::Tls, 993, "INBOX")
        );
        assert_eq!(m.after_fetch, AfterFetch::Flag);
        assert_eq!(m.key(), "service@example.com@imap.example.com:993/INBOX");
        assert_eq!(m.check(), None);
    }

    #[test]
    fn each_mistake_is_named() {
        let base = "host = \"imap.example.com\"\nusername = \"u\"\n";
        let cases = [
            ("", "password_env"),
            (
                "password_env = \"P\"\nafter_fetch = \"move\"\n",
                "needs move_to",
            ),
            (
                "password_env = \"P\"\nafter_fetch = \"move\"\nmove_to = \"INBOX\"\n",
                "is the folder being fetched",
            ),
            (
                "password_env = \"P\"\nsecurity = \"none\"\n",
                "in the clear",
            ),
            ("password_env = \"P\"\nfolder = \"\"\n", "folder is empty"),
        ];
        for (extra, says) in cases {
            let m = parse(&format!("[[inbound]]\n{base}{extra}"));
            let problem = m[0].check().unwrap_or_default();
            assert!(problem.contains(says), "{extra:?}: {problem}");
        }
        let local = parse(
            "[[inbound]]\nhost = \"127.0.0.1\"\nusername = \"u\"\npassword_env = \"P\"\nsecurity = \"none\"\n",
        );
        assert_eq!(local[0].check(), None);
        assert_eq!(local[0].port(), 143);
    }

    #[test]
    fn the_example_mailbox_in_config_example_parses_and_passes_its_checks() {
        let example = include_str!("../../config.example.toml");
        let block: String = example
            .lines()
            .skip_while(|l| *l != "## [[mail.inbound]]")
            .take_while(|l| l.starts_with("##"))
            .filter_map(|l| l.strip_prefix("## "))
            .map(|l| {
                format!(
                    "{}\n",
                    l.strip_prefix("[[mail.")
                        .map_or(l.to_string(), |r| format!("[[{r}"))
                )
            })
            .collect();
        let m = parse(&block);
        assert_eq!(m.len(), 1, "{block}");
        assert_eq!(m[0].after_fetch, AfterFetch::Move);
        assert_eq!(m[0].check(), None);
    }

    #[test]
    fn two_mailboxes_of_one_name_are_refused() {
        let one = "[[inbound]]\nhost = \"h\"\nusername = \"u\"\npassword_env = \"P\"\n";
        let list = parse(&format!("{one}{one}"));
        assert!(
            check_all(&list)
                .unwrap()
                .contains("two mailboxes are called \"u/INBOX\"")
        );
    }
}
