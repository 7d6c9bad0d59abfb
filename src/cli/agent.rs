//! `desk agent`: the team's agents, their roles (admins manage them; everyone may list them) and how dispatch
//! sees them: availability, capacity, working hours and skills (leads manage those).

use super::UsageError;
use super::locale::say;
use super::output::Out;
use super::output::{ListFormat, Sink, rfc3339, short_date};
use crate::domain::dispatch::Availability;
use crate::domain::team::Role;
use crate::store::Store;
use crate::store::dispatch::AgentDispatch;
use crate::store::roles::AgentInfo;

#[derive(Debug, clap::Subcommand)]
pub enum AgentCmd {
    /// Add an agent (admins only)
    Add {
        /// The handle they sign in with (config `agent.handle`, else their OS user name)
        handle: String,
        /// Display name (default: the handle)
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// agent, lead or admin
        #[arg(long, default_value = "agent")]
        role: String,
    },
    /// List agents with their roles
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Change an agent's role: agent, lead or admin (admins only)
    SetRole { handle: String, role: String },
    /// Deactivate an agent: they keep their history but can no longer be assigned (admins only)
    Deactivate { handle: String },
    /// Dispatch settings: `desk agent set wang capacity=8 calendar=office availability=away` (leads and admins;
    /// anyone may set their own availability). capacity=none and calendar=none lift the limit
    Set {
        handle: String,
        /// FIELD=VALUE; fields: capacity, calendar, availability (on_duty, away, off)
        #[arg(required = true)]
        changes: Vec<String>,
    },
    /// An agent's skills (key:value, e.g. city:上海, lang:en, product:S9 Smart Lock); --add and --remove change
    /// them (comma-separated; leads and admins)
    Skills {
        handle: String,
        #[arg(long, value_delimiter = ',')]
        add: Vec<String>,
        #[arg(long, value_delimiter = ',')]
        remove: Vec<String>,
    },
}

fn set(
    store: &mut Store,
    handle: &str,
    change: &str,
    now: i64,
    out: &mut Out<'_>,
) -> anyhow::Result<()> {
    let Some((field, value)) = change.split_once('=') else {
        return Err(UsageError(say(
            "usage-not-field-value",
            &[("change", &change), ("example", &"capacity=8")],
        ))
        .into());
    };
    let (field, value) = (field.trim(), value.trim());
    let none = value.eq_ignore_ascii_case("none") || value.is_empty();
    match field {
        "capacity" => {
            let cap =
                if none {
                    None
                } else {
                    Some(value.parse::<u32>().map_err(|_| {
                        UsageError(say("usage-agent-capacity", &[("value", &value)]))
                    })?)
                };
            store.set_agent_capacity(handle, cap, now)?;
            let shown = match cap {
                Some(c) => say("said-agent-capacity", &[("handle", &handle), ("n", &c)]),
                None => say("said-agent-no-limit", &[("handle", &handle)]),
            };
            writeln!(out, "{shown}")?;
        }
        "calendar" => {
            store.set_agent_calendar(handle, (!none).then_some(value), now)?;
            let shown = if none {
                say("said-agent-always-on-shift", &[("handle", &handle)])
            } else {
                say(
                    "said-agent-hours",
                    &[("handle", &handle), ("calendar", &value)],
                )
            };
            writeln!(out, "{shown}")?;
        }
        "availability" => {
            let a = Availability::parse(value).ok_or_else(|| {
                UsageError(say(
                    "usage-agent-availability",
                    &[("value", &value), ("allowed", &Availability::names())],
                ))
            })?;
            let h = store.set_availability(Some(handle), a, now)?;
            let shown = say(
                "said-agent-availability",
                &[
                    ("handle", &h),
                    (
                        "availability",
                        &crate::i18n::tr_of(super::locale::get(), "team-availability-", a.as_str()),
                    ),
                ],
            );
            writeln!(out, "{shown}")?;
        }
        other => {
            return Err(UsageError(say(
                "usage-agent-not-a-field",
                &[
                    ("field", &other),
                    ("fields", &"capacity, calendar, availability"),
                ],
            ))
            .into());
        }
    }
    Ok(())
}

fn role(text: &str) -> anyhow::Result<Role> {
    Role::parse(text).ok_or_else(|| {
        UsageError(say(
            "usage-agent-role",
            &[("value", &text), ("allowed", &Role::names())],
        ))
        .into()
    })
}

const HEADER: &[&str] = &[
    "handle",
    "name",
    "role",
    "active",
    "availability",
    "open",
    "capacity",
    "skills",
    "since",
    "email",
];

/// An agent's row: who they are and, when active, how dispatch sees them.
struct Row<'a>(&'a AgentInfo, Option<&'a AgentDispatch>);

fn cells(row: &Row<'_>) -> Vec<String> {
    let Row(a, d) = row;
    vec![
        a.handle.clone(),
        a.name.to_string(),
        a.role.clone(),
        if a.active { "yes" } else { "no" }.into(),
        d.map(|d| d.availability.label().to_string())
            .unwrap_or_default(),
        d.map(|d| d.open.to_string()).unwrap_or_default(),
        d.and_then(|d| d.capacity)
            .map(|c| c.to_string())
            .unwrap_or_default(),
        d.map(|d| d.skills.join(" ")).unwrap_or_default(),
        short_date(a.created_at),
        a.email.as_ref().map(|e| e.to_string()).unwrap_or_default(),
    ]
}

pub fn run(store: &mut Store, cmd: AgentCmd, now: i64, out: &mut Out<'_>) -> anyhow::Result<()> {
    match cmd {
        AgentCmd::Add {
            handle,
            name,
            email,
            role: r,
        } => {
            let r = role(&r)?;
            let name = name.unwrap_or_else(|| handle.clone());
            store.add_agent(&handle, &name, email.as_deref(), r, now)?;
            let handle = crate::domain::handle::normalize(&handle);
            let line = say("said-agent-added", &[("handle", &handle), ("role", &r)]);
            writeln!(out, "{line}")?;
        }
        AgentCmd::List { format } => {
            let agents = store.agent_list()?;
            let dispatch = store.agent_dispatch()?;
            let rows: Vec<Row<'_>> = agents
                .iter()
                .map(|a| Row(a, dispatch.iter().find(|d| d.handle == a.handle)))
                .collect();
            let mut sink = Sink::new(out, format, HEADER);
            sink.batch(&rows, cells, |Row(a, d), w| {
                let mut v = serde_json::to_value(a)?;
                v["created_at"] = serde_json::Value::from(rfc3339(a.created_at));
                v["dispatch"] = serde_json::to_value(d)?;
                serde_json::to_writer(w, &v)
            })?;
            sink.finish()?;
        }
        AgentCmd::Set { handle, changes } => {
            let handle = crate::domain::handle::normalize(&handle);
            for change in changes {
                set(store, &handle, &change, now, out)?;
            }
        }
        AgentCmd::Skills {
            handle,
            add,
            remove,
        } => {
            let skills = store.set_agent_skills(&handle, &add, &remove, now)?;
            if skills.is_empty() {
                writeln!(out, "{}", say("said-agent-no-skills", &[]))?;
            }
            for s in skills {
                writeln!(out, "{s}")?;
            }
        }
        AgentCmd::SetRole { handle, role: r } => {
            let r = role(&r)?;
            store.set_agent_role(&handle, Some(r), now)?;
            let handle = crate::domain::handle::normalize(&handle);
            let line = say("said-agent-role", &[("handle", &handle), ("role", &r)]);
            writeln!(out, "{line}")?;
        }
        AgentCmd::Deactivate { handle } => {
            store.set_agent_role(&handle, None, now)?;
            let handle = crate::domain::handle::normalize(&handle);
            let line = say("said-agent-deactivated", &[("handle", &handle)]);
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
