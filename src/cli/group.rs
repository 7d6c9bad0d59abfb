//! `desk group`: the departments (部门 / 服务组) tickets are routed to. Leads and admins create, rename and staff
//! them; everyone may list them.

use super::UsageError;
use super::locale::say;
use super::output::Out;
use super::output::{ListFormat, Sink, rfc3339, short_date};
use crate::domain::dispatch::Strategy;
use crate::store::Store;
use crate::store::groups::GroupInfo;

#[derive(Debug, clap::Subcommand)]
pub enum GroupCmd {
    /// Create a group, e.g. `desk group add 售后服务部` (leads and admins)
    Add { name: String },
    /// List groups with their members
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// A group's members; --add and --remove change them (handles, comma-separated; leads and admins)
    Members {
        name: String,
        #[arg(long, value_delimiter = ',')]
        add: Vec<String>,
        #[arg(long, value_delimiter = ',')]
        remove: Vec<String>,
    },
    /// Change a group: `desk group set 售后 name=售后服务部 assignment=round-robin` (leads and admins)
    Set {
        name: String,
        /// FIELD=VALUE; fields: name, assignment (manual, round-robin, least-load, skills), archived (yes, no)
        #[arg(required = true)]
        changes: Vec<String>,
    },
}

const HEADER: &[&str] = &["name", "assignment", "archived", "members", "since"];

fn cells(g: &GroupInfo) -> Vec<String> {
    vec![
        g.name.to_string(),
        g.assignment.as_str().replace('_', "-"),
        g.archived_at.map(short_date).unwrap_or_default(),
        g.members.join(", "),
        short_date(g.created_at),
    ]
}

pub fn run(store: &mut Store, cmd: GroupCmd, now: i64, out: &mut Out<'_>) -> anyhow::Result<()> {
    match cmd {
        GroupCmd::Add { name } => {
            let name = store.add_group(&name, now)?;
            writeln!(out, "{}", say("said-group-added", &[("name", &name)]))?;
        }
        GroupCmd::List { format } => {
            let groups = store.group_list()?;
            let mut sink = Sink::new(out, format, HEADER);
            sink.batch(&groups, cells, |g, w| {
                let mut v = serde_json::to_value(g)?;
                v["created_at"] = serde_json::Value::from(rfc3339(g.created_at));
                serde_json::to_writer(w, &v)
            })?;
            sink.finish()?;
        }
        GroupCmd::Members { name, add, remove } => {
            let members = store.staff_group(&name, &add, &remove, now)?;
            if members.is_empty() {
                writeln!(out, "{}", say("said-group-no-members", &[]))?;
            }
            for m in members {
                writeln!(out, "{m}")?;
            }
        }
        GroupCmd::Set { name, changes } => {
            let mut current = name;
            for change in changes {
                let Some((field, value)) = change.split_once('=') else {
                    return Err(UsageError(say(
                        "usage-not-field-value",
                        &[("change", &change), ("example", &"name=售后服务部")],
                    ))
                    .into());
                };
                match field.trim() {
                    "name" => {
                        let (old, renamed) = store.rename_group(&current, value, now)?;
                        let line = say("said-group-renamed", &[("old", &old), ("new", &renamed)]);
                        writeln!(out, "{line}")?;
                        current = renamed;
                    }
                    "assignment" => {
                        let how = Strategy::parse(value).ok_or_else(|| {
                            UsageError(say(
                                "usage-group-assignment",
                                &[
                                    ("value", &value),
                                    ("allowed", &"manual, round-robin, least-load, skills"),
                                ],
                            ))
                        })?;
                        store.set_group_assignment(&current, how, now)?;
                        let how = how.as_str().replace('_', "-");
                        let line = say("said-group-assigns", &[("group", &current), ("how", &how)]);
                        writeln!(out, "{line}")?;
                    }
                    "archived" => {
                        let archive = match value.trim().to_ascii_lowercase().as_str() {
                            "yes" | "true" => true,
                            "no" | "false" => false,
                            _ => {
                                return Err(UsageError(say(
                                    "usage-group-archived",
                                    &[("value", &value)],
                                ))
                                .into());
                            }
                        };
                        store.archive_group(&current, archive, now)?;
                        let key = if archive {
                            "said-group-archived"
                        } else {
                            "said-group-open-again"
                        };
                        writeln!(out, "{}", say(key, &[("group", &current)]))?;
                    }
                    other => {
                        return Err(UsageError(say(
                            "usage-group-not-a-field",
                            &[("field", &other), ("fields", &"name, assignment, archived")],
                        ))
                        .into());
                    }
                }
            }
        }
    }
    Ok(())
}
